"""The library API: one object that reads, analyses, stores and answers.

The CLI and the HTTP API only parse arguments, call one method of
``Newsgraph`` and format what it returns.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsgraph.ingest import read_paths
from newsgraph.ingest.duplicates import RunIds
from newsgraph.model import Article, ArticleAnalysis, ReadError, ReadWarning

if TYPE_CHECKING:  # spaCy is imported only when a command analyses text
    from newsgraph.nlp.attribution import AttributionModel
    from newsgraph.nlp.pipeline import Analyzer, Options, Outcome

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
    stages: dict[str, float] = field(default_factory=dict)  # seconds in each stage's updates

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
            "stages": {k: round(v, 3) for k, v in self.stages.items()},
        }

    def summary(self) -> str:
        text = (
            f"{self.stored} stored, {self.unchanged} unchanged, {self.updated} updated, "
            f"{self.rejected} rejected"
        )
        if self.stored == 0 and self.updated == 0 and self.rejected == 0 and self.unchanged:
            text += " (nothing new)"
        return text


FULL_COLLECTION_EVERY = 100  # young-generation collections between two full ones, at most


class _FrozenAfterFirstBatch:
    """The cyclic garbage collector's settings within an ingest; they change when memory is
    scanned, never what is computed.

    - The objects alive once the first batch is stored (the spaCy model, the modules, the
      writer's first state: about 95,000 tracked objects) are moved out of its reach
      (``gc.freeze``), so its full collections stop walking them again (about 50 ms each);
      they are handed back (``gc.unfreeze``) when the ingest ends.
    - Full collections come at most every ``FULL_COLLECTION_EVERY`` collections of the
      middle generation (Python's default: 10), about every 400 articles: the writer's
      caches of identities and stories grow by design, and every full collection walks
      them all (70-130 ms each on 300 wire articles; 1.5 ms an article together).
      Cyclic garbage still goes at the next full collection.
    The settings before the ingest come back when it ends."""

    def __init__(self) -> None:
        self.done = False
        self.thresholds = gc.get_threshold()

    def __enter__(self) -> Callable[[], None]:
        young, middle, old = self.thresholds
        gc.set_threshold(young, middle, max(old, FULL_COLLECTION_EVERY))
        return self.freeze

    def freeze(self) -> None:
        if not self.done:
            self.done = True
            gc.freeze()

    def __exit__(self, *exc: object) -> None:
        gc.set_threshold(*self.thresholds)
        if self.done:
            gc.unfreeze()


def is_database_failure(exc: BaseException) -> bool:
    """True for errors of the database itself (locked, full, damaged, read-only), which
    end the run; False for errors of one article's data, which reject that article."""
    item_errors = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError,
                   sqlite3.DataError)
    return isinstance(exc, sqlite3.Error) and not isinstance(exc, item_errors)


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
        self, db: str | Path | None = None, model: str | None = None, workers: int = 1,
        read_only: bool = False, accuracy: str | None = None,
    ) -> None:
        """``read_only``: open the database for reading only (``mode=ro``): it is never
        created or changed (an older schema is migrated first where the file is writable),
        and a missing or empty file is a ``DatabaseMissing`` error. ``accuracy``: 'fast'
        (default, or $NEWSGRAPH_ACCURACY) or 'high' (``newsgraph.nlp.accurate``)."""
        self._accuracy = accuracy
        self.db_path = str(db) if db is not None else default_db()
        self._model = model
        self._options: Options | None = None
        self.workers = workers
        self.read_only = read_only
        self._store = None
        self._analyzer: Analyzer | None = None
        self._analyser_stamp: str | None = None

    # -- parts, made on first use -------------------------------------------------
    @property
    def store(self):
        if self._store is None:
            from newsgraph.store import Store

            self._store = Store(self.db_path, read_only=self.read_only)
        return self._store

    @property
    def options(self) -> Options:
        if self._options is None:
            from newsgraph.nlp.accurate import accuracy_mode
            from newsgraph.nlp.pipeline import Options, model_name

            self._options = Options(model=model_name(self._model),
                                    accuracy=accuracy_mode(self._accuracy))
        return self._options

    @property
    def analyser(self) -> str:
        """The stamp stored with each analysis this object makes (``newsgraph.nlp.version``):
        what ``reanalyse`` compares against."""
        if self._analyser_stamp is None:  # once: asked for every batch stored
            from newsgraph.nlp.version import analyser_stamp

            self._analyser_stamp = analyser_stamp(self.options.model, self.options.accuracy)
        return self._analyser_stamp

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            from newsgraph.nlp.pipeline import Analyzer

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
        engine: str = "local",
        address: str | None = None,
    ) -> IngestReport:
        """Read, analyse and store articles.

        Batches of ``BATCH`` articles are analysed (by the workers, the next batch while
        this one is stored) and committed one transaction each, together with the
        cross-article stages' updates for them; a batch that fails to store falls back to
        one transaction per article. Articles whose content hash is already stored are
        skipped before analysis, so a rerun after an interruption resumes where the last
        committed batch ended. ``engine="ray"`` analyses on a pool of Ray actors (a local Ray
        with ``workers`` CPUs, or the cluster at ``address``); storing stays here.
        """
        return self.ingest_articles(read_paths(paths, format=format), workers=workers,
                                    on_event=on_event, engine=engine, address=address)

    def ingest_articles(
        self,
        items: Iterable[Article | ReadError | ReadWarning],
        workers: int | None = None,
        on_event: Event = _ignore,
        engine: str = "local",
        address: str | None = None,
        reanalyse: bool = False,
    ) -> IngestReport:
        """Analyse and store articles already read (fetched pages, say), by the path
        ``ingest`` takes: the same batches, transactions, cross-article stages, per-item
        errors and resumption. ``items`` may hold ReadErrors and ReadWarnings too (items
        that could not be read): they are rejected or reported as ``ingest`` does.
        ``reanalyse``: analyse and store an article even when its text is stored already
        (``Newsgraph.reanalyse``); it counts as updated."""
        from newsgraph.nlp.pipeline import batches

        report = IngestReport()
        started = time.perf_counter()
        store = self.store
        if getattr(store, "resolver_cache", None) is None:
            from newsgraph.resolve.sync import ResolverCache

            store.resolver_cache = ResolverCache()  # one resolver over this writer's batches
        run_id = store.start_run()
        self.catch_up()  # whatever an interrupted run left queued

        def reject(where: str, reason: str) -> None:
            report.rejected += 1
            report.errors.append(f"{where}: {reason}")
            store.record_rejection(where, reason, run_id=run_id)
            on_event("rejected", f"{where}: {reason}")

        def warn(warning: ReadWarning) -> None:
            report.warnings.append(str(warning))
            on_event("warning", str(warning))

        run_ids = RunIds()
        with (self._workers(engine, workers or self.workers, address) as pool,
              _FrozenAfterFirstBatch() as freeze):
            in_flight = None  # the batch the workers analyse while the last one is stored
            for batch in batches(items, BATCH):
                todo: list[Article] = []
                for item in batch:
                    if isinstance(item, ReadError):
                        reject(item.where, item.reason)
                    elif isinstance(item, ReadWarning):
                        warn(item)
                    else:
                        verdict, why = self._triage(item, run_ids, reanalyse)
                        if isinstance(why, ReadError):
                            reject(why.where, why.reason)
                        elif isinstance(why, ReadWarning):
                            warn(why)
                        if verdict == "analyse":
                            todo.append(item)
                        elif verdict == "unchanged":
                            report.unchanged += 1
                            on_event("unchanged", item.id)
                submitted = pool.submit(todo)
                if in_flight is not None:
                    self._store_batch(in_flight.get(), report, reject, on_event, reanalyse)
                    freeze()
                in_flight = submitted
            if in_flight is not None:
                self._store_batch(in_flight.get(), report, reject, on_event, reanalyse)
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, {
            "stored": report.stored, "unchanged": report.unchanged, "updated": report.updated,
            "rejected": report.rejected, "warnings": len(report.warnings),
        })
        return report

    def _workers(self, engine: str, n: int, address: str | None) -> Any:
        """The pool that analyses: worker processes here, or Ray actors."""
        if engine == "ray":
            from newsgraph.nlp.ray_engine import RayWorkers

            return RayWorkers(self.analyzer, n, address)
        if engine != "local":
            raise ValueError(f"unknown engine {engine!r}: choose 'local' or 'ray'")
        from newsgraph.nlp.pipeline import Workers

        return Workers(self.analyzer, n)

    def _triage(
        self, article: Article, run_ids: RunIds, reanalyse: bool = False
    ) -> tuple[str, ReadError | ReadWarning | None]:
        """What to do with an article read: ("analyse" | "unchanged" | "reject", why).

        Its hash is checked against the store and against the ids already read in this
        run (the same id with another text in one input is an error, not a revision)."""
        where = article.path or article.id
        try:
            digest = article.content_hash()
            known = self.store.known_hash(article.id)
        except Exception as exc:
            if is_database_failure(exc):
                raise
            return "reject", ReadError(where, f"hash failed: {type(exc).__name__}: {exc}")
        repeat = run_ids.check(article, digest)
        if isinstance(repeat, ReadError):
            return "reject", repeat
        if repeat is not None or (known == digest and not reanalyse):
            return "unchanged", repeat
        return "analyse", None

    def _store_batch(
        self,
        outcomes: Sequence[Outcome],
        report: IngestReport,
        reject: Callable[[str, str], None],
        on_event: Event,
        reanalyse: bool = False,
    ) -> None:
        """Store a batch's analyses and run the cross-article stages over them in one
        transaction (a group commit); if anything in it fails, store the articles one
        transaction each, so a failure costs only its own article."""
        from newsgraph.resolve import stages

        stamp = self.analyser

        failed = [o for o in outcomes if o.analysis is None]
        good = [o for o in outcomes if o.analysis is not None]
        for outcome in failed:
            article = outcome.article
            reject(article.path or article.id, outcome.error or "analysis failed")
        if not good:
            return

        def store_all(batch: Sequence[Outcome]) -> list[tuple[Outcome, str]]:
            with self.store.transaction():
                done = [(o, self.store.save_analysis(o.analysis, force=reanalyse,  # type: ignore[arg-type]
                                                     analyser=stamp)) for o in batch]
                changed = [o.article.id for o, status in done if status != "unchanged"]
                stages.enqueue(self.store, changed)
                for name, counts in stages.run_pending(self.store).items():
                    report.stages[name] = report.stages.get(name, 0.0) + counts["seconds"]
            return done

        try:
            saved = store_all(good)
        except Exception as exc:
            if is_database_failure(exc):
                raise  # locked, full, damaged, read-only: the run cannot go on
            if len(good) == 1:
                saved = []
                article = good[0].article
                reject(article.path or article.id, f"store failed: {_reason()}")
            else:
                saved = []
                for outcome in good:
                    try:
                        saved += store_all([outcome])
                    except Exception as one:
                        if is_database_failure(one):
                            raise
                        article = outcome.article
                        reject(article.path or article.id, f"store failed: {_reason()}")
        for outcome, status in saved:
            article = outcome.article
            assert outcome.analysis is not None
            for warning in outcome.analysis.warnings:
                report.warnings.append(f"{article.path or article.id}: warning: {warning}")
            report.tokens += outcome.analysis.tokens
            setattr(report, status, getattr(report, status) + 1)
            on_event(status, article.id)

    def reanalyse(
        self,
        everything: bool = False,
        workers: int | None = None,
        on_event: Event = _ignore,
        engine: str = "local",
        address: str | None = None,
    ) -> IngestReport:
        """Analyse stored articles again with this version of newsgraph (after an upgrade)
        and replace their analyses, by ingest's path (batches, one transaction each, the
        cross-article stages updated as for a changed article; the old analysis is kept as
        a superseded revision). By default only the articles whose analysis another
        analyser made (``analyser``; articles stored before stamps were kept count as due),
        so an interrupted run resumes where it stopped; ``everything`` re-analyses every
        article (a rerun then starts again from the first)."""
        stamp = None if everything else self.analyser

        def due() -> Iterator[Article]:
            after = ""
            while page := self.store.articles_due(stamp, after=after):
                yield from page
                after = page[-1].id

        return self.ingest_articles(due(), workers=workers, on_event=on_event, engine=engine,
                                    address=address, reanalyse=True)

    def count_due(self) -> int:
        """How many stored articles ``reanalyse`` would analyse again (a dry run)."""
        return self.store.count_due(self.analyser)

    # -- analysing without storing -------------------------------------------------
    def extract(
        self, paths: Sequence[str | Path], format: str | None = None, workers: int | None = None
    ) -> Iterator[ArticleAnalysis | ReadError | ReadWarning]:
        """Analyse articles without storing them, in input order (the extract contract)."""
        from newsgraph.nlp.pipeline import Workers, batches

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
        ids = [name] if self.store.is_identity(name) else self.identity_ids(name)
        if not ids:
            return None
        data = self.store.identity_details(ids[0])
        if data is None:
            return None
        from newsgraph.resolve.timeline import role_spans

        data["role_spans"] = role_spans(data["roles"], self._organisations(data["roles"]))
        data["quotes_by"] = self.store.quotes(speaker_ids=[ids[0]])
        data["quotes_about"] = self.store.quotes(about_ids=[ids[0]])
        data["other_matches"] = ids[1:]
        return data

    def _organisations(self, roles: Sequence[dict]) -> dict[str, str]:
        """Organisations as the roles write them -> the name of the one identity each is
        (by the identities' lookup keys); names that match none or several are left out."""
        from newsgraph.resolve.identities import name_lookup_keys

        out: dict[str, str] = {}
        for org in {r["organisation"] for r in roles if r.get("organisation")}:
            ids = self.store.identity_ids_with_keys(name_lookup_keys(org))
            rows = self.store.identity_summaries(ids=sorted(ids)) if ids else []
            orgs = [r for r in rows if r["type"] == "ORG"]
            if len(orgs) == 1:
                out[org] = orgs[0]["name"]
        return out

    def timeline(self, name: str | None = None, story: str | None = None) -> dict | None:
        """A dated account of one entity (what it said, roles as spans, dated events in the
        sentences that mention it, first and last seen) or of one story (its articles, what
        was said, the dates it names); None when neither is found."""
        from newsgraph.resolve import timeline

        store = self.store
        if story is not None:
            articles = store.story_article_rows(story)
            if not articles:  # an article's id names its story too
                story = store.story_of_article(story) or story
                articles = store.story_article_rows(story)
            if not articles:
                return None
            ids = [a["id"] for a in articles]
            quotes = [q for a in ids for q in store.quotes(article=a)]
            head = {"story": story, "first": articles[0]["published"],
                    "last": articles[-1]["published"], "articles": articles}
            return timeline.build_story(head, articles, quotes, store.article_times(ids))
        if name is None:
            raise ValueError("timeline needs an entity name or a story id")
        ids = self.identity_ids(name)
        if not ids:
            return None
        identity = store.identity_details(ids[0]) or {}
        rows = store.identity_timeline_rows(ids[0])
        article_ids = sorted({a["id"] for a in rows["articles"]})
        times = store.article_times(article_ids)
        texts = store.article_texts(sorted({m["article_id"] for m in rows["mentions"]}))
        quotes = store.quotes(speaker_ids=ids[:1])
        data = timeline.build(identity.get("name", name), quotes, rows["roles"],
                              rows["mentions"], rows["articles"], times, texts,
                              self._organisations(rows["roles"]))
        return {"id": ids[0], "type": identity.get("type"), **data}

    def entities(self, type: str | None = None, name: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict]:
        """Canonical entities with counts of articles, mentions and quotes."""
        return self.store.identity_summaries(type=type, name=name, limit=limit, offset=offset)

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
        of that name (so "Ivor Caplin" finds an article's "Mr Caplin"), else by name.
        Filters: about, article, search, kinds, min_confidence, since, until, modes,
        min_speaker_confidence, sort, limit, offset (``Store.quotes``)."""
        return self.store.quotes(**self._speaker_filter(speaker), **self._about_filter(filters))

    def quote_count(self, speaker: str | None = None, **filters: Any) -> int:
        """How many quotations ``quotes`` gives for these filters, without limit or offset."""
        return self.store.quote_count(**self._speaker_filter(speaker),
                                      **self._about_filter(filters))

    def _about_filter(self, filters: dict[str, Any]) -> dict[str, Any]:
        """``about`` a name: quotations mentioning a member of the identity of that name
        (through the identities' index) or holding the words as a phrase; a name no identity
        has is matched against every entity's name and aliases instead (slower)."""
        about = filters.get("about")
        if about is None or filters.get("about_ids") is not None:
            return filters
        ids = [about] if self.store.is_identity(about) else self.identity_ids(about)
        return {**filters, "about_ids": ids[:1]} if ids else filters

    def _speaker_filter(self, speaker: str | None) -> dict[str, Any]:
        if speaker is not None:
            ids = [speaker] if self.store.is_identity(speaker) else self.identity_ids(speaker)
            if ids:
                return {"speaker": speaker, "speaker_ids": ids[:1]}
        return {"speaker": speaker}

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

    def search(self, query: str, limit: int = 20, before: str = "[",
               after: str = "]") -> list[dict]:
        """Articles with every word of ``query``; ``before``/``after`` mark the snippet's hits."""
        return self.store.search(query, limit=limit, before=before, after=after)

    # -- browsing (CLI look-ups, HTTP API, web UI): reads only -------------------------
    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Current articles, newest first, with counts of quotes and entities."""
        return self.store.articles(limit=limit, offset=offset)

    def article_count(self) -> int:
        return self.store.article_count()

    def article_ids(self, part: str) -> list[str]:
        """Article ids matching ``part``: the id itself when stored, else the ids that start
        with it, else those that end with it, else those that contain it."""
        found = self.store.article_ids_like(part)
        if part in found:
            return [part]
        for kind in (str.startswith, str.endswith):
            best = [i for i in found if kind(i, part)]
            if best:
                return best
        return found

    def entity_count(self, type: str | None = None, name: str | None = None) -> int:
        """How many canonical entities ``entities`` lists, without limit or offset."""
        return self.store.identity_count(type=type, name=name)

    def suggest_entities(self, name: str, limit: int = 5) -> list[dict]:
        """Canonical entities whose name or an alias is closest to ``name`` (a misspelling:
        "Ivor Kaplin" suggests "Ivor Caplin"), best first, with the name that matched."""
        from newsgraph.resolve.suggest import closest_names

        return closest_names(name, self.store.identity_names(), limit=limit)

    def article_identities(self, article_id: str) -> dict[str, str]:
        """The article's entity ids -> the canonical entity (identity) each belongs to."""
        return self.store.article_identities(article_id)

    def quote_graph(self, limit: int = 200) -> list[dict]:
        """Who quotes whom: speaker identity -> identity mentioned inside their quotations."""
        return self.store.quote_graph(limit=limit)

    def graph_edges(self, graph: str) -> list[dict]:
        """Every edge of a graph across articles: "quotes" (speaker -> identity mentioned
        inside their quotations) or "comentions" (identities named in the same articles)."""
        if graph == "quotes":
            return self.store.quote_graph(limit=-1)
        if graph == "comentions":
            return self.store.comention_graph()
        raise ValueError(f"no graph {graph!r}: choose 'quotes' or 'comentions'")

    def stats(self) -> dict:
        return self.store.stats()

    def export_records(self) -> Iterator[dict]:
        return self.store.export_records()

    def conflicts(self, story: str | None = None, entity: str | None = None) -> list[dict]:
        """Figures that differ between reports of one thing (``disagreement`` true: about
        the same time; false: a later report updates it), each with both claims' words,
        article, date and source; only those of a story's articles, or whose claims'
        sentences name an entity (by its cross-article identity, else its name)."""
        from newsgraph.store import conflicts as sql

        articles = None
        if story is not None:
            articles = sql.story_article_ids(self.store.conn, story)
            if articles is None:
                raise ValueError("this database has no stories: run the stories stage first")
        ids = None
        if entity is not None:
            ids = set(self.identity_ids(entity)) | {"n:" + entity.lower()}
        with self.store._lock:
            return sql.conflict_records(self.store.conn, articles=articles, identity_ids=ids,
                                        name=entity)

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

    # -- story threads (read only: the stories stage writes them) -----------------------
    def stories(
        self, limit: int | None = 50, since: str | None = None, until: str | None = None,
        entity: str | None = None, min_articles: int = 1,
    ) -> list[dict]:
        """Stories, latest first: id, title, first and last day, number of articles.
        ``since``/``until`` (YYYY-MM-DD) bound the days they ran; ``entity``: an article of
        the story mentions the canonical entity of that name; ``min_articles``: at least so
        many articles."""
        from newsgraph.store import stories as story_sql

        ids = None
        if entity is not None:
            ids = self.identity_ids(entity)[:1]
            if not ids:
                return []
        with self.store._lock:
            return story_sql.story_list(self.store.conn, limit=limit, since=since, until=until,
                                        identity_ids=ids, min_size=min_articles)

    def story(self, story_id: str) -> dict | None:
        """One story: title, first and last day, its articles in order (date, title, source,
        match score, quotations) and its number of quotations."""
        from newsgraph.store import stories as story_sql

        with self.store._lock:
            return story_sql.story_detail(self.store.conn, story_id)

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

    def evaluate_speakers(self, gold_path: str | Path) -> dict:
        """Speakers of the quotations of a hand-labelled gold (the shape in
        ``newsgraph.evaluate.speakers``): its articles are analysed (not stored) and scored."""
        import tempfile

        from newsgraph.evaluate import cross, speakers

        gold, corpus = speakers.load_gold(gold_path)
        with tempfile.TemporaryDirectory() as tmp:
            subset = Path(tmp) / "articles.jsonl"
            cross.write_subset(corpus, {a["id"] for a in gold["articles"]}, subset)
            predicted = {item.article.id: [q.to_dict() for q in item.quotes]
                         for item in self.extract([subset]) if isinstance(item, ArticleAnalysis)}
        return speakers.score(gold, predicted)

    def evaluate_timebank(self, directory: str | Path, limit: int | None = None,
                          part: Literal["develop", "heldout", "all"] = "heldout") -> dict:
        """TempEval-3 style extraction and normalisation scores on TimeBank: by default its
        held-out last third; ``part="develop"`` for the first two thirds."""
        from newsgraph.evaluate import timebank

        return timebank.evaluate_dir(directory, self.analyzer.nlp, limit=limit, part=part)
