"""Site types (session 12): enterprises of a trade written as a 、 list of activities before one 企业 (X生产、批发企业)
are one kind per activity, the goods and the head written out for each (gold site-type convention 4: a head shared by a
list is written out for each member; convention 6: enterprises qualified by a trade count). A pair joined by 和/或 names
one party that does both and stays as written.

Every sentence here is a constructed fixture, written for these tests in the shape of the pattern, never copied
from a policy document."""

from __future__ import annotations

import pytest
from policykg.ingest.extract.sitetypes import find_site_types


@pytest.mark.parametrize(("text", "sites"), [
    # constructed fixture: two trades of one goods
    ("复核烟花爆竹生产、批发企业的资质。", ("烟花爆竹生产企业", "烟花爆竹批发企业")),
    # constructed fixture: three trades
    ("检查液化气充装、储存、运输企业。", ("液化气充装企业", "液化气储存企业", "液化气运输企业")),
])
def test_a_list_of_trades_is_one_kind_each(text, sites):
    assert find_site_types(text) == sites


def test_a_pair_joined_by_or_stays_as_written():
    # constructed fixture
    assert find_site_types("督促农药生产或销售企业建立台账。") == ("农药生产或销售企业",)
