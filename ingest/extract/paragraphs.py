"""Paragraphs and task-table columns as obligation extraction needs them.

Each line of running text gets its section path and goal mark from ``Document.sections`` (the layout
step); heading numbers are read with the layout's own heading kinds (``layout.heading_number``), and
a Document built without layout still gets paths from those numbers, so obligations work on any
Document, whatever built it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from policykg.ingest.layout import heading_number
from policykg.ingest.model import Document, Section, Span

GOAL_HEADING = re.compile(r"目标|指导思想|基本原则|工作原则|总体要求|适用范围|编制依据|工作时间|总体思路|基本情况|"
                          r"背景|名词解释|术语|定义|编制目的|工作原则")
TASK_COLUMN = re.compile(r"工作内容|工作任务|任务内容|主要任务|具体任务|工作措施|任务|内容|措施|事项")
UNIT_COLUMN = re.compile(r"责任单位|牵头单位|责任部门|责任主体|实施单位|责任科室")
NUM_COLUMN = re.compile(r"序号|编号")


@dataclass(frozen=True)
class Paragraph:
    """One line of running text with its section and whether it is a numbered item or a heading."""

    text: str
    start: int
    section: str
    numbered: bool
    heading_only: bool
    goal: bool
    body: str


_HEAD_END = re.compile(r"[。；：:]")
_ATTACHMENT_LINE = re.compile(r"^附件\s*(\d*)\s*[：:]?\s*$")
_SENTENCE_END_CHARS = "。；;：:！!？?）)”"


def heading_of(line: str) -> tuple[int, str, str] | None:
    """(level, number as written, heading text) of a numbered line, or None."""
    hit = heading_number(line)
    if hit is None or hit[0].level is None:
        return None
    kind, num, tail = hit
    if kind.item_numerals and not all(c in kind.item_numerals for c in num[1:-1]):
        return None
    return kind.level, num, _HEAD_END.split(tail.strip(), maxsplit=1)[0]


class SectionIndex:
    """Innermost section and goal mark for any position, by bisection over the section boundaries.

    The boundaries cut the text into pieces that no section starts or ends inside, so each piece has
    one answer, computed once per document instead of scanning every section for every line.
    """

    def __init__(self, sections: tuple[Section, ...]):
        self.sections = sections
        cuts = sorted({p for s in sections for p in (s.span.start, s.span.end)})
        self.cuts = cuts
        self.paths: list[str] = []
        self.goals: list[bool] = []
        goal = [bool(GOAL_HEADING.search(s.heading or "")) for s in sections]
        starts: dict[int, list[int]] = {}
        for i, s in enumerate(sections):
            starts.setdefault(s.span.start, []).append(i)
        active: set[int] = set()
        for piece_start in cuts:
            active.update(starts.get(piece_start, ()))
            active = {i for i in active if sections[i].span.end > piece_start}
            # the deepest section wins; among equally deep ones the later in layout order
            best = max(active, key=lambda i: (sections[i].depth, i), default=None)
            self.paths.append(sections[best].path if best is not None else "")
            self.goals.append(any(goal[i] for i in active))

    def _piece(self, pos: int) -> int:
        k = bisect_right(self.cuts, pos) - 1
        return k if k >= 0 else -1

    def section(self, pos: int) -> str:
        """Path of the innermost section holding ``pos``, "" when none does."""
        k = self._piece(pos)
        return self.paths[k] if k >= 0 else ""

    def goal(self, pos: int) -> bool:
        """Whether any section holding ``pos`` has a goal/principle heading."""
        k = self._piece(pos)
        return self.goals[k] if k >= 0 else False


_last_index: SectionIndex | None = None


def section_index(doc: Document) -> SectionIndex:
    """The SectionIndex of ``doc``'s sections (the last one built is kept: extraction asks per line)."""
    global _last_index
    index = _last_index  # one read: another thread may replace it meanwhile
    if index is None or index.sections is not doc.sections:
        index = _last_index = SectionIndex(doc.sections)
    return index


def section_of(doc: Document, pos: int) -> str:
    """Path of the innermost layout section holding ``pos`` ("" when layout found none)."""
    return section_index(doc).section(pos)


def paragraphs(doc: Document, skip: list[Span] = ()) -> list[Paragraph]:  # type: ignore[assignment]
    """The lines of ``doc`` outside ``skip`` spans, with section path and goal/heading marks."""
    text = doc.text
    out: list[Paragraph] = []
    stack: list[tuple[int, str, bool]] = []  # (level, number, is_goal)
    pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        lstrip = len(raw) - len(raw.lstrip(" \t\u3000\ufeff"))
        line = raw.strip(" \t\u3000\ufeff\r")
        if not line or any(s.start <= start < s.end for s in skip):
            continue
        start += lstrip
        att = _ATTACHMENT_LINE.match(line) if line.startswith("附件") else None
        if att:  # an attachment restarts the numbering
            stack = [(0, "附件" + att.group(1), False)]
            continue
        h = heading_of(line)
        if h is None and out and out[-1].text[-1] not in _SENTENCE_END_CHARS and len(out[-1].text) > 40 \
                and not out[-1].heading_only:
            prev = out[-1]  # a line broken inside a sentence (PDF, Word wrapping): the item goes on
            out[-1] = Paragraph(text[prev.start:start + len(line)], prev.start, prev.section, prev.numbered,
                                False, prev.goal, prev.body + line)
            continue
        heading_only = False
        body = line
        if h:
            level, num, head = h
            stack = [x for x in stack if x[0] < level]
            stack.append((level, num, bool(GOAL_HEADING.search(head))))
            rest = line[len(line) - len(line.lstrip()):]
            body = rest[len(head):] if rest.find(head) >= 0 else rest
            after_head = line.split(head, 1)[1] if head and head in line else ""
            heading_only = len(after_head.strip("。；：: ")) < 4 and len(line) <= 40
        if doc.sections:
            index = section_index(doc)
            section, goal = index.section(start), index.goal(start)
        else:
            section = "/".join(x[1] for x in stack)
            goal = any(x[2] for x in stack)
        out.append(Paragraph(line, start, section, h is not None, heading_only, goal, body))
    return out


def section_at(doc: Document, pos: int) -> str:
    """Section path at ``pos``: the layout's, else the path of the last line read before ``pos``."""
    if doc.sections:
        return section_of(doc, pos)
    path = ""
    for p in paragraphs(doc):
        if p.start > pos:
            break
        path = p.section
    return path


def task_columns(header: tuple[str, ...]) -> tuple[int | None, int, int | None] | None:
    """Column indexes (number, task, responsible units) of a task table header, or None."""
    task = next((i for i, c in enumerate(header) if TASK_COLUMN.search(c) and not UNIT_COLUMN.search(c)), None)
    if task is None:
        return None
    unit = next((i for i, c in enumerate(header) if UNIT_COLUMN.search(c)), None)
    num = next((i for i, c in enumerate(header) if NUM_COLUMN.search(c)), None)
    return num, task, unit
