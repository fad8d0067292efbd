"""The agency dictionary: the unit types of ``data/agencies.tsv`` and the sets of ``data/collectives.tsv``.

Each entry is one agency type with its aliases and scope (dept, local, generic, collective, self); the
dictionary matches the longest alias at each position of a text. ``AgencyHit`` is what the finders of
``agencies`` return for a name they read. The jieba user dictionary is written from the same entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.model import COLLECTIVE_KEY, Span, collective_set

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class AgencyEntry:
    """One agency type of the dictionary."""

    key: str
    canonical: str
    aliases: tuple[str, ...]
    scope: str  # dept | local | generic | collective
    generic_label: str
    english: str


@dataclass(frozen=True)
class AgencyHit:
    """An agency name found in text, already normalised; the role is decided by the caller."""

    text: str
    name: str
    span: Span
    key: str
    scope: str
    region_code: str | None
    generic: bool
    rule: str

    @property
    def collective(self) -> bool:
        return self.scope == "collective"

    @property
    def link_name(self) -> str:
        """The dictionary's set for a collective it knows (各有关部门 for 有关部门), else ``name``: see AgencyMention."""
        return (collective_set(self.key) if self.collective else "") or self.name


class AgencyDictionary:
    """The curated dictionary with a longest-match pattern over every alias."""

    def __init__(self, entries: list[AgencyEntry]):
        self.entries = entries
        self.by_alias: dict[str, AgencyEntry] = {}
        for e in entries:
            for a in e.aliases:
                self.by_alias.setdefault(a, e)
        self.pattern = literal_trie(self.by_alias)  # the longest alias at each position

    def lookup(self, alias: str) -> AgencyEntry | None:
        """The entry an exact alias names, or None."""
        return self.by_alias.get(alias)


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def load_dictionary() -> AgencyDictionary:
    """The agency dictionary from the package data files (read once)."""
    entries = []
    for row in _read_tsv("agencies.tsv"):
        key, canonical, aliases, scope, generic_label, english = (row + [""] * 6)[:6]
        entries.append(AgencyEntry(key, canonical, tuple(a for a in aliases.split("|") if a), scope,
                                   generic_label, english))
    for row in _read_tsv("collectives.tsv"):
        canonical, surfaces, english = (row + [""] * 3)[:3]
        entries.append(AgencyEntry(COLLECTIVE_KEY + canonical, canonical,
                                   tuple(s for s in surfaces.split("|") if s), "collective", canonical, english))
    return AgencyDictionary(entries)


def user_dictionary_lines() -> list[str]:
    """jieba user-dictionary lines (word freq tag) for every alias: what data/jieba_user.txt holds."""
    words: dict[str, str] = {}
    for e in load_dictionary().entries:
        for a in (e.canonical, *e.aliases):
            words.setdefault(a, "nt")
    return [f"{w} 20000 {tag}" for w, tag in sorted(words.items())]
