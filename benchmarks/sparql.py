"""SPARQL endpoint figures: latency of a simple SELECT, and the server's CPU and memory around timeouts.

Starts the HTTP service (uvicorn, one process) over an ingested data directory, then

1. times ``--n`` sequential requests of a simple SELECT, the same text each time and then a distinct text
   each time (median, 90th percentile, ms);
2. sends hostile queries that hit the time limit (a 4-way cartesian COUNT, an ORDER BY over a 2-way
   cartesian with LIMIT 1) and prints, for the server and all its child processes together, CPU use
   (% of one core) and resident memory (MB) at idle before, then every 0.5 s after the 503.

    python benchmarks/sparql.py --data .policykg [--timeout 3] [--n 200]

Needs Linux (/proc). The data directory's store must not be open in another process.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

SIMPLE = "SELECT ?doc ?title WHERE { ?doc a pkg:PolicyDocument ; dcterms:title ?title } LIMIT 10"
HOSTILE = {
    "cartesian COUNT": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }",
    "ORDER BY cartesian": "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?b ?d LIMIT 1",
}
SERVER = ("import sys, uvicorn; from policykg.api.app import create_app; "
          "from policykg.api.settings import Settings; s = Settings.from_env(); "
          "uvicorn.run(create_app(s), host='127.0.0.1', port=int(sys.argv[1]), log_level='warning')")
TICK = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _usage(pid: int) -> tuple[float, float]:
    """(CPU seconds used so far, resident MB now) of the process tree under ``pid``."""
    cpu = rss = 0.0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / TICK
            rss += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
        except (OSError, IndexError, ValueError):
            continue
    return cpu, rss


def _sample(pid: int, seconds: float) -> tuple[float, float]:
    """CPU % of one core over ``seconds``, and resident MB at its end."""
    cpu0, _ = _usage(pid)
    time.sleep(seconds)
    cpu1, rss = _usage(pid)
    return 100 * (cpu1 - cpu0) / seconds, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=3.0, help="the server's SPARQL time limit (s)")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--after", type=float, default=6.0, help="seconds to watch after each 503")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "POLICYKG_DATA": str(args.data.resolve()), "POLICYKG_ENCODER": "hash",
           "POLICYKG_SPARQL_TIMEOUT": str(args.timeout), "OMP_NUM_THREADS": "1"}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], env=env)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        with httpx.Client(timeout=120) as client:
            for _ in range(600):
                try:
                    client.get(url, params={"query": "ASK {}"})
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            for _ in range(20):  # warm up
                client.get(url, params={"query": SIMPLE}).raise_for_status()
            for label, vary in (("the same simple SELECT", False), ("distinct simple SELECTs", True)):
                times = []
                cpu_before, _ = _usage(server.pid)
                for i in range(args.n):
                    query = f"{SIMPLE}\n# request {i}" if vary else SIMPLE  # another text, the same rows
                    t = time.perf_counter()
                    client.get(url, params={"query": query}).raise_for_status()
                    times.append(1000 * (time.perf_counter() - t))
                cpu_ms = 1000 * (_usage(server.pid)[0] - cpu_before) / args.n
                times.sort()
                print(f"{label}, {args.n} sequential requests: median {statistics.median(times):.2f} ms, "
                      f"p90 {times[int(0.9 * len(times))]:.2f} ms, server CPU {cpu_ms:.1f} ms per request "
                      "(workers included)")
            time.sleep(1.0)
            for name, query in HOSTILE.items():
                cpu, rss = _sample(server.pid, 2.0)
                print(f"\n{name}: idle before: CPU {cpu:5.1f} %, RSS {rss:7.1f} MB")
                t = time.perf_counter()
                r = client.get(url, params={"query": query})
                print(f"  answer {r.status_code} after {time.perf_counter() - t:.2f} s: {r.text[:90]}")
                for step in range(int(args.after / 0.5)):
                    cpu, rss = _sample(server.pid, 0.5)
                    print(f"  +{0.5 * (step + 1):4.1f} s: CPU {cpu:5.1f} %, RSS {rss:7.1f} MB")
                t = time.perf_counter()
                client.get(url, params={"query": SIMPLE}).raise_for_status()
                print(f"  a simple SELECT then: {1000 * (time.perf_counter() - t):.1f} ms")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
