"""Keeping a store's identities up to date: the resolver over the rows a store gives.

The resolver's state is not kept whole: it is rebuilt from the rows, and only in part. An
incremental update reads the new articles' entity rows, asks the store for every identity
indexed under a key those records could match (``lookup_keys``), resumes a ``Resolver`` over
the stored summaries of just those identities (``identity_folds``: no member is read but the
latest few of an identity a one-word name is compared with), adds the records, and writes
what changed: new members and reasons inserted, the rows of merged identities re-pointed,
summaries, aliases and keys replaced, counts added up. Its cost does not grow with the size
of the identities it reaches. A one-word name ("US", "Congress") is compared with every
identity of that name, and there are more of them as the archive grows: only those whose
stored roles or co-mentions share one of the record's are decoded (``may_share_context``,
tested by SQLite on the stored summaries), since no other could be chosen. When an update re-adds updated articles, or a split judgement
is kept, the identities it reaches are read in full (their members and reasons) and written
back by difference instead. A full re-resolution (``rebuild``) runs the resolver over every
live row. All of them re-apply every stored judgement.

A member is ``(article id, str(entity row id))``: row ids are unique across revisions, so
an updated article's new rows never collide with the old ones they replace.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from newsgraph.model import ArticleAnalysis
from newsgraph.resolve.identities import (
    ONE_WORD_MEMBERS_CHECKED,
    SHARED_FIELDS,
    EntityRecord,
    Judgement,
    MergeReason,
    Resolver,
    StoredIdentity,
    lookup_keys,
    name_lookup_keys,
)


class IdentityStore(Protocol):
    """The store methods this module uses (``newsgraph.store.Store`` has them)."""

    def entity_record_rows(self, articles: Sequence[str] | None = None) -> list[dict]: ...
    def identity_ids_with_keys(self, keys: Iterable[str]) -> set[str]: ...
    def identity_ids_of_articles(self, articles: Iterable[str]) -> set[str]: ...
    def identity_state(self, ids: Iterable[str]) -> dict[str, Any]: ...
    def entity_rows_by_id(self, rows: Iterable[int]) -> list[dict]: ...
    def article_entity_names(self, rows: Iterable[int]) -> dict[tuple[str, int], list[str]]: ...
    def resolver_meta(self) -> dict[str, Any]: ...
    def save_identities(self, tables: dict, replace: Iterable[str] | None, meta: dict) -> None: ...
    def identity_folds(self, ids: Iterable[str]) -> tuple[list[tuple], set[str]]: ...
    def identity_key_rows(self, keys: Iterable[str]) -> list[tuple[str, str]]: ...
    def save_identity_folds(self, summaries: Iterable[tuple[str, dict]]) -> None: ...
    def identity_fold_contexts(self, ids: Iterable[str], keep: int) -> dict[str, dict]: ...
    def identities_may_share_context(self, ids: Iterable[str], names: Iterable[str],
                                     roles: Iterable[str]) -> set[str]: ...
    def save_identity_journal(self, changes: Sequence[Any], reasons: Sequence[Any],
                              meta: dict[str, Any]) -> None: ...
    def identities_have_article(self, ids: Iterable[str], articles: Iterable[str]) -> bool: ...
    def identities_share_article(self, ids_a: Iterable[str], ids_b: Iterable[str]) -> bool: ...
    def add_judgement(self, kind: str, a: str, b: str | None) -> int: ...
    def judgements(self) -> list[dict]: ...


@dataclass(frozen=True)
class ResolveReport:
    """What one update did."""

    added_articles: int
    removed_articles: int
    records: int
    merges: int
    changed: int
    loaded: int  # identities read back to decide
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "seconds": round(self.seconds, 3)}


# --- records from rows and analyses ---------------------------------------------------------


def records_from_rows(
    rows: Sequence[dict[str, Any]], names: dict[tuple[str, int], list[str]] | None = None
) -> list[EntityRecord]:
    """Entity records from store rows; each record's co-mentions are the names of its
    article's entities (from ``names`` by (article, revision), else from ``rows`` itself)."""
    by_article: dict[Any, tuple[str, ...]] = {}
    if names is not None:
        by_article = {key: tuple(value) for key, value in names.items()}
    else:
        grouped: dict[Any, list[str]] = {}
        for row in rows:
            grouped.setdefault(row["article_id"], []).append(row["name"])
        by_article = {key: tuple(value) for key, value in grouped.items()}
    return [
        EntityRecord(
            article_id=row["article_id"],
            entity_id=str(row["row"]),
            name=row["name"],
            type=row["type"],
            aliases=tuple(row["aliases"]),
            kind=row.get("kind"),
            roles=tuple((title, org) for title, org in row["roles"]),
            published=row.get("published"),
            co_mentions=by_article.get(
                (row["article_id"], row["revision"]) if names is not None else row["article_id"],
                (),
            ),
        )
        for row in rows
    ]


