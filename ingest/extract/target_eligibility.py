"""Bounds that say who qualifies for a grant, not what the grant commits to (issue 13, gold target convention 9).

A bound (不低于50万元, 500万元及以下, 不超过1%) written inside the noun phrase that a grant is then given to — the
phrase closes with 的 and its noun (…的担保业务, …的流动资金贷款), and the grant follows (给予…补贴, ，可按…申请…) — is a
condition of eligibility: the measure commits to nothing about it. Further conditions may stand between the bound and the
的, joined by 、 or 且 (单户担保金额500万元及以下、平均担保费率不超过1%的担保业务给予…; 贷款额不低于50万元(含50万元)，
且不超过1000万元（含1000万元）的流动资金贷款，可按…). A noun of a rate or an amount after the 的 (按不超过投资额30%的
比例给予补助, 不超过50万元的补助) makes the bound the grant's own size, which stays a target.
"""

from __future__ import annotations

import re

# after the bound: a note in brackets, at most four further conditions each opened by 、 or a comma (且 may follow) and
# holding a number, then 的, the noun it qualifies, and the grant (a condition holds no 、 or comma: one way to read a line)
_QUALIFIES_RECIPIENT = re.compile(
    r"\s*(?:[（(][^（）()]{0,12}[）)])?"
    r"(?:\s*[、，,]\s*(?:且|并且|或)?[^，,。；;的、]{0,24}?\d[^，,。；;的、]{0,14}?){0,4}"
    r"的(?P<noun>[\u4e00-\u9fff“”]{1,16}?)\s*[，,]?\s*(?:可按|可申请|可享受|可获得|给予|予以|享受)")
_RATE_NOUN = re.compile(r"(?:比例|标准|额度|幅度|上限|金额|资金|补助|奖励|补贴|费用)$")


def qualifies_recipient(masked: str, end: int) -> bool:
    """Whether the bound that ends at ``end`` qualifies the noun a grant is given to (the grant follows the noun)."""
    m = _QUALIFIES_RECIPIENT.match(masked, end)
    return m is not None and _RATE_NOUN.search(m.group("noun")) is None
