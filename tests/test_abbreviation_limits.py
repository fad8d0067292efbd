"""Bad input to the abbreviation test: a query of thousands of words that may vanish (和, 的, 人民) is an answer,
never a RecursionError (it was a 500 on /agencies/{name}/obligations, /agencies?q= and /agency)."""

from __future__ import annotations

from policykg.graph.abbreviations import abbreviates


def test_a_query_of_thousands_of_filler_words_is_answered_without_recursion():
    assert abbreviates("市人民政府", "市" + "和" * 3000 + "人民政府")
    assert not abbreviates("市人民政府", "市" + "的" * 3000 + "局")
    assert abbreviates("市局", "市" + "的" * 3000 + "局")


def test_filler_words_still_vanish_and_other_words_still_count():
    assert abbreviates("区应急局", "区应急管理局") and abbreviates("银保监会", "银行保险监督管理委员会")
    assert not abbreviates("应急管理局", "普陀区应急管理局")
