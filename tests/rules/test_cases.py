"""Every rule case of tests/rules/cases/ (one YAML file per rule code), run by the runner
plugin authors use (genelint.testing.case_test); docs/rule-cases.md describes the format."""

from pathlib import Path

from genelint.testing import case_test

test_rule_case = case_test(Path(__file__).parent / "cases")
