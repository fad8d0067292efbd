"""Lay out a citation chain as an SVG graph: one column per level, township on the left, national right.

Each arrow is one citation as it is: from the citing document to the document it cites. An arrow that
skips columns runs in the free band between rows, never through the boxes of the columns it passes,
so it cannot be read as a link through them. Authority links (根据, 贯彻落实) are drawn solid; legal
references (法律依据) dashed and listed apart. A law cited only in penalty clauses (依照《…法》第X条处罚) is
not a source of the document: it is listed apart and not drawn, nor is what is reached only through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

COLUMNS = ("township", "county", "city", "provincial", "national", None)
COLUMN_LABELS = {"township": "乡镇级", "county": "县级", "city": "市级", "provincial": "省级",
                 "national": "国家级", None: "级别未知"}
RELATION_LABELS = {"basis": "根据", "implements": "贯彻落实", "legal_basis": "法律依据", "checklist": "对照",
                   "mention": "提及"}
AUTHORITY = ("basis", "implements")  # a document's sources in the administrative sense
NODE_W, NODE_H, GAP_X, GAP_Y, TOP, LEFT = 210, 78, 80, 34, 40, 12
TITLE_CHARS = 15  # CJK characters per line at 12 px in a NODE_W box


@dataclass
class Box:
    """A node placed on the canvas."""

    iri: str
    x: int
    y: int
    lines: list[str]
    sub: list[str]
    level: str | None
    in_corpus: bool
    href: str | None
    root: bool


def _wrap(text: str, width: int = TITLE_CHARS, max_lines: int = 2) -> list[str]:
    lines = [text[i:i + width] for i in range(0, len(text), width)][:max_lines] or [""]
    if len(text) > width * max_lines:
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def _column(node: dict[str, Any]) -> str | None:
    return node.get("level") if node.get("level") in COLUMNS else None


def _edge_path(a: Box, b: Box, lane: int) -> tuple[str, int, int]:
    """The SVG path from box ``a`` to box ``b`` and where its label goes."""
    x1, y1 = a.x + NODE_W, a.y + NODE_H // 2
    x2, y2 = b.x, b.y + NODE_H // 2
    if b.x <= a.x:  # same column or backwards: bend around the right side of both boxes
        x2 = b.x + NODE_W
        bend = max(x1, x2) + 36 + 8 * lane
        return (f"M{x1},{y1} C{bend},{y1} {bend},{y2} {x2 + 6},{y2}", bend - 10, (y1 + y2) // 2)
    if b.x - a.x <= NODE_W + GAP_X:  # neighbouring columns: a plain curve through the gap between them
        mid = (x1 + x2) // 2
        return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2 - 6},{y2}", mid, (y1 + y2) // 2 - 4
    # skipping columns: down (or up) into the band between rows, along it, and into the target
    band = max(a.y, b.y) + NODE_H + GAP_Y // 2 - 6 + (lane % 3) * 5
    gx1, gx2 = x1 + GAP_X // 2, x2 - GAP_X // 2
    path = (f"M{x1},{y1} C{gx1},{y1} {x1 + 8},{band} {gx1},{band} L{gx2},{band} "
            f"C{x2 - 8},{band} {gx2},{y2} {x2 - 6},{y2}")
    return path, (gx1 + gx2) // 2, band - 4


def layout(chain: dict[str, Any], root_iri: str, href: Callable[[dict[str, Any]], str | None]) -> dict[str, Any]:
    """Boxes, edges and canvas size for a ``{nodes, edges}`` chain; only columns that hold nodes are drawn."""
    nodes = chain.get("nodes") or []
    used = [c for c in COLUMNS if any(_column(n) == c for n in nodes)]
    boxes: dict[str, Box] = {}
    rows: dict[str | None, int] = {}
    for node in nodes:
        level = _column(node)
        row = rows.get(level, 0)
        rows[level] = row + 1
        region = node.get("region")
        region = region.get("name") if isinstance(region, dict) else region
        in_corpus = bool(node.get("in_corpus", True))
        boxes[node["iri"]] = Box(
            node["iri"], LEFT + used.index(level) * (NODE_W + GAP_X), TOP + row * (NODE_H + GAP_Y),
            _wrap(node.get("title") or node.get("doc_number") or node["iri"]),
            [x for x in (node.get("doc_number"), region) if x], level, in_corpus,
            href(node) if in_corpus else None, node["iri"] == root_iri)
    edges = []
    for lane, edge in enumerate(chain.get("edges") or []):
        a, b = boxes.get(edge.get("source")), boxes.get(edge.get("target"))
        if not a or not b:
            continue
        path, lx, ly = _edge_path(a, b, lane)
        relation = edge.get("relation")
        edges.append({"path": path, "relation": RELATION_LABELS.get(relation, relation),
                      "authority": relation in AUTHORITY, "cue": edge.get("cue") or "", "lx": lx, "ly": ly})
    heads = [{"x": LEFT + i * (NODE_W + GAP_X) + NODE_W // 2, "label": COLUMN_LABELS[c]} for i, c in enumerate(used)]
    height = TOP + max(rows.values(), default=1) * (NODE_H + GAP_Y) + 10
    width = LEFT + max(len(used), 1) * (NODE_W + GAP_X) + 20
    return {"boxes": list(boxes.values()), "edges": edges, "heads": heads, "width": width, "height": height,
            "node_w": NODE_W, "node_h": NODE_H}


def drawn_part(chain: dict[str, Any], root_iri: str) -> dict[str, Any]:
    """The chain without its penalty-clause references: the documents reached from ``root_iri`` (up, or down
    for a downstream chain) along the other edges, and those edges."""
    down = chain.get("direction") == "down"
    edges = [e for e in chain.get("edges") or [] if not e.get("penalty")]
    reached, queue = {root_iri}, [root_iri]
    while queue:
        node = queue.pop(0)
        for e in edges:
            here, there = (e["target"], e["source"]) if down else (e["source"], e["target"])
            if here == node and there not in reached:
                reached.add(there)
                queue.append(there)
    return {**chain, "nodes": [n for n in chain.get("nodes") or [] if n["iri"] in reached],
            "edges": [e for e in edges if e["source"] in reached and e["target"] in reached]}


def cited_by_sentence(chain: dict[str, Any]) -> list[dict[str, Any]]:
    """The chain's citations grouped by citing document and sentence: each cue once, with what it cites
    (a sentence's penalty-clause citations apart from its others)."""
    titles = {n["iri"]: n.get("title") or n.get("doc_number") or n["iri"] for n in chain.get("nodes") or []}
    groups: dict[tuple[str, str, bool], dict[str, Any]] = {}
    for edge in chain.get("edges") or []:
        key = (edge["source"], edge.get("cue") or "", bool(edge.get("penalty")))
        group = groups.setdefault(key, {"source": edge["source"], "source_label": titles.get(edge["source"]),
                                        "cue": edge.get("cue") or "", "penalty": key[2], "targets": []})
        group["targets"].append({"iri": edge["target"], "label": titles.get(edge["target"], edge["target"]),
                                 "relation": RELATION_LABELS.get(edge.get("relation"), edge.get("relation")),
                                 "authority": edge.get("relation") in AUTHORITY})
    return list(groups.values())


def chain_context(chain: dict[str, Any], root_iri: str, href: Callable[[dict[str, Any]], str | None]
                  ) -> dict[str, Any]:
    """What chain.html shows: the drawing, citations by sentence (sources apart from legal references, and
    both apart from the laws cited in penalty clauses, which are not drawn)."""
    titles = {n["iri"]: n.get("title") or n.get("doc_number") or n["iri"] for n in chain.get("nodes") or []}
    drawn = drawn_part(chain, root_iri)
    sentences = cited_by_sentence(chain)
    nodes = {n["iri"]: n for n in chain.get("nodes") or []}
    for s in sentences:
        s["href"] = href({"iri": s["source"]})
        for t in s["targets"]:  # a document not drawn is still reached by its link
            node = nodes.get(t["iri"])
            t["href"] = href(node) if node and node.get("in_corpus", True) else None
    cycles = chain.get("cycles")
    return {"g": layout(drawn, root_iri, href), "edge_count": len(drawn["edges"]),
            "sources": [s for s in sentences if not s["penalty"] and any(t["authority"] for t in s["targets"])],
            "legal": [s for s in sentences if not s["penalty"] and not any(t["authority"] for t in s["targets"])],
            "penalty": [s for s in sentences if s["penalty"]],
            "cycles": "；".join(" → ".join(titles.get(i, i) for i in c) for c in cycles) if cycles else None}
