"""The Chinese web page in-process, over the five seed documents: search grouped by document, Chinese
errors and 404 pages, the 一致性检查 view, similar measures elsewhere, the agency page and the chain."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote, urlencode

import pytest
from conftest import SEEDS, make_settings
from fastapi.testclient import TestClient
from policykg.api.app import create_app
from policykg.api.routes.chain_view import NODE_H, layout
from policykg.api.routes.search_view import GROUPS_PER_PAGE
from policykg.api.service import Service
from policykg.search.consistency import findings_json

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
LIUSHI = "003_172d98bbcb68533c.txt"  # 柳市镇: deadlines before its issue date (findings)
QINGFENG = "001_68136cc265473cb2.txt"  # 青峰镇: a chain up to county and provincial documents


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Service:
    service = Service(make_settings(tmp_path_factory.mktemp("pages-data")))
    report = service.ingest([SEEDS])
    assert report.ingested and not report.failed
    return service


@pytest.fixture(scope="module")
def client(service) -> TestClient:
    return TestClient(create_app(service.settings, service))


def _page(client, url: str, status: int = 200) -> str:
    answer = client.get(url, headers=HTML)
    assert answer.status_code == status, (url, answer.text[:500])
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text


def _cjk(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def test_search_groups_hits_by_document_with_a_count(client):
    html = _page(client, "/?q=" + "消防 安全")
    items = re.findall(r'<li class="result">\s*<a class="doc-link" href="([^"#]+)', html)
    assert items and len(items) == len(set(items)), "a document is listed more than once"
    assert len(items) <= GROUPS_PER_PAGE
    count = re.search(r'id="result-count">找到 (\d+) 份文件中的 (\d+)\+? 处', html)
    assert count, "no count heading"
    documents, passages = int(count.group(1)), int(count.group(2))
    assert documents >= len(items) and passages >= documents
    assert documents <= 5  # the data directory holds five documents


def test_obligation_hits_link_to_their_anchor(client, service):
    html = _page(client, "/?q=" + "电动自行车 充电")
    anchors = re.findall(r'href="/doc/([^"#]+)#(ob-\d+)"', html)
    assert anchors, "no hit links to an obligation's anchor"
    doc_id, anchor = anchors[0]
    assert f'id="{anchor}"' in _page(client, f"/doc/{doc_id}")
    assert "其他地区的同类措施" in html


@pytest.mark.parametrize("query", ["a", "的", "<script>"])
def test_queries_without_meaning_say_so(client, query):
    html = _page(client, "/?q=" + query)
    assert 'id="no-match"' in html
    assert "<script>" not in html.split("<main>", 1)[1].replace("&lt;script&gt;", "")
    assert 'id="result-count"' not in html


def test_unknown_region_is_explained_in_chinese(client):
    html = _page(client, "/?q=消防&region=火星")
    message = re.search(r'id="search-error">([^<]+)<', html).group(1)
    assert "火星" in message and _cjk(message) and "unknown" not in message
    assert 'class="suggest"' in html


def test_unknown_document_is_a_chinese_404_page(client):
    html = _page(client, "/doc/no-such-document.txt", 404)
    assert "no-such-document.txt" in html and "没有找到文件" in html
    assert _page(client, "/no/such/page", 404).count("页面不存在") == 1
    api = client.get("/documents/no-such-document.txt")  # a program still gets JSON
    assert api.status_code == 404 and api.json()["error"] == "not_found"


def test_checks_view_lists_every_finding_with_chinese_reasons(client, service):
    findings = findings_json(service, None, None)["findings"]
    assert findings, "the seeds should have consistency findings"
    html = _page(client, "/checks-ui")
    assert html.count('class="finding ') == min(len(findings), 20)
    reasons = re.findall(r'<p class="reason">([^<]+)</p>', html)
    assert reasons and all(_cjk(r) and "falls before" not in r for r in reasons)
    kind = findings[0]["kind"]
    narrowed = _page(client, f"/checks-ui?kind={kind}")
    assert narrowed.count('class="finding ') == sum(1 for f in findings if f["kind"] == kind)
    assert 'class="hl hl-deadline"' in narrowed, "the compared deadline is not highlighted"


def test_document_page_has_its_findings_panel(client, service):
    iri = service.kg.find_document(LIUSHI)
    expected = findings_json(service, iri, None)["findings"]
    html = _page(client, f"/doc/{LIUSHI}")
    panel = html.split('id="findings"', 1)[1]
    assert panel.count('class="finding ') == len(expected) > 0


def test_similar_measures_come_from_other_regions(client, service):
    doc = service.kg.document_json(service.kg.find_document(QINGFENG))
    ob = next(o for o in doc["obligations"] if len(o["text"]) > 30)
    html = _page(client, "/similar-ui?" + urlencode({"ob": ob["iri"]}))
    rows = re.findall(r"<tr><td class=\"nowrap\">([^<]+)</td>", html)
    assert rows and doc["region"]["name"] not in rows
    assert len(rows) == len(set(rows)), "one measure per region"
    assert _page(client, "/similar-ui?ob=https%3A%2F%2Fexample.org%2Fobligation%2F1", 404).count("没有找到") >= 1


def test_agency_page_groups_names_and_exports_csv(client):
    html = _page(client, "/agency?name=消防救援")
    assert 'id="agency-groups"' in html
    groups = re.findall(r'<li><a href="/agency\?name=([^"]+)">', html)
    assert groups
    heading = re.search(r'id="tasks-heading">([^<]+)<', html).group(1)
    name = unquote(groups[0])
    tasks = _page(client, "/agency?name=" + groups[0])
    total = int(re.search(r"的任务：(\d+) 项", tasks).group(1))
    answer = client.get(f"/agency?name={groups[0]}&format=csv")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text.lstrip("\ufeff"))))
    assert rows[0][0] == "文件" and len(rows) - 1 == total
    assert name and heading


def test_document_list_sorts_and_pages(client):
    html = _page(client, "/?sort=-date")
    dates = [d for d in re.findall(r'<td class="nowrap">(\d{4}-\d{2}-\d{2})</td></tr>', html)]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2


def test_chain_page_draws_every_edge_inside_its_box(client, service):
    html = _page(client, f"/doc/{QINGFENG}/chain")
    assert 'width="100%"' in html and "viewBox" in html
    assert html.count('class="edge') >= 2


def test_an_edge_that_skips_a_column_runs_between_rows():
    """Minimal synthetic chain (no policy text): a township document citing a province and a county one."""
    chain = {"nodes": [{"iri": "t", "level": "township", "title": "t"},
                       {"iri": "c", "level": "county", "title": "c"},
                       {"iri": "p", "level": "provincial", "title": "p"}],
             "edges": [{"source": "t", "target": "c", "relation": "basis"},
                       {"source": "t", "target": "p", "relation": "implements"}]}
    g = layout(chain, "t", lambda n: None)
    county = next(b for b in g["boxes"] if b.iri == "c")
    skipping = g["edges"][1]["path"]
    band = int(re.search(r" L\d+,(\d+) ", skipping).group(1))
    assert not county.y <= band <= county.y + NODE_H, "the edge to the province crosses the county box"


def test_sparql_form_answers_on_the_page(client):
    html = _page(client, "/sparql-ui")
    assert 'id="sparql-form"' in html and "sparql.js" in html
    assert client.get("/static/sparql.js").status_code == 200


@pytest.fixture
def answered_by(service, monkeypatch):
    """A client whose search answers in one mode: "lexical" (BM25 alone, as while the units wait for their
    vectors), "dense" or "hybrid"; a fresh app, so no answer cached in another mode is reused."""
    from policykg.search.fusion import make_fusion

    def client_in(mode: str) -> TestClient:
        setting = {"lexical": "bm25", "dense": "dense", "hybrid": "rrf"}[mode]
        monkeypatch.setattr(service.index, "fusion", make_fusion(setting))
        assert service.index.mode == mode
        return TestClient(create_app(service.settings, service))

    return client_in


def _said(html: str) -> str:
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_a_keyword_only_answer_says_so_and_counts_what_contains_the_words(answered_by):
    html = _page(answered_by("lexical"), "/?q=" + "电动自行车 充电")
    said = _said(html)
    assert re.search(r"找到 \d+ 份文件中的 \d+\+? 处包含检索词的内容", said), said[:400]
    assert "检索方式：仅关键词" in said and "混合" not in said


def test_a_keyword_only_answer_with_no_match_says_nothing_contains_the_words(answered_by, service):
    words = "量子纠缠 引力波"
    client = answered_by("lexical")
    assert not service.index.rank([words], None, 5)[0], "the seeds should not hold these words"
    said = _said(_page(client, "/?q=" + words))
    assert f"没有找到包含“{words}”的内容" in said and "只按关键词检索" in said
    assert not re.search(r"\b0 处", said) and "最接近" not in said, said[:400]


def test_filters_that_leave_nothing_are_named_not_counted_as_zero(answered_by):
    said = _said(_page(answered_by("hybrid"), "/?q=消防&level=national&date_to=1990-01-01"))
    assert "没有找到与“消防”相关的内容（在所选筛选条件下）" in said and "放宽筛选条件" in said
    assert not re.search(r"\b0 处", said) and "最接近" not in said
    assert "检索方式：关键词 + 语义（混合）" in said


def test_a_meaning_only_answer_does_not_claim_the_words_are_missing(answered_by):
    said = _said(_page(answered_by("dense"), "/?q=" + "电动自行车 充电"))
    assert "检索方式：仅语义" in said and "没有找到" not in said and "仅关键词" not in said
    assert re.search(r"(找到 \d+ 份文件中的|按语义与“电动自行车 充电”最接近的) [1-9]\d*\+? 处", said), said[:400]


def test_search_notices_are_chinese_on_the_page(client):
    said = _said(_page(client, "/?q=" + "消防安全" * 70))
    assert "检索词过长，只用了开头的部分。" in said and "truncated" not in said


def test_every_notice_the_search_layer_gives_has_its_chinese():
    import ast
    from pathlib import Path

    from policykg.api.routes.messages import search_notice

    heads = []
    for source in (Path(__file__).resolve().parent.parent / "search").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "append" \
                    and "notices" in ast.unparse(node.func.value) and node.args:
                given = node.args[0]
            elif isinstance(node, ast.Assign) and any("notices" in ast.unparse(t) for t in node.targets) \
                    and isinstance(node.value, ast.List) and node.value.elts:
                given = node.value.elts[0]
            else:
                continue
            if isinstance(given, ast.JoinedStr) and isinstance(given.values[0], ast.Constant):
                heads.append(str(given.values[0].value))
            elif isinstance(given, ast.Constant):
                heads.append(str(given.value))
    assert len(heads) >= 4, heads
    assert [h for h in heads if search_notice(h + " …") == h + " …"] == []


def test_a_reference_in_an_enforcement_clause_is_listed_apart_from_the_drawing(client, service):
    """Seed 002 asks 消防救援机构 to act 按照《…八项措施》要求，依法立案查处: enforcement, not the plan's source."""
    iri = service.kg.find_document("002_703e075b325a6c8c.txt")
    html = _page(client, "/doc/002_703e075b325a6c8c.txt/chain")
    listed = html.split('id="edges-penalty"', 1)[1].split("</ul>", 1)[0]
    assert "强化重大火灾隐患治理防范化解重特大火灾风险八项措施" in listed and "依法立案查处" in listed
    drawing = html.split('id="chain-graph"', 1)[1].split("</svg>", 1)[0]
    assert "八项措施" not in drawing
    sources = html.split('id="edges-sources"', 1)[1].split("</ul>", 1)[0] if 'id="edges-sources"' in html else ""
    assert "八项措施" not in sources
    from policykg.graph.chains import trace_upstream

    chain = trace_upstream(service.kg, iri)
    assert any(e["penalty"] for e in chain["edges"]) and not all(e["penalty"] for e in chain["edges"])
    assert drawing.count('<g class="node') < len(chain["nodes"])


def test_search_pages_count_documents(client):
    from policykg.api.routes.web import pages, templates

    pager = templates.env.get_template("_pager.html")
    links = [(n, f"?page={n}") for n in range(1, 5)]
    text = pager.render(paging=pages(40, 2, GROUPS_PER_PAGE), page_links=links, pager_unit="份文件")
    assert f"第 {GROUPS_PER_PAGE + 1}–{2 * GROUPS_PER_PAGE} 份，共 40 份文件" in text
    assert "第 11–20 条，共 40 条" in pager.render(paging=pages(40, 2, 10), page_links=links)
    html = _page(client, "/?q=" + "消防")
    groups = len(re.findall(r'<li class="result">', html))
    count = re.search(r"找到 (\d+) 份文件", html)
    assert count and groups == min(int(count.group(1)), GROUPS_PER_PAGE)
