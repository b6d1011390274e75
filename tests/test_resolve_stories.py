"""Story threads: the stage on invented wire-like articles (no spaCy: analyses are built by
hand, entities included), its pure rules, its store queries and its commands.

Every article here is written for these tests; names of places are real, events invented.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.model import Article, ArticleAnalysis, Entity
from newsgraph.resolve import stages
from newsgraph.resolve import stories as st
from newsgraph.store import Store
from newsgraph.store import stories as story_sql

# --- invented articles -------------------------------------------------------------------

# A background of unrelated wire items, so that document frequencies mean something.
BACKGROUND = [
    ("bg-shares", "Tokyo shares close higher", "2021-03-01",
     "Tokyo share prices closed higher on Monday as exporters gained on a weaker yen. The "
     "Nikkei index rose 1.2 percent, dealers said.", ["Nikkei"]),
    ("bg-football", "Porto beat Benfica in Lisbon derby", "2021-03-01",
     "Porto beat Benfica 2-1 on Sunday with a late goal from their captain, moving three "
     "points clear at the top of the Portuguese league.", ["Porto", "Benfica"]),
    ("bg-budget", "Kenya unveils budget", "2021-03-02",
     "Kenya's finance minister presented a budget on Tuesday that raises spending on roads "
     "and schools, and said the deficit would narrow next year.", ["Kenya"]),
    ("bg-film", "Cairo film festival opens", "2021-03-02",
     "The Cairo film festival opened on Tuesday with films from 20 countries, organisers "
     "said, and will run for ten days.", ["Cairo"]),
]

FERRY_1 = ("ferry-1", "Ferry capsizes on Lake Kivu, 12 dead", "2021-03-02",
           "A passenger ferry capsized on Lake Kivu near Goma on Tuesday, killing at least 12 "
           "people, and dozens more were missing, local officials said.\n"
           "The ferry was carrying about 60 passengers and sacks of maize when it overturned "
           "in strong winds. Rescuers pulled 20 survivors from the water.",
           ["Lake Kivu", "Goma"])
FERRY_2 = ("ferry-2", "Death toll in Lake Kivu ferry disaster rises to 31", "2021-03-03",
           "The death toll from Tuesday's ferry disaster on Lake Kivu rose to 31 on Wednesday "
           "as rescuers recovered more bodies near Goma, officials said.\n"
           "The overloaded ferry capsized in strong winds. Survivors said the passengers had "
           "begged the crew to turn back.",
           ["Lake Kivu", "Goma"])
FERRY_REISSUE = ("ferry-1b", "ATTENTION - ADDS survivor quotes ///", "2021-03-02",
                 FERRY_1[3] + "\n\"The boat tipped over and everyone was screaming,\" said one "
                 "survivor who swam to shore.", ["Lake Kivu", "Goma"])
FERRY_PICTURE = ("ferry-0", "=(PICTURE)=", "2021-03-02",
                 "A passenger ferry capsized on Lake Kivu near Goma on Tuesday, killing at "
                 "least nine people, local officials said. Dozens were missing after the ferry "
                 "overturned in strong winds with about 60 passengers aboard.",
                 ["Lake Kivu", "Goma"])
# A month later, another accident on the same lake: a new story.
FERRY_LATER = ("ferry-later", "Cargo boat sinks on Lake Kivu", "2021-04-05",
               "A cargo boat sank on Lake Kivu near Goma on Monday, and three crew members were "
               "missing, local officials said.\nThe boat was carrying sacks of maize and "
               "cement when it overturned in strong winds.",
               ["Lake Kivu", "Goma"])

# Two bombings on one day, in different countries.
BOMB_KIRKUK = ("bomb-kirkuk", "Car bomb kills nine at Kirkuk market", "2021-03-02",
               "A car bomb exploded near a crowded vegetable market in the northern Iraqi city "
               "of Kirkuk on Tuesday, killing nine people and wounding 30, police said.\n"
               "No group claimed the attack. Kirkuk police sealed off the market district.",
               ["Kirkuk", "Iraq"])
BOMB_QUETTA = ("bomb-quetta", "Suicide bomber strikes police post in Quetta", "2021-03-02",
               "A suicide bomber blew himself up at a police checkpoint in the Pakistani city of "
               "Quetta on Tuesday, killing five policemen and wounding 11, officials said.\n"
               "Balochistan's government condemned the bombing and ordered an inquiry.",
               ["Quetta", "Pakistan", "Balochistan"])

# Two mine accidents on one day in different provinces.
MINE_SHANXI = ("mine-shanxi", "Gas blast kills 21 at Shanxi coal mine", "2021-03-03",
               "A gas explosion ripped through the Xinyuan coal mine in north China's Shanxi "
               "province on Wednesday, killing 21 miners, the provincial work safety bureau "
               "said.\nRescuers were searching for six miners still trapped underground at "
               "Xinyuan. The mine's owner was detained.",
               ["Xinyuan", "Shanxi"])
MINE_JIXI = ("mine-jixi", "14 miners trapped by flood in Heilongjiang", "2021-03-03",
             "Fourteen miners were trapped when water flooded a colliery near Jixi in northeast "
             "China's Heilongjiang province on Wednesday, local authorities said.\nPumps were "
             "brought in to drain the Dongfeng pit, where the miners were believed to be in an "
             "air pocket.",
             ["Jixi", "Heilongjiang", "Dongfeng"])


def analysis(item: tuple, text: str | None = None) -> ArticleAnalysis:
    """An analysis with one entity per listed name, mentioned wherever the name occurs."""
    aid, title, published, body, names = item
    body = text if text is not None else body
    entities = []
    for n, name in enumerate(names):
        at = [(i, i + len(name)) for i in range(len(body)) if body.startswith(name, i)]
        entities.append(Entity(id=f"e{n}", name=name, type="GPE", aliases=(name,),
                               mentions=tuple(at) or ((0, 0),)))
    article = Article(id=aid, text=body, title=title, published=published, source="Wire")
    return ArticleAnalysis(article=article, entities=tuple(entities))


def ingest(store: Store, items: list[tuple]) -> None:
    """Store the items one transaction each and run every stage, as ``ingest`` does."""
    for item in items:
        with store.transaction():
            status = store.save_analysis(analysis(item))
            if status != "unchanged":
                stages.enqueue(store, [item[0]])
            stages.run_pending(store)


def story_of(store: Store, article: str) -> str:
    return store.conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article,)
    ).fetchone()[0]


@pytest.fixture
def store():
    with Store(":memory:") as s:
        ingest(s, BACKGROUND)
        yield s


# --- the stage ---------------------------------------------------------------------------


def test_stories_same_event_joins(store):
    ingest(store, [FERRY_1, BOMB_KIRKUK, FERRY_2])
    assert story_of(store, "ferry-1") == story_of(store, "ferry-2")
    assert story_of(store, "bomb-kirkuk") != story_of(store, "ferry-1")
    detail = story_sql.story_detail(store.conn, story_of(store, "ferry-1"))
    assert detail["title"] == "Ferry capsizes on Lake Kivu, 12 dead"
    assert (detail["first"], detail["last"]) == ("2021-03-02", "2021-03-03")
    assert [a["id"] for a in detail["articles"]] == ["ferry-1", "ferry-2"]


def test_stories_two_bombings_on_one_day_stay_apart(store):
    ingest(store, [BOMB_KIRKUK, BOMB_QUETTA])
    assert story_of(store, "bomb-kirkuk") != story_of(store, "bomb-quetta")


def test_stories_two_mines_on_one_day_stay_apart(store):
    ingest(store, [MINE_SHANXI, MINE_JIXI])
    assert story_of(store, "mine-shanxi") != story_of(store, "mine-jixi")


def test_stories_reissue_joins_and_headline_is_the_first_substantive_one(store):
    ingest(store, [FERRY_PICTURE, FERRY_1, FERRY_REISSUE])
    story = story_of(store, "ferry-0")
    assert story_of(store, "ferry-1") == story == story_of(store, "ferry-1b")
    assert story_sql.story_detail(store.conn, story)["title"] == (
        "Ferry capsizes on Lake Kivu, 12 dead")


def test_stories_decay_splits_a_much_later_article(store):
    ingest(store, [FERRY_1, FERRY_2, FERRY_LATER])
    assert story_of(store, "ferry-later") != story_of(store, "ferry-1")


def test_stories_updated_article_moves_and_its_old_story_goes(store):
    ingest(store, [FERRY_1, BOMB_QUETTA])
    old_story = story_of(store, "bomb-quetta")
    # The "bomb-quetta" article is corrected into a second report of the ferry accident.
    changed = ("bomb-quetta", FERRY_2[1], FERRY_2[2], FERRY_2[3], FERRY_2[4])
    ingest(store, [changed])
    assert story_of(store, "bomb-quetta") == story_of(store, "ferry-1")
    assert story_sql.story_detail(store.conn, old_story) is None
    ferry = story_sql.story_detail(store.conn, story_of(store, "ferry-1"))
    assert [a["id"] for a in ferry["articles"]] == ["ferry-1", "bomb-quetta"]


def test_stories_rebuild_agrees_with_incremental(store):
    # A rebuild replays in publication order (then id): arriving in that order, the
    # incremental run must end where the rebuild does.
    ingest(store, [BOMB_KIRKUK, FERRY_1, FERRY_REISSUE, FERRY_2, MINE_SHANXI])
    before = list(story_sql.contract_records(store.conn))
    stages.rebuild(store, ["stories"])
    assert list(story_sql.contract_records(store.conn)) == before


def test_stories_candidate_lookup_uses_the_term_index(store):
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN " + story_sql.CANDIDATES,
        {"terms": json.dumps({"b:ferry": 0.5}), "since": 0, "limit": 20},
    ).fetchall()
    detail = " | ".join(r["detail"] for r in plan)
    # "SEARCH st USING PRIMARY KEY (term=? AND last_day>?)" (older SQLite: "SEARCH TABLE st")
    assert "USING PRIMARY KEY (term=? AND last_day>?)" in detail, detail
    assert "SCAN st" not in detail and "SCAN TABLE st" not in detail


def test_stories_contract_record_shape(store):
    ingest(store, [FERRY_1, FERRY_2])
    records = list(story_sql.contract_records(store.conn))
    assert {"id", "title", "first", "last", "articles"} <= set(records[0])
    assert {"id", "published", "title"} <= set(records[0]["articles"][0])
    rows = list(story_sql.csv_rows(store.conn))
    assert len(rows) == len(BACKGROUND) + 2


# --- the rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("title, cleaned", [
    ("ATTENTION - ADDS quotes, background ///", None),
    ("=(PICTURE)=", None),
    ("xxx as sent. Here is a corrected repetition: ///", None),
    ("by Maria Santos", None),
    ("workers ///", None),
    ("URGENT  Parliament sacks foreign minister", "Parliament sacks foreign minister"),
    ("Urgent: Army confirms operation in the north", "Army confirms operation in the north"),
    ("1st Ld: At least 16 killed in bus crash", "At least 16 killed in bus crash"),
    ("(Asia-Africa) Summit to adopt declaration", "Summit to adopt declaration"),
    # negatives: ordinary headlines that start like a slug
    ("Attention turns to Senate race", "Attention turns to Senate race"),
    ("Urgent care clinics close for winter", "Urgent care clinics close for winter"),
])
def test_stories_clean_title(title, cleaned):
    assert st.clean_title(title) == cleaned


@pytest.mark.parametrize("title, expected", [
    ("Ferry capsizes on Lake Kivu", True),
    ("conference", False),  # a title the feed cut to its last word
    ("ATTENTION - UPDATES toll ///", False),
])
def test_stories_substantive(title, expected):
    assert st.substantive(title) is expected


@pytest.mark.parametrize("day, first, last, gap", [(10, 8, 10, 0), (13, 8, 10, 3), (5, 8, 10, 3)])
def test_stories_gap_days(day, first, last, gap):
    assert st.gap_days(day, first, last) == gap


def _fields(**fields: dict[str, float]) -> dict[str, dict[str, float]]:
    return {f: {f"{f}:{t}": w for t, w in terms.items()} for f, terms in fields.items()}


FERRY_VEC = _fields(b={"ferry": 0.6, "capsized": 0.5, "kivu": 0.5, "goma": 0.4},
                    e={"id-kivu": 0.8, "g:id-goma": 0.6})
TOLL_VEC = _fields(b={"ferry": 0.5, "toll": 0.5, "kivu": 0.5, "rose": 0.5},
                   e={"id-kivu": 0.8, "g:id-goma": 0.6})
BOMB_VEC = _fields(b={"bomb": 0.6, "market": 0.5, "kirkuk": 0.6}, e={"g:id-kirkuk": 1.0})


def test_stories_features_in_their_order() -> None:
    values = dict(zip(st.FEATURES, st.features(TOLL_VEC, FERRY_VEC, [FERRY_VEC], 2, 3, 4),
                      strict=True))
    assert values["body"] == pytest.approx(st.cosine(TOLL_VEC["b"], FERRY_VEC["b"]))
    assert values["entities"] == pytest.approx(1.0)
    assert values["member"] == pytest.approx(values["body"])  # the one member is the centroid
    assert values["no_title"] == 1.0  # neither side has a headline
    assert values["gap"] == pytest.approx(2 / 7) and values["age"] == pytest.approx(4 / 7)
    assert values["size"] == pytest.approx(math.log(4))


def test_stories_the_model_uses_only_its_fitted_features() -> None:
    assert len(st.COEFFICIENTS) == len(st.FEATURES) + 1
    for name, weight in zip(st.FEATURES, st.COEFFICIENTS[1:], strict=True):
        assert (weight != 0) == (name in st.FITTED), name


def test_stories_a_toll_update_is_likely_the_same_story_another_bombing_is_not() -> None:
    update = st.join_probability(st.features(TOLL_VEC, FERRY_VEC, [FERRY_VEC], 1, 1, 0),
                                 st.COEFFICIENTS)
    other = st.join_probability(st.features(BOMB_VEC, FERRY_VEC, [FERRY_VEC], 0, 1, 0),
                                st.COEFFICIENTS)
    assert update >= st.DEFAULT.threshold > other


def test_stories_the_join_probability_falls_as_the_gap_grows() -> None:
    near, far = (st.join_probability(st.features(TOLL_VEC, FERRY_VEC, [FERRY_VEC], gap, 1, gap),
                                     st.COEFFICIENTS) for gap in (1, 6))
    assert near > far


def _head(first: str, last_day: int, size: int = 1) -> dict:
    return {"first": first, "last_day": last_day, "size": size}


def test_stories_a_reissue_of_a_recent_article_always_joins() -> None:
    day = st.day_number("2021-03-02")
    weak = replace(st.DEFAULT, coefficients=(-50.0,) + (0.0,) * len(st.FEATURES))
    member = json.dumps(st.flat(FERRY_VEC))
    head = _head("2021-03-02", day)
    assert st.candidate_score(FERRY_VEC, day, head, st.flat(FERRY_VEC), [(day, member)],
                              weak) == 1.0
    # the same words three days after the member: no re-issue, the (weak) model decides
    later = st.candidate_score(FERRY_VEC, day + 3, head, st.flat(FERRY_VEC),
                               [(day, member)], weak)
    assert later < 0.01
    # past the window nothing joins
    assert st.candidate_score(FERRY_VEC, day + 30, head, st.flat(FERRY_VEC),
                              [(day, member)], st.DEFAULT) == 0.0


def test_stories_words_drop_stop_words_and_possessives():
    assert st.words("Kenya's finance minister said on Tuesday") == ["kenya", "finance",
                                                                   "minister"]


# --- the commands ------------------------------------------------------------------------


def test_stories_cli_lists_and_shows(tmp_path: Path):
    db = tmp_path / "s.db"
    with Store(db) as s:
        ingest(s, BACKGROUND + [FERRY_1, FERRY_2, BOMB_KIRKUK])
        story = story_of(s, "ferry-1")
        bomb = story_of(s, "bomb-kirkuk")
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--db", str(db), "--min-articles", "2", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows] == [story] and rows[0]["articles"] == 2
    shown = runner.invoke(cli, ["story", story, "--db", str(db), "--json"])
    data = json.loads(shown.stdout)
    assert [a["id"] for a in data["articles"]] == ["ferry-1", "ferry-2"]
    assert data["quotes"] == 0
    text = runner.invoke(cli, ["story", story, "--db", str(db)]).stdout
    assert "Ferry capsizes on Lake Kivu" in text and "ferry-2" in text
    missing = runner.invoke(cli, ["story", "story-nope", "--db", str(db)])
    assert missing.exit_code == 1
    by_entity = runner.invoke(cli, ["stories", "--db", str(db), "--entity", "Kirkuk", "--json"])
    assert [r["id"] for r in json.loads(by_entity.stdout)] == [bomb]
    later = runner.invoke(cli, ["stories", "--db", str(db), "--since", "2021-03-03", "--json"])
    assert [r["id"] for r in json.loads(later.stdout)] == [story]


# --- the same main actors --------------------------------------------------------------

def typed(item: tuple, types: dict[str, str]) -> ArticleAnalysis:
    """``analysis`` with the listed names typed as given (GPE when not listed)."""
    base = analysis(item)
    entities = tuple(replace(e, type=types.get(e.name, "GPE")) for e in base.entities)
    return replace(base, entities=entities)


PROBE_1 = ("probe-1", "Inquiry opens into harbour contract", "2022-05-02",
           "An inquiry into the harbour dredging contract opened in Valmont on Monday. "
           "Judge Irena Halvorsen said the Port Authority would hand over every invoice.",
           ["Valmont", "Irena Halvorsen", "Port Authority"])
PROBE_2 = ("probe-2", "Witness tells harbour inquiry of missing papers", "2022-05-26",
           "A former clerk told the inquiry chaired by Irena Halvorsen that files had gone "
           "missing from the Port Authority archive before the audit.",
           ["Irena Halvorsen", "Port Authority"])
PLACE_ONLY = ("place-only", "Storm floods Valmont seafront", "2022-05-27",
              "Heavy rain flooded the seafront in Valmont on Friday and closed two roads.",
              ["Valmont"])
ACTORS = {"Irena Halvorsen": "PERSON", "Port Authority": "ORG"}


def test_stories_actors_leave_places_out() -> None:
    field = {"e:id-1": 0.6, "e:g:id-2": 0.8}
    assert st.actors(field) == {"e:id-1": 0.6}


# Two matches of one tournament on one day: the same competition, other teams.
MATCH_VOLLEY = ("match-volley", "China beat Japan in Asian Games volleyball", "2021-03-04",
                "China's women beat Japan in straight sets in the Asian Games volleyball "
                "semi-final in Doha on Thursday. Zhao Ruirui led the attack with 18 points.\n"
                "China will meet South Korea in the final on Saturday.",
                ["China", "Japan", "Doha", "Zhao Ruirui", "South Korea"])
MATCH_HOCKEY = ("match-hockey", "Pakistan edge India at Asian Games hockey", "2021-03-04",
                "Pakistan beat India 3-2 in the Asian Games men's hockey group match in Doha "
                "on Thursday, with Rehan Butt scoring twice in the second half.\n"
                "India must now beat Malaysia to reach the semi-finals.",
                ["Pakistan", "India", "Doha", "Rehan Butt", "Malaysia"])


def test_stories_two_matches_of_one_tournament_stay_apart(store) -> None:
    ingest(store, [MATCH_VOLLEY, MATCH_HOCKEY])
    assert story_of(store, "match-volley") != story_of(store, "match-hockey")


# A trial over a week: its opening, a witness, its verdict: one story.
TRIAL_1 = ("trial-1", "Trial of former port chief opens in Mombasa", "2021-03-08",
           "The corruption trial of former Kenya Ports Authority chief Daniel Mwakio opened in "
           "Mombasa on Monday, with prosecutors saying he took bribes for dredging contracts.\n"
           "Mwakio denies all twelve counts.",
           ["Kenya Ports Authority", "Daniel Mwakio", "Mombasa"])
TRIAL_2 = ("trial-2", "Witness says port chief demanded cash", "2021-03-10",
           "A contractor told the Mombasa court trying former Kenya Ports Authority chief "
           "Daniel Mwakio on Wednesday that Mwakio demanded cash before signing a dredging "
           "contract.\nThe defence said the witness was lying.",
           ["Kenya Ports Authority", "Daniel Mwakio", "Mombasa"])
TRIAL_3 = ("trial-3", "Former port chief Mwakio convicted of bribery", "2021-03-13",
           "A Mombasa court on Saturday convicted Daniel Mwakio, the former head of the Kenya "
           "Ports Authority, of taking bribes over dredging contracts.\nHe will be sentenced "
           "next week.",
           ["Daniel Mwakio", "Kenya Ports Authority", "Mombasa"])


def test_stories_a_trial_over_a_week_is_one_story(store) -> None:
    ingest(store, [TRIAL_1, FERRY_1, TRIAL_2, BOMB_KIRKUK, TRIAL_3])
    assert story_of(store, "trial-1") == story_of(store, "trial-2") == story_of(store, "trial-3")
    assert story_of(store, "ferry-1") != story_of(store, "trial-1")


def test_stories_same_actors_weeks_later_are_another_story() -> None:
    # past the window, the same people and organisations found no chain
    with Store(":memory:") as store:
        for item in (PROBE_1, PROBE_2, PLACE_ONLY):
            with store.transaction():
                store.save_analysis(typed(item, ACTORS))
                st.update(store, [item[0]])
        assert story_of(store, "probe-2") != story_of(store, "probe-1")
        assert story_of(store, "place-only") != story_of(store, "probe-1")


# --- main actors: who an article or story is about (places left out) ---------------------


def _entity_field(article: str, entities: list[tuple[str, str, str, int]]) -> dict[str, float]:
    """The ``e:`` field the stage makes of an article naming ``entities`` (identity, name,
    type, mentions), through the same ``identity_counts`` and weighting."""
    rows = [{"article_id": article, "identity_id": ident, "name": name, "type": kind,
             "mentions": json.dumps([[i * 10, i * 10 + 5] for i in range(n)])}
            for ident, name, kind, n in entities]
    every, _ = st.identity_counts(rows, {})
    counts = st.term_counts(None, "", every[article])
    return st.field_vectors(counts, {}, 50, st.DEFAULT)["e"]


# "A fire in the Huangjiagou colliery in Shanxi killed 19 miners, the provincial work safety
# bureau said; spokesman Wang Lin said 12 were missing."
COLLIERY_FIRST = _entity_field("fire-1", [
    ("id-huangjiagou", "Huangjiagou Colliery", "ORG", 3), ("id-bureau", "Work Safety Bureau",
    "ORG", 1), ("id-wang-lin", "Wang Lin", "PERSON", 1), ("id-shanxi", "Shanxi", "GPE", 2)])
# Next day: "The toll in the Huangjiagou colliery fire rose to 26 as rescuers found seven more
# bodies, the work safety bureau said."
COLLIERY_TOLL = _entity_field("fire-2", [
    ("id-huangjiagou", "Huangjiagou Colliery", "ORG", 2), ("id-bureau", "Work Safety Bureau",
    "ORG", 1), ("id-shanxi", "Shanxi", "GPE", 1)])
# Same day, same province, another pit: "Eleven miners were trapped by a flood at the
# Dongshan mine in Shanxi; the mine's owner Li Fuqiang fled."
OTHER_MINE = _entity_field("flood-1", [
    ("id-dongshan", "Dongshan mine", "ORG", 3), ("id-li-fuqiang", "Li Fuqiang", "PERSON", 1),
    ("id-shanxi", "Shanxi", "GPE", 2)])
# Two matches of one tournament: "Zhao Ruirui scored 18 as China beat Japan in the Asian
# Games volleyball semi-final" then "Zhao's China lost the final to South Korea" against
# "Rehan Butt scored twice as Pakistan beat India in the Asian Games hockey".
VOLLEY_SEMI = _entity_field("volley-1", [
    ("id-zhao", "Zhao Ruirui", "PERSON", 2), ("id-asiad", "Asian Games", "EVENT", 1),
    ("id-china", "China", "GPE", 2), ("id-japan", "Japan", "GPE", 1)])
VOLLEY_FINAL = _entity_field("volley-2", [
    ("id-zhao", "Zhao Ruirui", "PERSON", 1), ("id-asiad", "Asian Games", "EVENT", 1),
    ("id-china", "China", "GPE", 2), ("id-korea", "South Korea", "GPE", 2)])
HOCKEY_MATCH = _entity_field("hockey-1", [
    ("id-butt", "Rehan Butt", "PERSON", 2), ("id-asiad", "Asian Games", "EVENT", 1),
    ("id-pakistan", "Pakistan", "GPE", 2), ("id-india", "India", "GPE", 2)])


def test_stories_main_actors_are_the_strongest_non_places() -> None:
    assert st.main_actors(COLLIERY_FIRST) == ["e:id-huangjiagou", "e:id-bureau",
                                              "e:id-wang-lin"]
    assert "e:g:id-shanxi" in COLLIERY_FIRST  # the place is in the field, not an actor


def test_stories_a_toll_update_shares_its_main_actors_another_mine_does_not() -> None:
    assert st.main_actor_overlap(COLLIERY_TOLL, COLLIERY_FIRST) == 1.0
    # the same province on the same day is no shared actor
    assert st.main_actor_overlap(OTHER_MINE, COLLIERY_FIRST) == 0.0


def test_stories_two_matches_of_one_tournament_share_less_than_one_match() -> None:
    same = st.main_actor_overlap(VOLLEY_FINAL, VOLLEY_SEMI)
    other = st.main_actor_overlap(HOCKEY_MATCH, VOLLEY_SEMI)
    assert same == 1.0 and other == 0.5  # only the tournament itself is shared
    assert same > other


def test_stories_main_actor_overlap_needs_actors_on_both_sides() -> None:
    places_only = _entity_field("storm-1", [("id-shanxi", "Shanxi", "GPE", 3)])
    assert st.main_actors(places_only) == []
    assert st.main_actor_overlap(places_only, COLLIERY_FIRST) == 0.0
    assert st.main_actor_overlap(COLLIERY_FIRST, {}) == 0.0


def test_stories_main_actors_feature_feeds_the_model() -> None:
    values = dict(zip(st.FEATURES, st.features({"e": COLLIERY_TOLL}, {"e": COLLIERY_FIRST},
                                               [], 1, 1, 0), strict=True))
    assert values["main_actors"] == 1.0
    values = dict(zip(st.FEATURES, st.features({"e": OTHER_MINE}, {"e": COLLIERY_FIRST},
                                               [], 0, 1, 0), strict=True))
    assert values["main_actors"] == 0.0


# --- key terms: the words that say what an article is about --------------------------------


def _body_field(text: str, others: list[str]) -> dict[str, float]:
    """The ``b:`` field the stage makes of ``text`` in an archive of ``others`` too (their
    words set the document frequencies)."""
    docs = [st.term_counts(None, t, {}) for t in [text, *others]]
    df: dict[str, int] = {}
    for counts in docs:
        for term in counts["b"]:
            df[term] = df.get(term, 0) + 1
    return st.field_vectors(docs[0], df, len(docs), st.DEFAULT)["b"]


# Medal reports of one games: the same template words, other athletes and events.
SHOOTING_GOLD = ("Chinese shooter Wei Lanfang won the women's trap gold at the Asian Games in "
                 "Doha on Saturday, hitting 92 targets. Wei Lanfang beat Kazakhstan's Irina "
                 "Petrova by two targets to take the trap title.")
SWIMMING_GOLD = ("Japan's Kenta Morioka won the men's 200m backstroke gold at the Asian Games in "
                 "Doha on Saturday in an Asian record time. Morioka led the backstroke final "
                 "from the first turn.")
SHOOTING_LATER = ("Trap champion Wei Lanfang said on Sunday that her Asian Games gold in Doha "
                  "crowned two years of work. Wei, who beat Kazakhstan's Irina Petrova by two "
                  "targets, called the trap final the hardest of her career.")
# A market report and the next day's: the template of a series, not one story.
SHARES_MONDAY = ("Jakarta shares closed higher on Monday as banks gained, with the composite "
                 "index up 12 points at 1,650, dealers said. Telkom rose on dividend hopes.")
SHARES_TUESDAY = ("Jakarta shares closed lower on Tuesday as miners fell, with the composite "
                  "index down 8 points at 1,642, dealers said. Aneka Tambang slid on nickel.")
BACKGROUND_TEXTS = [b[3] for b in BACKGROUND] + [FERRY_1[3], BOMB_KIRKUK[3], BOMB_QUETTA[3],
                                                 MINE_SHANXI[3], MINE_JIXI[3], TRIAL_1[3]]


def test_stories_strongest_ranks_by_weight_then_term() -> None:
    assert st.strongest({"b:a": 0.2, "b:b": 0.5, "b:c": 0.5}, 2) == ["b:b", "b:c"]


def test_stories_a_follow_up_repeats_the_key_terms_another_medal_does_not() -> None:
    archive = BACKGROUND_TEXTS + [SHOOTING_GOLD, SWIMMING_GOLD, SHOOTING_LATER]
    shooting = _body_field(SHOOTING_GOLD, archive)
    later = _body_field(SHOOTING_LATER, archive)
    swimming = _body_field(SWIMMING_GOLD, archive)
    same = st.key_term_overlap(later, shooting)
    other = st.key_term_overlap(swimming, shooting)
    assert same >= 0.4  # the champion's name and her event
    assert other <= 0.2 < same
    # the plain body cosine separates them far less: the template words are shared
    assert st.cosine(swimming, shooting) > 0.1


def test_stories_two_days_market_reports_share_few_key_terms() -> None:
    archive = BACKGROUND_TEXTS + [SHARES_MONDAY, SHARES_TUESDAY]
    monday = _body_field(SHARES_MONDAY, archive)
    tuesday = _body_field(SHARES_TUESDAY, archive)
    assert st.key_term_overlap(tuesday, monday) <= 0.4
    assert st.key_term_overlap(monday, monday) == 1.0


def test_stories_key_term_overlap_is_zero_without_words() -> None:
    shooting = _body_field(SHOOTING_GOLD, BACKGROUND_TEXTS)
    assert st.key_term_overlap({}, shooting) == 0.0
    assert st.key_term_overlap(shooting, {}) == 0.0


def test_stories_key_terms_feature_feeds_the_model() -> None:
    archive = BACKGROUND_TEXTS + [SHOOTING_GOLD, SWIMMING_GOLD, SHOOTING_LATER]
    shooting = {"b": _body_field(SHOOTING_GOLD, archive)}
    later = {"b": _body_field(SHOOTING_LATER, archive)}
    values = dict(zip(st.FEATURES, st.features(later, shooting, [], 1, 1, 1), strict=True))
    assert values["key_terms"] == st.key_term_overlap(later["b"], shooting["b"]) > 0
