"""Ingest benchmark: parse + graph write throughput, store size, peak RSS and query latency.

Run:  .venv/bin/python benchmarks/ingest.py [--quick] [--scale N]

1. corpus/: parse every file (ingest layer), then write every document to a fresh on-disk store
   (graph layer: triples for metadata, passages, obligations, citations; one transaction per document).
2. scaled: the parsed corpus documents replicated under distinct IRIs (file name and 文号 suffixed)
   up to N documents (10,000; 1,000 with --quick), written in batches as `ingest` does.
3. median latency of three SPARQL queries over the scaled store: documents of a region including
   sub-regions, documents by level, count by issuer.

Targets (issue 2): >= 50 documents/s on one core; < 50 ms median per query at 10,000 documents.
Baseline: the issue's measurement of pyoxigraph (100k documents, 12M triples in ~140 s).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.model import Document
from policykg.ingest.pipeline import parse_paths

REPO = Path(__file__).resolve().parent.parent
TARGET_DOCS_PER_S = 50.0
TARGET_QUERY_MS = 50.0
QUERIES = {
    "region incl. sub-regions": """SELECT ?doc WHERE { ?r skos:notation "310000000000" .
        ?doc pkg:region/skos:broader* ?r ; a pkg:PolicyDocument }""",
    "documents by level": "SELECT ?doc WHERE { ?doc pkg:level pkg:county ; a pkg:PolicyDocument }",
    "count by issuer": """SELECT ?org (COUNT(?doc) AS ?n) WHERE { ?doc eli:passed_by ?org }
        GROUP BY ?org ORDER BY DESC(?n)""",
}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _replica(doc: Document, i: int) -> Document:
    """A copy of ``doc`` that gets its own IRI (another file name, another 文号)."""
    name = f"r{i:05d}-{Path(doc.source).name}"
    return dataclasses.replace(doc, source=name, path=f"/replica/{i:05d}/{Path(doc.source).name}",
                               doc_number=f"{doc.doc_number}-副本{i}" if doc.doc_number else None,
                               sha256=f"{i:08x}{doc.sha256[8:]}")


def _write(kg: KnowledgeGraph, docs: list[Document], batch: int, budget_s: float | None = None
           ) -> tuple[int, float, float]:
    """Write in batches until done or out of time budget: (documents written, wall s, CPU s)."""
    wall, cpu = time.perf_counter(), time.process_time()
    bad: list[dict] = []
    done = 0
    for k in range(0, len(docs), batch):
        bad += [r for r in kg.add_documents(docs[k:k + batch]) if r["status"] not in ("added", "replaced")]
        done = min(k + batch, len(docs))
        if budget_s is not None and time.perf_counter() - wall > budget_s:
            print(f"  time budget of {budget_s:.0f} s spent: stopped at {done} documents")
            break
    if bad:
        print(f"  WARNING {len(bad)} documents not written, e.g. {bad[0]['source']}: {bad[0].get('reason')}")
    return done, time.perf_counter() - wall, time.process_time() - cpu


def _median_ms(kg: KnowledgeGraph, query: str, runs: int) -> tuple[float, int]:
    rows = len(kg.query(query, timeout=60)["results"]["bindings"])  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        kg.query(query, timeout=60)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def _verdict(ok: bool) -> str:
    return "ok" if ok else "BELOW TARGET"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="scale to 1,000 documents instead of 10,000")
    ap.add_argument("--scale", type=int, help="number of documents in the scaled corpus")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus" / "documents")
    ap.add_argument("--runs", type=int, default=9, help="timed runs per query")
    ap.add_argument("--budget", type=float, default=1200, help="seconds allowed for the scaled write")
    args = ap.parse_args(argv)
    scale = args.scale or (1_000 if args.quick else 10_000)

    files = [p for p in args.corpus.rglob("*") if p.is_file()]
    mbytes = sum(p.stat().st_size for p in files) / 1e6
    wall, cpu = time.perf_counter(), time.process_time()
    docs, errors = parse_paths([args.corpus])
    parse_s, parse_cpu = time.perf_counter() - wall, time.process_time() - cpu
    doc_mb = sum(Path(d.path).stat().st_size for d in docs) / 1e6

    def rate(n: int, mb: float, wall_s: float, cpu_s: float) -> str:
        return (f"{n / wall_s:8.1f} docs/s {mb / wall_s:6.2f} MB/s wall ({wall_s:.1f} s) | "
                f"{n / cpu_s:8.1f} docs/s {mb / cpu_s:6.2f} MB/s per CPU-second")

    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        kg = KnowledgeGraph.open(Path(tmp) / "corpus")
        _, write_s, write_cpu = _write(kg, docs, batch=len(docs))
        kg.store.optimize()
        corpus_store = _size(Path(tmp) / "corpus" / "store")
        print(f"corpus/: {len(docs)} documents, {len(errors)} files failed, {mbytes:.2f} MB in {len(files)} files")
        print(f"  parse  {rate(len(docs), doc_mb, parse_s, parse_cpu)}")
        print(f"  write  {rate(len(docs), doc_mb, write_s, write_cpu)}")
        total_cpu = parse_cpu + write_cpu
        print(f"  total  {rate(len(docs), doc_mb, parse_s + write_s, total_cpu)}")
        print(f"  target >= {TARGET_DOCS_PER_S:.0f} docs/s on one core (CPU time): "
              f"{_verdict(len(docs) / total_cpu >= TARGET_DOCS_PER_S)}")
        print(f"  store on disk {corpus_store / 1e6:.1f} MB (after compaction)")

        replicas = [_replica(docs[i % len(docs)], i) for i in range(scale)]
        kg = KnowledgeGraph.open(Path(tmp) / "scaled")
        written, scaled_s, scaled_cpu = _write(kg, replicas, batch=500, budget_s=args.budget)
        scaled_mb = sum(len(d.text.encode("utf-8")) for d in replicas[:written]) / 1e6
        quads = int(kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=600)
                    ["results"]["bindings"][0]["n"]["value"])
        # a replica skips parsing, so the ingest rate at scale combines the corpus parse rate with this write rate
        combined = 1 / (parse_cpu / len(docs) + scaled_cpu / written)
        print(f"scaled: {written} of {scale} documents ({scaled_mb:.1f} MB of text), {quads:,} quads")
        print(f"  write  {rate(written, scaled_mb, scaled_s, scaled_cpu)}")
        print(f"  parse+write per CPU-second (estimated) {combined:8.1f} docs/s   target >= "
              f"{TARGET_DOCS_PER_S:.0f}: {_verdict(combined >= TARGET_DOCS_PER_S)}")
        kg.store.optimize()
        print(f"  store on disk {_size(Path(tmp) / 'scaled' / 'store') / 1e6:.1f} MB (after compaction)")
        for name, query in QUERIES.items():
            ms, rows = _median_ms(kg, query, args.runs)
            print(f"  query {name:26} median {ms:7.2f} ms  ({rows} rows)   target < {TARGET_QUERY_MS:.0f} ms "
                  f"at 10,000: {_verdict(ms < TARGET_QUERY_MS)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
