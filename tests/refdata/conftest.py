"""Shared fixtures: a private cache dir per test, the bundled table."""

import os

import pytest

from genelint.refdata import load_gene_table


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    """Every test gets its own cache dir and a fresh per-process table cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(folder))
    load_gene_table.cache_clear()
    yield folder / "refdata"
    load_gene_table.cache_clear()


@pytest.fixture(scope="session")
def bundled_table(tmp_path_factory):
    """The bundled snapshot, unpacked once for the whole session."""
    previous = os.environ.get("GENELINT_CACHE_DIR")
    os.environ["GENELINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("bundled-cache"))
    try:
        load_gene_table.cache_clear()
        table = load_gene_table()
    finally:
        if previous is None:
            del os.environ["GENELINT_CACHE_DIR"]
        else:
            os.environ["GENELINT_CACHE_DIR"] = previous
        load_gene_table.cache_clear()
    return table
