"""Obligations in the graph: their triples (issue 3; read back as the `show` JSON and "tasks of an agency" by
graph/obligation_queries.py, the agency's names matched in graph/agency_names.py).

An obligation is a pkg:Obligation (prov:Entity, span, rule; also a pkg:Goal when it is a goal) with one
pkg:AgencyAssignment per agency
(pkg:agency an org:Organization with skos:prefLabel / altLabel, its region and org:subOrganizationOf
where the name tells; a collective the dictionary knows is its set's node in its region, prefLabel the set
(各有关部门) and altLabels the written forms (有关部门, 相关部门), though the extracted name is the written form:
``AgencyMention.link_name``), pkg:deadline nodes carrying OWL-Time instants or intervals (time:hasEnd is the
date of an interval), pkg:target nodes and pkg:siteType links to the SKOS scheme in site_types.ttl.

Obligations are 57% of a document's quads, and every quad costs six index entries at ~6 µs of bulk-load
CPU plus its share of RocksDB's compactions, so what a reader can get another way is not written
(GRAPH_VERSION 5): an agency node's triples once per document (they were repeated for each assignment:
~200 lines per document the loader parsed and dropped as duplicates), no prov:wasDerivedFrom on an
assignment (its obligation says it, as the has-part link says it for passages), no pkg:agencyKey on an
assignment (``?a pkg:agency/pkg:agencyKey ?key`` holds the same key), no pkg:ordinal on an obligation
(its span orders it, and nothing read it). GRAPH_VERSION 6 also leaves out: the rdf:type of an assignment
and of a site mention (the object of pkg:assignment / pkg:siteMention, whose range gives the class, and
no query matches on it), an obligation's prov:wasDerivedFrom (its pkg:hasObligation link says it, as for
passages), pkg:extractedFrom "text" (only "table" is stated: absent means the running text), pkg:generic
false (only true is stated), and a site mention's span (where its label first occurs in its obligation's
text, which the `show` JSON and the highlighter find there). Kept, because a reader or a SHACL shape needs
them: the obligation's type, every span of an obligation, assignment, deadline and target (since
GRAPH_VERSION 7 one pkg:span literal "start-end" each, not two integers: graph/build.py), every rule, text
and section literal, the written form (pkg:surfaceForm).
"""

from __future__ import annotations

from policykg.graph import ids, nt
from policykg.graph.agency_names import dictionary_entry as _entry
from policykg.graph.build import span_triples
from policykg.graph.nt import NTriple, org, pkg, rdf, skos, time
from policykg.ingest.extract.sitetypes import concept_of, load_site_types
from policykg.ingest.model import AgencyMention, Deadline, Document, Obligation
from policykg.ontology.namespace import PKG, RDF, RDFS, SKOS
from rdflib import Graph, Literal, Namespace, URIRef

__all__ = ["obligation_triples", "site_type_iri", "site_type_scheme"]

_PARENT_OF_OFFICE = {"fire_committee_office": "fire_committee", "safety_committee_office": "safety_committee"}


def site_type_iri(key: str, closed: bool = True) -> URIRef:
    """The SKOS concept of a site type key (``closed=False`` while generating site_types.ttl itself)."""
    return PKG["site_" + key] if closed else Namespace(str(PKG))["site_" + key]


def site_type_scheme() -> Graph:
    """The site-type vocabulary as a SKOS scheme (what ontology/site_types.ttl holds)."""
    g = Graph()
    g.bind("pkg", str(PKG))
    g.bind("skos", str(SKOS))
    for st in load_site_types().values():
        c = site_type_iri(st.key, closed=False)
        g.add((c, RDF.type, PKG.SiteType))
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.inScheme, PKG.SiteTypeScheme))
        g.add((c, SKOS.notation, Literal(st.key)))
        g.add((c, SKOS.prefLabel, Literal(st.label, lang="zh")))
        g.add((c, SKOS.prefLabel, Literal(st.label_en, lang="en")))
        g.add((c, RDFS.label, Literal(st.label, lang="zh")))
        g.add((c, RDFS.label, Literal(st.label_en, lang="en")))
        g.add((c, SKOS.definition, Literal(st.definition, lang="en")))
        for alt in st.alt_labels:
            if alt != st.label:
                g.add((c, SKOS.altLabel, Literal(alt, lang="zh")))
        if st.broader:
            g.add((c, SKOS.broader, site_type_iri(st.broader, closed=False)))
        else:
            g.add((c, SKOS.topConceptOf, PKG.SiteTypeScheme))
    return g


