"""Labelled title rows for benchmarks/bench_gl405.py from a corpus with gene annotations.

    python benchmarks/make_gl405_set.py CORPUS --source "NLM-Gene Test" \
        [--other-species Mus_musculus.gene_info.gz ...] >> benchmarks/data/SET.tsv

CORPUS is a PubTator file, the OSIRIS corpus's XML (genes marked inline in the title with their
Entrez IDs), or a BioNLP Shared Task folder of `PMID-*.txt` / `.a1` standoff files (gene or gene
product mentions without IDs: only the titles naming no gene can be labelled, so use it with
--no-gene-only), or a folder of tagtog documents (`<name>.plain.html` beside `<name>.ann.json`, as
the LocText corpus is kept; proteins normalised to UniProtKB accessions, mapped to human genes
through the reference data's UniProt IDs), or a BioC XML collection (as the RegEl corpus is
kept; gene annotations with NCBI Gene IDs).

The genes a title names are the corpus's `Gene` annotations that lie inside the title (NCBI Gene
IDs). A non-human gene is taken for the human gene whose approved symbol is its symbol (any case),
else whose only alias or previous symbol it is; a title naming a gene that has no human
counterpart so found, or only gene families or domains, gives no row (what it should do is
unclear). Each other title gives rows as the held-out set's do: one to flag, tested against a page
gene from PAGE_GENES that it does not name, and one not to flag, tested against the first human
gene it names; a title naming no gene gives one row not to flag. The kind of mention is worked out
from the reference data: `symbol`, `alias` (or previous symbol), `full name`, else
`protein name`; a row to flag takes the clearest kind among the title's mentions.

Options for corpora made for other things than genes: `--ignore-types Disease Species ...` names
the annotation types that say nothing about genes (by default a title whose annotations are all
of other types than `Gene`, such as GNormPlus's `FamilyName`, gives no row), `--exclude FILE ...`
leaves out the PMIDs of earlier sets (a corpus may reuse abstracts of another), `--no-gene-only`
with `--max-rows N` takes only titles naming no gene, N of them in a seeded random order (a corpus
whose gene annotations carry no IDs still tells which titles name none).

The third held-out set, gl405_heldout_tmvar3_drugprot.tsv, was made so (corpora from
ncbi/AIONER's data/pubtator, MIT; tmVar 3.0 is NCBI's, public domain; DrugProt, CC BY 4.0):

    python benchmarks/make_gl405_set.py tmVar3_Train.PubTator --source "tmVar3 Train" --header \
        --ignore-types Disease Species CellLine DNAMutation ProteinMutation SNP AcidChange \
        DNAAllele ProteinAllele OtherMutation --exclude benchmarks/data/gl405_*.tsv \
        --other-species Mus_musculus.gene_info.gz Danio_rerio.gene_info.gz \
        Drosophila_melanogaster.gene_info.gz > benchmarks/data/gl405_heldout_tmvar3_drugprot.tsv
    (the same for tmVar3_Test.PubTator, --source "tmVar3 Test", without --header, >>)
    python benchmarks/make_gl405_set.py DrugProt_Test.PubTator --source "DrugProt Test" \
        --ignore-types Chemical --no-gene-only --max-rows 100 >> ...

The fourth held-out set, gl405_heldout4_osiris_cg.tsv (built 2026-12-03, at ad99d22, before any
rule change of that session), and the development set gl405_dev_cg_nogene.tsv were made so from
two corpora that no earlier set used:
- OSIRIS v01 (Furlong et al., BMC Bioinformatics 2008, 9:84; 105 MEDLINE abstracts on human
  gene variants, genes marked with Entrez Gene IDs; CC BY 3.0): OSIRIScorpusv01.xml as kept in
  Erechtheus/mutationCorpora, corpora/original/Osiris/ (commit 20868ae);
- BioNLP Shared Task 2013 Cancer Genetics (CG; Pyysalo, Ohta, Ananiadou 2013; 600 abstracts,
  every gene or gene product annotated, without IDs; annotations CC BY-SA 3.0 by NaCTeM,
  abstracts from PubMed): original-data/{train,devel,test} of openbiocorpora/bionlp-st-2013-cg
  (commit b4a603d).

    CG="Organism Organism_subdivision Anatomical_system Organ Multi-tissue_structure Tissue \
        Developing_anatomical_structure Cell Cellular_component Organism_substance \
        Immaterial_anatomical_entity Simple_chemical Amino_acid Pathological_formation Cancer \
        Protein_domain_or_region DNA_domain_or_region"
    EXCLUDE="benchmarks/data/gl405_*.tsv benchmarks/data/paper_titles.tsv"  # the sets of ad99d22
    python benchmarks/make_gl405_set.py OSIRIScorpusv01.xml --source "OSIRIS" --header \
        --exclude $EXCLUDE > h4.tsv
    python benchmarks/make_gl405_set.py cg/test --source "CG Test" --ignore-types $CG \
        --no-gene-only --exclude $EXCLUDE >> h4.tsv
    mv h4.tsv benchmarks/data/gl405_heldout4_osiris_cg.tsv
    python benchmarks/make_gl405_set.py cg/train --source "CG Train" --header --ignore-types $CG \
        --no-gene-only --exclude $EXCLUDE > dev.tsv
    python benchmarks/make_gl405_set.py cg/devel --source "CG Development" --ignore-types $CG \
        --no-gene-only --exclude $EXCLUDE >> dev.tsv
    mv dev.tsv benchmarks/data/gl405_dev_cg_nogene.tsv

The development set gl405_dev_ge_pc_nogene.tsv (built 2026-12-03) holds the titles naming no gene of
two more BioNLP Shared Task corpora that annotate every gene or gene product without IDs: GE 2011
(GENIA's abstracts and full texts on transcription factors in human blood cells; openbiocorpora/
bionlp-st-2011-ge, commit 8d58834; annotations for research use, see its LICENSE) and PC 2013
(pathway curation; openbiocorpora/bionlp-st-2013-pc, commit ef65fe2; annotations CC BY-SA 3.0 by
NaCTeM and KISTI). A document annotated with nothing is skipped, and so is a title that writes a
name the corpus annotates elsewhere (GE leaves some titles unannotated):

    EXCLUDE="benchmarks/data/gl405_*.tsv benchmarks/data/paper_titles.tsv"
    python benchmarks/make_gl405_set.py ge/train --source "GE 2011 Train" --header --no-gene-only \
        --exclude $EXCLUDE > dev.tsv      # then ge/devel, ge/test ("Development", "Test"), >>
    python benchmarks/make_gl405_set.py pc/train --source "PC 2013 Train" --no-gene-only \
        --ignore-types Simple_chemical Cellular_component --exclude $EXCLUDE >> dev.tsv  # devel, test

The held-out set has 158 titles, 247 rows: 89 OSIRIS titles naming genes (89 rows to flag, 89
not to flag), 13 OSIRIS titles and 56 CG Test titles naming none (69, 44%); none of their PMIDs
or titles is in an earlier set. (OSIRIS titles with a gene marked without an ID, `g_id="No"`,
give no row.) The development set has the 109 titles of CG Train (80) and Development (29)
naming no gene, disjoint from the held-out set (CG's splits share no abstract).

The fifth held-out set, gl405_heldout5_loctext_regel.tsv (built 2026-12-03 at 4f894b9, before
any rule change of that session), was made so from two corpora that no earlier set used:
- LocText (Cejuela et al., Bioinformatics 2018; 100 PubMed abstracts, proteins normalised to
  UniProtKB accessions, cell compartments, organisms; Apache-2.0 as kept in Rostlab/LocText,
  commit 3871f86): the 100 documents of resources/corpora/LocText/
  LocText_annjson_with_normalizations_latest_5_feb_2017 copied into one folder `loctext/` with
  their pages from LocText_anndoc_original_without_normalizations/LocText_plain_html/pool;
- RegEl (Garda et al., Database 2022, baac043; 305 PubMed abstracts, regulatory elements and
  genes, diseases, species, variants, tissues at mention level, genes with NCBI Gene IDs; no
  licence is stated in the repository): data/corpus/bioc/regel-corpus.xml of reg-el/regel-corpus
  (commit c7a286f). Title and abstract are one passage there: the title is read up to the first
  sentence end (the six titles whose last word is short were checked by eye: all end there).
Non-human genes are mapped through NCBI's Mus_musculus, Danio_rerio and Drosophila_melanogaster
gene_info of 2021-11 (as kept in yipryan2/pubmed, data/, commit b588b10).

    EXCLUDE="benchmarks/data/gl405_*.tsv benchmarks/data/paper_titles.tsv"  # the sets of 4f894b9
    OUT=benchmarks/data/gl405_heldout5_loctext_regel.tsv
    python benchmarks/make_gl405_set.py loctext/ --source "LocText" --header \
        --ignore-types e_2 e_3 --exclude $EXCLUDE > $OUT
    python benchmarks/make_gl405_set.py regel-corpus.xml --source "RegEl" \
        --ignore-types TISSUE DISEASE SPECIES --exclude $EXCLUDE --other-species \
        Mus_musculus.gene_info.gz Danio_rerio.gene_info.gz Drosophila_melanogaster.gene_info.gz >> $OUT

It has 355 titles, 619 rows: 264 titles naming genes (264 rows to flag, 264 not to flag: 33 of
LocText, 231 of RegEl) and 91 naming none (26%: 33 of LocText, 58 of RegEl); none of their PMIDs
or titles is in an earlier set. A LocText protein whose accessions are none of a human gene (yeast,
Arabidopsis and other species' proteins: the reference data maps human accessions only) gives its
title no row, as does one left without an accession; a RegEl title with an enhancer, promoter,
binding site, region or variant and no gene gives none either (such a name often holds a gene's
name that the corpus did not mark as a gene).

The sixth held-out set, gl405_heldout6_nogene.tsv, and the development set gl405_dev6_nogene.tsv
(built 2026-12-03 at 370b9b5, the eighth session's start, before any rule change of that session)
hold titles naming no gene of one corpus no earlier set used:
- JNLPBA 2004 (Kim et al., JNLPBA workshop 2004; GENIA's term annotation reduced to protein, DNA,
  RNA, cell_line and cell_type, every mention annotated, without IDs; GENIA Project licence for
  annotated corpora, abstracts from PubMed): its Test part (404 abstracts, annotated for the
  shared task) and its Train part (GENIA's 2,000 abstracts) as brat files in spyysalo/jnlpba
  (commit 4455122), standoff/test and standoff/train, named by MEDLINE UID; conversion/MUID-PMID-
  map.txt gives their PMIDs. A title with a protein, DNA or RNA mention names a gene or gene
  product; cell lines and types say nothing of genes. A title that writes, unannotated, a name
  the corpus annotates as protein, DNA or RNA in either part is left out (JNLPBA leaves some
  titles' proteins unannotated: "GRbeta expression in nasal polyp inflammatory cells").
Every PMID of the BioNLP Shared Task corpora used before or looked at (GE 2011, EPI 2011, PC 2013,
CG 2013, GRO 2013: GENIA's abstracts recur in GE and in JNLPBA Train) is left out as well as the
sets' PMIDs and titles: `bionlp_st_pmids.txt` is the union of `git ls-tree -r --name-only HEAD |
grep -o 'PMID-[0-9]*'` over openbiocorpora/bionlp-st-2011-ge (8d58834), -2011-epi (9e9b686),
-2013-pc (ef65fe2), -2013-cg (b4a603d) and -2013-gro (8d044d9), without the `PMID-`. The split is
by PMID, seeded (`--split-seed 405`): the first half is held out, the second is for development.

    # the sets of 370b9b5: a later checkout must leave out gl405_*6_nogene.tsv and *_audit.tsv
    EXCLUDE="benchmarks/data/gl405_*.tsv benchmarks/data/paper_titles.tsv bionlp_st_pmids.txt"
    J=jnlpba  # spyysalo/jnlpba at 4455122: standoff/ and conversion/
    COMMON="--gene-types protein DNA RNA --ignore-types cell_line cell_type --no-gene-only \
        --id-map $J/conversion/MUID-PMID-map.txt --exclude $EXCLUDE --split-seed 405"
    for HALF in first second; do
        OUT=$([ $HALF = first ] && echo gl405_heldout6_nogene.tsv || echo gl405_dev6_nogene.tsv)
        python benchmarks/make_gl405_set.py $J/standoff/test --source "JNLPBA Test" --header \
            --names-from $J/standoff/train $COMMON --half $HALF > benchmarks/data/$OUT
        python benchmarks/make_gl405_set.py $J/standoff/train --source "JNLPBA Train (GENIA)" \
            --names-from $J/standoff/test $COMMON --half $HALF >> benchmarks/data/$OUT
    done

The held-out set has 51 titles (22 of JNLPBA Test, 29 of Train), the development set 61 (22 and
39), all naming no gene; they share no PMID or title, and none is in an earlier set.

The seventh held-out set, gl405_heldout7_hand.tsv (built 2026-12-04), comes from no corpus: its
titles (WikiPathways bibliographies, PubMedQA, PMC reference lists, Biofactoid's test documents;
docs/gl405.md, "Sets") were labelled by hand in gl405_heldout7_labels.tsv, whose rows this script
turns into the set's, with the same seeded page genes as a corpus's:

    python benchmarks/make_gl405_set.py --hand-labels benchmarks/data/gl405_heldout7_labels.tsv \
        --header > benchmarks/data/gl405_heldout7_hand.tsv
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

# The page genes the earlier sets test titles against (genes curation pages are often about).
PAGE_GENES = (
    "ACADM ALAS2 APC APOE BMX CFTR CLDN1 COL1A1 DMD DNAJC5 F8 FBN1 FMR1 G6PD GBA1 GJB2 HBB HEXA "
    "HFE HTR4 LDLR LMNA MLH1 MYH7 NF1 OTC PAH PKD1 PTEN RB1 RET SCN1A SERPINA1 SMN1 TSC2 TUSC3 "
    "UPF3B VHL WT1 YTHDF3"
).split()
KIND_ORDER = ["symbol", "alias", "full name", "protein name"]
COLUMNS = ["pmid", "title", "page_symbol", "flag", "genes_named", "mention", "source"]


def read_pubtator(path: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(pmid, title, [(mention text, type, IDs), ...] inside the title) per document."""
    documents, title, pmid, mentions = [], "", "", []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if "|t|" in line[:20]:
            pmid, _, title = line.partition("|t|")
            mentions = []
        elif not line.strip():
            if pmid:
                documents.append((pmid, title, mentions))
            pmid = ""
        else:
            cells = line.split("\t")
            if len(cells) >= 5 and cells[0] == pmid and int(cells[2]) <= len(title):
                mentions.append((cells[3], cells[4], cells[5] if len(cells) > 5 else ""))
    return documents


