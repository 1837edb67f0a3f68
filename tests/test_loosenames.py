"""Names written loosely in titles (genelint.loosenames), read with the bundled name index."""

import pytest

from genelint.loosenames import loose_matches, loose_name_table
from genelint.refdata import load_gene_table
from genelint.refdata.nameindex import normal_words


@pytest.fixture(scope="module")
def table():
    return load_gene_table()


def loosely_named(title, table):
    """{text as written: symbol} of the names read loosely, and only loosely, in `title`."""
    index = table.name_index()
    words = normal_words(title)
    exact = index.phrase_matches([w for w, _, _ in words])
    found = {}
    for first, end, genes in loose_matches(title, words, index.loose_names, index.phrases, exact):
        text = title[words[first][1] : words[end - 1][2]]
        found[text] = "/".join(table.by_entrez_id(g).symbol for g in genes)
    return found


@pytest.mark.parametrize(
    "title, expected",
    [
        # words in another order: "delta(24)-sterol reductase"
        ("Sterol delta24-reductase in the liver.", {"Sterol delta24-reductase": "DHCR24"}),
        # a light modifier left out, in the name's order: "… dystrophy associated protein kinase"
        (
            "Myotonic dystrophy protein kinase in muscle.",
            {"Myotonic dystrophy protein kinase": "DMPK"},
        ),
        # a word that carries nothing left out: "phospholipase C-related but catalytically …"
        (
            "A phospholipase C-related catalytically inactive protein in the brain.",
            {"phospholipase C-related catalytically inactive protein": "PLCL1"},
        ),
        # a word that adds nothing put in: "homeobox protein Pitx3"
        ("The homeobox gene PITX3 in lens.", {"homeobox gene PITX3": "PITX3"}),
    ],
)
def test_loose_forms_are_read(title, expected, table):
    assert loosely_named(title, table) == expected


@pytest.mark.parametrize(
    "title",
    [
        # written word for word: the exact reading's, not this one's
        "Delta(24)-sterol reductase in the liver.",
        # "-like" is never left out: GalNAc-T3 is not "GalNAc-T-like 3" (GALNT17)
        "Expression of GalNAc-T3 in pancreas.",
        # the name's first word may not be left out: a membrane protein is no "transmembrane
        # protein", and a description is read as the name's head last
        "A membrane protein of the endoplasmic reticulum-Golgi intermediate compartment.",
        # moved words and a modifier left out together: a description, not "seven transmembrane
        # domain orphan receptor"
        "An orphan seven transmembrane receptor in the heart.",
        # a designator before the word it follows in the name: a disease's type, not its locus
        "Patients with type II oculocutaneous albinism.",
        # part of a token: "TREX1 exonuclease" is no "exonuclease 1"
        "The TREX1 exonuclease in lupus.",
        # one token is a symbol's to read
        "Slit2 in axon guidance.",
        # never across a clause's end
        "Sterol, delta24-reductase and others.",
        # a member's number after it is another name
        "Myotonic dystrophy protein kinase 2 in muscle.",
    ],
)
def test_other_readings_are_not_loose_names(title, table):
    assert loosely_named(title, table) == {}


def test_the_table_keys_one_gene_names_by_head_and_first_word():
    phrases = {
        "sterol reductase 2": [1],
        "lipid carrier": [2, 3],  # two genes: never read loosely
        "reductase": [4],  # one word: the exact reading's
        "the carrier reductase": [5],  # keyed by its first word that carries something
        "delta 24 reductase": [6],  # one word and designators: the exact reading's
    }
    by_head, word_genes, every_gene = loose_name_table(phrases)
    assert by_head == {
        "reductase": {"sterol": "sterol reductase 2", "carrier": "the carrier reductase"}
    }
    assert word_genes["reductase"] == 4 and word_genes["carrier"] == 3
    assert every_gene == 6
    # names read as no gene's (a class) are never read loosely, but their words count
    by_head, word_genes, _ = loose_name_table(phrases, {"hormone reductase": [7]})
    assert "hormone" not in str(by_head) and word_genes["hormone"] == 1
    assert word_genes["reductase"] == 5


def test_no_table_reads_nothing():
    words = normal_words("Sterol delta24-reductase in the liver.")
    assert loose_matches("Sterol delta24-reductase in the liver.", words, (), {}, []) == []


def test_at_most_one_modifier_is_left_out(table):
    # "myotonic dystrophy associated protein kinase" with "associated" left out is read; with
    # "dystrophy" left out as well it is not
    assert loosely_named("Myotonic dystrophy protein kinase.", table) == {
        "Myotonic dystrophy protein kinase": "DMPK"
    }
    assert loosely_named("Myotonic protein kinase.", table) == {}
