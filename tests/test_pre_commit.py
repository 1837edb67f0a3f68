"""The pre-commit hook: its definition run the way pre-commit runs it, and, when
pre-commit is installed, a real `pre-commit try-repo` against a temporary git repo."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).parent / "rules" / "fixtures" / "structure"
EMPTY_LINE = "ALAS2.md:43:1: GL104 [warning] section 'Drug Response' is empty (empty-section)"


def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (found,) = [h for h in hooks if h["id"] == "genelint"]
    return found


def pages(folder: Path) -> None:
    """A repo of pages: one with a problem, one clean, and files the hook must not get."""
    folder.mkdir(parents=True, exist_ok=True)
    # The hook runs every rule the config selects; these pages are made for the document
    # and structure rules, so the repo's config keeps to those.
    (folder / "genelint.toml").write_text('select = ["GL0", "GL1"]\n')
    # Two genes, so no corpus rule sees two pages about one gene.
    (folder / "ALAS2.md").write_text((PAGES / "empty_section.md").read_text())
    (folder / "HBB.md").write_text((PAGES / "complete_page.md").read_text().replace("ALAS2", "HBB"))
    (folder / "notes.txt").write_text("not a page")
    (folder / "script.py").write_text("print('not a page')\n")


def markdown_files(folder: Path) -> list[str]:
    # What `types: [markdown]` lets through (pre-commit's `identify` tags .md files `markdown`).
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".md", ".markdown"))


def test_hook_definition():
    definition = hook()
    assert definition["language"] == "python"
    assert definition["types"] == ["markdown"]
    assert shlex.split(definition["entry"])[:2] == ["genelint", "check"]
    # Every commit, no network: the hook must be offline.
    assert "--offline" in shlex.split(definition["entry"])
    assert definition.get("pass_filenames", True) is True


def _run_entry(folder: Path, files: list[str]) -> subprocess.CompletedProcess:
    # pre-commit runs `entry` from the repo root with its environment's bin first on PATH,
    # and the staged files of the hook's types appended as arguments.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("NO_COLOR", None)
    argv = [*shlex.split(hook()["entry"]), *files]
    return subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_hook_entry_with_filenames_reports_and_fails(tmp_path):
    pages(tmp_path)
    files = markdown_files(tmp_path)
    assert files == ["ALAS2.md", "HBB.md"]
    result = _run_entry(tmp_path, files)
    assert (result.returncode, result.stderr) == (1, "")
    assert EMPTY_LINE in result.stdout.splitlines()
    assert "in 1 of 2 files." in result.stdout.splitlines()[-1]
    assert "HBB.md:" not in result.stdout


def test_hook_entry_passes_on_clean_files(tmp_path):
    pages(tmp_path)
    result = _run_entry(tmp_path, ["HBB.md"])
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, "No problems in 1 file.")


def test_hook_entry_checks_only_the_files_it_is_given(tmp_path):
    # pre-commit passes only the changed files; the hook must not walk the repo.
    pages(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "TP53.md").write_text((PAGES / "unknown_section.md").read_text().replace("ALAS2", "TP53"))
    result = _run_entry(tmp_path, ["ALAS2.md"])
    assert result.returncode == 1
    assert "TP53" not in result.stdout and result.stdout.splitlines()[-1].endswith("in 1 of 1 file.")


def _pre_commit() -> str | None:
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.exists() else shutil.which("pre-commit")


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo(tmp_path):
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--git-dir"], capture_output=True).returncode != 0:
        pytest.skip("the genelint checkout is not a git repository")
    repo = tmp_path / "pages"
    pages(repo)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),  # a fresh hook environment, not the user's cache
        "GIT_AUTHOR_NAME": "genelint tests",
        "GIT_AUTHOR_EMAIL": "tests@genelint.invalid",
        "GIT_COMMITTER_NAME": "genelint tests",
        "GIT_COMMITTER_EMAIL": "tests@genelint.invalid",
    }
    env.pop("NO_COLOR", None)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    result = subprocess.run(
        [_pre_commit(), "try-repo", str(ROOT), "genelint", "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "- hook id: genelint" in output and "- exit code: 1" in output
    assert EMPTY_LINE in output.splitlines()
    # types: [markdown] kept notes.txt and script.py away from genelint.
    assert "in 1 of 2 files." in output
