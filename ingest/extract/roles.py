"""Agency roles in an obligation: who leads, who cooperates, read from where the unit stands.

Positions that give work: the subject that opens a clause (区应急局负责…, 交通、公安等部门按照…), the unit
after 由 (由区政府组织…), the units after 会同/协同 (cooperate), a labelled clause (（牵头单位：…；配合单位：…）,
（责任单位：…）), a trailing responsibility clause (（A牵头，B按职责分工负责）), an item headed by its unit
(区教育局：…), and, when the item names none, the unit of a parent heading (二、区应急局职责). Units that
are only objects — of 配合/协助/指导/督促, of a report (报送A与B), of an approval — are given nothing.
A list of equals is all lead unless the text names a lead (牵头) or the document says the first-listed
unit leads (排在第一位的为牵头部门). ``agency_grammar.py`` reads the unit names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from policykg.ingest.extract.agencies import AgencyHit, on_word_boundary, parse_unit_list
from policykg.ingest.extract.agency_grammar import _pos_tokenizer, longest_units_at, units_of
from policykg.ingest.extract.agency_registry import registry_of
from policykg.ingest.extract.cues import ACTION, DUTY_CUE
from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.model import AgencyMention, Document, Span

# What may follow a subject: a duty cue, an action verb, a role word, an adverb or preposition that opens a
# predicate, or the colon of an item heading (区教育局：组织协调…).
_PREDICATE = (r"(?:要|应当|应|须|必须|视情|根据需要|负责|牵头|会同|配合|协助|协同|参与|联合|将|对|在|按照|按|根据|依法|依照|依据|"
              r"结合|定期|共同|统筹|组织|是|为|作为|分别|具体|主要|继续|立即|及时|切实|认真|全面|积极|进一步|不得|"
              r"严禁|确保|可以|可|接到|接收|于|每年|每季度|每月|向|通过|利用|发挥|承担|履行|以|与|和|适时|做好|"
              r"会商|审核|提出|设立|核定|建立|制定|编制|确定|采取|提供|加大|已|也|还|均|统一|专门|直接|按时|"
              r"全力|迅速|做|实行|开展|落实|推进|推动|完成|加强|指导|督促|协调|实施|细化|研究|审议|听取|决定|"
              r"召开|部署|安排|批准|同意|印发|发布|启动|终止|解除|接受|评估|核查|复核|汇总|收集|报送|上报|报告|"
              r"派|调集|征用|动员|指派|保障|维护|修复|配置|储备|准备|提出|拟订|起草|修订|审定|认定|公布|办理|"
              r"受理|查处|处理|调查|处置|监督|检查|管理|督办|考核|通报|约谈|追究|移送|会同|独立|直接|自行|予以|给予|"
              r"责令|作出|出具|核发|颁发|登记|委托|授权|指定)")
# the listed words as one trie (re follows one branch per character), the cues with their look-arounds apart:
# only whether something matches is asked, so the order of the alternatives does not matter
_FOLLOW_WORDS = re.compile(r"\s*(?:[：:]|" + literal_trie(_PREDICATE[3:-1].split("|") + ACTION.pattern.split("|")).pattern
                           + "|" + DUTY_CUE.pattern + ")")


# the staff of a unit bound by a duty (区应急局工作人员应当…保密): the unit's own staff, so the duty is the unit's
_STAFF_THEN_DUTY = re.compile(r"(?:的)?(?:工作人员|执法人员)\s*(?:应当|应(?![对急用])|要(?![求素点])|须|必须|不得|严禁)")


# an aside that declares a short name for the unit before it: （以下简称“区城运应急委”）, （简称区应急委）
_ASIDE = re.compile(r"[（(](?:以下)?(?:简称|统称|称)[^（）()]{1,24}[）)]\s*[，,]?\s*")


class _Predicate:
    """What may follow a subject: a listed cue or verb, else any word jieba reads as a verb, adverb or
    preposition (各级政府分级落实…, 市政府针对…), or the unit's staff bound by a duty cue."""

    def __init__(self) -> None:
        self._opens: dict[str, bool] = {}  # by the four characters from the position: they decide it

    def match(self, text: str, pos: int) -> bool:
        if text[pos:pos + 1] in "（(" and (aside := _ASIDE.match(text, pos)) is not None:
            pos = aside.end()  # 林业行政主管部门（以下简称林业部门）负责…: the aside names the subject, the predicate follows
        if _FOLLOW_WORDS.match(text, pos):
            return True
        if pos >= len(text) or not "\u4e00" <= text[pos] <= "\u9fff":
            return False
        if text[pos] in "工执的" and _STAFF_THEN_DUTY.match(text, pos):
            return True
        window = text[pos:pos + 4]
        opens = self._opens.get(window)
        if opens is None:
            if len(self._opens) > 100000:
                self._opens.clear()
            opens = self._opens[window] = self._opens_with_verb(window)
        return opens

    @staticmethod
    def _opens_with_verb(window: str) -> bool:
        tags = _pos_tokenizer().word_tag_tab  # the longest dictionary word starting here, by look-up
        for k in range(len(window), 0, -1):
            flag = tags.get(window[:k])
            if flag is not None:
                return flag in ("v", "vn", "d", "ad", "p", "vd") and window[:k] not in ("的", "和", "及")
        return False


_FOLLOW = _Predicate()
_PERSON_NEXT = re.compile(r"(?:的)?(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志|领导干部|一把手|书记|主任|局长|镇长|"
                          r"乡长|区长|县长|市长|队长|站长|所长|处长|科长)|(?:主要|分管)领导")
