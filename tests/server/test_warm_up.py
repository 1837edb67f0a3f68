"""The server's warm-up: it builds GL405's name index only when a rule it runs reads it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import genelint.refdata as refdata
from genelint.server import app
from genelint.server.profiles import AnswerMemory, load_profile


class _Server:
    """What `_warm_up` uses of the language server: a workspace root, profiles and a log."""

    def __init__(self, root, profile):
        self.workspace = SimpleNamespace(root_path=str(root))
        self.profiles = SimpleNamespace(for_path=lambda path: profile)
        self.logged: list[str] = []

    def log(self, message: str) -> None:
        self.logged.append(message)


@pytest.mark.parametrize(
    "config, builds_names",
    [
        ("", True),  # every rule: GL405 reads the name index
        ('ignore = ["GL405"]\n', False),  # other rules read the reference data, not the names
    ],
)
def test_warm_up_builds_the_name_index_only_for_a_rule_that_reads_it(
    tmp_path, monkeypatch, config, builds_names
):
    built = []

    class Table:
        def name_index(self):
            built.append(True)

    monkeypatch.setattr(refdata, "load_gene_table", lambda path=None: Table())
    monkeypatch.setenv("GENELINT_OFFLINE", "1")
    (tmp_path / "genelint.toml").write_text(config, encoding="utf-8")
    profile = load_profile(tmp_path / "genelint.toml", AnswerMemory())
    server = _Server(tmp_path, profile)
    app._warm_up(server)
    assert bool(built) is builds_names
    assert not [line for line in server.logged if "failed" in line]
