"""The SQLite store: revisions, migrations, queries, search and exports (no spaCy needed)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.model import (
    Article,
    ArticleAnalysis,
    Entity,
    Quote,
    Role,
    Speaker,
    TextSpan,
    TimeExpr,
)
from newsgraph.store import EXPORT_TABLES, MIGRATIONS, Store, StoreError
from newsgraph.store.migrations import ensure_migrations_table

# --- hand-built analyses over made-up news sentences ---

HOUSING = (
    "Ivor Caplin, the chair of the housing committee, said the council "
    '"cannot keep borrowing money" to pay for repairs in Zürich Road. '
    "Mr Caplin said Margaret Hodge had warned ministers in March. "
    '"We will not stand by while tenants suffer," he told reporters on Monday.'
)

SHELTER = (
    "Harriet Lane runs the night shelter on Mill Street. "
    '"She never takes a day off," one volunteer said. '
    "Ivor Caplin visited the shelter last week."
)


def span(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    """[start, end) of the ``nth`` occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def text_span(text: str, piece: str, nth: int = 0) -> TextSpan:
    start, end = span(text, piece, nth)
    return TextSpan(piece, start, end)


def quote(text: str, qid: str, kind: str, content: str, cue: str, speaker: Speaker) -> Quote:
    start, end = span(text, content)
    return Quote(
        id=qid,
        kind=kind,  # type: ignore[arg-type]
        text=content,
        start=start,
        end=end,
        cue=text_span(text, cue),
        speaker=speaker,
        confidence=0.8,
    )


def housing_analysis(text: str = HOUSING, article_id: str = "housing-1") -> ArticleAnalysis:
    t = text
    caplin = Speaker(text_span(t, "Ivor Caplin"), "Ivor Caplin", None, "PERSON", "e1")
    mr_caplin = Speaker(text_span(t, "Mr Caplin"), "Ivor Caplin", None, "PERSON", "e1")
    he_start = span(t, "he told")[0]
    he = Speaker(TextSpan("he", he_start, he_start + 2), "Ivor Caplin", None, "PERSON", "e1")
    quotes = (
        quote(t, "q1", "partial", "cannot keep borrowing money", "said", caplin),
        quote(
            t, "q2", "indirect", "Margaret Hodge had warned ministers in March", "said", mr_caplin
        ),
        quote(t, "q3", "direct", "We will not stand by while tenants suffer,", "told", he),
    )
    entities = (
        Entity(
            "e1",
            "Ivor Caplin",
            "PERSON",
            aliases=("Mr Caplin",),
            mentions=(span(t, "Ivor Caplin"), span(t, "Mr Caplin")),
            honorifics=("Mr",),
        ),
        Entity("e2", "Margaret Hodge", "PERSON", mentions=(span(t, "Margaret Hodge"),)),
        Entity("e3", "Zürich Road", "FAC", mentions=(span(t, "Zürich Road"),)),
    )
    roles = (Role("e1", "chair", "the housing committee", None, *span(t, "the chair")),)
    times = (
        TimeExpr("March", *span(t, "March"), "DATE", "2019-03", "publication"),
        TimeExpr("Monday", *span(t, "Monday"), "DATE", "2019-04-01", "publication"),
    )
    article = Article(
        id=article_id,
        text=t,
        title="Council told to stop borrowing for repairs",
        published="2019-04-02",
        source="Local Gazette",
        url="https://example.org/housing",
        author="A. Reporter",
        path="housing.txt",
        meta={"section": "politics"},
    )
    return ArticleAnalysis(article, quotes, entities, roles, times, tokens=60, warnings=("w",))


def shelter_analysis() -> ArticleAnalysis:
    t = SHELTER
    volunteer = Speaker(text_span(t, "one volunteer"), None, "one volunteer", "PERSON", None)
    quotes = (quote(t, "q1", "direct", "She never takes a day off,", "said", volunteer),)
    entities = (
        Entity(
            "e1",
            "Harriet Lane",
            "PERSON",
            mentions=(span(t, "Harriet Lane"), span(t, "She")),
        ),
        Entity("e2", "Ivor Caplin", "PERSON", mentions=(span(t, "Ivor Caplin"),)),
    )
    article = Article(id="shelter-7", text=t, title="A shelter that never sleeps")
    return ArticleAnalysis(article, quotes, entities)


