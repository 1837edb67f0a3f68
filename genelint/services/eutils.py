"""dbSNP through NCBI E-utilities: `esummary db=snp`, up to 200 rsIDs per request."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from genelint.rule import Answer
from genelint.services.session import Reply, ServiceError, ServiceSession
from genelint.services.settings import ServiceSettings
from genelint.services.store import Outcome
from genelint.syntax import RSID


@dataclass(frozen=True)
class RsidRecord:
    rsid: str  # as asked
    current_rsid: str | None  # the rs it was merged into, or itself
    merged: bool
    genes: tuple[tuple[str, int], ...]  # (symbol, NCBI Gene ID)
    protein_changes: tuple[str, ...]  # "NP_000228.1:p.Asn318Ser", from the docsum's HGVS list


class RsidClient:
    kind = "rsid"
    host = "eutils"

    def __init__(self, settings: ServiceSettings) -> None:
        self.summary_url = settings.urls["eutils"] + "/esummary.fcgi"
        self.batch_size = settings.eutils_batch_size
        # NCBI asks callers to name their tool and a contact; the key lifts the rate limit.
        # None of these is part of a cache key: they are added only when sending.
        self.credentials = {"tool": "genelint"}
        if settings.mailto:
            self.credentials["email"] = settings.mailto
        if settings.ncbi_api_key:
            self.credentials["api_key"] = settings.ncbi_api_key

    def normalize(self, key: str) -> str:
        if not RSID.fullmatch(key):
            raise ValueError(f"{key!r} is not an rsID (rs followed by digits)")
        return key

    def cache_urls(self, rsid: str) -> list[str]:
        return [self._item_url(_uid(rsid))]

    def from_cache(self, rsid: str, reply: Reply) -> Answer:
        return _answer(rsid, _entries(reply).get(_uid(rsid)))

    def fetch_batch(self, rsids: list[str], http: ServiceSession) -> list[Outcome]:
        """One esummary request for up to batch_size rsIDs."""
        params = {
            "db": "snp",
            "retmode": "json",
            "id": ",".join(_uid(rs) for rs in rsids),
            **self.credentials,
        }
        try:
            reply = http.get(self.host, self.summary_url, params)
            entries = _entries(reply)
            payload = reply.json()
        except ServiceError as exc:
            return [Outcome(rs, Answer("error", error=str(exc))) for rs in rsids]
        outcomes = []
        for rsid in rsids:
            uid = _uid(rsid)
            entry = entries.get(uid)
            if entry is None:
                outcomes.append(Outcome(rsid, _answer(rsid, None)))
                continue
            # Stored as the reply a one-ID request gets, so the cache answers rs by rs.
            single = {"header": payload.get("header", {}), "result": {"uids": [uid], uid: entry}}
            item_url = self._item_url(uid)
            outcomes.append(
                Outcome(
                    rsid,
                    _answer(rsid, entry),
                    item_url,
                    Reply(item_url, 200, "application/json", json.dumps(single).encode()),
                )
            )
        return outcomes

    def _item_url(self, uid: str) -> str:
        # What urlencode({'db': 'snp', 'retmode': 'json', 'id': uid}) gives (a uid is digits),
        # without its cost: every lookup of a run computes its cache URL.
        return f"{self.summary_url}?db=snp&retmode=json&id={uid}"


def _uid(rsid: str) -> str:
    return rsid[2:]


def _entries(reply: Reply, payload: object = None) -> dict[str, dict]:
    """The docsums of an esummary reply by uid; ServiceError when the reply is not one."""
    if reply.status != 200:
        raise ServiceError(f"eutils: HTTP {reply.status}")
    payload = reply.json() if payload is None else payload
    result = payload.get("result") if isinstance(payload, dict) else None
    if not isinstance(result, dict) or not isinstance(result.get("uids"), list):
        # E-utilities reports overload and bad keys as HTTP 200 with {"error": ...}.
        detail = payload.get("error") if isinstance(payload, dict) else None
        raise ServiceError(f"eutils: not an esummary result{f' ({detail})' if detail else ''}")
    return {uid: result[uid] for uid in result["uids"] if isinstance(result.get(uid), dict)}


def _answer(rsid: str, entry: dict | None) -> Answer:
    if entry is None:
        return Answer("error", error=f"eutils: the reply omits {rsid}")
    if "error" in entry:
        return Answer("not_found", error=f"dbSNP has no {rsid}: {entry['error']}")
    snp_id = entry.get("snp_id")
    if snp_id in (None, ""):
        return Answer("not_found", error=f"dbSNP has no current record for {rsid} (withdrawn)")
    # A merged ID's docsum is the surviving rs's docsum: SNP_ID names it, uid is the asked one.
    current = f"rs{snp_id}"
    genes = tuple(
        (gene["name"], int(gene["gene_id"]))
        for gene in entry.get("genes") or ()
        if gene.get("name") and str(gene.get("gene_id", "")).isdigit()
    )
    record = RsidRecord(
        rsid, current, current != rsid, genes, _protein_changes(entry.get("docsum", ""))
    )
    return Answer("found", record)


def _protein_changes(docsum: str) -> tuple[str, ...]:
    """The NP_…:p.… names of `HGVS=a,b,c|SEQ=[A/G]|GENE=LPL:4023`."""
    for field in html.unescape(docsum).split("|"):
        name, _, value = field.partition("=")
        if name == "HGVS":
            return tuple(h for h in value.split(",") if h.startswith("NP_") and ":p." in h)
    return ()
