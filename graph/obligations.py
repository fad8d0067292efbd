"""Obligations in the graph: triples, the `show` JSON and "tasks of an agency" (issue 3; the agency's names
are matched in graph/agency_names.py).

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

import re
from typing import Any

from policykg.graph import ids, nt
from policykg.graph.agency_names import agencies_named, name_table
from policykg.graph.agency_names import dictionary_entry as _entry
from policykg.graph.build import span_triples
from policykg.graph.nt import NTriple, org, parse_span, pkg, rdf, skos, time
from policykg.ingest.extract.sitetypes import concept_of, label_of, load_site_types
from policykg.ingest.model import AgencyMention, Deadline, Document, Obligation
from policykg.ontology.namespace import PKG, RDF, RDFS, SKOS
from rdflib import Graph, Literal, Namespace, URIRef

# agencies_named lives with the name table; re-exported for the callers that import it from here
__all__ = ["agencies_named", "obligation_triples", "obligations_json", "site_type_iri", "site_type_scheme",
           "tasks_for_agency"]

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


_PARTS = ("agencies", "deadlines", "targets", "site_types")


def _by_span(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ordered by obligation, then by where they start (``at``: the parsed pkg:span, see nt.span), then
    by the part's number (``n``: its IRI's last step, the extractor's order), so that ties keep one order."""
    def key(r: dict[str, Any]) -> tuple:
        number = r["n"].rsplit("/", 1)[-1]
        return r["o"], r["at"][0], int(number) if number.isdigit() else 0, r["n"]
    return sorted(({**r, "at": parse_span(r["span"])} for r in rows), key=key)


def _details(kg: Any, obligation_iris: list[str], parts: tuple[str, ...] = _PARTS) -> dict[str, dict[str, Any]]:
    """Agencies, deadlines, targets and site types of the given obligations (only ``parts`` of them),
    keyed by obligation IRI."""
    if not obligation_iris:
        return {}
    values = " ".join(f"<{o}>" for o in obligation_iris)
    out: dict[str, dict[str, Any]] = {o: {"agencies": [], "deadlines": [], "targets": [], "site_types": [],
                                          "site_type_concepts": []} for o in obligation_iris}
    # DISTINCT: an agency node named without a region (安监部门) is stated in the graph of every document naming
    # it, and the union default graph gives one row per graph holding its prefLabel
    rows = [] if "agencies" not in parts else kg.select(f"""SELECT DISTINCT ?o ?n ?ag ?name ?role ?mention ?span WHERE {{
            VALUES ?o {{ {values} }} ?o pkg:assignment ?n . ?n pkg:agency ?ag ; pkg:role ?role ; pkg:span ?span .
            ?ag skos:prefLabel ?name . OPTIONAL {{ ?n pkg:surfaceForm ?mention }} }}""")
    for r in _by_span(rows):
        out[r["o"]]["agencies"].append({"name": r["name"], "iri": r["ag"], "role": ids.local_name(r["role"]),
                                        "mention": r["mention"] or r["name"], "span": list(r["at"])})
    for r in _by_span(kg.select(f"""SELECT ?o ?n ?text ?precision ?date ?start ?span WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:deadline ?n . ?n pkg:text ?text ; pkg:precision ?precision ; pkg:span ?span .
            OPTIONAL {{ ?n time:hasEnd/time:inXSDDate ?date }} OPTIONAL {{ ?n time:hasBeginning/time:inXSDDate ?start }}
            }}""")):
        item = {"text": r["text"], "date": r["date"], "precision": r["precision"]}
        if r["start"]:
            item["start"] = r["start"]
        out[r["o"]]["deadlines"].append(item)
    for r in _by_span(kg.select(f"""SELECT ?o ?n ?text ?value ?unit ?cmp ?measure ?span WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:target ?n . ?n pkg:text ?text ; pkg:value ?value ; pkg:unit ?unit ; pkg:comparator ?cmp ;
            pkg:span ?span . OPTIONAL {{ ?n pkg:measure ?measure }} }}""")):
        out[r["o"]]["targets"].append({"text": r["text"], "value": float(r["value"]), "unit": r["unit"],
                                       "comparator": r["cmp"], "measure": r["measure"] or ""})
    if "site_types" not in parts:
        return out
    sites: dict[str, list[tuple[int, str, str, str | None]]] = {o: [] for o in obligation_iris}
    # a mention is ordered by where its label first occurs in the obligation's text (-1: it does not);
    # graphs before GRAPH_VERSION 6 stated that position as the mention's span
    for r in kg.select(f"""SELECT ?o ?sm ?label ?text ?key WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:siteMention ?sm ; pkg:text ?text . ?sm pkg:text ?label .
            OPTIONAL {{ ?sm pkg:siteType/skos:notation ?key }} }}"""):
        sites[r["o"]].append((r["text"].find(r["label"]), r["sm"], r["label"], r["key"]))
    for r in kg.select(f"""SELECT ?o ?key WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:siteType ?st . ?st skos:notation ?key }} ORDER BY ?key"""):
        sites[r["o"]].append((1 << 62, "", "", r["key"]))  # a concept no written label gave: after the others
    for o, found in sites.items():
        found.sort(key=lambda x: (x[0], x[1]))
        out[o]["site_types"] = list(dict.fromkeys(label for _, _, label, _ in found if label))
        keys = dict.fromkeys(key for _, _, _, key in found if key)
        out[o]["site_type_concepts"] = [{"key": k, "label": label_of(k), "iri": str(site_type_iri(k))} for k in keys]
    return out


