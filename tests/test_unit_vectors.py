"""Unit vectors: an obligation inside a passage of its document is read in that passage's model run (one run per
passage), every other unit alone; keys, grouping, and the index's encoding paths (build, deferred, update)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.pipeline import parse_file
from policykg.search.encoders import HashEncoder
from policykg.search.index import SearchIndex
from policykg.search.units import Unit
from policykg.search.unitvectors import (
    encode_keys,
    grouped,
    parse_span_key,
    reads_spans,
    span_key,
    vector_keys,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
DOCS = ["shanghai/district/上海市长宁区人民政府办公室印发《关于进一步加强长宁区公共消防安全的工作意见》的通知.md",  # no gold file
        "seeds/002_703e075b325a6c8c.txt"]


class SpanHash(HashEncoder):
    """The hash encoder reading spans: a span's vector is its text's own (so the index's rows can be checked),
    and every model run is recorded: plain texts, and passages run for their spans."""

    reads_spans = True

    def __init__(self):
        super().__init__(64)
        self.plain: list[str] = []
        self.runs: list[str] = []

    def encode_passages(self, texts):
        self.plain.extend(texts)
        return super().encode_passages(texts)

    def encode_passage_spans(self, passages, spans):
        self.runs.extend(passages)
        vectors = super().encode_passages(passages)
        return vectors, [super(SpanHash, self).encode_passages([p[a:b] for a, b in s]) for p, s in zip(passages, spans)]


def _unit(i: int, kind: str, text: str, doc: str = "urn:doc:a") -> Unit:
    return Unit(iri=f"urn:unit:{i}", kind=kind, text=text, doc_iri=doc)


def test_keys_read_an_obligation_inside_a_passage_of_its_own_document():
    units = [_unit(0, "obligation", "各单位应当落实责任。"), _unit(1, "obligation", "独立成段的义务。"),
             _unit(2, "obligation", "别处的句子。"), _unit(3, "obligation", "第二段全文。"),
             _unit(4, "passage", "总则。各单位应当落实责任。其余内容。"), _unit(5, "passage", "独立成段的义务。"),
             _unit(6, "passage", "第二段全文。"), _unit(7, "passage", "含有别处的句子。", doc="urn:doc:b")]
    keys = vector_keys(units, spans=True)
    assert keys[0] == span_key("总则。各单位应当落实责任。其余内容。", 3, 13)
    assert parse_span_key(keys[0]) == ("总则。各单位应当落实责任。其余内容。", 3, 13)
    assert keys[1] == "独立成段的义务。"  # the whole passage: its vector, keyed as its text
    assert keys[2] == "别处的句子。"  # only in another document's passage: alone
    assert keys[4:] == [u.text for u in units[4:]] and parse_span_key(keys[4]) is None
    assert vector_keys(units, spans=False) == [u.text for u in units]
    assert not reads_spans(HashEncoder(8)) and reads_spans(SpanHash())
    # a passage's key and the spans inside it form one group, whatever order they came in
    assert grouped(keys + [keys[0]]) == [[keys[0], keys[4]], [keys[1]], [keys[2]], [keys[3]], [keys[7]]]


def test_encode_keys_runs_each_passage_once_for_itself_and_its_spans():
    encoder = SpanHash()
    passage = "总则。各单位应当落实责任。其余内容。"
    keys = [span_key(passage, 3, 13), "独立文本", passage, span_key(passage, 0, 3), span_key("另一段文字", 0, 2)]
    vectors = encode_keys(encoder, keys)
    assert encoder.runs == [passage, "另一段文字"] and encoder.plain == ["独立文本"]
    expected = HashEncoder(64).encode_passages(["各单位应当落实责任。", "独立文本", passage, "总则。", "另一"])
    assert np.allclose(vectors, expected)


@pytest.fixture(scope="module")
def kg():
    graph = KnowledgeGraph.open(None)
    graph.add_documents([parse_file(CORPUS / rel) for rel in DOCS])  # extracted: obligations and passages
    return graph


def _index(folder: Path, kg, encoder: SpanHash, defer: bool = False) -> SearchIndex:
    index = SearchIndex(folder / "search", kg, "hash-64", defer_encoding=defer)
    index._encoder = encoder
    return index


def _check_vectors(index: SearchIndex, encoder: SpanHash) -> None:
    """Every passage ran once; no obligation inside a passage ran alone; each row holds its text's vector."""
    units = list(index.units)
    passages = {u.text for u in units if u.kind == "passage"}
    inside = [u for u in units if u.kind == "obligation" and u.text not in passages
              and any(u.text in p for p in passages)]
    assert len(inside) > 20  # real documents: most obligations are sentences of a passage
    ran = encoder.runs + encoder.plain
    assert len(ran) == len(set(ran)), "a text went through the model twice"
    assert not {u.text for u in inside} & set(encoder.plain)
    assert set(ran) >= passages
    expected = HashEncoder(64).encode_passages([u.text for u in units])
    got = index.vectors.search(expected, 1)[0][:, 0]
    assert np.allclose(got, 1.0, atol=1e-5)  # each unit finds its own text's vector at the top


def test_a_built_index_reads_obligations_in_their_passages(kg, tmp_path):
    encoder = SpanHash()
    index = _index(tmp_path, kg, encoder)
    index.rebuild()
    _check_vectors(index, encoder)
    keys = index.vector_keys()
    assert len(encoder.runs) + len(encoder.plain) < len(set(keys)) < len(index.units)


def test_deferred_encoding_in_small_chunks_never_splits_a_passage_from_its_spans(kg, tmp_path):
    encoder = SpanHash()
    index = _index(tmp_path, kg, encoder, defer=True)
    index.rebuild()
    assert index.vectors is None and index.unencoded == len(set(index.vector_keys()))
    seen: list[tuple[int, int]] = []
    assert index.encode_pending(lambda done, total: seen.append((done, total)), chunk=3) == index.unencoded
    assert seen[-1][0] == seen[-1][1] == index.unencoded and len(seen) > 10
    index.attach_vectors()
    _check_vectors(index, encoder)
    # reopened with the embedding cache: nothing runs again
    again = SpanHash()
    _index(tmp_path, kg, again).rebuild()
    assert again.runs == again.plain == []
