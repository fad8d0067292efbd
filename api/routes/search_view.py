"""Search results as a person reads them: one entry per document (its best passage first, the rest
folded), a real count, pages, and a plain "no good match" when the words match nothing.

The search layer ranks units (obligations and passages) by fused BM25 and dense scores. A dense
neighbour always exists, however meaningless the query, so a hit counts as a match here only when the
query's words occur in it (a BM25 score), or when it is among the few nearest in meaning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from policykg.api.routes.web import obligation_anchor, unit_href

CANDIDATES = 100  # units asked of the search layer for one page of grouped results (its maximum)
DENSE_NEIGHBOURS = 10  # hits found by meaning alone that still count
FALLBACK = 5  # nearest-in-meaning hits shown, marked as such, when no word of the query occurs anywhere
GROUPS_PER_PAGE = 10
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class DocumentHits:
    """One document's hits: the best first; ``more`` are the others, duplicates dropped."""

    document: dict[str, Any]
    best: dict[str, Any]
    more: list[dict[str, Any]] = field(default_factory=list)


def meaningful_terms(terms: list[str]) -> list[str]:
    """Query terms that can mean something: a Chinese word, or a Latin/number token of two or more."""
    return [t for t in terms if _CJK.search(t) or len(t.strip()) >= 2]


def is_word_match(hit: dict[str, Any]) -> bool:
    """Whether the query's words occur in the hit (it has a BM25 score)."""
    return "bm25" in (hit.get("components") or {})


def select_matches(results: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], bool]:
    """The hits that count, and whether they are only the nearest in meaning (no word matched)."""
    words = [h for h in results if is_word_match(h)]
    if not words:
        return results[:FALLBACK], True
    return [h for h in results if is_word_match(h)
            or (h.get("components") or {}).get("dense_rank", CANDIDATES + 1) <= DENSE_NEIGHBOURS], False


def _same_text(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def passage_href(hit: dict[str, Any]) -> str:
    """The document page at the hit: an obligation's anchor, or a text fragment for a passage."""
    href = unit_href(hit["iri"], hit["document"]["iri"]) or ""
    if obligation_anchor(hit["iri"]):
        return href
    # a passage has no anchor of its own: a text fragment (#:~:text=) scrolls to and marks its opening words
    words = (hit.get("text") or "").strip().split("\n", 1)[0][:24].strip()
    return href + f"#:~:text={quote(words, safe='').replace('-', '%2D')}" if words else href


def group_by_document(hits: list[dict[str, Any]]) -> list[DocumentHits]:
    """Hits grouped by document in the order of each document's best hit; identical texts once."""
    groups: dict[str, DocumentHits] = {}
    seen: dict[str, set[str]] = {}
    for hit in hits:
        doc = hit["document"]
        key = _same_text(hit.get("text") or "")
        if doc["iri"] not in groups:
            groups[doc["iri"]] = DocumentHits(doc, hit)
            seen[doc["iri"]] = {key}
        elif key not in seen[doc["iri"]]:
            seen[doc["iri"]].add(key)
            groups[doc["iri"]].more.append(hit)
    return list(groups.values())
