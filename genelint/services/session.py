"""The one HTTP session: retries, timeouts, pacing, size limit, allowed hosts only."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urljoin

import requests
import urllib3

from genelint import __version__
from genelint.services.health import INTERRUPTED, HostDown, HostHealth
from genelint.services.ratelimit import HostCounter, limiter_for
from genelint.services.retry import PacedRetry
from genelint.services.settings import ServiceSettings
from genelint.services.threads import each_in_threads
from genelint.services.watchdog import HOST_DEADLINE, Attempt, WatchedAdapter, watch

MAX_REDIRECTS = 3
BODY_CHUNK = (
    16 * 1024
)  # small: a gzip bomb inflates each chunk a thousandfold before the size check
_ERRNO = re.compile(r"^\[Errno -?[0-9]+\] ")
# A reply that says it is a page or a document: the body of a proxy's or server's error page.
_NOT_JSON = re.compile(r"html|xml", re.I)
RETRY_STATUSES = (429, 500, 502, 503, 504)
T = TypeVar("T")
R = TypeVar("R")


class _HideApiKey(logging.Filter):
    """urllib3 logs each retry with the request URL; an E-utilities URL carries the API key."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                re.sub(r"api_key=[^&\s']+", "api_key=***", a) if isinstance(a, str) else a
                for a in record.args
            )
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
    service: str = ""  # the configured host that sent it, for error messages

    def json(self) -> Any:
        """The decoded body; ServiceError when it is not JSON (an HTML error page, a cut body)."""
        source = self.service or self.url.split("?")[0]
        if _NOT_JSON.search(self.content_type):
            kind = self.content_type.split(";")[0].strip()
            raise ServiceError(f"{source}: malformed JSON: the reply is {kind}, not JSON")
        try:
            return json.loads(self.body)
        except UnicodeDecodeError:
            raise ServiceError(f"{source}: malformed JSON: the reply is not UTF-8 text") from None
        except json.JSONDecodeError as err:
            if err.pos >= len(self.body.rstrip()) or err.msg.startswith("Unterminated string"):
                raise ServiceError(
                    f"{source}: malformed JSON: the reply ends early (after {len(self.body)} bytes)"
                ) from None
            raise ServiceError(f"{source}: malformed JSON ({err.msg} at byte {err.pos})") from None

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def user_agent(mailto: str | None) -> str:
    # Crossref routes requests that name a contact to its faster "polite" pool.
    return f"genelint/{__version__} (+mailto:{mailto})" if mailto else f"genelint/{__version__}"


