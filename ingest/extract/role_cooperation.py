"""Cooperate or lead, read from a unit's words of help (配合, 协助, 参与, 协同).

A unit that 配合/协助s a unit it names cooperates; one that 配合做好… or 配合考古发掘单位开展… does its own work, since
what it helps is an act or a party, no unit (gold README roles 2). An item headed by its unit (1.派出所。配合开展…，
负责…) cooperates where it opens with help to a unit or a later duty of it does (…；参与…调查处理), leads where it leads
or carries work of its own, and does both where it does both (roles 2). Used by ``role_subjects``.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import AgencyHit
from policykg.ingest.extract.agency_grammar import longest_units_at
from policykg.ingest.extract.role_words import _FOLLOW, _mention, _skip_lead_in
from policykg.ingest.model import AgencyMention, Document

_COOPERATE_CUE = re.compile(r"配合|协同|协助|参与")
_LEAD_CUE = re.compile(r"牵头|负责")
_DUTY_START = re.compile(r"(?<=[；;。])\s*(?:配合|参与|协助|协同)")


def item_heading_roles(hits: list[AgencyHit], body: str, doc: Document) -> list[AgencyMention]:
    """An item headed by its unit (1.派出所。配合开展…，负责…): cooperate when the item opens with
    配合/协助 a unit, lead when it leads or carries work of its own; both when it does both."""
    roles = []
    coop, lead = _COOPERATE_CUE.search(body[:30]), _LEAD_CUE.search(body)
    if coop and not helps_a_unit(body, coop.end(), doc):
        coop = None  # 配合做好…: the work is its own
    # a later duty of the item that opens with 参与/配合 (派出所：负责…；参与…调查处理): it also cooperates
    later = [m for m in _DUTY_START.finditer(body) if m.start() > 0 and helps_a_unit(body, m.end(), doc)]
    if coop and (lead is None or coop.start() < lead.start()) or later:
        roles.append("cooperate")
    first = _COOPERATE_CUE.match(body, _skip_lead_in(body, 0))
    if lead or not roles or later and not first:
        roles.append("lead")  # its first duty is its own work (统一组织…；…；参与…)
    return [_mention(h, r, "item_heading") for h in hits for r in roles]


def helps_a_unit(text: str, pos: int, doc: Document) -> bool:
    """Whether what the subject 配合s is a unit (constructed: 配合驻市金融监管部门: it cooperates) rather than a
    party or an act (配合考古发掘单位开展…, 配合做好…: the work is its own)."""
    if longest_units_at(text, pos, doc.region, 0, follow=_FOLLOW) is not None:
        return True
    return not re.match(r"[\u4e00-\u9fff]{0,12}(?:单位|企业|人员|个人|业主|群众)", text[pos:]) and \
        not re.match(r"(?:做好|开展|完成|实施|落实|推进|加强)", text[pos:])
