"""Comparing a cited title, first author and journal with the registry's record (GL403)."""

from __future__ import annotations

import difflib
import functools
import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]+>")  # Crossref titles may carry JATS/MathML markup
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_JOURNAL_FILLER = {"of", "the", "and", "in", "for", "on", "de", "la"}
_INITIALS = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z]\.-?)+)$")


# What a curator reads as the same title written otherwise, beyond case and accents: letters
# NFKD leaves whole (`Hæmoglobin` is `Haemoglobin`), Greek letters and their names (`α-globin`
# is `alpha-globin`), and characters that only break or join words invisibly (soft hyphen).
_INVISIBLE = dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", "")
_LETTERS = {"æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ø": "o", "Ø": "O", "ı": "i"}


def _greek_names() -> dict[str, str]:
    names = {}
    for code in range(0x391, 0x3CA):
        parts = unicodedata.name(chr(code), "").split()
        if parts[:2] == ["GREEK", "SMALL"] or parts[:2] == ["GREEK", "CAPITAL"]:
            name = parts[-1].lower().replace("lamda", "lambda")  # Unicode's spelling
            names[chr(code)] = name if parts[1] == "SMALL" else name.capitalize()
    return names


_GREEK = _greek_names()
_SPELLED = str.maketrans({**_INVISIBLE, **_LETTERS, **_GREEK})


def _spelled(text: str) -> str:
    """Compatibility forms (ligatures such as `ﬁ`, superscripts, the micro sign) made plain,
    the letters above spelt in Latin ones, invisible characters dropped."""
    return unicodedata.normalize("NFKC", text).translate(_SPELLED)


def normalise(text: str) -> str:
    """Lower case, accents, markup, entities and punctuation removed, `&` read as `and`,
    Greek letters read as their names."""
    text = html.unescape(_TAG.sub("", text)).replace("&", " and ")
    text = unicodedata.normalize("NFKD", _spelled(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def title_similarity(page: str, registry: str) -> float:
    return round(difflib.SequenceMatcher(None, normalise(page), normalise(registry)).ratio(), 2)


# Crossref marks up titles with JATS face markup (<i>, <sub>, <scp>, …); a title with any other
# markup (MathML) has no plain form to write on a page.
_FACE_TAG = re.compile(r"</?(?:i|b|u|em|strong|sub|sup|scp|italic|bold|sc)>", re.I)
# What Markdown would read as markup in a title, or a table would read as a cell boundary.
_MARKDOWN_SIGNIFICANT = re.compile(r"[*_`\\<>\[\]|]")
_FOLDED = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4", "'"),  # quotes, prime, acute
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),  # dashes, minus
        "\u00a0": " ",
    }
)
_TOKEN = re.compile(r"\w+|[^\w\s]")


def readable_title(registry: str) -> str:
    """The registry's title as a reader sees it: face markup and entities resolved, spaces
    collapsed (what the page's title is compared with, whether or not it can be written)."""
    return " ".join(
        unicodedata.normalize("NFC", html.unescape(_FACE_TAG.sub("", registry))).split()
    )


def plain_title(registry: str) -> str | None:
    """The registry's title as text to write on a page: face markup and entities resolved,
    spaces collapsed; None when it holds other markup or characters Markdown would read."""
    if "<" in _FACE_TAG.sub("", registry):
        return None
    text = readable_title(registry)
    return text if text and not _MARKDOWN_SIGNIFICANT.search(text) else None


def _plain_case(word: str) -> bool:
    """`exposure` and `Exposure` are one word in sentence and title case; `DNA`, `mRNA` and
    `ALAS2` are written one way only."""
    return word == word.lower() or word == word.capitalize()


