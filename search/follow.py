"""A service's search index and response cache kept level with a store that other machines write to.

One mechanism decides what every instance re-indexes: the store's change records (``graph/changes.py``),
which every write, removal and recovery of a document moves to a higher version, whichever machine made it.
At most every ``interval_s`` seconds, off the request path, an instance reads the records' summary (their
count, the sum of their versions and the derived-data mark: one small aggregate query, paged like every
internal read of a remote store); when it moved, the instance brings its search index level with the
records (``search.derived.catch_up_index``: documents whose version the index lacks are loaded, those no
longer live dropped) and empties its response cache. The index keeps the version of each document it holds
(``SearchIndex.documents``), so an instance that stops half way, or starts after others wrote, catches up
by the same comparison: nothing of this is kept apart from the index. An embedded store has no other
writer: its own process's writes refresh what they touch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from policykg.graph.changes import record_summary
from policykg.search.derived import catch_up_index

log = logging.getLogger(__name__)


class StoreFollower:
    """Brings one service's index and cache level with its shared store; ``poke`` on every request."""

    def __init__(self, service: Any, interval_s: float, on_change: Callable[[], None],
                 exclusive: Callable[[], Any] | None = None):
        self.service = service
        self.interval_s = interval_s
        self.on_change = on_change  # empties the response cache
        self.exclusive = exclusive  # the service's write lock: an index update must not meet a read
        self.enabled = interval_s > 0 and service.settings.store_backend != "oxigraph"
        self.summary: tuple[int, int, bool] | None = None  # the records' summary last caught up with
        self._due = 0.0
        self._running = threading.Lock()
        self.last_check: dict[str, Any] = {}  # when, summary, documents loaded or dropped (for tests and logs)

    def poke(self) -> None:
        """Start a check in the background when one is due; returns at once."""
        if not self.enabled or time.monotonic() < self._due or not self._running.acquire(blocking=False):
            return
        self._due = time.monotonic() + self.interval_s
        threading.Thread(target=self._check_in_background, daemon=True, name="store-follower").start()

    def _check_in_background(self) -> None:
        try:
            self.check(locked=True)
        except Exception as exc:  # noqa: BLE001 - a store that is down now is caught up with later
            log.warning("cannot catch up with the store: %s", " ".join(str(exc).split()))
        finally:
            self._running.release()

    def check(self, locked: bool = False) -> dict[str, int]:
        """Compare with the store's change records now and catch up; the documents loaded and dropped."""
        kg = self.service.kg
        summary = record_summary(kg)
        if summary == self.summary:
            return {}
        index = self.service.index  # opened (or built from the store) first when it was not yet
        done = catch_up_index(kg, index, self.exclusive if locked else None)
        if done["loaded"] or done["dropped"]:
            log.info("caught up with the store: %s", done)
        self.on_change()
        self.summary = summary
        self.last_check = {"at": time.time(), "summary": summary, **done}
        return done
