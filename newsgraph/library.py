"""The library API: one object that reads, analyses, stores and answers.

The CLI and the HTTP API only parse arguments, call one method of
``Newsgraph`` and format what it returns.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.ingest import read_paths
from newsgraph.model import Article, ArticleAnalysis, ReadError, ReadWarning
from newsgraph.nlp.pipeline import Analyzer, Options, Outcome, Workers, batches, model_name

if TYPE_CHECKING:
    from newsgraph.nlp.attribution import AttributionModel

DEFAULT_DB = "newsgraph.db"
BATCH = 64  # articles read ahead and handed to the workers at a time


def default_db() -> str:
    return os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB


@dataclass
class IngestReport:
    """What one ``ingest`` run did, counted per article."""

    stored: int = 0
    unchanged: int = 0
    updated: int = 0
    rejected: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tokens: int = 0
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + self.updated + self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "errors": self.errors,
            "tokens": self.tokens,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        text = (
            f"{self.stored} stored, {self.unchanged} unchanged, {self.updated} updated, "
            f"{self.rejected} rejected"
        )
        if self.stored == 0 and self.updated == 0 and self.rejected == 0 and self.unchanged:
            text += " (nothing new)"
        return text


# An event callback receives ("read"|"stored"|"unchanged"|"updated"|"rejected"|"warning", detail).
Event = Callable[[str, str], None]


def _ignore(kind: str, detail: str) -> None:
    return None


def _reason() -> str:
    """The exception being handled, in one line."""
    import sys

    exc = sys.exc_info()[1]
    return f"{type(exc).__name__}: {exc}" if exc is not None else "unknown error"


class Newsgraph:
    """newsgraph as a library: ``Newsgraph("news.db").ingest(["articles/"])``."""

    def __init__(
        self, db: str | Path | None = None, model: str | None = None, workers: int = 1
    ) -> None:
        self.db_path = str(db) if db is not None else default_db()
        self.options = Options(model=model_name(model))
        self.workers = workers
        self._store = None
        self._analyzer: Analyzer | None = None

    # -- parts, made on first use -------------------------------------------------
    @property
    def store(self):
        if self._store is None:
            from newsgraph.store import Store

            self._store = Store(self.db_path)
        return self._store

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(self.options)
        return self._analyzer

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Newsgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[str | Path],
        format: str | None = None,
        workers: int | None = None,
        on_event: Event = _ignore,
    ) -> IngestReport:
        """Read, analyse and store articles; each article is committed on its own.

        Articles whose content hash is already stored are skipped before analysis,
        so a rerun after an interruption resumes where the last one stopped.
        """
        report = IngestReport()
        started = time.perf_counter()
        store = self.store
        run_id = store.start_run()
        self.catch_up()  # whatever an interrupted run left queued

        def reject(where: str, reason: str) -> None:
            report.rejected += 1
            report.errors.append(f"{where}: {reason}")
            store.record_rejection(where, reason, run_id=run_id)
            on_event("rejected", f"{where}: {reason}")

        with Workers(self.analyzer, workers or self.workers) as pool:
            for batch in batches(read_paths(paths, format=format), BATCH):
                todo: list[Article] = []
                for item in batch:
                    if isinstance(item, ReadError):
                        reject(item.where, item.reason)
                    elif isinstance(item, ReadWarning):
                        report.warnings.append(str(item))
                        on_event("warning", str(item))
                    elif store.known_hash(item.id) == item.content_hash():
                        report.unchanged += 1
                        on_event("unchanged", item.id)
                    else:
                        todo.append(item)
                self._store_batch(list(pool.map(todo)), report, reject, on_event)
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, {
            "stored": report.stored, "unchanged": report.unchanged, "updated": report.updated,
            "rejected": report.rejected, "warnings": len(report.warnings),
        })
        return report

    def _store_batch(
        self,
        outcomes: Sequence[Outcome],
        report: IngestReport,
        reject: Callable[[str, str], None],
        on_event: Event,
    ) -> None:
        """Store a batch's analyses and run the cross-article stages over them in one
        transaction (a group commit); if anything in it fails, store the articles one
        transaction each, so a failure costs only its own article."""
        from newsgraph.resolve import stages

        failed = [o for o in outcomes if o.analysis is None]
        good = [o for o in outcomes if o.analysis is not None]
        for outcome in failed:
            article = outcome.article
            reject(article.path or article.id, outcome.error or "analysis failed")
        if not good:
            return

        def store_all(batch: Sequence[Outcome]) -> list[tuple[Outcome, str]]:
            with self.store.transaction():
                done = [(o, self.store.save_analysis(o.analysis)) for o in batch]  # type: ignore[arg-type]
                changed = [o.article.id for o, status in done if status != "unchanged"]
                stages.enqueue(self.store, changed)
                stages.run_pending(self.store)
            return done

        try:
            saved = store_all(good)
        except Exception:
            if len(good) == 1:
                saved = []
                article = good[0].article
                reject(article.path or article.id, f"not stored: {_reason()}")
            else:
                saved = []
                for outcome in good:
                    try:
                        saved += store_all([outcome])
                    except Exception:
                        article = outcome.article
                        reject(article.path or article.id, f"not stored: {_reason()}")
        for outcome, status in saved:
            article = outcome.article
            assert outcome.analysis is not None
            for warning in outcome.analysis.warnings:
                report.warnings.append(f"{article.path or article.id}: warning: {warning}")
            report.tokens += outcome.analysis.tokens
            setattr(report, status, getattr(report, status) + 1)
            on_event(status, article.id)

    # -- analysing without storing -------------------------------------------------
    def extract(
        self, paths: Sequence[str | Path], format: str | None = None, workers: int | None = None
    ) -> Iterator[ArticleAnalysis | ReadError | ReadWarning]:
        """Analyse articles without storing them, in input order (the extract contract)."""
        with Workers(self.analyzer, workers or self.workers) as pool:
            for batch in batches(read_paths(paths, format=format), BATCH):
                articles = [item for item in batch if isinstance(item, Article)]
                outcomes = iter(pool.map(articles))
                for item in batch:
                    if not isinstance(item, Article):
                        yield item
                        continue
                    outcome = next(outcomes)
                    if outcome.analysis is None:
                        yield ReadError(item.path or item.id, outcome.error or "analysis failed")
                    else:
                        yield outcome.analysis

    def analyse(self, article: Article) -> ArticleAnalysis:
        """Analyse one article in this process."""
        return self.analyzer.analyse(article)

    # -- the cross-article stages (only writers run them) -----------------------------------
    def catch_up(self) -> dict:
        """Run every cross-article update still queued (after an interrupted run)."""
        from newsgraph.resolve import stages

        return stages.catch_up(self.store)

    def pending_work(self) -> dict[str, int]:
        """Stage -> articles it has still to take in; empty when everything is up to date."""
        return self.store.pending_work()

    def resolve(self, rebuild: bool = False) -> dict:
        """Bring the cross-article record up to date; ``rebuild`` forgets it and derives it
        again from every stored article. Judgements are re-applied either way."""
        from newsgraph.resolve import stages

        report = stages.rebuild(self.store) if rebuild else stages.catch_up(self.store)
        return {"stages": report, "identities": self.store.stats()["identities"]}

    def identity_ids(self, name: str) -> list[str]:
        """Identities called ``name`` (name, alias or id), most articles first; failing
        that, those whose name or an alias contains it."""
        from newsgraph.resolve.identities import name_lookup_keys

        ids = self.store.identity_ids_with_keys(name_lookup_keys(name))
        if self.store.identity_summaries(ids=[name]):
            ids.add(name)
        rows = self.store.identity_summaries(ids=sorted(ids)) if ids else []
        if not rows:
            rows = self.store.identity_summaries(name=name)
        return [r["id"] for r in rows]

    def entity(self, name: str) -> dict | None:
        """The canonical entity best matching ``name``: aliases, type, roles over time with
        their sources, articles, merge reasons, quotations by and about it."""
        ids = self.identity_ids(name)
        if not ids:
            return None
        data = self.store.identity_details(ids[0])
        if data is None:
            return None
        data["quotes_by"] = self.store.quotes(speaker_ids=[ids[0]])
        data["quotes_about"] = self.store.quotes(about_ids=[ids[0]])
        data["other_matches"] = ids[1:]
        return data

    def entities(self, type: str | None = None, name: str | None = None,
                 limit: int | None = None) -> list[dict]:
        """Canonical entities with counts of articles, mentions and quotes."""
        return self.store.identity_summaries(type=type, name=name, limit=limit)

    def judge(self, kind: str, a: str, b: str) -> dict:
        """Store and apply a correction (merge A B, split ENTITY ALIAS, rename ENTITY NAME);
        it is re-applied after every later update or rebuild. The identities it touched."""
        from newsgraph.resolve import stages, sync
        from newsgraph.resolve.identities import Judgement

        self.catch_up()
        with self.store.transaction():
            stages.run_pending(self.store)
            changed = sync.judge(self.store, Judgement(kind, a, b))  # type: ignore[arg-type]
        return {"judgement": {"kind": kind, "a": a, "b": b},
                "identities": self.store.identity_summaries(ids=changed)}

    def merge(self, a: str, b: str) -> dict:
        return self.judge("merge", a, b)

    def split(self, entity: str, alias: str) -> dict:
        return self.judge("split", entity, alias)

    def rename(self, entity: str, name: str) -> dict:
        return self.judge("rename", entity, name)

    def export_identities(self) -> list[dict]:
        """One record per canonical entity: aliases, articles, roles, merge reasons."""
        return self.store.identity_records()

    # -- asking ----------------------------------------------------------------------
    def quotes(self, speaker: str | None = None, **filters: Any) -> list[dict]:
        """Quotations; ``speaker`` finds those whose speaker entity belongs to the identity
        of that name (so "Ivor Caplin" finds an article's "Mr Caplin"), else by name."""
        if speaker is not None:
            ids = self.identity_ids(speaker)
            if ids:
                return self.store.quotes(speaker=speaker, speaker_ids=ids[:1], **filters)
        return self.store.quotes(speaker=speaker, **filters)

    # -- the same quotation again (quote groups) -----------------------------------------
    def repeated_quotes(self, limit: int | None = None) -> list[dict]:
        """Quotations whose statement is reported in two or more articles, newest first,
        each with its group (id, size, speaker) and whether it is where it was first seen."""
        from newsgraph.store import quote_groups

        with self.store._lock:
            return quote_groups.repeated_quotations(self.store.conn, limit=limit)

    def quotation(self, quotation_id: str) -> dict | None:
        """One quotation by its id "ARTICLE:QUOTE" (the article id, a colon, the article's
        quotation id such as "q3"), with every other article that reported the statement."""
        from newsgraph.store import quote_groups

        article, sep, quote = quotation_id.rpartition(":")
        if not sep or not article or not quote:
            return None
        with self.store._lock:
            return quote_groups.quotation(self.store.conn, article, quote)

    def article(self, article_id: str) -> dict | None:
        return self.store.article(article_id)

    def search(self, query: str, limit: int = 20) -> list[dict]:
        return self.store.search(query, limit=limit)

    def stats(self) -> dict:
        return self.store.stats()

    def export_records(self) -> Iterator[dict]:
        return self.store.export_records()

    def export_cross(self, table: str) -> Iterator[dict]:
        """Records of a table across articles ('stories', 'quote_groups', 'conflicts') in
        the contract of ``../shared/DESIGN.md``."""
        from newsgraph.store import cross

        with self.store._lock:
            return iter(list(cross.contract_records(self.store.conn, table)))

    def export_cross_rows(self, table: str) -> Iterator[dict]:
        """Flat rows of a table across articles, for CSV."""
        from newsgraph.store import cross

        with self.store._lock:
            return iter(list(cross.csv_rows(self.store.conn, table)))

    def export_rows(self, table: str) -> Iterator[dict]:
        return self.store.export_rows(table)

    # -- measuring ---------------------------------------------------------------------
    def evaluate_polnear(
        self, directory: str | Path, limit: int | None = None,
        problems: list[dict] | None = None,
    ) -> dict:
        """Attribution scores on a PolNeAR split (content, exact, source, end-to-end); with
        a ``problems`` list, every miss, false positive and wrong source is added to it."""
        from newsgraph.evaluate import polnear

        return polnear.evaluate_split(directory, self.analyzer.analyse, limit=limit,
                                      problems=problems)

    def train_attribution(
        self, directory: str | Path, limit: int | None = None, min_count: int = 5,
        l2: float = 1e-4, on_event: Event = _ignore, hidden: int | None = None,
    ) -> AttributionModel:
        """Learn the attribution model (``newsgraph.nlp.attribution``) from a PolNeAR split
        parsed with this pipeline; ``on_event("parsed", "N/TOTAL")`` after each article.
        ``hidden`` hidden units (0: logistic only; None: the training default)."""
        from newsgraph.evaluate import attribution

        extra = {} if hidden is None else {"hidden": hidden}
        return attribution.train_from_split(
            directory, limit=limit, min_count=min_count, l2=l2, nlp=self.analyzer.nlp,
            on_article=lambda n, total: on_event("parsed", f"{n}/{total}"), **extra,
        )

    def evaluate_demo(self, gold: str | Path, corpus: str | Path) -> dict:
        """Quotation, role and date scores against the demo corpus's hand-made gold."""
        from newsgraph.evaluate import demo
        from newsgraph.resolve.sync import demo_clusters

        analyses = [item for item in self.extract([corpus]) if isinstance(item, ArticleAnalysis)]
        report = demo.evaluate_demo(gold, analyses, clusters=demo_clusters(analyses))
        report["entity_clusters"] = "cross-article identities (resolve)"
        return report

    def evaluate_cross(self, gold_paths: Sequence[str | Path]) -> dict:
        """Stories, quote groups and conflicts against hand-made gold files (the shape in
        ``newsgraph.evaluate.cross``): their labelled articles are ingested into this
        database (unchanged ones are skipped), the stages caught up, the tables scored."""
        import tempfile

        from newsgraph.evaluate import cross

        reports = []
        for path in gold_paths:
            gold, corpus = cross.load_gold(path)
            with tempfile.TemporaryDirectory() as tmp:
                subset = Path(tmp) / "articles.jsonl"
                cross.write_subset(corpus, set(gold["articles"]), subset)
                self.ingest([subset])
            self.catch_up()
            from newsgraph.store.cross import available

            built = set(available())
            predicted = {t: list(self.export_cross(t)) for t in cross.SCORERS
                         if t in gold and t in built}
            reports.append({"gold": str(path), **cross.score(gold, predicted)})
        return {"reports": reports}

    def evaluate_timebank(self, directory: str | Path, limit: int | None = None) -> dict:
        """TempEval-3 style extraction and normalisation scores on TimeBank."""
        from newsgraph.evaluate import timebank

        return timebank.evaluate_dir(directory, self.analyzer.nlp, limit=limit)
