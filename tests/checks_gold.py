"""Loader for the consistency-check gold set (tests/gold/checks/pairs.json), shared by tests and benchmarks.

Two ways to turn the gold set into records:
- ``hand_records``: one Obligation per labelled quote, with the deadlines and targets a reader gave
  it. Tests the matching and finding rules apart from the extractor.
- ``locate``: map each labelled quote onto the obligations an extractor produced (the one whose span
  holds the quote's start), to score the whole pipeline.

DERIVED documents (``derived_text``) are real files with one marked passage changed, built in memory
at test time; they are never written to corpus/.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from policykg.ingest.model import Deadline, Obligation, Span, Target
from policykg.search.consistency import DocRecord
from policykg.search.consistency_match import ObligationRef

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILE = ROOT / "tests" / "gold" / "checks" / "pairs.json"
CORPUS = ROOT / "corpus" / "documents"
DERIVED_MARK = "DERIVED"  # prefix of every derived document's id: never a real document


def load_gold() -> dict:
    """The gold set as stored."""
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))


def doc_path(gold: dict, key: str) -> Path:
    """The real corpus file of a gold document key."""
    return CORPUS / gold["documents"][key]["path"]


def doc_text(gold: dict, key: str) -> str:
    """The real text of a gold document, as read from disk (UTF-8)."""
    return doc_path(gold, key).read_text(encoding="utf-8")


def doc_date(gold: dict, key: str) -> date | None:
    """The document date a reader gives the gold document."""
    d = gold["documents"][key]["date"]
    return date.fromisoformat(d) if d else None


def derived_text(gold: dict, case: dict) -> str:
    """The real text with only the case's passage replaced (a DERIVED document, in memory only)."""
    text = doc_text(gold, case["doc"])
    old, new = case["replace"]
    if text.count(old) != 1:
        raise ValueError(f"derived case {case['id']}: passage found {text.count(old)} times")
    return text.replace(old, new)


def quote_start(text: str, spec: dict) -> int:
    """Offset of the labelled quote (its ``occurrence``, 0-based) in ``text``."""
    starts = [m.start() for m in re.finditer(re.escape(spec["quote"]), text)]
    k = spec.get("occurrence", 0)
    if len(starts) <= k:
        raise ValueError(f"quote not found: {spec['quote']!r}")
    return starts[k]


def quote_span(text: str, spec: dict) -> Span:
    """The obligation span a label marks: the quote, its clause (to 。；) or its line."""
    start = quote_start(text, spec)
    extent = spec.get("extent", "exact")
    if extent == "exact":
        return Span(start, start + len(spec["quote"]))
    stops = "。；\n" if extent == "clause" else "\n"
    end = start + len(spec["quote"])
    while end < len(text) and text[end] not in stops:
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1
    return Span(start, end)


def _deadline(label: list, text: str, span: Span) -> Deadline:
    txt, precision, d = label[0], label[1], label[2]
    recurrence = label[3] if len(label) > 3 else None
    event = label[4] if len(label) > 4 else None
    pos = text.find(txt, span.start, span.end)
    dspan = Span(pos, pos + len(txt)) if pos >= 0 else span
    return Deadline(txt, dspan, precision, date.fromisoformat(d) if d else None, recurrence=recurrence,
                    event=event, rule="gold")


def _target(label: list, text: str, span: Span) -> Target:
    txt, value, unit, comparator = label
    pos = text.find(txt, span.start, span.end)
    return Target(txt, Span(pos, pos + len(txt)) if pos >= 0 else span, float(value), unit, comparator,
                  rule="gold")


def hand_records(gold: dict, texts: dict[str, str] | None = None,
                 deadline_changes: dict[str, list] | None = None) -> dict[str, DocRecord]:
    """One DocRecord per gold document, holding only the labelled obligations."""
    texts = texts or {}
    changes = deadline_changes or {}
    by_doc: dict[str, list[ObligationRef]] = {k: [] for k in gold["documents"]}
    for oid, spec in gold["obligations"].items():
        key = spec["doc"]
        text = texts.get(key) or doc_text(gold, key)
        if oid in changes:  # a derived document: locate the changed quote by its new wording
            spec = dict(spec, quote=_changed_quote(text, spec, changes[oid]))
        span = quote_span(text, spec)
        dls = tuple(_deadline(lab, text, span) for lab in changes.get(oid, spec.get("deadlines", [])))
        tgs = tuple(_target(lab, text, span) for lab in spec.get("targets", []))
        ob = Obligation(text[span.start:span.end], span, "", deadlines=dls, targets=tgs, rule="gold")
        by_doc[key].append(ObligationRef(oid, key, ob))
    return {k: DocRecord(k, k, doc_date(gold, k), tuple(refs)) for k, refs in by_doc.items()}


def _changed_quote(text: str, spec: dict, new_deadlines: list) -> str:
    quote = spec["quote"]
    if quote in text:
        return quote
    old_dl = spec["deadlines"][0][0]
    candidate = quote.replace(old_dl, new_deadlines[0][0], 1)
    if candidate not in text:
        raise ValueError(f"changed quote not found for {quote!r}")
    return candidate


def locate(gold: dict, key: str, text: str, refs: list[ObligationRef]) -> dict[str, set[str]]:
    """Extracted obligation id -> the gold ids whose quote starts inside it (the narrowest holder)."""
    out: dict[str, set[str]] = {}
    for oid, spec in gold["obligations"].items():
        if spec["doc"] != key:
            continue
        try:
            start = quote_start(text, spec)
        except ValueError:
            continue
        holders = [r for r in refs if r.obligation.span.start <= start < r.obligation.span.end]
        if holders:
            best = min(holders, key=lambda r: r.obligation.span.end - r.obligation.span.start)
            out.setdefault(best.iri, set()).add(oid)
    return out


def partners(pairs: list[list[str]]) -> dict[str, set[str]]:
    """Acceptable partners of each labelled obligation (pairs read both ways)."""
    out: dict[str, set[str]] = {}
    for a, b in pairs:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out
