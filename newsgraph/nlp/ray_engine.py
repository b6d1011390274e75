"""Analysis on Ray: the same pure per-article function, run by a pool of Ray actors.

``RayWorkers`` has the interface of ``pipeline.Workers`` (a context manager with ``submit``
and ``map``), so ``Newsgraph.ingest(engine="ray")`` changes nothing but where articles are
analysed: results stream back to the one writer in this process, which stores them exactly
as it stores a local pool's. Each actor loads the spaCy model once and analyses groups of
articles (``Analyzer.analyse_batch``); groups go to the actors in turn.

Without an address a local Ray is started with ``workers`` CPUs; with one
(``ray://host:10001`` or ``auto``) the pool runs on that cluster, whose nodes need newsgraph
and the spaCy model installed. Ray is an optional dependency (``pip install newsgraph[ray]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.model import Article
from newsgraph.nlp.pipeline import Analyzer, Outcome, batches

GROUP = 8  # articles an actor parses together


class RayUnavailable(RuntimeError):
    """Ray is not installed, or the cluster cannot be reached."""


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise RayUnavailable(
            "--engine ray needs Ray: pip install 'newsgraph[ray]' (ray==2.60.0)"
        ) from exc
    return ray


class _Analyst:
    """The body of one Ray actor: an analyser with its model loaded once."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        _ = analyzer.nlp

    def analyse(self, articles: list[Article]) -> list[Outcome]:
        return self.analyzer.analyse_batch(articles)


class RayPending:
    """A batch handed to the actors; ``get()`` waits for its outcomes, in input order."""

    def __init__(self, refs: list[Any]) -> None:
        self._refs = refs

    def get(self) -> list[Outcome]:
        if not self._refs:
            return []
        ray = _ray()
        return [outcome for group in ray.get(self._refs) for outcome in group]


class RayWorkers:
    """A pool of ``n`` Ray actors analysing articles (see the module docstring)."""

    def __init__(self, analyzer: Analyzer, n: int = 1, address: str | None = None) -> None:
        self.analyzer = analyzer
        self.n = max(1, n)
        self.address = address
        self._actors: list[Any] = []
        self._started_ray = False
        self._next = 0

    def __enter__(self) -> RayWorkers:
        ray = _ray()
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                       "configure_logging": False}
            try:
                if self.address:
                    ray.init(address=self.address, **options)
                else:
                    ray.init(num_cpus=self.n, **options)
            except Exception as exc:
                where = self.address or "a local Ray"
                raise RayUnavailable(f"cannot start {where}: {exc}") from exc
            self._started_ray = True
        actor = ray.remote(num_cpus=1)(_Analyst)
        self._actors = [actor.remote(self.analyzer) for _ in range(self.n)]
        return self

    def __exit__(self, *exc: object) -> None:
        ray = _ray()
        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False

    def submit(self, articles: list[Article]) -> RayPending:
        refs = []
        for group in batches(articles, GROUP):
            actor = self._actors[self._next % len(self._actors)]
            self._next += 1
            refs.append(actor.analyse.remote(group))
        return RayPending(refs)

    def map(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for group in batches(articles, GROUP * len(self._actors)):
            yield from self.submit(group).get()