def same_title(page: str, registry: str) -> bool:
    """The same title as written: sentence or title case, curly or straight quotes, spacing and
    a final full stop aside (PubMed ends titles with one, Crossref does not)."""
    words = [
        _TOKEN.findall(_spelled(text.translate(_FOLDED)).translate(_FOLDED))
        for text in (page, registry)
    ]
    for tokens in words:
        if tokens[-1:] == ["."]:
            tokens.pop()
    if len(words[0]) != len(words[1]):
        return False
    all_capitals = not any(ch.islower() for ch in registry)  # old records are written in capitals
    return all(
        a == b
        or (a.casefold() == b.casefold() and (all_capitals or (_plain_case(a) and _plain_case(b))))
        for a, b in zip(*words)
    )


# A near miss differs from the registry's title by at most a typo and a missing word; a title
# that differs in more words, or in a number (`chromosome 8` for `chromosome 6`, `ALAS3`,
# `Part II`), may be another paper of a series or about another gene.
MAX_WORDS_CHANGED = 2
_NUMBER = re.compile(r"[0-9]+|\b[IVX]+\b")


def words_changed(page: str, registry: str) -> int:
    """How many words (normalised) one title must change, add or drop to read as the other."""
    a, b = normalise(page).split(), normalise(registry).split()
    return sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    )


def numbers_differ(page: str, registry: str) -> bool:
    registry = _FACE_TAG.sub("", registry)
    return sorted(_NUMBER.findall(_spelled(page))) != sorted(_NUMBER.findall(_spelled(registry)))


_GREEK_NAME = re.compile(
    rf"(?<![a-z])(?:{'|'.join(sorted({n.lower() for n in _GREEK.values()}, key=len, reverse=True))})(?![a-z])"
)


def _greek_letters(text: str) -> list[str]:
    """The Greek letters a title names, as letters (`TNFα`) or spelt out (`alpha-globin`)."""
    spaced = "".join(f" {_GREEK[ch]} " if ch in _GREEK else ch for ch in text)
    return sorted(_GREEK_NAME.findall(normalise(spaced)))


def greek_letters_differ(page: str, registry: str) -> bool:
    """Both titles name Greek letters, and not the same ones: `α-globin` for `β-globin` may
    be another gene's paper, as `ALAS3` for `ALAS2` may."""
    letters = _greek_letters(page), _greek_letters(registry)
    return all(letters) and letters[0] != letters[1]


def adds_subtitle(page: str, registry: str) -> bool:
    """The page's title is the registry's followed by a subtitle (`…: a case report`), which
    Crossref records apart from the title."""
    head, tail = page[: len(registry)], page[len(registry) :].lstrip()
    return bool(tail) and tail[0] in ":.?!-" and same_title(head, registry)


def first_surname(authors: str) -> str | None:
    """`Cazzola M, May A` -> `Cazzola`; `M. Cazzola; A. May` -> `Cazzola`."""
    first = re.split(r"[;,]| and ", authors.strip(), maxsplit=1)[0]
    words = [w for w in first.split() if not _INITIALS.match(w.strip())]
    return " ".join(words) or None


def _abbreviates(short: str, word: str) -> bool:
    """`neurobiol` of `neurobiology`, `natl` of `national`: same first letter, letters in order."""
    if short == word:
        return True
    if not short or short[0] != word[0] or len(short) >= len(word):
        return False
    letters = iter(word)
    return all(ch in letters for ch in short)


def journals_match(page: str, registry: str, threshold: float) -> bool:
    a, b = normalise(page), normalise(registry)
    if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= threshold:
        return True
    words_a = [w for w in a.split() if w not in _JOURNAL_FILLER]
    words_b = [w for w in b.split() if w not in _JOURNAL_FILLER]
    return _abbreviation_of(words_a, words_b) or _abbreviation_of(words_b, words_a)


def _abbreviation_of(short: list[str], full: list[str]) -> bool:
    """Every word of `full` is abbreviated, in order, by a word of `short`; `short` may
    add words of up to three letters (`Proc Natl Acad Sci U S A`)."""

    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(full):
            return all(len(w) <= 3 for w in short[j:])
        if j == len(short):
            return False
        if _abbreviates(short[j], full[i]) and match(i + 1, j + 1):
            return True
        return len(short[j]) <= 3 and match(i, j + 1)

    return bool(full) and match(0, 0)
