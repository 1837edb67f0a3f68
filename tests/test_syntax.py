"""genelint/syntax.py: reading a mutation list's change cell, the one reader every rule uses."""

import pytest

from genelint.hgvs import HgvsSyntaxError, parse_legacy, parse_protein
from genelint.parser import parse_bytes
from genelint.rules._lookups import listed_change
from genelint.syntax import ReadChange, _plain_substitution, read_change


@pytest.mark.parametrize(
    "text",
    [
        "p.Arg97Cys",
        "p.Arg97Ter",
        "p.Sec5Pyl",
        "p.Met1Val",
        "p.Met2Val",
        "p.Arg97Arg",
        "p.Ter97Cys",
        "p.Xaa97Cys",
        "p.Arg97Xaa",
        "p.Arg97Xyz",
        "p.Arg097Cys",
        "p.Arg0Cys",
        "p.arg97Cys",
        "p.Arg97Del",
    ],
)
def test_plain_substitution_shortcut_agrees_with_the_parser(text):
    plain = _plain_substitution(text)
    try:
        parsed = parse_protein(text)
    except HgvsSyntaxError:
        parsed = None
    if plain is not None:
        assert (plain, plain.one_letter, plain.legacy, plain.to_hgvs()) == (
            parsed,
            parsed.one_letter,
            parsed.legacy,
            text,
        )
    assert read_change(text).change == (parsed if parsed is not None else parse_legacy(text))
    if plain is not None:  # read without the parser, the reading filled in directly
        read_change.cache_clear()
        read = read_change(text)
        expected = ReadChange(plain, key=text)
        assert list(vars(read).items()) == list(vars(expected).items())
        assert (read, hash(read), repr(read)) == (expected, hash(expected), repr(expected))


@pytest.mark.parametrize(
    "text",
    [
        "V122I",
        "R97X",
        "R97*",
        "U5O",
        "A12A",
        "X12A",
        "Val122Ile",
        "F508del",
        "p.Arg97X",
        "Xyz12Ala",
    ],
)
def test_legacy_shortcut_reads_as_the_parser_does(text):
    """read_change takes `V122I` without the parser; what it keeps is what the parser gives."""
    read_change.cache_clear()
    read = read_change(text)
    with pytest.raises(HgvsSyntaxError) as raised:
        parse_protein(text)
    slow = parse_legacy(text)
    if slow is None:
        assert read.change is None
        return
    assert (read.change, read.change.one_letter, read.change.legacy, read.legacy, read.key) == (
        slow,
        slow.one_letter,
        slow.legacy,
        True,
        slow.to_hgvs(),
    )
    assert (read.error.message, read.error.offset, read.error.length) == (
        raised.value.message,
        raised.value.offset,
        raised.value.length,
    )


def test_the_network_rules_read_a_change_as_the_variant_rules_do():
    page = """# ALAS2

## AA Mutation List

| Mutation | Type | rsID |
|---|---|---|
| p.Arg97Cys | Missense | |
| V122I | Missense | |
| p.[Arg97Cys;Gly99Ser] | Missense | |
| p.Xyz12Ala | Missense | |
"""
    rows = parse_bytes(page.encode(), "page.md").mutations
    readings = [(listed_change(row), read_change(row.change.value.strip()).change) for row in rows]
    assert [mine for mine, _ in readings] == [theirs for _, theirs in readings]
    assert [change is not None for change, _ in readings] == [True, True, False, False]
