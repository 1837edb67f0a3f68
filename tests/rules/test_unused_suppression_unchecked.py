"""GL011 and the rules that ask the registries: a suppression of such a rule is not called
unused when the rule could not check the page (offline, a lookup left unanswered), since it
may be needed as soon as the services answer; once they answer, an unused one is reported."""

from pathlib import Path

from genelint.rule import Answer
from genelint.testing import lint_text

HBB = (Path(__file__).parents[2] / "examples" / "HBB.md").read_text()


def page_with(directive: str) -> str:
    """HBB's page with a directive comment (and a blank line) above its mutation table."""
    head, table, tail = HBB.partition("| AA Mutation")
    assert table, "HBB.md has a mutation table"
    return f"{head}{directive}\n\n{table}{tail}"


def unused(findings) -> list[str]:
    return [f.message for f in findings if f.code == "GL011"]


def answering(status: str):
    def provider(lookups):
        return {
            lookup: Answer(status, None, "refused" if status == "error" else "")
            for lookup in lookups
        }

    return provider


NETWORK_RULES = ["GL011", "GL306", "GL010"]


def test_offline_a_suppression_of_a_network_rule_is_not_called_unused():
    text = page_with("<!-- genelint-disable GL306 -->")
    assert unused(lint_text(text, select=NETWORK_RULES, offline=True)) == []


def test_offline_a_suppression_of_a_rule_that_ran_is_still_called_unused():
    text = page_with("<!-- genelint-disable GL306 GL105 -->")
    assert unused(lint_text(text, select=[*NETWORK_RULES, "GL105"], offline=True)) == []
    text = page_with("<!-- genelint-disable GL105 -->")
    assert unused(lint_text(text, select=[*NETWORK_RULES, "GL105"], offline=True)) == [
        "genelint-disable (GL105) suppresses nothing"
    ]


def test_a_blanket_suppression_is_not_called_unused_offline():
    text = page_with("<!-- genelint-disable -->")
    assert unused(lint_text(text, select=NETWORK_RULES, offline=True)) == []


def test_services_down_a_suppression_of_a_network_rule_is_not_called_unused():
    text = page_with("<!-- genelint-disable GL306 -->")
    findings = lint_text(
        text, select=NETWORK_RULES, offline=False, answers_provider=answering("error")
    )
    assert any(f.code == "GL010" for f in findings)  # the lookups went unanswered
    assert unused(findings) == []


def test_services_down_and_gl010_turned_off_still_not_called_unused():
    text = page_with("<!-- genelint-disable GL306 -->")
    findings = lint_text(
        text, select=["GL011", "GL306"], offline=False, answers_provider=answering("error")
    )
    assert unused(findings) == []


def test_services_answering_an_unused_suppression_of_a_network_rule_is_reported():
    text = page_with("<!-- genelint-disable GL306 -->")
    findings = lint_text(
        text, select=NETWORK_RULES, offline=False, answers_provider=answering("not_found")
    )
    assert not any(f.code in ("GL010", "GL306") for f in findings)
    assert unused(findings) == ["genelint-disable (GL306) suppresses nothing"]
