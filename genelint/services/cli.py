"""`genelint cache info|clear`: the services' HTTP cache."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from genelint.services import downhosts
from genelint.services.settings import OLD_CACHE_FILES, ServiceSettings
from genelint.services.stats import RunStats
from genelint.services.store import ReplyStore


def add_arguments(subparsers: Any) -> None:
    cache = subparsers.add_parser("cache", help="inspect or clear the cache of service lookups")
    actions = cache.add_subparsers(dest="cache_action", required=True)
    actions.add_parser("info", help="cache path, entries, size and the last run's hit rate")
    actions.add_parser(
        "clear", help="delete every cached lookup, and forget hosts found unreachable"
    )


def run(args: argparse.Namespace, settings: dict | None) -> int:
    try:
        service_settings = ServiceSettings.from_table(settings or {}, os.environ)
    except ValueError as exc:
        print(f"genelint: {exc}", file=sys.stderr)
        return 2
    if args.cache_action == "clear":
        return _clear(service_settings)
    return _info(service_settings)


def _info(settings: ServiceSettings) -> int:
    path = settings.cache_file
    entries = size = None
    if path.exists():
        store = ReplyStore(path)
        try:
            entries = len(store)
        finally:
            store.close()
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))  # with -wal, -shm
    print_section("service lookups", path, entries, size)
    last = RunStats.load(settings.last_run_file)
    if last is None:
        print(f"{INDENT}last run: none recorded")
    else:
        requests = ", ".join(f"{host} {n}" for host, n in sorted(last.requests.items())) or "none"
        print(
            f"{INDENT}last run: {last.lookups} lookups, hit rate {last.hit_rate:.0%} "
            f"({last.cache_hits} cached), {last.stale} stale, {last.errors} errors; requests: {requests}"
        )
    for host, reason in sorted(downhosts.load(settings.down_file, settings.urls).items()):
        print(f"{INDENT}down: {host} {reason}")
    return 0


INDENT = "  "  # `cache info`: each cache is a heading line, its facts indented below it


def print_section(title: str, path: Path, entries: int | None, size: int | None) -> None:
    """One cache's heading and its entries and size in `cache info`; None: no cache file yet."""
    print(f"{title}: {path}")
    if entries is None:
        print(f"{INDENT}entries: 0 (no cache yet)")
        return
    print(f"{INDENT}entries: {entries}")
    if size is not None:
        print(f"{INDENT}size: {_human(size)}")


def _clear(settings: ServiceSettings) -> int:
    path = settings.cache_file
    removed = 0
    if path.exists():
        store = ReplyStore(path)
        try:
            removed = len(store)
            store.clear()
        finally:
            store.close()
    settings.last_run_file.unlink(missing_ok=True)
    remembered = downhosts.load(settings.down_file, settings.urls)
    downhosts.forget(settings.down_file)
    for old in OLD_CACHE_FILES:  # a cache an earlier genelint wrote, in a layout no longer read
        for leftover in path.parent.glob(old + "*"):  # with SQLite's -wal and -shm files
            leftover.unlink(missing_ok=True)
    print(f"cleared {removed} cached lookups from {path}")
    if remembered:
        print(f"forgot that {', '.join(sorted(remembered))} could not be reached")
    return 0


def _human(size: int) -> str:
    amount = float(size)
    for unit in ("B", "KiB", "MiB"):
        if amount < 1024:
            return f"{amount:.0f} {unit}" if unit == "B" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{amount:.1f} GiB"
