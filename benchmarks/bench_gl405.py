"""GL405 (paper-gene-mismatch) on labelled real paper titles, and what it costs.

    python benchmarks/bench_gl405.py [--titles benchmarks/data/gl405_heldout.tsv] [--count 300]
                                     [--runs 5] [--show-errors] [--no-timing] [--audit FILE]

(a) Accuracy. Each row of the titles file is a real published title, the symbol of a page
    citing it, whether GL405 should flag it there (`flag` yes/no), the genes the title names
    and the kind of mention (`symbol`, `alias`, `full name`, `protein name`, `none`): for a
    `yes` row the clearest mention of another gene, for a `no` row the mention of the page's
    own gene, `none` for a title naming no gene. Printed: precision and recall; per kind,
    precision (the flagged rows of that kind: another gene named so, right; the page's gene
    named so, wrong), recall, and the share of titles naming the page's gene so that are
    (wrongly) flagged; the share of no-gene titles flagged. Targets: precision >= 0.95, recall
    >= 0.90, <= 2% of no-gene titles flagged.
    Held out (never tuned on; read its totals only, never --show-errors):
    `gl405_heldout4_osiris_cg.tsv` (OSIRIS + BioNLP-ST 2013 CG, frozen at ad99d22 on
    2026-12-03), `gl405_heldout5_loctext_regel.tsv` (LocText + RegEl, frozen at 4f894b9 on
    2026-12-03), `gl405_heldout6_nogene.tsv` (51 JNLPBA titles naming no gene, frozen at
    370b9b5 on 2026-12-03), `gl405_heldout7_hand.tsv` (396 titles labelled by hand, from
    WikiPathways, PubMedQA, PMC reference lists and Biofactoid; labels in
    `gl405_heldout7_labels.tsv`; frozen on 2026-12-04), `gl405_heldout8_hand.tsv` (279
    titles labelled by hand, from the PubMed test records of metapub, Biopython, BioPerl,
    pubtrends and the Alliance literature service; labels in `gl405_heldout8_labels.tsv`;
    frozen on 2026-12-04), `gl405_heldout9_hand.tsv` (418 titles labelled by hand, from the
    NCBI disease, BC5CDR, Ravikumar protein-residue, SETH and Nala corpora; labels in
    `gl405_heldout9_labels.tsv`; frozen on 2026-12-04), `gl405_heldout10_hand.tsv` (450
    titles labelled by hand, from AIMed, the CRAFT articles and their reference lists, and
    Species-800; labels in `gl405_heldout10_labels.tsv`; frozen on 2026-12-04),
    `gl405_heldout11_hand.tsv` (370 titles labelled by hand, from bioruby's UniProt test entries'
    references, PGxCorpus's titles and three of Cohen et al.'s drug-review sets; labels in
    `gl405_heldout11_labels.tsv`; frozen on 2026-12-04), `gl405_heldout14_hand.tsv` (358
    titles labelled by hand, from pyEuropePMC's Europe PMC search fixtures, the references of the
    UniProtKB test entries of uniprot-store and uniprot-core, and the reference lists of
    pubmed-client's test PMC articles; labels in `gl405_heldout14_labels.tsv`; frozen on
    2026-12-04) and `gl405_heldout15_hand.tsv` (367 titles labelled by hand, from the PubTator
    sample of spyysalo/pubtator, the BioCreative VI precision-medicine triage corpus, the JAX
    corpus of PhenoTagger, and the reference lists of s2orc-doc2json's test PMC articles; labels
    in `gl405_heldout15_labels.tsv`; frozen on 2026-12-04). Development sets: the twelfth,
    thirteenth and sixteenth to thirty-fifth, built held out, each measured once on
    2026-12-04/05 and made a development set then (labels by hand in `gl405_heldoutN_labels.tsv`,
    a blind second reading in `gl405_heldoutN_second.tsv`; sources in docs/gl405.md, Sets):
    `gl405_heldout16_hand.tsv` to `gl405_heldout35_hand.tsv` (saved PubMed searches and test
    files, BioASQ title snippets, UniProt mocks and test entries, phenopacket-store, Cellosaurus,
    HAWC, GWAS Catalog and lung-cancer guideline references; from the twenty-fourth on, drawn
    mostly from papers NCBI's gene2pubmed links to a gene: the AGAC corpus, gene-centred PubMed
    searches, a gene-variant pipeline's PMC titles, ChemProt, ClinPGx papers, RefSeq records'
    references and microRNA PubMed records, among others),
    `gl405_heldout12_hand.tsv` (456 titles
    labelled by hand, from a MEDLINE update file and NLM's sample records, AnatEM, and the
    BioNLP-ST 2011 EPI and 2013 GRO corpora; labels in `gl405_heldout12_labels.tsv`) and
    `gl405_heldout13_hand.tsv` (358 titles labelled by hand, from the publication references of
    Paxtools' BioPAX test files, pmparser's MEDLINE test samples and a Web of Science export of
    PLOS/BMC public-health papers; labels in `gl405_heldout13_labels.tsv`); `gl405_dev.tsv`,
    `gl405_tuning.tsv`, `gl405_dev_drugprot_nogene.tsv`, `gl405_dev_cg_nogene.tsv`,
    `gl405_dev_ge_pc_nogene.tsv`
    (BioNLP-ST GE 2011 and PC 2013 titles naming no gene), `gl405_dev6_nogene.tsv` (JNLPBA
    titles naming no gene: the other half of the sixth held-out set's split), `gl405_dev7_hand.tsv`
    (173 titles labelled by hand from the seventh set's sources, 2026-12-04), `gl405_dev9_hand.tsv`
    (200 titles labelled by hand, a third of the ninth set's draw, 2026-12-04), `paper_titles.tsv`
    (columns title/page_symbol/label about|other) and, since 2026-12-03, the three sets built as
    held out before: the default file (BioRED), `gl405_heldout_nlmgene_gnormplus.tsv` and
    `gl405_heldout_tmvar3_drugprot.tsv`. `make_gl405_set.py` makes such rows from a corpus with
    gene annotations (PubTator, OSIRIS XML, BioNLP-ST standoff, tagtog, BioC).
    `--audit FILE` reports the same figures a second time with a reading of the labels by
    hand beside the corpus's: FILE has one row per title (pmid, title, verdict, genes_audited,
    mention, species, note; docs/gl405.md, "Audit of the held-out labels"). `agree` leaves the
    title's rows as they are; `unlabelled_gene` takes genes_audited as the genes the title
    names, so a no-gene title's row becomes a row to flag (its kind the audit's `mention`,
    `alias` when blank) and a row whose page gene the audit finds named becomes a row not to
    flag; `wrong_gene`, `family_only` and `non_human_only` leave the title's rows out. How many
    rows each verdict changed or left out is printed; titles the file lacks stay as they are.
    The two held-out sets' audits (read by hand, blind to GL405; held out like the sets):
    `gl405_heldout4_audit.tsv` and `gl405_heldout5_audit.tsv`.
(b) Cost. A corpus from make_corpus.py, half of whose cited titles are replaced by real titles
    of both sets, each used once (the generated ones all name the page's gene, which GL405 settles at
    once), is checked offline in-process (reference table loaded, as in a long run); the CPU
    time inside each refdata rule is taken as a share of the whole check's (medians of --runs).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
REFDATA_CODES = ["GL202", "GL203", "GL204", "GL206", "GL405"]
KINDS = ["symbol", "alias", "full name", "protein name", "none"]


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of either layout, as title / page_symbol / flag / mention."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        if "label" in row:  # paper_titles.tsv: about / other, no kinds
            row["flag"] = "yes" if row["label"] == "other" else "no"
            row.setdefault("mention", "?")
    return rows


# Verdicts of an audit file whose titles are left out: the corpus's label is wrong and the
# title names no human gene the audit could put in its place with the same row shape.
LEFT_OUT = ("wrong_gene", "family_only", "non_human_only")
VERDICTS = ("agree", "unlabelled_gene", *LEFT_OUT)


def read_audit(path: Path) -> dict[str, dict[str, str]]:
    """An audit file's rows by PMID; an unknown verdict stops the run (a typo would otherwise
    read as `agree`)."""
    with path.open(encoding="utf-8", newline="") as handle:
        audit = {row["pmid"]: row for row in csv.DictReader(handle, delimiter="\t")}
    for pmid, row in audit.items():
        if row["verdict"] not in VERDICTS:
            raise SystemExit(f"{path}: PMID {pmid}: unknown verdict {row['verdict']!r}")
    return audit


def audited_rows(
    rows: list[dict[str, str]], audit: dict[str, dict[str, str]]
) -> tuple[list[dict[str, str]], Counter]:
    """The rows as the audit reads their titles, and a count of rows per (verdict, what became
    of them): `unchanged`, `changed`, `left out`, or (verdict None, a title the audit lacks) `kept as labelled`."""
    kept, changes = [], Counter()
    for row in rows:
        judged = audit.get(row["pmid"])
        if judged is None:
            changes[(None, "kept as labelled")] += 1
            kept.append(row)
            continue
        verdict = judged["verdict"]
        if verdict in LEFT_OUT:
            changes[(verdict, "left out")] += 1
            continue
        new = dict(row)
        if verdict == "unlabelled_gene":
            genes = judged["genes_audited"].split()
            new["genes_named"] = " ".join(genes)
            kind = judged.get("mention") or "alias"
            if row["page_symbol"] in genes and row["flag"] == "yes":
                new["flag"], new["mention"] = "no", kind  # the page's gene is named after all
            elif row["mention"] == "none":
                new["flag"] = "no" if row["page_symbol"] in genes else "yes"
                new["mention"] = kind
        changed = (new["flag"], new["mention"]) != (row["flag"], row["mention"])
        changes[(verdict, "changed" if changed else "unchanged")] += 1
        kept.append(new)
    return kept, changes


def print_changes(
    path: Path, rows: list[dict[str, str]], audit: dict[str, dict[str, str]], changes: Counter
) -> None:
    """Per verdict, the titles of `rows` it was given and what became of their rows."""
    print(f"(a') the same rows with the labels of the audit {path.name}")
    for verdict in (*VERDICTS, None):
        titles = {r["pmid"] for r in rows if audit.get(r["pmid"], {}).get("verdict") == verdict}
        spelled = ", ".join(
            f"{n} {what}" for (v, what), n in sorted(changes.items(), key=str) if v == verdict
        )
        if titles:
            print(f"    {verdict or 'not audited':<15} {len(titles)} titles, rows: {spelled}")


def measure_accuracy(rows: list[dict[str, str]], show_errors: bool) -> Counter:
    from genelint.refdata import load_gene_table
    from genelint.rules.citations import paper_mismatch

    table = load_gene_table()
    outcome: Counter = Counter()  # (flag expected, flagged, kind)
    errors = []
    for row in rows:
        gene = table.by_symbol(row["page_symbol"])[0]
        found = paper_mismatch(row["title"], gene, table)
        expected = row["flag"] == "yes"
        outcome[(expected, bool(found), row["mention"])] += 1
        if expected != bool(found):
            label = "FN" if expected else "FP"
            errors.append(
                f"  {label} [{row['mention']}] page {row['page_symbol']}: {row['title']}"
                + (f"  -> {found}" if found else "")
            )
    tp, fp, fn = _confusion(outcome)
    print(
        f"(a) GL405 on {len(rows)} rows ({len({r['title'] for r in rows})} titles), "
        f"{sum(r['flag'] == 'yes' for r in rows)} to flag"
    )
    print(f"    flagged {tp + fp}: {tp} right, {fp} wrong; missed {fn}")
    print(
        f"    precision {_ratio(tp, tp + fp)}   recall {_ratio(tp, tp + fn)}   (targets 0.95, 0.90)"
    )
    kinds = [k for k in KINDS if any(kind == k for (_, _, kind) in outcome)] + sorted(
        {kind for (_, _, kind) in outcome} - set(KINDS)
    )
    for kind in kinds:
        caught = outcome[(True, True, kind)]
        to_flag = caught + outcome[(True, False, kind)]
        wrong = outcome[(False, True, kind)]
        fine = wrong + outcome[(False, False, kind)]
        parts = []
        if to_flag:
            # Rows grouped by their kind: flagged rows naming another gene this way, against
            # flagged rows naming the page's gene this way.
            parts.append(f"precision {_ratio(caught, caught + wrong)}")
            parts.append(f"recall {_ratio(caught, to_flag)} ({caught}/{to_flag} other-gene titles)")
        if fine and kind != "none":
            parts.append(
                f"page gene missed {_ratio(wrong, fine)} ({wrong}/{fine} flagged though they name it)"
            )
        if fine and kind == "none":
            parts.append(
                f"flagged {wrong / fine:.1%} ({wrong}/{fine} no-gene titles; target <= 2%)"
            )
        print(f"    {kind:<13} " + "; ".join(parts))
    if show_errors:
        print("\n".join(errors))
    return outcome


def _confusion(outcome: Counter) -> tuple[int, int, int]:
    """Rows flagged rightly, flagged wrongly, and missed."""
    tp = sum(n for (e, f, _), n in outcome.items() if e and f)
    fp = sum(n for (e, f, _), n in outcome.items() if not e and f)
    fn = sum(n for (e, f, _), n in outcome.items() if e and not f)
    return tp, fp, fn


def headline(outcome: Counter) -> tuple[str, str, str]:
    """Precision, recall and the share of no-gene titles flagged, as printed."""
    tp, fp, fn = _confusion(outcome)
    flagged, fine = (
        outcome[(False, True, "none")],
        sum(n for (e, _, kind), n in outcome.items() if not e and kind == "none"),
    )
    share = f"{flagged / fine:.1%} ({flagged}/{fine})" if fine else "n/a"
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), share


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  n/a"


def corpus_with_real_titles(
    folder: Path, count: int, titles: list[str], share: float = 0.5
) -> list[str]:
    sys.path.insert(0, str(HERE))
    from make_corpus import write_corpus

    rng = random.Random(7)
    paths = write_corpus(folder, count, seed=1, problem_share=0.3)
    generated = re.compile(r"^(  - Title: )Functional analysis of .*$", re.MULTILINE)
    unused = rng.sample(
        titles, len(titles)
    )  # each real title once, while they last: no repeats to flatter a cache

    def replace(match: re.Match) -> str:
        if rng.random() >= share:
            return match.group(0)
        return match.group(1) + (unused.pop() if unused else rng.choice(titles))

    for path in paths:
        path.write_text(generated.sub(replace, path.read_text(encoding="utf-8")), encoding="utf-8")
    return [str(p) for p in paths]


def measure_cost(paths: list[str], runs: int) -> None:
    """CPU time of the whole offline check, and of each refdata rule inside it. CPU time of this
    process, not wall time: the machine is shared, and other processes' load would swamp a
    difference of a few percent between two wall-clock runs."""
    from genelint.config import settings_from_table
    from genelint.engine import Linter
    from genelint.registry import load_registry

    linter = Linter(settings_from_table({}), load_registry(), offline=True)
    spent: dict[str, float] = {code: 0.0 for code in REFDATA_CODES}
    for code in REFDATA_CODES:
        rule = linter._instances[code]
        rule.check = _timed(rule.check, code, spent)
    linter.run(paths[:5])  # load the reference table and warm imports, as a long run has
    totals, shares = [], {code: [] for code in REFDATA_CODES}
    for _ in range(runs):
        spent.update({code: 0.0 for code in REFDATA_CODES})
        start = time.process_time()
        linter.run(paths)
        totals.append(time.process_time() - start)
        for code in REFDATA_CODES:
            shares[code].append(spent[code] / totals[-1])
    n = len(paths)
    total = statistics.median(totals)
    share = {code: statistics.median(values) for code, values in shares.items()}
    family = sum(share.values())
    print(
        f"(b) {n} pages, offline check in-process, CPU time, median of {runs}: {total / n * 1000:.2f} ms/page"
    )
    print(
        "    share of the check: "
        + ", ".join(f"{code} {share[code]:.1%}" for code in REFDATA_CODES)
    )
    print(
        f"    GL405's share of the check: {share['GL405']:.1%} ({share['GL405'] * total / n * 1000:.3f} ms/page)"
    )
    print(
        f"    the refdata rules add {family / (1 - family):+.1%} to the check without them (target <= +15%)"
    )


def _timed(check, code: str, spent: dict[str, float]):
    def timed(doc, ctx):
        start = time.process_time()
        findings = list(check(doc, ctx))
        spent[code] += time.process_time() - start
        return findings

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=Path, default=DATA / "gl405_heldout.tsv")
    parser.add_argument("--count", type=int, default=300, help="pages in the cost corpus")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--show-errors", action="store_true", help="list wrong flags and misses")
    parser.add_argument("--no-timing", action="store_true", help="accuracy only")
    parser.add_argument(
        "--audit",
        type=Path,
        help="an audit of the titles' labels: report the figures with its labels as well",
    )
    parser.add_argument(
        "--real-share",
        type=float,
        default=0.5,
        help="share of the corpus's cited titles replaced by real ones (0: make_corpus.py's own)",
    )
    args = parser.parse_args()
    rows = read_rows(args.titles)
    before = measure_accuracy(rows, args.show_errors)
    if args.audit:
        audit = read_audit(args.audit)
        corrected, changes = audited_rows(rows, audit)
        print_changes(args.audit, rows, audit, changes)
        after = measure_accuracy(corrected, args.show_errors)
        names = ("precision", "recall", "no-gene titles flagged")
        print("    corpus labels -> audited labels: ", end="")
        print(
            "; ".join(
                f"{n} {a} -> {b}" for n, a, b in zip(names, headline(before), headline(after))
            )
        )
    if args.no_timing:
        return
    real_titles = sorted(
        {
            row["title"]
            for name in ("gl405_tuning.tsv", "gl405_heldout.tsv")
            for row in read_rows(DATA / name)
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        measure_cost(
            corpus_with_real_titles(Path(folder), args.count, real_titles, args.real_share),
            args.runs,
        )


if __name__ == "__main__":
    main()
