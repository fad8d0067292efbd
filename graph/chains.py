"""Citation chains with networkx: trace a document up to its sources or down to what implements it.

Edges come from resolved citation nodes (citing document -> cited document, with relation and cue),
so a chain shows why each link exists. Only the authority relations (basis, legal_basis,
implements) are followed by default: a passing mention is not where a task comes from. A traversal
visits each document once, so a cycle ends the walk and is reported, never looped.
The same chain is a SPARQL property path: see ``upstream.rq`` (``eli:based_on+``).

An edge says whether its citation names the law a penalty is imposed under (``penalty``: 依照《…法》第X条
处罚): such a law is not a source of the citing document, and the chain view lists it apart instead of
drawing it. Only an edge all of whose citations are in penalty clauses is ``penalty``.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import networkx as nx
from policykg.graph.nt import parse_span
from policykg.graph.resolve import AUTHORITY

LEVEL_RANK = {"national": 0, "provincial": 1, "city": 2, "county": 3, "township": 4}
# what a penalty clause imposes or starts (查处 but not 调查处理, an investigation)
_PENALTY = re.compile(r"处罚|罚款|处以|处分|拘留|吊销|没收|(?<!调)查处|追究[^，；。]{0,8}责任")
_TITLES = re.compile(r"《[^》]*》|〈[^〉]*〉")
_CLAUSE_END = re.compile(r"[，；：。,;:]")


def in_penalty_clause(cue: str, after: int) -> bool:
    """Whether the citation ending at offset ``after`` of its cue sentence names the law a penalty is imposed
    under: the penalty is in the citation's own clause or the next (依照《…》第X条处罚；按照《…》的规定，移送
    公安机关追究法律责任), titles left out (《治安管理处罚法》 imposes nothing), a purpose clause (为…) ending
    the look."""
    if not 0 <= after <= len(cue):
        return False
    clauses = _CLAUSE_END.split(_TITLES.sub("", cue[after:]), maxsplit=2)[:2]
    if len(clauses) == 2 and clauses[1].lstrip().startswith("为"):
        clauses = clauses[:1]
    return any(_PENALTY.search(c) for c in clauses)


def citation_graph(kg: Any, relations: tuple[str, ...] = AUTHORITY) -> nx.MultiDiGraph:
    """Every resolved citation edge (self-citations left out) whose relation is in ``relations``."""
    rows = kg.select("""SELECT ?doc ?target ?rel ?cue ?cit ?span ?cueStart WHERE {
          ?doc pkg:hasCitation ?cit . ?cit pkg:resolvedTo ?target ; pkg:relation/skos:notation ?rel ; pkg:cue ?cue .
          OPTIONAL { ?cit pkg:span ?span ; pkg:cueStart ?cueStart }
          FILTER NOT EXISTS { ?cit pkg:flag "self_citation" } } ORDER BY ?doc ?cit""")
    in_penalty_chapter = _cited_in_penalty_chapters(kg)
    g = nx.MultiDiGraph()
    for r in rows:
        if r["rel"] in relations and r["doc"] != r["target"]:
            after = parse_span(r["span"])[1] - int(r["cueStart"]) if r.get("span") and r.get("cueStart") else -1
            g.add_edge(r["doc"], r["target"], key=r["cit"], relation=r["rel"], cue=r["cue"],
                       penalty=r["cit"] in in_penalty_chapter or in_penalty_clause(r["cue"], after))
    return g


def _cited_in_penalty_chapters(kg: Any) -> set[str]:
    """Citations inside a section headed 法律责任 or 罚则 (a law's penalty chapter: 本法规定的行政处罚，除应当由
    公安机关依照《治安管理处罚法》…决定的外): the layout says so, whatever the sentence's words."""
    rows = kg.select("""SELECT DISTINCT ?cit WHERE {
          ?doc pkg:hasSection ?sec . ?sec pkg:heading ?heading .
          FILTER(CONTAINS(?heading, "法律责任") || CONTAINS(?heading, "罚则"))
          ?sec pkg:span ?secSpan . BIND(xsd:integer(STRBEFORE(?secSpan, "-")) AS ?from)
          BIND(xsd:integer(STRAFTER(?secSpan, "-")) AS ?to)
          ?doc pkg:hasCitation ?cit . ?cit pkg:span ?citSpan . BIND(xsd:integer(STRBEFORE(?citSpan, "-")) AS ?at)
          FILTER(?at >= ?from && ?at < ?to) }""")
    return {r["cit"] for r in rows}


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
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for s, t, data in sub.edges(data=True):
        edge = edges.get((s, t, data["relation"]))
        if edge is None or (edge["penalty"] and not data["penalty"]):  # a citation outside penalty clauses wins
            edges[(s, t, data["relation"])] = {"source": s, "target": t, "relation": data["relation"],
                                               "cue": data["cue"], "penalty": data["penalty"]}
    nodes = _nodes(kg, reached)
    order = {n["iri"]: (i, n) for i, n in enumerate(nodes)}
    # the document first, then by level: national sources last going up, first going down
    nodes.sort(key=lambda n: (n["iri"] != doc_iri,
                              (-1 if down else 1) * -LEVEL_RANK.get(n["level"] or "", 5), order[n["iri"]][0]))
    cycles = [list(c) for c in nx.simple_cycles(nx.DiGraph(sub))]
    roots = [n for n in reached if (sub.out_degree(n) if not down else sub.in_degree(n)) == 0 and n != doc_iri]
    return {"doc": doc_iri, "direction": "down" if down else "up", "nodes": nodes, "edges": list(edges.values()),
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
