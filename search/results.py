"""The two search operations as plain functions with JSON-ready answers; the CLI and HTTP API call these.

``search_units`` answers ``policykg search`` and ``similar_units`` answers ``policykg similar``; both take
the same parameters as the command line and raise ``SearchInputError`` on bad input.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from policykg.search.fusion import Fused, Fusion, Ranked, make_fusion
from policykg.search.index import CANDIDATES, SearchIndex
from policykg.search.query import Filters, SearchInputError, check_limit, clean_query, snippet
from policykg.search.units import Unit

_IRI_SCHEMES = ("http://", "https://", "urn:")


def _result(unit: Unit, hit: Fused, terms: list[str]) -> dict[str, Any]:
    return {
        "iri": unit.iri,
        "kind": unit.kind,
        "text": unit.text,
        "snippet": snippet(unit.text, terms),
        "score": round(hit.score, 6),
        "components": hit.components,
        "region": unit.region,
        "agencies": unit.agencies,
        "site_types": unit.site_types,
        "document": {"iri": unit.doc_iri, "source": unit.source, "title": unit.title,
                     "region": unit.region, "level": unit.level, "date": unit.date},
    }


class _Units(dict):
    """Units by row, each read from disk once and only when first asked for."""

    def __init__(self, index: SearchIndex):
        super().__init__()
        self.index = index

    def __missing__(self, row: int) -> Unit:
        unit = self[row] = self.index.units[row]
        return unit


def _distinct(units: dict[int, Unit], hits: list[Fused], limit: int) -> list[Fused]:
    """Drop a hit whose text lies inside (or holds) a better hit's text from the same document: an
    obligation and the passage it was extracted from say the same thing twice. Stops at ``limit``."""
    kept: list[Fused] = []
    for hit in hits:
        if len(kept) == limit:
            break
        unit = units[hit.row]
        if not any(units[k.row].doc_iri == unit.doc_iri
                   and (unit.text in units[k.row].text or units[k.row].text in unit.text)
                   for k in kept):
            kept.append(hit)
    return kept


def search_units(index: SearchIndex, query: str, level: str | None = None, region: str | None = None,
                 agency: str | None = None, site_type: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, limit: int | None = 10) -> dict[str, Any]:
    """Hybrid search: ``{query, results: [{iri, text, snippet, score, components, document}], notices, mode}``
    (``mode``: "hybrid", or "lexical" while the units wait to be encoded; see ``SearchIndex.mode``)."""
    text, notices = clean_query(query)
    limit = check_limit(limit)
    filters = Filters(level=level, region=region, agency=agency, site_type=site_type,
                      date_from=date_from, date_to=date_to)
    mode = index.mode  # read before ranking: dense search may join while this query runs
    ranked = index.rank([text], filters, limit * 3)[0]
    units = _Units(index)
    hits = _distinct(units, ranked, limit)
    terms = index.tokenizer.tokens(text)
    if not index.units:
        notices.append("the search index is empty: ingest documents first (policykg ingest PATH)")
    return {"query": text, "results": [_result(units[h.row], h, terms) for h in hits],
            "notices": notices + index.notices, "mode": mode}


def _region_group(unit: Unit) -> str:
    # documents with no known region still count as "elsewhere", each on its own
    return unit.region_code or unit.region or f"doc:{unit.doc_iri}"


def similar_units(index: SearchIndex, text_or_iri: str, exclude_region: str | None = None,
                  limit: int | None = 10) -> dict[str, Any]:
    """Comparable measures elsewhere: the best unit per region, outside ``exclude_region`` and its sub-regions.

    Given an obligation (or passage) IRI, the question is "the same measure", a symmetric one: its own text,
    encoded as the units are (a passage, not a query), is compared with the units of its own kind alone, its
    words with theirs (``same_measure_hits``); its own document and region are left out unless
    ``exclude_region`` says otherwise. Free text is a query: hybrid search over every unit.
    """
    raw = (text_or_iri or "").strip()
    source_unit = None
    if raw.startswith(_IRI_SCHEMES):
        source_unit = index.unit(raw)
        if source_unit is None:
            raise SearchInputError("text", f"no indexed obligation or passage has the IRI {raw!r}")
        raw = source_unit.text
    text, notices = clean_query(raw)
    limit = check_limit(limit)
    keep = np.ones(len(index.units), dtype=bool)
    facets = index.facets
    if exclude_region:
        keep &= ~facets.region_mask(exclude_region)
    elif source_unit is not None:
        keep &= facets.outside(source_unit.doc_iri, source_unit.region_code or source_unit.region)
    mode = index.mode
    if source_unit is None:
        hits = index.rank([text], None, CANDIDATES, allowed=np.flatnonzero(keep), candidates=CANDIDATES)[0]
    else:
        notices = []
        hits = same_measure_hits(index, source_unit, keep)
        if len(" ".join(source_unit.text.split())) > len(text):  # the dense side reads it whole
            notices = ["the obligation's text was cut to its first part for word matching"]
    units = _Units(index)
    best: dict[str, Fused] = {}
    for hit in hits:
        best.setdefault(_region_group(units[hit.row]), hit)
    chosen = sorted(best.values(), key=lambda h: -h.score)[:limit]
    terms = index.tokenizer.tokens(text)
    return {"query": text, "source": source_unit.iri if source_unit else None,
            "exclude_region": exclude_region, "results": [_result(units[h.row], h, terms) for h in chosen],
            "notices": notices + index.notices, "mode": mode}


def same_measure_hits(index: SearchIndex, source: Unit, keep: np.ndarray, fusion: Fusion | None = None,
                      candidates: int = CANDIDATES, any_kind: bool = False) -> list[Fused]:
    """Units of ``source``'s kind among ``keep`` (a row mask), nearest ``source`` first.

    Symmetric on both sides: the dense side reads the source's text as the units were read, as a passage (e5's
    advice for symmetric tasks is one prefix on both sides; ``passage_vectors``: one model run, kept like a
    query's), and BM25 matches its words against theirs; the two are fused as ``fusion`` says (default: the
    index's own, as for a search), BM25 alone while the units wait for their vectors. Passages are left out:
    one holding the other region's measure would stand in for it. ``any_kind``: every unit kind is compared
    (benchmarks measure it)."""
    allowed = np.flatnonzero(keep if any_kind else keep & index.facets.kind_mask(source.kind))
    if not len(allowed):
        return []
    fusion = fusion or index.fusion
    text = " ".join(source.text.split())
    query, _ = clean_query(text)
    side = getattr(fusion, "side", None)
    vectors = index.vectors
    if vectors is None or side == "bm25":
        return index.rank([query], None, candidates, allowed=allowed, fusion=make_fusion("bm25"),
                          candidates=candidates)[0]
    k = min(candidates, len(allowed))
    scores, ids = vectors.search(index.passage_vectors([text]), k, allowed)
    valid = ids[0] >= 0
    dense = Ranked(ids[0][valid], scores[0][valid])
    lexical = Ranked(np.zeros(0, np.int64), np.zeros(0))
    if side != "dense":
        lexical = Ranked(*index.lexical.top(index.tokenizer.tokens(query), k, allowed))
    return fusion.fuse(lexical, dense, k)
