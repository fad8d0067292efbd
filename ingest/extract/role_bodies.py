"""Units a sentence defines for the work: a body set up and defined, a role noun made equal to a unit, a department
named by its act.

A body set up to do the work (成立X领导组（以下简称…）负责…), or defined where it is set up and given its remit
(成立X，由…任组长，…为成员，统筹协调…; 建立由…参加的X，协调解决…), leads that work; an expert body takes no entry
(gold README roles 20). A role noun (…部门, …主体) made equal by 为 to a unit that the next clause gives the role's duty
(…主体为X，统筹…) is that unit, and the role noun names none of its own. A department defined by its act and named
(U负责…的部门（以下简称Y）) is Y (roles 4). Used by ``role_subjects``, whose ``read`` (a unit list at a position, marked
taken) and ``peek`` (the same, not marked) the readers here are given.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import AgencyHit
from policykg.ingest.extract.role_words import _mention
from policykg.ingest.model import AgencyMention, Span

_SET_UP = re.compile(r"(?:成立|组建|设立|建立)")
_DECLARED_THEN_LEADS = re.compile(r"\s*(?:[（(](?:以下)?简称[^（）()]{1,20}[）)])?\s*[，,]?\s*(?:负责|牵头|统筹)")
# a body set up and defined where it is set up: before its name by who heads it or what it is made of
# (建立由省政府分管领导任组长，省级有关部门负责人参加的X; 成立由A、B等联合组成的X), after it by its short name or
# its heads and members (成立X，由市政府主要领导任组长，…为成员，), then given its remit (统筹协调…, 协调解决…,
# 受理…, 为…提供…): the body defined is the subject of its remit. Without a definition, 成立X，V… keeps the
# set-up unit's acts (成立…工作组，建立…机制 names X's work, not the group's) unless V is 负责/牵头/统筹.
_DEFINED_BEFORE = re.compile(r"由[^。；;]{1,80}?(?:任组长|担任组长|组成|参加)的")
# (a defining clause runs to its comma: 由主要负责人担任总指挥 gives no remit 指挥)
_DEFINING_CLAUSE = (r"[，,]\s*(?:由[^，。；;]{1,40}?(?:任|担任)[^，。；;]{0,8}|[^，。；;]{1,40}?(?:为|任|担任)"
                    r"(?:副?组长|副?总指挥|副?指挥长|副?主任|成员(?:单位)?)|由[^，。；;]{1,60}?组成|"
                    r"(?:副?组长|副?主任|副?总指挥)由[^，。；;]{1,40})(?=[，,])")
_ASIDE_NAME = r"\s*(?:[（(](?:以下)?简称[^（）()]{1,20}[）)])"
_REMIT = (r"\s*[，,]?\s*(?:在[^，。；;]{2,30}?下[，,]\s*)?(?:负责|牵头|统筹|统一领导|领导|协调|指挥|受理|承担|研究|"
          r"为[^，。；;]{1,30}?提供)")
_DEFINED_THEN_REMIT = re.compile(rf"(?:{_ASIDE_NAME}(?:{_DEFINING_CLAUSE})*|(?:{_DEFINING_CLAUSE})+){_REMIT}")
_ANY_REMIT = re.compile(rf"(?:{_ASIDE_NAME})?(?:{_DEFINING_CLAUSE})*{_REMIT}")
_EXPERT_BODY = "专家"  # an expert body set up or drawn on takes no entry (gold README roles 20)
# a role noun (…部门, …机构, …主体, …单位) made equal by 为 to a unit that the next clause gives the role's
# duty (省级考核部门为省应急管理厅宣教处，负责考核发证; 项目建设主体为区应急局，统筹开展…): the text names the
# unit that holds the role, and the duty is the unit's; the role noun names no unit of its own. A named unit
# before the copula keeps its duty (省经信委是省政府盐业主管机构，主管…: the complement is the role), and 是 is
# left alone (X部门是本市…的综合协调部门，负责…: 是 describes the subject's role, it names no other unit).
_COPULA = re.compile(r"\s*(?P<copula>为)")
_ROLE_NOUN_IS = re.compile(r"(?:部门|机构|主体|单位|机关)(?P<copula>为)")
_ROLE_NOUN_END = re.compile(r"(?:部门|机构|主体|单位|机关)\s*$")  # the subject is a role noun, not a named unit
_NAMED_THEN_DUTY = re.compile(r"\s*[，,]\s*(?:具体)?(?:负责|统筹|牵头|承担)")
# U负责…的部门（以下简称Y）: a department of U defined by its act and named Y (gold README roles 4: a term the
# document defines as one unit is that unit), the subject in U's place
_DEFINED_DEPARTMENT = re.compile(r"负责[^，。；、（）()]{1,30}的(?:部门|机构|科室|处室)[（(]以下(?:简称|称)“?"
                                 r"(?P<short>[\u4e00-\u9fff]{2,12})”?[）)]")


def bodies_set_up(text: str, read) -> list[AgencyMention]:
    """The bodies ``text`` sets up to do the work (成立X领导组（以下简称“领导组”）负责统筹…), as leads."""
    out: list[AgencyMention] = []
    for m in _SET_UP.finditer(text):
        r = read(m.end(), _DECLARED_THEN_LEADS) if m.group() != "建立" else None
        if r is None:
            r = _defined_body(text, m.end(), read)
        if r is not None:  # 成立X领导组（以下简称“领导组”）负责统筹…: the body set up does the work
            out.extend(_mention(h, "lead", "set_up") for h in r[0])
    return out


def units_named_for_roles(text: str, read) -> list[AgencyMention]:
    """The units ``text`` makes equal to a role noun and gives its duty (建设主体为区应急局，统筹开展…), as leads."""
    out: list[AgencyMention] = []
    for m in _ROLE_NOUN_IS.finditer(text) if "为" in text else ():
        r = _named_unit(text, m.end() - len(m.group("copula")), read)
        if r is not None:  # 建设主体为区应急局，统筹开展…: the unit named for the role does the work
            out.extend(_mention(h, "lead", "subject_named") for h in r[0])
    return out


def role_noun_names_a_unit(text: str, end: int, peek) -> bool:
    """Whether the subject ending at ``end`` is a role noun that a copula after it makes equal to a unit given the
    duty (省级考核部门为省应急管理厅宣教处，负责…): the role noun names no unit, the unit after 为 acts."""
    return bool(_ROLE_NOUN_END.search(text, 0, end)) and _named_unit(text, end, peek) is not None


def defined_department(hits: list[AgencyHit], text: str, end: int, offset: int) -> tuple[list[AgencyHit], int]:
    """A subject unit U read up to ``end`` and defined there as a department named by its act (U负责…的部门（以下简称
    Y）): Y, read up to the definition's end; ``hits`` and ``end`` unchanged where no such definition follows."""
    if len(hits) != 1 or text[end:end + 2] != "负责" or (m := _DEFINED_DEPARTMENT.match(text, end)) is None:
        return hits, end
    unit, short = hits[0], m.group("short")
    span = Span(offset + m.start("short"), offset + m.end("short"))
    return [AgencyHit(short, unit.name + short, span, "", "unit", unit.region_code, False, "defined_department")], m.end()


