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


def test_every_hook_runs_in_one_process():
    # The corpus rules (GL901-GL903) compare the pages of one run with each other.
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"genelint", "genelint-verify"}
    assert all(h.get("require_serial") is True for h in hooks)


def _run_entry(
    folder: Path, files: list[str], cache: Path | None = None
) -> subprocess.CompletedProcess:
    # pre-commit runs `entry` from the repo root with its environment's bin first on PATH,
    # and the staged files of the hook's types appended as arguments.
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("NO_COLOR", None)
    if cache:  # a cold one's first run would say it builds the name index
        env["GENELINT_CACHE_DIR"] = str(cache)
    argv = [*shlex.split(hook()["entry"]), *files]
    return subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_hook_entry_with_filenames_reports_and_fails(tmp_path, seed_cache):
    pages(tmp_path)
    files = markdown_files(tmp_path)
    assert files == ["ALAS2.md", "HBB.md"]
    result = _run_entry(tmp_path, files, seed_cache(tmp_path.parent / f"{tmp_path.name}-cache"))
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
    (tmp_path / "sub" / "TP53.md").write_text(
        (PAGES / "unknown_section.md").read_text().replace("ALAS2", "TP53")
    )
    result = _run_entry(tmp_path, ["ALAS2.md"])
    assert result.returncode == 1
    assert "TP53" not in result.stdout and result.stdout.splitlines()[-1].endswith(
        "in 1 of 1 file."
    )


def _pre_commit() -> str | None:
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.exists() else shutil.which("pre-commit")


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo(tmp_path):
    if (
        subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--git-dir"], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("the genelint checkout is not a git repository")
    repo = tmp_path / "pages"
    pages(repo)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(
            tmp_path / "pre-commit-home"
        ),  # a fresh hook environment, not the user's cache
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
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "- hook id: genelint" in output and "- exit code: 1" in output
    assert EMPTY_LINE in output.splitlines()
    # types: [markdown] kept notes.txt and script.py away from genelint.
    assert "in 1 of 2 files." in output


# --- a curation repository: many pages, files that are not pages ---------------------------

NOT_PAGES = {
    "README.md": "# Our gene pages\n\nCurated by the lab. See CONTRIBUTING.md.\n\n## Layout\n\nPages live in content/.\n",
    "CONTRIBUTING.md": "# Contributing\n\n1. Write the page.\n2. Run genelint.\n",
    ".github/PULL_REQUEST_TEMPLATE.md": "## What changed\n\n- [ ] pages checked with genelint\n",
}
DUPLICATED = "content/GENE00.md", "content/zz/GENE00-again.md"


def curation_repo(folder: Path, count: int = 40) -> list[str]:
    """`count` pages about different genes, one of them twice (first and last in file
    order), a README, a CONTRIBUTING and a pull-request template; the pages' paths."""
    (folder / "content" / "zz").mkdir(parents=True)
    (folder / "genelint.toml").write_text('select = ["GL0", "GL1", "GL903"]\n')
    page = (PAGES / "complete_page.md").read_text()
    paths = [f"content/GENE{i:02d}.md" for i in range(count)] + [DUPLICATED[1]]
    for path in paths:
        symbol = "GENE00" if path in DUPLICATED else Path(path).stem
        (folder / path).write_text(page.replace("ALAS2", symbol))
    for name, text in NOT_PAGES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return paths


def test_pre_commit_would_split_many_files_over_processes_and_miss_the_duplicate(tmp_path):
    # Why require_serial: run the hook the way pre-commit runs a hook without it, in the
    # chunks pre-commit's own xargs makes for two processes. No chunk holds both copies.
    from pre_commit.xargs import partition

    paths = curation_repo(tmp_path)
    chunks = partition(shlex.split(hook()["entry"]), sorted(paths), target_concurrency=2)
    assert len(chunks) > 1
    outputs = [_run_entry(tmp_path, list(chunk[3:])) for chunk in chunks]
    assert all(result.returncode == 0 for result in outputs)
    assert not any("GL903" in result.stdout for result in outputs)
    # One process over the same files reports the page twice over.
    whole = _run_entry(tmp_path, sorted(paths))
    assert whole.returncode == 1
    assert [line.split(":")[0] for line in whole.stdout.splitlines() if " GL903 " in line] == list(
        DUPLICATED
    )


def _git(repo: Path, *args: str, env: dict) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One hook environment for the module's pre-commit runs: installed once, not per test."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _pre_commit_env(home: Path) -> dict:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),  # a fresh hook environment, not the user's cache
        "GIT_AUTHOR_NAME": "genelint tests",
        "GIT_AUTHOR_EMAIL": "tests@genelint.invalid",
        "GIT_COMMITTER_NAME": "genelint tests",
        "GIT_COMMITTER_EMAIL": "tests@genelint.invalid",
    }
    for name in ("NO_COLOR", "PRE_COMMIT_NO_CONCURRENCY", "GITHUB_ACTIONS"):
        env.pop(name, None)
    return env


