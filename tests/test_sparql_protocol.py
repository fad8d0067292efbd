"""The SPARQL 1.1 Protocol as clients use it: charsets, parameters, the dataset, base IRI, truncation and
content negotiation, over a small made-up store (tests/sparql_support.py)."""

from __future__ import annotations

from urllib.parse import urljoin

import pyoxigraph as ox
import pytest
from policykg.ontology.namespace import FORMATS, RDF, SD, VOID
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from sparql_support import G1, G2, client_of, small_service, stop_workers

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s pkg:text ?o }"
COUNT_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s pkg:text ?o } }"
SPARQL_QUERY = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    service = small_service(tmp_path_factory.mktemp("sparql-protocol"))
    yield service
    stop_workers(service)


@pytest.fixture(scope="module")
def client(service):
    return client_of(service)


def error_of(response, status: int) -> str:
    assert response.status_code == status, response.text
    return response.json()["error"]


def number(response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# -- 3. charsets ------------------------------------------------------------------------------------------

ASK_CHINESE = 'ASK { ?s pkg:text "二1" }'


@pytest.mark.parametrize("charset", ["GB18030", "UTF-16", "gbk", "latin-1"])
def test_bodies_in_other_charsets_are_refused(client, charset):
    body = ASK_CHINESE.encode(charset, errors="replace")
    r = client.post("/sparql", content=body, headers={"Content-Type": f"{SPARQL_QUERY}; charset={charset}"})
    assert error_of(r, 415) == "unsupported_charset" and charset.lower() in r.json()["detail"]
    r = client.post("/sparql", content=b"query=" + body, headers={"Content-Type": f"{FORM}; charset={charset}"})
    assert error_of(r, 415) == "unsupported_charset"


def test_utf8_is_read_and_bad_bytes_are_a_400(client):
    for ctype in (SPARQL_QUERY, f"{SPARQL_QUERY}; charset=UTF-8", f'{SPARQL_QUERY};charset="utf-8"'):
        r = client.post("/sparql", content=ASK_CHINESE.encode("utf-8"), headers={"Content-Type": ctype})
        assert r.json()["boolean"] is True
    gb = ASK_CHINESE.encode("gb18030")  # unlabelled GB18030: not UTF-8, so not silently 0 rows
    assert error_of(client.post("/sparql", content=gb, headers={"Content-Type": SPARQL_QUERY}), 400) == "bad_encoding"
    assert error_of(client.post("/sparql", content=b"query=ASK%20%7B%7D%B6%FE",
                                headers={"Content-Type": FORM}), 400) == "bad_encoding"
    assert error_of(client.get("/sparql?query=ASK%20%7B%7D%B6%FE"), 400) == "bad_encoding"


# -- 4. the dataset ---------------------------------------------------------------------------------------


def test_union_default_graph_only_without_a_dataset(client):
    assert number(client.get("/sparql", params={"query": COUNT})) == 5
    assert number(client.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s pkg:text ?o }}"})) == 3
    both = f"SELECT (COUNT(*) AS ?n) FROM <{G1}> FROM <{G2}> WHERE {{ ?s pkg:text ?o }}"
    assert number(client.get("/sparql", params={"query": both})) == 5
    named_only = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{G2}> WHERE {{ ?s pkg:text ?o }}"
    assert number(client.get("/sparql", params={"query": named_only})) == 0  # an empty default graph
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{G2}> WHERE {{ GRAPH ?g {{ ?s pkg:text ?o }} }}"
    assert number(client.get("/sparql", params={"query": named})) == 2


