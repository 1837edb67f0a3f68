"""Latency of `genelint server`: didOpen -> diagnostics and didChange -> diagnostics.

    python benchmarks/bench_server.py [--pages 200] [--changes 20]

Starts the server as an editor does (`genelint server`, JSON-RPC over its stdin and stdout,
offline), in a workspace of generated pages (make_corpus.py) plus the reference page, and
prints: the time to the initialize answer; didOpen -> first diagnostics for the first page
(reference data and the workspace's corpus facts are read then), for the next pages opened;
and didChange -> diagnostics for small incremental edits (the debounce included). Figures,
not pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GENELINT = shutil.which("genelint", path=os.path.dirname(sys.executable)) or "genelint"


class Connection:
    """The smallest JSON-RPC client that will do: requests, notifications, reading until a message."""

    def __init__(self, workspace: Path) -> None:
        env = {
            **os.environ,
            "GENELINT_OFFLINE": "1",
            "GENELINT_CACHE_DIR": str(workspace / ".cache"),
        }
        self.process = subprocess.Popen(
            [GENELINT, "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=workspace,
        )
        self.next_id = 0

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.until(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def read(self) -> dict:
        length = 0
        while line := self.process.stdout.readline().strip():
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def until(self, wanted) -> dict:
        while True:
            message = self.read()
            if (
                "id" in message and "method" in message
            ):  # a request of the server's (registerCapability)
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int) -> list:
        message = self.until(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )
        return message["params"]["diagnostics"]

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(10)


def open_page(server: Connection, path: Path) -> tuple[str, str, float, int]:
    uri, text = path.as_uri(), path.read_text(encoding="utf-8")
    started = time.perf_counter()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    found = server.diagnostics(uri, 1)
    return uri, text, time.perf_counter() - started, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=200, help="generated pages in the workspace (default 200)"
    )
    parser.add_argument(
        "--changes", type=int, default=20, help="edits timed on the reference page (default 20)"
    )
    parser.add_argument(
        "--opens", type=int, default=10, help="further pages opened and timed (default 10)"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=2.0,
        help="seconds between initialized and the first didOpen: the server is up (default 2; 0: open at once)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        pages = write_corpus(workspace / "pages", args.pages, 1, 0.3) if args.pages else []
        shutil.copy(ROOT / "examples" / "ALAS2.md", workspace / "ALAS2.md")
        started = time.perf_counter()
        server = Connection(workspace)
        server.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": workspace.as_uri(),
                "capabilities": {},
                "workspaceFolders": [{"uri": workspace.as_uri(), "name": "bench"}],
            },
        )
        server.notify("initialized", {})
        up = time.perf_counter() - started
        time.sleep(args.settle)
        uri, text, first, count = open_page(server, workspace / "ALAS2.md")
        opens = [open_page(server, page)[2] for page in pages[: args.opens]]
        changes = []
        line = text.split("\n").index("- Ensembl: ENSG00000102010")
        for version in range(2, args.changes + 2):
            digit = str(version % 10)
            edit = {
                "range": {
                    "start": {"line": line, "character": 25},
                    "end": {"line": line, "character": 26},
                },
                "text": digit,
            }
            started = time.perf_counter()
            server.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]},
            )
            server.diagnostics(uri, version)
            changes.append(time.perf_counter() - started)
        server.close()
    print(f"workspace: {args.pages} generated pages + examples/ALAS2.md (offline)")
    print(f"start -> initialize answered: {up * 1000:.0f} ms")
    print(
        f"didOpen -> diagnostics, first page, {args.settle:g} s after initialized "
        f"(ALAS2, {count} diagnostics; its own findings, the corpus rules' follow): {first * 1000:.0f} ms"
    )
    if opens:
        print(
            f"didOpen -> diagnostics, next {len(opens)} pages: median {statistics.median(opens) * 1000:.0f} ms, max {max(opens) * 1000:.0f} ms"
        )
    from genelint.server.app import DEBOUNCE_SECONDS

    print(
        f"didChange -> diagnostics ({len(changes)} edits, {DEBOUNCE_SECONDS * 1000:.0f} ms debounce included): "
        f"median {statistics.median(changes) * 1000:.0f} ms, max {max(changes) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
