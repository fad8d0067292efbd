"""HTTP API load: requests/s and p50/p95/p99 latency for /search, /documents/{id}, /documents/{id}/trace
and a typical SPARQL query (plus one analytic query, reported apart), with 1 and with 8 concurrent clients.

    .venv/bin/python benchmarks/api.py [--data DIR] [--encoder e5-small|hash] [--requests 200] [--seconds 20]

Loopback only: the server is `policykg serve`'s app, started here in a child process on 127.0.0.1 and a
free port; every scenario stops at ``--requests`` requests or ``--seconds`` seconds, whichever comes
first. /search runs twice: gold queries drawn at random (repeats hit the query-vector cache) and unseen
queries (each encoded once). Besides latency it prints the server's CPU time per request, which a busy
shared machine changes far less than wall time. Document and trace answers are cached by the server
until the next write, so repeated ids measure the cache and first reads measure the graph. The data
directory (default ``$POLICYKG_CACHE/bench-api``, else ``~/.cache/policykg/bench-api``) is built from
corpus/documents on the first run and kept. Target (baseline): p95 < 100 ms at corpus size for
everything except analytic SPARQL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold" / "search_queries.json"
TARGET_P95_MS = 100.0
TYPICAL_SPARQL = """SELECT ?doc ?title ?date WHERE {
  ?region skos:prefLabel "上海市"@zh . ?doc pkg:region/skos:broader* ?region ; dcterms:title ?title .
  OPTIONAL { ?doc eli:date_document ?date } } ORDER BY DESC(?date) LIMIT 50"""
ANALYTIC_SPARQL = """SELECT ?issuer (COUNT(DISTINCT ?ob) AS ?tasks) WHERE {
  ?doc eli:passed_by/skos:prefLabel ?issuer ; pkg:hasObligation ?ob } GROUP BY ?issuer ORDER BY DESC(?tasks)"""


def _default_data() -> Path:
    base = os.environ.get("POLICYKG_CACHE") or str(Path.home() / ".cache" / "policykg")
    return Path(base) / "bench-api"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data: Path, encoder: str, port: int) -> None:
    """Child process: ingest on first start (as `policykg serve` does), then serve on loopback."""
    import uvicorn
    from policykg.api.app import create_app
    from policykg.api.commands.serve import first_start
    from policykg.api.service import Service
    from policykg.api.settings import Settings

    env = dict(os.environ, POLICYKG_DATA=str(data), POLICYKG_ENCODER=encoder)
    settings = Settings.from_env(env)
    service = Service(settings)
    first_start(service, settings)
    uvicorn.run(create_app(settings, service), host="127.0.0.1", port=port, log_level="warning",
                access_log=False)


def _wait_ready(base: str, proc: subprocess.Popen, limit_s: float) -> None:
    import httpx

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with status {proc.returncode}")
        try:
            if httpx.get(base + "/documents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"server not ready after {limit_s:.0f} s")


def server_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the server process has used so far; NaN where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    k = min(len(sorted_ms) - 1, max(0, round(p / 100 * len(sorted_ms) + 0.5) - 1))
    return sorted_ms[k]


def run_scenario(base: str, paths: list[str], clients: int, max_requests: int, max_seconds: float,
                 in_order: bool = False) -> dict:
    """Send GETs from ``clients`` threads until the request or time bound; latencies in ms. ``in_order``
    hands out ``paths`` one after another (each at most once per scenario) instead of at random."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    issued = 0
    stop_at = time.monotonic() + max_seconds

    def worker(seed: int) -> None:
        nonlocal issued
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    if issued >= max_requests or time.monotonic() > stop_at:
                        return
                    issued += 1
                    path = paths[(issued - 1) % len(paths)] if in_order else rng.choice(paths)
                t0 = time.perf_counter()
                r = client.get(path, headers={"Accept": "application/json"})
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    if r.status_code != 200:
                        errors.append(f"{r.status_code} {path}")

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ms = sorted(latencies)
    return {"requests": len(ms), "errors": len(errors), "first_error": errors[0] if errors else "",
            "rps": len(ms) / elapsed if elapsed else 0.0, "p50": _percentile(ms, 50),
            "p95": _percentile(ms, 95), "p99": _percentile(ms, 99),
            "mean": statistics.fmean(ms) if ms else float("nan")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=_default_data())
    ap.add_argument("--encoder", default=os.environ.get("POLICYKG_ENCODER", "e5-small"))
    ap.add_argument("--requests", type=int, default=200, help="per scenario")
    ap.add_argument("--seconds", type=float, default=20.0, help="per scenario")
    ap.add_argument("--clients", default="1,8")
    ap.add_argument("--serve-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve_child:
        serve(args.data, args.encoder, args.port)
        return 0

    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, __file__, "--serve-child", "--data", str(args.data), "--encoder", args.encoder,
           "--port", str(port)]
    print(f"server: {base} (data {args.data}, encoder {args.encoder}); first run ingests the corpus",
          flush=True)
    proc = subprocess.Popen(cmd)
    try:
        _wait_ready(base, proc, limit_s=1800)
        docs = httpx.get(base + "/documents?limit=1000", timeout=30).json()["documents"]
        ids = [quote(d["id"], safe="") for d in docs]
        queries = [q["query"] for q in json.loads(GOLD.read_text(encoding="utf-8"))["queries"]]
        # repeated queries hit the index's query-vector cache; "unseen" pairs two gold queries so that each
        # request pays for encoding its query
        unseen = [f"{a} {b[:4]}" for a in queries for b in queries if a != b]
        random.Random(7).shuffle(unseen)
        scenarios = {
            "/search (gold, repeats)": [f"/search?q={quote(q)}&limit=10" for q in queries],
            "/search (unseen)": [f"/search?q={quote(q)}&limit=10" for q in unseen[20:]],
            "/documents/{id}": [f"/documents/{i}" for i in ids],
            "/documents/{id}/trace": [f"/documents/{i}/trace" for i in ids],
            "/sparql (typical)": [f"/sparql?query={quote(TYPICAL_SPARQL)}"],
            "/sparql (analytic)": [f"/sparql?query={quote(ANALYTIC_SPARQL)}"],
        }
        for name, paths in scenarios.items():  # warm-up: load the model, touch the store
            for path in (paths[:20] if "unseen" not in name else [f"/search?q={quote(q)}" for q in unseen[:20]]):
                httpx.get(base + path, timeout=120)
        print(f"corpus: {len(docs)} documents, {len(queries)} search queries; bounds: {args.requests} requests "
              f"or {args.seconds:g} s per scenario; baseline target p95 < {TARGET_P95_MS:g} ms "
              f"(analytic SPARQL exempt)")
        # client, server and whatever else runs share the cores: the load says how much was left
        print(f"load before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        # server CPU per request does not depend on how busy the machine is, unlike the latencies
        head = f"{'endpoint':26} {'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} " \
               f"{'p95 ms':>8} {'p99 ms':>8} {'srv CPU':>8}  target"
        print(head)
        print("-" * len(head))
        offset = 0
        for clients in [int(c) for c in args.clients.split(",")]:
            for name, paths in scenarios.items():
                fresh = "unseen" in name
                cpu_before = server_cpu_s(proc.pid)
                r = run_scenario(base, paths[offset:] if fresh else paths, clients, args.requests, args.seconds,
                                 in_order=fresh)
                cpu_ms = (server_cpu_s(proc.pid) - cpu_before) * 1000 / max(1, r["requests"])
                if fresh:  # the 8-client run gets queries the 1-client run did not ask
                    offset += r["requests"]
                verdict = "n/a" if "analytic" in name else ("ok" if r["p95"] < TARGET_P95_MS else "MISSED")
                print(f"{name:26} {clients:>7} {r['requests']:>8} {r['errors']:>6} {r['rps']:>8.1f} "
                      f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {cpu_ms:>5.1f} ms  {verdict}", flush=True)
                if r["errors"]:
                    print(f"    first error: {r['first_error']}")
        print(f"\nload after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        proc.terminate()
        proc.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
