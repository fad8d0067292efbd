"""Nodes with their required and optional attributes, read without OPTIONAL: one row per (node, attribute,
value) from a UNION of plain joins, the rows of each node put together in Python.

Why: on some freshly started Virtuoso 7.2 servers (4 of 56 here, loaded alike), a query of OPTIONALs over
property paths (``OPTIONAL { ?d time:hasEnd/time:inXSDDate ?date }``) leaves dates unbound that the store
holds, on every later run of it on that server: `check` lost a finding that way (51d8865). Plain joins have
not failed so; search/consistency_graph.py reads a record's deadlines and targets the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any


def attribute_rows(kg: Any, head: str, attributes: Mapping[str, str], required: Iterable[str] = (),
                   extra: Iterable[str] = ()) -> list[dict[str, str | None]]:
    """The rows ``SELECT * WHERE { head <required attributes> OPTIONAL { <each other attribute> } }`` gives:
    ``head`` binds the node ``?n`` (and ``extra`` variables with it, such as its owner ``?o``), once per node;
    each attribute's pattern binds ``?v`` from ``?n`` (``"?n pkg:text ?v"``, a path written as a plain join
    ``"?n time:hasEnd ?i . ?i time:inXSDDate ?v"``). A node lacking a required attribute gives no row, one with
    two values of an attribute two rows (a join's product), an absent optional one None; a node with none of
    its attributes stated gives no row (give it a required one)."""
    keys = ("n", *extra)
    branches = " UNION ".join(f'{{ {pattern} BIND("{name}" AS ?k) }}' for name, pattern in attributes.items())
    found: dict[tuple[str | None, ...], dict[str, list[str | None]]] = {}
    for r in kg.select(f"SELECT {' '.join('?' + k for k in keys)} ?k ?v WHERE {{ {head} {branches} }}"):
        found.setdefault(tuple(r[k] for k in keys), {}).setdefault(r["k"] or "", []).append(r["v"])
    required = tuple(required)
    rows: list[dict[str, str | None]] = []
    for node, values in found.items():
        if not all(values.get(name) for name in required):
            continue
        for combination in itertools.product(*(values.get(name) or [None] for name in attributes)):
            rows.append({**dict(zip(keys, node)), **dict(zip(attributes, combination))})
    return rows