def test_protocol_dataset_parameters(client):
    assert number(client.get("/sparql", params={"query": COUNT, "default-graph-uri": G1})) == 3
    assert number(client.get("/sparql", params=[("query", COUNT), ("default-graph-uri", G1),
                                                 ("default-graph-uri", G2)])) == 5
    assert number(client.get("/sparql", params={"query": COUNT, "named-graph-uri": G2})) == 0
    assert number(client.get("/sparql", params={"query": COUNT_NAMED, "named-graph-uri": G2})) == 2
    assert number(client.get("/sparql", params={"query": COUNT_NAMED, "default-graph-uri": G1})) == 0
    # the request's dataset wins over the query's
    query = f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s pkg:text ?o }}"
    assert number(client.get("/sparql", params={"query": query, "default-graph-uri": G2})) == 2
    # form POST (graphs in the body or the URL) and direct POST (graphs in the URL)
    assert number(client.post("/sparql", data={"query": COUNT, "default-graph-uri": G2})) == 2
    assert number(client.post(f"/sparql?default-graph-uri={G2}", data={"query": COUNT})) == 2
    assert number(client.post(f"/sparql?default-graph-uri={G1}", content=COUNT,
                              headers={"Content-Type": SPARQL_QUERY})) == 3
    assert error_of(client.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"}),
                    400) == "malformed_query"


# -- 5. truncation, 6. base IRI ---------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/rdf+xml",
                                    "application/ld+json"])
def test_cut_graphs_say_so(service, accept):
    capped = client_of(service, sparql_max_rows=2)
    r = capped.get("/sparql", params={"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"},
                   headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert r.headers["X-PolicyKG-Truncated"] == "true" and "2 rows" in r.headers["Warning"]
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
           "application/ld+json": "json-ld"}[accept]
    assert len(Graph().parse(data=r.text, format=fmt)) == 2
    if fmt in ("turtle", "nt"):
        assert r.text.startswith("# warning: result cut at the row cap of 2")
    whole = client_of(service).get("/sparql", params={"query": f"DESCRIBE <{G1}>"})
    assert "X-PolicyKG-Truncated" not in whole.headers


def test_relative_iris_resolve_against_the_endpoint(client):
    r = client.get("/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
                   headers={"Accept": "application/n-triples"})
    assert r.status_code == 200, r.text
    endpoint = str(r.url).split("?")[0]
    assert (URIRef(urljoin(endpoint, "s")), URIRef(urljoin(endpoint, "p")), None) in Graph().parse(data=r.text, format="nt")
    r = client.get("/sparql", params={"query": "BASE <http://e/x/> SELECT ?o WHERE { BIND(<y> AS ?o) }"})
    assert r.json()["results"]["bindings"][0]["o"]["value"] == "http://e/x/y"


# -- 7. parameters ----------------------------------------------------------------------------------------


def test_repeated_parameters_and_get_bodies_are_refused(client):
    two = [("query", "ASK {}"), ("query", "SELECT * WHERE {}")]
    assert error_of(client.get("/sparql", params=two), 400) == "bad_request"
    assert error_of(client.post("/sparql", content="query=ASK%20%7B%7D&query=ASK%20%7B%7D",
                                headers={"Content-Type": FORM}), 400) == "bad_request"
    assert error_of(client.post("/sparql?query=ASK%20%7B%7D", data={"query": "ASK {}"}), 400) == "bad_request"
    assert error_of(client.post("/sparql?query=ASK%20%7B%7D", content="ASK {}",
                                headers={"Content-Type": SPARQL_QUERY}), 400) == "bad_request"
    versions = [("query", "ASK {}"), ("version", "1.1"), ("version", "1.2")]
    assert error_of(client.get("/sparql", params=versions), 400) == "bad_request"
    assert error_of(client.get("/sparql", params={"query": "ASK {}", "version": "9"}), 400) == "bad_request"
    assert client.get("/sparql", params={"query": "ASK {}", "version": "1.2"}).status_code == 200
    assert error_of(client.request("GET", "/sparql", params={"query": "ASK {}"}, content=b"ASK {}"),
                    400) == "bad_request"
    assert error_of(client.post("/sparql", content=b"ASK {}"), 415) == "unsupported_media_type"
    assert error_of(client.get("/sparql", params={"query": "ASK {}", "update": "DROP ALL"}), 403) == "read_only"
    assert client.get("/sparql", params={"query": "ASK {}", "clientRequestId": "x"}).status_code == 200