def obligations_json(kg: Any, doc_iri: str) -> list[dict[str, Any]]:
    """The `obligations` field of `show DOC --json`."""
    rows = kg.select(f"""SELECT ?o ?text ?section ?span ?flag ?goal WHERE {{ <{doc_iri}> pkg:hasObligation ?o .
        ?o pkg:text ?text ; pkg:span ?span . OPTIONAL {{ ?o pkg:section ?section }}
        OPTIONAL {{ ?o pkg:flag ?flag }} OPTIONAL {{ ?o a pkg:Goal . BIND(true AS ?goal) }} }}""")
    rows = sorted(({**r, "at": parse_span(r["span"])} for r in rows), key=lambda r: r["at"])
    details = _details(kg, [r["o"] for r in rows])
    result = []
    for r in rows:
        item = {"iri": r["o"], "text": r["text"], "section": r["section"] or "",
                "kind": "goal" if r["goal"] else "task", "span": list(r["at"]), **details[r["o"]]}
        if r["flag"]:
            item["flag"] = r["flag"]
        result.append(item)
    return result


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tasks_for_agency(kg: Any, name: str, region: str | None = None, role: str | None = None) -> list[dict]:
    """Obligations assigned to an agency under any of its names: the written form in the obligation
    (区应急局), the canonical name and aliases (普陀区应急管理局), the kind with its level prefix (市住建局 for any
    city's 住建局), the abbreviations a document writes of a full name asked (省科学技术厅 -> 省科技厅; see
    ``graph.abbreviations``); when none of these matches, names holding the query's characters in order (住建).
    ``region`` keeps the obligations of documents in that region or below it, written as a name (常德, 常德市)
    or a path outer to inner (湖南省常德市); a region no document lies in gives nothing."""
    name = re.sub(r"\s+", "", name)
    table = name_table(kg)
    agencies, forms = table.matching(name)
    regions = table.regions_named(re.sub(r"\s+", "", region)) if region and region.strip() else None
    if regions is not None and not regions:
        return []
    rows = _task_rows(kg, agencies, forms, regions, role)
    if not rows and len(name) >= 2:
        rows = _task_rows(kg, *table.in_order(name), regions, role)
    rows.sort(key=lambda r: (r["doc"], parse_span(r["span"])[0]))
    details = _details(kg, list(dict.fromkeys(r["o"] for r in rows)), parts=("deadlines", "targets"))
    return [{"document": {"iri": r["doc"], "source": r["source"], "title": r["title"]}, "obligation": r["o"],
             "agency": r["agname"], "mention": r["mention"] or r["agname"], "text": r["text"],
             "role": ids.local_name(r["role"]), "deadlines": details[r["o"]]["deadlines"],
             "targets": details[r["o"]]["targets"]} for r in rows]


def _task_rows(kg: Any, agencies: set[str], forms: set[str], regions: set[str] | None, role: str | None) -> list[dict]:
    clauses = []
    if agencies:
        clauses.append(f"{{ VALUES ?ag {{ {' '.join(f'<{a}>' for a in sorted(agencies))} }} ?a pkg:agency ?ag }}")
    if forms:
        clauses.append(f"{{ VALUES ?sf {{ {' '.join(_quote(f) for f in sorted(forms))} }} ?a pkg:surfaceForm ?sf }}")
    if not clauses:
        return []
    role_filter = f"FILTER(?role = pkg:{role})" if role in ("lead", "cooperate", "collective") else ""
    region_first = ""
    if regions:  # documents of the region or of any region inside it (pkg:withinRegion holds the closure)
        region_first = (f"VALUES ?r {{ {' '.join(f'<{r}>' for r in sorted(regions))} }} "
                        f"?doc pkg:withinRegion ?r . ?doc pkg:hasObligation ?o . ?o pkg:assignment ?a .")
    return kg.select(f"""SELECT DISTINCT ?o ?doc ?role ?agname ?mention ?text ?span ?source ?title WHERE {{
        {" UNION ".join(clauses)}
        {region_first}
        ?a pkg:agency ?ag ; pkg:role ?role . ?o pkg:assignment ?a ; pkg:text ?text ; pkg:span ?span .
        ?doc pkg:hasObligation ?o . ?ag skos:prefLabel ?agname . OPTIONAL {{ ?a pkg:surfaceForm ?mention }}
        OPTIONAL {{ ?doc pkg:sourceFile ?source }} OPTIONAL {{ ?doc dcterms:title ?title }}
        {role_filter} }}""")
