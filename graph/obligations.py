"""Obligations in the graph: triples, the `show` JSON and "tasks of an agency" (issue 3).

An obligation is a pkg:Obligation (prov:Entity, span, rule; also a pkg:Goal when it is a goal) with one
pkg:AgencyAssignment per agency
(pkg:agency an org:Organization with skos:prefLabel / altLabel, its region and org:subOrganizationOf
where the name tells), pkg:deadline nodes carrying OWL-Time instants or intervals (time:hasEnd is the
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

import functools
import re
from typing import Any

from policykg.graph import ids, nt
from policykg.graph.build import span_triples
from policykg.graph.nt import NTriple, org, parse_span, pkg, rdf, skos, time
from policykg.ingest.extract.agencies import load_dictionary, parse_unit_list
from policykg.ingest.extract.agency_grammar import units_of
from policykg.ingest.extract.sitetypes import concept_of, label_of, load_site_types
from policykg.ingest.model import AgencyMention, Deadline, Document, Obligation
from policykg.ontology.namespace import PKG, RDF, RDFS, SKOS
from rdflib import Graph, Literal, Namespace, URIRef

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


@functools.cache
def _entry(key: str) -> Any:
    return next((e for e in load_dictionary().entries if e.key == key), None)


def _agency(m: AgencyMention, out: list[NTriple], written: set[tuple] | None = None) -> str:
    """The agency node of a mention; its triples are added once per document (``written`` remembers the
    mentions and triples already stated: a document names one bureau in dozens of assignments, by several
    written forms)."""
    node = nt.iri(_agency_iri(m))
    if written is None:
        _agency_triples(m, node, out)
        return node
    mention = (node, m.name, m.text, m.key, m.region_code, m.generic, m.role)
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
    out += [(node, rdf.type, org.Organization), (node, rdf.type, pkg.Agency), (node, skos.prefLabel, nt.zh(m.name))]
    if m.generic:  # false is the default: not stated
        out.append((node, pkg.generic, nt.boolean(True)))
    if m.text != m.name:
        out.append((node, skos.altLabel, nt.zh(m.text)))
    entry = _entry(m.key) if m.key else None
    if m.key:
        out.append((node, pkg.agencyKey, nt.string(m.key)))
    if entry is not None and entry.canonical != m.name:
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
    doc_node = nt.iri(doc_iri)
    out: list[NTriple] = []
    written: set[tuple] = set()
    for n, ob in enumerate(doc.obligations, 1):
        base = str(ids.obligation_iri(URIRef(doc_iri), n))
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


def _query_forms(name: str) -> tuple[set[str], dict[str, str]]:
    """Labels a query may match (as written, its canonical forms) and the dictionary keys it names, with
    the region or level prefix written before each (市住建局 -> housing_construction, "市")."""
    labels = {name}
    keys: dict[str, str] = {}
    hits = units_of(name, None) or []
    for hit in [*hits, *parse_unit_list(name, None)]:
        labels.add(hit.name)
        if hit.key and not hit.collective:
            keys[hit.key] = hit.text[: len(hit.text) - _alias_len(hit.text)]
            entry = _entry(hit.key)
            # written with no prefix, the query names the dictionary's unit: its canonical name also finds the
            # nodes the grammar named without a key (试点城市 -> 试点城市政府, as 试点城市政府落实 wrote it)
            if entry is not None and not keys[hit.key]:
                labels.add(entry.canonical)
    return labels, keys


def _subsequence(name: str) -> str:
    """A regular expression for ``name``'s characters in order (住建 finds 住房和城乡建设局, 区应急局 finds
    区应急管理局): how an abbreviation relates to the full name."""
    return ".*".join(re.escape(c) for c in name if not c.isspace())


class _NameTable:
    """Every agency's names (preferred, alternative, dictionary key, generic flag) and every written form of
    an assignment, read once per store version: matching a query against a few thousand names in Python
    takes milliseconds, where the same match as SPARQL filters over the whole store took seconds."""

    def __init__(self, kg: Any):
        self.agencies: dict[str, dict[str, Any]] = {}
        for r in kg.select("""SELECT DISTINCT ?ag ?pl ?key ?gen WHERE { ?ag a pkg:Agency ; skos:prefLabel ?pl .
                OPTIONAL { ?ag pkg:agencyKey ?key } OPTIONAL { ?ag pkg:generic ?gen } }"""):
            entry = self.agencies.setdefault(r["ag"], {"pref": r["pl"], "alts": set(), "key": r["key"],
                                                       "generic": r["gen"] in ("true", "1")})
            entry["key"] = entry["key"] or r["key"]
        for r in kg.select("SELECT DISTINCT ?ag ?al WHERE { ?ag a pkg:Agency ; skos:altLabel ?al }"):
            if r["ag"] in self.agencies:
                self.agencies[r["ag"]]["alts"].add(r["al"])
        self.form_agencies: dict[str, set[str]] = {}
        for r in kg.select("SELECT DISTINCT ?sf ?ag WHERE { ?a pkg:surfaceForm ?sf ; pkg:agency ?ag }"):
            self.form_agencies.setdefault(r["sf"], set()).add(r["ag"])
        self.surface_forms = sorted(self.form_agencies)
        self.obligations = {r["ag"]: int(r["n"]) for r in kg.select(
            "SELECT ?ag (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o pkg:assignment/pkg:agency ?ag } GROUP BY ?ag")}
        self.regions = [(r["r"], r["rl"]) for r in kg.select(
            "SELECT DISTINCT ?r ?rl WHERE { ?doc pkg:withinRegion ?r . ?r skos:prefLabel ?rl }")]
        self.region: dict[str, str] = {}
        for r in kg.select("SELECT DISTINCT ?ag ?rn WHERE { ?ag a pkg:Agency ; pkg:region/skos:prefLabel ?rn }"):
            self.region.setdefault(r["ag"], min(r["rn"], self.region.get(r["ag"], r["rn"])))

    def matching(self, name: str) -> tuple[set[str], set[str]]:
        """Agencies (IRIs) and written forms that ``name`` names: as written, by canonical name or alias, or
        by dictionary kind with the level or region prefix written before it."""
        labels, keys = _query_forms(name)
        found = {ag for ag, e in self.agencies.items() if e["pref"] in labels or e["alts"] & labels}
        for key, prefix in keys.items():
            for ag, e in self.agencies.items():
                if e["key"] != key or e["generic"]:
                    continue
                if not prefix:
                    found.add(ag)
                elif prefix not in _LEVEL_PREFIXES:  # a place name: the canonical name starts with it
                    if e["pref"].startswith(prefix):
                        found.add(ag)
                elif any(a.startswith(prefix) for a in e["alts"]):  # 市住建局: any city's bureau, as written
                    found.add(ag)
        return found | self.abbreviated(name, set(keys)), {name} & set(self.surface_forms)

    def abbreviated(self, name: str, keys: set[str]) -> set[str]:
        """Agencies whose name abbreviates the full name asked (济南市经济和信息化委 for 济南市经济和信息化委员会,
        市海洋发展局 for 青岛市海洋发展局, 银保监会 for 中国银行保险监督管理委员会): its characters in order in the
        query, from the query's first character (after a national or place prefix, the place's level
        character kept) to its head (委 stands for 委员会, 办 for 办公室); never a unit of another known kind,
        an agency of another region than the one the query starts with, or a generic node but the place's."""
        national = {name[len(p):] for p in _NATION_PREFIXES if name.startswith(p) and len(name) > len(p) + 2}
        cores = {name} | national
        place = ""
        for base in list(cores):
            at = max((label for _, label in self.regions if base.startswith(label)), key=len, default="")
            if at and len(base) > len(at) + 1:  # 河南省财政厅: 省财政厅, and 财政厅 as a 河南省 document writes it
                place = at
                cores |= {at[-1] + base[len(at):], base[len(at):]}
        # a kind named in a national document (发展改革委 in a State Council notice) is the national unit
        homes = {place} if place else ({None, _NATION} if national else set())
        heads = {name[-1]} | {short for full, short in _HEAD_SHORT.items() if name.endswith(full)}
        found = set()
        for ag, e in self.agencies.items():
            if keys and e["key"] and e["key"] not in keys:
                continue
            if homes and self.region.get(ag) not in homes | {None}:  # another region's unit
                continue
            if e["generic"] and self.region.get(ag) not in homes:  # a kind, one node per region
                continue
            for label in (e["pref"], *e["alts"]):
                if len(label) >= 3 and label != name and label[-1] in heads and any(
                        label[0] == core[0] and _abbreviates(label, core) for core in cores):
                    found.add(ag)
                    break
        return found

    def in_order(self, name: str) -> tuple[set[str], set[str]]:
        """Agencies and written forms holding ``name``'s characters in order (住建 -> 住房和城乡建设局)."""
        pattern = re.compile(_subsequence(name))
        return ({ag for ag, e in self.agencies.items() if pattern.search(e["pref"])},
                {sf for sf in self.surface_forms if pattern.search(sf)})


    def regions_named(self, region: str) -> set[str]:
        """Regions (IRIs) that documents lie in and ``region`` names: labels containing it (普陀 -> 普陀区);
        else, for a path written outer to inner (上海市普陀区, 湖南省常德市, 上海普陀), the innermost label (or
        its name without the level character) the path ends with: never an outer region in place of an
        inner one no document lies in (上海市某区)."""
        found = {r for r, label in self.regions if region in label}
        if found:
            return found
        return {r for r, label in self.regions
                if region.endswith(label) or (len(label) >= 3 and region.endswith(label[:-1]))}

    def tasked(self, agencies: set[str], forms: set[str]) -> set[str]:
        """The agencies given tasks under these agencies or written forms."""
        found = {ag for ag in agencies if self.obligations.get(ag)}
        for form in forms:
            found |= self.form_agencies.get(form, set())
        return found


