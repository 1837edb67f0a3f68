"""Write a corpus of gene pages in the reference format, for the benchmarks.

    python benchmarks/make_corpus.py OUT_DIR [--count 2000] [--seed 1] [--problems 0.3]

Genes are drawn from the reference index genelint bundles (genelint/refdata/data/
genes.sqlite.xz: protein-coding genes with a cytoband, an HGNC, an Ensembl and a UniProt
ID), so the corpus is the same on any machine with genelint installed. There are about
19,300 such genes; a larger --count adds further rounds of pages in folders `copy2/`,
`copy3/`, … (a gene then has several pages, as a repository with copies would). A share
of the pages (`--problems`) carries one or two realistic faults: a legacy one-letter
change, an Ensembl ID of another gene, a DOI with a URL prefix, a missing section, an
rsID written `RS123`, an AI footer with no provenance.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

RESIDUES = "Ala Arg Asn Asp Cys Gln Glu Gly His Ile Leu Lys Met Phe Pro Ser Thr Trp Tyr Val".split()
ONE_LETTER = dict(zip(RESIDUES, "ARNDCQEGHILKMFPSTWYV"))
JOURNALS = [
    "Blood.",
    "Nature Genetics.",
    "Human Mutation.",
    "American Journal of Human Genetics.",
    "Clinical Genetics.",
]
SURNAMES = [
    "Smith",
    "Garcia",
    "Chen",
    "Müller",
    "Rossi",
    "Kowalski",
    "Tanaka",
    "Okafor",
    "Dubois",
    "Singh",
]


@dataclass(frozen=True)
class Gene:
    symbol: str
    hgnc: str
    entrez: str
    ensembl: str
    omim: str
    uniprot: str
    cytoband: str
    aliases: tuple[str, ...]
    name: str


def load_genes() -> list[Gene]:
    """The usable genes of the bundled index, in Entrez ID order."""
    from genelint.refdata.locations import BUNDLED_INDEX, openable_index

    index = openable_index(BUNDLED_INDEX)  # unpacked once into genelint's cache folder
    connection = sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT symbol, hgnc_id, entrez_id, ensembl_ids, omim_ids, uniprot_ids, cytobands, aliases, name "
            "FROM genes WHERE gene_type = 'protein-coding' AND cytobands != '' AND ensembl_ids != '' "
            "AND uniprot_ids != '' AND hgnc_id IS NOT NULL ORDER BY entrez_id"
        ).fetchall()
    finally:
        connection.close()
    return [
        Gene(
            symbol=symbol,
            hgnc=hgnc_id.removeprefix("HGNC:"),
            entrez=str(entrez_id),
            ensembl=ensembl.split("|")[0],
            omim=omim.split("|")[0],
            uniprot=uniprot.split("|")[-1],
            cytoband=cytobands.split("|")[0],  # a few genes list several bands
            aliases=tuple(a for a in aliases.split("|") if a)[:4],
            name=name,
        )
        for symbol, hgnc_id, entrez_id, ensembl, omim, uniprot, cytobands, aliases, name in rows
    ]


def mutation_rows(rng: random.Random, legacy: bool) -> list[str]:
    rows = []
    for _ in range(rng.randint(2, 8)):
        ref, alt = rng.sample(RESIDUES, 2)
        position = rng.randint(2, 900)
        change = (
            f"{ONE_LETTER[ref]}{position}{ONE_LETTER[alt]}" if legacy else f"p.{ref}{position}{alt}"
        )
        rows.append(f"| {change} | Missense | rs{rng.randint(1000, 999999999)} |")
    return rows


def papers(rng: random.Random, gene: Gene, url_doi: bool) -> list[str]:
    lines = []
    for n in range(rng.randint(1, 4)):
        authors = ", ".join(
            f"{rng.choice(SURNAMES)} {rng.choice('ABCDEFGHJK')}" for _ in range(rng.randint(1, 6))
        )
        doi = f"10.{rng.randint(1000, 9999)}/{gene.symbol.lower()}.{rng.randint(1, 99999)}"
        if url_doi and n == 0:
            doi = "https://doi.org/" + doi
        lines += [
            f"- Author: {authors}",
            f"  - Title: Functional analysis of {gene.symbol} variants in {rng.choice(['families', 'a cohort', 'patients'])}.",
            f"  - Journal: {rng.choice(JOURNALS)}",
            f"  - DOI: {doi}",
            "",
        ]
    return lines


def page(gene: Gene, rng: random.Random, faults: set[str], other: Gene) -> str:
    ensembl = other.ensembl if "wrong-ensembl" in faults else gene.ensembl
    rows = mutation_rows(rng, legacy="legacy-change" in faults)
    if "rsid-case" in faults:
        rows[0] = rows[0].replace("| rs", "| RS")
    reviewed = "ai-unreviewed" not in faults
    front = [
        "---",
        f'title: "{gene.symbol}"',
        f"date: 2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 00:00:00",
        "layout: post",
        "categories: Gene",
        f'summary: "# Gene Information for {gene.symbol}"',
        f"tags: ['{gene.symbol}', 'GeneticInformationAnalysis']",
    ]
    if reviewed:
        front += [
            "provenance:",
            '  generated_by: "GPT-3"',
            '  reviewed_by: "A. Curator"',
            "  reviewed_on: 2024-01-15",
        ]
    sections = {
        "Gene Position": [f"The {gene.symbol} gene is located at position {gene.cytoband}."],
        "Pathology and Function": [f"The {gene.symbol} gene encodes {gene.name}."],
        "External IDs and Aliases": (
            [f"The {gene.symbol} gene is also known by the following aliases:", ""]
            + [f"- {alias}" for alias in gene.aliases]
            + ["", f"External IDs for the {gene.symbol} gene include:", ""]
            + [f"- HGNC: {gene.hgnc}", f"- NCBI Entrez: {gene.entrez}", f"- Ensembl: {ensembl}"]
            + ([f"- OMIM: {gene.omim}"] if gene.omim else [])
            + [f"- UniProtKB/Swiss-Prot: {gene.uniprot}"]
        ),
        "AA Mutation List": [
            "| AA Mutation | Type | dbSNP ID |",
            "| ----------- | ---- | -------- |",
            *rows,
        ],
        "Somatic SNVs/InDels": [
            f"There are currently no known somatic SNVs or InDels in the {gene.symbol} gene."
        ],
        "Related Disease": [f"Variants in {gene.symbol} have been linked to disease."],
        "Treatment and Prognosis": ["Treatment is supportive."],
        "Drug Response": [f"There is currently no known drug response specific to {gene.symbol}."],
        "Related Papers": papers(rng, gene, url_doi="url-doi" in faults),
    }
    if "missing-section" in faults:
        del sections["Drug Response"]
    body = [f"# Gene Information for {gene.symbol}", ""]
    for title, lines in sections.items():
        body += [f"## {title}", "", *lines, ""]
    body.append(
        "**_This information is analyzed by AI language model and written by OpenAI's GPT-3._**"
    )
    return "\n".join(front + ["---", ""] + body) + "\n"


FAULTS = [
    "legacy-change",
    "wrong-ensembl",
    "url-doi",
    "missing-section",
    "rsid-case",
    "ai-unreviewed",
]


def write_corpus(out: Path, count: int, seed: int, problem_share: float) -> list[Path]:
    rng = random.Random(seed)
    genes = load_genes()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    n = 0
    for round_number in range(1, -(-count // len(genes)) + 1):
        folder = out if round_number == 1 else out / f"copy{round_number}"
        folder.mkdir(exist_ok=True)
        for gene in rng.sample(genes, min(count - n, len(genes))):
            faults = (
                set(rng.sample(FAULTS, rng.randint(1, 2)))
                if rng.random() < problem_share
                else set()
            )
            path = folder / f"{n:06d}_{gene.symbol.replace('/', '_')}.md"
            path.write_text(page(gene, rng, faults, rng.choice(genes)), encoding="utf-8")
            paths.append(path)
            n += 1
    return paths


@contextlib.contextmanager
def corpus_folder(given: Path | None, count: int) -> Iterator[Path]:
    """`given`, or else a corpus of `count` pages (seed 1, 30% with faults) generated into a
    temporary folder that is removed afterwards: what the benchmarks run on."""
    if given is not None:
        yield given
        return
    scratch = Path(tempfile.mkdtemp(prefix="genelint-corpus-"))
    try:
        write_corpus(scratch / "pages", count, seed=1, problem_share=0.3)
        yield scratch / "pages"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--problems", type=float, default=0.3, help="share of pages with faults (default 0.3)"
    )
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.seed, args.problems)
    print(f"wrote {len(paths)} pages to {args.out}")


if __name__ == "__main__":
    main()
