"""genelint.parser.words: the lines it rules out are lines the regex cannot match."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genelint.document import LineIndex
from genelint.parser.words import lines_holding, necessary_words
from genelint.rules.provenance import DEFAULT_AI_PATTERNS, claims_regex

CLAIMS, AI_WORDS = claims_regex(DEFAULT_AI_PATTERNS)


@pytest.mark.parametrize(
    "pattern, words",
    [
        (r"\bOpenAI\b", ("openai",)),
        (r"\bAI\s+language\s+model\b", ("language",)),  # the longest run of letters
        (r"\bLLaMA\b|\bLlama\s*\d", ("lama",)),  # re factors out the common "L"
        (r"x(?:ab|cd)", ("ab", "cd")),  # an alternation beats a shorter run
        (r"(?:ab)+c", ("ab",)),  # a repeat done at least once
        (r"(?x) a b c", ("abc",)),  # verbose: what re reads, not the written spaces
        (r"a|b*", None),  # a branch that needs no letter
        (r"\d+", None),
        (r"café", None),  # case folding outside ASCII is not ASCII's
    ],
)
def test_necessary_words(pattern, words):
    assert necessary_words(pattern, re.I) == words


def test_the_default_patterns_have_words():
    assert necessary_words(CLAIMS.pattern, re.I) == AI_WORDS
    assert AI_WORDS is not None


_LINE = st.lists(
    st.sampled_from(
        [
            "written by ",
            "an AI",
            "AI ",
            "language ",
            "model",
            "GPT-4",
            "ChatGPT",
            "gpt",
            "Llama 3",
            "LLaMA",
            "Claude",
            "CLAUDE",
            "gemini",
            " ",
            "\t",
            "x",
            "ü",
            "K",  # KELVIN SIGN: re.I matches it to k
            "ſ",  # LONG S: re.I matches it to s
            "İ",  # lower-cases to two characters
            "Mistral",
            "Mixtral",
            "PaLM 2",
            "palm",
            "Miſtral",
            "copilot",
            "generated ",
            "by ",
            "artificial intelligence",
        ]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, min_size=1, max_size=6), st.integers(0, 2))
def test_a_line_the_regex_matches_is_never_ruled_out(lines, head):
    text = "\n".join(["---"] * head + lines)
    index = LineIndex(text)
    first = index.starts[head] if head < index.line_count else len(text)
    holding = lines_holding(text[first:], first, AI_WORDS, index)
    for number in range(head + 1, index.line_count + 1):
        if CLAIMS.search(index.line_text(number)):
            assert number in holding, (number, index.line_text(number))


def test_lines_without_the_words_are_ruled_out():
    text = "intro\nnothing here\nwritten by ChatGPT\nplain\nMüller et al.\n"
    index = LineIndex(text)
    assert lines_holding(text, 0, AI_WORDS, index) == {3, 5}
