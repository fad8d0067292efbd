"""Regenerate the files derived from the curated TSV dictionaries (run after editing them):

- ontology/site_types.ttl from ingest/extract/data/site_types.tsv (the SKOS scheme);
- ingest/extract/data/jieba_user.txt from agencies.tsv and collectives.tsv (jieba user dictionary).

    .venv/bin/python benchmarks/write_vocabularies.py

tests/test_obligations.py fails when either file is out of step with its TSV.
"""

from __future__ import annotations

from policykg.graph.obligations import site_type_scheme
from policykg.ingest.extract.agencies import DATA_DIR, user_dictionary_lines
from policykg.ontology.namespace import ONTOLOGY_DIR

HEADER = ("# Site types: a SKOS scheme of the kinds of places obligations concern, grown from corpus/documents.\n"
          "# Generated from ingest/extract/data/site_types.tsv by benchmarks/write_vocabularies.py;\n"
          "# tests/test_obligations.py checks the two agree.\n")


def main() -> None:
    """Write both derived files."""
    ttl = ONTOLOGY_DIR / "site_types.ttl"
    ttl.write_text(HEADER + site_type_scheme().serialize(format="turtle"), encoding="utf-8")
    user = DATA_DIR / "jieba_user.txt"
    user.write_text("\n".join(user_dictionary_lines()) + "\n", encoding="utf-8")
    print(f"wrote {ttl} and {user}")


if __name__ == "__main__":
    main()
