"""The example plugin's rule cases (examples/plugin/XY001.yaml), run exactly as a plugin
author runs theirs: case_test with the rule class and a folder of base pages."""

import importlib.util
import re
from pathlib import Path

from genelint.testing import case_test, check_case, load_cases

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def plugin_rule():
    spec = importlib.util.spec_from_file_location(
        "genelint_example_placeholders", EXAMPLES / "plugin" / "placeholders.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PlaceholderText


test_example_plugin_case = case_test(
    EXAMPLES / "plugin" / "XY001.yaml", rules=[plugin_rule()], pages=EXAMPLES
)


def test_the_case_file_docs_show_passes(tmp_path):
    docs = (EXAMPLES.parent / "docs" / "rule-cases.md").read_text(encoding="utf-8")
    shown = re.search(r"## The case file\n\n```yaml\n(.*?)```", docs, re.S).group(1)
    (tmp_path / "XY001.yaml").write_text(shown)
    cases = load_cases(tmp_path / "XY001.yaml", pages=EXAMPLES)
    assert [case.name for case in cases] == [
        "a TODO left in a section",
        "a page with no placeholder passes",
    ]
    for case in cases:
        check_case(case, rules=[plugin_rule()])