def agencies_named(kg: Any, text: str, limit: int) -> list[dict[str, Any]]:
    """Agencies whose preferred name or an alias contains ``text``, or whose name is one that ``text``
    resolves to as ``tasks_for_agency`` resolves it (市住建局 -> 常德市住房和城乡建设局); all agencies when
    ``text`` is empty. Most-tasked first, each with its aliases, obligation count and region."""
    table = _name_table(kg)
    text = re.sub(r"\s+", "", text or "")
    if text:
        resolved = table.tasked(*table.matching(text))
        if not resolved and len(text) >= 2:
            resolved = table.tasked(*table.in_order(text))
        names = {table.agencies[ag]["pref"] for ag in resolved if ag in table.agencies}
        chosen = [ag for ag, e in table.agencies.items()
                  if any(text in label for label in (e["pref"], *e["alts"]))
                  or e["pref"] in names or e["alts"] & names]
    else:
        chosen = list(table.agencies)
    chosen.sort(key=lambda ag: (-table.obligations.get(ag, 0), table.agencies[ag]["pref"], table.region.get(ag) or "", ag))
    return [{"iri": ag, "name": table.agencies[ag]["pref"],
             "aliases": sorted(a for a in table.agencies[ag]["alts"] if a != table.agencies[ag]["pref"]),
             "obligations": table.obligations.get(ag, 0), "region": table.region.get(ag)} for ag in chosen[:limit]]


