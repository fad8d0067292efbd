"""What a unit in an obligation is read with: the words that may follow a subject (a predicate), the
lead-ins before one, the patterns of responsibility clauses and headings, and the making of a mention with
its role (a list of equals, a first-listed lead). Shared by the role modules (``role_subjects``,
``role_elided``, ``role_assign``, ``role_clauses``, ``role_headings``)."""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.agencies import AgencyHit, parse_unit_list
from policykg.ingest.extract.agency_grammar import _pos_tokenizer, units_of
from policykg.ingest.extract.cues import ACTION, DUTY_CUE
from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.model import AgencyMention, Document

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
        self._manner: dict[str, bool] = {}  # by the ten characters from the position: a manner word and the verb after it

    def match(self, text: str, pos: int) -> bool:
        if self.plain(text, pos):
            return True
        if text[pos:pos + 1] in "（(" and (aside := _ASIDE.match(text, pos)) is not None:
            pos = aside.end()
        return _MANNER_OPENS.match(text, pos) is not None and self.manner_then_verb(text, pos)

    def plain(self, text: str, pos: int) -> bool:
        """``match`` without a word of manner before the verb (a self name such as 本市 needs more: role_subjects)."""
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

    def manner_then_verb(self, text: str, pos: int) -> bool:
        """Whether a word of manner and a verb open ``text`` at ``pos`` (cached by the ten characters from there)."""
        window = text[pos:pos + 10]
        opens = self._manner.get(window)
        if opens is None:
            if len(self._manner) > 100000:
                self._manner.clear()
            opens = self._manner[window] = self._manner_then_verb(window)
        return opens

    @staticmethod
    def _opens_with_verb(window: str) -> bool:
        word, flag = _longest_word(window, len(window))  # the longest dictionary word starting here, by look-up
        # (X由Y…: the passive, Y acts on X, which is its object, never its subject)
        return flag in ("v", "vn", "d", "ad", "p", "vd") and word not in ("的", "和", "及", "由")

    @staticmethod
    def _manner_then_verb(window: str) -> bool:
        """Whether ``window`` opens with a word of manner (有序, 因地制宜, 分工协作, 主动, 广泛) and a verb right after it
        (有序组织…, 因地制宜确定…): the manner word is an adverbial of the predicate, as 依法 or 及时 is."""
        tags = _pos_tokenizer().word_tag_tab
        for k in range(min(len(window), 4), 1, -1):  # (jieba's dictionary holds a few runs such as 广泛开展 as one word)
            manner = window[:k]
            if tags.get(manner) not in _MANNER_TAGS and manner not in _MANNER_NOUNS:
                continue
            rest = window[k + 1:] if window[k:k + 1] == "地" else window[k:]  # 有序地组织
            if _longest_word(rest)[1] in ("v", "vd"):  # (a noun of action, vn, is as often the head of a noun phrase)
                return True
        return False


def _longest_word(text: str, most: int = 4) -> tuple[str, str | None]:
    """The longest dictionary word (up to ``most`` characters) that opens ``text`` and its jieba tag ("", None if none)."""
    tags = _pos_tokenizer().word_tag_tab
    for k in range(min(len(text), most), 0, -1):
        flag = tags.get(text[:k])
        if flag is not None:
            return text[:k], flag
    return "", None


# A word of manner before the verb of a predicate: jieba tags adjectives, adverbs of manner, idioms and set phrases so
# (广泛, 严格, 因地制宜, 按规定); distinguishing words (b: 大型, 专职) only modify nouns and are left out, but for 主动, which
# jieba tags so; the nouns written as adverbials of manner in plans and laws are a closed set of their own
_MANNER_TAGS = frozenset(["a", "ad", "i", "l", "z"])
_MANNER_NOUNS = frozenset(["有序", "分类", "分工协作", "高度", "全力", "大力", "精准", "着力", "分批", "主动"])
_MANNER_OPENS = re.compile("[\u4e00-\u9fff]{3}")
_FOLLOW = _Predicate()
_LEAD_IN = re.compile(r"(?:\s|第[一二三四五六七八九十百零〇0-9]{1,5}条|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|(?:[0-9０-９]{1,3}[\.．]){1,4}[0-9０-９]{1,3}(?=\s)|"
                      r"[0-9０-９]{1,3}[\.．、）)]|[一二三四五六七八九十]{1,3}、"
                      r"|请|并|同时|其中|另外|此外|"
                      r"原则上|对此|为此|必要时|届时|然后|随后|最后|首先|其次|再次|二是|一是|三是|四是|五是|一般|其(?![他余]))*")
_CLAUSE_MARK = re.compile(r"[。；;：:，,！!？?\n]")
# (由其他部门处理的: 其 of 其他 is no pronoun; the other departments of a referral clause are given no act here)
# (由所在地区人民政府: a bare 所在地 before the unit is a place word of its name, kept in the mention as written (gold README
# schema; roles 1: place words keep it a kind); 由项目所在地的… and 由其… are read past)
_LED_BY = re.compile(r"(?:(?:也|亦)?(?:可|可以)?由|委托)(?!其[他余它])(?:其|各自的?|[^，。；由]{1,8}所在地的?|所在地的)?")
_BARE_PLACE = "所在地"


def past_bare_place(text: str, pos: int, reads) -> int:
    """Where the unit after 由 starts: at a bare 所在地 when the units read from there (由所在地区人民政府), else after it,
    where the place word opens no name the grammar reads (由所在地区、县人民政府: a list of tiers, read after it)."""
    if not text.startswith(_BARE_PLACE, pos) or reads(pos) is not None:
        return pos
    return pos + len(_BARE_PLACE)


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
    """Whether the document says the first unit of each list leads (constructed: 列在首位的部门为牵头部门)."""
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


def _clause_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _CLAUSE_MARK.finditer(text) if m.end() < len(text)]


# the characters a lead-in opens with (besides a space): where another stands, there is none to skip
_LEAD_IN_OPENS = frozenset("第（(0123456789０１２３４５６７８９一二三四五六七八九十请并同其另此原对为必届然随最首再")


def _skip_lead_in(text: str, pos: int) -> int:
    ch = text[pos:pos + 1]
    if ch and ch not in _LEAD_IN_OPENS and not ch.isspace():
        return pos  # (most clause starts: the pattern need not be tried)
    return _LEAD_IN.match(text, pos).end()