def read_osiris(path: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The same from the OSIRIS corpus's XML: `<Article>`s whose `<Title>` marks each gene inline
    as `<gene g_id="Entrez ID" ...>text</gene>` (`g_id="No"` where the gene has no ID)."""
    documents = []
    for article in ElementTree.parse(path).getroot().iter("Article"):
        title_element = article.find("Title")
        if title_element is None:
            continue
        title = "".join(title_element.itertext())
        mentions = [
            ("".join(gene.itertext()), "Gene", gene.get("g_id", ""))
            for gene in title_element.iter("gene")
        ]
        documents.append((article.findtext("Pmid", "").strip(), title, mentions))
    return documents


# Standoff types that name a gene or its product (BioNLP Shared Task corpora: CG, PC, GE).
STANDOFF_GENE_TYPES = frozenset({"Gene_or_gene_product", "Protein", "Gene"})


def read_standoff(
    folder: Path, gene_types: frozenset[str] = STANDOFF_GENE_TYPES
) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The same from a BioNLP Shared Task folder: `PMID-<pmid>.txt` (the title on the first line)
    beside `PMID-<pmid>.a1` (`T1<TAB>Type start end<TAB>text`), or a brat folder of `<id>.txt` beside
    `<id>.ann` (the JNLPBA corpus as kept in spyysalo/jnlpba; `<id>-2.txt` there is a copy of a
    document whose ID the corpus repeats, and is skipped); of a full text (`PMC-<id>-NN-
    SECTION.txt`, GE 2011) only the title-and-abstract file, its ID read as `PMC<id>`, since each
    other section opens on its heading. These corpora give no gene IDs, so a mention of one of
    `gene_types` (a gene or gene product) comes back as a `Gene` without IDs: the title gives a row
    only if it names no gene, which is what such a corpus tells reliably (use with --no-gene-only)."""
    documents = []
    for text_path in sorted(folder.glob("*.txt")):
        if text_path.stem.startswith("PMC-") and not text_path.stem.endswith("-TIAB"):
            continue  # a full text's other sections: only its title and abstract open on the title
        if re.fullmatch(r"\d+-\d+", text_path.stem):
            continue  # a second copy of a document (JNLPBA repeats three IDs)
        pmid = text_path.stem.removeprefix("PMID-")
        if pmid.startswith("PMC-"):
            pmid = "PMC" + pmid.split("-")[1]
        title = text_path.read_text(encoding="utf-8").split("\n", 1)[0].rstrip()
        mentions = []
        annotations = standoff_annotations(text_path)
        lines = annotations.read_text(encoding="utf-8").splitlines() if annotations else []
        if not any(line.startswith("T") for line in lines):
            continue  # not annotated at all (GE 2011 has such abstracts): it tells nothing
        for line in lines:
            cells = line.split("\t")
            if len(cells) < 3 or not cells[0].startswith("T"):
                continue
            kind, *offsets = cells[1].split(" ")
            if int(offsets[-1]) > len(title):
                continue
            if kind in gene_types:
                kind = "Gene"
            mentions.append((cells[2], kind, ""))
        documents.append((pmid, title, mentions))
    return documents


def standoff_annotations(text_path: Path) -> Path | None:
    """The annotation file beside a standoff text: BioNLP-ST's `.a1`, else brat's `.ann`."""
    for suffix in (".a1", ".ann"):
        if text_path.with_suffix(suffix).exists():
            return text_path.with_suffix(suffix)
    return None


def annotated_gene_names(
    folder: Path, gene_types: frozenset[str] = STANDOFF_GENE_TYPES
) -> frozenset[str]:
    """Every gene or gene product's mention a BioNLP-ST corpus annotates, in titles and abstracts
    alike: a title that writes one of them unannotated was left unannotated (GE 2011 leaves some
    titles so, "… the human glucocorticoid receptor"), so it cannot say that it names no gene. A
    name in lower case after its capital is also taken with its first letter lowered (since the
    eighth session: JNLPBA annotates "Prolactin" opening a sentence and leaves a title's
    "prolactin" unannotated)."""
    names = set()
    for standoff in [*folder.glob("*.a1"), *folder.glob("*.ann")]:
        for line in standoff.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 3 and cells[1].split(" ")[0] in gene_types:
                names.add(cells[2])
                if cells[2][:1].isupper() and cells[2][1:].islower():
                    # capitalised only where it opens a sentence: "Prolactin" is "prolactin"
                    names.add(cells[2][0].lower() + cells[2][1:])
    return frozenset(n for n in names if len(n) >= 2)


def writes_any(title: str, names: frozenset[str]) -> bool:
    """Whether the title writes one of the names as whole words, in their case."""
    return any(
        name in title and re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", title)
        for name in names
    )


# tagtog's entity classes in the LocText corpus: e_1 protein (UniProtKB accessions), e_2 cell
# compartment (GO), e_3 organism (NCBI Taxonomy), e_4 unnormalised others.
TAGTOG_GENE_CLASS = "e_1"


def read_tagtog(folder: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The same from a folder of tagtog documents (the LocText corpus): `<name>.plain.html`, the
    abstract with its title in `<section data-type="title">`, beside `<name>.ann.json`, entities
    with their part, offsets and normalisations. A protein (class e_1) comes back as a `Gene`
    whose IDs are `UniProtKB:` and its accessions, any of which it may be (orthologues or
    isoforms the annotator could not tell apart); other classes keep their class ID."""
    documents = []
    for annotation_path in sorted(folder.glob("*.ann.json")):
        name = annotation_path.name.removesuffix(".ann.json")
        page = ElementTree.parse(folder / f"{name}.plain.html").getroot()
        pmid = page.get("data-origid", name.rsplit("-", 1)[-1])
        title_part = next(
            element
            for section in page.iter()
            if section.get("data-type") == "title"
            for element in section
            if element.get("id")
        )
        title = "".join(title_part.itertext()).strip()
        mentions = []
        for entity in json.loads(annotation_path.read_text(encoding="utf-8"))["entities"]:
            if entity["part"] != title_part.get("id"):
                continue
            text = " ".join(offset["text"] for offset in entity["offsets"])
            if entity["classId"] != TAGTOG_GENE_CLASS:
                mentions.append((text, entity["classId"], ""))
                continue
            accessions = [
                accession.strip()
                for normalisation in entity.get("normalizations", {}).values()
                if normalisation["source"].get("name") == "UniProtKB"
                for accession in (normalisation["source"].get("id") or "").split(",")
                if accession.strip()
            ]
            mentions.append((text, "Gene", "UniProtKB:" + ",".join(accessions)))
        documents.append((pmid, title, mentions))
    return documents


# Where a BioC passage holding the title and the abstract ends its title: the first full stop,
# question or exclamation mark before a space and a capital, a digit, a bracket or a quote.
TITLE_END = re.compile(r"[.?!](?= [A-Z0-9\[(\"'])")
BIOC_GENE_TYPES = frozenset({"GENE", "Gene", "GeneOrGeneProduct"})


def read_bioc(path: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The same from a BioC XML collection (the RegEl corpus): each `<document>`'s title passage
    (infon `type` `title`), or, where one passage holds the title and the abstract, its text up to
    the first sentence end. An annotation of a gene type inside the title comes back as a `Gene`
    with its `identifier` infon (NCBI Gene IDs); others keep their type."""
    documents = []
    for document in ElementTree.parse(path).getroot().iter("document"):
        passages = document.findall("passage")
        titled = [p for p in passages if p.findtext("infon[@key='type']", "") == "title"]
        passage = (titled or passages)[0]
        text = passage.findtext("text", "")
        start = int(passage.findtext("offset", "0"))
        end = TITLE_END.search(text) if not titled else None
        title = text[: end.end()] if end else text
        mentions = []
        for annotation in passage.iter("annotation"):
            location = annotation.find("location")
            offset = int(location.get("offset")) - start
            if offset + int(location.get("length")) > len(title):
                continue
            kind = annotation.findtext("infon[@key='type']", "")
            identifier = annotation.findtext("infon[@key='identifier']", "")
            if kind in BIOC_GENE_TYPES:
                mentions.append((annotation.findtext("text", ""), "Gene", identifier))
            else:
                mentions.append((annotation.findtext("text", ""), kind, ""))
        documents.append((document.findtext("id", "").strip(), title, mentions))
    return documents


def read_documents(
    path: Path, gene_types: frozenset[str] = STANDOFF_GENE_TYPES
) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """A corpus in any of the formats read here, told apart by its shape (`gene_types`: the
    standoff types that name a gene or gene product)."""
    if path.is_dir() and any(path.glob("*.ann.json")):
        return read_tagtog(path)
    if path.is_dir():
        return read_standoff(path, gene_types)
    if path.suffix == ".xml" and ElementTree.parse(path).getroot().tag == "collection":
        return read_bioc(path)
    if path.suffix == ".xml":
        return read_osiris(path)
    return read_pubtator(path)


def other_species_symbols(paths: list[Path]) -> dict[int, str]:
    symbols = {}
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                if row and row[0].isdigit():
                    symbols[int(row[1])] = row[2]
    return symbols


def human_gene(entrez_id: int, table, symbols: dict[int, str]):
    gene = table.by_entrez_id(entrez_id)
    if gene is not None:
        return gene
    symbol = symbols.get(entrez_id)
    if not symbol:
        return None
    approved = [g for g in table.by_symbol(symbol.upper())]
    if approved:
        return approved[0]
    named = {
        g.entrez_id: g
        for g in table.by_alias(symbol.upper()) + table.by_previous_symbol(symbol.upper())
    }
    return next(iter(named.values())) if len(named) == 1 else None


def mention_kind(text: str, gene) -> str:
    from genelint.refdata.nameindex import name_forms, phrase_of

    if text.upper() == gene.symbol.upper():
        return "symbol"
    if text.upper() in {n.upper() for n in (*gene.aliases, *gene.previous_symbols)}:
        return "alias"
    if phrase_of(text) in name_forms(gene.name) | {phrase_of(gene.name) + "s"}:
        return "full name"
    return "protein name"


def rows_of(
    path: Path,
    source: str,
    table,
    symbols: dict[int, str],
    rng: random.Random,
    ignored_types: frozenset[str] = frozenset(),
    excluded: frozenset[str] = frozenset(),
    *,
    gene_types: frozenset[str] = STANDOFF_GENE_TYPES,
    pmid_of: dict[str, str] | None = None,
    annotated_titles_only: bool = False,
    names_from: tuple[Path, ...] = (),
):
    """Labelled rows of a corpus's titles. `gene_types`: the standoff types that name a gene or
    gene product; `pmid_of`: the PMID of each document ID, where the corpus names its documents
    otherwise (a document without one gives no row); `annotated_titles_only`: skip a title that
    carries no annotation of any type (in a corpus that leaves some titles unannotated, such a
    title says nothing of the genes it names); `names_from`: more folders of the same corpus whose
    annotated gene names a title without a gene must not write either (its other split)."""
    unannotated = frozenset().union(
        *(
            annotated_gene_names(folder, gene_types)
            for folder in (path, *names_from)
            if folder.is_dir()
        )
    )
    for pmid, title, mentions in read_documents(path, gene_types):
        if pmid_of is not None:
            pmid = pmid_of.get(pmid, "")
            if not pmid:
                continue
        if pmid in excluded or title.casefold() in excluded:
            continue
        if annotated_titles_only and not mentions:
            continue
        if not any(kind == "Gene" for _, kind, _ in mentions) and writes_any(title, unannotated):
            continue  # a name the corpus annotates elsewhere, left unannotated here
        genes, kinds, unmapped = {}, [], False
        others = [m for m in mentions if m[1] != "Gene" and m[1] not in ignored_types]
        for text, kind, ids in mentions:
            if kind != "Gene":
                continue
            if ids.startswith("UniProtKB:"):
                # accessions the mention may be any of: it names the human genes among them
                found = {
                    gene.symbol: gene
                    for accession in ids.removeprefix("UniProtKB:").split(",")
                    if accession
                    for gene in table.by_identifier("UniProtKB", accession)
                }
                unmapped = unmapped or not found
                for gene in found.values():
                    genes.setdefault(gene.symbol, gene)
                    kinds.append((gene.symbol, mention_kind(text, gene)))
                continue
            for part in ids.replace(",", ";").split(";"):
                part = part.split("(")[0].strip()
                gene = human_gene(int(part), table, symbols) if part.isdigit() else None
                if gene is None:
                    unmapped = True
                    continue
                genes.setdefault(gene.symbol, gene)
                kinds.append((gene.symbol, mention_kind(text, gene)))
        if unmapped or (not genes and others):
            continue
        yield from title_rows(pmid, title, list(genes), kinds, source, rng)


def title_rows(
    pmid: str,
    title: str,
    genes: list[str],
    kinds: list[tuple[str, str]],
    source: str,
    rng: random.Random,
):
    """The rows of one title naming `genes` (human symbols, in title order; `kinds` pairs each
    with a kind of its mention): one row to flag, against a page gene it does not name, and one
    not to flag, against the first gene; a title naming none gives one row not to flag."""
    if not genes:
        yield [pmid, title, rng.choice(PAGE_GENES), "no", "", "none", source]
        return
    named = " ".join(genes)
    clearest = min((k for _, k in kinds), key=KIND_ORDER.index)
    page = rng.choice([s for s in PAGE_GENES if s not in genes])
    yield [pmid, title, page, "yes", named, clearest, source]
    first = genes[0]
    own = min((k for s, k in kinds if s == first), key=KIND_ORDER.index)
    yield [pmid, title, first, "no", named, own, source]


# A hand-labels row whose `mentions` says so names only a family, complex or class, or only
# another species' gene without a human ortholog of that name: it gives no row.
LEFT_OUT_LABELS = ("family_only", "non_human_only")


def rows_of_hand_labels(
    path: Path, table, rng: random.Random, excluded: frozenset[str] = frozenset()
):
    """Labelled rows of titles read by hand (columns pmid, title, genes, mentions, source, note):
    `genes` the HGNC symbols the title names, space-separated in title order, and `mentions`
    their kinds, `;`-separated in the same order (`none` for a title naming no gene, or a
    LEFT_OUT_LABELS verdict). A symbol the reference table does not know, or a kind or count
    that does not match, stops the run: a typo would otherwise become a wrong label."""
    with path.open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle, delimiter="\t"))
    for line, label in enumerate(labels, start=2):
        pmid, title = label["pmid"], label["title"]
        if label["mentions"] in LEFT_OUT_LABELS or pmid in excluded or title.casefold() in excluded:
            continue
        genes = label["genes"].split()
        mentions = [] if label["mentions"] == "none" else label["mentions"].split(";")
        if len(genes) != len(mentions) or any(k not in KIND_ORDER for k in mentions):
            sys.exit(f"{path}:{line}: genes and mentions do not pair up: {label}")
        unknown = [symbol for symbol in genes if symbol not in table.symbols()]
        if unknown:
            sys.exit(f"{path}:{line}: not approved symbols: {' '.join(unknown)}")
        yield from title_rows(pmid, title, genes, list(zip(genes, mentions)), label["source"], rng)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus",
        type=Path,
        nargs="?",
        help="a PubTator file, OSIRIS or BioC XML, a BioNLP-ST or tagtog (LocText) folder",
    )
    parser.add_argument("--source", help="the corpus's name in the rows (not with --hand-labels)")
    parser.add_argument(
        "--hand-labels",
        type=Path,
        help="titles labelled by hand (pmid, title, genes, mentions, source, note) instead of a corpus",
    )
    parser.add_argument("--other-species", type=Path, nargs="*", default=[])
    parser.add_argument("--header", action="store_true", help="write the column names first")
    parser.add_argument("--seed", type=int, default=405)
    parser.add_argument("--ignore-types", nargs="*", default=[], help="annotation types to ignore")
    parser.add_argument(
        "--exclude", type=Path, nargs="*", default=[], help="sets whose PMIDs and titles to skip"
    )
    parser.add_argument("--no-gene-only", action="store_true", help="only titles naming no gene")
    parser.add_argument("--max-rows", type=int, help="at most this many rows (seeded random order)")
    parser.add_argument(
        "--gene-types", nargs="*", default=[], help="more standoff types naming a gene or product"
    )
    parser.add_argument(
        "--id-map", type=Path, help="a file of document ID <whitespace> PMID lines (JNLPBA's UIDs)"
    )
    parser.add_argument(
        "--annotated-titles-only",
        action="store_true",
        help="skip titles that carry no annotation of any type",
    )
    parser.add_argument(
        "--half",
        choices=["first", "second"],
        help="only the PMIDs of this half of a seeded random split (--split-seed)",
    )
    parser.add_argument("--split-seed", type=int, default=405)
    parser.add_argument(
        "--names-from",
        type=Path,
        nargs="*",
        default=[],
        help="more standoff folders whose annotated gene names a no-gene title must not write",
    )
    args = parser.parse_args()
    if (args.corpus is None) == (args.hand_labels is None):
        parser.error("give either a corpus (with --source) or --hand-labels")
    if args.corpus is not None and not args.source:
        parser.error("a corpus needs --source")
    from genelint.refdata import load_gene_table

    table = load_gene_table()
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if args.header:
        writer.writerow(COLUMNS)
    symbols = other_species_symbols(args.other_species)
    excluded = frozenset(pmid for path in args.exclude for pmid in pmids_of(path))
    rng = random.Random(args.seed)
    if args.hand_labels is not None:
        writer.writerows(rows_of_hand_labels(args.hand_labels, table, rng, excluded))
        return
    rows = list(
        rows_of(
            args.corpus,
            args.source,
            table,
            symbols,
            rng,
            frozenset(args.ignore_types),
            excluded,
            gene_types=STANDOFF_GENE_TYPES | frozenset(args.gene_types),
            pmid_of=read_id_map(args.id_map) if args.id_map else None,
            annotated_titles_only=args.annotated_titles_only,
            names_from=tuple(args.names_from),
        )
    )
    if args.half:
        rows = [row for row in rows if half_of(row[0], args.split_seed) == args.half]
    if args.no_gene_only:
        rows = [row for row in rows if row[5] == "none"]
    if args.max_rows is not None and len(rows) > args.max_rows:
        rows = [rows[i] for i in sorted(rng.sample(range(len(rows)), args.max_rows))]
    writer.writerows(rows)