_FOLLOW_ITEM_HEAD = re.compile(r"\s*[。：:]")
_FOLLOW_CLAUSE_END = re.compile(r"\s*(?:[，,。；;]|$)")
_LEAD_IN = re.compile(r"(?:\s|第[一二三四五六七八九十百零〇0-9]{1,5}条|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|(?:[0-9０-９]{1,3}[\.．]){1,4}[0-9０-９]{1,3}(?=\s)|"
                      r"[0-9０-９]{1,3}[\.．、）)]|[一二三四五六七八九十]{1,3}、"
                      r"|请|并|同时|其中|另外|此外|"
                      r"原则上|对此|为此|必要时|届时|然后|随后|最后|首先|其次|再次|二是|一是|三是|四是|五是|一般|其(?![他余]))*")
_CLAUSE_MARK = re.compile(r"[。；;：:，,！!？?\n]")
_COOPERATE_NEXT = re.compile(r"\s*(?:负责|积极|主动|要|应当|应|全力)?(?:配合|协助|参与|协同)")
_LEAD_NEXT = re.compile(r"\s*(?:负责)?牵头")
# a subject set off by a comma before the lead-in of its predicate (X等部门，按照各自职责共同做好…; X，要…)
_SUBJECT_THEN_COMMA = re.compile(r"\s*[，,]\s*(?:按照|根据|依照|依据|结合|围绕|要|应当|应|须|必须|均|都|分别|共同|各自|"
                                 r"在各自|依法)")
_WHEN = ("过程中", "期间", "之后", "以后", "之前", "以前", "时", "后")
_CIRCUMSTANCE = re.compile(r"[^，,。；;：:\s]{2,24}?(?P<when>" + "|".join(_WHEN) + r")(?=[\u4e00-\u9fff])")
# a phrase of time ends in one of those words, opening 2 to 24 characters after the clause start: where no
# first character of one stands there, the pattern need not be tried
_WHEN_OPENS = re.compile("[" + "".join(sorted({w[0] for w in _WHEN})) + "]")
_SET_UP = re.compile(r"(?:成立|组建|设立)")
_DECLARED_THEN_LEADS = re.compile(r"\s*(?:[（(](?:以下)?简称[^（）()]{1,20}[）)])?\s*[，,]?\s*(?:负责|牵头|统筹)")
# X可以…；Y应当…: a power given to X beside a duty of another party (a 并应当 continues X's own clause)
_POWER_NEXT = re.compile(r"\s*(?:也|亦|还)?(?:可以|可(?=[\u4e00-\u9fff]))")
_DUTY_ELSEWHERE = re.compile(r"(?<![并也还])(?:应当|必须|(?<![必])须(?![知]))")
_TOGETHER = re.compile(r"(?:会同|协同|联合)")
_WITH = re.compile(r"与")
# X与Y共同/联合…: Y acts jointly with X; 与Y建立…机制, 与Y合作, 与Y衔接 name a counterpart of X's one-sided act,
# told nothing it must do (gold README roles 10)
_JOINTLY = re.compile(r"(?:共同|一起|联合|协同)")
_LED_BY = re.compile(r"(?:(?:也|亦)?(?:可|可以)?由|委托)(?:其|各自的?|[^，。；由]{0,8}所在地的?)?")
_GUIDED = re.compile(r"在(?P<u>[^，。；]{2,40}?)(?:的)?(?:统一)?(?P<v>指导、协助|指导和协助|指导|领导|指挥|统筹协调|统筹|督导|"
                     r"组织)下[，,]?")
_TAKES_PART = ("指导", "领导", "协助")
# 由X指导，由Y组织实施 / 业务上受X指导: X only guides work another unit does (the guide of a duty, as in
# 在X指导下): it cooperates; 接受X的指导和监督 is a party's submission, and 由X指导Y开展… X's own work
_GUIDES_ONLY = re.compile(r"\s*(?:的)?(?:业务)?指导(?=\s*(?:[，,。；;]|$))")
_GUIDED_BY = re.compile(r"(?<!接)受(?:其)?")  # 在X指导/领导下: X takes part; 在X统筹协调下: X only sets the frame
_ATTRIBUTIVE = re.compile(r"\s*(?:牵头|负责|组成|组织|担任|任|主持)[^，。；]{0,20}?的")
_COOPERATE_CUE = re.compile(r"配合|协同|协助|参与")
_LEAD_CUE = re.compile(r"牵头|负责")
_FIRST_LEADS = re.compile(r"(?:排在第一位|排在首位|排名第一|列第一位|列在第一位|列首位|排序第一|排第一|第一个|首位)的?"
                          r"(?:者|部门|单位)?(?:为|是)牵头")
_LABEL_NAME = r"(?:牵头|负责|责任|配合|协办|主办|参与|协助|主责)[^：:（）()，。；]{0,6}?(?:单位|部门|处室|科室|主体)"
# （牵头单位：X，责任单位：Y）: a comma before the next label closes the list before it
_LABEL = re.compile(rf"(?P<label>{_LABEL_NAME})[：:]\s*"
                    rf"(?P<units>(?:(?![，,]\s*{_LABEL_NAME}[：:])[^；;。（）()\n])+)")
# 〔A、B按职责分工负责〕: some provincial texts close a task with the hexagonal bracket
_RESP_HEX = re.compile(r"〔(?P<body>[^〔〕]*(?:牵头|负责|配合|参与|指导|协助)[^〔〕]*)〕\s*[。；]?$")
_RESP = re.compile(r"[（(](?P<body>[^（）()]*(?:[（(][^（）()]{1,6}[）)][^（）()]*)*"
                   r"(?:牵头|负责|配合|参与|指导|协助)[^（）()]*(?:[（(][^（）()]{1,6}[）)][^（）()]*)*)[）)]\s*[。；]?$")
