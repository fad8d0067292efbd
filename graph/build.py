"""Records to triples: one document's named graph, plus the shared nodes (regions, agencies) it uses.

Standards carry what they can: the document is an eli:LegalResource with eli:id_local (文号),
eli:passed_by (issuer, an org:Organization), eli:date_document and an OWL-Time instant; the level is a
SKOS concept; the region a SKOS concept whose skos:broader chain reaches the province, so
``?doc pkg:region/skos:broader* ?r`` finds a region's documents including its sub-regions. Every
part keeps its span and is a prov:Entity derived from the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policykg.graph import ids
from policykg.graph.passages import split_passages
from policykg.graph.store import Triple
from policykg.ingest.model import Document, Region, RegionRef, Span
from policykg.ontology.namespace import DCTERMS, ELI, ORG, PKG, PROV, RDF, SKOS, TIME, XSD
from rdflib import Literal, URIRef

PASSAGE_RULE = "graph.passages.paragraph"


@dataclass
class DocumentTriples:
    """What writing one document takes: its own graph, and triples merged into the shared graph."""

    iri: URIRef
    own: list[Triple] = field(default_factory=list)
    shared: list[Triple] = field(default_factory=list)


def _span(out: list[Triple], node: URIRef, span: Span) -> None:
    out.append((node, PKG.spanStart, Literal(span.start)))
    out.append((node, PKG.spanEnd, Literal(span.end)))


def _part(out: list[Triple], doc_iri: URIRef, node: URIRef, cls: URIRef, span: Span) -> None:
    # lean on purpose: every quad costs six index entries; prov:Entity follows from the class, order from the span
    out += [(node, RDF.type, cls), (node, PROV.wasDerivedFrom, doc_iri)]
    _span(out, node, span)


def region_triples(region: Region | RegionRef, parents: tuple[RegionRef, ...]) -> list[Triple]:
    """A region and its parent chain (nearest first) as SKOS concepts linked by skos:broader."""
    out: list[Triple] = []
    chain = [region, *parents]
    for i, r in enumerate(chain):
        node = ids.region_iri(r.code)
        out += [(node, RDF.type, PKG.Region), (node, RDF.type, SKOS.Concept),
                (node, SKOS.inScheme, PKG.RegionScheme), (node, SKOS.prefLabel, Literal(r.name, lang="zh")),
                (node, SKOS.notation, Literal(r.code)), (node, PKG.level, PKG[r.level])]
        if i + 1 < len(chain):
            out.append((node, SKOS.broader, ids.region_iri(chain[i + 1].code)))
    return out


def agency_triples(name: str) -> tuple[URIRef, list[Triple]]:
    """An agency node (org:Organization) by its full name."""
    node = ids.agency_iri(name)
    return node, [(node, RDF.type, ORG.Organization), (node, RDF.type, PKG.Agency),
                  (node, SKOS.prefLabel, Literal(name, lang="zh"))]


def _metadata(doc: Document, iri: URIRef, t: DocumentTriples) -> None:
    own = t.own
    own += [(iri, RDF.type, PKG.PolicyDocument), (iri, RDF.type, ELI.LegalResource),
            (iri, PKG.sourceFile, Literal(Path(doc.source).name)),
            (iri, PKG.sourcePath, Literal(str(Path(doc.path).resolve()))),
            (iri, PKG.sha256, Literal(doc.sha256)), (iri, PKG.encoding, Literal(doc.encoding)),
            (iri, PKG.text, Literal(doc.text))]
    if doc.title:
        own.append((iri, DCTERMS.title, Literal(doc.title, lang="zh")))
    if doc.doc_number:
        own.append((iri, ELI.id_local, Literal(ids.normalise_doc_number(doc.doc_number))))
    for name in dict.fromkeys([*([doc.issuer] if doc.issuer else []), *doc.issuers]):
        node, triples = agency_triples(name)
        own.append((iri, ELI.passed_by, node))
        t.shared += triples
    if doc.date:
        instant = ids.date_iri(iri)
        own += [(iri, ELI.date_document, Literal(doc.date, datatype=XSD.date)),
                (iri, PKG.documentDate, instant), (instant, RDF.type, TIME.Instant),
                (instant, TIME.inXSDDate, Literal(doc.date, datatype=XSD.date)),
                (instant, TIME.unitType, TIME.unitDay)]
    if doc.level:
        own.append((iri, PKG.level, PKG[doc.level]))
    if doc.region:
        own.append((iri, PKG.region, ids.region_iri(doc.region.code)))
        t.shared += region_triples(doc.region, doc.region.parents)
    if doc.kind:
        own.append((iri, PKG.kind, Literal(doc.kind)))
    if doc.carried_title:
        own.append((iri, PKG.carriedTitle, Literal(doc.carried_title, lang="zh")))
    if doc.notice_span:
        own += [(iri, PKG.noticeStart, Literal(doc.notice_span.start)),
                (iri, PKG.noticeEnd, Literal(doc.notice_span.end))]
    if doc.body_span:
        own += [(iri, PKG.bodyStart, Literal(doc.body_span.start)), (iri, PKG.bodyEnd, Literal(doc.body_span.end))]
    rules = dict(doc.provenance)
    if doc.region and doc.region.rule:
        rules.setdefault("region", doc.region.rule)
    for name, rule in sorted(rules.items()):
        node = ids.extraction_iri(iri, name)
        own += [(iri, PKG.hasExtraction, node), (node, RDF.type, PKG.FieldExtraction),
                (node, RDF.type, PROV.Entity), (node, PKG.field, Literal(name)), (node, PKG.rule, Literal(rule)),
                (node, PROV.wasDerivedFrom, iri)]


def _structure(doc: Document, iri: URIRef, own: list[Triple]) -> None:
    for n, s in enumerate(doc.sections, 1):
        node = ids.section_iri(iri, n)
        own.append((iri, PKG.hasSection, node))
        _part(own, iri, node, PKG.Section, s.span)
        own += [(node, PKG.section, Literal(s.path)), (node, PKG.heading, Literal(s.heading)),
                (node, PKG.depth, Literal(s.depth))]
    for n, table in enumerate(doc.tables, 1):
        node = ids.table_iri(iri, n)
        own.append((iri, PKG.hasTable, node))
        _part(own, iri, node, PKG.Table, table.span)
        own.append((node, PKG.header, Literal("\t".join(table.header))))
        if table.attachment:
            own.append((node, PKG.attachmentLabel, Literal(table.attachment)))
        for r, cells in enumerate(table.rows, 1):
            row = ids.row_iri(node, r)
            own += [(node, PKG.hasRow, row), (row, RDF.type, PKG.TableRow), (row, PKG.ordinal, Literal(r)),
                    (row, PKG.text, Literal("\t".join(cells)))]
            if r <= len(table.row_spans):
                _span(own, row, table.row_spans[r - 1])
    for n, att in enumerate(doc.attachments, 1):
        node = ids.attachment_iri(iri, n)
        own.append((iri, PKG.hasAttachment, node))
        _part(own, iri, node, PKG.Attachment, att.span)
        own.append((node, PKG.attachmentLabel, Literal(att.label)))
        if att.title:
            own.append((node, DCTERMS.title, Literal(att.title, lang="zh")))
    for n, p in enumerate(split_passages(doc), 1):
        node = ids.passage_iri(iri, n)
        own.append((iri, PKG.hasPassage, node))
        _part(own, iri, node, PKG.Passage, Span(p.start, p.end))
        own += [(node, PKG.text, Literal(doc.text[p.start:p.end])), (node, PKG.section, Literal(p.section)),
                (node, PKG.rule, Literal(PASSAGE_RULE))]


def document_triples(doc: Document, iri: URIRef | None = None) -> DocumentTriples:
    """All triples of one document: metadata, structure, passages, obligations and citations."""
    # imported here: obligations and resolve build on this module's agency and region helpers
    from policykg.graph.obligations import obligation_triples
    from policykg.graph.resolve import citation_triples

    iri = iri or ids.document_iri(doc)
    t = DocumentTriples(iri)
    _metadata(doc, iri, t)
    _structure(doc, iri, t.own)
    t.own.extend(obligation_triples(doc, iri))
    t.own.extend(citation_triples(doc, iri))
    return t
