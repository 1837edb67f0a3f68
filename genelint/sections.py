"""The sections of the reference gene page, in their canonical order.

Section titles are matched by a slug (lower case, letters and digits only), so
`## External IDs & Aliases`, `### external ids and aliases` and
`## **External IDs and Aliases**` are the same section.
"""

from __future__ import annotations

import re

# (key, title as on the reference page). The order is the canonical order.
REFERENCE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("gene-position", "Gene Position"),
    ("pathology-and-function", "Pathology and Function"),
    ("external-ids-and-aliases", "External IDs and Aliases"),
    ("aa-mutation-list", "AA Mutation List"),
    ("somatic-snvs-indels", "Somatic SNVs/InDels"),
    ("related-disease", "Related Disease"),
    ("treatment-and-prognosis", "Treatment and Prognosis"),
    ("drug-response", "Drug Response"),
    ("related-papers", "Related Papers"),
)

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(title: str) -> str:
    """`External IDs & Aliases` -> `externalidsaliases`; `and` is dropped so `&` matches it."""
    words = _NOT_ALNUM.split(title.lower())
    return "".join(w for w in words if w and w != "and")


def section_key(title: str, known: dict[str, str]) -> str | None:
    """The key of the known section this title names, or None."""
    return known.get(slug(title))


def known_titles(sections: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """slug -> key for every known section; a key is also accepted as a title."""
    table: dict[str, str] = {}
    for key, title in sections:
        table[slug(title)] = key
        table[slug(key)] = key
    return table
