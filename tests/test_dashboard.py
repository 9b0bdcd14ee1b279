"""The dashboard in a real headless browser: Debian's chromium driven by Python playwright, offline.

A route guard fails the test on any request that leaves 127.0.0.1 (no CDN, no tile server). The store holds
the workspace fixtures, a hostile report (script and img tags in its title, text and URL) and, when
../shared is beside the project, the two seed articles. The screenshot is kept in artifacts/dashboard.png.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sitrep.serve.api import find_node_modules
from test_fusion_languages import OTHER as FRENCH_REPORT

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "workspace"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def _need(condition: bool, why: str) -> None:
    """Skip on a developer's machine without the browser; in CI (CI=true) a missing piece is a failure."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{why} (CI installs it at set-up: see the Makefile)")
        pytest.skip(why)


@pytest.fixture(scope="module")
def server(tmp_path_factory, sitrep_home):
    _need(Path(CHROMIUM).exists(), "chromium is not installed (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _need(False, "python playwright is not installed")
    _need(find_node_modules() is not None, "node_modules missing (npm ci --omit=peer)")
    import uvicorn

    from sitrep.documents import read_documents
    from sitrep.pipeline import extract
    from sitrep.serve.api import create_app
    from sitrep.store.repository import Store

    db = tmp_path_factory.mktemp("dashboard") / "dash.db"
    # one French report (ours, from the cross-language fusion test) so that a source shows "FR"
    french = tmp_path_factory.mktemp("french") / "french.jsonl"
    french.write_text(json.dumps(FRENCH_REPORT, ensure_ascii=False) + "\n", encoding="utf-8")
    inputs = [str(FIXTURES / "reports.jsonl"), str(FIXTURES / "hostile.jsonl"), str(french)]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        inputs.append(str(seeds))
    with Store(db) as store:
        for doc in read_documents(inputs, []):
            store.save(extract(doc))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}/", "seeds": seeds.is_dir(), "db": db}
    srv.should_exit = True
    thread.join(timeout=10)


def test_dashboard_offline_in_chromium(server):
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        if urlparse(route.request.url).hostname != "127.0.0.1":
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.route("**/*", guard)
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server["url"])
            page.wait_for_selector("body[data-ready='1']", timeout=30_000)

            # the map: every located event, country outlines from world-atlas, labels where events are
            markers = page.evaluate("() => window.sitrepState.markers")
            assert markers >= 4 + (3 if server["seeds"] else 0)
            assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 50  # outlines + points
            labels = set(page.locator(".country-label").all_inner_texts())
            assert {"Mali", "Niger", "Burkina Faso"} <= labels
            assert page.locator("#timeline").bounding_box()["height"] > 100
            assert page.locator("#network canvas").count() > 0
            assert page.locator("#events tbody tr").count() >= 5

            # filters drive the map, the list and the timeline
            page.select_option("select[name=country]", "Niger")
            page.wait_for_selector("body[data-ready='1']")
            niger_rows = page.locator("#events tbody tr").count()
            assert niger_rows >= 1
            assert all("Niger" in t for t in page.locator("#events tbody tr td:nth-child(4)").all_inner_texts())
            assert page.evaluate("() => window.sitrepState.markers") == niger_rows
            page.select_option("select[name=country]", "")
            page.wait_for_selector("body[data-ready='1']")
            page.check("input[name=confirmed_only]")
            page.wait_for_selector("body[data-ready='1']")
            assert page.locator("#events tbody tr").count() == 3  # the three corroborated happenings
            page.uncheck("input[name=confirmed_only]")
            page.wait_for_selector("body[data-ready='1']")

            # a hostile report renders as text
            rows = page.locator("#events tbody tr").all_inner_texts()
            hostile = [i for i, r in enumerate(rows) if "2024-06-03" in r]
            assert hostile, rows
            page.locator("#events tbody tr").nth(hostile[0]).click()
            page.wait_for_selector("#panel table.fields")
            panel = page.locator("#panel")
            text = panel.inner_text()
            assert "<script>window.__xss=1</script> Gao market attack" in text
            assert "<b>Evil Outlet</b>" in text and '<img src=x onerror="window.__xss=2">' in text
            assert panel.locator("script, img").count() == 0
            assert panel.locator("b", has_text="Evil Outlet").count() == 1  # our label, holding their tags as text
            assert page.locator("a[href^='javascript']").count() == 0
            assert page.evaluate("() => typeof window.__xss") == "undefined"

            # an event fused from four reports: each field with its sentence, every source
            page.locator("#events tbody tr", has_text="Boni").first.click()
            page.wait_for_selector("#panel .source")
            text = panel.inner_text()
            assert "3 independent source(s)" in text and "copy of ws-a2-wire" in text
            assert "nine soldiers were killed" in text and "lowest credible figure" in text
            assert panel.locator(".source").count() == 4
            # each source's language as a badge beside it
            assert panel.locator(".source .badge.lang").all_inner_texts() == ["EN"] * 4
            page.locator("#events tbody tr", has_text="Sofara").first.click()
            page.wait_for_function("() => document.querySelector('#panel h2')?.textContent.includes('Sofara')")
            page.wait_for_selector("#panel .source")
            assert panel.locator(".source .badge.lang").all_inner_texts() == ["FR"]

            if server["seeds"]:  # the seeds' events: Bamako and Niamey
                page.locator("#events tbody tr", has_text="Niamey").first.click()
                page.wait_for_selector("#panel table.fields")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
            assert (ARTIFACTS / "dashboard.png").stat().st_size > 50_000
        finally:
            browser.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert errors == [], errors


def test_api_docs_render_offline_under_the_csp(server):
    """/docs is Swagger UI from node_modules: it must draw the operations with no request leaving 127.0.0.1 and
    nothing refused by the server's Content-Security-Policy."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    refused: list[str] = []
    errors: list[str] = []

    def guard(route):
        if urlparse(route.request.url).hostname != "127.0.0.1":
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def console(message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refused.append(message.text)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            page.route("**/*", guard)
            page.on("console", console)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server["url"] + "docs")
            page.wait_for_selector(".opblock-summary-path", timeout=30_000)
            paths = set(page.locator(".opblock-summary-path").all_inner_texts())
            assert {"/api/events", "/api/documents", "/api/ingest"} <= {p.replace("\u200b", "") for p in paths}
            assert "sitrep" in page.locator(".info .title").inner_text()
        finally:
            browser.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert refused == [], refused
    assert errors == [], errors
