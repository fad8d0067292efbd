"""A service's search index and response cache kept level with a store that other machines write to.

The store (a SPARQL server several service instances share) carries a change mark that every write
replaces (``RemoteStore.change_mark``). Each instance compares it, at most every ``interval_s``
seconds and off the request path, with the mark it last caught up with; when the mark moved it reads
every document's fingerprint (content hash and mapping version), re-indexes the documents whose
fingerprint differs from the one it indexed, drops the ones the store no longer has, and empties its
response cache. An embedded store has no mark: its only writer is its own process, whose writes
refresh what they touch.

What was indexed is kept in ``<data_dir>/search-follow.json`` (the mark and the fingerprints), written
after the index, so an instance that stops half way catches up again when it starts.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
STATE_FILE = "search-follow.json"


def document_fingerprints(kg: Any) -> dict[str, str]:
    """Every stored document's content hash and mapping version, by IRI."""
    rows = kg.select("""SELECT ?doc ?sha ?version WHERE { ?doc a pkg:PolicyDocument ; pkg:sha256 ?sha
        OPTIONAL { ?doc pkg:graphVersion ?version } }""")
    return {r["doc"]: f"{r['sha']}/{r['version'] or ''}" for r in rows}


class StoreFollower:
    """Brings one service's index and cache level with its shared store; ``poke`` on every request."""

    def __init__(self, service: Any, interval_s: float, on_change: Callable[[], None],
                 exclusive: Callable[[], Any] | None = None):
        self.service = service
        self.interval_s = interval_s
        self.on_change = on_change  # empties the response cache
        self.exclusive = exclusive  # the service's write lock: an index update must not meet a read
        self.enabled = interval_s > 0 and service.settings.store_backend != "oxigraph"
        self.state_path = Path(service.settings.data_dir) / STATE_FILE
        self._due = 0.0
        self._running = threading.Lock()
        self.last_check: dict[str, Any] = {}  # when, mark, re-indexed documents (for tests and logs)

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

    def check(self, locked: bool = False) -> list[str]:
        """Compare with the store now and catch up; the documents re-indexed or dropped."""
        store = self.service.kg.store
        mark = store.change_mark() if hasattr(store, "change_mark") else None
        state = self._load()
        if state is not None and state.get("mark") == mark:
            return []
        current = document_fingerprints(self.service.kg)
        index = self.service.index  # opened (or built from the store) first when it was not yet
        if state is None:  # no record yet: what the index holds is taken as current, the rest is new
            known = {doc: current.get(doc) for doc in {unit.doc_iri for unit in index.units}}
        else:
            known = state.get("documents", {})
        changed = sorted(d for d, fp in current.items() if known.get(d) != fp)
        changed += sorted(d for d in known if d not in current)
        if changed:
            if locked and self.exclusive is not None:
                with self.exclusive():
                    index.update(changed)
            else:
                index.update(changed)
            log.info("caught up with the store: %d documents re-indexed or dropped", len(changed))
        self.on_change()
        self._save({"mark": mark, "documents": current})
        self.last_check = {"at": time.time(), "mark": mark, "changed": changed}
        return changed

    def _load(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _save(self, state: dict[str, Any]) -> None:
        tmp = self.state_path.with_name(self.state_path.name + ".tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.state_path)