# -- 8. formats -------------------------------------------------------------------------------------------

SELECT = "SELECT ?s ?o WHERE { ?s pkg:text ?o }"
CONSTRUCT = "CONSTRUCT { ?s pkg:text ?o } WHERE { ?s pkg:text ?o }"


@pytest.mark.parametrize("accept, expected", [
    ("application/sparql-results+xml;q=0.5, application/sparql-results+json;q=0.9", "application/sparql-results+json"),
    ("*/*;q=0.1, text/csv", "text/csv"),
    ("text/csv;q=0, */*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("application/sparql-results+xml, application/sparql-results+json", "application/sparql-results+xml"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
    ("", "application/sparql-results+json"),
])
def test_select_negotiation_honours_q_values(client, accept, expected):
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected), r.headers
    assert r.headers["Vary"] == "Accept"


def test_construct_negotiation(client):
    turtle = Graph().parse(data=client.get("/sparql", params={"query": CONSTRUCT}).text, format="turtle")
    assert len(turtle) == 5
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "application/rdf+xml"})
    assert r.headers["content-type"].startswith("application/rdf+xml")
    assert isomorphic(Graph().parse(data=r.text, format="xml"), turtle)
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/turtle;q=0, application/json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert isomorphic(Graph().parse(data=r.text, format="json-ld"), turtle)
    assert error_of(client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/turtle;q=0"}),
                    406) == "not_acceptable"


@pytest.mark.parametrize("values, query, expected", [
    (["text/tab-separated-values"], SELECT, "text/tab-separated-values"),
    (["tsv", "text/tab-separated-values"], SELECT, "text/tab-separated-values"),  # SPARQLWrapper's pair
    (["application/sparql-results+json"], SELECT, "application/sparql-results+json"),
    (["xml"], SELECT, "application/sparql-results+xml"),
    (["xml"], CONSTRUCT, "application/rdf+xml"),  # SPARQLWrapper's default for CONSTRUCT
    (["rdf+xml", "application/rdf+xml"], CONSTRUCT, "application/rdf+xml"),
    (["turtle"], CONSTRUCT, "text/turtle"),
])
def test_format_parameter_takes_names_and_media_types(client, values, query, expected):
    params = [("query", query), *[("format", v) for v in values], ("output", values[0])]
    r = client.get("/sparql", params=params, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected), r.text
    if expected == "text/tab-separated-values":
        assert len(list(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.TSV))) == 5
    assert error_of(client.get("/sparql", params={"query": SELECT, "format": "yaml"}), 400) == "bad_format"
    assert error_of(client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"}), 406) == "not_acceptable"


def test_head_and_options(client):
    head = client.head("/sparql", params={"query": SELECT})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("application/sparql-results+json")
    options = client.options("/sparql")
    assert options.status_code == 200
    assert {m.strip() for m in options.headers["Allow"].split(",")} == {"GET", "HEAD", "POST", "OPTIONS"}


# -- 9. the endpoint describes itself ---------------------------------------------------------------------


def test_service_description_without_a_query(client):
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    endpoint = URIRef(str(r.url).split("?")[0])
    description = Graph().parse(data=r.text, format="turtle")
    assert (endpoint, RDF.type, SD.Service) in description
    assert (endpoint, SD.endpoint, endpoint) in description
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in description
    assert {FORMATS.RDF_XML, FORMATS.SPARQL_Results_JSON} <= set(description.objects(endpoint, SD.resultFormat))
    dataset = description.value(endpoint, SD.defaultDataset)
    every = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(description.value(dataset, VOID.triples)) == number(client.get("/sparql", params={"query": every}))
    xml = client.get("/sparql", headers={"Accept": "application/rdf+xml"})
    assert isomorphic(Graph().parse(data=xml.text, format="xml"), description)
    browser = client.get("/sparql", headers={"Accept": "text/html,application/xml;q=0.9,*/*;q=0.8"},
                         follow_redirects=False)
    assert browser.status_code == 303 and browser.headers["location"] == "/sparql-ui"