@pytest.fixture(params=["memory", "file"])
def store(request, tmp_path: Path):
    path = ":memory:" if request.param == "memory" else tmp_path / "news.db"
    with Store(path) as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_analysis(housing_analysis())
    store.save_analysis(shelter_analysis())
    return store


# --- saving and revisions ---


def test_store_save_stored_then_unchanged(store: Store) -> None:
    analysis = housing_analysis()
    assert store.known_hash("housing-1") is None
    assert store.save_analysis(analysis) == "stored"
    assert store.known_hash("housing-1") == analysis.article.content_hash()
    assert store.save_analysis(analysis) == "unchanged"
    assert store.stats()["revisions"] == 1
    assert len(store.revisions("housing-1")) == 1


def test_store_force_replaces_an_unchanged_analysis(store: Store) -> None:
    analysis = housing_analysis()
    store.save_analysis(analysis)
    reanalysed = replace(analysis, quotes=analysis.quotes[:2])
    assert store.save_analysis(reanalysed) == "unchanged"
    assert store.stats()["quotes"] == 3
    assert store.save_analysis(reanalysed, force=True) == "updated"
    assert store.stats()["quotes"] == 2
    assert [r["revision"] for r in store.revisions("housing-1")] == [1, 2]


def test_store_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "data" / "deeper" / "news.db"
    with Store(path) as store:
        store.save_analysis(housing_analysis())
    assert path.is_file()


def test_store_save_roundtrips_the_analysis(store: Store) -> None:
    analysis = housing_analysis()
    store.save_analysis(analysis)
    assert store.analysis("housing-1") == analysis
    assert store.analysis("no-such-article") is None


def test_store_changed_text_updates_and_supersedes(store: Store) -> None:
    old = housing_analysis()
    new_text = HOUSING.replace("told reporters", "told journalists")
    new = housing_analysis(new_text)
    new = replace(new, quotes=new.quotes[:1], times=new.times[:1])
    assert store.save_analysis(old) == "stored"
    assert store.save_analysis(new) == "updated"
    history = store.revisions("housing-1")
    assert [r["revision"] for r in history] == [1, 2]
    assert history[0]["superseded_at"] is not None
    assert history[1]["superseded_at"] is None
    assert store.known_hash("housing-1") == new.article.content_hash()
    # Only the new revision is live; the old one is kept.
    assert [q["quote_id"] for q in store.quotes()] == ["q1"]
    assert store.stats()["quotes"] == 1
    assert store.stats()["times"] == 1
    assert store.analysis("housing-1", revision=1) == old
    assert store.article("housing-1")["revisions"] == 2
    assert store.article("housing-1")["text"] == new_text
    assert store.search("reporters") == []
    assert [r["id"] for r in store.search("journalists")] == ["housing-1"]
    # Going back to the old text is a third revision, not a resurrection.
    assert store.save_analysis(old) == "updated"
    assert store.stats()["revisions"] == 3
    assert store.stats()["quotes"] == 3


def test_store_interrupted_write_leaves_no_partial_article(store: Store) -> None:
    broken = housing_analysis()
    broken = replace(broken, quotes=(broken.quotes[0], broken.quotes[0]))  # duplicate id
    with pytest.raises(sqlite3.IntegrityError):
        store.save_analysis(broken)
    assert store.known_hash("housing-1") is None
    assert all(v == 0 for v in store.stats().values())
    assert store.search("borrowing") == []
    assert store.save_analysis(housing_analysis()) == "stored"


