"""dbSNP RefSNP records through NCBI Variation Services: `GET /refsnp/{id}`, one rs per request.

E-utilities' docsum lists an rs's genes and its protein consequences, but does not say
which protein belongs to which gene. The RefSNP record does: each allele's annotation
names the gene, its transcripts and their protein products. Asked only when the docsum
cannot answer (an rs in several genes), because the service allows one request a second.
"""

from __future__ import annotations

from dataclasses import dataclass

from genelint.rule import Answer
from genelint.services.session import Reply, ServiceError, ServiceSession
from genelint.services.settings import ServiceSettings
from genelint.services.store import Outcome, fetch_one
from genelint.syntax import RSID

_PROTEIN_PREFIXES = ("NP_", "XP_", "YP_", "AP_", "WP_")


@dataclass(frozen=True)
class GeneConsequences:
    symbol: str
    gene_id: int
    protein_changes: tuple[str, ...]  # "NP_000228.1:p.Asn318Ser": the non-reference alleles only


@dataclass(frozen=True)
class RefSnpRecord:
    rsid: str
    genes: tuple[GeneConsequences, ...]

    def changes_in(self, symbol: str) -> tuple[str, ...] | None:
        """The protein changes the rs makes in this gene; None when it does not lie in it."""
        wanted = symbol.upper()
        found = [gene for gene in self.genes if gene.symbol.upper() == wanted]
        if not found:
            return None
        return tuple(dict.fromkeys(change for gene in found for change in gene.protein_changes))


class RefSnpClient:
    kind = "refsnp"
    host = "variation"
    batch_size = 1  # one item per request: asked as soon as known

    def __init__(self, settings: ServiceSettings) -> None:
        self.base = settings.urls["variation"]

    def normalize(self, key: str) -> str:
        if not RSID.fullmatch(key):
            raise ValueError(f"{key!r} is not an rsID (rs followed by digits)")
        return key

    def cache_urls(self, rsid: str) -> list[str]:
        return [self._url(rsid)]

    def from_cache(self, rsid: str, reply: Reply) -> Answer:
        return _answer(rsid, reply)

    def fetch_batch(self, rsids: list[str], http: ServiceSession) -> list[Outcome]:
        return [self._fetch_one(rsid, http) for rsid in rsids]  # one request each

    def _fetch_one(self, rsid: str, http: ServiceSession) -> Outcome:
        return fetch_one(self.host, rsid, self._url(rsid), http, _answer)

    def _url(self, rsid: str) -> str:
        return f"{self.base}/refsnp/{rsid[2:]}"


def _answer(rsid: str, reply: Reply) -> Answer:
    # Only an rs E-utilities has just found is asked, so a 404 says more about the URL (a base
    # without /v0, a proxy) than about dbSNP: unverified, never "no such rs", never cached.
    if reply.status != 200:
        raise ServiceError(f"variation: HTTP {reply.status}")
    record = reply.json()
    if not isinstance(record, dict):
        raise ServiceError("variation: reply is not a RefSNP object")
    if "merged_snapshot_data" in record:
        into = record["merged_snapshot_data"].get("merged_into") or ["?"]
        return Answer("not_found", error=f"{rsid} was merged into rs{into[0]} in dbSNP")
    for gone in ("withdrawn_snapshot_data", "nosnppos_snapshot_data", "unsupported_snapshot_data"):
        if gone in record:
            return Answer(
                "not_found", error=f"dbSNP has no current record for {rsid} ({gone.split('_')[0]})"
            )
    primary = record.get("primary_snapshot_data")
    if not isinstance(primary, dict):
        raise ServiceError("variation: reply is not a RefSNP object")
    try:
        return Answer("found", RefSnpRecord(rsid, _gene_consequences(primary)))
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        raise ServiceError("variation: RefSNP record of an unexpected shape") from None


def _gene_consequences(primary: dict) -> tuple[GeneConsequences, ...]:
    """Per gene, the protein HGVS of every allele that changes the genome.

    `allele_annotations[i]` annotates allele i of every placement. An allele whose top-level
    placement deletes what it inserts is the reference allele: its `p.Xxx123=` is no change.
    """
    placements = primary.get("placements_with_allele") or []
    # The reference allele is the one that leaves the genome (or a transcript) unchanged; a
    # protein placement cannot tell it from a synonymous alternate allele.
    nucleotide = [
        p for p in placements if not str(p.get("seq_id", "")).startswith(_PROTEIN_PREFIXES)
    ]
    top = next((p for p in nucleotide if p.get("is_ptlp")), nucleotide[0] if nucleotide else None)
    if top is None:
        raise ValueError("no genomic or transcript placement to tell the reference allele by")
    hgvs_by_allele: list[dict[str, str]] = []
    for index in range(len(primary.get("allele_annotations") or [])):
        names = {}
        for placement in placements:
            alleles = placement.get("alleles") or []
            if index < len(alleles) and alleles[index].get("hgvs"):
                names[placement["seq_id"]] = alleles[index]["hgvs"]
        hgvs_by_allele.append(names)

    genes: dict[tuple[str, int], list[str]] = {}
    for index, annotation in enumerate(primary.get("allele_annotations") or []):
        spdi = top["alleles"][index]["allele"]["spdi"]
        if spdi["deleted_sequence"] == spdi["inserted_sequence"]:
            continue
        for assembly in annotation.get("assembly_annotation") or []:
            for gene in assembly.get("genes") or []:
                changes = genes.setdefault((gene["locus"], int(gene["id"])), [])
                for rna in gene.get("rnas") or []:
                    protein = ((rna.get("protein") or {}).get("variant") or {}).get("spdi") or {}
                    name = hgvs_by_allele[index].get(protein.get("seq_id", ""))
                    if name and ":p." in name:
                        changes.append(name)
    return tuple(
        GeneConsequences(symbol, gene_id, tuple(dict.fromkeys(changes)))
        for (symbol, gene_id), changes in genes.items()
    )
