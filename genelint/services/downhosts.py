"""Hosts found unreachable or silent, remembered for a few minutes in the cache folder.

The next run in the same CI job or commit loop then answers their lookups at once
instead of waiting for the same failure again. Keyed by base URL, so pointing a service
elsewhere asks again; `--no-cache` neither reads nor writes it and `genelint cache clear`
removes it. Only "could not ask" is remembered: no answer about any value is.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from genelint import cachefolder


def load(path: Path, urls: Mapping[str, str], now: float | None = None) -> dict[str, str]:
    """host -> the remembered reason, for the hosts still within their remembered time."""
    now = time.time() if now is None else now
    entries = _read(path)
    down = {}
    for host, base in urls.items():
        entry = entries.get(base)
        if not isinstance(entry, dict) or not isinstance(entry.get("until"), (int, float)):
            continue
        since = entry.get("since")
        if (
            entry["until"] > now
            and isinstance(entry.get("reason"), str)
            and isinstance(since, (int, float))
        ):
            minutes = round((now - since) / 60)
            ago = "less than a minute ago" if minutes < 1 else f"{minutes} min ago"
            down[host] = (
                f"{entry['reason']}, found by a run {ago} (`genelint cache clear` forgets it)"
            )
    return down


_WRITING = threading.Lock()  # hosts go down in their own threads; each write keeps the others'


def remember(
    path: Path, base_url: str, reason: str, minutes: float, now: float | None = None
) -> None:
    if minutes <= 0:
        return
    with _WRITING:
        try:
            _remember(path, base_url, reason, minutes, time.time() if now is None else now)
        except OSError as error:  # the next run asks again, nothing worse
            cachefolder.unusable(path.parent, error, "hosts found down")


def _remember(path: Path, base_url: str, reason: str, minutes: float, now: float) -> None:
    entries = {
        base: entry
        for base, entry in _read(path).items()
        if isinstance(entry, dict)
        and isinstance(entry.get("until"), (int, float))
        and entry["until"] > now
    }
    entries[base_url] = {"reason": reason, "since": now, "until": now + minutes * 60}
    cachefolder.write_whole(path, json.dumps(entries, indent=2).encode())


def forget(path: Path) -> None:
    path.unlink(missing_ok=True)


def _read(path: Path) -> dict:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: nothing remembered
    return entries if isinstance(entries, dict) else {}
