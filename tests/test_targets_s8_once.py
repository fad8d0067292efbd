"""Targets, session 8: 一次 before the verb it qualifies, after a list mark, a clause start or 实现/达到, is the manner
"at one go" (一次认证, 一次投入), no count; after a verb of doing or a comparator it counts an act."""

import pytest
from policykg.ingest.extract.targets import extract_targets


@pytest.mark.parametrize("text", [
    "推进线上线下联通，实现材料共享、一次认证、全程网办。",  # constructed fixture: a list of manners
    "统一建设办公平台，达到一次投入，避免重复开发。",  # constructed fixture: after a verb of reaching a state
    "一次告知，限时办结。",  # constructed fixture: at a clause's start
])
def test_once_before_the_verb_it_qualifies_is_no_target(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text,cmp", [
    ("街道每年组织一次应急演练。", "="),  # constructed fixture: after a verb of doing
    ("每季度至少召开一次联席会议。", ">="),  # constructed fixture: after a comparator
    ("考核不合格的，可补考一次。", "="),  # constructed fixture: after the verb, at the clause's end
])
def test_once_after_a_verb_counts_an_act(text, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (1, "次", cmp)
