"""`show --json` tells a title the text states from a file name standing in for a missing one (title_rule).

The texts are minimal fixtures for this one rule, not policy documents.
"""

from __future__ import annotations

from policykg.graph.kg import KnowledgeGraph
from policykg.ingest.pipeline import parse_bytes


def test_show_json_gives_the_rule_behind_the_title():
    untitled = parse_bytes("为推进某项工作，特制定本行动计划。\n一、总体要求\n正文从略。\n".encode(), "row98_fixture.txt")
    titled = parse_bytes("某某工作行动方案\n\n一、总体要求\n正文从略。\n".encode(), "fixture_titled.txt")
    kg = KnowledgeGraph.open(None)
    try:
        kg.add_documents([untitled, titled])
        shown = kg.document_json(kg.find_document("row98_fixture.txt"))
        assert shown["title"] == "row98_fixture" and shown["title_rule"] == "file_name"
        shown = kg.document_json(kg.find_document("fixture_titled.txt"))
        assert shown["title"] == "某某工作行动方案" and shown["title_rule"] == "header_lines"
    finally:
        kg.close()
