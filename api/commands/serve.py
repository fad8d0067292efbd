"""``policykg serve``: answer on the port at once; the first start's work (ingest of the bundled corpus,
encoding of the search units, catching derived data up) runs in the background, its progress at
``/status`` and ``/status-ui`` (see ``policykg.api.startup``)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from policykg.api.service import Service
from policykg.api.settings import Settings
from policykg.api.startup import StartupProgress, first_start

__all__ = ["first_start", "run"]


def run(args: Any, settings: Settings) -> int:
    """Start uvicorn on ``args.host:args.port`` (127.0.0.1:8000 by default), then the start work behind it."""
    import uvicorn
    from policykg.api.app import create_app

    service = Service(settings)
    service.kg  # noqa: B018 (opened here: a store another process holds stops this command with one line)
    app = create_app(settings, service)
    progress = app.state.startup = StartupProgress()

    @contextmanager
    def exclusive() -> Iterator[None]:  # as an upload: reads wait, and cached answers go afterwards
        with app.state.lock.write():
            try:
                yield
            finally:
                app.state.cache.clear()

    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="info"))

    def start_work() -> None:
        while not server.started:  # the port answers first; the work follows
            if server.should_exit:
                return
            time.sleep(0.05)
        first_start(service, settings, progress=progress, exclusive=exclusive)
        service.start_catching_up(settings.catch_up_s, exclusive)

    threading.Thread(target=start_work, name="policykg-first-start", daemon=True).start()
    print(f"serving on http://{args.host}:{args.port}/ (start progress: /status-ui)", file=sys.stderr, flush=True)
    # commands run beside this server find it here (api/local_server.py); issue 16's CLI owner added this
    from policykg.api.local_server import announce

    announce(settings.data_dir, f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}")
    server.run()
    return 0
