"""Agency roles in an obligation: who leads, who cooperates, read from where the unit stands.

Positions that give work: the subject that opens a clause (区应急局负责…, 交通、公安等部门按照…), the unit
after 由 (由区政府组织…), the units after 会同/协同 (cooperate), a labelled clause (（牵头单位：…；配合单位：…）,
（责任单位：…）), a trailing responsibility clause (（A牵头，B按职责分工负责）), an item headed by its unit
(区教育局：…), and, when the item names none, the unit of a parent heading (二、区应急局职责). Units that
are only objects — of 配合/协助/指导/督促, of a report (报送A与B), of an approval — are given nothing.
A list of equals is all lead unless the text names a lead (牵头) or the document says the first-listed
unit leads (排在第一位的为牵头部门). ``agency_grammar.py`` reads the unit names; this module reads subjects
and assigns, ``role_clauses.py`` reads responsibility clauses, ``role_headings.py`` parent headings, and
``role_words.py`` holds what they share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from policykg.ingest.extract.agencies import AgencyHit, on_word_boundary
from policykg.ingest.extract.agency_grammar import longest_units_at, units_of
from policykg.ingest.extract.agency_registry import registry_of
from policykg.ingest.extract.cues import ACTION
from policykg.ingest.extract.role_clauses import carried_agencies, labelled_clause
from policykg.ingest.extract.role_clauses import responsibility_clause as _clause_units
from policykg.ingest.extract.role_headings import heading_agencies, heading_chain_agencies
from policykg.ingest.extract.role_words import (
    _FOLLOW,
    _LABEL_NAME,
    _LED_BY,
    _clause_starts,
    _equals,
    _mention,
    _skip_lead_in,
    first_listed_leads,
    roles_from_list,
)
from policykg.ingest.model import AgencyMention, Document, Span

# the module's public functions, those of the clause and heading readers included (one import place)
__all__ = ["assign_agencies", "carried_agencies", "clause_and_own_subjects", "dedupe", "first_listed_leads",
           "heading_agencies", "heading_chain_agencies", "labelled_clause", "roles_from_list", "subject_agencies"]

_PERSON_NEXT = re.compile(r"(?:的)?(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志|领导干部|一把手|书记|主任|局长|镇长|"
                          r"乡长|区长|县长|市长|队长|站长|所长|处长|科长)|(?:主要|分管)领导")
_FOLLOW_ITEM_HEAD = re.compile(r"\s*[。：:]")
_FOLLOW_CLAUSE_END = re.compile(r"\s*(?:[，,。；;]|$)")
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
_GUIDED = re.compile(r"在(?P<u>[^，。；]{2,40}?)(?:的)?(?:统一)?(?P<v>指导、协助|指导和协助|指导|领导|指挥|统筹协调|统筹|督导|"
                     r"组织)下[，,]?")
_TAKES_PART = ("指导", "领导", "协助")
# 由X指导，由Y组织实施 / 业务上受X指导: X only guides work another unit does (the guide of a duty, as in
# 在X指导下): it cooperates; 接受X的指导和监督 is a party's submission, and 由X指导Y开展… X's own work
_GUIDES_ONLY = re.compile(r"\s*(?:的)?(?:业务)?指导(?=\s*(?:[，,。；;]|$))")
_GUIDED_BY = re.compile(r"(?<!接)受(?:其)?")  # 在X指导/领导下: X takes part; 在X统筹协调下: X only sets the frame
_MEMBERS_LISTED = re.compile(r"由[^，。；]{2,80}?(?:派人|派员)?(?:共同)?组成")
_COMPOSED = re.compile(r"\s*(?:派人|派员)?(?:共同)?组成(?!\s*[\u4e00-\u9fff]{0,12}(?:小组|工作组|专班|指挥部|委员会|领导组))")
_ATTRIBUTIVE = re.compile(r"\s*(?:牵头|负责|组成|组织|担任|任|主持)[^，。；]{0,20}?的")
_COOPERATE_CUE = re.compile(r"配合|协同|协助|参与")
_LEAD_CUE = re.compile(r"牵头|负责")


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



def subject_agencies(text: str, doc: Document, offset: int,
                     headings: Sequence[str] | None = None) -> list[AgencyMention]:
    """Units in subject position of each clause, after 由, and after 会同/协同 (cooperate); when the text
    names none, the unit of the nearest parent heading (``headings``: the heading chain, outermost first)."""
    found = _subjects(text, doc, offset) + carried_agencies(doc, offset)
    if any(a.rule.startswith(("subject", "led_by", "item_heading")) for a in found) or _names_own_subject(text) \
            or "组成" in text and _MEMBERS_LISTED.search(text):
        return found  # (由A、B…组成: the text names who acts, as members of a body; no heading unit stands in)
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
        if r is not None and _COMPOSED.match(text, r[1]):
            continue  # 事故调查组由A、B…组成: the members of a body the clause describes, given no act
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


def clause_and_own_subjects(text: str, doc: Document, offset: int) -> tuple[list[AgencyMention], int] | None:
    """Agencies of a responsibility clause (``role_clauses.responsibility_clause``), and where it starts; when
    the clause names a lead, also the units the body before it gives an act of their own (各级政府要…（省人社厅
    牵头）, gold README roles 7 and 8: a unit written as the subject of an act is an agency wherever the act is
    written), after the clause's units and not where the clause already names the same unit."""
    resp = _clause_units(text, doc, offset)
    if not resp or not any(a.role == "lead" for a in resp[0]):
        return resp
    body = text[:max(0, min(len(text), resp[1] - offset))]
    label = _LABEL_OPENS.search(body)
    body = body[:label.start()] if label else body  # （责任单位：…: the label is no subject
    own = [a for a in _subjects(body, doc, offset) if a.rule.startswith(_OWN_ACT)
           and _MODAL_NEXT.match(text, a.span.end - offset) and not any(_same_unit(a, c) for c in resp[0])]
    return resp[0] + own, resp[1]


