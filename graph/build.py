"""Records to triples: one document's named graph, plus the shared nodes (regions, agencies) it uses.

Standards carry what they can: the document is an eli:LegalResource with eli:id_local (文号),
eli:passed_by (issuer, an org:Organization), eli:date_document and an OWL-Time instant; the level is a
SKOS concept; the region a SKOS concept whose skos:broader chain reaches the province, so
``?doc pkg:region/skos:broader* ?r`` finds a region's documents including its sub-regions, and so does
the closure stated at ingest, ``?doc pkg:withinRegion ?r``, in one index look-up. Every
part keeps its span, one pkg:span literal "start-end" (character offsets into the document's pkg:text, end
exclusive; ``nt.parse_span`` reads it, SPARQL ``xsd:integer(STRBEFORE(?span, "-"))``). The document links
to each of its parts (pkg:hasSection, pkg:hasPassage … all sub-properties of dcterms:hasPart); extracted
facts (obligations, citations) also say prov:wasDerivedFrom, and the rule that found them.

Every quad in a document's named graph costs six index entries (~6 µs of bulk-load CPU, plus its share of
the compaction after a large ingest), so nothing is stated twice: no prov:Entity type (each class is a
subclass), no prov:wasDerivedFrom where the has-part link says it, no section depth (the path has it), one
record for the passage rule instead of one per passage, and no rdf:type where the link to the node gives
it and no query matches on the type (GRAPH_VERSION 6): a section is the object of pkg:hasSection, a
passage of pkg:hasPassage, a field extraction of pkg:hasExtraction (rdfs:range in ontology/policy.ttl;
the store does no inference, so a query asks for ``?doc pkg:hasSection ?s``, not ``?s a pkg:Section``).
GRAPH_VERSION 7 states a span as one literal instead of pkg:spanStart and pkg:spanEnd: spans were 26% of a
document's quads (1,508 -> 1,316 per corpus document).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policykg.graph import ids, nt
from policykg.graph.nt import NTriple, dcterms, eli, org, pkg, rdf, skos, time
from policykg.graph.passages import split_passages
from policykg.ingest.model import Document, Region, RegionRef, Span
from rdflib import URIRef

PASSAGE_RULE = "graph.passages.paragraph"
# the shape of a document's graph: bump it when the triples change, and every ingest rebuilds the documents
# written before from their files (2: parts without prov:wasDerivedFrom or depth, pkg:withinRegion;
# 4: goals typed pkg:Goal; 5: an agency node stated once per document, assignments without prov:wasDerivedFrom
# or pkg:agencyKey, obligations without pkg:ordinal, see graph/obligations.py; 6: sections, passages, field
# extractions, assignments and site mentions typed by their link only, obligations without prov:wasDerivedFrom,
# pkg:extractedFrom only for a table, pkg:generic only when true, site mentions without spans; 7: a span is one
# pkg:span literal "start-end", no pkg:spanStart / pkg:spanEnd)
GRAPH_VERSION = 7
# SPARQL Updates that bring the graph of a document an older version wrote to the next version in place, where
# that version only restates what the graph holds (no re-extraction, and a document whose file is gone is
# upgraded too: KnowledgeGraph.open runs them); any other older version is rebuilt from its file
# (KnowledgeGraph.outdated_sources)
UPGRADE_IN_PLACE = {
    6: """DELETE { GRAPH ?g { ?n pkg:spanStart ?s ; pkg:spanEnd ?e } } INSERT { GRAPH ?g { ?n pkg:span ?span } }
          WHERE { GRAPH ?g { ?doc pkg:graphVersion 6 . ?n pkg:spanStart ?s ; pkg:spanEnd ?e }
                  BIND(CONCAT(STR(?s), "-", STR(?e)) AS ?span) } ;
          DELETE { GRAPH ?g { ?doc pkg:graphVersion 6 } } INSERT { GRAPH ?g { ?doc pkg:graphVersion 7 } }
          WHERE { GRAPH ?g { ?doc pkg:graphVersion 6 } }""",
}


@dataclass
class DocumentTriples:
    """What writing one document takes: its own graph, and triples merged into the shared graph
    (terms as N-Triples strings, see ``policykg.graph.nt``)."""

    iri: URIRef
    own: list[NTriple] = field(default_factory=list)
    shared: list[NTriple] = field(default_factory=list)


def span_triples(out: list[NTriple], node: str, span: Span) -> None:
    """A part's character span in its document's text (one pkg:span literal, see ``nt.span``)."""
    out.append((node, pkg.span, nt.span(span.start, span.end)))


def _part(out: list[NTriple], doc: str, link: str, node: str, cls: str | None, span: Span) -> None:
    """A part of a document with its span; ``cls`` None: typed by ``link``'s range only (see the docstring)."""
    out += [(doc, link, node), (node, pkg.span, nt.span(span.start, span.end))]
    if cls is not None:
        out.append((node, rdf.type, cls))


