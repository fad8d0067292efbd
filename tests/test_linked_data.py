"""Every IRI the graph mints dereferences on the service: /id/… answers 303 to a description negotiated among
HTML, Turtle, N-Triples, JSON-LD and RDF/XML, and every format says the same (graphs compared by isomorphism)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.routes.linked_data import local_loader
from policykg.graph import describe as describing
from policykg.ontology.namespace import DATA_URI
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.compare import to_isomorphic

RDF_FORMATS = {"text/turtle": ("turtle", "text/turtle", ".ttl"),
               "application/n-triples": ("nt", "application/n-triples", ".nt"),
               "application/rdf+xml": ("xml", "application/rdf+xml", ".rdf"),
               "application/ld+json": ("json-ld", "application/ld+json", ".jsonld")}
KINDS = ("document", "obligation", "agency", "region")


@pytest.fixture(scope="module")
def client(corpus_service) -> TestClient:
    return TestClient(create_app(corpus_service.settings, corpus_service), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def samples(corpus_service) -> dict[str, str]:
    """One IRI of each kind, taken from the corpus graph: an ingested document with obligations, its first
    obligation, an agency with a lead task, a region some document belongs to."""
    row = corpus_service.kg.select("""SELECT ?doc ?ob ?agency ?region WHERE {
        ?doc a pkg:PolicyDocument ; pkg:hasObligation ?ob ; pkg:region ?region .
        ?ob pkg:assignment/pkg:agency ?agency } ORDER BY ?doc ?ob LIMIT 1""")[0]
    return {"document": row["doc"], "obligation": row["ob"], "agency": row["agency"], "region": row["region"]}


def path_of(iri: str) -> str:
    assert iri.startswith(DATA_URI), iri
    return "/id/" + iri[len(DATA_URI):]


def parse(response, syntax: str) -> Graph:
    if syntax == "json-ld":  # expanded with our own context only: nothing is fetched
        expanded = jsonld.expand(response.json(), {"documentLoader": local_loader})
        return Graph().parse(data=json.dumps(expanded), format="json-ld")
    return Graph().parse(data=response.text, format=syntax)


def see_other(client: TestClient, iri: str, accept: str) -> str:
    r = client.get(path_of(iri), headers={"Accept": accept}, follow_redirects=False)
    assert r.status_code == 303, (iri, accept, r.status_code, r.text[:200])
    assert r.headers["vary"] == "Accept"
    return r.headers["location"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_in_each_rdf_format_says_the_same(client, samples, kind):
    iri = samples[kind]
    graphs = {}
    for accept, (syntax, media, suffix) in RDF_FORMATS.items():
        location = see_other(client, iri, accept)
        assert location == "/data/" + iri[len(DATA_URI):] + suffix
        r = client.get(location)
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), (location, r.status_code)
        graphs[accept] = graph = parse(r, syntax)
        assert (URIRef(iri), None, None) in graph, f"{location} says nothing about {iri}"
    reference = to_isomorphic(graphs["application/n-triples"])
    for accept, graph in graphs.items():
        assert to_isomorphic(graph) == reference, f"{kind} as {accept} differs from its N-Triples"


def test_descriptions_carry_what_each_kind_is_about(client, samples):
    def graph(kind: str) -> Graph:
        return parse(client.get(see_other(client, samples[kind], "text/turtle")), "turtle")

    pkg = "https://w3id.org/policykg/ontology#"
    doc, ob, agency, region = (graph(k) for k in KINDS)
    # a document is its whole graph: its obligations are in it
    assert (URIRef(samples["document"]), URIRef(pkg + "hasObligation"), URIRef(samples["obligation"])) in doc
    # an obligation comes with its parts (the assignment naming the agency) and the agency's name
    assigned = {o for s, p, o in ob if str(p) == pkg + "agency" and str(s).startswith(samples["obligation"] + "/")}
    assert URIRef(samples["agency"]) in assigned
    assert any(str(p).endswith("#prefLabel") for s, p, o in ob if str(s) == samples["agency"])
    # an agency and a region come with what points at them
    assert any(str(o) == samples["agency"] for s, p, o in agency if str(s) != samples["agency"])
    assert (URIRef(samples["document"]), URIRef(pkg + "region"), URIRef(samples["region"])) in region


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_a_web_page(client, samples, corpus_service, kind):
    iri = samples[kind]
    for accept in ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*"):
        location = see_other(client, iri, accept)
        doc_id = samples["document"].rsplit("/", 1)[1]
        expected = {"document": f"/doc/{doc_id}", "obligation": f"/doc/{doc_id}#ob-{iri.rsplit('/', 1)[1]}",
                    "agency": f"/data/{iri[len(DATA_URI):]}.html", "region": f"/data/{iri[len(DATA_URI):]}.html"}
        assert location == expected[kind]
        page = client.get(location, headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    if kind in ("agency", "region"):
        name = corpus_service.kg.select(f"SELECT ?n WHERE {{ <{iri}> skos:prefLabel ?n }} LIMIT 1")[0]["n"]
        assert f'<h1 id="resource-name">{name}</h1>' in page.text
        assert iri in page.text and f'href="/data/{iri[len(DATA_URI):]}.ttl"' in page.text


def test_every_shape_of_minted_iri_answers(client, corpus_service):
    """One IRI of every shape the graph mints (subjects and graph names), found in the store, not listed here."""
    rows = corpus_service.kg.select(f"""SELECT ?shape (SAMPLE(?x) AS ?iri) WHERE {{
        {{ SELECT DISTINCT ?x WHERE {{ {{ GRAPH ?g {{ ?x ?p ?o }} }} UNION {{ GRAPH ?x {{ ?s ?p ?o }} }}
                                      FILTER(STRSTARTS(STR(?x), "{DATA_URI}")) }} }}
        BIND(REPLACE(STR(?x), "/[0-9a-f]{{16}}|/[0-9]+", "/N") AS ?shape) }} GROUP BY ?shape""")
    shapes = {r["shape"] for r in rows}
    for part in ("/doc/N", "/doc/N/obligation/N", "/agency/N", "/region/N", "/graph/shared"):
        assert DATA_URI.rstrip("/") + part in shapes, part
    failures = []
    for row in rows:
        location = see_other(client, row["iri"], "text/turtle")
        r = client.get(location)
        if r.status_code != 200 or not parse(r, "turtle"):
            failures.append(f"{row['iri']}: {r.status_code}")
    assert not failures, failures


@pytest.mark.parametrize("path", ["/id/doc/0000000000000000", "/id/agency/nobody", "/id/region/999999999999",
                                  "/id/doc/0000000000000000/obligation/1", "/id/", "/data/region/999999999999.ttl",
                                  "/data/nothing"])
def test_unknown_iri_is_404(client, path):
    r = client.get(path, headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    page = client.get(path, headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_unacceptable_format_is_406(client, samples):
    r = client.get(path_of(samples["region"]), headers={"Accept": "image/png"}, follow_redirects=False)
    assert r.status_code == 406 and r.json()["error"] == "not_acceptable"


def test_data_without_extension_negotiates(client, samples):
    path = "/data/" + samples["agency"][len(DATA_URI):]
    r = client.get(path, headers={"Accept": "text/turtle;q=0.5, application/rdf+xml"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rdf+xml")
    assert r.headers["content-location"] == path + ".rdf" and r.headers["vary"] == "Accept"
    assert to_isomorphic(parse(r, "xml")) == to_isomorphic(parse(client.get(path + ".ttl"), "turtle"))


def test_document_page_answers_rdf_to_a_client_that_prefers_it(client, samples):
    doc_id = samples["document"].rsplit("/", 1)[1]
    turtle = client.get(f"/doc/{doc_id}", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert turtle.headers["vary"] == "Accept"
    data = client.get(f"/data/doc/{doc_id}.ttl")
    assert to_isomorphic(parse(turtle, "turtle")) == to_isomorphic(parse(data, "turtle"))
    page = client.get(f"/doc/{doc_id}", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and page.headers["vary"] == "Accept"


def test_links_to_a_thing_are_capped_and_flagged(corpus_service, samples, monkeypatch):
    region = samples["region"]
    full = describing.describe(corpus_service.kg, region)
    pointing = [line for line in full.ntriples.splitlines() if line.rstrip(" .").endswith(f"<{region}>")]
    assert not full.truncated and len(pointing) > 3
    monkeypatch.setattr(describing, "INBOUND_CAP", 3)
    cut = describing.describe(corpus_service.kg, region)
    assert cut.truncated
    kept = [line for line in cut.ntriples.splitlines() if re.search(rf"> <[^>]+> <{re.escape(region)}> \.$", line)]
    assert len(kept) == 3
