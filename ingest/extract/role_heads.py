"""Units written through their heads: X主要负责人任组长, 由X、Y负责人组成的…, X负责同志要… (gold README roles 26's
amendment and 29).

负责人, 负责同志, 领导同志, 主要领导 and 分管领导 name no office of their own: written after a public unit X they stand
for X, and where the text gives them an act — a place in a group (任组长, 担任总指挥, 为成员, 参加, 组成) or a
duty cue other than 牵头 (要…, 负责…) — X takes the entry its own mention gives it (lead; collective for a set). A
list of such members (由X主要负责人、Y负责人和Z有关负责人组成的…) is read member by member up to the act after the last.
A title (局长, 区长, 书记) is an office, no stand-in for the unit, and takes nothing here (roles 26: persons are not
units); regulated parties are no units of the grammar in the first place (roles 4).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import AgencyHit
from policykg.ingest.extract.agency_grammar import longest_units_at
from policykg.ingest.extract.cues import DUTY_CUE

# the head words that stand for their unit (not a title: 局长 and 区长 are offices)
HEAD_OF_UNIT = re.compile(r"(?:的)?(?:(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志)|(?:主要|分管|有关|相关)领导(?:同志)?)")
_JOIN = re.compile(r"\s*(?:、|和|及|以及)\s*")
# a place in a group: its chair, its convener, its members (任组长, 担任副总指挥, 为成员单位, 参加, 组成)
_PLACE_IN_GROUP = re.compile(r"\s*(?:任|担任|为)(?:第一)?(?:副)?(?:组长|召集人|总指挥|指挥长|主任|成员)|\s*(?:参加|组成)")
# 牵头 after a head word is left out (it is a duty cue too): X主要负责人牵头 may write the person's lead within a task
# whose unit the text names elsewhere, and the one wrong mention the rule gave on dev-check came with it
# or a duty its head is bound by (X主要负责人要亲自部署, X领导同志要深入基层): the unit's duty; a designation
# (政府主要负责人为第一责任人) names who answers within the unit, no act of it
_DUTY_AFTER = re.compile(r"\s*(?:亲自|带头|主动)?")


def members_through_heads(text: str, pos: int, region, offset: int, registry=None) -> tuple[list[AgencyHit], int] | None:
    """The units written through their heads from ``pos`` (区政府主要负责人任组长; 区发展改革委、区财政局负责人为成员;
    A主要负责人、B负责人组成), and where the last head word ends; None unless each member is a unit followed by a
    head word and the list is followed by a place in a group or a duty cue."""
    hits: list[AgencyHit] = []
    while True:
        r = longest_units_at(text, pos, region, offset, follow=HEAD_OF_UNIT, registry=registry)
        if r is None:
            return None
        head = HEAD_OF_UNIT.match(text, r[1])
        if head is None:
            return None
        hits.extend(r[0])
        end = head.end()
        joined = _JOIN.match(text, end)
        if joined is not None and longest_units_at(text, joined.end(), region, offset, follow=HEAD_OF_UNIT,
                                                   registry=registry) is not None:
            pos = joined.end()
            continue
        act = _DUTY_AFTER.match(text, end).end()
        cue = DUTY_CUE.match(text, act)
        if cue is not None and text.startswith("的", cue.end()):
            cue = None  # X负责人负责的项目: a 的-clause that says which thing, no duty of the head
        if not text.startswith("牵头", act) and (_PLACE_IN_GROUP.match(text, end) or cue):
            return hits, end
        return None
