"""Imperative items that open with a verb of payment, collection, handling or mining (segments2, session 8)."""

import pytest
from policykg.ingest.extract.duty import states_duty


@pytest.mark.parametrize("item", [
    "工程尾款按合同约定的方式支付。",  # constructed fixture
    "由获奖人凭有效证件领取奖金。",  # constructed fixture
    "为新建的服务站办理集体户口。",  # constructed fixture
    "深入挖掘典型场景。",  # constructed fixture
])
def test_numbered_item_with_transaction_verb_is_a_duty(item):
    """支付/领取/办理/挖掘 are action verbs: a numbered item written with one of them is work to do."""
    assert states_duty(item, numbered=True)


def test_transaction_noun_alone_is_no_duty():
    """A bare title of a form names no act (the verbs do not make every line work)."""
    assert not states_duty("费用支付情况表", numbered=True)  # constructed fixture
