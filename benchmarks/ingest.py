"""Ingest benchmark: parse + graph write throughput, store size, peak RSS and query latency.

Run:  .venv/bin/python benchmarks/ingest.py [--quick] [--scale N]

1. corpus/, in CPU time per core (wall time beside it: this machine is shared):
   - stage 2 (issue 2's own stage): read + layout + metadata, and the graph write of what they give;
   - full: with the obligation and citation extractors (issues 3, 4), then graph write, then the
     whole `KnowledgeGraph.ingest` path (chunks of 200 files, all-or-nothing writes, citation links).
   Startup (dictionaries, gazetteer, jieba) is paid once per process and printed apart.
2. scaled: N documents (10,000; 1,000 with --quick) parsed from the corpus files and given distinct
   IRIs (file name and 文号 suffixed), written 200 at a time as `ingest` does, links resolved once.
3. median latency of three SPARQL queries over the scaled store: documents of a region including
   sub-regions, documents by level, count by issuer.

With ``--stages`` the scaled pass also prints its CPU time by stage (extractors, read + layout + metadata,
graph building, store write, store compaction, citation links), without a profiler's overhead, and the
corpus pass the quads per document by the part they describe and by predicate (what the loader pays for:
~6 µs of bulk-load CPU per quad, plus its share of RocksDB's compactions).

Where the store write's CPU goes (2026-12-06, 1,000 corpus replicas pre-parsed, 1.87M quads, one core):
the Python N-Quads spool 0.35 µs per quad; Oxigraph's bulk load 6.0-6.1 µs per quad into named graphs (six
index entries each) against 3.1 into the default graph (three), so ~0.9 µs per index entry: sorting and
writing the SST files, not parsing (N-Quads parsed into Python objects: 0.54 µs; the same quads as TriG,
21% fewer bytes: the same load time; an in-memory store's bulk load: 2.0 µs). A quad with a long text
literal costs ~14 µs. The compaction after the load, 1.6 µs per quad after one load, ~2 after three, is
needed: before it, `show` reads 2.5x the CPU (87 vs 35 ms). Write groups of 300k, 750k or 2M quads at
1,000 documents: 18.7, 17.7, 19.2 ms/doc graph side (no gain either way). So what a document's graph
costs is its quad count: GRAPH_VERSION 6 wrote 1,513 instead of 1,864 per corpus document (graph side at
1,000 documents 18.3-19.0 -> 15.9-16.2 ms/doc). GRAPH_VERSION 7 states a span as one pkg:span literal
"start-end" instead of pkg:spanStart and pkg:spanEnd (spans were 382 of 1,508 quads per corpus document):
1,317 per document; the same 1,000 replicas' document graphs loaded back to back (one core, 2026-12-06):
bulk load 7.91 -> 6.89 ms/doc, compaction 2.27 -> 2.00 (5.2 µs per quad either way).

What is left on the graph side, measured the same way (1,000 replicas, loads as WriteBatch groups them):
- the default graph instead of one named graph per document: bulk load 7.91 -> 4.78 ms/doc and compaction
  2.27 -> 1.16 with GRAPH_VERSION 6's quads, 6.89 -> 4.05 and 2.00 -> 0.98 with version 7's (3.1 µs per
  quad: three index entries, not six), so ~3.9 ms/doc, the largest single cut left on the graph side. Not
  built: a document's graph is the unit of replace, drop, describe, change records, pending marks and the
  remote Graph Store Protocol (STYLE principle 3), and its agency and region nodes are stated in every
  document naming them, so dropping one document from a shared default graph needs a per-document delete
  list with reference counts for the shared nodes' triples (or rebuilding them from the documents left).
- rule defaults: a document's most common obligation rule and assignment rule stated once (a field
  extraction) and on a fact only where it differs would save 33 + 16 quads per corpus document (3.8%, ~0.35
  ms/doc), at the price of a COALESCE in every reader of provenance (checks read the obligation rule);
  dropping rdf:type org:Organization from agencies (pkg:Agency is its subclass; 18 per document) or
  pkg:Deadline / pkg:Target (typed by their links; 9) would save 1.4% and 0.7%. Not done: small, and each
  makes the graph harder to read.
- the text of obligations and passages: each is the slice of the document's pkg:text at its span (all 9,189
  obligations of the corpus), and leaving both out saves 85 quads per document but 1.0 ms/doc (bulk load
  6.78 -> 5.93, compaction 1.98 -> 1.82: long literals cost ~10 µs a quad). Not done: the search index,
  `show`, `tasks` and the checks read them, and a reader of the graph would slice the document's whole text
  in SPARQL to see what an obligation says.

The Python stages around the store, second pass (2026-12-06; 1,000 replicas, one core, the base d259a4e and
the changes alternated in one period on a machine at load 4-6 on two cores, two pairs): citation extraction
1.0-1.1 -> 0.5 ms/doc (the 文号 core found without a leading \\s*, the masking one re.sub, the stop positions
summed in C), read + layout + metadata 2.0 -> 1.8-1.9 (page_fields tries its key at the line's start first),
graph building 1.5 -> 1.3-1.4 (a passage line's span in one match), the collector 1.14-1.17 -> 0.89-0.94
(GC_THRESHOLD's young generation 100,000); the whole pass 30.2 -> 31.3 and 28.5 -> 29.0 docs/CPU-s. The store
holds the same quads (benchmarks/graph_identity.py dumps them sorted: byte-identical). Measured, not kept:
resolving links after the compaction instead of before (reads of a compacted store; citation links 0.6 -> 0.5,
within the noise, and the links' own load would land after the compaction), slots on the records of
ingest/model.py (parse with extractors 15.0 ms/doc either way, the collector unchanged), the spool's lines
joined in C (0.23 against 0.24 µs per quad), sections closed by the path stack instead of a forward scan
(0.18 -> 0.17 ms/doc). Left there: the HTML reader (BeautifulSoup's html.parser, 3.4 ms per file, 13 of the
204 corpus files: 0.2 ms/doc) and regex work per line spread over read, layout and metadata, none of it
above 0.1 ms/doc; the collector's young passes (0.6-0.75 ms/doc) walk the records and triple tuples a chunk
holds until its write.

Targets (issue 2): >= 50 documents/s on one core; < 50 ms median per query at 10,000 documents.
Baselines: 13 docs/s full ingest before the N-Triples write path (session of 2026-11-22); the issue's
measurement of pyoxigraph alone (100k documents of ~120 triples, 12M triples, in ~140 s). At 10,000
documents (2026-12-06): 13.5-15 docs/CPU-s with store write 23-33 and compaction 7-12 ms/doc, then 19.6
with 15.0 and 5.1 (fewer quads, growing write groups); extraction is 26.8 of its 51 ms/doc. GRAPH_VERSION 7
(others' code at 57ca044, a machine shared by eight sessions, 496 s wall, 337 CPU-s): 31.5 docs/CPU-s,
12.96M quads; per document extraction 15.5 + 0.9 (citations), read + layout + metadata 2.0, bulk load 7.5,
compaction 2.3, graph building 1.5, citation links 1.2, spool 0.5, other 0.4 ms. So 50 docs/s (20 ms/doc)
is out of reach on the graph side alone: with no store at all the parse is 15-18 ms/doc (15.3 at 1,000
documents on a quieter machine).

At 10,000 documents again (2026-12-06 20:17-20:37 UTC, main at 8601e08, `--stages`, OMP_NUM_THREADS=1, the
2-core machine shared by the session's helpers, load 10.5 -> 2.4; two runs side by side, the second with
Python's default collector thresholds through a wrapper that sets GC_THRESHOLD to (700, 10, 10) before the
benchmark runs, no product edit): 21.9 docs/CPU-s (457 CPU-s, 932 s wall), 12.04M quads, store 2,717 MB,
peak RSS 3,132 MB (`time -v`: 3,207 MB). Per document: obligation extraction 20.4, bulk load 13.0, read +
layout + metadata 3.6, compaction 2.5, graph building 2.3, citation links 1.8, other 0.8, spool 0.7, citation
extraction 0.6 ms (45.7 in all; GRAPH_VERSION 7's entry above summed to 31.8 at 57ca044: the gap is most
likely this period's load on shared cores (extraction 15.5 -> 20.4, bulk load 7.5 -> 13.0): compare within one
period only).
Queries: region incl. sub-regions 27.1 ms, by level 12.7, count by issuer 3.1 (all < 50). The corpus pass:
parse incl. extractors 41.8 docs/CPU-s. The default thresholds: 20.9 docs/CPU-s (478 CPU-s; extraction 22.8,
read 4.1, graph building 1.6 ms/doc), peak RSS 3,139 MB (`time -v`: 3,214 MB): the raised young generation
does not move the parent's peak memory at 10,000 documents (+7 MB of 3.1 GB with the default; the chunk's
uncollected garbage does not set the peak, where it is set was not measured); its CPU saving (1.0 docs/CPU-s
here) is within this period's noise. To reach 50 docs/CPU-s (20 ms/doc)
from 45.7, 25.7 ms/doc must go: the obligation extractor alone is 20.4 and the graph side (building, spool,
bulk load, compaction, links) 20.3, so both must roughly halve; read + layout + metadata and citations are 4.2.

Where the obligation extractor's CPU goes, and the plan to read a sentence's candidate units once (2026-12-06,
21:40-22:20 UTC, extraction at d63827e over benchmarks/extraction_identity.py's corpus: 234 documents, 10,730
obligations, first pass 15.0-16.8 ms/doc between runs of the same code on the shared 2-core machine). A sampling
profile of one pass (SIGPROF every 0.5 ms of CPU; cProfile inflates the many small calls about fourfold and its
second pass hits the caches) gives, inclusive: role_subjects._subjects 38%, longest_units_at 26% (its unit reads
12%, its candidate ends 8%), site types 14.5%, targets 9%, the paragraph walk 8%, states_duty 8%, the
responsibility clause 7%, deadlines 5%; no function's own time is above 6%. Nothing is read twice: longest_units_at
is asked 82,530 times at 52,362 positions (one start with two or three follow patterns, whose candidate ends and
unit reads are cached already), and its 24,526 unit reads fall on 24,485 distinct spans; `_subjects` makes 10,699
calls on 10,658 texts, the predicate test 58,614 checks at 53,444 positions, the unit reads' word-boundary test
15,771 at 14,433. So reading the units once per sentence saves no reading, only calls around it. Measured, not
kept (dumps byte-identical, gain below the noise): skipping a clause start where no unit name can end within reach
(21,014 of 46,419 starts; first pass 15.0, 16.2, 15.0 -> 15.4, 15.3, 13.7 ms/doc alternated, and no difference
with the two readings alternated in one process), role_headings._squashed kept by runs of non-space characters
instead of one position per character (21 -> 8 ms per corpus pass, 0.3%), `_end_positions` as one zero-width scan
of the reversed text (72 -> 67 ms, 0.15%). Of the unit reads' ~0.46 CPU-s per pass, ~0.27 s end in no unit (7,974
reads stop at the tail test, 2,402 at the word boundary, 8,867 are read by the grammar to no unit): a cheaper
necessary test of the grammar would be a rule change, not a reordering. The collector: in the benchmark's
process (default thresholds) one full collection per corpus pass, 126 ms of CPU over 188k tracked objects (3%);
`ingest` runs under GC_THRESHOLD, which makes them rare. At 1,000 documents (the same code, `--quick --stages`,
load 3-5): 27.1 docs/CPU-s (36.9 ms/doc): obligation extraction 16.1, bulk load 11.1, read + layout + metadata
2.8, graph building 2.4, compaction 2.0, other 0.8, citation extraction 0.6, spool 0.6, citation links 0.5 ms.

The interpreter (2026-12-06 22:15-22:22 UTC, main at 6020746, one core, load 1.5-3.4): the project's .venv runs
pyenv's CPython 3.11.7, built without `--enable-optimizations` or `--with-lto` (sysconfig's CONFIG_ARGS); Debian's
/usr/bin/python3 (3.11.2, the distribution's optimised build) runs the same code with the .venv's site-packages on
its path (the cp311 extension modules load unchanged), and gives the same obligations (extraction_identity's dump
byte-identical) and the same 1,179,295 quads. Extraction first pass, alternated: 15.1, 14.0, 14.3, 15.3 -> 13.3,
13.1, 15.1, 13.8 ms/doc; `--quick --stages` at 1,000 documents, two pairs in both orders: 31.3, 31.2 -> 33.7, 32.8
docs/CPU-s (obligation extraction 14.8, 14.8 -> 13.6, 14.3 ms/doc; read + layout + metadata 2.3 -> 2.0-2.1; bulk
load, Rust, 9.0-9.3 -> 8.6-8.8). So an optimised build of the same Python is worth ~5-8% of the full pass (a loop
of regex matches and frozen records alone: 0.29-0.30 -> 0.22 s, ~25%); a deployment choice, no code change.

What this session's rules cost the extractor, and what was won back (2026-12-07 02:10-02:25 UTC; benchmarks'
corpus, 285 documents pickled once; all versions loaded in one process, each document extracted by every version
in turn (order alternated), the collector off while timed, min of 2 passes; loaded 2-core machine). Session start
4198e01 15.69 ms/doc -> c64a223 17.85 (+2.16, +14%; 12,287 -> 12,437 obligations). Largest steps: 7e805dd +0.57
(the run-in item's states_duty asked at every numbered line), eb48549 +0.43 (not found in its code: its one scan
from the text's start, searched from the 在 instead, measured 15.86 -> 15.85, not kept), 5f275d7 +0.29
(points_elsewhere in every states_duty), ab2901c +0.17, 3332307 +0.15, 7ff5b83 +0.14, 8a35475 +0.14, every other
commit <= 0.1. The four speed commits 449626e..2245a37 (states_duty asked where read; deadline look-behinds after
their word; the run-on cut skipping to each 。; gates for wordless counts, a list's closing set and 等): c64a223
17.85 -> 16.51 in the same run (in a separate run 16.18 -> 15.27), extraction_identity dump byte-identical.
Harness: a per-process timing (``--runs``) swings +-1-2 ms/doc here (a full collection, ~0.3 s, lands in one pass
or the next); versions compared in one process, document by document, resolve ~0.1 ms/doc.

Session 11 (2026-12-07 03:36-04:45 UTC, load 3-7). The corpus grew 285 -> 303 documents (rows of 12,000-30,000
characters): compare within one corpus. `--quick --stages`, main without and with adc4277 alternated (same 1,182,203
quads): 20.3, 21.9 -> 21.9, 23.6 docs/CPU-s, obligation extraction 23.6, 22.8 -> 21.8, 20.7 ms/doc, bulk load 11.7-13.1,
read + layout + metadata 2.8-3.2, graph building 2.2-2.5, compaction 2.1-2.7. Sampling profile of extraction (6 passes,
285 documents), inclusive: the subject reading 35% (longest_units_at 25%), site types 14%, states_duty 9%, targets 8%,
the paragraph walk 8%, deadlines 7.5%; own time: extract_deadlines 4.8%, states_duty 4.4%, longest_units_at 4.3%,
find_site_labels 4.2%, the frozen records' __init__ 4.0%, nothing else above 3.3%; no text is asked twice (<= 5% of
calls), so no cache to add. Kept: adc4277, the deadline rules' gates (a literal before each pattern gate, a pattern
where a literal lets most texts through): extraction 18.72 -> 18.51 ms/doc on 285 documents, 21.99 -> 21.14 on 303
(``extraction_identity.py --against``, ee2261b); dumps byte-identical. Measured, not kept: pattern gates in place of
the literals 年, 月, 在, 前 (a failed search of the whole text costs more than the scan it saves), duty._DEFINITION split
into words and an anchored start (-0.02 ms/doc), the site vocabulary trie reordered (no change), SITE_HEADS as a trie
(0.04 ms/doc). Left: the frozen records' object.__setattr__ per field (~0.2-0.3 ms/doc, a design change), re's module
functions with string patterns (~50k calls a pass, ~0.05 ms/doc). At 10,000 documents (05:00-05:07 UTC, main at
9f8bcad, `--stages`, load 0.1-1): 23.5 docs/CPU-s (426 CPU-s, 400 s wall), 11.22M quads, store 2,903 MB, peak RSS
3,065 MB; per document obligation extraction 20.1, bulk load 11.4, read + layout + metadata 2.9, compaction 2.4, graph
building 2.1, citation links 1.9, citation extraction 0.7, spool 0.6, other 0.6 ms (42.7); queries 14.2, 10.9, 3.9 ms.
50 docs/CPU-s is 20 ms/doc: the extractor alone is that much on this corpus, and the graph side another 18.

Session 13 (2026-12-07 09:20-10:50 UTC, the shared 2-core machine at load 3-8). Graph side, measured with the
parse taken out (the 303 corpus documents parsed once, 1,000 replicas written as the scaled pass writes them):
- where the bulk load's CPU goes, by thread (/proc/self/task): the main thread 3.8 CPU-s through all the writes
  (graph building, spool, the Python around them), RocksDB's background compaction thread 1.2 CPU-s during the
  loads and 2.0 more inside optimize(); the rest of the bulk load's 11.0 ms/doc, ~8.9 CPU-s, ran in the bulk
  loader's own worker threads (one per load, gone when it returns): encoding, sorting and writing the SST files
  of the six index orders. Nothing on the Python side of a load is left to tune: only fewer quads, fewer long
  literals or fewer index orders (the default graph, above) make it cheaper.
- agency nodes in the shared graph instead of each document's graph (76 of its 1,118 quads per corpus
  document; the shared triples of a write group are deduplicated before the load): 1,179 -> 1,115 quads per
  replica (a write group still loads each agency's triples once), graph side 15.93 -> 16.14 and 16.54 ms/doc
  alternated: no gain at this noise, though the replicas share agencies more than a real corpus would. Not
  kept: a replaced or dropped document would also leave its agencies' written forms (altLabels) behind.
- graph building by itself (document_triples + nt.lines, 606 replicas, no store): 1.28 ms/doc, flat (the
  N-Quads lines' list ~0.35, nt.string 0.15, obligation_triples' own loop ~0.4).
Extractor (sampling profile, 3 passes over the corpus): as flat as before; the own-time top is states_duty 4.4%,
the frozen records' __init__ 4.3% (Paragraph 22k, _Raw 22k, Span 44k, AgencyHit 20k objects a pass), deadline
gates and scans 4.2%, longest_units_at 4.0%, _candidate_ends 3.6%, find_site_labels 3.5%; inclusive: the
subject reading 33%, site types 15%, paragraphs 9%, states_duty 8-9%, targets 8%, deadlines 5-6%. Four changes,
each dump byte-identical (extraction_identity.py --against), on main dd1120e's 311 documents 17.69 -> 16.76
ms/doc (-0.93, -5%) in one process: (1) duty._all_sentences looked its word gate up in a dict keyed by compiled
patterns: hashing a re.Pattern hashes its whole compiled code at every look-up (1-8 µs; 69k look-ups a pass,
0.36 ms/doc), now by id; (2) role_headings' squashed text maps places by runs (a list of every character's
place cost ~1 ms per long document); (3) a clause start's run of name characters read once, the 及/等 readings
asked only before a 及 or 等; (4) the whole document squashed once, not once per item (_opening_repeats). At
1,000 documents (`--quick --stages`, load ~7, before then after): 25.9 -> 25.6 docs/CPU-s, obligation extraction
18.4 -> 18.2 ms/doc: a whole-pipeline run in one process per version does not resolve 1 ms/doc at this load.
At 10,000 documents (10:17-10:34 UTC, main at 0b9069f, `--stages --budget 3000`, load 6.5-7.2): 22.0
docs/CPU-s (454 CPU-s, 912 s wall), 11.55M quads, store 2,616 MB, peak RSS 3,190 MB (`time -v`: 3,267 MB); per
document obligation extraction 21.8, bulk load 11.8, read + layout + metadata 3.2, compaction 2.4, graph building
2.2, citation links 2.0, citation extraction 0.7, other 0.6, spool 0.6 ms (45.4); queries 10.3, 6.7, 3.1 ms. Not
comparable with session 11's 23.5 (load 0.1-1, 303 documents; now 311 and this session's rules): compare within
one period. 50 docs/CPU-s (20 ms/doc) still needs both halves cut: the extractor to ~5-8 ms/doc (its work is
~1M Python-level steps a document spread over hundreds of rules: a compiled reader, not tuning) and the graph side
(bulk load + compaction + building + spool + links, ~19 ms/doc here) to ~10, which with one named graph per
document means ~half the quads or another store.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.model import Document, IngestError
from policykg.ingest.pipeline import iter_files, parse_bytes, parse_paths
from policykg.ingest.workers import fewer_collections

REPO = Path(__file__).resolve().parent.parent
TARGET_DOCS_PER_S = 50.0
TARGET_QUERY_MS = 50.0
CHUNK = 200  # files parsed, then written, at a time: as `policykg ingest` does
QUERIES = {
    "region incl. sub-regions": """SELECT ?doc WHERE { ?r skos:notation "310000000000" .
        ?doc pkg:withinRegion ?r }""",
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


def _parse_and_write(kg: KnowledgeGraph, data: list[tuple[Path, bytes]], scale: int, budget_s: float,
                     extractors: bool, wall: float) -> tuple[int, list[dict]]:
    """The replicas parsed 200 at a time and handed to one write batch: (documents done, report)."""
    report: list[dict] = []
    batch = kg.batch()
    done = 0
    for k in range(0, scale, CHUNK):
        docs = []
        for i in range(k, min(k + CHUNK, scale)):
            path, raw = data[i % len(data)]
            try:
                docs.append(_replica(parse_bytes(raw, str(path), extractors=extractors), i))
            except IngestError:
                continue  # reported in the corpus pass
        report += kg.add_documents(docs, resolve=False, batch=batch)
        done = min(k + CHUNK, scale)
        if done % 2000 == 0:
            print(f"  ... {done} documents, {time.perf_counter() - wall:.0f} s", flush=True)
        if time.perf_counter() - wall > budget_s:
            print(f"  time budget of {budget_s:.0f} s spent: stopped at {done} documents")
            break
    batch.flush()
    return done, report


def _scaled(kg: KnowledgeGraph, files: list[Path], scale: int, budget_s: float, extractors: bool = True
            ) -> tuple[int, float, float]:
    """Parse and write ``scale`` replicas of the corpus files as `ingest` does (parsed 200 at a time, written
    in groups of WRITE_QUADS quads, the garbage collector as `ingest` sets it), then resolve citations once
    and compact: (documents written, wall s, CPU s)."""
    data = [(f, f.read_bytes()) for f in files]
    wall, cpu = time.perf_counter(), time.process_time()
    with fewer_collections():  # as `ingest` runs its parse-and-write loop
        done, report = _parse_and_write(kg, data, scale, budget_s, extractors, wall)
    bad = [r for r in report if r["status"] not in ("added", "replaced")]
    started = time.perf_counter()
    kg.resolve_links([])
    print(f"  citation links resolved in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    kg.store.optimize()  # as `ingest` does after 1,000 documents or more
    print(f"  store compacted in {time.perf_counter() - started:.1f} s", flush=True)
    if bad:
        print(f"  WARNING {len(bad)} documents not written, e.g. {bad[0]['source']}: {bad[0].get('reason')}")
    return done, time.perf_counter() - wall, time.process_time() - cpu


class StageClock:
    """CPU seconds spent inside chosen functions, by stage name (wrappers installed for one run). A stage
    called inside another counts for itself only: the parse holds the extractors, the citation links their
    store write, the store write its spool file."""

    def __init__(self):
        self.cpu: dict[str, float] = {}
        self._undo: list[tuple[object, str, object]] = []
        self._inner: list[float] = []  # CPU seconds of the nested stages, one entry per open stage

    def wrap(self, owner: object, attr: str, stage: str) -> None:
        """Count the CPU time of ``owner.attr`` under ``stage``."""
        raw = inspect.getattr_static(owner, attr)
        inner = getattr(owner, attr)

        def timed(*args, **kwargs):
            started = time.process_time()
            self._inner.append(0.0)
            try:
                return inner(*args, **kwargs)
            finally:
                spent = time.process_time() - started
                self.cpu[stage] = self.cpu.get(stage, 0.0) + spent - self._inner.pop()
                if self._inner:
                    self._inner[-1] += spent

        self._undo.append((owner, attr, raw))
        setattr(owner, attr, staticmethod(timed) if isinstance(raw, staticmethod) else timed)

    def restore(self) -> None:
        """Put the wrapped functions back."""
        for owner, attr, inner in reversed(self._undo):
            setattr(owner, attr, inner)
        self._undo.clear()


def _stage_clock() -> StageClock:
    """Wrappers on the scaled pass's stages (a nested one is taken out of the stage around it)."""
    from policykg.graph import kg as kg_module
    from policykg.graph.store import OxigraphStore
    from policykg.ingest.extract import citations, obligations

    clock = StageClock()
    clock.wrap(sys.modules[__name__], "parse_bytes", "read + layout + metadata")
    clock.wrap(obligations, "extract_obligations", "obligation extraction")
    clock.wrap(citations, "extract_citations", "citation extraction")
    clock.wrap(kg_module, "document_triples", "graph building (document_triples)")
    clock.wrap(OxigraphStore, "_write", "store write: bulk load (Oxigraph)")
    clock.wrap(OxigraphStore, "_spool_quads", "store write: spool N-Quads (Python)")
    clock.wrap(OxigraphStore, "optimize", "store compaction")
    clock.wrap(KnowledgeGraph, "resolve_links", "citation links")
    return clock


