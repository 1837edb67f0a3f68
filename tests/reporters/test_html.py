"""The HTML report as `genelint check --format html -o FILE` writes it, read back with the
standard library's HTML parser: self-contained, escaped, and carrying each finding's page
lines, fix, section and rule documentation. tests/reporters/test_html_browser.py opens
the same reports in a real browser."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from genelint.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile_page.md"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside chosen elements."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    def of(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def text(self) -> str:
        return "".join(self.texts)


def html_report(tmp_path: Path, *paths, options=()) -> tuple[int, str]:
    out = tmp_path / "report.html"
    code = main(
        ["check", "--offline", "--format", "html", "-o", str(out), *options, *map(str, paths)]
    )
    return code, out.read_text(encoding="utf-8")


def groups(report: str) -> list[str]:
    """Each finding's <tbody> as HTML."""
    return re.findall(r'<tbody class="group".*?</tbody>', report, flags=re.S)


def group_of(report: str, code: str, line: int) -> str:
    found = [g for g in groups(report) if f'data-rule="{code}"' in g and f'data-line="{line}"' in g]
    assert len(found) == 1, f"no single {code} finding at line {line}"
    return found[0]


@pytest.fixture(scope="module")
def alas2(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("alas2")
    code, report = html_report(tmp, EXAMPLES / "ALAS2.md", EXAMPLES / "HBB.md")
    assert code == 1
    return report


def test_the_exit_status_is_the_run_s_and_the_report_goes_to_the_file_only(tmp_path, capsys):
    code, report = html_report(tmp_path, EXAMPLES / "HBB.md")
    out, _ = capsys.readouterr()
    assert (code, out) == (0, "")
    assert report.startswith("<!DOCTYPE html>") and "No findings." in report


def test_one_row_per_finding_with_its_place_rule_and_message(alas2, tmp_path, capsys):
    main(
        [
            "check",
            "--offline",
            "--format",
            "json",
            str(EXAMPLES / "ALAS2.md"),
            str(EXAMPLES / "HBB.md"),
        ]
    )
    import json

    findings = json.loads(capsys.readouterr().out)["findings"]
    rows = groups(alas2)
    assert len(rows) == len(findings) == 13
    for row, finding in zip(rows, findings):
        assert f'data-rule="{finding["code"]}"' in row
        assert (
            f'data-line="{finding["line"]}"' in row and f'data-column="{finding["column"]}"' in row
        )
        assert f'data-severity="{finding["severity"]}"' in row
        assert f"{finding['line']}:{finding['column']}</td>" in row


def test_summary_counts_by_rule_and_by_file(alas2):
    by_rule = re.search(r'<table class="by-rule">.*?</table>', alas2, flags=re.S).group()
    rows = {
        code: (n, fixable)
        for code, n, fixable in re.findall(
            r'data-value="(GL\d+)">.*?<td class="num">(\d+)</td><td class="num">(\d*)</td>', by_rule
        )
    }
    assert rows == {
        "GL302": ("5", "5"),
        "GL204": ("3", ""),
        "GL202": ("2", ""),
        "GL405": ("1", ""),
        "GL501": ("1", ""),
        "GL502": ("1", "1"),
    }
    by_file = re.search(r'<table class="by-file">.*?</table>', alas2, flags=re.S).group()
    assert re.findall(r'data-value="([^"]+)"', by_file) == [str(EXAMPLES / "ALAS2.md")]
    assert re.findall(r'<td class="num">(\d*)</td>', by_file) == ["2", "11", "", "13"]


def test_the_filters_offer_each_severity_rule_and_file_that_occurs(alas2):
    def options(key):
        select = re.search(rf'<select id="filter-{key}".*?</select>', alas2, flags=re.S).group()
        return re.findall(r'<option value="([^"]*)">', select)

    assert options("severity") == ["", "error", "warning"]
    assert options("rule") == ["", "GL202", "GL204", "GL302", "GL405", "GL501", "GL502"]
    assert options("file") == ["", str(EXAMPLES / "ALAS2.md")]


def test_the_finding_s_lines_are_shown_with_its_span_marked(alas2):
    row = group_of(alas2, "GL302", 42)
    context = re.search(r'<table class="context">.*?</table>', row).group()
    numbers = [int(n) for n in re.findall(r'<td class="ln">(\d+)</td>', context)]
    assert numbers == [40, 41, 42, 43, 44]
    assert re.findall(r"<mark>(.*?)</mark>", context) == ["V122I"]
    page_line = (EXAMPLES / "ALAS2.md").read_text().splitlines()[41]
    assert page_line.startswith("| V122I")


def test_a_fix_is_shown_as_the_diff_it_makes(alas2):
    diff = re.search(
        r'<pre class="diff">(.*?)</pre>', group_of(alas2, "GL302", 42), flags=re.S
    ).group(1)
    removed = re.findall(r'<span class="del">(.*?)</span>', diff)
    added = re.findall(r'<span class="add">(.*?)</span>', diff)
    assert [line.split("|")[1].strip() for line in removed] == ["V122I"]
    assert [line.split("|")[1].strip() for line in added] == ["p.Val122Ile"]
    assert '<pre class="diff">' not in group_of(alas2, "GL405", 72)  # no fix, no diff
    unsafe = re.search(
        r'<pre class="diff">(.*?)</pre>', group_of(alas2, "GL204", 24), flags=re.S
    ).group(1)
    assert re.findall(r'<span class="del">(.*?)</span>', unsafe) == [
        "-- ALAS"
    ]  # the unsafe fix: the line goes


def test_the_section_is_rendered_once_and_each_finding_points_at_it(alas2):
    slots = [
        re.search(
            r'class="rendered" data-template="([^"]+)"', group_of(alas2, "GL302", line)
        ).group(1)
        for line in (42, 43, 44, 45, 46)
    ]
    assert len(set(slots)) == 1
    template = re.search(rf'<template id="{slots[0]}">(.*?)</template>', alas2, flags=re.S).group(1)
    assert template.startswith("<h2>AA Mutation List</h2>")
    assert "<table>" in template and "<td>V122I</td>" in template
    assert alas2.count("<h2>AA Mutation List</h2>") == 1


def test_a_front_matter_finding_shows_the_front_matter(tmp_path):
    page = tmp_path / "ALAS2.md"
    page.write_text(
        (EXAMPLES / "ALAS2.md")
        .read_text()
        .replace("layout: post\n", "layout: post\nlayuot: post\n")
    )
    _, report = html_report(tmp_path, page, options=["--select", "GL003"])
    row = group_of(report, "GL003", 5)
    assert "The front matter, as the page shows it" in row
    slot = re.search(r'data-template="([^"]+)"', row).group(1)
    assert re.search(
        rf'<template id="{slot}"><pre class="front-matter">---\ntitle: &quot;ALAS2&quot;', report
    )


def test_each_rule_that_reported_has_its_documentation_embedded(alas2):
    from genelint.registry import load_registry

    registry = load_registry()
    codes = re.findall(r'<article id="rule-(GL\d+)">', alas2)
    assert codes == ["GL202", "GL204", "GL302", "GL405", "GL501", "GL502"]
    gl302 = re.search(r'<article id="rule-GL302">(.*?)</article>', alas2, flags=re.S).group(1)
    first_sentence = registry.get("GL302").summary()
    assert first_sentence.split("`")[0] in gl302
    assert '<pre class="example">| V122I | Missense | rs137852769 |' in gl302
    assert "allow-one-letter" in gl302  # its options
    assert 'data-template="doc-GL302"' in group_of(alas2, "GL302", 42)


def test_the_report_asks_for_nothing_outside_itself(alas2):
    elements = Elements(alas2)
    names = {name for name, _ in elements.tags}
    assert not names & {
        "img",
        "link",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "source",
        "base",
        "svg",
    }
    assert all(attrs.get("http-equiv") != "refresh" for attrs in elements.of("meta"))
    assert all("src" not in attrs for _, attrs in elements.tags)
    for attrs in elements.of("a"):
        assert attrs["href"].startswith("#") or attrs.get("rel") == "noopener noreferrer nofollow"
    assert "url(" not in alas2 and "@import" not in alas2


def test_the_policy_allows_exactly_the_inline_style_and_script(alas2):
    policy = Elements(alas2).of("meta")[1]["content"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["img-src"] == "'none'"

    def digest(source):
        return (
            "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"
        )

    scripts = re.findall(r"<script>(.*?)</script>", alas2, flags=re.S)
    (style,) = re.findall(r"<style>(.*?)</style>", alas2, flags=re.S)
    assert (
        len(scripts) == 2
    )  # one in the head that marks the page as scripted, the report's script at the end
    assert directives["script-src"].split() == [digest(script) for script in scripts]
    assert directives["style-src"] == digest(style)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    page = tmp / 'gene "<img src=x onerror=alert(1)>".md'
    shutil.copy(HOSTILE, page)
    _, report = html_report(tmp, page)
    return report, page


def test_page_content_never_becomes_markup(hostile, alas2):
    report, page = hostile
    elements = Elements(report)
    scripts = re.compile(r"<script\b.*?</script>", flags=re.S | re.I)
    assert scripts.findall(report) == scripts.findall(alas2)  # the report's own, nothing else
    assert not elements.of("img") and not elements.of("iframe") and not elements.of("svg")
    for name, attrs in elements.tags:
        assert not [a for a in attrs if a.startswith("on")], (name, attrs)
        for value in attrs.values():
            assert not (value or "").strip().lower().startswith("javascript:"), (name, attrs)
    # ... and is all there, as text: the title, the ID and the change of the messages, the file name
    assert "<script>window.__genelint_pwned = 'title'</script>" in elements.text
    assert "HGNC ID '<img src=x onerror=window.__genelint_pwned='id'>'" in elements.text
    assert (
        "'<script>window.__genelint_pwned = 'change'</script>' is not an HGVS protein change"
        in elements.text
    )
    assert page.name in elements.text


def test_templates_hold_only_escaped_page_markup(hostile):
    """<template> content is parsed as HTML when the script copies it in: it must be as inert."""
    report, _ = hostile
    for template in re.findall(r"<template [^>]*>(.*?)</template>", report, flags=re.S):
        elements = Elements(template)
        assert {name for name, _ in elements.tags} <= {
            "h1",
            "h2",
            "h3",
            "p",
            "ul",
            "li",
            "a",
            "code",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "pre",
            "span",
            "strong",
            "em",
        }
        for attrs in elements.of("a"):
            assert attrs["href"] == "#harmful-link"
    assert "&lt;svg onload=&quot;window.__genelint_pwned = 'svg'&quot;&gt;" in report


def test_control_and_direction_characters_are_shown_not_obeyed(tmp_path):
    page = tmp_path / "ALAS2.md"
    text = (EXAMPLES / "ALAS2.md").read_text().replace("| V122I       |", "| V122I\u202e\x1b[2J |")
    page.write_text(text)
    _, report = html_report(tmp_path, page, options=["--select", "GL301,GL302"])
    assert "\u202e" not in report and "\x1b" not in report
    row = groups(report)[0]
    assert '<span class="ctl">U+202E</span><span class="ctl">U+001B</span>[2J' in row


def test_a_huge_line_is_cut_around_the_finding(tmp_path):
    page = tmp_path / "ALAS2.md"
    filler = "x" * 100_000
    page.write_text(
        (EXAMPLES / "ALAS2.md")
        .read_text()
        .replace("| V122I       | Missense |", f"| V122I | Missense {filler} |")
    )
    _, report = html_report(tmp_path, page, options=["--select", "GL302"])
    row = group_of(report, "GL302", 42)
    context = re.search(r'<table class="context">.*?</table>', row).group()
    assert len(context) < 3000
    assert "<mark>V122I</mark>" in context
    assert re.search(r"…99\d\d\d characters…", context)
    assert len(report) < 60_000


def test_an_unreadable_file_is_a_row_without_lines(tmp_path):
    page = tmp_path / "binary.md"
    page.write_bytes(b"---\ntitle: X\n---\n\x00\x01")
    code, report = html_report(tmp_path, page)
    assert code == 1
    row = group_of(report, "GL001", 4)
    assert "The file could not be read" in row and "context" not in row


CRASHING_RULE = '''
from genelint.rule import Rule


class AlwaysCrashes(Rule):
    """Crashes on every page, naming the page's <title>.

    Bad: any page. Good: none.
    """

    code = "XR900"
    name = "always-crashes"

    def check(self, doc, ctx):
        raise RuntimeError("no <b>luck</b> with " + doc.path)
'''


def test_internal_errors_head_the_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "crash.py").write_text(CRASHING_RULE)
    (tmp_path / "genelint.toml").write_text('select = ["XR", "GL302"]\nrule-paths = ["local"]\n')
    shutil.copy(EXAMPLES / "ALAS2.md", tmp_path / "ALAS2.md")
    code, report = html_report(tmp_path, "ALAS2.md")
    assert code == 2
    box = re.search(r'<div class="internal-errors">(.*?)</div>', report, flags=re.S).group(1)
    assert "this report may be incomplete" in box
    assert "XR900" in box and "no &lt;b&gt;luck&lt;/b&gt; with ALAS2.md" in box
    assert len(groups(report)) == 5  # the findings of the rules that ran


def test_a_point_is_marked_and_a_long_span_is_shortened():
    """A finding with no width (GL001 at a bad byte) is a point; an empty line inside a span
    is highlighted with nothing to point at; a span over many lines shows its first and last
    lines around a note of how many were left out."""
    from genelint.findings import Finding, Severity
    from genelint.parser import parse
    from genelint.reporters.html import MAX_SPAN_LINES, _context

    doc = parse("".join(f"line {n}\n" if n != 15 else "\n" for n in range(1, 41)), "page.md")

    def context(line, column, end_line, end_column):
        return _context(
            doc,
            Finding(
                "GL999",
                "test",
                Severity.WARNING,
                "m",
                line,
                column,
                end_line,
                end_column,
                "page.md",
            ),
        )

    point = context(5, 3, 5, 3)
    assert (
        re.findall(r'<td class="code">(.*?)</td>', point)[2]
        == 'li<mark class="point" title="here"></mark>ne 5'
    )

    short = context(13, 6, 16, 5)
    assert re.findall(r"<mark>(.*?)</mark>", short) == ["13", "line 14", "line"]
    assert short.count('<tr class="hit">') == 4 and "point" not in short  # line 15 is empty

    long = context(10, 1, 30, 8)
    keep = MAX_SPAN_LINES // 2
    numbers = [int(n) for n in re.findall(r'<td class="ln">(\d+)</td>', long)]
    assert numbers == [8, 9, *range(10, 10 + keep), *range(31 - keep, 31), 31, 32]
    assert f"… {(31 - keep) - (10 + keep)} lines …" in long
    marks = re.findall(r"<mark>(.*?)</mark>", long)
    assert (marks[0], marks[-1], len(marks)) == ("line 10", "line 30", 2 * keep)


def test_a_crlf_page_s_diff_shows_its_lines_without_their_line_ending(tmp_path):
    page = tmp_path / "ALAS2.md"
    text = (EXAMPLES / "ALAS2.md").read_text().replace("| G139V |", "| G139V\u2028\x0c |")
    page.write_bytes(text.replace("\n", "\r\n").encode())
    _, report = html_report(tmp_path, page, options=["--select", "GL302"])
    diff = re.search(
        r'<pre class="diff">(.*?)</pre>', group_of(report, "GL302", 42), flags=re.S
    ).group(1)
    lines = re.findall(
        r'<span class="(\w+)">(.*?)</span>(?=<span class="(?:add|del|same|hunk)">|$)', diff
    )
    assert [kind for kind, _ in lines] == [
        "hunk",
        "same",
        "same",
        "same",
        "del",
        "add",
        "same",
        "same",
        "same",
    ]
    assert "U+000D" not in diff and "No newline" not in diff
    assert (
        lines[6][1]
        == ' | G139V<span class="ctl">U+2028</span><span class="ctl">U+000C</span> | Missense | rs137852770 |'
    )


def test_a_fix_deep_in_a_long_page_is_diffed_from_the_lines_around_it(tmp_path, monkeypatch):
    # Each fix was diffed over the whole page: a page of megabytes with thousands of fixes
    # took minutes. Its diff is the whole page's, hunk numbers included, from a few lines.
    import difflib

    import genelint.reporters.html as html_reporter

    text = (EXAMPLES / "ALAS2.md").read_text()
    filler = "".join(f"Line {number} of a long remark.\n\n" for number in range(1000))
    page = tmp_path / "ALAS2.md"
    page.write_text(text.replace("## AA Mutation List\n", filler + "## AA Mutation List\n"))
    lengths = []
    whole = difflib.unified_diff

    def counted(before, after, **kwargs):
        lengths.append(len(before))
        return whole(before, after, **kwargs)

    monkeypatch.setattr(html_reporter.difflib, "unified_diff", counted)
    _, report = html_report(tmp_path, page, options=["--select", "GL302"])
    line = 42 + 2000  # V122I, below the remark's 2000 lines
    diff = re.search(
        r'<pre class="diff">(.*?)</pre>', group_of(report, "GL302", line), flags=re.S
    ).group(1)
    assert re.findall(r'<span class="hunk">(.*?)</span>', diff) == [
        f"@@ -{line - 3},7 +{line - 3},7 @@"
    ]
    assert len(lengths) == 5 and max(lengths) < 20  # five fixes, each from its own lines
