"""The README's worked setups, run as written as far as this machine allows.

The YAML snippets of README's "pre-commit" and "CI" sections are parsed, and the commands
they contain run on a temporary git repository of legacy pages with a committed baseline,
with the variables GitHub Actions and GitLab CI set. What needs the internet (actions/checkout,
pip installing from the repository's URL, the upload to code scanning) is checked for its
shape, not run; the repository's URL is replaced by this checkout for pre-commit; the pages
are checked offline (GENELINT_OFFLINE, as there is no network here).
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SARIF_SCHEMA = Path(__file__).parent / "reporters" / "sarif" / "sarif-schema-2.1.0.json"
NEW_ROW = "| R170L | Missense | rs137852771 |"
NEW_LINE = 44  # below G139V's row
OLD_VALUES = ("G139V", "DKFZp686M17190", "ENSG00000102010")  # recorded findings' values


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.index("\n## ", start + 1)
    return README[start:end]


def yaml_snippets(title: str) -> dict[str, dict]:
    """The section's YAML snippets by the file their first-line comment names."""
    found = {}
    for block in re.findall(r"```yaml\n(.*?)```", section(title), re.S):
        name = re.match(r"# (\S+)\n", block)
        found[name.group(1) if name else ".pre-commit-config.yaml"] = yaml.safe_load(block)
    return found


def record_command() -> str:
    """The Baseline section's command that records the baseline."""
    commands = re.findall(
        r"^\$ (genelint check --write-baseline .*)$",
        section("Baseline: adopting genelint on pages that already have findings"),
        re.M,
    )
    assert len(commands) == 1
    return commands[0]


def environment(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "CI_", "GITLAB_", "PRE_COMMIT"))
        and key not in ("CI", "NO_COLOR")
    }
    env["PATH"] = (
        f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # the genelint under test
    )
    env.update(
        GIT_AUTHOR_NAME="curator",
        GIT_AUTHOR_EMAIL="curator@genelint.invalid",
        GIT_COMMITTER_NAME="curator",
        GIT_COMMITTER_EMAIL="curator@genelint.invalid",
        GENELINT_OFFLINE="1",
        **extra,
    )
    return env


def shell(command: str, repo: Path, env: dict) -> subprocess.CompletedProcess:
    # As a runner does: bash, stop at the first failing command.
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=environment(), check=True, capture_output=True, text=True
    ).stdout.strip()


def is_install(command: str) -> bool:
    return shlex.split(command)[:2] == ["pip", "install"]


def pinned_commit() -> str:
    return yaml_snippets("pre-commit")[".pre-commit-config.yaml"]["repos"][0]["rev"]


@pytest.fixture
def repo(tmp_path) -> Path:
    """A curation repository: a legacy page with 13 offline findings, a clean page, a README,
    and the baseline recorded by the README's command, all committed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "pages"
    (repo / "content").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "ALAS2.md", repo / "content" / "ALAS2.md")
    shutil.copy(ROOT / "examples" / "HBB.md", repo / "content" / "HBB.md")
    (repo / "README.md").write_text("# Our gene pages\n\nCurated by the lab.\n")
    git(repo, "init", "-q", ".")
    recorded = shell(record_command(), repo, environment())
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert "Recorded 13 findings in the baseline genelint-baseline.json." in recorded.stdout
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "legacy pages and their baseline")
    return repo


def add_new_finding(repo: Path) -> None:
    page = repo / "content" / "ALAS2.md"
    text = page.read_text()
    page.write_text(
        text.replace(
            "| G139V | Missense | rs137852770 |\n",
            f"| G139V | Missense | rs137852770 |\n{NEW_ROW}\n",
        )
    )
    git(repo, "commit", "-q", "-am", "a new variant")


def run_steps(steps: list[dict], repo: Path, env: dict) -> subprocess.CompletedProcess:
    """The workflow's `run:` steps but pip's, in order, as the runner runs them; the last result."""
    result = None
    for step in steps:
        if "run" in step and not is_install(step["run"]):
            result = shell(step["run"], repo, env)
            if result.returncode != 0:
                break
    assert result is not None
    return result


def check_setup_steps(steps: list[dict]) -> None:
    """What cannot run here: the checkout, Python and an install of the pinned commit."""
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    installs = [step["run"] for step in steps if "run" in step and is_install(step["run"])]
    assert len(installs) == 1 and installs[0].endswith(f'@{pinned_commit()}"')


# --- GitHub Actions ----------------------------------------------------------------------------


MERGE_COMMIT = "5a" * 20  # GITHUB_SHA of a pull request's run: the merge commit made for it


def github_env(repo: Path, summary: Path) -> dict:
    """A pull request's run: its head commit (the repository's HEAD) in the event's payload."""
    event = summary.parent / "event.json"
    head = git(repo, "rev-parse", "HEAD")
    event.write_text(json.dumps({"pull_request": {"number": 3, "head": {"sha": head}}}))
    return environment(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REPOSITORY="curators/pages",
        GITHUB_SHA=MERGE_COMMIT,
        GITHUB_WORKSPACE=str(repo),
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=str(event),
        GITHUB_BASE_REF="main",
        GITHUB_REF="refs/pull/3/merge",
        RUNNER_TEMP=str(summary.parent),
    )


