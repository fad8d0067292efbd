"""Passages: the paragraphs (or sentence runs of long paragraphs) that search indexes.

A heading line or a short fragment is joined to the paragraph after it, so a passage reads on its
own; a long paragraph is cut at sentence ends. Every passage is an exact slice of ``Document.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.ingest.model import Document, Section

MAX_CHARS = 500
SHORT_CHARS = 24  # a line this short without a full stop is a heading or a fragment
_SENTENCE_ENDS = "。！？；;!?"
_SENTENCE_END = re.compile(f"[{_SENTENCE_ENDS}]")
# a line's text without the spaces around it (what str.strip removes: re's \s on a str pattern is the same
# test, Py_UNICODE_ISSPACE), found in one match per line. Tried at line starts only and its leading spaces never
# given back: unanchored, a line of n spaces was tried from each of them (n**2/2 steps: 32,000 spaces, 6 s)
_LINE = re.compile(r"^[^\S\n]*+(\S(?:[^\n]*\S)?)", re.MULTILINE)


@dataclass(frozen=True)
class PassageSpan:
    """One passage: [start, end) into the document text and the path of its section."""

    start: int
    end: int
    section: str


def _lines(text: str) -> list[tuple[int, int]]:
    """The span of each line that holds more than spaces, without the spaces around it."""
    return [m.span(1) for m in _LINE.finditer(text)]


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_CHARS:
        cut = None
        for m in _SENTENCE_END.finditer(text, start, start + MAX_CHARS):
            cut = m.end()
        if cut is None or cut - start < MAX_CHARS // 4:
            cut = start + MAX_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _section_paths(positions: list[int], sections: tuple[Section, ...]) -> list[str]:
    """For each position (ascending), the path of the deepest section holding it ("" for none); among
    equally deep ones the last listed. One sweep over the sections sorted by start."""
    order = sorted(range(len(sections)), key=lambda i: sections[i].span.start)
    active: list[int] = []
    out, k = [], 0
    for position in positions:
        while k < len(order) and sections[order[k]].span.start <= position:
            active.append(order[k])
            k += 1
        active = [i for i in active if sections[i].span.end > position]
        best = max(active, key=lambda i: (sections[i].depth, i), default=None)
        out.append(sections[best].path if best is not None else "")
    return out


def split_passages(doc: Document) -> list[PassageSpan]:
    """The passages of a document in text order."""
    text = doc.text
    heading_starts = {s.span.start for s in doc.sections}
    merged: list[tuple[int, int]] = []
    pending: int | None = None  # start of heading/fragment lines waiting for their paragraph
    lines = _lines(text)
    for start, end in lines:
        is_fragment = start in heading_starts or (end - start < SHORT_CHARS and text[end - 1] not in _SENTENCE_ENDS)
        if is_fragment and (pending is None or start - pending < MAX_CHARS):
            pending = start if pending is None else pending
            continue
        merged.append((start if pending is None else pending, end))
        pending = None
    if pending is not None:
        merged.append((pending, lines[-1][1]))
    pieces = [piece for start, end in merged for piece in _cut_long(text, start, end)]
    paths = _section_paths([a for a, _ in pieces], doc.sections)
    return [PassageSpan(a, b, path) for (a, b), path in zip(pieces, paths)]
