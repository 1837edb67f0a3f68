"""The parser's reading of `## Gene Position` (the location) and of `## External IDs and
Aliases` (the aliases) on small pages: the value and its exact span, (line, column, end_line,
end_column), 1-based, columns in code points."""

from __future__ import annotations

import pytest

from genelint.document import Field, GeneDocument, Span
from genelint.parser import parse

HEAD = "---\ntitle: ALAS2\n---\n\n# Gene Information for ALAS2\n\n"


def page(section: str, *body: str) -> GeneDocument:
    return parse(HEAD + f"## {section}\n\n" + "\n".join(body) + "\n")


def pos(span: Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def exact(doc: GeneDocument, field: Field) -> tuple[str, tuple[int, int, int, int]]:
    """The field's value and position, after checking that its bytes are exactly its value."""
    assert doc.raw[field.span.start : field.span.end].decode("utf-8") == field.value
    return field.value, pos(field.span)


def location(*body: str):
    doc = page("Gene Position", *body)
    return exact(doc, doc.cytoband) if doc.cytoband else None


LEAD = "The ALAS2 gene is located on the X chromosome at position "


@pytest.mark.parametrize(
    "written, value",
    [
        ("Xp11.21.", "Xp11.21"),
        # Written wrongly, it is still the location, for GL205 to say what is wrong.
        ("X p11.21.", "X p11.21"),
        ("Xp 11.21.", "Xp 11.21"),
        ("Xp11.3 - p11.21.", "Xp11.3 - p11.21"),
        ("chrX:55009055.", "chrX:55009055"),
        ("chrX:55,009,055-55,030,977, on GRCh38.", "chrX:55,009,055-55,030,977"),
        ("chrXp11.21.", "chrXp11.21"),
        ("XP11.21.", "XP11.21"),
    ],
)
def test_location_after_the_lead(written, value):
    assert location(LEAD + written) == (value, (9, 59, 9, 59 + len(value)))


def test_location_after_a_colon_label():
    assert location("Location: chromosome X: 55009055") == (
        "chromosome X: 55009055",
        (9, 11, 9, 33),
    )


@pytest.mark.parametrize(
    "written, value", [("X.", "X"), ("11.", "11"), ("**X**.", "X"), ("X", "X")]
)
def test_a_chromosome_alone_after_the_lead(written, value):
    found = location("The CSF2RA gene is located at position " + written)
    assert found is not None and found[0] == value


def test_a_number_after_the_lead_that_goes_on_is_prose():
    assert location("The position of 2 p53 binding sites is unknown.") is None
    assert location("It is located at position 11 of the list, see below.") is None


def test_a_later_lead_when_the_first_is_followed_by_prose():
    assert location(
        "The position of 2 p53 binding sites is unknown; it is located at position Xp11.21."
    ) == ("Xp11.21", (9, 75, 9, 82))


def test_prose_words_are_not_bands():
    assert location("Xpert assays run at 2pm placed it on the X chromosome (Xp11.21).") == (
        "Xp11.21",
        (9, 56, 9, 63),
    )
    assert location("Xpert assays run at 2pm placed it on the X chromosome.") is None
    assert location("The position of 2 p53 binding sites is unknown.") is None


def test_a_coordinate_without_a_lead_needs_its_chr_prefix():
    assert location("It spans chrX:55009055-55030977 on GRCh38.") == (
        "chrX:55009055-55030977",
        (9, 10, 9, 32),
    )
    assert location("It spans 55009055-55030977 on GRCh38.") is None


def test_no_location():
    assert location("The ALAS2 gene is located on the X chromosome.") is None


@pytest.mark.parametrize(
    "written, column", [("**Xp11.21**.", 61), ("*Xp11.21.*", 60), ("`Xp11.21`.", 60)]
)
def test_location_in_emphasis_before_the_full_stop(written, column):
    assert location(LEAD + written) == ("Xp11.21", (9, column, 9, column + 7))


def aliases(*body: str):
    doc = page("External IDs and Aliases", *body)
    return [exact(doc, alias) for alias in doc.aliases]


@pytest.mark.parametrize(
    "item, column",
    [
        ("- ALAS", 3),
        ("- **ALAS**", 5),
        ("- ✓ ALAS", 5),
        ("- ✔️ ALAS", 6),  # the check mark and its variation selector
        ("- ✅ ALAS", 5),
        ("- • ALAS", 5),
        ("- → ALAS", 5),
        ("- 🧬 ALAS", 5),
        ("- [x] ALAS", 7),
        ("- * ALAS", 5),
        ("- **✓ ALAS**", 7),
        ("- ✓ **ALAS**", 7),
        ("- ALAS ✓", 3),
    ],
)
def test_alias_item_markers_are_no_part_of_the_alias(item, column):
    assert aliases(item) == [("ALAS", (9, column, 9, column + 4))]


@pytest.mark.parametrize(
    "item, alias",
    [
        ("- U2B''", "U2B''"),  # real HGNC aliases end in primes written as apostrophes
        ("- HNRPH'", "HNRPH'"),
        ("- ✓ U2B''", "U2B''"),
        ("- HLA-A*02", "HLA-A*02"),
    ],
)
def test_ascii_punctuation_belongs_to_the_alias(item, alias):
    assert [value for value, _ in aliases(item)] == [alias]


def test_a_marked_item_of_several_words_is_no_alias():
    assert aliases("- ✓ also written as the erythroid ALAS", "- ✓", "- **✓**") == []


def test_markers_in_an_inline_alias_list():
    assert aliases("Aliases: ✓ ALAS, XLSA ✓") == [
        ("ALAS", (9, 12, 9, 16)),
        ("XLSA", (9, 18, 9, 22)),
    ]


def test_a_marked_id_item_is_still_an_id():
    doc = page("External IDs and Aliases", "- ✓ HGNC: 397")
    assert [(i.kind, exact(doc, i.value)) for i in doc.identifiers] == [
        ("HGNC", ("397", (9, 11, 9, 14)))
    ]
    assert doc.aliases == []