def test_github_gate_annotates_only_new_findings_and_writes_the_step_summary(repo, tmp_path):
    workflow = yaml_snippets("CI")[".github/workflows/genelint.yml"]
    assert set(workflow[True]) >= {"push", "pull_request"}  # YAML reads the key `on` as true
    (job,) = workflow["jobs"].values()
    check_setup_steps(job["steps"])
    summary = tmp_path / "step_summary.md"
    result = run_steps(job["steps"], repo, github_env(repo, summary))
    assert (result.returncode, result.stderr) == (0, "")
    assert not [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert summary.read_text().startswith(  # Markdown: only what would be markup is escaped
        "## genelint\n\n**No new problems in 2 files. 13 recorded findings hidden by the baseline genelint-baseline.json."
    )

    add_new_finding(repo)
    summary.unlink()
    env = github_env(repo, summary)
    result = run_steps(job["steps"], repo, env)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::warning file=content/ALAS2.md,line={NEW_LINE},col=3,endLine={NEW_LINE},endColumn=8,"
        "title=GL302 hgvs-legacy-notation::legacy notation 'R170L': no 'p.' prefix; write p.Arg170Leu"
    ]
    written = summary.read_text()
    head = git(repo, "rev-parse", "HEAD")
    assert f"https://github.com/curators/pages/blob/{head}/content/ALAS2.md#L{NEW_LINE}" in written
    assert MERGE_COMMIT not in written
    assert "13 recorded findings hidden by the baseline genelint-baseline.json" in written
    assert not any(value in written for value in OLD_VALUES)


