"""Obligations read back from the store: a document's obligations as the `show` JSON, and the tasks of an
agency under any of its names (issue 3, T1; the names are matched in graph/agency_names.py, the triples written by
graph/obligations.py).

A task row names the agency node's preferred label (a collective's dictionary set, 各有关部门) as ``agency`` and the
assignment's written form (有关部门) as ``mention``, as the `show` JSON's agencies do.
"""

from __future__ import annotations

import re
from typing import Any

from policykg.graph import ids
from policykg.graph.agency_names import name_table
from policykg.graph.attribute_rows import attribute_rows
from policykg.graph.nt import parse_span
from policykg.graph.obligations import site_type_iri
from policykg.ingest.extract.sitetypes import label_of

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
    # deadlines, targets and site mentions are read by attribute_rows (a UNION of plain joins): with OPTIONALs
    # over property paths, about one fresh Virtuoso server in fifteen left dates unbound (see its module)
    for r in _by_span(attribute_rows(kg, f"VALUES ?o {{ {values} }} ?o pkg:deadline ?n .", {
            "text": "?n pkg:text ?v", "precision": "?n pkg:precision ?v", "span": "?n pkg:span ?v",
            "date": "?n time:hasEnd ?i . ?i time:inXSDDate ?v",
            "start": "?n time:hasBeginning ?i . ?i time:inXSDDate ?v"}, ("text", "precision", "span"), ("o",))):
        item = {"text": r["text"], "date": r["date"], "precision": r["precision"]}
        if r["start"]:
            item["start"] = r["start"]
        out[r["o"]]["deadlines"].append(item)
    for r in _by_span(attribute_rows(kg, f"VALUES ?o {{ {values} }} ?o pkg:target ?n .", {
            "text": "?n pkg:text ?v", "value": "?n pkg:value ?v", "unit": "?n pkg:unit ?v",
            "cmp": "?n pkg:comparator ?v", "span": "?n pkg:span ?v", "measure": "?n pkg:measure ?v"},
            ("text", "value", "unit", "cmp", "span"), ("o",))):
        out[r["o"]]["targets"].append({"text": r["text"], "value": float(r["value"]), "unit": r["unit"],
                                       "comparator": r["cmp"], "measure": r["measure"] or ""})
    if "site_types" not in parts:
        return out
    sites: dict[str, list[tuple[int, str, str, str | None]]] = {o: [] for o in obligation_iris}
    # a mention is ordered by where its label first occurs in the obligation's text (-1: it does not);
    # graphs before GRAPH_VERSION 6 stated that position as the mention's span
    for r in attribute_rows(kg, f"VALUES ?o {{ {values} }} ?o pkg:siteMention ?n ; pkg:text ?text .", {
            "label": "?n pkg:text ?v", "key": "?n pkg:siteType ?c . ?c skos:notation ?v"}, ("label",), ("o", "text")):
        sites[r["o"]].append((r["text"].find(r["label"]), r["n"], r["label"], r["key"]))
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
