"""Identity summaries (``identity_folds``): a resolver resumed from them decides as one
that read every member, and the stored summary is always the fold of the stored members.

The articles are short invented news items written for these tests.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.library import Newsgraph
from newsgraph.resolve import sync
from newsgraph.resolve.identities import (
    CONTEXT_FIELDS,
    SHARED_FIELDS,
    EntityRecord,
    Resolver,
    StoredIdentity,
    cluster_from_summary,
    cluster_summary,
)
from newsgraph.store.identities import (
    FOLD_CONTEXT_FIELDS,
    FOLD_VOTE_FIELDS,
    IDENTITIES_HAVE_ARTICLE,
    IDENTITIES_MAY_SHARE_CONTEXT,
    IDENTITIES_SHARE_ARTICLE,
    MEMBER_ROW_COUNTS,
)
from newsgraph.store.migrations import REFRESH_IDENTITY_COUNTS

# Each batch is ingested by a new writer, so every batch resumes from the stored summaries.
BATCHES = [
    [{"id": "port-1", "title": "Harbour dredging plan", "published": "2024-03-04",
      "text": "Mr Tallow, who chairs the Kestrel Harbour Trust, said dredging would begin in "
              "May.\nMr Tallow said: \"The channel has silted up badly.\"\nThe Kestrel Harbour "
              "Trust owns the quay. Fishermen and the Marine Safety Board welcomed the plan."}],
    [{"id": "port-2", "title": "Trust names contractor", "published": "2024-03-20",
      "text": "Gregory Tallow, the chair of the Kestrel Harbour Trust, said a Dutch firm would "
              "do the dredging.\n\"We chose the cheapest safe bid,\" Gregory Tallow said.\nThe "
              "Marine Safety Board said it would inspect the work."},
     {"id": "union-1", "title": "Dockers vote on pay", "published": "2024-03-22",
      "text": "The Coastal Dockworkers Federation (CDF) said its members had voted to accept "
              "a pay offer, its secretary Maria Oduya said on Friday."}],
    [{"id": "port-3", "title": "Dredging starts", "published": "2024-05-02",
      "text": "Dredging began at Kestrel on Thursday. Greg Tallow said boats would be able "
              "to land at low tide by the summer.\nThe CDF said its members would work extra "
              "shifts. Maria Oduya said the deal was fair."}],
    [{"id": "union-2", "title": "Federation elects leader", "published": "2024-06-11",
      "text": "The CDF elected a new president on Tuesday. Ms Oduya, the federation's "
              "secretary, said the vote was close.\nThe Coastal Dockworkers Federation has "
              "4,000 members."}],
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("summaries")
    path = folder / "news.db"
    for n, batch in enumerate(BATCHES):
        with Newsgraph(path) as ng:
            ng.ingest([write_jsonl(folder / f"b{n}.jsonl", batch)])
    return path


def order_free(summary: dict) -> dict:
    """A summary without what depends on the order members were placed in."""
    data = {k: v for k, v in summary.items() if k not in ("first", "recent", "reps", "log")}
    for key in ("comentions", "unindexed"):
        if key in data:
            data[key] = sorted(data[key])
    return data


def stored_summaries(db: Path) -> dict[str, dict]:
    """Every stored summary, its context with what was logged since it was written whole."""
    with Newsgraph(db, read_only=True) as ng:
        rows = ng.store.conn.execute(
            "SELECT identity_id, summary, votes FROM identity_folds").fetchall()
        contexts = ng.store.identity_fold_contexts([r[0] for r in rows], 400)
    return {i: {**json.loads(s), **contexts[i], **json.loads(v)} for i, s, v in rows}


def test_identity_summaries_kept_for_every_identity(db: Path) -> None:
    con = sqlite3.connect(db)
    ids = {r[0] for r in con.execute("SELECT id FROM identities")}
    con.close()
    assert ids and set(stored_summaries(db)) == ids


def test_identity_summaries_equal_a_fold_of_the_stored_members(db: Path) -> None:
    stored = stored_summaries(db)
    with Newsgraph(db) as ng:
        resolver = sync.load_resolver(ng.store, list(stored), [])
        members = {i: {r[0] for r in ng.store.conn.execute(
            "SELECT entity_row FROM identity_members WHERE identity_id = ?", (i,))}
            for i in stored}
    merged = 0
    for identity_id, summary in stored.items():
        again = resolver.summary(identity_id)
        assert order_free(summary) == order_free(again), identity_id
        rows = {int(m[1]) for m in summary["recent"]}
        assert rows == members[identity_id]  # fewer than ONE_WORD_MEMBERS_CHECKED here
        assert int(summary["first"][1]) in members[identity_id]
        merged += summary["count"] > 1
    assert merged >= 3  # Tallow, the trust, the federation, Oduya: merged across batches
    con = sqlite3.connect(db)
    logged = con.execute("SELECT COUNT(*) FROM identity_fold_log").fetchone()[0]
    con.close()
    assert logged > 0  # some contexts grew by an appended part, not a rewrite


def test_identity_summaries_incremental_equals_rebuild(db: Path, tmp_path: Path) -> None:
    def partition(path: Path) -> set[frozenset[int]]:
        con = sqlite3.connect(path)
        groups: dict[str, set[int]] = {}
        for row, identity in con.execute("SELECT entity_row, identity_id FROM identity_members"):
            groups.setdefault(identity, set()).add(row)
        con.close()
        return {frozenset(g) for g in groups.values()}

    copy = tmp_path / "rebuilt.db"
    copy.write_bytes(db.read_bytes())
    with Newsgraph(copy) as ng:
        ng.resolve(rebuild=True)
    assert partition(copy) == partition(db)
    rebuilt = {order_free(s)["count"]: 0 for s in stored_summaries(copy).values()}
    assert rebuilt  # the rebuild wrote summaries too


def test_identity_summaries_counts_added_up_equal_counted_again(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "counts.db"
    copy.write_bytes(db.read_bytes())
    con = sqlite3.connect(copy)
    kept = set(con.execute("SELECT * FROM identity_counts"))
    con.execute("DELETE FROM identity_counts")
    con.execute(REFRESH_IDENTITY_COUNTS.replace(
        "WHERE m.identity_id IN (SELECT value FROM json_each(:ids))", ""))
    again = set(con.execute("SELECT * FROM identity_counts"))
    con.close()
    assert kept == again


def test_identity_summaries_bare_surname_joins_a_stored_identity(db: Path) -> None:
    with Newsgraph(db) as ng:
        tallow = ng.entity("Gregory Tallow")
    assert tallow is not None
    assert {"port-1", "port-2", "port-3"} <= {a["id"] for a in tallow["articles"]}
    reasons = [m["rule"] for m in tallow["merges"]]
    assert "surname-context" in reasons and "nickname" in reasons


def test_identity_summaries_round_trip_through_json() -> None:
    resolver = Resolver()
    resolver.add([
        EntityRecord("a1", "1", "Kestrel Harbour Trust", "ORG", ("KHT",),
                     roles=(("chair", None),), published="2024-01-02",
                     co_mentions=("Kestrel Harbour Trust", "Gregory Tallow")),
        EntityRecord("a2", "2", "Kestrel Harbour Trust", "ORG", published="2024-01-09",
                     co_mentions=("Kestrel Harbour Trust", "Marine Safety Board")),
    ])
    (identity,) = resolver.identities()
    summary = json.loads(json.dumps(resolver.summary(identity.id)))
    cluster = cluster_from_summary(identity.id, 1, None, summary)
    assert cluster.partial and cluster.count == 2 and cluster.context_loaded
    assert order_free(cluster_summary(cluster)) == order_free(summary)
    bare = {k: v for k, v in summary.items() if k not in CONTEXT_FIELDS}
    assert not cluster_from_summary(identity.id, 1, None, bare).context_loaded
    assert set(CONTEXT_FIELDS) == set(FOLD_CONTEXT_FIELDS)
    assert set(SHARED_FIELDS) == set(FOLD_VOTE_FIELDS)


def test_identity_summaries_resume_decides_as_a_full_load() -> None:
    """Identities resumed from summaries take a new record exactly where identities
    resumed from every member do, with the same merge reasons."""
    first = [
        EntityRecord("a1", "1", "Gregory Tallow", "PERSON", roles=(("chair", "Harbour Trust"),),
                     published="2024-01-02", co_mentions=("Harbour Trust", "Gregory Tallow")),
        EntityRecord("a1", "2", "Harbour Trust", "ORG", published="2024-01-02",
                     co_mentions=("Harbour Trust", "Gregory Tallow")),
        EntityRecord("a2", "3", "Harbour Trust", "ORG", published="2024-01-05",
                     co_mentions=("Harbour Trust", "Marine Board", "Gregory Tallow")),
    ]
    later = [
        EntityRecord("a3", "4", "Greg Tallow", "PERSON", published="2024-02-01",
                     co_mentions=("Greg Tallow", "Harbour Trust")),
        EntityRecord("a3", "5", "Trust", "ORG", published="2024-02-01",
                     co_mentions=("Greg Tallow", "Harbour Trust", "Marine Board")),
    ]
    whole = Resolver()
    whole.add(first)
    records = [(r, whole.type_of(*r.member)) for r in first]
    stored = [StoredIdentity(i.id, whole.seqs()[i.id], None, i.members)
              for i in whole.identities()]
    summaries = [(i.id, whole.seqs()[i.id], None, whole.summary(i.id),
                  {k: whole.summary(i.id)[k] for k in SHARED_FIELDS})
                 for i in whole.identities()]

    full = Resolver.resume(records, stored, whole.reasons())
    partial = Resolver()
    partial.extend_summaries(summaries, [(k, i.id) for i in whole.identities()
                                         for k in whole.index_keys(i.id)])
    full_merges = full.add(later)
    partial_merges = partial.add(later)
    assert [(m.rule, m.a, m.b) for m in partial_merges] == [(m.rule, m.a, m.b)
                                                            for m in full_merges]
    assert partial_merges  # the nickname joined
    changes, reasons = partial.take_journal()
    by_id = {c.id: c for c in changes}
    tallow = full.identity_of("a3", "4")
    assert [m for m, _ in by_id[tallow].new_members] == [("a3", "4")]
    assert by_id[tallow].summary["count"] == 2
    assert Counter(r.rule for r in reasons) == Counter(m.rule for m in partial_merges)


@pytest.mark.parametrize("sql, params", [
    (IDENTITIES_HAVE_ARTICLE, {"ids": '["x"]', "articles": '["a"]'}),
    (IDENTITIES_SHARE_ARTICLE, {"a": '["x"]', "b": '["y"]'}),
    (MEMBER_ROW_COUNTS, {"rows": "[1, 2]"}),
    (IDENTITIES_MAY_SHARE_CONTEXT, {"ids": '["x"]', "names": '["a"]', "roles": '["b"]'}),
    ("SELECT i.id, i.seq, i.rename, f.summary FROM identities i"
     " LEFT JOIN identity_folds f ON f.identity_id = i.id"
     " WHERE i.id IN (SELECT value FROM json_each(:ids))", {"ids": '["x"]'}),
    ("SELECT identity_id, context FROM identity_folds"
     " WHERE identity_id IN (SELECT value FROM json_each(:ids))", {"ids": '["x"]'}),
    ("UPDATE identity_members SET identity_id = :id"
     " WHERE identity_id IN (SELECT value FROM json_each(:ids))", {"id": "x", "ids": '["y"]'}),
    ("SELECT identity_id, articles, mentions, quotes FROM identity_counts"
     " WHERE identity_id IN (SELECT value FROM json_each(:ids))", {"ids": '["x"]'}),
])
def test_identity_summaries_hot_statements_use_indexes(db: Path, sql: str, params: dict) -> None:
    with Newsgraph(db) as ng:
        plan = [r[3] for r in ng.store.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    scans = [s for s in plan if s.startswith("SCAN") and "VIRTUAL TABLE" not in s]
    assert scans == [], plan


# --- a one-word name decodes only the identities of its name that may share its context ---


def committee_records() -> list[EntityRecord]:
    """Four stories, each with a "Committee" in a different setting and nothing in common:
    four identities of that one-word name."""
    settings = [
        ("c1", "2024-04-02", ("Lina Haverford", "Ostmark Canal Board")),
        ("c2", "2024-04-09", ("Pavel Drummond", "Wexley Rail Union")),
        ("c3", "2024-04-16", ("Odile Sarrant", "Brisk Hill Clinic")),
        ("c4", "2024-04-23", ("Tomas Elber", "Quarry Lane School")),
    ]
    records = []
    for n, (article, day, (person, body)) in enumerate(settings):
        names = ("Committee", person, body)
        records += [
            EntityRecord(article, str(3 * n + 1), "Committee", "ORG", published=day,
                         co_mentions=names),
            EntityRecord(article, str(3 * n + 2), person, "PERSON", published=day,
                         co_mentions=names),
            EntityRecord(article, str(3 * n + 3), body, "ORG", published=day,
                         co_mentions=names),
        ]
    return records


class SummarySource:
    """A member source over summaries held in memory, which records what it was asked."""

    def __init__(self, summaries: dict[str, dict], members: dict[str, set[str]]) -> None:
        self.summaries, self.members = summaries, members
        self.asked: list[list[str]] = []
        self.contexts_read: list[str] = []

    def any_member_in(self, identity_ids: set[str], articles: set[str]) -> bool:
        return any(self.members[i] & articles for i in identity_ids)

    def stored_overlap(self, ids_a: set[str], ids_b: set[str]) -> bool:
        a = set().union(*(self.members[i] for i in ids_a))
        return bool(a & set().union(*(self.members[i] for i in ids_b)))

    def cluster_contexts(self, identity_ids):
        self.contexts_read += list(identity_ids)
        return {i: {k: self.summaries[i][k] for k in CONTEXT_FIELDS} for i in identity_ids}

    def may_share_context(self, identity_ids, names, roles) -> set[str]:
        self.asked.append(list(identity_ids))
        return {i for i in identity_ids
                if set(self.summaries[i]["roles"]) & set(roles)
                or set(self.summaries[i]["comentions"]) & set(names)}


def resumed_from_summaries(whole: Resolver) -> tuple[Resolver, SummarySource]:
    """A resolver holding ``whole``'s identities by their summaries, none decoded, with a
    source that gives their contexts only when asked."""
    summaries = {i.id: whole.summary(i.id) for i in whole.identities()}
    members = {i.id: {m[0] for m in i.members} for i in whole.identities()}
    source = SummarySource(summaries, members)
    resolver = Resolver(source=source)
    resolver.extend_summaries(
        [(i, whole.seqs()[i], None, {k: v for k, v in s.items() if k not in CONTEXT_FIELDS},
          {k: s[k] for k in SHARED_FIELDS}) for i, s in summaries.items()],
        [(k, i.id) for i in whole.identities() for k in whole.index_keys(i.id)])
    return resolver, source


def test_identity_summaries_one_word_name_decodes_only_those_sharing_context() -> None:
    whole = Resolver()
    whole.add(committee_records())
    committees = {whole.identity_of(a, e) for a, e in (("c1", "1"), ("c2", "4"), ("c3", "7"),
                                                        ("c4", "10"))}
    assert len(committees) == 4  # nothing in common: four committees
    later = [
        EntityRecord("c5", "13", "Committee", "ORG", published="2024-05-07",
                     co_mentions=("Committee", "Odile Sarrant", "Brisk Hill Clinic")),
        EntityRecord("c5", "14", "Odile Sarrant", "PERSON", published="2024-05-07",
                     co_mentions=("Committee", "Odile Sarrant", "Brisk Hill Clinic")),
    ]
    resolver, source = resumed_from_summaries(whole)
    full = Resolver.resume([(r, whole.type_of(*r.member)) for r in committee_records()],
                           [StoredIdentity(i.id, whole.seqs()[i.id], None, i.members)
                            for i in whole.identities()], whole.reasons())
    merges = resolver.add(later)
    assert [(m.rule, m.a, m.b) for m in merges] == [(m.rule, m.a, m.b)
                                                    for m in full.add(later)]
    clinic_committee = whole.identity_of("c3", "7")
    assert resolver.identity_of("c5", "13") == clinic_committee  # it joined the right one
    assert sorted(source.asked[0]) == sorted(committees)  # one question for all four
    undecoded = committees - {clinic_committee}
    assert undecoded <= set(resolver._lazy)  # the other three were never decoded
    assert not undecoded & set(source.contexts_read)


def test_identity_summaries_one_word_name_without_shared_context_decodes_none() -> None:
    whole = Resolver()
    whole.add(committee_records())
    resolver, source = resumed_from_summaries(whole)
    lone = EntityRecord("c6", "20", "Committee", "ORG", published="2024-06-04",
                        co_mentions=("Committee", "Harriet Volk", "Saltmarsh Ferry Company"))
    assert resolver.add([lone]) == []
    committees = {whole.identity_of(a, e) for a, e in (("c1", "1"), ("c2", "4"), ("c3", "7"),
                                                        ("c4", "10"))}
    assert committees <= set(resolver._lazy)  # none decoded, none read
    assert resolver.identity_of("c6", "20") not in committees


def test_identity_summaries_may_share_context_in_sql(db: Path) -> None:
    """The store's test over stored summaries keeps exactly the identities whose stored roles
    or co-mentions (logged additions included) hold one of those asked for."""
    stored = stored_summaries(db)
    names = sorted({c for s in stored.values() for c in s["comentions"]})
    roles = sorted({r for s in stored.values() for r in s["roles"]})
    assert names and roles
    with Newsgraph(db) as ng:
        for asked_names, asked_roles in ((names[:1], []), (names[-2:], []), ([], roles[:1]),
                                         (["no such name"], ["no such role"])):
            expected = {i for i, s in stored.items()
                        if set(s["comentions"]) & set(asked_names)
                        or set(s["roles"]) & set(asked_roles)}
            found = ng.store.identities_may_share_context(list(stored), asked_names,
                                                          asked_roles)
            assert found == expected, (asked_names, asked_roles)
        # an identity without a stored summary cannot be ruled out
        assert ng.store.identities_may_share_context(["unknown"], ["x"], []) == {"unknown"}
    assert expected == set()  # the last pair matched nothing


def test_identity_summaries_update_runs_without_collections(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cyclic collector does not run inside an update (it walked every object a
    writer's resolver holds, again and again), and its state is restored after."""
    import gc

    copy = tmp_path / "gc.db"
    copy.write_bytes(db.read_bytes())
    seen: list[int] = []
    during: list[int] = []
    work = sync._update

    def watched(*args):
        before = len(seen)
        try:
            return work(*args)
        finally:
            during.append(len(seen) - before)

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    monkeypatch.setattr(sync, "_update", watched)
    threshold = gc.get_threshold()
    with Newsgraph(copy) as ng:
        articles = ng.store.current_article_ids()
        gc.set_threshold(1)  # a collection at nearly every allocation, unless held off
        gc.callbacks.append(count)
        try:
            with ng.store.transaction():
                sync.update(ng.store, articles[:2])
            assert gc.isenabled()
        finally:
            gc.callbacks.remove(count)
            gc.set_threshold(*threshold)
    assert during == [0]
    gc.disable()
    try:
        with sync.collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def assembly_story(article: str, day: str, places: tuple[str, ...]) -> list[EntityRecord]:
    """An "Assembly" in a story that names these places (typed as places, so each shared
    one weighs half)."""
    names = ("Assembly", *places)
    return [EntityRecord(article, "1", "Assembly", "ORG", published=day, co_mentions=names)] + [
        EntityRecord(article, str(n + 2), place, "GPE", published=day, co_mentions=names)
        for n, place in enumerate(places)]


@pytest.mark.parametrize("day, places, joins", [
    ("2024-07-04", ("Varnholm", "Lake Sedge"), True),  # two places within days: 1.0 is enough
    ("2024-09-30", ("Varnholm", "Lake Sedge"), False),  # months apart: 2.0 is needed
    ("2024-07-04", ("Varnholm", "Port Ailey"), False),  # one place shared: 0.5
])
def test_identity_summaries_one_word_context_bound(day: str, places: tuple[str, ...],
                                                   joins: bool) -> None:
    """Weak shared names add up to the score a one-word name needs within days, and not
    beyond: the bound that spares walking an identity's members decides as the walk."""
    resolver = Resolver()
    resolver.add(assembly_story("v1", "2024-07-01", ("Varnholm", "Lake Sedge", "Ostry")))
    resolver.add(assembly_story("v2", "2024-07-02", ("Ostry",)))
    first = resolver.identity_of("v1", "1")
    resolver.add(assembly_story("v3", day, places))
    assert (resolver.identity_of("v3", "1") == first) is joins
