"""The W3C SPARQL 1.1 Protocol suite's 29 query-side tests, judged twice.

1. Our replay: every request of each test, read from the saved manifest, sent to the app in-process, and
   every expectation the manifest states checked here (status or status class, response Content-Type,
   mf:expectedFormat, mf:expectedBoolean / ht:body), since the suite's own runner skips most of them.
   The store holds the suite's data files in the graphs its tests name (ut:graphData), so ASK answers
   are judged too.
2. The suite's own Node.js runner against the service on a real port, when node is there. Its one
   dependency, the n3 package, comes from the cache folder .ci/setup-browser fills from the npm registry
   (``$POLICYKG_CACHE/w3c-runner``, else ``~/.cache/policykg/w3c-runner``), else from npm into the
   temporary copy; the saved suite folder is never written.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import uvicorn
from conftest import REPO
from policykg.api.app import create_app
from rdflib import Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDFS
from sparql_support import client_of, small_service, stop_workers

SUITE = REPO.parent / "shared" / "w3c-sparql-protocol"
# where .ci/setup-browser installs the runner's dependency (n3) from the npm registry
RUNNER_MODULES = Path(os.environ.get("POLICYKG_CACHE") or Path.home() / ".cache" / "policykg") / "w3c-runner" / "node_modules"
QUERY_TESTS = [
    "bad_multiple_queries", "bad_multiple_queries_form", "bad_query_get_with_body", "bad_query_method",
    "bad_query_missing_direct_type", "bad_query_missing_form_type", "bad_query_multiple_versions",
    "bad_query_non_utf8", "bad_query_syntax", "bad_query_wrong_media_type", "query_content_negotiation_json",
    "query_content_negotiation_xml", "query_content_type_ask", "query_content_type_construct",
    "query_content_type_describe", "query_content_type_select", "query_dataset_default_graph",
    "query_dataset_default_graphs_get", "query_dataset_default_graphs_post", "query_dataset_full",
    "query_dataset_named_graphs_get", "query_dataset_named_graphs_post", "query_get", "query_get_with_version",
    "query_multiple_dataset", "query_post_direct", "query_post_direct_with_version_param", "query_post_form",
    "query_post_form_dataset",
]
# W3C vocabularies of the saved manifest (test data, not this project's terms)
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
BASE = Namespace("http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#")
RESULT_TYPES = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}

pytestmark = pytest.mark.skipif(not (SUITE / "manifest.ttl").is_file(), reason=f"no saved suite at {SUITE}")


def _items(manifest: Graph, head) -> list:
    return list(Collection(manifest, head)) if head is not None else []


@pytest.fixture(scope="module")
def manifest() -> Graph:
    return Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=str(BASE))


@pytest.fixture(scope="module")
def service(manifest, tmp_path_factory):
    """A store with the suite's data files, each in the named graph its tests give it."""
    service = small_service(tmp_path_factory.mktemp("sparql-w3c"))
    graphs: dict[str, str] = {}
    for name in QUERY_TESTS:
        for data in manifest.objects(BASE[name], UT.graphData):
            graphs[str(manifest.value(data, RDFS.label))] = str(manifest.value(data, UT.graph))
    for label, source in graphs.items():
        path = SUITE / urlsplit(source).path.rsplit("/", 1)[-1]
        service.kg.store.replace_graph(label, list(Graph().parse(path, format="nt")))
    yield service
    stop_workers(service)


def _requests(manifest: Graph, name: str) -> list[dict]:
    action = manifest.value(BASE[name], MF.action)
    out = []
    for request in _items(manifest, manifest.value(action, HT.requests)):
        headers = {str(manifest.value(h, HT.fieldName)): str(manifest.value(h, HT.fieldValue))
                   for h in _items(manifest, manifest.value(request, HT.headers))}
        body = manifest.value(request, HT.body)
        content = None
        if body is not None:
            encoding = str(manifest.value(body, CNT.characterEncoding) or "UTF-8")
            content = str(manifest.value(body, CNT.chars)).encode(encoding)
        out.append({"method": str(manifest.value(request, HT.methodName)),
                    "path": str(manifest.value(request, HT.absolutePath)), "headers": headers,
                    "content": content, "resp": manifest.value(request, HT.resp)})
    return out


