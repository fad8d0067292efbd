"""Not targeted, projects: a project that only receives money, credit, priority or an input is no site.

A project of a kind is a site where the obligation's work is done on it: built, implemented, approved, scheduled,
supervised or listed in a managed pool (gold site-type convention 27). Where it is the object of 对/向/为 and the
sentence then gives it money, credit, a subsidy, priority or an input (对…技改项目给予补助, 加大对重大项目建设的信贷支持,
向…重点项目倾斜, 对重大项目用气给予绿色通道), it is a recipient and takes no entry (convention 10). A measure of work
on it after 对 (对重大技改项目实行定期调度) keeps it.
"""

from __future__ import annotations

import re

# 对/向/为 opening the phrase that holds the project, in its clause
_TO_BEFORE = re.compile(r"(?:对|向|为)[^，。；：！？\n]{0,30}\Z")
# what the project receives, later in its sentence
_RECEIVES = re.compile(r"给予|补助|奖励|资助|贴息|奖补|补贴|倾斜|信贷|贷款|资金支持|绿色通道|税收优惠|减免")
# work done on the project after the 对-phrase (实行定期调度, 开展监督检查, 加强管理): a measure acting on it
_WORK_ON = re.compile(r"实行|开展|加强|进行|实施(?!.{0,4}(?:补助|奖励))|监督|检查|调度|审批|验收")
_SENTENCE_ENDS = "。；;！？\n"


def project_only_funded(text: str, start: int, end: int) -> bool:
    """Whether a project at [start, end) is the object of 对/向/为 in a sentence that only gives it money, credit,
    priority or an input (see the module)."""
    if not text.endswith("项目", start, end) or _TO_BEFORE.search(text, max(0, start - 30), start) is None:
        return False
    stop = min([i for i in (text.find(c, end) for c in _SENTENCE_ENDS) if i >= 0], default=len(text))
    rest = text[end:stop]
    received = _RECEIVES.search(rest)
    if received is None:
        return False
    return _WORK_ON.search(rest, 0, received.start()) is None
