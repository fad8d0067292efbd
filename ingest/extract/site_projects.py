"""Not targeted, projects: a project that only receives money, credit, priority or an input is no site.

A project of a kind is a site where the obligation's work is done on it: built, implemented, approved, scheduled,
supervised or listed in a managed pool (gold site-type convention 27). Where it is the object of 对/向/为 (or of
在…上) and the sentence then gives it money, credit, a subsidy, support, priority or an input (对…技改项目给予补助,
加大对重大项目建设的信贷支持, 加大对…等重大项目的支持力度, 向…重点项目倾斜, 在重大项目上予以倾斜, 为重大项目预留用地
指标), it is a recipient and takes no entry (convention 10). A measure of work on it after 对 (对重大技改项目实行定期调度)
keeps it.

Investment, finance and tax are what a project receives too: a project that investment promotion brings in
(积极引进一批…重大项目, 开展重大项目招商) or that is the attribute of its financing or tax relief (重大项目融资需求,
技术改造项目进口设备免税) names the money's object, no works the measure acts on (convention 27: money, credit,
tax relief, an input).
"""

from __future__ import annotations

import re

# 对/向/为 (or 在, closed by 上 after the project) opening the phrase that holds the project, in its clause
_TO_BEFORE = re.compile(r"(?:对|向|为|在)[^，。；：！？\n]{0,30}\Z")
# what the project receives, later in its sentence
_RECEIVES = re.compile(r"给予|补助|奖励|资助|贴息|奖补|补贴|倾斜|信贷|贷款|资金支持|支持力度|绿色通道|税收优惠|减免|预留")
# work done on the project after the 对-phrase (实行定期调度, 开展监督检查, 加强管理): a measure acting on it
_WORK_ON = re.compile(r"实行|开展|加强|进行|实施(?!.{0,4}(?:补助|奖励))|监督|检查|调度|审批|验收")
_SENTENCE_ENDS = "。；;！？\n"

# investment promotion bringing the project in (引进一批具有…作用的重大项目, 招引…项目): its object, clause-internal
_ATTRACTED = re.compile(r"(?:引进|招引|吸引)(?:一批|一些|更多)?(?:[^，。；：、！？\n]{0,20}的)?\Z")
# the project as the attribute of its financing, investment promotion or tax relief (重大项目|融资需求, 重大项目|招商,
# 技术改造项目|进口设备免税)
_MONEY_AFTER = re.compile(r"招商|融资|贷款|(?:进口设备)?免税")


def project_only_funded(text: str, start: int, end: int) -> bool:
    """Whether a project at [start, end) only receives money, credit, support, priority, an input, investment or tax
    relief (see the module)."""
    if not text.endswith("项目", start, end):
        return False
    if _MONEY_AFTER.match(text, end) or _ATTRACTED.search(text, max(0, start - 30), start):
        return True
    to = _TO_BEFORE.search(text, max(0, start - 30), start)
    if to is None or to.group(0).startswith("在") and not text.startswith("上", end):
        return False
    stop = min([i for i in (text.find(c, end) for c in _SENTENCE_ENDS) if i >= 0], default=len(text))
    rest = text[end:stop]
    received = _RECEIVES.search(rest)
    if received is None:
        return False
    return _WORK_ON.search(rest, 0, received.start()) is None
