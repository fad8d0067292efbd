"""The graph built from corpus/ conforms to ontology/shapes.ttl (and the shapes do catch bad data)."""

from __future__ import annotations

from policykg.graph import ids
from policykg.ontology.namespace import PKG, SHAPES_FILE, load_ontology
from pyshacl import validate
from rdflib import Graph, Literal


def _union(service, graphs: list[str] | None = None) -> Graph:
    """The store's union default graph (or of ``graphs`` only) as one rdflib graph."""
    scope = f"VALUES ?g {{ {' '.join(f'<{g}>' for g in graphs)} }}" if graphs else ""
    result = service.kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {scope} GRAPH ?g {{ ?s ?p ?o }} }}",
                              timeout=300, max_rows=None)
    return Graph().parse(data=result["ntriples"], format="nt")


def _validate(data: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(data, shacl_graph=Graph().parse(SHAPES_FILE), ont_graph=load_ontology(),
                                 inference="none", advanced=True, allow_warnings=False)
    return conforms, text


def test_corpus_graph_conforms_to_shapes(corpus_service):
    data = _union(corpus_service)
    assert len(set(data.subjects(predicate=None, object=PKG.PolicyDocument))) > 50
    conforms, report = _validate(data)
    assert conforms, report[:4000]


def test_shapes_reject_a_broken_document(corpus_service):
    kg = corpus_service.kg
    doc = kg.find_document("003_172d98bbcb68533c.txt")
    data = _union(corpus_service, [doc, str(ids.shared_graph_iri()), str(ids.ontology_graph_iri())])
    assert _validate(data)[0]
    passage = next(data.objects(predicate=PKG.hasPassage))  # typed by the link only (GRAPH_VERSION 6)
    start, end = (int(x) for x in str(data.value(passage, PKG.span)).split("-"))
    for broken, why in ((f"{end}-{start}", "end is not after the start"), (f"{start}..{end}", "Pattern"),
                        (None, "MinCount")):
        spoilt = Graph() + data
        spoilt.remove((passage, PKG.span, None))
        if broken is not None:  # end before start, or not the "start-end" form: a fact without a usable span
            spoilt.add((passage, PKG.span, Literal(broken)))
        conforms, report = _validate(spoilt)
        assert not conforms, broken
        assert "Result Path: pkg:span" in report and why in report, broken


def test_shapes_reject_a_part_without_its_document(corpus_service):
    """Parts carry no prov:wasDerivedFrom (nor, for passages, sections and assignments, an rdf:type) of their
    own: the link down to them is their provenance, so a part with a span that nothing links to is an error."""
    kg = corpus_service.kg
    doc = kg.find_document("003_172d98bbcb68533c.txt")
    data = _union(corpus_service, [doc, str(ids.shared_graph_iri()), str(ids.ontology_graph_iri())])
    for link in (PKG.hasPassage, PKG.hasSection, PKG.hasObligation, PKG.assignment):
        broken = Graph() + data
        part = next(broken.objects(predicate=link))
        broken.remove((None, link, part))
        conforms, report = _validate(broken)
        assert not conforms, link
        assert f"Focus Node: <{part}>" in report and "MinCount" in report, link  # pkgsh:Part's one link


def test_shapes_reject_an_obligation_extracted_from_an_unknown_source(corpus_service):
    """pkg:extractedFrom is stated only for a table row (the running text is the default)."""
    kg = corpus_service.kg
    doc = kg.find_document("003_172d98bbcb68533c.txt")
    data = _union(corpus_service, [doc, str(ids.shared_graph_iri()), str(ids.ontology_graph_iri())])
    obligation = next(data.objects(predicate=PKG.hasObligation))
    data.add((obligation, PKG.extractedFrom, Literal("text")))
    conforms, report = _validate(data)
    assert not conforms and "extractedFrom" in report