def _agency_iri(m: AgencyMention) -> URIRef:
    # a generic unit type (派出所) or a collective (各社区) is one node per region, not one nationwide; a collective
    # the dictionary knows is its set's node (有关部门 and 相关部门 are 各有关部门), whatever form its name writes
    if (m.generic or m.role == "collective") and m.region_code:
        return ids.agency_iri(f"{m.link_name}@{m.region_code}")
    return ids.agency_iri(m.link_name)


def _agency(m: AgencyMention, out: list[NTriple], written: set[tuple] | None = None) -> str:
    """The agency node of a mention; its triples are added once per document (``written`` remembers the
    mentions and triples already stated: a document names one bureau in dozens of assignments, by several
    written forms)."""
    node = nt.iri(_agency_iri(m))
    if written is None:
        _agency_triples(m, node, out)
        return node
    mention = (node, m.link_name, m.text, m.key, m.region_code, m.generic, m.role)
    if mention not in written:
        written.add(mention)
        new: list[NTriple] = []
        _agency_triples(m, node, new)
        for triple in new:
            if triple not in written:
                written.add(triple)
                out.append(triple)
    return node


def _agency_triples(m: AgencyMention, node: str, out: list[NTriple]) -> None:
    # the node is named by what it links by: a dictionary collective's set (各有关部门), its written form an altLabel
    name = m.link_name
    out += [(node, rdf.type, org.Organization), (node, rdf.type, pkg.Agency), (node, skos.prefLabel, nt.zh(name))]
    if m.generic:  # false is the default: not stated
        out.append((node, pkg.generic, nt.boolean(True)))
    if m.text != name:
        out.append((node, skos.altLabel, nt.zh(m.text)))
    if m.name not in (name, m.text):  # a list member's name with the shared words written out (各级有关部门)
        out.append((node, skos.altLabel, nt.zh(m.name)))
    entry = _entry(m.key) if m.key else None
    if m.key:
        out.append((node, pkg.agencyKey, nt.string(m.key)))
    if entry is not None and entry.canonical != name:
        out.append((node, skos.altLabel, nt.zh(entry.canonical)))
    if m.region_code and m.region_code.isdigit():
        out.append((node, pkg.region, nt.iri(ids.region_iri(m.region_code))))
    parent = _parent_name(m, entry.canonical if entry else "")
    if parent:
        pnode = nt.iri(ids.agency_iri(parent))
        out += [(node, org.subOrganizationOf, pnode), (pnode, rdf.type, org.Organization),
                (pnode, rdf.type, pkg.Agency), (pnode, skos.prefLabel, nt.zh(parent))]


def _parent_name(m: AgencyMention, canonical: str) -> str | None:
    """The body an agency belongs to, where its name tells: a committee's office, a government's bureau."""
    if m.generic or m.role == "collective" or not canonical or not m.name.endswith(canonical):
        return None
    region = m.name[: -len(canonical)]
    if m.key in _PARENT_OF_OFFICE:
        return region + _entry(_PARENT_OF_OFFICE[m.key]).canonical
    if region and m.key not in ("government", "") and not m.key.startswith("party_") and "rule" not in m.key:
        return region + "人民政府"
    return None


def _instant(out: list[NTriple], node: str, value: str) -> str:
    out += [(node, rdf.type, time.Instant), (node, time.inXSDDate, nt.date(value))]
    return node