def test_store_interrupted_update_keeps_the_current_revision(store: Store) -> None:
    store.save_analysis(housing_analysis())
    broken = housing_analysis(HOUSING + " More later.")
    broken = replace(broken, entities=(broken.entities[0], broken.entities[0]))
    with pytest.raises(sqlite3.IntegrityError):
        store.save_analysis(broken)
    assert [r["superseded_at"] for r in store.revisions("housing-1")] == [None]
    assert store.known_hash("housing-1") == housing_analysis().article.content_hash()
    assert store.stats()["quotes"] == 3


def test_store_write_rolls_back_on_any_exception(store: Store) -> None:
    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO runs (started) VALUES ('2020-01-01')")
        raise RuntimeError("worker died")

    with pytest.raises(RuntimeError):
        store.write(half_then_fail)
    assert store.stats()["runs"] == 0


# --- migrations and the plain file ---


def test_store_migrations_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path) as first:
        assert first.applied == [m.name for m in MIGRATIONS]
        first.save_analysis(housing_analysis())
    with Store(path) as again:
        assert again.applied == []
        assert [m["name"] for m in again.migrations()] == [m.name for m in MIGRATIONS]
        assert again.stats()["articles"] == 1


def test_store_file_opens_with_plain_sqlite3(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.save_analysis(housing_analysis())
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "article_revisions", "quotes", "entities", "roles", "times"} <= names
    assert {"warnings", "rejections", "runs", "migrations", "article_fts", "quote_fts"} <= names
    assert {"live_quotes", "live_entities", "current_articles"} <= names
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    speakers = conn.execute("SELECT DISTINCT speaker_name FROM live_quotes").fetchall()
    assert speakers == [("Ivor Caplin",)]
    hits = conn.execute("SELECT rowid FROM article_fts WHERE article_fts MATCH 'borrowing'")
    assert len(hits.fetchall()) == 1
    conn.close()


def test_store_reader_sees_writes_while_open(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path) as writer, Store(path, read_only=True) as reader:
        assert reader.stats()["articles"] == 0
        writer.save_analysis(housing_analysis())
        assert reader.stats()["articles"] == 1
        with writer.transaction() as conn:  # a write in progress does not block readers
            conn.execute("INSERT INTO runs (started) VALUES ('2020-01-01')")
            assert reader.stats()["runs"] == 0
        assert reader.stats()["runs"] == 1
        with pytest.raises(sqlite3.OperationalError):
            reader.record_rejection("x.txt", "cannot write")


def test_store_read_only_refuses_an_unmigrated_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with pytest.raises(StoreError, match="not migrated"):
        Store(path, read_only=True)


# --- search and quote queries ---


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("borrowing", ["housing-1"]),
        ("BORROWING repairs", ["housing-1"]),
        ("shelter", ["shelter-7"]),
        ("zurich", ["housing-1"]),  # accents folded
        ("Zürich", ["housing-1"]),
        ("borrow*", ["housing-1"]),
        ("borrowing shelter", []),  # every word must be present
        ("nowhere-to-be-found", []),
    ],
)
def test_store_search_finds_words(filled: Store, query: str, expected: list[str]) -> None:
    assert [r["id"] for r in filled.search(query)] == expected


def test_store_search_gives_snippet_and_header(filled: Store) -> None:
    (hit,) = filled.search("tenants", before="<b>", after="</b>")
    assert "<b>tenants</b>" in hit["snippet"]
    assert hit["title"] == "Council told to stop borrowing for repairs"
    assert hit["published"] == "2019-04-02"


@pytest.mark.parametrize(
    "query",
    [
        '"unclosed quote',
        "(council",
        "council)",
        "council AND OR",
        "NOT",
        "NEAR(council, 3)",
        "title:council",
        "***",
        "",
        "   ",
        "''",
        '"""',
        "^council",
        "council -repairs",
        "Ünïcødé ☃ 東京",
    ],
)
def test_store_search_survives_odd_input(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)
    assert isinstance(filled.quotes(search=query), list)
    assert isinstance(filled.quotes(about=query), list)


