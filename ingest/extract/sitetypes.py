"""Site types: which kinds of places an obligation concerns, kept as written and mapped to SKOS concepts.

A label is found two ways: a label of the vocabulary (``data/site_types.tsv``, published as the SKOS
scheme ``ontology/site_types.ttl``), widened to the noun phrase the text writes around it (电动自行车 +
集中充电场所), or an open noun phrase ending in a site head noun (场所 仓库 厂房 门店 …) with a
modifier before it (展览场馆). The written label is what the obligation says; its concept is the
vocabulary concept whose label it is, or failing that the longest vocabulary label it contains
(文物古建筑 -> 文物建筑); labels nothing fits keep no concept.

This module is the entry point: ``find_site_types`` (the rules' labels, plus the learned tagger's when
``LEARNED``), and the names callers import, re-exported from the modules that decide them, one concept each
(which gold site-type conventions of tests/gold/obligations/README.md each implements is in its docstring):

- ``site_vocabulary``: the SKOS concepts and the concept a written label maps to;
- ``site_modifiers``: where an open label begins (modifiers, governing verbs, rank, scope and place words);
- ``site_heads``: the head nouns a label ends in and how far a vocabulary label widens;
- ``site_works``: the kinds of project or works and the enterprises of a trade;
- ``site_lists``: list members beside a label, neighbours in a list, a kind joined to the kind it narrows;
- ``site_parties`` and ``site_untargeted``: labels the work is not about (parties asked to act or to receive,
  forces, audiences, what equipment must suit, a territory styled as a hub);
- ``site_labels``: every label of a text (``find_site_labels``, ``rule_site_types``);
- ``site_headings``: the kinds a heading or a lead-in passes down.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache

from policykg.ingest.extract.site_headings import heading_site_types, with_heading_sites, with_item_sites
from policykg.ingest.extract.site_heads import (
    _WIDEN_HEADS,  # noqa: F401
    SITE_HEADS,
)
from policykg.ingest.extract.site_labels import find_site_labels, rule_site_types
from policykg.ingest.extract.site_lists import _PLACE_CHARS  # noqa: F401
from policykg.ingest.extract.site_modifiers import _GOVERNING, _pos  # noqa: F401
from policykg.ingest.extract.site_vocabulary import (
    DATA_FILE,
    SiteLabel,
    SiteType,
    _matcher,  # noqa: F401
    concept_of,
    concepts_of,
    label_of,
    load_site_types,
)

# (the private names imported above are the rules' lexicon learned_sites.py reads its features from:
# ``sitetypes._GOVERNING``, ``sitetypes._pos()`` …)
__all__ = [
    "DATA_FILE", "LEARNED", "SITE_HEADS", "SiteLabel", "SiteType", "concept_of", "concepts_of", "find_site_labels",
    "find_site_types", "heading_site_types", "label_of", "learned", "load_site_types", "rule_site_types",
    "with_heading_sites", "with_item_sites",
]

# whether find_site_types adds the learned tagger's labels to the rules' (learned_sites.py; the
# combination and its figures are in benchmarks/site_tagger.py). Off: it gains half a point of F1 on CV
# (at the edge of noise) and a point on held-out, but costs +64% extraction CPU, which fast extraction
# (issue 18) cannot pay, and a model trained on dev makes dev-check's site-type figures in-sample for every
# rule measured on them.
LEARNED = False


@contextmanager
def learned(on: bool):
    """find_site_types with the learned tagger on or off inside the block (benchmarks compare the two)."""
    global LEARNED
    was, LEARNED = LEARNED, on
    find_site_types.cache_clear()
    try:
        yield
    finally:
        LEARNED = was
        find_site_types.cache_clear()


# a line break inside a sentence of text taken from a PDF (加快建设数据中\n心): the line was wrapped where the page
# ended, not where a phrase does
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff“”（）、])[ \t\u3000]*\n[ \t\u3000]*(?=[\u4e00-\u9fff“”（）])")


def _unwrapped(text: str) -> str:
    """``text`` with the line breaks that stand inside a run of Chinese words removed (a PDF's wrapped lines)."""
    return _WRAP.sub("", text) if "\n" in text else text


@lru_cache(maxsize=2048)
def find_site_types(text: str) -> tuple[str, ...]:
    """The site labels ``text`` names, as written: the rules' (``rule_site_types``), then, when ``LEARNED``,
    the labels the learned tagger reads where no rule label stands."""
    text = _unwrapped(text)
    rules = rule_site_types(text)
    if not LEARNED:
        return rules
    from policykg.ingest.extract.learned_sites import add_learned

    return add_learned(text, rules)
