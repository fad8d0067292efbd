"""Every project term is documented (zh and en labels, a definition); namespaces are closed."""

from __future__ import annotations

import pytest
from policykg.ontology.namespace import ELI, ORG, PKG, RDF, RDFS, SKOS, load_ontology, ontology_files
from rdflib import Literal, URIRef

ONTOLOGY = load_ontology()
PKG_BASE = str(PKG)
DECLARED = sorted({s for s in ONTOLOGY.subjects(RDF.type, None)
                   if isinstance(s, URIRef) and str(s).startswith(PKG_BASE) and str(s) != PKG_BASE})


def _labels(term: URIRef, lang: str) -> list[Literal]:
    return [o for p in (RDFS.label, SKOS.prefLabel) for o in ONTOLOGY.objects(term, p)
            if isinstance(o, Literal) and o.language == lang and str(o).strip()]


def test_ontology_files_parse_and_declare_core_terms():
    assert any(f.name == "policy.ttl" for f in ontology_files())
    names = {str(t)[len(PKG_BASE):] for t in DECLARED}
    for core in ["PolicyDocument", "Passage", "Obligation", "AgencyAssignment", "Deadline", "Target", "SiteType",
                 "Region", "Citation", "Finding", "text", "section", "span", "hasObligation",
                 "hasPassage", "region", "level", "sourceFile", "sha256", "knownOnlyByCitation"]:
        assert core in names, core


@pytest.mark.parametrize("term", DECLARED, ids=lambda t: str(t)[len(PKG_BASE):])
def test_term_has_zh_en_labels_and_definition(term):
    assert _labels(term, "zh"), f"{term} has no @zh label"
    assert _labels(term, "en"), f"{term} has no @en label"
    definitions = list(ONTOLOGY.objects(term, SKOS.definition)) + list(ONTOLOGY.objects(term, RDFS.comment))
    assert any(str(d).strip() for d in definitions), f"{term} has no skos:definition or rdfs:comment"


def test_every_referenced_pkg_term_is_declared():
    used = {n for triple in ONTOLOGY for n in triple if isinstance(n, URIRef) and str(n).startswith(PKG_BASE)}
    assert used - set(DECLARED) - {URIRef(PKG_BASE)} == set()


def test_standards_are_reused_not_reinvented():
    assert (PKG.PolicyDocument, RDFS.subClassOf, ELI.LegalResource) in ONTOLOGY
    assert (PKG.Agency, RDFS.subClassOf, ORG.Organization) in ONTOLOGY
    levels = set(ONTOLOGY.subjects(SKOS.inScheme, PKG.LevelScheme))
    assert {PKG.national, PKG.provincial, PKG.city, PKG.county, PKG.township} <= levels


def test_closed_namespaces_refuse_typos():
    with pytest.raises(AttributeError):
        PKG.Obligaton  # noqa: B018
    with pytest.raises(KeyError):
        PKG["hasPasage"]
    with pytest.raises(AttributeError):
        ELI.id_locale  # noqa: B018
