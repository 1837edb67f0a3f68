"""The HTML report opened in a real browser: Playwright driving the system's Chromium
(Debian's `chromium` package, which .ci/run installs; Playwright's own browser download
is never used). Skipped, saying why, where either is missing.

Screenshots are written to $GENELINT_TEST_ARTIFACTS when set, else to a folder under
pytest's temporary path; the test output names the folder.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from genelint.cli import main

CHROMIUM = os.environ.get("GENELINT_TEST_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile_page.md"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install '.[test]')"
)
if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser():
    # Chromium refuses to start its sandbox as root (as in CI containers).
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    folder = os.environ.get("GENELINT_TEST_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Visit:
    """A page of the browser showing a report, with everything it said and asked for."""

    def __init__(self, browser, report: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                message.type in ("error", "warning")
                and self.errors.append(f"{message.type}: {message.text}")
            ),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(report.as_uri())
        self.url = report.as_uri()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def rows(self) -> list[dict]:
        """The findings the table shows, in its order, as the reader sees them."""
        return self.page.eval_on_selector_all(
            "#findings tbody.group:not([hidden]) tr.finding",
            """rows => rows.filter(row => row.offsetParent !== null).map(row => ({
                severity: row.cells[1].innerText, file: row.cells[2].innerText, place: row.cells[3].innerText,
                rule: row.cells[4].querySelector('a').innerText, message: row.cells[5].innerText}))""",
        )

    def close(self) -> None:
        self.page.close()


def write_report(tmp_path: Path, *pages: Path) -> tuple[Path, list[dict]]:
    """The HTML report of these pages, and the same run's findings from the JSON report."""
    report = tmp_path / "report.html"
    main(["check", "--offline", "--format", "html", "-o", str(report), *map(str, pages)])
    as_json = tmp_path / "report.json"
    main(["check", "--offline", "--format", "json", "-o", str(as_json), *map(str, pages)])
    return report, json.loads(as_json.read_text())["findings"]


