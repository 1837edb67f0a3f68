"""README's "without network access" output is what genelint prints when the services'
host names do not resolve, or when their port refuses connections (never the internet:
.invalid names and a closed port on 127.0.0.1)."""

import re
import socket
from pathlib import Path

import pytest

from genelint.cli import main
from genelint.refdata import load_gene_table

ROOT = Path(__file__).resolve().parents[2]
HOSTS = ("crossref", "doi", "eutils", "variation", "uniprot")


def readme_blocks() -> tuple[str, str, str]:
    """(the --offline output, the no-network stdout, the no-network stderr) as README shows them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    offline = re.search(r"this is the whole output:\n\n```text\n(.*?)```", readme, re.S).group(1)
    folded = re.search(
        r"one line per service that could not be reached instead of one per lookup:\n\n"
        r"```text\n(.*?)```",
        readme,
        re.S,
    ).group(1)
    stderr = re.search(r"and on standard error:\n\n```text\n(.*?)```", readme, re.S).group(1)
    own_lines = "".join(
        line for line in offline.splitlines(keepends=True) if line.startswith("examples/")
    )
    return offline, own_lines + folded, stderr


def closed_port() -> int:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    return port


@pytest.fixture
def no_network(monkeypatch, tmp_path, seed_cache):
    def point(url_of):
        for host in HOSTS:
            monkeypatch.setenv(f"GENELINT_{host.upper()}_URL", url_of(host))

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GENELINT_OFFLINE", raising=False)
    # no lookup cached, no host remembered down; the reference data is there, as after any
    # first run (whose note of building it is not the README's output)
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(seed_cache(tmp_path / "cache")))
    load_gene_table.cache_clear()  # this process's table is then the one in that folder
    yield point
    load_gene_table.cache_clear()


def test_readme_output_without_network_unresolvable(no_network, capsys):
    no_network(lambda host: f"https://{host}.genelint-readme.invalid/api")
    _, stdout, stderr = readme_blocks()
    assert main(["check", "examples/"]) == 1
    assert capsys.readouterr() == (stdout, stderr)


def test_readme_output_without_network_refused(no_network, capsys):
    port = closed_port()
    no_network(lambda host: f"http://127.0.0.1:{port}/{host}")
    _, stdout, stderr = readme_blocks()
    refused = stdout.replace(
        "(host name could not be resolved)", "(could not connect: Connection refused)"
    )
    assert main(["check", "examples/"]) == 1
    assert capsys.readouterr() == (refused, stderr)
    # The README's promise about the next run: the same lines, the reason says it was remembered.
    assert main(["check", "examples/"]) == 1
    again = capsys.readouterr().out
    assert (
        "GL010 [info] eutils unreachable (could not connect: Connection refused), found by a run less than a "
        "minute ago (`genelint cache clear` forgets it): 9 rsID lookups not verified; --offline skips them"
        in again
    )


def test_readme_offline_output_does_not_depend_on_the_network(no_network, capsys):
    no_network(lambda host: f"https://{host}.genelint-readme.invalid/api")
    offline, _, _ = readme_blocks()
    assert main(["check", "--offline", "examples/"]) == 1
    assert capsys.readouterr() == (offline, "")
