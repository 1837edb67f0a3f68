import re
from pathlib import Path

import pytest

from genelint.services import ServiceSettings
from genelint.services.session import user_agent


def test_defaults():
    settings = ServiceSettings.from_table({}, {})
    assert settings.urls["crossref"] == "https://api.crossref.org"
    assert settings.rate_limits == {
        "crossref": 5,
        "doi": 5,
        "eutils": 3,
        "variation": 1,
        "uniprot": 5,
    }
    assert settings.concurrency["crossref"] == 1
    assert settings.cache_file.name == "services-v2.sqlite"


def test_mailto_and_api_key_raise_the_limits():
    settings = ServiceSettings.from_table(
        {"mailto": "curator@example.org"}, {"NCBI_API_KEY": "secret-key-123"}
    )
    assert (settings.rate_limits["crossref"], settings.concurrency["crossref"]) == (10, 3)
    assert settings.rate_limits["eutils"] == 10
    assert "secret-key-123" not in repr(settings)  # the key stays out of reprs and logs
    assert user_agent(settings.mailto) == "genelint/0.1.0 (+mailto:curator@example.org)"


def test_explicit_limits_win_over_defaults():
    settings = ServiceSettings.from_table(
        {"rate-limits": {"crossref": 2}}, {"GENELINT_MAILTO": "a@b.org"}
    )
    assert settings.rate_limits["crossref"] == 2
    assert settings.mailto == "a@b.org"


def test_environment_overrides_the_table():
    env = {"GENELINT_UNIPROT_URL": "http://127.0.0.1:9/uniprot/", "GENELINT_CACHE_DIR": "/tmp/x"}
    settings = ServiceSettings.from_table(
        {"uniprot": "https://other.example", "cache-path": "/tmp/y"}, env
    )
    assert settings.urls["uniprot"] == "http://127.0.0.1:9/uniprot"
    assert settings.cache_dir == Path("/tmp/x")


@pytest.mark.parametrize(
    "table, message",
    [
        ({"timeuot": 3}, "unknown [tool.genelint.services] key(s): timeuot"),
        ({"retries": "3"}, "services.retries must be an integer"),
        ({"rate-limits": {"pubmed": 3}}, "unknown host(s) pubmed"),
        ({"rate-limits": {"eutils": 0}}, "services.rate-limits.eutils must be positive"),
        ({"eutils-batch-size": 1000}, "at most 500"),
    ],
)
def test_bad_values_name_the_key(table, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        ServiceSettings.from_table(table, {})
