"""A service instance follows a store other machines write to by the store's change records alone
(search/follow.py): documents another instance adds, changes, removes or whose write a recovery finishes
are loaded into or dropped from its index, and its response cache is emptied; nothing moved, nothing read."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from conftest import SEEDS, make_settings
from policykg.api.service import Service
from policykg.graph import changes
from policykg.search.follow import StoreFollower
from sparql_servers import oxigraph_binary, oxigraph_server

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def server(tmp_path):
    if oxigraph_binary() is None:
        pytest.fail("the oxigraph command is missing: it is in the test extras (pip install -e '.[test]')")
    with oxigraph_server(tmp_path / "server") as running:
        yield running


def _instance(tmp_path, name: str, backend: str) -> Service:
    return Service(replace(make_settings(tmp_path / name), store_backend=backend))


def test_an_instance_follows_another_ones_writes_by_the_change_records(tmp_path, server):
    a, b = _instance(tmp_path, "a", server["backend"]), _instance(tmp_path, "b", server["backend"])
    cleared = []
    follower = StoreFollower(b, 60, lambda: cleared.append(1))
    assert follower.check() == {"loaded": 0, "dropped": 0} and not b.index.documents  # B starts on an empty store
    cleared.clear()
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder / SEED_FILES[0].name)
    assert not a.ingest([folder]).failed
    (first,) = a.kg.change_records()

    assert follower.check() == {"loaded": 1, "dropped": 0} and cleared == [1]
    assert b.index.documents == {first: a.kg.change_records()[first].version}
    assert follower.check() == {} and cleared == [1]  # nothing moved: one summary read, no index work

    with open(folder / SEED_FILES[0].name, "a", encoding="utf-8") as fh:  # A changes the document
        fh.write("\n补充说明：本通知自印发之日起施行。\n")
    shutil.copy(SEED_FILES[1], folder / SEED_FILES[1].name)  # and adds one
    assert not a.ingest([folder]).failed
    assert follower.check() == {"loaded": 2, "dropped": 0}
    live = {iri: r.version for iri, r in a.kg.change_records().items() if not r.deleted}
    assert b.index.documents == live and len(live) == 2

    a.kg.remove_document(first)  # A removes it
    a.after_change([first])
    assert follower.check() == {"loaded": 0, "dropped": 1}
    assert first not in b.index.documents and {u.doc_iri for u in b.index.units} == set(live) - {first}

    # a write A left pending and a recovery finished: a record moved without any ingest; B follows it
    (second,) = set(live) - {first}
    mark = changes.begin_write(a.kg.store, [changes.PendingDocument(second, removal=True)])
    changes.end_write(None, mark)  # the writer gave up: the mark stays for recovery
    assert a.kg.recover_pending()["finished"] == [second]
    assert follower.check() == {"loaded": 0, "dropped": 1} and not b.index.documents
    # the store holds the records and nothing else that says it moved
    graphs = a.kg.store.named_graphs()
    assert not any(g.endswith("/graph/changes") for g in graphs)
