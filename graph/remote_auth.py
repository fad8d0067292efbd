"""Credentials of a remote store, taken from its URL (``http://user:password@host/…``): sent as basic or
digest authentication, whichever the server asks for, and kept out of every URL and message."""

from __future__ import annotations

import urllib.parse

import httpx


def masked(url: str) -> str:
    """``url`` with any user:password replaced by ***, for messages."""
    parts = urllib.parse.urlsplit(url)
    if not parts.username and not parts.password:
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def without_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``url`` without its user:password, and them (percent-decoded) when it had any."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    user = urllib.parse.unquote(parts.username)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), (user, urllib.parse.unquote(parts.password or ""))


class Credentials(httpx.Auth):
    """Basic or digest authentication, whichever the server's first challenge asks for."""

    def __init__(self, user: str, password: str):
        self._schemes = {"basic": httpx.BasicAuth(user, password), "digest": httpx.DigestAuth(user, password)}
        self._chosen: httpx.Auth | None = None

    def __repr__(self) -> str:
        return "<credentials ***>"

    def auth_flow(self, request: httpx.Request):
        if self._chosen is None:
            response = yield request
            challenge = response.headers.get("www-authenticate", "")
            if response.status_code != 401 or not challenge:
                return
            self._chosen = self._schemes.get(challenge.split(" ", 1)[0].lower(), self._schemes["basic"])
        yield from self._chosen.auth_flow(request)
