"""Helpers for the tests that drive `genelint server` with a real LSP client."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

# The genelint installed beside this interpreter: the command editors start.
GENELINT = shutil.which("genelint", path=os.path.dirname(sys.executable)) or "genelint"


def open_page(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="markdown",
                version=version,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


async def published(
    client: LanguageClient, uri: str, version: int, timeout: float = 20.0
) -> list[types.Diagnostic]:
    """The diagnostics the server publishes next for this version of the page. Called right
    after sending the change (no await between), so that publication cannot be missed."""

    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version:
                return params.diagnostics

    return await asyncio.wait_for(wait(), timeout)


async def published_when(
    client: LanguageClient, uri: str, version: int, ready, timeout: float = 20.0
) -> list[types.Diagnostic]:
    """The first diagnostics published for this version of the page for which `ready` holds
    (a page is checked again when the workspace's corpus facts or lookups come in)."""

    async def wait():
        while True:
            found = await published(client, uri, version, timeout)
            if ready(found):
                return found

    return await asyncio.wait_for(wait(), timeout)


def change_page(client: LanguageClient, uri: str, version: int, *changes) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=list(changes),
        )
    )


def config_changed(client: LanguageClient, config: Path) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )


def codes(diagnostics) -> list[tuple[int, str]]:
    return sorted((d.range.start.line + 1, d.code) for d in diagnostics)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (positions in UTF-16 units) as an editor does."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while units < position.character:
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return before + index

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
        lines = text.split("\n")
    return text
