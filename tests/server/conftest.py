"""A real LSP client (pytest-lsp) driving `genelint server` as a process over stdio."""

from __future__ import annotations

import os
import shutil
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
def workspace(tmp_path: Path) -> Path:
    """A folder with the reference page and a config of its own (the cache inside it)."""
    shutil.copy(EXAMPLES / "ALAS2.md", tmp_path / "ALAS2.md")
    (tmp_path / "genelint.toml").write_text(CONFIG.format(cache=(tmp_path / ".cache").as_posix()), encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[GENELINT, "server"], server_env=SERVER_ENV))
async def client(lsp_client: LanguageClient, workspace: Path):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # an editor watches the files the server names
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="pages")],
    ))
    yield lsp_client
    await lsp_client.shutdown_session()
