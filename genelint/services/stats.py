"""What one resolve cost: requests per host, cache hits, outcomes. Saved for `cache info`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class RunStats:
    lookups: int = 0  # distinct lookups asked
    cache_hits: int = 0  # answered from a fresh cache entry, no request
    fetched: int = 0  # answered (or failed) by asking a service
    stale: int = 0  # the service failed and an expired cache entry answered
    errors: int = 0
    not_found: int = 0
    requests: dict[str, int] = field(default_factory=dict)  # host -> HTTP requests sent, retries included
    seconds: float = 0.0

    @property
    def hit_rate(self) -> float:
        return self.cache_hits / self.lookups if self.lookups else 0.0

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "RunStats | None":
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
