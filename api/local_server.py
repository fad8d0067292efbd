"""The command line beside a running server: is the store held by another process, and which local
``policykg serve`` over the same data directory can answer instead.

An embedded Oxigraph store admits one process. While ``policykg serve`` holds it, the read commands ask
that server's JSON API, which answers with the same JSON as the commands' ``--json`` output.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

DATA_HEADER = "X-Policykg-Data"  # every answer of the app carries the fingerprint of its data directory
DEFAULT_URL = "http://127.0.0.1:8000"
ANNOUNCE_FILE = "server.json"  # written by a server into its data directory: {"url", "pid"}
TIMEOUT_S = 120.0  # a search waits for the encoder; a slow answer is still an answer


# the server is on this machine: an http_proxy in the environment must not carry the request elsewhere
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServerUnavailable(Exception):
    """No running server over this data directory answered."""


class ServerAnswerError(Exception):
    """The server answered with an error: ``status``, ``error`` and ``detail`` of its JSON."""

    def __init__(self, status: int, error: str, detail: Any):
        super().__init__(detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False))
        self.status, self.error, self.detail = status, error, detail


def data_fingerprint(data_dir: Path) -> str:
    """A short, stable id of a data directory (its resolved path hashed: the path itself is not shown)."""
    return hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]


def store_held_elsewhere(data_dir: Path) -> bool:
    """Whether another process holds the lock of the embedded store under ``data_dir``.

    Call it only after opening the store failed: POSIX record locks belong to the process, and closing
    a probe's descriptor would drop a lock this process itself held.
    """
    lock = Path(data_dir) / "store" / "LOCK"
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        return exc.errno in (errno.EAGAIN, errno.EACCES)
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def announce(data_dir: Path, url: str) -> Path:
    """Record in the data directory where this process serves it, so commands beside it find it."""
    path = Path(data_dir) / ANNOUNCE_FILE
    path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    return path


def candidate_urls(data_dir: Path, env: dict[str, str] | None = None) -> list[str]:
    """Where a server over ``data_dir`` may listen: POLICYKG_SERVER, the announced URL, the default."""
    env = dict(os.environ if env is None else env)
    urls = [env["POLICYKG_SERVER"]] if env.get("POLICYKG_SERVER") else []
    try:
        announced = json.loads((Path(data_dir) / ANNOUNCE_FILE).read_text(encoding="utf-8"))
        if _alive(int(announced.get("pid", 0))) and announced.get("url"):
            urls.append(str(announced["url"]))
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    urls.append(DEFAULT_URL)
    return list(dict.fromkeys(u.rstrip("/") for u in urls))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LocalServer:
    """The JSON API of the server that holds ``data_dir``; answers only from a server over that directory."""

    def __init__(self, url: str, data_dir: Path):
        self.url = url.rstrip("/")
        self.fingerprint = data_fingerprint(data_dir)

    @classmethod
    def find(cls, data_dir: Path, env: dict[str, str] | None = None) -> LocalServer:
        """The first candidate URL whose server serves ``data_dir``; ServerUnavailable naming those tried."""
        tried = []
        for url in candidate_urls(data_dir, env):
            server = cls(url, data_dir)
            try:
                server.get("/openapi.json", timeout=5.0)
                return server
            except ServerUnavailable as exc:
                tried.append(f"{url} ({exc})")
        raise ServerUnavailable("no policykg server over this data directory answered at " + "; ".join(tried))

    def get(self, path: str, params: dict[str, Any] | None = None, timeout: float = TIMEOUT_S) -> Any:
        """GET ``path`` with the non-empty ``params``; the decoded JSON answer."""
        query = urllib.parse.urlencode({k: _param(v) for k, v in (params or {}).items()
                                        if v is not None and v is not False})
        url = self.url + path + (f"?{query}" if query else "")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with _DIRECT.open(request, timeout=timeout) as answer:
                self._check_origin(answer.headers)
                return json.loads(answer.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            self._check_origin(exc.headers)
            try:
                body = json.loads(exc.read().decode("utf-8"))
            except ValueError:
                body = {}
            raise ServerAnswerError(exc.code, str(body.get("error") or exc.reason),
                                    body.get("detail") or exc.reason) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ServerUnavailable(str(reason)) from None

    def _check_origin(self, headers: Any) -> None:
        served = headers.get(DATA_HEADER) if headers is not None else None
        if served != self.fingerprint:
            raise ServerUnavailable("it serves another data directory" if served else "not a policykg server")


def _param(value: Any) -> str:
    if value is True:
        return "true"
    return str(value)


def quote_path(text: str) -> str:
    """One path segment of an API URL."""
    return urllib.parse.quote(text, safe="")
