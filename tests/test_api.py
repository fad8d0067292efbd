"""The HTTP API in-process against the corpus built once per session (tests/conftest.py)."""

from __future__ import annotations

import csv
import io
import json
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.routes.linked_data import local_loader
from policykg.api.service import Service
from policykg.ontology.namespace import ELI, PKG, SKOS
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "documents" / "seeds"

SEED = "001_68136cc265473cb2.txt"  # the 青峰镇 seed: a township plan with a 文号 and a basis citation
TITLES = "SELECT ?doc ?title WHERE { ?doc a pkg:PolicyDocument ; dcterms:title ?title }"


@pytest.fixture(scope="module")
def client(corpus_service) -> TestClient:
    return TestClient(create_app(corpus_service.settings, corpus_service), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def seed_iri(corpus_service) -> str:
    iri = corpus_service.kg.find_document(SEED)
    assert iri, f"{SEED} is not in the corpus graph"
    return iri


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"] and body["detail"]
    return body


# -- documents ---------------------------------------------------------------------------------------


def test_documents_list_has_every_document_and_facets(client, corpus_service):
    body = client.get("/documents", params={"limit": 1000}).json()
    assert body["total"] == len(corpus_service.kg.list_documents())
    assert {d["iri"] for d in body["documents"]} == {d["iri"] for d in corpus_service.kg.list_documents()}
    assert sum(body["facets"]["level"].values()) <= body["total"]
    assert set(body["facets"]) == {"level", "region", "issuer", "year"}


def test_documents_facet_filters_narrow_the_list(client):
    everything = client.get("/documents", params={"limit": 1000}).json()
    level, count = next(iter(everything["facets"]["level"].items()))
    only = client.get("/documents", params={"level": level, "limit": 1000}).json()
    assert only["total"] == count and all(d["level"] == level for d in only["documents"])
    year, count = next(iter(everything["facets"]["year"].items()))
    assert client.get("/documents", params={"year": year}).json()["total"] == count
    region, count = next(iter(everything["facets"]["region"].items()))
    assert client.get("/documents", params={"region": region}).json()["total"] == count
    assert_error(client.get("/documents", params={"level": "galactic"}), 400)


def test_document_json_is_the_show_json(client, corpus_service, seed_iri):
    # by file name, by short id, and by full IRI (percent-encoded into one path segment)
    for ref in (SEED, seed_iri.rsplit("/", 1)[-1], quote(seed_iri, safe="")):
        r = client.get(f"/documents/{ref}")
        assert r.status_code == 200, r.text
        assert r.json() == json.loads(json.dumps(corpus_service.kg.document_json(seed_iri)))


def test_unknown_document_is_404(client):
    body = assert_error(client.get("/documents/no-such-file.txt"), 404)
    assert "no-such-file.txt" in body["detail"]
    assert_error(client.get("/documents/no-such-file.txt/trace"), 404)


def test_document_turtle_parses_and_describes_the_document(client, seed_iri):
    r = client.get(f"/documents/{SEED}", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(seed_iri), RDF.type, PKG.PolicyDocument) in g
    # the one answer labels what the document links to: its region, its issuer, what it is based on
    region = g.value(URIRef(seed_iri), PKG.region)
    assert str(g.value(region, SKOS.prefLabel)) == "青峰镇"
    issuer = g.value(URIRef(seed_iri), ELI.passed_by)
    assert g.value(issuer, SKOS.prefLabel) is not None
    assert list(g.objects(URIRef(seed_iri), ELI.based_on))


def test_document_jsonld_uses_the_shipped_context_and_never_fetches(client, seed_iri, monkeypatch):
    def no_network(url, options=None):
        raise AssertionError(f"tried to fetch {url}")

    monkeypatch.setattr(jsonld, "_default_document_loader", no_network, raising=False)
    r = client.get(f"/documents/{SEED}", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    doc = r.json()
    assert doc["@context"].endswith("/context.jsonld")
    expanded = jsonld.expand(doc, {"documentLoader": local_loader})
    ids = {node.get("@id") for node in jsonld.flatten(expanded, None, {"documentLoader": local_loader})}
    assert seed_iri in ids
    turtle = Graph().parse(data=client.get(f"/documents/{SEED}", headers={"Accept": "text/turtle"}).text,
                           format="turtle")
    as_rdf = Graph().parse(data=json.dumps(expanded), format="json-ld")
    assert len(as_rdf) == len(turtle)
    assert client.get("/context.jsonld").json()["@context"]["pkg"] == str(PKG)


def test_local_loader_refuses_remote_documents():
    with pytest.raises(jsonld.JsonLdError):
        local_loader("https://schema.org/")


def test_trace_matches_the_chain_layer(client, corpus_service, seed_iri):
    from policykg.graph.chains import trace_downstream, trace_upstream

    up = client.get(f"/documents/{SEED}/trace").json()
    assert up == json.loads(json.dumps(trace_upstream(corpus_service.kg, seed_iri)))
    assert seed_iri in {n["iri"] for n in up["nodes"]}
    down = client.get(f"/documents/{SEED}/trace", params={"down": "true"}).json()
    assert down == json.loads(json.dumps(trace_downstream(corpus_service.kg, seed_iri)))


# -- SPARQL protocol ---------------------------------------------------------------------------------


def test_sparql_get_post_form_and_post_query_agree(client):
    a = client.get("/sparql", params={"query": TITLES})
    b = client.post("/sparql", data={"query": TITLES})
    c = client.post("/sparql", content=TITLES.encode(), headers={"Content-Type": "application/sparql-query"})
    for r in (a, b, c):
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    rows = [{k: v["value"] for k, v in row.items()} for row in a.json()["results"]["bindings"]]
    assert rows and all(r["title"] for r in rows)
    assert a.json() == b.json() == c.json()


@pytest.mark.parametrize("accept, fmt", [("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                                         ("text/csv", ox.QueryResultsFormat.CSV),
                                         ("text/tab-separated-values", ox.QueryResultsFormat.TSV)])
def test_sparql_select_negotiates_formats(client, accept, fmt):
    as_json = client.get("/sparql", params={"query": TITLES}).json()
    r = client.get("/sparql", params={"query": TITLES}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    if fmt == ox.QueryResultsFormat.CSV:  # lossy by design: pyoxigraph will not read it back
        header, *parsed = list(csv.reader(io.StringIO(r.text)))
        assert header == as_json["head"]["vars"]
    else:
        parsed = list(ox.parse_query_results(r.content, format=fmt))
    assert len(parsed) == len(as_json["results"]["bindings"])


def test_sparql_ask_and_construct_formats(client, seed_iri):
    ask = client.get("/sparql", params={"query": "ASK { ?d a pkg:PolicyDocument }"})
    assert ask.json()["boolean"] is True
    query = f"CONSTRUCT {{ <{seed_iri}> ?p ?o }} WHERE {{ <{seed_iri}> ?p ?o }}"
    ttl = client.get("/sparql", params={"query": query})
    assert ttl.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=ttl.text, format="turtle")
    assert (URIRef(seed_iri), RDF.type, PKG.PolicyDocument) in g
    nt = client.get("/sparql", params={"query": query}, headers={"Accept": "application/n-triples"})
    assert len(Graph().parse(data=nt.text, format="nt")) == len(g)
    ld = client.get("/sparql", params={"query": query}, headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=ld.text, format="json-ld")) == len(g)
    assert_error(client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"}), 406)


def test_sparql_refuses_updates_service_and_bad_syntax(client):
    assert_error(client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"}), 403)
    assert_error(client.post("/sparql", data={"update": "DROP ALL"}), 403)
    assert_error(client.post("/sparql", content=b"CLEAR ALL",
                             headers={"Content-Type": "application/sparql-update"}), 403)
    body = assert_error(client.get("/sparql", params={
        "query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}), 403)
    assert "SERVICE" in body["detail"]
    body = assert_error(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}), 400)
    assert "line 1" in body["detail"]
    assert_error(client.get("/sparql", params={"format": "json"}), 400)  # no query (none at all: the description)
    assert_error(client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}), 415)
    assert client.get("/sparql", params={"query": TITLES}).status_code == 200  # nothing was dropped


def test_sparql_row_cap_and_time_limit(corpus_service):
    capped = TestClient(create_app(replace(corpus_service.settings, sparql_max_rows=3), corpus_service))
    r = capped.get("/sparql", params={"query": TITLES})
    assert len(r.json()["results"]["bindings"]) == 3
    assert r.headers["X-PolicyKG-Truncated"] == "true" and "3 rows" in r.json()["warning"]
    slow = TestClient(create_app(replace(corpus_service.settings, sparql_timeout_s=0.001), corpus_service),
                      raise_server_exceptions=False)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?b ?q ?c . ?c ?r ?d }"
    body = assert_error(slow.get("/sparql", params={"query": heavy}), 503)
    assert "time limit" in body["detail"]


# -- agencies, search, checks ------------------------------------------------------------------------


def test_agencies_found_by_part_of_any_name(client, corpus_service):
    rows = corpus_service.kg.select("SELECT ?a ?name WHERE { ?a a org:Organization ; skos:prefLabel ?name } LIMIT 1")
    assert rows, "the corpus graph has no agencies"
    name = rows[0]["name"]
    found = client.get("/agencies", params={"q": name[-4:], "limit": 500}).json()["agencies"]  # most-tasked 50 by default
    assert name in {a["name"] for a in found}
    agency = next(a for a in found if a["name"] == name)
    by_id = client.get(f"/agencies/{agency['id']}/obligations").json()
    by_name = client.get(f"/agencies/{name}/obligations").json()
    assert by_id == by_name and by_id["agency"] == name and isinstance(by_id["tasks"], list)
    assert_error(client.get(f"/agencies/{agency['id']}/obligations", params={"role": "boss"}), 400)
    long = assert_error(client.get("/agencies/" + "市人民政府" * 30 + "/obligations"), 400)
    assert "at most 100" in long["detail"]
    assert_error(client.get(f"/agencies/{agency['id']}/obligations", params={"region": "湖南省" * 40}), 400)


def test_search_and_similar(client, corpus_service):
    from policykg.search.results import search_units

    r = client.get("/search", params={"q": "电动自行车充电", "limit": 5})
    assert r.status_code == 200
    assert r.json()["results"] == json.loads(json.dumps(
        search_units(corpus_service.index, "电动自行车充电", limit=5)))["results"]
    level = r.json()["results"][0]["document"]["level"]
    filtered = client.get("/search", params={"q": "电动自行车充电", "level": level}).json()["results"]
    assert filtered and all(x["document"]["level"] == level for x in filtered)
    assert_error(client.get("/search", params={"q": "  "}), 400)
    assert_error(client.get("/search", params={"q": "充电", "limit": 0}), 400)
    assert_error(client.get("/search", params={"q": "充电", "date_from": "yesterday"}), 400)
    sim = client.get("/similar", params={"text": "电动自行车集中充电", "limit": 3})
    assert sim.status_code == 200 and 0 < len(sim.json()["results"]) <= 3


# -- uploads and writes ------------------------------------------------------------------------------


@pytest.fixture
def writable(tmp_path, corpus_service) -> tuple[TestClient, Service]:
    service = Service(replace(corpus_service.settings, data_dir=tmp_path / "data", token="s3cret",
                              max_upload_bytes=200_000))
    return TestClient(create_app(service.settings, service), raise_server_exceptions=False), service


def test_upload_needs_a_token(writable, corpus_service):
    client, _ = writable
    files = {"file": (SEED, (SEEDS / SEED).read_bytes(), "text/plain")}
    assert_error(client.post("/documents", files=files), 401)
    assert_error(client.post("/documents", files=files, headers={"Authorization": "Bearer nope"}), 401)
    closed = TestClient(create_app(corpus_service.settings, corpus_service), raise_server_exceptions=False)
    assert_error(closed.post("/documents", files=files, headers={"Authorization": "Bearer x"}), 403)


def test_upload_ingests_like_the_cli(writable):
    client, _ = writable
    files = {"file": (SEED, (SEEDS / SEED).read_bytes(), "text/plain")}
    r = client.post("/documents", files=files, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["source"] == SEED
    from policykg.ingest.pipeline import parse_file

    parsed = parse_file(SEEDS / SEED, SEED)
    assert (doc["title"], doc["doc_number"]) == (parsed.title, parsed.doc_number)
    assert client.get(f"/documents/{SEED}").json()["iri"] == doc["iri"]
    assert [d["iri"] for d in client.get("/documents").json()["documents"]] == [doc["iri"]]


def test_upload_under_the_same_name_replaces_the_document(writable):
    client, _ = writable
    first, second = sorted(p.name for p in SEEDS.iterdir())[:2]
    auth = {"Authorization": "Bearer s3cret"}
    a = client.post("/documents", files={"file": ("plan.txt", (SEEDS / first).read_bytes())}, headers=auth)
    b = client.post("/documents", files={"file": ("plan.txt", (SEEDS / second).read_bytes())}, headers=auth)
    assert a.status_code == b.status_code == 201 and a.json()["iri"] != b.json()["iri"]
    listed = client.get("/documents").json()["documents"]
    assert [d["iri"] for d in listed] == [b.json()["iri"]]
    assert_error(client.get("/documents/" + quote(a.json()["iri"], safe="")), 404)


def test_bad_upload_gives_the_ingest_reason(writable):
    client, _ = writable
    r = client.post("/documents", files={"file": ("empty.txt", b"", "text/plain")},
                    headers={"X-PolicyKG-Token": "s3cret"})
    body = assert_error(r, 422)
    assert "empty.txt" in body["detail"]
    binary = client.post("/documents", files={"file": ("x.txt", bytes(range(256)) * 8, "text/plain")},
                         headers={"X-PolicyKG-Token": "s3cret"})
    assert_error(binary, 422)
    assert client.get("/documents").json()["total"] == 0


def test_a_sidecar_upload_is_400_and_stores_nothing(writable):
    client, _ = writable
    r = client.post("/documents", files={"file": ("x.txt.meta.json", b'{"date": "2020-01-01"}', "application/json")},
                    headers={"X-PolicyKG-Token": "s3cret"})
    assert "sidecar" in assert_error(r, 400)["detail"]
    assert client.get("/documents").json()["total"] == 0


def test_oversized_upload_is_413(writable):
    client, _ = writable
    big = io.BytesIO("消防".encode() * 200_000)
    r = client.post("/documents", files={"file": ("big.txt", big, "text/plain")},
                    headers={"Authorization": "Bearer s3cret"})
    assert_error(r, 413)


def test_concurrent_reads_and_writes_corrupt_nothing(writable):
    client, _ = writable
    names = sorted(p.name for p in SEEDS.iterdir())
    errors: list[str] = []

    def upload(name: str) -> None:
        r = client.post("/documents", files={"file": (name, (SEEDS / name).read_bytes(), "text/plain")},
                        headers={"Authorization": "Bearer s3cret"})
        if r.status_code != 201:
            errors.append(f"{name}: {r.status_code} {r.text}")

    def read() -> None:
        for _ in range(5):
            r = client.get("/documents")
            if r.status_code != 200:
                errors.append(f"read: {r.status_code} {r.text}")

    threads = [threading.Thread(target=upload, args=(n,)) for n in names]
    threads += [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    listed = client.get("/documents").json()
    assert listed["total"] == len(names)
    for d in listed["documents"]:
        assert client.get(f"/documents/{d['id']}").json()["iri"] == d["iri"]


def test_unknown_route_and_method_are_json_errors(client):
    assert_error(client.get("/no/such/route"), 404)
    assert_error(client.get("/static/no-such.css"), 404)
    assert_error(client.delete("/documents"), 405)
    assert_error(client.get("/documents", params={"limit": "many"}), 422)


def test_web_pages_render(client, seed_iri):
    home = client.get("/", params={"q": "电动自行车充电"})
    assert home.status_code == 200 and "<mark>" in home.text
    page = client.get(f"/doc/{SEED}")
    assert page.status_code == 200 and 'class="hl hl-' in page.text
    chain = client.get(f"/doc/{SEED}/chain")
    assert chain.status_code == 200 and "<svg" in chain.text
    assert "http://" not in home.text.replace("http://testserver", "").replace("http://www.w3.org/2000/svg", "")
    assert client.get("/agency", params={"name": "消防"}).status_code == 200
    assert_error(client.get("/doc/no-such-file.txt"), 404)


def test_static_files_are_local(client):
    css = client.get("/static/style.css").text
    assert "url(" not in css and "@import" not in css
    assert Path(__file__).parent.parent.joinpath("api", "static").is_dir()


def test_checks_serve_the_check_command(client, corpus_service, seed_iri):
    from policykg.api.commands.check import check

    everything = client.get("/checks")
    assert everything.status_code == 200
    assert everything.json() == json.loads(json.dumps(check(corpus_service)))
    one = client.get("/checks", params={"doc": SEED}).json()
    assert one == json.loads(json.dumps(check(corpus_service, SEED)))
    assert_error(client.get("/checks", params={"kind": "bogus"}), 400)
    assert_error(client.get("/checks", params={"doc": "no-such-file.txt"}), 404)


def test_agencies_found_by_an_abbreviation(client, corpus_service):
    from policykg.graph.obligation_queries import tasks_for_agency

    tasks = tasks_for_agency(corpus_service.kg, "市住建局")
    assert tasks, "the corpus has tasks for 市住建局 (the 常德 plan)"
    found = {a["name"] for a in client.get("/agencies", params={"q": "市住建局"}).json()["agencies"]}
    assert {t["agency"] for t in tasks} <= found


def test_serve_ingests_the_corpus_only_on_first_start(tmp_path, corpus_service):
    import shutil

    from policykg.api.commands.serve import first_start

    corpus = tmp_path / "corpus"
    (corpus / "documents").mkdir(parents=True)
    shutil.copy(SEEDS / SEED, corpus / "documents" / SEED)
    settings = replace(corpus_service.settings, data_dir=tmp_path / "data", corpus_dir=corpus)
    service = Service(settings)
    log = io.StringIO()
    first_start(service, settings, out=log)
    assert [d["source"] for d in service.kg.list_documents()] == [SEED]
    assert "first start" in log.getvalue()
    (corpus / "documents" / SEED).unlink()  # a second start must not look at the corpus again
    again = io.StringIO()
    first_start(service, settings, out=again)
    assert "first start" not in again.getvalue()
    assert [d["source"] for d in service.kg.list_documents()] == [SEED]


def test_serve_rebuilds_documents_an_older_version_wrote(tmp_path, corpus_service):
    from policykg.api.commands.serve import first_start
    from policykg.graph import ids

    kept, gone = tmp_path / "kept.txt", tmp_path / "gone.txt"
    kept.write_bytes((SEEDS / SEED).read_bytes())
    gone.write_bytes(next(p for p in sorted(SEEDS.iterdir()) if p.name != SEED).read_bytes())
    settings = replace(corpus_service.settings, data_dir=tmp_path / "data", corpus_dir=tmp_path / "none")
    service = Service(settings)
    service.ingest([kept, gone])
    for doc in service.kg.list_documents():  # as an older policykg wrote them: no version mark
        graph = ids.graph_iri(URIRef(doc["iri"]))
        service.kg.store._store.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ ?d <{PKG.graphVersion}> ?v }} }}")
    gone.unlink()
    log = io.StringIO()
    first_start(service, settings, out=log)
    assert "2 documents were written by an older version" in log.getvalue()
    assert f"cannot rebuild (file gone, kept as it is): {gone.name}" in log.getvalue()
    assert service.kg.outdated_sources() == [gone.name]
    assert len(service.kg.list_documents()) == 2
