"""Fixtures every test gets."""

import pytest

from genelint.cache import CACHE_FILE, ResultCache
from genelint.services import ratelimit
from genelint.testing import pytest_addoption  # noqa: F401  (pytest --genelint-update-cases)


@pytest.fixture(autouse=True)
def fresh_pacing(monkeypatch):
    """Each test starts with no request history: pacing is process-wide in a real run, but one
    test's requests must not delay (or warm up connections for) the next test's."""
    monkeypatch.setattr(ratelimit, "_LIMITERS", {})


@pytest.fixture(autouse=True)
def outside_github_actions(monkeypatch):
    """Tests expect genelint's own defaults: inside GitHub Actions, GITHUB_ACTIONS=true would
    switch the default report to annotations and GITHUB_STEP_SUMMARY would be written."""
    for variable in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(autouse=True)
def own_result_cache(tmp_path_factory, monkeypatch):
    """Each test has a result cache of its own: pages of one test (or of the user's own runs)
    never answer for another's, whose rules or monkeypatches may differ."""
    folder = tmp_path_factory.mktemp("results")
    monkeypatch.setattr(
        ResultCache, "for_settings", classmethod(lambda cls, settings: cls(folder / CACHE_FILE))
    )
