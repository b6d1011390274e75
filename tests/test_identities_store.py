"""Identities in the product: ingest resolves, corrections last, the CLI shows and corrects.

The articles are short invented news items written for these tests.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.library import Newsgraph

ARTICLES = [
    {"id": "river-1", "title": "Council backs flood wall", "published": "2023-05-02",
     "text": "Councillor Peter Hollins, the chair of the Dunmore Flood Group, said the new wall "
             "would protect 300 homes.\nMr Hollins said: \"We have waited ten years for this.\"\n"
             "The Dunmore Flood Group was founded in 2011 by residents. Angela Marsh, the "
             "council's engineer, said work would start in June."},
    {"id": "river-2", "title": "Flood wall delayed", "published": "2023-06-10",
     "text": "Pete Hollins, who chairs the Dunmore Flood Group, said the delay was a blow to "
             "residents.\n\"People are frightened every time it rains,\" Mr Hollins said.\n"
             "Angela Marsh said the contractor had asked for more time."},
    {"id": "rail-1", "title": "Rail union ballots members", "published": "2023-07-01",
     "text": "The Northern Rail Workers Alliance (NRWA) will ballot its members over pay, its "
             "general secretary Dorothy Quayle said on Monday.\nMs Quayle said: \"Our members "
             "have had enough.\""},
    {"id": "rail-2", "title": "Strike dates set", "published": "2023-07-20",
     "text": "Train drivers will strike next month after the NRWA announced the result of its "
             "ballot.\nThe NRWA said 82 percent of members had voted in favour."},
    {"id": "farm-1", "title": "Farmer wins prize", "published": "2023-08-01",
     "text": "A Devon farmer has won a national prize for his cheese.\nMr Smith said: \"I am "
             "delighted and a little surprised.\"\nThe prize was awarded in Exeter."},
    {"id": "bank-1", "title": "Bank profits fall", "published": "2023-08-03",
     "text": "Profits at Harbour Bank fell by a fifth in the first half of the year.\nMr Smith, "
             "the bank's finance chief, said: \"These are difficult times for lenders.\""},
]

LATER = [
    {"id": "river-3", "title": "Wall work starts", "published": "2023-09-01",
     "text": "Work on the Dunmore flood wall began on Friday. Peter Hollins said residents "
             "could finally relax.\nAngela Marsh, the council's engineer, said it would take "
             "a year."},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def entity_json(db: Path, name: str) -> dict:
    code, out = run("entity", name, "--db", str(db), "--json")
    assert code == 0, out
    return json.loads(out)


def articles_of(db: Path, name: str) -> set[str]:
    return {a["id"] for a in entity_json(db, name)["articles"]}


def partition(db: Path) -> set[frozenset[int]]:
    con = sqlite3.connect(db)
    groups: dict[str, set[int]] = {}
    for row, identity in con.execute("SELECT entity_row, identity_id FROM identity_members"):
        groups.setdefault(identity, set()).add(row)
    con.close()
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("identities")
    path = folder / "news.db"
    code, out = run("ingest", str(write_jsonl(folder / "a.jsonl", ARTICLES)), "--db", str(path),
                    "--quiet")
    assert code == 0, out
    return path


def test_identities_nickname_variants_are_one_person(db: Path) -> None:
    data = entity_json(db, "Pete Hollins")
    assert data["name"] == "Peter Hollins"
    assert {"river-1", "river-2"} <= {a["id"] for a in data["articles"]}
    assert any(m["rule"] == "nickname" for m in data["merges"])
    assert {(r["article_id"], r["title"]) for r in data["roles"]} >= {("river-1", "chair")}


def test_identities_acronym_and_long_form_are_one_organisation(db: Path) -> None:
    data = entity_json(db, "NRWA")
    assert data["name"] == "Northern Rail Workers Alliance"
    assert {a["id"] for a in data["articles"]} == {"rail-1", "rail-2"}
    assert articles_of(db, "Northern Rail Workers Alliance") == {"rail-1", "rail-2"}


def test_identities_two_mr_smiths_in_unrelated_articles_stay_apart(db: Path) -> None:
    code, out = run("entities", "--db", str(db), "--name", "Smith", "--json")
    smiths = json.loads(out)
    assert code == 0 and len(smiths) == 2
    assert all(s["articles"] == 1 for s in smiths)


def test_identities_entities_lists_canonical_counts(db: Path) -> None:
    code, out = run("entities", "--db", str(db), "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["Peter Hollins"]["articles"] == 2 and rows["Peter Hollins"]["quotes"] >= 2
    assert "Pete Hollins" not in rows and "NRWA" not in rows


def test_identities_quotes_by_speaker_follow_the_identity(db: Path) -> None:
    code, out = run("quotes", "--db", str(db), "--speaker", "Peter Hollins", "--json")
    quotes = json.loads(out)
    assert code == 0
    assert {q["article_id"] for q in quotes} == {"river-1", "river-2"}  # river-2: "Pete"
    code, out = run("quotes", "--db", str(db), "--speaker", "Nobody Known", "--json")
    assert code == 0 and json.loads(out) == []


def test_identities_export_entities_with_aliases_and_reasons(db: Path, tmp_path: Path) -> None:
    code, out = run("export", "--db", str(db), "--format", "jsonl", "--table", "entities")
    records = {r["name"]: r for r in map(json.loads, out.splitlines())}
    assert code == 0
    assert "Pete Hollins" in records["Peter Hollins"]["aliases"]
    assert records["Peter Hollins"]["merges"][0]["rule"] == "nickname"
    for table, column in (("identities", "articles"), ("aliases", "alias"), ("merges", "rule")):
        target = tmp_path / f"{table}.csv"
        code, _ = run("export", "--db", str(db), "--format", "csv", "--table", table,
                      "-o", str(target))
        header = target.read_text(encoding="utf-8").splitlines()[0]
        assert code == 0 and column in header.split(",")


def test_identities_corrections_last_through_ingest_and_rebuild(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "judged.db"
    copy.write_bytes(db.read_bytes())
    assert run("merge", "Dorothy Quayle", "Angela Marsh", "--db", str(copy))[0] == 0
    assert run("split", "Peter Hollins", "--alias", "Pete Hollins", "--db", str(copy))[0] == 0
    assert run("rename", "NRWA", "Rail Workers Alliance", "--db", str(copy))[0] == 0

    def check() -> None:
        assert {"rail-1", "river-1", "river-2"} <= articles_of(copy, "Dorothy Quayle")
        assert "river-2" not in articles_of(copy, "Peter Hollins")
        assert entity_json(copy, "NRWA")["name"] == "Rail Workers Alliance"

    check()
    later = write_jsonl(tmp_path / "later.jsonl", LATER)
    assert run("ingest", str(later), "--db", str(copy), "--quiet")[0] == 0
    check()
    assert "river-3" in articles_of(copy, "Angela Marsh")  # joined the merged identity
    assert "river-3" in articles_of(copy, "Peter Hollins")
    code, out = run("resolve", "--rebuild", "--db", str(copy), "--json")
    assert code == 0 and json.loads(out)["identities"] > 0
    check()


def test_identities_unknown_name_in_a_correction_is_an_error(db: Path) -> None:
    code, out = run("merge", "Nobody Known", "Angela Marsh", "--db", str(db))
    assert code == 1 and "names no single entity" in out


def test_identities_incremental_equals_rebuild(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "rebuilt.db"
    copy.write_bytes(db.read_bytes())
    incremental = partition(copy)
    with Newsgraph(copy) as ng:
        ng.resolve(rebuild=True)
    assert partition(copy) == incremental


def test_identities_updated_article_rows_leave_their_identities(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "updated.db"
    copy.write_bytes(db.read_bytes())
    changed = [{**ARTICLES[1], "text": ARTICLES[1]["text"].replace("Pete", "Peter")}]
    assert run("ingest", str(write_jsonl(tmp_path / "u.jsonl", changed)), "--db", str(copy),
               "--quiet")[0] == 0
    con = sqlite3.connect(copy)
    stale = con.execute(
        "SELECT COUNT(*) FROM identity_members m JOIN entities e ON e.id = m.entity_row"
        " JOIN articles a ON a.id = e.article_id WHERE a.revision != e.revision"
    ).fetchone()[0]
    con.close()
    assert stale == 0
    assert {"river-1", "river-2"} <= articles_of(copy, "Peter Hollins")
    assert partition(copy) == _rebuilt_partition(copy, tmp_path)


def _rebuilt_partition(db: Path, tmp_path: Path) -> set[frozenset[int]]:
    copy = tmp_path / "again.db"
    copy.write_bytes(db.read_bytes())
    with Newsgraph(copy) as ng:
        ng.resolve(rebuild=True)
    return partition(copy)
