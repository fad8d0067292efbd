"""Catch-up failures in the service's log: a store that went away is one line, anything else keeps its traceback."""

from __future__ import annotations

import logging

from policykg.api.service import _log_failure
from policykg.graph.remote import StoreUnavailable


def _raised(exc: Exception) -> Exception:
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001 - the test needs the exception with its traceback
        return caught


def test_a_store_failure_is_logged_in_one_line(caplog):
    with caplog.at_level(logging.WARNING, logger="policykg.api.service"):
        _log_failure("periodic catch-up failed", _raised(StoreUnavailable("store at http://127.0.0.1:1/ is down")))
    (record,) = caplog.records
    assert record.exc_info is None and record.levelno == logging.WARNING
    assert record.getMessage() == "periodic catch-up failed: store at http://127.0.0.1:1/ is down"


def test_an_unexpected_failure_keeps_its_traceback(caplog):
    with caplog.at_level(logging.WARNING, logger="policykg.api.service"):
        try:
            raise KeyError("units")
        except KeyError as exc:
            _log_failure("periodic catch-up failed", exc)
    (record,) = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
