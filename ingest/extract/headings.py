"""Which numbered lines are headings, and what a heading says about the text below it.

Decides a line's item number as the layout reads it (``heading_of``; a decimal 7.1 that continues the
outline), whether what follows an article's number is a title, what a heading says its text is (task, goal
or descriptive: ``heading_context``) and the date range a stage heading gives (部署阶段（3月1日至3月31日）).
Gold README (tests/gold/obligations/README.md), schema: "one obligation per unit of work" (a numbered item
at the lowest level; in an article 第X条 each paragraph) and "purely descriptive text (background,
definitions, scope, principles) is not an obligation"; `kind` "goal" for the text of a goal section.
"""

from __future__ import annotations

import re
from datetime import date

from policykg.ingest.extract.cues import DUTY_CUE, VERB_START
from policykg.ingest.extract.deadlines import period_of
from policykg.ingest.layout import heading_number
from policykg.ingest.model import Deadline

# a section heading that says what its text is (the innermost one that says anything wins)
GOAL_HEADING = re.compile(r"目标|指导思想|基本原则|工作原则|总体要求|适用范围|编制依据|工作时间|总体思路|基本情况|"
                          r"背景|名词解释|术语|定义|编制目的|工作原则")
_TASK_HEADING = re.compile(r"任务|措施|职责|分工|步骤|安排|要求(?<!总体要求)|保障|责任")
_GOAL_CONTEXT = re.compile(r"目标|总体要求")
# (an approach section beside the principles — 总体思路, 建设思路, 总体部署, 总体布局, 总体架构, 战略定位 — restates in
# general form what the task sections write as measures: gold README unit 25, fifteenth and eighteenth amendments (b))
_APPROACH = r"(?:总体|基本|建设|工作)思路|总体(?:部署|布局|架构|框架)|战略定位"
_APPROACH_HEADING = re.compile(_APPROACH)
# (the principles of the work — 基本原则, 工作原则, 实施原则, and those named by the work itself, 建设原则, 修订原则 — state
# how it is done, in general form, whatever modal their items carry: gold README unit 25; an article titled …原则 is
# no section heading and a lead-in's binding items (数据交换应当遵循下列原则：) are no heading at all)
_PRINCIPLES = r"(?:基本|主要|总体|工作|实施|建设|编制|修订)原则"
_DESCRIPTIVE_HEADING = re.compile(r"指导思想|" + _PRINCIPLES + r"|适用范围|编制依据|工作时间|" + _APPROACH + r"|基本情况|背景|"
                                  r"名词解释|术语|定义|编制目的|适用对象|目的依据")

# 一、现状与形势, （一）发展现状, （二）面临形势, 2.发展形势, 形势挑战: the background a plan opens with (a title that
# ends so; 厘清现状，做好设计 is a measure); 1.发展基础, （一）现有基础: the base the work stands on, a report of what is
# (gold README unit 25, eighteenth amendment (a): 发展基础, 发展形势, 现状与形势, 形势挑战, 背景; 夯实基础 is a measure)
_BACKGROUND_HEADING = re.compile(r"^[^，,]{0,12}(?:现状|形势)(?:[与和及]?(?:形势|展望|挑战|机遇|趋势))?$"
                                 r"|^[^，,]{0,12}(?:重要意义|必要性)$"
                                 r"|^[^，,]{0,8}(?:发展|工作|现实|现有|已有)基础(?:[与和及](?:现状|形势|挑战|机遇|进展))?$")
_STAGE_LINE = re.compile(r"^第[一二三四五六七八九十\d]{1,3}阶段")
_HEAD_END = re.compile(r"[。；：:]")
_SENTENCE_MARK = re.compile(r"[。；;！!？?]")
_BRACKETED = re.compile(r"[（(][^（）()]*\d[^（）()]*[）)]")
_TITLE_IN_BRACKETS = re.compile(r"[（(【][^（）()【】]{1,40}[）)】]")


def heading_of(line: str) -> tuple[int, str, str] | None:
    """(level, number as written, heading text) of a numbered line, or None."""
    hit = _numbered(line)
    return (hit[0], hit[1], hit[2]) if hit else None


def _numbered(line: str) -> tuple[int, str, str, float, int] | None:
    """(level, number, heading text, rank, length of the number prefix) of a numbered line, or None."""
    hit = heading_number(line)
    if hit is None or hit[0].level is None:
        return None
    kind, num, tail = hit
    if kind.item_numerals and not all(c in kind.item_numerals for c in num[1:-1]):
        return None
    rank = float(kind.rank) if kind.rank is not None else 7.5  # 1) sits between (1) and ①
    prefix = len(line) - len(tail)
    return kind.level, num, _HEAD_END.split(tail.strip(), maxsplit=1)[0], rank, prefix


