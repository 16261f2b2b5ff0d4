"""Ask every provider's models and health APIs, in parallel and bounded, and compare the answers
with the catalog.  One provider failing never stops the others; its failure is its result."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from typing import Mapping

from generator.live.compare import Comparison, compare
from generator.live.fetch import FetchError, Limits, client, get_json, with_query
from generator.live.shapes import AUTH, EXTRA_HEADERS, Health, ShapeError, parse_health, parse_page
from generator.model.records import Provider

SKIPPED, CHECKED, FAILED = "skipped", "checked", "failed"


@dataclass(slots=True)
class Result:
    provider: str
    state: str                          # checked, skipped or failed
    reason: str = ""                    # why skipped or failed
    comparison: Comparison = field(default_factory=Comparison)
    health: Health | None = None
    health_error: str = ""

    @property
    def drift(self) -> bool:
        found = self.comparison
        return self.state == FAILED or bool(found.new or found.gone or found.disagreements)


@dataclass(frozen=True, slots=True)
class Plan:
    url: str
    shape: str
    headers: dict
    secret: dict


def plan(provider: Provider, environ: Mapping[str, str]) -> Plan | str:
    """How to ask *provider*'s models API, or why it is skipped."""
    url = provider.endpoint("models")
    if not url:
        return "no models endpoint in the catalog"
    auth, shape = provider.authentication, provider.monitoring.models_api_shape or "openai"
    key = next((environ[name] for name in auth.env if environ.get(name)), None)
    if key is None and auth.env and auth.api_key_required is not False:
        return f"set {' or '.join(auth.env)}"
    header, scheme = (auth.header, auth.scheme) if auth.header else AUTH[shape]
    secret = {header: f"{scheme} {key}" if scheme else key} if key else {}
    return Plan(url, shape, dict(EXTRA_HEADERS.get(shape, {})), secret)


def check_live(providers: list[Provider], environ: Mapping[str, str] | None = None,
               limits: Limits = Limits()) -> list[Result]:
    """Check each of *providers*; the results in the order given."""
    return asyncio.run(_check_all(providers, os.environ if environ is None else environ, limits))


async def _check_all(providers, environ, limits) -> list[Result]:
    gate = asyncio.Semaphore(limits.concurrency)
    async with client(limits) as http:
        async def one(provider):
            async with gate:
                try:
                    return await check_provider(http, provider, environ, limits)
                except Exception as exc:  # a bug met on one provider's answer never stops the others
                    return Result(provider.id, FAILED, f"unexpected error ({type(exc).__name__})")
        return list(await asyncio.gather(*(one(p) for p in providers)))


async def check_provider(http, provider: Provider, environ, limits: Limits) -> Result:
    """*provider*'s result: its models compared with the catalog, and its health, which needs no key
    and so is asked even when the models check is skipped."""
    how = plan(provider, environ)
    result = Result(provider.id, SKIPPED, how) if isinstance(how, str) else Result(provider.id, CHECKED)
    if not isinstance(how, str):
        try:
            served = await asyncio.wait_for(_served(http, how, limits), limits.total)
            result.comparison = compare(provider.offerings, served)
        except (FetchError, ShapeError, asyncio.TimeoutError) as exc:
            result.state, result.reason = FAILED, redact(_reason(exc, limits), list(how.secret.values()))
    health_url = provider.endpoint("health")
    if health_url and health_url.endswith("/summary.json"):
        try:
            answer = await asyncio.wait_for(get_json(http, health_url, {}, {}, limits), limits.total)
            result.health = parse_health(answer, tuple((c.id, c.name) for c in provider.monitoring.health_components))
        except (FetchError, ShapeError, asyncio.TimeoutError) as exc:
            result.health_error = _reason(exc, limits)
    return result


async def _served(http, how: Plan, limits: Limits) -> list:
    """Every page of the models list; a page token seen before, or too many pages, is an error."""
    served, seen, params = [], set(), ()
    for _ in range(limits.max_pages):
        page = parse_page(how.shape, await get_json(http, with_query(how.url, params), how.headers, how.secret, limits))
        served.extend(page.items)
        if page.next is None:
            return served
        if page.next in seen:
            raise FetchError("pagination loops: a page token came back")
        seen.add(page.next)
        params = page.next
    raise FetchError(f"more than {limits.max_pages} pages")


def _reason(exc: Exception, limits: Limits) -> str:
    if isinstance(exc, asyncio.TimeoutError):
        return f"no answer within {limits.total:g} s"
    return f"{'unexpected answer: ' if isinstance(exc, ShapeError) else ''}{exc}"


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
        text = text.replace(secret.split(" ")[-1], "[redacted]")
    return text
