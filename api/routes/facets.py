"""Facets over the document list: level, region (with its parents), issuer and year."""

from __future__ import annotations

from collections import Counter
from typing import Any

FACETS = ("level", "region", "issuer", "year")


def _name(value: Any) -> str | None:
    """The display name of a field that is either a plain string or a ``{name, ...}`` object."""
    if isinstance(value, dict):
        return value.get("name")
    return value or None


def facet_values(doc: dict[str, Any]) -> dict[str, list[str]]:
    """The values one document contributes to each facet; a region counts for all its parents too."""
    region = doc.get("region")
    regions = []
    if isinstance(region, dict):
        regions = [region.get("name")] + [_name(p) for p in region.get("parents") or []]
    elif region:
        regions = [region]
    date = str(doc.get("date") or "")
    return {
        "level": [doc["level"]] if doc.get("level") else [],
        "region": [r for r in regions if r],
        "issuer": [i for i in [_name(doc.get("issuer"))] if i],
        "year": [date[:4]] if len(date) >= 4 and date[:4].isdigit() else [],
    }


def filter_documents(docs: list[dict[str, Any]], wanted: dict[str, str | None]) -> list[dict[str, Any]]:
    """The documents whose facet values include every wanted value."""
    active = {k: v for k, v in wanted.items() if v}
    return [d for d in docs if all(v in facet_values(d)[k] for k, v in active.items())]


def facet_counts(docs: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Counts per facet value, most frequent first."""
    counters: dict[str, Counter[str]] = {k: Counter() for k in FACETS}
    for doc in docs:
        for key, values in facet_values(doc).items():
            counters[key].update(set(values))
    return {k: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for k, c in counters.items()}
