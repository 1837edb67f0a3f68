"""The built-in pack's layout: a rule's code says which module holds it, and the module is its family."""

from __future__ import annotations

from pathlib import Path

from genelint.docs import rule_file
from genelint.registry import builtin_rules
from genelint.rule import Rule

REPO = Path(__file__).resolve().parents[1]
MODULE_OF_HUNDRED = {
    "GL0": "document",
    "GL1": "structure",
    "GL2": "identifiers",
    "GL3": "variants",
    "GL4": "citations",
    "GL5": "provenance",
    "GL9": "corpus",
}


def test_a_codes_hundred_names_its_module_and_family():
    for rule in builtin_rules():
        module = MODULE_OF_HUNDRED[rule.code[:3]]
        assert (rule.code, rule.__module__, rule.family) == (
            rule.code,
            f"genelint.rules.{module}",
            module,
        )


def test_every_rule_module_of_the_pack_is_one_hundred():
    modules = {path.stem for path in (REPO / "rules").glob("[!_]*.py")}
    assert modules == set(MODULE_OF_HUNDRED.values())


def test_the_named_file_holds_the_rule():
    for rule in builtin_rules():
        assert f"class {rule.__name__}(" in (REPO / rule_file(rule)).read_text(encoding="utf-8")


class DeclaredFamily(Rule):
    """A plugin's rule with a family of its own."""

    code = "XX001"
    name = "declared-family"
    family = "example"


class ModuleFamily(Rule):
    """A plugin's rule that declares no family."""

    code = "XX002"
    name = "module-family"


def test_a_plugin_rule_declares_its_family_or_takes_its_modules_name():
    assert DeclaredFamily.family == "example"
    assert ModuleFamily.family == __name__.rpartition(".")[2]
    assert rule_file(ModuleFamily) == __file__
