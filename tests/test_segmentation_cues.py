"""Openings of running-text task sentences that the verb grammar (cues.VERB_START) reads (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.cues import VERB_START
from policykg.ingest.extract.obligations import extract_obligations


def test_a_disposal_sentence_opens_a_task():
    """Constructed fixture: 将/把 + object + verb (将X纳入Y) is an imperative with its object moved before the
    verb, as 对X进行Y is; a 于 after the marker means the verb has come already (把X贯穿于Y建设)."""
    assert VERB_START.match("将辖区养老机构纳入重点检查范围")
    assert VERB_START.match("把安全培训列入年度计划")
    assert not VERB_START.match("把安全理念贯穿于园区建设全过程")
    text = "一、工作措施\n将辖区养老机构纳入重点检查范围，每季度检查一次。把消防常识列入培训内容。\n"
    # gold README unit convention 2 (as the fourteenth adjudication applied it): a 一、 section with no deeper item
    # is a numbered item, its paragraph one unit, its sentences not; its title line is no part of the unit
    assert [o.text for o in extract_obligations(fixture_document(text))] == [
        "将辖区养老机构纳入重点检查范围，每季度检查一次。把消防常识列入培训内容。"]


def test_selection_pursuit_and_manner_openings_are_task_openings():
    """Constructed fixture: imperatives that open with 遴选/采取/争取/树立 or after a manner adverb (充分, 牢固,
    因地制宜) are tasks of running text like 开展/推进 ones; a noun opening stays none."""
    for sent in ("每年遴选10家示范企业", "采取以商招商方式引进项目", "积极争取上级资金支持", "牢固树立安全发展理念",
                 "充分利用现有平台开展培训", "因地制宜开展简易喷淋安装"):
        assert VERB_START.match(sent), sent
    assert not VERB_START.match("树木覆盖率稳步提高")
    text = "一、工作措施\n每年遴选10家示范企业，推广其经验。因地制宜开展简易喷淋安装。\n"
    # gold README unit convention 2 (fourteenth adjudication): a 一、 section with no deeper item is a numbered
    # item, its paragraph one unit, its sentences not; its title line is no part of the unit
    assert [o.text for o in extract_obligations(fixture_document(text))] == [
        "每年遴选10家示范企业，推广其经验。因地制宜开展简易喷淋安装。"]


def test_a_request_to_act_by_a_rule_is_a_duty():
    """Constructed fixture: 请按…+ act (请按此表格填报材料, 请按照通知要求组织申报) asks the reader to do work, as 请于/请在
    do (gold unit convention 5: a wrapper sentence naming a duty of its own); the wrapper formulas 请按照执行 and
    请按照要求认真贯彻落实 name no act and stay none."""
    from policykg.ingest.extract.duty import states_duty
    assert states_duty("请按此表格分别填报申报材料。")
    assert states_duty("如有多个项目，请按照通知要求分别组织申报。")
    assert not states_duty("请按照执行。")
    assert not states_duty("请按照要求认真贯彻落实。")
