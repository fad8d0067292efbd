"""Citation chains with networkx: trace a document up to its sources or down to what implements it.

Edges come from resolved citation nodes (citing document -> cited document, with relation and cue),
so a chain shows why each link exists. Only the authority relations (basis, legal_basis,
implements) are followed by default: a passing mention is not where a task comes from. A traversal
visits each document once, so a cycle ends the walk and is reported, never looped.
The same chain is a SPARQL property path: see ``upstream.rq`` (``eli:based_on+``).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import networkx as nx
from policykg.graph.resolve import AUTHORITY

LEVEL_RANK = {"national": 0, "provincial": 1, "city": 2, "county": 3, "township": 4}


def citation_graph(kg: Any, relations: tuple[str, ...] = AUTHORITY) -> nx.MultiDiGraph:
    """Every resolved citation edge (self-citations left out) whose relation is in ``relations``."""
    rows = kg.select("""SELECT ?doc ?target ?rel ?cue ?cit WHERE {
          ?doc pkg:hasCitation ?cit . ?cit pkg:resolvedTo ?target ; pkg:relation/skos:notation ?rel ; pkg:cue ?cue .
          FILTER NOT EXISTS { ?cit pkg:flag "self_citation" } } ORDER BY ?doc ?cit""")
    g = nx.MultiDiGraph()
    for r in rows:
        if r["rel"] in relations and r["doc"] != r["target"]:
            g.add_edge(r["doc"], r["target"], key=r["cit"], relation=r["rel"], cue=r["cue"])
    return g


def _reach(g: nx.MultiDiGraph, start: str, down: bool) -> list[str]:
    """Documents reachable from ``start`` (breadth first, each once), ``start`` first."""
    if start not in g:
        return [start]
    seen, queue = [start], [start]
    while queue:
        node = queue.pop(0)
        for nxt in (g.predecessors(node) if down else g.successors(node)):
            if nxt not in seen:
                seen.append(nxt)
                queue.append(nxt)
    return seen


def _nodes(kg: Any, iris: list[str]) -> list[dict[str, Any]]:
    values = " ".join(f"<{i}>" for i in iris)
    rows = kg.select(f"""SELECT ?doc ?title ?number ?level ?region ?stub WHERE {{ VALUES ?doc {{ {values} }}
          OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc eli:id_local ?number }}
          OPTIONAL {{ ?doc pkg:level/skos:notation ?level }} OPTIONAL {{ ?doc pkg:region/skos:prefLabel ?region }}
          OPTIONAL {{ ?doc pkg:knownOnlyByCitation ?stub }} }}""")
    info = {r["doc"]: r for r in rows}
    out = []
    for iri in iris:
        r = info.get(iri, {})
        out.append({"iri": iri, "title": r.get("title"), "doc_number": r.get("number"), "level": r.get("level"),
                    "region": r.get("region"), "in_corpus": r.get("stub") != "true" and bool(r)})
    return out


def trace(kg: Any, doc_iri: str, down: bool = False, relations: tuple[str, ...] = AUTHORITY) -> dict[str, Any]:
    """The chain around ``doc_iri``: nodes, edges (source cites target) and the cycles met."""
    g = citation_graph(kg, relations)
    reached = _reach(g, doc_iri, down)
    sub = g.subgraph(reached)
    edges, seen = [], set()
    for s, t, data in sub.edges(data=True):
        if (s, t, data["relation"]) not in seen:
            seen.add((s, t, data["relation"]))
            edges.append({"source": s, "target": t, "relation": data["relation"], "cue": data["cue"]})
    nodes = _nodes(kg, reached)
    order = {n["iri"]: (i, n) for i, n in enumerate(nodes)}
    # the document first, then by level: national sources last going up, first going down
    nodes.sort(key=lambda n: (n["iri"] != doc_iri,
                              (-1 if down else 1) * -LEVEL_RANK.get(n["level"] or "", 5), order[n["iri"]][0]))
    cycles = [list(c) for c in nx.simple_cycles(nx.DiGraph(sub))]
    roots = [n for n in reached if (sub.out_degree(n) if not down else sub.in_degree(n)) == 0 and n != doc_iri]
    return {"doc": doc_iri, "direction": "down" if down else "up", "nodes": nodes, "edges": edges,
            "roots" if not down else "leaves": roots, "cycles": sorted(cycles)}


def trace_upstream(kg: Any, doc_iri: str) -> dict[str, Any]:
    """What ``doc_iri`` is based on, transitively, up to its national roots."""
    return trace(kg, doc_iri, down=False)


def trace_downstream(kg: Any, doc_iri: str) -> dict[str, Any]:
    """The documents that cite ``doc_iri`` as their basis, transitively."""
    return trace(kg, doc_iri, down=True)


def upstream_query(doc_iri: str) -> str:
    """The shipped SPARQL property-path query (upstream.rq) bound to one document."""
    text = resources.files("policykg.graph").joinpath("upstream.rq").read_text("utf-8")
    return text.replace("VALUES ?doc { }", f"VALUES ?doc {{ <{doc_iri}> }}")


def upstream_sparql(kg: Any, doc_iri: str) -> list[str]:
    """IRIs of every document upstream of ``doc_iri`` by the SPARQL path eli:based_on+."""
    result = kg.store.query(upstream_query(doc_iri))
    return [row["up"]["value"] for row in result["results"]["bindings"]]