def _deadline(out: list[NTriple], node: str, d: Deadline) -> None:
    # prov:Entity and time:TemporalEntity follow from pkg:Deadline's classes; ProperInterval does not
    out += [(node, rdf.type, pkg.Deadline), (node, rdf.type, time.ProperInterval), (node, pkg.text, nt.string(d.text)),
            (node, pkg.precision, nt.string(d.precision)), (node, pkg.rule, nt.string(d.rule))]
    span_triples(out, node, d.span)
    if d.date is not None:
        out.append((node, time.hasEnd, _instant(out, node[:-1] + "/end>", d.date)))
    if d.start is not None:
        out.append((node, time.hasBeginning, _instant(out, node[:-1] + "/start>", d.start)))
    if d.recurrence:
        out.append((node, pkg.recurrence, nt.string(d.recurrence)))
    if d.event:
        out.append((node, pkg.event, nt.string(d.event)))


def obligation_triples(doc: Document, doc_iri: str) -> list[NTriple]:
    """Triples (N-Triples terms) for the obligations of ``doc``: assignments, agencies, deadlines, targets,
    site types. Each part is a prov:Entity through its class (stated, or given by the link's range), derived
    from the document through the links down to it, with its span."""
    doc_node, doc_ref = nt.iri(doc_iri), URIRef(doc_iri)  # rdflib checks an IRI it makes: once, not per part
    out: list[NTriple] = []
    written: set[tuple] = set()
    for n, ob in enumerate(doc.obligations, 1):
        base = str(ids.obligation_iri(doc_ref, n))
        node = nt.iri(base)
        out += [(doc_node, pkg.hasObligation, node), (node, rdf.type, pkg.Obligation),
                (node, pkg.text, nt.string(ob.text)), (node, pkg.section, nt.string(ob.section)),
                (node, pkg.rule, nt.string(ob.rule)), (node, pkg.span, nt.span(ob.span.start, ob.span.end))]
        if ob.source != "text":  # the running text is the default: only a table row is stated
            out.append((node, pkg.extractedFrom, nt.string(ob.source)))
        if ob.kind == "goal":  # a subclass, written out: the store does no RDFS inference
            out.append((node, rdf.type, pkg.Goal))
        if ob.flag:
            out.append((node, pkg.flag, nt.string(ob.flag)))
        for k, m in enumerate(ob.agencies, 1):
            a = f"<{base}/assignment/{k}>"
            out += [(node, pkg.assignment, a),
                    (a, pkg.agency, _agency(m, out, written)), (a, pkg.role, pkg[m.role]),
                    (a, pkg.surfaceForm, nt.string(m.text)), (a, pkg.rule, nt.string(m.rule)),
                    (a, pkg.span, nt.span(m.span.start, m.span.end))]
        for k, d in enumerate(ob.deadlines, 1):
            dn = f"<{base}/deadline/{k}>"
            out.append((node, pkg.deadline, dn))
            _deadline(out, dn, d)
        for k, t in enumerate(ob.targets, 1):
            tn = f"<{base}/target/{k}>"
            out += [(node, pkg.target, tn), (tn, rdf.type, pkg.Target),
                    (tn, pkg.text, nt.string(t.text)), (tn, pkg.value, nt.decimal(t.value)),
                    (tn, pkg.unit, nt.string(t.unit)), (tn, pkg.comparator, nt.string(t.comparator)),
                    (tn, pkg.measure, nt.string(t.measure)), (tn, pkg.rule, nt.string(t.rule))]
            span_triples(out, tn, t.span)
        _site_mentions(out, node, base, ob)
    return out


def _site_mentions(out: list[NTriple], node: str, base: str, ob: Obligation) -> None:
    """One pkg:SiteMention per written label and pkg:siteType links; a mention's span is where its label
    first occurs in the obligation's text (not stated: readers find it there)."""
    for k, label in enumerate(ob.site_types, 1):
        sn = f"<{base}/site/{k}>"
        out += [(node, pkg.siteMention, sn), (sn, pkg.text, nt.string(label))]
        key = concept_of(label)
        if key:
            out.append((sn, pkg.siteType, nt.iri(site_type_iri(key))))
    for key in ob.site_type_concepts:
        out.append((node, pkg.siteType, nt.iri(site_type_iri(key))))
