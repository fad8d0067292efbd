"""The store on real SPARQL servers: Oxigraph server and Virtuoso 7, each started on free ports with a
database of its own (tests/sparql_servers.py). Same answers as the embedded store for ingest, show,
the highlighted facts, tasks, trace, check and search; paging past Virtuoso's row cap; values in any results
dialect; credentials; failures as StoreUnavailable (503 with Retry-After in the service) or QueryTimeout."""

from __future__ import annotations

import io
import json
import logging
import time
from dataclasses import replace

import pytest
from conftest import CORPUS_DOCUMENTS, SEEDS, make_settings
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.cli import main
from policykg.api.routes.highlight import fact_spans
from policykg.api.service import Service
from policykg.graph import nt
from policykg.graph.chains import trace
from policykg.graph.obligation_queries import tasks_for_agency
from policykg.graph.remote import RemoteStore, StoreUnavailable, split_prologue
from policykg.graph.remote_auth import masked
from policykg.graph.sparql import SparqlMalformed, run_query
from policykg.graph.store import QueryTimeout, StoreError, open_store
from policykg.ontology.namespace import DATA, DATA_URI
from policykg.search.consistency import findings_json
from policykg.search.results import search_units
from sparql_servers import oxigraph_binary, oxigraph_server, stub_server, virtuoso_binaries, virtuoso_server

# over Virtuoso's default row cap (10,000), so that every read of them must page
MANY = 12_000
NO_VIRTUOSO = "Virtuoso is not installed (Debian virtuoso-opensource; .ci/setup-browser installs it)"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    if oxigraph_binary() is None:
        pytest.fail("the oxigraph command is missing: it is in the test extras (pip install -e '.[test]')")
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if virtuoso_binaries() is None:
        pytest.skip(NO_VIRTUOSO)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request):
    """Each real server in turn."""
    return request.getfixturevalue(request.param)


def _graph(name: str) -> str:
    return str(DATA[f"test/remote/{name}"])


def _many(graph: str, store) -> None:
    store.replace_graph(graph, [(nt.iri(f"{graph}/s{i}"), nt.pkg.text, nt.integer(i)) for i in range(MANY)])


# -- the protocol on real servers --------------------------------------------------------------------

def test_graph_store_protocol_and_query(server):
    store = open_store(server["backend"], None)
    g = _graph("protocol")
    store.replace_graph(g, [(nt.iri(f"{g}/a"), nt.pkg.text, nt.zh(f"文本{i}")) for i in range(4)])
    store.replace_graph(g, [(nt.iri(f"{g}/a"), nt.pkg.text, nt.zh("替换"))])
    store.add_to_graph(g, [(nt.iri(f"{g}/b"), nt.pkg.text, nt.string('引号 "q"\n换行'))])
    rows = store.select_values(f"SELECT ?s ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} ORDER BY ?s")
    assert rows == [{"s": f"{g}/a", "o": "替换"}, {"s": f"{g}/b", "o": '引号 "q"\n换行'}]
    assert store.query(f"ASK {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")["boolean"] is True
    store.drop_graph(g)
    store.drop_graph(g)  # absent: fine
    assert store.query(f"ASK {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")["boolean"] is False


def test_values_read_as_the_embedded_store_gives_them(server):
    """Virtuoso answers booleans as 1/0 and typed literals as 'typed-literal': read by value here."""
    remote, embedded = open_store(server["backend"], None), open_store("oxigraph", None)
    g = _graph("values")
    triples = [(nt.iri(f"{g}/t"), nt.pkg.knownOnlyByCitation, nt.boolean(True)),
               (nt.iri(f"{g}/f"), nt.pkg.knownOnlyByCitation, nt.boolean(False)),
               (nt.iri(f"{g}/d"), nt.pkg.text, nt.date("2024-02-29")),
               (nt.iri(f"{g}/n"), nt.pkg.text, nt.integer(-7)),
               (nt.iri(f"{g}/z"), nt.pkg.text, nt.zh("中文")),
               (nt.iri(f"{g}/s"), nt.pkg.text, nt.string("plain"))]
    for store in (remote, embedded):
        store.replace_graph(g, triples)
    query = f"SELECT ?s ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} ORDER BY ?s"
    assert remote.query(query) == embedded.query(query)
    assert {r["s"][-1]: r["o"] for r in remote.select_values(query)} == {
        "t": "true", "f": "false", "d": "2024-02-29", "n": "-7", "z": "中文", "s": "plain"}
    stubs = f"SELECT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p true }} }}"
    assert remote.select_values(stubs) == [{"s": f"{g}/t"}]
    remote.drop_graph(g)


