"""Claims and conflicts: figures with what they count, and reports that differ about them.

The sentences are invented in the style of wire copy (no corpus text)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from dbcheck import ingested

from newsgraph.evaluate.cross_conflicts import score
from newsgraph.resolve.claims import find_claims, number_value
from newsgraph.resolve.conflicts import (
    Report,
    comparable_values,
    consistent,
    label,
    place_key,
    same_subject,
    unmentioned,
)

# --- numbers ---


@pytest.mark.parametrize("text, value", [
    ("16", 16), ("1,200", 1200), ("2.5 million", 2_500_000), ("twenty-four", 24),
    ("two dozen", 24), ("a dozen", 12), ("three hundred and five", 305), ("Sixty-seven", 67),
])
def test_claims_number_value(text: str, value: float) -> None:
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["several", "many", "percent", ""])
def test_claims_number_value_not_a_number(text: str) -> None:
    assert number_value(text) is None


# --- claims: what a figure counts ---


@pytest.mark.parametrize("sentence, words, value, category, qualifier", [
    ("At least 16 people were killed when two buses collided near the capital on Monday.",
     "At least 16 people were killed", 16, "killed", "at least"),
    ("A landslide buried the village, killing 23 residents, officials said.",
     "23 residents", 23, "killed", None),
    ("The death toll from the gas blast at the colliery has risen to 40, rescuers said.",
     "40", 40, "killed", None),
    ("Two dozen people were injured in the stampede at the stadium.",
     "Two dozen people were injured", 24, "injured", None),
    ("More than 30 workers remain trapped underground after the flood.",
     "More than 30 workers remain trapped", 30, "missing", "more than"),
    ("The union said up to 150 jobs would go if the plant closed.",
     "up to 150 jobs", 150, "job", "up to"),
    ("A letter signed by 68 rabbis was published in the paper last week.",
     "68 rabbis", 68, "rabbi", None),
    ("Officials said the mudslides have left more than 1,080 people dead or missing.",
     "more than 1,080 people dead or missing", 1080, "killed+missing", "more than"),
    ("Officials confirmed 450 dead and another 636 missing.",
     "636 missing", 636, "missing", None),
    ("Police said 12 people were arrested after the clashes.",
     "12 people were arrested", 12, "arrested", None),
    ("Health officials said the patients declared positive for the virus reached 1,576.",
     "1,576", 1576, "patient", None),
])
def test_claims_counts(sentence: str, words: str, value: float, category: str,
                       qualifier: str | None) -> None:
    claims = find_claims(sentence)
    found = [c for c in claims if c.text == words]
    assert found, [c.text for c in claims]
    claim = found[0]
    assert (claim.value, claim.category, claim.qualifier) == (value, category, qualifier)
    assert sentence[claim.start:claim.end] == words


@pytest.mark.parametrize("sentence", [
    "Unemployment rose to 8 percent in 2005, the statistics office said.",
    "The 24-year-old driver was taken to hospital in the city.",
    "The ceasefire agreed in 1996 collapsed within 3 weeks.",
    "Prices climbed 4.5 per cent in the year to March.",
    "The summit opened on Nov. 13 in the capital.",
    "A man aged 47 was charged with the murder on Tuesday.",
    "The striker scored twice as his side won 3-0 at home.",
])
def test_claims_not_counts(sentence: str) -> None:
    """A percentage, a year, an age, a date, a duration or a score is not a count."""
    assert find_claims(sentence) == []


def test_claims_two_figures_in_one_toll_sentence() -> None:
    """The figure after the toll's figure is not the toll ("climbed to 35, with 12 more
    missing"): one death toll and one count of the missing."""
    sentence = ("The death toll in another accident in the province climbed to 35, with 12 "
                "more missing in the pit.")
    claims = {(c.value, c.category) for c in find_claims(sentence)}
    assert claims == {(35, "killed"), (12, "missing")}


@pytest.mark.parametrize("sentence", [
    "The military said two more troops were killed in action on Monday.",
    "Rescuers recovered another 26 bodies from the river.",
])
def test_claims_increments_are_not_figures(sentence: str) -> None:
    """"Two more troops" adds to a toll; it is no toll of its own."""
    assert find_claims(sentence) == []


def test_claims_cue_and_aggregate() -> None:
    rose = find_claims("The death toll rose to 24 on Tuesday as rescuers found more bodies.")
    assert rose[0].cue
    flat = find_claims("Twenty people were killed in the blast at the market on Friday.")
    assert not flat[0].cue
    summed = find_claims("Two recent colliery accidents in the province have killed 67 people.")
    assert summed[0].aggregate


# --- comparing two reports ---


