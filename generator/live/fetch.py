"""Bounded, credential-safe GET requests of JSON with httpx.

Only https URLs are asked (http only for 127.0.0.1, the tests' server).  Redirects are followed
by hand, at most :attr:`Limits.max_redirects`, and once one leads to another host (``host:port``)
the credentials are dropped for good.  429 and 5xx answers are retried with exponential backoff,
waiting what ``Retry-After`` asks up to :attr:`Limits.max_wait`; bodies are streamed and cut at
:attr:`Limits.max_bytes`.  Errors are :class:`FetchError` whose message holds no header value.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from urllib.parse import urlencode, urljoin, urlsplit

import httpx

REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Limits:
    connect: float = 5.0         # seconds to connect
    total: float = 60.0          # seconds for a provider's whole check, retries and pages included
    max_bytes: int = 20_000_000  # a larger answer is refused (the biggest models list is ~1 MB)
    retries: int = 3
    backoff: float = 1.0         # first wait between tries; doubled each time
    max_wait: float = 30.0       # the longest Retry-After honoured
    max_redirects: int = 5
    max_pages: int = 50
    concurrency: int = 32


class FetchError(Exception):
    """A request that gave no usable answer; the message is safe to show (no credentials)."""


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname == "127.0.0.1"):
        return
    raise FetchError(f"refused {parts.scheme or 'no'}-scheme URL {parts.scheme}://{parts.netloc}: only https is asked")


def with_query(url: str, params: tuple[tuple[str, str], ...]) -> str:
    return f"{url}{'&' if urlsplit(url).query else '?'}{urlencode(params)}" if params else url


async def get_json(client: httpx.AsyncClient, url: str, headers: dict, secret: dict, limits: Limits) -> object:
    """The JSON answer of *url*, sending *headers* always and *secret* (the credentials) only to
    the URL's own host."""
    for attempt in range(limits.retries + 1):
        status, answer, body = await _follow(client, url, headers, secret, limits)
        if status == 429 or status >= 500:
            if attempt == limits.retries:
                raise FetchError(f"HTTP {status} after {attempt + 1} tries")
            await asyncio.sleep(wait_before_retry(answer.get("retry-after"), attempt, limits))
            continue
        if status != 200:
            raise FetchError(f"HTTP {status}")
        return _decode(body)
    raise AssertionError("unreachable")


def wait_before_retry(retry_after: str | None, attempt: int, limits: Limits) -> float:
    """Seconds to wait: what ``Retry-After`` asks (seconds or an HTTP date), else the backoff."""
    wait = limits.backoff * 2 ** attempt
    if retry_after:
        try:
            wait = float(retry_after)
        except ValueError:
            try:
                wait = (parsedate_to_datetime(retry_after) - datetime.now(timezone.utc)).total_seconds()
            except (TypeError, ValueError):
                pass
    return min(max(wait, 0.0), limits.max_wait)


async def _follow(client, url: str, headers: dict, secret: dict, limits: Limits):
    origin = urlsplit(url).netloc
    for _ in range(limits.max_redirects + 1):
        check_url(url)
        if urlsplit(url).netloc != origin:
            secret = {}  # another host never sees the key, not even on a later redirect back
        status, answer, body = await _read(client, url, {**headers, **secret}, limits)
        if status in REDIRECTS and answer.get("location"):
            url = urljoin(url, answer["location"])
            continue
        return status, answer, body
    raise FetchError(f"more than {limits.max_redirects} redirects")


async def _read(client, url: str, headers: dict, limits: Limits):
    try:
        async with client.stream("GET", url, headers=headers) as response:
            if int(response.headers.get("content-length") or 0) > limits.max_bytes:
                raise FetchError(f"answer larger than {limits.max_bytes} bytes")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise FetchError(f"answer larger than {limits.max_bytes} bytes")
            return response.status_code, response.headers, bytes(body)
    except httpx.TimeoutException:
        raise FetchError("timed out") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"request failed ({type(exc).__name__})") from None


def _decode(body: bytes) -> object:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(f"malformed JSON: {exc.msg if hasattr(exc, 'msg') else 'not UTF-8'}") from None


def client(limits: Limits) -> httpx.AsyncClient:
    timeout = httpx.Timeout(limits.total, connect=limits.connect)
    pool = httpx.Limits(max_connections=limits.concurrency * 2)
    return httpx.AsyncClient(timeout=timeout, limits=pool, follow_redirects=False, trust_env=False)
