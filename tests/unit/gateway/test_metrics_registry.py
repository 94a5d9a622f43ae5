"""The metrics registry and the text it renders, read back by a strict parser."""

from __future__ import annotations

import threading

import pytest

from engine.protocol import EngineStats, Finished, SamplingParams, TextDelta
from gateway.metrics import GatewayMetrics, decode_rate
from gateway.metrics_registry import Registry
from tests.prometheus import check_histogram, parse
from tests.unit.gateway.fake_engine import FakeEngine


def test_registry_renders_only_valid_lines_and_escapes_label_values() -> None:
    r = Registry()
    c = r.counter("x_total", "Things.\nSecond line \\ of help.", ("route", "status"))
    c.inc(route='/a/"quoted"\\back\nslash', status="200")
    c.inc(2, route="/b", status="404")
    families = parse(r.render())
    assert families["x_total"].type == "counter"
    assert families["x_total"].value(route='/a/"quoted"\\back\nslash', status="200") == 1
    assert families["x_total"].value(route="/b", status="404") == 2


def test_histogram_buckets_are_cumulative_with_sum_and_count_per_label_set() -> None:
    r = Registry()
    h = r.histogram("lat_seconds", "Latency.", (0.1, 1, 10), ("op",))
    for v in (0.05, 0.1, 0.5, 3, 99):
        h.observe(v, op="a")
    h.observe(0.2, op="b")
    family = parse(r.render())["lat_seconds"]
    check_histogram(family)
    assert [family.value("_bucket", op="a", le=le) for le in ("0.1", "1", "10", "+Inf")] == [
        2,  # 0.1 falls in le="0.1": the bound is inclusive
        3,
        4,
        5,
    ]
    assert family.value("_count", op="a") == 5
    assert family.value("_sum", op="a") == pytest.approx(102.65)
    assert family.value("_count", op="b") == 1


def test_metric_without_samples_renders_its_header_only() -> None:
    r = Registry()
    r.histogram("empty_seconds", "Nothing yet.", (1,))
    assert r.render() == ("# HELP empty_seconds Nothing yet.\n# TYPE empty_seconds histogram\n")


def test_wrong_labels_negative_increments_and_duplicate_names_are_refused() -> None:
    r = Registry()
    c = r.counter("a_total", "A.", ("route",))
    with pytest.raises(ValueError):
        c.inc(status="200")
    with pytest.raises(ValueError):
        c.inc(-1, route="/")
    with pytest.raises(ValueError):
        r.counter("a_total", "Again.")
    with pytest.raises(ValueError):
        r.histogram("h", "H.", (1,), ("le",))


def test_counts_stay_exact_when_many_threads_record_at_once() -> None:
    r = Registry()
    c = r.counter("n_total", "N.", ("k",))
    h = r.histogram("v", "V.", (1, 2))

    def work() -> None:
        for _ in range(2000):
            c.inc(k="x")
            h.observe(1.5)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert c.value(k="x") == 16000 and h.count() == 16000


def test_gateway_metrics_page_parses_with_every_family_declared() -> None:
    m = GatewayMetrics()
    m.request("/v1/models/{model_id}", "GET", 200)
    m.pseudonymized({"PERSON": 2, "EMAIL_ADDRESS": 1})
    m.retrieved(0.03)
    m.audit_written("append", 0.002)
    m.first_token.observe(0.4, stream="true")
    families = parse(m.render(EngineStats(True, None, queued=3, running=1)))
    assert families["enclave_engine_queue_depth"].value() == 3
    assert (
        families["enclave_http_requests_total"].value(
            route="/v1/models/{model_id}", method="GET", status="200"
        )
        == 1
    )
    assert families["enclave_pii_entities_total"].value(entity="PERSON") == 2
    for name in (
        "enclave_chat_time_to_first_token_seconds",
        "enclave_retrieval_duration_seconds",
        "enclave_audit_write_duration_seconds",
    ):
        check_histogram(families[name])
    assert {f.type for f in families.values()} == {"counter", "gauge", "histogram"}


def test_decode_rate_counts_tokens_after_the_first_and_needs_an_interval() -> None:
    assert decode_rate(11, first=1.0, end=3.0) == 5.0
    assert decode_rate(1, first=1.0, end=3.0) is None
    assert decode_rate(5, first=None, end=3.0) is None
    assert decode_rate(5, first=3.0, end=3.0) is None


@pytest.mark.anyio
async def test_timed_generation_observes_first_token_and_rate_once_each() -> None:
    engine = FakeEngine(["a", "b", "c"])
    engine.load()
    m = GatewayMetrics()
    generation = m.timed(await engine.generate([], SamplingParams()), 0.0, stream=True)
    events = [e async for e in generation]
    engine.close()
    assert isinstance(events[0], TextDelta) and isinstance(events[-1], Finished)
    assert m.first_token.count(stream="true") == 1 and m.first_token.count(stream="false") == 0
    assert m.tokens_per_second.count(stream="true") == 1
