"""Descriptions of what a system or a kind consists of state no duty (issue 13, session 13).

Every text here is a constructed fixture (minimal sentences written for the test), not a policy document."""

from __future__ import annotations

from policykg.ingest.extract.duty import states_duty


def test_what_a_platform_function_consists_of_is_no_duty():
    """Gold README schema: purely descriptive text is no obligation; an item whose predicate names the parts of a
    system (主要包括…等), after a noun title of its own, describes it, although its parts are written with action verbs."""
    # constructed fixture
    assert not states_duty("某某平台功能主要包括信息管理、运行监控、调度计划编制和统计分析等。", numbered=True)
    assert not states_duty("基础管理。\n基础管理功能主要包括日常管理、服务监督管理、信息公开等三方面。", numbered=True)
    assert not states_duty("1.动态监控：主要包括以电子地图方式实现车辆的动态监控。可基于电子地图显示车辆位置。", numbered=True)
    assert not states_duty("（一）某类产品。包括但不限于甲设备、乙设备等产品，以及支撑健康监测、运动指导等场景的应用解决方案。",
                           numbered=True)


def test_a_cue_makes_the_parts_a_duty():
    """…应包括…功能 is a duty (the cue decides), as is a sentence before the parts that gives work."""
    # constructed fixture
    assert states_duty("1.资源管理：应包括对应急物资、应急预案的管理功能。", numbered=True)
    assert states_duty("第十九条 城镇应当制定某某规划。某某规划包括设施布局和装备配置等内容。")


def test_a_measure_title_before_the_parts_keeps_the_item():
    """An item whose run-in title is a measure (开展专项检查。) gives work although its body lists what is checked."""
    # constructed fixture
    assert states_duty("（二）开展专项检查。检查内容包括消防设施、疏散通道等。", numbered=True)
