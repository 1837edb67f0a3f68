"""The README shows the output a newcomer sees; this keeps it true."""

import re
from pathlib import Path

from genelint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_readme_first_run_output_is_what_genelint_prints(capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"this is the whole output:\n\n```text\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    code = main(["check", "--offline", "examples/"])
    assert code == 1
    assert capsys.readouterr().out == shown


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.search(r"## Run the tests\n\n```console\n(.*?)```", readme, re.S).group(1)
    for line in commands.splitlines():
        assert line.startswith("$ ")
        assert line[2:] in ci
