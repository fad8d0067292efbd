"""The store on real SPARQL servers against the embedded one: write + citation resolution time of the
same parsed documents, and query medians, side by side in one run.

Run:  .venv/bin/python benchmarks/remote_store.py [--scale N] [--runs R]

The corpus is parsed once; each store (embedded Oxigraph, Oxigraph server, Virtuoso when installed)
starts empty on free ports (tests/sparql_servers.py) and gets the same documents through
``KnowledgeGraph.add_documents`` (write groups, then links resolved once). With ``--scale N`` the
corpus is replicated to N documents with distinct IRIs, as benchmarks/ingest.py does. Each store's
line is printed as soon as it is done (``--stores`` picks which, in that order), with wall seconds and the
CPU seconds of this process (the client; for the embedded store, all the work) and of the server process:
on a shared machine, compare CPU seconds, and the columns of one run, not runs on different days.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "benchmarks"), str(REPO / "tests")]

from policykg.graph import kg as kg_module
from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.pipeline import iter_files, parse_paths
from sparql_servers import oxigraph_server, virtuoso_binaries, virtuoso_server

from ingest import QUERIES, _replica


def _cpu_s(pid: int | None) -> float:
    """User + system CPU seconds of process ``pid`` so far (0 without one)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(kg: KnowledgeGraph, docs: list, runs: int, server_pid: int | None) -> dict:
    started, cpu, server_cpu = time.monotonic(), time.process_time(), _cpu_s(server_pid)
    report = kg.add_documents(docs)
    write_s = time.monotonic() - started
    client_cpu_s, server_cpu_s = time.process_time() - cpu, _cpu_s(server_pid) - server_cpu
    failed = [e for e in report if e.get("status") == "failed"]
    if failed:
        raise SystemExit(f"{len(failed)} documents failed, e.g. {failed[0].get('reason')}")
    medians = {}
    for name, query in QUERIES.items():
        rows = len(kg.query(query, timeout=120)["results"]["bindings"])  # warm-up
        times = []
        for _ in range(runs):
            t = time.monotonic()
            kg.query(query, timeout=120)
            times.append((time.monotonic() - t) * 1000)
        medians[name] = (statistics.median(times), rows)
    return {"write_s": write_s, "docs": len(docs), "queries": medians, "client_cpu_s": client_cpu_s,
            "server_cpu_s": server_cpu_s}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus" / "documents")
    ap.add_argument("--scale", type=int, help="replicate the corpus to this many documents")
    ap.add_argument("--runs", type=int, default=7, help="timed runs per query")
    ap.add_argument("--stores", default="embedded,oxigraph,virtuoso",
                    help="which stores, in this order (embedded, oxigraph, virtuoso)")
    ap.add_argument("--read-timeout", type=float, default=600.0,
                    help="time limit of internal reads (the service's 30 s fails at 10,000 documents on a "
                         "loaded shared machine)")
    args = ap.parse_args()
    kg_module.READ_TIMEOUT_S = args.read_timeout

    started = time.monotonic()
    docs, errors = parse_paths(iter_files([args.corpus]))
    print(f"parsed {len(docs)} documents ({len(errors)} failed) in {time.monotonic() - started:.1f} s")
    if args.scale:
        docs = [_replica(docs[i % len(docs)], i) for i in range(args.scale)]

    results = {}
    wanted = [name.strip() for name in args.stores.split(",") if name.strip()]
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as servers:
        backends: dict[str, tuple[str, int | None]] = {}
        for name in wanted:
            if name == "embedded":
                backends["embedded"] = ("oxigraph", None)
            elif name == "oxigraph":
                oxigraph = servers.enter_context(oxigraph_server(Path(tmp) / "oxigraph-server"))
                backends["oxigraph server"] = (oxigraph["backend"], oxigraph["pid"])
            elif name == "virtuoso" and virtuoso_binaries():
                virtuoso = servers.enter_context(virtuoso_server(Path(tmp) / "virtuoso"))
                backends["virtuoso"] = (virtuoso["backend"], virtuoso["pid"])
            elif name == "virtuoso":
                print("virtuoso not installed: left out")
            else:
                raise SystemExit(f"unknown store {name!r}: use embedded, oxigraph, virtuoso")
        for name, (backend, pid) in backends.items():
            kg = KnowledgeGraph.open(Path(tmp) / name.replace(" ", "-"), backend=backend)
            results[name] = r = _measure(kg, docs, args.runs, pid)
            kg.close()
            queries = ", ".join(f"{q} {ms:.1f} ms" for q, (ms, _) in r["queries"].items())
            print(f"{name:16} write+resolve {r['write_s']:7.1f} s  {r['docs'] / r['write_s']:7.1f} docs/s  "
                  f"CPU client {r['client_cpu_s']:.1f} s, server {r['server_cpu_s']:.1f} s; {queries}", flush=True)

    names = list(results)
    print(f"\n| {len(docs)} documents | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    print("| write + resolve (s) | " + " | ".join(f"{results[n]['write_s']:.1f}" for n in names) + " |")
    print("| docs/s | " + " | ".join(f"{results[n]['docs'] / results[n]['write_s']:.1f}" for n in names) + " |")
    print("| CPU s: client + server | " + " | ".join(
        f"{results[n]['client_cpu_s']:.1f} + {results[n]['server_cpu_s']:.1f}" for n in names) + " |")
    for query in QUERIES:
        cells = [f"{results[n]['queries'][query][0]:.1f} ms ({results[n]['queries'][query][1]} rows)" for n in names]
        print(f"| {query} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
