"""A list of kinds inside one unit phrase (gold README roles 13(a), 22): each member its own written stretch as mention
(the first with the words before it, the last with the head after it), the shared words written out in its name; a
list of levels and a set of generic heads are no list of kinds. Every phrase here is a constructed fixture."""

from __future__ import annotations

from policykg.ingest.extract.agency_grammar import units_of
from policykg.ingest.model import Region

PROVINCE = Region("浙江省", "330000000000", "provincial", ())


def read(np: str) -> list[tuple[str, str, bool]] | None:
    hits = units_of(np, PROVINCE)
    return None if hits is None else [(h.text, h.name, h.collective) for h in hits]


def test_each_kind_its_own_stretch_and_the_shared_words_written_out():
    # constructed fixture: a shared marker before, a shared head after
    assert read("各级财政和审计部门") == [("各级财政", "各级财政部门", True), ("审计部门", "各级审计部门", True)]
    # constructed fixture: an attribute in 性 belongs to every member, as the marker does
    assert read("各级政府性融资担保、再担保机构") == [("各级政府性融资担保", "各级政府性融资担保机构", True),
                                             ("再担保机构", "各级政府性再担保机构", True)]
    # constructed fixture: no head shared, the marker alone
    assert read("各级党委、政府") == [("各级党委", "各级党委", True), ("政府", "各级政府", True)]


def test_no_list_of_kinds():
    # constructed fixture: a joiner inside one department's name, a set of generic heads, a list of levels
    assert [t for t, _, _ in read("各级发展和改革部门")] == ["各级发展和改革部门"]
    assert len(read("各有关部门和单位")) == 1
    assert [n for _, n, _ in read("各市、县（区）政府")] == ["各市政府", "各县（区）政府"]


def test_a_regulated_party_in_the_list_is_left_out():
    # constructed fixture: the enterprises beside the organs are regulated parties (gold README roles 4)
    assert read("各级国家机关、企事业单位") == [("各级国家机关", "各级国家机关", True)]
