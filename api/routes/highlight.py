"""Mark up a document's text with its extracted facts, from the spans in the `show` JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

# outer marks first: an obligation contains its agencies, deadlines and targets
KIND_ORDER = {"obligation": 0, "citation": 1, "agency": 2, "deadline": 2, "target": 2, "site": 2}


@dataclass(frozen=True)
class Mark:
    """One highlighted range of the text, with the link it leads to."""

    start: int
    end: int
    kind: str
    title: str
    href: str | None = None
    anchor: str | None = None  # an id to link to (an obligation's ``ob-<n>``)


def _span(value: Any) -> tuple[int, int] | None:
    """A span given as [start, end] or {start, end}."""
    if isinstance(value, dict) and "start" in value and "end" in value:
        return int(value["start"]), int(value["end"])
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def _find(text: str, needle: str | None, lo: int, hi: int) -> tuple[int, int] | None:
    """Where ``needle`` first occurs in text[lo:hi], for facts whose JSON carries no span of their own."""
    if not needle:
        return None
    at = text.find(needle, lo, hi)
    return (at, at + len(needle)) if at >= 0 else None


# No OPTIONAL over a property path, the shape that lost dates on some fresh Virtuoso servers (see
# graph/attribute_rows.py): a deadline's date is a branch of its own (kind "date", ?n the deadline), joined
# to the deadline in fact_spans
_FACT_KINDS = ("agency", "deadline", "target")  # the order facts sharing a span come in
FACT_SPANS = """SELECT DISTINCT ?kind ?n ?s ?e ?label ?role ?date WHERE {{ VALUES ?doc {{ <{doc}> }}
  ?doc pkg:hasObligation ?o .
  {{ ?o pkg:assignment ?n . ?n pkg:agency ?ag ; pkg:role ?r ; pkg:span ?span .
     ?ag skos:prefLabel ?label . ?r skos:notation ?role . BIND("agency" AS ?kind) }}
  UNION {{ ?o pkg:deadline ?n . ?n pkg:text ?label ; pkg:span ?span . BIND("deadline" AS ?kind) }}
  UNION {{ ?o pkg:deadline ?n . ?n time:hasEnd ?end . ?end time:inXSDDate ?date . BIND("date" AS ?kind) }}
  UNION {{ ?o pkg:target ?n . ?n pkg:text ?label ; pkg:span ?span . BIND("target" AS ?kind) }}
  BIND(STRBEFORE(?span, "-") AS ?s) BIND(STRAFTER(?span, "-") AS ?e)
}}"""


def fact_spans(kg: Any, doc_iri: str) -> list[dict[str, Any]]:
    """Agencies, deadlines and targets of a document's obligations with the spans the graph keeps for them
    (the `show` JSON leaves those spans out); a deadline with its date, one fact per date it has. Ordered by
    span, then agencies, deadlines, targets, then as the extractor found them: where two facts share a span,
    the first is the one highlighted, whatever order the store gives rows in."""
    rows = kg.select(FACT_SPANS.format(doc=doc_iri))
    dates: dict[str, list[str | None]] = {}
    for r in rows:
        if r["kind"] == "date":
            dates.setdefault(r["n"], []).append(r["date"])
    facts = [{**r, "date": date, "span": [int(r["s"]), int(r["e"])]}
             for r in rows if r["kind"] != "date" and r.get("s") and r.get("e")
             for date in ((dates.get(r["n"]) or [None]) if r["kind"] == "deadline" else [r["date"]])]
    return sorted(facts, key=_fact_order)


def _fact_order(fact: dict[str, Any]) -> tuple:
    """Span, kind (agencies, deadlines, targets), then the extractor's order (the number ending the fact's IRI)."""
    number = fact["n"].rsplit("/", 1)[-1]
    return (fact["span"], _FACT_KINDS.index(fact["kind"]), int(number) if number.isdigit() else 0, fact["n"],
            fact["label"] or "", fact["date"] or "")


def _fact_marks(facts: list[dict[str, Any]], agency_href) -> list[Mark]:
    roles = {"lead": "牵头", "cooperate": "配合", "collective": "共同"}
    out = []
    for f in facts:
        if f["kind"] == "agency":
            out.append(Mark(*f["span"], "agency", f"{f['label']}（{roles.get(f.get('role'), '')}）",
                            agency_href({"name": f["label"]})))
        elif f["kind"] == "deadline":
            out.append(Mark(*f["span"], "deadline", f"期限 {f.get('date') or ''}".strip()))
        else:
            out.append(Mark(*f["span"], "target", f"目标 {f['label']}"))
    return out


def collect_marks(doc: dict[str, Any], text: str, agency_href, doc_href,
                  facts: list[dict[str, Any]] | None = None) -> list[Mark]:
    """Marks for obligations and what they name (agencies, deadlines, targets, site types) and citations;
    ``facts`` (from ``fact_spans``) give exact spans, else the facts are looked up inside their obligation."""
    marks: list[Mark] = _fact_marks(facts, agency_href) if facts else []
    for ob in doc.get("obligations") or []:
        span = _span(ob.get("span"))
        if not span:
            continue
        number = str(ob.get("iri") or "").rsplit("/obligation/", 1)
        marks.append(Mark(*span, "obligation", f"任务 {ob.get('section') or ''}".strip(),
                          anchor=f"ob-{number[1]}" if len(number) == 2 else None))
        lo, hi = span
        for ag in ([] if facts else ob.get("agencies") or []):
            where = _span(ag.get("span")) or _find(text, ag.get("text"), lo, hi) or _find(text, ag.get("name"), lo, hi)
            if where:
                role = {"lead": "牵头", "cooperate": "配合", "collective": "共同"}.get(ag.get("role"), "")
                marks.append(Mark(*where, "agency", f"{ag.get('name')}（{role}）", agency_href(ag)))
        for dl in ([] if facts else ob.get("deadlines") or []):
            where = _span(dl.get("span")) or _find(text, dl.get("text"), lo, hi)
            if where:
                marks.append(Mark(*where, "deadline", f"期限 {dl.get('date') or dl.get('precision') or ''}"))
        for tg in ([] if facts else ob.get("targets") or []):
            where = _span(tg.get("span")) or _find(text, tg.get("text"), lo, hi)
            if where:
                marks.append(Mark(*where, "target",
                                  f"目标 {tg.get('comparator', '')}{tg.get('value', '')}{tg.get('unit', '')}"))
        for site in ob.get("site_types") or []:
            label = site.get("label") if isinstance(site, dict) else site
            where = _find(text, label, lo, hi)
            if where:
                marks.append(Mark(*where, "site", f"场所类型 {label}", None))
    for cite in doc.get("citations") or []:
        where = _span(cite.get("span"))
        if not where and cite.get("title"):
            where = _find(text, f"《{cite['title']}》", 0, len(text)) or _find(text, cite["title"], 0, len(text))
        if not where:
            where = _find(text, cite.get("doc_number"), 0, len(text))
        if where:
            marks.append(Mark(*where, "citation", f"引用（{cite.get('relation', '')}）", doc_href(cite)))
    return marks


def _nested(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Drop marks that cross another or leave the text, so the HTML nests properly."""
    kept: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end, KIND_ORDER.get(m.kind, 9))):
        if not 0 <= m.start < m.end <= length:
            continue
        if any(k.start < m.start < k.end < m.end or (k.start == m.start and k.end == m.end) for k in kept):
            continue
        kept.append(m)
    return kept


def render(text: str, marks: Iterable[Mark]) -> str:
    """HTML of ``text`` with nested <mark>/<a> elements for ``marks``; all text escaped."""
    kept = _nested(marks, len(text))
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, int] = {}
    for m in kept:
        opens.setdefault(m.start, []).append(m)
        closes[m.end] = closes.get(m.end, 0) + 1
    out: list[str] = []
    stack: list[Mark] = []
    cuts = sorted({0, len(text), *opens, *closes})
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        while stack and stack[-1].end <= a:
            out.append("</a>" if stack.pop().href else "</mark>")
        for m in opens.get(a, []):
            attrs = f'class="hl hl-{m.kind}" title="{escape(m.title)}"'
            if m.anchor:
                attrs += f' id="{escape(m.anchor)}"'
            if m.href and any(s.href for s in stack):
                m = Mark(m.start, m.end, m.kind, m.title, anchor=m.anchor)  # no link inside a link in HTML
            out.append(f'<a {attrs} href="{escape(m.href)}">' if m.href else f"<mark {attrs}>")
            stack.append(m)
        out.append(escape(text[a:b]))
    while stack:
        out.append("</a>" if stack.pop().href else "</mark>")
    return "".join(out)
