"""The `[tool.genelint.services]` table, with defaults and environment overrides."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

HOSTS = ("crossref", "doi", "eutils", "variation", "uniprot")

DEFAULT_URLS = {
    "crossref": "https://api.crossref.org",
    "doi": "https://doi.org",
    "eutils": "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
    "variation": "https://api.ncbi.nlm.nih.gov/variation/v0",
    "uniprot": "https://rest.uniprot.org",
}

# Requests per second each service allows (Crossref's public pool vs its polite pool;
# NCBI without vs with an API key).
DEFAULT_RATE_LIMITS = {"crossref": 5.0, "doi": 5.0, "eutils": 3.0, "variation": 1.0, "uniprot": 5.0}
POLITE_CROSSREF_RATE, NCBI_KEY_EUTILS_RATE = 10.0, 10.0
DEFAULT_CONCURRENCY = {"crossref": 1, "doi": 3, "eutils": 3, "variation": 1, "uniprot": 5}
POLITE_CROSSREF_CONCURRENCY = 3

SCALAR_KEYS = {
    "mailto": str,
    "timeout": float,
    "connect-timeout": float,
    "retries": int,
    "backoff": float,
    "max-retry-after": float,
    "max-response-bytes": int,
    "eutils-batch-size": int,
    "crossref-batch-size": int,
    "ttl-hours": float,
    "not-found-ttl-hours": float,
    "host-deadline": float,
    "down-ttl-minutes": float,
    "cache-path": str,
}
TABLE_KEYS = {"rate-limits": float, "concurrency": int}

# The name carries the layout of the cache keys (v2: a hash of the item URL); a file of
# another layout is never read, and `genelint cache clear` removes it.
CACHE_FILE = "services-v2.sqlite"
OLD_CACHE_FILES = ("services.sqlite",)
LAST_RUN_FILE = "services-last-run.json"
DOWN_FILE = "services-down.json"  # hosts found unreachable or silent, kept down-ttl-minutes
# A host's deadline for the run, unless configured: this many read time-outs.
DEADLINE_TIMEOUTS = 4


@dataclass(frozen=True)
class ServiceSettings:
    urls: dict[str, str]
    rate_limits: dict[str, float]
    concurrency: dict[str, int]
    cache_dir: Path
    mailto: str | None = None
    ncbi_api_key: str | None = field(default=None, repr=False)  # a secret: kept out of logs
    timeout: float = (
        30.0  # seconds to wait for each read; connect-timeout + timeout bound a whole request
    )
    connect_timeout: float = 5.0
    retries: int = 3
    backoff: float = 0.5  # urllib3 backoff factor: 0.5, 1, 2 … seconds between retries
    max_retry_after: float = 60.0  # a longer Retry-After is cut to this, so a run never hangs
    max_response_bytes: int = 10_000_000
    eutils_batch_size: int = 200
    crossref_batch_size: int = 50
    ttl_hours: float = 24.0 * 7
    not_found_ttl_hours: float = 24.0
    host_deadline: float = DEADLINE_TIMEOUTS * 30.0  # seconds a host may take in all in one run
    down_ttl_minutes: float = 5.0  # how long "host unreachable" is remembered across runs

    @property
    def cache_file(self) -> Path:
        return self.cache_dir / CACHE_FILE

    @property
    def last_run_file(self) -> Path:
        return self.cache_dir / LAST_RUN_FILE

    @property
    def down_file(self) -> Path:
        return self.cache_dir / DOWN_FILE

    @classmethod
    def from_table(cls, table: Mapping[str, Any] | None, env: Mapping[str, str]) -> ServiceSettings:
        """Read the kebab-case table; the environment overrides it; errors name the key."""
        table = dict(table or {})
        unknown = set(table) - set(HOSTS) - set(SCALAR_KEYS) - set(TABLE_KEYS)
        if unknown:
            raise ValueError(
                f"unknown [tool.genelint.services] key(s): {', '.join(sorted(unknown))}"
            )
        scalars = {
            key: _typed(key, table[key], kind) for key, kind in SCALAR_KEYS.items() if key in table
        }
        table_mailto = scalars.pop("mailto", None)
        table_cache_path = scalars.pop("cache-path", None)

        urls = {}
        for host in HOSTS:
            url = env.get(f"GENELINT_{host.upper()}_URL") or table.get(host) or DEFAULT_URLS[host]
            urls[host] = _checked_url(host, str(url).rstrip("/"))

        mailto = env.get("GENELINT_MAILTO") or table_mailto or None
        api_key = env.get("NCBI_API_KEY") or None

        rate_limits = dict(DEFAULT_RATE_LIMITS)
        concurrency = dict(DEFAULT_CONCURRENCY)
        if mailto:
            rate_limits["crossref"] = POLITE_CROSSREF_RATE
            concurrency["crossref"] = POLITE_CROSSREF_CONCURRENCY
        if api_key:
            rate_limits["eutils"] = NCBI_KEY_EUTILS_RATE
        rate_limits.update(_host_table("rate-limits", table.get("rate-limits", {}), float))
        concurrency.update(_host_table("concurrency", table.get("concurrency", {}), int))

        cache_path = env.get("GENELINT_CACHE_DIR") or table_cache_path
        cache_dir = (
            Path(cache_path) if cache_path else Path(platformdirs.user_cache_dir("genelint"))
        )

        options = {key.replace("-", "_"): value for key, value in scalars.items()}
        options.setdefault("host_deadline", DEADLINE_TIMEOUTS * options.get("timeout", cls.timeout))
        settings = cls(
            urls=urls,
            rate_limits=rate_limits,
            concurrency=concurrency,
            cache_dir=cache_dir,
            mailto=mailto,
            ncbi_api_key=api_key,
            **options,
        )
        settings._check_ranges()
        return settings

    def _check_ranges(self) -> None:
        positive = {
            "timeout": self.timeout,
            "connect-timeout": self.connect_timeout,
            "max-response-bytes": self.max_response_bytes,
            "eutils-batch-size": self.eutils_batch_size,
            "crossref-batch-size": self.crossref_batch_size,
            "host-deadline": self.host_deadline,
            **{f"rate-limits.{h}": v for h, v in self.rate_limits.items()},
            **{f"concurrency.{h}": v for h, v in self.concurrency.items()},
        }
        for key, value in positive.items():
            if value <= 0:
                raise ValueError(f"services.{key} must be positive, got {value}")
        for key, value in {
            "retries": self.retries,
            "backoff": self.backoff,
            "ttl-hours": self.ttl_hours,
            "not-found-ttl-hours": self.not_found_ttl_hours,
            "down-ttl-minutes": self.down_ttl_minutes,
        }.items():
            if value < 0:
                raise ValueError(f"services.{key} must not be negative, got {value}")
        if self.eutils_batch_size > 500:
            raise ValueError(
                "services.eutils-batch-size must be at most 500 (an E-utilities GET limit)"
            )


def _checked_url(host: str, url: str) -> str:
    """HTTPS, or plain HTTP to this machine (the test suite's fakes) or to a reserved .invalid
    name that never resolves: nothing else may carry a page's IDs or the API key in clear."""
    parts = urlsplit(url)
    name = (parts.hostname or "").lower()
    if parts.scheme == "https" and name:
        return url
    if parts.scheme == "http" and (
        name == "localhost" or name.endswith(".invalid") or _is_loopback(name)
    ):
        return url
    raise ValueError(
        f"services.{host} (or GENELINT_{host.upper()}_URL) must be an https:// URL "
        f"(plain http only to 127.0.0.1, ::1 or localhost), got {url!r}"
    )


def _is_loopback(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _typed(key: str, value: Any, kind: type) -> Any:
    if kind is str:
        if not isinstance(value, str):
            raise ValueError(f"services.{key} must be a string, got {value!r}")
        return value
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (kind is int and not isinstance(value, int))
    ):
        raise ValueError(
            f"services.{key} must be {'an integer' if kind is int else 'a number'}, got {value!r}"
        )
    return kind(value)


def _host_table(key: str, value: Any, kind: type) -> dict:
    if not isinstance(value, Mapping):
        raise ValueError(f"services.{key} must be a table of host = value, got {value!r}")
    unknown = set(value) - set(HOSTS)
    if unknown:
        raise ValueError(
            f"services.{key}: unknown host(s) {', '.join(sorted(unknown))}; known: {', '.join(HOSTS)}"
        )
    return {host: _typed(f"{key}.{host}", v, kind) for host, v in value.items()}
