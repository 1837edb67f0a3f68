"""Findings as the run keeps them until its report (genelint.findings): small, and the same
after a worker pickles them."""

import pickle
from dataclasses import dataclass

import pytest

from genelint.document import Span
from genelint.findings import NO_DATA, Edit, Finding, Fix, Severity
from genelint.rule import Rule


def _finding(**changes) -> Finding:
    fix = Fix((Edit(3, 7, "ALAS2"), Edit(9, 9, "")), "unsafe", "write the symbol")
    values = dict(
        code="GL101",
        name="some-rule",
        severity=Severity.WARNING,
        message="Ünïcode \udcff message",
        line=2,
        column=3,
        end_line=2,
        end_column=8,
        path="genes/ALAS2.md",
        fix=fix,
    )
    return Finding(**{**values, **changes})


class _Rule(Rule):
    """A rule for these tests.

    Bad: anything. Good: nothing.
    """

    code = "GL999"
    name = "test-rule"
    severity = Severity.INFO

    def check(self, doc, ctx):
        return iter(())


def test_a_pickled_finding_is_the_same_finding_with_its_data():
    with_data = _finding(data={"lookup": "doi", "value": "10.1/x"})
    without = _Rule().finding(Span(1, 1, 1, 4, 0, 3), "no data")
    for finding in (with_data, without, _finding(fix=None)):
        again = pickle.loads(pickle.dumps(finding, pickle.HIGHEST_PROTOCOL))
        assert again == finding and type(again) is Finding
        assert dict(again.data) == dict(finding.data) and again.fix == finding.fix
    # no data: the one shared (read-only) mapping, here and where unpickled
    assert without.data is NO_DATA
    assert pickle.loads(pickle.dumps(without)).data is NO_DATA
    with pytest.raises(TypeError):
        NO_DATA["lookup"] = "doi"  # type: ignore[index]


def test_findings_keep_no_dict_of_their_own():
    finding = _finding()
    for part in (finding, finding.fix, finding.fix.edits[0]):  # type: ignore[union-attr]
        assert not hasattr(part, "__dict__")
    with pytest.raises(AttributeError):
        finding.line = 3  # type: ignore[misc]  # still frozen


def test_with_changes_the_fields_given_and_keeps_the_others():
    finding = _finding(data={"stale": True})
    moved = finding.with_(path="other.md", severity=Severity.ERROR)
    assert (moved.path, moved.severity) == ("other.md", Severity.ERROR)
    assert moved.with_(path=finding.path, severity=finding.severity) == finding
    assert moved.data == {"stale": True} and moved.fix is finding.fix
    with pytest.raises(TypeError):
        finding.with_(colum=2)  # a typo is an error, as dataclasses.replace says


@dataclass(frozen=True, slots=True)
class _Flagged(Finding):
    flag: str = ""


def test_a_subclass_is_pickled_and_changed_as_itself():
    flagged = _Flagged(**_fields(_finding()), flag="x")
    again = pickle.loads(pickle.dumps(flagged))
    assert type(again) is _Flagged and again == flagged and again.flag == "x"
    moved = flagged.with_(path="other.md")
    assert type(moved) is _Flagged and moved.flag == "x" and moved.path == "other.md"


def _fields(finding: Finding) -> dict:
    from dataclasses import fields

    return {each.name: getattr(finding, each.name) for each in fields(finding)}
