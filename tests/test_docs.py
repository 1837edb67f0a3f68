"""docs/rules.md is generated from the rules; a rule change without regenerating it fails here."""

from pathlib import Path

from genelint.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_markdown_lists_every_rule_with_its_documentation(capsys):
    assert main(["rules", "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert "| [GL102](#gl102) | section-order | warning |" in text
    assert "## GL102" in text and "Bad:" in text


def test_docs_rules_md_is_up_to_date(capsys):
    main(["rules", "--format", "markdown"])
    expected = capsys.readouterr().out
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "regenerate: genelint rules --format markdown > docs/rules.md"
    )
