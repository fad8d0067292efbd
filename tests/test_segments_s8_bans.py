"""A ban written with 禁止 is a duty, as 严禁 and 不得 are (issue 13, gold schema: a duty is an act someone must
do or not do). Every text here is a constructed fixture, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.duty import states_duty
from policykg.ingest.extract.obligations import extract_obligations


def test_a_ban_is_a_duty():
    """Constructed fixture: 禁止 governing the predicate, after a clause of time or place or at the start."""
    assert states_duty("防火期内，除本办法规定的情形外，禁止在林区野外用火。")
    assert states_duty("禁止在楼梯间停放电动自行车。")
    assert states_duty("第十二条 在禁火区内，禁止携带火种进入山林。", numbered=True)


def test_a_kind_of_banned_act_or_thing_is_no_ban():
    """Constructed fixture: 禁止性行为 and 明令禁止的设备 name a kind, nothing is banned by the sentence."""
    assert not states_duty("本办法所列禁止性行为的范围。")
    assert not states_duty("明令禁止的设备目录。")


def test_an_articles_ban_paragraph_is_an_obligation():
    """Constructed fixture: the second paragraph of an article, a ban alone, is a unit of its own."""
    text = ("第一章 总则\n第八条 镇人民政府应当组织开展防火检查。\n"
            "防火期内，禁止在林区野外用火。\n第九条 本办法自公布之日起施行。\n")
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert "防火期内，禁止在林区野外用火。" in texts
