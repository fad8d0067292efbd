"""Chinese tokenisation for BM25: jieba in search mode with a user dictionary grown from our vocabularies.

The dictionary is the union of the policy terms shipped with search/, the agency dictionary of the
extractors (canonical names and aliases), the site-type scheme, and any labels the index builder
passes in from the graph. The index stores the word list it was built with, so queries are cut the
same way as the units were.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[\w\u3400-\u9fff]")
# Function words that carry no topic; content words (要求, 责任, 安全) are kept on purpose.
STOPWORDS = frozenset(
    ["的", "了", "和", "与", "及", "以及", "或", "或者", "等", "在", "对", "对于", "由", "于", "为", "是", "将", "把", "被", "并", "并且", "其", "之", "中", "上", "下", "所", "有", "应", "应当", "要", "须", "必须", "可", "可以", "按照", "根据", "依照", "关于", "进一步", "一", "个", "各", "该", "本", "这", "那", "也", "都", "就", "还", "我", "你", "他", "们", "怎么", "如何", "什么", "哪些", "哪里", "吗", "呢", "吧", "啊"]
)


def _policy_terms() -> list[str]:
    text = resources.files("policykg.search").joinpath("data/policy_terms.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _tsv_terms(name: str) -> list[str]:
    """Every Chinese name or alias (|-separated) in one of the extractors' dictionaries."""
    try:
        text = resources.files("policykg.ingest.extract").joinpath(f"data/{name}").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return []
    words: list[str] = []
    for row in csv.reader((ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t"):
        for cell in row[1:]:
            words.extend(w for w in cell.split("|") if _CJK.search(w) and len(w) <= 12)
    return words


_NAME_COLUMNS = {"agencies.tsv": (1, 2), "site_types.tsv": (1, 3)}


def synonym_groups(name: str) -> list[set[str]]:
    """Rows of an extractors' dictionary (agencies.tsv, site_types.tsv) as sets of equivalent Chinese names."""
    try:
        text = resources.files("policykg.ingest.extract").joinpath(f"data/{name}").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return []
    # the name columns only: agencies' "generic label" (消防救援机构) is broader than the row, not a synonym
    columns = _NAME_COLUMNS.get(name, range(1, 99))
    groups = []
    for row in csv.reader((ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t"):
        names = {w for i in columns if i < len(row) for w in row[i].split("|") if _CJK.search(w) and len(w) <= 12}
        if names:
            groups.append(names | {row[0]})
    return groups


def _agency_terms() -> list[str]:
    return _tsv_terms("agencies.tsv") + _tsv_terms("site_types.tsv")


def _site_type_terms() -> list[str]:
    try:
        path = resources.files("policykg.ontology").joinpath("site_types.ttl")
        if not path.is_file():
            return []
        from rdflib import Graph
        from rdflib.namespace import SKOS

        g = Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle")
    except Exception:  # noqa: BLE001 - a half-written scheme must not stop search from starting
        return []
    return [str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for o in g.objects(None, p) if _CJK.search(str(o))]


def vocabulary_terms(extra: Iterable[str] = ()) -> list[str]:
    """All dictionary words: shipped policy terms, agency names and aliases, site types, plus ``extra``."""
    seen: dict[str, None] = {}
    for word in [*_policy_terms(), *_agency_terms(), *_site_type_terms(), *extra]:
        word = word.strip()
        if 2 <= len(word) <= 30 and _CJK.search(word) and not re.search(r"\s", word):
            seen.setdefault(word, None)
    return sorted(seen)  # graph labels come in no fixed order; a stable list lets rebuilds reuse tokens


class Tokenizer:
    """A private jieba instance (the global one is left alone) with the user words loaded."""

    def __init__(self, words: Sequence[str] = ()):
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.words = list(words)
        self._jieba = jieba.Tokenizer()
        for word in self.words:
            # a high frequency makes jieba keep the term whole even where it sits inside a longer run
            self._jieba.add_word(word, freq=max(2000, 200 * len(word)))

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens of ``text``: words and their sub-words, lower-cased, stopwords dropped."""
        out = []
        for tok in self._jieba.cut_for_search(text):
            tok = tok.strip().lower()
            if tok and _WORD.search(tok) and tok not in STOPWORDS:
                out.append(tok)
        return out

    def tokens_batch(self, texts: Sequence[str]) -> list[list[str]]:
        """Tokens of each text."""
        return [self.tokens(t) for t in texts]

    def save(self, path: Path) -> None:
        """Write the word list so the same dictionary is used at query time."""
        Path(path).write_text("\n".join(self.words) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Tokenizer:
        """A tokenizer with the word list saved by ``save``."""
        return cls([w for w in Path(path).read_text(encoding="utf-8").splitlines() if w.strip()])
