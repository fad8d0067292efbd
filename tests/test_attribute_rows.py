"""Attributes read by a UNION of plain joins (graph/attribute_rows.py) give the rows the OPTIONAL query
they replace gives, on constructed nodes: a required attribute missing, one stated twice, an optional one
absent, one reached through a path. Also the highlight's deadline dates, read the same way."""

from __future__ import annotations

from collections import Counter

from policykg.api.routes.highlight import fact_spans
from policykg.graph import nt
from policykg.graph.attribute_rows import attribute_rows
from policykg.graph.kg import KnowledgeGraph
from policykg.graph.store import open_store
from policykg.ontology.namespace import DATA

DOC = DATA["test/attribute-rows/doc"]
OB = DATA["test/attribute-rows/doc/obligation/1"]


def _deadline(number: int, text: str | None, span: str | None, ends: tuple[str, ...] = (),
              begins: tuple[str, ...] = ()) -> list:
    node = nt.iri(f"{OB}/deadline/{number}")
    triples = [(nt.iri(OB), nt.pkg.deadline, node), (node, nt.pkg.precision, nt.string("day"))]
    if text is not None:
        triples.append((node, nt.pkg.text, nt.zh(text)))
    if span is not None:
        triples.append((node, nt.pkg.span, nt.string(span)))
    for name, link, dates in (("end", nt.time.hasEnd, ends), ("start", nt.time.hasBeginning, begins)):
        for i, date in enumerate(dates):
            instant = nt.iri(f"{OB}/deadline/{number}/{name}/{i}")
            triples += [(node, link, instant), (instant, nt.time.inXSDDate, nt.date(date))]
    return triples


def _kg() -> KnowledgeGraph:
    kg = KnowledgeGraph(open_store("oxigraph", None))
    kg.store.replace_graph(str(DOC), [
        (nt.iri(DOC), nt.pkg.hasObligation, nt.iri(OB)),
        *_deadline(1, "年底前", "10-13", ends=("2020-12-31",)),
        *_deadline(2, "两日内", "20-23"),  # no date
        *_deadline(3, "三月至五月", "30-35", ends=("2021-05-31", "2021-05-30"), begins=("2021-03-01",)),  # two ends
        *_deadline(4, None, "40-42", ends=("2021-01-01",)),  # no text: left out, as a join leaves it
    ])
    return kg


OPTIONAL_QUERY = f"""SELECT ?o ?n ?text ?precision ?span ?date ?start WHERE {{ VALUES ?o {{ <{OB}> }}
    ?o pkg:deadline ?n . ?n pkg:text ?text ; pkg:precision ?precision ; pkg:span ?span .
    OPTIONAL {{ ?n time:hasEnd/time:inXSDDate ?date }} OPTIONAL {{ ?n time:hasBeginning/time:inXSDDate ?start }} }}"""


def _bag(rows: list[dict]) -> Counter:
    return Counter(tuple(sorted(r.items())) for r in rows)


def test_the_rows_of_the_optional_query_they_replace():
    kg = _kg()
    rows = attribute_rows(kg, f"VALUES ?o {{ <{OB}> }} ?o pkg:deadline ?n .", {
        "text": "?n pkg:text ?v", "precision": "?n pkg:precision ?v", "span": "?n pkg:span ?v",
        "date": "?n time:hasEnd ?i . ?i time:inXSDDate ?v", "start": "?n time:hasBeginning ?i . ?i time:inXSDDate ?v"},
        required=("text", "precision", "span"), extra=("o",))
    expected = kg.select(OPTIONAL_QUERY)
    assert len(expected) == 4 and _bag(rows) == _bag(expected)
    by_node = {r["n"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_node["2"]["date"] is None and "4" not in by_node


def test_deadline_facts_carry_each_date_and_none_where_there_is_none():
    facts = fact_spans(_kg(), str(DOC))
    assert [(f["label"], f["span"], f["date"]) for f in facts] == [
        ("年底前", [10, 13], "2020-12-31"), ("两日内", [20, 23], None),
        ("三月至五月", [30, 35], "2021-05-30"), ("三月至五月", [30, 35], "2021-05-31")]
