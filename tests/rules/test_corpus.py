"""GL901-GL903: corpus rules over fixture folders, exact (line, column, code) per file."""

from pathlib import Path

import pytest

from genelint.document import Span
from genelint.parser import parse_bytes
from genelint.rules import corpus
from genelint.testing import lint_paths, make_linter

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
CORPUS = ["GL901", "GL902", "GL903"]


def run(situation: str, jobs: int = 1, select=CORPUS):
    folder = FIXTURES / situation
    paths = sorted(folder.glob("*.md"))
    findings = lint_paths(paths, select=select, jobs=jobs)
    return [(Path(f.path).name, f.line, f.column, f.code) for f in findings], findings


@pytest.mark.parametrize(
    "situation, expected",
    [
        ("conflicting_titles", [("ALAS1.md", 21, 12, "GL901"), ("ALAS2.md", 21, 12, "GL901")]),
        # Case, punctuation and spacing do not make another title.
        ("same_title_other_spelling", []),
        (
            "rsid_under_two_genes",
            [
                ("ALAS2.md", 16, 28, "GL902"),
                ("HBA1.md", 16, 26, "GL902"),
                ("HBB.md", 17, 28, "GL902"),
            ],
        ),
        ("duplicate_gene_page", [("ALAS2.md", 2, 8, "GL903"), ("ALAS2_copy.md", 2, 8, "GL903")]),
        ("distinct_pages", []),
    ],
)
def test_corpus_rules(situation, expected):
    found, _ = run(situation)
    assert found == expected


def test_messages_name_the_other_files():
    _, findings = run("conflicting_titles")
    folder = FIXTURES / "conflicting_titles"
    assert [f.message for f in findings] == [
        f"DOI 10.3109/10428199209057385 is cited with another title in {folder / 'ALAS2.md'}:21: 'Familial occurrence of myelodysplastic syndromes.'",
        f"DOI 10.3109/10428199209057385 is cited with another title in {folder / 'ALAS1.md'}:21: 'Heme synthesis in anemia.'",
    ]
    _, findings = run("rsid_under_two_genes")
    folder = FIXTURES / "rsid_under_two_genes"
    assert (
        findings[0].message
        == f"rs137852769 is also listed under HBA1, HBB in {folder / 'HBA1.md'}:16, {folder / 'HBB.md'}:17; this page is ALAS2"
    )
    _, findings = run("duplicate_gene_page")
    assert (
        findings[0].message
        == f"ALAS2 also has a page: {FIXTURES / 'duplicate_gene_page' / 'ALAS2_copy.md'}:2"
    )


@pytest.mark.parametrize(
    "situation", ["conflicting_titles", "rsid_under_two_genes", "duplicate_gene_page"]
)
def test_two_jobs_equal_one(situation):
    one = run(situation, jobs=1)[1]
    two = run(situation, jobs=2)[1]
    assert [f.to_json() for f in two] == [f.to_json() for f in one]


def test_whole_corpus_two_jobs_equal_one():
    paths = sorted(FIXTURES.glob("*/*.md"))
    one = lint_paths(paths, select=CORPUS, jobs=1)
    two = lint_paths(paths, select=CORPUS, jobs=2)
    assert len(one) > 10
    assert [f.to_json() for f in two] == [f.to_json() for f in one]


def test_corpus_findings_obey_suppression_comments(tmp_path):
    page = (FIXTURES / "duplicate_gene_page" / "ALAS2.md").read_text()
    (tmp_path / "a.md").write_text(page)
    (tmp_path / "b.md").write_text(page + "\n<!-- genelint-disable-file GL903 -->\n")
    found = lint_paths([tmp_path / "a.md", tmp_path / "b.md"], select=CORPUS)
    assert [(Path(f.path).name, f.line, f.code) for f in found] == [("a.md", 2, "GL903")]