def records_from_analysis(analysis: ArticleAnalysis) -> list[EntityRecord]:
    """Entity records of one analysed (unstored) article; members are (article, entity id)."""
    article = analysis.article
    names = tuple(e.name for e in analysis.entities)
    roles: dict[str, list[tuple[str, str | None]]] = {}
    for role in analysis.roles:
        roles.setdefault(role.entity, []).append((role.title, role.organisation))
    return [
        EntityRecord(
            article.id,
            e.id,
            e.name,
            e.type,
            tuple(e.aliases),
            e.kind,
            tuple(roles.get(e.id, ())),
            article.published,
            names,
        )
        for e in analysis.entities
    ]


def judgements_of(store: IdentityStore) -> list[Judgement]:
    return [Judgement(j["kind"], j["a"], j["b"]) for j in store.judgements()]


# --- reading a resolver back ----------------------------------------------------------------


def load_parts(
    store: IdentityStore, ids: Iterable[str]
) -> tuple[list[tuple[EntityRecord, str]], list[StoredIdentity], list[MergeReason]]:
    """The stored identities ``ids``: their members' records (with the types they were
    resolved as), the identities as stored, and their merge reasons."""
    state = store.identity_state(sorted(set(ids)))
    member_rows = [m["entity_row"] for m in state["members"]]
    rows = store.entity_rows_by_id(member_rows)
    records = records_from_rows(rows, store.article_entity_names(member_rows))
    types = {str(m["entity_row"]): m["type"] for m in state["members"]}
    article_of = {str(m["entity_row"]): m["article_id"] for m in state["members"]}
    members: dict[str, list[tuple[str, str]]] = {}
    for m in state["members"]:
        members.setdefault(m["identity_id"], []).append((m["article_id"], str(m["entity_row"])))
    identities = [
        StoredIdentity(i["id"], i["seq"], i["rename"], tuple(members.get(i["id"], ())))
        for i in state["identities"]
    ]
    reasons = [
        MergeReason(
            r["identity_id"],
            (article_of[str(r["a_row"])], str(r["a_row"])),
            (article_of[str(r["b_row"])], str(r["b_row"])),
            r["rule"],
            r["detail"],
        )
        for r in state["merges"]
        if str(r["a_row"]) in article_of and str(r["b_row"]) in article_of
    ]
    return [(r, types[r.entity_id]) for r in records], identities, reasons


def load_resolver(
    store: IdentityStore, ids: Iterable[str], judgements: Sequence[Judgement]
) -> Resolver:
    """A resolver resumed over the stored identities ``ids``, their members and reasons."""
    records, identities, reasons = load_parts(store, ids)
    meta = store.resolver_meta()
    return Resolver.resume(
        records,
        identities,
        reasons,
        judgements,
        meta.get("splits", []),
        meta.get("seq", 0),
        meta.get("frequencies"),
    )


