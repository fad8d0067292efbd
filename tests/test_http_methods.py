"""HEAD and OPTIONS wherever GET answers (never 405), and cross-origin reads only when the settings name
origins (POLICYKG_CORS_ORIGINS)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import make_settings
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.service import Service
from policykg.api.settings import Settings

ORIGIN = "https://yasgui.example"


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Service:
    return Service(make_settings(tmp_path_factory.mktemp("methods-data")))


@pytest.fixture(scope="module")
def client(service) -> TestClient:
    return TestClient(create_app(service.settings, service), raise_server_exceptions=False)


def _get_paths(client: TestClient) -> list[str]:
    """Every GET operation of the OpenAPI document, its path parameters filled with their examples."""
    paths = []
    for path, item in client.app.openapi()["paths"].items():
        if "get" not in item:
            continue
        for p in item["get"].get("parameters", []):
            if p["in"] == "path":
                example = (p.get("schema", {}).get("examples") or ["x"])[0]
                path = path.replace("{" + p["name"] + "}", str(example))
        paths.append(path)
    return paths


def test_head_is_get_without_the_body_on_every_get_route(client):
    paths = _get_paths(client) + ["/static/style.css", "/docs", "/openapi.json"]
    assert len(paths) >= 20
    for path in paths:
        get = client.get(path, follow_redirects=False)
        head = client.head(path, follow_redirects=False)
        assert head.status_code == get.status_code != 405, path
        assert head.content == b"", path
        assert head.headers.get("content-type") == get.headers.get("content-type"), path
        if get.status_code == 200 and "content-length" in get.headers:
            assert head.headers["content-length"] == get.headers["content-length"], path


def test_options_lists_the_methods_of_every_get_route(client):
    for path in _get_paths(client):
        r = client.options(path)
        assert r.status_code == 200, path
        allowed = set(r.headers["allow"].split(", "))
        assert {"GET", "HEAD", "OPTIONS"} <= allowed and set(r.json()["allow"]) == allowed, path
    assert set(client.options("/documents").headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    assert "POST" in client.options("/sparql").headers["allow"]  # the endpoint's own answer


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_unknown_addresses_are_still_404(client, method):
    assert client.request(method, "/no-such-page").status_code == 404


def test_cors_is_off_by_default(client):
    r = client.get("/documents", headers={"Origin": ORIGIN})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    preflight = client.options("/sparql", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_origins_setting_is_read():
    env = {"POLICYKG_CORS_ORIGINS": f"{ORIGIN}, http://localhost:3000"}
    assert Settings.from_env(env).cors_origins == (ORIGIN, "http://localhost:3000")
    assert Settings.from_env({}).cors_origins == ()


def test_cors_lets_the_named_origins_read_and_query(service):
    client = TestClient(create_app(replace(service.settings, cors_origins=(ORIGIN,)), service))
    r = client.get("/documents", headers={"Origin": ORIGIN})
    assert r.headers["access-control-allow-origin"] == ORIGIN
    assert "X-PolicyKG-Truncated" in r.headers["access-control-expose-headers"]
    assert "access-control-allow-credentials" not in r.headers
    preflight = client.options("/sparql", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    # another origin reads nothing; a write token never crosses origins
    assert "access-control-allow-origin" not in client.get("/documents", headers={"Origin": "https://evil.example"}).headers
    upload = client.options("/documents", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "authorization"})
    assert upload.status_code == 400
    errors = client.get("/documents/no-such-document", headers={"Origin": ORIGIN})
    assert errors.status_code == 404 and errors.headers["access-control-allow-origin"] == ORIGIN
