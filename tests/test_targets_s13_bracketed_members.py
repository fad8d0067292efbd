"""Equal counts in brackets of a 、 list's members are one target each (issue 13).

Gold target convention 6: two quantities with equal values that set different things are two targets; a value repeated
for the same thing is one. A count written inside a bracket that closes right before a 、 (材料甲（纸质，一式3份）、材料乙
（纸质，一式3份）) is a member of that list, as a count followed by a bracket and 、 already was. Constructed fixtures (written
for this test, not copied from a policy document)."""

from policykg.ingest.extract.targets import extract_targets


def test_equal_counts_of_two_members_in_brackets_are_two_targets():
    text = "请将申请函（纸质，一式3份）、项目汇总表（纸质，一式3份）寄送至某中心。"  # constructed fixture
    found = extract_targets(text)
    assert [(t.text, t.value, t.unit, t.comparator) for t in found] == [("一式3份", 3, "份", "=")] * 2
    assert len({t.span.start for t in found}) == 2


def test_one_count_written_twice_for_the_same_thing_stays_one():
    text = "申请函一式3份，申请函一式3份。"  # constructed fixture: no list, the same thing again
    assert len(extract_targets(text)) == 1
