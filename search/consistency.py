"""Consistency findings for one document: against itself, against its own date, against its bases.

Four kinds (see ontology/checks.ttl): chain_deadline (a downstream deadline later than the upstream
one for the matched measure), internal_deadline (one document gives two deadlines for the same
measure), deadline_before_issue (a deadline before the document's own date) and weaker_target (a
downstream target asking less than upstream). Work is per document and per basis link, so a check
never needs more than the document and the documents it is based on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from policykg.ingest.model import Deadline, Document, Obligation, Target
from policykg.search.consistency_compare import (
    Verdict,
    before_issue,
    comparable_targets,
    compare_deadlines,
    deadline_grain,
    final_deadline,
    weaker_target,
)
from policykg.search.consistency_match import Match, ObligationMatcher, ObligationRef

KINDS = ("chain_deadline", "internal_deadline", "deadline_before_issue", "weaker_target")
SEVERITY = {"chain_deadline": "error", "internal_deadline": "error", "deadline_before_issue": "warning",
            "weaker_target": "warning"}


@dataclass(frozen=True)
class DocRecord:
    """What the checks need of one document: identity, title, date and obligations."""

    iri: str
    title: str | None
    date: date | None
    obligations: tuple[ObligationRef, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One finding on ``document``: the obligations, documents and dates involved, and why."""

    kind: str
    severity: str
    document: DocRecord  # the checked (downstream) document: its named graph holds the finding
    obligations: tuple[tuple[ObligationRef, Deadline | Target | None], ...]
    other_document: DocRecord | None = None  # the upstream document of a chain finding
    dates: tuple[dict[str, Any], ...] = ()
    reason: str = ""
    comparison: str = ""
    match: Match | None = None
    id: str = field(default="")

    def key(self) -> str:
        """A stable id: the same finding recomputed gets the same id."""
        parts = [self.kind, self.document.iri] + [f"{r.iri}|{getattr(x, 'text', '')}" for r, x in self.obligations]
        return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """The finding as the CLI and /checks return it."""
        docs = [_doc_json(self.document, "downstream" if self.other_document else "document")]
        if self.other_document is not None:
            docs.append(_doc_json(self.other_document, "upstream"))
        return {"id": self.id or self.key(), "kind": self.kind, "severity": self.severity, "documents": docs,
                "obligations": [_obligation_json(r, x) for r, x in self.obligations],
                "dates": list(self.dates),
                "explanation": {"reason": self.reason, "comparison": self.comparison,
                                "match": self.match.explanation() if self.match else None}}


def _doc_json(doc: DocRecord, role: str) -> dict[str, Any]:
    return {"iri": doc.iri, "title": doc.title, "date": doc.date.isoformat() if doc.date else None, "role": role}


def deadline_json(d: Deadline) -> dict[str, Any]:
    """A deadline as JSON, with its span and precision."""
    return {"text": d.text, "span": [d.span.start, d.span.end], "precision": d.precision,
            "date": d.date.isoformat() if d.date else None, "start": d.start.isoformat() if d.start else None,
            "recurrence": d.recurrence, "event": d.event}


def target_json(t: Target) -> dict[str, Any]:
    """A target as JSON, with its span."""
    return {"text": t.text, "span": [t.span.start, t.span.end], "value": t.value, "unit": t.unit,
            "comparator": t.comparator, "measure": t.measure}


def _obligation_json(ref: ObligationRef, item: Deadline | Target | None) -> dict[str, Any]:
    ob = ref.obligation
    out: dict[str, Any] = {"iri": ref.iri, "document": ref.doc_iri, "text": ob.text,
                           "span": [ob.span.start, ob.span.end], "section": ob.section, "source": ob.source}
    if isinstance(item, Deadline):
        out["deadline"] = deadline_json(item)
    elif isinstance(item, Target):
        out["target"] = target_json(item)
    return out


def _date_entry(d: Deadline, role: str, doc_iri: str) -> dict[str, Any]:
    return {"role": role, "document": doc_iri, "text": d.text, "span": [d.span.start, d.span.end],
            "precision": d.precision, "date": d.date.isoformat() if d.date else None}


# -- records ----------------------------------------------------------------------------------

