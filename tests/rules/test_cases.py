"""Every rule case of tests/rules/cases/ (one YAML file per rule code), run by the runner
plugin authors use (genelint.testing.case_test); docs/rule-cases.md describes the format."""

from pathlib import Path

from genelint.registry import load_registry
from genelint.testing import case_test, expected_code, load_cases

CASES = Path(__file__).parent / "cases"

test_rule_case = case_test(CASES)


def test_every_rule_has_a_case_that_fires_and_one_that_does_not():
    fires, quiet = set(), set()
    for case in load_cases(CASES):
        codes = {expected_code(finding) for finding in case.findings}
        (fires if case.rule in codes else quiet).add(case.rule)
    registered = {rule.code for rule in load_registry()}
    assert registered - fires == set(), "rules with no case that fires"
    assert registered - quiet == set(), "rules with no case where they stay silent"
