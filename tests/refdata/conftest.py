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
def bundled_table(built_refdata):
    """The bundled snapshot with its name index, as the session's first run left them in its
    cache folder (tests/conftest.py): unpacked and built once for the whole session."""
    previous = os.environ.get("GENELINT_CACHE_DIR")
    os.environ["GENELINT_CACHE_DIR"] = str(built_refdata.parent)
    try:
        load_gene_table.cache_clear()
        table = load_gene_table()
        table.name_index()  # read now, from that folder: a test's own cache folder has none
    finally:
        if previous is None:
            del os.environ["GENELINT_CACHE_DIR"]
        else:
            os.environ["GENELINT_CACHE_DIR"] = previous
        load_gene_table.cache_clear()
    return table
