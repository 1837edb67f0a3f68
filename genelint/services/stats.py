"""What the lookups of a run cost: requests per host, cache hits, outcomes, hosts found
down. Saved for `cache info`. It also carries the run's HostHealth from round to round."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path

from genelint.cachefolder import write_whole
from genelint.services.health import HostHealth


@dataclass
class RunStats:
    lookups: int = 0  # distinct lookups asked
    cache_hits: int = 0  # answered from a fresh cache entry, no request
    fetched: int = 0  # answered (or failed) by asking a service
    stale: int = 0  # the service failed and an expired cache entry answered
    errors: int = 0
    not_found: int = 0
    requests: dict[str, int] = field(
        default_factory=dict
    )  # host -> HTTP requests sent, retries included
    seconds: float = 0.0
    down: dict[str, str] = field(default_factory=dict)  # host -> why it was down for the run
    interrupted: bool = False  # Ctrl-C during the lookups
    health: HostHealth = field(default_factory=HostHealth, repr=False, compare=False)

    @property
    def hit_rate(self) -> float:
        return self.cache_hits / self.lookups if self.lookups else 0.0

    def save(self, path: Path) -> None:
        saved = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "health"}
        write_whole(path, (json.dumps(saved, indent=2) + "\n").encode())

    @classmethod
    def load(cls, path: Path) -> RunStats | None:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
