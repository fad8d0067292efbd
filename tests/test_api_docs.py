"""Every HTTP route is documented in OpenAPI with a description and an example answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from policykg.api.app import create_app
from policykg.api.settings import Settings

HIDDEN = {"/favicon.ico"}  # a redirect for browsers, not part of the API


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    # building the schema opens nothing: the data directory is never touched
    return create_app(Settings(data_dir=Path(tmp_path_factory.mktemp("docs-data"))))


def _operations(app):
    for path, item in app.openapi()["paths"].items():
        for method, op in item.items():
            yield path, method, op


def _has_example(op: dict) -> bool:
    for response in op.get("responses", {}).values():
        for media in response.get("content", {}).values():
            if "example" in media or media.get("examples"):
                return True
    return False


def _api_routes(routes) -> list[APIRoute]:
    """Every APIRoute, also inside included routers (FastAPI 0.165 keeps them behind _IncludedRouter)."""
    out = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            out += _api_routes(inner.routes)
        elif isinstance(route, APIRoute):
            out.append(route)
    return out


def test_every_route_is_in_the_schema(app):
    documented = {(p, m.upper()) for p, m, _ in _operations(app)}
    routes = _api_routes(app.routes)
    assert len(routes) > 20, "the routes were not found: this test would check nothing"
    for route in routes:
        if route.path in HIDDEN:
            continue
        assert route.include_in_schema, f"{route.path} is hidden from the OpenAPI schema"
        path = route.path_format.replace(":path", "")
        for method in route.methods - {"HEAD"}:
            assert (path, method) in documented, f"{method} {path} is missing from the OpenAPI schema"


def test_every_operation_has_a_description_and_an_example(app):
    missing = []
    for path, method, op in _operations(app):
        if len(op.get("description", "").strip()) < 20:
            missing.append(f"{method.upper()} {path}: no description")
        if not op.get("summary"):
            missing.append(f"{method.upper()} {path}: no summary")
        if not _has_example(op):
            missing.append(f"{method.upper()} {path}: no example answer")
    assert not missing, "\n".join(missing)


def test_error_shape_is_documented_where_errors_happen(app):
    for path, method, op in _operations(app):
        for status, response in op.get("responses", {}).items():
            if not status.startswith(("4", "5")):
                continue
            example = response.get("content", {}).get("application/json", {}).get("example")
            assert example and set(example) == {"error", "detail"}, f"{method.upper()} {path} {status}"


def test_the_core_routes_exist(app):
    paths = set(app.openapi()["paths"])
    for path in ("/sparql", "/documents", "/documents/{doc_id}", "/documents/{doc_id}/trace", "/agencies",
                 "/agencies/{agency_id}/obligations", "/search", "/similar", "/checks"):
        assert path in paths, path


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_only_local_assets(app, page):
    import re

    from fastapi.testclient import TestClient

    client = TestClient(app)
    answer = client.get(page)
    assert answer.status_code == 200
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", answer.text)
    assert urls, answer.text
    for url in urls:
        assert url.startswith("/"), f"{page} loads {url} from outside the server"
        assert client.get(url).status_code == 200, url
