"""The store on a SPARQL server: a thin client of the SPARQL 1.1 Query protocol and the Graph Store
HTTP Protocol, chosen by ``open_store`` when the backend is a URL."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping

from policykg.graph.store import QueryTimeout, StoreError, Triple, _ntriples


class RemoteStore:
    """A SPARQL 1.1 endpoint over HTTP: Query protocol plus Graph Store HTTP Protocol."""

    def __init__(self, query_url: str, graph_store_url: str | None = None):
        self.query_url = query_url
        self.graph_store_url = graph_store_url or query_url

    def _request(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                 timeout: float | None) -> bytes:
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.read()
        except TimeoutError as exc:
            raise QueryTimeout(f"{url} did not answer within {timeout} s") from exc
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace")
            raise StoreError(f"{method} {url}: HTTP {exc.code} {detail}") from exc
        except urllib.error.URLError as exc:
            raise StoreError(f"{method} {url}: {exc.reason}") from exc

    def _graph_url(self, graph_iri: str) -> str:
        return self.graph_store_url + "?" + urllib.parse.urlencode({"graph": str(graph_iri)})

    def write(self, replace: Mapping[str, Iterable[Triple]],
              merge: Mapping[str, Iterable[Triple]] | None = None) -> None:
        """One Graph Store request per graph: each graph is replaced or merged whole (the protocol has no
        request spanning graphs), merges first so that a replaced graph never points at missing nodes."""
        for graph, triples in (merge or {}).items():
            self.add_to_graph(graph, triples)
        for graph, triples in replace.items():
            triples = list(triples)
            if triples:
                self.replace_graph(graph, triples)
            else:
                self.drop_graph(graph)

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """HTTP PUT ?graph=: the server replaces the graph as one operation."""
        self._request("PUT", self._graph_url(graph_iri), _ntriples(triples).encode("utf-8"),
                      {"Content-Type": "application/n-triples"}, 60)

    def add_to_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """HTTP POST ?graph=: merge."""
        self._request("POST", self._graph_url(graph_iri), _ntriples(triples).encode("utf-8"),
                      {"Content-Type": "application/n-triples"}, 60)

    def drop_graph(self, graph_iri: str) -> None:
        """HTTP DELETE ?graph=; a 404 (no such graph) is fine."""
        try:
            self._request("DELETE", self._graph_url(graph_iri), None, {}, 60)
        except StoreError as exc:
            if "HTTP 404" not in str(exc):
                raise

    def query(self, sparql: str, timeout: float | None = None, max_rows: int | None = None) -> dict:
        """POST the query; SELECT/ASK come back as results JSON, graphs as N-Triples."""
        headers = {"Content-Type": "application/sparql-query",
                   "Accept": "application/sparql-results+json, application/n-triples;q=0.9"}
        started = time.monotonic()
        raw = self._request("POST", self.query_url, sparql.encode("utf-8"), headers, timeout)
        if timeout is not None and time.monotonic() - started > timeout:
            raise QueryTimeout(f"query exceeded the time limit of {timeout:g} s")
        try:
            result = json.loads(raw)
        except ValueError:
            return {"head": {}, "ntriples": raw.decode("utf-8")}
        rows = result.get("results", {}).get("bindings")
        if rows is not None and max_rows is not None and len(rows) > max_rows:
            result["results"]["bindings"] = rows[:max_rows]
            result["truncated"] = True
        return result

    def close(self) -> None:
        """Nothing to release."""
