"""The front matter's data is what PyYAML's safe loader makes of it, whichever way it is made:
the parser makes strings, lists and string-keyed mappings itself (front_matter._construct_document)
and leaves every other node, and every error, to the loader."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from frontmatter.default_handlers import SafeLoader
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from genelint.parser.front_matter import _construct_document

REPO = Path(__file__).resolve().parent.parent


def made_by_loader(text: str) -> tuple[str, object]:
    """('value', data) or ('error', the exception's type and text), as yaml.load gives them."""
    try:
        return "value", yaml.load(text, Loader=SafeLoader)
    except Exception as err:  # noqa: BLE001 - whatever the loader raises, the parser must too
        return "error", (type(err), str(err))


def made_by_parser(text: str) -> tuple[str, object]:
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return "value", _construct_document(loader, node) if node is not None else None
    except Exception as err:  # noqa: BLE001 - whatever the loader raises, the parser must too
        return "error", (type(err), str(err))
    finally:
        loader.dispose()


def typed(value: object) -> object:
    """The value with each part's type beside it: 1 == True == 1.0 in Python, not in YAML."""
    if isinstance(value, dict):
        return ("dict", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, (list, tuple, set)):
        return (type(value).__name__, [typed(item) for item in value])
    return (type(value).__name__, value)


def assert_same(text: str) -> None:
    expected, got = made_by_loader(text), made_by_parser(text)
    if expected[0] == "value" and got[0] == "value":
        assert typed(got[1]) == typed(expected[1]), text
    else:
        assert got == expected, text


FRONT_MATTERS = [
    "title: ALAS2\ndate: 2023-08-04 00:00:00\ntags: ['ALAS2', 'Heme']\n",
    "provenance:\n  generated_by: GPT-4\n  reviewed_on: 2024-01-15\n  reviewed_by: A. Curator\n",
    "a: 1\nb: 0x1F\nc: 1.5\nd: .inf\ne: ~\nf: yes\ng: off\nh: 2001-12-14t21:59:43.10-05:00\n",
    "title: x\ntitle: y\n",  # the last value, in the first key's place
    "a: 1\nb: 2\na: 3\n",
    "base: &base {x: 1, y: 2}\nmerged:\n  <<: {x: 0, z: 3}\n  y: 9\n",  # merge keys: the loader's
    "? [a, b]\n: unhashable\n",
    "1: int key\n2.5: float key\nnull: null key\ntrue: bool key\n",
    "set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\npairs: !!pairs [{a: 1}, {a: 2}]\n",
    "binary: !!binary aGVsbG8=\nstr: !!str 123\nint: !!int '7'\n",
    "date: 2023-02-30\n",  # not a date: the loader's ValueError
    "nested:\n  bad: 2023-02-30\nalso: 2023-13-01\n",
    "custom: !gene ALAS2\n",  # no constructor: the loader's error
    "map_as_str: !!str {a: 1}\n",
    "seq_as_map: !!map [a, b]\n",
    "deep: " + "[" * 60 + "]" * 60 + "\n",
    "- a\n- b\n",
    "just a string\n",
    "",
    "multi: |\n  line one\n  line two\nfolded: >-\n  a\n  b\n",
    "'quoted key': 1\n\"double\": 2\n? complex key\n: 3\n",
    "empty_map: {}\nempty_list: []\nnone:\n",
    "=: value key\n",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_front_matter_data_is_the_loaders(text):
    assert_same(text)


def test_the_pages_front_matter_data_is_the_loaders():
    pages = [*REPO.glob("tests/**/*.md"), *REPO.glob("examples/**/*.md")]
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---\n") and "\n---" in text[3:]:
            assert_same(text[4 : text.index("\n---", 3) + 1])


SCALARS = st.one_of(
    st.text(max_size=10),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(max_value=datetime.datetime(9999, 1, 1)),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=6), st.integers(), st.booleans()), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DATA, st.booleans())
def test_any_data_the_loader_reads_back_is_read_the_same(data, flow):
    assert_same(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True))


# Characters and words that mean something to YAML, so random text often parses to something.
YAML_PIECES = st.sampled_from(
    list(":-[]{},#&*!|>'\"? \n\t%@`")
    + ["<<", "!!str ", "!!int ", "!!set ", "2023-01-01", "0x1", "~"]
)
YAMLISH = st.lists(st.one_of(YAML_PIECES, st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
# A merge key with nothing to merge: the loader's flattening drops the key before it fails,
# so a second run of the loader over the same nodes once made {} of it instead of the error.
@example("<<:")
@example("a: 1\n<<: {b: 2}")
@example("!!merge : 3")
@example("{1: {<<: 3}}")
def test_any_text_gives_the_loaders_data_or_error(text):
    assert_same(text)
