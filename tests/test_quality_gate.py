"""Quality gate: accuracy floors on the demo gold and on a fixed PolNeAR dev sample.

A change that makes extraction worse than these floors fails CI. The floors sit a
little under the figures measured when they were pinned (see the README's Accuracy
section for the full-split figures and the commands behind them); raise them when
the work improves, never lower them to let a regression through.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.library import Newsgraph

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo"

# dotted path in the report -> floor
# measured: quotes 0.864 / 0.983 / 0.982 / 0.848 (content F1 / recall / speaker / e2e), roles 1.0 / 1.0, times 0.943 / 0.939,
# entities 1.0 / 0.938 (the demo gold was also used while building the rules)
DEMO_FLOORS: dict[str, float] = {
    "quotes.content.f1": 0.85,
    "quotes.content.recall": 0.95,
    "quotes.speaker_accuracy": 0.95,
    "quotes.end_to_end.f1": 0.835,
    "roles.roles.precision": 0.95,  # person + title + organisation; the issue asks >= 0.90
    "roles.roles.recall": 0.90,
    "times.relaxed.f1": 0.92,
    "times.value_accuracy": 0.91,
    "entities.pairwise.precision": 0.98,  # cross-article identities; the issue asks >= 0.98
    "entities.pairwise.recall": 0.90,  # the issue asks >= 0.90
}

# The first POLNEAR_SAMPLE dev articles in sorted order.
POLNEAR_SAMPLE = 25
POLNEAR_FLOORS: dict[str, float] = {  # measured 0.717, 0.658, 0.859, 0.923
    "all.content.f1": 0.70,
    "all.end_to_end.f1": 0.64,
    "quote_marks.content.recall": 0.84,
    "quote_marks.source.accuracy": 0.91,
}


def dig(report: dict[str, Any], dotted: str) -> float:
    value: Any = report
    for key in dotted.split("."):
        value = value[key]
    return float(value)


def failures(report: dict[str, Any], floors: dict[str, float]) -> list[str]:
    return [
        f"{path} = {dig(report, path):.3f} < floor {floor:.2f}"
        for path, floor in floors.items()
        if dig(report, path) < floor
    ]


@pytest.mark.slow
def test_quality_gate_demo_gold() -> None:
    with Newsgraph(":memory:") as ng:
        report = ng.evaluate_demo(DEMO / "gold.json", DEMO / "articles.jsonl")
    assert not failures(report, DEMO_FLOORS)


@pytest.mark.slow
def test_quality_gate_polnear_dev_sample(corpora: Path) -> None:
    with Newsgraph(":memory:") as ng:
        report = ng.evaluate_polnear(corpora / "polnear" / "dev", limit=POLNEAR_SAMPLE)
    assert report["documents"] == POLNEAR_SAMPLE and not report["errors"]
    assert not failures(report, POLNEAR_FLOORS)


@pytest.mark.parametrize(
    ("value", "floor", "fails"), [(0.5, 0.6, True), (0.6, 0.6, False), (0.9, 0.6, False)]
)
def test_quality_gate_failures_compare_against_floor(value: float, floor: float,
                                                     fails: bool) -> None:
    assert bool(failures({"a": {"b": value}}, {"a.b": floor})) is fails