def test_github_code_scanning_uploads_sarif_of_the_new_findings(repo, tmp_path):
    workflow = yaml_snippets("CI")[".github/workflows/genelint-code-scanning.yml"]
    (job,) = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    check_setup_steps(job["steps"])
    (upload,) = [
        step
        for step in job["steps"]
        if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    # Uploaded whatever genelint's exit status: a failing gate must still show its findings.
    assert upload["if"] in ("always()", "success() || failure()")
    sarif = repo / upload["with"]["sarif_file"]
    steps = job["steps"][: job["steps"].index(upload)]

    add_new_finding(repo)
    result = run_steps(steps, repo, github_env(repo, tmp_path / "summary.md"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith(
        "Found 1 new problem (1 warning) in 1 of 2 files."
    )
    log = json.loads(sarif.read_text())
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    (run,) = log["runs"]
    (found,) = run["results"]
    location = found["locations"][0]["physicalLocation"]
    assert (
        found["ruleId"],
        location["artifactLocation"]["uri"],
        location["artifactLocation"]["uriBaseId"],
        location["region"]["startLine"],
    ) == ("GL302", "content/ALAS2.md", "%SRCROOT%", NEW_LINE)
    assert not any(value in json.dumps(run["results"]) for value in OLD_VALUES)


# --- GitLab CI -----------------------------------------------------------------------------------


def test_gitlab_job_writes_the_code_quality_report_of_the_new_findings(repo):
    pipeline = yaml_snippets("CI")[".gitlab-ci.yml"]
    (job,) = pipeline.values()
    assert job["artifacts"]["when"] == "always"
    report = repo / job["artifacts"]["reports"]["codequality"]
    commands = [line for line in job["script"] if not is_install(line)]
    installs = [line for line in job["script"] if is_install(line)]
    assert len(installs) == 1 and installs[0].endswith(f'@{pinned_commit()}"')

    add_new_finding(repo)
    env = environment(
        CI="true",
        GITLAB_CI="true",
        CI_PROJECT_DIR=str(repo),
        CI_JOB_NAME="genelint",
        CI_COMMIT_SHA=git(repo, "rev-parse", "HEAD"),
        CI_PIPELINE_SOURCE="merge_request_event",
    )
    result = shell("\n".join(commands), repo, env)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith(
        "Found 1 new problem (1 warning) in 1 of 2 files."
    )
    (issue,) = json.loads(report.read_text())
    assert (
        issue["check_name"],
        issue["location"]["path"],
        issue["location"]["lines"]["begin"],
    ) == ("GL302", "content/ALAS2.md", NEW_LINE)
    assert "R170L" in issue["description"] and issue["fingerprint"]


# --- sharding across jobs ------------------------------------------------------------------------


def sharding_snippets() -> tuple[dict, dict]:
    """The GitHub Actions matrix and the GitLab `parallel:` pipeline of "Sharding"."""
    start = README.index("### Sharding a large repository across CI jobs\n")
    text = README[start : README.index("\n## ", start)]
    github, gitlab = (yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S))
    return github, gitlab


def test_sharded_jobs_install_the_pinned_commit_and_merge_to_the_unsharded_report(repo, tmp_path):
    github, gitlab = sharding_snippets()
    lint, merge = github["jobs"]["lint"], github["jobs"]["report"]
    for job in (lint, merge):
        check_setup_steps(job["steps"])
    for job in gitlab.values():
        installs = [line for line in job["script"] if is_install(line)]
        assert job["image"].startswith("python:")
        assert len(installs) == 1 and installs[0].endswith(f'@{pinned_commit()}"')
    add_new_finding(repo)  # the merged report fails on it alone: the others are in the baseline
    baseline = "--baseline genelint-baseline.json"
    whole = shell(f"genelint check --format github {baseline} content/", repo, environment())
    assert whole.returncode == 1 and whole.stdout.count("::warning file=content/ALAS2.md") == 1

    # The matrix, one job after another, then the merge job on their reports.
    env = {**github_env(repo, tmp_path / "summary.md"), **lint["env"]}
    for shard in lint["strategy"]["matrix"]["shard"]:
        steps = [
            {"run": step["run"].replace("${{ matrix.shard }}", str(shard))}
            for step in lint["steps"]
            if "run" in step
        ]
        assert run_steps(steps, repo, env).returncode == 0
    merged = run_steps(merge["steps"], repo, env)
    assert (merged.returncode, merged.stdout) == (1, whole.stdout)

    # GitLab: the parallel job's instances, then the report job.
    for name in repo.glob("shard-*.json"):
        name.unlink()
    parallel, report = gitlab["genelint"], gitlab["genelint-report"]
    env = environment(CI="true", GITLAB_CI="true", CI_PROJECT_DIR=str(repo))
    for index in range(1, parallel["parallel"] + 1):
        node = {"CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(parallel["parallel"])}
        commands = [line for line in parallel["script"] if not is_install(line)]
        assert shell("\n".join(commands), repo, {**env, **node}).returncode == 0
    commands = [line for line in report["script"] if not is_install(line)]
    merged = shell("\n".join(commands), repo, env)
    assert merged.returncode == 1  # the findings fail the report job
    unsharded = shell(f"genelint check {baseline} content/", repo, env)
    assert merged.stdout == unsharded.stdout
    quality = json.loads((repo / report["artifacts"]["reports"]["codequality"]).read_text())
    assert [issue["check_name"] for issue in quality] == ["GL302"]


# --- pre-commit ----------------------------------------------------------------------------------


def _pre_commit() -> str | None:
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.exists() else shutil.which("pre-commit")


def _checkout_history() -> str:
    """Why the pinned commit cannot be looked for in this checkout, or ''."""
    probe = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return "the genelint checkout is not a git repository"
    return "the genelint checkout is shallow" if probe.stdout.strip() == "true" else ""


def test_pre_commit_snippet_pins_a_commit_that_has_its_hooks():
    if _checkout_history():
        pytest.skip(_checkout_history())
    config = yaml_snippets("pre-commit")[".pre-commit-config.yaml"]
    (entry,) = config["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", entry["rev"])
    hooks = yaml.safe_load(git(ROOT, "show", f"{entry['rev']}:.pre-commit-hooks.yaml"))
    assert {hook["id"] for hook in entry["hooks"]} <= {hook["id"] for hook in hooks}
    assert all(hook.get("require_serial") for hook in hooks)
    # That commit knows the argument the snippet gives the hooks.
    assert "--baseline" in git(ROOT, "show", f"{entry['rev']}:genelint/cli.py")


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
def test_pre_commit_snippet_runs_as_written_and_autoupdate_pins_the_newest_commit(repo, tmp_path):
    if _checkout_history():
        pytest.skip(_checkout_history())
    text = re.search(r"```yaml\n(repos:\n.*?)```", section("pre-commit"), re.S).group(1)
    url = yaml.safe_load(text)["repos"][0]["repo"]
    (repo / ".pre-commit-config.yaml").write_text(
        text.replace(url, str(ROOT))
    )  # the one thing not as written
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-m", "pre-commit")
    env = environment(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))

    def pre_commit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [_pre_commit(), *args, "--color", "never"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    result = pre_commit("run", "--all-files")  # the legacy findings are in the baseline
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"genelint \(offline checks\)\.+Passed", result.stdout)
    assert "verify against registries" not in result.stdout  # a manual stage
    page = repo / "content" / "ALAS2.md"
    page.write_text(
        page.read_text().replace(
            "| G139V | Missense | rs137852770 |\n",
            f"| G139V | Missense | rs137852770 |\n{NEW_ROW}\n",
        )
    )
    git(repo, "add", "content/ALAS2.md")
    result = pre_commit("run")  # what `git commit` runs: the staged files
    assert result.returncode == 1
    findings = [line for line in result.stdout.splitlines() if ": GL" in line]
    assert findings == [
        f"content/ALAS2.md:{NEW_LINE}:3: GL302 [warning] legacy notation 'R170L': no 'p.' prefix; "
        "write p.Arg170Leu (hgvs-legacy-notation) [*]"
    ]

    result = pre_commit("autoupdate")
    assert result.returncode == 0, result.stdout + result.stderr
    newest = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["rev"]
    if not git(ROOT, "tag", "--list"):  # no release tags: the newest commit itself
        assert newest == git(ROOT, "rev-parse", "HEAD")