def test_store_search_treats_operators_as_words(filled: Store) -> None:
    assert filled.search("council OR shelter") == []  # every word is required
    assert [r["id"] for r in filled.search("council AND repairs")] == ["housing-1"]
    assert [r["id"] for r in filled.search("(council")] == ["housing-1"]


@pytest.mark.parametrize(
    ("speaker", "count"),
    [
        ("Ivor Caplin", 3),
        ("ivor caplin", 3),
        ("Caplin", 3),
        ("IVOR", 3),
        ("Caplin Ivor", 3),
        ("Margaret Hodge", 0),  # mentioned, never speaking
        ("Ivor Smith", 0),
        ("Capl", 0),  # whole words only
        ("one volunteer", 0),  # a description, not a name
    ],
)
def test_store_quotes_by_speaker(filled: Store, speaker: str, count: int) -> None:
    found = filled.quotes(speaker=speaker)
    assert len(found) == count
    assert all(q["speaker_name"] == "Ivor Caplin" for q in found)


@pytest.mark.parametrize(
    ("about", "expected"),
    [
        ("Margaret Hodge", [("housing-1", "q2")]),  # words of the quote
        ("hodge", [("housing-1", "q2")]),
        ("borrowing money", [("housing-1", "q1")]),
        ("money borrowing", []),  # a phrase, in order
        ("Harriet Lane", [("shelter-7", "q1")]),  # "She" inside the quote is her
        ("Lane", [("shelter-7", "q1")]),
        ("Ivor Caplin", []),  # he speaks, but no quote mentions him
        ("Mill Street", []),
    ],
)
def test_store_quotes_about(filled: Store, about: str, expected: list[tuple[str, str]]) -> None:
    found = filled.quotes(about=about)
    assert [(q["article_id"], q["quote_id"]) for q in found] == expected


def test_store_quotes_rows_are_flat_and_json_ready(filled: Store) -> None:
    found = filled.quotes(article="housing-1", search="tenants")
    assert len(found) == 1
    row = found[0]
    assert row["text"] == HOUSING[row["start"] : row["end"]]
    assert HOUSING[row["speaker_start"] : row["speaker_end"]] == row["speaker_mention"] == "he"
    assert HOUSING[row["cue_start"] : row["cue_end"]] == "told"
    assert row["title"] and row["published"] == "2019-04-02"
    assert row["spans"] == []
    json.dumps(found)


def test_store_quotes_filters_combine_and_limit(filled: Store) -> None:
    assert len(filled.quotes()) == 4
    assert len(filled.quotes(limit=2)) == 2
    assert filled.quotes(article="shelter-7", speaker="Caplin") == []
    assert [q["quote_id"] for q in filled.quotes(article="housing-1")] == ["q1", "q2", "q3"]
    assert len(filled.quotes(search="caplin")) == 3  # speaker name is searchable


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["direct"], ["q3"]),
        (["direct", "partial"], ["q1", "q3"]),
        (["indirect"], ["q2"]),
        ([], []),
    ],
)
def test_store_quotes_by_kind(filled: Store, kinds: list[str], expected: list[str]) -> None:
    found = filled.quotes(article="housing-1", kinds=kinds)
    assert [q["quote_id"] for q in found] == expected


def test_store_quotes_by_min_confidence(store: Store) -> None:
    analysis = housing_analysis()
    sure = (0.95, 0.64, 0.7)  # q1 partial, q2 indirect, q3 direct
    quotes = tuple(replace(q, confidence=c) for q, c in zip(analysis.quotes, sure, strict=True))
    store.save_analysis(replace(analysis, quotes=quotes))
    assert [q["quote_id"] for q in store.quotes(min_confidence=0.7)] == ["q1", "q3"]
    assert [q["quote_id"] for q in store.quotes(min_confidence=0.96)] == []
    assert len(store.quotes(min_confidence=0.0)) == 3
    # with the other filters: Mr Caplin's quotations of at least 0.65 that are not reported
    found = store.quotes(speaker="Caplin", kinds=["direct", "partial"], min_confidence=0.65)
    assert [(q["quote_id"], q["confidence"]) for q in found] == [("q1", 0.95), ("q3", 0.7)]


