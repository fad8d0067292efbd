"""Records to triples to store and back: stable IRIs, whole-document writes, show, regions, passages."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEEDS
from policykg.graph import ids, nt
from policykg.graph import store as store_module
from policykg.graph.build import document_triples
from policykg.graph.kg import KnowledgeGraph
from policykg.graph.locations import source_path
from policykg.graph.passages import split_passages
from policykg.ingest.pipeline import parse_file
from policykg.ontology.namespace import PKG, XSD
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

GOLD = json.loads((Path(__file__).parent / "gold" / "seeds_show.json").read_text(encoding="utf-8"))
SEED_NAMES = sorted(k for k in GOLD if not k.startswith("_"))


def _canonical(term):
    # a store keeps values, not spellings: xsd:decimal "1.0" comes back as "1"
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return Literal(str(Decimal(str(term)).normalize()), datatype=XSD.decimal)
    return term


def _graph(triples) -> Graph:
    g = Graph()
    for s, p, o in nt.to_graph(triples):
        g.add((s, p, _canonical(o)))
    return g


def _stored_graph(kg: KnowledgeGraph, iri: str) -> Graph:
    result = kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", max_rows=None)
    return _graph(Graph().parse(data=result["ntriples"], format="nt"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_show_gives_seed_metadata(corpus_service, name):
    kg = corpus_service.kg
    expected = GOLD[name]
    shown = kg.document_json(kg.find_document(name))
    assert shown["source"] == name
    assert shown["doc_number"] == expected["doc_number"]
    assert (shown["issuer"] or {}).get("name") == expected["issuer"]
    assert shown["date"] == expected["date"]
    assert shown["level"] == expected["level"]
    assert shown["region"]["name"] == expected["region"]
    assert shown["region"]["parents"] == expected["parents"]
    assert len(shown["region"]["code"]) == 12
    assert expected["title_contains"] in shown["title"]


def test_same_document_same_iri_and_isomorphic_graph():
    path = SEEDS / "003_172d98bbcb68533c.txt"
    first, second = parse_file(path), parse_file(path)
    a, b = document_triples(first), document_triples(second)
    assert a.iri == b.iri == ids.doc_number_iri("柳政发（2020）36号")
    assert isomorphic(_graph(a.own), _graph(b.own))


def test_store_round_trip_is_isomorphic(corpus_service):
    kg = corpus_service.kg
    doc = parse_file(SEEDS / "000_f83188a21079f2d3.txt")
    built = document_triples(doc, source_path=source_path(doc.path, [SEEDS.parent]))  # as the corpus was
    stored = _stored_graph(kg, str(built.iri))
    expected = _graph(built.own)
    assert len(stored) > 50
    # obligations and citations come from their own builders; compare the whole graph all the same
    assert to_isomorphic(stored) == to_isomorphic(expected)


@pytest.mark.parametrize("ref", ["柳政发〔2020〕36号", "柳政发[2020]36号", "柳政发（2020）36号", "柳政发(2020)36号",
                                 "003_172d98bbcb68533c.txt"])
def test_find_document_by_any_bracket_form_or_file_name(corpus_service, ref):
    assert corpus_service.kg.find_document(ref) == str(ids.doc_number_iri("柳政发〔2020〕36号"))


def test_find_document_unknown_and_hostile_refs(corpus_service):
    kg = corpus_service.kg
    for ref in ["no-such-file.txt", "", "x> } DROP ALL {", 'a"b', str(ids.DATA["doc/none"])]:
        assert kg.find_document(ref) is None


def test_region_query_includes_sub_regions(corpus_service):
    rows = corpus_service.kg.select("""SELECT DISTINCT ?file WHERE { ?r skos:prefLabel "浙江省"@zh .
        ?doc pkg:region/skos:broader* ?r ; pkg:sourceFile ?file }""")
    files = {r["file"] for r in rows}
    assert "003_172d98bbcb68533c.txt" in files  # 柳市镇 -> 乐清市 -> 温州市 -> 浙江省
    assert "001_68136cc265473cb2.txt" not in files


def test_passages_are_exact_slices_with_sections(corpus_service):
    doc = parse_file(SEEDS / "001_68136cc265473cb2.txt")
    passages = split_passages(doc)
    assert len(passages) > 10
    for p in passages:
        assert doc.text[p.start:p.end].strip() == doc.text[p.start:p.end] != ""
    assert any(p.section for p in passages)
    kg = corpus_service.kg
    iri = kg.find_document(doc.source)
    rows = kg.select(f"""SELECT ?p ?text ?span WHERE {{ <{iri}> pkg:hasPassage ?p . ?p pkg:text ?text ;
        pkg:span ?span }}""")
    assert len(rows) == len(passages)
    for r in rows:
        start, end = nt.parse_span(r["span"])
        assert doc.text[start:end] == r["text"]
    assert str(ids.passage_iri(iri, 1)) in {r["p"] for r in rows}


def test_every_corpus_file_is_ingested_or_reported(corpus_service):
    from conftest import CORPUS_DOCUMENTS
    from policykg.ingest.pipeline import parse_paths

    docs, errors = parse_paths([CORPUS_DOCUMENTS])
    listed = {d["source"] for d in corpus_service.kg.list_documents()}
    assert {d.source for d in docs} <= listed
    files = [p for p in CORPUS_DOCUMENTS.rglob("*") if p.is_file()]
    assert len(docs) + len(errors) >= len([p for p in files if p.suffix in {".txt", ".md", ".html", ".docx", ".pdf"}])


@pytest.fixture
def tmp_kg(tmp_path):
    return KnowledgeGraph.open(tmp_path / "data"), tmp_path


def _doc_count(kg: KnowledgeGraph) -> int:
    return len(kg.list_documents())


def test_reingest_is_idempotent_and_changed_file_replaces(tmp_kg):
    kg, tmp = tmp_kg
    path = tmp / "seed.txt"
    shutil.copy(SEEDS / "003_172d98bbcb68533c.txt", path)
    first = kg.add_documents([parse_file(path)])
    assert first[0]["status"] == "added"
    quads = kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    again = kg.add_documents([parse_file(path)])
    assert again[0]["status"] == "unchanged"
    assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == quads

    path.write_text(path.read_text(encoding="utf-8") + "\n补充说明：本通知自印发之日起施行。\n", encoding="utf-8")
    changed = kg.add_documents([parse_file(path)])
    assert changed[0]["status"] == "replaced" and changed[0]["iri"] == first[0]["iri"]
    assert "补充说明" in kg.document_text(first[0]["iri"])
    assert _doc_count(kg) == 1
    assert len(kg.select(f"SELECT ?sha WHERE {{ <{first[0]['iri']}> pkg:sha256 ?sha }}")) == 1


def test_changed_doc_number_drops_the_old_document(tmp_kg):
    kg, tmp = tmp_kg
    path = tmp / "seed.txt"
    text = (SEEDS / "003_172d98bbcb68533c.txt").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    old = kg.add_documents([parse_file(path)])[0]["iri"]
    path.write_text(text.replace("柳政发〔2020〕36号", "柳政发〔2020〕37号"), encoding="utf-8")
    new = kg.add_documents([parse_file(path)])[0]["iri"]
    assert new != old
    assert kg.find_document(old) is None
    assert kg.find_document("柳政发〔2020〕37号") == new
    assert _doc_count(kg) == 1


def test_two_files_giving_one_document_keep_the_first(tmp_kg):
    kg, tmp = tmp_kg
    a, b = tmp / "a.txt", tmp / "b.txt"
    text = (SEEDS / "003_172d98bbcb68533c.txt").read_text(encoding="utf-8")
    a.write_text(text, encoding="utf-8")
    b.write_text(text + "\n（转载）\n", encoding="utf-8")
    report = kg.add_documents([parse_file(a), parse_file(b)])
    assert [r["status"] for r in report] == ["added", "duplicate"]
    report = kg.add_documents([parse_file(b)])
    assert report[0]["status"] == "duplicate" and report[0]["duplicate_of"] == "a.txt"
    assert kg.document_json(report[0]["iri"])["source"] == "a.txt"


def test_region_and_agency_nodes_are_shared_not_duplicated(corpus_service):
    rows = corpus_service.kg.select("""SELECT ?r (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?r skos:notation ?c ;
        a pkg:Region } } GROUP BY ?r HAVING (COUNT(?g) > 1)""")
    assert rows == []
    assert PKG.Region  # the closed namespace knows the term the query uses


def _seed_docs(n: int = 3):
    return [parse_file(p) for p in sorted(SEEDS.iterdir())[:n]]


def test_interrupted_bulk_load_is_rolled_back_on_open(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 0)  # take the bulk-load path even for one document
    kg = KnowledgeGraph.open(tmp_path)
    first, second = _seed_docs(2)
    assert kg.add_documents([first])[0]["status"] == "added"
    assert not kg.store._journal.exists()
    # what a killed bulk load leaves behind: part of a new graph, and the journal naming it
    half = str(ids.document_iri(second))
    kg.store.add_to_graph(half, [(nt.iri(half), nt.pkg.text, nt.string("partial"))])
    kg.store._journal.write_text(half + "\n", encoding="utf-8")
    reopened = KnowledgeGraph.open(tmp_path)
    assert not reopened.store._journal.exists()
    assert half not in reopened.store.named_graphs()
    assert reopened.find_document(str(ids.document_iri(first))) == str(ids.document_iri(first))


def test_group_write_is_all_or_nothing(tmp_path, monkeypatch):
    kg = KnowledgeGraph.open(tmp_path)
    docs = _seed_docs(3)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(kg.store, "write", broken)
    report = kg.add_documents(docs)
    assert [r["status"] for r in report] == ["failed"] * 3
    assert all("disk full" in r["reason"] for r in report)
    monkeypatch.undo()
    assert kg.list_documents() == []
    assert [r["status"] for r in kg.add_documents(docs)] == ["added"] * 3


def test_unresolved_links_are_caught_up_by_the_next_ingest(tmp_path):
    kg = KnowledgeGraph.open(tmp_path)
    docs = _seed_docs(5)
    kg.add_documents(docs, resolve=False)  # as if the ingest stopped before resolving citations
    assert kg._links_stale()
    assert not kg.select("SELECT ?c WHERE { ?c pkg:resolvedTo ?t } LIMIT 1")
    report = kg.add_documents(docs)  # every file unchanged, yet the links get resolved
    assert {r["status"] for r in report} == {"unchanged"}
    assert not kg._links_stale()
    assert kg.select("SELECT ?c WHERE { ?c pkg:resolvedTo ?t } LIMIT 1")


def test_remove_document_takes_its_links_and_findings(tmp_path):
    kg = KnowledgeGraph.open(tmp_path)
    doc = next(d for d in _seed_docs(5) if d.citations)
    iri = str(kg.add_documents([doc])[0]["iri"])
    kg.store.replace_graph(ids.checks_graph_iri(iri), [(nt.iri(iri), nt.pkg.text, nt.string("finding"))])
    graphs = set(kg.store.named_graphs())
    assert {iri, f"{iri}/links", f"{iri}/checks"} <= graphs
    kg.remove_document(iri)
    left = set(kg.store.named_graphs())
    assert not {iri, f"{iri}/links", f"{iri}/checks"} & left


def test_within_region_is_the_broader_closure(corpus_service):
    kg = corpus_service.kg
    path = {r["doc"] for r in kg.select("""SELECT ?doc WHERE { ?r skos:notation "310000000000" .
        ?doc pkg:region/skos:broader* ?r ; a pkg:PolicyDocument ; pkg:sourceFile ?f }""")}
    closure = {r["doc"] for r in kg.select("""SELECT ?doc WHERE { ?r skos:notation "310000000000" .
        ?doc pkg:withinRegion ?r ; pkg:sourceFile ?f }""")}
    assert len(path) >= 50 and path == closure


def test_a_batch_writes_across_calls_new_and_replacing_groups_apart(tmp_path, monkeypatch):
    """`ingest` shares one batch between its chunks: one bulk load for many chunks. A document that
    replaces an existing graph goes in its own group, so one changed file never drags a bulk load
    through a transaction; a file repeating a document of an earlier chunk is a duplicate."""
    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 0)  # the bulk loader's path, even for a few documents
    kg = KnowledgeGraph.open(tmp_path / "kg")
    first, second, third = _seed_docs(3)
    changing = tmp_path / "changing.txt"
    shutil.copy(first.path, changing)
    assert kg.add_documents([parse_file(changing)])[0]["status"] == "added"
    changing.write_text(changing.read_text(encoding="utf-8") + "\n补充说明：本通知自印发之日起施行。\n",
                        encoding="utf-8")
    writes = []
    real_write = kg.store.write
    monkeypatch.setattr(kg.store, "write", lambda replace, merge=None: (writes.append(set(replace)),
                                                                          real_write(replace, merge)))
    batch = kg.batch()
    report = kg.add_documents([second, parse_file(changing)], resolve=False, batch=batch)
    report += kg.add_documents([third, second], resolve=False, batch=batch)
    assert writes == []  # nothing written before the batch is full or flushed
    assert [r["status"] for r in report] == ["added", "replaced", "added", "duplicate"]
    batch.flush()
    writes = [{g for g in w if not g.endswith("/record")} for w in writes]  # change records ride along
    new = {str(ids.graph_iri(ids.document_iri(d))) for d in (second, third)}
    assert len(writes) == 2 and writes[1] == new
    assert writes[0] == {str(ids.graph_iri(URIRef(report[1]["iri"])))}  # the replacement, alone
    assert "补充说明" in kg.document_text(report[1]["iri"])
    assert {d["iri"] for d in kg.list_documents()} == {r["iri"] for r in report}
    assert not (tmp_path / "kg" / "store.spool").exists() and not kg.store._journal.exists()


def test_documents_written_by_an_older_mapping_are_rebuilt(tmp_path):
    """A store written before GRAPH_VERSION changed: the same, unchanged file is rebuilt, not skipped."""
    kg = KnowledgeGraph.open(tmp_path)
    doc = _seed_docs(1)[0]
    iri = kg.add_documents([doc])[0]["iri"]
    assert kg.outdated_sources() == []
    graph = ids.graph_iri(URIRef(iri))
    kg.store._store.update(f"""DELETE WHERE {{ GRAPH <{graph}> {{ <{iri}> <{PKG.graphVersion}> ?v }} }};
        INSERT DATA {{ GRAPH <{graph}> {{ <{iri}> <{PKG.graphVersion}> 1 }} }}""")
    assert kg.outdated_sources() == [Path(doc.path).name]  # the published path: the name, no root given
    assert kg.add_documents([doc])[0]["status"] == "replaced"
    assert kg.outdated_sources() == []
    assert kg.add_documents([doc])[0]["status"] == "unchanged"


def test_a_version_6_graph_is_upgraded_in_place_on_open(tmp_path):
    """GRAPH_VERSION 7 only restates spans: a store GRAPH_VERSION 6 wrote (pkg:spanStart and pkg:spanEnd) is
    brought to 7 when it is opened, without reading its file, and equals the graph 7 writes."""
    from policykg.graph.build import GRAPH_VERSION

    assert GRAPH_VERSION == 7
    kg = KnowledgeGraph.open(tmp_path)
    doc = _seed_docs(1)[0]
    iri = kg.add_documents([doc])[0]["iri"]
    graph = ids.graph_iri(URIRef(iri))
    dump = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    written = Graph().parse(data=kg.query(dump, max_rows=None)["ntriples"], format="nt")
    kg.store.oxigraph.update(f"""PREFIX pkg: <{PKG}> PREFIX xsd: <{XSD}>
        DELETE {{ GRAPH <{graph}> {{ ?n pkg:span ?span }} }}
        INSERT {{ GRAPH <{graph}> {{ ?n pkg:spanStart ?s ; pkg:spanEnd ?e }} }}
        WHERE {{ GRAPH <{graph}> {{ ?n pkg:span ?span }}
                 BIND(xsd:integer(STRBEFORE(?span, "-")) AS ?s) BIND(xsd:integer(STRAFTER(?span, "-")) AS ?e) }};
        DELETE WHERE {{ GRAPH <{graph}> {{ <{iri}> pkg:graphVersion ?v }} }};
        INSERT DATA {{ GRAPH <{graph}> {{ <{iri}> pkg:graphVersion 6 }} }}""")
    old = Graph().parse(data=kg.query(dump, max_rows=None)["ntriples"], format="nt")
    assert len(old) > len(written) and not list(old.triples((None, PKG.span, None)))
    assert kg.outdated_sources() == [Path(doc.path).name]
    kg = KnowledgeGraph.open(tmp_path)
    upgraded = Graph().parse(data=kg.query(dump, max_rows=None)["ntriples"], format="nt")
    assert isomorphic(upgraded, written)
    assert kg.outdated_sources() == []
    assert kg.document_json(iri)["obligations"]


def test_write_groups_grow_with_what_the_batch_wrote(monkeypatch):
    """Each bulk load is merged by RocksDB with all the keys stored before it, so on the on-disk store a
    batch's groups grow to WRITE_GROWTH times what it has written (up to WRITE_QUADS_MAX); without growth
    (a remote store, memory) every group has WRITE_QUADS quads."""
    from policykg.graph import kg as kg_module
    from policykg.graph.build import DocumentTriples

    monkeypatch.setattr(kg_module, "WRITE_QUADS", 10)
    monkeypatch.setattr(kg_module, "WRITE_QUADS_MAX", 100)

    def groups(growth: float) -> list[int]:
        sizes: list[int] = []
        batch = kg_module.WriteBatch(lambda group: sizes.append(len(group)) if group else None, growth=growth)
        for n in range(200):
            triples = DocumentTriples(URIRef(f"https://example.org/doc/{n}"), own=[("<s>", "<p>", "<o>")] * 5)
            batch.add({"status": "added"}, triples, [])
        batch.flush()
        return sizes

    assert groups(0.0) == [2] * 100
    grown = groups(0.5)
    assert sum(grown) == 200 and grown[:2] == [2, 2]
    assert grown[2:6] == [2, 3, 5, 7] and max(grown) == 20  # half of what is written, then the cap (100 quads)


def test_an_agency_node_is_stated_once_per_document():
    """An agency named in many assignments of a document has its triples (type, labels, key) written once,
    and an assignment carries no provenance or key of its own that its obligation or agency already holds."""
    doc = parse_file(SEEDS / "000_f83188a21079f2d3.txt")
    own = document_triples(doc).own
    assignments = [o for s, p, o in own if p == nt.pkg.assignment]
    agencies = [o for s, p, o in own if p == nt.pkg.agency]
    assert len(assignments) > len(set(agencies)) > 0  # some agency has several assignments
    labels = [s for s, p, o in own if p == nt.skos.prefLabel and s in set(agencies)]
    assert sorted(labels) == sorted(set(labels)) and set(labels) == set(agencies)
    assert not [t for t in own if t[0] in set(assignments) and t[1] in (nt.prov.wasDerivedFrom, nt.pkg.agencyKey)]
    assert len(own) - len(set(own)) < len(own) // 50  # the loader is not handed lines it drops as duplicates


def test_a_part_is_typed_by_its_link_and_defaults_are_not_stated():
    """GRAPH_VERSION 6: a section, passage, field extraction, assignment or site mention has no rdf:type of its
    own (its link's rdfs:range gives it), an obligation no prov:wasDerivedFrom (its pkg:hasObligation link),
    and the defaults pkg:extractedFrom "text" and pkg:generic false are not written; the facts stay."""
    doc = parse_file(SEEDS / "000_f83188a21079f2d3.txt")
    own = document_triples(doc).own
    linked = {p: {o for _, q, o in own if q == p} for p in (nt.pkg.hasSection, nt.pkg.hasPassage, nt.pkg.assignment,
                                                               nt.pkg.siteMention, nt.pkg.hasExtraction)}
    assert all(linked.values()), "the seed has every kind of part"
    parts = set().union(*linked.values())
    assert not [t for t in own if t[1] == nt.rdf.type and t[0] in parts]
    obligations = {o for _, p, o in own if p == nt.pkg.hasObligation}
    assert len(obligations) == len(doc.obligations)
    assert not [t for t in own if t[1] == nt.prov.wasDerivedFrom and t[0] in obligations]
    assert {o for _, p, o in own if p == nt.pkg.extractedFrom} <= {nt.string("table")}
    assert {o for _, p, o in own if p == nt.pkg.generic} <= {nt.boolean(True)}
    # what the written forms say is all there: one mention per written site label, its text kept
    labels = sorted(o for s, p, o in own if p == nt.pkg.text and s in linked[nt.pkg.siteMention])
    assert labels == sorted(nt.string(label) for ob in doc.obligations for label in ob.site_types)


def test_a_span_is_one_literal_that_gives_back_the_text():
    """GRAPH_VERSION 7: every part or fact with a span states it once, as pkg:span "start-end", and the slice
    it names is the text the record holds (obligation, passage, target, written form of an assignment)."""
    doc = parse_file(SEEDS / "000_f83188a21079f2d3.txt")
    own = document_triples(doc).own
    spans = {s: nt.parse_span(o.strip('"')) for s, p, o in own if p == nt.pkg.span}
    assert len(spans) == len([t for t in own if t[1] == nt.pkg.span])  # one span per node
    assert not [t for t in own if "#spanStart" in t[1] or "#spanEnd" in t[1]]
    texts = {s: o for s, p, o in own if p in (nt.pkg.text, nt.pkg.surfaceForm)}
    sliced = [s for s in spans if s in texts and "/deadline/" not in s]  # a deadline's text may be normalised
    assert {kind for node in sliced for kind in ("/passage/", "/assignment/", "/obligation/") if kind in node} == {
        "/passage/", "/assignment/", "/obligation/"}
    for node in sliced:
        start, end = spans[node]
        assert 0 <= start < end <= len(doc.text)
        assert nt.string(doc.text[start:end]) == texts[node], node
    obligations = [o for _, p, o in own if p == nt.pkg.hasObligation]
    assert sorted(spans[o] for o in obligations) == sorted((ob.span.start, ob.span.end) for ob in doc.obligations)


@pytest.mark.parametrize("bad", ["", "12", "12-", "-3", "1-2-3", "a-b", "١-٢", " 1-2"])
def test_a_malformed_span_is_refused(bad):
    assert nt.parse_span(nt.span(3, 41).strip('"')) == (3, 41)
    with pytest.raises(ValueError, match="not a span"):
        nt.parse_span(bad)


def test_passage_lines_are_the_stripped_lines():
    """passages._lines (one regex match per line) gives what stripping each line gives, whatever the spaces
    (constructed random strings: \\r, full-width, separator and control spaces)."""
    import random
    import re

    from policykg.graph.passages import _lines

    def plain(text: str) -> list[tuple[int, int]]:
        spans = []
        for m in re.finditer(r"[^\n]+", text):
            line = m.group()
            if line.strip():
                start = m.start() + len(line) - len(line.lstrip())
                spans.append((start, start + len(line.strip())))
        return spans

    rng = random.Random(1)
    alphabet = ["a", "中", " ", "\n", "\r", "\t", "\u3000", "\x1c", "\x85", "\u2028", "\xa0", "。", "\x0b", "\x0c"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _lines(text) == plain(text), repr(text)


def test_passage_lines_of_spaces_are_read_in_linear_time():
    """Constructed: a line of many spaces (a blank line the reader kept whole) is skipped in one pass, not tried
    again from each of its spaces (quadratic: 32,000 spaces took 6 s)."""
    import time

    from policykg.graph.passages import _lines

    text = "甲。\n" + " \u3000" * 100_000 + "\n乙。 \n"
    t = time.process_time()
    assert _lines(text) == [(0, 2), (len(text) - 4, len(text) - 2)]
    assert time.process_time() - t < 2
