"""`--format junit`, read back with junitparser as CI tools read it."""

from junitparser import Error, Failure, JUnitXml

from genelint.registry import load_registry
from genelint.reporters.text import printable
from genelint.testing import lint_text

from .conftest import run


def suite_of(capsys, *args):
    code, out, err = run(capsys, "--format", "junit", *args)
    xml = JUnitXml.fromstring(out)
    [suite] = list(xml)
    return code, suite


def test_one_suite_one_case_per_file_one_failure_per_finding_at_fail_on(repo, capsys):
    code, suite = suite_of(capsys, "content")
    assert code == 1
    assert (suite.name, suite.tests, suite.failures, suite.errors) == ("genelint", 2, 1, 0)
    cases = {case.name: case for case in suite}
    assert list(cases) == ["content/ALAS2.md", "content/HBB.md"]
    assert cases["content/HBB.md"].is_passed and not cases["content/ALAS2.md"].is_passed
    failures = cases["content/ALAS2.md"].result
    assert len(failures) == 13 and all(isinstance(f, Failure) for f in failures)
    legacy = next(f for f in failures if "V122I" in f.message)
    assert (
        legacy.type == "GL302"
        and legacy.message == "legacy notation 'V122I': no 'p.' prefix; write p.Val122Ile"
    )
    assert legacy.text == (
        "content/ALAS2.md:42:3: GL302 [warning] legacy notation 'V122I': no 'p.' prefix; "
        "write p.Val122Ile (hgvs-legacy-notation)"
    )
    assert cases["content/ALAS2.md"].system_out is None
    assert {p.name: p.value for p in suite.properties()} == {"fail-on": "warning"}


def test_findings_below_fail_on_are_output_not_failures(repo, capsys):
    code, suite = suite_of(capsys, "--fail-on", "error", "content")
    [alas2, hbb] = list(suite)
    assert code == 1 and suite.failures == 1
    assert [f.type for f in alas2.result] == ["GL202", "GL202"]
    out = alas2.system_out.splitlines()
    assert len(out) == 11 and out[0].startswith(
        "content/ALAS2.md:24:3: GL204 [warning] ALAS is not an alias"
    )
    (repo / "content" / "ALAS2.md").write_text(
        (repo / "content" / "ALAS2.md")
        .read_text()
        .replace("HGNC: 398", "HGNC: 397")
        .replace("ENSG00000102010", "ENSG00000158578")
    )
    code, suite = suite_of(capsys, "--fail-on", "error", "content")
    assert (code, suite.failures) == (0, 0) and all(case.is_passed for case in suite)


def test_internal_errors_are_errors_of_their_file(repo, capsys, monkeypatch):
    def crash(self, doc, ctx):
        raise ZeroDivisionError("rule bug")

    monkeypatch.setattr(
        load_registry([]).get("GL302"), "check", crash
    )  # the run is in this process
    code, suite = suite_of(capsys, "content")
    assert code == 2 and suite.errors == 2
    for case in suite:
        [error] = [r for r in case.result if isinstance(r, Error)]
        assert error.type == "internal-error"
        assert error.message == f"{case.name}: rule GL302 (hgvs-legacy-notation) crashed:"
        assert "ZeroDivisionError: rule bug" in error.text


def test_page_text_is_escaped_and_controls_written_out(repo, capsys):
    cell = "L176P<x a='1'>&amp;\x1b[31m\x9b]]>\ufffe</x>"
    page = repo / "content" / "ALAS2.md"
    page.write_text(page.read_text().replace("| L176P |", f"| {cell} |"))
    [finding] = lint_text(page.read_bytes(), select=["GL301"])
    code, suite = suite_of(capsys, "--select", "GL301", "content")
    [failure] = next(iter(suite)).result
    assert failure.message == printable(finding.message).replace("\ufffe", "\\ufffe")
    assert "<x a='1'>&amp;\\x1b[31m\\x9b]]>" in failure.text


def test_odd_file_names_are_case_names(repo, capsys):
    odd = repo / "content" / "a&b <c>.md"
    (repo / "content" / "ALAS2.md").rename(odd)
    code, suite = suite_of(capsys, "content")
    assert [case.name for case in suite] == ["content/HBB.md", "content/a&b <c>.md"]
