"""Obligations in the graph: triples, the `show` JSON and "tasks of an agency" (issue 3).

An obligation is a pkg:Obligation (prov:Entity, span, rule) with one pkg:AgencyAssignment per agency
(pkg:agency an org:Organization with skos:prefLabel / altLabel, its region and org:subOrganizationOf
where the name tells), pkg:deadline nodes carrying OWL-Time instants or intervals (time:hasEnd is the
date of an interval), pkg:target nodes and pkg:siteType links to the SKOS scheme in site_types.ttl.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from policykg.graph import ids
from policykg.ingest.extract.agencies import load_dictionary, parse_unit_list
from policykg.ingest.extract.sitetypes import label_of, load_site_types
from policykg.ingest.model import AgencyMention, Deadline, Document, Span
from policykg.ontology.namespace import DCTERMS, ORG, PKG, PROV, RDF, RDFS, SKOS, TIME, XSD
from rdflib import Graph, Literal, Namespace, URIRef

Triple = tuple[Any, Any, Any]
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
    # a generic unit type (派出所) or a collective (各社区) is one node per region, not one nationwide
    if (m.generic or m.role == "collective") and m.region_code:
        return ids.agency_iri(f"{m.name}@{m.region_code}")
    return ids.agency_iri(m.name)


def _agency(m: AgencyMention, out: list[Triple]) -> URIRef:
    node = _agency_iri(m)
    out += [(node, RDF.type, ORG.Organization), (node, RDF.type, PKG.Agency),
            (node, SKOS.prefLabel, Literal(m.name, lang="zh")), (node, PKG.generic, Literal(m.generic))]
    if m.text != m.name:
        out.append((node, SKOS.altLabel, Literal(m.text, lang="zh")))
    entry = next((e for e in load_dictionary().entries if e.key == m.key), None) if m.key else None
    if m.key:
        out.append((node, PKG.agencyKey, Literal(m.key)))
    if entry is not None and entry.canonical != m.name:
        out.append((node, SKOS.altLabel, Literal(entry.canonical, lang="zh")))
    if m.region_code and m.region_code.isdigit():
        out.append((node, PKG.region, ids.region_iri(m.region_code)))
    parent = _parent_name(m, entry.canonical if entry else "")
    if parent:
        pnode = ids.agency_iri(parent)
        out += [(node, ORG.subOrganizationOf, pnode), (pnode, RDF.type, ORG.Organization),
                (pnode, RDF.type, PKG.Agency), (pnode, SKOS.prefLabel, Literal(parent, lang="zh"))]
    return node


def _parent_name(m: AgencyMention, canonical: str) -> str | None:
    """The body an agency belongs to, where its name tells: a committee's office, a government's bureau."""
    if m.generic or m.role == "collective" or not canonical or not m.name.endswith(canonical):
        return None
    region = m.name[: -len(canonical)]
    if m.key in _PARENT_OF_OFFICE:
        parent = next(e for e in load_dictionary().entries if e.key == _PARENT_OF_OFFICE[m.key])
        return region + parent.canonical
    if region and m.key not in ("government", "") and not m.key.startswith("party_") and "rule" not in m.key:
        return region + "人民政府"
    return None


def _span(out: list[Triple], node: URIRef, span: Span) -> None:
    out += [(node, PKG.spanStart, Literal(span.start)), (node, PKG.spanEnd, Literal(span.end))]


def _instant(out: list[Triple], node: URIRef, value: Any) -> URIRef:
    out += [(node, RDF.type, TIME.Instant), (node, TIME.inXSDDate, Literal(value, datatype=XSD.date))]
    return node


def _deadline(out: list[Triple], node: URIRef, d: Deadline) -> None:
    out += [(node, RDF.type, PKG.Deadline), (node, RDF.type, PROV.Entity), (node, PKG.text, Literal(d.text)),
            (node, PKG.precision, Literal(d.precision)), (node, PKG.rule, Literal(d.rule))]
    _span(out, node, d.span)
    out.append((node, RDF.type, TIME.ProperInterval))
    if d.date is not None:
        out.append((node, TIME.hasEnd, _instant(out, URIRef(f"{node}/end"), d.date)))
    if d.start is not None:
        out.append((node, TIME.hasBeginning, _instant(out, URIRef(f"{node}/start"), d.start)))
    if d.recurrence:
        out.append((node, PKG.recurrence, Literal(d.recurrence)))
    if d.event:
        out.append((node, PKG.event, Literal(d.event)))


def obligation_triples(doc: Document, doc_iri: str) -> Iterable[Triple]:
    """Triples for the obligations of ``doc``: assignments, agencies, deadlines, targets, site types."""
    doc_node = URIRef(doc_iri)
    out: list[Triple] = []
    for n, ob in enumerate(doc.obligations, 1):
        node = ids.obligation_iri(doc_node, n)
        out += [(doc_node, PKG.hasObligation, node), (node, RDF.type, PKG.Obligation), (node, RDF.type, PROV.Entity),
                (node, PKG.ordinal, Literal(n)), (node, DCTERMS.isPartOf, doc_node),
                (node, PROV.wasDerivedFrom, doc_node), (node, PKG.text, Literal(ob.text)),
                (node, PKG.section, Literal(ob.section)), (node, PKG.rule, Literal(ob.rule)),
                (node, PKG.extractedFrom, Literal(ob.source))]
        _span(out, node, ob.span)
        if ob.flag:
            out.append((node, PKG.flag, Literal(ob.flag)))
        for k, m in enumerate(ob.agencies, 1):
            a = URIRef(f"{node}/assignment/{k}")
            out += [(node, PKG.assignment, a), (a, RDF.type, PKG.AgencyAssignment), (a, RDF.type, PROV.Entity),
                    (a, PKG.agency, _agency(m, out)), (a, PKG.role, PKG[m.role]),
                    (a, PKG.surfaceForm, Literal(m.text)), (a, PKG.rule, Literal(m.rule)),
                    (a, PROV.wasDerivedFrom, doc_node)]
            if m.key:
                out.append((a, PKG.agencyKey, Literal(m.key)))
            _span(out, a, m.span)
        for k, d in enumerate(ob.deadlines, 1):
            dn = URIRef(f"{node}/deadline/{k}")
            out.append((node, PKG.deadline, dn))
            _deadline(out, dn, d)
        for k, t in enumerate(ob.targets, 1):
            tn = URIRef(f"{node}/target/{k}")
            out += [(node, PKG.target, tn), (tn, RDF.type, PKG.Target), (tn, RDF.type, PROV.Entity),
                    (tn, PKG.text, Literal(t.text)), (tn, PKG.value, Literal(t.value, datatype=XSD.decimal)),
                    (tn, PKG.unit, Literal(t.unit)), (tn, PKG.comparator, Literal(t.comparator)),
                    (tn, PKG.measure, Literal(t.measure)), (tn, PKG.rule, Literal(t.rule))]
            _span(out, tn, t.span)
        for key in ob.site_types:
            out.append((node, PKG.siteType, site_type_iri(key)))
    return out


def _details(kg: Any, obligation_iris: list[str]) -> dict[str, dict[str, Any]]:
    """Agencies, deadlines, targets and site types of the given obligations, keyed by obligation IRI."""
    if not obligation_iris:
        return {}
    values = " ".join(f"<{o}>" for o in obligation_iris)
    out: dict[str, dict[str, Any]] = {o: {"agencies": [], "deadlines": [], "targets": [], "site_types": []}
                                      for o in obligation_iris}
    for r in kg.select(f"""SELECT ?o ?a ?ag ?name ?role ?s WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:assignment ?a . ?a pkg:agency ?ag ; pkg:role ?role ; pkg:spanStart ?s .
            ?ag skos:prefLabel ?name }} ORDER BY ?o ?s"""):
        out[r["o"]]["agencies"].append({"name": r["name"], "iri": r["ag"], "role": _local(r["role"])})
    for r in kg.select(f"""SELECT ?o ?text ?precision ?date ?start ?s WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:deadline ?d . ?d pkg:text ?text ; pkg:precision ?precision ; pkg:spanStart ?s .
            OPTIONAL {{ ?d time:hasEnd/time:inXSDDate ?date }} OPTIONAL {{ ?d time:hasBeginning/time:inXSDDate ?start }}
            }} ORDER BY ?o ?s"""):
        item = {"text": r["text"], "date": r["date"], "precision": r["precision"]}
        if r["start"]:
            item["start"] = r["start"]
        out[r["o"]]["deadlines"].append(item)
    for r in kg.select(f"""SELECT ?o ?text ?value ?unit ?cmp ?measure ?s WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:target ?t . ?t pkg:text ?text ; pkg:value ?value ; pkg:unit ?unit ; pkg:comparator ?cmp ;
            pkg:spanStart ?s . OPTIONAL {{ ?t pkg:measure ?measure }} }} ORDER BY ?o ?s"""):
        out[r["o"]]["targets"].append({"text": r["text"], "value": float(r["value"]), "unit": r["unit"],
                                       "comparator": r["cmp"], "measure": r["measure"] or ""})
    for r in kg.select(f"""SELECT ?o ?key WHERE {{ VALUES ?o {{ {values} }}
            ?o pkg:siteType ?st . ?st skos:notation ?key }}"""):
        out[r["o"]]["site_types"].append(label_of(r["key"]))
    return out


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def obligations_json(kg: Any, doc_iri: str) -> list[dict[str, Any]]:
    """The `obligations` field of `show DOC --json`."""
    rows = kg.select(f"""SELECT ?o ?text ?section ?s ?e ?flag WHERE {{ <{doc_iri}> pkg:hasObligation ?o .
        ?o pkg:text ?text ; pkg:spanStart ?s ; pkg:spanEnd ?e . OPTIONAL {{ ?o pkg:section ?section }}
        OPTIONAL {{ ?o pkg:flag ?flag }} }}""")
    rows.sort(key=lambda r: (int(r["s"]), int(r["e"])))
    details = _details(kg, [r["o"] for r in rows])
    result = []
    for r in rows:
        item = {"iri": r["o"], "text": r["text"], "section": r["section"] or "",
                "span": [int(r["s"]), int(r["e"])], **details[r["o"]]}
        if r["flag"]:
            item["flag"] = r["flag"]
        result.append(item)
    return result


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tasks_for_agency(kg: Any, name: str, region: str | None = None, role: str | None = None) -> list[dict]:
    """Obligations assigned to an agency under any of its names (市住建局 finds 常德市住房和城乡建设局)."""
    labels = {name}
    keys: dict[str, str] = {}  # dictionary key -> region or level prefix written in the query
    for hit in parse_unit_list(name, None):
        labels.add(hit.name)
        if hit.key and not hit.collective:
            keys[hit.key] = hit.text[: len(hit.text) - _alias_len(hit.text)]
    label_filter = " ".join(f"{_quote(lab)}@zh" for lab in labels)
    clauses = [f"{{ VALUES ?label {{ {label_filter} }} ?ag skos:prefLabel|skos:altLabel ?label }}"]
    for key, prefix in keys.items():
        cond = f'?ag pkg:agencyKey {_quote(key)} . ?ag pkg:generic false .'
        if prefix and prefix not in ("市", "区", "县", "镇", "乡", "省", "街道"):
            cond += f' ?ag skos:prefLabel ?pl . FILTER(STRSTARTS(STR(?pl), {_quote(prefix)}))'
        elif prefix:  # 市住建局: any city's bureau, as written with that level prefix
            cond += f' ?ag skos:altLabel ?al . FILTER(STRSTARTS(STR(?al), {_quote(prefix)}))'
        clauses.append("{ " + cond + " }")
    where = " UNION ".join(clauses)
    role_filter = f"FILTER(?role = pkg:{role})" if role in ("lead", "cooperate", "collective") else ""
    region_filter = ""
    if region:
        region_filter = (f"?doc pkg:region ?r0 . ?r0 skos:broader* ?r . ?r skos:prefLabel ?rl . "
                         f"FILTER(CONTAINS(STR(?rl), {_quote(region)}))")
    rows = kg.select(f"""SELECT DISTINCT ?o ?doc ?role ?agname ?text ?s ?source ?title WHERE {{
        {where}
        ?a pkg:agency ?ag ; pkg:role ?role . ?o pkg:assignment ?a ; pkg:text ?text ; pkg:spanStart ?s .
        ?doc pkg:hasObligation ?o . ?ag skos:prefLabel ?agname .
        OPTIONAL {{ ?doc pkg:sourceFile ?source }} OPTIONAL {{ ?doc dcterms:title ?title }}
        {role_filter} {region_filter} }}""")
    rows.sort(key=lambda r: (r["doc"], int(r["s"])))
    details = _details(kg, list(dict.fromkeys(r["o"] for r in rows)))
    return [{"document": {"iri": r["doc"], "source": r["source"], "title": r["title"]}, "obligation": r["o"],
             "agency": r["agname"], "text": r["text"], "role": _local(r["role"]),
             "deadlines": details[r["o"]]["deadlines"], "targets": details[r["o"]]["targets"]} for r in rows]


def _alias_len(surface: str) -> int:
    d = load_dictionary()
    m = None
    for m in d.pattern.finditer(surface):
        pass
    return len(m.group(0)) if m else len(surface)