def report(value: float, *, article: str = "b", published: str | None = "2006-11-14",
           source: str | None = "Agency A", category: str = "killed", cue: bool = False,
           places: tuple[str, ...] = ("shanxi",), context: tuple[str, ...] = ("id-shanxi",),
           events: tuple[str, ...] = ("mine",), day: str | None = None,
           qualifier: str | None = None, running: bool = False) -> Report:
    return Report(
        id=hash((article, value)) & 0xFFFF, article=article, published=published,
        source=source, value=value, category=category, group="", cue=cue,
        events=frozenset(events), places=frozenset(places), context=frozenset(context),
        qualifier=qualifier, day=day, running=running,
    )


def test_conflicts_rising_toll_is_an_update() -> None:
    old = report(24, article="a", published="2006-11-13")
    new = report(30, article="b", published="2006-11-14")
    assert label(new, old)[0] is False


def test_conflicts_rose_to_cue_is_an_update_even_same_day_elsewhere() -> None:
    old = report(24, article="a", published="2006-11-14", source="Agency A")
    new = report(30, article="b", published="2006-11-14", source="Agency B", cue=True)
    assert label(new, old)[0] is False


def test_conflicts_two_outlets_same_day_disagree() -> None:
    """24 dead in one outlet and 30 in another the same day: a disagreement."""
    old = report(24, article="a", published="2006-11-14", source="Agency A")
    new = report(30, article="b", published="2006-11-14", source="Agency B")
    assert label(new, old)[0] is True


def test_conflicts_same_outlet_later_copy_is_an_update() -> None:
    old = report(10, article="a", published="2006-11-13", category="missing")
    new = report(9, article="b", published="2006-11-13", category="missing")
    assert label(new, old)[0] is False


def test_conflicts_lower_toll_next_day_elsewhere_disagrees() -> None:
    old = report(19, article="a", published="2006-11-08", source="Agency A")
    new = report(18, article="b", published="2006-11-09", source="Agency B")
    assert label(new, old)[0] is True


def test_conflicts_different_mines_never_compared() -> None:
    """Two mines in two provinces: each report names a site the other article never does."""
    a = report(12, article="a", places=("hongyuan colliery", "shanxi"),
               context=("id-china", "id-hongyuan", "id-shanxi"))
    b = report(9, article="b", places=("baiyun coal mine", "guizhou"),
               context=("id-china", "id-baiyun", "id-guizhou"))
    names_a = {"China", "Hongyuan Colliery", "Shanxi Province"}
    names_b = {"China", "Baiyun Coal Mine", "Guizhou Province"}
    assert not same_subject(b, a, names_b, names_a)


def test_conflicts_same_mine_compared_though_towns_differ() -> None:
    """One colliery named by both: one event, even when the towns around it differ."""
    a = report(41, article="a", places=("jiaojiazhai colliery", "xinzhou"),
               context=("id-jjz", "id-xinzhou"))
    b = report(47, article="b", places=("jiaojiazhai", "datong"), context=("id-jjz", "id-datong"))
    assert same_subject(b, a, {"Jiaojiazhai", "Datong"}, {"Jiaojiazhai Colliery", "Xinzhou"})


def test_conflicts_different_bombings_on_different_days() -> None:
    a = report(2, article="a", events=("blast",), day="2006-11-12", places=("baghdad",),
               context=("id-baghdad",))
    b = report(3, article="b", events=("blast",), day="2006-11-15", places=("baghdad",),
               context=("id-baghdad",))
    assert not same_subject(b, a, {"Baghdad"}, {"Baghdad"})


def test_conflicts_different_kinds_of_event_never_compared() -> None:
    a = report(16, article="a", events=("crash",))
    b = report(20, article="b", events=("blast",))
    assert not same_subject(b, a, {"Shanxi"}, {"Shanxi"})


def test_conflicts_one_incident_against_a_yearly_total() -> None:
    """25 dead against 104 lives lost in a fortnight are different counts."""
    assert not comparable_values(25, 104)
    assert not comparable_values(3, 13)
    assert comparable_values(24, 25)
    assert comparable_values(2, 6)


def test_conflicts_rounded_bound_after_exact_figure_is_consistent() -> None:
    assert consistent(report(154, article="a"), report(150, qualifier="more than"))
    assert not consistent(report(19, article="a"), report(18, qualifier="at least"))


def test_conflicts_place_names_compared_loosely() -> None:
    assert place_key("the Gaza Strip") == "gaza"
    assert place_key("Shanxi Province") == "shanxi"
    assert unmentioned(frozenset({"israel", "gaza"}), {"Israeli", "Gaza Strip"}) == set()
    assert unmentioned(frozenset({"guizhou"}), {"Shanxi Province"}) == {"guizhou"}


# --- the scorer ---


