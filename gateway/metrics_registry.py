"""A small Prometheus registry: counters and fixed-bucket histograms, rendered as text.

Why not prometheus_client: its default registry is a process global and its
multi-process mode wants a shared directory and environment set before import;
Enclave keeps state on the app (one registry per `create_app`), and the few
metric kinds it needs fit in this module. Every method is thread-safe: samples
come from the event loop, from worker threads (audit writes, retrieval) and
from the engine's thread.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from collections.abc import Iterator, Sequence

Labels = tuple[str, ...]  # label values, in the order of the metric's label names


def number(value: float) -> str:
    """A sample value as the text format writes it (integers without a fraction)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))


def escape_label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def label_text(names: Sequence[str], values: Sequence[str]) -> str:
    """`{a="x",b="y"}`, or nothing for a metric without labels."""
    if not names:
        return ""
    pairs = ",".join(f'{n}="{escape_label(v)}"' for n, v in zip(names, values, strict=True))
    return "{" + pairs + "}"


class _Metric:
    kind = ""

    def __init__(self, name: str, help_: str, labels: Sequence[str] = ()) -> None:
        self.name = name
        self.help = help_
        self.labels = tuple(labels)
        self._lock = threading.Lock()

    def _key(self, given: dict[str, str]) -> Labels:
        """Label values in declared order; a missing or unknown label is a programming error."""
        if set(given) != set(self.labels):
            raise ValueError(f"{self.name} takes labels {self.labels}, got {tuple(given)}")
        return tuple(str(given[n]) for n in self.labels)

    def header(self) -> list[str]:
        help_ = self.help.replace("\\", "\\\\").replace("\n", "\\n")
        return [f"# HELP {self.name} {help_}", f"# TYPE {self.name} {self.kind}"]

    def lines(self) -> Iterator[str]:
        raise NotImplementedError


class Counter(_Metric):
    kind = "counter"

    def __init__(self, name: str, help_: str, labels: Sequence[str] = ()) -> None:
        super().__init__(name, help_, labels)
        self._values: dict[Labels, float] = {}

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        if amount < 0:
            raise ValueError("a counter only goes up")
        key = self._key(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        with self._lock:
            return self._values.get(self._key(labels), 0.0)

    def lines(self) -> Iterator[str]:
        with self._lock:
            values = sorted(self._values.items())
        for key, value in values:
            yield f"{self.name}{label_text(self.labels, key)} {number(value)}"


class Histogram(_Metric):
    """Fixed upper bounds (plus +Inf); rendered cumulative, with `_sum` and `_count`."""

    kind = "histogram"

    def __init__(
        self, name: str, help_: str, buckets: Sequence[float], labels: Sequence[str] = ()
    ) -> None:
        if "le" in labels:
            raise ValueError("'le' is the bucket label")
        bounds = sorted(float(b) for b in buckets)
        if not bounds or len(set(bounds)) != len(bounds) or math.isinf(bounds[-1]):
            raise ValueError("buckets: distinct finite upper bounds (+Inf is implicit)")
        super().__init__(name, help_, labels)
        self.buckets = tuple(bounds)
        # per label set: a count per bucket (not cumulative; the last is +Inf), and the sum
        self._series: dict[Labels, tuple[list[int], list[float]]] = {}

    def observe(self, value: float, **labels: str) -> None:
        key = self._key(labels)
        slot = bisect_left(self.buckets, value)  # first bound >= value: `le` is inclusive
        with self._lock:
            counts, total = self._series.setdefault(key, ([0] * (len(self.buckets) + 1), [0.0]))
            counts[slot] += 1
            total[0] += value

    def count(self, **labels: str) -> int:
        with self._lock:
            series = self._series.get(self._key(labels))
            return sum(series[0]) if series else 0

    def lines(self) -> Iterator[str]:
        with self._lock:
            series = sorted((k, (list(c), s[0])) for k, (c, s) in self._series.items())
        bounds = [*(number(b) for b in self.buckets), "+Inf"]
        names = (*self.labels, "le")
        for key, (counts, total) in series:
            running = 0
            for bound, n in zip(bounds, counts, strict=True):
                running += n
                yield f"{self.name}_bucket{label_text(names, (*key, bound))} {running}"
            yield f"{self.name}_sum{label_text(self.labels, key)} {number(total)}"
            yield f"{self.name}_count{label_text(self.labels, key)} {running}"


class Registry:
    """The metrics of one app, rendered in the order they were made."""

    def __init__(self) -> None:
        self._metrics: dict[str, _Metric] = {}

    def _add(self, metric: _Metric) -> None:
        if metric.name in self._metrics:
            raise ValueError(f"metric {metric.name} is already registered")
        self._metrics[metric.name] = metric

    def counter(self, name: str, help_: str, labels: Sequence[str] = ()) -> Counter:
        metric = Counter(name, help_, labels)
        self._add(metric)
        return metric

    def histogram(
        self, name: str, help_: str, buckets: Sequence[float], labels: Sequence[str] = ()
    ) -> Histogram:
        metric = Histogram(name, help_, buckets, labels)
        self._add(metric)
        return metric

    def render(self) -> str:
        """Text exposition format 0.0.4: HELP and TYPE, then the samples of each metric."""
        out: list[str] = []
        for metric in self._metrics.values():
            out += metric.header()
            out += metric.lines()
        return "\n".join(out) + "\n" if out else ""
