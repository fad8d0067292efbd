"""The store protocol: atomic replace, drop, read-only queries with limits; embedded and remote backends."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from policykg.graph import nt
from policykg.graph.sparql import SparqlMalformed, SparqlRefused, check_read_only, run_query, to_csv, to_table
from policykg.graph.store import OxigraphStore, QueryTimeout, StoreError, open_store
from policykg.ontology.namespace import DATA, PKG, RDF
from rdflib import Literal, URIRef

G = DATA["test/graph"]
DOC = DATA["test/doc"]


def _triples(n: int, text: str = "文本"):
    return [(DATA[f"test/p{i}"], PKG.text, Literal(f"{text}{i}", lang="zh")) for i in range(n)]


def _count(store, graph=G) -> int:
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_replace_graph_replaces_whole_graph():
    store = open_store("oxigraph", None)
    store.replace_graph(G, _triples(5))
    store.replace_graph(G, _triples(3, "新"))
    assert _count(store) == 3
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")["results"]["bindings"]
    assert all(r["o"]["value"].startswith("新") and r["o"]["xml:lang"] == "zh" for r in rows)


@pytest.mark.parametrize("error", [KeyboardInterrupt, ValueError])
def test_interrupted_replace_leaves_old_graph_intact(error):
    store = open_store("oxigraph", None)
    store.replace_graph(G, _triples(5))

    def broken():
        yield from _triples(2, "半")
        raise error("stopped half way")

    with pytest.raises(error):
        store.replace_graph(G, broken())
    assert _count(store) == 5


def test_drop_graph_and_absent_graph():
    store = open_store("oxigraph", None)
    store.replace_graph(G, _triples(2))
    store.drop_graph(G)
    store.drop_graph(G)
    assert _count(store) == 0


def test_literals_with_quotes_newlines_and_types_round_trip():
    store = open_store("oxigraph", None)
    odd = 'a "quoted"\nline \\ back'
    store.replace_graph(G, [(DOC, PKG.text, Literal(odd)), (DOC, PKG.ordinal, Literal(7)),
                            (DOC, RDF.type, PKG.PolicyDocument)])
    rows = store.query(f"SELECT ?o WHERE {{ <{DOC}> <{PKG.text}> ?o }}")["results"]["bindings"]
    assert rows == [{"o": {"type": "literal", "value": odd}}]
    rows = store.query(f"SELECT ?o WHERE {{ <{DOC}> <{PKG.ordinal}> ?o }}")["results"]["bindings"]
    assert rows[0]["o"]["datatype"].endswith("#integer")


def test_query_caps_rows_and_times_out():
    store = open_store("oxigraph", None)
    store.replace_graph(G, _triples(50))
    capped = store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=10)
    assert len(capped["results"]["bindings"]) == 10 and capped["truncated"]
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
    with pytest.raises(QueryTimeout):
        store.query(slow, timeout=0.05)


@pytest.mark.parametrize("query", ["INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "DROP ALL",
                                   "SELECT * WHERE { SERVICE <http://e/sparql> { ?s ?p ?o } }",
                                   "# SELECT\nDELETE WHERE { ?s ?p ?o }", "CLEAR DEFAULT"])
def test_updates_and_service_are_refused(query):
    with pytest.raises(SparqlRefused):
        check_read_only(query)


def test_names_of_keywords_inside_strings_or_iris_are_fine():
    assert check_read_only('SELECT ?drop WHERE { ?s <http://e/INSERT> "DELETE SERVICE" }') == "SELECT"


def test_run_query_reports_syntax_errors_at_user_line():
    store = open_store("oxigraph", None)
    with pytest.raises(SparqlMalformed, match="line 2"):
        run_query(store, "SELECT ?s\nWHERE { ?s ?p }")
    with pytest.raises(SparqlMalformed, match="not a SPARQL query"):
        run_query(store, "hello")


def test_table_and_csv_formats():
    store = open_store("oxigraph", None)
    store.replace_graph(G, [(DOC, PKG.text, Literal("上海市,\"消防\""))])
    result = run_query(store, "SELECT ?s ?t WHERE { ?s pkg:text ?t }")
    csv_text = to_csv(result)
    assert csv_text.splitlines()[0] == "s,t"
    assert '"上海市,""消防"""' in csv_text
    table = to_table(result)
    assert "上海市" in table and table.endswith("1 row")


def test_on_disk_store_persists_across_processes(tmp_path):
    code = ("import sys; from policykg.graph.store import open_store; from policykg.ontology.namespace import DATA, PKG;"
            "from rdflib import Literal; s = open_store('oxigraph', sys.argv[1]);"
            "s.replace_graph(DATA['test/g'], [(DATA['test/a'], PKG.text, Literal('持久'))]); s.close()")
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True)
    store = OxigraphStore(tmp_path / "store")
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }")["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ["持久"]


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(StoreError, match="unknown store backend"):
        open_store("sqlite", None)


def test_terms_are_rdflib_or_ntriples():
    store = open_store("oxigraph", None)
    with pytest.raises(TypeError):
        store.replace_graph(G, [(URIRef("http://e/a"), PKG.text, 42)])
    with pytest.raises(SyntaxError):  # a plain str is taken as N-Triples, and this one is not
        store.replace_graph(G, [(URIRef("http://e/a"), PKG.text, "plain str")])
    store.replace_graph(G, [(nt.iri("http://e/a"), nt.pkg.text, nt.string('a "quoted"\nline'))])
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ['a "quoted"\nline']


def test_threads_writing_one_store_take_turns(tmp_path, monkeypatch):
    """Bulk loads of one store share its journal and spool file: writes from several threads (a server's
    first requests, uploads) must not interleave there."""
    from policykg.graph import store as store_module

    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 0)  # every write through the spool and the bulk loader
    store = OxigraphStore(tmp_path / "store")
    graphs = [DATA[f"test/g{i}"] for i in range(8)]
    errors: list[BaseException] = []

    def write(graph) -> None:
        try:
            for round_ in range(3):
                store.write({str(graph): _triples(300, f"{graph}-{round_}-")})
                store.drop_graph(graph)
            store.write({str(graph): _triples(300, f"{graph}-")})
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(g,)) for g in graphs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [_count(store, g) for g in graphs] == [300] * len(graphs)
    assert not (tmp_path / "store.spool").exists() and not (tmp_path / "store.pending").exists()
