"""The store an ingest of the corpus writes, as one canonical dump (for speed work on the graph side).

``KnowledgeGraph.ingest`` (worker processes, write groups, citation links) runs over corpus/documents into a
temporary store, whose quads are written sorted, one N-Quads line each, with the change records' write
times (pkg:changedAt, the clock's) replaced by one constant; the dump's sha256 is printed. An optimisation of
reading, layout, metadata, graph building or the store write must leave it identical. The store holds no
blank nodes (the script fails if it finds one: their labels would need canonicalising).

    .venv/bin/python benchmarks/graph_identity.py [--dump /tmp/quads.nq] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from policykg.graph.kg import KnowledgeGraph

REPO = Path(__file__).resolve().parent.parent
_CHANGED_AT = re.compile(r'(changedAt> )"[^"]*"')


def canonical_dump(corpus: Path) -> bytes:
    """The sorted N-Quads of a store ingested from ``corpus`` (write times made constant)."""
    with tempfile.TemporaryDirectory(prefix="policykg-identity-") as tmp:
        kg = KnowledgeGraph.open(Path(tmp) / "kg")
        kg.ingest([corpus])
        text = kg.store.dump_nquads().decode("utf-8")
        kg.close()
    lines = [_CHANGED_AT.sub(r'\1"T"', line) for line in text.splitlines() if line]
    if any("_:" in line.split('"', 1)[0] for line in lines):
        raise SystemExit("the store holds blank nodes: canonicalise their labels before comparing")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Ingest, dump, print the quad count and the dump's sha256."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus" / "documents")
    ap.add_argument("--dump", type=Path, help="write the canonical dump here")
    args = ap.parse_args(argv)
    dump = canonical_dump(args.corpus)
    if args.dump:
        args.dump.write_bytes(dump)
    quads = dump.count(b"\n")
    print(f"{quads} quads, sha256 {hashlib.sha256(dump).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
