"""The document page's highlighting (api/routes/highlight.py): facts read from the store's spans, in an order
no store's row order changes. Constructed fixtures, no policy document."""

from __future__ import annotations

import random

from policykg.api.routes.highlight import collect_marks, fact_spans, render

TEXT = "省、市有关部门要在年底前完成，达到80%。"
OB = "http://example.org/doc/1/obligation/1"


def _row(kind: str, number: int, span: str | None, label: str | None, role: str | None = None,
         date: str | None = None) -> dict:
    start, end = span.split("-") if span else (None, None)
    part = {"agency": "assignment", "deadline": "deadline", "date": "deadline", "target": "target"}[kind]
    return {"kind": kind, "n": f"{OB}/{part}/{number}", "s": start, "e": end, "label": label, "role": role,
            "date": date}


# two agencies written as one span (省、市有关部门), and a deadline (its date a row of its own, as the query
# gives it) and a target sharing a span
ROWS = [_row("agency", 2, "0-7", "省有关部门", "collective"), _row("agency", 10, "0-7", "市有关部门", "collective"),
        _row("deadline", 1, "9-12", "年底前"), _row("date", 1, None, None, date="2020-12-31"),
        _row("target", 1, "9-12", "年底前")]


class _Store:
    """Answers the fact query with the constructed rows in the order given."""

    def __init__(self, rows: list[dict]):
        self.rows = rows

    def select(self, sparql: str) -> list[dict]:
        return [dict(r) for r in self.rows]


def _page(rows: list[dict]) -> str:
    facts = fact_spans(_Store(rows), "http://example.org/doc/1")
    doc = {"obligations": [{"iri": OB, "span": [0, len(TEXT)]}]}
    return render(TEXT, collect_marks(doc, TEXT, lambda a: f"/agency/{a['name']}", lambda c: None, facts))


def test_facts_sharing_a_span_are_highlighted_alike_whatever_order_the_store_gives():
    pages = {_page(random.Random(seed).sample(ROWS, len(ROWS))) for seed in range(24)}
    assert len(pages) == 1
    (page,) = pages
    # the first agency the extractor found (assignment 2 before 10, by number) and the deadline before the target
    assert 'title="省有关部门（共同）"' in page and "市有关部门（共同）" not in page
    assert 'class="hl hl-deadline" title="期限 2020-12-31"' in page and "hl-target" not in page
