"""One obligation record from a stretch of text: its agencies, deadlines, targets and site types.

The agencies come from the responsibility clause (（市住建局牵头，…按职责分工负责）), the label lines under
the unit (牵头单位：X), or the subject of the duty read after the item number; the deadlines from the text,
its label lines and the date range of its stage heading. Shared by segmentation (obligations.py) and goals.
"""

from __future__ import annotations

import inspect
import re
from datetime import date
from functools import lru_cache

from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.deadlines import column_deadlines, extract_deadlines, reference_date
from policykg.ingest.extract.roles import (
    carried_agencies,
    clause_and_own_subjects,
    clause_sets_absorb,
    dedupe,
    heading_agencies,
    labelled_clause,
    subject_agencies,
)
from policykg.ingest.extract.sitetypes import concepts_of, find_site_types
from policykg.ingest.extract.targets import extract_targets
from policykg.ingest.model import AgencyMention, Deadline, Document, Obligation, Span

SENT = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
GOAL_SENT = re.compile(r"[^。！!？?\n]+[。！!？?]?")  # a goal's commitments run on after a ；
# the same in a text hard-wrapped at a page's width, where a line break ends no sentence
SENT_ACROSS_LINES = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
GOAL_SENT_ACROSS_LINES = re.compile(r"[^。！!？?]+[。！!？?]?")


_ITEM_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}\s*[、．.]"
                          r"|\d{1,2}(?:[.．]\d{1,2}){1,3}(?![\d.．月日年%％万亿元个])|\d{1,2}\s*[.．、﹒·）)]"
                          r"|第[一二三四五六七八九十百\d]+条|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")
# (─: a dash as a PDF copy draws it); a mark with no text after it on its line (a separator ──────) is no bullet
BULLET = re.compile(r"^\s*(?:——|—|─+|━+|●|•|■|◆|▲|★|☆|○|◇|□|▪|－|-)\s*(?=[^\n]*[^\s—─━－\-])")
_LEAD_WORDS = re.compile(r"(?:原则上|同时|此外|另外|其中)[，,]?\s*")  # matched at the item's start


# (document, its reference date) of the last call: every obligation of a document asks. One tuple in one slot,
# read and replaced whole, so that two threads parsing two documents (workers = 0) never pair one's document
# with the other's date, as two slots written one after the other could.
_REFERENCE: list[tuple[Document | None, date | None]] = [(None, None)]


def doc_reference(doc: Document) -> date | None:
    """What the document's dates without a year are read against (its date, else its title's year)."""
    cached = _REFERENCE[0]
    if cached[0] is not doc:
        cached = (doc, reference_date(doc.date, doc.title, doc.text))
        _REFERENCE[0] = cached
    return cached[1]


def strip_lead(text: str, start: int) -> tuple[str, int]:
    """``text`` without its item number and 原则上, so that the subject opens the clause."""
    k = 0
    m = _ITEM_NUMBER.match(text)
    if m:
        k = m.end()
    m = _LEAD_WORDS.match(text, k)
    if m:
        k = m.end()
    return text[k:], start + k


