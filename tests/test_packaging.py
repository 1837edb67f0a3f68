"""The package's metadata as the build backend writes it from pyproject.toml."""

from importlib.metadata import metadata


def test_the_license_is_an_spdx_expression():
    # A TOML table (`license = {text = "MIT"}`) is deprecated by setuptools, which warns on
    # every `pip install .` and will refuse it; the SPDX string becomes License-Expression.
    assert metadata("genelint")["License-Expression"] == "MIT"
