"""Reading the knowledge graph: a document found by IRI, file, 文号, path or title; its `show --json` shape,
the list of documents, and its text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policykg.graph import changes, ids
from policykg.graph.sparql import is_iri, sparql_string


class GraphReading:
    """Finding and describing documents, a part of ``KnowledgeGraph`` (graph/kg.py), whose reads it uses."""

    # -- reading -------------------------------------------------------------------------------

    def find_document(self, ref: str) -> str | None:
        """A document IRI from an IRI, a file name, a 文号 in any bracket form, a source path or a title."""
        ref = ref.strip()
        if not ref:
            return None
        if is_iri(ref) and self.select(f"SELECT ?t WHERE {{ <{ref}> a ?t }} LIMIT 1"):
            return ref
        literal, number = sparql_string(ref), sparql_string(ids.normalise_doc_number(ref))
        rows = self.select(f"""SELECT ?doc ?how WHERE {{
            {{ BIND(1 AS ?how) ?doc pkg:sourceFile {literal} }}
            UNION {{ BIND(2 AS ?how) ?doc eli:id_local {number} }}
            UNION {{ BIND(3 AS ?how) ?doc pkg:sourcePath {literal} }}
            UNION {{ BIND(4 AS ?how) ?doc dcterms:title ?t FILTER(STR(?t) = {literal}) }}
        }} ORDER BY ?how ?doc LIMIT 1""")
        if rows:
            return rows[0]["doc"]
        if "/" in ref or "\\" in ref:  # a path on this machine (the graph holds only paths under the ingest root)
            located = self.locations.documents_at([str(Path(ref).resolve())])
            return min((d for docs in located.values() for d in docs), default=None)
        return None

    def _region(self, region_iri: str) -> dict[str, Any]:
        rows = self.select(f"""SELECT ?r ?name ?code ?up WHERE {{ <{region_iri}> skos:broader* ?r .
            ?r skos:prefLabel ?name ; skos:notation ?code . OPTIONAL {{ ?r skos:broader ?up }} }}""")
        by_iri = {r["r"]: r for r in rows}
        chain, node = [], region_iri
        while node in by_iri and len(chain) < 10:
            chain.append(by_iri[node])
            node = by_iri[node]["up"]
        head = chain[0] if chain else {"name": None, "code": None}
        return {"name": head["name"], "code": head["code"], "iri": region_iri,
                "parents": [r["name"] for r in chain[1:]]}

    def document_json(self, iri: str) -> dict[str, Any] | None:
        """The `show --json` shape of one document, or None when there is no such document."""
        if not is_iri(iri):
            return None
        rows = self.select(f"""SELECT ?source ?title ?number ?date ?level ?region ?kind ?carried ?sha
                ?encoding ?stub ?titleRule WHERE {{ VALUES ?doc {{ <{iri}> }} ?doc a pkg:PolicyDocument .
            OPTIONAL {{ ?doc pkg:sourceFile ?source }} OPTIONAL {{ ?doc dcterms:title ?title }}
            OPTIONAL {{ ?doc eli:id_local ?number }} OPTIONAL {{ ?doc eli:date_document ?date }}
            OPTIONAL {{ ?doc pkg:level/skos:notation ?level }} OPTIONAL {{ ?doc pkg:region ?region }}
            OPTIONAL {{ ?doc pkg:kind ?kind }} OPTIONAL {{ ?doc pkg:carriedTitle ?carried }}
            OPTIONAL {{ ?doc pkg:sha256 ?sha }} OPTIONAL {{ ?doc pkg:encoding ?encoding }}
            OPTIONAL {{ ?doc pkg:knownOnlyByCitation ?stub }}
            OPTIONAL {{ ?doc pkg:hasExtraction ?titleExtraction . ?titleExtraction pkg:field "title" ;
                        pkg:rule ?titleRule }} }} LIMIT 1""")
        if not rows:
            return None
        r = rows[0]
        issuers = self.select(f"""SELECT ?org (SAMPLE(?n) AS ?name) WHERE {{ <{iri}> eli:passed_by ?org .
            OPTIONAL {{ ?org skos:prefLabel ?n }} }} GROUP BY ?org""")
        issuers = [{"name": i["name"], "iri": i["org"]} for i in issuers]
        from policykg.graph.obligation_queries import obligations_json
        from policykg.graph.resolve import citations_json

        return {
            "iri": iri, "source": r["source"], "title": r["title"], "doc_number": r["number"],
            "issuer": issuers[0] if issuers else None, "issuers": issuers, "date": r["date"],
            "level": r["level"], "region": self._region(r["region"]) if r["region"] else None,
            "kind": r["kind"], "carried_title": r["carried"], "sha256": r["sha"], "encoding": r["encoding"],
            # the rule that found the title: "file_name" when the text has no title line and its file name
            # stands in (header_lines, markup_title, html_title, field:标题 … when the text states it)
            "title_rule": r.get("titleRule"),
            "stub": r["stub"] == "true",
            "obligations": obligations_json(self, iri), "citations": citations_json(self, iri),
            **({"pending": True} if self._marked_pending([iri]) else {}),
        }

    def list_documents(self) -> list[dict[str, Any]]:
        """Every ingested document (stubs known only by citation left out), by file name."""
        rows = self.select("""SELECT ?doc ?source ?title ?number ?date ?level ?regionName
                (SAMPLE(?issuerName) AS ?issuer) WHERE { ?doc a pkg:PolicyDocument ; pkg:sourceFile ?source .
            OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc eli:id_local ?number }
            OPTIONAL { ?doc eli:date_document ?date } OPTIONAL { ?doc pkg:level/skos:notation ?level }
            OPTIONAL { ?doc pkg:region/skos:prefLabel ?regionName }
            OPTIONAL { ?doc eli:passed_by/skos:prefLabel ?issuerName } }
            GROUP BY ?doc ?source ?title ?number ?date ?level ?regionName ORDER BY ?source ?doc""")
        pending = self._marked_pending([r["doc"] for r in rows])
        return [{"iri": r["doc"], "source": r["source"], "title": r["title"], "doc_number": r["number"],
                 "issuer": r["issuer"], "date": r["date"], "level": r["level"], "region": r["regionName"],
                 **({"pending": True} if r["doc"] in pending else {})} for r in rows]

    def _marked_pending(self, iris: list[str]) -> set[str]:
        """Those of ``iris`` a write has marked pending and not finished (see graph/changes.py: such a document
        is shown with ``pending: true``, never as complete)."""
        if changes.atomic_writes(self.store) or not iris:
            return set()
        return changes.pending_documents(self) & set(iris)

    def document_text(self, iri: str) -> str | None:
        """The normalised full text of a document, which every span points into."""
        rows = self.select(f"SELECT ?t WHERE {{ <{iri}> pkg:text ?t }} LIMIT 1")
        return rows[0]["t"] if rows else None
