"""Linked data: every IRI the graph mints (``https://w3id.org/policykg/id/…``) answers on this service.

``GET /id/{path}`` stands for the thing itself (a document, an obligation, an agency, a region) and answers
303 See Other with the address of a description, chosen by the Accept header: a web page (a document's
own page, an obligation's place on it, else a page listing what the graph says) or the RDF description as
Turtle, N-Triples, JSON-LD or RDF/XML at ``/data/{path}.{ttl,nt,jsonld,rdf}``. ``/data/{path}`` without an
extension negotiates too. The IRI base maps to this service's ``/id/``: ``https://w3id.org/policykg/id/doc/X``
is ``/id/doc/X`` here (w3id.org redirects there).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from policykg.api.routes import examples as ex
from policykg.api.routes.common import ApiError, cached, local_id, lock_of, service_of
from policykg.api.routes.linked_data import CONTEXT_PATH, compact
from policykg.api.routes.rdf import TripleText, triples_expanded_jsonld
from policykg.api.routes.sparql_protocol import GRAPH_OFFERS, negotiate
from policykg.api.routes.web import PageError, agency_href, doc_href, obligation_anchor, templates
from policykg.graph.describe import Description, describe, document_of
from policykg.graph.sparql_answer import GRAPH_FORMATS, MEDIA_TYPES
from policykg.ontology.namespace import DATA, DATA_URI, DCTERMS, PKG, PREFIXES, RDFS, SKOS, load_ontology

router = APIRouter(tags=["linked data"])
OFFERS = [("text/html", "html"), ("application/xhtml+xml", "html"), *GRAPH_OFFERS]
EXTENSIONS = {"html": "html", "ttl": "turtle", "nt": "ntriples", "jsonld": "jsonld", "rdf": "rdfxml"}
SUFFIX = {fmt: ext for ext, fmt in EXTENSIONS.items()}
NAME_PREDICATES = (str(SKOS.prefLabel), str(DCTERMS.title), str(RDFS.label))
KIND_LABELS = {"document": "文件", "obligation": "任务", "agency": "部门", "region": "地区", "part": "文件的组成部分",
               "graph": "命名图", "other": "资源"}
NOT_ACCEPTABLE = ("a description comes as text/html, text/turtle, application/n-triples, application/ld+json "
                  "or application/rdf+xml")
EXAMPLE_IRI = str(DATA["region/310000000000"])
EXAMPLE_TURTLE = (f"@prefix skos: <{SKOS}> .\n<{EXAMPLE_IRI}> a <{PKG.Region}> ;\n"
                  "\tskos:prefLabel \"上海市\" ;\n\tskos:notation \"310000000000\" .\n")
RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "The graph says nothing about this IRI",
          "content": {"application/json": {"example": ex.error("not_found", f"nothing is known about {EXAMPLE_IRI}")}}},
    406: {"description": "None of the formats is acceptable",
          "content": {"application/json": {"example": ex.error("not_acceptable", NOT_ACCEPTABLE)}}},
}


def iri_of(path: str) -> str:
    """The minted IRI a service path names: ``doc/X`` -> ``https://w3id.org/policykg/id/doc/X``."""
    return DATA_URI + path.strip("/")


def _description(request: Request, path: str) -> Description:
    iri = iri_of(path)
    try:
        ox.NamedNode(iri)
    except ValueError:  # a path no IRI can have (spaces, quotes): nothing is known about it
        path = ""
    with lock_of(request).read():
        found = cached(request, ("describe", iri), lambda: describe(service_of(request).kg, iri)) if path else None
    if found is None:
        raise PageError(404, f"nothing is known about {iri}", "未找到")
    return found


def _negotiated(request: Request) -> str:
    fmt = negotiate(request.headers.get("accept", ""), OFFERS)
    if fmt is None:
        raise ApiError(406, "not_acceptable", NOT_ACCEPTABLE)
    return fmt


def page_href(found: Description, path: str) -> str:
    """The web page for a thing: a document's page, an obligation's place on it, else its data page."""
    if found.kind == "document":
        return doc_href(found.iri) or ""
    if found.kind == "obligation":
        return doc_href(document_of(found.iri), obligation_anchor(found.iri)) or ""
    return f"/data/{path}.html"


@router.get("/id/{path:path}", summary="Dereference a minted IRI",
            description="The thing an IRI of the graph names (`https://w3id.org/policykg/id/…` is `/id/…` here): "
                        "303 See Other to a description chosen by `Accept`: a web page (a document's page, an "
                        "obligation's place on it, else `/data/{path}.html`) or RDF at `/data/{path}.ttl`, `.nt`, "
                        "`.jsonld` or `.rdf`. A browser and `*/*` get the page. Unknown IRI: 404.",
            status_code=303, response_class=RedirectResponse, responses={
                303: {"description": "See the description (no body)",
                      "headers": {"Location": {"schema": {"type": "string"},
                                               "example": "/data/region/310000000000.ttl"}}},
                **RESPONSES})
def see_other(request: Request, path: str = Path(description="the IRI after https://w3id.org/policykg/id/",
                                                                  examples=["region/310000000000"])) -> Response:
    found = _description(request, path)
    fmt = _negotiated(request)
    root = request.scope.get("root_path", "")
    location = root + (page_href(found, path) if fmt == "html" else f"/data/{path}.{SUFFIX[fmt]}")
    return RedirectResponse(location, status_code=303, headers={"Vary": "Accept"})


