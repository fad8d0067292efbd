"""Reading unit lists at positions of one text for ``role_subjects``: no two readings overlap, and a reading is none
where the units' persons follow (镇政府主要负责人: persons are not units, gold README roles 26 and 29), where the units
are a clause's label (责任单位：X), or inside the guiding phrase of 在X指导下 (its unit is given nothing, roles 18).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import AgencyHit
from policykg.ingest.extract.agency_grammar import longest_units_at
from policykg.ingest.extract.agency_registry import registry_of
from policykg.ingest.extract.role_heads import members_through_heads
from policykg.ingest.extract.role_words import _FOLLOW, _LABEL_NAME
from policykg.ingest.model import Document

# the persons of a unit written after it: its head or leaders, an office held in it or in a group (组长, 部长,
# 总指挥) and its members as persons (国务院组成人员): persons are not units, and a title takes no entry (gold README
# schema, roles 26 and 29); 成员单位 and 委员会 are units
_PERSON_NEXT = re.compile(r"(?:的)?(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志|领导干部|一把手|书记|主任|局长|镇长|"
                          r"乡长|区长|县长|市长|队长|站长|所长|处长|科长)|(?:主要|分管)领导|"
                          r"(?:第一)?副?(?:组长|部长|厅长|院长|主席|总指挥(?!部)|指挥长|秘书长|主任委员)|组成人员")
# the label of a responsibility clause ((责任单位：X), 牵头单位：X): it names the column, never a unit
_LABEL_ONLY = re.compile(rf"\s*[（(〔]?\s*{_LABEL_NAME}\s*")
_LABEL_COLON = re.compile(r"\s*[：:]")


def _is_label(text: str, start: int, end: int) -> bool:
    """Whether the units read at ``start:end`` of ``text`` are a clause's label word before its colon."""
    return bool(_LABEL_COLON.match(text, end) and _LABEL_ONLY.fullmatch(text, start, end))


class UnitReader:
    """Reads unit lists at positions of one text: the spans a read took (no two readings overlap) and the guiding
    units of 在X指导下 (given nothing) are shared by every phase of ``_subjects``."""

    def __init__(self, text: str, doc: Document, offset: int, guided: list[tuple[int, int]]) -> None:
        self.text, self.doc, self.offset, self.guided = text, doc, offset, guided
        self.registry = registry_of(doc)
        self.taken: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        """Whether no earlier reading took any of ``a:b``."""
        return not any(a < y and x < b for x, y in self.taken)

    def peek(self, pos: int, follow=_FOLLOW) -> tuple[list[AgencyHit], int] | None:
        """The units at ``pos`` and their end, without taking them."""
        if self.guided and any(a <= pos < b for a, b in self.guided):
            return None
        r = longest_units_at(self.text, pos, self.doc.region, self.offset, follow=follow, registry=self.registry)
        if r is None or _PERSON_NEXT.match(self.text, r[1]) or _is_label(self.text, pos, r[1]):
            return None
        return r

    def through_heads(self, pos: int) -> tuple[list[AgencyHit], int] | None:
        """The units whose heads or persons are written at ``pos``, taken."""
        if self.guided and any(a <= pos < b for a, b in self.guided):
            return None
        r = members_through_heads(self.text, pos, self.doc.region, self.offset, self.registry)
        if r is None or not self.free(pos, r[1]):
            return None
        self.taken.append((pos, r[1]))  # 由区政府主要负责人任组长: the unit through its head (README roles 26, 29)
        return r

    def read(self, pos: int, follow=_FOLLOW) -> tuple[list[AgencyHit], int] | None:
        """The units at ``pos`` and their end, taken."""
        if self.guided and any(a <= pos < b for a, b in self.guided):
            return None  # the guiding unit of 在X指导下 is given nothing; the subject after it is
        r = longest_units_at(self.text, pos, self.doc.region, self.offset, follow=follow, registry=self.registry)
        if r is None or not self.free(pos, r[1]) or _PERSON_NEXT.match(self.text, r[1]) \
                or _is_label(self.text, pos, r[1]):
            return None  # 镇政府主要负责人牵头: a person of the unit, not the unit
        self.taken.append((pos, r[1]))
        return r