# （A、B按职责分工负责）with no lead named before it: equals sharing the work, not helpers of a lead
_HELPS = re.compile(r"配合|参与|指导督促|协助|协同|督促指导")
_COOP = re.compile(r"按职责分工负责|分工负责|按职责负责|配合|参与|指导督促|协助|协同|督促指导")
_ROLE_TAIL = re.compile(r"(?:按职责分工负责|分工负责|按职责负责|牵头负责|共同负责|负责落实|负责|牵头|配合|参与|指导督促|指导|协助)$")
_LIST_LEAD_IN = re.compile(r"(?:下列|如下|以下)[^，。；]{0,8}$")
_HEADING_FOLLOW = re.compile(r"\s*(?:$|[：:]|(?:的)?[^，。；：:]{0,10}(?:职责|责任|任务|分工)|在各自|按照职责)")
_HEADING_NUMBER = re.compile(r"^\s*(?:第[一二三四五六七八九十百]+[章节条]|[（(]?[0-9一二三四五六七八九十]{1,3}[）)]?"
                             r"(?:[\.．、]\d{0,2})*)?\s*")


def _mention(hit: AgencyHit, role: str, rule: str) -> AgencyMention:
    role = "collective" if hit.collective else role
    return AgencyMention(hit.text, hit.name, role, hit.span, hit.key, hit.region_code, hit.generic,
                         f"{rule};{hit.rule}")


@lru_cache(maxsize=256)
def _first_listed_leads(text: str) -> bool:
    return bool(_FIRST_LEADS.search(text))


def first_listed_leads(doc: Document) -> bool:
    """Whether the document says the first unit of each list leads (排在第一位的部门为牵头部门)."""
    return _first_listed_leads(doc.text)


def _equals(hits: list[AgencyHit], rule: str, first_leads: bool) -> list[AgencyMention]:
    """A list of units given one task: all lead, or the first lead and the rest cooperate where the
    document says so; collectives stay collective."""
    out, lead_given = [], False
    for h in hits:
        role = "lead"
        if first_leads and not h.collective:
            role = "cooperate" if lead_given else "lead"
            lead_given = True
        out.append(_mention(h, role, rule))
    return out


def roles_from_list(units: list[AgencyHit], rule: str, lead_first: bool = False, text: str = "",
                    offset: int = 0) -> list[AgencyMention]:
    """A 责任单位 list (a table cell): units marked 牵头 lead and the others cooperate; with no mark every unit
    leads (a list of equals), or the first one where ``lead_first``. ``text`` is the cell the units were read
    from (starting at ``offset``), where a mark may follow the name: 区住建局牵头，区应急局."""
    marked = [h for h in units if "牵头" in h.text or text and _LEAD_MARK.match(text, h.span.end - offset)]
    if marked:
        return [_mention(h, "lead" if h in marked else "cooperate", rule) for h in units]
    return _equals(units, rule, lead_first)


_LEAD_MARK = re.compile(r"\s*[（(]?牵头")


def _units(text: str, doc: Document, offset: int) -> list[AgencyHit]:
    """The units of a written list: the grammar first, the dictionary's list reader for what it cannot read."""
    text_s = re.sub(r"(?:等|等有关单位|等单位)$", "", text.strip().strip("。．.：:")) if not re.search(
        r"等(?:有关|相关)?(?:部门|单位)$", text.strip()) else text.strip().strip("。．.：:")
    lead = len(text) - len(text.lstrip())
    hits = units_of(text_s, doc.region, offset + lead)
    if hits is None and ("，" in text_s or "," in text_s):
        # 省经信委、省财政厅，各设区市政府: a comma parts the lists of two levels, each read on its own
        hits, at = [], offset + lead
        for part in re.split(r"([，,])", text_s):
            if part and part not in "，,":
                hits += _units(part, doc, at)
            at += len(part)
        return hits
    return hits if hits is not None else parse_unit_list(text_s, doc.region, offset + lead)


def labelled_clause(text: str, doc: Document, offset: int) -> list[AgencyMention] | None:
    """Agencies of labelled lists: （牵头单位：A；配合单位：B、C）, （责任单位：…）, 牵头处室：…."""
    found = list(_LABEL.finditer(text))
    if not found:
        return None
    out: list[AgencyMention] = []
    named_lead = any(m.group("label").startswith(("牵头", "主办")) for m in found)
    for m in found:
        label = m.group("label")
        # 责任单位 beside a 牵头单位 label shares the work under that lead, as a 责任单位 column beside a 牵头 one
        role = "cooperate" if re.match(r"配合|协办|参与|协助", label) or named_lead and not label.startswith(
            ("牵头", "主办")) else "lead"
        hits = _units(m.group("units"), doc, offset + m.start("units"))
        if role == "lead" and not label.startswith(("牵头", "主办")):
            out.extend(_equals(hits, "labelled:" + label, first_listed_leads(doc)))
        else:
            out.extend(_mention(h, role, "labelled:" + label) for h in hits)
    return out