class StoreMembers:
    """A store as the ``MemberSource`` of a resolver resumed from summaries."""

    def __init__(self, store: IdentityStore) -> None:
        self.store = store

    def any_member_in(self, identity_ids: set[str], articles: set[str]) -> bool:
        return self.store.identities_have_article(sorted(identity_ids), sorted(articles))

    def stored_overlap(self, ids_a: set[str], ids_b: set[str]) -> bool:
        return self.store.identities_share_article(sorted(ids_a), sorted(ids_b))

    def cluster_contexts(self, identity_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return self.store.identity_fold_contexts(identity_ids, ONE_WORD_MEMBERS_CHECKED)

    def may_share_context(
        self, identity_ids: Sequence[str], names: Iterable[str], roles: Iterable[str]
    ) -> set[str]:
        return self.store.identities_may_share_context(identity_ids, names, roles)


def fill_summaries(
    store: IdentityStore, ids: Iterable[str]
) -> list[tuple[str, int, str | None, dict[str, Any], dict[str, Any]]]:
    """Summaries for stored identities that have none (stored before summaries were kept):
    each read in full once, its summary written; (id, seq, rename, summary, its shared
    part) for each, as ``Resolver.extend_summaries`` takes them."""
    resolver = load_resolver(store, ids, [])
    seqs = resolver.seqs()
    filled = []
    for identity_id in sorted(set(ids) & resolver.held()):
        summary = resolver.summary(identity_id)
        filled.append((identity_id, seqs[identity_id], resolver.rename_of(identity_id),
                       summary, {k: summary[k] for k in SHARED_FIELDS}))
    store.save_identity_folds((i, s) for i, _, _, s, _ in filled)
    return filled


def summary_resolver_for(
    store: IdentityStore,
    ids: set[str],
    key_rows: list[tuple[str, str]],
    judgements: Sequence[Judgement],
    cache: ResolverCache | None,
) -> tuple[Resolver, int]:
    """A resolver holding at least ``ids`` by their summaries (the cached one, extended,
    when still valid), indexed under ``key_rows`` ((key, id) pairs); and how many
    identities had to be read from the store."""
    meta = store.resolver_meta()
    if (cache is not None and cache.resolver is not None
            and cache.generation == meta.get("generation", 0)
            and cache.resolver.size() < cache.limit):
        resolver = cache.resolver
        resolver.use_source(StoreMembers(store))
    else:
        resolver = Resolver.resume([], [], (), judgements, meta.get("splits", []),
                                   meta.get("seq", 0), meta.get("frequencies"))
        resolver.use_source(StoreMembers(store))
    missing = ids - resolver.held()
    if missing:
        folds, unsummarised = store.identity_folds(missing)
        resolver.extend_summaries(folds, ())
        if unsummarised:
            resolver.extend_summaries(fill_summaries(store, unsummarised))
    resolver.register_keys(key_rows)
    return resolver, len(missing)


def save_journal(store: IdentityStore, resolver: Resolver) -> list[str]:
    """Write what a resolver resumed from summaries changed; the changed identities' ids."""
    changes, reasons = resolver.take_journal()
    store.save_identity_journal(changes, reasons, next_meta(store, resolver))
    return [c.id for c in changes]


def next_meta(store: IdentityStore, resolver: Resolver) -> dict[str, Any]:
    return {
        "seq": resolver.seq,
        "splits": resolver.split_state(),
        "frequencies": resolver.document_frequencies(),
        # every write of identities moves the generation on: a cached resolver is valid only
        # for the generation it wrote itself (``ResolverCache``)
        "generation": store.resolver_meta().get("generation", 0) + 1,
    }


@dataclass
class ResolverCache:
    """One resolver kept by a writer across the batches of a run, so the identities a batch
    reaches are read from the store once per run, not once per batch. It is used only while
    the store's identity generation is the one it last wrote (another writer, a correction
    or a rolled-back transaction changes it, and the resolver is read afresh) and while it
    holds fewer than ``limit`` records (memory stays bounded)."""

    resolver: Resolver | None = None
    generation: int = -1
    limit: int = 400_000


def identity_tables(resolver: Resolver, identities: Iterable[Any]) -> dict[str, list[tuple]]:
    """The rows ``Store.save_identities`` writes for these resolver identities."""
    identities = list(identities)
    seqs = resolver.seqs()
    tables: dict[str, list[tuple]] = {
        "identities": [
            (i.id, i.name, i.type, seqs[i.id], resolver.rename_of(i.id)) for i in identities
        ],
        "identity_aliases": [(i.id, a) for i in identities for a in dict.fromkeys(i.aliases)],
        "identity_members": [
            (int(m[1]), i.id, m[0], resolver.type_of(*m)) for i in identities for m in i.members
        ],
        "identity_keys": [(k, i.id) for i in identities for k in sorted(resolver.index_keys(i.id))],
        "identity_folds": [(i.id, resolver.summary(i.id)) for i in identities],
    }
    tables["identity_merges"] = [
        (r.identity, r.rule, r.detail, int(r.a[1]), int(r.b[1]))
        for r in resolver.reasons_of(i.id for i in identities)
    ]
    return tables


def save_changes(store: IdentityStore, resolver: Resolver, full: bool = False) -> list[str]:
    """Write the identities the resolver changed (every one when ``full``); their ids."""
    changed, gone = resolver.take_changes()
    if full:
        changed = resolver.identities()
    meta = next_meta(store, resolver)
    replace = None if full else [i.id for i in changed] + gone
    store.save_identities(identity_tables(resolver, changed), replace, meta)
    return [i.id for i in changed]


# --- the three operations -------------------------------------------------------------------


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while one update runs, then restored.

    An update allocates many objects that live on (records, features, summaries) beside a
    writer's cached resolver, which grows with the archive. Each full collection walks every
    object the process holds, and an update triggered several of them: measured on the wire
    corpus replay, collections were half of the identity stage's CPU time and grew with the
    cached resolver. Paused, the cycles an update leaves are collected afterwards by the
    ordinary thresholds (one batch's worth at most)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def update(store: IdentityStore, articles: Sequence[str]) -> ResolveReport:
    """Bring identities up to date with ``articles`` (stored articles, new or updated, as the
    stages' queue names them): remove whatever members they had, add their live rows. Run it
    inside the writer's transaction."""
    with collector_paused():
        return _update(store, articles)


def _update(store: IdentityStore, articles: Sequence[str]) -> ResolveReport:
    started = time.perf_counter()
    stale, fresh = list(articles), list(articles)
    if not fresh:
        return ResolveReport(0, 0, 0, 0, 0, 0, time.perf_counter() - started)
    records = records_from_rows(store.entity_record_rows(fresh))
    judgements = judgements_of(store)
    keys = lookup_keys(records)
    refs = [r for j in judgements for r in (j.a, j.b) if r]
    for ref in refs:
        keys |= name_lookup_keys(ref)
    key_rows = store.identity_key_rows(keys)
    ids = {i for _, i in key_rows} | set(refs)
    stale_ids = store.identity_ids_of_articles(stale)
    cache: ResolverCache | None = getattr(store, "resolver_cache", None)
    if stale_ids or any(j.kind == "split" for j in judgements):
        # members leave identities, or a split may move them: read them in full
        resolver, loaded = load_resolver(store, ids | stale_ids, judgements), len(ids | stale_ids)
        resolver.remove_articles(stale)
        merges = resolver.add(records)
        changed = save_changes(store, resolver)
    else:
        resolver, loaded = summary_resolver_for(store, ids, key_rows, judgements, cache)
        merges = resolver.add(records)
        changed = save_journal(store, resolver)
    if cache is not None:
        cache.resolver, cache.generation = resolver, store.resolver_meta()["generation"]
    return ResolveReport(
        len(fresh),
        len(stale),
        len(records),
        len(merges),
        len(changed),
        loaded,
        time.perf_counter() - started,
    )


def rebuild(store: IdentityStore) -> ResolveReport:
    """Re-resolve every live entity row from scratch, in publication order, then re-apply
    the judgements: the same identities whatever order the articles were ingested in."""
    started = time.perf_counter()
    records = records_from_rows(store.entity_record_rows())
    # publication order, then article, then the article's own entity order: the result does
    # not depend on the order articles arrived in (row ids do)
    records.sort(key=lambda r: (r.published or "9999", r.article_id, int(r.entity_id)))
    resolver = Resolver(judgements_of(store))
    merges = resolver.add(records)
    changed = save_changes(store, resolver, full=True)
    articles = len({r.article_id for r in records})
    return ResolveReport(
        articles, 0, len(records), len(merges), len(changed), 0, time.perf_counter() - started
    )


class JudgementError(LookupError):
    """A judgement's names do not pick out one identity each."""


def judge(store: IdentityStore, judgement: Judgement) -> list[str]:
    """Apply a correction now, keep it for every later update; the identity ids it touched.
    Run it inside the writer's transaction, after the stages have caught up.

    Raises ``JudgementError`` when a name matches no identity or several (use the id)."""
    judgements = judgements_of(store)
    refs = [judgement.a] + ([judgement.b] if judgement.kind == "merge" and judgement.b else [])
    keys: set[str] = set()
    for ref in refs:
        keys |= name_lookup_keys(ref)
    resolver = load_resolver(store, store.identity_ids_with_keys(keys) | set(refs), judgements)
    for ref in refs:
        if resolver.resolve_ref(ref) is None:
            raise JudgementError(
                f"{ref!r} names no single entity"
                + (f" (candidates: {', '.join(sorted(c))})" if (c := resolver.named(ref)) else "")
            )
    resolver.apply(judgement)
    store.add_judgement(judgement.kind, judgement.a, judgement.b)
    return save_changes(store, resolver)


def demo_clusters(analyses: Sequence[ArticleAnalysis]) -> dict[str, set[tuple[str, str]]]:
    """Identities over unstored analyses, as the demo scorer takes them: identity id ->
    {(article id, surface form)} for every name, alias and mention text of its members."""
    resolver = Resolver()
    for analysis in analyses:
        resolver.add(records_from_analysis(analysis))
    surfaces: dict[tuple[str, str], set[str]] = {}
    for analysis in analyses:
        text = analysis.article.text
        for e in analysis.entities:
            surfaces[(analysis.article.id, e.id)] = {
                s for s in (e.name, *e.aliases, *(text[a:b] for a, b in e.mentions)) if s
            }
    return {
        identity.id: {(m[0], s) for m in identity.members for s in surfaces.get(m, ())}
        for identity in resolver.identities()
    }