def _check(manifest: Graph, resp, response) -> list[str]:
    """Every expectation of one ht:Response the manifest states, as failures."""
    failures = []
    status = response.status_code
    codes = [str(code).upper() for code in manifest.objects(resp, HT.statusCodeValue)]
    if codes and not any(all(c in ("X", s) for c, s in zip(code, str(status))) for code in codes):
        failures.append(f"status {status}, expected {' or '.join(codes)}")
    classes = [str(c).rsplit("StatusCode", 1)[-1][0] for c in manifest.objects(resp, MF.expectedStatus)]
    if classes and str(status)[0] not in classes:
        failures.append(f"status {status}, expected {'xx or '.join(classes)}xx")
    actual = response.headers.get("content-type", "").split(";")[0].strip().lower()
    for header in _items(manifest, manifest.value(resp, HT.headers)):
        if str(manifest.value(header, HT.fieldName)).lower() == "content-type":
            allowed = [str(manifest.value(e, HT.elementName)).lower()
                       for e in _items(manifest, manifest.value(header, HT.headerElements))]
            if allowed and actual not in allowed:
                failures.append(f"Content-Type {actual}, expected one of {allowed}")
    expected_format = str(manifest.value(resp, MF.expectedFormat) or "")
    answer = None
    if expected_format in ("boolean", "tabular"):
        try:
            answer = ox.parse_query_results(response.content, format=RESULT_TYPES[actual])
        except (KeyError, SyntaxError, ValueError) as exc:
            failures.append(f"not {expected_format} results ({actual}): {exc}")
        if expected_format == "boolean" and answer is not None and not isinstance(answer, ox.QueryBoolean):
            failures.append("not a boolean result")
        if expected_format == "tabular" and answer is not None and not isinstance(answer, ox.QuerySolutions):
            failures.append("not a table of solutions")
    elif expected_format == "RDF":
        try:
            Graph().parse(data=response.content, format=RDF_TYPES[actual])
        except (KeyError, SyntaxError, ValueError) as exc:
            failures.append(f"not RDF ({actual}): {exc}")
    body = manifest.value(resp, HT.body)
    booleans = [*manifest.objects(resp, MF.expectedBoolean),
                *([manifest.value(body, CNT.chars)] if body is not None else [])]
    for expected in booleans:
        if isinstance(expected, Literal) and isinstance(expected.toPython(), bool):
            got = response.json().get("boolean") if actual.endswith("json") else (
                bool(ox.parse_query_results(response.content, format=RESULT_TYPES[actual]))
                if actual in RESULT_TYPES else None)
            if got is not expected.toPython():
                failures.append(f"boolean {got}, expected {expected.toPython()}")
    return failures


@pytest.mark.parametrize("name", QUERY_TESTS)
def test_w3c_query_test_by_its_manifest(manifest, service, name):
    client = client_of(service)
    requests = _requests(manifest, name)
    assert requests, f"{name} has no request in the manifest"
    for request in requests:
        query = urlsplit(request["path"]).query
        response = client.request(request["method"], "/sparql" + (f"?{query}" if query else ""),
                                  headers=request["headers"], content=request["content"])
        assert request["resp"] is not None
        failures = _check(manifest, request["resp"], response)
        assert not failures, f"{name}: {failures}; answer {response.status_code} {response.text[:300]}"


# -- the suite's own runner ----------------------------------------------------------------------------------


class _GraphStoreStub(BaseHTTPRequestHandler):
    """Takes the runner's Graph Store writes (the endpoint is read-only; the data is already loaded)."""

    def _ok(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = do_DELETE = _ok

    def log_message(self, *args) -> None:  # quiet
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _runner_dependencies(suite: Path) -> None:
    """node_modules for the runner's copy: the cache .ci/setup-browser filled, else npm here (skip if neither)."""
    if (RUNNER_MODULES / "n3" / "package.json").is_file():
        (suite / "node_modules").symlink_to(RUNNER_MODULES, target_is_directory=True)
        return
    if shutil.which("npm") is None:
        pytest.skip(f"no n3 in {RUNNER_MODULES} (run .ci/setup-browser) and no npm")
    installed = subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=suite, capture_output=True,
                               text=True, timeout=300, check=False)
    if installed.returncode != 0:
        pytest.skip(f"npm could not install the runner's dependency: {installed.stderr[-300:]}")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_w3c_runner_passes_every_query_test(service, tmp_path):
    suite = tmp_path / "suite"
    shutil.copytree(SUITE, suite)
    _runner_dependencies(suite)
    stub = ThreadingHTTPServer(("127.0.0.1", 0), _GraphStoreStub)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(service.settings, service), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started:
                break
            time.sleep(0.05)
        run = subprocess.run(
            ["node", "sparql12-protocol-test.mjs", f"http://127.0.0.1:{port}/sparql", "--token", "x",
             "--manifest", "./manifest.ttl", "--graph-store-url", f"http://127.0.0.1:{stub.server_port}/",
             "--earl-output", "./earl.ttl", "-t", ",".join(QUERY_TESTS)],
            cwd=suite, capture_output=True, text=True, timeout=300, check=False)
    finally:
        server.should_exit = True
        thread.join(10)
        stub.shutdown()
    verdicts = {line.split()[1]: line.split()[0] for line in run.stdout.splitlines()
                if line.startswith(("PASS ", "FAIL ", "ERR "))}
    assert set(verdicts) == set(QUERY_TESTS), run.stdout[-3000:] + run.stderr[-1000:]
    failed = {name: verdict for name, verdict in verdicts.items() if verdict != "PASS"}
    assert not failed, json.dumps(failed) + "\n" + run.stdout[-3000:]



def test_our_replay_fails_a_stub_that_answers_500(manifest):
    """The suite's runner passes such a stub on 38 of 48 tests; our checks must fail it on every one."""
    import httpx

    stub = httpx.Response(500, json={"error": "internal_error", "detail": "stub"})
    passed = [name for name in QUERY_TESTS
              if all(not _check(manifest, r["resp"], stub) for r in _requests(manifest, name))]
    assert passed == []
