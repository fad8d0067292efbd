"""Site-type vocabulary: the SKOS scheme's concepts and which concept a written site label maps to.

Decides, for a label as the text writes it, its concept: the vocabulary concept whose label (preferred or
alternative) it is, or failing that the longest vocabulary label it contains (文物古建筑 -> 文物建筑); labels
nothing fits keep no concept. The concepts are ``data/site_types.tsv``, published as the SKOS scheme
``ontology/site_types.ttl``. Also the two records the site-type rules share: ``SiteType`` (a concept) and
``SiteLabel`` (a written label with its span, concept and rule). This module implements no gold site-type
convention (tests/gold/obligations/README.md, 1–18) itself: the conventions say what is written down; this
maps what is written to the scheme (the written form is kept beside it, STYLE principle 16).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.model import Span

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


@dataclass(frozen=True)
class SiteLabel:
    """A kind of site as the text writes it, with the concept it maps to (None when none fits)."""

    text: str
    span: Span
    concept: str | None
    rule: str


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


@lru_cache(maxsize=4096)
def concept_of(label: str) -> str | None:
    """The concept key a written label maps to: its own label, else the longest vocabulary label inside it."""
    pattern, by_label = _matcher()
    label = label.strip("“”\"")
    if label in by_label:
        return by_label[label]
    best = ""
    for i in range(len(label)):
        m = pattern.match(label, i)
        if m and len(m.group(0)) >= len(best):  # on a tie the later label, nearer the head noun, wins
            best = m.group(0)
    return by_label[best] if best else None


def concepts_of(labels: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The concept keys of written labels, each once, in order (labels no concept fits are left out)."""
    return tuple(dict.fromkeys(k for k in (concept_of(lab) for lab in labels) if k))


def label_of(key: str) -> str:
    """The Chinese preferred label of a concept key (the key itself when unknown)."""
    st = load_site_types().get(key)
    return st.label if st else key
