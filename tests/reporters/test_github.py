"""`--format github`: annotations as the Actions runner reads them, the automatic choice
inside GitHub Actions, and the Markdown step summary."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import mistune
import pytest

from genelint.reporters import github
from genelint.reporters.text import printable
from genelint.testing import lint_text

from .conftest import run

SUMMARY = "Found 13 problems (2 errors, 11 warnings) in 1 of 2 files. 6 fixable with --fix (5 more with --unsafe-fixes). 16 lookups skipped (offline)."
# A change cell that GL301 repeats in its message: markup, a workflow command, a CR, links.
HOSTILE_CELL = "L176P<img src=x onerror=alert(1)>%0A::error::x,y:z\r**b**[l](javascript:alert(1)) https://e.test www.e.test `c` \\| &amp;"


def make_hostile(page: Path) -> str:
    """Put HOSTILE_CELL in the page's last mutation row; the GL301 message about it."""
    page.write_bytes(page.read_bytes().replace(b"| L176P |", f"| {HOSTILE_CELL} |".encode()))
    [finding] = lint_text(page.read_bytes(), select=["GL301"])
    assert "onerror" in finding.message and "\r" in finding.message
    return finding.message


def unescape_data(text: str) -> str:
    """What the runner makes of an escaped message (the inverse of GitHub's escaping)."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse_annotation(line: str) -> tuple[str, dict, str]:
    match = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
    assert match, line
    properties = dict(pair.split("=", 1) for pair in match.group(2).split(","))
    return (
        match.group(1),
        {k: unescape_property(v) for k, v in properties.items()},
        unescape_data(match.group(3)),
    )


def test_one_annotation_per_finding_then_the_summary(repo, capsys):
    code, out, err = run(capsys, "--format", "github", "content")
    lines = out.splitlines()
    assert (code, len(lines), lines[-1], err) == (1, 14, SUMMARY, "")
    assert lines[5] == (
        "::warning file=content/ALAS2.md,line=42,col=3,endLine=42,endColumn=8,"
        "title=GL302 hgvs-legacy-notation::legacy notation 'V122I': no 'p.' prefix; write p.Val122Ile"
    )
    assert lines[3] == (
        "::error file=content/ALAS2.md,line=30,col=9,endLine=30,endColumn=12,title=GL202 id-mismatch::"
        "HGNC:398 is the withdrawn ALAS3 (symbol withdrawn, see HGNC:396 ALAS1); ALAS2 is HGNC:397"
    )
    assert [parse_annotation(line)[0] for line in lines[:-1]].count("error") == 2


def test_info_findings_are_notices(repo, capsys):
    (repo / "genelint.toml").write_text('[severity]\nGL405 = "info"\n')
    lines = run(capsys, "--format", "github", "content")[1].splitlines()
    assert [parse_annotation(line)[0] for line in lines if "GL405" in line] == ["notice"]


def test_page_text_cannot_break_out_of_its_annotation(repo, capsys, monkeypatch):
    odd = repo / "content" / "a,b:c%d.md"
    (repo / "content" / "ALAS2.md").rename(odd)
    message = make_hostile(odd)
    monkeypatch.chdir(repo / "content")
    out = run(capsys, "--format", "github", "--select", "GL301", "a,b:c%d.md")[1]
    assert "\r" not in out
    annotation, summary, end = out.split("\n")
    assert summary.startswith("Found 1 problem (1 error)") and end == ""
    command, properties, shown = parse_annotation(annotation)
    assert (command, properties["file"], properties["title"]) == (
        "error",
        "content/a,b:c%d.md",
        "GL301 hgvs-syntax",
    )
    assert shown == printable(message)  # as written, the CR written out as \x0d
    assert "%0A::error::x%2Cy" not in annotation and "%250A::error::x,y:z\\x0d" in annotation


def test_chosen_inside_github_actions_unless_a_format_is_given(repo, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(capsys, "content")[1].startswith("::warning file=content/ALAS2.md,line=24,")
    assert run(capsys, "--format", "text", "content")[1].startswith("content/ALAS2.md:24:3: GL204")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run(capsys, "content")[1].startswith("content/ALAS2.md:24:3: GL204")


def test_quiet_and_statistics_thin_the_annotations_as_they_thin_text(repo, capsys):
    assert run(capsys, "--format", "github", "--quiet", "content") == (1, SUMMARY + "\n", "")
    out = run(capsys, "--format", "github", "--statistics", "content")[1]
    assert out == run(capsys, "--statistics", "content")[1]


# --- the step summary -------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def rendered(markdown: str) -> _Tags:
    """The summary as GitHub would show it: GFM tables and autolinks, raw HTML let through
    (escape=False), so an unescaped tag of the page would come out as a tag."""
    tags = _Tags()
    tags.feed(mistune.create_markdown(escape=False, plugins=["table", "url"])(markdown))
    return tags


def test_the_step_summary_is_appended_with_counts_and_linked_findings(repo, capsys, monkeypatch):
    summary = repo / "summary.md"
    summary.write_text("## earlier step\n\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "curators/genes")
    monkeypatch.setenv("GITHUB_SHA", "0123abc")
    assert run(capsys, "content")[0] == 1
    markdown = summary.read_text()
    assert markdown.startswith("## earlier step\n\n## genelint\n")
    shown = rendered(markdown)
    assert shown.tags.count("table") == 3 and "script" not in shown.tags
    assert shown.links[0] == "https://github.com/curators/genes/blob/0123abc/content/ALAS2.md#L24"
    assert len(shown.links) == 13
    text = "".join(shown.text)
    assert SUMMARY in text
    assert (
        "GL302 hgvs-legacy-notation" in text
        and "legacy notation 'V122I': no 'p.' prefix; write p.Val122Ile" in text
    )
    assert (
        "first 10 annotations of each level" in text
        and "had more warning findings than that" in text
    )
    assert "--format sarif" in text and "upload-sarif" in text
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert rows[1:4] == ["| error | 2 |", "| warning | 11 |", "| rule | findings |"]


def test_a_pull_request_run_links_to_its_head_commit_not_the_merge_commit(
    repo, capsys, monkeypatch
):
    head, merge = "1f" * 20, "2e" * 20
    event = repo / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "head": {"sha": head}}}))
    summary = repo / "summary.md"
    for variable, value in {
        "GITHUB_STEP_SUMMARY": summary,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "curators/genes",
        "GITHUB_SHA": merge,
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": event,
    }.items():
        monkeypatch.setenv(variable, str(value))
    run(capsys, "--format", "github", "content")
    links = rendered(summary.read_text()).links
    assert links[0] == f"https://github.com/curators/genes/blob/{head}/content/ALAS2.md#L24"
    assert len(links) == 13


@pytest.mark.parametrize(
    "payload", ["{not json", '{"pull_request": {"head": {"sha": "main; rm -rf /"}}}', "[]", None]
)
def test_without_a_head_commit_in_the_payload_links_go_to_github_sha(
    repo, capsys, monkeypatch, payload
):
    event = repo / "event.json"
    if payload is not None:  # None: the payload file is not there
        event.write_text(payload)
    summary = repo / "summary.md"
    for variable, value in {
        "GITHUB_STEP_SUMMARY": summary,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "curators/genes",
        "GITHUB_SHA": "2e" * 20,
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": event,
    }.items():
        monkeypatch.setenv(variable, str(value))
    assert run(capsys, "--format", "github", "content")[0] == 1
    links = rendered(summary.read_text()).links
    assert links[0] == f"https://github.com/curators/genes/blob/{'2e' * 20}/content/ALAS2.md#L24"


def test_the_step_summary_escapes_only_what_would_be_markup(repo, capsys, monkeypatch):
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, "--format", "github", "content")
    markdown = summary.read_text()
    assert f"**{SUMMARY}**" in markdown  # parentheses, dots and dashes as written
    assert (
        "| content/ALAS2.md:76 | GL501 ai-unreviewed | warning | page is AI-generated (its footer) "
        "but records no human review (provenance.reviewed_by and reviewed_on) |"
    ) in markdown.splitlines()
    assert "legacy notation 'V122I': no 'p.' prefix; write p.Val122Ile |" in markdown


def test_without_the_repository_the_findings_are_not_linked(repo, capsys, monkeypatch):
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, "--format", "github", "content")
    shown = rendered(summary.read_text())
    assert shown.links == [] and "content/ALAS2.md:42" in "".join(shown.text)


def test_page_text_in_the_step_summary_is_shown_as_written(repo, capsys, monkeypatch):
    message = make_hostile(repo / "content" / "ALAS2.md")
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, "--format", "github", "content")
    shown = rendered(summary.read_text())
    assert set(shown.tags) <= {
        "h2",
        "p",
        "strong",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "blockquote",
        "code",
    }
    assert shown.links == []  # neither the javascript: link nor the bare URLs became links
    assert printable(message) in "".join(shown.text)
    rows = [row for row in summary.read_text().splitlines() if row.startswith("| content")]
    assert len(rows) == 13 and all(
        len(re.split(r"(?<!\\)\|", row)) == 6 for row in rows
    )  # four cells each


def test_a_long_summary_is_cut_with_a_note(repo, capsys, monkeypatch):
    monkeypatch.setattr(github, "SUMMARY_ROWS", 4)
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, "--format", "github", "content")
    markdown = summary.read_text()
    assert len([line for line in markdown.splitlines() if line.startswith("| content")]) == 4
    assert "9 more findings are not listed here." in markdown


def test_a_clean_run_summary_says_so(repo, capsys, monkeypatch):
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run(capsys, "--format", "github", "content/HBB.md")[0] == 0
    assert (
        summary.read_text()
        == "## genelint\n\n**No problems in 1 file. 8 lookups skipped (offline).**\n\n"
    )


def test_an_unwritable_step_summary_is_a_warning_not_a_failure(repo, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "no" / "such" / "summary.md"))
    code, out, err = run(capsys, "--format", "github", "content/HBB.md")
    assert code == 0 and err.startswith(
        f"genelint: warning: GITHUB_STEP_SUMMARY {repo}/no/such/summary.md: "
    )


def test_markdown_text_shows_markup_and_entities_as_written():
    for text in ("a<b>&amp;c", "*x* _y_ `z` [l](u) <https://e.test> &#x27; \\| #", "line\nbreak"):
        shown = rendered(github.markdown_text(text))
        assert shown.tags == ["p"] and "".join(shown.text).strip() == printable(text)


def test_lookups_not_verified_are_one_notice_per_service_and_reason():
    from genelint.findings import Severity
    from genelint.reporters import RenderOptions, Report

    from .test_text_unverified import unverified, warning

    down = "unreachable (host name could not be resolved)"
    findings = [
        *(unverified(f"p{n}.md", 40 + n, "rsID", f"rs{n}", "eutils", down) for n in range(300)),
        unverified("p1.md", 9, "DOI", "10.1/x", "crossref", "HTTP 500"),
        *(warning(f"p{n}.md", 2) for n in range(3)),
    ]
    report = Report(findings, 300, Severity.WARNING, lookups_verified=0, lookups_unverified=301)
    lines = github.render(report, RenderOptions()).splitlines()
    assert [parse_annotation(line)[0] for line in lines[:-1]] == ["warning"] * 3 + ["notice"] * 2
    assert lines[3:5] == [
        "::notice title=GL010 lookup-unverified::eutils unreachable (host name could not be "
        "resolved): 300 rsID lookups not verified; --offline skips them",
        "::notice title=GL010 lookup-unverified::crossref: HTTP 500: 1 DOI lookup not verified "
        "(10.1/x at p1.md:9:3)",
    ]
    # The step summary lists every problem, never a row of them given up to the lookups.
    markdown = github.step_summary(report)
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert rows[:3] == ["| severity | findings |", "| warning | 3 |", "| rule | findings |"]
    assert sum("GL302" in row for row in rows) == 4 and not any("GL010" in row for row in rows)
    text = "".join(rendered(markdown).text)
    assert "300 rsID lookups not verified" in text and "1 DOI lookup not verified" in text
    assert "had more" not in text  # 3 warnings and 2 notices: every annotation is shown
