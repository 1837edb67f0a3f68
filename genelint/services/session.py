"""The one HTTP session: retries, timeouts, pacing, size limit, allowed hosts only."""

from __future__ import annotations

import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar
from urllib.parse import urljoin

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from genelint import __version__
from genelint.services.ratelimit import HostCounter, limiter_for
from genelint.services.settings import ServiceSettings

MAX_REDIRECTS = 3
_ERRNO = re.compile(r"^\[Errno -?[0-9]+\] ")
RETRY_STATUSES = (429, 500, 502, 503, 504)
T = TypeVar("T")
R = TypeVar("R")


class _HideApiKey(logging.Filter):
    """urllib3 logs each retry with the request URL; an E-utilities URL carries the API key."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(re.sub(r"api_key=[^&\s']+", "api_key=***", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


for _logger in ("urllib3.connectionpool", "urllib3.util.retry"):
    logging.getLogger(_logger).addFilter(_HideApiKey())


class ServiceError(Exception):
    """A lookup could not be answered. The message names the host, never the full URL
    (an E-utilities URL carries the API key)."""


@dataclass(frozen=True)
class Reply:
    """An HTTP answer whose body has been read in full (or came from the cache)."""

    url: str
    status: int
    content_type: str
    body: bytes

    def json(self) -> Any:
        """The decoded body; ServiceError when it is not JSON (an HTML error page, a cut body)."""
        try:
            return json.loads(self.body)
        except ValueError:
            raise ServiceError(f"malformed JSON from {self.url.split('?')[0]}") from None

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class PacedRetry(Retry):
    """urllib3 Retry whose retries wait for the host's turn like any request, and which
    caps Retry-After so one server cannot stall a run for an hour."""

    def __init__(self, *args: Any, limiter: HostCounter | None = None,
                 max_retry_after: float = 60.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limiter = limiter
        self.max_retry_after = max_retry_after

    def new(self, **kwargs: Any) -> "PacedRetry":
        retry = super().new(**kwargs)
        retry.limiter = self.limiter
        retry.max_retry_after = self.max_retry_after
        return retry

    def get_retry_after(self, response: Any) -> float | None:
        seconds = super().get_retry_after(response)
        if seconds is None:
            return None
        seconds = min(seconds, self.max_retry_after)
        if self.limiter is not None:
            self.limiter.hold_off(seconds)  # the whole host backs off, not only this request
        return seconds

    def sleep(self, response: Any = None) -> None:
        super().sleep(response)
        if self.limiter is not None:
            self.limiter.wait_turn()


def user_agent(mailto: str | None) -> str:
    # Crossref routes requests that name a contact to its faster "polite" pool.
    return f"genelint/{__version__} (+mailto:{mailto})" if mailto else f"genelint/{__version__}"


class ServiceSession:
    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.limiters = {
            host: HostCounter(limiter_for(base, settings.rate_limits[host], settings.concurrency[host]))
            for host, base in settings.urls.items()
        }
        self._http = requests.Session()
        self._http.headers["User-Agent"] = user_agent(settings.mailto)
        for host, base in settings.urls.items():
            retry = PacedRetry(
                total=settings.retries,
                backoff_factor=settings.backoff,
                status_forcelist=RETRY_STATUSES,
                respect_retry_after_header=True,
                raise_on_status=False,  # the last 5xx comes back as a reply and becomes an "error" answer
                redirect=False,
                limiter=self.limiters[host],
                max_retry_after=settings.max_retry_after,
            )
            adapter = HTTPAdapter(max_retries=retry, pool_maxsize=settings.concurrency[host])
            self._http.mount(base + "/", adapter)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "ServiceSession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def host_of(self, url: str) -> str | None:
        """The configured service a URL belongs to (longest base URL prefix), or None."""
        matches = [host for host, base in self.settings.urls.items() if url.startswith(base + "/")]
        return max(matches, key=lambda host: len(self.settings.urls[host]), default=None)

    def requests_made(self) -> dict[str, int]:
        return {host: limiter.requests for host, limiter in self.limiters.items() if limiter.requests}

    def get(self, url: str, params: Mapping[str, str] | None = None) -> Reply:
        """GET a URL under a configured base URL; redirects are followed only to configured bases."""
        for _ in range(MAX_REDIRECTS + 1):
            host = self.host_of(url)
            if host is None:
                raise ServiceError(f"refused to contact {_origin(url)}: not a configured service")
            response = self._send(host, url, params)
            if not response.is_redirect:
                return self._read(host, response)
            response.close()
            url, params = urljoin(response.url, response.headers["Location"]), None
        raise ServiceError(f"{host}: more than {MAX_REDIRECTS} redirects")

    def each_concurrently(self, host: str, work: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Run `work` over items with as many threads as the host allows in flight."""
        with ThreadPoolExecutor(self.settings.concurrency[host]) as pool:
            for future in as_completed([pool.submit(work, item) for item in items]):
                yield future.result()

    def _send(self, host: str, url: str, params: Mapping[str, str] | None) -> requests.Response:
        limiter = self.limiters[host]
        timeout = (self.settings.connect_timeout, self.settings.timeout)
        with limiter.slot():
            limiter.wait_turn()
            try:
                return self._http.get(url, params=params, timeout=timeout, stream=True, allow_redirects=False)
            except requests.RequestException as exc:
                raise ServiceError(f"{host}: {self._describe(exc)}") from None

    def _read(self, host: str, response: requests.Response) -> Reply:
        limit = self.settings.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        body = bytearray()
        try:
            if declared.isdigit() and int(declared) > limit:
                raise ServiceError(f"{host}: response of {declared} bytes exceeds the {limit}-byte limit")
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > limit:
                    raise ServiceError(f"{host}: response exceeds the {limit}-byte limit")
        except requests.RequestException as exc:
            raise ServiceError(f"{host}: {self._describe(exc)}") from None
        finally:
            response.close()
        return Reply(response.url, response.status_code, response.headers.get("Content-Type", ""), bytes(body))

    def _describe(self, exc: requests.RequestException) -> str:
        reason = getattr(exc.args[0], "reason", None) if exc.args else None
        # Checked first: urllib3 derives NewConnectionError from its TimeoutError, but a
        # refused connection or an unknown host is not slowness.
        if isinstance(reason, urllib3.exceptions.NameResolutionError):
            return "host name could not be resolved"
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            cause = str(reason).rsplit("new connection: ", 1)[-1]  # "[Errno 111] Connection refused"
            return f"could not connect ({_ERRNO.sub('', cause)})"
        if isinstance(exc, requests.Timeout) or isinstance(reason, urllib3.exceptions.TimeoutError):
            return (f"no answer in time (connect {self.settings.connect_timeout:g} s, "
                    f"read {self.settings.timeout:g} s, {self.settings.retries} retries)")
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            return "response body cut short"
        if isinstance(exc, requests.exceptions.ContentDecodingError):
            return "response body could not be decoded"
        return f"connection failed ({type(reason or exc).__name__})"


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