def responsibility_clause(text: str, doc: Document, offset: int) -> tuple[list[AgencyMention], int] | None:
    """Agencies of a labelled list (（牵头单位：…；配合单位：…）) or of a trailing （A牵头，B、C按职责分工负责）
    clause, and where that clause starts."""
    labelled = labelled_clause(text, doc, offset)
    if labelled:
        return labelled + carried_agencies(doc, offset), offset + min(a.span.start - offset for a in labelled)
    m = _RESP.search(text) if _closes_with_bracket(text) else None
    if m is None and text.rstrip().rstrip("。；").endswith("〕"):
        m = _RESP_HEX.search(text)
    if not m:
        m, text_after, offset_after = _paragraph_clause(text, doc, offset)
        if not m:
            lines = _label_lines_after(text, doc, offset)
            return (lines + carried_agencies(doc, offset), offset + len(text)) if lines else None
        text, offset = text_after, offset_after
    body, base = m.group("body"), offset + m.start("body")
    out: list[AgencyMention] = []
    pos = 0
    first_leads = first_listed_leads(doc)
    for part in re.split(r"[，,；;。]", body):
        if _FIRST_LEADS.search(part):
            continue  # 列第一位者为牵头单位: the convention, read by first_listed_leads
        idx = body.find(part, pos)
        pos = idx + len(part)
        units_text = _ROLE_TAIL.sub("", part.strip())
        at = base + idx + (len(part) - len(part.lstrip()))
        # a list closed by 等 (X、Y等按职责分工负责) is read whole: the units before a predicate could end
        # inside a name (人行郑州中心|支行, 支行 read as a verb)
        listed = units_of(_CLOSING_DENG.sub("", units_text), doc.region, at)
        read = None if listed else longest_units_at(units_text, 0, doc.region, at, follow=_FOLLOW)
        # （X牵头，省有关部门具体实施）: the units before the part's own predicate
        hits = read[0] if read is not None else _units(units_text, doc, at)
        if "牵头" in part:
            out.extend(_mention(h, "lead", "responsibility_clause") for h in hits)
        elif _COOP.search(part) and (_HELPS.search(part) or any(x.role == "lead" for x in out)):
            out.extend(_mention(h, "cooperate", "responsibility_clause") for h in hits)
        else:  # （A、B负责）: equals, unless the document ranks the first as lead
            lead_given = any(x.role == "lead" for x in out)
            for h in hits:
                role = "cooperate" if first_leads and lead_given and not h.collective else "lead"
                lead_given = lead_given or not h.collective
                out.append(_mention(h, role, "responsibility_clause"))
    return out + carried_agencies(doc, offset), offset + m.start()


_CLOSING_DENG = re.compile(r"等$")


# 以下均需试点城市政府落实（，不再列出）: a unit named once for every task that follows
_CARRIED_DECLARATION = re.compile(r"以下(?:各项|所有)?(?:任务|工作|措施|事项)?(?:均|都|皆|全部|统一)(?:需要|需|须|应当|应|要)?由?"
                                  r"(?P<units>[^，,。；;（）()、]{2,40}?)(?:负责)?(?:组织实施|落实|负责|承担|实施)")


_DECLARED_FOR: list = [None, ()]  # (document, its declarations) of the last call: asked once per task


def _carried_declarations(doc: Document) -> tuple[tuple[int, int, str, int], ...]:
    """(from, to, units as written, where they start) for each 以下均需X落实 of a document: from the
    declaration to the end of the outermost section holding it (the whole text when none does)."""
    if _DECLARED_FOR[0] is doc:
        return _DECLARED_FOR[1]
    text, sections = doc.text, doc.sections
    out = []
    for m in _CARRIED_DECLARATION.finditer(text):
        holding = [s for s in sections if s.span.start <= m.start() < s.span.end]
        end = min((s.span.end for s in holding if s.depth == min(h.depth for h in holding)), default=len(text))
        out.append((m.end(), end, m.group("units"), m.start("units")))
    _DECLARED_FOR[0], _DECLARED_FOR[1] = doc, tuple(out)
    return _DECLARED_FOR[1]


def carried_agencies(doc: Document, offset: int) -> list[AgencyMention]:
    """The units a declaration before ``offset`` (以下均需试点城市政府落实) gives every task after it."""
    out: list[AgencyMention] = []
    for start, end, units, at in _carried_declarations(doc):
        if start <= offset < end:
            out.extend(_mention(h, "lead", "carried_declaration") for h in _units(units, doc, at))
    return out


def _closes_with_bracket(text: str) -> bool:
    """Whether ``text`` ends with a closing bracket (then perhaps 。 or ；), as every ``_RESP`` match does: a
    text that does not is not searched."""
    tail = text.rstrip()
    if tail[-1:] in ("。", "；"):
        tail = tail[:-1].rstrip()
    return tail[-1:] in ("）", ")")


def _paragraph_clause(text: str, doc: Document, offset: int) -> tuple[re.Match[str] | None, str, int]:
    """The responsibility clause that closes the paragraph holding ``text`` (a sentence of it): it names
    the units of every sentence before it (…增强试点方案系统性。…（生态环境部、…指导））."""
    end = offset + len(text)
    if doc.text[offset:end] != text:
        return None, text, offset
    para_end = doc.text.find("\n", end)
    para_end = len(doc.text) if para_end < 0 else para_end
    rest = doc.text[end:para_end]
    if not rest.strip() or len(rest) > 2000 or not rest.rstrip().endswith(("）", ")", "）。", ")。")):
        return None, text, offset
    m = _RESP.search(rest)
    if m is None or m.start() != _last_paren_start(rest):
        return None, text, offset
    return m, rest, end


_LABEL_LINE = re.compile(r"[ \t\u3000]*(?:牵头|负责|责任|配合|协办|主办|参与|协助|主责)[^：:\n（）()]{0,6}?(?:单位|部门|处室|科室)"
                         r"[ \t\u3000]*[：:][^\n]*")


