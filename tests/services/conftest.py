"""Loopback fakes of the services, built from the recorded responses in data/."""

from __future__ import annotations

import json
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from genelint.services import ServiceSettings

DATA = Path(__file__).parent / "data"
DOCSUM_NS = "{https://www.ncbi.nlm.nih.gov/SNP/docsum}"
HOSTS = ("crossref", "doi", "eutils", "variation", "uniprot")


def recorded_docsums() -> dict[str, dict]:
    """The recorded efetch XML docsums, as esummary's JSON entries (lower-cased keys, as documented)."""
    entries = {}
    for path in sorted(DATA.glob("efetch_snp_docsum_*.xml")):
        for summary in ET.parse(path).getroot().iter(f"{DOCSUM_NS}DocumentSummary"):
            uid = summary.get("uid")
            genes = [
                {
                    "name": gene.findtext(f"{DOCSUM_NS}NAME"),
                    "gene_id": gene.findtext(f"{DOCSUM_NS}GENE_ID"),
                }
                for gene in summary.iter(f"{DOCSUM_NS}GENE_E")
            ]
            entries[uid] = {
                "uid": uid,
                "snp_id": int(summary.findtext(f"{DOCSUM_NS}SNP_ID")),
                "genes": genes,
                "docsum": summary.findtext(f"{DOCSUM_NS}DOCSUM"),
                "text": summary.findtext(f"{DOCSUM_NS}TEXT") or "",
            }
    return entries


def esummary_body(uids: list[str], entries: dict[str, dict]) -> dict:
    """An esummary db=snp JSON reply; an id with no record gets the documented error entry."""
    result = {"uids": uids}
    for uid in uids:
        result[uid] = entries.get(uid, {"uid": uid, "error": "cannot get document summary"})
    return {"header": {"type": "esummary", "version": "0.3"}, "result": result}


def recorded_work(name: str) -> dict:
    return json.loads((DATA / name).read_text())["message"]


@pytest.fixture
def service_table(httpserver, tmp_path) -> dict:
    """A [tool.genelint.services] table pointing every service at the loopback server."""
    table = {host: httpserver.url_for(f"/{host}") for host in HOSTS}
    table.update(
        {
            "cache-path": str(tmp_path / "cache"),
            "timeout": 0.5,
            "connect-timeout": 0.5,
            "retries": 2,
            "backoff": 0.01,
            "max-retry-after": 2,
            "rate-limits": {host: 1000 for host in HOSTS},
            "concurrency": {host: 2 for host in HOSTS},
        }
    )
    return table


def settings_from(table: dict, **changes) -> ServiceSettings:
    return ServiceSettings.from_table({**table, **changes}, {})


@pytest.fixture
def raw_server() -> Callable:
    """A TCP server that runs `behave(conn)` per connection, for faults HTTP servers won't make."""
    servers = []

    def start(behave: Callable[[socket.socket], None]) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        servers.append(listener)

        def serve() -> None:
            while True:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                threading.Thread(target=answer, args=(conn,), daemon=True).start()

        def answer(conn: socket.socket) -> None:
            with conn:
                conn.recv(65536)
                behave(conn)

        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    yield start
    for listener in servers:
        listener.close()
