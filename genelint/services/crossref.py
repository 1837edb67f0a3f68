"""DOIs: Crossref works (batched by filter), then the doi.org handle API for the rest;
and the notices that retract a work, found by Crossref's `updates:` filter.

Crossref only knows its own DOIs; a DOI it lacks may be registered with DataCite or
another agency, so "not found" needs the handle system's word too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from genelint.rule import Answer
from genelint.services.session import Reply, ServiceError, ServiceSession
from genelint.services.settings import ServiceSettings
from genelint.services.store import Outcome, fetch_one
from genelint.syntax import DOI

# Crossref update types that mean the work should no longer be cited as it stands.
RETRACTION_TYPES = frozenset(
    {"retraction", "partial_retraction", "withdrawal", "removal", "expression_of_concern"}
)
HANDLE_FOUND, HANDLE_NOT_FOUND = 1, 100  # doi.org handle API responseCode
MAX_ROWS = 1000  # the most items Crossref returns per page


@dataclass(frozen=True)
class UpdateNotice:
    type: str  # "retraction", "withdrawal", "expression_of_concern", …
    notice_doi: str  # the notice
    target_doi: str  # the work it updates
    source: str | None  # "publisher", "retraction-watch"
    date: str | None  # ISO date, as precise as Crossref gives it


@dataclass(frozen=True)
class DoiRecord:
    doi: str
    title: str | None  # None when only the handle system knows the DOI
    authors: tuple[str, ...]  # family names, in order
    journal: str | None
    year: int | None
    agency: str | None  # "crossref"; None when another agency registered it
    retractions: tuple[UpdateNotice, ...]


class DoiClient:
    kind = "doi"
    host = "crossref"

    def __init__(self, settings: ServiceSettings) -> None:
        self.crossref = settings.urls["crossref"]
        self.handles = settings.urls["doi"]
        self.batch_size = settings.crossref_batch_size

    def normalize(self, key: str) -> str:
        if not DOI.fullmatch(key):
            raise ValueError(f"{key!r} is not a DOI (10.<prefix>/<suffix>)")
        return key.lower()  # DOIs are case-insensitive; Crossref answers in lower case

    def cache_urls(self, doi: str) -> list[str]:
        # A stored handle reply exists only for DOIs Crossref did not know.
        return [self._work_url(doi), self._handle_url(doi)]

    def from_cache(self, doi: str, reply: Reply) -> Answer:
        if reply.url == self._work_url(doi):
            return Answer("found", work_record(doi, _message(reply)))
        return _handle_answer(doi, reply)

    def fetch_batch(self, dois: list[str], http: ServiceSession) -> Iterator[Outcome]:
        """One Crossref request for up to batch_size DOIs, then the handle system for those
        Crossref does not know."""
        # A comma would split a `filter=doi:A,doi:B` value, so such DOIs are asked one by one.
        parts = [[doi for doi in dois if "," not in doi]] + [[doi] for doi in dois if "," in doi]
        unknown_to_crossref = []
        for part in parts:
            for outcome in self._fetch_works(part, http) if part else ():
                if outcome.answer.status == "not_found":
                    unknown_to_crossref.append(outcome.key)
                else:
                    yield outcome
        yield from http.each_concurrently(
            "doi", lambda doi: self._fetch_handle(doi, http), unknown_to_crossref
        )

    def _fetch_works(self, dois: list[str], http: ServiceSession) -> list[Outcome]:
        """Crossref's works for these DOIs; a DOI it does not know comes back not_found."""
        try:
            if len(dois) == 1:
                reply = http.get("crossref", self._work_url(dois[0]))
                items = [] if reply.status == 404 else [_message(reply)]
            else:
                filter_value = ",".join(f"doi:{doi}" for doi in dois)
                reply = http.get(
                    "crossref",
                    f"{self.crossref}/works",
                    {"filter": filter_value, "rows": str(len(dois))},
                )
                items = _items(reply)
        except ServiceError as exc:
            return [Outcome(doi, Answer("error", error=str(exc))) for doi in dois]
        by_doi = {
            str(item.get("DOI", "")).lower(): item for item in items if isinstance(item, dict)
        }
        outcomes = []
        for doi in dois:
            item = by_doi.get(doi)
            if item is None:
                outcomes.append(Outcome(doi, Answer("not_found")))
                continue
            url = self._work_url(doi)
            single = {"status": "ok", "message-type": "work", "message": item}
            outcomes.append(
                Outcome(
                    doi,
                    Answer("found", work_record(doi, item)),
                    url,
                    Reply(url, 200, "application/json", json.dumps(single).encode()),
                )
            )
        return outcomes

    def _fetch_handle(self, doi: str, http: ServiceSession) -> Outcome:
        return fetch_one("doi", doi, self._handle_url(doi), http, _handle_answer)

    def _work_url(self, doi: str) -> str:
        return f"{self.crossref}/works/{quote(doi, safe='/')}"

    def _handle_url(self, doi: str) -> str:
        return f"{self.handles}/api/handles/{quote(doi, safe='/')}"


