"""The store on a SPARQL server: a thin client of the SPARQL 1.1 Query protocol and the Graph Store
HTTP Protocol, chosen by ``open_store`` when the backend is a URL.

Made for real servers, tried on Oxigraph server and Virtuoso 7:

- queries go as GET, or as a form POST when long, never as an ``application/sparql-query`` body
  (Virtuoso never answers one: openlink/virtuoso-opensource#842);
- answers are read by value in any format and dialect (``remote_answers``: results XML or JSON,
  Virtuoso's ``typed-literal``, booleans as 1/0);
- a server row cap never cuts a read: a capped answer is noticed (Virtuoso says so in a header; other
  servers are asked for one row past the answer) and read again in pages by key (each page the rows
  from the last page's key on, no OFFSET), so no page relies on the server ordering alike twice;
- credentials come from the URL's user:password (``remote_auth``: basic or digest, as the server asks)
  and never appear in a message;
- a server that is down or hangs raises ``StoreUnavailable``; a query that runs long on a live server
  ``QueryTimeout``; a query the server cannot parse ``SyntaxError``;
- a write spans graphs, one request each, so it is not all or nothing (``atomic_writes`` is False): the
  knowledge graph marks its documents pending around it and recovers what a writer left (graph/recover.py);
- Virtuoso's own system graphs must be private to the query users (.ci/virtuoso.sql), else they join
  the union default graph: the client warns. (Its ``input:default-graph-exclude`` pragma cannot do it:
  with it, Virtuoso 7.2 finds nothing in ``GRAPH <iri>`` patterns.)
"""

from __future__ import annotations

import logging
import re
import threading
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Any

import httpx
import pyoxigraph as ox
from policykg.graph.remote_answers import ACCEPT_RESULTS, NTRIPLES, Solutions, read_graph, read_solutions
from policykg.graph.remote_auth import Credentials, without_credentials
from policykg.graph.store import QueryTimeout, StoreError, Triple, _ntriples
from policykg.ontology.namespace import DATA_URI

GET_MAX_URL = 2000  # longer queries go as a form POST (URL limits of servers and proxies)
PAGE_KEY = "policykg_page_key"  # the string key a keyset page is ordered and filtered by
PROBE_FROM = 1000  # answers this long are checked for a silent row cap (servers that do not say so)
WRITE_TIMEOUT_S = 300.0
READ_TIMEOUT_S = 300.0  # a read with no time limit of its own still gives up on a hung server
RETRY_AFTER_S = 30
VIRTUOSO_SYSTEM_GRAPH = "http://www.openlinksw.com/schemas/virtrdf#"
log = logging.getLogger(__name__)
# the prologue of a query (PREFIX and BASE declarations, comments): what a paged read keeps in front
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*|PREFIX\s*[^\s:<>]*:\s*<[^>\s]*>|BASE\s*<[^>\s]*>)", re.IGNORECASE)


class StoreUnavailable(StoreError):
    """The store's server is down, refuses us or does not answer: try again later (HTTP 503)."""

    retry_after = RETRY_AFTER_S


def split_prologue(sparql: str) -> tuple[str, str]:
    """The prologue (PREFIX/BASE declarations) of a query and the rest, by the grammar's tokens."""
    end = 0
    while (m := _PROLOGUE.match(sparql, end)) and m.end() > end:
        end = m.end()
    return sparql[:end], sparql[end:]


