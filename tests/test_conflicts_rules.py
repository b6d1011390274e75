"""Claims and conflicts, second set of rules: what a figure counts in wire roundups (asides,
partitives, subtotals by place, ordinal tallies, "bringing to N the number of ..."), which
days date an event, kinds of event, incidents told as "another", two sources in one report,
and reports that look back at an old figure.

The sentences and articles are invented in the style of wire copy (no corpus text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbcheck import conflicts_by_claims, ingested

from newsgraph.resolve.claims import find_claims
from newsgraph.resolve.conflicts import (
    Report,
    event_day,
    label,
    looks_back,
    same_kind,
    same_subject,
)


def claims_of(sentence: str) -> list[tuple[str, float, str, str]]:
    return [(c.text, c.value, c.category, c.group) for c in find_claims(sentence)]


# --- what a figure counts ---


@pytest.mark.parametrize("sentence, expected", [
    # the word right after the figure wins over a "casualty toll" before it
    ("The governor gave a lower casualty toll of 12 dead and nine wounded.",
     [("12 dead", 12, "killed", ""), ("nine wounded", 9, "injured", "")]),
    # an aside between the people counted and the verb
    ("Six people, including two children playing in the yard, were killed by the shell.",
     [("Six people, including two children playing in the yard, were killed", 6, "killed",
       "")]),
    ("The year's death toll -- soldiers, rebels and civilians alike -- is more than 2,900.",
     [("more than 2,900", 2900, "killed", "")]),
    # a comma-grouped figure is never a year
    ("Earlier this year, 1,900 were killed when a landslide buried a valley.",
     [("1,900 were killed", 1900, "killed", "")]),
    # another plural noun told as casualties
    ("The officer said seven other bodyguards were wounded in the attack.",
     [("seven other bodyguards were wounded", 7, "injured", "bodyguard")]),
    ("Police shot dead three suspected robbers at the checkpoint.",
     [("three", 3, "killed", "")]),
    ("Five people were found dead in the burnt-out flat on Sunday.",
     [("Five people were found dead", 5, "killed", "")]),
    # all who were caught against those not yet found
    ("Forty miners were trapped when the shaft flooded.",
     [("Forty miners were trapped", 40, "trapped", "")]),
    ("Three others still remained trapped on Tuesday.",
     [("Three others still remained trapped", 3, "missing", "")]),
    # people held
    ("According to those freed, only about 35 people had been held hostage by the gang.",
     [("about 35 people had been held hostage", 35, "hostage", "")]),
])
def test_rules_what_a_figure_counts(sentence: str, expected: list) -> None:
    assert claims_of(sentence) == [tuple(e) for e in expected]


@pytest.mark.parametrize("sentence", [
    "Ten kilometres of the road were closed after the storm.",
    "Two of the victims were children, the hospital said.",
    "The runner finished 12th in the race on Sunday.",
    "The 3rd Battalion lost its commander in the spring.",
    "In 1998, the storm destroyed the harbour.",
])
def test_rules_no_figure(sentence: str) -> None:
    assert find_claims(sentence) == []


def test_rules_partitive_counts_the_part_and_what_became_of_it() -> None:
    """"Eleven of the 28 men ... have been released" counts the released, not the men."""
    found = find_claims("Eleven of the 28 men seized at the depot by gunmen in uniform "
                        "have since been released, an official said.")
    assert [(c.text, c.value, c.category) for c in found] == [
        ("Eleven of the 28 men", 11, "released")]
    killed = find_claims("Five of the 12 hostages were killed when troops stormed the house.")
    assert (killed[0].value, killed[0].category) == (5, "killed")


def test_rules_subtotal_by_place() -> None:
    """"of which 30 were reported from Punjab" counts the total's deaths in one place."""
    found = find_claims("The outbreak has caused a total of 44 deaths, of which 30 were "
                        "reported from the Punjab province.")
    assert [(c.value, c.category, c.group) for c in found] == [
        (44, "killed", ""), (30, "killed", "in punjab")]
    assert found[0].running  # "a total of" on the figure itself is a tally
    placeless = find_claims("The outbreak has caused 44 deaths, of which 30 were children.")
    assert [c.value for c in placeless] == [44]


