"""benchmarks/make_gl405_set.py's corpus readers, on small corpora written here in each format."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from genelint.refdata import load_gene_table

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def make_set():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import make_gl405_set
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return make_gl405_set


OSIRIS_XML = """<?xml version="1.0"?>
<!DOCTYPE Articles SYSTEM "OSIRIScorpusv01.dtd">
<Articles>
  <Article>
    <Pmid>100</Pmid>
    <Title>The <gene g_id="7040" g_lex="TGFB1">TGFB1</gene> <variant v_id="No" v_lex="+869">+869</variant> polymorphism in asthma.</Title>
    <Abstract>The <gene g_id="7124" g_lex="TNF">TNF</gene> locus was not studied.</Abstract>
  </Article>
  <Article>
    <Pmid>101</Pmid>
    <Title>A survey of allele frequencies in two populations.</Title>
    <Abstract>Nothing named.</Abstract>
  </Article>
  <Article>
    <Pmid>102</Pmid>
    <Title>Serum <gene g_id="No" g_lex="IgE">IgE</gene> levels and atopy.</Title>
    <Abstract>No ID given.</Abstract>
  </Article>
</Articles>
"""


def write_standoff(folder: Path, pmid: str, title: str, annotations: list[str]) -> None:
    (folder / f"PMID-{pmid}.txt").write_text(f"{title}\nThe abstract.\n", encoding="utf-8")
    (folder / f"PMID-{pmid}.a1").write_text("".join(a + "\n" for a in annotations), "utf-8")


def test_osiris_titles_keep_their_text_and_inline_genes(make_set, tmp_path):
    corpus = tmp_path / "osiris.xml"
    corpus.write_text(OSIRIS_XML, encoding="utf-8")

    documents = make_set.read_documents(corpus)

    assert documents == [
        ("100", "The TGFB1 +869 polymorphism in asthma.", [("TGFB1", "Gene", "7040")]),
        ("101", "A survey of allele frequencies in two populations.", []),
        ("102", "Serum IgE levels and atopy.", [("IgE", "Gene", "No")]),
    ]


def test_standoff_keeps_the_title_mentions_and_reads_gene_products_as_genes(make_set, tmp_path):
    write_standoff(
        tmp_path,
        "200",
        "p53 loss in breast cancer.",
        ["T1\tGene_or_gene_product 0 3\tp53", "T2\tCancer 12 25\tbreast cancer"],
    )
    write_standoff(
        tmp_path,
        "201",
        "Tumour growth in mice.",
        ["T1\tOrganism 16 20\tmice", "T2\tGene_or_gene_product 30 33\tRAS"],
    )

    documents = make_set.read_documents(tmp_path)

    assert documents == [
        (
            "200",
            "p53 loss in breast cancer.",
            [("p53", "Gene", ""), ("breast cancer", "Cancer", "")],
        ),
        ("201", "Tumour growth in mice.", [("mice", "Organism", "")]),
    ]


def test_standoff_reads_a_full_text_by_its_title_and_abstract_only(make_set, tmp_path):
    (tmp_path / "PMC-1310901-00-TIAB.txt").write_text(
        "Down-regulation of interferon regulatory factor 4 in leukemic cells\nThe abstract.\n",
        encoding="utf-8",
    )
    (tmp_path / "PMC-1310901-00-TIAB.a1").write_text(
        "T1\tProtein 19 50\tinterferon regulatory factor 4\n", encoding="utf-8"
    )
    (tmp_path / "PMC-1310901-01-INTRODUCTION.txt").write_text(
        "INTRODUCTION\nChronic myeloid leukemia.\n", encoding="utf-8"
    )
    (tmp_path / "PMC-1310901-01-INTRODUCTION.a1").write_text("", encoding="utf-8")

    documents = make_set.read_documents(tmp_path)

    assert documents == [
        (
            "PMC1310901",
            "Down-regulation of interferon regulatory factor 4 in leukemic cells",
            [("interferon regulatory factor 4", "Gene", "")],
        )
    ]


def test_standoff_skips_a_document_without_any_annotation(make_set, tmp_path):
    # GE 2011 holds abstracts annotated with nothing: their titles may well name a protein.
    write_standoff(tmp_path, "400", "Binding by the human glucocorticoid receptor.", [])
    write_standoff(tmp_path, "401", "Lung cancer in smokers.", ["T1\tCancer 0 11\tLung cancer"])

    assert [pmid for pmid, _, _ in make_set.read_documents(tmp_path)] == ["401"]


def test_rows_of_osiris_test_a_named_gene_both_ways_and_skip_a_gene_without_id(make_set, tmp_path):
    corpus = tmp_path / "osiris.xml"
    corpus.write_text(OSIRIS_XML, encoding="utf-8")

    rows = list(make_set.rows_of(corpus, "OSIRIS", load_gene_table(), {}, random.Random(1)))

    by_pmid = {}
    for row in rows:
        by_pmid.setdefault(row[0], []).append(row)
    assert sorted(by_pmid) == ["100", "101"]
    flag, keep = by_pmid["100"]
    assert flag[3:] == ["yes", "TGFB1", "symbol", "OSIRIS"] and flag[2] != "TGFB1"
    assert keep[2:] == ["TGFB1", "no", "TGFB1", "symbol", "OSIRIS"]
    assert [row[3:6] for row in by_pmid["101"]] == [["no", "", "none"]]


def test_rows_of_standoff_label_only_titles_naming_no_gene(make_set, tmp_path):
    write_standoff(
        tmp_path, "300", "BRCA1 in ovarian cancer.", ["T1\tGene_or_gene_product 0 5\tBRCA1"]
    )
    write_standoff(tmp_path, "301", "Lung cancer in smokers.", ["T1\tCancer 0 11\tLung cancer"])
    write_standoff(tmp_path, "302", "Cell death in tumours.", ["T1\tCell 0 4\tCell"])

    rows = list(
        make_set.rows_of(
            tmp_path, "CG", load_gene_table(), {}, random.Random(1), frozenset({"Cancer"})
        )
    )

    # 300 names a gene the corpus gives no ID for; 302's Cell annotation is not ignored.
    assert [(row[0], row[3], row[5]) for row in rows] == [("301", "no", "none")]


def write_tagtog(folder: Path, pmid: str, title: str, entities: list[dict]) -> None:
    """A LocText document as tagtog stores it: the page (title part `s1h1`) and its entities."""
    name = f"a{pmid}x-{pmid}"
    (folder / f"{name}.plain.html").write_text(
        '<!DOCTYPE html >\n<html xmlns="http://www.w3.org/1999/xhtml" '
        f'data-origid="{pmid}"><body><article>'
        f'<section data-type="title"><h2 id="s1h1">{title}</h2></section>'
        '<section data-type="abstract"><h2 id="s2h1">Abstract</h2>'
        '<div class="content"><p id="s2p1">The abstract.</p></div></section>'
        "</article></body></html>\n",
        encoding="utf-8",
    )
    (folder / f"{name}.ann.json").write_text(json.dumps({"entities": entities}), "utf-8")


def tagtog_entity(part: str, text: str, start: int, class_id: str, accessions: str | None):
    normalizations = {}
    if accessions is not None:
        normalizations["n_7"] = {"source": {"id": accessions, "name": "UniProtKB"}}
    return {
        "part": part,
        "classId": class_id,
        "offsets": [{"text": text, "start": start}],
        "normalizations": normalizations,
    }


def write_protein_title(folder: Path, pmid: str, title: str, protein: str, accessions) -> None:
    """A LocText document whose title names one protein (with these accessions, or None)."""
    entity = tagtog_entity("s1h1", protein, title.index(protein), "e_1", accessions)
    write_tagtog(folder, pmid, title, [entity])


def test_tagtog_keeps_the_title_part_and_reads_proteins_as_genes_with_accessions(
    make_set, tmp_path
):
    write_tagtog(
        tmp_path,
        "400",
        "p53 in the nucleus of yeast.",
        [
            tagtog_entity("s1h1", "p53", 0, "e_1", "P04637,P02340"),
            tagtog_entity("s1h1", "nucleus", 11, "e_2", None),
            tagtog_entity("s2p1", "abstract", 4, "e_1", "P38398"),
        ],
    )

    documents = make_set.read_documents(tmp_path)

    assert documents == [
        (
            "400",
            "p53 in the nucleus of yeast.",
            [("p53", "Gene", "UniProtKB:P04637,P02340"), ("nucleus", "e_2", "")],
        )
    ]


def test_rows_of_tagtog_name_the_human_gene_among_the_accessions(make_set, tmp_path):
    # P04637 is human TP53's accession, P02340 mouse Trp53's (not in the reference data)
    write_protein_title(tmp_path, "500", "p53 moves to the nucleus.", "p53", "P04637,P02340")

    rows = list(make_set.rows_of(tmp_path, "LocText", load_gene_table(), {}, random.Random(1)))

    flag, keep = rows
    assert flag[3:] == ["yes", "TP53", "alias", "LocText"] and flag[2] != "TP53"
    assert keep[2:] == ["TP53", "no", "TP53", "alias", "LocText"]


def test_rows_of_tagtog_skip_a_protein_without_a_human_accession(make_set, tmp_path):
    # Q9ZWC8 is an Arabidopsis protein's accession; a protein left without one has no ID at all
    write_protein_title(tmp_path, "600", "BRL1 at the plasma membrane.", "BRL1", "Q9ZWC8")
    write_protein_title(tmp_path, "601", "A kinase in plants.", "kinase", None)

    rows = list(make_set.rows_of(tmp_path, "LocText", load_gene_table(), {}, random.Random(1)))

    assert rows == []


def test_rows_of_tagtog_label_a_title_without_a_protein_as_naming_no_gene(make_set, tmp_path):
    write_tagtog(
        tmp_path,
        "700",
        "Sorting to the vacuole in yeast.",
        [
            tagtog_entity("s1h1", "vacuole", 15, "e_2", None),
            tagtog_entity("s1h1", "yeast", 26, "e_3", None),
        ],
    )

    rows = list(
        make_set.rows_of(
            tmp_path, "LocText", load_gene_table(), {}, random.Random(1), frozenset({"e_2", "e_3"})
        )
    )

    assert [(row[0], row[3], row[4], row[5]) for row in rows] == [("700", "no", "", "none")]


# A BioC collection as the RegEl corpus keeps it: title and abstract in one passage, a gene's
# annotation carrying its NCBI Gene ID; and a document whose title has a passage of its own.
BIOC_XML = """<?xml version='1.0' encoding='utf8' standalone='yes'?>
<collection><source></source><date>2021-12-13</date><key></key>
<document><id>800</id><passage><offset>0</offset>
<text>Shh enhancer activity in the mouse limb. The GATA1 gene is elsewhere.</text>
<annotation id="1"><infon key="identifier">20423</infon><infon key="type">GENE</infon>
<location offset="0" length="3"/><text>Shh</text></annotation>
<annotation id="2"><infon key="type">ENHANCER</infon>
<location offset="0" length="12"/><text>Shh enhancer</text></annotation>
<annotation id="3"><infon key="type">SPECIES</infon>
<location offset="29" length="5"/><text>mouse</text></annotation>
<annotation id="4"><infon key="identifier">2623</infon><infon key="type">GENE</infon>
<location offset="45" length="5"/><text>GATA1</text></annotation>
</passage></document>
<document><id>801</id>
<passage><infon key="type">title</infon><offset>0</offset><text>Limb growth in mice. A review.</text>
<annotation id="1"><infon key="type">SPECIES</infon>
<location offset="15" length="4"/><text>mice</text></annotation></passage>
<passage><infon key="type">abstract</infon><offset>31</offset><text>BRCA1 is not named above.</text>
<annotation id="2"><infon key="identifier">672</infon><infon key="type">GENE</infon>
<location offset="31" length="5"/><text>BRCA1</text></annotation></passage>
</document>
</collection>
"""


def test_bioc_title_ends_at_the_first_sentence_end_or_is_its_own_passage(make_set, tmp_path):
    corpus = tmp_path / "regel.xml"
    corpus.write_text(BIOC_XML, encoding="utf-8")

    documents = make_set.read_documents(corpus)

    assert documents == [
        (
            "800",
            "Shh enhancer activity in the mouse limb.",
            [
                ("Shh", "Gene", "20423"),
                ("Shh enhancer", "ENHANCER", ""),
                ("mouse", "SPECIES", ""),
            ],
        ),
        ("801", "Limb growth in mice. A review.", [("mice", "SPECIES", "")]),
    ]


def test_rows_of_bioc_map_a_mouse_gene_to_the_human_gene_of_its_symbol(make_set, tmp_path):
    corpus = tmp_path / "regel.xml"
    corpus.write_text(BIOC_XML, encoding="utf-8")
    mouse_symbols = {20423: "Shh"}  # as other_species_symbols reads Mus_musculus.gene_info

    rows = list(
        make_set.rows_of(
            corpus,
            "RegEl",
            load_gene_table(),
            mouse_symbols,
            random.Random(1),
            frozenset({"SPECIES"}),
        )
    )

    # 800 names Shh (SHH); 801 names no gene (its species is ignored, the abstract's BRCA1 is not
    # in the title)
    assert [(row[0], row[3], row[4], row[5]) for row in rows] == [
        ("800", "yes", "SHH", "symbol"),
        ("800", "no", "SHH", "symbol"),
        ("801", "no", "", "none"),
    ]
    assert rows[0][2] != "SHH" and rows[1][2] == "SHH"


def write_brat(folder: Path, uid: str, title: str, annotations: list[str]) -> None:
    """A JNLPBA document as spyysalo/jnlpba keeps it: `<MEDLINE UID>.txt` beside `.ann`."""
    folder.mkdir(exist_ok=True)
    (folder / f"{uid}.txt").write_text(f"{title}\nThe abstract.\n", encoding="utf-8")
    (folder / f"{uid}.ann").write_text("".join(a + "\n" for a in annotations), "utf-8")


JNLPBA_GENE_TYPES = frozenset({"protein", "DNA", "RNA"})


def test_brat_folder_reads_its_gene_types_as_genes_and_skips_repeated_copies(make_set, tmp_path):
    write_brat(tmp_path, "900", "GATA-1 in erythroid cells.", ["T1\tprotein 0 6\tGATA-1"])
    write_brat(tmp_path, "900-2", "GATA-1 in erythroid cells.", ["T1\tprotein 0 6\tGATA-1"])
    write_brat(
        tmp_path, "901", "Apoptosis of human T cells.", ["T1\tcell_type 13 26\thuman T cells"]
    )

    documents = make_set.read_documents(tmp_path, make_set.STANDOFF_GENE_TYPES | JNLPBA_GENE_TYPES)

    assert documents == [
        ("900", "GATA-1 in erythroid cells.", [("GATA-1", "Gene", "")]),
        ("901", "Apoptosis of human T cells.", [("human T cells", "cell_type", "")]),
    ]
    # without the corpus's types, its protein is just another kind of annotation
    assert make_set.read_documents(tmp_path)[0][2] == [("GATA-1", "protein", "")]


def jnlpba_rows(make_set, folder: Path, **options) -> list[list[str]]:
    return list(
        make_set.rows_of(
            folder,
            "JNLPBA",
            load_gene_table(),
            {},
            random.Random(1),
            frozenset({"cell_type"}),
            options.pop("excluded", frozenset()),
            gene_types=make_set.STANDOFF_GENE_TYPES | JNLPBA_GENE_TYPES,
            **options,
        )
    )


def test_rows_of_brat_take_the_pmid_of_each_uid_and_skip_a_uid_without_one(make_set, tmp_path):
    write_brat(tmp_path, "901", "Apoptosis of human T cells.", ["T1\tcell_type 13 26\tT cells"])
    write_brat(tmp_path, "902", "Dendritic cells in arthritis.", ["T1\tcell_type 0 15\tDendritic"])
    write_brat(tmp_path, "903", "Asthma in children.", ["T1\tprotein 30 33\tIL4"])

    rows = jnlpba_rows(make_set, tmp_path, pmid_of={"901": "11001", "903": "11003"})

    assert [(row[0], row[1], row[3], row[5]) for row in rows] == [
        ("11001", "Apoptosis of human T cells.", "no", "none"),
        ("11003", "Asthma in children.", "no", "none"),
    ]
    # a set's PMIDs are excluded by the PMID, not by the corpus's own ID
    excluded = jnlpba_rows(
        make_set, tmp_path, pmid_of={"901": "11001", "903": "11003"}, excluded=frozenset({"11001"})
    )
    assert [row[0] for row in excluded] == ["11003"]


def test_rows_of_brat_skip_titles_writing_a_gene_name_of_another_split(make_set, tmp_path):
    test, train = tmp_path / "test", tmp_path / "train"
    write_brat(test, "910", "Actions of prolactin in the immune system.", ["T1\tcell_type 0 7\tx"])
    write_brat(test, "911", "Tumour growth in mice.", ["T1\tcell_type 0 6\tTumour"])
    write_brat(test, "912", "GM-CSF and T cells.", ["T1\tcell_type 11 18\tT cells"])
    write_brat(train, "920", "Prolactin acts on T cells.", ["T1\tprotein 0 9\tProlactin"])
    write_brat(train, "921", "A title.\nGM-CSF is made.", ["T1\tprotein 9 15\tGM-CSF"])

    alone = jnlpba_rows(make_set, test)
    with_train = jnlpba_rows(make_set, test, names_from=(train,))

    assert [row[0] for row in alone] == ["910", "911", "912"]
    # "Prolactin" opens a sentence where the other split annotates it: the title's "prolactin" is
    # the same name, left unannotated; GM-CSF likewise
    assert [row[0] for row in with_train] == ["911"]


def test_rows_of_annotated_titles_only_skip_a_title_annotated_with_nothing(make_set, tmp_path):
    write_brat(tmp_path, "930", "Hepatic injury.", ["T1\tprotein 20 23\tTNF"])
    write_brat(tmp_path, "931", "Apoptosis of human T cells.", ["T1\tcell_type 13 26\tT cells"])

    assert [row[0] for row in jnlpba_rows(make_set, tmp_path)] == ["930", "931"]
    assert [row[0] for row in jnlpba_rows(make_set, tmp_path, annotated_titles_only=True)] == [
        "931"
    ]


def test_half_of_splits_pmids_by_seed_alone(make_set):
    pmids = [str(10_000_000 + n) for n in range(400)]

    halves = [make_set.half_of(pmid, 405) for pmid in pmids]

    assert set(halves) == {"first", "second"}
    assert 150 < halves.count("first") < 250
    # the same PMID falls in the same half whatever else is split with it, or in what order
    assert [make_set.half_of(pmid, 405) for pmid in reversed(pmids)] == halves[::-1]
    assert [make_set.half_of(pmid, 406) for pmid in pmids] != halves


def test_pmids_of_reads_a_set_or_a_plain_list_of_pmids(make_set, tmp_path):
    labelled = tmp_path / "set.tsv"
    labelled.write_text(
        "pmid\ttitle\tpage_symbol\tflag\tgenes_named\tmention\tsource\n"
        "123\tA Title.\tHBB\tno\t\tnone\tX\n",
        encoding="utf-8",
    )
    plain = tmp_path / "pmids.txt"
    plain.write_text("456\n789\n\n", encoding="utf-8")

    assert make_set.pmids_of(labelled) == {"123", "a title."}
    assert make_set.pmids_of(plain) == {"456", "789"}


def test_read_id_map_pairs_each_uid_with_its_pmid(make_set, tmp_path):
    id_map = tmp_path / "MUID-PMID-map.txt"
    id_map.write_text("20216392\t10755616\n20219245\t10754304\n\n", encoding="utf-8")

    assert make_set.read_id_map(id_map) == {"20216392": "10755616", "20219245": "10754304"}


HAND_LABELS = (
    "pmid\ttitle\tgenes\tmentions\tsource\tnote\n"
    "900\tp53 binds MDM2 in the nucleus.\tTP53 MDM2\talias;symbol\trepo:a.xml\t\n"
    "901\tA survey of clinic waiting times.\t\tnone\trepo:b.json\t\n"
    "902\tMAP kinases in stress.\t\tfamily_only\trepo:a.xml\ta family\n"
)


def test_hand_labels_give_both_rows_of_a_gene_title_and_skip_a_family_title(make_set, tmp_path):
    labels = tmp_path / "labels.tsv"
    labels.write_text(HAND_LABELS, encoding="utf-8")

    rows = list(make_set.rows_of_hand_labels(labels, load_gene_table(), random.Random(405)))

    title, other = "p53 binds MDM2 in the nucleus.", "A survey of clinic waiting times."
    flagged, own, none = rows
    assert flagged[:2] == ["900", title] and flagged[3:] == [
        "yes",
        "TP53 MDM2",
        "symbol",
        "repo:a.xml",
    ]
    assert flagged[2] in make_set.PAGE_GENES and flagged[2] not in ("TP53", "MDM2")
    assert own == ["900", title, "TP53", "no", "TP53 MDM2", "alias", "repo:a.xml"]
    assert none[:2] == ["901", other] and none[3:] == ["no", "", "none", "repo:b.json"]


def test_hand_labels_stop_at_an_unknown_symbol_or_an_unpaired_kind(make_set, tmp_path):
    labels = tmp_path / "labels.tsv"
    for row in ("900\tT\tP53\talias\ts\t\n", "900\tT\tTP53 MDM2\talias\ts\t\n"):
        labels.write_text(HAND_LABELS.splitlines(keepends=True)[0] + row, encoding="utf-8")
        with pytest.raises(SystemExit):
            list(make_set.rows_of_hand_labels(labels, load_gene_table(), random.Random(405)))