def _label_lines_after(text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """Agencies of the label lines right after the paragraph that ``text`` ends (…完成。⏎牵头单位：X⏎配合单位：Y):
    a task list that gives each task's units on lines of their own."""
    end = offset + len(text)
    if doc.text[offset:end] != text or doc.text[end:end + 1] not in ("\n", "\r"):
        return []
    first, pos = None, end
    while True:
        while pos < len(doc.text) and doc.text[pos] in "\r\n":
            pos += 1
        line = _LABEL_LINE.match(doc.text, pos)
        if line is None or pos - end > 4:
            break
        first = pos if first is None else first
        end = pos = line.end()
    # read as one clause, so that a 责任单位 line under a 牵头单位 line cooperates
    return labelled_clause(doc.text[first:end], doc, first) or [] if first is not None else []


def _last_paren_start(rest: str) -> int:
    depth, i = 0, len(rest.rstrip().rstrip("。；")) - 1
    while i >= 0:
        depth += rest[i] in "）)"
        depth -= rest[i] in "（("
        if depth == 0:
            return i
        i -= 1
    return -1


def _item_heading_roles(hits: list[AgencyHit], body: str, doc: Document) -> list[AgencyMention]:
    """An item headed by its unit (1.派出所。配合开展…，负责…): cooperate when the item opens with
    配合/协助 a unit, lead when it leads or carries work of its own; both when it does both."""
    roles = []
    coop, lead = _COOPERATE_CUE.search(body[:30]), _LEAD_CUE.search(body)
    if coop and not _helps_a_unit(body, coop.end(), doc):
        coop = None  # 配合做好…: the work is its own
    # a later duty of the item that opens with 参与/配合 (派出所：负责…；参与…调查处理): it also cooperates
    later = [m for m in _DUTY_START.finditer(body) if m.start() > 0 and _helps_a_unit(body, m.end(), doc)]
    if coop and (lead is None or coop.start() < lead.start()) or later:
        roles.append("cooperate")
    first = _COOPERATE_CUE.match(body, _skip_lead_in(body, 0))
    if lead or not roles or later and not first:
        roles.append("lead")  # its first duty is its own work (统一组织…；…；参与…)
    return [_mention(h, r, "item_heading") for h in hits for r in roles]


_DUTY_START = re.compile(r"(?<=[；;。])\s*(?:配合|参与|协助|协同)")


def _clause_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _CLAUSE_MARK.finditer(text) if m.end() < len(text)]


def _skip_lead_in(text: str, pos: int) -> int:
    return _LEAD_IN.match(text, pos).end()


def subject_agencies(text: str, doc: Document, offset: int,
                     headings: Sequence[str] | None = None) -> list[AgencyMention]:
    """Units in subject position of each clause, after 由, and after 会同/协同 (cooperate); when the text
    names none, the unit of the nearest parent heading (``headings``: the heading chain, outermost first)."""
    found = _subjects(text, doc, offset) + carried_agencies(doc, offset)
    if any(a.rule.startswith(("subject", "led_by", "item_heading")) for a in found) or _names_own_subject(text):
        return found
    carried = _carried_subject(doc, offset) if _ELIDED.match(text, _skip_lead_in(text, 0)) else []
    if carried:
        return carried + found
    step = _previous_step_subject(text, doc, offset)
    if step:
        return step + found
    parents = heading_chain_agencies(doc, offset, headings or None)
    if parents and _helps_only(text, doc):
        # 二、公安派出所职责 ⏎ 1.协助消防救援机构做好…: the heading's unit helps the unit its item names
        parents = [replace(a, role="cooperate", rule="parent_heading_helps") if a.role == "lead" else a
                   for a in parents]
    return parents + found


# an item that opens with help given to a named unit (协助消防救援机构…), no duty of its own after it
_HELP_OPENS = re.compile(r"(?:协助|配合)")
_OWN_DUTY_AFTER = re.compile(r"[；;。]\s*(?:负责|牵头|组织|承担)")


def _helps_only(text: str, doc: Document) -> bool:
    """Whether an item gives its heading's unit only help to a unit it names (gold README roles 2)."""
    m = _HELP_OPENS.match(text, _skip_lead_in(text, 0))
    return m is not None and longest_units_at(text, m.end(), doc.region, 0, follow=_FOLLOW) is not None \
        and not _OWN_DUTY_AFTER.search(text, m.end())


# a step of a procedure: its number and a run-in name (3．许可。), the act after it
_STEP = re.compile(r"\s*(?P<n>\d{1,2})\s*[．.、]\s*(?P<name>[^。，,；;：:\n]{1,12})[。：:]\s*")
_TOPIC_HEADING = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])", re.MULTILINE)
_PROCEDURE = re.compile(r"(?:流程|程序|步骤|环节)[^。；\n]{0,6}(?:[：:。]|\n)")
_APPLICANT = re.compile(r"(?:申请人|申请单位|当事人|举报人|企业|个人|单位)")


