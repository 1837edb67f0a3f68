"""Code actions and hover over one check of a page, in process (the protocol is tested in
test_server.py): where each suppression comment goes, fix-all as --fix, and hover."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from genelint.fixer import fix_bytes
from genelint.parser import parse_bytes
from genelint.server import actions
from genelint.server.pages import check_text
from genelint.server.positions import PageText
from genelint.server.profiles import AnswerMemory, load_profile
from tests.server.helpers import apply

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ALAS2.md"
URI = "file:///pages/ALAS2.md"
PATH = "/pages/ALAS2.md"
WHOLE = types.Range(
    start=types.Position(line=0, character=0), end=types.Position(line=10_000, character=0)
)


@pytest.fixture(scope="module")
def profile():
    return load_profile(None, AnswerMemory())


def check(text: str, profile):
    checked, _ = check_text(text, PATH, profile, profile.typing)
    return checked


def on_line(checked, code: str, line: int, wanted=WHOLE):
    """The suppression action of the finding `code` on genelint line `line`."""
    finding = next(f for f in checked.findings if f.code == code and f.line == line)
    rng = checked.diagnostics[checked.findings.index(finding)].range
    return next(a for a in actions.suppressions(URI, checked, rng) if code in a.title)


def test_disable_next_line_above_an_ordinary_line(profile):
    text = EXAMPLE.read_text(encoding="utf-8")
    checked = check(text, profile)
    action = on_line(checked, "GL202", 32)
    assert action.title == "Disable GL202 for this line"
    after = apply(text, action.edit.changes[URI])
    assert after.split("\n")[31:33] == [
        "<!-- genelint-disable-next-line GL202 -->",
        "- Ensembl: ENSG00000102010",
    ]
    assert (32, "GL202") not in {(f.line, f.code) for f in check(after, profile).findings}
    assert (33, "GL202") not in {(f.line, f.code) for f in check(after, profile).findings}


def test_a_table_row_is_disabled_around_the_table_not_inside_it(profile):
    text = EXAMPLE.read_text(encoding="utf-8")
    checked = check(text, profile)
    action = on_line(checked, "GL302", 43)
    assert action.title.startswith("Disable GL302 for this table")
    after = apply(text, action.edit.changes[URI])
    findings = check(after, profile).findings
    assert not [f for f in findings if f.code in ("GL302", "GL106", "GL011")]
    lines = after.split("\n")
    assert (
        lines[39] == "<!-- genelint-disable GL302 -->"
        and lines[40] == "| AA Mutation | Type | dbSNP ID |"
    )
    assert "<!-- genelint-enable GL302 -->" in lines[46:50]
    assert {(30, "GL202"), (32, "GL202")} <= {
        (f.line, f.code) for f in findings
    }  # the rest still reported


def test_front_matter_findings_are_disabled_for_the_file(profile):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "layout: post\n", "layout: post\nsummery: typo\n"
    )
    checked = check(text, profile)
    line = next(f.line for f in checked.findings if f.code == "GL003")
    action = on_line(checked, "GL003", line)
    assert action.title.startswith("Disable GL003 for this file")
    after = apply(text, action.edit.changes[URI])
    assert "GL003" not in {f.code for f in check(after, profile).findings}
    assert parse_bytes(after.encode(), PATH).front_matter.data["summery"] == "typo"


def test_fix_all_is_the_fixers_result_as_one_edit(profile):
    text = EXAMPLE.read_text(encoding="utf-8")
    checked = check(text, profile)
    action = actions.fix_all(URI, PATH, checked, profile)
    assert action.kind == "source.fixAll.genelint"
    fixed, count = fix_bytes(text.encode(), PATH, profile.typing)
    assert apply(text, action.edit.changes[URI]).encode() == fixed
    assert f"({count})" in action.title and len(action.edit.changes[URI]) == 1


def test_unsafe_fixes_say_so(profile):
    text = EXAMPLE.read_text(encoding="utf-8")
    checked = check(text, profile)
    titles = [a.title for a in actions.quick_fixes(URI, checked, WHOLE)]
    unsafe = [f for f in checked.findings if f.fix is not None and f.fix.applicability == "unsafe"]
    assert sum("(unsafe)" in title for title in titles) == len(unsafe)
    assert len(titles) == sum(1 for f in checked.findings if f.fix is not None and f.fix.edits)


def test_minimal_edit_replaces_only_what_differs():
    page = PageText("α😀 one two\n")
    edit = actions.minimal_edit(page, "α😀 one 2\n")
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (8, 11, "2")


def test_hover_outside_findings_is_nothing(profile):
    checked = check(EXAMPLE.read_text(encoding="utf-8"), profile)
    assert actions.hover(checked, types.Position(line=0, character=0), profile) is None