class UpdateNoticesClient:
    """Notices that update a DOI: `GET /works?filter=updates:A,updates:B` lists the notice works
    whose `update-to` names A or B (a retraction published as its own work may be missing
    from the retracted work's `updated-by`). The answer of a DOI with no notice is "found",
    with none: that Crossref knows of no notice is an answer too."""

    kind = "doi-updates"
    host = "crossref"

    def __init__(self, settings: ServiceSettings) -> None:
        self.crossref = settings.urls["crossref"]
        self.batch_size = settings.crossref_batch_size

    def normalize(self, key: str) -> str:
        if not DOI.fullmatch(key) or "," in key:  # a comma would split the filter value
            raise ValueError(f"{key!r} is not a DOI Crossref's updates filter can take")
        return key.lower()

    def cache_urls(self, doi: str) -> list[str]:
        return [self._item_url(doi)]

    def from_cache(self, doi: str, reply: Reply) -> Answer:
        return Answer("found", _notices_for(doi, _items(reply)))

    def fetch_batch(self, dois: list[str], http: ServiceSession) -> list[Outcome]:
        """One request (a page more for a long list) for up to batch_size DOIs' notices."""
        query = {
            "filter": ",".join(f"updates:{doi}" for doi in dois),
            "rows": str(MAX_ROWS),
            "cursor": "*",
        }
        items: list[dict] = []
        try:
            while True:  # more than a page of notices for one batch is rare; read them all
                reply = http.get("crossref", f"{self.crossref}/works", query)
                page, message = _items(reply), _message(reply)
                items += page
                total = message.get("total-results")
                if not isinstance(total, int):
                    raise ServiceError("crossref: notice list without total-results")
                if len(items) >= total:
                    break
                if not page or not message.get("next-cursor"):
                    # A partial list is not "no other notice": unverified, and never cached.
                    raise ServiceError(f"crossref: notice list ended at {len(items)} of {total}")
                query = {**query, "cursor": message["next-cursor"]}
        except ServiceError as exc:
            return [Outcome(doi, Answer("error", error=str(exc))) for doi in dois]
        outcomes = []
        for doi in dois:
            mine = [item for item in items if doi in _update_targets(item)]
            url = self._item_url(doi)
            single = {
                "status": "ok",
                "message-type": "work-list",
                "message": {"items": mine, "total-results": len(mine)},
            }
            outcomes.append(
                Outcome(
                    doi,
                    Answer("found", _notices_for(doi, mine)),
                    url,
                    Reply(url, 200, "application/json", json.dumps(single).encode()),
                )
            )
        return outcomes

    def _item_url(self, doi: str) -> str:
        return f"{self.crossref}/works?{urlencode({'filter': f'updates:{doi}', 'rows': str(MAX_ROWS)})}"


def _items(reply: Reply) -> list[dict]:
    items = _message(reply).get("items")
    if not isinstance(items, list):
        raise ServiceError("crossref: work list without items")
    return [item for item in items if isinstance(item, dict)]


def _update_targets(notice: dict) -> set[str]:
    return {
        str(update.get("DOI", "")).lower()
        for update in notice.get("update-to") or []
        if isinstance(update, dict)
    }


def _notices_for(doi: str, notices: list[dict]) -> tuple[UpdateNotice, ...]:
    """The retraction-type updates these notice works make to `doi`."""
    found = []
    for notice in notices:
        for update in notice.get("update-to") or []:
            if (
                isinstance(update, dict)
                and update.get("type") in RETRACTION_TYPES
                and str(update.get("DOI", "")).lower() == doi
            ):
                found.append(
                    UpdateNotice(
                        type=update["type"],
                        notice_doi=str(notice.get("DOI", "")).lower(),
                        target_doi=doi,
                        source=update.get("source"),
                        date=_iso_date(update.get("updated")),
                    )
                )
    return tuple(found)


def _message(reply: Reply) -> dict:
    if reply.status != 200:
        raise ServiceError(f"crossref: HTTP {reply.status}")
    payload = reply.json()
    message = payload.get("message") if isinstance(payload, dict) else None
    if not isinstance(message, dict):
        raise ServiceError("crossref: reply without a message")
    return message


def _handle_answer(doi: str, reply: Reply) -> Answer:
    """responseCode 1 is a registered DOI, 100 an unknown one; anything else answers nothing."""
    code = None
    if reply.status in (200, 404):
        payload = reply.json()
        code = payload.get("responseCode") if isinstance(payload, dict) else None
    if reply.status == 200 and code == HANDLE_FOUND:
        return Answer("found", DoiRecord(doi, None, (), None, None, None, ()))
    if reply.status == 404 and code == HANDLE_NOT_FOUND:
        return Answer(
            "not_found", error=f"doi.org: {doi} is not registered (Crossref and the handle system)"
        )
    raise ServiceError(f"doi: HTTP {reply.status}, responseCode {code}")


def work_record(doi: str, work: dict) -> DoiRecord:
    titles = work.get("title") or []
    journals = work.get("container-title") or []
    authors = tuple(a.get("family") or a.get("name") or "" for a in work.get("author") or [])
    return DoiRecord(
        doi=doi,
        title=titles[0] if titles else None,
        authors=authors,
        journal=journals[0] if journals else None,
        year=_year(work),
        agency="crossref",
        retractions=_retractions(doi, work),
    )


def _year(work: dict) -> int | None:
    for key in ("issued", "published", "published-print", "published-online"):
        parts = (work.get(key) or {}).get("date-parts") or [[]]
        if parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def _retractions(doi: str, work: dict) -> tuple[UpdateNotice, ...]:
    """Notices that retract this work (`updated-by`) or that this work is (`update-to`)."""
    notices = []
    for key, this_is_target in (("updated-by", True), ("update-to", False)):
        for update in work.get(key) or []:
            if update.get("type") not in RETRACTION_TYPES:
                continue
            other = str(update.get("DOI", "")).lower()
            notices.append(
                UpdateNotice(
                    type=update["type"],
                    notice_doi=other if this_is_target else doi,
                    target_doi=doi if this_is_target else other,
                    source=update.get("source"),
                    date=_iso_date(update.get("updated")),
                )
            )
    return tuple(notices)


def _iso_date(value: dict | None) -> str | None:
    parts = ((value or {}).get("date-parts") or [[]])[0]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) if parts else None
