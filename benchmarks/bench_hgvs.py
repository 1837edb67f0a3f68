"""How well genelint's HGVS protein parser tells valid descriptions from invalid ones.

    python benchmarks/bench_hgvs.py [--misses] [--no-biocommons]

Two labelled sets under benchmarks/data/:

- hgvs_protein_spec.tsv: every protein description the HGVS recommendations write as an
  example or a counter-example, with its page (the set the parser was tuned on). An invalid
  one is "syntax" (decidable from the text) or "sequence" (needs the reference sequence, the
  3' rule or the DNA change: no parser of the text can tell).
- hgvs_protein_heldout.tsv: descriptions from public HGVS tools' test suites and test data
  (biocommons hgvs, mutalyzer hgvs-parser), kept apart from tuning. Labelled per the
  recommendations; the tool's own label is kept beside it.

Printed per set: valid accepted (target >= 0.99), invalid caught (target >= 0.95), the
share of rejections whose message says what was expected, and the same for biocommons hgvs
(the `differential` extra) when installed. Figures, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from genelint.hgvs import HgvsSyntaxError, parse_description  # noqa: E402

DATA = HERE / "data"
VALID_TARGET = 0.99
INVALID_TARGET = 0.95


@dataclass(frozen=True)
class Case:
    description: str
    label: str  # "valid" or "invalid"
    basis: str  # for invalid spec cases: "syntax" or "sequence"; "" otherwise
    source: str
    source_label: str


def read_cases(name: str) -> list[Case]:
    cases = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if name == "hgvs_protein_spec.tsv":
            description, label, basis, source, _note = fields
            cases.append(Case(description, label, basis, source, label))
        else:
            description, label, source_label, source, _note = fields
            cases.append(
                Case(
                    description, label, "syntax" if label == "invalid" else "", source, source_label
                )
            )
    return cases


def genelint_verdict(description: str) -> tuple[bool, str]:
    try:
        parse_description(description)
    except HgvsSyntaxError as error:
        return False, error.message
    return True, ""


def biocommons_judge():
    """A function saying whether biocommons hgvs accepts a description, or None when absent."""
    try:
        import hgvs.exceptions
        import hgvs.parser
    except ImportError:
        return None
    parser = hgvs.parser.Parser()

    def accepts(description: str) -> bool:
        text = description if ":" in description else f"NP_000000.1:{description}"
        try:
            parser.parse(text)
        except hgvs.exceptions.HGVSError:
            return False
        except Exception:  # its grammar raises others on odd input; a rejection all the same
            return False
        return True

    return accepts


def share(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a (0)"


def report(title: str, cases: list[Case], accepts, label_of, show_misses: bool) -> None:
    valid = [case for case in cases if label_of(case) == "valid"]
    invalid = [case for case in cases if label_of(case) == "invalid"]
    decidable = [case for case in invalid if case.basis != "sequence"]
    verdicts = {case.description: accepts(case.description) for case in cases}
    accepted = sum(verdicts[case.description][0] for case in valid)
    caught = sum(not verdicts[case.description][0] for case in decidable)
    caught_all = sum(not verdicts[case.description][0] for case in invalid)
    print(f"  {title}")
    print(f"    valid accepted      {share(accepted, len(valid))}   target >= {VALID_TARGET}")
    print(
        f"    invalid caught      {share(caught, len(decidable))}   target >= {INVALID_TARGET}"
        + ("   (decidable from the text)" if len(decidable) != len(invalid) else "")
    )
    if len(decidable) != len(invalid):
        print(
            f"    invalid caught, incl. those needing the sequence  {share(caught_all, len(invalid))}"
        )
    rejected = [message for ok, message in verdicts.values() if not ok and message is not None]
    if rejected and all(isinstance(message, str) for message in rejected):
        saying = sum(("expected" in message or "write" in message) for message in rejected)
        print(f"    rejections saying what was expected  {share(saying, len(rejected))}")
    if all(":" in case.source for case in cases):  # held-out: one line per tool
        for repository in sorted({case.source.split(":")[0] for case in cases}):
            mine = [case for case in cases if case.source.split(":")[0] == repository]
            ok = sum(verdicts[case.description][0] for case in mine if label_of(case) == "valid")
            bad = sum(
                not verdicts[case.description][0] for case in mine if label_of(case) == "invalid"
            )
            print(
                f"      {repository:24} valid accepted {share(ok, sum(label_of(c) == 'valid' for c in mine))}, "
                f"invalid caught {share(bad, sum(label_of(c) == 'invalid' for c in mine))}"
            )
    if show_misses:
        for case in valid:
            if not verdicts[case.description][0]:
                print(
                    f"      valid rejected: {case.description}  [{case.source}]  {verdicts[case.description][1]}"
                )
        for case in invalid:
            if verdicts[case.description][0]:
                print(f"      invalid accepted ({case.basis}): {case.description}  [{case.source}]")


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument(
        "--misses", action="store_true", help="list every description judged wrongly"
    )
    arguments.add_argument(
        "--no-biocommons", action="store_true", help="skip the biocommons hgvs comparison"
    )
    options = arguments.parse_args(argv)

    spec, heldout = read_cases("hgvs_protein_spec.tsv"), read_cases("hgvs_protein_heldout.tsv")
    judge = None if options.no_biocommons else biocommons_judge()
    for name, cases in (
        ("spec examples and counter-examples (tuned on)", spec),
        ("held-out: public HGVS tools' tests", heldout),
    ):
        print(f"{name}: {len(cases)} descriptions")
        report("genelint", cases, genelint_verdict, lambda case: case.label, options.misses)
        if cases is heldout:
            report(
                "genelint, on the tools' own labels",
                cases,
                genelint_verdict,
                lambda case: case.source_label,
                False,
            )
        if judge is not None:
            report(
                "biocommons hgvs",
                cases,
                lambda text: (judge(text), None),
                lambda case: case.label,
                False,
            )
    texts = [case.description for case in spec + heldout] * 20
    start = time.perf_counter()
    for text in texts:
        genelint_verdict(text)
    elapsed = time.perf_counter() - start
    print(
        f"speed: {len(texts) / elapsed:,.0f} descriptions/s through parse_description "
        f"({len(texts)} parses, {elapsed:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