class ServiceSession:
    def __init__(self, settings: ServiceSettings, health: HostHealth | None = None) -> None:
        self.settings = settings
        self.health = health if health is not None else HostHealth()
        self.limiters = {
            host: HostCounter(
                limiter_for(base, settings.rate_limits[host], settings.concurrency[host])
            )
            for host, base in settings.urls.items()
        }
        self._http = requests.Session()
        self._http.headers["User-Agent"] = user_agent(settings.mailto)
        for host, base in settings.urls.items():
            retry = PacedRetry(
                total=settings.retries,
                connect=0,  # an unknown name or a refused connection will not heal in a run
                backoff_factor=settings.backoff,
                status_forcelist=RETRY_STATUSES,
                respect_retry_after_header=True,
                raise_on_status=False,  # the last 5xx comes back as a reply and becomes an "error" answer
                redirect=False,
                limiter=self.limiters[host],
                max_retry_after=settings.max_retry_after,
            )
            adapter = WatchedAdapter(max_retries=retry, pool_maxsize=settings.concurrency[host])
            self._http.mount(base + "/", adapter)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ServiceSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def host_of(self, url: str, asking: str) -> str | None:
        """The configured service a URL belongs to (longest base URL prefix), or None; among
        services with the same base URL, the one `asking`."""
        matches = [host for host, base in self.settings.urls.items() if url.startswith(base + "/")]
        return max(
            matches,
            key=lambda host: (len(self.settings.urls[host]), host == asking),
            default=None,
        )

    def requests_made(self) -> dict[str, int]:
        return {
            host: limiter.requests for host, limiter in self.limiters.items() if limiter.requests
        }

    def get(self, service: str, url: str, params: Mapping[str, str] | None = None) -> Reply:
        """GET a URL under the base URL of `service`; redirects are followed only to configured
        bases. The caller names the service: several may share one base URL (a mirror or a
        proxy for all), and the URL alone cannot tell whose lookup is failing."""
        host = None
        for _ in range(MAX_REDIRECTS + 1):
            asking, host = host, self.host_of(url, host or service)
            if host is None:
                where = f"{asking}: redirected to" if asking else "refused to contact"
                raise ServiceError(
                    f"{where} {_origin(url)}, not a configured service (not followed)"
                )
            with self._attempt(host) as attempt:
                response = self._send(host, url, params, attempt)
                if not response.is_redirect:
                    return self._read(host, response, attempt)
                response.close()
            url, params = urljoin(response.url, response.headers["Location"]), None
        raise ServiceError(f"{host}: more than {MAX_REDIRECTS} redirects")

    def each_concurrently(
        self, host: str, work: Callable[[T], R], items: Iterable[T]
    ) -> Iterator[R]:
        """Run `work` over items with as many threads as the host allows in flight."""
        return each_in_threads(
            work, items, self.settings.concurrency[host], name=f"genelint-{host}"
        )

    @contextmanager
    def _attempt(self, host: str) -> Iterator[Attempt]:
        self._refuse_if_down(host)
        deadline = self.health.deadline(host, self.settings.host_deadline)
        per_request = self.settings.connect_timeout + self.settings.timeout
        with watch(Attempt(host, deadline, per_request)) as attempt:
            yield attempt

    def _refuse_if_down(self, host: str) -> None:
        try:
            self.health.check(host)
        except HostDown as down:
            raise ServiceError(f"{host}: {down}") from None

    def _send(
        self, host: str, url: str, params: Mapping[str, str] | None, attempt: Attempt
    ) -> requests.Response:
        limiter = self.limiters[host]
        with limiter.slot():
            self._refuse_if_down(
                host
            )  # checked again after each wait: the host may have gone down meanwhile
            limiter.wait_turn()
            self._refuse_if_down(host)
            left = attempt.deadline - time.monotonic()
            if left <= 0:
                raise self._failure(host, None, attempt)
            timeout = (min(self.settings.connect_timeout, left), min(self.settings.timeout, left))
            try:
                response = self._http.get(
                    url, params=params, timeout=timeout, stream=True, allow_redirects=False
                )
            except requests.RequestException as exc:
                raise self._failure(host, exc, attempt) from None
            self.health.heard_from(host)
            return response

    def _read(self, host: str, response: requests.Response, attempt: Attempt) -> Reply:
        limit = self.settings.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        body = bytearray()
        try:
            if declared.isdigit() and int(declared) > limit:
                raise ServiceError(
                    f"{host}: response of {declared} bytes exceeds the {limit}-byte limit"
                )
            for chunk in response.iter_content(BODY_CHUNK):
                body += chunk
                if len(body) > limit:
                    raise ServiceError(f"{host}: response exceeds the {limit}-byte limit")
                if attempt.remaining() <= 0 or attempt.stopped:
                    raise self._failure(host, None, attempt)
            if attempt.stopped:  # cut before any body came: a reply cut inside its headers
                # reads as a whole reply with an empty body, which is no answer
                raise self._failure(host, None, attempt)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise self._failure(host, exc, attempt) from None
        finally:
            response.close()
        return Reply(
            response.url,
            response.status_code,
            response.headers.get("Content-Type", ""),
            bytes(body),
            host,
        )

    def _failure(self, host: str, exc: Exception | None, attempt: Attempt) -> ServiceError:
        """The error for a request that failed; a host that cannot be reached, or that has
        used up its deadline, is marked down for the rest of the run."""
        if self.health.interrupted or attempt.stopped == INTERRUPTED:
            return ServiceError(f"{host}: {INTERRUPTED}")
        if attempt.stopped == HOST_DEADLINE or time.monotonic() >= attempt.deadline:
            deadline = self.settings.host_deadline
            reason = (
                f"no answer within its {deadline:g} s deadline for the run (services.host-deadline)"
            )
            return ServiceError(f"{host}: {self.health.mark_down(host, reason)}")
        if attempt.replied:
            self.health.heard_from(host)  # a 5xx before this failure: the host answers
        if attempt.stopped:
            return ServiceError(f"{host}: {attempt.stopped}")
        reason, unreachable = self._describe(exc)
        if unreachable:
            reason = self.health.mark_down(host, f"unreachable ({reason})")
        elif _timed_out(exc) and host not in self.health.answered and not attempt.replied:
            # No reply at all in this run, and none to this request after its retries: a black
            # hole or a proxy that holds the connection. Each further lookup would wait as long.
            reason = self.health.mark_down(
                host,
                f"sent no reply within {self.settings.timeout:g} s",
            )
        return ServiceError(f"{host}: {reason}")

    def _describe(self, exc: Exception | None) -> tuple[str, bool]:
        """What went wrong, and whether the host cannot be reached at all."""
        reason = getattr(exc.args[0], "reason", None) if exc is not None and exc.args else None
        return self._describe_reason(reason, exc)

    def _describe_reason(self, reason: object, exc: Exception | None) -> tuple[str, bool]:
        """The same, from urllib3's reason (what requests' exception holds, if anything)."""
        if isinstance(reason, urllib3.exceptions.ProxyError):
            inner, _ = self._describe_reason(
                reason.original_error, requests.ConnectionError(reason.original_error)
            )
            return f"through the proxy: {inner}", True
        # Checked first: urllib3 derives NewConnectionError from its TimeoutError, but a
        # refused connection or an unknown host is not slowness.
        if isinstance(reason, urllib3.exceptions.NameResolutionError):
            return "host name could not be resolved", True
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            cause = str(reason).rsplit("new connection: ", 1)[
                -1
            ]  # "[Errno 111] Connection refused"
            return f"could not connect: {_ERRNO.sub('', cause)}", True
        if isinstance(reason, urllib3.exceptions.ConnectTimeoutError) or isinstance(
            exc, requests.ConnectTimeout
        ):
            return f"no connection within {self.settings.connect_timeout:g} s", True
        if isinstance(exc, requests.exceptions.SSLError):
            return "secure connection failed (TLS)", True
        if isinstance(exc, requests.Timeout) or isinstance(reason, urllib3.exceptions.TimeoutError):
            return (
                f"no answer in time (read {self.settings.timeout:g} s, "
                f"{self.settings.retries} retries)"
            ), False
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            return "response body cut short", False
        if isinstance(exc, requests.exceptions.ContentDecodingError):
            return "response body could not be decoded", False
        if type(reason) is OSError and reason.args and isinstance(reason.args[0], str):
            return reason.args[0], True  # the proxy's own words: "Tunnel connection failed: 426 …"
        return f"connection failed ({type(reason or exc).__name__})", False


def _timed_out(exc: Exception | None) -> bool:
    """Whether the request failed by waiting for a reply (not for a connection, nor through a
    proxy: such hosts are unreachable, found apart), as requests or urllib3 say so."""
    if isinstance(exc, requests.ConnectTimeout):
        return False
    if isinstance(exc, requests.Timeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc is not None and exc.args else None
    return isinstance(reason, urllib3.exceptions.ReadTimeoutError)


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
