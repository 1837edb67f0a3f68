"""Every machine format carries the same findings as the JSON report, whatever the page holds:
markup, javascript: links, quotes, terminal escapes, the 8-bit CSI, a bidi override."""

import json
from pathlib import Path

import jsonschema
from junitparser import JUnitXml

from genelint.reporters.text import printable

from .conftest import run
from .test_github import parse_annotation
from .test_sarif import FORMATS, SCHEMA

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_page.md"
CONTROLS = (
    "| L176P\x1b]8;;https://e.test\x07\x1b[31m\x9b2J\u202e,x:y%0A | Missense | rs121908711 |\n"
)


def hostile_repo(repo: Path) -> Path:
    """The hostile page, and in its mutation table a row of control characters."""
    page = repo / "content" / "hostile.md"
    text = HOSTILE.read_text(encoding="utf-8")
    last_row = next(
        line
        for line in text.splitlines(keepends=True)
        if line.startswith("| V122I | Missense <img")
    )
    page.write_text(text.replace(last_row, last_row + CONTROLS), encoding="utf-8")
    return page


def expected(capsys) -> list[tuple[str, int, int, str, str]]:
    report = json.loads(run(capsys, "--format", "json", "content/hostile.md")[1])
    assert any("\x1b" in f["message"] and "\x9b" in f["message"] for f in report["findings"])
    assert any("<script>" in f["message"] for f in report["findings"])
    return [
        (f["path"], f["line"], f["column"], f["code"], f["message"]) for f in report["findings"]
    ]


def test_sarif_carries_every_finding_as_written(repo, capsys):
    hostile_repo(repo)
    findings = expected(capsys)
    out = run(capsys, "--format", "sarif", "content/hostile.md")[1]
    assert "\x1b" not in out and "\x9b" not in out
    log = json.loads(out)
    assert list(jsonschema.Draft4Validator(SCHEMA, format_checker=FORMATS).iter_errors(log)) == []
    results = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["ruleId"],
            r["message"]["text"],
        )
        for r in log["runs"][0]["results"]
    ]
    assert results == findings


def test_gitlab_carries_every_finding_as_written(repo, capsys):
    hostile_repo(repo)
    findings = expected(capsys)
    issues = json.loads(run(capsys, "--format", "gitlab", "content/hostile.md")[1])
    assert [
        (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"], i["description"])
        for i in issues
    ] == [(path, line, code, message) for path, line, _, code, message in findings]


def test_github_and_junit_carry_every_finding_with_controls_written_out(repo, capsys):
    hostile_repo(repo)
    findings = expected(capsys)
    lines = run(capsys, "--format", "github", "content/hostile.md")[1].splitlines()
    annotations = [parse_annotation(line) for line in lines[:-1]]
    assert [
        (p["file"], int(p["line"]), int(p["col"]), p["title"].split()[0], message)
        for _, p, message in annotations
    ] == [
        (path, line, column, code, printable(message))
        for path, line, column, code, message in findings
    ]
    [suite] = list(JUnitXml.fromstring(run(capsys, "--format", "junit", "content/hostile.md")[1]))
    [case] = list(suite)
    assert [(r.type, r.message) for r in case.result] == [
        (code, printable(message)) for *_, code, message in findings
    ]
