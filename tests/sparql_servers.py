"""Real SPARQL servers for tests, each on free ports with a database of its own: Oxigraph server (the
``oxigraph`` package of the test extras) and Virtuoso 7 (Debian ``virtuoso-opensource``, installed by
.ci/setup-browser), set up as .ci/virtuoso.sql says. Also a stub server for the failures a real one
will not stage on demand (hangs, silent row caps, basic authentication)."""

from __future__ import annotations

import contextlib
import itertools
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
VIRTUOSO_SETUP = REPO / ".ci" / "virtuoso.sql"
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "policykg", "policykg-test"  # as .ci/virtuoso.sql creates it
START_TIMEOUT_S = 90.0


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_answering(url: str, process: subprocess.Popen, log: Path) -> float:
    started = time.monotonic()
    while time.monotonic() - started < START_TIMEOUT_S:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited at start ({process.returncode}): {log.read_text()[-2000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT_S:g} s: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[dict]:
    """``oxigraph serve`` on a free port; yields {name, backend, query, store, started_s}."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph command is missing: pip install -e '.[test]'")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "oxigraph.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}",
                                    "--union-default-graph"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        started = _wait_until_answering(f"{base}/query", process, log)
        yield {"name": "oxigraph", "backend": f"{base}/query {base}/store", "query": f"{base}/query", "store": f"{base}/store",
               "started_s": started, "pid": process.pid}
    finally:
        _stop(process)


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {db}
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 10
ServerThreads = 10
[SPARQL]
; ResultSetMaxRows stays at Virtuoso's default (10000), so that paging is proven
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    """(virtuoso-t, isql-vt) when Virtuoso is installed."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


@contextlib.contextmanager
def virtuoso_server(folder: Path) -> Iterator[dict]:
    """Virtuoso on free ports with a fresh database in ``folder``, set up by .ci/virtuoso.sql; yields
    {name, backend (with the writer's credentials), query, started_s}."""
    binaries = virtuoso_binaries()
    if binaries is None:
        raise RuntimeError("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    server, isql = binaries
    sql_port, http_port = free_port(), free_port()
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([server, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        started = _wait_until_answering(f"{base}/sparql", process, log)
        setup = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", str(VIRTUOSO_SETUP)], check=False,
                               capture_output=True, text=True, timeout=60)
        if setup.returncode != 0 or "Error" in setup.stdout + setup.stderr:
            raise RuntimeError(f"{VIRTUOSO_SETUP.name} failed: {setup.stdout[-1500:]} {setup.stderr[-1500:]}")
        writer = f"http://{VIRTUOSO_USER}:{VIRTUOSO_PASSWORD}@127.0.0.1:{http_port}"
        yield {"name": "virtuoso", "backend": f"{writer}/sparql-auth {writer}/sparql-graph-crud-auth", "query": f"{base}/sparql",
               "started_s": started, "pid": process.pid}
    finally:
        _stop(process)


class StubEndpoint(BaseHTTPRequestHandler):
    """SPARQL Query + Graph Store Protocol over an in-memory Oxigraph, with failures to order:
    ``cap`` (cut SELECT answers silently at that many rows), ``hang_s`` (sleep before answering
    queries that contain ``hang_marker``, or every request when the marker is empty), ``basic``
    ((user, password) that every request must carry). Records each request as (method, content type)."""

    store: ox.Store
    cap: int | None = None
    hang_s: float = 0.0
    hang_marker: str = ""
    basic: tuple[str, str] | None = None
    requests: list[tuple[str, str]]
    unordered: bool = False  # keep no order a query does not state at its top level, nor among ties

    def log_message(self, *args):
        return None

    def _reply(self, code: int, body: bytes = b"", ctype: str = "text/plain", headers: dict | None = None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting
            self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _allowed(self) -> bool:
        if self.basic is None:
            return True
        import base64

        expected = "Basic " + base64.b64encode(":".join(self.basic).encode()).decode()
        if self.headers.get("Authorization") == expected:
            return True
        self._reply(401, b"who are you", headers={"WWW-Authenticate": 'Basic realm="stub"'})
        return False

    def _query(self, sparql: str) -> None:
        if self.hang_s and self.hang_marker and self.hang_marker in sparql:
            time.sleep(self.hang_s)
        if self.unordered and isinstance(shuffled := self._unordered(sparql), bytes):
            return self._reply(200, shuffled, "application/sparql-results+json")
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            return self._reply(400, str(exc).encode())
        if isinstance(result, ox.QueryBoolean):
            return self._reply(200, json.dumps({"head": {}, "boolean": bool(result)}).encode(),
                               "application/sparql-results+json")
        if isinstance(result, ox.QuerySolutions):
            body = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))
            if self.cap is not None:
                body["results"]["bindings"] = body["results"]["bindings"][:self.cap]
            return self._reply(200, json.dumps(body).encode(), "application/sparql-results+json")
        return self._reply(200, result.serialize(format=ox.RdfFormat.N_TRIPLES), "application/n-triples")

    def _unordered(self, sparql: str) -> bytes | None:
        """A SELECT answer as an engine that only keeps the order a query's outermost ORDER BY states
        (by variables) may give it: every other order (a subquery's ORDER BY included) shuffled afresh on each
        call, before the outermost OFFSET and LIMIT, and rows of equal key shuffled among themselves."""
        tail = re.search(r"\s(?:OFFSET\s+(\d+)\s+)?LIMIT\s+(\d+)\s*$", sparql)
        whole = sparql[:tail.start()] if tail else sparql
        try:
            result = self.store.query(whole, use_default_graph_as_union=True)
        except SyntaxError:
            return None
        if not isinstance(result, ox.QuerySolutions):
            return None
        body = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))
        rows = body["results"]["bindings"]
        order = re.search(r"\}\s*ORDER BY((?:\s+\?\w+)+)\s*$", whole)
        if order:  # shuffle among ties only
            names = order[1].split()

            def key(row: dict) -> tuple:
                return tuple(row.get(name[1:], {}).get("value") for name in names)

            runs = [list(run) for _, run in itertools.groupby(rows, key=key)]
            rows = [row for run in runs for row in random.sample(run, len(run))]
        else:
            rows = random.sample(rows, len(rows))
        if tail:
            start = int(tail[1] or 0)
            rows = rows[start:start + int(tail[2])]
        body["results"]["bindings"] = rows[:self.cap] if self.cap is not None else rows
        return json.dumps(body).encode()

    def do_GET(self):
        self.requests.append(("GET", ""))
        if self.hang_s and not self.hang_marker:
            time.sleep(self.hang_s)
        if self._allowed():
            self._query(parse_qs(urlparse(self.path).query)["query"][0])

    def do_POST(self):
        ctype = self.headers.get("Content-Type", "")
        self.requests.append(("POST", ctype))
        body = self._body()
        if not self._allowed():
            return
        if urlparse(self.path).path == "/query":
            if ctype != "application/x-www-form-urlencoded":
                return self._reply(415, b"form posts only")
            return self._query(parse_qs(body.decode())["query"][0])
        graph = ox.NamedNode(parse_qs(urlparse(self.path).query)["graph"][0])
        self.store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        self._reply(204)

    def do_PUT(self):
        self.requests.append(("PUT", self.headers.get("Content-Type", "")))
        body = self._body()
        if not self._allowed():
            return
        graph = ox.NamedNode(parse_qs(urlparse(self.path).query)["graph"][0])
        if self.store.contains_named_graph(graph):
            self.store.remove_graph(graph)
        self.store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        self._reply(201)

    def do_DELETE(self):
        self.requests.append(("DELETE", ""))
        if not self._allowed():
            return
        graph = ox.NamedNode(parse_qs(urlparse(self.path).query)["graph"][0])
        if not self.store.contains_named_graph(graph):
            return self._reply(404)
        self.store.remove_graph(graph)
        self._reply(204)


@contextlib.contextmanager
def stub_server(**behaviour) -> Iterator[tuple[str, type[StubEndpoint]]]:
    """A StubEndpoint subclass with ``behaviour`` on a free port; yields (base URL, the handler class)."""
    handler = type("Stub", (StubEndpoint,), {"store": ox.Store(), "requests": [], **behaviour})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()
