"""The protocol side: open documents, debounced checks, background lookups, config changes.

All engine work runs on one thread (`checking`), in order, so the engine's objects are never
shared between threads; lookups run on another (`looking_up`) so a slow service never holds
up a keystroke's check; everything sent to the client is sent from the event loop.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from genelint import __version__
from genelint.engine import FileResult
from genelint.parser import parse_bytes
from genelint.server import actions
from genelint.server.pages import Checked, Corpus, check_text
from genelint.server.profiles import AnswerMemory, Profiles

DEBOUNCE_SECONDS = 0.1  # a check starts once typing has paused this long
CONFIG_FILES = ("pyproject.toml", "genelint.toml")


class GenelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "genelint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.memory = AnswerMemory()
        self.profiles = Profiles(self.show_error, self.memory)  # used on the checking thread only
        self.corpus = Corpus()
        self.corpus_current = False
        self.checking = ThreadPoolExecutor(1, "genelint-check")
        self.looking_up = ThreadPoolExecutor(1, "genelint-lookups")
        self.checked: dict[str, Checked] = {}  # uri -> the check last published
        self.open_results: dict[
            str, FileResult
        ] = {}  # path -> facts of the open page as in the editor
        self.waiting: dict[str, asyncio.TimerHandle] = {}
        self.loop: asyncio.AbstractEventLoop | None = None

    # --- sending, always from the event loop ---------------------------------------------

    def show_error(self, message: str) -> None:
        params = types.ShowMessageParams(type=types.MessageType.Error, message=message)
        self._on_loop(self.window_show_message, params)

    def log(self, message: str) -> None:
        params = types.LogMessageParams(type=types.MessageType.Error, message=message)
        self._on_loop(self.window_log_message, params)

    def _on_loop(self, send: Callable[[Any], None], params: Any) -> None:
        """Send from any thread through the event loop (before the first check has seen the
        loop, only the loop itself can be calling)."""
        if self.loop is None:
            send(params)
        else:
            self.loop.call_soon_threadsafe(send, params)

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # --- checks --------------------------------------------------------------------------

    async def check(self, uri: str, look_up: bool = False) -> None:
        loop = self.loop = asyncio.get_running_loop()
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        checked = await loop.run_in_executor(self.checking, self._check, uri, text)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # closed or changed meanwhile: the newer check publishes
        self.checked[uri] = checked
        self.publish(uri, version, checked.diagnostics)
        if not self.corpus_current:
            asyncio.ensure_future(self.read_corpus())
        if look_up and checked.lookups and self.memory.missing(checked.lookups):
            asyncio.ensure_future(self._look_up(uri, text))

    async def read_corpus(self) -> None:
        """Read the workspace's pages for the corpus rules (after the page's own findings are
        out: on a cold cache this takes seconds), then check the open pages again."""
        if self.corpus_current:
            return
        self.corpus_current = True  # a change meanwhile sets it False again, and reads again
        read = await asyncio.get_running_loop().run_in_executor(self.checking, self._read_corpus)
        if read:
            await self.check_all_open()

    def _read_corpus(self) -> bool:
        in_folders = (to_fs_path(folder.uri) for folder in self.workspace.folders.values())
        folders = [path for path in in_folders if path] or (
            [self.workspace.root_path] if self.workspace.root_path else []
        )
        if not folders:
            return False
        self.corpus.folders = folders
        try:
            self.corpus.read(self.profiles.for_path(os.path.join(folders[0], "genelint-corpus.md")))
        except Exception as err:  # e.g. an unwritable cache: corpus rules see the open pages only
            self.log(f"genelint: reading the workspace's pages for the corpus rules failed: {err}")
        return True

    def _check(self, uri: str, text: str) -> Checked:
        path = _path_of(uri)
        profile = self.profiles.for_path(path)
        others = self.corpus.others(path, self.open_results)
        checked, own = check_text(text, path, profile, profile.typing, others)
        self.open_results[path] = own
        for error in checked.errors:
            self.log(f"genelint: internal error: {error}")
        return checked

    async def _look_up(self, uri: str, text: str) -> None:
        """Ask the services what the page's network rules need (the answers are remembered),
        then check the page again if it is still open."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.checking, lambda: None)  # after the checks queued before
        error = await loop.run_in_executor(self.looking_up, self._ask, uri, text)
        if error:
            self.log(error)
        if uri in self.workspace.text_documents:
            await self.check(uri)

    def _ask(self, uri: str, text: str) -> str | None:
        path = _path_of(uri)
        profile = self.profiles.for_path(path)
        try:
            linter = profile.looking_up
            doc = parse_bytes(
                text.encode("utf-8", "surrogatepass"), path, profile.settings.parser_options()
            )
            linter.finish([linter.check_document(doc)], corpus=False)
        except Exception as err:
            return f"genelint: lookups for {path} failed: {err}"
        return None

    def check_soon(self, uri: str) -> None:
        waiting = self.waiting.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.loop = asyncio.get_running_loop()
        self.waiting[uri] = self.loop.call_later(
            DEBOUNCE_SECONDS, lambda: asyncio.ensure_future(self.check(uri))
        )

    async def check_all_open(self, look_up: bool = False) -> None:
        for uri in list(self.workspace.text_documents):
            await self.check(uri, look_up)

    async def configs_changed(self) -> None:
        self.loop = asyncio.get_running_loop()
        await self.loop.run_in_executor(self.checking, self.profiles.reload)
        self.corpus_current = False
        await self.check_all_open()


