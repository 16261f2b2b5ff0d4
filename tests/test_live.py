"""The live check against a real HTTP server on 127.0.0.1: each response shape, the comparison
with the catalog, and the bad cases (slow, 429, 5xx, malformed, oversized, redirects, loops)."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from generator.catalog.load import load_catalog
from generator.live.check import check_live
from generator.live.fetch import Limits, wait_before_retry
from generator.live.report import RENDERERS
from tests.liveserver import Reply, Server, write_catalog

KEY = "sk-test-6f1d0c2b9a"
FAST = Limits(connect=0.5, total=2.0, retries=2, backoff=0.01, max_wait=1.0, max_bytes=1_000_000, max_pages=5)


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


def provider(models_url: str, env="ACME_API_KEY", health: str | None = None, monitoring=None, **auth) -> dict:
    endpoints = {"models": models_url, **({"health": health} if health else {})}
    return {"authentication": {"env": [env], **auth}, "endpoints": endpoints,
            **({"monitoring": monitoring} if monitoring else {})}


def check(tmp_path, providers, limits=FAST, environ=None):
    catalog = load_catalog(write_catalog(tmp_path / "data", providers))
    return check_live(list(catalog.providers.values()), {"ACME_API_KEY": KEY} if environ is None else environ, limits)


OFFERINGS = [
    {"id": "m-kept", "context_window": 8192, "pricing": {"input": 3, "output": 15}},
    {"id": "m-alias", "aliases": ["m-alias-latest"]},
    {"id": "m-gone"},
    {"id": "m-retired", "status": "retired", "retirement_date": "2026-01-01"},
]
OPENROUTER_DATA = {"data": [
    {"id": "m-kept", "context_length": 32768, "pricing": {"prompt": "0.000003", "completion": "0.0000155"}},
    {"id": "m-alias-latest"},
    {"id": "m-new", "pricing": {"prompt": "-1", "completion": "-1"}},
]}


def test_openai_shape_reports_new_gone_and_disagreements_with_exact_prices(server, tmp_path):
    url = server.route("/v1/models", Reply(body=OPENROUTER_DATA))
    [result] = check(tmp_path, {"acme": (provider(url), OFFERINGS)})
    found = result.comparison
    assert (result.state, found.new, found.gone, found.confirmed) == ("checked", ["m-new"], ["m-gone"],
                                                                     ["m-alias", "m-kept"])
    assert [(d.offering, d.field, d.catalog, d.served) for d in found.disagreements] == [
        ("m-kept", "context_window", "8192", "32768"), ("m-kept", "pricing.output", "15", "15.5")]
    assert result.drift
    assert server.headers_sent_to("/v1/models")[0]["authorization"] == f"Bearer {KEY}"


def test_anthropic_shape_pages_with_after_id_and_its_own_headers(server, tmp_path):
    url = server.url("/v1/models")
    server.route("/v1/models?after_id=m-b", Reply(body={"data": [{"id": "m-c"}], "has_more": False, "last_id": "m-c"}))
    server.route("/v1/models", Reply(body={"data": [{"id": "m-a"}, {"id": "m-b"}], "has_more": True, "last_id": "m-b"}))
    acme = provider(url, header="x-api-key", monitoring={"models_api_shape": "anthropic"})
    [result] = check(tmp_path, {"acme": (acme, [{"id": "m-a"}, {"id": "m-c"}])})
    assert (result.state, result.comparison.new, result.comparison.gone) == ("checked", ["m-b"], [])
    first, second = server.headers_sent_to("/v1/models")
    assert first["x-api-key"] == KEY and first["anthropic-version"] == "2023-06-01" and "authorization" not in first
    assert [path for path, _ in server.requests] == ["/v1/models", "/v1/models?after_id=m-b"]


def test_google_shape_pages_with_page_token_and_compares_the_input_limit(server, tmp_path):
    url = server.url("/v1beta/models")
    server.route("/v1beta/models?pageToken=t2", Reply(body={"models": [{"name": "models/g-2"}]}))
    server.route("/v1beta/models", Reply(body={"models": [{"name": "models/g-1", "inputTokenLimit": 1048576}],
                                               "nextPageToken": "t2"}))
    offerings = [{"id": "g-1", "max_input_tokens": 1000000}, {"id": "g-2"}]
    acme = provider(url, header="x-goog-api-key", monitoring={"models_api_shape": "google"})
    [result] = check(tmp_path, {"acme": (acme, offerings)})
    assert result.state == "checked" and not result.comparison.new and not result.comparison.gone
    [d] = result.comparison.disagreements
    assert (d.field, d.catalog, d.served) == ("max_input_tokens", "1000000", "1048576")
    assert server.headers_sent_to("/v1beta/models")[0]["x-goog-api-key"] == KEY


def test_statuspage_summary_gives_the_status_and_open_incidents(server, tmp_path):
    url = server.route("/v1/models", Reply(body={"data": [{"id": "m"}]}))
    health = server.route("/api/v2/summary.json", Reply(body={
        "status": {"indicator": "minor", "description": "Minor Service Outage"},
        "incidents": [{"name": "Elevated errors", "status": "investigating", "impact": "minor"}]}))
    [result] = check(tmp_path, {"acme": (provider(url, health=health), [{"id": "m"}])})
    assert result.health.indicator == "minor" and result.health.description == "Minor Service Outage"
    assert result.health.incidents == (("Elevated errors", "investigating", "minor"),)
    assert not result.drift and "authorization" not in server.headers_sent_to("/api/v2/summary.json")[0]


SUMMARY_WITH_COMPONENTS = {
    "status": {"indicator": "major", "description": "Partial System Outage"},
    "components": [{"id": "api1", "name": "Inference API", "status": "degraded_performance"},
                   {"id": "web1", "name": "Console", "status": "major_outage"}],
    "incidents": [{"name": "Console down", "status": "identified", "impact": "major",
                   "components": [{"id": "web1"}]},
                  {"name": "Slow answers", "status": "investigating", "impact": "minor",
                   "components": [{"id": "api1"}, {"id": "web1"}]},
                  {"name": "Unattributed", "status": "monitoring", "impact": "none"}]}


def test_health_reports_the_catalog_s_components_and_only_incidents_that_concern_them(server, tmp_path):
    url = server.route("/v1/models", Reply(body={"data": [{"id": "m"}]}))
    health = server.route("/api/v2/summary.json", Reply(body=SUMMARY_WITH_COMPONENTS))
    components = [{"id": "api1", "name": "Inference API"}, {"id": "gone9", "name": "Batch API"}]
    [result] = check(tmp_path, {"acme": (provider(url, health=health, monitoring={"health_components": components}),
                                         [{"id": "m"}])})
    assert result.health.components == (("Inference API", "degraded_performance"), ("Batch API", "not listed"))
    assert [name for name, _, _ in result.health.incidents] == ["Slow answers", "Unattributed"]


def test_health_without_components_in_the_catalog_reports_every_incident(server, tmp_path):
    url = server.route("/v1/models", Reply(body={"data": [{"id": "m"}]}))
    health = server.route("/api/v2/summary.json", Reply(body=SUMMARY_WITH_COMPONENTS))
    [result] = check(tmp_path, {"acme": (provider(url, health=health), [{"id": "m"}])})
    assert result.health.components == ()
    assert [name for name, _, _ in result.health.incidents] == ["Console down", "Slow answers", "Unattributed"]


def test_a_provider_without_its_key_is_skipped_with_the_variable_to_set(server, tmp_path):
    url = server.route("/v1/models", Reply(body={"data": []}))
    [result] = check(tmp_path, {"acme": (provider(url), [])}, environ={})
    assert (result.state, result.reason, result.drift) == ("skipped", "set ACME_API_KEY", False)
    assert server.requests == []


def test_a_slow_provider_times_out_and_never_stops_the_others(server, tmp_path):
    slow = server.route("/slow/models", Reply(body={"data": []}, delay=1.5))
    fast = server.route("/fast/models", Reply(body={"data": [{"id": "m"}]}))
    started = time.monotonic()
    slow_result, fast_result = check(tmp_path, {"a-slow": (provider(slow), []), "b-fast": (provider(fast), [{"id": "m"}])},
                                     limits=Limits(connect=0.5, total=0.3, retries=0))
    assert time.monotonic() - started < 1.2
    assert (slow_result.state, slow_result.reason) == ("failed", "no answer within 0.3 s")
    assert fast_result.state == "checked" and not fast_result.drift


def test_429_is_retried_after_the_wait_retry_after_asks(server, tmp_path):
    url = server.route("/v1/models", Reply(429, {}, {"Retry-After": "0.3"}), Reply(body={"data": [{"id": "m"}]}))
    started = time.monotonic()
    [result] = check(tmp_path, {"acme": (provider(url), [{"id": "m"}])})
    assert time.monotonic() - started >= 0.3
    assert result.state == "checked" and len(server.requests) == 2


def test_500_then_200_is_retried_and_a_lasting_500_fails_with_its_reason(server, tmp_path):
    once = server.route("/once/models", Reply(500, {}), Reply(body={"data": [{"id": "m"}]}))
    always = server.route("/always/models", Reply(503, {}))
    first, second = check(tmp_path, {"a": (provider(once), [{"id": "m"}]), "b": (provider(always), [])})
    assert first.state == "checked"
    assert (second.state, second.reason) == ("failed", "HTTP 503 after 3 tries")
    assert len(server.headers_sent_to("/always/models")) == 3


def test_malformed_json_and_a_wrong_shape_fail_with_their_reason(server, tmp_path):
    broken = server.route("/broken/models", Reply(body=b'{"data": [}'))
    wrong = server.route("/wrong/models", Reply(body={"data": [{"name": "no id"}]}))
    first, second = check(tmp_path, {"a": (provider(broken), []), "b": (provider(wrong), [])})
    assert first.state == "failed" and first.reason.startswith("malformed JSON")
    assert (second.state, second.reason) == ("failed", "unexpected answer: `data[0].id` is not a non-empty string")


def test_an_oversized_body_is_cut_at_the_cap(server, tmp_path):
    url = server.route("/v1/models", Reply(stream_mb=50))
    started = time.monotonic()
    [result] = check(tmp_path, {"acme": (provider(url), [])})
    assert (result.state, result.reason) == ("failed", "answer larger than 1000000 bytes")
    assert time.monotonic() - started < 2


def test_a_redirect_to_another_host_drops_the_key(server, tmp_path):
    other = Server()
    try:
        target = other.route("/v1/models", Reply(body={"data": [{"id": "m"}]}))
        url = server.route("/v1/models", Reply(302, {}, {"Location": target}))
        [result] = check(tmp_path, {"acme": (provider(url), [{"id": "m"}])})
        assert result.state == "checked" and not result.drift
        assert server.headers_sent_to("/v1/models")[0]["authorization"] == f"Bearer {KEY}"
        [sent] = other.headers_sent_to("/v1/models")
        assert "authorization" not in sent and KEY not in repr(sent)
    finally:
        other.close()


def test_a_redirect_on_the_same_host_keeps_the_key(server, tmp_path):
    server.route("/v2/models", Reply(body={"data": []}))
    url = server.route("/v1/models", Reply(301, {}, {"Location": "/v2/models"}))
    check(tmp_path, {"acme": (provider(url), [])})
    assert server.headers_sent_to("/v2/models")[0]["authorization"] == f"Bearer {KEY}"


def test_pagination_that_loops_is_stopped(server, tmp_path):
    url = server.route("/v1/models", Reply(body={"data": [{"id": "m"}], "has_more": True, "last_id": "m"}))
    [result] = check(tmp_path, {"acme": (provider(url, monitoring={"models_api_shape": "anthropic"}), [])})
    assert (result.state, result.reason) == ("failed", "pagination loops: a page token came back")
    assert len(server.requests) == 2


def test_only_https_is_asked_except_on_127_0_0_1(tmp_path):
    [result] = check(tmp_path, {"acme": (provider("http://localhost:1/v1/models"), [])})
    assert result.state == "failed" and "only https is asked" in result.reason


def test_retry_after_as_an_http_date_and_the_longest_wait():
    limits = Limits(backoff=0.5, max_wait=10)
    assert wait_before_retry(None, 2, limits) == 2.0
    assert wait_before_retry("3600", 0, limits) == 10
    assert wait_before_retry("Wed, 21 Oct 2015 07:28:00 GMT", 0, limits) == 0.0
    assert wait_before_retry("soon", 1, limits) == 1.0


def test_the_key_never_appears_in_any_output(server, tmp_path):
    echo = server.route("/echo/models", Reply(400, {"error": f"bad key {KEY}"}))
    bad = server.route("/bad/models", Reply(body={"data": [{"id": KEY[:3]}], "object": f"Bearer {KEY}"}))
    other = Server()
    try:
        moved = server.route("/moved/models", Reply(302, {}, {"Location": other.url("/x")}))
        results = check(tmp_path, {"a": (provider(echo), []), "b": (provider(bad), []), "c": (provider(moved), []),
                                   "d": (provider("http://localhost/v1/models"), [])})
    finally:
        other.close()
    for render in RENDERERS.values():
        assert KEY not in render(results)
    assert KEY not in repr(results)


def test_providers_are_asked_in_parallel_at_most_the_concurrency_limit_at_once(server, tmp_path):
    """Sixteen providers whose answers wait until eight requests are in flight: asked eight at a
    time, never one by one (the first answer would wait 5 s for the others, and the peak stay 1)
    and never all at once (the peak would be 16). The time for 150 providers answering after
    200 ms is benchmarks/bench_live.py's."""
    url = server.route("/v1/models", Reply(body={"data": [{"id": "m"}]}, gather=8))
    catalog = load_catalog(write_catalog(tmp_path, {f"p{i:02d}": (provider(url), [{"id": "m"}]) for i in range(16)}))
    results = check_live(list(catalog.providers.values()), {"ACME_API_KEY": KEY},
                         Limits(connect=2.0, total=10.0, concurrency=8))
    assert {r.state for r in results} == {"checked"} and len(server.requests) == 16
    assert server.peak == 8