def _named_unit(text: str, pos: int, read) -> tuple[list[AgencyHit], int] | None:
    """The unit that a copula at ``pos`` names for a role and then gives the role's duty (…部门为X，负责…;
    …主体为X，统筹…), read with ``read``; None where no copula, no unit or no duty follows, or where the unit is a
    collective (a role defined as a set names no one unit)."""
    c = _COPULA.match(text, pos)
    if c is None:
        return None
    r = read(c.end(), _NAMED_THEN_DUTY)
    if r is None or any(h.collective or _ROLE_NOUN_END.search(h.text) for h in r[0]):
        return None  # a set, or a role noun again (区市场监管局为本区食品安全监督管理部门，负责…: it names the role)
    return r


def _defined_body(text: str, pos: int, read) -> tuple[list[AgencyHit], int] | None:
    """The body set up at ``pos`` (after 成立/设立/组建/建立) when the sentence defines it (its head, its members,
    its short name) and then gives it its remit; None otherwise, or for an expert body (gold README roles 20)."""
    before = _DEFINED_BEFORE.match(text, pos)
    r = read(before.end(), _ANY_REMIT) if before is not None else read(pos, _DEFINED_THEN_REMIT)
    if r is None or any(_EXPERT_BODY in h.text for h in r[0]):
        return None
    return r
