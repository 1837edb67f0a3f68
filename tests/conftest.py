"""Fixtures every test gets."""

import pytest

from genelint.services import ratelimit


@pytest.fixture(autouse=True)
def fresh_pacing(monkeypatch):
    """Each test starts with no request history: pacing is process-wide in a real run, but one
    test's requests must not delay (or warm up connections for) the next test's."""
    monkeypatch.setattr(ratelimit, "_LIMITERS", {})
