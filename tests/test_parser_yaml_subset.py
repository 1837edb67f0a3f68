"""The plain front matter reading (genelint/parser/yaml_subset.py) answers only with what
PyYAML's safe loader and its node tree say: the same data, each value of the same type, the
same line for each key and the same end for each string value; otherwise it answers None.
And a front matter read either way is the same FrontMatter with the same problems."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import yaml
from frontmatter.default_handlers import SafeLoader
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genelint.document import LineIndex
from genelint.parser import front_matter
from genelint.parser.yaml_subset import simple_mapping

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(
    0, str(REPO / "tests")
)  # the suite imports in importlib mode: tests/ is not on the path
from test_parser_yaml_construct import FRONT_MATTERS, typed  # noqa: E402


def loader_reading(text: str):
    """(data, key lines, string value ends) from the loader's node tree, or None on an error."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = yaml.load(text, Loader=SafeLoader)
    except Exception:  # noqa: BLE001 - an error: the plain reading must not answer
        return None
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode):
        return data, None, None
    lines = {key.value: key.start_mark.line for key, _ in node.value}
    ends = {
        key.value: value.end_mark.index
        for key, value in node.value
        if isinstance(data.get(key.value), str)
    }
    return data, lines, ends


def assert_read_as_the_loader_reads(text: str) -> bool:
    """True when the plain reading answered (and agreed)."""
    simple = simple_mapping(text)
    if simple is None:
        return False
    expected = loader_reading(text)
    assert expected is not None, f"the loader fails on {text!r}, the plain reading answered"
    data, lines, ends = expected
    assert typed(simple.data) == typed(data), text
    assert simple.key_lines == lines, text
    assert simple.value_ends == ends, text
    return True


GENE_PAGE = (
    'title: "SLC5A4"\ndate: 2023-08-04 00:00:00\nlayout: post\ncategories: Gene\n'
    "summary: \"# Gene Information for SLC5A4\"\ntags: ['SLC5A4', 'GeneticInformationAnalysis']\n"
    'provenance:\n  generated_by: "GPT-3"\n  reviewed_by: "A. Curator"\n  reviewed_on: 2024-01-15\n'
)
READ = [
    GENE_PAGE,
    "title: ALAS2\n\nempty:\nlist: []\nspaced: [ 'a' ,\"b\",c1 ]\nnumber: 12\nflag: yes\n",
    "n: ~\nf: 1.5\nh: 0x1F\nnull_key_value: null\ntitle: O'Brien's gene, a-b [x]\n",
    "title: é ALAS2 🧬\nwhen: 2001-12-14t21:59:43.10-05:00\n",
]
NOT_READ = [
    "title: ALAS2 # a comment\n",
    "title: x\ntitle: y\n",  # repeated: the loader's problem says where
    "provenance:\n  a: 1\n   b: 2\n",  # another indentation
    "provenance:\n  a:\n    b: 2\n",  # deeper
    "title: x\n  more: 1\n",  # indented under a value
    "title: |\n  text\n",
    "title: 'it''s'\n",
    'title: "a\\tb"\n',
    "title:\tALAS2\n",
    "title: a\rb\n",
    "true: 1\n",
    "date: 2023-02-30\n",  # not a date: the loader's error
    "tags: ['a',]\n",
    "tags: [a: b]\n",
    "tags: {a: 1}\n",
    "- a\n",
    "=: 1\n",
    "key: =\n",
    "key: *alias\n",
    "key: !!str 1\n",
    "key: a: b\n",
    "key: a:\n",
    "key : value\n",
    "\n\n",
    "",
]


@pytest.mark.parametrize("text", READ)
def test_a_plain_front_matter_is_read_as_the_loader_reads_it(text):
    assert assert_read_as_the_loader_reads(text)


@pytest.mark.parametrize("text", NOT_READ + FRONT_MATTERS)
def test_anything_else_is_left_to_the_loader(text):
    if text in NOT_READ:
        assert simple_mapping(text) is None
    else:
        assert_read_as_the_loader_reads(text)


def test_every_page_front_matter_is_read_as_the_loader_reads_it():
    pages = [*REPO.glob("tests/**/*.md"), *REPO.glob("examples/**/*.md")]
    answered = 0
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---\n") and "\n---" in text[3:]:
            answered += assert_read_as_the_loader_reads(text[4 : text.index("\n---", 3) + 1])
    assert answered > 50


