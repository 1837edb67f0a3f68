"""The built-in pack's layout: a rule's code says which module holds it, and the module is its
family; rule packs installed with entry points are found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from genelint.docs import rule_file
from genelint.registry import ENTRY_POINT_GROUP, builtin_rules, may_declare_entry_points
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


# --- rule packs found by their entry points ---------------------------------------------------

PACK = '''
from genelint.rule import Rule


class Shouting(Rule):
    """A page that shouts."""

    code = "XY900"
    name = "shouting"
'''


def _distribution(site: Path, name: str, entry_points: str | None) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_a_folder_without_rule_packs_is_told_apart_without_importlib_metadata(tmp_path):
    site = tmp_path / "site"
    _distribution(site, "tool", "[console_scripts]\ntool = tool:main\n")
    _distribution(site, "library", None)
    (site / "old.egg-info").write_text("Metadata-Version: 1.0\nName: old\n")  # a one-file egg-info
    assert not may_declare_entry_points(ENTRY_POINT_GROUP, [str(site), str(tmp_path / "absent")])
    _distribution(site, "pack", f"[{ENTRY_POINT_GROUP}]\nshouting = pack\n")
    assert may_declare_entry_points(ENTRY_POINT_GROUP, [str(site)])


def test_what_the_scan_cannot_read_is_left_to_importlib_metadata(tmp_path):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip file
    egg = tmp_path / "plugin-1.0-py3.11.egg"
    egg.mkdir()
    assert may_declare_entry_points(ENTRY_POINT_GROUP, [str(archive)])
    assert may_declare_entry_points(ENTRY_POINT_GROUP, [str(egg)])


def _registry_in_new_process(site: Path) -> list[str]:
    """(codes of the rules an installed pack adds, whether importlib.metadata was imported)"""
    script = (
        "import sys\n"
        "from genelint.registry import load_registry\n"
        "codes = [r.code for r in load_registry() if not r.code.startswith('GL')]\n"
        "print(codes, 'importlib.metadata' in sys.modules)\n"
    )
    # Only the pack's folder is added, and the process runs outside the checkout: the
    # checkout's own `genelint/` folder lacks `genelint.rules` (installed from `rules/`), so
    # it must not shadow the installed package (CI installs it, not in editable mode).
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=site,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_an_installed_rule_pack_is_found_by_its_entry_point(tmp_path):
    site = tmp_path / "site"
    _distribution(site, "pack", f"[{ENTRY_POINT_GROUP}]\nshouting = shouting_pack\n")
    (site / "shouting_pack.py").write_text(PACK)
    assert _registry_in_new_process(site) == ["['XY900']", "True"]


def test_without_a_rule_pack_importlib_metadata_is_not_imported(tmp_path):
    site = tmp_path / "site"
    _distribution(site, "tool", "[console_scripts]\ntool = tool:main\n")
    assert _registry_in_new_process(site) == ["[]", "False"]
