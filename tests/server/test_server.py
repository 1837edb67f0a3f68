"""`genelint server` end to end: a real client, the server process, the reference page."""

from __future__ import annotations

import pytest
from lsprotocol import types

from genelint.cli import main
from tests.server.helpers import apply, change_page, codes, config_changed, open_page, published

pytestmark = pytest.mark.asyncio


async def test_reference_page_gl202_on_the_ensembl_line(client, workspace):
    uri = open_page(client, workspace / "ALAS2.md")
    diagnostics = await published(client, uri, 1)
    ensembl = [d for d in diagnostics if d.code == "GL202" and "ENSG00000102010" in d.message]
    assert len(ensembl) == 1
    found = ensembl[0]
    assert found.range == types.Range(
        start=types.Position(line=31, character=11), end=types.Position(line=31, character=26)
    )
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.source == "genelint"
    assert found.code_description.href.endswith("rules.md#gl202")
    assert "belongs to BMX" in found.message
    assert (42, "GL302") in codes(diagnostics) and (76, "GL501") in codes(diagnostics)
    # The server asked the editor to tell it when a config changes.
    watched = [
        w["globPattern"] for r in client.registrations for w in r.register_options["watchers"]
    ]
    assert "**/genelint.toml" in watched and "**/pyproject.toml" in watched


async def test_gl302_quick_fix_then_an_edit_changes_the_diagnostics(client, workspace):
    path = workspace / "ALAS2.md"
    text = path.read_text(encoding="utf-8")
    uri = open_page(client, path, text)
    diagnostics = await published(client, uri, 1)
    legacy = next(d for d in diagnostics if d.code == "GL302" and d.range.start.line == 41)
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=legacy.range,
            context=types.CodeActionContext(diagnostics=[legacy]),
        )
    )
    fixes = [
        a
        for a in found
        if a.kind == types.CodeActionKind.QuickFix
        and "GL302" in a.title
        and "Disable" not in a.title
    ]
    assert len(fixes) == 1 and "(unsafe)" not in fixes[0].title
    fixed = apply(text, fixes[0].edit.changes[uri])
    assert fixed.split("\n")[41] == "| p.Val122Ile       | Missense | rs137852769 |"
    change_page(client, uri, 2, types.TextDocumentContentChangeWholeDocument(text=fixed))
    after = await published(client, uri, 2)
    assert (42, "GL302") not in codes(after) and (43, "GL302") in codes(after)
    # An incremental change: the Ensembl ID made right removes its GL202.
    line = fixed.split("\n")[31]
    start = line.index("ENSG00000102010")
    change_page(
        client,
        uri,
        3,
        types.TextDocumentContentChangePartial(
            range=types.Range(
                start=types.Position(line=31, character=start),
                end=types.Position(line=31, character=start + 15),
            ),
            text="ENSG00000158578",
        ),
    )
    after = await published(client, uri, 3)
    assert (32, "GL202") not in codes(after) and (30, "GL202") in codes(after)


async def test_hover_shows_the_rules_documentation(client, workspace):
    uri = open_page(client, workspace / "ALAS2.md")
    diagnostics = await published(client, uri, 1)
    legacy = next(d for d in diagnostics if d.code == "GL302")
    inside = types.Position(
        line=legacy.range.start.line, character=legacy.range.start.character + 1
    )
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**GL302 hgvs-legacy-notation**")
    assert "fixable: yes" in hover.contents.value
    nowhere = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=0),
        )
    )
    assert nowhere is None


async def test_a_bad_config_is_one_error_and_the_last_good_one_stays(client, workspace):
    config = workspace / "genelint.toml"
    config.write_text('ignore = ["GL302"]\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    config_changed(client, config)
    uri = open_page(client, workspace / "ALAS2.md")
    diagnostics = await published(client, uri, 1)
    assert "GL302" not in {d.code for d in diagnostics}
    config.write_text("ignore = [\n", encoding="utf-8")
    config_changed(client, config)
    config_changed(client, config)  # told twice: still one message
    text = (workspace / "ALAS2.md").read_text(encoding="utf-8") + "\n"
    change_page(client, uri, 2, types.TextDocumentContentChangeWholeDocument(text=text))
    diagnostics = await published(client, uri, 2)
    errors = [m for m in client.messages if m.type == types.MessageType.Error]
    assert len(errors) == 1
    assert str(config) in errors[0].message and "2:1: invalid TOML" in errors[0].message
    assert "GL302" not in {d.code for d in diagnostics}  # the last good config: GL302 still ignored
    assert "GL202" in {d.code for d in diagnostics}
    # Fixed: the new config is used, and nothing more is said.
    config.write_text('ignore = ["GL202"]\n', encoding="utf-8")
    config_changed(client, config)
    change_page(client, uri, 3, types.TextDocumentContentChangeWholeDocument(text=text + "\n"))
    diagnostics = await published(client, uri, 3)
    assert "GL302" in {d.code for d in diagnostics} and "GL202" not in {d.code for d in diagnostics}
    assert len([m for m in client.messages if m.type == types.MessageType.Error]) == 1


async def test_fix_all_applies_what_check_fix_would(client, workspace):
    path = workspace / "ALAS2.md"
    text = path.read_text(encoding="utf-8")
    uri = open_page(client, path, text)
    await published(client, uri, 1)
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    assert [a.kind for a in found] == ["source.fixAll.genelint"]
    fixed = apply(text, found[0].edit.changes[uri])
    copy = workspace / "fixed" / "ALAS2.md"
    copy.parent.mkdir()
    copy.write_text(text, encoding="utf-8")
    assert (
        main(
            ["check", "--offline", "--fix", "--config", str(workspace / "genelint.toml"), str(copy)]
        )
        == 1
    )
    assert fixed == copy.read_text(encoding="utf-8") != text
