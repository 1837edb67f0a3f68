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


def read_standoff(folder: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The same from a BioNLP Shared Task folder: `PMID-<pmid>.txt` (the title on the first line)
    beside `PMID-<pmid>.a1` (`T1<TAB>Type start end<TAB>text`); of a full text (`PMC-<id>-NN-
    SECTION.txt`, GE 2011) only the title-and-abstract file, its ID read as `PMC<id>`, since each
    other section opens on its heading. These corpora give no gene IDs, so
    a gene or gene product's mention comes back as a `Gene` without IDs: the title gives a row only
    if it names no gene, which is what such a corpus tells reliably (use with --no-gene-only)."""
    documents = []
    for text_path in sorted(folder.glob("*.txt")):
        if text_path.stem.startswith("PMC-") and not text_path.stem.endswith("-TIAB"):
            continue  # a full text's other sections: only its title and abstract open on the title
        pmid = text_path.stem.removeprefix("PMID-")
        if pmid.startswith("PMC-"):
            pmid = "PMC" + pmid.split("-")[1]
        title = text_path.read_text(encoding="utf-8").split("\n", 1)[0].rstrip()
        mentions = []
        annotations = text_path.with_suffix(".a1")
        lines = annotations.read_text(encoding="utf-8").splitlines() if annotations.exists() else []
        if not any(line.startswith("T") for line in lines):
            continue  # not annotated at all (GE 2011 has such abstracts): it tells nothing
        for line in lines:
            cells = line.split("\t")
            if len(cells) < 3 or not cells[0].startswith("T"):
                continue
            kind, *offsets = cells[1].split(" ")
            if int(offsets[-1]) > len(title):
                continue
            if kind in STANDOFF_GENE_TYPES:
                kind = "Gene"
            mentions.append((cells[2], kind, ""))
        documents.append((pmid, title, mentions))
    return documents


def annotated_gene_names(folder: Path) -> frozenset[str]:
    """Every gene or gene product's mention a BioNLP-ST corpus annotates, in titles and abstracts
    alike: a title that writes one of them unannotated was left unannotated (GE 2011 leaves some
    titles so, "… the human glucocorticoid receptor"), so it cannot say that it names no gene."""
    names = set()
    for standoff in folder.glob("*.a1"):
        for line in standoff.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 3 and cells[1].split(" ")[0] in STANDOFF_GENE_TYPES:
                names.add(cells[2])
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


def read_documents(path: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """A corpus in any of the formats read here, told apart by its shape."""
    if path.is_dir() and any(path.glob("*.ann.json")):
        return read_tagtog(path)
    if path.is_dir():
        return read_standoff(path)
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
):
    unannotated = annotated_gene_names(path) if path.is_dir() else frozenset()
    for pmid, title, mentions in read_documents(path):
        if pmid in excluded or title.casefold() in excluded:
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
        if not genes:
            yield [pmid, title, rng.choice(PAGE_GENES), "no", "", "none", source]
            continue
        named = " ".join(genes)
        clearest = min((k for _, k in kinds), key=KIND_ORDER.index)
        page = rng.choice([s for s in PAGE_GENES if s not in genes])
        yield [pmid, title, page, "yes", named, clearest, source]
        first = next(iter(genes))
        own = min((k for s, k in kinds if s == first), key=KIND_ORDER.index)
        yield [pmid, title, first, "no", named, own, source]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus",
        type=Path,
        help="a PubTator file, OSIRIS or BioC XML, a BioNLP-ST or tagtog (LocText) folder",
    )
    parser.add_argument("--source", required=True)
    parser.add_argument("--other-species", type=Path, nargs="*", default=[])
    parser.add_argument("--header", action="store_true", help="write the column names first")
    parser.add_argument("--seed", type=int, default=405)
    parser.add_argument("--ignore-types", nargs="*", default=[], help="annotation types to ignore")
    parser.add_argument(
        "--exclude", type=Path, nargs="*", default=[], help="sets whose PMIDs and titles to skip"
    )
    parser.add_argument("--no-gene-only", action="store_true", help="only titles naming no gene")
    parser.add_argument("--max-rows", type=int, help="at most this many rows (seeded random order)")
    args = parser.parse_args()
    from genelint.refdata import load_gene_table

    table = load_gene_table()
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if args.header:
        writer.writerow(COLUMNS)
    symbols = other_species_symbols(args.other_species)
    excluded = frozenset(pmid for path in args.exclude for pmid in pmids_of(path))
    rng = random.Random(args.seed)
    rows = list(
        rows_of(
            args.corpus, args.source, table, symbols, rng, frozenset(args.ignore_types), excluded
        )
    )
    if args.no_gene_only:
        rows = [row for row in rows if row[5] == "none"]
    if args.max_rows is not None and len(rows) > args.max_rows:
        rows = [rows[i] for i in sorted(rng.sample(range(len(rows)), args.max_rows))]
    writer.writerows(rows)


def pmids_of(path: Path) -> set[str]:
    """The PMIDs and case-folded titles of a set (paper_titles.tsv has titles only)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {row["pmid"] for row in rows if row.get("pmid")} | {
        row["title"].casefold() for row in rows
    }


if __name__ == "__main__":
    main()