def doc_record(doc: Document, iri: str, obligation_iris: Sequence[str] | None = None) -> DocRecord:
    """A DocRecord from a parsed Document; obligation ids default to ``iri#o<N>`` (1-based)."""
    obs = doc.obligations
    ids = list(obligation_iris) if obligation_iris is not None else [f"{iri}#o{n}" for n in range(1, len(obs) + 1)]
    if len(ids) != len(obs):
        raise ValueError(f"{iri}: {len(ids)} obligation ids for {len(obs)} obligations")
    return DocRecord(iri, doc.title, doc.date, tuple(ObligationRef(i, iri, o) for i, o in zip(ids, obs)))


# -- comparing two obligations ----------------------------------------------------------------

ANCHOR_MIN = 0.5  # relative limits compare only when they count from the same event


def _anchor(d: Deadline) -> str:
    """What a relative limit counts from: its text without the number and unit (自受理申请之日起…内)."""
    return d.event or re.sub(r"[0-9０-９一二两三四五六七八九十百]+\s*个?\s*(工作日|日|天|周|星期|个月|月|年)", "", d.text)


def deadline_pair(a: Obligation, b: Obligation, dated_only: bool = False) -> tuple[Deadline, Deadline, Verdict] | None:
    """The deadlines that decide whether ``a`` ends later than ``b``, and the verdict; None if none do.

    Undated limits order only within one kind (每月 against 每季度; 5个工作日内 against 10个工作日内
    counted from the same event); ``dated_only`` leaves them out."""
    fa, fb = final_deadline(a.deadlines), final_deadline(b.deadlines)
    if fa is not None and fb is not None:
        return fa, fb, compare_deadlines(fa, fb)
    if dated_only or fa is not None or fb is not None:
        return None
    for kind in ("recurring", "relative"):
        da = [d for d in a.deadlines if d.precision == kind]
        db = [d for d in b.deadlines if d.precision == kind]
        if len(da) != 1 or len(db) != 1:
            continue
        if kind == "relative" and _similarity(_anchor(da[0]), _anchor(db[0])) < ANCHOR_MIN:
            continue
        v = compare_deadlines(da[0], db[0])
        if v.order != "unknown":
            return da[0], db[0], v
    return None


def is_schedule(ob: Obligation) -> bool:
    """A list of rounds (每季度; 6月30日、9月30日前), not one limit: rounds differ by design."""
    if any(d.precision == "recurring" for d in ob.deadlines):
        return True
    dated = [d for d in ob.deadlines if deadline_grain(d)]
    return len(dated) > 1 and any(not _bigrams(deadline_context(ob, d)) for d in dated)


_CLAUSE_END = "。；;\n"


def deadline_context(ob: Obligation, d: Deadline) -> str:
    """What a deadline governs: the obligation's words after it, up to the next deadline or clause end."""
    rel = d.span.end - ob.span.start
    if not 0 <= rel <= len(ob.text):
        return ""
    nxt = min([x.span.start - ob.span.start for x in ob.deadlines if x.span.start >= d.span.end] + [len(ob.text)])
    tail = ob.text[rel:nxt]
    for i, ch in enumerate(tail):
        if ch in _CLAUSE_END:
            return tail[:i]
    return tail


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s0-9，、,。；;：:（）()“”\"]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _similarity(a: str, b: str) -> float:
    ba, bb = _bigrams(a), _bigrams(b)
    return len(ba & bb) / len(ba | bb) if ba and bb else 0.0


ALIGN_MIN = 0.25  # context overlap for two deadlines of multi-deadline statements to count as one limit


def deadline_pairs(a: Obligation, b: Obligation,
                   dated_only: bool = False) -> list[tuple[Deadline, Deadline, Verdict]]:
    """Deadlines of ``a`` paired with those of ``b`` that govern the same thing, each with its verdict.

    A statement with several dated deadlines (2024年底前…存量，2025年底前…增量) is aligned clause by
    clause on the words each deadline governs; single-deadline statements compare their final limits."""
    da = [d for d in a.deadlines if deadline_grain(d)]
    db = [d for d in b.deadlines if deadline_grain(d)]
    if len(da) > 1 or len(db) > 1:
        out = []
        for x in da:
            cx = deadline_context(a, x)
            scored = [(_similarity(cx, deadline_context(b, y)), -i, y) for i, y in enumerate(db)]
            if scored:
                sim, _, y = max(scored, key=lambda t: (t[0], t[1]))
                if sim >= ALIGN_MIN:
                    out.append((x, y, compare_deadlines(x, y)))
        if out:
            return out
    pair = deadline_pair(a, b, dated_only)
    return [pair] if pair else []


