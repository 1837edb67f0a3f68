"""The JSON report as `genelint check --format json` really writes it, validated against
schemas/report.schema.json; and the reference page's front matter against
schemas/gene-document.schema.json."""

import datetime
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from genelint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMAS = ROOT / "schemas"
PAGES = Path(__file__).parent / "rules" / "fixtures"

# A local rule with a fix, so the report carries a `fix` object whatever rules the
# installed pack has.
FIXING_RULE = '''
from genelint.findings import Edit, Fix, Severity
from genelint.rule import Rule


class LayoutIsPost(Rule):
    """The layout should be `post`.

    Bad: `layout: page`. Good: `layout: post`.
    """

    code = "XR001"
    name = "layout-is-post"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc, ctx):
        entry = doc.front_matter.entries.get("layout")
        if entry and entry.value != "post" and entry.value_span:
            span = entry.value_span
            yield self.finding(span, f"layout is {entry.value!r}, expected 'post'",
                               fix=Fix((Edit(span.start, span.end, "post"),), "unsafe", "set the layout to post"))
'''


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def report_of(capsys, *args) -> tuple[int, dict]:
    code = main(["check", "--format", "json", "--offline", *map(str, args)])
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def assert_valid(report: dict) -> None:
    errors = sorted(
        validator("report.schema.json").iter_errors(report), key=lambda e: list(e.absolute_path)
    )
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_report_on_the_examples_is_valid(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, report = report_of(capsys, "examples")
    assert_valid(report)
    assert code in (0, 1)
    assert report["summary"]["files"] == len(list(EXAMPLES.rglob("*.md")))
    assert report["summary"]["findings"] == len(report["findings"])


def test_report_on_bad_input_is_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "latin1.md").write_bytes(b"---\ntitle: \xe9\n---\n")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "yaml.md").write_bytes(b"---\ntitle: [\n---\n")
    (tmp_path / "dir.md").mkdir()
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    shutil.copy(PAGES / "structure" / "table_ragged_row.md", tmp_path / "ALAS2.md")
    code, report = report_of(capsys, ".")
    assert code == 1
    assert_valid(report)
    assert {"GL001", "GL002", "GL106"} <= {f["code"] for f in report["findings"]}


def test_report_with_a_fix_is_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "layout.py").write_text(FIXING_RULE)
    (tmp_path / "genelint.toml").write_text('select = ["XR"]\nrule-paths = ["local"]\n')
    page = (
        (PAGES / "structure" / "complete_page.md")
        .read_text()
        .replace("layout: post", "layout: page")
    )
    (tmp_path / "ALAS2.md").write_text(page)
    code, report = report_of(capsys, "ALAS2.md")
    assert code == 1
    assert_valid(report)
    (finding,) = report["findings"]
    start = page.encode().index(b"layout: page") + len("layout: ")
    assert finding["fix"] == {
        "applicability": "unsafe",
        "description": "set the layout to post",
        "edits": [{"start": start, "end": start + 4, "content": "post"}],
    }
    assert (report["summary"]["fixable"], report["summary"]["fixable_unsafe"]) == (
        0,
        1,
    )  # the fix is unsafe


def test_report_of_a_clean_run_is_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "genelint.toml").write_text('select = ["GL0", "GL1"]\n')
    shutil.copy(PAGES / "structure" / "complete_page.md", tmp_path / "ALAS2.md")
    code, report = report_of(capsys, ".")
    assert (code, report["findings"]) == (0, [])
    assert_valid(report)


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.pop("summary"),
        lambda r: r["summary"].update(extra=1),
        lambda r: r.update(version=2),
        lambda r: r["findings"].append(
            {
                "path": "x.md",
                "line": 0,
                "column": 1,
                "end_line": 1,
                "end_column": 1,
                "code": "GL104",
                "name": "empty-section",
                "severity": "warning",
                "message": "m",
                "fix": None,
            }
        ),
        lambda r: r["findings"].append(
            {
                "path": "x.md",
                "line": 1,
                "column": 1,
                "end_line": 1,
                "end_column": 1,
                "code": "GL104",
                "name": "empty-section",
                "severity": "fatal",
                "message": "m",
                "fix": None,
            }
        ),
        lambda r: r["findings"].append(
            {
                "path": "x.md",
                "line": 1,
                "column": 1,
                "end_line": 1,
                "end_column": 1,
                "code": "GL104",
                "name": "empty-section",
                "severity": "warning",
                "message": "m",
                "fix": {"applicability": "maybe", "description": "", "edits": []},
            }
        ),
    ],
)
def test_the_schema_rejects_what_genelint_never_writes(tmp_path, capsys, monkeypatch, damage):
    # A schema that accepts anything would pass the tests above; this one must not.
    monkeypatch.chdir(tmp_path)
    shutil.copy(PAGES / "structure" / "complete_page.md", tmp_path / "ALAS2.md")
    _, report = report_of(capsys, "--select", "GL1", ".")
    damage(report)
    assert list(validator("report.schema.json").iter_errors(report)) != []


# --- the gene-document schema ----------------------------------------------------------------


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, block, _ = text.split("---\n", 2)
    data = yaml.safe_load(block)
    # YAML gives datetimes; the schema speaks JSON, where they are ISO strings.
    return {
        k: v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v
        for k, v in data.items()
    }


def test_reference_page_front_matter_matches_the_gene_document_schema():
    data = _front_matter(EXAMPLES / "ALAS2.md")
    assert data["title"] == "ALAS2" and data["date"] == "2023-05-10T00:00:00"
    assert list(validator("gene-document.schema.json").iter_errors(data)) == []


def test_gene_document_schema_accepts_provenance_and_rejects_a_typo():
    schema = validator("gene-document.schema.json")
    data = _front_matter(EXAMPLES / "ALAS2.md")
    assert (
        list(
            schema.iter_errors(
                {
                    **data,
                    "provenance": {
                        "generated_by": "GPT-3",
                        "reviewed_by": "J. Doe",
                        "reviewed_on": "2023-06-01",
                    },
                }
            )
        )
        == []
    )
    assert [
        e.validator for e in schema.iter_errors({**data, "provenance": {"reviewer": "J. Doe"}})
    ] == ["additionalProperties"]
    assert [e.validator for e in schema.iter_errors({**data, "tags": "ALAS2"})] == ["type"]
