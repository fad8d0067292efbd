"""Which text each search unit's vector is made from, and making those vectors with as few model runs as can be.

Most obligations are sentences of a passage of the same document: encoding them alone ran their tokens
through the model a second time (about 45% of a first start's encoding). With an encoder that reads spans
(``encode_passage_spans``: the int8 e5-small), such an obligation's vector comes from its passage's own model
run instead: the mean of the passage's token states over the obligation's span ("late chunking"), so the
obligation keeps a vector of its own, read in its context. Every other unit (passages, obligations found in no
passage, every unit under other encoders) is encoded alone, as before.

A unit's vector is keyed in the embedding cache by its text, or by its passage and span: ``span_key``. Keys
that one model run serves (a passage and the spans inside it) are grouped, so a chunked encoding never runs
a passage twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

SPAN_MARK = "\x00"  # opens a span key; no unit text holds it (a text that did is keyed as itself, plainly)


def span_key(passage: str, start: int, end: int) -> str:
    """The key of the vector of characters ``start:end`` of ``passage``, read inside it."""
    return f"{SPAN_MARK}{start}:{end}{SPAN_MARK}{passage}"


def parse_span_key(key: str) -> tuple[str, int, int] | None:
    """(passage, start, end) of a span key; None for a plain text."""
    if not key.startswith(SPAN_MARK):
        return None
    head, _, passage = key[1:].partition(SPAN_MARK)
    start, _, end = head.partition(":")
    return passage, int(start), int(end)


def reads_spans(encoder: Any) -> bool:
    """Whether ``encoder`` can make span vectors from a passage's run."""
    return getattr(encoder, "reads_spans", False) is True


def vector_keys(units: Sequence[Any], spans: bool) -> list[str]:
    """The embedding-cache key of each unit's vector: its text; with ``spans``, an obligation inside a passage
    of its own document (the first in text order that holds it) is keyed by that passage and its span."""
    if not spans:
        return [u.text.lstrip(SPAN_MARK) for u in units]
    passages: dict[str, list[str]] = {}
    for u in units:
        if u.kind == "passage":
            passages.setdefault(u.doc_iri, []).append(u.text)
    keys = []
    for u in units:
        key = u.text.lstrip(SPAN_MARK)  # (a text opening with NUL, if a store ever gave one, is read without it)
        if u.kind == "obligation" and key == u.text and SPAN_MARK not in u.text:
            for passage in passages.get(u.doc_iri, ()):
                at = passage.find(u.text)
                if at >= 0:
                    # the whole passage: the passage's own vector, keyed as its text
                    key = u.text if passage == u.text else span_key(passage, at, at + len(u.text))
                    break
        keys.append(key)
    return keys


def grouped(keys: Sequence[str]) -> list[list[str]]:
    """The distinct keys, grouped by the model run that makes them (a passage's text with the spans inside
    it), groups in first-seen order."""
    groups: dict[str, list[str]] = {}
    for key in dict.fromkeys(keys):
        parsed = parse_span_key(key)
        groups.setdefault(parsed[0] if parsed else key, []).append(key)
    return list(groups.values())


def encode_keys(encoder: Any, keys: Sequence[str]) -> np.ndarray:
    """Vectors for ``keys`` (rows in order): plain texts by ``encode_passages``; spans by
    ``encode_passage_spans``, one run per passage, which also gives that passage's own key its vector."""
    out = np.zeros((len(keys), encoder.dim), np.float32)
    spans: dict[str, list[tuple[int, int, int]]] = {}  # passage -> (row, start, end)
    for row, key in enumerate(keys):
        parsed = parse_span_key(key)
        if parsed is not None:
            spans.setdefault(parsed[0], []).append((row, parsed[1], parsed[2]))
    own: dict[str, list[int]] = {}  # rows of passages that a span run encodes anyway
    plain = []
    for row, key in enumerate(keys):
        if not key.startswith(SPAN_MARK):
            (own.setdefault(key, []) if key in spans else plain).append(row)
    if plain:
        out[plain] = encoder.encode_passages([keys[row] for row in plain])
    if spans:
        passages = list(spans)
        vectors, span_vectors = encoder.encode_passage_spans(
            passages, [[(start, end) for _, start, end in spans[p]] for p in passages])
        for i, passage in enumerate(passages):
            out[own.get(passage, [])] = vectors[i]
            out[[row for row, _, _ in spans[passage]]] = span_vectors[i]
    return out
