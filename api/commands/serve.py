"""``policykg serve``: ingest the bundled corpus on first start, then serve the API and web page."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from policykg.api.service import Service
from policykg.api.settings import Settings


def first_start(service: Service, settings: Settings, out: Any = sys.stderr) -> None:
    """Ingest ``corpus/documents`` when the graph holds no document yet, rebuild documents an older
    version of policykg wrote (from their files), bring derived data level with the store; then warm the
    search index."""
    outdated = service.kg.outdated_sources()
    if outdated:
        # a file another machine ingested (shared store) or that moved is found by its name and bytes
        from policykg.graph.sources import locate_sources

        located = locate_sources(service.kg, outdated, [settings.corpus_dir / "documents",
                                                        settings.data_dir / "uploads"])
        found = [p for p in outdated if p in located]
        print(f"{len(outdated)} documents were written by an older version of policykg: rebuilding "
              f"{len(found)} from their files …", file=out, flush=True)
        for path in sorted(set(outdated) - set(found)):
            print(f"  cannot rebuild (file gone, kept as it is): {path}", file=out)
        if found:
            report = service.ingest([located[p] for p in found])
            for failure in report.failed:
                print(f"  failed: {failure['path']}: {failure['reason']}", file=out)
    if not service.kg.list_documents():
        corpus = settings.corpus_dir / "documents"
        if not corpus.is_dir():
            print(f"no documents yet and no corpus at {corpus}: serving an empty graph", file=out)
        else:
            print(f"first start: ingesting {corpus} into {settings.data_dir} …", file=out, flush=True)
            started = time.monotonic()
            report = service.ingest([corpus])
            for failure in report.failed:
                print(f"  failed: {failure['path']}: {failure['reason']}", file=out)
            print(f"ingested {len(report.ingested)} documents, {len(report.failed)} failed, "
                  f"in {time.monotonic() - started:.1f} s", file=out, flush=True)
    # whatever a stopped ingest, a crash or a deleted index left behind is brought level before serving
    done = service.catch_up()
    if done:
        print(f"derived data caught up with the store: {done}", file=out, flush=True)
    print("loading the search index …", file=out, flush=True)
    service.index  # noqa: B018 (opening builds it when missing, so the first search is not slow)


def run(args: Any, settings: Settings) -> int:
    """Start uvicorn on ``args.host:args.port`` (127.0.0.1:8000 by default)."""
    import uvicorn
    from policykg.api.app import create_app

    service = Service(settings)
    first_start(service, settings)
    app = create_app(settings, service)

    @contextmanager
    def exclusive() -> Iterator[None]:  # as an upload: reads wait, and cached answers go afterwards
        with app.state.lock.write():
            try:
                yield
            finally:
                app.state.cache.clear()

    service.start_catching_up(settings.catch_up_s, exclusive)
    print(f"serving on http://{args.host}:{args.port}/", file=sys.stderr, flush=True)
    # commands run beside this server find it here (api/local_server.py); issue 16's CLI owner added this
    from policykg.api.local_server import announce

    announce(settings.data_dir, f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}")
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