_NATION_PREFIXES = ("中华全国", "国务院", "国家", "中国", "中华", "中共中央", "中央", "中共")
_NATION = "中华人民共和国"
_HEAD_SHORT = {"委员会": "委", "办公室": "办", "管理委员会": "管委"}


_FILLER_WORDS = frozenset({"和", "与", "及", "的", "管理", "人民"})


def _in_order(short: str, full: str) -> bool:
    """Whether ``short``'s characters occur in ``full`` in order."""
    it = iter(full)
    return all(c in it for c in short)


@functools.lru_cache(maxsize=4096)
def _name_words(full: str) -> tuple[str, ...]:
    """The jieba words of a full name, 管理 and 人民 split off a head (应急管理局: 应急 管理 局)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    words: list[str] = []
    for w in jieba.lcut(full):
        if w[:2] in ("管理", "人民") and len(w) > 2:  # 应急管理局 -> 应急局, 人民政府 -> 政府
            words += [w[:2], w[2:]]
        else:
            words.append(w)
    return tuple(words)


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` abbreviates ``full`` word by word: each word of ``full`` gives a piece of ``short``
    that starts with its first character (the head word: its first or last, 委员会 -> 委 or 会) and holds its
    characters in order; only 和/与/及/的/管理/人民 may give nothing. 银保监会 abbreviates 银行保险监督管理委员会 and
    区应急局 区应急管理局; 应急管理局 does not abbreviate 普陀区应急管理局, nor 县级以上人民政府部门 its 公安部门."""
    words = _name_words(full)

    def match(si: int, wi: int) -> bool:
        if wi == len(words):
            return si == len(short)
        w = words[wi]
        if w in _FILLER_WORDS and match(si, wi + 1):
            return True
        if si == len(short):
            return False
        starts = {w[0], w[-1]} if wi == len(words) - 1 else {w[0]}
        if short[si] not in starts:
            return False
        rest = w[w.index(short[si]) + 1:]
        for k in range(1, len(short) - si + 1):
            if not _in_order(short[si + 1: si + k], rest):
                break
            if match(si + k, wi + 1):
                return True
        return False

    return match(0, 0)


_LEVEL_PREFIXES = ("市", "区", "县", "镇", "乡", "省", "街道")
_TABLES: dict[int, tuple[int, _NameTable]] = {}


def _name_table(kg: Any) -> _NameTable:
    """The name table of this store at its current change version (rebuilt after any write)."""
    from policykg.graph import changes

    version = changes.last_version(kg)
    cached = _TABLES.get(id(kg))
    if cached is None or cached[0] != version:
        cached = (version, _NameTable(kg))
        _TABLES.clear()  # one store per process in practice: never keep an old one alive
        _TABLES[id(kg)] = cached
    return cached[1]


def tasks_for_agency(kg: Any, name: str, region: str | None = None, role: str | None = None) -> list[dict]:
    """Obligations assigned to an agency under any of its names: the written form in the obligation
    (区应急局), the canonical name and aliases (普陀区应急管理局), the kind with its level prefix (市住建局 for any
    city's 住建局); when none of these matches, names holding the query's characters in order (住建)."""
    name = re.sub(r"\s+", "", name)
    table = _name_table(kg)
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


def _alias_len(surface: str) -> int:
    d = load_dictionary()
    m = None
    for m in d.pattern.finditer(surface):
        pass
    return len(m.group(0)) if m else len(surface)

