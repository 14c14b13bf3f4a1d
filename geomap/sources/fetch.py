"""Fetching feeds and pages over HTTP, politely.

geomap names itself in its User-Agent, asks conditionally (``If-None-Match`` /
``If-Modified-Since``, from what a feed answered last: a feed that did not change costs
its server a ``304``), gives up after a timeout, reads at most a bounded number of bytes,
and waits between two requests to one host (:data:`PER_HOST_DELAY`). The standard
library's ``urllib`` does the work: no extra dependency, proxies from the environment.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from .. import __version__
from ..errors import FetchError
from . import is_url

USER_AGENT = f"geomap/{__version__} (news articles to maps; +https://pypi.org/project/geomap/)"
#: Seconds to wait for a server to answer (and between two reads of its answer).
TIMEOUT = 20.0
#: Seconds one answer may take in all: a server that sends a byte now and then is left.
TOTAL_TIMEOUT = 60.0
#: Seconds between two requests to one host: a feed's pages are not fetched in a burst.
PER_HOST_DELAY = 1.0
#: At most this many bytes of one answer are read: a feed or page larger is refused.
MAX_RESPONSE_BYTES = 20_000_000


@dataclass(frozen=True)
class Fetched:
    """What a server answered: ``status`` 200 with ``body``, or 304 (not modified since
    the ``etag``/``last_modified`` given) with none; the validators to send next time."""

    url: str
    status: int
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


class Fetcher:
    """Fetches http(s) addresses, politely (see the module); one per batch, so that its
    per-host delay covers every request of the batch."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT,
        total_timeout: float = TOTAL_TIMEOUT,
        per_host_delay: float = PER_HOST_DELAY,
        user_agent: str = USER_AGENT,
        max_bytes: int = MAX_RESPONSE_BYTES,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.timeout = timeout
        self.total_timeout = total_timeout
        self.per_host_delay = per_host_delay
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self._clock = clock
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        #: How many requests were made (a test counts them).
        self.requests = 0

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` (conditionally when ``etag`` or ``last_modified`` is given); raises
        :class:`~geomap.errors.FetchError` with a one-line reason when it cannot."""
        if not is_url(url):
            raise FetchError(f"{url}: not an http(s) address")
        host = urllib.parse.urlsplit(url).netloc.lower()
        self._wait_for(host)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        self.requests += 1
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = self._body(url, response, began)
                return Fetched(
                    url=response.geturl(),
                    status=response.status,
                    body=body,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    content_type=response.headers.get("Content-Type"),
                )
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Fetched(url, 304, None, etag, last_modified)
            raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise FetchError(f"{url}: cannot be reached ({_reason(exc.reason)})") from None
        except TimeoutError:
            raise FetchError(f"{url}: no answer within {self.timeout:g} s") from None
        except OSError as exc:  # a connection reset while reading, say
            raise FetchError(f"{url}: {_reason(exc)}") from None
        except (http.client.HTTPException, ValueError) as exc:
            # an answer that is not HTTP, cut short, or an address urllib cannot use
            raise FetchError(f"{url}: a broken answer or address ({type(exc).__name__})") from None
        finally:
            self._last_request[host] = self._clock()

    def _body(self, url: str, response: http.client.HTTPResponse, began: float) -> bytes:
        """The answer's bytes, read in blocks within :attr:`total_timeout` and
        :attr:`max_bytes`; an answer shorter than its ``Content-Length`` is refused (a
        feed cut short would lose its last items)."""
        blocks: list[bytes] = []
        size = 0
        while block := response.read(1 << 16):
            blocks.append(block)
            size += len(block)
            if size > self.max_bytes:
                raise FetchError(f"{url}: larger than {self.max_bytes:,} bytes; not read")
            if time.monotonic() - began > self.total_timeout:
                raise FetchError(f"{url}: not read within {self.total_timeout:g} s; left")
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > size:
            raise FetchError(f"{url}: the answer was cut short ({size:,} of {declared} bytes)")
        return b"".join(blocks)

    def _wait_for(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = self.per_host_delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
