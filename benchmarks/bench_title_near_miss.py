"""GL403's near misses on real paper titles: what its fix would be offered for.

    python benchmarks/bench_title_near_miss.py [--titles FILE ...] [--seed 1]

The titles are the real published titles (PubMed's spelling: sentence case, a final full
stop) of the GL405 title sets in benchmarks/data/, which GL403 was never tuned on. Each title
stands for the page's; the registry's is made from it in three ways:
(a) the same title in another style (title case as Crossref often has it, no final full stop,
    curly quotes): must be no finding, so the share reported is the false alarms;
(b) a near miss: one letter of a longer word dropped or doubled, or one word (not the first)
    left out: must be a near miss with a fix, so the share reported is the recall;
(c) every other title of the set (a different paper): must never be offered the fix, so the
    share reported is the wrong fixes offered; the pairs scoring highest are printed.
"""

from __future__ import annotations

import argparse
import csv
import random
from difflib import SequenceMatcher
from pathlib import Path

from genelint.rules._titles import normalise
from genelint.rules.citations import title_verdict

DATA = Path(__file__).resolve().parent / "data"
SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "via",
    "with",
}
THRESHOLD = 0.85  # GL403's defaults: title-threshold and near-miss-threshold


def titles(files: list[Path]) -> list[str]:
    seen: dict[str, None] = {}
    for path in files:
        with path.open(newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                seen.setdefault(row["title"].strip())
    return [title for title in seen if title]


def title_case(title: str) -> str:
    words = title.rstrip(".").split(" ")
    out = []
    for i, word in enumerate(words):
        plain = word == word.lower()
        out.append(
            word if not plain or (i and word in SMALL_WORDS) else word[:1].upper() + word[1:]
        )
    return " ".join(out).replace("'", "\u2019")


def typo(title: str, rng: random.Random) -> str | None:
    words = title.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    at = rng.randrange(1, len(words[i]) - 1)
    word = words[i]
    words[i] = (
        word[:at] + word[at + 1 :] if rng.random() < 0.5 else word[:at] + word[at] + word[at:]
    )
    return " ".join(words)


def dropped_word(title: str, rng: random.Random) -> str | None:
    words = title.split(" ")
    if len(words) < 6:
        return None
    del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def reported(page: str, registry: str) -> str:
    """GL403's verdict with its default thresholds: "" (no finding), "another paper", "maybe
    another paper" (no fix), "written otherwise" or "near miss" (each with the fix)."""
    return title_verdict(page, registry, THRESHOLD, THRESHOLD)[0]


FIXED = ("near miss", "written otherwise")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--titles",
        nargs="*",
        type=Path,
        default=[DATA / "gl405_heldout.tsv", DATA / "gl405_tuning.tsv", DATA / "paper_titles.tsv"],
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    real = titles(args.titles)
    print(f"{len(real)} real titles from {', '.join(p.name for p in args.titles)}")
    styled = [reported(t, title_case(t)) for t in real]
    print(
        f"(a) same title, another style: {sum(bool(r) for r in styled) / len(real):.3f} reported "
        f"({sum(bool(r) for r in styled)}/{len(real)}; target 0)"
    )
    for name, make in (
        ("one letter dropped or doubled", typo),
        ("one word left out", dropped_word),
    ):
        pairs = [(t, made) for t in real if (made := make(title_case(t), rng))]
        found = [reported(t, registry) for registry, t in pairs]
        print(
            f"(b) {name}: {found.count('near miss') / len(pairs):.3f} near misses "
            f"({found.count('near miss')}/{len(pairs)}); read as another paper: {found.count('another paper')}, "
            f"as maybe another paper: {found.count('maybe another paper')}"
        )
    # Pairs SequenceMatcher's cheap upper bounds already put below the threshold cannot be offered the fix.
    normalised = [normalise(t) for t in real]
    close = []
    for i in range(len(real)):
        for j in range(i + 1, len(real)):
            matcher = SequenceMatcher(None, normalised[i], normalised[j])
            if (
                matcher.real_quick_ratio() >= THRESHOLD - 0.01
                and matcher.quick_ratio() >= THRESHOLD - 0.01
            ):
                close.append((matcher.ratio(), real[i], real[j]))
    pairs = len(real) * (len(real) - 1) // 2
    verdicts = [(score, a, b, reported(a, b)) for score, a, b in sorted(close, reverse=True)]
    offered = [v for v in verdicts if v[3] in FIXED]
    print(
        f"(c) different papers: {len(offered)}/{pairs} pairs offered the fix (target 0); "
        f"{sum(v[3] == 'maybe another paper' for v in verdicts)} reported as maybe another paper"
    )
    for score, a, b, verdict in verdicts[:5]:
        print(f"    {score:.2f} {verdict or 'no finding'}: {a[:60]!r} / {b[:60]!r}")


if __name__ == "__main__":
    main()