def _sparql_string(text: str) -> str:
    """A SPARQL string literal of ``text`` (quotes, backslashes and line ends escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _key_variable(names: list[str], rows: list[tuple[Any, ...]]) -> str:
    """The variable with the most distinct values in the rows at hand: the key that pages best."""
    def distinct(i: int) -> int:
        # a blank node has no STR: every one would share the key ""
        return len({row[i].value for row in rows if isinstance(row[i], (ox.NamedNode, ox.Literal))})
    return names[max(range(len(names)), key=distinct)]


class RemoteStore:
    """A SPARQL 1.1 endpoint over HTTP: Query protocol plus Graph Store HTTP Protocol."""

    atomic_writes = False  # one request per graph: see graph/changes.py for how writes are made recoverable

    def __init__(self, query_url: str, graph_store_url: str | None = None):
        self.query_url, credentials = without_credentials(query_url)
        self.graph_store_url, store_credentials = without_credentials(graph_store_url or query_url)
        credentials = credentials or store_credentials
        self._client = httpx.Client(auth=Credentials(*credentials) if credentials else None,
                                    transport=httpx.HTTPTransport(retries=1), headers={"User-Agent": "policykg"})
        self.server: str | None = None  # "virtuoso", "oxigraph" or "other", from the first answer
        self.row_cap: int | None = None  # the server's row cap, once seen
        self._meeting = threading.Lock()

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, {self.graph_store_url!r})"

    # -- HTTP ------------------------------------------------------------------------------------

    def _send(self, method: str, url: str, timeout: float, **kwargs: Any) -> httpx.Response:
        """One request; a server that is down or does not answer is StoreUnavailable, any other
        failure a one-line StoreError (the URL never carries credentials: they travel in headers)."""
        where = urllib.parse.urlsplit(url)._replace(query="").geturl()  # the query string can be long
        for attempt in (1, 2):
            try:
                response = self._client.request(method, url, timeout=timeout, **kwargs)
                break
            except httpx.TimeoutException:
                raise
            except httpx.RemoteProtocolError as exc:  # a kept-alive connection the server closed: once more
                if attempt == 2:
                    raise StoreUnavailable(f"the store at {where} dropped the connection: {exc}") from None
            except httpx.HTTPError as exc:
                reason = str(exc) or type(exc).__name__
                raise StoreUnavailable(f"the store at {where} cannot be reached: {reason}") from None
        if response.status_code in (502, 503, 504):
            raise StoreUnavailable(f"the store at {where} is unavailable: HTTP {response.status_code}")
        if response.status_code in (401, 403):
            raise StoreError(f"the store at {where} refused the credentials: HTTP {response.status_code}"
                             " (give them as http://user:password@host/… in POLICYKG_STORE)")
        return response

    def _alive(self) -> bool:
        try:
            self._client.get(self.query_url, params={"query": "ASK {}"}, headers={"Accept": ACCEPT_RESULTS},
                             timeout=3.0)
            return True
        except httpx.HTTPError:
            return False

    def _ask_server(self, sparql: str, deadline: float | None, graph_form: bool) -> httpx.Response:
        """One query request: GET when short, else a form POST; QueryTimeout past the deadline, or
        StoreUnavailable when the server does not answer at all."""
        if self.server is None:
            self._meet_server(deadline)
        left = READ_TIMEOUT_S if deadline is None else max(0.05, deadline - time.monotonic())
        headers = {"Accept": NTRIPLES if graph_form else ACCEPT_RESULTS}
        url = self.query_url + ("&" if "?" in self.query_url else "?") + urllib.parse.urlencode({"query": sparql})
        try:
            if len(url) <= GET_MAX_URL:
                response = self._send("GET", url, left, headers=headers)
            else:
                response = self._send("POST", self.query_url, left, headers=headers, data={"query": sparql})
        except httpx.TimeoutException:
            if not self._alive():
                raise StoreUnavailable(f"the store at {self.query_url} does not answer") from None
            raise QueryTimeout(f"query exceeded the time limit of {left:g} s") from None
        if response.status_code == 400:
            text = response.text.strip()
            raise SyntaxError(text.splitlines()[0] if text else "the store refused the query as malformed")
        if response.status_code >= 300:
            detail = " ".join(response.text.split())[:300]
            raise StoreError(f"query to {self.query_url}: HTTP {response.status_code} {detail}")
        if response.headers.get("x-sql-state") == "S1TAT":  # Virtuoso's partial "anytime" answer
            raise QueryTimeout("the store stopped the query at its own time limit (partial answer refused)")
        return response

    def _meet_server(self, deadline: float | None) -> None:
        """Learn which server this is; on Virtuoso, its system graphs and row cap."""
        with self._meeting:
            if self.server is not None:
                return
            self.server = "other"  # for the requests below
            try:
                self._learn_server(deadline)
            except Exception:
                self.server = None  # met again by the next request
                raise

    def _learn_server(self, deadline: float | None) -> None:
        soon = time.monotonic() + 10.0
        response = self._ask_server("ASK {}", soon if deadline is None else min(deadline, soon), False)
        name = response.headers.get("server", "").lower()
        self.server = "virtuoso" if "virtuoso" in name else "oxigraph" if "oxigraph" in name else "other"
        if self.server == "virtuoso":
            if self.query(f"ASK {{ GRAPH <{VIRTUOSO_SYSTEM_GRAPH}> {{ ?s ?p ?o }} }}")["boolean"]:
                log.warning("Virtuoso shows its system graphs to queries (they join the union default graph): "
                            "make them private as .ci/virtuoso.sql does")
            cap = self.select_values("SELECT (bif:virtuoso_ini_item_value('SPARQL', 'ResultSetMaxRows') AS ?cap) {}")
            if cap and (cap[0]["cap"] or "").isdigit():
                self.row_cap = int(cap[0]["cap"]) or None

    # -- SPARQL 1.1 Query ------------------------------------------------------------------------

    def query(self, sparql: str, timeout: float | None = None, max_rows: int | None = None) -> dict:
        """SELECT/ASK as W3C results JSON, graphs as N-Triples: all rows (or ``max_rows``, with
        ``truncated``), whatever row cap the server has. ``timeout`` limits each request: an answer the
        server's cap makes us read in pages gets it for every page."""
        answer = self._read(sparql, timeout, None if max_rows is None else max_rows + 1)
        if isinstance(answer, bool):
            return {"head": {}, "boolean": answer}
        if isinstance(answer, list):
            out: dict[str, Any] = {"head": {}, "ntriples": "\n".join(answer[:max_rows])}
        else:
            out = {"head": {"vars": answer.names}, "results": {"bindings": answer.json_rows()[:max_rows]}}
        if max_rows is not None and len(answer.rows if isinstance(answer, Solutions) else answer) > max_rows:
            out["truncated"] = True
        return out

    def select_values(self, sparql: str, timeout: float | None = None) -> list[dict[str, str | None]]:
        """SELECT rows as {variable: value or None}, every row whatever the server's cap."""
        answer = self._read(sparql, timeout, None)
        if not isinstance(answer, Solutions):
            raise TypeError("select_values needs a SELECT query")
        return answer.values()

    def _read(self, sparql: str, timeout: float | None, wanted: int | None) -> Solutions | bool | list[str]:
        """The whole answer (or its first ``wanted`` rows): pages when the server cuts it at a row cap."""
        deadline = None if timeout is None else time.monotonic() + timeout
        graph_form = split_prologue(sparql)[1].lstrip()[:9].upper().startswith(("CONSTRUCT", "DESCRIBE"))
        response = self._ask_server(sparql, deadline, graph_form)
        media_type = response.headers.get("content-type", "")
        if graph_form:
            triples = read_graph(response.content, media_type)
            if self.row_cap and len(triples) >= self.row_cap:  # a graph cannot be read in pages
                raise StoreError(f"the store cut a graph answer at its row cap of {self.row_cap} triples: "
                                 "ask for fewer")
            return triples
        answer = read_solutions(response.content, media_type)
        if isinstance(answer, Solutions) and (wanted is None or len(answer.rows) < wanted) \
                and self._capped(response, sparql, len(answer.rows), timeout):
            answer = self._paged(sparql, answer.names, wanted, timeout, answer.rows)
        return answer

    def _solutions(self, sparql: str, timeout: float | None) -> Solutions:
        """One page or probe: each gets the whole time limit (the server's cap made us split the read)."""
        answer = self._ask_server(sparql, None if timeout is None else time.monotonic() + timeout, False)
        solutions = read_solutions(answer.content, answer.headers.get("content-type", ""))
        assert isinstance(solutions, Solutions)
        return solutions

    def _capped(self, response: httpx.Response, sparql: str, count: int, timeout: float | None) -> bool:
        """Whether the server cut an answer of ``count`` rows at a row cap (then ``row_cap`` holds it)."""
        announced = response.headers.get("x-sparql-maxrows", "")
        if announced.isdigit():  # Virtuoso, when its ResultSetMaxRows (or LIMIT at that number) applied
            self.row_cap = int(announced)
            return count >= self.row_cap and not self._limited_within_cap(sparql)
        if self.row_cap is not None and count == self.row_cap:
            return not self._limited_within_cap(sparql)
        if self.server in ("oxigraph", "virtuoso") or count < PROBE_FROM:
            # Oxigraph server has no cap; Virtuoso announces its cap (X-SPARQL-MaxRows, above), and a probe
            # there misleads: it answers OFFSET n LIMIT 1 over a wrapped SELECT DISTINCT with many rows, so a
            # complete answer would be taken as capped and every later read paged; no server caps this short
            return False
        prologue, body = split_prologue(sparql)
        more = self._solutions(f"{prologue}SELECT * WHERE {{ {{ {body}\n}} }} OFFSET {count} LIMIT 1", timeout)
        if more.rows:
            self.row_cap = count
            log.warning("the store cut an answer at %d rows (a row cap it does not announce): reading in pages",
                        count)
        return bool(more.rows)

    def _limited_within_cap(self, sparql: str) -> bool:
        """Whether the query's own LIMIT is at most the row cap, from its parse tree: then an answer of
        cap rows is whole (Virtuoso announces its cap whenever a LIMIT equals it). A query rdflib cannot
        parse (Virtuoso's own functions) counts as unlimited."""
        from rdflib.plugins.sparql.parser import parseQuery

        try:
            query = parseQuery(sparql)[1]
        except Exception:  # noqa: BLE001 - any parser failure: decide as before, from the row count
            return False
        if "limitoffset" not in query or "limit" not in query["limitoffset"]:
            return False
        return self.row_cap is not None and int(query["limitoffset"]["limit"]) <= self.row_cap

    def _paged(self, sparql: str, names: list[str], wanted: int | None, timeout: float | None,
               first: list[tuple[Any, ...]] | None = None) -> Solutions:
        """Every row (or ``wanted``), read in pages of the row cap: by key (``_keyset_pages``) when the
        answer allows it, else by OFFSET over an order of every variable."""
        page = self.row_cap or PROBE_FROM
        if first and names:
            rows = self._keyset_pages(sparql, names, wanted, timeout, page, _key_variable(names, first))
            if rows is not None:
                return Solutions(names, rows[:wanted])
        return Solutions(names, self._offset_pages(sparql, names, wanted, timeout, page))

    def _keyset_pages(self, sparql: str, names: list[str], wanted: int | None, timeout: float | None,
                      page: int, variable: str) -> list[tuple[Any, ...]] | None:
        """Every row, in pages of ``page`` ordered by one string key (the key variable's STR, "" where
        unbound or without one), each page the rows from the last key on: correct whatever order the
        server gives rows of equal key, or whether it keeps an ORDER BY inside a subquery, because the rows
        of a page's last key are dropped and read again whole at the head of the next page; no OFFSET, so
        Virtuoso accepts it past its cap. None when one key fills a whole page (too few distinct keys)."""
        prologue, body = split_prologue(sparql)
        rows: list[tuple[Any, ...]] = []
        last: str | None = None
        while wanted is None or len(rows) < wanted:
            after = "" if last is None else f" FILTER(?{PAGE_KEY} >= {_sparql_string(last)})"
            paged = (f"{prologue}SELECT * WHERE {{ {{ {body}\n}} BIND(COALESCE(STR(?{variable}), \"\") AS ?{PAGE_KEY})"
                     f"{after} }} ORDER BY ?{PAGE_KEY} LIMIT {page}")
            got = self._solutions(paged, timeout)
            position = [got.names.index(n) for n in names]  # SELECT * may list the variables in another order
            at = got.names.index(PAGE_KEY)
            keys = [row[at].value if row[at] is not None else "" for row in got.rows]
            if len(got.rows) < page:
                rows += [tuple(row[i] for i in position) for row in got.rows]
                return rows
            last = keys[-1]
            whole = [tuple(row[i] for i in position) for row, key in zip(got.rows, keys) if key != last]
            if not whole:
                log.info("paging by ?%s: one key fills a page of %d rows; paging by OFFSET", variable, page)
                return None
            rows += whole
        return rows

    def _offset_pages(self, sparql: str, names: list[str], wanted: int | None, timeout: float | None,
                      page: int) -> list[tuple[Any, ...]]:
        """Every row (or ``wanted``), by OFFSET over an order of every variable: relies on the server
        ordering alike on every page (on Virtuoso, keeping an ORDER BY inside a subquery: SPARQL does not
        promise it), so only where keyset pages cannot serve."""
        prologue, body = split_prologue(sparql)
        order = " ".join(f"?{n}" for n in names)
        rows: list[tuple[Any, ...]] = []
        while wanted is None or len(rows) < wanted:
            size = page if wanted is None else min(page, wanted - len(rows))
            if self.server == "virtuoso":  # ordered inside: Virtuoso refuses an ORDER BY beyond its cap (SR353)
                paged = (f"{prologue}SELECT * WHERE {{ {{ SELECT * WHERE {{ {{ {body}\n}} }} ORDER BY {order} }} }}"
                         f" OFFSET {len(rows)} LIMIT {size}")
            else:
                paged = f"{prologue}SELECT * WHERE {{ {{ {body}\n}} }} ORDER BY {order} OFFSET {len(rows)} LIMIT {size}"
            got = self._solutions(paged, timeout)
            position = [got.names.index(n) for n in names]  # SELECT * may list the variables in another order
            rows += [tuple(row[i] for i in position) for row in got.rows]
            if len(got.rows) < size:
                break
        return rows

    def named_graphs(self) -> list[str]:
        """IRIs of every named graph of the project."""
        rows = self.select_values(f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
            FILTER(STRSTARTS(STR(?g), "{DATA_URI}")) }}""")
        return [r["g"] for r in rows]

    # -- Graph Store HTTP Protocol ---------------------------------------------------------------

    def _graph_url(self, graph_iri: str) -> str:
        separator = "&" if "?" in self.graph_store_url else "?"
        return self.graph_store_url + separator + urllib.parse.urlencode({"graph": str(graph_iri)})

    def _graph_request(self, method: str, graph_iri: str, triples: Iterable[Triple] | None = None) -> int:
        body = None if triples is None else _ntriples(triples).encode("utf-8")
        headers = {} if body is None else {"Content-Type": "application/n-triples"}
        try:
            response = self._send(method, self._graph_url(graph_iri), WRITE_TIMEOUT_S, content=body, headers=headers)
        except httpx.TimeoutException:
            raise StoreUnavailable(f"the store at {self.graph_store_url} did not answer a {method} of a graph "
                                   f"within {WRITE_TIMEOUT_S:g} s") from None
        if response.status_code >= 300 and not (method == "DELETE" and response.status_code == 404):
            detail = " ".join(response.text.split())[:300]
            raise StoreError(f"{method} of graph <{graph_iri}> at {self.graph_store_url}: "
                             f"HTTP {response.status_code} {detail}")
        return response.status_code

    def write(self, replace: Mapping[str, Iterable[Triple]],
              merge: Mapping[str, Iterable[Triple]] | None = None) -> None:
        """One Graph Store request per graph: each graph is replaced or merged whole (the protocol has no
        request spanning graphs), merges first so that a replaced graph never points at missing nodes."""
        for graph, triples in (merge or {}).items():
            self._graph_request("POST", graph, triples)
        for graph, triples in replace.items():
            triples = list(triples)
            self._graph_request("PUT" if triples else "DELETE", graph, triples or None)

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """HTTP PUT ?graph=: the server replaces the graph as one operation."""
        self._graph_request("PUT", graph_iri, triples)

    def add_to_graph(self, graph_iri: str, triples: Iterable[Triple]) -> None:
        """HTTP POST ?graph=: merge."""
        self._graph_request("POST", graph_iri, triples)

    def drop_graph(self, graph_iri: str) -> None:
        """HTTP DELETE ?graph=; a 404 (no such graph) is fine."""
        self._graph_request("DELETE", graph_iri)

    def close(self) -> None:
        """Close the connections."""
        self._client.close()
