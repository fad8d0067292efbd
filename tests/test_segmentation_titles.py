"""Titles of measures over their paragraphs, and captions, on minimal fixtures (issue 13, segmentation).

Every text here is a minimal fixture for one rule, constructed, not a policy document."""

from __future__ import annotations

import re

from fixture_docs import fixture_document
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.obligations import extract_obligations, states_duty
from policykg.ingest.model import Document


def _doc(text: str) -> Document:
    # minimal fixture, not a policy document
    return fixture_document(text)


_PLAN = ("三、重点任务\n"
         "（一）加快设施建设，提升保障能力。\n"
         "完善站点布局，推进设施改造。\n"
         "加强设备维护。定期开展巡查，及时消除隐患。\n"
         "（二）强化宣传培训，营造良好氛围。\n"
         "组织开展宣传活动，提高公众意识。\n")


def test_a_title_of_parallel_verb_phrases_over_paragraphs_is_a_heading():
    """Fixture: （一）X，Y。 (two short verb phrases, no subject) over paragraphs titles them: each paragraph is
    one unit of the item (unit convention 2), the title none, the sentences of a paragraph not cut."""
    paras = {p.text: p for p in pg.paragraphs(_doc(_PLAN))}
    assert paras["（一）加快设施建设，提升保障能力。"].heading_only
    texts = [o.text for o in extract_obligations(_doc(_PLAN))]
    assert texts == ["完善站点布局，推进设施改造。", "加强设备维护。定期开展巡查，及时消除隐患。", "组织开展宣传活动，提高公众意识。"]