def staged_targets(a: Obligation, b: Obligation) -> bool:
    """Whether two statements give different values of one measure: milestones, not a restatement."""
    return any(comparable_targets(x, y) and x.value != y.value for x in a.targets for y in b.targets)


def _context(t: Target) -> set[str]:
    """Character bigrams of what a target measures: its measure, else its text without numbers."""
    words = re.sub(r"[0-9.%％]+", "", t.measure or t.text)
    return {words[i:i + 2] for i in range(len(words) - 1)}


def is_condition(ob: Obligation, t: Target) -> bool:
    """A number that scopes the rule (从业人员五十人以上…的，) rather than a goal the rule sets."""
    rel = t.span.end - ob.span.start
    tail = ob.text[rel:rel + 30] if 0 <= rel <= len(ob.text) else ""
    clause = re.split(r"[，,；;。]", tail, maxsplit=1)[0]
    return clause.endswith("的")


TARGET_CONTEXT_MIN = 0.2  # what two targets measure must overlap this much (人 of staff vs 人 employed)


def target_pairs(up: Obligation, down: Obligation) -> list[tuple[Target, Target]]:
    """Each downstream target with the upstream target of the same measure; ties go to the last one
    (the final stage of a staged upstream target, 60% -> 80% -> 100%)."""
    out = []
    for t_down in down.targets:
        if is_condition(down, t_down):
            continue
        ups = [t for t in up.targets if comparable_targets(t, t_down) and not is_condition(up, t)]
        if not ups:
            continue
        ctx = _context(t_down)
        overlap = [len(ctx & _context(u)) / len(ctx | _context(u)) if ctx | _context(u) else 1.0 for u in ups]
        best = max(range(len(ups)), key=lambda i: (overlap[i], i))
        if overlap[best] >= TARGET_CONTEXT_MIN or not ctx:
            out.append((ups[best], t_down))
    return out


# -- the checks -------------------------------------------------------------------------------

_EVERY = re.compile(r"(每年|每季度?|每月|每半年|每周|年度内?|逐年)[^，。；]{0,3}$")


def recurs(ob: Obligation, d: Deadline) -> bool:
    """A date that comes back every year (每年三月底前): read as one day, it would lie in the past."""
    rel = d.span.start - ob.span.start
    return 0 <= rel <= len(ob.text) and bool(_EVERY.search(ob.text[max(0, rel - 8):rel]))


def check_before_issue(doc: DocRecord) -> list[Finding]:
    """Deadlines earlier than the document's own date, compared at the deadline's precision."""
    if doc.date is None:
        return []
    out = []
    for ref in doc.obligations:
        for d in ref.obligation.deadlines:
            if deadline_grain(d) is None or recurs(ref.obligation, d):
                continue
            v = before_issue(d, doc.date)
            if v.order == "earlier":
                issue = {"role": "issued", "document": doc.iri, "text": doc.date.isoformat(), "span": None,
                         "precision": "day", "date": doc.date.isoformat()}
                out.append(Finding("deadline_before_issue", SEVERITY["deadline_before_issue"], doc, ((ref, d),),
                                   dates=(_date_entry(d, "deadline", doc.iri), issue),
                                   reason=f"deadline {d.text} falls before the document's date {doc.date}",
                                   comparison=v.reason))
    return out


def is_goal(ob: Obligation) -> bool:
    """A dated or quantified aim of a goal section (Obligation.kind; in the graph, the class pkg:Goal)."""
    return ob.kind == "goal"


_ITEM_RULES = ("numbered_item", "goal_item")