def test_rsid_facts_are_the_spans_of_the_line_index():
    """GL902 packs an ASCII cell's rsID places by arithmetic; they are what span_at gives."""
    page = (FIXTURES / "rsid_under_two_genes" / "HBA1.md").read_text()
    rows = [
        "| p.Glu7Val | Missense | rs137852769 |",
        "| p.Glu8Val | Missense | RS0012; rs 13, rs14 |",
        "| p.Glu9Val (é) | Missense | rs15 |",  # non-ASCII earlier on the line: bytes run ahead of columns
        "| p.Glu10Val | Missense | rs16 ☃ rs17 |",  # non-ASCII inside the cell: the line index's way
    ]
    page = page.replace("| p.Glu7Val | Missense | rs137852769 |", "\n".join(rows))
    doc = parse_bytes(page.encode("utf-8"), "HBA1.md")
    rule = corpus.RsidMultipleGenes()
    facts = rule.collect(doc, make_linter(["GL902"]).context(rule))
    expected = [
        corpus._packed(
            f"rs{m.group(1)}",
            "HBA1",
            m.group(0),
            doc.lines.span_at(
                row.rsid.span.line, row.rsid.span.column + m.start(), len(m.group(0))
            ),
        )
        for row in doc.mutations
        for m in corpus._RSID.finditer(row.rsid.value)
    ]
    assert len(expected) == 6
    assert list(facts) == expected


def test_a_value_said_twice_on_one_page_only_is_no_conflict(tmp_path):
    """The values said more than once are found first (by hash); one page repeating an rsID,
    its DOI or its gene is still no finding, and a third page makes one of each."""
    page = (FIXTURES / "rsid_under_two_genes" / "HBA1.md").read_text()
    repeated = page.replace(
        "| p.Glu7Val | Missense | rs137852769 |",
        "| p.Glu7Val | Missense | rs137852769 |\n| p.Glu8Val | Missense | rs137852769 |",
    )
    assert repeated != page
    (tmp_path / "a.md").write_text(repeated)
    assert lint_paths([tmp_path / "a.md"], select=CORPUS) == []
    (tmp_path / "b.md").write_text(page.replace("HBA1", "HBB"))
    found = lint_paths([tmp_path / "a.md", tmp_path / "b.md"], select=["GL902"])
    assert [(Path(f.path).name, f.line, f.code) for f in found] == [
        ("a.md", 16, "GL902"),
        ("a.md", 17, "GL902"),
        ("b.md", 16, "GL902"),
    ]


def _conflicts_read_at_once(facts, same):
    """What corpus._conflicts gives, from every place held at once, value by value in the order
    they are first said."""
    places = [(path, corpus._unpack(place)) for path, page in facts for place in page]
    for key in dict.fromkeys(place.key for _, place in places):
        occurrences = [(path, place) for path, place in places if place.key == key]
        if len({path for path, _ in occurrences}) == 1:
            continue
        for path, place in occurrences:
            differ = lambda other: other[0] != path and not same(other[1].said, place.said)  # noqa: E731,B023
            if any(map(differ, occurrences)):
                yield path, place, list(filter(differ, occurrences))


def test_conflicts_read_again_from_their_pages_are_those_of_every_place_at_once():
    """_conflicts keeps only which pages say each repeated value and reads its places from
    them again: the same conflicts, in the same order, on pages that repeat values, say
    several shared ones, and share them with many other pages."""
    import random

    rng = random.Random(5)
    facts = []
    for number in range(400):
        said = rng.choice(("A", "B", "b", "C"))
        places = tuple(
            corpus._packed(f"k{rng.randrange(150)}", said, "shown", Span(n, 1, n, 4, n, n + 3))
            for n in range(rng.randrange(6))
        )
        facts.append((f"page{number % 390}.md", places))  # a few paths said twice, too
    same = lambda a, b: a.upper() == b.upper()  # noqa: E731
    found = list(corpus._conflicts(facts, same))
    assert len(found) > 100
    assert found == list(_conflicts_read_at_once(facts, same))


def test_a_fact_holds_one_string_where_the_key_is_what_the_page_shows(tmp_path):
    """Marshal (the engine's packing) writes a string held twice once."""
    page = (FIXTURES / "rsid_under_two_genes" / "HBA1.md").read_text()
    doc = parse_bytes(page.encode("utf-8"), "HBA1.md")
    linter = make_linter(CORPUS)
    for rule in (corpus.RsidMultipleGenes(), corpus.DuplicateGenePage()):
        places = rule.collect(doc, linter.context(rule))
        assert places and all(place[0] is place[2] for place in places)