def _previous_step_subject(text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """The unit of the step before, for a step whose act names none (承前省略, README roles 9): 2．现场检查。
    消防救援机构…⏎3．许可。自检查之日起3个工作日内作出决定 → 消防救援机构. Not when the act is the applicant's,
    and only from the step numbered one less, in the lines right above (no other heading between)."""
    line_start = doc.text.rfind("\n", 0, offset) + 1
    line = doc.text[line_start:offset + len(text)]
    m = _STEP.match(line)  # (the caller may pass the text with its number stripped)
    if m is None or int(m.group("n")) < 2 or offset - line_start > m.end() or _APPLICANT.match(line, m.end()):
        return []
    offset = line_start
    prev = re.compile(r"^[ \t\u3000]*" + str(int(m.group("n")) - 1) + r"\s*[．.、]", re.MULTILINE)
    window_start = max(0, offset - 3000)
    found = None
    for found in prev.finditer(doc.text, window_start, offset):
        pass
    if found is None:
        return []
    between = doc.text[found.start():offset]
    if _TOPIC_HEADING.search(between):
        return []  # a heading of another topic lies between
    first = None
    for first in re.compile(r"^[ \t\u3000]*1\s*[．.、]", re.MULTILINE).finditer(doc.text, window_start, found.end()):
        pass
    if first is None or not _PROCEDURE.search(doc.text, max(0, first.start() - 300), first.start()):
        return []  # numbered items of a plan are tasks of their own, not the steps of one procedure
    line_end = doc.text.find("\n", found.start())
    line = doc.text[found.start():line_end if line_end >= 0 else offset]
    got = [a for a in _subjects(line, doc, found.start()) if a.rule.startswith(("subject", "led_by", "item_heading"))]
    if not got:
        return _previous_step_subject(line, doc, found.start()) if _STEP.match(line) else []
    return [AgencyMention(a.text, a.name, a.role, a.span, a.key, a.region_code, a.generic, "step_before;" + a.rule)
            for a in got]


_ELIDED = re.compile(r"(?:还|也|并|同时|另外|此外)?(?:要|应当|应|须|必须|负责|牵头)")


def _carried_subject(doc: Document, offset: int) -> list[AgencyMention]:
    """The subject of the sentence before, in the same paragraph, for a sentence that writes none
    (海关总署要继续做好牵头工作。要继续促进…): Chinese drops a subject it has just named."""
    para_start = doc.text.rfind("\n", 0, offset) + 1
    before = doc.text[para_start:offset].rstrip()
    if not before or not before.endswith(("。", "；", ";")) or len(before) > 3000:
        return []
    cut = max(before.rfind("。", 0, len(before) - 1), before.rfind("；", 0, len(before) - 1)) + 1
    prev_start = para_start + cut
    prev = doc.text[prev_start:para_start + len(before)]
    got = [a for a in _subjects(prev, doc, prev_start) if a.rule.startswith(("subject", "led_by"))]
    if not got and cut > 0:
        return _carried_subject(doc, prev_start)  # two subjectless sentences in a row
    return [AgencyMention(a.text, a.name, a.role, a.span, a.key, a.region_code, a.generic, "carried;" + a.rule)
            for a in got]


# the cue as a word of its own: 应对, 应急, 要求, 负责人 hold a cue's character and are no cue
_OWN_SUBJECT = re.compile(r"^[^，。；：:,]{2,40}?(?:应当|应(?![对急用])|要(?![求素点])|须|必须|负责(?!人)|不得|严禁)")


def _names_own_subject(text: str) -> bool:
    """Whether the first clause has a subject of its own before its duty cue (负责…的单位应当…), even one
    that names no agency: then a parent heading's unit is not its agent."""
    p = _skip_lead_in(text, 0)
    m = _OWN_SUBJECT.match(text, p)
    if m is None:
        return False
    before_cue = text[p:m.end()]
    if re.search(r"的[\u4e00-\u9fff]{1,8}(?:应当|应|要|须|必须|负责|不得|严禁)$", before_cue):
        return True  # 负责公共消防设施维护管理的单位应当…: a noun phrase, though it opens with a verb
    return not ACTION.match(text, p) and not _VERB_FIRST.match(text, p)


_VERB_FIRST = re.compile(r"(?:依法|定期|及时|负责|组织|指导|督促|协助|配合|积极|认真|严格|按照|根据|结合|对|在|将|把|做好|"
                         r"协调|保障|保证|确保|制定|完成|参与|承担|履行|推动|推进|加强|建立|落实|开展)")


def _subjects(text: str, doc: Document, offset: int) -> list[AgencyMention]:
    first_leads = first_listed_leads(doc)
    out: list[AgencyMention] = []
    taken: list[tuple[int, int]] = []
    guiding = list(_GUIDED.finditer(text))
    guided = [(m.start(), m.end()) for m in guiding]
    registry = registry_of(doc)
    for m in guiding:
        if m.group("v").startswith(_TAKES_PART):
            u = m.group("u")
            hits = units_of(u.removesuffix("的"), doc.region, offset + m.start("u"))
            out.extend(_mention(h, "cooperate", "under_guidance") for h in hits or [])

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    def peek(pos: int, follow=_FOLLOW) -> tuple[list[AgencyHit], int] | None:
        if guided and any(a <= pos < b for a, b in guided):
            return None
        r = longest_units_at(text, pos, doc.region, offset, follow=follow, registry=registry)
        if r is None or _PERSON_NEXT.match(text, r[1]):
            return None
        return r

    def read(pos: int, follow=_FOLLOW) -> tuple[list[AgencyHit], int] | None:
        if guided and any(a <= pos < b for a, b in guided):
            return None  # the guiding unit of 在X指导下 is given nothing; the subject after it is
        r = longest_units_at(text, pos, doc.region, offset, follow=follow, registry=registry)
        if r is None or not free(pos, r[1]) or _PERSON_NEXT.match(text, r[1]):
            return None  # 镇政府主要负责人牵头: a person of the unit, not the unit
        taken.append((pos, r[1]))
        return r

    for c in _clause_starts(text):
        p = _skip_lead_in(text, c)
        g = next((b for a, b in guided if a == p), None)
        if g is not None:
            p = _skip_lead_in(text, g)
        lb = _LED_BY.match(text, p)
        led = lb is not None
        if lb is not None:
            p = lb.end()
        # 县级以上人民政府及其有关部门和乡镇人民政府、街道办事处，应当…: the whole list before the comma, not the
        # part before 和 that a predicate word could follow
        longer = None if led else peek(p, _SUBJECT_THEN_COMMA)
        if longer is not None and free(p, longer[1]) and ((shorter := peek(p)) is None or longer[1] > shorter[1]):
            taken.append((p, longer[1]))
            r: tuple[list[AgencyHit], int] | None = longer
        else:
            r = read(p)
        if r is None and c == 0:
            r = read(p, _FOLLOW_ITEM_HEAD)  # 1.街道消委办。牵头… : an item headed by its unit
        if r is None and _WHEN_OPENS.search(text, p + 2, p + 25) and (when := _CIRCUMSTANCE.match(text, p)) is not None \
                and (len(when.group("when")) > 1 or on_word_boundary(text, when.start("when"))):
            # (the 时 of 及时 and 同时, the 后 of 然后 and 今后 end no phrase of time)
            r = read(when.end())  # 举报处理过程中各相关职能部门应…: the subject after a phrase of time
            p = when.end() if r is not None else p
        if r is None:
            continue
        hits, e = r
        if len(hits) == 1 and text[e:e + 2] == "负责" and (dd := _DEFINED_DEPARTMENT.match(text, e)) is not None:
            hits, e = [_defined_department(hits[0], dd, offset)], dd.end()
        if c == 0 and not led and _FOLLOW_ITEM_HEAD.match(text, e):
            out.extend(_item_heading_roles(hits, text[e + 1:], doc))  # 派出所：配合开展…，负责…
            continue
        if not led and _POWER_NEXT.match(text, e) and _DUTY_ELSEWHERE.search(text):
            continue  # X可以…，Y应当…: X is given a power, the duty is Y's
        if led and _ATTRIBUTIVE.match(text, e):
            continue  # 成立由镇政府主要负责人牵头的领导小组: describes the group, assigns nothing
        if led and _GUIDES_ONLY.match(text, e):
            out.extend(_mention(h, "cooperate", "guides") for h in hits)
        elif led or _LEAD_NEXT.match(text, e):
            out.extend(_mention(h, "lead", "led_by" if led else "subject_lead") for h in hits)
        elif (cm := _COOPERATE_NEXT.match(text, e)) and _helps_a_unit(text, cm.end(), doc):
            out.extend(_mention(h, "cooperate", "subject_cooperate") for h in hits)
        else:
            out.extend(_equals(hits, "subject", first_leads))
    # every match of _LED_BY holds 由 or 委托: most texts hold neither and are not scanned (its optional
    # lead characters make re try each position)
    for m in _LED_BY.finditer(text) if "由" in text or "委托" in text else ():
        r = read(m.end())
        if r is not None and not _ATTRIBUTIVE.match(text, r[1]):
            role = "cooperate" if _GUIDES_ONLY.match(text, r[1]) else "lead"
            out.extend(_mention(h, role, "led_by" if role == "lead" else "guides") for h in r[0])
    for m in _GUIDED_BY.finditer(text) if "受" in text else ():
        r = read(m.end(), _GUIDES_ONLY)
        if r is not None:  # 业务上受市建设行政管理部门指导
            out.extend(_mention(h, "cooperate", "guides") for h in r[0])
    for m in _SET_UP.finditer(text):
        r = read(m.end(), _DECLARED_THEN_LEADS)
        if r is not None:  # 成立X领导组（以下简称“领导组”）负责统筹…: the body set up does the work
            out.extend(_mention(h, "lead", "set_up") for h in r[0])
    for m in _TOGETHER.finditer(text):
        if m.group() == "联合" and not _joins_a_unit(text, m.end(), peek):
            continue  # 联合实验室, 成立联合采购办公室: 联合 names the body, it joins no partner
        r = read(m.end()) or read(m.end(), _FOLLOW_CLAUSE_END)  # 会同有关部门，组织…
        if r is not None:
            out.extend(_mention(h, "cooperate", "together_with") for h in r[0])
    for m in _WITH.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "，,、":
            continue
        r = read(m.end(), _JOINTLY)
        if r is not None:  # X与Y共同…: Y acts as X does, with X's role (a lead where no X is written)
            before = [a for a in out if a.span.start < offset + m.start()]
            role = before[-1].role if before else "lead"
            out.extend(_mention(h, role, "jointly_with") for h in r[0])
    out.sort(key=lambda a: a.span.start)
    return out


_PLACED_OR_SET = re.compile(r"(?:各|有关|相关|其他|本|全|省|市|区|县|镇|乡|街道|国家|中央|国务院)")


def _joins_a_unit(text: str, pos: int, peek) -> bool:
    """Whether 联合 before ``pos`` joins a partner (联合区应急局开展…, 联合各部门…) rather than naming a joint body
    (联合实验室, 联合采购办公室): the partner is written with its level or a set marker, or is a known kind."""
    r = peek(pos) or peek(pos, _FOLLOW_CLAUSE_END)
    return r is not None and all(h.key or _PLACED_OR_SET.match(h.text) for h in r[0])


# U负责…的部门（以下简称Y）: a department of U defined by its act and named Y (gold README roles 4: a term the
# document defines as one unit is that unit), the subject in U's place
_DEFINED_DEPARTMENT = re.compile(r"负责[^，。；、（）()]{1,30}的(?:部门|机构|科室|处室)[（(]以下(?:简称|称)“?"
                                 r"(?P<short>[\u4e00-\u9fff]{2,12})”?[）)]")


def _defined_department(unit: AgencyHit, m: re.Match[str], offset: int) -> AgencyHit:
    short = m.group("short")
    span = Span(offset + m.start("short"), offset + m.end("short"))
    return AgencyHit(short, unit.name + short, span, "", "unit", unit.region_code, False, "defined_department")


def _helps_a_unit(text: str, pos: int, doc: Document) -> bool:
    """Whether what the subject 配合s is a unit (配合国家在沪金融管理部门: it cooperates) rather than a
    party or an act (配合考古发掘单位开展…, 配合做好…: the work is its own)."""
    if longest_units_at(text, pos, doc.region, 0, follow=_FOLLOW) is not None:
        return True
    return not re.match(r"[\u4e00-\u9fff]{0,12}(?:单位|企业|人员|个人|业主|群众)", text[pos:]) and \
        not re.match(r"(?:做好|开展|完成|实施|落实|推进|加强)", text[pos:])


def heading_agencies(para_text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """Units of an item headed by its unit (1.街道消委办。牵头… / 区教育局：组织…), read with the
    subjects (``subject_agencies`` finds them): nothing of its own, kept for callers that add the two."""
    return []


def heading_chain_agencies(doc: Document, offset: int, headings: Sequence[str] | None = None) -> list[AgencyMention]:
    """The unit of the nearest parent heading that names one (二、区应急局职责; 区级指挥部主要职责如下),
    given to an item that names none: lead, or collective for a collective."""
    chain = list(headings) if headings is not None else None
    sections = [] if chain is not None else sorted(
        (s for s in doc.sections if s.span.start < offset < s.span.end and s.heading), key=lambda s: -s.depth)
    candidates: list[tuple[str, int]] = []
    if chain is not None:
        for h in reversed(chain):
            at = _heading_at(doc.text, h, offset)
            candidates.append((h, at if at >= 0 else offset))
    else:
        for s in sections:
            at = doc.text.find(s.heading, s.span.start, s.span.end)
            if at >= 0 and at + len(s.heading) <= offset:
                candidates.append((s.heading, at))
    for heading, at in candidates:
        found = _starts_with_heading(doc.text, at, heading)
        line = _full_line(doc.text, at) if found else heading  # (the chain cuts a heading at 60 characters)
        if _CASES.search(line):
            # 有下列行为之一的，由林业行政主管部门责令改正…：its subject is the offender; the unit after 由, when
            # the lead-in names one, acts on every case listed (a 处罚 or 处分 is its duty)
            return _led_by_in(line, doc, at)
        written = line if found else heading
        p = _HEADING_NUMBER.match(written).end()
        r = longest_units_at(written, p, doc.region, at, follow=_HEADING_FOLLOW)
        if r is None and _LIST_LEAD_IN.search(written):
            # 应急管理部门收到举报事项后，按照下列规定办理：the subject of a lead-in does what its items say
            r = longest_units_at(written, _skip_lead_in(written, p), doc.region, at, follow=_FOLLOW)
            if r is None and found:
                # 违反本办法有关规定，由X按照以下规定给予处罚：the unit after 由 acts on each item
                led = _led_by_in(line, doc, at)
                if led:
                    return led
        if r is not None:
            return [_mention(h, "lead", "parent_heading") for h in r[0]]
    return []


# 有下列行为之一的，由X…：; 有下列行为之一，但未引起森林火灾的，由X…：(a condition between the cases and 的)
_CASES = re.compile(r"下列[^，。；：:]{0,6}之一(?:的|[，,][^，。；：:]{1,20}的)")


def _heading_at(text: str, heading: str, before: int) -> int:
    """Where ``heading`` (as the heading chain gives it: spaces dropped) starts in ``text`` before ``before``,
    or -1: the nearest occurrence, spaces in the text ignored (第八条 各级… is the chain's 第八条各级…)."""
    at = text.rfind(heading, 0, before)
    if at >= 0 or not heading:
        return at
    squashed, where = _squashed(text)
    found = squashed.rfind(heading, 0, bisect_left(where, before))
    return where[found] if found >= 0 else -1


@lru_cache(maxsize=8)
def _squashed(text: str) -> tuple[str, list[int]]:
    """``text`` without its whitespace, and where each of its characters stands in ``text``."""
    # (read by runs of non-space characters: ``\S`` is what ``str.isspace`` is not)
    runs = list(_NON_SPACE_RUN.finditer(text))
    return "".join(m.group() for m in runs), [i for m in runs for i in range(m.start(), m.end())]


_NON_SPACE_RUN = re.compile(r"\S+")


def _starts_with_heading(text: str, at: int, heading: str) -> bool:
    if text.startswith(heading, at):
        return True
    squashed, where = _squashed(text)
    k = bisect_left(where, at)
    return bool(heading) and k < len(where) and where[k] == at and squashed.startswith(heading, k)


def _full_line(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[at:end if end >= 0 else len(text)]


def _led_by_in(line: str, doc: Document, at: int) -> list[AgencyMention]:
    """The units after 由 in a lead-in of cases (…的，由其上级机关或者监察机关责令改正：), lead (collective for a set)."""
    for m in _LED_BY.finditer(line) if "由" in line else ():
        r = longest_units_at(line, m.end(), doc.region, at, follow=_FOLLOW)
        if r is not None:
            return [_mention(h, "lead", "cases_led_by") for h in r[0]]
    return []


def assign_agencies(text: str, doc: Document, offset: int,
                    headings: Sequence[str] | None = None) -> list[AgencyMention]:
    """Every agency ``text`` (at ``offset`` of ``doc``) gives work to, with its role, each once per role."""
    resp = responsibility_clause(text, doc, offset)
    if resp and resp[0]:
        return dedupe(resp[0])
    return dedupe(subject_agencies(text, doc, offset, headings))


def _same_kind_written_longer(short: str, longer: str) -> bool:
    return short != longer and (longer == "各" + short or re.sub(r"[（(][^（）()]*[）)]", "", longer) == short)


def dedupe(ms: list[AgencyMention]) -> list[AgencyMention]:
    """Each (agency, role) once, the first mention kept; collectives written differently stay apart
    (科室 and 有关单位 are both 各有关单位, but the text names two groups)."""
    seen: dict[tuple[str, str, str], AgencyMention] = {}
    for m in ms:
        if m.role == "collective" and any(k[0] == m.name and k[1] == m.role and (k[2] in m.text or m.text in k[2])
                                          for k in seen):
            continue  # 街镇 after 街镇（园区）: the same group written shorter
        if not m.key and m.name == m.text and any(_same_kind_written_longer(m.text, v.text) for v in seen.values()):
            continue  # 街镇 after 各街镇 or 街镇（园区）: the kind just named, written shorter
        seen.setdefault((m.name, m.role, m.text if m.role == "collective" else ""), m)
    return list(seen.values())