def sibling_items(a: Obligation, b: Obligation) -> bool:
    """Two items of one numbered list (一、…的企业 / 二、…的企业): different cases by construction."""
    if a.rule not in _ITEM_RULES or b.rule not in _ITEM_RULES or a.section == b.section or not a.section:
        return False
    return a.section.rpartition("/")[0] == b.section.rpartition("/")[0]


def check_internal(doc: DocRecord, matcher: ObligationMatcher) -> list[Finding]:
    """Two statements of one measure in one document with different deadlines.

    Staged aims (到2020年…, 到2025年… in a goal section) and sibling items of one list (each a case of
    its own) differ by design and are not compared with each other."""
    out = []
    for m in matcher.match_internal(doc.obligations):
        a, b = m.a.obligation, m.b.obligation
        if staged_targets(a, b) or is_schedule(a) or is_schedule(b):
            continue
        if is_goal(a) and is_goal(b) or sibling_items(a, b):
            continue
        # relative limits inside one text (7日内 here, 30日内 there) belong to different procedures
        for da, db, v in deadline_pairs(a, b, dated_only=True):
            if v.order not in ("earlier", "later"):
                continue
            out.append(Finding("internal_deadline", SEVERITY["internal_deadline"], doc, ((m.a, da), (m.b, db)),
                               dates=(_date_entry(da, "first", doc.iri), _date_entry(db, "second", doc.iri)),
                               reason=f"the document gives {da.text} and {db.text} for the same measure",
                               comparison=v.reason, match=matcher.explain(m)))
    return out


def check_link(doc: DocRecord, basis: DocRecord, matcher: ObligationMatcher) -> list[Finding]:
    """Chain deadlines and weaker targets of ``doc`` against one document it is based on."""
    out = []
    for m in matcher.match_link(doc.obligations, basis.obligations):
        down, up = m.a.obligation, m.b.obligation
        for dd, du, v in deadline_pairs(down, up):
            if v.order != "later":
                continue
            out.append(Finding("chain_deadline", SEVERITY["chain_deadline"], doc, ((m.a, dd), (m.b, du)), basis,
                               dates=(_date_entry(dd, "downstream", doc.iri),
                                      _date_entry(du, "upstream", basis.iri)),
                               reason=f"downstream deadline {dd.text} is later than upstream {du.text}",
                               comparison=v.reason, match=matcher.explain(m)))
        for tu, td in target_pairs(up, down):
            v = weaker_target(tu, td)
            if v.order == "weaker":
                out.append(Finding("weaker_target", SEVERITY["weaker_target"], doc, ((m.a, td), (m.b, tu)), basis,
                                   reason=f"downstream target {td.text} asks less than upstream {tu.text}",
                                   comparison=v.reason, match=matcher.explain(m)))
    return out


def check_document(doc: DocRecord, bases: Sequence[DocRecord], matcher: ObligationMatcher) -> list[Finding]:
    """Every finding of ``doc``: against its own date, within itself, and against each basis."""
    findings = check_before_issue(doc) + check_internal(doc, matcher)
    for basis in bases:
        if basis.iri != doc.iri:
            findings.extend(check_link(doc, basis, matcher))
    return [replace(f, id=f.key()) for f in findings]


def filter_findings(findings: Sequence[dict[str, Any]], kind: str | None = None) -> list[dict[str, Any]]:
    """Findings of one kind (all when ``kind`` is None); an unknown kind is an error, not an empty list."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown finding kind {kind!r}; expected one of {', '.join(KINDS)}")
    return [f for f in findings if kind is None or f["kind"] == kind]


def findings_json(service: Any, doc_iri: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """``{findings: [...]}`` for ``policykg check`` and ``GET /checks``: stored findings, computed first
    for documents not yet checked. ``service`` needs ``.kg`` and may offer ``.check_encoder()``."""
    from policykg.search.consistency_graph import findings_for  # the graph side imports this module

    return findings_for(service.kg, doc_iri, kind, lambda: checks_matcher(service))


def checks_matcher(service: Any) -> ObligationMatcher:
    """The matcher a service uses: its search encoder when it offers one, else lexical signals only."""
    encoder = service.check_encoder() if hasattr(service, "check_encoder") else None
    return ObligationMatcher(encoder=encoder)