def test_store_quotes_about_respects_quote_pieces(store: Store) -> None:
    text = '"Rents must fall," Ann Lee said, adding that "Tom Ray agrees with me."'
    first, second = span(text, "Rents must fall,"), span(text, "Tom Ray agrees with me.")
    q = Quote(
        "q1",
        "direct",
        "Rents must fall, Tom Ray agrees with me.",
        first[0],
        second[1],
        spans=(first, second),
        speaker=Speaker(text_span(text, "Ann Lee"), "Ann Lee", None, "PERSON", "e1"),
    )
    entities = (
        Entity("e1", "Ann Lee", "PERSON", mentions=(span(text, "Ann Lee"),)),
        Entity("e2", "Tom Ray", "PERSON", mentions=(span(text, "Tom Ray"),)),
    )
    store.save_analysis(ArticleAnalysis(Article("rent", text), (q,), entities))
    assert len(store.quotes(about="Tom Ray")) == 1
    # Ann Lee's mention lies between the pieces: the quote is by her, not about her.
    assert store.quotes(about="Ann Lee") == []


def test_store_quotes_about_an_acronym_keeps_its_case(store: Store) -> None:
    """"US" is the country, not every "us": an acronym asked for is matched in its case;
    a query in lower case stays case-blind."""
    text = ('"The US embassy will stay open," Ann Lee said. '
            '"They told us to wait outside," Tom Ray said.')
    first, second = span(text, "The US embassy will stay open,"), span(text, "They told us")
    quotes = (
        Quote("q1", "direct", "The US embassy will stay open,", *first,
              speaker=Speaker(text_span(text, "Ann Lee"), "Ann Lee", None, "PERSON", None)),
        Quote("q2", "direct", "They told us to wait outside,", second[0], second[0] + 29,
              speaker=Speaker(text_span(text, "Tom Ray"), "Tom Ray", None, "PERSON", None)),
    )
    store.save_analysis(ArticleAnalysis(Article("embassy", text), quotes, ()))
    assert [q["quote_id"] for q in store.quotes(about="US")] == ["q1"]
    for walk in (False, True):  # gathered then sorted, or walked in date order
        found = store.quotes(about="US", about_ids=["no-such-id"], limit=20, walk=walk)
        assert [q["quote_id"] for q in found] == ["q1"]
    assert sorted(q["quote_id"] for q in store.quotes(about="us")) == ["q1", "q2"]
    assert store.quote_count(about="US") == 1


# --- entities, articles, stats, exports ---


def test_store_entities_aggregate_over_articles(filled: Store) -> None:
    rows = {(e["name"], e["type"]): e for e in filled.entities()}
    caplin = rows[("Ivor Caplin", "PERSON")]
    assert (caplin["articles"], caplin["mentions"], caplin["quotes"]) == (2, 3, 3)
    assert rows[("Harriet Lane", "PERSON")]["quotes"] == 0
    assert filled.entities()[0]["name"] == "Ivor Caplin"  # most articles first
    assert [e["name"] for e in filled.entities(type="fac")] == ["Zürich Road"]
    assert [e["name"] for e in filled.entities(name="lane")] == ["Harriet Lane"]
    assert [e["name"] for e in filled.entities(name="CAPL")] == ["Ivor Caplin"]
    assert [e["name"] for e in filled.entities(name="Caplin Ivor")] == ["Ivor Caplin"]
    assert filled.entities(name="Caplin Lane") == []
    assert len(filled.entities(limit=2)) == 2


def test_store_stats_counts(filled: Store) -> None:
    from newsgraph.resolve import stages

    filled.record_rejection("bad.jsonl:3", "invalid JSON")
    with filled.transaction():  # entities are canonical: counted once identities are made
        stages.enqueue(filled, filled.current_article_ids())
        stages.run_pending(filled)
    stats = filled.stats()
    expected = {
        "articles": 2,
        "revisions": 2,
        "quotes": 4,
        "entities": 4,  # Ivor Caplin counted once
        "entity_rows": 5,
        "roles": 1,
        "times": 2,
        "rejections": 1,
    }
    assert {k: stats[k] for k in expected} == expected


