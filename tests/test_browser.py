"""The HTML view in a real browser: Debian's headless Chromium driven by
Playwright, on a report as long as the sample corpus (every document, Romero's
article in three versions).  Saves screenshots to build/screenshots/.

RUMORLENS_HTML_TEST_REPORT=build/report.json runs the same checks on a real
report instead (and takes the screenshots of it).

Without a Chromium (a laptop without root) these tests are skipped, and the
end of the run says what to install.  RUMORLENS_CHROMIUM=/path/to/chrome
takes another Chromium; RUMORLENS_REQUIRE_BROWSER=1 (set by CI) turns a
missing one into a failure."""
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from html_helpers import corpus_report

from rumorlens.html import render_html

CHROMIUM = next((Path(p) for p in (os.environ.get("RUMORLENS_CHROMIUM"), "/usr/bin/chromium",
                                   shutil.which("chromium")) if p and Path(p).is_file()), None)
REQUIRED = bool(os.environ.get("RUMORLENS_REQUIRE_BROWSER"))
INSTALL_HINT = ("no Chromium: install Debian's and a CJK font (sudo apt-get install chromium fonts-wqy-microhei), "
                "or point RUMORLENS_CHROMIUM at any Chromium (e.g. one from `.venv/bin/playwright install chromium`)")
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None and not REQUIRED, reason=INSTALL_HINT)