def _print_stages(clock: StageClock, docs: int, cpu_s: float) -> None:
    stages = dict(clock.cpu)
    stages["other (bookkeeping, change records)"] = cpu_s - sum(stages.values())
    print("  CPU by stage:")
    for name, sec in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"    {sec:8.1f} CPU-s {sec / cpu_s * 100:5.1f}% {sec / max(docs, 1) * 1000:7.1f} ms/doc  {name}")


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


def _cpu() -> float:
    """CPU seconds of this process and of its reaped children (`ingest`'s parse workers are still alive when it
    returns, so its line counts the parent only: the scaled pass, all in this process, is the measure)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _timed(fn):
    wall, cpu = time.perf_counter(), _cpu()
    result = fn()
    return result, time.perf_counter() - wall, _cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="scale to 1,000 documents instead of 10,000")
    ap.add_argument("--scale", type=int, help="number of documents in the scaled corpus")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus" / "documents")
    ap.add_argument("--runs", type=int, default=9, help="timed runs per query")
    ap.add_argument("--budget", type=float, default=1500, help="seconds allowed for the scaled ingest")
    ap.add_argument("--stage2", action="store_true",
                    help="scaled run without the obligation and citation extractors (issue 2's own stage)")
    ap.add_argument("--stages", action="store_true", help="print the scaled pass's CPU time by stage")
    ap.add_argument("--keep", type=Path, help="build the scaled store here and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)
    scale = args.scale or (1_000 if args.quick else 10_000)

    files = iter_files([args.corpus])
    mbytes = sum(p.stat().st_size for p in files) / 1e6
    n = len(files)
    _, _, first_cpu = _timed(lambda: parse_paths(files))  # loads dictionaries, gazetteer, jieba: once per process

    def rate(label: str, docs: int, mb: float, wall_s: float, cpu_s: float) -> None:
        print(f"  {label:34} {docs / cpu_s:7.1f} docs/s {mb / cpu_s:5.2f} MB/s per CPU-s | "
              f"{docs / wall_s:7.1f} docs/s wall ({wall_s:.1f} s)")

    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        (docs, errors), parse_s, parse_cpu = _timed(lambda: parse_paths(files))
        print(f"startup (dictionaries, gazetteer, jieba; once per process) {first_cpu - parse_cpu:.2f} CPU-s, "
              "not counted below")
        (lean, _), lean_s, lean_cpu = _timed(lambda: parse_paths(files, extractors=False))
        print(f"corpus/: {len(docs)} documents, {len(errors)} files failed, {mbytes:.2f} MB in {n} files")
        kg = KnowledgeGraph.open(Path(tmp) / "lean")
        _, lean_w, lean_wcpu = _timed(lambda: kg.add_documents(lean))
        rate("stage 2: read+layout+metadata", n, mbytes, lean_s, lean_cpu)
        rate("stage 2: graph write", n, mbytes, lean_w, lean_wcpu)
        rate("stage 2 total", n, mbytes, lean_s + lean_w, lean_cpu + lean_wcpu)
        kg = KnowledgeGraph.open(Path(tmp) / "write")
        _, write_s, write_cpu = _timed(lambda: kg.add_documents(docs))
        rate("full: parse incl. extractors", n, mbytes, parse_s, parse_cpu)
        rate("full: graph write", n, mbytes, write_s, write_cpu)
        kg = KnowledgeGraph.open(Path(tmp) / "corpus")
        _, total_s, total_cpu = _timed(lambda: kg.ingest([args.corpus]))
        rate("full: `ingest` (workers not counted)", n, mbytes, total_s, total_cpu)
        print(f"  target >= {TARGET_DOCS_PER_S:.0f} docs/s on one core (CPU time): stage 2 "
              f"{_verdict(n / (lean_cpu + lean_wcpu) >= TARGET_DOCS_PER_S)}, full ingest "
              f"{_verdict(n / total_cpu >= TARGET_DOCS_PER_S)}")
        quads = _quads(kg)
        print(f"  {quads:,} quads ({quads / n:.0f} per document); store on disk "
              f"{_size(Path(tmp) / 'corpus' / 'store') / 1e6:.1f} MB")
        if args.stages:
            _print_quad_groups(kg, n)

        scaled_dir = args.keep or Path(tmp) / "scaled"
        kg = KnowledgeGraph.open(scaled_dir)
        clock = _stage_clock() if args.stages else None
        try:
            written, scaled_s, scaled_cpu = _scaled(kg, files, scale, args.budget, extractors=not args.stage2)
        finally:
            if clock is not None:
                clock.restore()
        scaled_mb = mbytes * written / n
        quads = _quads(kg)
        stage = "stage 2 only (no obligation/citation extractors)" if args.stage2 else "full ingest"
        print(f"scaled, {stage}: {written} of {scale} documents (replicas of corpus/ files, ~{scaled_mb:.0f} MB), "
              f"{quads:,} quads")
        rate("parse+write+links", written, scaled_mb, scaled_s, scaled_cpu)
        print(f"  target >= {TARGET_DOCS_PER_S:.0f} docs/s on one core (CPU time): "
              f"{_verdict(written / scaled_cpu >= TARGET_DOCS_PER_S)}")
        if clock is not None:
            _print_stages(clock, written, scaled_cpu)
        print(f"  store on disk {_size(scaled_dir / 'store') / 1e6:.0f} MB")
        for name, query in QUERIES.items():
            ms, rows = _median_ms(kg, query, args.runs)
            print(f"  query {name:26} median {ms:7.2f} ms  ({rows} rows)   target < {TARGET_QUERY_MS:.0f} ms "
                  f"at 10,000: {_verdict(ms < TARGET_QUERY_MS)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0


_DOCUMENT_GRAPH = re.compile(r"/id/doc/[0-9a-f]+$")
_PART = re.compile(r"/id/doc/[0-9a-f]+(/[a-z]+)?(?:/[^/>]+)?(/[a-z]+)?")


def _print_quad_groups(kg: KnowledgeGraph, docs: int) -> None:
    """Quads per document in the documents' own graphs, by the part their subject is (obligation,
    obligation/assignment, passage …; agency and date nodes stated there count as theirs) and by predicate."""
    rows = kg.select("SELECT ?g ?s ?p WHERE { GRAPH ?g { ?s ?p ?o } }")
    parts: dict[str, int] = {}
    predicates: dict[str, int] = {}
    for r in rows:
        if not _DOCUMENT_GRAPH.search(r["g"]):  # a document's graph is named by its IRI (graph/ids.py)
            continue
        m = _PART.search(r["s"])
        if m is None:  # a node of its own (agency, region) stated in the document's graph
            part = r["s"].split("/id/", 1)[-1].split("/", 1)[0]
        elif not m.group(1):
            part = "document (with its has-part links)"
        else:  # obligation/assignment …, one level below anything else (extraction/title -> extraction)
            part = m.group(1)[1:] + (m.group(2) or "" if m.group(1) == "/obligation" else "")
        parts[part] = parts.get(part, 0) + 1
        name = r["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        predicates[name] = predicates.get(name, 0) + 1
    print(f"  quads per document in its own graph ({sum(parts.values()) / docs:.0f}), by part:")
    print("    " + ", ".join(f"{k} {v / docs:.0f}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1])))
    print("  by predicate (top 16):")
    top = sorted(predicates.items(), key=lambda kv: -kv[1])[:16]
    print("    " + ", ".join(f"{k} {v / docs:.0f}" for k, v in top))


def _quads(kg: KnowledgeGraph) -> int:
    result = kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=600)
    return int(result["results"]["bindings"][0]["n"]["value"])


if __name__ == "__main__":
    sys.exit(main())
