"""Where a stored document's source file is on this machine: where this machine read it (graph/locations.py),
at its published path (relative to the folder it was ingested from) under one of the local roots (the
corpus, the uploads), or, when another machine wrote it (a shared store) or the file moved, a file of the
same name and the same bytes (its SHA-256) under those roots. Content, not path, names the file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policykg.graph.sparql import sparql_string
from policykg.ingest.sidecar import file_sha256, path_sha256


def _files_named(names: set[str], roots: Iterable[Path]) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for root in roots:
        if not Path(root).is_dir():
            continue
        for folder, _, files in os.walk(root):
            for name in names.intersection(files):
                found.setdefault(name, []).append(Path(folder) / name)
    return found


def locate_sources(kg: Any, paths: list[str], roots: Iterable[Path]) -> dict[str, Path]:
    """For each stored source path (``pkg:sourcePath``), the file to rebuild its document from: the file this
    machine read it from, or the path under one of ``roots``, when it is a file here (changed or not);
    else a file of the same name and bytes under ``roots``; absent when there is none."""
    if not paths:
        return {}
    roots = [Path(r) for r in roots]
    rows = kg.select(f"""SELECT ?doc ?path ?name ?sha WHERE {{ VALUES ?path {{ {" ".join(map(sparql_string, paths))} }}
        ?doc pkg:sourcePath ?path ; pkg:sourceFile ?name ; pkg:sha256 ?sha }}""")
    wanted = {r["path"]: (r["name"], r["sha"]) for r in rows}
    read_here = kg.locations.paths(r["doc"] for r in rows)
    located: dict[str, Path] = {}
    for r in rows:
        published = Path(r["path"])
        # where this machine read it; a store from before relative paths holds the absolute one; a path
        # under a root never climbs out of it
        under = [] if published.is_absolute() or ".." in published.parts else [root / published for root in roots]
        there = [read_here.get(r["doc"]), r["path"] if published.is_absolute() else None, *under]
        found = next((Path(p) for p in there if p and Path(p).is_file()), None)
        if found is not None:
            located.setdefault(r["path"], found)
    elsewhere = {p: w for p, w in wanted.items() if p not in located}
    candidates = _files_named({name for name, _ in elsewhere.values()}, roots)
    for path, (name, sha) in elsewhere.items():
        # a file with a metadata sidecar is stored under the digest of both (ingest/sidecar.py)
        match = next((c for c in candidates.get(name, []) if sha in (file_sha256(c), path_sha256(c))), None)
        if match is not None:
            located[path] = match
    return located
