"""The vocabulary, the JSON-LD context and the OpenAPI examples agree with the data: every example the API
documents finds something in the corpus, and every term of the context means what the data says."""

from __future__ import annotations

import re
from pathlib import Path

import policykg.api
import pytest
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.routes.linked_data import context_document
from policykg.graph.ids import ontology_graph_iri
from policykg.ontology.namespace import RDF

TEMPLATES = Path(policykg.api.__file__).resolve().parent / "templates"
# pages for people, with no examples to try; /sparql is tried with its example queries below
NOT_TRIED = {"/sparql"}


@pytest.fixture(scope="module")
def client(corpus_service) -> TestClient:
    return TestClient(create_app(corpus_service.settings, corpus_service), raise_server_exceptions=False)


def _example(parameter: dict):
    examples = parameter.get("schema", {}).get("examples") or parameter.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0]
    if isinstance(examples, dict) and examples:
        return next(iter(examples.values())).get("value")
    return parameter.get("example")


def _example_requests(spec: dict) -> list[tuple[str, dict[str, str], str]]:
    """(url, query, what): each parameter example of each GET route, with the examples of the parameters it
    needs (path and required ones)."""
    out = []
    for path, item in spec["paths"].items():
        op = item.get("get")
        if not op or path in NOT_TRIED or "text/html" in str(op.get("responses", {}).get("200", {})):
            continue
        params = op.get("parameters", [])
        url = path
        needed: dict[str, str] = {}
        for p in params:
            if p["in"] == "path":
                url = url.replace("{" + p["name"] + "}", str(_example(p)))
            elif p.get("required"):
                needed[p["name"]] = _example(p)
        if url != path or needed:  # the route's own examples alone
            out.append((url, needed, f"GET {path}"))
        for p in params:
            if p["in"] == "query" and not p.get("required") and _example(p) is not None:
                out.append((url, {**needed, p["name"]: _example(p)}, f"GET {path}?{p['name']}="))
    return out


def _rows(body) -> int:
    """How much an answer found: the longest list at its top level (an object without lists: its fields)."""
    if isinstance(body, list):
        return len(body)
    lists = [len(v) for v in body.values() if isinstance(v, list)]
    return max(lists) if lists else len(body)


def test_every_documented_example_finds_something(client):
    requests = _example_requests(client.app.openapi())
    assert len(requests) >= 15  # the examples of documents, agencies, search, similar, checks …
    empty = []
    for url, query, what in requests:
        r = client.get(url, params=query, headers={"Accept": "application/json"}, follow_redirects=True)
        if r.status_code != 200:
            empty.append(f"{what} {query}: {r.status_code} {r.text[:120]}")
        elif r.headers["content-type"].startswith("application/json") and not _rows(r.json()):
            empty.append(f"{what} {query}: 0 rows")
    assert not empty, "\n".join(empty)


def _sparql_examples(spec: dict) -> list[tuple[str, str]]:
    out = []
    for method, op in spec["paths"]["/sparql"].items():
        for p in op.get("parameters", []):
            if p["name"] == "query" and _example(p):
                out.append((f"{method} parameter", _example(p)))
        for media, content in (op.get("requestBody") or {}).get("content", {}).items():
            example = content.get("example")
            out.append((f"{method} {media}", example["query"] if isinstance(example, dict) else example))
    form = (TEMPLATES / "sparql.html").read_text(encoding="utf-8")
    out.append(("web form", re.search(r"<textarea[^>]*>(.*?)</textarea>", form, re.DOTALL).group(1)))
    return out


def test_every_sparql_example_returns_rows(client):
    examples = _sparql_examples(client.app.openapi())
    assert len(examples) >= 4
    for where, query in examples:
        r = client.post("/sparql", content=query.encode("utf-8"),
                        headers={"Content-Type": "application/sparql-query",
                                 "Accept": "application/sparql-results+json"})
        assert r.status_code == 200, (where, r.text)
        body = r.json()
        found = body["boolean"] if "boolean" in body else len(body["results"]["bindings"])
        assert found, f"the {where} example finds nothing: {query}"


def _context_terms() -> dict[str, dict]:
    context = context_document()["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    terms = {}
    for term, value in context.items():
        if term.startswith("@") or term in prefixes:
            continue
        definition = {"@id": value} if isinstance(value, str) else dict(value)
        prefix, _, local = definition["@id"].partition(":")
        definition["iri"] = prefixes[prefix] + local
        terms[term] = definition
    return terms


def _ask(kg, where: str) -> bool:
    return bool(kg.select(f"SELECT (1 AS ?x) WHERE {{ {where} }} LIMIT 1"))


def test_context_terms_mean_what_the_data_says(corpus_service):
    kg = corpus_service.kg
    data = f"FILTER(?g != <{ontology_graph_iri()}>)"  # the data, not the ontology's own labels
    wrong = []
    for term, d in _context_terms().items():
        iri = f"<{d['iri']}>"
        if term[0].isupper():  # a class: something in the data has it as its type
            if not _ask(kg, f"GRAPH ?g {{ ?s <{RDF.type}> {iri} }}"):
                wrong.append(f"{term}: no {d['iri']} in the data")
            continue
        if not _ask(kg, f"GRAPH ?g {{ ?s {iri} ?o }}"):
            wrong.append(f"{term}: {d['iri']} is used by nothing")
            continue
        kind = d.get("@type")
        if kind == "@id":
            bad = "!isIRI(?o)"
        elif kind:
            prefix, _, local = kind.partition(":")
            bad = f"DATATYPE(?o) != <{context_document()['@context'][prefix]}{local}>"
        elif "@language" in d:
            bad = f"!isLiteral(?o) || LANG(?o) != '{d['@language']}'"
        else:  # a plain term: plain strings (a language tag or a datatype would not compact to it)
            bad = "!isLiteral(?o) || LANG(?o) != '' || DATATYPE(?o) != xsd:string"
        if _ask(kg, f"GRAPH ?g {{ ?s {iri} ?o }} {data} FILTER({bad})"):
            wrong.append(f"{term}: some {d['iri']} values are not what the context declares ({bad})")
    assert not wrong, "\n".join(wrong)


def test_a_document_compacts_to_the_contexts_terms(client, corpus_service):
    seed = "001_68136cc265473cb2.txt"
    iri = corpus_service.kg.find_document(seed)
    title = corpus_service.kg.select(f"SELECT ?t WHERE {{ <{iri}> dcterms:title ?t }}")[0]["t"]
    r = client.get(f"/documents/{seed}", headers={"Accept": "application/ld+json"})
    nodes = [n for n in r.json()["@graph"] if n["@id"] == iri]
    merged = {k: v for n in nodes for k, v in n.items()}
    assert merged["title"] == title  # dcterms:title, in Chinese, read back by its short name
    assert {"LegalResource", "PolicyDocument"} <= set(merged["@type"])
