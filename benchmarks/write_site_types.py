"""Regenerate ontology/site_types.ttl from ingest/extract/data/site_types.tsv (run after editing the TSV).

    .venv/bin/python benchmarks/write_site_types.py
"""

from __future__ import annotations

from policykg.graph.obligations import site_type_scheme
from policykg.ontology.namespace import ONTOLOGY_DIR

HEADER = ("# Site types: a SKOS scheme of the kinds of places obligations concern, grown from corpus/documents.\n"
          "# Generated from ingest/extract/data/site_types.tsv by benchmarks/write_site_types.py;\n"
          "# tests/test_obligations.py checks the two agree.\n")


def main() -> None:
    """Write the scheme next to the other ontology files."""
    path = ONTOLOGY_DIR / "site_types.ttl"
    path.write_text(HEADER + site_type_scheme().serialize(format="turtle"), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