def region_triples(region: Region | RegionRef, parents: tuple[RegionRef, ...]) -> list[NTriple]:
    """A region and its parent chain (nearest first) as SKOS concepts linked by skos:broader."""
    out: list[NTriple] = []
    chain = [region, *parents]
    for i, r in enumerate(chain):
        node = nt.iri(ids.region_iri(r.code))
        out += [(node, rdf.type, pkg.Region), (node, rdf.type, skos.Concept),
                (node, skos.inScheme, pkg.RegionScheme), (node, skos.prefLabel, nt.zh(r.name)),
                (node, skos.notation, nt.string(r.code)), (node, pkg.level, pkg[r.level])]
        if i + 1 < len(chain):
            out.append((node, skos.broader, nt.iri(ids.region_iri(chain[i + 1].code))))
    return out


def agency_triples(name: str) -> tuple[URIRef, list[NTriple]]:
    """An agency node (org:Organization) by its full name, and its triples."""
    iri = ids.agency_iri(name)
    node = nt.iri(iri)
    return iri, [(node, rdf.type, org.Organization), (node, rdf.type, pkg.Agency),
                  (node, skos.prefLabel, nt.zh(name))]


def _metadata(doc: Document, t: DocumentTriples, source_path: str | None) -> None:
    own, iri = t.own, nt.iri(t.iri)
    own += [(iri, rdf.type, pkg.PolicyDocument), (iri, rdf.type, eli.LegalResource),
            (iri, pkg.sourceFile, nt.string(Path(doc.source).name)),
            # the path under the folder it was ingested from: the server's own paths are not published
            (iri, pkg.sourcePath, nt.string(source_path or Path(doc.path).name)),
            (iri, pkg.sha256, nt.string(doc.sha256)), (iri, pkg.graphVersion, nt.integer(GRAPH_VERSION)),
            (iri, pkg.encoding, nt.string(doc.encoding)),
            (iri, pkg.text, nt.string(doc.text))]
    if doc.title:
        own.append((iri, dcterms.title, nt.zh(doc.title)))
    if doc.doc_number:
        own.append((iri, eli.id_local, nt.string(ids.normalise_doc_number(doc.doc_number))))
    for name in dict.fromkeys([*([doc.issuer] if doc.issuer else []), *doc.issuers]):
        node, triples = agency_triples(name)
        own.append((iri, eli.passed_by, nt.iri(node)))
        t.shared += triples
    if doc.date:
        instant = nt.iri(ids.date_iri(t.iri))
        own += [(iri, eli.date_document, nt.date(doc.date)),
                (iri, pkg.documentDate, instant), (instant, rdf.type, time.Instant),
                (instant, time.inXSDDate, nt.date(doc.date)), (instant, time.unitType, time.unitDay)]
    if doc.level:
        own.append((iri, pkg.level, pkg[doc.level]))
    if doc.region:
        own.append((iri, pkg.region, nt.iri(ids.region_iri(doc.region.code))))
        own += [(iri, pkg.withinRegion, nt.iri(ids.region_iri(r.code))) for r in (doc.region, *doc.region.parents)]
        t.shared += region_triples(doc.region, doc.region.parents)
    if doc.kind:
        own.append((iri, pkg.kind, nt.string(doc.kind)))
    if doc.carried_title:
        own.append((iri, pkg.carriedTitle, nt.zh(doc.carried_title)))
    if doc.notice_span:
        own += [(iri, pkg.noticeStart, nt.integer(doc.notice_span.start)),
                (iri, pkg.noticeEnd, nt.integer(doc.notice_span.end))]
    if doc.body_span:
        own += [(iri, pkg.bodyStart, nt.integer(doc.body_span.start)),
                (iri, pkg.bodyEnd, nt.integer(doc.body_span.end))]
    rules = dict(doc.provenance)
    if doc.region and doc.region.rule:
        rules.setdefault("region", doc.region.rule)
    rules["passages"] = PASSAGE_RULE
    for name, rule in sorted(rules.items()):
        node = nt.iri(ids.extraction_iri(t.iri, name))
        own += [(iri, pkg.hasExtraction, node), (node, pkg.field, nt.string(name)), (node, pkg.rule, nt.string(rule))]


