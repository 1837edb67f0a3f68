"""UniProtKB sequences: `GET /uniprotkb/{accession}.fasta`, one entry per request."""

from __future__ import annotations

import re
from dataclasses import dataclass

from genelint.rule import Answer
from genelint.services.session import Reply, ServiceError, ServiceSession
from genelint.services.settings import ServiceSettings
from genelint.services.store import Outcome, fetch_one
from genelint.syntax import UNIPROT_ACCESSION

GENE_NAME = re.compile(r"\bGN=(\S+)")


@dataclass(frozen=True)
class UniProtEntry:
    accession: str  # from the FASTA header: the primary accession if a secondary one was asked
    entry_name: str  # ALAS2_HUMAN
    gene: str | None  # GN=, absent for some entries
    reviewed: bool  # sp (Swiss-Prot) rather than tr (TrEMBL)
    sequence: str


class UniProtClient:
    kind = "uniprot"
    host = "uniprot"
    batch_size = 1  # one item per request: asked as soon as known

    def __init__(self, settings: ServiceSettings) -> None:
        self.base = settings.urls["uniprot"]

    def normalize(self, key: str) -> str:
        if not UNIPROT_ACCESSION.fullmatch(key):
            raise ValueError(f"{key!r} is not a UniProt accession")
        return key

    def cache_urls(self, accession: str) -> list[str]:
        return [self._url(accession)]

    def from_cache(self, accession: str, reply: Reply) -> Answer:
        return _answer(accession, reply)

    def fetch_batch(self, accessions: list[str], http: ServiceSession) -> list[Outcome]:
        return [self._fetch_one(accession, http) for accession in accessions]  # one request each

    def _fetch_one(self, accession: str, http: ServiceSession) -> Outcome:
        return fetch_one(self.host, accession, self._url(accession), http, _answer)

    def _url(self, accession: str) -> str:
        return f"{self.base}/uniprotkb/{accession}.fasta"


def _answer(accession: str, reply: Reply) -> Answer:
    if reply.status == 404:
        return Answer("not_found", error=f"UniProtKB has no entry {accession}")
    if reply.status != 200:
        raise ServiceError(f"uniprot: HTTP {reply.status}")
    if "html" in reply.content_type.lower() or "json" in reply.content_type.lower():
        # A proxy's or server's page (or another format) where a FASTA text was asked for.
        raise ServiceError(
            f"uniprot: the reply is {reply.content_type.split(';')[0].strip()}, not FASTA"
        )
    text = reply.text().strip()
    if not text:
        # An obsolete (deleted or merged-away) entry answers 200 with no FASTA at all.
        return Answer("not_found", error=f"UniProtKB entry {accession} is obsolete (no sequence)")
    if not text.startswith(">"):
        raise ServiceError("uniprot: reply is not FASTA")
    header, _, rest = text.partition("\n")
    sequence = "".join(rest.split("\n>", 1)[0].split())  # the first record only
    if not sequence:
        return Answer("not_found", error=f"UniProtKB entry {accession} is inactive (no sequence)")
    database, _, ids = header[1:].partition("|")
    found_accession, _, name_and_description = ids.partition("|")
    gene = GENE_NAME.search(header)
    return Answer(
        "found",
        UniProtEntry(
            accession=found_accession or accession,
            entry_name=name_and_description.split(" ", 1)[0],
            gene=gene.group(1) if gene else None,
            reviewed=database == "sp",
            sequence=sequence,
        ),
    )
