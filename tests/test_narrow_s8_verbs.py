"""支付/领取/办理/挖掘 act as verbs only where they end a word as jieba cuts the text (review of 37f06eb: 支付宝,
挖掘机 are nouns). Every string here is a constructed fixture (written for the test, no policy document's words)."""

import pytest
from policykg.ingest.extract.duty import states_duty


@pytest.mark.parametrize("item", [
    "支付宝账户余额",  # constructed fixture: 支付宝 is a noun
    "采购挖掘机2台",  # constructed fixture: 挖掘机 is a noun
])
def test_verb_inside_a_noun_is_no_duty(item):
    assert not states_duty(item, numbered=True)


@pytest.mark.parametrize("item", [
    "及时办理人事调动手续。",  # constructed fixture
    "工程款按月支付",  # constructed fixture: the verb ends the item
])
def test_verb_as_a_word_is_a_duty(item):
    assert states_duty(item, numbered=True)