def _structure(doc: Document, doc_iri: URIRef, own: list[NTriple]) -> None:
    iri = nt.iri(doc_iri)
    for n, s in enumerate(doc.sections, 1):
        node = nt.iri(ids.section_iri(doc_iri, n))
        _part(own, iri, pkg.hasSection, node, None, s.span)
        own += [(node, pkg.section, nt.string(s.path)), (node, pkg.heading, nt.string(s.heading))]
    for n, table in enumerate(doc.tables, 1):
        table_node = ids.table_iri(doc_iri, n)
        node = nt.iri(table_node)
        _part(own, iri, pkg.hasTable, node, pkg.Table, table.span)
        own.append((node, pkg.header, nt.string("\t".join(table.header))))
        if table.attachment:
            own.append((node, pkg.attachmentLabel, nt.string(table.attachment)))
        for r, cells in enumerate(table.rows, 1):
            row = nt.iri(ids.row_iri(table_node, r))
            own += [(node, pkg.hasRow, row), (row, rdf.type, pkg.TableRow), (row, pkg.ordinal, nt.integer(r)),
                    (row, pkg.text, nt.string("\t".join(cells)))]
            if r <= len(table.row_spans):
                span_triples(own, row, table.row_spans[r - 1])
    for n, att in enumerate(doc.attachments, 1):
        node = nt.iri(ids.attachment_iri(doc_iri, n))
        _part(own, iri, pkg.hasAttachment, node, pkg.Attachment, att.span)
        own.append((node, pkg.attachmentLabel, nt.string(att.label)))
        if att.title:
            own.append((node, dcterms.title, nt.zh(att.title)))
    text = doc.text
    for n, p in enumerate(split_passages(doc), 1):
        node = nt.iri(ids.passage_iri(doc_iri, n))
        _part(own, iri, pkg.hasPassage, node, None, Span(p.start, p.end))
        own += [(node, pkg.text, nt.string(text[p.start:p.end])), (node, pkg.section, nt.string(p.section))]


def document_triples(doc: Document, iri: URIRef | None = None, source_path: str | None = None) -> DocumentTriples:
    """All triples of one document: metadata, structure, passages, obligations and citations; ``source_path``
    is the file's path under its ingest root (graph/locations.py), else its name is published."""
    # imported here: obligations and resolve build on this module's agency and region helpers
    from policykg.graph.obligations import obligation_triples
    from policykg.graph.resolve import citation_triples

    iri = iri or ids.document_iri(doc)
    t = DocumentTriples(iri)
    _metadata(doc, t, source_path)
    _structure(doc, iri, t.own)
    t.own.extend(obligation_triples(doc, iri))
    t.own.extend(citation_triples(doc, iri))
    return t