def _path_of(uri: str) -> str:
    return os.path.abspath(to_fs_path(uri) or uri)


server = GenelintServer()


@server.feature(types.INITIALIZED)
async def initialized(ls: GenelintServer, params: types.InitializedParams) -> None:
    ls.loop = asyncio.get_running_loop()
    watching = (
        ls.client_capabilities.workspace
        and ls.client_capabilities.workspace.did_change_watched_files
    )
    if watching and watching.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        watchers.append(types.FileSystemWatcher(glob_pattern="**/*.md"))
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="genelint-config",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )
    # The reference data, once per server, before the first page asks for it.
    ls.loop.run_in_executor(ls.checking, _warm_up, ls)


# A small gene page with a part of each kind: checking it imports every rule and reads the
# reference data and name index, so that the first page opened does not wait for them.
WARM_UP_PAGE = """---
title: "ALAS2"
categories: Gene
---

# Gene Information for ALAS2

## Gene Position

The ALAS2 gene is located at Xp11.21.

## External IDs and Aliases

- HGNC: 397

## Mutations

| AA Mutation | Type | dbSNP ID |
| ----------- | ---- | -------- |
| V122I | Missense | rs137852769 |

## References

- Author: Cotter PD
  - Title: Familial XLMR with deletions involving the UPF3B gene.
  - Journal: Clinical Genetics.
  - DOI: 10.1111/j.1399-0004.2010.01411.x
"""


def _warm_up(ls: GenelintServer) -> None:
    try:
        root = ls.workspace.root_path or os.getcwd()
        path = os.path.join(root, "genelint-warm-up.md")
        profile = ls.profiles.for_path(path)
        checked, _ = check_text(WARM_UP_PAGE, path, profile, profile.typing)
        if any(rule.reads_name_index for rule in profile.typing.rules):
            from genelint.refdata import load_gene_table

            # GL405's index of every gene name: built once (seconds) when its cache is cold.
            load_gene_table(profile.settings.refdata.get("path")).name_index()
        if not checked.findings and not checked.diagnostics and checked.line_count == 0:
            ls.log(
                "genelint: the warm-up page was not checked (excluded or not included by the config)"
            )
    except Exception as err:
        ls.log(f"genelint: warming up failed: {err}")


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: GenelintServer, params: types.DidOpenTextDocumentParams) -> None:
    await ls.check(params.text_document.uri, look_up=True)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: GenelintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.check_soon(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: GenelintServer, params: types.DidSaveTextDocumentParams) -> None:
    name = os.path.basename(_path_of(params.text_document.uri))
    if name in CONFIG_FILES:
        await ls.configs_changed()
        return
    ls.corpus_current = False  # the page on disk changed: every open page's corpus findings may too
    await ls.check(params.text_document.uri, look_up=True)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: GenelintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.waiting.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.checked.pop(uri, None)
    ls.open_results.pop(_path_of(uri), None)
    ls.publish(uri, None, [])


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(
    ls: GenelintServer, params: types.DidChangeWatchedFilesParams
) -> None:
    names = {os.path.basename(_path_of(change.uri)) for change in params.changes}
    if names & set(CONFIG_FILES):
        await ls.configs_changed()
    elif params.changes:
        ls.corpus_current = False
        await ls.check_all_open()


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL], resolve_provider=False
    ),
)
async def code_action(ls: GenelintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    checked = _current(ls, uri)
    if checked is None:
        return []
    only = params.context.only
    found: list[types.CodeAction] = []
    if only is None or any(types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only):
        found += actions.quick_fixes(uri, checked, params.range)
        found += actions.suppressions(uri, checked, params.range)
    if only is None or any(actions.FIX_ALL.startswith(kind) for kind in only):
        path = _path_of(uri)

        def fix_all():
            return actions.fix_all(uri, path, checked, ls.profiles.for_path(path))

        fixed = await asyncio.get_running_loop().run_in_executor(ls.checking, fix_all)
        if fixed is not None:
            found.append(fixed)
    return found


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: GenelintServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    checked = _current(ls, uri)
    if checked is None:
        return None
    path = _path_of(uri)
    profile = await asyncio.get_running_loop().run_in_executor(
        ls.checking, ls.profiles.for_path, path
    )
    return actions.hover(checked, params.position, profile)


def _current(ls: GenelintServer, uri: str) -> Checked | None:
    """The last check of the page, if it was of the text the editor has now."""
    checked = ls.checked.get(uri)
    document = ls.workspace.text_documents.get(uri)
    if checked is None or document is None or checked.page.text != document.source:
        return None
    return checked


def serve() -> None:
    server.start_io()
    # The editor said exit: a lookup still waiting on a slow host must not keep the process
    # alive (the executors' threads are joined at interpreter exit otherwise).
    for pool in (server.checking, server.looking_up):
        pool.shutdown(wait=False, cancel_futures=True)
    os._exit(0)  # the writer has closed standard output; nothing is left to flush