@pytest.fixture(scope="module")
def report(corpus_dir):
    path = os.environ.get("RUMORLENS_HTML_TEST_REPORT")
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return corpus_report(corpus_dir)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:  # only reached when RUMORLENS_REQUIRE_BROWSER is set
        pytest.fail(f"RUMORLENS_REQUIRE_BROWSER is set and there is {INSTALL_HINT}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def loaded(browser, report, tmp_path_factory):
    """The page, opened from disk, with every console message and page error."""
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    messages, errors, requests = [], [], []
    page.on("console", lambda m: messages.append((m.type, m.text)))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report.png"))
    yield page, messages, errors, requests
    page.close()


def test_no_console_errors_and_no_network(loaded):
    page, messages, errors, requests = loaded
    page.locator("#fbody .f").first.click()  # exercise the script before judging it
    page.wait_for_timeout(100)
    assert errors == []
    assert [m for m in messages if m[0] in ("error", "warning")] == []
    assert all(u.startswith(("file:", "data:")) for u in requests), requests


def test_counts_shown_match_the_json(loaded, report):
    page = loaded[0]

    def shown(key):
        return int(page.locator(f'[data-count="{key}"]').inner_text())

    s = report["summary"]
    assert shown("total") == shown("all") == s["total"] == len(report["discrepancies"])
    for cat, n in s["by_category"].items():
        assert shown(f"cat:{cat}") == n
    for sev, n in s["by_severity"].items():
        assert shown(f"sev:{sev}") == n
    for cat, by_sev in (s.get("by_category_severity") or {}).items():
        for sev, n in by_sev.items():
            assert shown(f"cell:{cat}:{sev}") == n
    assert shown("documents") == len(report["documents"])
    assert page.locator("#fbody .f").count() == len(report["discrepancies"])


def test_clicking_a_finding_scrolls_to_its_evidence(loaded, report):
    from playwright.sync_api import expect

    page = loaded[0]
    page.evaluate("window.scrollTo(0, 0)")
    # The finding whose evidence is furthest down the page: the page must travel to it.
    k, top = page.evaluate("""() => {
      const first = {};
      for (const m of document.querySelectorAll('#views mark.ev')) {
        const y = m.getBoundingClientRect().top + window.scrollY;
        for (const k of m.dataset.f.split(' ')) if (!(k in first)) first[k] = y;
      }
      let best = null;
      for (const k in first) if (best === null || first[k] > first[best]) best = k;
      return [Number(best), first[best]];
    }""")
    f = report["discrepancies"][k]
    page.locator(f'#fbody .f[data-k="{k}"] .type').click()
    mark = page.locator(f'#views mark.ev[data-f~="{k}"]').first
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_class(re.compile(r"\bactive\b"))
    assert page.evaluate("window.scrollY") > min(2000, top - 900)
    shown = "".join(page.locator(f'#views mark.ev[data-e~="{k}:0"]').all_inner_texts())
    assert " ".join(shown.split()) == " ".join(f["evidence"][0]["text"].split())
    # The detail panel explains it.
    expect(page.locator("#panel")).to_be_visible()
    expect(page.locator("#panel-body .expl")).to_have_text(f["explanation"])
    page.wait_for_timeout(1700)  # let the flash fade before the picture
    page.screenshot(path=str(SHOTS / "aligned.png"))


def test_conflict_jumps_to_each_side(loaded, report):
    from playwright.sync_api import expect

    page = loaded[0]
    k = next((k for k, f in enumerate(report["discrepancies"]) if f["category"] == "conflict"), None)
    if k is None:
        pytest.skip("this report has no cross-article conflict")
    for j in (0, 1):
        page.locator(f'article.conflict[data-k="{k}"] button.go[data-j="{j}"]').click()
        mark = page.locator(f'#views mark.ev[data-e~="{k}:{j}"]').first
        expect(mark).to_be_in_viewport()
        assert mark.inner_text() == report["discrepancies"][k]["evidence"][j]["text"]


def test_clicking_highlighted_text_opens_its_explanation(loaded, report):
    from playwright.sync_api import expect

    page = loaded[0]
    page.locator("#panel-close").click()
    expect(page.locator("#panel")).to_be_hidden()
    mark = page.locator('#views mark.ev[data-f="0"]').first
    mark.scroll_into_view_if_needed()
    mark.click()
    expect(page.locator("#panel-body .expl").first).to_have_text(report["discrepancies"][0]["explanation"])


def test_findings_filter_and_sort(loaded, report):
    page = loaded[0]
    visible = "rs => rs.filter(r => !r.hidden).length"
    for cat, n in report["summary"]["by_category"].items():
        if n:
            page.select_option("#f-cat", cat)
            assert page.locator("#f-shown").inner_text() == str(n)
            assert page.locator("#fbody .f").evaluate_all(visible) == n
    page.select_option("#f-cat", "")
    for sev, n in report["summary"]["by_severity"].items():
        if n:
            page.select_option("#f-sev", sev)
            assert page.locator("#f-shown").inner_text() == str(n)
    page.select_option("#f-sev", "")
    explanation = report["discrepancies"][-1]["explanation"]
    page.fill("#f-text", explanation.upper())
    expected = sum(explanation.lower() in f["explanation"].lower() for f in report["discrepancies"])
    assert int(page.locator("#f-shown").inner_text()) >= expected >= 1
    page.fill("#f-text", "")
    page.click('#flist .fh button[data-sort="conf"]')
    confs = [float(x) for x in page.locator("#fbody .f").evaluate_all("rs => rs.map(r => r.dataset.conf)")]
    assert confs == sorted(confs, reverse=True)
    page.click('#flist .fh button[data-sort="rank"]')
    ids = page.locator("#fbody .f").evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert ids == [f["id"] for f in report["discrepancies"]]
    # Clicking a count in the summary filters the list to that cell.
    page.locator('[data-count="cell:number:high"]').click()
    cell = sum(f["category"] == "number" and f["severity"] == "high" for f in report["discrepancies"])
    assert page.locator("#f-shown").inner_text() == str(cell)
    page.locator('[data-count="all"]').click()
    assert page.locator("#f-shown").inner_text() == str(report["summary"]["total"])


def test_only_rows_with_findings(loaded):
    page = loaded[0]
    box = page.locator("#v0 input.only-f")
    count = "g => [...g.querySelectorAll('.row')].filter(r => getComputedStyle(r).display !== 'none').length"
    grid = page.locator("#v0 .grid")
    total, flagged = grid.evaluate(count), page.locator("#v0 .row.has-f").count()
    assert 0 < flagged < total
    box.check()
    assert grid.evaluate(count) == flagged
    box.uncheck()
    assert grid.evaluate(count) == total


def test_triage_in_the_browser_survives_a_rerun(browser, tmp_path, monkeypatch):
    """`rumorlens serve`: click "false alarm" on a finding in Chromium, run
    `rumorlens align` again, and the finding is in the report's `suppressed`."""
    import threading

    from click.testing import CliRunner
    from test_serve import align, tiny_corpus

    from rumorlens.cli import main
    from rumorlens.serve import decisions_file_of, make_server

    monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / "cache"))
    corpus = tiny_corpus(tmp_path)
    report = align(corpus)
    report_json = corpus.parent / "build" / "report.json"
    server = make_server(report, decisions_file_of(report, report_json), 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(server.url)
        row = page.locator("#fbody .f").first
        fp = report["discrepancies"][int(row.get_attribute("data-k"))]["fingerprint"]
        row.get_by_role("button", name="false alarm").click()
        row.locator(".saved").filter(has_text="saved:").wait_for(timeout=10000)
        assert row.get_attribute("data-status") == "false_alarm"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "review-1024.png"))
        assert errors == []
        assert all(u.startswith((server.url, "data:")) for u in requests), requests  # nothing but the server
    finally:
        page.close()
        server.shutdown()
        server.server_close()
        thread.join(5)
    again = align(corpus)
    assert fp in [f["fingerprint"] for f in again["suppressed"]]
    assert fp not in [f["fingerprint"] for f in again["discrepancies"]]
    res = CliRunner().invoke(main, ["-q", "report", str(report_json), "--html", str(tmp_path / "r.html")])
    assert res.exit_code == 0, res.output
    assert f'data-fp="{fp}"' in (tmp_path / "r.html").read_text(encoding="utf-8")  # listed as suppressed
