"""Which paragraphs are units of work: session 11 rules of segmentation (issue 13).

Every text here is a constructed fixture for one rule (minimal sentences written for the test), not a policy
document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _units(text: str) -> list[str]:
    return [o.text for o in extract_obligations(fixture_document(text))]


def test_a_paragraph_under_a_dotted_heading_is_one_unit():
    """Gold README unit convention 2, thirteenth-adjudication amendment: a heading numbered 3.2 or 3.2.1 is a numbered
    item like 1. or （一）; each paragraph under it is one obligation, its sentences are not."""
    # constructed fixture
    text = "3.启用准备\n3.2场所准备\n开放避难场所，做好物资准备。组织转移人员有序进入场所。\n3.3其他\n"
    assert _units(text) == ["场所准备\n开放避难场所，做好物资准备。组织转移人员有序进入场所。"]


def test_each_paragraph_under_a_dotted_heading_is_its_own_unit_whatever_its_subjects():
    """Two paragraphs under 2.3, the first with two sentences that each open with their own acting unit: two units,
    the sentences of each paragraph not cut (unit 2's amendment; unit 8: several subjects stay one obligation)."""
    # constructed fixture
    text = ("2.组织体系\n2.3行业主管部门\n区甲局负责指导本行业场所的排查。区乙局负责组织物资调配。\n"
            "区丙局负责利用公园绿地设置临时场所。\n2.4其他\n")
    got = _units(text)
    assert len(got) == 2
    assert got[0].endswith("区甲局负责指导本行业场所的排查。区乙局负责组织物资调配。")
    assert got[1] == "区丙局负责利用公园绿地设置临时场所。"


def test_a_paragraph_under_a_three_level_dotted_heading_is_one_unit():
    """3.2.1 is as deep as an item goes here: its paragraph is one unit, and the paragraph written under 3.2 before
    its sub-items is a paragraph of 3.2's item (unit 2's amendment, unit 19)."""
    # constructed fixture
    text = ("3.启用准备\n3.2启用准备\n区指挥部评估危害影响，发布启用指令。街镇接到指令后组织准备。\n"
            "3.2.1组织准备\n成立工作专班，统筹布置准备工作。排摸需转移人员，统计人员数量。\n3.3其他\n")
    got = _units(text)
    assert len(got) == 2
    assert got[0].endswith("区指挥部评估危害影响，发布启用指令。街镇接到指令后组织准备。")
    assert got[1].endswith("成立工作专班，统筹布置准备工作。排摸需转移人员，统计人员数量。")


def test_the_next_item_number_run_into_a_sentence_without_its_full_stop_opens_an_item():
    """A copy that lost both the line break and the 。 before the next item (…集聚发展3.狠抓招才引智。…, …格局，（三）明确…。):
    the number that continues the outline, with its run-in title closed by 。, opens the next item (gold README unit
    convention 2: a paragraph is the paragraph as written; each numbered item is a unit)."""
    # constructed fixture
    text = ("二、重点任务\n1.狠抓招商引资。区甲局负责引进一批企业。\n"
            "2.狠抓招院引所。区乙局负责对接高校，带动资源集聚发展3.狠抓招才引智。区丙局负责引进人才。\n")
    got = _units(text)
    assert len(got) == 3
    assert got[1].endswith("带动资源集聚发展") and got[2].startswith("3.狠抓招才引智。")
    # constructed fixture: bracketed numbers after a comma
    text = ("三、保障措施\n（一）加强领导。区甲局负责统筹。\n（二）强化督查。区乙局负责督查，形成工作格局，（三）加强宣传。区丙局负责宣传。\n")
    got = _units(text)
    assert len(got) == 3 and got[2].startswith("（三）加强宣传。")


def test_a_numeral_inside_a_sentence_opens_no_item():
    """Guards (constructed): a numeral in a word (安全第一、) or a count (建成3个。) that does not continue the outline cuts
    nothing."""
    # constructed fixture
    assert len(_units("第三条 本区消防安全管理，坚持安全第一、预防为主的方针。区甲局负责督查。\n")) == 1
    assert len(_units("二、任务\n1.建设站点。区甲局负责建成5个站点，其中社区3个。\n2.加强宣传。区乙局负责宣传。\n")) == 2


def test_numbers_listed_or_an_ordinal_in_a_sentence_open_no_item():
    """Guards (constructed): under 二、, a sentence that lists numbers (三、四季度) or an ordinal (第三、四季度) writes no item
    三、 however its outline runs; the item stays whole."""
    # constructed fixture
    outline = "一、总体要求\n坚持统筹推进。\n二、重点任务\n"
    listed = "（一）推进试点。区甲局负责组织第二批试点，三、四季度完成验收。"
    ordinal = "（一）推进试点。区甲局负责在第三、四季度开展专项检查。"
    for item in (listed, ordinal):
        assert _units(outline + item + "\n（二）加强宣传。区乙局负责宣传。\n")[0] == item
    # constructed fixture: 2. before a numeral under item 1. (一等奖，2.二等奖…) is a count of prizes, not item 2.
    prizes = "1.开展评选。区甲局负责评选一等奖，2.二等奖由区乙局评定。"
    assert _units("二、重点任务\n" + prizes + "\n") == [prizes]
    # constructed fixture: a run-in title may open with 一 (一体化…), which no second listed number is
    text = "二、重点任务\n1.推进共享。区甲局负责共享数据，形成工作格局2.一体化推进政务服务。区乙局负责推进。\n"
    assert _units(text)[1].startswith("2.一体化推进政务服务。")
