"""The example plugin's rule cases (examples/plugin/XY001.yaml), run exactly as a plugin
author runs theirs: case_test with the rule class and a folder of base pages."""

import importlib.util
from pathlib import Path

from genelint.testing import case_test

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
