"""Framing sections that state no duty: approach, principles and background sections (issue 13, session 13).

Every text here is a constructed fixture (minimal sentences written for the test), not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _units(text: str) -> list[str]:
    return [o.text for o in extract_obligations(fixture_document(text))]


def test_the_items_of_an_overall_layout_section_are_no_obligations():
    """Gold README unit 25, eighteenth amendment (b): a section headed as the overall layout (总体布局, 总体架构,
    战略定位) beside the guiding thought and goals restates the measures in general form, whatever modal it carries."""
    # constructed fixture
    text = ("一、描绘发展新蓝图\n（一）发展目标。到2030年，建成某某中心10个。\n（二）总体布局。立足新阶段，构建“一核两翼”的创新格局。\n"
            "（1）强化某某计划体系建设。完善项目管理机制，提升组织能力。\n（2）强化某某平台体系建设。要统筹平台布局，打造开放共享的平台体系。\n"
            "二、重点任务\n（一）建设某某平台。整合现有资源，建成一批某某中心。\n")
    units = _units(text)
    assert not any("体系建设" in u for u in units)
    assert any(u.startswith("（一）建设某某平台") for u in units)


def test_a_construction_approach_section_is_read_as_principles():
    """Unit 25's fifteenth amendment names 建设思路 beside 总体思路 and 总体部署: its run-in slogan items are not annotated."""
    # constructed fixture
    text = ("一、建设思路\n采用“政府引导、多方参与”的建设模式，遵循“强化数据建设，突出应用效能”的建设思路。\n"
            "（一）强化数据建设。以运行监测为核心，强化部门间的数据交换与共享。\n（二）突出应用效能。工程建设应着眼于提升监管能力。\n"
            "二、建设任务\n（一）建设数据中心。各城市要建成某某数据资源中心。\n")
    assert _units(text) == ["（一）建设数据中心。各城市要建成某某数据资源中心。"]


def test_an_item_with_a_date_or_number_of_its_own_in_an_approach_section_stays():
    """The fifteenth amendment's exception: a sentence or item in the approach section with a date or number of its
    own is annotated."""
    # constructed fixture
    text = ("一、总体部署\n（一）完善某某体系。健全协调机制，提升治理能力。\n（二）建设某某网络。到2030年，建成某某站点20个。\n"
            "二、重点任务\n（一）建设某某平台。整合现有资源，建成一批某某中心。\n")
    units = _units(text)
    assert "（二）建设某某网络。到2030年，建成某某站点20个。" in units
    assert not any(u.startswith("（一）完善某某体系") for u in units)


def test_the_principles_of_the_work_named_by_the_work_are_principles():
    """Gold README unit 25: a section headed as the principles (基本原则, 工作原则, 实施原则; also named by the work itself,
    建设原则, 修订原则) whose run-in slogan items carry 应 is not annotated."""
    # constructed fixture
    text = ("一、建设原则\n（一）需求导向。工程建设应充分考虑用户需求，优化运行调度。\n（二）资源集约。应充分整合利用现有设备和数据资源。\n"
            "二、建设任务\n（一）建设数据中心。各城市要建成某某数据资源中心。\n")
    assert _units(text) == ["（一）建设数据中心。各城市要建成某某数据资源中心。"]


def test_an_item_under_a_lead_in_of_principles_stays_a_rule():
    """Unit 25: items that a lead-in makes binding (数据交换应当遵循下列原则：) are annotated; their titles (无偿原则) are no
    section heading."""
    # constructed fixture
    text = "第五条 数据交换应当遵循下列原则：\n（一）无偿原则。部门之间交换数据不得收取费用。\n（二）安全原则。交换数据应当采取加密措施。\n"
    units = _units(text)
    assert any("不得收取费用" in u for u in units) and any("采取加密措施" in u for u in units)


def test_a_development_base_section_reports_and_is_no_obligation():
    """Gold README unit 25, eighteenth amendment (a): a section that reports the present (发展基础, 发展形势, 现状与形势,
    形势挑战) states no duty; its past figures are no targets. 夯实基础 is a measure."""
    # constructed fixture
    text = ("一、把握发展新态势\n1.发展基础。“十三五”以来，全省加快建设某某体系，实力持续提升。\n"
            "——创新能力迈入前列。全省建有重点实验室21个，培育企业1.5万家。\n2.形势挑战。外部环境更加复杂。\n"
            "二、夯实发展基础\n（一）夯实基础。建设一批某某平台。\n")
    units = _units(text)
    assert not any("实验室21个" in u or "“十三五”以来" in u for u in units)
    assert any("建设一批某某平台" in u for u in units)


def test_a_bare_must_after_an_assessment_of_the_period_is_a_stance():
    """Gold README unit 25, eighteenth amendment (a): a section lead that opens by assessing the period or the work
    (今后五年是某某转型的关键时期。) and then writes 必须/要 before an act in general form, with no unit, date or number,
    states the stance the measures answer; a sentence in it naming a unit is annotated."""
    # constructed fixture
    text = ("一、加快建设某某强省\n今后五年是某某转型的关键时期，是推动某某发展的攻坚阶段。必须加快推进某某体系建设，持续提升创新水平。"
            "各市要制定某某实施方案。\n（一）建设某某平台\n整合现有资源，建成一批某某中心。\n")
    units = _units(text)
    assert not any(u.startswith("必须加快推进") for u in units)
    assert "各市要制定某某实施方案。" in units


def test_a_must_sentence_after_a_sentence_of_work_stays():
    """The stance reading needs the assessment to open the paragraph: 必须 after a sentence that gives work stays."""
    # constructed fixture
    text = ("一、加快建设某某强省\n全面推进某某体系建设，统筹推进某某改革。必须加快推进某某平台建设，持续提升创新水平。\n"
            "（一）建设某某平台\n整合现有资源，建成一批某某中心。\n")
    assert any(u.startswith("必须加快推进") for u in _units(text))


def test_a_must_sentence_after_a_sentence_opening_with_but_stays():
    """但是/总是/要是 are no assessment of what a subject is (X是…): 必须 after such a first sentence stays."""
    # constructed fixture
    text = ("一、加快建设某某强省\n但是某某领域发展仍不平衡，短板依然突出。必须加快推进某某平台建设，持续提升创新水平。\n"
            "（一）建设某某平台\n整合现有资源，建成一批某某中心。\n")
    assert any(u.startswith("必须加快推进") for u in _units(text))
