"""Bounded fuzzing in the suite: arbitrary text and structure-aware mutations of the real pages
(tests/fuzzing.py) through the parser, the HGVS parser, the whole offline check and the
fixer. Never an exception or an internal error, every span inside the file and on the text it
names, the command's exit 0 or 1 only, fixes idempotent and never leaving front matter that
does not parse. Derandomised, so the suite asks the same inputs every run; the long,
random run is benchmarks/fuzz.py, whose finds are replayed by test_fuzz_regressions.py."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genelint.cli import main
from genelint.hgvs import HgvsSyntaxError, parse_description, parse_legacy

sys.path.insert(
    0, str(Path(__file__).parent)
)  # the suite imports in importlib mode: tests/ is not on the path
import fuzzing  # noqa: E402

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SEEDS = fuzzing.seed_pages()
HGVS_ALPHABET = st.text(
    alphabet="p.()[];,_^*=?0123456789AlaArgTerGlyfsdelinsdupextCysMet/-> ", max_size=40
)


every_target = fuzzing.check_page  # the parser (spans), HGVS parser, offline check and fixer


@BOUNDED
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    every_target(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw):
    every_target(raw)


@BOUNDED
@given(st.sampled_from(SEEDS), st.randoms(use_true_random=False))
def test_mutated_real_pages(page, rng):
    every_target(fuzzing.mutate(page, random.Random(rng.random())))


@BOUNDED
@given(HGVS_ALPHABET)
def test_hgvs_parser_on_change_like_text(text):
    try:
        description = parse_description(text)
    except HgvsSyntaxError as err:
        assert str(err)
    else:
        assert description is not None
    parse_legacy(text)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(SEEDS), st.randoms(use_true_random=False), st.booleans())
def test_the_command_exits_0_or_1_on_mutated_pages(tmp_path, monkeypatch, capsys, page, rng, fix):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "genelint.toml").write_text(
        'include = ["*.md"]\n'
    )  # checked as a page whatever the damage
    path = tmp_path / f"GENE{rng.randrange(10**6)}.md"
    path.write_bytes(fuzzing.mutate(page, random.Random(rng.random())))
    code = main(["check", "--offline", "--no-cache", *(["--fix"] if fix else []), path.name])
    capsys.readouterr()
    assert code in (0, 1)
