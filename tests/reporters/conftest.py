"""A repository of gene pages for the report formats: the reference page (13 findings
offline, five with a safe fix) and a clean page, in a folder that is its own git root."""

import shutil
from pathlib import Path

import pytest

from genelint.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """examples/ALAS2.md and HBB.md under content/ of a fresh repository, as the current folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "content").mkdir()
    for name in ("ALAS2.md", "HBB.md"):
        shutil.copy(EXAMPLES / name, tmp_path / "content" / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for variable in (
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_SERVER_URL",
        "GITHUB_REPOSITORY",
        "GITHUB_SHA",
        "GITHUB_WORKSPACE",
        "GITHUB_EVENT_NAME",
        "GITHUB_EVENT_PATH",
        "GITLAB_CI",
        "CI_PROJECT_DIR",
    ):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


def run(capsys, *args):
    """`genelint check --offline ARGS`: (exit status, stdout, stderr)."""
    code = main(["check", "--offline", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err
