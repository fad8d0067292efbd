"""Shared by the SPARQL endpoint tests: a small store of made-up triples in two named graphs (a minimal
fixture for protocol behaviour, not policy data; counts over the real corpus are tested in test_api.py),
an app over it, and a TCP listener that records every connection made to it."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

from conftest import make_settings
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.service import Service
from policykg.ontology.namespace import DATA, PKG
from rdflib import Literal

G1 = str(DATA["test/sparql-g1"])
G2 = str(DATA["test/sparql-g2"])


def small_service(data_dir: Path) -> Service:
    """A Service whose store holds 3 triples in G1 and 2 in G2 (beside the ontology graph)."""
    service = Service(make_settings(data_dir))
    store = service.kg.store
    store.replace_graph(G1, [(DATA[f"test/s{i}"], PKG.text, Literal(f"一{i}")) for i in range(3)])
    store.replace_graph(G2, [(DATA[f"test/t{i}"], PKG.text, Literal(f"二{i}")) for i in range(2)])
    return service


def stop_workers(service: Service) -> None:
    """Stop the query workers of ``service``'s store, if any started (a module's fixture is done)."""
    from policykg.graph.sparql_pool import QueryPool

    pool = QueryPool._shared.get(service.kg.store.path)
    if pool is not None:
        pool.close()


def client_of(service: Service, **settings) -> TestClient:
    """An in-process client of an app over ``service`` (settings overridden by keyword)."""
    from dataclasses import replace

    return TestClient(create_app(replace(service.settings, **settings), service), raise_server_exceptions=False)


class Listener:
    """A TCP socket on 127.0.0.1 that accepts and records connections until closed."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(4096))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def close(self) -> None:
        """Stop listening (shutdown wakes the thread blocked in accept)."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self._thread.join(5)
