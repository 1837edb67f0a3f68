"""The fixer: edits applied byte-exactly, atomically, repeatedly until stable; --fix and --diff."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genelint.cli import main
from genelint.findings import Edit, Fix
from genelint.fixer import MAX_PASSES, apply_fixes, fix_bytes, write_atomic
from genelint.rule import Rule
from genelint.testing import lint_text, make_linter

FIXTURES = Path(__file__).parent / "rules" / "fixtures"
FOOTER_PAGE = FIXTURES / "provenance" / "footer_without_provenance.md"
DOI_PAGE = FIXTURES / "citations" / "doi_prefixes.md"
DECLARED = b"tags: ['ALAS2']\nprovenance:\n  generated_by: \"GPT-3\"\n---\n"


# --- applying edits --------------------------------------------------------------------


def test_only_the_edited_bytes_change():
    raw = "α line\nβ line\n".encode()
    fixed, applied = apply_fixes(
        raw, [Fix((Edit(3, 4, "L"),)), Fix((Edit(len(raw), len(raw), "γ\n"),))]
    )
    assert fixed == "α Line\nβ line\nγ\n".encode()
    assert len(applied) == 2


def test_overlapping_fixes_wait_for_the_next_pass():
    raw = b"abcdef"
    first, overlapping, elsewhere = (
        Fix((Edit(1, 3, "X"),)),
        Fix((Edit(2, 4, "Y"),)),
        Fix((Edit(5, 6, "Z"),)),
    )
    fixed, applied = apply_fixes(raw, [first, overlapping, elsewhere])
    assert (fixed, applied) == (b"aXdeZ", [first, elsewhere])


def test_two_insertions_at_one_point_are_not_both_applied():
    fixed, applied = apply_fixes(b"ab", [Fix((Edit(1, 1, "X"),)), Fix((Edit(1, 1, "Y"),))])
    assert (fixed, len(applied)) == (b"aXb", 1)


def test_a_fix_applies_whole_or_not_at_all():
    raw = b"abcdef"
    taken = Fix((Edit(0, 1, "A"),))
    partly_overlapping = Fix((Edit(0, 2, "Q"), Edit(4, 5, "E")))
    fixed, applied = apply_fixes(raw, [taken, partly_overlapping])
    assert (fixed, applied) == (b"Abcdef", [taken])


def test_identical_fixes_apply_once_and_bad_ranges_never():
    fix = Fix((Edit(0, 1, "A"),))
    fixed, applied = apply_fixes(
        b"abc", [fix, fix, Fix((Edit(2, 9, "x"),)), Fix((Edit(2, 1, "x"),))]
    )
    assert (fixed, applied) == (b"Abc", [fix])


# --- fixing a page ---------------------------------------------------------------------


def test_fix_page_whole_file_before_and_after():
    raw = FOOTER_PAGE.read_bytes().replace(
        b"Xp11.21.",
        b"Xp11.21.\n\n## Related Papers\n\n- Author: A B\n  - Title: T.\n  - Journal: J.\n  - DOI: doi: 10.1234/abc.",
    )
    fixed, count = fix_bytes(raw, "page.md", make_linter())
    expected = raw.replace(b"tags: ['ALAS2']\n---\n", DECLARED).replace(
        b"doi: 10.1234/abc.", b"10.1234/abc"
    )
    assert (fixed, count) == (expected, 2)


def test_fix_page_with_bom_and_crlf():
    raw = b"\xef\xbb\xbf" + FOOTER_PAGE.read_bytes().replace(b"\n", b"\r\n").replace(
        b"Gene Information", "Gène Information".encode()
    )
    fixed, count = fix_bytes(raw, "page.md", make_linter())
    assert count == 1
    assert fixed == raw.replace(b"tags: ['ALAS2']\r\n---\r\n", DECLARED.replace(b"\n", b"\r\n"))


def test_unsafe_fixes_only_when_asked():
    raw = (FIXTURES / "provenance" / "generic_ai_footer.md").read_bytes()
    assert fix_bytes(raw, "page.md", make_linter()) == (raw, 0)
    fixed, count = fix_bytes(raw, "page.md", make_linter(), unsafe=True)
    assert count == 1 and b'generated_by: "AI language model"' in fixed


def test_suppressed_findings_are_not_fixed():
    raw = FOOTER_PAGE.read_bytes() + b"\n<!-- genelint-disable-file GL502 -->\n"
    assert fix_bytes(raw, "page.md", make_linter()) == (raw, 0)


class _AppendX(Rule):
    """Always wants one more x at the end (a rule whose fix never settles)."""

    code = "TS001"
    name = "append-x"
    fixable = True

    def check(self, doc, ctx):
        end = len(doc.raw)
        yield self.finding(doc.span_of_line(1), "more x", fix=Fix((Edit(end, end, "x"),)))


class _TwoOverlapping(Rule):
    """Two fixes over the same bytes: replace the first `ab` by `c` or by `d`."""

    code = "TS002"
    name = "two-overlapping"
    fixable = True

    def check(self, doc, ctx):
        at = doc.raw.find(b"ab")
        if at >= 0:
            yield self.finding(doc.span_of_line(1), "c", fix=Fix((Edit(at, at + 2, "c"),)))
            yield self.finding(doc.span_of_line(1), "d", fix=Fix((Edit(at, at + 2, "d"),)))


def test_passes_are_bounded():
    fixed, count = fix_bytes(b"start\n", "page.md", make_linter(["TS"], rules=[_AppendX]))
    assert (fixed, count) == (b"start\n" + b"x" * MAX_PASSES, MAX_PASSES)


def test_skipped_overlapping_fix_is_recomputed_on_the_next_pass():
    fixed, count = fix_bytes(b"ab ab\n", "page.md", make_linter(["TS"], rules=[_TwoOverlapping]))
    assert (fixed, count) == (b"c c\n", 2)


# --- writing -----------------------------------------------------------------------------


def test_atomic_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"old")
    os.chmod(page, 0o640)
    write_atomic(str(page), b"new")
    assert page.read_bytes() == b"new"
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.md"
    target.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(str(link), b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


# --- the command line ----------------------------------------------------------------------


def _page(tmp_path, source=FOOTER_PAGE) -> Path:
    page = tmp_path / "ALAS2.md"
    page.write_bytes(source.read_bytes())
    os.chmod(page, 0o604)
    return page


def test_diff_prints_the_change_and_changes_nothing(tmp_path, capsys):
    page = _page(tmp_path)
    before = page.read_bytes()
    assert main(["check", "--diff", str(page)]) == 1
    out = capsys.readouterr().out
    assert page.read_bytes() == before
    assert out.startswith(f"--- {page}\n+++ {page}\n@@ ")
    assert '+provenance:\n+  generated_by: "GPT-3"\n' in out


def test_diff_without_fixes_exits_0(tmp_path, capsys):
    page = _page(tmp_path, FIXTURES / "provenance" / "declared_and_reviewed.md")
    assert main(["check", "--diff", str(page)]) == 0
    assert capsys.readouterr().out == ""


def test_diff_goes_to_the_output_file(tmp_path, capsys):
    page = _page(tmp_path)
    before = page.read_bytes()
    target = tmp_path / "fixes.diff"
    assert main(["check", "--diff", "--output", str(target), str(page)]) == 1
    assert capsys.readouterr().out == ""
    assert page.read_bytes() == before
    diff = target.read_text()
    assert diff.startswith(f"--- {page}\n+++ {page}\n@@ ")
    assert '+provenance:\n+  generated_by: "GPT-3"\n' in diff


def test_diff_to_an_output_file_that_cannot_be_written_is_a_usage_error(tmp_path, capsys):
    page = _page(tmp_path)
    assert (
        main(
            [
                "check",
                "--diff",
                "--output",
                str(tmp_path / "no" / "such" / "folder.diff"),
                str(page),
            ]
        )
        == 2
    )
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"genelint: --output {tmp_path}/no/such/folder.diff: ")


def test_diff_with_json_format_is_a_usage_error(tmp_path, capsys):
    page = _page(tmp_path)
    before = page.read_bytes()
    target = tmp_path / "fixes.json"
    assert main(["check", "--diff", "--format", "json", "--output", str(target), str(page)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "genelint: --diff prints a unified diff, not a report: it cannot be combined with --format json "
        "(the JSON report already gives each finding's fix as edits)\n"
    )
    assert page.read_bytes() == before and not target.exists()


def test_fix_writes_and_reports_what_is_left(tmp_path, capsys):
    page = _page(tmp_path)
    before = page.read_bytes()
    code = main(["check", "--fix", "--select", "GL5", str(page)])
    out = capsys.readouterr().out
    assert page.read_bytes() == before.replace(b"tags: ['ALAS2']\n---\n", DECLARED)
    assert stat.S_IMODE(page.stat().st_mode) == 0o604
    assert f"{page}:8:1: GL501" in out and "GL502" not in out
    assert "Fixed 1 problem." in out
    assert code == 1  # GL501 is left: a review cannot be fixed


def test_fix_twice_changes_nothing_more(tmp_path, capsys):
    page = _page(tmp_path)
    main(["check", "--fix", str(page)])
    once = page.read_bytes()
    main(["check", "--fix", str(page)])
    assert page.read_bytes() == once
    assert "Fixed" not in capsys.readouterr().out.splitlines()[-1]


def test_unsafe_fixes_flag(tmp_path, capsys):
    page = _page(tmp_path, FIXTURES / "provenance" / "generic_ai_footer.md")
    before = page.read_bytes()
    main(["check", "--fix", str(page)])
    assert page.read_bytes() == before
    main(["check", "--fix", "--unsafe-fixes", str(page)])
    assert b'generated_by: "AI language model"' in page.read_bytes()
    assert "Fixed 1 problem." in capsys.readouterr().out


# An rsID written as a bare number gets an unsafe fix (GL304: the number might be another
# database's); the row's p.Arg170X and the page's five legacy variants get safe ones (GL302).
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ALAS2.md"
BARE_RSID_ROW = b"| p.Arg170X | Nonsense | 114686070 |\n"
FIXERS = ("--offline", "--select", "GL302,GL304")


def _page_with_a_bare_rsid(tmp_path) -> Path:
    page = tmp_path / "ALAS2.md"
    raw = EXAMPLE.read_bytes()
    at = raw.index(b"| L176P")
    at = raw.index(b"\n", at) + 1
    page.write_bytes(raw[:at] + BARE_RSID_ROW + raw[at:])
    return page


def _gl304(out: str) -> list[str]:
    return [line for line in out.splitlines() if " GL304 " in line]


def test_an_unsafe_fix_is_not_marked_nor_counted_as_fixable_with_fix(tmp_path, capsys):
    page = _page_with_a_bare_rsid(tmp_path)
    assert main(["check", *FIXERS, str(page)]) == 1
    out = capsys.readouterr().out
    [line] = _gl304(out)
    assert line.endswith("(rsid-format)")  # no [*]
    assert sum(1 for line in out.splitlines() if line.endswith(" [*]")) == 6
    assert (
        "Found 7 problems (1 error, 6 warnings) in 1 of 1 file. 6 fixable with --fix (1 more with --unsafe-fixes)."
        in out
    )


def test_after_fix_only_the_unsafe_fix_is_left_and_says_how_to_apply_it(tmp_path, capsys):
    page = _page_with_a_bare_rsid(tmp_path)
    main(["check", "--fix", *FIXERS, str(page)])
    out = capsys.readouterr().out
    assert (
        out.splitlines()[-1]
        == "Found 1 problem (1 error) in 1 of 1 file. 1 fixable with --fix --unsafe-fixes. Fixed 6 problems."
    )
    once = page.read_bytes()
    main(["check", "--fix", *FIXERS, str(page)])
    assert page.read_bytes() == once
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "Found 1 problem (1 error) in 1 of 1 file. 1 fixable with --fix --unsafe-fixes."
    )
    assert main(["check", "--fix", "--unsafe-fixes", *FIXERS, str(page)]) == 0
    assert b"| p.Arg170Ter | Nonsense | rs114686070 |\n" in page.read_bytes()
    assert capsys.readouterr().out.splitlines()[-1] == "No problems in 1 file. Fixed 1 problem."


def test_with_unsafe_fixes_unsafe_fixes_are_marked_and_counted(tmp_path, capsys):
    page = _page_with_a_bare_rsid(tmp_path)
    before = page.read_bytes()
    main(["check", "--unsafe-fixes", *FIXERS, str(page)])  # reports only: no --fix
    out = capsys.readouterr().out
    assert page.read_bytes() == before
    [line] = _gl304(out)
    assert line.endswith("(rsid-format) [*]")
    assert out.splitlines()[-1].endswith(" 7 fixable with --fix --unsafe-fixes.")


def test_json_summary_counts_safe_and_unsafe_fixes_apart(tmp_path, capsys):
    page = _page_with_a_bare_rsid(tmp_path)
    for flags in ([], ["--unsafe-fixes"]):
        main(["check", "--format", "json", *flags, *FIXERS, str(page)])
        report = json.loads(capsys.readouterr().out)
        [gl304] = [f for f in report["findings"] if f["code"] == "GL304"]
        assert gl304["fix"]["applicability"] == "unsafe"
        assert {f["fix"]["applicability"] for f in report["findings"] if f["code"] == "GL302"} == {
            "safe"
        }
        assert (report["summary"]["fixable"], report["summary"]["fixable_unsafe"]) == (6, 1)
    main(["check", "--fix", "--format", "json", *FIXERS, str(page)])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["fixable"], summary["fixable_unsafe"], summary["fixed"]) == (0, 1, 6)


def test_json_report_shows_each_fix_and_the_fixed_count(tmp_path, capsys):
    page = _page(tmp_path)
    main(["check", "--format", "json", "--select", "GL502", str(page)])
    report = json.loads(capsys.readouterr().out)
    [finding] = report["findings"]
    assert finding["fix"]["applicability"] == "safe"
    at = page.read_bytes().index(b"---\n\n")
    assert finding["fix"]["edits"] == [
        {"start": at, "end": at, "content": 'provenance:\n  generated_by: "GPT-3"\n'}
    ]
    main(["check", "--fix", "--format", "json", "--select", "GL502", str(page)])
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["fixed"] == 1 and report["findings"] == []


# --- fixing twice is fixing once -------------------------------------------------------------

_WRAPPERS = st.sampled_from(["", "doi:", "DOI: ", "https://doi.org/", "http://dx.doi.org/"])
_TRAILERS = st.sampled_from(["", ".", ",", ";", ".;"])
_FOOTERS = st.sampled_from(
    [
        "",
        "**_This information is analyzed by AI language model and written by OpenAI's GPT-3._**",
        "*Generated by ChatGPT.*",
        "*Drafted by ChatGPT and edited by Claude.*",
        "*This page was written by an AI language model.*",
    ]
)
_WORDS = st.text(alphabet="abcdeé αβ-", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def pages(draw) -> bytes:
    citations = []
    for _ in range(draw(st.integers(0, 3))):
        registrant = draw(st.integers(1000, 99999))
        suffix = draw(st.from_regex(r"[a-z0-9.()\-]{1,10}", fullmatch=True))
        doi = f"{draw(_WRAPPERS)}10.{registrant}/{suffix}{draw(_TRAILERS)}"
        citations.append(
            f"- Author: {draw(_WORDS)}\n  - Title: {draw(_WORDS)}\n  - Journal: J.\n  - DOI: {doi}\n"
        )
    provenance = draw(
        st.sampled_from(
            [
                "",
                'provenance:\n  reviewed_by: "Jane Curator"\n',
                'provenance:\n  generated_by: "GPT-3"\n',
            ]
        )
    )
    text = (
        f'---\ntitle: "ALAS2"\ndate: 2023-05-10\nlayout: post\ncategories: Gene\nsummary: "s"\ntags: [\'ALAS2\']\n{provenance}---\n\n'
        f"# Gene Information for ALAS2\n\n## Gene Position\n\n{draw(_WORDS)} Xp11.21.\n\n## Related Papers\n\n"
        + "\n".join(citations)
        + f"\n{draw(_FOOTERS)}\n"
    )
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = text.encode()
    return (b"\xef\xbb\xbf" + raw) if draw(st.booleans()) else raw


_LINTER = make_linter()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages(), st.booleans())
def test_fixing_twice_is_fixing_once(raw, unsafe):
    once, _ = fix_bytes(raw, "page.md", _LINTER, unsafe=unsafe)
    twice, count = fix_bytes(once, "page.md", _LINTER, unsafe=unsafe)
    assert (twice, count) == (once, 0)
    # Nothing fixable is left, and the fixes never broke the front matter.
    left = lint_text(once, select=["GL002", "GL003", "GL401", "GL502"])
    assert [f for f in left if f.fix and (unsafe or f.fix.applicability == "safe")] == []
    assert [f.code for f in left if f.code in ("GL002", "GL003")] == []


def test_a_page_that_cannot_be_written_is_an_error_and_stays_whole(tmp_path, capsys, monkeypatch):
    page = _page(tmp_path)
    before = page.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("genelint.fixer.tempfile.mkstemp", refuse)
    assert main(["check", "--fix", str(page)]) == 2
    assert page.read_bytes() == before
    assert "cannot write the fixed page: Permission denied" in capsys.readouterr().err


# --- the diff splits the page where the parser does: at LF only -------------------------------

# Inside a line: a line separator, NEL, a form feed and a lone CR, each a line break to
# str.splitlines but none to the parser, git or patch.
ODD_BREAKS = "Heme\u2028synthesis\u0085in\x0cred\rcells"


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_diff_of_a_page_with_other_line_breaks_applies_with_patch(
    tmp_path, capsys, monkeypatch, ending
):
    page = tmp_path / "ALAS2.md"
    text = FOOTER_PAGE.read_text().replace("---\n\n# Gene", f"---\n\n{ODD_BREAKS}\n\n# Gene")
    page.write_bytes(text.replace("\n", ending).encode())
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--diff", "ALAS2.md"]) == 1
    diff = capsys.readouterr().out
    assert "No newline" not in diff
    assert f" {ODD_BREAKS}{ending}" in diff  # one context line, as the page has it
    (tmp_path / "fixes.diff").write_bytes(diff.encode())
    subprocess.run(
        ["patch", "-p1", "--binary", "-i", "fixes.diff"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    patched = page.read_bytes()
    assert main(["check", "--fix", "ALAS2.md"]) == 1  # GL501 is left
    assert patched == page.read_bytes() != text.replace("\n", ending).encode()


def test_diff_of_a_page_without_a_final_newline_says_so_once_at_its_end(tmp_path, capsys):
    page = tmp_path / "ALAS2.md"
    page.write_bytes(
        "---\ntitle: ALAS2\ncategories: Gene\n---\n\u2028\n*Generated by ChatGPT.*".encode()
    )
    assert main(["check", "--diff", "--select", "GL502", str(page)]) == 1
    diff = capsys.readouterr().out
    assert diff.endswith(" ---\n \u2028\n *Generated by ChatGPT.*\n\\ No newline at end of file\n")
    assert diff.count("No newline") == 1


# --- repairs from reference data (unsafe): the reference page keeps ALAS2's own IDs ------------

REPAIRED = (
    ("- ALAS\n- DKFZp686L20217\n- DKFZp686M17190\n", ""),
    ("- HGNC: 398", "- HGNC: 397"),
    ("- Ensembl: ENSG00000102010", "- Ensembl: ENSG00000158578"),
)
REPAIRS = ("--offline", "--select", "GL202,GL204,GL206")


def test_diff_with_unsafe_fixes_shows_the_repairs_and_changes_nothing(
    tmp_path, capsys, monkeypatch
):
    page = tmp_path / "ALAS2.md"
    page.write_bytes(EXAMPLE.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--diff", *REPAIRS, "ALAS2.md"]) == 0  # unsafe fixes only when asked
    assert capsys.readouterr().out == ""
    assert main(["check", "--diff", "--unsafe-fixes", *REPAIRS, "ALAS2.md"]) == 1
    diff = capsys.readouterr().out
    assert page.read_bytes() == EXAMPLE.read_bytes()
    assert [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ] == [
        "-- ALAS",
        "-- DKFZp686L20217",
        "-- DKFZp686M17190",
        "-- HGNC: 398",
        "+- HGNC: 397",
        "-- Ensembl: ENSG00000102010",
        "+- Ensembl: ENSG00000158578",
    ]


def test_fix_with_unsafe_fixes_leaves_the_pages_own_ids_and_settles(tmp_path, capsys):
    page = tmp_path / "ALAS2.md"
    page.write_bytes(EXAMPLE.read_bytes())
    assert main(["check", "--fix", "--unsafe-fixes", *REPAIRS, str(page)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "No problems in 1 file. Fixed 5 problems."
    expected = EXAMPLE.read_text()
    for old, new in REPAIRED:
        expected = expected.replace(old, new)
    assert page.read_bytes() == expected.encode()  # and not a byte more
    assert main(["check", "--fix", "--unsafe-fixes", *REPAIRS, str(page)]) == 0
    assert page.read_bytes() == expected.encode()
    assert "Fixed" not in capsys.readouterr().out
    # Nothing new from any other rule: the same findings as before, less the repaired ones.
    main(["check", "--format", "json", "--offline", str(page)])
    after = [(f["code"], f["message"]) for f in json.loads(capsys.readouterr().out)["findings"]]
    main(["check", "--format", "json", "--offline", str(EXAMPLE)])
    before = [(f["code"], f["message"]) for f in json.loads(capsys.readouterr().out)["findings"]]
    assert after == [f for f in before if f[0] not in ("GL202", "GL204", "GL206")]
