"""README's editor snippets name a command that exists: `genelint server`."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from genelint.config import tomllib  # tomli before Python 3.11
from tests.server.helpers import GENELINT

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## In your editor: `genelint server`") :]
SECTION = SECTION[: SECTION.index("\n## ", 1)]


def snippet(language: str) -> str:
    found = re.findall(rf"```{language}\n(.*?)```", SECTION, re.S)
    assert len(found) == 1, f"one {language} snippet in the editor section"
    return found[0]


def vscode() -> list[str]:
    settings = json.loads(snippet("json"))
    return [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]]


def neovim() -> list[str]:
    cmd = re.search(r"cmd\s*=\s*\{([^}]*)\}", snippet("lua")).group(1)
    return re.findall(r'"([^"]*)"', cmd)


def helix() -> list[str]:
    table = tomllib.loads(snippet("toml"))
    server = table["language-server"]["genelint"]
    assert any(
        "genelint" in language["language-servers"]
        for language in table["language"]
        if language["name"] == "markdown"
    )
    return [server["command"], *server["args"]]


def emacs() -> list[str]:
    program = re.search(r"\(markdown-mode \. \(([^)]*)\)\)", snippet("elisp")).group(1)
    return shlex.split(program)


@pytest.mark.parametrize("command_of", [vscode, neovim, helix, emacs])
def test_each_editor_runs_genelint_server(command_of):
    assert command_of() == ["genelint", "server"]


def test_the_command_exists():
    done = subprocess.run(
        [GENELINT, "server", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert "Language Server Protocol" in done.stdout
