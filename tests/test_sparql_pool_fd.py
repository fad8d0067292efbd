"""The SPARQL worker pool reads its workers' pipes at any descriptor number (a long-lived server and the
test suite hold more than 1,024 open files; select() refused those with a 500)."""

from __future__ import annotations

import os
import resource

import pytest
from policykg.graph.sparql_pool import _readable


def test_a_pipe_above_descriptor_1023_is_read():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"open-file limit {hard} is below what the test needs")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    r, w = os.pipe()
    try:
        assert r > 1023
        assert not _readable(r, 0.05)
        os.write(w, b"x")
        assert _readable(r, 0.05)
    finally:
        for fd in (*held, r, w):
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_wait_shorter_than_a_millisecond_still_waits():
    # rounding 0.9 ms down to a 0 ms poll made a 1 ms query deadline look like a dead worker
    import time

    r, w = os.pipe()
    try:
        t0 = time.monotonic()
        assert not _readable(r, 0.0009)
        assert time.monotonic() - t0 >= 0.0009
    finally:
        os.close(r)
        os.close(w)


def test_store_fingerprint_survives_a_file_removed_while_it_is_read(tmp_path, monkeypatch):
    """RocksDB's background compaction deletes .sst files at any moment: one gone between the directory
    listing and its stat must not fail the query that asked (it was a 500 on a loaded machine)."""
    from types import SimpleNamespace

    from policykg.graph import sparql_pool

    for name in ("000017.sst", "000018.sst", "CURRENT"):
        (tmp_path / name).write_bytes(b"x")
    real_scandir = os.scandir

    class _Vanishing:
        def __init__(self, path):
            self.inner = real_scandir(path)

        def __enter__(self):
            entries = list(self.inner)
            (tmp_path / "000018.sst").unlink()  # removed after the listing, before any stat
            return iter(entries)

        def __exit__(self, *exc):
            self.inner.close()

    monkeypatch.setattr(sparql_pool.os, "scandir", _Vanishing)
    fake = SimpleNamespace(store=SimpleNamespace(path=str(tmp_path)))
    names = [entry[0] for entry in sparql_pool.QueryPool._store_fingerprint(fake)]
    assert names == ["000017.sst", "CURRENT"]
