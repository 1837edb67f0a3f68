"""The lookup rounds on their own (genelint.lookups), as a library user drives them."""

from __future__ import annotations

from genelint.lookups import Asking, LookupRounds
from genelint.rule import Answer, Context, Lookup, NetworkRule


class Follows(NetworkRule):
    """Asks ("n", "1") once ("n", "0") is found, and crashes when it sees ("n", "1") answered."""

    code = "XL001"
    name = "follows"
    follow_ups = True

    def lookups(self, doc, ctx):
        if ctx.answer(Lookup("n", "1")) is not None:
            raise ValueError("a plugin bug")
        if ctx.answer(Lookup("n", "0")) is not None:
            yield Lookup("n", "1")


def rounds_over(provider) -> LookupRounds:
    return LookupRounds(
        network_rules=lambda path: [Follows()],
        context=lambda rule, answers: Context(answers=answers),
        answers_provider=provider,
    )


def test_rounds_ask_follow_ups_once_and_report_a_crash_once_per_page():
    asked = []

    def provider(lookups):
        asked.append(sorted(lookups))
        return {
            lookup: Answer("found" if lookup.key == "0" else "error", error="down")
            for lookup in lookups
        }

    rounds = rounds_over(provider)
    page = Asking("page.md", doc=None, internal_errors=[])
    rounds.answer({Lookup("n", "0")}, [page], [Follows()])
    assert asked == [[Lookup("n", "0")], [Lookup("n", "1")]]
    assert rounds.answers == {
        Lookup("n", "0"): Answer("found", error="down"),
        Lookup("n", "1"): Answer("error", error="down"),
    }
    assert rounds.unverified == 1 and not rounds.interrupted
    assert len(page.internal_errors) == 1
    assert page.internal_errors[0].startswith(
        "page.md: rule XL001 (follows) crashed listing lookups:"
    )


def test_ctrl_c_between_rounds_leaves_no_lookup_without_an_answer():
    def provider(lookups):
        if Lookup("n", "1") in lookups:
            raise KeyboardInterrupt
        return {lookup: Answer("found") for lookup in lookups}

    rounds = rounds_over(provider)
    rounds.answer({Lookup("n", "0")}, [Asking("page.md", None, [])], [Follows()])
    assert rounds.interrupted
    assert rounds.answers[Lookup("n", "1")] == Answer(
        "error", error="not asked: the run was interrupted (Ctrl-C)"
    )
