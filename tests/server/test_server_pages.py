"""`genelint server` end to end on harder pages: non-ASCII before a fix, a page the parser
cannot read, the corpus rules across the workspace folder, closing a page."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.helpers import (
    apply,
    change_page,
    codes,
    config_changed,
    open_page,
    published,
    published_when,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.asyncio
async def test_non_ascii_before_a_finding_and_its_fix(client, workspace):
    path = workspace / "ALAS2.md"
    # A Greek letter, an emoji (two UTF-16 units) and a combining mark before the rsID.
    text = path.read_text(encoding="utf-8").replace(
        "| V122I       | Missense | rs137852769 |",
        "| p.Val122Ile | Missense α😀e\u0301 | RS137852769 |",
    )
    uri = open_page(client, path, text)
    diagnostics = await published(client, uri, 1)
    rsid = next(d for d in diagnostics if d.code == "GL304")
    line = text.split("\n")[41]
    units = len(line[: line.index("RS137852769")].encode("utf-16-le")) // 2
    assert units == 33 and line.index("RS137852769") == 32
    assert rsid.range == types.Range(
        start=types.Position(line=41, character=33), end=types.Position(line=41, character=44)
    )
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rsid.range,
            context=types.CodeActionContext(diagnostics=[rsid]),
        )
    )
    fix = next(a for a in found if "GL304" in a.title and "Disable" not in a.title)
    assert (
        apply(text, fix.edit.changes[uri]).split("\n")[41]
        == "| p.Val122Ile | Missense α😀e\u0301 | rs137852769 |"
    )


@pytest.mark.asyncio
async def test_a_page_the_parser_cannot_read_is_a_finding_and_the_server_goes_on(client, workspace):
    path = workspace / "ALAS2.md"
    uri = open_page(client, path, "---\ntitle: [unclosed\n---\n\x00\n")
    broken = await published(client, uri, 1)
    assert [d.code for d in broken if d.code in ("GL001", "GL002")]
    change_page(
        client,
        uri,
        2,
        types.TextDocumentContentChangeWholeDocument(text=path.read_text(encoding="utf-8")),
    )
    assert (32, "GL202") in codes(await published(client, uri, 2))


@pytest.mark.asyncio
async def test_corpus_rules_see_the_workspace_folder(client, workspace):
    shutil.copy(
        workspace / "ALAS2.md", workspace / "ALAS2-copy.md"
    )  # a second page for ALAS2, not open
    uri = open_page(client, workspace / "ALAS2.md")
    diagnostics = await published_when(
        client, uri, 1, lambda found: any(d.code == "GL903" for d in found)
    )
    duplicate = [d for d in diagnostics if d.code == "GL903"]
    assert len(duplicate) == 1 and "ALAS2-copy.md" in duplicate[0].message


@pytest.mark.asyncio
async def test_closing_a_page_clears_its_diagnostics(client, workspace):
    uri = open_page(client, workspace / "ALAS2.md")
    assert await published(client, uri, 1)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert list(await published(client, uri, None)) == []


@pytest.mark.asyncio
async def test_lookups_run_in_the_background_and_publish_again(lookup_client, workspace):
    """With every service refusing connections (127.0.0.1, a closed port), the page's own
    findings come first; the lookups then fail in the background and GL010 is published."""
    client = lookup_client
    uri = open_page(client, workspace / "ALAS2.md")
    first = await published(client, uri, 1)
    assert "GL010" not in {d.code for d in first} and (32, "GL202") in codes(first)
    later = await published_when(
        client, uri, 1, lambda found: any(d.code == "GL010" for d in found), timeout=60
    )
    unverified = [d for d in later if d.code == "GL010"]
    assert unverified and all(
        d.severity == types.DiagnosticSeverity.Information for d in unverified
    )
    # Typing uses what the lookups said, asking nothing: GL010 stays while the page changes.
    text = (workspace / "ALAS2.md").read_text(encoding="utf-8") + "\n"
    change_page(client, uri, 2, types.TextDocumentContentChangeWholeDocument(text=text))
    assert len([d for d in await published(client, uri, 2) if d.code == "GL010"]) == len(unverified)


CRASHING_RULE = '''
from genelint.rule import Rule


class Crashes(Rule):
    """Crashes on every page (a rule author's bug)."""

    code = "XY900"
    name = "crashes"

    def check(self, doc, ctx):
        raise RuntimeError("a bug in a local rule")
'''


@pytest.mark.asyncio
async def test_a_crashing_rule_is_logged_and_the_other_rules_still_report(client, workspace):
    (workspace / "local_rules").mkdir()
    (workspace / "local_rules" / "crashes.py").write_text(CRASHING_RULE, encoding="utf-8")
    config = workspace / "genelint.toml"
    config.write_text(
        'rule-paths = ["local_rules"]\nselect = ["GL", "XY"]\n'
        + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    config_changed(client, config)
    uri = open_page(client, workspace / "ALAS2.md")
    diagnostics = await published(client, uri, 1)
    assert (32, "GL202") in codes(diagnostics)
    assert any(
        "XY900" in log.message and "a bug in a local rule" in log.message
        for log in client.log_messages
    )
    assert not [m for m in client.messages if m.type == types.MessageType.Error]


@pytest.mark.asyncio
async def test_saving_reads_the_workspace_again_for_the_corpus_rules(client, workspace):
    uri = open_page(client, workspace / "ALAS2.md")
    assert "GL903" not in {d.code for d in await published(client, uri, 1)}
    shutil.copy(
        workspace / "ALAS2.md", workspace / "ALAS2-copy.md"
    )  # written by another program meanwhile
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    found = await published_when(
        client, uri, 1, lambda found: any(d.code == "GL903" for d in found)
    )
    assert "ALAS2-copy.md" in next(d.message for d in found if d.code == "GL903")


def test_shutdown_and_exit_end_the_process(tmp_path):
    """Over the pipes with nothing but JSON-RPC (the benchmark's client): the process ends, exit code 0."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_server import Connection
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    server = Connection(tmp_path)
    answer = server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert answer["result"]["serverInfo"]["name"] == "genelint"
    assert answer["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"] == [
        "quickfix",
        "source.fixAll.genelint",
    ]
    server.notify("initialized", {})
    server.close()
    assert server.process.returncode == 0


@pytest.mark.asyncio
async def test_files_the_cli_would_not_check_get_no_diagnostics(client, workspace):
    readme = workspace / "README.md"
    readme.write_text("# Notes\n\nRS12 and V122I are only examples here.\n", encoding="utf-8")
    assert list(await published(client, open_page(client, readme), 1)) == []
    config = workspace / "genelint.toml"
    config.write_text(
        'exclude = ["drafts/"]\n' + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    config_changed(client, config)
    (workspace / "drafts").mkdir()
    draft = workspace / "drafts" / "ALAS2.md"
    shutil.copy(workspace / "ALAS2.md", draft)
    assert list(await published(client, open_page(client, draft), 1)) == []
    assert (32, "GL202") in codes(
        await published(client, open_page(client, workspace / "ALAS2.md"), 1)
    )
