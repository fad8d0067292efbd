"""Real clients on their defaults against the service on a real port: SPARQLWrapper 2.0 and rdflib's
SPARQLStore, over the corpus graph (graph-scoped counts on one document's own graph)."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from policykg.api.app import create_app
from policykg.graph.ids import graph_iri
from policykg.ontology.namespace import PKG
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

SEED = "001_68136cc265473cb2.txt"


@pytest.fixture(scope="module")
def endpoint(corpus_service):
    """The app served by uvicorn on a free port of 127.0.0.1, for the module."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_service.settings, corpus_service), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/sparql"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def seed(corpus_service) -> tuple[str, str, int, int]:
    """(document IRI, its graph's IRI, triples in that graph, triples in all graphs), read directly."""
    kg = corpus_service.kg
    doc = kg.find_document(SEED)
    graph = str(graph_iri(URIRef(doc)))
    own = kg.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"]
    every = kg.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
    assert 0 < int(own) < int(every)
    return doc, graph, int(own), int(every)


def _wrapper(endpoint: str, query: str, **settings):
    client = SPARQLWrapper.SPARQLWrapper(endpoint)
    client.setQuery(query)
    for name, value in settings.items():
        getattr(client, name)(value)
    return client


def test_sparqlwrapper_defaults(endpoint, seed):
    doc, _, _, _ = seed
    select = _wrapper(endpoint, f"SELECT ?d WHERE {{ ?d a <{PKG.PolicyDocument}> }}").queryAndConvert()
    rows = select.getElementsByTagName("result")  # SPARQL results XML, the default
    assert len(rows) > 1 and doc in select.toxml()
    ask = _wrapper(endpoint, f"ASK {{ <{doc}> ?p ?o }}").queryAndConvert()
    assert ask.getElementsByTagName("boolean")[0].firstChild.data == "true"
    construct = _wrapper(endpoint, f"CONSTRUCT {{ <{doc}> ?p ?o }} WHERE {{ <{doc}> ?p ?o }}").queryAndConvert()
    assert isinstance(construct, Graph) and (URIRef(doc), RDF.type, PKG.PolicyDocument) in construct
    describe = _wrapper(endpoint, f"DESCRIBE <{doc}>").queryAndConvert()
    assert isinstance(describe, Graph) and len(describe) >= len(construct)


@pytest.mark.parametrize("fmt", ["JSON", "XML", "CSV", "TSV"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_formats_and_methods(endpoint, seed, fmt, method):
    _, graph, own, _ = seed
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    client = _wrapper(endpoint, query, setReturnFormat=getattr(SPARQLWrapper, fmt),
                      setMethod=getattr(SPARQLWrapper, method))
    result = client.queryAndConvert()
    if fmt == "JSON":
        n = result["results"]["bindings"][0]["n"]["value"]
    elif fmt == "XML":
        n = result.getElementsByTagName("literal")[0].firstChild.data
    else:
        n = result.decode("utf-8").splitlines()[1].split("^^")[0].strip('"')
    assert int(n) == own


@pytest.mark.parametrize("fmt", ["TURTLE", "RDFXML", "JSONLD", "N3"])
def test_sparqlwrapper_graph_formats(endpoint, seed, fmt):
    doc = seed[0]
    client = _wrapper(endpoint, f"CONSTRUCT {{ <{doc}> ?p ?o }} WHERE {{ <{doc}> ?p ?o }}",
                      setReturnFormat=getattr(SPARQLWrapper, fmt))
    response = client.query()
    text = response.response.read()
    graph = Graph().parse(data=text, format={"TURTLE": "turtle", "N3": "turtle", "RDFXML": "xml",
                                             "JSONLD": "json-ld"}[fmt])
    assert (URIRef(doc), RDF.type, PKG.PolicyDocument) in graph


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_scoped_and_whole(endpoint, seed, method):
    doc, graph, own, every = seed
    scoped = Graph(SPARQLStore(endpoint, method=method), identifier=URIRef(graph))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(iter(scoped.query(count)))[0]) == own
    assert len(list(scoped.triples((URIRef(doc), None, None)))) > 0
    whole = Graph(SPARQLStore(endpoint, method=method))
    assert int(next(iter(whole.query(count)))[0]) >= every  # the union default graph
    assert whole.query(f"ASK {{ <{doc}> a <{PKG.PolicyDocument}> }}").askAnswer is True
    constructed = whole.query(f"CONSTRUCT {{ <{doc}> ?p ?o }} WHERE {{ <{doc}> ?p ?o }}").graph
    assert (URIRef(doc), RDF.type, PKG.PolicyDocument) in constructed
    described = whole.query(f"DESCRIBE <{doc}>").graph
    assert len(described) >= len(constructed)
