"""The graph publishes each file as its path under the folder it was ingested from, never the server's own
path; this machine keeps where it read each file (graph/locations.py), which decides what "the same file" is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from policykg.graph.kg import KnowledgeGraph
from policykg.graph.locations import SourceLocations, source_path
from policykg.graph.sources import locate_sources
from policykg.ingest.pipeline import parse_file
from policykg.ontology.namespace import PKG

from tests.conftest import CORPUS_DOCUMENTS, SEEDS

SEED = "003_172d98bbcb68533c.txt"  # has a 文号 (柳政发〔2020〕36号)


def _published(kg: KnowledgeGraph) -> dict[str, str]:
    return {r["doc"]: r["p"] for r in kg.select("SELECT ?doc ?p WHERE { ?doc pkg:sourcePath ?p }")}


def _literals_naming(kg: KnowledgeGraph, text: str) -> list[str]:
    rows = kg.select(f"""SELECT DISTINCT ?p WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(isLiteral(?o)
        && CONTAINS(STR(?o), "{text}")) }}""")
    return [r["p"] for r in rows]


def test_source_path_is_under_the_deepest_root_else_the_name(tmp_path):
    file = tmp_path / "corpus" / "seeds" / "a.txt"
    assert source_path(file, [tmp_path / "corpus"]) == "seeds/a.txt"
    assert source_path(file, [tmp_path, tmp_path / "corpus" / "seeds"]) == "a.txt"
    assert source_path(file, [tmp_path / "elsewhere"]) == "a.txt"
    assert source_path(file, [file]) == "a.txt"  # a file named on its own
    assert source_path(file) == "a.txt"


def test_the_corpus_graph_holds_no_server_path(corpus_service):
    published = _published(corpus_service.kg)
    assert published and all(not Path(p).is_absolute() for p in published.values())
    on_disk = {p.relative_to(CORPUS_DOCUMENTS).as_posix() for p in CORPUS_DOCUMENTS.rglob("*") if p.is_file()}
    assert set(published.values()) <= on_disk  # each is its path under corpus/documents, the ingest root
    assert any("/" in p for p in published.values())
    assert _literals_naming(corpus_service.kg, str(CORPUS_DOCUMENTS.resolve())) == []


def test_a_folder_ingest_publishes_paths_under_it_and_remembers_where_it_read(tmp_path):
    root = tmp_path / "批次"
    (root / "区县").mkdir(parents=True)
    shutil.copy(SEEDS / SEED, root / "区县" / SEED)
    kg = KnowledgeGraph.open(tmp_path / "data")
    report, errors = kg.ingest([root])
    assert not errors and [r["status"] for r in report] == ["added"]
    iri = report[0]["iri"]
    assert _published(kg) == {iri: f"区县/{SEED}"}
    assert _literals_naming(kg, str(tmp_path)) == []
    assert kg.find_document(f"区县/{SEED}") == iri  # the published path
    assert kg.find_document(str(root / "区县" / SEED)) == iri  # this machine's own path
    kg.close()
    again = KnowledgeGraph.open(tmp_path / "data")  # the table outlives the process
    assert again.locations.paths([iri]) == {iri: str((root / "区县" / SEED).resolve())}
    assert again.ingest([root])[0][0]["status"] == "unchanged"
    again.close()


def test_the_same_relative_path_under_two_roots_is_two_files(tmp_path):
    """Two batches each holding 通知.txt: the second is another file, not the first one changed."""
    text = (SEEDS / SEED).read_text(encoding="utf-8")
    first, second = tmp_path / "一" / "通知.txt", tmp_path / "二" / "通知.txt"
    for folder in (first.parent, second.parent):
        folder.mkdir()
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("柳政发〔2020〕36号", "柳政发〔2020〕99号"), encoding="utf-8")
    kg = KnowledgeGraph.open(tmp_path / "data")
    a = kg.ingest([first.parent])[0][0]
    b = kg.ingest([second.parent])[0][0]
    assert a["status"] == b["status"] == "added" and a["iri"] != b["iri"]
    assert set(_published(kg).values()) == {"通知.txt"}
    assert {d["iri"] for d in kg.list_documents()} == {a["iri"], b["iri"]}
    # the first file changing its 文号 still replaces the document it gave
    first.write_text(text.replace("柳政发〔2020〕36号", "柳政发〔2020〕37号"), encoding="utf-8")
    c = kg.ingest([first.parent])[0][0]
    assert {d["iri"] for d in kg.list_documents()} == {b["iri"], c["iri"]}
    kg.close()


def test_a_store_with_absolute_paths_is_still_read(tmp_path):
    """A store written before paths were relative: its absolute path still names the file."""
    path = tmp_path / "seed.txt"
    shutil.copy(SEEDS / SEED, path)
    kg = KnowledgeGraph.open(tmp_path / "data")
    iri = kg.add_documents([parse_file(path)])[0]["iri"]
    graph = f"<{iri}>"
    kg.store._store.update(f"""DELETE WHERE {{ GRAPH {graph} {{ {graph} <{PKG.sourcePath}> ?p }} }};
        INSERT DATA {{ GRAPH {graph} {{ {graph} <{PKG.sourcePath}> "{path.resolve()}" }} }}""")
    kg.locations.record({}, removed=[iri])  # and no table beside it
    other = tmp_path / "copy.txt"
    other.write_text(path.read_text(encoding="utf-8") + "\n（转载）\n", encoding="utf-8")
    assert kg.add_documents([parse_file(other)])[0]["status"] == "duplicate"  # the first file still exists
    path.write_text(path.read_text(encoding="utf-8").replace("柳政发〔2020〕36号", "柳政发〔2020〕37号"),
                    encoding="utf-8")
    new = kg.add_documents([parse_file(path)])[0]
    assert new["status"] == "added" and [d["iri"] for d in kg.list_documents()] == [new["iri"]]
    kg.close()


def test_sources_are_located_where_read_under_a_root_or_by_name_and_bytes(tmp_path):
    root = tmp_path / "corpus"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(SEEDS / SEED, root / "seeds" / SEED)
    kg = KnowledgeGraph.open(tmp_path / "data")
    kg.ingest([root])
    published = f"seeds/{SEED}"
    assert locate_sources(kg, [published], []) == {published: (root / "seeds" / SEED).resolve()}
    moved = tmp_path / "elsewhere" / "corpus"
    shutil.move(root, moved)  # the table's path is gone: the same path under a root, then name and bytes
    assert locate_sources(kg, [published], [moved]) == {published: moved / "seeds" / SEED}
    flat = tmp_path / "flat"
    flat.mkdir()
    shutil.move(moved / "seeds" / SEED, flat / SEED)
    assert locate_sources(kg, [published], [flat]) == {published: flat / SEED}
    kg.close()


@pytest.mark.parametrize("climbing", ["../secret.txt", "seeds/../../secret.txt"])
def test_a_published_path_never_climbs_out_of_a_root(tmp_path, climbing):
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    root = tmp_path / "corpus"
    root.mkdir()
    kg = KnowledgeGraph.open(tmp_path / "data")
    shutil.copy(SEEDS / SEED, root / SEED)
    iri = kg.ingest([root])[0][0]["iri"]
    kg.store._store.update(f"""DELETE WHERE {{ GRAPH <{iri}> {{ <{iri}> <{PKG.sourcePath}> ?p }} }};
        INSERT DATA {{ GRAPH <{iri}> {{ <{iri}> <{PKG.sourcePath}> "{climbing}" }} }}""")
    kg.locations.record({}, removed=[iri])
    located = locate_sources(kg, [climbing], [root])
    assert located == {climbing: root / SEED}  # found by its name and bytes, not by the climbing path
    kg.close()


def test_locations_table_records_and_forgets(tmp_path):
    table = SourceLocations(tmp_path / "t.sqlite")
    table.record({"d1": "/a", "d2": "/a", "d3": "/b"})
    assert sorted(table.documents_at(["/a"])["/a"]) == ["d1", "d2"]
    table.record({"d1": "/c"}, removed=["d2"])
    assert table.paths(["d1", "d2", "d3"]) == {"d1": "/c", "d3": "/b"}
    table.close()
