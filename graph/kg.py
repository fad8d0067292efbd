"""The knowledge graph facade the service uses: write documents whole, find and describe them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policykg.graph import ids
from policykg.graph.build import document_triples
from policykg.graph.sparql import is_iri, sparql_string
from policykg.graph.store import GraphStore, OxigraphStore, open_store
from policykg.ingest.model import Document
from policykg.ontology.namespace import load_ontology, sparql_prefixes
from rdflib import URIRef


def _value(row: dict, name: str) -> str | None:
    cell = row.get(name)
    return cell["value"] if cell else None


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


class KnowledgeGraph:
    """Documents in named graphs of a GraphStore, with the shared region and agency nodes."""

    def __init__(self, store: GraphStore):
        self.store = store

    @classmethod
    def open(cls, data_dir: Path | None, backend: str = "oxigraph") -> KnowledgeGraph:
        """Open (creating when needed) the graph in ``data_dir``; ``None`` gives an in-memory one."""
        kg = cls(open_store(backend, data_dir))
        kg._ensure_ontology()
        return kg

    def _ensure_ontology(self) -> None:
        onto = load_ontology()
        graph = ids.ontology_graph_iri()
        count = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        if int(_value(count["results"]["bindings"][0], "n") or 0) != len(onto):
            self.store.replace_graph(graph, onto)

    def query(self, sparql: str, timeout: float | None = 30.0, max_rows: int | None = None) -> dict:
        """Run SPARQL with the project prefixes declared; W3C results JSON."""
        return self.store.query(sparql_prefixes() + sparql, timeout=timeout, max_rows=max_rows)

    def select(self, sparql: str) -> list[dict[str, str | None]]:
        """SELECT rows as {var: value} (no term types), for internal look-ups."""
        result = self.query(sparql)
        names = result["head"]["vars"]
        return [{n: _value(row, n) for n in names} for row in result["results"]["bindings"]]

    # -- writing -------------------------------------------------------------------------------

    def _stored(self, iris: list[URIRef], paths: list[str]) -> tuple[dict[str, dict], dict[str, list[str]]]:
        rows = self.select(f"""SELECT ?doc ?sha ?path WHERE {{ VALUES ?doc {{ {_values(iris)} }}
            ?doc pkg:sha256 ?sha ; pkg:sourcePath ?path }}""")
        by_iri = {r["doc"]: r for r in rows}
        path_values = " ".join(sparql_string(p) for p in paths)
        rows = self.select(f"SELECT ?doc ?path WHERE {{ VALUES ?path {{ {path_values} }} ?doc pkg:sourcePath ?path }}")
        by_path: dict[str, list[str]] = {}
        for r in rows:
            by_path.setdefault(r["path"], []).append(r["doc"])
        return by_iri, by_path

    def add_documents(self, docs: list[Document]) -> list[dict[str, Any]]:
        """Write each document whole, in its own named graph; unchanged files are left alone, a
        changed file replaces its old graph, and two files giving one document keep the first."""
        if not docs:
            return []
        iris = [ids.document_iri(d) for d in docs]
        paths = [str(Path(d.path).resolve()) for d in docs]
        by_iri, by_path = self._stored(iris, paths)
        report, seen, changed = [], {}, []
        for doc, iri, path in zip(docs, iris, paths):
            entry = {"source": doc.source, "iri": str(iri), "title": doc.title}
            report.append(entry)
            stored = by_iri.get(str(iri))
            if str(iri) in seen:
                entry.update(status="duplicate", duplicate_of=seen[str(iri)])
                continue
            seen[str(iri)] = doc.source
            if stored and stored["sha"] == doc.sha256:
                entry["status"] = "unchanged"
                continue
            if stored and stored["path"] != path and Path(stored["path"]).is_file():
                # another file that still exists already gives this document: keep it, say so
                entry.update(status="duplicate", duplicate_of=Path(stored["path"]).name)
                continue
            try:
                triples = document_triples(doc, iri)
                self.store.add_to_graph(ids.shared_graph_iri(), triples.shared)
                self.store.replace_graph(ids.graph_iri(iri), triples.own)
            except Exception as exc:  # noqa: BLE001 - this document fails, with its reason; the rest go on
                entry.update(status="failed", reason=f"cannot write to the graph: {type(exc).__name__}: {exc}")
                continue
            for old in by_path.get(path, []):
                if old != str(iri):  # the file now yields another document (its 文号 or title changed)
                    self.store.drop_graph(ids.graph_iri(URIRef(old)))
            entry["status"] = "replaced" if stored else "added"
            changed.append(str(iri))
        if changed:
            from policykg.graph.resolve import resolve_citations

            resolve_citations(self, changed)
        if isinstance(self.store, OxigraphStore):
            self.store.flush()
        return report

    def remove_document(self, iri: str) -> None:
        """Drop a document's named graph."""
        self.store.drop_graph(ids.graph_iri(URIRef(iri)))

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
        return rows[0]["doc"] if rows else None

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
                ?encoding ?stub WHERE {{ VALUES ?doc {{ <{iri}> }} ?doc a pkg:PolicyDocument .
            OPTIONAL {{ ?doc pkg:sourceFile ?source }} OPTIONAL {{ ?doc dcterms:title ?title }}
            OPTIONAL {{ ?doc eli:id_local ?number }} OPTIONAL {{ ?doc eli:date_document ?date }}
            OPTIONAL {{ ?doc pkg:level/skos:notation ?level }} OPTIONAL {{ ?doc pkg:region ?region }}
            OPTIONAL {{ ?doc pkg:kind ?kind }} OPTIONAL {{ ?doc pkg:carriedTitle ?carried }}
            OPTIONAL {{ ?doc pkg:sha256 ?sha }} OPTIONAL {{ ?doc pkg:encoding ?encoding }}
            OPTIONAL {{ ?doc pkg:knownOnlyByCitation ?stub }} }} LIMIT 1""")
        if not rows:
            return None
        r = rows[0]
        issuers = self.select(f"""SELECT ?org (SAMPLE(?n) AS ?name) WHERE {{ <{iri}> eli:passed_by ?org .
            OPTIONAL {{ ?org skos:prefLabel ?n }} }} GROUP BY ?org""")
        issuers = [{"name": i["name"], "iri": i["org"]} for i in issuers]
        from policykg.graph.obligations import obligations_json
        from policykg.graph.resolve import citations_json

        return {
            "iri": iri, "source": r["source"], "title": r["title"], "doc_number": r["number"],
            "issuer": issuers[0] if issuers else None, "issuers": issuers, "date": r["date"],
            "level": r["level"], "region": self._region(r["region"]) if r["region"] else None,
            "kind": r["kind"], "carried_title": r["carried"], "sha256": r["sha"], "encoding": r["encoding"],
            "stub": r["stub"] == "true",
            "obligations": obligations_json(self, iri), "citations": citations_json(self, iri),
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
        return [{"iri": r["doc"], "source": r["source"], "title": r["title"], "doc_number": r["number"],
                 "issuer": r["issuer"], "date": r["date"], "level": r["level"], "region": r["regionName"]}
                for r in rows]

    def document_text(self, iri: str) -> str | None:
        """The normalised full text of a document, which every span points into."""
        rows = self.select(f"SELECT ?t WHERE {{ <{iri}> pkg:text ?t }} LIMIT 1")
        return rows[0]["t"] if rows else None

    def close(self) -> None:
        """Flush and release the store."""
        self.store.close()


