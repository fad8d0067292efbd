"""Paragraphs and task-table columns as obligation extraction needs them.

Each line of running text gets its section path from ``Document.sections`` (the layout step), and from
the numbering itself (``layout.heading_number``) its place in the outline: the chain of headings above
it, the kind of section it sits in (tasks, goals, or descriptive text such as 指导思想 and 适用范围) and
the date range of the stage it belongs to (（一）部署阶段（3月1日至3月31日）). Whether a numbered line is a
heading is decided by what follows it, not by its length: a title with items or text of its own below
it is a heading; a short numbered item followed by its next sibling is an item. A Document built
without layout still gets paths from the numbers, so obligations work on any Document.

This module builds the outline (``paragraphs``); the parts it decides from live beside it and are
re-exported here: raw lines and hard-wrap reflow (``lines``), heading and item numbers and what a heading
says (``headings``), list leads (``list_leads``), task-table columns and label lines (``task_tables``); page
lines a copy ran together are cut back apart first (``run_on_lines``).
Gold README (tests/gold/obligations/README.md): schema "one obligation per unit of work" (the outline says
which line is a unit and under which headings), unit convention 2 (an article's and an item's paragraphs
are units) and role convention 5 (label lines belong to the unit above them).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from policykg.ingest.extract.cues import VERB_START
from policykg.ingest.extract.deadlines import reference_date
from policykg.ingest.extract.headings import (
    _DESCRIPTIVE_HEADING,
    _SENTENCE_MARK,
    _STAGE_LINE,
    _TITLE_IN_BRACKETS,
    GOAL_HEADING,
    _article_title,
    _next_decimal,
    _numbered,
    _stage_of,
    heading_context,
    heading_of,
    stage_dates_only,
)
from policykg.ingest.extract.lines import _is_body_text, _raw_lines, _wrap_width
from policykg.ingest.extract.list_leads import BY_LISTED_RULES, _list_context, acts_on_cases
from policykg.ingest.extract.run_on_lines import _run_on_breaks
from policykg.ingest.extract.task_tables import (
    COOPERATE_COLUMN,
    DEADLINE_COLUMN,
    LEAD_COLUMN,
    NUM_COLUMN,
    PROJECT_COLUMN,
    TASK_COLUMN,
    UNIT_COLUMN,
    TaskColumns,
    is_label_line,
    label_values,
    task_columns,
)
from policykg.ingest.model import Deadline, Document, Section, Span

# (the private helpers are reached through this module by obligations.py and the tests)
__all__ = [
    "BY_LISTED_RULES", "COOPERATE_COLUMN", "DEADLINE_COLUMN", "GOAL_HEADING", "LEAD_COLUMN", "NUM_COLUMN",
    "PROJECT_COLUMN", "TASK_COLUMN", "UNIT_COLUMN", "Paragraph", "SectionIndex", "TaskColumns",
    "_list_context", "_next_decimal", "_numbered", "_wrap_width", "acts_on_cases", "heading_context",
    "heading_of", "is_label_line", "label_values", "paragraphs", "section_at", "section_index", "section_of",
    "stage_dates_only", "task_columns",
]

# a title of parallel verb phrases, each short, closed by 。: 加快系统创新，增强融合发展新动能。
_PARALLEL_TITLE = re.compile(r"^(?:[^，,。；;：:、]{2,14}[，,]){1,2}[^，,。；;：:、]{2,14}。$")


@dataclass(frozen=True)
class Paragraph:
    """One line of running text with its place in the outline.

    ``text`` is the line as written (its item number included), ``body`` the text after the number and
    ``body_start`` where that begins in ``Document.text``. ``headings`` are the enclosing headings,
    outermost first, each up to its first stop (二、区应急局职责); ``context`` is "task", "goal" or
    "descriptive", or "duties" for the items of a list of duties (应当履行下列义务：); ``stage`` the date
    range of the enclosing stage heading, if any.
    """

    text: str
    start: int
    section: str
    numbered: bool
    heading_only: bool
    goal: bool
    body: str
    body_start: int = 0
    context: str = "task"
    headings: tuple[str, ...] = ()
    stage: Deadline | None = None
    number: str = ""
    own_stage: Deadline | None = None  # the date range in this item's own heading (动员部署（2020年6月）)
    in_article: bool = False  # a paragraph of an article (第X条): the paragraph, not the sentence, is a unit
    label_only: bool = False  # 牵头单位：X / 完成时限：Y on a line of its own: it labels the unit before it
    labels: Span | None = None  # the label lines right after this paragraph, first to last, when it is a unit
    item_rank: float | None = None  # the rank of the numbered item whose title line this paragraph stands under
    wrapped: bool = False  # the text is hard-wrapped at a page's width: a line break inside it ends no sentence


class SectionIndex:
    """Innermost section for any position, by bisection over the section boundaries.

    The boundaries cut the text into pieces that no section starts or ends inside, so each piece has
    one answer, computed once per document instead of scanning every section for every line.
    """

    def __init__(self, sections: tuple[Section, ...]):
        self.sections = sections
        cuts = sorted({p for s in sections for p in (s.span.start, s.span.end)})
        self.cuts = cuts
        self.paths: list[str] = []
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

    def section(self, pos: int) -> str:
        """Path of the innermost section holding ``pos``, "" when none does."""
        k = bisect_right(self.cuts, pos) - 1
        return self.paths[k] if k >= 0 else ""


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
    """The lines of ``doc`` outside ``skip`` spans, with section path, heading chain, context and stage."""
    raws = _run_on_breaks(_raw_lines(doc, list(skip)))
    index = section_index(doc) if doc.sections else None
    reference = reference_date(doc.date, doc.title, doc.text)  # (the same for every heading: read once)
    out: list[Paragraph] = []
    # (rank, number, heading text, context, stage) of the open headings, outermost first
    stack: list[tuple[float, str, str, str | None, Deadline | None]] = []
    host: int | None = None  # the unit of work that label lines right below it belong to
    case_lists: set[tuple] = set()  # (rank, number, text) of the leads of lists of cases, contents, violations
    titles: set[tuple] = set()  # (rank, number, text) of the numbered lines that are a title alone
    for i, r in enumerate(raws):
        if r.attachment is not None:
            stack = [(0.0, r.attachment, r.attachment, None, None)]
            host = None
            continue
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if r.hit is not None:  # a numbered line closes the headings of its own rank and below
            stack = [x for x in stack if x[0] < r.hit[3]]
        elif i and raws[i - 1].hit is not None and not is_label_line(r.text):
            # a paragraph after the numbered items of a list of cases or contents ends that list: the lead
            # (支出范围：) no longer says what the text is
            lead = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][:3] in case_lists), None)
            if lead is not None:
                x = stack[lead]
                stack = stack[:lead] + ([] if not x[1] else [(x[0], x[1], x[2], None, x[4])])
        if r.hit is None and not is_label_line(r.text) and not _STAGE_LINE.match(r.text):
            # a paragraph after an article's items is the article's next paragraph (款): the items close
            art = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == 3 and stack[k][1]), None)
            if art is not None and art < len(stack) - 1:
                stack = stack[:art + 1]
        headings = tuple(x[2] for x in stack if x[2] and x[1] != x[2])
        context = next((x[3] for x in reversed(stack) if x[3]), None)
        stage = next((x[4] for x in reversed(stack) if x[4]), None)
        if r.hit is None:
            top = max((x[0] for x in stack if x[1]), default=0.0)
            if _STAGE_LINE.match(r.text) and len(r.text) <= 60:  # 第一阶段：排查摸底（3月1日至3月31日）
                stack = [x for x in stack if x[1]] + [
                    (top + 0.5, "", r.text.rstrip("。：:"), None, _stage_of(r.text, r.start, reference))]
                host = None
                continue
            section = index.section(r.start) if index else "/".join(x[1] for x in stack if x[1])
            ctx = context or "task"
            if is_label_line(r.text):  # 牵头单位：X under a task: part of that task, no unit of its own
                out.append(Paragraph(r.text, r.start, section, False, False, ctx in ("goal", "descriptive"),
                                     r.text, r.start, ctx, headings, stage, label_only=True, wrapped=r.wrapped))
                if host is not None:
                    held = out[host].labels
                    out[host] = replace(out[host], labels=Span(held.start if held else r.start, r.start + len(r.text)))
                continue
            intro = r.text.endswith(("：", ":")) and nxt is not None and nxt.hit is not None
            # …应当依照下列规定上报事故情况：: the lead is the work, its items say how; still a lead for their context
            lead_is_work = intro and BY_LISTED_RULES.search(r.text) is not None
            # a paragraph after an article's items is the article's next paragraph (款), not an item's text
            article = any(x[0] == 3 for x in stack if x[1])
            # 1.统筹建设…数据集 on a line of its own, then its text: the paragraph is the item's (or one of them)
            item_rank = stack[-1][0] if stack and stack[-1][1] and stack[-1][0] != 3 and stack[-1][:3] in titles \
                else None
            out.append(Paragraph(r.text, r.start, section, False, intro and not lead_is_work, ctx in ("goal", "descriptive"),
                                 r.text, r.start, ctx, headings, stage, in_article=article, item_rank=item_rank,
                                 wrapped=r.wrapped))
            host = None if intro else len(out) - 1
            if intro:  # 区级指挥部主要职责如下：, then its items: the items' heading chain holds it
                listed = _list_context(r.text)
                stack = [x for x in stack if x[1]] + [(top + 0.5, "", r.text.rstrip("：:")[:60], listed, None)]
                if listed in ("descriptive", "violations"):
                    case_lists.add(stack[-1][:3])
            continue
        _level, num, head, rank, prefix = r.hit
        # a heading over stage lines (三、实施步骤 above 第一阶段：…) is one as over deeper numbers
        deeper = nxt is not None and (nxt.hit is not None and nxt.hit[3] > rank
                                      or nxt.hit is None and _STAGE_LINE.match(nxt.text) is not None)
        body_follows = nxt is not None and _is_body_text(nxt)
        if rank == 3:  # 第X条: its first line is its first paragraph, unless only a title （职责）
            tail = r.text[prefix:].strip()
            heading_only = (deeper or body_follows) and (not tail or bool(_TITLE_IN_BRACKETS.fullmatch(tail))) \
                or deeper and tail.endswith(("：", ":")) and not acts_on_cases(tail) and not BY_LISTED_RULES.search(tail) \
                or deeper and _article_title(tail)  # 第十六条　经费预算的申报核定 over its items: a title
        else:  # a title (加强组织领导。) above items or text of its own; a sentence above text is an item
            short_title = len(head) <= 25 and "，" not in head and len(r.text) <= 40
            # 一、完善消防安全责任体系，形成齐抓共管工作格局 over paragraphs: a title with a comma, no sentence mark
            unpunctuated = len(r.text) <= 40 and not _SENTENCE_MARK.search(r.text)
            # （一）加快系统创新，增强融合发展新动能。 over paragraphs: two or three short parallel verb phrases, no
            # subject, is a measure's title as a short title is (a one-sentence item writes a subject or an object)
            parallel_title = len(r.text) <= 40 and _PARALLEL_TITLE.match(r.text[prefix:].strip()) is not None \
                and VERB_START.match(head) is not None
            # an item ending in ；or …的。 is a clause of a list (（二）未按照规定建立…的。), never a title
            clause_end = r.text.endswith(("；", ";", "的。"))
            # an article's item that ends its sentence (（五）完善…合作机制。) is never a title: the paragraph
            # after it is the article's next paragraph (款), not the item's text
            article_item = any(x[0] == 3 for x in stack if x[1]) and r.text.endswith(("。", "；", ";", "！", "？"))
            heading_only = r.title_like and not clause_end and (
                deeper or body_follows and (short_title or unpunctuated or parallel_title) and not article_item) \
                or r.text.endswith(("：", ":")) and deeper
        own_context = heading_context(head) if (r.title_like or len(head) <= 16) else None
        head_text = r.text[:prefix] + head
        head_at = r.start + prefix + r.text[prefix:].find(head)
        # 集中整治阶段：2021年4月至9月: the dates after a stage's name belong to its heading
        own_stage = _stage_of(doc.text[head_at:r.start + len(r.text)] if head.endswith("阶段") else head, head_at,
                              reference)
        # a stage's range passes to what stands under its heading, not to text after a run-in item
        listed = None if own_context or not deeper else _list_context(r.text)
        stack.append((rank, num, head_text[:60], own_context or listed, own_stage if heading_only else None))
        if listed in ("descriptive", "violations"):
            case_lists.add(stack[-1][:3])
        if heading_only and r.title_like and VERB_START.match(head) and not _DESCRIPTIVE_HEADING.search(head):
            titles.add(stack[-1][:3])  # 1.统筹建设…数据集, （一）加强组织领导: a measure's title, not a topic's (组织体系)
        section = index.section(r.start) if index else "/".join(x[1] for x in stack if x[1])
        # an item of a list of cases or contents (（六）事故防范和整改措施。 under 报告应当包括下列内容：) is one of
        # them whatever its own words; only a heading says what the text under it is
        ctx = context if context in ("descriptive", "violations") and not heading_only \
            else own_context or context or "task"
        body_start = r.start + prefix + (len(r.text[prefix:]) - len(r.text[prefix:].lstrip()))
        out.append(Paragraph(r.text, r.start, section, True, heading_only, ctx in ("goal", "descriptive"),
                             doc.text[body_start:r.start + len(r.text)], body_start, ctx, headings,
                             stage, num, own_stage, wrapped=r.wrapped))
        host = None if heading_only else len(out) - 1
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