def test_conflicts_scorer_matches_by_two_overlapping_claims() -> None:
    gold = [{"subject": "toll", "disagreement": False, "claims": [
        {"article": "a", "start": 0, "end": 10, "value": "24"},
        {"article": "b", "start": 5, "end": 20, "value": "25"}]}]
    right = {"disagreement": False, "subject": "s", "claims": [
        {"article": "a", "start": 2, "end": 4}, {"article": "b", "start": 10, "end": 12}]}
    wrong = {"disagreement": True, "subject": "t", "claims": [
        {"article": "a", "start": 50, "end": 60}, {"article": "b", "start": 10, "end": 12}]}
    report_ = score(gold, [right, wrong], {"a", "b"})
    assert (report_["matched"], report_["precision"], report_["recall"]) == (1, 0.5, 1.0)
    assert report_["label_accuracy"] == 1.0


# --- the stage on invented articles ---

ARTICLES = [
    {"id": "mine-1", "published": "2006-11-13", "source": "Agency A",
     "title": "Colliery blast kills 12 in Shanxi",
     "text": "Twelve miners were killed in a gas blast at the Hongyuan Colliery in Shanxi "
             "Province on Monday, local officials said.\n\nRescuers were searching for "
             "six others who were trapped underground."},
    {"id": "mine-2", "published": "2006-11-14", "source": "Agency A",
     "title": "Toll in Shanxi colliery blast rises to 18",
     "text": "The death toll from a gas blast at the Hongyuan Colliery in Shanxi Province has "
             "risen to 18, rescuers said on Tuesday.\n\nThe blast happened on Monday morning "
             "when 30 miners were working underground."},
    {"id": "mine-3", "published": "2006-11-14", "source": "Agency B",
     "title": "Flood at Guizhou coal mine kills nine",
     "text": "Nine miners were killed when water flooded the Baiyun Coal Mine in Guizhou "
             "Province on Tuesday, the provincial work safety bureau said."},
    {"id": "bomb-1", "published": "2006-11-17", "source": "Agency A",
     "title": "Market bomb kills 24 in Peshawar",
     "text": "At least 24 people were killed when a bomb exploded in a crowded market in "
             "Peshawar on Friday, police said."},
    {"id": "flood-1", "published": "2006-11-18", "source": "Agency A",
     "title": "Floods kill dozens in Kerala",
     "text": "Flash floods swept through villages in Kerala on Saturday, killing 40 people, "
             "according to the Indian Red Cross.\n\nThe state's relief commissioner, Ramesh "
             "Nair, said 25 people had died and rescuers were still searching the river banks."},
    {"id": "bomb-3", "published": "2006-11-19", "source": "Agency B",
     "title": "Two car bombs hit Kirkuk",
     "text": "A car bomb killed 11 people at a police checkpoint in Kirkuk on Sunday, police "
             "spokesman Ali Hassan said.\n\nShortly afterwards another car bomb killed four "
             "people near a market in Kirkuk, Colonel Omar Khalid of the Interior Ministry "
             "said."},
    {"id": "bomb-2", "published": "2006-11-17", "source": "Agency B",
     "title": "Thirty dead in Peshawar market blast",
     "text": "Thirty people were killed when a bomb ripped through a crowded market in "
             "Peshawar on Friday, hospital officials said."},
]


@pytest.fixture(scope="module")
def conflict_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("conflicts"), ARTICLES)


def conflicts_in(db: Path) -> list[dict]:
    from newsgraph.library import Newsgraph

    with Newsgraph(db) as ng:
        return ng.conflicts()


def pair(record: dict) -> tuple[str, ...]:
    return tuple(sorted(c["article"] for c in record["claims"]))


def test_conflicts_stage_finds_update_and_disagreement(conflict_db: Path) -> None:
    found = {pair(r): r for r in conflicts_in(conflict_db)}
    assert ("mine-1", "mine-2") in found
    assert found[("mine-1", "mine-2")]["disagreement"] is False
    assert [c["value"] for c in found[("mine-1", "mine-2")]["claims"]] == ["12", "18"]
    assert ("bomb-1", "bomb-2") in found
    assert found[("bomb-1", "bomb-2")]["disagreement"] is True


def test_conflicts_stage_two_sources_in_one_report(conflict_db: Path) -> None:
    """The Red Cross's 40 dead and an official's 25 in one article disagree; a second car
    bomb's toll in a roundup is another incident."""
    found = {pair(r): r for r in conflicts_in(conflict_db)}
    assert ("flood-1", "flood-1") in found
    assert found[("flood-1", "flood-1")]["disagreement"] is True
    assert ("bomb-3", "bomb-3") not in found


def test_conflicts_stage_never_compares_different_mines(conflict_db: Path) -> None:
    for record in conflicts_in(conflict_db):
        assert "mine-3" not in pair(record)


def test_conflicts_stage_keeps_words_and_offsets(conflict_db: Path) -> None:
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for record in conflicts_in(conflict_db):
        for claim in record["claims"]:
            assert texts[claim["article"]][claim["start"]:claim["end"]] == claim["text"]


