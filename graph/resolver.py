"""The resolution steps, over plain rows: 文号 first, then title variants, then issuer+year+keywords.

Kept free of the store so the order-independence of resolution is a property of one pure function:
the same documents and citations give the same links and stubs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from policykg.graph import ids
from policykg.graph.matching import (
    bigrams,
    expand_region_words,
    fold,
    keys,
    leading_region,
    number_key,
    place,
    years,
)
from policykg.ingest.model import Region

FUZZY_MIN = 0.8  # bigram overlap for the issuer/year/keyword step; below it a stub is safer than a guess


@dataclass(frozen=True)
class DocumentRow:
    """What resolution needs of a stored document."""

    iri: str
    title: str | None
    carried: str | None
    number: str | None
    date: str | None
    issuer: str | None
    region: Region | None
    stub: bool = False


@dataclass(frozen=True)
class CitationRow:
    """What resolution needs of a stored citation."""

    iri: str
    doc: str
    title: str | None
    number: str | None
    issuer: str | None
    relation: str
    flag: str | None = None


@dataclass(frozen=True)
class Reuse:
    """What an incremental resolution may keep: each citation's outcome from the last full resolution
    (target IRI, or None for a stub, and the step), the documents written or removed since, and a
    Resolver over the written ones.

    An outcome still holds unless the citing document changed, its target changed, or a changed
    document now matches the citation at some step: every step returns a subset of the documents that
    match it, so a document that matches no step cannot win one, and dropping a document that did not
    win leaves the winner (latest date, own region chain, best score) as it was."""

    known: dict[str, tuple[str | None, str]]
    changed: frozenset[str]
    delta: Resolver


class Resolver:
    """Indexes of the ingested documents by 文号 and by title core."""

    def __init__(self, docs: list[DocumentRow]):
        # in IRI order, not the store's: where two documents score alike the first wins, and that must not
        # depend on the order a query returned them in
        self.docs = docs = sorted(docs, key=lambda d: d.iri)
        self.by_number: dict[str, list[DocumentRow]] = {}
        self.by_key: dict[str, list[DocumentRow]] = {}
        # the fuzzy step: issuers folded and bigrams cut once, and an inverted index of bigrams so that a
        # citation is scored against the few documents that can reach FUZZY_MIN, not against all of them
        self._issuer = {d.iri: fold(d.issuer) for d in docs if d.issuer}
        self._grams = {d.iri: [bigrams(t) for t in filter(None, (d.title, d.carried))] for d in docs}
        self._years = {d.iri: years(d.title or "") | years(d.carried or "") for d in docs}
        self._number_years = {d.iri: years(d.title or "") | years(d.number or "") for d in docs}
        self._number_key = {d.iri: number_key(d.number) for d in docs if d.number}
        self._postings: dict[str, list[int]] = {}
        for i, d in enumerate(docs):
            for g in set().union(*self._grams[d.iri]):
                self._postings.setdefault(g, []).append(i)
        for d in docs:
            if d.number and (n := number_key(d.number)):
                self.by_number.setdefault(n, []).append(d)
            for t in filter(None, (d.title, d.carried)):
                for k in keys(t):
                    self.by_key.setdefault(k, []).append(d)

    def resolve(self, c: CitationRow, citing: DocumentRow | None) -> tuple[DocumentRow | None, str]:
        """The document a citation names, and the step that found it ("" when none did)."""
        date = citing.date if citing else None
        context = citing.region if citing else None
        number = number_key(c.number)
        if number and (hits := self.by_number.get(number)):
            return _latest(hits, date), "doc_number"
        if not c.title:
            return None, ""
        issuer_region = place(None, c.issuer, None, context).region if c.issuer else None
        title = expand_region_words(c.title, issuer_region, context)
        want_years = years(title)
        found = _in_chain(self._by_keys(keys(title), want_years, number), issuer_region or context)
        if found:
            return _latest(found, date), "title"
        lead = leading_region(title)
        if lead:  # 《上海市应急避难场所设计标准》 names the region the target document's title leaves out
            name, code = lead
            found = [d for d in self._by_keys(keys(title[len(name):]), want_years, number)
                     if d.region is not None and (d.region.code == code or code in {p.code for p in d.region.parents})]
            if found:
                return _latest(found, date), "title_without_region"
        return self._fuzzy(c, title, want_years, issuer_region, citing)

    def _by_keys(self, wanted: set[str], want_years: frozenset[str], number: str | None) -> list[DocumentRow]:
        out: list[DocumentRow] = []
        seen: set[str] = set()
        for k in sorted(wanted):
            for d in self.by_key.get(k, []):
                have = self._years[d.iri]
                if (not want_years or not have or want_years & have) and d.iri not in seen and _same_version(number, d):
                    seen.add(d.iri)
                    out.append(d)
        return out

    def _candidates(self, grams: set[str]) -> list[DocumentRow]:
        """Documents whose title could reach FUZZY_MIN with ``grams`` (prefix filter: sharing that many bigrams
        means sharing one of the rarest few), in the order of ``self.docs``."""
        if not grams:
            return []
        need = math.ceil(FUZZY_MIN * len(grams) / (2 - FUZZY_MIN) - 1e-9)  # from 2o/(|x|+|y|) >= t, o <= |y|
        rare = sorted(grams, key=lambda g: (len(self._postings.get(g, ())), g))[: max(len(grams) - need + 1, 1)]
        hits = sorted({i for g in rare for i in self._postings.get(g, ())})
        return [self.docs[i] for i in hits]

    def _fuzzy(self, c: CitationRow, title: str, want_years: frozenset[str], region: Region | None,
               citing: DocumentRow | None) -> tuple[DocumentRow | None, str]:
        """Issuer, year and keywords together: all three must agree. Never the citing document itself,
        which shares words with everything it cites, and never a document with another 文号."""
        best, best_score = None, FUZZY_MIN
        issuer, grams = fold(c.issuer) if c.issuer else "", bigrams(title)
        number = number_key(c.number)
        for d in self._candidates(grams):
            if citing is not None and d.iri == citing.iri or number and d.number and self._number_key[d.iri] != number:
                continue  # never the citing document; never another version (another 文号)
            theirs = self._issuer.get(d.iri, "")
            if not (issuer and theirs and (issuer in theirs or theirs in issuer)) and not _same_region(region, d):
                continue
            have = self._number_years[d.iri]
            if want_years and have and not want_years & have:
                continue
            score = max((_dice(grams, g) for g in self._grams[d.iri]), default=0.0)
            if score > best_score:
                best, best_score = d, score
        return (best, "issuer_year_keywords") if best else (None, "")

    def outcome(self, c: CitationRow, citing: DocumentRow, reuse: Reuse | None = None) -> tuple[str | None, str]:
        """The IRI a citation resolves to (None: it needs a stub) and the step, kept from ``reuse`` where
        that outcome cannot have changed."""
        if reuse is not None and c.doc not in reuse.changed:
            known = reuse.known.get(c.iri)
            if known is not None and known[0] not in reuse.changed and reuse.delta.resolve(c, citing)[0] is None:
                return known
        target, how = self.resolve(c, citing)
        return (target.iri if target is not None else None), how

    def resolve_all(self, citations: list[CitationRow], citing: dict[str, DocumentRow], reuse: Reuse | None = None
                    ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]], list[dict[str, str]]]:
        """Links per citing document, stubs by IRI, and self-citations, for every citation (the same with
        ``reuse`` as without it, only faster)."""
        links: dict[str, list[dict[str, Any]]] = {}
        stubs: dict[str, dict[str, Any]] = {}
        stub_by_key: dict[str, str] = {}
        selfs: list[dict[str, str]] = []
        # citations with a 文号 first, so a later title-only citation of the same document joins that stub
        for c in sorted(citations, key=lambda c: (c.number is None, c.doc, c.iri)):
            doc = citing.get(c.doc)
            if doc is None:
                continue
            iri, how = self.outcome(c, doc, reuse)
            if iri is None:
                if c.flag == "attachment":
                    continue  # the document's own attachment: nothing outside it to stand in for
                iri, how = self._stub(c, doc, stubs, stub_by_key), "stub"
            is_self = iri == c.doc
            if is_self:
                selfs.append({"doc": c.doc, "citation": c.iri})
            links.setdefault(c.doc, []).append({"citation": c.iri, "doc": c.doc, "target": iri, "method": how,
                                                "relation": c.relation, "self": is_self})
        return links, stubs, selfs

    def _stub(self, c: CitationRow, doc: DocumentRow, stubs: dict[str, dict[str, Any]],
              stub_by_key: dict[str, str]) -> str:
        issuer_region = place(None, c.issuer, None, doc.region).region if c.issuer else None
        title = expand_region_words(c.title, issuer_region, doc.region) if c.title else None
        number = number_key(c.number)
        title_keys = {k + "|" + ",".join(sorted(years(title))) for k in keys(title)} if title else set()
        iri = next((stub_by_key[k] for k in title_keys if k in stub_by_key), None)
        if iri is None:
            iri = str(ids.stub_iri(title=title, doc_number=number))
        for k in title_keys:
            stub_by_key.setdefault(k, iri)
        entry = stubs.setdefault(iri, {"iri": iri, "title": None, "number": None, "issuer": None,
                                       "context": doc.region})
        # keep the fullest description, chosen the same way whatever the order of citations
        if title and (entry["title"] is None or (len(title), title) > (len(entry["title"]), entry["title"])):
            entry["title"] = title
            entry["context"] = doc.region
        entry["number"] = entry["number"] or number
        if c.issuer and (entry["issuer"] is None or (len(c.issuer), c.issuer) > (len(entry["issuer"]),
                                                                                  entry["issuer"])):
            entry["issuer"] = c.issuer
        return iri


def _in_chain(docs: list[DocumentRow], context: Region | None) -> list[DocumentRow]:
    """Of documents sharing a title, those of the citing region's own chain (or national), if any are."""
    if len(docs) < 2 or context is None:
        return docs
    chain = {context.code, *(p.code for p in context.parents)}
    mine = [d for d in docs if d.region is None or d.region.level == "national" or d.region.code in chain]
    return mine or docs


def _latest(docs: list[DocumentRow], date: str | None) -> DocumentRow:
    """Of several versions, the latest one in force at the citing date (else the latest)."""
    dated = sorted(docs, key=lambda d: (d.date or "", d.iri))
    before = [d for d in dated if date and d.date and d.date <= date]
    return (before or dated)[-1]


def _same_version(number: str | None, d: DocumentRow) -> bool:
    """A cited 文号 that differs from the document's names another version (a predecessor, say)."""
    return not number or not d.number or number_key(d.number) == number


def _dice(x: set[str], y: set[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _same_region(region: Region | None, d: DocumentRow) -> bool:
    return region is not None and d.region is not None and region.code == d.region.code
