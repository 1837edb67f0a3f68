"""What marks one member of a family in a normalised name: its number, letter or Greek letter.

The name index, the title reader and the loose reading all ask whether a word of a name says
which member it is ("2" of "claudin 2", "b" of "nuclear factor kappa b", "beta" of "catenin
beta 1"); they ask it here, so they agree.
"""

from __future__ import annotations

GREEK_LETTERS = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma "
    "tau upsilon phi chi psi omega".split()
)


def is_designator(word: str) -> bool:
    """A member's number ("2", "12b"), letter or Greek letter, as normalised words write it."""
    return (
        word.isdigit()
        or len(word) == 1
        or word in GREEK_LETTERS
        or (word[:-1].isdigit() and word[-1].isalpha())
    )
