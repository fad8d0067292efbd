"""A system going live (上线) is an event an act must precede, as 启用/投用 are (gold README deadline convention 3: a limit
before an event is `event`, no date): 平台上线前完成…; 前 that opens a noun (前期, 前列, 前款) is no limit, while 前 followed by
an act (结束前提交) still is. Every sentence here is a constructed fixture."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2022, 4, 14)


@pytest.mark.parametrize("text", [
    "完成服务平台上线前的数据迁移。",  # constructed fixture
    "在某系统上线前完成安全测评。",  # constructed fixture
    "各单位在宣传活动结束前提交总结。",  # constructed fixture (前 then 提交: still a limit)
])
def test_going_live_is_an_event_limit(text):
    assert [(d.date, d.precision) for d in extract_deadlines(text, DOC)] == [(None, "event")]


@pytest.mark.parametrize("text", ["各地要深入开展前期工作。", "该市各项工作完成前列。"])  # constructed fixtures
def test_qian_opening_a_noun_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()