def test_conflicts_stage_rebuild_agrees_with_incremental(conflict_db: Path, tmp_path: Path) -> None:
    import shutil

    from newsgraph.library import Newsgraph

    copy = tmp_path / "copy.db"
    shutil.copy(conflict_db, copy)
    before = sorted(pair(r) for r in conflicts_in(copy))
    with Newsgraph(copy) as ng:
        ng.resolve(rebuild=True)
    assert sorted(pair(r) for r in conflicts_in(copy)) == before


def test_conflicts_claim_lookup_uses_the_key_index(conflict_db: Path) -> None:
    from newsgraph.store.conflicts import CANDIDATES

    conn = sqlite3.connect(conflict_db)
    plan = " ".join(str(r[-1]) for r in conn.execute(
        "EXPLAIN QUERY PLAN " + CANDIDATES,
        {"keys": json.dumps(["killed||x"]), "lo": "2006-11-01", "hi": "2006-11-30"}))
    assert "SEARCH k USING PRIMARY KEY (key=? AND published>? AND published<?)" in plan
    assert "SEARCH c USING INTEGER PRIMARY KEY" in plan
    assert "SCAN k" not in plan and "SCAN c " not in plan


def test_conflicts_stage_updated_article_loses_its_old_claims(
    conflict_db: Path, tmp_path: Path
) -> None:
    """A new revision of an article replaces what the stage derived from the old one."""
    import shutil

    from newsgraph.library import Newsgraph

    copy = tmp_path / "copy.db"
    shutil.copy(conflict_db, copy)
    revised = {**ARTICLES[1], "text": ARTICLES[1]["text"].replace("risen to 18", "risen to 20")}
    source = tmp_path / "revised.jsonl"
    source.write_text(json.dumps(revised) + "\n", encoding="utf-8")
    with Newsgraph(copy) as ng:
        ng.ingest([source])
        found = {pair(r): r for r in ng.conflicts()}
        values = [c["value"] for c in found[("mine-1", "mine-2")]["claims"]]
        stale = ng.store._rows(
            "SELECT COUNT(*) FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE c.revision != a.revision")[0][0]
    assert values == ["12", "20"]
    assert stale == 0


def test_conflicts_cli_shows_both_claims(conflict_db: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli

    result = CliRunner().invoke(cli, ["conflicts", "--db", str(conflict_db), "--entity",
                                      "Peshawar"])
    assert result.exit_code == 0, result.output
    assert "DISAGREEMENT" in result.output
    assert "At least 24 people were killed" in result.output
    assert "Thirty people were killed" in result.output
    as_json = CliRunner().invoke(cli, ["conflicts", "--db", str(conflict_db), "--json"])
    records = json.loads(as_json.output)
    assert {pair(r) for r in records} >= {("bomb-1", "bomb-2"), ("mine-1", "mine-2")}


def test_conflicts_seeds_68_against_70_rabbis(corpora: Path, tmp_path: Path) -> None:
    """The seed story's "68 rabbis" (001) and "70 rabbis" (002) are one disputed figure."""
    from newsgraph.library import Newsgraph

    with Newsgraph(tmp_path / "seeds.db") as ng:
        ng.ingest([corpora / "seeds"])
        found = [r for r in ng.conflicts() if r["subject"].startswith("rabbis")]
    assert found, "no conflict about rabbis"
    values = sorted(c["value"] for c in found[0]["claims"])
    articles = sorted(c["article"][:3] for c in found[0]["claims"])
    assert (values, articles) == (["68", "70"], ["001", "002"])


@pytest.mark.parametrize("stories, compared", [
    ({"bomb-1": "s1", "bomb-2": "s1"}, True),
    # two story threads leave the pair to the shared-context test, which these two pass
    ({"bomb-1": "s1", "bomb-2": "s2"}, True),
])
def test_conflicts_stories_bound_the_comparison(
    conflict_db: Path, tmp_path: Path, stories: dict[str, str], compared: bool
) -> None:
    """Articles the stories stage placed in one story compare; in two, they compare only
    when their claims share context (as with no stories at all)."""
    import shutil

    from newsgraph.resolve import stages
    from newsgraph.store import Store

    copy = tmp_path / "copy.db"
    shutil.copy(conflict_db, copy)
    with Store(copy) as store:
        with store.transaction():
            # the stories as a stage would have placed them (only these two columns count)
            store.conn.execute("DELETE FROM story_articles")
            store.conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, revision, day, score,"
                " vector) VALUES (?, ?, 1, 0, 1.0, '{}')", list(stories.items()))
        stages.rebuild(store, ["conflicts"])
    assert (("bomb-1", "bomb-2") in {pair(r) for r in conflicts_in(copy)}) is compared
