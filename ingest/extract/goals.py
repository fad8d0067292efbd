"""Goals: the dated or quantified commitments of a goal section (主要目标, 工作目标), so checks can compare
them along a chain (issue 13, gold unit convention 4).

Each sentence and each ；-clause of a goal paragraph or numbered goal item is a goal when it carries a date
or a number, its own or that of a span opening its sentence or paragraph (到2025年，…；…; 力争通过三年行动，…),
which then is its deadline. A goal bullet (——…) is cut the same way, by sentence and ；-clause, its run-in title
kept with the sentence after it; each part without a date of its own carries the date of the lead paragraph above.
Numbered lines under a numbered goal item whose body opens with a span ((1)… under 3.发展目标。到“十四五”末，…) are such
bullets too, dated by that span (not where the item names two horizons).
``GoalLeads`` follows the lead as the walk meets a goal section's paragraphs: the lead's first date or the year it
names for the goals (2025年的主要目标是：), kept over the lines a hard-wrapped copy breaks a bullet into.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cached_property

from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.deadline_calendar import issued as issued_on
from policykg.ingest.extract.deadlines import extract_deadlines
from policykg.ingest.extract.duty import NOT_A_TASK, PAST
from policykg.ingest.extract.lines import display_width, page_width
from policykg.ingest.extract.record import (
    BULLET,
    GOAL_SENT,
    GOAL_SENT_ACROSS_LINES,
    SENT,
    SENT_ACROSS_LINES,
    doc_reference,
    make_obligation,
    sentences,
)
from policykg.ingest.extract.targets import extract_targets
from policykg.ingest.model import Deadline, Document, Obligation, Span


def goals_of(doc: Document, para: pg.Paragraph, lead_date: tuple[Deadline, ...] = ()) -> list[Obligation]:
    """Goals of a goal-section paragraph or numbered item: each sentence and each ；-clause that carries a date
    or a number, its own or that of a span opening its sentence or the paragraph (力争通过三年行动，…；…;
    到2025年，A…。B…。), which then is its deadline; each goal of a bullet under a dated lead paragraph
    (到2025年，…。——…) carries ``lead_date``, the lead's first date, when it names none."""
    ctx = {"headings": para.headings, "stage": para.stage, "kind": "goal"}
    if para.numbered:
        return _goal_clauses(doc, para.text, para.start, para.body_start, para.section, "goal_item", ctx, para.wrapped)
    if para.headings and BULLET.match(para.text):
        return _bullet_goals(doc, para, lead_date, ctx)
    return _goal_clauses(doc, para.text, para.start, para.start, para.section, "goal_sentence", ctx, para.wrapped)


# a goal lead that names its year as what the goals below are for (2025年的主要目标是：, 2025年工作目标：): the year each
# bullet under it is due, as a lead's 到2025年， is (gold unit convention 4's amendment names this lead)
_TOPIC_YEAR = re.compile(r"^\s*(?P<y>\d{4})\s*年\s*(?:的)?[^，,。；;：:\s]{0,8}?目标(?:任务)?(?:是|为|如下)?\s*[：:]\s*$")


def lead_date_of(doc: Document, para: pg.Paragraph) -> tuple[Deadline, ...]:
    """The date a goal lead paragraph gives the bullets under it: its first date, or the year it names as the
    goals' year (2025年的主要目标是：)."""
    own = tuple(d for d in extract_deadlines(para.text, doc_reference(doc), para.start) if d.date)[:1]
    topic = _TOPIC_YEAR.match(para.text) if not own else None
    issued = issued_on(doc_reference(doc))
    if topic is None or issued is not None and int(topic.group("y")) < issued.year:
        return own  # (2019年的主要目标是： in a later text tells what was aimed at, nothing falls due)
    text = para.text[topic.start("y"):para.text.index("年", topic.start("y")) + 1]
    return (Deadline(text, Span(para.start + topic.start("y"), para.start + topic.start("y") + len(text)), "year",
                     date(int(topic.group("y")), 12, 31), rule="goal_lead_year"),)


