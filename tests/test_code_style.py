"""The code is linted and formatted as pyproject.toml's [tool.ruff] says and type-checked as
its [tool.mypy] says (ruff and mypy are test dependencies, so CI checks them with the suite):
a change that breaks any of them fails here."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def ruff(*args: str) -> subprocess.CompletedProcess:
    executable = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(executable).exists():
        pytest.skip("ruff is not installed (it comes with the `test` extra)")
    return subprocess.run(
        [executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check_finds_nothing():
    done = ruff("check", "--no-cache", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_would_change_nothing():
    done = ruff("format", "--no-cache", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing():
    """mypy over genelint/ and rules/, as [tool.mypy] says (its types-* stubs come with the
    `test` extra)."""
    executable = shutil.which("mypy") or str(Path(sys.executable).with_name("mypy"))
    if not Path(executable).exists():
        pytest.skip("mypy is not installed (it comes with the `test` extra)")
    done = subprocess.run(
        [executable, "--no-color-output"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_rule_module_keeps_state_in_a_global():
    """Rules share nothing through module globals: what one page's rules compute once is
    kept on the objects they are given (the reference table, the context)."""
    assigned = []
    for module in sorted((ROOT / "rules").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Global):
                assigned += [f"{module.name}:{node.lineno} global {', '.join(node.names)}"]
    assert assigned == []
