"""The agencies of one obligation: the responsibility clause or the subjects, each unit once per role.

A responsibility clause that names a lead (（省人社厅牵头…）) decides the roles (gold README roles 5); the
units the body before it makes the subject of a modal (各级政府要…) are agencies too (roles 8: a unit given
an act is an agency wherever the act is written), after the clause's units and only where the clause does
not already name the same unit in another form (roles 7: one entry per unit, the clause's form first); so are the
body's helpers of that lead (会同's partners, subjects that 配合/协助), with their own roles (roles 2).
Otherwise the subjects and their stand-ins (``role_elided``) are the agencies. ``dedupe`` keeps each
(agency, role) once, the first mention written (roles 7), and two differently written collectives apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policykg.ingest.extract.role_clauses import responsibility_clause as _clause_units
from policykg.ingest.extract.role_elided import subject_agencies
from policykg.ingest.extract.role_subjects import _subjects
from policykg.ingest.extract.role_words import _LABEL_NAME
from policykg.ingest.extract.units_at import MADE_OF
from policykg.ingest.model import AgencyMention, Document


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
    subjects = _subjects(body, doc, offset)
    own = [a for a in subjects if (_own_duty(a, text, offset, subjects) or a.rule.startswith(_HELPERS))
           and not any(_same_unit(a, c, doc, _list_kind(a, text, offset, subjects)) for c in resp[0])]
    return resp[0] + own, resp[1]


# beside a clause that names a lead, the body's helpers are entries too, with the role their words give them (gold
# README roles 2 and 8): the partner of 会同/协同/联合 (各级盐业主管机构要会同有关部门研究制定…) and a subject whose
# act is to 配合/协助 a unit or an act (公安、市场监管、城管执法等部门积极配合监控视频接入)
_HELPERS = ("together_with", "subject_cooperate")


_OWN_ACT = ("subject",)
# the unit after 由 is the doer of the act written after it (由同级财政部门将…拨付: roles 8), unless 由…组成的 only
# says what a thing is made of (建立由政府储备和企业储备组成的体系)
_LED_BY_ACT = "led_by;"
# nor where 由X + a verb + 的 qualifies the noun after it (由市场监管部门认定的企业: the firm is the subject, X's act only
# an attribute of it), unless the noun is a body being founded (成立由市政府领导任组长…的工作专班: X leads it); nor
# after 经由 (经由市政府批准的规划: by way of, no doer). (A preposition before 的 opens X's object: 由X对…的情况进行核查.)
_RELATIVE = re.compile(r"(?:(?!对|将|把|向|按|给|与|和|为)[^，,。；;的]){1,8}的")
_FOUNDED_BEFORE = re.compile(r"(?:成立|组建|设立|建立)由[^，,。；;由]{0,6}$")
_VIA_BEFORE = re.compile(r"经由[^，,。；;由]{0,6}$")
# the body's own duty: its subject bound by a modal (各级政府要…, 失业保险经办机构要及时…) or stating a duty
# (X将…, X对…实行…, X负责…; gold README roles 15), never granted a power (X可以…: no entry)
_MODAL_NEXT = re.compile(r"\s*(?:(?:结合实际|因地制宜)[，,]?\s*)?(?:也|还|均|都|分别|各自|共同|积极|主动)?"
                         r"(?:应当|应(?![对急用])|要(?![求素点])|须|必须|将|对|负责(?!人)|不得|不再|"
                         # or a verb of doing opens the predicate (各区县市政府依托…开展…, X牵头…, X成立…): the
                         # sentence states X's act as X's own, the declarative duty of a plan (roles 15); a verb
                         # before 的 makes X's act an attribute of a noun (市公安局建立的平台要…: the platform is the
                         # subject, X no doer of the sentence's act)
                         r"(?:牵头|成立|建立|健全|加强|加快|探索|依托|推进|推动|开展|组织|落实|制定|出台|完善|做好|督促|实施|抓好)"
                         r"(?!的))")


# the members of one subject list are joined by 、/和/及/与 and may end in a kind word (公安、司法等部门要…): the
# predicate after the list is each member's (gold README roles 8: every unit the act is given to)
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|以及|与)\s*")
_LIST_TAIL = re.compile(r"等(?:[\u4e00-\u9fff]{0,6}?(?:部门|单位|机构|机关))?")


def _own_duty(a: AgencyMention, text: str, offset: int, subjects: Sequence[AgencyMention] = ()) -> bool:
    """Whether the body gives ``a`` a duty of its own: the subject of a modal or a declarative duty, or the
    unit after 由 (由同级财政部门将…拨付: roles 8 and 15), read after the whole subject list ``a`` opens or
    stands in (公安、司法等部门要…: the modal follows the list, not each member)."""
    if a.rule.startswith(_LED_BY_ACT):
        start, end = a.span.start - offset, a.span.end - offset
        if MADE_OF.match(text, end) or _VIA_BEFORE.search(text, max(0, start - 8), start):
            return False
        return _RELATIVE.match(text, end) is None or _FOUNDED_BEFORE.search(text, max(0, start - 8), start) is not None
    if not a.rule.startswith(_OWN_ACT):
        return False
    end = _list_end(a, text, offset, subjects)
    return _MODAL_NEXT.match(text, end.end() if end else a.span.end - offset) is not None


def _list_end(a: AgencyMention, text: str, offset: int, subjects: Sequence[AgencyMention]) -> re.Match[str] | None:
    """The end of the subject list that ``a`` stands in: the kind word (…等部门) or the bare 等 after the members
    joined to ``a`` by 、/和/及/与 (None where no 等 closes the list: the list ends at ``a``'s last member)."""
    pos = a.span.end - offset
    starts = {s.span.start - offset: s.span.end - offset for s in subjects if s.span.start - offset >= pos}
    while (j := _LIST_JOIN.match(text, pos)) is not None and j.end() in starts:
        pos = starts[j.end()]
    return _LIST_TAIL.match(text, pos) or (_EMPTY.match(text, pos) if pos != a.span.end - offset else None)


_EMPTY = re.compile("")


def _list_kind(a: AgencyMention, text: str, offset: int, subjects: Sequence[AgencyMention]) -> str:
    """The kind word written once after a list for each member (公安、司法等部门: 公安 names 公安部门), or ''."""
    end = _list_end(a, text, offset, subjects)
    return end.group().removeprefix("等") if end else ""


_LABEL_OPENS = re.compile(rf"[（(〔]?\s*{_LABEL_NAME}\s*[：:]")
_KIND_TAIL = re.compile(r"(?:行政|主管|管理|职能)*(?:部门|机构|机关|政府)$")
# level, place or set words a kind carries of its own (省级, 当地, 各级, 市县两级): every unit of that scope
_OWN_SCOPE = re.compile(r"(?:省级|市级|县级|区级|乡级|镇级|各级|各地|当地|所在地|本级|同级|上级|下级|[省市县区]{2}两级|市县)")


def _same_unit(body: AgencyMention, clause: AgencyMention, doc: Document, kind: str = "") -> bool:
    """Whether a unit the body names is one the clause names in the document's own form (住建部门 and 市住建局,
    区县市政府 and 区县市, 发改 and 市发展改革委): the same kind of unit by the dictionary, or the body's
    sector written inside the clause's name, its characters in order. A kind in a national or provincial text
    (环保部门 beside 省环保厅) and a kind with level, place or set words of its own (省级市场监管部门, 当地人社部门)
    name every such unit, not the clause's one (gold README roles 14); ``kind`` is the kind word a list writes once
    after its members (公安、司法等部门)."""
    if body.link_name == clause.link_name:  # a collective by its set: 有关部门 in the body, 各有关部门 in the clause
        return True
    if _OWN_SCOPE.match(body.text) or _KIND_TAIL.search(body.text + kind) and \
            (doc.region is None or doc.region.level in ("national", "provincial")):
        return False
    if len(clause.text) >= 2 and (clause.text in body.text or body.text in clause.text):
        return True  # (市本级及各区县市政府 in the body, 区县市政府 in the clause: the same units written together)
    if body.key and clause.key and not body.key.startswith("collective") and not clause.key.startswith("collective") \
            and (body.key.startswith(clause.key) or clause.key.startswith(body.key)):
        return True
    stem = _KIND_TAIL.sub("", body.text)
    if len(stem) < 2 or body.role == "collective":
        return False
    return _in_order(stem, clause.text) or _in_order(stem, clause.link_name)  # (人力资源社会保障部门, 市人社局 = …人力资源和社会保障局)


def _in_order(stem: str, name: str) -> bool:
    """Whether the characters of ``stem`` stand in ``name`` in their order (发改 in 市发展改革委)."""
    pos = 0
    for ch in stem:
        pos = name.find(ch, pos)
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


# brackets and spaces are typography, not part of a name: 各县〔市、区〕政府, 各县（市、区）政府 and 各县(市、区)政府
# write one set of units (gold README roles 7: one entry per unit)
_TYPOGRAPHIC = str.maketrans({"〔": "（", "〕": "）", "(": "（", ")": "）", "［": "（", "］": "）"})
_SPACES = re.compile(r"\s+")
# the rules that read a responsibility clause or a 责任单位 label: the document's own designation of the unit
_CLAUSE_RULES = ("responsibility_clause", "labelled:")


def _typographic(s: str) -> str:
    return _SPACES.sub("", s.translate(_TYPOGRAPHIC))


def dedupe(ms: list[AgencyMention]) -> list[AgencyMention]:
    """Each (agency, role) once, the first mention kept, or the responsibility clause's when the body wrote the
    same unit first in other brackets (gold README roles 7); collectives written differently stay apart
    (科室 and 有关单位 are both 各有关单位, but the text names two groups)."""
    seen: dict[tuple[str, str, str], AgencyMention] = {}
    for m in ms:
        key = (_typographic(m.link_name), m.role, _typographic(m.text) if m.role == "collective" else "")
        kept = seen.get(key)
        if kept is not None:
            if kept.text != m.text and m.rule.startswith(_CLAUSE_RULES) and not kept.rule.startswith(_CLAUSE_RULES):
                seen[key] = m  # the body's 各市、县（市、区）政府, the clause's 各市、县〔市、区〕政府: the clause's form
            continue
        if m.role == "collective" and any(k[0] == key[0] and k[1] == m.role and (k[2] in key[2] or key[2] in k[2])
                                          for k in seen):
            continue  # 街镇 after 街镇（园区）: the same group written shorter
        if not m.key and m.name == m.text and any(_same_kind_written_longer(m.text, v.text) for v in seen.values()):
            continue  # 街镇 after 各街镇 or 街镇（园区）: the kind just named, written shorter
        seen[key] = m
    return list(seen.values())


# sets a body writes loosely for what a responsibility clause names by its own designation (gold README roles 7: 各地 and
# 各有关部门 in the body beside （各有关部门和单位，各省级人民政府依职责分工负责）take no entries): every locality, and the
# departments or units of no named kind
_LOOSE_PLACES = frozenset(["各地", "各地区", "各地方"])
_LOOSE_DEPARTMENTS = re.compile(r"(?:各|其他|其它)?(?:有关|相关)?(?:部门|单位)")
_CLAUSE_DEPARTMENTS = re.compile(r"(?:各|有关|相关|其他|其它)[^、，,]{0,4}?(?:部门|单位)")


def clause_sets_absorb(ms: list[AgencyMention]) -> list[AgencyMention]:
    """The body's loose sets dropped where the responsibility clause names that set in its own words (gold README roles
    7): 各地/各地区/各地方 beside the clause's governments or regions of a level (各市人民政府, 各省级人民政府, 各地区),
    有关部门/其他有关部门/各部门 beside the clause's departments of no named kind (各有关部门, 各部门), 有关单位 beside its units (各有关单位)."""
    clause = [m for m in ms if m.role == "collective" and m.rule.startswith(_CLAUSE_RULES)]
    if not clause:
        return ms
    places = any(c.text.startswith("各") and c.text.endswith(("政府", "地区")) for c in clause)
    # the kinds of set the clause names: departments, units or both (各有关部门和单位); a body's 有关单位 beside the
    # clause's 各有关部门 is a set of another kind and stays (roles 7: a set and a different set stay two)
    kinds = {kind for c in clause if _CLAUSE_DEPARTMENTS.search(c.text) for kind in ("部门", "单位") if kind in c.text}

    def absorbed(m: AgencyMention) -> bool:
        if m.role != "collective" or m.rule.startswith(_CLAUSE_RULES):
            return False
        if m.text in _LOOSE_PLACES:
            return places
        return m.text != "部门" and m.text[-2:] in kinds and _LOOSE_DEPARTMENTS.fullmatch(m.text) is not None
    return [m for m in ms if not absorbed(m)]
