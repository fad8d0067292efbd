"""Deadlines, session 10 review: a limit set elsewhere written after 没有 (没有按时…, 没有按照规定时限…, 没有如期…) is a
violation or a condition, as after 不, 未 or 没 (gold deadline conventions 8, 11, 13: not recorded). Every sentence here is
a constructed fixture, written for the test, not copied from a policy document."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import extract_deadlines

DOC = date(2023, 5, 1)


@pytest.mark.parametrize("text", [
    "对没有按时报送的单位，予以通报。",  # constructed fixture
    "对没有按照规定时限办结的窗口，予以通报。",  # constructed fixture
    "对没有如期完成整改的单位，予以约谈。",  # constructed fixture
])
def test_a_limit_not_kept_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()


def test_a_limit_kept_stays():
    # constructed fixture
    assert [d.text for d in extract_deadlines("各单位要按时报送。", DOC)] == ["按时"]