@lru_cache(maxsize=32)
def _parameters(fn) -> frozenset[str]:
    try:
        return frozenset(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return frozenset()


def _context_kw(fn, **context) -> dict:
    """The context keywords (headings, stage) that the role function ``fn`` declares: roles.py takes
    them up one function at a time, and a function without them is called as before."""
    names = _parameters(fn)
    return {k: v for k, v in context.items() if k in names}


def make_obligation(doc: Document, text: str, start: int, section: str, rule: str,
                agencies: list[AgencyMention] | None = None, source: str = "text",
                flag: str | None = None, *, kind: str = "task", headings: tuple[str, ...] = (),
                stage: Deadline | None = None, own_stage: Deadline | None = None,
                extra_deadlines: tuple[Deadline, ...] = (), labels: tuple[Span, ...] = ()) -> Obligation:
    lead, lead_start = strip_lead(text, start)  # (一)区X局负责…: roles read from 区X局 on
    ctx = {"headings": headings, "stage": stage}
    labelled: list[AgencyMention] = []
    for span in labels:  # 牵头单位：X⏎完成时限：Y on lines (or in sentences) of their own after the unit
        units, label_due = _label_facts(doc, span)
        labelled += units
        extra_deadlines += tuple(d for d in label_due if d not in extra_deadlines)
    if agencies is None:
        resp = clause_and_own_subjects(lead, doc, lead_start, **_context_kw(clause_and_own_subjects, **ctx))
        if resp and any(a.role == "lead" for a in resp[0]):
            agencies = resp[0]
        elif any(a.role == "lead" for a in labelled):  # the labels name the lead, as a 牵头单位 column does
            agencies = labelled + carried_agencies(doc, lead_start)
        else:  # a clause that names no lead (constructed: （各相关单位按职责分工负责）) leaves the subjects their work
            agencies = heading_agencies(text, doc, start, **_context_kw(heading_agencies, **ctx)) \
                + subject_agencies(lead, doc, lead_start, **_context_kw(subject_agencies, **ctx)) \
                + (resp[0] if resp else []) + labelled
    period = (stage.start, stage.date) if stage is not None and stage.date is not None else None
    deadlines = extract_deadlines(text, doc_reference(doc), start, period=period) + extra_deadlines
    if own_stage is not None and own_stage.start is not None and start <= own_stage.span.start < start + len(text):
        # 动员部署（2020年6月）: the stage's own range, read as one interval
        deadlines = tuple(sorted((own_stage, *(d for d in deadlines if not own_stage.span.start <= d.span.start
                                                < own_stage.span.end)), key=lambda d: d.span.start))
    if stage is not None and not any(d.date for d in deadlines):
        # an item under 部署阶段（3月1日至3月31日） is due when its stage ends
        deadlines += (Deadline(stage.text, stage.span, "interval", stage.date, stage.start, rule="stage_heading"),)
    targets = extract_targets(text, start)
    sites = find_site_types(text)
    sites = tuple(dict.fromkeys(sites + tuple(x for h in headings for x in duty_holder_site(h))))
    agencies = clause_sets_absorb(agencies)  # 各地要… beside （…各市人民政府）: the clause's set only (gold README roles 7)
    return Obligation(text, Span(start, start + len(text)), section, tuple(dedupe(agencies)), deadlines, targets,
                      sites, source, flag, rule,  # type: ignore[arg-type]
                      site_type_concepts=concepts_of(sites), kind=kind)


def _label_facts(doc: Document, labels: Span) -> tuple[list[AgencyMention], tuple[Deadline, ...]]:
    """The units (read as one labelled clause, so that 责任单位 under 牵头单位 cooperates) and the deadlines
    (完成时限：…, read as a table's time column) of the label lines under a unit of work."""
    text = doc.text[labels.start:labels.end]
    units = labelled_clause(text, doc, labels.start) or []
    due: tuple[Deadline, ...] = ()
    for label, value, at in pg.label_values(text, labels.start):
        if pg.DEADLINE_COLUMN.search(label):
            due += column_deadlines(value, doc_reference(doc), at)
    return units, due


_HEADING_NUMBER = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．﹒]?\s*)")
_DUTIES = re.compile(r"职责|履行|义务")


@lru_cache(maxsize=1024)
def duty_holder_site(heading: str) -> tuple[str, ...]:
    """The kind of site a heading gives duties to (constructed: 二、重点企业安全职责; 危险化学品企业除履行共同职责外，还应当
    履行下列…): each item under it concerns that kind of site. Other site words of a heading are its topic
    only and stay with it."""
    body = _HEADING_NUMBER.sub("", heading, count=1)
    found = find_site_types(body) if _DUTIES.search(body) else ()
    return found[:1] if found and body.startswith(found[0]) else ()


def sentences(text: str, start: int, pattern: re.Pattern[str] | None = None) -> list[tuple[str, int]]:
    """Sentences of ``text`` (ending 。；！？) of at least 8 characters, with where each starts."""
    out = []
    for m in (pattern or SENT).finditer(text):
        sent = m.group(0).strip()
        if len(sent) >= 8:
            out.append((sent, start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))))
    return out

