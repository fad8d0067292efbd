"""Hostile requests against the SPARQL endpoint: nothing reaches the network, every case has its status.

The store is a small made-up fixture (tests/sparql_support.py); the crash inputs are in
test_sparql_guard.py, where they run in a child process.
"""

from __future__ import annotations

import pytest
from sparql_support import Listener, client_of, small_service


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return small_service(tmp_path_factory.mktemp("sparql-hostile"))


@pytest.fixture(scope="module")
def client(service):
    return client_of(service)


@pytest.fixture
def listener():
    sock = Listener()
    yield sock
    sock.close()


def outbound_queries(port: int) -> list[tuple[str, dict[str, str], int]]:
    """(query, extra parameters, expected status) for every way a query could name the listener."""
    url = f"http://127.0.0.1:{port}"
    service = f"<{url}/sparql>"
    return [
        (f"SELECT * WHERE {{ SERVICE {service} {{ ?s ?p ?o }} }}", {}, 403),
        (f"SELECT * WHERE {{ #\r SERVICE {service} {{ ?s ?p ?o }} \n }}", {}, 403),
        (f"SELECT * WHERE {{ #\\u000D SERVICE {service} {{ ?s ?p ?o }} \n }}", {}, 403),
        (f"SELECT * WHERE {{ \\u0053ERVICE {service} {{ ?s ?p ?o }} }}", {}, 403),
        (f"select * where {{ service silent {service} {{ ?s ?p ?o }} }}", {}, 403),
        (f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {service} {{ ?s ?p ?o }} }} }}", {}, 403),
        (f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {service} {{ ?s ?p ?o }} }} }} }}", {}, 403),
        (f"SELECT * WHERE {{ SERVICE ?x {{ ?s ?p ?o }} VALUES ?x {{ {service} }} }}", {}, 403),
        (f"LOAD {service}", {}, 403),
        (f"SELECT * FROM <{url}/g> WHERE {{ ?s ?p ?o }}", {}, 200),
        (f"SELECT * FROM NAMED <{url}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}, 200),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": f"{url}/g"}, 200),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": f"{url}/g"}, 200),
        (f"DESCRIBE <{url}/x>", {}, 200),
    ]


def test_no_query_reaches_the_network(client, listener):
    for query, params, status in outbound_queries(listener.port):
        for response in (client.get("/sparql", params={"query": query, **params}),
                         client.post("/sparql", data={"query": query, **params})):
            assert response.status_code == status, (query, response.text)
    listener.close()
    assert listener.connections == []
