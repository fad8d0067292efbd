"""A document's own agency registry: the full unit names it writes, so that its abbreviations resolve.

A plan names a unit in full once — in a heading, the addressee line, or with a declared short form
(嘉定工业区地下空间管理联席会议（以下简称“联席会议”）) — and then writes it short (联席会议, 消防委 for
消防安全委员会). The registry links a short form to the one full name that holds its characters in
order, starting with its first character and ending with its head; a short form that fits two full names
is left alone. The store-wide side — 区消防救援支队 in a 松江区 plan and 松江区消防救援支队 being one
agency — follows from canonical names resolved against the document's region (``agency_grammar``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.ingest.extract.agencies import _word_starts as word_starts
from policykg.ingest.extract.agency_grammar import _described_department, classify, split_prefix
from policykg.ingest.extract.scan import finditer_near
from policykg.ingest.model import Document

_DECLARED = re.compile(r"(?P<full>[\u4e00-\u9fff（）()、]{4,40}?)[（(](?:以下)?简称[“\"「]?(?P<short>[\u4e00-\u9fff]{2,12})[”\"」]?[）)]")
_DECLARED_CORE = re.compile(r"[（(](?:以下)?简称")  # every _DECLARED match is <= 40 characters + this
_ADDRESSEE = re.compile(r"^(?P<list>[^。\n：:]{2,200})[：:]\s*$", re.MULTILINE)
_HEAD_START = re.compile(r"^\s*(?:第[一二三四五六七八九十百]+[章节条]|[（(]?[0-9一二三四五六七八九十]{1,3}[）)]?(?:[\.．、]\d{0,2})*)?\s*")


@dataclass(eq=False)  # one document's registry, hashed by identity (a key of the grammar's caches)
class Registry:
    """Full unit names of one document and the short forms they declare."""

    declared: dict[str, str] = field(default_factory=dict)  # short form -> full name
    full_names: set[str] = field(default_factory=set)

    def declares(self, written: str) -> bool:
        """Whether ``written`` is a short form the document declared (嘉定工业区地空联办), or the same short form
        with less of its place written (工业区地空联办)."""
        return len(written) >= 3 and any(s.endswith(written) and (s == written or len(s) - len(written) >= 2)
                                         and classify(s) is None for s in self.declared)

    def full_name(self, short: str) -> str | None:
        """The one full name ``short`` abbreviates in this document, or None."""
        if short in self.declared:
            return self.declared[short]
        fits = {f for f in self.full_names if f != short and len(f) > len(short) and _abbreviates(short, f)}
        return next(iter(fits)) if len(fits) == 1 else None


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short``'s characters appear in ``full`` in order, first with first and last with last
    (消防委 in 消防安全委员会, 区级指挥部 in 区级应急指挥部; 区委 is no short form of 区政府)."""
    if short[0] != full[0] or short[-1] not in full[-3:]:
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _names_in(text: str) -> list[str]:
    from policykg.ingest.extract.agency_grammar import may_be_a_list, read_list

    read = read_list(text) if may_be_a_list(text) else None
    if read is None:
        return []
    return [i.text for i in read[0] if i.kind == "unit"]


@lru_cache(maxsize=64)
def _build(text: str, headings: tuple[str, ...]) -> Registry:
    reg = Registry()
    for m in finditer_near(_DECLARED, _DECLARED_CORE, text, 40):
        full = m.group("full")
        starts = word_starts(full)  # a name starts where a word does (not 责… of 负责…)
        for k in range(len(full) - 2):  # the longest tail of the text before （简称…） that is one unit
            if k in starts and (classify(full[k:]) == "unit" or _described_department(full[k:])):
                reg.declared[m.group("short")] = full[k:]
                reg.full_names.add(full[k:])
                break
    for h in headings:
        body = _HEAD_START.sub("", h)
        for n in _names_in(re.split(r"[，。：:；]|职责|责任", body, maxsplit=1)[0]):
            reg.full_names.add(n)
    m = _ADDRESSEE.search(text[:400])
    if m:
        for n in _names_in(m.group("list").replace("，", "、")):
            reg.full_names.add(n)
    reg.full_names = {split_prefix(n, None)[1] if len(split_prefix(n, None)[1]) >= 4 else n for n in reg.full_names}
    return reg


_LAST: list = [(None, None)]  # ((document, registry),) of the last call: obligations ask once per sentence;
# one tuple read and replaced whole, so two threads parsing in one process never pair a document with another's


def registry_of(doc: Document) -> Registry:
    """The registry of ``doc`` (built once per document text)."""
    last_doc, last_reg = _LAST[0]
    if last_doc is doc:
        return last_reg
    reg = _build(doc.text, tuple(s.heading for s in doc.sections if s.heading and len(s.heading) <= 40))
    _LAST[0] = (doc, reg)
    return reg
