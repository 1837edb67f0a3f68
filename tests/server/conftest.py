"""A real LSP client (pytest-lsp) driving `genelint server` as a process over stdio."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.server.helpers import GENELINT

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# No test asks a service: the network rules are off unless a test points them at its own server.
SERVER_ENV = {**os.environ, "GENELINT_OFFLINE": "1"}


CONFIG = '[services]\ncache-path = "{cache}"\n'


@pytest.fixture
def workspace(tmp_path: Path, seed_cache) -> Path:
    """A folder with the reference page and a config of its own (the cache inside it, holding
    the reference data: each server would otherwise spend seconds building GL405's name index
    while it warms up, and no test here is about that)."""
    shutil.copy(EXAMPLES / "ALAS2.md", tmp_path / "ALAS2.md")
    seed_cache(tmp_path / ".cache")
    (tmp_path / "genelint.toml").write_text(
        CONFIG.format(cache=(tmp_path / ".cache").as_posix()), encoding="utf-8"
    )
    return tmp_path


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[GENELINT, "server"], server_env=SERVER_ENV)
)
async def client(lsp_client: LanguageClient, workspace: Path):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(
        params: types.RegistrationParams,
    ) -> None:  # an editor watches the files the server names
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="pages")],
        )
    )
    yield lsp_client
    await lsp_client.shutdown_session()


# Bound for the whole session but never listening: a connection is refused at once, and no
# later test can be given the port for a server of its own (a server process still asking in
# the background would otherwise reach that test's server).
_HELD = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
_HELD.bind(("127.0.0.1", 0))
atexit.register(_HELD.close)  # held to the end of the session, then closed (no ResourceWarning)


def refused_base() -> str:
    """A loopback address nothing listens on: every request is refused at once."""
    return f"http://127.0.0.1:{_HELD.getsockname()[1]}"


REFUSED = refused_base()
LOOKUP_CONFIG = (
    CONFIG
    + "timeout = 1\nconnect-timeout = 1\n"
    + "".join(
        f'{host} = "{REFUSED}/{host}"\n'
        for host in ("eutils", "variation", "crossref", "doi", "uniprot")
    )
)
LOOKUP_ENV = {key: value for key, value in SERVER_ENV.items() if key != "GENELINT_OFFLINE"}


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[GENELINT, "server"], server_env=LOOKUP_ENV)
)
async def lookup_client(lsp_client: LanguageClient, workspace: Path):
    """A server that asks the services: all of them at a closed loopback port."""
    (workspace / "genelint.toml").write_text(
        LOOKUP_CONFIG.format(cache=(workspace / ".cache").as_posix()), encoding="utf-8"
    )
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="pages")],
        )
    )
    yield lsp_client
    await lsp_client.shutdown_session()
