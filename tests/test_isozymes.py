"""Names of isozymes by their tissue or letter, worked out from one gene's name."""

import pytest

from genelint.refdata.isozymes import isozyme_forms, letter_forms, tissue_forms, type_first_forms


@pytest.mark.parametrize(
    "name, written",
    [
        # the tissue after a comma, with a kind word, in parentheses, or two tissues
        ("troponin I, cardiac muscle", {"cardiac troponin I", "heart troponin I"}),
        ("glycogen phosphorylase, liver form", {"liver glycogen phosphorylase"}),
        (
            "pyruvate kinase, liver and RBC",
            {"liver-type pyruvate kinase", "red cell pyruvate kinase"},
        ),
        (
            "red cell/liver pyruvate kinase",
            {"erythrocyte pyruvate kinase", "hepatic pyruvate kinase"},
        ),
        # the member's number and a leading locant are left out, a Greek letter kept
        (
            "acylphosphatase 2, muscle type",
            {"muscle acylphosphatase", "muscle-type acylphosphatase 2"},
        ),
        ("6-phosphofructokinase, liver type", {"liver phosphofructokinase"}),
        ("actin, alpha cardiac muscle 1", {"cardiac alpha actin", "heart alpha actin"}),
    ],
)
def test_tissue_forms(name, written):
    assert written <= tissue_forms(name)


@pytest.mark.parametrize(
    "name",
    [
        "cathepsin L",  # a letter, no tissue
        "catalase",
        "troponin I, fast skeletal muscle type 2 isoform",  # more than a tissue after the comma
        "solute carrier family 2, member 2",
        "myosin, heavy chain 7, cardiac muscle, beta",  # two commas: not one name and a tissue
    ],
)
def test_names_without_a_tissue_give_no_tissue_forms(name):
    assert tissue_forms(name) == set()


@pytest.mark.parametrize(
    "name, written",
    [
        ("natriuretic peptide B", {"B-type natriuretic peptide"}),
        ("pyruvate kinase L/R", {"L-type pyruvate kinase", "R-type pyruvate kinase"}),
        (
            "pyruvate kinase M1/2",
            {"M-type pyruvate kinase", "M1-type pyruvate kinase", "M2-type pyruvate kinase"},
        ),
        ("pyruvate kinase isozymes R/L", {"L-type pyruvate kinase", "R-type pyruvate kinase"}),
        ("creatine kinase M-type", {"M-type creatine kinase"}),
        ("troponin I", set()),  # a numeral, not a letter
        ("coagulation factor X", set()),
        ("cyclin D1, partial", set()),
    ],
)
def test_letter_forms(name, written):
    assert letter_forms(name) == written


def test_isozyme_forms_gather_the_genes_giving_a_form():
    forms = isozyme_forms(
        [
            ("pyruvate kinase L/R", 5313),
            ("pyruvate kinase, liver and RBC", 5313),
            ("pyruvate kinase M1/2", 5315),
        ]
    )
    assert forms["R-type pyruvate kinase"] == {5313}
    assert forms["liver pyruvate kinase"] == {5313}
    assert forms["M2-type pyruvate kinase"] == {5315}


@pytest.mark.parametrize(
    "name, written",
    [
        ("hexokinase type II", {"type II hexokinase"}),
        ("orexin receptor, type 1", {"type 1 orexin receptor"}),
        ("keratin, type II cytoskeletal 1", set()),  # the type of a class, not of the member
        ("type II hexokinase", set()),
    ],
)
def test_type_first_forms(name, written):
    assert type_first_forms(name) == written