def test_reads_page_past_a_row_cap(server):
    """Virtuoso cuts every answer at ResultSetMaxRows (10,000 by default, kept so in the fixture): the
    store notices and reads in pages, so internal reads get every row; max_rows still truncates."""
    store = open_store(server["backend"], None)
    g = _graph("many")
    _many(g, store)
    query = f"SELECT ?s ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
    rows = store.select_values(query)
    assert len(rows) == MANY and len({r["s"] for r in rows}) == MANY
    answer = store.query(query)
    assert len(answer["results"]["bindings"]) == MANY and "truncated" not in answer
    capped = store.query(query, max_rows=MANY - 500)
    assert len(capped["results"]["bindings"]) == MANY - 500 and capped["truncated"] is True
    counted = store.select_values(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    assert counted == [{"n": str(MANY)}]
    if server["name"] == "virtuoso":
        assert store.row_cap == 10_000
        with pytest.raises(StoreError, match="row cap of 10000"):  # a graph answer cannot be paged: said so
            store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    store.drop_graph(g)


def test_virtuoso_pages_by_offset_where_one_value_fills_a_page(virtuoso, caplog):
    """Past the cap, with one value of every variable on more rows than a page holds (Chinese, language-tagged,
    typed and plain literals): the OFFSET fallback on a real Virtuoso gives every row once, and a row that comes
    11,000 times 11,000 times."""
    store = open_store(virtuoso["backend"], None)
    g, half = _graph("one-value-fills-a-page"), 11_000
    store.replace_graph(g, [t for i in range(2 * half) for t in (
        (nt.iri(f"{g}/s{i}"), nt.pkg.text, nt.zh("甲 0" if i < half else f"甲 {i}")),
        (nt.iri(f"{g}/s{i}"), nt.pkg.flag, nt.integer(i) if i < half else nt.string("乙")))])
    with caplog.at_level(logging.INFO, logger="policykg.graph.remote"):
        pairs = store.select_values(f"SELECT ?a ?b WHERE {{ GRAPH <{g}> {{ ?s {nt.pkg.text} ?a ; {nt.pkg.flag} ?b }} }}")
        firsts = store.select_values(f"SELECT ?a WHERE {{ GRAPH <{g}> {{ ?s {nt.pkg.text} ?a }} }}")
    assert caplog.text.count("paging by OFFSET") == 2
    assert len(pairs) == 2 * half and len({(r["a"], r["b"]) for r in pairs}) == 2 * half
    assert len(firsts) == 2 * half and sum(r["a"] == "甲 0" for r in firsts) == half
    store.drop_graph(g)


def test_virtuoso_system_graphs_stay_out_of_the_dataset(virtuoso, caplog):
    store = open_store(virtuoso["backend"], None)
    with caplog.at_level(logging.WARNING):
        rows = store.select_values(f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
            FILTER(!STRSTARTS(STR(?g), "{DATA_URI}")) }} GROUP BY ?g""")
    assert rows == [] and "system graphs" not in caplog.text
    outside = store.select_values(f"""SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o
        FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{DATA_URI}")) }} }}""")
    assert outside == [{"n": "0"}]


def test_virtuoso_writes_need_the_credentials(virtuoso):
    anonymous = virtuoso["backend"].replace("policykg:policykg-test@", "")
    with pytest.raises(StoreError, match="refused the credentials") as refused:
        open_store(anonymous, None).replace_graph(_graph("x"), [(nt.iri(_graph("x")), nt.pkg.text, nt.zh("x"))])
    wrong = virtuoso["backend"].replace("policykg-test", "wrong-secret")
    with pytest.raises(StoreError, match="refused the credentials") as refused:
        open_store(wrong, None).replace_graph(_graph("x"), [(nt.iri(_graph("x")), nt.pkg.text, nt.zh("x"))])
    assert "wrong-secret" not in str(refused.value) and "\n" not in str(refused.value)


# -- protocol details and failures, staged on a stub server -------------------------------------------

def test_queries_go_as_get_or_form_post_never_as_a_query_body():
    with stub_server() as (base, stub):
        store = RemoteStore(f"{base}/query", f"{base}/store")
        assert store.query("ASK { ?s ?p ?o }")["boolean"] is False
        long = "SELECT ?s WHERE { ?s ?p ?o " + " ".join(f"FILTER(?o != {i})" for i in range(300)) + " }"
        assert store.query(long)["results"]["bindings"] == []
        methods = {m for m, _ in stub.requests}
        assert methods == {"GET", "POST"}
        assert all(ctype == "application/x-www-form-urlencoded" for m, ctype in stub.requests if m == "POST")


