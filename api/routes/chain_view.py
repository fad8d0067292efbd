"""Lay out a citation chain as an SVG graph: one column per level, township on the left, national right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

COLUMNS = ("township", "county", "city", "provincial", "national", None)
COLUMN_LABELS = {"township": "乡镇级", "county": "县级", "city": "市级", "provincial": "省级",
                 "national": "国家级", None: "级别未知"}
RELATION_LABELS = {"basis": "根据", "implements": "贯彻落实", "legal_basis": "依据", "checklist": "对照",
                   "mention": "提及"}
NODE_W, NODE_H, GAP_X, GAP_Y, TOP = 200, 64, 70, 26, 40


@dataclass
class Box:
    """A node placed on the canvas."""

    iri: str
    x: int
    y: int
    lines: list[str]
    level: str | None
    in_corpus: bool
    href: str | None
    root: bool


def _wrap(text: str, width: int = 14, max_lines: int = 2) -> list[str]:
    lines = [text[i:i + width] for i in range(0, len(text), width)][:max_lines] or [""]
    if len(text) > width * max_lines:
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def layout(chain: dict[str, Any], root_iri: str, href: Callable[[dict[str, Any]], str | None]) -> dict[str, Any]:
    """Boxes, edges and canvas size for a ``{nodes, edges}`` chain; only columns that hold nodes are drawn."""
    nodes = chain.get("nodes") or []
    used = [c for c in COLUMNS if any((n.get("level") if n.get("level") in COLUMNS else None) == c
                                      for n in nodes)]
    boxes: dict[str, Box] = {}
    rows: dict[str | None, int] = {}
    for node in nodes:
        level = node.get("level") if node.get("level") in COLUMNS else None
        col = used.index(level)
        row = rows.get(level, 0)
        rows[level] = row + 1
        label = node.get("title") or node.get("doc_number") or node["iri"]
        region = node.get("region")
        region = region.get("name") if isinstance(region, dict) else region
        sub = " · ".join(x for x in (region, node.get("doc_number")) if x)
        boxes[node["iri"]] = Box(node["iri"], 20 + col * (NODE_W + GAP_X), TOP + row * (NODE_H + GAP_Y),
                                 _wrap(label) + ([sub[:18]] if sub else []), level,
                                 bool(node.get("in_corpus", True)), href(node) if node.get("in_corpus", True)
                                 else None, node["iri"] == root_iri)
    edges = []
    for edge in chain.get("edges") or []:
        a, b = boxes.get(edge.get("source")), boxes.get(edge.get("target"))
        if not a or not b:
            continue
        x1, y1 = a.x + NODE_W, a.y + NODE_H // 2
        x2, y2 = b.x, b.y + NODE_H // 2
        if b.x <= a.x:  # same column or backwards: bend around the right side
            x1, x2 = a.x + NODE_W, b.x + NODE_W
            path = f"M{x1},{y1} C{x1 + 50},{y1} {x2 + 50},{y2} {x2 + 4},{y2}"
        else:
            mid = (x1 + x2) // 2
            path = f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2 - 4},{y2}"
        edges.append({"path": path, "relation": RELATION_LABELS.get(edge.get("relation"), edge.get("relation")),
                      "cue": edge.get("cue") or "", "lx": (x1 + x2) // 2, "ly": (y1 + y2) // 2 - 4})
    heads = [{"x": 20 + i * (NODE_W + GAP_X) + NODE_W // 2, "label": COLUMN_LABELS[c]} for i, c in enumerate(used)]
    height = TOP + max(rows.values(), default=1) * (NODE_H + GAP_Y) + 10
    width = 20 + max(len(used), 1) * (NODE_W + GAP_X)
    return {"boxes": list(boxes.values()), "edges": edges, "heads": heads, "width": width, "height": height,
            "node_w": NODE_W, "node_h": NODE_H}