class GoalLeads:
    """The walk's memory of a goal section: the lead whose date governs the bullets under it (unit convention 4's
    amendment), and whether a paragraph goes on a bullet of a hard-wrapped text (a PDF copy breaks a bullet's lines
    after its sentences: 培育150家…。 on the line after ——供给能力明显增强。…): such a line, with no bullet mark, no
    date or span of its own and no colon of a new lead, is the bullet's next sentence and keeps the lead's date."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.date: tuple[Deadline, ...] = ()
        self.headings: tuple[str, ...] = ()
        self.in_bullets = False  # the last goal paragraph was a bullet or a line going on one
        self.tail = ""  # the last line of that bullet or line
        # a numbered goal item whose body opens with a span (3.发展目标。到“十四五”末，…): its headings, its first line
        # (what its sub-items' headings end with) and its date
        self.item_lead: tuple[tuple[str, ...], str, tuple[Deadline, ...]] | None = None

    def goals(self, para: pg.Paragraph) -> list[Obligation]:
        """The goals of one goal paragraph, dated by the lead above where it is a bullet or goes on one."""
        bullet = BULLET.match(para.text) is not None
        same = para.headings == self.headings
        ctx = {"headings": para.headings, "stage": para.stage, "kind": "goal"}
        if same and not bullet and self.in_bullets and self._goes_on(para):
            self.tail = _last_line(para.text)
            return _bullet_goals(self.doc, para, self.date, ctx, run_in=False)
        if para.numbered and self._under_item_lead(para):
            # （1）科技综合实力显著提高。… under 3.发展目标。到“十四五”末，…: a numbered line under the goal item whose span
            # governs it is a goal bullet (unit convention 4's amendment: a line that opens with a number); the results it
            # commits to name no unit doing them (4 (c): no agency; …科技创新中心建设取得重大进展 names what is built)
            return [replace(o, agencies=()) for o in _bullet_goals(self.doc, para, self.item_lead[2], ctx)]  # type: ignore[index]
        if para.numbered:
            lead = _item_lead_date(self.doc, para)
            self.item_lead = (para.headings, _first_line(para.text), lead) if lead else None
        if not bullet or not same:  # a lead of the bullets after it
            self.headings = para.headings
            self.date = () if para.numbered or bullet else lead_date_of(self.doc, para)
        self.in_bullets = bullet and bool(para.headings)
        self.tail = _last_line(para.text)
        return goals_of(self.doc, para, self.date)

    def _under_item_lead(self, para: pg.Paragraph) -> bool:
        """Whether a numbered goal item stands right under the numbered goal item whose span governs it."""
        lead = self.item_lead
        return lead is not None and len(para.headings) == len(lead[0]) + 1 and para.headings[:-1] == lead[0] \
            and lead[1].startswith(para.headings[-1])

    def _goes_on(self, para: pg.Paragraph) -> bool:
        text = para.text.strip()
        return para.wrapped and self._ran_to_the_edge() and not para.numbered and not text.endswith(("：", ":")) and _opening_span(text) is None \
            and not any(d.date for d in extract_deadlines(text, doc_reference(self.doc), para.start))

    def _ran_to_the_edge(self) -> bool:
        """Whether the bullet's last line runs to the page's edge (less the allowance the joining of lines gives, as
        a wrapped line does): a sentence that ends there may go on in the next line (——…市场满足率分别超过70%。 /
        培育150家…); one that ends short of the edge ended its bullet, and the line after it opens a paragraph."""
        page = self._page_width
        return page is None or display_width(self.tail) >= page - 6

    @cached_property
    def _page_width(self) -> int | None:
        return page_width(self.doc.text)  # (None: the text is not hard-wrapped)


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


def _item_lead_date(doc: Document, para: pg.Paragraph) -> tuple[Deadline, ...]:
    """The date of the span a numbered goal item's body opens with, after its run-in heading (3.发展目标。到“十四五”末，…),
    which governs the numbered lines under it; () when it opens with none."""
    body = doc.text[para.body_start:para.start + len(para.text)]
    head = _GOALS_HEAD.match(body)
    rest = body[head.end():].lstrip() if head else body  # (the text after the run-in heading: where the span opens)
    span = _opening_span(rest)
    if span is None or _two_horizons(tuple(d for d in extract_deadlines(body, doc_reference(doc), para.body_start) if d.date)):
        return ()
    at = para.body_start + len(body) - len(rest) + span[1]  # where the span stands in the document
    return tuple(d for d in extract_deadlines(span[0], doc_reference(doc), at) if d.date)[:1]


def _two_horizons(dated: tuple[Deadline, ...]) -> bool:
    """Whether a lead names two horizons (到2025年，…。到2035年，…): then it governs no bullet under it."""
    return len({d.date.year for d in dated if d.date}) > 1


def _last_line(text: str) -> str:
    return text.rstrip().rsplit("\n", 1)[-1].strip(" \t\u3000\ufeff\r")


def _bullet_goals(doc: Document, para: pg.Paragraph, lead_date: tuple[Deadline, ...], ctx: dict,
                  run_in: bool = True) -> list[Obligation]:
    """The goals of a goal bullet (gold unit convention 4, amendment of session 5): each sentence and ；-clause
    that carries a date or a number of its own, or the date of the lead above (``lead_date``), is one goal;
    a first sentence with neither (——创新能力进一步增强。) is the bullet's run-in title and goes with the
    sentence right after it (not with a later one: the measures between are no part of that goal); ``run_in`` False:
    a line going on a bullet (GoalLeads), whose first sentence is no title."""
    sents = sentences(para.text, para.start, GOAL_SENT_ACROSS_LINES if para.wrapped else GOAL_SENT)
    ref = doc_reference(doc)
    titled = run_in and len(sents) > 1 and not any(d.date for d in extract_deadlines(sents[0][0], ref, sents[0][1])) \
        and not _quantified(*sents[0])
    out: list[Obligation] = []
    for i, (sent, s0) in enumerate(sents[1:] if titled else sents, start=int(titled)):
        for clause, c0 in sentences(sent, s0, SENT_ACROSS_LINES if para.wrapped else SENT):
            own = any(d.date for d in extract_deadlines(clause, ref, c0))
            if not (own or _quantified(clause, c0) or lead_date and not _past(clause)):
                continue
            if c0 == s0 and (i == 1 and titled or i == 0):  # from the bullet's mark, with its run-in title
                clause, c0 = doc.text[para.start:c0 + len(clause)], para.start
            ob = make_obligation(doc, clause, c0, para.section, "goal_bullet", **ctx)
            out.append(ob if own or not lead_date else replace(ob, deadlines=ob.deadlines + lead_date))
    return out


def _goal_clauses(doc: Document, text: str, start: int, body_start: int, section: str, rule: str,
                  ctx: dict, wrapped: bool = False) -> list[Obligation]:
    """The goals of one goal paragraph or item (``body_start``: where its text after the item number starts):
    its sentences cut at ；, a short run-in heading (主要目标。) kept with the first."""
    body = doc.text[body_start:start + len(text)]
    # the span opens the paragraph after a run-in heading that names the goals too ((四)试点目标。到2020年，…); a
    # sentence before the span (全区应急能力明显提升。到2025年，…) is a slogan, and the span governs its own sentence only
    head = _GOALS_HEAD.match(body)
    paragraph_span = _opening_span(body) or (_opening_span(body[head.end():].lstrip()) if head else None)
    sents = sentences(body, body_start, GOAL_SENT_ACROSS_LINES if wrapped else GOAL_SENT)
    out: list[Obligation] = []
    for sent, s0 in sents:
        if NOT_A_TASK.search(sent) or head and s0 == body_start and sent.strip() == head.group(0).strip():
            continue  # (the run-in heading alone names the goals, it is none)
        span = _opening_span(sent) or paragraph_span
        due = tuple(d for d in extract_deadlines(span[0], doc_reference(doc), s0) if d.date) if span else ()
        for clause, c0 in sentences(sent, s0, SENT_ACROSS_LINES if wrapped else SENT):
            own = tuple(d for d in extract_deadlines(clause, doc_reference(doc), c0) if d.date)
            if not (own or _quantified(clause, c0) or span and not _past(clause)):
                continue
            before = doc.text[body_start:c0].strip()
            if not out and rule == "goal_item" and (not before or _RUN_IN_HEAD.fullmatch(before)):
                clause, c0 = doc.text[start:c0 + len(clause)], start  # （二）主要目标。力争…: number and heading with it
            out.append(make_obligation(doc, clause, c0, section, rule, **ctx, extra_deadlines=() if own else due))
    return out


# a span that opens a goal sentence and governs its clauses: 到2025年，/ 2025年底前，/ 力争通过三年行动，/ 用两年时间，; also
# after the label of the stage or horizon it dates (第一阶段，到2025年，…; 近期目标：到2025年，…)
_STAGE_LABEL = r"(?:(?:第[一二三四五六七八九十\d]{1,2}|近期|中期|远期)(?:阶段|步)?(?:目标)?[，,：:]\s*)?"
_SPAN_OPENING = re.compile(r"^" + _STAGE_LABEL + r"(?:力争|争取|计划|预计)?(?:(?:到|至|在)?\s*\d{4}\s*年(?:底|末)?(?:前|以前|之前)?"
                           r"|(?:到|至|在)\s*“?十[一二三四五六七八九]五”?\s*(?:规划)?\s*(?:期末|末期|末)"
                           r"|(?:通过|用|经过|利用)[^，,；;。]{0,6}?[一二三四五六七八九十两\d]+(?:年|个月)[^，,；;。]{0,8})[，,]")
_RUN_IN_HEAD = re.compile(r"[^。；;，,！!？?]{2,12}[。：:]")
_GOALS_HEAD = re.compile(r"\s*[^。；;，,！!？?：:]{0,8}目标(?:任务)?\s*[。：:]")


# 取得 after a span that governs it is what the goal will attain (到2027年，…。关键核心技术取得重大突破); 取得了
# (PAST's 了) and 取得的 (成绩) tell what was done
_DONE_NOUN = re.compile(r"取得的")


def _past(clause: str) -> bool:
    """Whether a clause under a governing span tells what was done, not what is to be attained."""
    return _DONE_NOUN.search(clause) is not None or any(m.group(0) != "取得" for m in PAST.finditer(clause))


def _opening_span(text: str) -> tuple[str, int] | None:
    """The span a goal sentence or paragraph opens with (到2025年，), with where it starts, or None."""
    m = _SPAN_OPENING.match(text)
    return (m.group(0), m.start()) if m else None


def _quantified(text: str, start: int) -> bool:
    """A number is committed to (70%, 8万台), not only a frequency or a bare 万项 of a slogan."""
    return any(t.rule not in ("target:frequency", "target:bare_wan", "target:periodic")
               for t in extract_targets(text, start))

