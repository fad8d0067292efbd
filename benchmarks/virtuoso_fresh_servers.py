"""Reads of fresh Virtuoso servers against the embedded store's, one document at a time: for answers that only
some freshly started servers get wrong (51d8865: about one in ten or more lost deadline dates).

Run:  .venv/bin/python benchmarks/virtuoso_fresh_servers.py [--runs 20] [--corpus DIR ...]

The corpus (seeds and provincial by default, as tests/test_remote_store.py ingests) goes into an embedded
store once; each run starts a fresh Virtuoso (tests/sparql_servers.py), writes it the same named graphs, one
Graph Store PUT each as an ingest does, and compares every document's reads with the embedded store's:
``control`` (load_record's deadline query as it was before 51d8865: six OPTIONALs, two over property paths,
the query known to fail: a run where it differs is a bad server), ``show`` (obligations_json), ``facts``
(the document page's fact_spans) and ``record`` (check's load_record). One line per run, then the counts.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, is_dataclass
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("POLICYKG_ENCODER", "hash")
REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests")]

import pyoxigraph as ox
from conftest import CORPUS_DOCUMENTS, SEEDS, make_settings
from policykg.api.routes.highlight import fact_spans
from policykg.api.service import Service
from policykg.graph.kg import KnowledgeGraph
from policykg.graph.obligation_queries import obligations_json
from policykg.graph.store import open_store
from policykg.search.consistency_graph import load_record
from sparql_servers import virtuoso_binaries, virtuoso_server

CONTROL = """SELECT ?o ?text ?s ?e ?precision ?date ?start ?rec ?event WHERE {{
    <{doc}> pkg:hasObligation ?o . ?o pkg:deadline ?d . ?d pkg:precision ?precision .
    OPTIONAL {{ ?d pkg:text ?text }}
    OPTIONAL {{ ?d pkg:span ?span BIND(STRBEFORE(?span, "-") AS ?s) BIND(STRAFTER(?span, "-") AS ?e) }}
    OPTIONAL {{ ?d time:hasEnd/time:inXSDDate ?date }} OPTIONAL {{ ?d time:hasBeginning/time:inXSDDate ?start }}
    OPTIONAL {{ ?d pkg:recurrence ?rec }} OPTIONAL {{ ?d pkg:event ?event }} }}"""


def _canonical(value: object) -> object:
    """Lists sorted at every depth (the servers order rows their own way), dataclasses as dicts."""
    if is_dataclass(value) and not isinstance(value, type):
        return _canonical(asdict(value))
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return sorted((_canonical(v) for v in value), key=repr)
    return value


def _reads(kg: KnowledgeGraph, docs: list[str]) -> dict[str, dict[str, object]]:
    """{part: {document: answer}}; show and facts as given (their order is their own), the others canonical."""
    return {"control": {d: _canonical(kg.select(CONTROL.format(doc=d))) for d in docs},
            "show": {d: obligations_json(kg, d) for d in docs},
            "facts": {d: fact_spans(kg, d) for d in docs},
            "record": {d: _canonical(load_record(kg, d)) for d in docs}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20, help="fresh servers, one after another")
    ap.add_argument("--corpus", type=Path, nargs="*", default=[SEEDS, CORPUS_DOCUMENTS / "provincial"])
    args = ap.parse_args()
    if virtuoso_binaries() is None:
        raise SystemExit("Virtuoso is not installed (Debian virtuoso-opensource)")
    with tempfile.TemporaryDirectory() as tmp:
        service = Service(make_settings(Path(tmp) / "embedded"))
        report = service.ingest(list(args.corpus))
        kg = service.kg
        docs = sorted(r["doc"] for r in kg.select("SELECT DISTINCT ?doc WHERE { ?doc pkg:hasObligation ?o }"))
        expected = _reads(kg, docs)
        graphs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for quad in kg.store.oxigraph.quads_for_pattern(None, None, None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs[quad.graph_name.value].append((str(quad.subject), str(quad.predicate), str(quad.object)))
        print(f"{len(report.ingested)} documents ingested, {len(docs)} with obligations, {len(graphs)} graphs")
        bad: dict[str, int] = defaultdict(int)
        for run in range(args.runs):
            with virtuoso_server(Path(tmp) / f"virtuoso-{run}") as server:
                remote = KnowledgeGraph(open_store(server["backend"], None))
                items = list(graphs.items())
                for i in range(0, len(items), 50):
                    remote.store.write(dict(items[i:i + 50]))
                started = time.monotonic()
                got = _reads(remote, docs)
                differ = {part: sum(got[part][d] != expected[part][d] for d in docs) for part in expected}
            for part, n in differ.items():
                bad[part] += n > 0
            print(f"run {run}: reads {time.monotonic() - started:.1f} s; documents differing: "
                  + ", ".join(f"{part} {n}" for part, n in differ.items()), flush=True)
    print(f"servers differing, of {args.runs}: " + ", ".join(f"{part} {n}" for part, n in bad.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