_OWN_ACT = ("subject",)
# the body's own duty: its subject bound by a modal (各级政府要…, 失业保险经办机构要及时…)
_MODAL_NEXT = re.compile(r"\s*(?:也|还|均|都)?(?:应当|应(?![对急用])|要(?![求素点])|须|必须)")
_LABEL_OPENS = re.compile(rf"[（(〔]?\s*{_LABEL_NAME}\s*[：:]")
_KIND_TAIL = re.compile(r"(?:行政|主管|管理|职能)*(?:部门|机构|机关|政府)$")


def _same_unit(body: AgencyMention, clause: AgencyMention) -> bool:
    """Whether a unit the body names is one the clause names in the document's own form (住建部门 and 市住建局,
    区县市政府 and 区县市, 发改 and 市发展改革委): the same kind of unit by the dictionary, or the body's
    sector written inside the clause's name, its characters in order."""
    if body.name == clause.name or len(clause.text) >= 2 and (clause.text in body.text or body.text in clause.text):
        return True  # (市本级及各区县市政府 in the body, 区县市政府 in the clause: the same units written together)
    if body.key and clause.key and not body.key.startswith("collective") and not clause.key.startswith("collective") \
            and (body.key.startswith(clause.key) or clause.key.startswith(body.key)):
        return True
    stem = _KIND_TAIL.sub("", body.text)
    if len(stem) < 2 or body.role == "collective":
        return False
    pos = 0
    for ch in stem:
        pos = clause.text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def assign_agencies(text: str, doc: Document, offset: int,
                    headings: Sequence[str] | None = None) -> list[AgencyMention]:
    """Every agency ``text`` (at ``offset`` of ``doc``) gives work to, with its role, each once per role."""
    resp = clause_and_own_subjects(text, doc, offset)
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