_DECIMAL = re.compile(r"(\d{1,2})[.．](\d{1,2})(?![\d.．])\s*(?=[\u4e00-\u9fa5])")


def _next_decimal(line: str, last_num: str) -> tuple[int, str, str, float, int] | None:
    """A decimal number that the layout reads as a quantity (7.1人员返回: 7.1人) is a heading number when
    it continues the outline (7. then 7.1, 7.1 then 7.2)."""
    m = _DECIMAL.match(line)
    if m is None:
        return None
    parent, _, sub = last_num.rstrip(".．、").partition(".")
    expected = 1 if not sub else int(sub) + 1 if sub.isdigit() else 0
    if m.group(1) != parent or int(m.group(2)) != expected:
        return None
    probe = _numbered(f"{m.group(1)}.{m.group(2)}甲")  # the kind of a decimal number the layout reads
    if probe is None:
        return None
    tail = line[m.end():]
    return probe[0], f"{m.group(1)}.{m.group(2)}", _HEAD_END.split(tail.strip(), maxsplit=1)[0], probe[3], m.end()


def _article_title(tail: str) -> bool:
    """Whether what follows an article's number is a title (经费预算的申报核定), not its first sentence."""
    return len(tail) <= 20 and not _SENTENCE_MARK.search(tail) and not re.search(r"[，,：:]", tail) \
        and not DUTY_CUE.search(tail)


def heading_context(head: str) -> str | None:
    """What a heading says its text is: "task", "goal", "descriptive", or None when it does not say."""
    # (指导思想 opens with the verb 指导 and names a section all the same)
    if not head or len(head) > 16 or VERB_START.match(head) and not (len(head) <= 4 and head.endswith("目标")) \
            and not _DESCRIPTIVE_HEADING.match(head):
        return None  # 明确工作目标 is a task that names a goal, not a goal section (整治目标 is one)
    goal, task = _GOAL_CONTEXT.search(head), _TASK_HEADING.search(head)
    if goal and not task:
        return "goal"
    if task:
        return "task"  # 目标任务, 工作职责

    if _DESCRIPTIVE_HEADING.search(head) or _BACKGROUND_HEADING.search(head):
        return "descriptive"
    return None


def approach_section(heads: tuple[str, ...]) -> bool:
    """Whether the innermost of ``heads`` (headings as written, number first, outermost first) that says what its text
    is heads an approach section (总体思路, 总体布局: ``_APPROACH``), where only a sentence or item with a date or number
    of its own is work (gold README unit 25, fifteenth amendment)."""
    for written in reversed(heads):
        hit = heading_of(written)
        head = hit[2] if hit else written
        context = heading_context(head)
        if context is not None:
            return context == "descriptive" and _APPROACH_HEADING.search(head) is not None
    return False


# the dates a stage heading writes after its name, not in brackets (集中整治阶段：2021年4月至9月。)
_STAGE_DATES = re.compile(r"阶段[^。；;]{0,20}?[：:，,]\s*(?P<dates>[^，。；：:（）()]{2,30}?)[。；;]?$")
_DATE_WORDS = re.compile(r"\d|[一二三四五六七八九十]\s*月|即日|季度|半年|年[底末内]")


def _stage_of(head: str, head_start: int, doc_date: date | None) -> Deadline | None:
    """The date range a stage heading gives in brackets (部署阶段（3月1日至3月31日）) or after its name
    (集中整治阶段：2021年4月至9月), or None."""
    m = _BRACKETED.search(head)
    if m:
        return period_of(m.group(0), doc_date, head_start + m.start())
    m = _STAGE_DATES.search(head) if "阶段" in head else None
    if m is None or not _DATE_WORDS.search(m.group("dates")):
        return None
    return period_of(m.group("dates"), doc_date, head_start + m.start("dates"))


def stage_dates_only(head: str, rest: str) -> bool:
    """Whether a numbered line is a stage's name and its dates alone (（二）集中整治阶段：2021年4月至9月。)."""
    return head.endswith("阶段") and _STAGE_DATES.search(head + rest) is not None \
        and _DATE_WORDS.search(rest) is not None and not DUTY_CUE.search(rest)