def test_a_silent_row_cap_is_detected_and_paged(caplog):
    with stub_server(cap=1500) as (base, _):
        store = RemoteStore(f"{base}/query", f"{base}/store")
        g = _graph("silent")
        store.replace_graph(g, [(nt.iri(f"{g}/s{i}"), nt.pkg.text, nt.integer(i)) for i in range(4000)])
        with caplog.at_level(logging.WARNING):
            rows = store.select_values(f"SELECT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
        assert len({r["s"] for r in rows}) == 4000 and store.row_cap == 1500
        assert "cut an answer at 1500 rows" in caplog.text


@pytest.mark.parametrize("server", ["virtuoso", "other"])
def test_pages_hold_every_row_once_whatever_order_the_server_gives(server):
    """A server that keeps no order but its outermost ORDER BY, and shuffles rows of equal key: pages
    read by key still give every row exactly once (by OFFSET over an inner ORDER BY, as Virtuoso was read
    before, rows came twice and went missing)."""
    with stub_server(cap=1500, unordered=True) as (base, stub):
        store = RemoteStore(f"{base}/query", f"{base}/store")
        g = _graph("shuffled")
        store.replace_graph(g, [(nt.iri(f"{g}/s{i // 7}"), nt.pkg.text, nt.integer(i)) for i in range(4000)])
        store.server, store.row_cap = server, 1500  # as met: Virtuoso announces its cap
        query = f"SELECT ?s ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
        rows = store.select_values(query)
        assert len(rows) == 4000 and len({r["o"] for r in rows}) == 4000
        asked = len(stub.requests)
        assert len(store.select_values(query + " LIMIT 1500")) == 1500  # its own LIMIT: whole, not paged
        assert len(stub.requests) == asked + 1
        capped = store.query(query, max_rows=2500)
        assert len({b["o"]["value"] for b in capped["results"]["bindings"]}) == 2500 and capped["truncated"]


@pytest.mark.parametrize("server", [pytest.param("virtuoso", marks=pytest.mark.xfail(strict=True, reason=(
    "open: the OFFSET fallback reads Virtuoso's pages in the order of an ORDER BY inside a subquery, which SPARQL "
    "does not promise; this stub shuffles it and 2,817-2,843 distinct rows of 4,000 came back in 3 runs. Paging "
    "by a key of every variable is no way out on Virtuoso 7.2: with a FILTER on the key, ORDER BY it and LIMIT, "
    "it answered rows out of key order (22,223 rows for 22,000, by hand)"))), "other"])
def test_an_answer_whose_most_common_key_fills_a_page_still_gives_every_row_once(server, caplog):
    """Where one value of the key variable fills a whole page (rows (a0, b_i) and (a_i, b0): each variable has
    a value on half the rows), paging by that key cannot move on and falls back to OFFSET pages over an order
    of every variable; the rows must still come whole and once from a server that shuffles every order but
    its outermost ORDER BY's, and ties."""
    with stub_server(cap=1500, unordered=True) as (base, _):
        store = RemoteStore(f"{base}/query", f"{base}/store")
        g = _graph("one-key-fills-a-page")
        half = 2000
        store.replace_graph(g, [t for i in range(2 * half) for t in (
            (nt.iri(f"{g}/s{i}"), nt.pkg.text, nt.string("a0" if i < half else f"a{i}")),
            (nt.iri(f"{g}/s{i}"), nt.pkg.flag, nt.string(f"b{i}" if i < half else "b0")))])
        store.server, store.row_cap = server, 1500
        with caplog.at_level(logging.INFO, logger="policykg.graph.remote"):
            rows = store.select_values(f"SELECT ?a ?b WHERE {{ GRAPH <{g}> {{ ?s {nt.pkg.text} ?a ; {nt.pkg.flag} ?b }} }}")
        assert "paging by OFFSET" in caplog.text  # the case this test is about
        assert len(rows) == 2 * half and len({(r["a"], r["b"]) for r in rows}) == 2 * half


def test_basic_credentials_from_the_url_never_printed():
    with stub_server(basic=("reader", "s3cr:et")) as (base, _):
        url = base.replace("http://", "http://reader:s3cr%3Aet@")
        store = RemoteStore(f"{url}/query", f"{url}/store")
        assert store.query("ASK { ?s ?p ?o }")["boolean"] is False
        assert "s3cr" not in repr(store) and "s3cr" not in masked(f"{url}/query")
        wrong = RemoteStore(f"{base.replace('http://', 'http://reader:nope-nope@')}/query")
        with pytest.raises(StoreError) as refused:
            wrong.query("ASK { ?s ?p ?o }")
        assert "nope-nope" not in str(refused.value) and "HTTP 401" in str(refused.value)


def test_unreachable_store_is_one_line_without_credentials():
    port_nobody_uses = 9
    store = RemoteStore(f"http://user:hunter2@127.0.0.1:{port_nobody_uses}/query")
    with pytest.raises(StoreUnavailable) as down:
        store.query("ASK { ?s ?p ?o }", timeout=2)
    message = str(down.value)
    assert "127.0.0.1:9" in message and "hunter2" not in message and "\n" not in message


def test_a_hung_server_is_unavailable_a_slow_query_a_timeout():
    with stub_server(hang_s=5.0) as (base, _):
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="does not answer"):
            RemoteStore(f"{base}/query").query("ASK { ?s ?p ?o }", timeout=1)
        assert time.monotonic() - started < 5.5
    with stub_server(hang_s=3.0, hang_marker="SLOW") as (base, _):
        store = RemoteStore(f"{base}/query")
        store.query("ASK {}")
        with pytest.raises(QueryTimeout):
            store.query("ASK { ?s ?p ?o } # SLOW", timeout=1)