def _skip_outside_a_git_checkout() -> None:
    """try-repo needs this checkout to be a git repository (a source tree may not be)."""
    if (
        subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--git-dir"], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("the genelint checkout is not a git repository")


def _try_repo(repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    """`pre-commit try-repo` of this checkout (uncommitted changes included) in `repo`."""
    return subprocess.run(
        [_pre_commit(), "try-repo", str(ROOT), *args, "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_passes_every_file_to_one_run_and_skips_what_is_not_a_page(
    tmp_path, pre_commit_home
):
    _skip_outside_a_git_checkout()
    repo = tmp_path / "pages"
    repo.mkdir()
    paths = curation_repo(repo)
    env = _pre_commit_env(pre_commit_home)
    _git(repo, "init", "-q", ".", env=env)
    _git(repo, "add", ".", env=env)
    result = _try_repo(repo, env, "genelint", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    reported = [line.split(":")[0] for line in output.splitlines() if " GL903 " in line]
    assert reported == list(DUPLICATED), output
    summaries = [line for line in output.splitlines() if line.startswith(("Found ", "No problems"))]
    assert summaries == [
        f"Found 2 problems (2 warnings) in 2 of {len(paths)} files. Skipped 3 Markdown files that are not gene "
        "pages (.github/PULL_REQUEST_TEMPLATE.md, CONTRIBUTING.md, README.md)."
    ], output
    # The files of a commit that only touches the repository's own Markdown pass.
    result = _try_repo(repo, env, "genelint", "--files", *NOT_PAGES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "GL203" not in result.stdout


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_verify_hook_without_network_passes_and_says_what_it_could_not_verify(
    tmp_path, pre_commit_home
):
    # pre-commit shows a hook's output only when it fails, unless the hook is `verbose`: a
    # genelint-verify that passes with the registries out of reach must still say so.
    _skip_outside_a_git_checkout()
    import socket

    repo = tmp_path / "pages"
    repo.mkdir()
    (repo / "ALAS2.md").write_text((ROOT / "examples" / "ALAS2.md").read_text())
    # The rules that ask the registries, and GL010 for what they could not ask.
    (repo / "genelint.toml").write_text('select = ["GL010", "GL305", "GL308", "GL402"]\n')
    env = _pre_commit_env(pre_commit_home)
    env["GENELINT_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("GENELINT_OFFLINE", None)
    held = socket.socket()  # bound, never listening: every connection is refused at once
    held.bind(("127.0.0.1", 0))
    for key in ("crossref", "doi", "eutils", "variation", "uniprot"):
        env[f"GENELINT_{key.upper()}_URL"] = f"http://127.0.0.1:{held.getsockname()[1]}/{key}"
    _git(repo, "init", "-q", ".", env=env)
    _git(repo, "add", ".", env=env)
    try:
        result = _try_repo(repo, env, "genelint-verify", "--all-files")
    finally:
        held.close()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
    assert (
        "genelint: warning: none of the 8 lookups could be verified (down: crossref, eutils, "
        "uniprot)" in output
    )
    assert "eutils unreachable (could not connect: Connection refused): 5 rsID lookups" in output