def test_a_public_models_api_is_asked_without_a_key_and_health_needs_none(server, tmp_path):
    public = server.route("/public/models", Reply(body={"data": [{"id": "m"}]}))
    keyed = server.route("/keyed/models", Reply(body={"data": []}))
    health = server.route("/summary.json", Reply(body={"status": {"indicator": "none", "description": "Fine"}}))
    first, second = check(tmp_path, {"a": (provider(public, api_key_required=False), [{"id": "m"}]),
                                     "b": (provider(keyed, health=health), [])}, environ={})
    assert first.state == "checked" and "authorization" not in server.headers_sent_to("/public/models")[0]
    assert second.state == "skipped" and second.health.description == "Fine"
    assert server.headers_sent_to("/keyed/models") == []


def test_an_unexpected_error_on_one_provider_is_its_result_without_its_message(server, tmp_path, monkeypatch):
    import generator.live.check as check_module

    first = server.route("/a/models", Reply(body={"data": [{"id": "boom"}]}))
    second = server.route("/b/models", Reply(body={"data": [{"id": "m"}]}))
    real = check_module.compare

    def compare(offerings, served):
        if served[0].id == "boom":
            raise RuntimeError(f"secret {KEY}")
        return real(offerings, served)

    monkeypatch.setattr(check_module, "compare", compare)
    broken, fine = check(tmp_path, {"a": (provider(first), []), "b": (provider(second), [{"id": "m"}])})
    assert (broken.state, broken.reason) == ("failed", "unexpected error (RuntimeError)")
    assert fine.state == "checked" and not fine.drift
