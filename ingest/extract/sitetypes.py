"""Site types: which kinds of places an obligation concerns, from the vocabulary in data/site_types.tsv.

The same vocabulary is published as the SKOS scheme ``ontology/site_types.ttl`` (generated from the TSV by
``write_skos``; a test keeps the two in step). Matching is longest-label-first over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.ingest.extract.scan import literal_trie

DATA_FILE = Path(__file__).resolve().parent / "data" / "site_types.tsv"


@dataclass(frozen=True)
class SiteType:
    """One concept of the site-type scheme."""

    key: str
    label: str
    label_en: str
    alt_labels: tuple[str, ...]
    broader: str | None
    definition: str


@lru_cache(maxsize=1)
def load_site_types() -> dict[str, SiteType]:
    """The vocabulary, keyed by concept key (read once)."""
    out: dict[str, SiteType] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, label, en, alts, broader, definition = (line.split("\t") + [""] * 6)[:6]
        out[key] = SiteType(key, label, en, tuple(a for a in alts.split("|") if a), broader or None, definition)
    return out


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    by_label: dict[str, str] = {}
    for st in load_site_types().values():
        for lab in (st.label, *st.alt_labels):
            by_label.setdefault(lab, st.key)
    return literal_trie(by_label), by_label  # the longest label at each position


def find_site_types(text: str) -> tuple[str, ...]:
    """Concept keys of the site types named in ``text``, in order of first mention."""
    pattern, by_label = _matcher()
    keys: list[str] = []
    for m in pattern.finditer(text):
        key = by_label[m.group(0)]
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def label_of(key: str) -> str:
    """The Chinese preferred label of a concept key (the key itself when unknown)."""
    st = load_site_types().get(key)
    return st.label if st else key