def test_remote_syntax_error_is_a_malformed_query(oxigraph):
    store = open_store(oxigraph["backend"], None)
    with pytest.raises(SyntaxError):
        store.query("SELECT ?s WHERE { ?s ?p ")
    with pytest.raises(SparqlMalformed):
        run_query(store, "SELECT ?s WHERE { ?s ?p ")


def test_prologue_split_by_the_grammar():
    prologue, body = split_prologue("# note\nPREFIX a: <http://a/>\n prefix : <http://b#> BASE <http://c/>\nSELECT * {}")
    assert body.lstrip() == "SELECT * {}" and prologue.count("<") == 3
    assert split_prologue("SELECT ?prefix {}") == ("", "SELECT ?prefix {}")


# -- the service on a store that is down ----------------------------------------------------------------

def test_service_answers_503_with_retry_after_when_the_store_is_down(tmp_path):
    settings = replace(make_settings(tmp_path), store_backend="http://u:pw@127.0.0.1:9/query")
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    for path in ("/documents", "/sparql?query=ASK%20%7B%7D"):
        r = client.get(path)
        assert r.status_code == 503, (path, r.text)
        assert r.json()["error"] == "store_unavailable" and int(r.headers["Retry-After"]) > 0
        assert "pw" not in r.text.replace("/sparql", "")


def test_cli_says_one_line_when_the_store_is_down(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path))
    monkeypatch.setenv("POLICYKG_STORE", "http://u:hunter2@127.0.0.1:9/query")
    code = main(["docs"])
    err = capsys.readouterr().err
    assert code != 0 and len(err.strip().splitlines()) == 1 and "Traceback" not in err and "hunter2" not in err


# -- same answers as the embedded store -----------------------------------------------------------------

def _ingest(tmp_path_factory, backend: str) -> tuple[Service, float]:
    service = Service(replace(make_settings(tmp_path_factory.mktemp("data")), store_backend=backend))
    started = time.monotonic()
    report = service.ingest([SEEDS, CORPUS_DOCUMENTS / "provincial"])
    assert report.ingested and not report.failed, report.failed
    return service, time.monotonic() - started


def _sorted(value):
    """Lists in a canonical order at every depth: the servers order text and ties their own way."""
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def _outputs(service: Service) -> dict:
    kg = service.kg
    docs = kg.list_documents()
    shown = {d["iri"]: kg.document_json(d["iri"]) for d in docs}
    agencies = sorted({a["name"] for doc in shown.values() for ob in doc["obligations"]
                       for a in ob.get("lead_agencies", []) if a.get("name")})
    return _sorted({
        "documents": docs, "show": shown,
        "facts": {d["iri"]: fact_spans(kg, d["iri"]) for d in docs},  # the document page's highlighting
        "tasks": {a: tasks_for_agency(kg, a) for a in agencies[:8]},
        "trace": {d["iri"]: [trace(kg, d["iri"]), trace(kg, d["iri"], down=True)] for d in docs},
        "search": {q: search_units(service.index, q, limit=10) for q in ("安全生产", "消防", "应急预案")},
        "check": findings_json(service),
    })


@pytest.fixture(scope="module")
def embedded_outputs(tmp_path_factory):
    service, seconds = _ingest(tmp_path_factory, "oxigraph")
    return _outputs(service), seconds


