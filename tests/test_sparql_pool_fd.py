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