@pytest.fixture
def two_pages(tmp_path, monkeypatch) -> tuple[Path, list[dict]]:
    """The reference page, and a copy of it under another name with its table fixed by hand,
    checked as a curator would: `genelint check content/` in the repository."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(EXAMPLES / "ALAS2.md", content / "ALAS2.md")
    text = (EXAMPLES / "ALAS2.md").read_text()
    for legacy, hgvs in (("V122I      ", "p.Val122Ile"), ("G139V", "p.Gly139Val")):
        text = text.replace(f"| {legacy} |", f"| {hgvs} |")
    (content / "ALAS2-draft.md").write_text(text)
    monkeypatch.chdir(tmp_path)
    return write_report(tmp_path, Path("content"))


def test_the_report_loads_with_no_error_and_asks_for_nothing(browser, two_pages):
    report, findings = two_pages
    visit = Visit(browser, report)
    assert visit.page.evaluate(
        "document.documentElement.classList.contains('js')"
    )  # the script ran under the policy
    assert len(visit.rows()) == len(findings)
    visit.page.click(
        "#expand-all"
    )  # every panel shown, filled from the shared sections and documentation
    assert visit.page.locator("tr.detail.open").count() == len(findings)
    assert visit.page.locator("tr.detail.open .rendered table").count() > 0
    visit.page.wait_for_timeout(200)
    assert visit.errors == []
    assert visit.requests == [visit.url]
    visit.close()


def test_filters_show_the_findings_of_a_severity_a_rule_and_a_file(browser, two_pages):
    report, findings = two_pages
    visit = Visit(browser, report)
    page = visit.page

    page.select_option("#filter-severity", "error")
    rows = visit.rows()
    assert rows and {r["severity"] for r in rows} == {"error"}
    assert len(rows) == sum(1 for f in findings if f["severity"] == "error")
    assert page.inner_text("#shown") == f"{len(rows)} of {len(findings)} shown"

    page.select_option("#filter-severity", "")
    page.select_option("#filter-rule", "GL302")
    expected = [(f["path"], f"{f['line']}:{f['column']}") for f in findings if f["code"] == "GL302"]
    assert [(r["file"], r["place"]) for r in visit.rows()] == expected

    draft = next(f["path"] for f in findings if f["path"].endswith("ALAS2-draft.md"))
    page.select_option("#filter-file", draft)  # with the rule filter still on
    assert [(r["file"], r["place"]) for r in visit.rows()] == [e for e in expected if e[0] == draft]

    page.click("#filter-reset")
    assert len(visit.rows()) == len(findings)
    # The summary's file names filter too.
    page.click(f'#summary button[data-filter="file"][data-value="{draft}"]')
    assert {r["file"] for r in visit.rows()} == {draft}
    assert len(visit.rows()) == sum(1 for f in findings if f["path"] == draft)
    page.fill("#filter-text", "legacy notation 'R167W'")
    assert [r["message"] for r in visit.rows()] == [
        f["message"] for f in findings if f["path"] == draft and "'R167W'" in f["message"]
    ]
    assert visit.errors == []
    visit.close()


def test_sorting_by_a_column_and_back(browser, two_pages):
    report, findings = two_pages
    visit = Visit(browser, report)
    page = visit.page

    page.click("th[data-key=rule] button")
    codes = [r["rule"] for r in visit.rows()]
    assert codes == sorted(f["code"] for f in findings)
    assert page.get_attribute("th[data-key=rule]", "aria-sort") == "ascending"
    page.click("th[data-key=rule] button")
    assert [r["rule"] for r in visit.rows()] == sorted(codes, reverse=True)
    assert page.get_attribute("th[data-key=rule]", "aria-sort") == "descending"

    page.click("th[data-key=severity] button")
    rank = {"error": 0, "warning": 1, "info": 2}
    severities = [r["severity"] for r in visit.rows()]
    assert severities == sorted(severities, key=rank.get) and severities[0] == "error"

    page.click("th[data-key=line] button")
    lines = [int(r["place"].split(":")[0]) for r in visit.rows()]
    assert lines == sorted(f["line"] for f in findings)

    # A sort keeps the filter: only the shown rows, in the new order.
    page.select_option("#filter-rule", "GL204")
    page.click("th[data-key=message] button")
    messages = [r["message"] for r in visit.rows()]
    assert messages == sorted(f["message"] for f in findings if f["code"] == "GL204")
    assert visit.errors == []
    visit.close()


def test_a_hostile_page_runs_nothing(browser, tmp_path, artifacts, monkeypatch):
    page_file = tmp_path / "gene <img src=x onerror=alert(document.domain)>.md"
    shutil.copy(HOSTILE, page_file)
    monkeypatch.chdir(tmp_path)
    report, findings = write_report(tmp_path, Path(page_file.name))
    visit = Visit(browser, report)
    page = visit.page
    page.click("#expand-all")
    page.wait_for_timeout(300)
    page.mouse.move(300, 300)
    for toggle in page.locator("tbody.group .rendered").all()[:3]:
        toggle.hover()

    assert page.evaluate("typeof window.__genelint_pwned") == "undefined"
    assert visit.dialogs == []
    # Nothing was even tried: a blocked inline handler or script would be a console error.
    assert visit.errors == []
    assert visit.requests == [visit.url]
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    assert hrefs and not [
        h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
    ]
    assert (
        page.locator("script").count() == 2
        and page.locator("img, iframe, svg, object, embed").count() == 0
    )

    # What the payloads say is on screen, as text: the title, the ID and the change.
    messages = [r["message"] for r in visit.rows()]
    assert messages == [f["message"] for f in findings]
    shown = page.inner_text("#findings")
    for payload in (
        "<script>window.__genelint_pwned = 'title'</script>",
        "<img src=x onerror=window.__genelint_pwned='id'>",
        "<script>window.__genelint_pwned = 'change'</script>",
        page_file.name,
    ):
        assert payload in shown
    page.click("#expand-all")  # close them all, then show the ID finding as a reader would
    page.select_option("#filter-rule", "GL201")
    page.locator("tbody.group:not([hidden]) button.toggle").first.click()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "html-report-hostile-page.png"))
    assert (
        page.evaluate("typeof window.__genelint_pwned") == "undefined"
        and visit.dialogs == []
        and visit.errors == []
    )
    visit.close()


def test_a_screenshot_of_the_report_is_written(browser, two_pages, artifacts):
    report, findings = two_pages
    visit = Visit(browser, report)
    page = visit.page
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.select_option("#filter-rule", "GL302")
    page.locator(
        'tbody.group[data-rule="GL302"] button.toggle'
    ).first.click()  # lines, fix, section and documentation
    panels = page.locator("tr.detail.open .panel h3").all_inner_texts()
    assert [p.split(",")[0].split(" (")[0].upper() for p in panels] == [
        "ON THE PAGE",
        "THE FIX",
        "SECTION 'AA MUTATION LIST'",
        "ABOUT GL302 HGVS-LEGACY-NOTATION",
    ]
    page.evaluate("window.scrollTo(0, 0)")
    shot = artifacts / "html-report.png"
    page.screenshot(path=str(shot))
    page.screenshot(path=str(artifacts / "html-report-full.png"), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    print(f"screenshots in {artifacts}")
    assert visit.errors == []
    visit.close()


def test_a_report_with_no_findings_says_so_without_error(browser, tmp_path):
    report, findings = write_report(tmp_path, EXAMPLES / "HBB.md")
    assert findings == []
    visit = Visit(browser, report)
    assert visit.page.inner_text("#summary").split() == ["Summary", "No", "findings."]
    assert visit.page.inner_text(".verdict") == "The run passes: nothing reached warning."
    assert visit.errors == [] and visit.requests == [visit.url]
    visit.close()