def test_rules_tallies() -> None:
    """Ordinals, "bringing to N the number of ..." and month-scoped counts are tallies."""
    nth = find_claims("The sergeant was the 3,012th US soldier to die in the war since "
                      "2003, according to a tally of official figures.")
    assert [(c.value, c.category, c.group, c.running) for c in nth] == [
        (3012, "killed", "soldier", True)]
    brought = find_claims("The deaths bring to 58 the number of US soldiers killed in the "
                          "country this month.")
    assert [(c.value, c.category, c.group, c.running) for c in brought] == [
        (58, "killed", "soldier", True)]
    month = find_claims("The attack took the military death toll for November to 58.")
    assert [(c.value, c.group, c.running) for c in month] == [(58, "soldier", True)]
    one_day = find_claims("The latest killing brings the number of soldiers killed on "
                          "Tuesday to six, the army said.")
    assert [(c.value, c.running) for c in one_day] == [(6, True)]  # a sum of incidents
    summed = find_claims("Officials confirmed 300 dead and another 200 missing, for a total "
                         "of 500.")
    assert not any(c.running for c in summed)  # a sum of two counts, no tally


@pytest.mark.parametrize("sentence, cue", [
    ("Wednesday also saw the death toll climb to 38 in the flooded pit.", True),
    ("Officials lowered the death toll to 31 after some bodies were counted twice.", True),
    ("Thirty-eight people died in the flooded pit on Wednesday.", False),
])
def test_rules_revision_verbs(sentence: str, cue: bool) -> None:
    assert find_claims(sentence)[0].cue is cue


# --- when, what kind, where ---


@pytest.mark.parametrize("text, day, is_event", [
    ("The blast happened on Sunday night.", "Sunday", True),
    ("The ministry said on Monday that 40 had died.", "Monday", False),
    ("The health ministry Monday said the toll was 40.", "Monday", False),
    ("A total of 900 patients had been admitted by Thursday evening.", "Thursday", False),
])
def test_rules_which_days_date_an_event(text: str, day: str, is_event: bool) -> None:
    start = text.index(day)
    assert event_day(text, start, start + len(day)) is is_event


def test_rules_kinds_of_event() -> None:
    """A mine fire and a mine blast are two events; "a mine" alone fits either."""
    assert not same_kind(frozenset({"mine", "fire"}), frozenset({"mine", "blast"}))
    assert same_kind(frozenset({"mine"}), frozenset({"mine", "blast"}))
    assert same_kind(frozenset(), frozenset({"blast"}))
    assert not same_kind(frozenset({"crash"}), frozenset({"flood"}))


def report(value: float, *, article: str, published: str = "2006-11-14",
           category: str = "killed", places: tuple[str, ...] = ("henan",),
           secondary: bool = False, day: str | None = None, source: str = "Agency A",
           cue: bool = False) -> Report:
    return Report(
        id=hash((article, value)) & 0xFFFF, article=article, published=published,
        source=source, value=value, category=category, group="", cue=cue,
        events=frozenset({"mine"}), places=frozenset(places),
        context=frozenset({"id-henan"}), day=day, secondary=secondary,
    )


def test_rules_another_incident_needs_its_place_named() -> None:
    """"In another accident in the province, the toll climbed to 20 at the Xiguan pit" is
    compared only with a report that names Xiguan."""
    other = report(20, article="a", places=("xiguan",), secondary=True)
    main = report(26, article="b", places=("henan",))
    assert not same_subject(main, other, {"Henan", "Dongshan Colliery"}, {"Henan", "Xiguan"})
    assert same_subject(main, other, {"Henan", "Xiguan"}, {"Henan", "Xiguan"})


def test_rules_loose_counts_of_the_missing() -> None:
    """The missing swing widely as reports come in (90 then 600); the dead do not (a
    one-off toll of 90 against 600 is another count)."""
    old = report(90, article="a", published="2006-12-01", category="missing")
    new = report(600, article="b", published="2006-12-04", category="missing")
    assert same_subject(new, old, {"Henan"}, {"Henan"})
    assert label(new, old)[0] is False  # a later day's higher count: an update
    dead_old = report(90, article="a", published="2006-12-01")
    dead_new = report(600, article="b", published="2006-12-04")
    assert not same_subject(dead_new, dead_old, {"Henan"}, {"Henan"})


def test_rules_a_look_back() -> None:
    assert looks_back(report(35, article="b", published="2006-11-14", day="2006-11-13"))
    assert not looks_back(report(40, article="b", published="2006-11-14"))
    assert not looks_back(report(40, article="b", published="2006-11-14", day="2006-11-14"))


# --- the stage on invented articles ---

