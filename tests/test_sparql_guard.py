"""What a user's query may do, decided before it runs: size bounds before any parser, then the parse tree.

Inputs that crash Oxigraph's parser run in a subprocess, so a regression fails this test instead of
killing pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from policykg.graph.sparql import check_read_only, run_query
from policykg.graph.sparql_guard import (
    MAX_NESTING,
    MAX_QUERY_CHARS,
    SparqlMalformed,
    SparqlRefused,
    SparqlTooComplex,
    canonical,
    check_size,
    inspect_query,
    nesting_depth,
    prepare,
)
from policykg.graph.store import open_store

NESTED_BRACES = "SELECT * WHERE " + "{" * 2500 + " ?s ?p ?o " + "}" * 2500  # segfaulted Oxigraph's parser
NESTED_FILTER = "SELECT * WHERE { ?s ?p ?o FILTER" + "(" * 5000 + "?o" + ")" * 5000 + " }"
BANGS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 20000 + "?o) }"


def braces(depth: int) -> str:
    return "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth


# -- bounds, before any parser ------------------------------------------------------------------------


def test_nesting_bound_is_exact():
    check_size(braces(MAX_NESTING))
    with pytest.raises(SparqlTooComplex, match=f"at most {MAX_NESTING}"):
        check_size(braces(MAX_NESTING + 1))
    assert inspect_query(prepare(braces(MAX_NESTING))).form == "SELECT"  # the bound is parseable


def test_length_bound_is_exact():
    filler = "SELECT * WHERE { ?s ?p ?o } #"
    check_size(filler + "x" * (MAX_QUERY_CHARS - len(filler)))
    with pytest.raises(SparqlTooComplex, match="too long"):
        check_size(filler + "x" * (MAX_QUERY_CHARS - len(filler) + 1))


@pytest.mark.parametrize("query, depth", [
    ('SELECT * WHERE { ?s ?p "{{{{((((" }', 1),  # brackets in strings do not nest
    ("SELECT * WHERE { ?s ?p '''}}}\n{{{''' }", 1),
    ("SELECT * WHERE { ?s <http://e/a(b)> ?o } # {{{{", 1),  # nor in IRIs or comments
    ("SELECT * WHERE { ?s ?p ?o FILTER(!!!(?o)) }", 5),  # a run of ! nests like brackets
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o != 1) }", 2),
    ("SELECT * WHERE { << ?s ?p ?o >> ?q ?r }", 2),
])
def test_nesting_depth_reads_tokens(query, depth):
    assert nesting_depth(query) == depth


def test_escapes_cannot_hide_brackets():
    hidden = "SELECT * WHERE " + "\\u007B" * (MAX_NESTING + 1) + " ?s ?p ?o " + "\\u007D" * (MAX_NESTING + 1)
    check_size(hidden)  # the raw text has no bracket at all
    with pytest.raises(SparqlTooComplex):
        prepare(hidden)


@pytest.mark.parametrize("query", [NESTED_BRACES, NESTED_FILTER, BANGS])
def test_crash_inputs_are_refused_before_parsing(query):
    with pytest.raises(SparqlTooComplex):
        check_size(query)


def test_crash_inputs_get_a_400_and_the_process_lives(tmp_path):
    """The crash inputs through the command-line path and the HTTP endpoint, in a child process: it must
    exit normally, with a 400 for each."""
    script = textwrap.dedent(f"""
        import json, sys
        from fastapi.testclient import TestClient
        from policykg.api.app import create_app
        from policykg.api.service import Service
        from policykg.api.settings import Settings
        from policykg.graph.sparql import SparqlTooComplex, run_query
        from policykg.graph.store import open_store
        queries = json.loads(sys.stdin.read())
        for q in queries:
            try:
                run_query(open_store("oxigraph", None), q)
                print("ran", flush=True)
            except SparqlTooComplex:
                print("refused", flush=True)
        settings = Settings.from_env({{"POLICYKG_DATA": {str(tmp_path)!r}, "POLICYKG_ENCODER": "hash"}})
        client = TestClient(create_app(settings, Service(settings)))
        for q in queries:
            r = client.get("/sparql", params={{"query": q}})
            print(r.status_code, r.json()["error"], flush=True)
    """)
    queries = [NESTED_BRACES, NESTED_FILTER, BANGS]
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(queries), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.split("\n")
    assert lines[:3] == ["refused"] * 3
    assert lines[3:6] == ["400 query_too_complex"] * 3


# -- the parse tree decides ---------------------------------------------------------------------------

SERVICE = "<http://127.0.0.1:9/sparql>"
SERVICE_SPELLINGS = [
    f"SELECT * WHERE {{ SERVICE {SERVICE} {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent {SERVICE} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ #\r SERVICE {SERVICE} {{ ?s ?p ?o }} \n }}",  # a comment ends at CR too
    f"SELECT * WHERE {{ #\r\n SERVICE {SERVICE} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ #\\u000D SERVICE {SERVICE} {{ ?s ?p ?o }} \n }}",  # an escaped CR
    f"SELECT * WHERE {{ \\u0053ERVICE {SERVICE} {{ ?s ?p ?o }} }}",  # an escaped keyword
    "SELECT * WHERE { SeRvIcE <http://127.0.0.1:9/\\u0073parql> { ?s ?p ?o } }",
    f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {SERVICE} {{ ?s ?p ?o }} }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ {{ SERVICE {SERVICE} {{ ?s ?p ?o }} }} }} }}",
    f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE {SERVICE} {{ ?s ?p ?o }} }} }} }}",
    f"SELECT * WHERE {{ OPTIONAL {{ ?s ?p ?o MINUS {{ SERVICE {SERVICE} {{ ?s ?p ?o }} }} }} }}",
    f"ASK {{ GRAPH ?g {{ SERVICE ?endpoint {{ ?s ?p ?o }} }} VALUES ?endpoint {{ {SERVICE} }} }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {SERVICE} {{ ?s ?p ?o }} }}",
    f"DESCRIBE ?s WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE {SERVICE} {{ ?s ?p ?o }} }} }}",
]


@pytest.mark.parametrize("query", SERVICE_SPELLINGS)
def test_service_is_refused_in_any_spelling(query):
    with pytest.raises(SparqlRefused, match="SERVICE"):
        check_read_only(query)


@pytest.mark.parametrize("query", ["LOAD <http://127.0.0.1:9/data>", "load silent <http://e/x> into graph <http://e/g>",
                                   "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "DROP ALL",
                                   "# SELECT\nDELETE WHERE { ?s ?p ?o }", "CLEAR DEFAULT",
                                   "PREFIX e: <http://e/> WITH e:g DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_updates_are_refused(query):
    with pytest.raises(SparqlRefused, match="Update"):
        check_read_only(query)


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service <http://e/SERVICE> "SERVICE <http://x/> { }" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { ?s ?p ?o }",
    "PREFIX service: <http://e/> SELECT * WHERE { ?s service:load ?o }",
])
def test_the_word_service_elsewhere_is_fine(query):
    assert check_read_only(query) == "SELECT"


def test_canonical_text_is_what_both_parsers_read():
    assert canonical("SELECT * WHERE { #\r ?s ?p ?o }") == "SELECT * WHERE { #\n ?s ?p ?o }"
    assert canonical("\\u0041SK {}") == "ASK {}"
    with pytest.raises(SparqlMalformed, match="nested"):
        canonical("\\u005Cu005Cu005Cu0041")
    with pytest.raises(SparqlMalformed, match="invalid codepoint"):
        canonical("SELECT * WHERE { ?s ?p '\\uD800' }")
    with pytest.raises(SparqlMalformed, match="surrogate"):
        canonical("SELECT * WHERE { ?s ?p '\ud800' }")


def test_form_and_dataset_come_from_the_tree():
    shape = inspect_query("PREFIX e: <http://e/> CONSTRUCT { ?s ?p ?o } FROM e:g WHERE { ?s ?p ?o }")
    assert (shape.form, shape.names_dataset, shape.is_graph) == ("CONSTRUCT", True, True)
    shape = inspect_query("SELECT * WHERE { GRAPH <http://e/FROM> { ?s ?p ?o } }")
    assert (shape.form, shape.names_dataset) == ("SELECT", False)


def test_errors_are_the_users_own_lines():
    store = open_store("oxigraph", None)
    with pytest.raises(SparqlMalformed, match="line 2"):
        run_query(store, "SELECT ?s\nWHERE { ?s ?p }")
    with pytest.raises(SparqlMalformed, match="not a SPARQL query"):
        run_query(store, "hello")