def test_store_rejections_and_runs(store: Store) -> None:
    run = store.start_run()
    store.record_rejection("feed.jsonl:12", "no text field", run_id=run)
    store.finish_run(run, {"stored": 3, "rejected": 1})
    (rejection,) = store.rejections()
    assert (rejection["where"], rejection["reason"], rejection["run_id"]) == (
        "feed.jsonl:12",
        "no text field",
        run,
    )
    (record,) = store.runs()
    assert record["counts"] == {"stored": 3, "rejected": 1} and record["finished"]


def test_store_article_record(filled: Store) -> None:
    record = filled.article("housing-1")
    assert record is not None
    expected = housing_analysis().to_dict()
    assert {k: record[k] for k in expected if k != "article"} == {
        k: v for k, v in expected.items() if k != "article"
    }
    assert record["article"] == {
        **expected["article"],
        "author": "A. Reporter",
        "meta": {"section": "politics"},
    }
    assert (record["id"], record["revision"], record["revisions"]) == ("housing-1", 1, 1)
    assert record["warnings"] == ["w"]
    assert filled.article("missing") is None


def test_store_articles_listing(filled: Store) -> None:
    listing = filled.articles()
    assert [a["id"] for a in listing] == ["housing-1", "shelter-7"]  # dated first
    assert (listing[0]["quotes"], listing[0]["entities"]) == (3, 3)
    assert len(filled.articles(limit=1)) == 1


def test_store_export_records_follow_the_extract_contract(filled: Store) -> None:
    records = list(filled.export_records())
    assert [r["id"] for r in records] == ["housing-1", "shelter-7"]
    for record in records:
        assert {"article", "text", "quotes", "entities", "roles", "times"} <= set(record)
        json.dumps(record)
    assert records[1]["quotes"][0]["speaker"]["description"] == "one volunteer"


@pytest.mark.parametrize(
    ("table", "count", "column"),
    [
        ("articles", 2, "title"),
        ("quotes", 4, "speaker_name"),
        ("entities", 5, "mention_count"),
        ("roles", 1, "entity_name"),
        ("times", 2, "value"),
    ],
)
def test_store_export_rows(filled: Store, table: str, count: int, column: str) -> None:
    assert table in EXPORT_TABLES
    found = list(filled.export_rows(table))
    assert len(found) == count
    assert all(column in row for row in found)
    assert all(not isinstance(v, list | dict) for row in found for v in row.values())


def test_store_times_keep_anchor_and_granularity(filled: Store) -> None:
    rows = list(filled.export_rows("times"))
    assert [(r["value"], r["anchor"], r["granularity"]) for r in rows if
            r["article_id"] == "housing-1"] == [("2019-03", "publication", "month"),
                                                ("2019-04-01", "publication", "day")]


def test_store_migration_0003_adds_empty_time_anchors_to_old_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    ensure_migrations_table(conn)
    for m in MIGRATIONS[:2]:  # a database written before time anchors existed
        m.apply(conn)
        conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, 'then')", (m.name,))
    conn.execute("INSERT INTO articles (id, revision, first_seen, updated_at)"
                 " VALUES ('old-1', 1, 'then', 'then')")
    conn.execute('INSERT INTO times (article_id, revision, text, start, "end", type, value)'
                 " VALUES ('old-1', 1, 'March', 0, 5, 'DATE', '2019-03')")
    conn.close()
    with Store(path) as store:
        assert "0003_time_anchors" in store.applied
        rows = list(store.export_rows("times"))
    assert [(r["value"], r["anchor"], r["granularity"]) for r in rows] == [
        ("2019-03", None, None)]


def test_store_export_rows_rejects_unknown_table(filled: Store) -> None:
    with pytest.raises(ValueError, match="no export"):
        list(filled.export_rows("sqlite_master"))