ARTICLES = [
    {"id": "quake-1", "published": "2006-11-20", "source": "Agency A",
     "title": "Earthquake kills 35 in Tarsa",
     "text": "At least 35 people were killed when an earthquake struck the mountain province "
             "of Tarsa on Monday, officials said."},
    {"id": "quake-2", "published": "2006-11-21", "source": "Agency A",
     "title": "Tarsa quake toll rises to 41",
     "text": "The death toll from the earthquake in the mountain province of Tarsa has risen "
             "to 41, officials said on Tuesday.\n\nThe toll stood at 35 on Monday."},
    {"id": "ambush-1", "published": "2006-11-22", "source": "Agency B",
     "title": "Gunmen ambush lorry near Korra",
     "text": "A Union spokesman, Pedro Alves, said 20 civilians were killed and eight "
             "wounded on Saturday when gunmen ambushed a lorry near Korra.\n\nThe regional "
             "governor gave a lower toll of 12 dead and nine wounded, saying the lorry was "
             "attacked near the border with Nanda."},
    {"id": "kidnap-1", "published": "2006-11-23", "source": "Agency A",
     "title": "Gunmen seize ministry staff in Dalen",
     "text": "Gunmen in police uniforms stormed a ministry building in Dalen and seized "
             "dozens of staff on Thursday.\n\nThe minister, Omar Haddad, said the number of "
             "hostages was more than 90.\n\nAccording to freed captives, only about 35 people "
             "had been held hostage by the gunmen."},
    {"id": "raid-1", "published": "2006-11-24", "source": "Agency A",
     "title": "Some workers freed after depot raid in Dalen",
     "text": "Eleven of the 28 men seized at the Dalen depot by gunmen in uniform on "
             "Thursday have been released, an official said."},
    {"id": "raid-2", "published": "2006-11-24", "source": "Agency A",
     "title": "More workers freed after depot raid in Dalen",
     "text": "Fifteen of the 28 men seized at the Dalen depot by gunmen in uniform on "
             "Thursday have been released, an official said."},
    {"id": "fire-1", "published": "2006-11-26", "source": "Agency A",
     "title": "Mine fire kills seven in Henan",
     "text": "Seven miners died in a fire at a coal mine in Henan Province on Sunday, the "
             "provincial work safety bureau said."},
    {"id": "blast-1", "published": "2006-11-26", "source": "Agency B",
     "title": "Gas blast at Henan coal mine kills ten",
     "text": "A gas explosion at a coal mine in Henan Province on Sunday killed ten miners, "
             "the provincial government said."},
]


@pytest.fixture(scope="module")
def rules_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("conflict-rules"), ARTICLES)


def test_rules_stage_update_with_a_look_back(rules_db: Path) -> None:
    """Tuesday's 41 updates Monday's 35; its look back at 35 agrees and pairs with nothing."""
    found = conflicts_by_claims(rules_db)
    assert found[("quake-1=35", "quake-2=41")]["disagreement"] is False
    assert not [k for k in found if "quake-2=35" in k]


def test_rules_stage_lower_toll_from_another_source(rules_db: Path) -> None:
    """"A lower toll of 12 dead" set against the spokesman's 20 disagrees, though it names
    another place (where the attack happened near)."""
    found = conflicts_by_claims(rules_db)
    assert found[("ambush-1=12", "ambush-1=20")]["disagreement"] is True
    assert found[("ambush-1=8", "ambush-1=9")]["disagreement"] is True


def test_rules_stage_unnamed_source_disagrees_with_a_minister(rules_db: Path) -> None:
    found = conflicts_by_claims(rules_db)
    assert found[("kidnap-1=35", "kidnap-1=90")]["disagreement"] is True


def test_rules_stage_partitive_update_by_a_later_copy(rules_db: Path) -> None:
    """The same outlet's later copy the same day: 11 then 15 released is an update."""
    found = conflicts_by_claims(rules_db)
    record = found[("raid-1=11", "raid-2=15")]
    assert record["disagreement"] is False
    assert record["subject"].startswith("people released")
    assert [c["text"] for c in record["claims"]] == ["Eleven of the 28 men", "Fifteen of the 28 men"]


def test_rules_stage_mine_fire_and_mine_blast_apart(rules_db: Path) -> None:
    """Seven dead in a mine fire and ten in a mine blast the same day are two events."""
    assert not [k for k in conflicts_by_claims(rules_db) if any(c.startswith(("fire-1", "blast-1"))
                                                     for c in k)]


def test_rules_stage_keeps_words_and_offsets(rules_db: Path) -> None:
    from newsgraph.library import Newsgraph

    texts = {a["id"]: a["text"] for a in ARTICLES}
    with Newsgraph(rules_db) as ng:
        records = ng.conflicts()
    assert records
    for record in records:
        for claim in record["claims"]:
            assert texts[claim["article"]][claim["start"]:claim["end"]] == claim["text"]