@router.get("/data/{path:path}", summary="Description of a minted IRI",
            description="What the graph says about one IRI (`/data/doc/X` for `https://w3id.org/policykg/id/doc/X`): "
                        "a document's whole graph; for anything else the triples about it and its parts, the "
                        "triples pointing at it (at most 1,000: more is flagged by `X-PolicyKG-Truncated` and "
                        "`Warning`) and the labels of what they name. The extension picks the format (`.html`, "
                        "`.ttl`, `.nt`, `.jsonld` compacted with `/context.jsonld`, `.rdf`); without one, `Accept` "
                        "does (`Content-Location` names the file).",
            responses={200: {"content": {"text/turtle": {"example": EXAMPLE_TURTLE},
                                         "application/ld+json": {"example": {"@id": EXAMPLE_IRI,
                                                                             "prefLabel": "上海市"}},
                                         "text/html": {"example": ex.HTML}}},
                       **RESPONSES})
def description(request: Request, path: str = Path(description="the IRI after …/id/, with or without an "
                                                                  "extension", examples=["region/310000000000.ttl"])) -> Response:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in EXTENSIONS and "/" not in ext:
        fmt, path, headers = EXTENSIONS[ext], stem, {}
    else:
        fmt = _negotiated(request)
        headers = {"Vary": "Accept", "Content-Location": f"/data/{path}.{SUFFIX[fmt]}"}
    found = _description(request, path)
    if found.truncated:
        headers.update({"X-PolicyKG-Truncated": "true",
                        "Warning": '199 policykg "links to this resource cut at 1000; query /sparql for all"'})
    if fmt == "html":
        return data_page(request, found, path, headers)
    return representation(request, found.ntriples, fmt, headers)


def representation(request: Request, ntriples: str, fmt: str, headers: dict[str, str]) -> Response:
    """N-Triples written as ``fmt``: Turtle with the ontology's prefixes, JSON-LD compacted with our context."""
    text = TripleText(ntriples)
    if fmt == "jsonld":
        context_url = str(request.base_url).rstrip("/") + CONTEXT_PATH
        return JSONResponse(compact(triples_expanded_jsonld(text.ntriples()), context_url),
                            media_type=MEDIA_TYPES["jsonld"], headers=headers)
    if fmt == "turtle":
        body = text.turtle().encode("utf-8")
    elif fmt == "ntriples":
        body = text.ntriples().encode("utf-8")
    else:
        body = ox.serialize(text._parsed(), format=GRAPH_FORMATS[fmt]) or b""
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)


@lru_cache(maxsize=1)
def _term_labels() -> dict[str, str]:
    """The Chinese label of every ontology term (``pkg:assignment`` -> 任务分配), for the data page."""
    out: dict[str, str] = {}
    for term, label in load_ontology().subject_objects(RDFS.label):
        if getattr(label, "language", None) == "zh":
            out[str(term)] = str(label)
    return out


def curie(iri: str) -> str:
    """``pkg:assignment`` for the full IRI, when one of our prefixes covers it."""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and prefix != "data":
            return f"{prefix}:{iri[len(base):]}"
    return iri


def _href(iri: str) -> str | None:
    return f"/id/{quote(iri[len(DATA_URI):], safe='/')}" if iri.startswith(DATA_URI) else None


def data_page(request: Request, found: Description, path: str, headers: dict[str, str]) -> HTMLResponse:
    """A page listing what the graph says about the thing and what points at it, names in place of IRIs."""
    triples = list(ox.parse(TripleText(found.ntriples).ntriples().encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    names: dict[str, str] = {}
    for t in triples:
        if t.predicate.value in NAME_PREDICATES and isinstance(t.subject, ox.NamedNode):
            names.setdefault(t.subject.value, t.object.value)
    labels = _term_labels()

    def show(term: Any) -> dict[str, Any]:
        if isinstance(term, ox.NamedNode):
            iri = term.value
            # a term of a vocabulary by its Chinese label, a thing of the data by its own name
            text = names.get(iri) if iri.startswith(DATA_URI) else labels.get(iri) or names.get(iri)
            return {"text": text or curie(iri), "href": _href(iri), "iri": iri}
        return {"text": term.value, "href": None, "iri": None}

    own: dict[str, list[dict[str, Any]]] = defaultdict(list)
    inbound: list[dict[str, Any]] = []
    for t in triples:
        if t.subject.value == found.iri:
            own[t.predicate.value].append(show(t.object))
        elif isinstance(t.object, ox.NamedNode) and t.object.value == found.iri:
            predicate = t.predicate.value
            inbound.append({"subject": show(t.subject), "predicate": labels.get(predicate) or curie(predicate)})
    properties = [{"label": labels.get(p) or curie(p), "curie": curie(p), "objects": values}
                  for p, values in sorted(own.items(), key=lambda kv: curie(kv[0]))]
    name = names.get(found.iri) or local_id(found.iri)
    related = None
    if found.kind == "agency":
        related = ("该部门的任务", agency_href(name))
    elif found.kind == "region":
        related = ("该地区的文件", f"/?region={quote(name, safe='')}")
    elif document_of(found.iri):
        related = ("所在文件", page_href(Description(document_of(found.iri) or "", "document", ""), ""))
    return templates.TemplateResponse(request, "resource.html", {
        "iri": found.iri, "name": name, "kind": KIND_LABELS.get(found.kind, found.kind), "properties": properties,
        "inbound": inbound, "truncated": found.truncated, "related": related,
        "downloads": [(label, f"/data/{path}.{ext}") for ext, label in
                      (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("rdf", "RDF/XML"))]},
        headers=headers)
