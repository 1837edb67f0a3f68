"""Answer every distinct lookup once: from the cache, else in batches from its service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from genelint.rule import Answer, Lookup
from genelint.services.progress import LookupProgress
from genelint.services.settings import ServiceSettings
from genelint.services.stats import RunStats
from genelint.services.stream import LookupStream


def resolve(
    lookups: Iterable[Lookup],
    settings: ServiceSettings | Mapping | None,
    *,
    progress: bool | LookupProgress = False,
    use_cache: bool = True,
    stats: RunStats | None = None,
) -> dict[Lookup, Answer]:
    """Answer each lookup, all known at once (a `LookupStream` takes them as they come).
    `settings` is a ServiceSettings or the [tool.genelint.services] table; `stats`, when
    given, is added to with what this call cost (a run that resolves in several rounds
    passes the same stats to each)."""
    stream = LookupStream(settings, progress=progress, use_cache=use_cache, stats=stats)
    try:
        stream.add(lookups)
    except KeyboardInterrupt:  # before the lookups proper: nothing is asked then
        stream.stop()
    return stream.finish()