def test_a_one_sentence_item_with_a_subject_or_a_long_clause_stays_an_item():
    """Fixture: an item that writes its subject, or a clause too long for a title, is a unit of its own although
    text follows it."""
    text = ("三、重点任务\n（一）各街镇要加强巡查，及时消除隐患。\n区应急局负责督导检查。\n"
            "（二）加快推进全区电动自行车集中充电设施建设，提升保障能力。\n区住建委负责督导检查。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert "（一）各街镇要加强巡查，及时消除隐患。" in texts
    assert "（二）加快推进全区电动自行车集中充电设施建设，提升保障能力。" in texts


def test_an_articles_last_item_is_no_title_of_the_next_paragraph():
    """Fixture: inside an article the paragraph after its items is the article's next paragraph (款)."""
    text = ("第五条 物业服务企业应当履行下列职责：\n（一）制定管理制度，落实安全责任；\n（二）制定应急预案，定期开展演练。\n"
            "物业服务企业发现设施损坏的，应当及时维修。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert "（二）制定应急预案，定期开展演练。" in texts


def test_a_caption_line_is_no_text_of_the_item_above_it():
    """Fixture: a box caption (专栏1 …) and an entry's title line (01 …) with no sentence mark are no units; the
    entry's text below is."""
    text = ("三、重点任务\n（一）加快设施建设，提升保障能力。\n完善站点布局，推进设施改造。\n专栏1 设施建设行动\n"
            "01 站点改造\n推进老旧站点改造，完善配套设施。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert texts == ["完善站点布局，推进设施改造。", "推进老旧站点改造，完善配套设施。"]


def test_the_items_of_a_list_of_powers_are_no_duties():
    """Fixture: 有权采取下列措施： / 可以行使下列职权： lists powers the holder may use (a permission, unit
    convention 5), as 可以采取下列措施： does; a list of duties (应当履行下列职责：) stays one."""
    for lead in ("区应急局进行监督检查时，有权采取下列措施：", "区应急局进行监督检查，可以行使下列职权：",
                 "区应急局进行监督检查，行使以下职权："):
        text = f"第十条 {lead}\n（一）进入单位进行检查，调阅有关资料；\n（二）对检查中发现的隐患，责令立即排除。\n"
        assert [o.text for o in extract_obligations(_doc(text))] == [], lead
    text = "第十条 区应急局应当履行下列职责：\n（一）进入单位进行检查，调阅有关资料；\n（二）对检查中发现的隐患，责令立即排除。\n"
    assert len(extract_obligations(_doc(text))) == 2


def test_an_item_ending_in_a_state_noun_is_a_duty_when_it_asks_an_act():
    """Fixture: an item ending in …情况 is no item of a list of contents when a clause before it opens with an
    action verb, its verb takes 情况 as object (如实记录/按规定报告…情况) or a unit acts; a noun phrase stays none."""
    plan = ("一、工作任务\n（一）加强消防宣传，定期开展防火检查。\n（二）落实单位消防安全管理，按规定报告消防安全管理情况。\n"
            "（三）如实记录消防安全培训情况。\n（四）区消防救援支队向社会通报检查情况。\n")
    texts = [o.text for o in extract_obligations(_doc(plan))]
    assert texts == ["（一）加强消防宣传，定期开展防火检查。", "（二）落实单位消防安全管理，按规定报告消防安全管理情况。",
                     "（三）如实记录消防安全培训情况。", "（四）区消防救援支队向社会通报检查情况。"]
    assert not states_duty("单位消防安全责任制落实情况；", numbered=True)
    assert not states_duty("建立消防安全管理制度情况；", numbered=True)


def test_the_xi_zhi_of_a_longer_word_is_no_definition():
    """Fixture: 系指 inside 联系指导 or 体系指南 defines nothing; 系指 as a verb does."""
    assert states_duty("完善工作机制。加强与各区应急局联系指导，健全政策措施。", numbered=True)
    assert states_duty("各有关单位按照消防安全标准体系指南开展工作。")
    assert not states_duty("本办法所称重点单位，系指火灾危险性较大的单位。")


def test_a_table_of_contents_with_dot_leaders_is_no_text():
    """Fixture: contents entries led by dots to a page number (longer than a bare title) are left out, under
    目录 or not; the body's own headings and text are read."""
    toc = ("目 录\n一、重点任务..................................................................................3\n"
           "（一）加快设施建设，提升保障能力.......................................4\n"
           "（二）强化宣传培训..........................................................................5\n"
           "一、重点任务\n（一）加快设施建设，提升保障能力。\n完善站点布局，推进设施改造。\n")
    assert [o.text for o in extract_obligations(_doc(toc))] == ["完善站点布局，推进设施改造。"]
    bare = "（二）强化宣传培训..............................5\n一、重点任务\n（一）各街镇要加强巡查。\n"
    assert [o.text for o in extract_obligations(_doc(bare))] == ["（一）各街镇要加强巡查。"]


def test_a_run_in_title_goes_with_the_sentence_after_it():
    """Fixture: in running text a short verb phrase closed by 。 (优化站点布局。) is the title of the sentence after
    it, one unit with it; a short sentence with a cue is a sentence of its own."""
    text = ("三、重点任务\n专栏1 设施改造工程\n优化站点布局。组织各街镇改造老旧站点，完善配套设施。加快设备更新。"
            "推广智能监测设备。\n四、工作要求\n严禁在楼道内私拉电线。各街镇要加强巡查，及时消除隐患。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    # 四、工作要求 has no deeper item: by gold README unit convention 2 (fourteenth adjudication) it is a numbered
    # item, its paragraph one unit, its sentences not (三's paragraph, under a 专栏 caption, keeps its run-in titles)
    assert texts == ["优化站点布局。组织各街镇改造老旧站点，完善配套设施。", "加快设备更新。推广智能监测设备。",
                     "严禁在楼道内私拉电线。各街镇要加强巡查，及时消除隐患。"]


def test_a_short_line_with_no_sentence_is_no_unit_of_running_text():
    """Fixture: in running text a short line with no sentence mark and no comma — a caption (应用一：形式审查), a
    unit's name, a print line — is no unit; a sentence is one."""
    text = ("三、重点任务\n应用一：形式审查\n区应急管理局办公室\n区人民政府办公室 2024年1月3日印发\n"
            "区应急局组织开展形式审查。\n")
    assert [o.text for o in extract_obligations(_doc(text))] == ["区应急局组织开展形式审查。"]


def test_a_list_of_attachments_names_documents_and_states_nothing():
    """Fixture: 附件：1.X then 2.Y … (one title a line, no sentence mark) lists attachments; the attachment itself
    (附件1, then its text) is read."""
    text = ("一、工作要求\n（一）各街镇要于6月底前报送排查情况。\n附件：1.隐患排查情况汇总表\n2.街镇联络员名单\n"
            "3.排查工作情况说明提纲\n附件1\n隐患排查工作要求\n1.各街镇要逐一核查辖区内场所。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert texts == ["（一）各街镇要于6月底前报送排查情况。", "1.各街镇要逐一核查辖区内场所。"]
    text = "附件：\n1.隐患排查情况汇总表\n2.排查工作情况说明提纲\n"
    assert extract_obligations(_doc(text)) == ()


def _wrapped(paragraphs: list[str], width: int) -> str:
    """Constructed: paragraphs broken into lines of ``width`` characters, as a PDF page breaks them."""
    return "".join("".join(p[i:i + width] + "\n" for i in range(0, len(p), width)) for p in paragraphs)


def test_a_text_wrapped_at_a_page_width_with_digits_in_its_lines_is_read_as_its_paragraphs():
    """Fixture: a page's lines are of one width in characters, but digits, Latin letters and spaces make their
    display widths differ by a few columns (no one width holds 40% of them); the text is still read as its
    paragraphs, one article each."""
    paras = [f"第{n}条 区应急局应当于每年{n % 9 + 1}月底前会同{'1' * (n % 5)}个街镇开展{'A' * (n % 4)}类场所消防安全检查，"
             f"对检查中发现的{'9' * (n % 6)}处隐患逐一建立台账并督促整改，整改情况于{n % 3 + 2}日内报区政府备案。"
             for n in range(1, 13)]
    obs = extract_obligations(_doc("一、工作任务\n" + _wrapped(paras, 24)))
    assert [re.sub(r"\s", "", o.text) for o in obs] == [p.replace(" ", "") for p in paras]