def test_same_outputs_as_the_embedded_store(server, embedded_outputs, tmp_path_factory):
    expected, embedded_s = embedded_outputs
    service, remote_s = _ingest(tmp_path_factory, server["backend"])
    got = _outputs(service)
    assert got["documents"] and any(d["obligations"] for d in got["show"].values())
    assert any(c.get("stub") for d in got["show"].values() for c in d["citations"])  # booleans read right
    if server["name"] == "virtuoso":  # it announces its cap: a silent-cap probe misread there pages every read
        assert service.kg.store.row_cap in (None, 10_000), service.kg.store.row_cap
    print(f"ingest: embedded {embedded_s:.1f} s, {server['name']} server {remote_s:.1f} s")
    for part in expected:
        assert got[part] == expected[part], part


# -- two service instances, one store ---------------------------------------------------------------------

def _wait_for(condition, bound_s: float) -> float:
    """Seconds until ``condition()`` holds (asking again every 0.1 s); fails past ``bound_s``."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < bound_s, f"not seen within {bound_s:g} s"
        time.sleep(0.1)
    return time.monotonic() - started


def test_two_instances_on_one_store_see_each_others_documents(tmp_path):
    """Machine A uploads, machine B (its own data directory, index and cache) lists and finds the
    document within a bound, and forgets it when A removes it."""
    first, second = sorted(SEEDS.iterdir())[:2]
    with oxigraph_server(tmp_path / "server") as server:
        def instance(name: str, token: str | None = None) -> TestClient:
            settings = replace(make_settings(tmp_path / name), store_backend=server["backend"],
                               store_follow_s=0.2, token=token)
            return TestClient(create_app(settings))

        a, b = instance("a", token="t"), instance("b")
        upload = a.post("/documents", files={"file": (first.name, first.read_bytes())},
                        headers={"Authorization": "Bearer t"})
        assert upload.status_code == 201, upload.text
        assert b.get("/documents").json()["total"] == 1  # B starts after A's first document
        title = b.get("/documents").json()["documents"][0]["title"]
        assert b.get("/search", params={"q": title}).json()["results"]

        upload = a.post("/documents", files={"file": (second.name, second.read_bytes())},
                        headers={"Authorization": "Bearer t"})
        assert upload.status_code == 201, upload.text
        new = next(d for d in a.get("/documents").json()["documents"] if d["source"] == second.name)

        def b_lists_and_finds() -> bool:
            listed = {d["iri"] for d in b.get("/documents").json()["documents"]}
            found = {r["document"]["iri"] for r in b.get("/search", params={"q": new["title"]}).json()["results"]}
            return new["iri"] in listed and new["iri"] in found

        seen_s = _wait_for(b_lists_and_finds, bound_s=10)

        service_a = a.app.state.service
        service_a.kg.remove_document(new["iri"])
        service_a.after_change([new["iri"]])
        gone_s = _wait_for(lambda: b.get("/documents").json()["total"] == 1
                           and new["iri"] not in {r["document"]["iri"] for r in
                                                  b.get("/search", params={"q": new["title"]}).json()["results"]},
                           bound_s=10)
        print(f"B saw A's upload after {seen_s:.2f} s and its removal after {gone_s:.2f} s")


def test_serve_on_another_machine_rebuilds_from_its_own_copy_of_the_file(tmp_path):
    """The store records machine A's path; machine B, rebuilding documents an older mapping wrote,
    finds the file in its own corpus by name and bytes instead of reporting it gone."""
    from policykg.api.commands.serve import first_start
    from policykg.graph import ids
    from policykg.ontology.namespace import PKG

    seed = min(SEEDS.iterdir())
    on_a = tmp_path / "machine-a" / "documents" / seed.name
    on_b = tmp_path / "machine-b" / "corpus" / "documents" / "seeds" / seed.name
    for copy in (on_a, on_b):
        copy.parent.mkdir(parents=True)
        copy.write_bytes(seed.read_bytes())
    settings = replace(make_settings(tmp_path / "data"), corpus_dir=tmp_path / "machine-b" / "corpus")
    service = Service(settings)
    assert not service.ingest([on_a]).failed
    (doc,) = service.kg.list_documents()
    graph = ids.graph_iri(doc["iri"])  # as an older policykg wrote it: no mapping version
    service.kg.store._store.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ ?d <{PKG.graphVersion}> ?v }} }}")
    on_a.unlink()  # A's path means nothing on B
    assert service.kg.outdated_sources() == [on_a.name]  # published by name: A's own path is never in the store
    log = io.StringIO()
    first_start(service, settings, out=log)
    assert "file gone" not in log.getvalue() and "rebuilding 1 from their files" in log.getvalue()
    assert service.kg.outdated_sources() == [] and len(service.kg.list_documents()) == 1