def read_id_map(path: Path) -> dict[str, str]:
    """Document ID -> PMID from a file of `ID PMID` lines (JNLPBA names its abstracts by their
    MEDLINE UIDs; spyysalo/jnlpba's conversion/MUID-PMID-map.txt maps them)."""
    pairs = (line.split() for line in path.read_text(encoding="utf-8").splitlines())
    return {cells[0]: cells[1] for cells in pairs if len(cells) == 2}


def half_of(pmid: str, seed: int) -> str:
    """Which half of a seeded random split by PMID a document falls in: drawn from the seed and
    the PMID alone, so a PMID falls in the same half whatever corpus or order it comes in."""
    return "first" if random.Random(f"{seed}:{pmid}").random() < 0.5 else "second"


def pmids_of(path: Path) -> set[str]:
    """The PMIDs and case-folded titles of a set (paper_titles.tsv has titles only), or the PMIDs
    of a plain list, one a line (a corpus's documents, to keep a new set off it)."""
    with path.open(encoding="utf-8", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        if "title" not in first.rstrip("\n").split("\t"):
            return {line.split()[0] for line in handle if line.strip()}
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {row["pmid"] for row in rows if row.get("pmid")} | {
        row["title"].casefold() for row in rows
    }


if __name__ == "__main__":
    main()