KEYS = st.sampled_from(["title", "date", "a", "b_c", "x-y", "Key1", "true", "null", "on", "yes"])
SEPARATORS = st.sampled_from([": ", ":", ":  ", " : ", ":\t", ": \t"])
PIECES = st.sampled_from(
    [
        "ALAS2",
        "a b",
        "'a'",
        '"b"',
        "[",
        "]",
        ",",
        " ",
        "#",
        " #",
        "2023-08-04",
        " 00:00:00",
        "12",
        "1.5",
        "0x1",
        "~",
        "null",
        "yes",
        ":",
        ": ",
        "-",
        "\\",
        "'",
        '"',
        "é",
        "\t",
        "{",
        "}",
        "*a",
        "&a",
        "!!str ",
        "|",
        ">",
        "=",
        "<<",
        "%",
        "@",
        "\x85",
        "\u2028",
        "\ufeff",
    ]
)
# Values the plain reading takes, alone or with a piece of YAML syntax before or after them.
GOOD_VALUES = st.sampled_from(
    [
        "",
        "ALAS2",
        "A. Curator",
        "O'Brien",
        "a, b",
        "'a b'",
        '"# x"',
        "['a', \"b\" ,c1 ]",
        "[ ]",
        "2023-08-04 00:00:00",
        "2024-01-15",
        "12",
        "-3",
        "1.5",
        "1_0",
        "~",
        "yes",
        "Null",
        "é",
    ]
)
VALUES = st.one_of(
    GOOD_VALUES,
    st.tuples(GOOD_VALUES, PIECES).map("".join),
    st.tuples(PIECES, GOOD_VALUES).map("".join),
    st.lists(PIECES, max_size=6).map("".join),
)
INDENTS = st.sampled_from(["", "", "", "  ", "  ", " ", "   ", "\t"])
LINES = st.one_of(
    st.tuples(INDENTS, KEYS, st.just(": "), GOOD_VALUES).map("".join),
    st.tuples(INDENTS, KEYS, SEPARATORS, VALUES).map("".join),
    st.sampled_from(["", " ", "---", "- a", "  - b", "# comment"]),
)
YAML_TEXT = st.lists(LINES, max_size=10).map(lambda lines: "".join(f"{line}\n" for line in lines))
# Mostly the shape read: different keys, one line of YAML syntax or an indented key at times.
NEW_KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,4}", fullmatch=True)
NEAR_PLAIN_LINES = st.one_of(
    st.tuples(st.sampled_from(["", "", "", "", "  "]), NEW_KEYS, st.just(": "), GOOD_VALUES),
    st.tuples(INDENTS, NEW_KEYS, SEPARATORS, VALUES),
).map("".join)
NEAR_PLAIN_TEXT = st.lists(NEAR_PLAIN_LINES, max_size=8).map(
    lambda lines: "".join(f"{line}\n" for line in lines)
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAML_TEXT)
def test_any_front_matter_is_read_as_the_loader_reads_it_or_left_to_it(text):
    assert_read_as_the_loader_reads(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEAR_PLAIN_TEXT)
def test_a_nearly_plain_front_matter_is_read_as_the_loader_reads_it_or_left_to_it(text):
    assert_read_as_the_loader_reads(text)


def _front_matter_both_ways(text: str, monkeypatch):
    def read(reader):
        monkeypatch.setattr(front_matter, "simple_mapping", reader)
        problems: list = []
        found = front_matter._parse_front_matter(LineIndex(text), problems)
        return found, problems

    return read(simple_mapping), read(lambda _text: None)


def test_a_front_matter_is_the_same_read_either_way(monkeypatch):
    from fuzzing import mutate, seed_pages
    from test_parser_render import GENERATED

    rng = random.Random(23)
    seeds = [page.decode("utf-8", "replace") for page in seed_pages()] + GENERATED
    # Damaged as editors and merges damage pages: lines swapped, cut, duplicated, bytes put in.
    mutated = [
        mutate(rng.choice(seeds).encode("utf-8"), rng).decode("utf-8", "replace")
        for _ in range(600)
    ]
    answered = 0
    for text in seeds + mutated:
        fast, slow = _front_matter_both_ways(text, monkeypatch)
        assert fast == slow, text
        answered += (
            fast[0][0].present and simple_mapping(text[4 : text.find("\n---", 3) + 1]) is not None
        )
    assert answered > 200
