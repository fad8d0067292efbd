"""The web page in headless Chromium: search a known phrase, open the document, open its chain.

Debian's /usr/bin/chromium (installed by .ci/setup-browser) is driven by Playwright; screenshots are kept
under tests/artifacts/ as test artefacts. Every request that leaves the loopback server fails the test.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
import uvicorn
from policykg.api.app import create_app
from policykg.api.routes.chain_view import drawn_part
from policykg.api.settings import Settings
from policykg.graph.chains import trace_upstream

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SEED = "001_68136cc265473cb2.txt"  # the 青峰镇 seed, whose plan is based on a county document


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    """uvicorn on a free loopback port, in a thread of this process (the store allows one opener)."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def server(corpus_service):
    """The app over the corpus data directory."""
    with serving(create_app(corpus_service.settings, corpus_service)) as url:
        yield url


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    """The app over an empty data directory: enough for pages that need no documents (the API docs)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("empty-data"), encoder="hash")
    with serving(create_app(settings)) as url:
        yield url


def offline_page(browser, outside: list[str]):
    """A new page on which every request that leaves the loopback server is aborted and recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", guard)
    return page


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run .ci/setup-browser"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_search_open_document_and_chain(server, browser, corpus_service):
    ARTIFACTS.mkdir(exist_ok=True)
    seed_iri = corpus_service.kg.find_document(SEED)
    title = corpus_service.kg.document_json(seed_iri)["title"]
    phrase = corpus_service.kg.document_text(seed_iri)[:4000]
    # a known phrase: a heading-free line of the seed's own text, as staff would paste it
    phrase = next(line.strip() for line in phrase.splitlines() if 12 <= len(line.strip()) <= 40)
    outside: list[str] = []
    page = offline_page(browser, outside)
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.fill("#q", phrase)
    page.click("#search-button")
    page.wait_for_selector("ol.results")
    page.screenshot(path=str(ARTIFACTS / "1-search.png"), full_page=True)
    short_id = seed_iri.rsplit("/", 1)[-1]
    link = page.locator(f'ol.results a.doc-link[href^="/doc/{short_id}"]').first
    assert link.count() == 1, f"searching {phrase!r} did not list {SEED}"
    assert page.locator("ol.results mark").count() > 0

    link.click()
    page.wait_for_selector("#doc-text")
    assert page.inner_text("#doc-title") == title
    assert page.locator("#doc-text .hl").count() > 0, "nothing highlighted in the document text"
    page.screenshot(path=str(ARTIFACTS / "2-document.png"), full_page=True)

    page.click("#chain-link")
    page.wait_for_selector("svg#chain-graph")
    # penalty-clause references are listed under the drawing, not drawn
    expected = drawn_part(trace_upstream(corpus_service.kg, seed_iri), seed_iri)
    assert len(expected["nodes"]) > 1, f"{SEED} should have an upstream chain"
    assert page.locator("svg#chain-graph g.node").count() == len(expected["nodes"])
    assert page.locator("svg#chain-graph path.edge").count() == len(expected["edges"])
    page.screenshot(path=str(ARTIFACTS / "3-chain.png"), full_page=True)

    page.go_back()
    agency = page.locator("#doc-text a.hl-agency").first
    assert agency.count() == 1, "no agency linked in the document text"
    agency.click()
    page.wait_for_selector("table.tasks")
    assert page.locator("table.tasks tbody tr td a").count() > 0, "the agency page lists no tasks"
    page.screenshot(path=str(ARTIFACTS / "4-agency.png"), full_page=True)
    assert not outside, f"the page reached outside the server: {outside}"
    page.close()


def test_api_docs_render_offline(empty_server, browser):
    """Swagger UI and ReDoc draw the operations from assets the server itself serves."""
    ARTIFACTS.mkdir(exist_ok=True)
    outside: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, outside)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(empty_server + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/search" in " ".join(paths) and "/sparql" in " ".join(paths), paths
    page.screenshot(path=str(ARTIFACTS / "5-docs.png"))
    page.goto(empty_server + "/redoc")
    page.wait_for_selector("[data-section-id]", timeout=20_000)
    assert page.locator("text=Hybrid search over obligations and passages").count() > 0
    page.screenshot(path=str(ARTIFACTS / "6-redoc.png"))
    assert not outside, f"the API docs reached outside the server: {outside}"
    assert not errors, errors
    page.close()


def test_t3_t4_agency_and_error_views(server, browser, corpus_service):
    """Each view a person uses for T3 and T4, reached by clicking, drawn without outside requests."""
    ARTIFACTS.mkdir(exist_ok=True)
    outside: list[str] = []
    page = offline_page(browser, outside)
    page.goto(server + "/")
    page.click("nav >> text=一致性检查")
    page.wait_for_selector("#findings-count")
    assert page.locator("article.finding").count() > 0, "no consistency finding on the page"
    assert page.locator("article.finding .ob-text mark.hl-deadline").count() > 0
    page.screenshot(path=str(ARTIFACTS / "7-checks.png"), full_page=False)

    page.goto(server + f"/doc/{SEED}")
    page.locator("aside a.similar-link").first.click()
    page.wait_for_selector("#similar-table")
    assert page.locator("#similar-table tbody tr").count() > 1
    page.screenshot(path=str(ARTIFACTS / "8-similar.png"), full_page=False)

    page.goto(server + "/agency?name=" + "消防救援")
    page.wait_for_selector("#agency-groups")
    page.locator("#agency-groups li > a").first.click()
    page.wait_for_selector("table.tasks")
    assert page.locator("#csv-export").count() == 1
    page.screenshot(path=str(ARTIFACTS / "9-agency-groups.png"), full_page=False)

    answer = page.goto(server + "/doc/no-such-document.txt")
    assert answer.status == 404 and "没有找到文件" in page.inner_text("#error-message")
    page.goto(server + "/?q=" + "消防&region=火星")
    assert "火星" in page.inner_text("#search-error")
    page.screenshot(path=str(ARTIFACTS / "10-error.png"))

    page.goto(server + "/sparql-ui")
    page.click("#sparql-run")
    page.wait_for_selector("#sparql-table")
    assert page.url.endswith("/sparql-ui"), "the SPARQL form left the page"
    assert page.locator("#sparql-table tbody tr").count() > 0
    page.fill("textarea", "SELECT nonsense")
    page.click("#sparql-run")
    page.wait_for_selector("#sparql-result .error")
    assert not outside, f"the page reached outside the server: {outside}"
    page.close()
