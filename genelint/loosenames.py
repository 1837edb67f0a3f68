"""Full names a title writes loosely: its words in another order, a word added, a modifier left out.

The name index matches a full name only word for word. Titles often write a protein's name
otherwise: "sterol delta24-reductase" for "delta(24)-sterol reductase", "myotonic dystrophy
protein kinase" for "myotonic dystrophy associated protein kinase", "phospholipase C-related
catalytically inactive protein" for "phospholipase C-related but catalytically inactive protein".
This is a second, scored reading of the title for such forms. A name is found when, inside one
clause of the title:

- every word of it is written, in any order, but words that carry little (`OMITTABLE`) and, when
  the words are in the name's order and what is written weighs at least `MIN_WEIGHT` of the name
  (words weighed by how few genes' names use them), one other modifier inside it, never one that
  makes it another protein (`KEPT`: "-like", "-binding", "receptor");
- its first word that carries something, its head (its last word that is no designator), its
  last word and every designator (a number, a letter, a Greek letter) are written, the last word
  last, each designator after the word it follows in the name: a member is never another member;
- no other word stands between the words written, but a few that add nothing (`FILLER`);
- one of the words written is a rare one (`RARE_WORD_GENES`), not only "factor", "kinase", "2";
- it is one gene's name, and no other gene's name is read as well there.

Only names of one gene, of two to ten words, are tried. What is found goes through the same
checks as a name written word for word (a disease, a drug class, a receptor of it).

The table behind it is built with the name index and cached with it: the names by their head and
first word (a title is read in one pass: each word that heads some name, then the words shortly
before it, each a hash lookup), and how many genes' names use each word. It costs GL405 about
25-60 µs a title (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from genelint.designators import is_designator

# Words a title may leave out of a name without naming something else.
OMITTABLE = frozenset("but and of the human homolog putative".split())
# Words a title may put among a name's words without naming something else.
FILLER = frozenset("human protein gene the of a an and mammalian".split())
# Words a title never leaves out of a name: without them it is another protein's (a paralog's,
# a ligand's, a receptor's).
KEPT = frozenset("like binding interacting receptor ligand inhibitor regulator activator".split())
_FUNCTION_WORDS = frozenset("to of the and in for with by on at a an from or".split())
# A name's written words must weigh this share of the name's words when a modifier is left out.
# Chosen by leaving one development set out at a time (docs/gl405.md, Method): best for ten
# of the eleven sets left out.
MIN_WEIGHT = 0.8
# A word of at most this many genes' names: one of the written words must be one.
RARE_WORD_GENES = 50
# What ends a clause between two words: a name is never read across it.
_CLAUSE_BREAK = re.compile(r"[,:;.()\[\]]")


def loose_name_table(
    phrases: dict[str, list[int]], classes: dict[str, list[int]] | None = None
) -> tuple[dict, dict, int]:
    """(names by head and first word, genes per word, genes in all) for `loose_matches`: the names
    of one gene of two words or more, keyed by two words every loose reading writes. `classes`
    are names read as no gene's ("hormone receptor") whose words still count as their genes'."""
    word_genes: dict[str, set[int]] = {}
    for phrase, genes in (*phrases.items(), *(classes or {}).items()):
        for word in set(phrase.split(" ")):
            word_genes.setdefault(word, set()).update(genes)
    by_head: dict[str, dict[str, list[str]]] = {}
    for phrase, genes in phrases.items():
        key = _key(phrase.split(" "))
        if len(genes) == 1 and key:
            first, head = key
            by_head.setdefault(head, {}).setdefault(first, []).append(phrase)
    every_gene = len({g for genes in phrases.values() for g in genes})
    return (
        {
            head: {
                first: names[0] if len(names) == 1 else tuple(names)
                for first, names in by_first.items()
            }
            for head, by_first in by_head.items()
        },
        {word: len(genes) for word, genes in word_genes.items()},
        every_gene,
    )


def _key(words: list[str]) -> tuple[str, str] | None:
    """The name's first word that is no designator and carries something, and its head (its last
    word that is no designator); None when they are one word (a name of one word and designators
    is the exact reading's)."""
    kept = [i for i, w in enumerate(words) if w not in OMITTABLE and not is_designator(w)]
    if len(kept) < 2:
        return None
    return words[kept[0]], words[kept[-1]]


def loose_matches(
    title: str,
    words: Sequence[tuple[str, int, int]],
    table: tuple,
    phrases: dict,
    taken: Sequence[tuple[int, int, tuple]],
) -> list[tuple[int, int, tuple[int, ...]]]:
    """(first word, end word, genes) of the names written loosely among the title's normalised
    `words`, outside the spans already `taken` by names written word for word."""
    if not table:
        return []
    by_key, word_genes, every_gene = table
    plain = [w for w, _, _ in words]
    written = frozenset(plain)
    clause: list[int] = []  # each word's clause, worked out when a name is first tried
    found = []
    for head in range(1, len(plain)):
        by_first = by_key.get(plain[head])
        if by_first is None:
            continue
        for first in range(max(0, head - _MOST_APART), head):
            names = by_first.get(plain[first])
            if names is None:
                continue
            for name in (names,) if names.__class__ is str else names:
                name_words = name.split(" ")
                if not _may_be_written(name_words, written):
                    continue  # most names that share the two words, quickly
                clause = clause or _clauses(title, words)
                if clause[first] != clause[head]:
                    break
                match = _match(
                    name_words, head, plain, clause, title, words, word_genes, every_gene
                )
                if match:
                    genes = phrases[name]
                    found.append((*match, genes if genes.__class__ is tuple else (genes,)))
    chosen: list[tuple[int, int, tuple[int, ...]]] = []
    spans = [(first, end) for first, end, _ in taken]
    for weight, first, end, genes in sorted(set(found), key=lambda f: (-f[0], f[1] - f[2])):
        rivals = {g for w, f, e, gs in found if f == first and e == end and w >= weight for g in gs}
        if len(rivals) > 1 or any(f < end and first < e for f, e in spans):
            continue  # two genes' names read there, or a name already read there
        spans.append((first, end))
        chosen.append((first, end, genes))
    return chosen


def _may_be_written(name: list[str], written: frozenset[str]) -> bool:
    """Whether the title has every word of the name it must have: its designators, the words
    that make it another protein, and all but one of the others."""
    missing = 0
    for word in name:
        if word not in written and word not in OMITTABLE:
            if word in KEPT or is_designator(word) or missing:
                return False
            missing += 1
    return True


# Title words a name's key words may stand apart: a name has ten words at most, with a few
# fillers among them.
_MOST_APART = 12


def _clauses(title: str, words: Sequence[tuple[str, int, int]]) -> list[int]:
    """Each word's clause number: a comma, colon, bracket or full stop between two words parts them."""
    numbers, number = [], 0
    for at, (_, start, _) in enumerate(words):
        if at and _CLAUSE_BREAK.search(title, words[at - 1][2], start):
            number += 1
        numbers.append(number)
    return numbers


def _match(
    name: list[str],
    at: int,
    plain: list[str],
    clause: list[int],
    title: str,
    words: Sequence[tuple[str, int, int]],
    word_genes: dict[str, int],
    every_gene: int,
) -> tuple[float, int, int] | None:
    """(weight written, first word, end word) of `name` read around title word `at`, or None."""
    low, high = max(0, at - len(name) - 2), min(len(plain), at + len(name) + 3)
    window = [k for k in range(low, high) if clause[k] == clause[at]]
    position: dict[int, int] = {}  # name word's index -> title word's index
    used: set[int] = set()
    for index, word in enumerate(name):
        spots = [k for k in window if plain[k] == word and k not in used]
        if spots:
            spot = min(spots, key=lambda k: abs(k - at))
            position[index] = spot
            used.add(spot)
    if len(position) < 2 or len(name) - 1 not in position:
        return None
    if 0 not in position and name[0] not in OMITTABLE:
        return None  # "membrane protein of the … compartment" is no "transmembrane protein …"
    left_out = [w for i, w in enumerate(name) if i not in position and w not in OMITTABLE]
    if len(left_out) > 1 or any(is_designator(w) or w in KEPT for w in left_out):
        return None  # "GalNAc-T3" is no "GalNAc-T-like 3"
    in_order = sorted(position.values()) == [position[i] for i in sorted(position)]
    if left_out and not in_order:
        return None  # one liberty at a time: words moved, or a modifier left out
    for index, word in enumerate(name):
        if is_designator(word) and index and index - 1 in position:
            if index not in position or position[index] < position[index - 1]:
                return None  # "type 2 oculocutaneous albinism" is no "oculocutaneous albinism 2"
    first, last = min(used), max(used)
    if position[len(name) - 1] != last or plain[first] in _FUNCTION_WORDS:
        return None  # the name's head ends it: "a protein of the …" names no "… protein"
    if any(k not in used and plain[k] not in FILLER for k in range(first, last + 1)):
        return None
    if [plain[k] for k in range(first, last + 1)] == name:
        return None  # written word for word: the exact reading's to find, or to leave
    if last + 1 < len(plain) and is_designator(plain[last + 1]) and not is_designator(name[-1]):
        return None  # a member's number after it: another name
    written = [name[i] for i in position]
    if not any(
        w.isalpha() and len(w) >= 4 and word_genes.get(w, every_gene) <= RARE_WORD_GENES
        for w in written
    ):
        return None
    weight = _weight(written, word_genes, every_gene) / _weight(
        [w for w in name if w not in OMITTABLE], word_genes, every_gene
    )
    if left_out and weight < MIN_WEIGHT:
        return None
    begin, finish = words[first][1], words[last][2]
    if title[begin - 1 : begin].isalnum() or title[finish : finish + 1].isalnum():
        return None  # a part of a token: "TREX1 exonuclease" is no "exonuclease 1"
    if not re.search(r"[^0-9A-Za-z]", title[begin:finish]):
        return None  # one token ("Slit2"): a symbol's to read
    return weight, first, last + 1


def _weight(written: Sequence[str], word_genes: dict, every_gene: int) -> float:
    return sum(math.log(every_gene / (1 + word_genes.get(w, 0))) for w in written)
