"""Claims that are no figures: an event's day, a person's title, a perpetrator.

Sentences and articles are invented in the style of wire copy (no corpus text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbcheck import conflicts_by_claims, ingested

from newsgraph.resolve.fact_conflicts import Told, days_conflict, groups_differ, label
from newsgraph.resolve.facts import (
    event_days,
    perpetrators,
    plausible,
    same_group,
    title_words,
    titles_conflict,
)

# --- event days ---


def day_at(text: str, word: str, value: str) -> tuple[int, int, str]:
    start = text.index(word)
    return (start, start + len(word), value)


def test_facts_event_day_bound_to_its_event_word() -> None:
    text = "A car bomb exploded in a crowded market in Hallan on Monday, police said."
    facts = event_days(text, [(0, len(text))], [day_at(text, "Monday", "2006-11-13")],
                       "2006-11-14")
    assert [(f.value, f.category) for f in facts] == [("2006-11-13", "date:blast")]
    assert text[facts[0].start:facts[0].end] == facts[0].text
    assert facts[0].text.endswith("on Monday")


def test_facts_event_day_possessive() -> None:
    text = "Sunday's explosion at the Lintai colliery trapped 30 miners."
    facts = event_days(text, [(0, len(text))], [day_at(text, "Sunday", "2006-11-12")],
                       "2006-11-13")
    assert [(f.value, f.category) for f in facts] == [("2006-11-12", "date:blast")]
    assert facts[0].events == frozenset({"blast", "mine"})


def test_facts_an_hour_before_its_day_ends_no_sentence() -> None:
    from newsgraph.resolve.claims import sentences

    text = "The blaze broke out at 7:40 p.m. Sunday, rescuers said. It ended at 9 p.m. Police came."
    assert [text[s:e].strip() for s, e in sentences(text)] == [
        "The blaze broke out at 7:40 p.m. Sunday, rescuers said.", "It ended at 9 p.m.",
        "Police came."]


def test_facts_event_day_of_an_accident() -> None:
    """"accident" names no kind, and binds the day all the same; the setting is kept."""
    text = "Twelve miners died in a coal mine accident early Sunday in Dorsk Province."
    facts = event_days(text, [(0, len(text))], [day_at(text, "early Sunday", "2006-11-12")],
                       "2006-11-13")
    assert [(f.text, f.category, f.events) for f in facts] == [
        ("accident early Sunday", "date:event", frozenset({"mine"}))]


def test_facts_no_event_day_from_a_setting_alone() -> None:
    text = "Rescuers reached the Lintai colliery on Sunday."
    assert event_days(text, [(0, len(text))], [day_at(text, "Sunday", "2006-11-12")],
                      "2006-11-13") == []


@pytest.mark.parametrize("text, value, published", [
    # no event word in the sentence: a meeting's day
    ("The two leaders will meet in Varno on Monday to discuss trade.", "2006-11-20",
     "2006-11-14"),
    # a day after publication is a plan, not a reported event
    ("Officials said the vote on the bomb law is due on Monday.", "2006-11-20", "2006-11-14"),
    # when it was known, not when it happened
    ("The county received its first report of the accident at dawn Monday.", "2006-11-13",
     "2006-11-14"),
    # weeks before: history, not the news
    ("The bombing on November 1 was the worst in a decade.", "2006-11-01", "2006-11-30"),
])
def test_facts_no_event_day(text: str, value: str, published: str) -> None:
    word = re_word(text)
    assert event_days(text, [(0, len(text))], [day_at(text, word, value)], published) == []


def re_word(text: str) -> str:
    return "November 1" if "November 1" in text else "Monday"


def test_facts_event_day_only_in_the_lead() -> None:
    lead = "Police defused a device in Hallan. Talks resumed. Markets rose. "
    late = "A bomb exploded in Tarvo on Sunday."
    text = lead + late
    spans = [(0, 34), (35, 49), (50, 63), (64, len(text))]
    days = [day_at(text, "Sunday", "2006-11-12")]
    assert event_days(text, spans, days, "2006-11-13") == []


def test_facts_plausible_days() -> None:
    assert plausible("2006-11-12", "2006-11-13")
    assert plausible("2006-11-13", "2006-11-13")
    assert not plausible("2006-11-14", "2006-11-13")
    assert not plausible("2006-10-01", "2006-11-13")


# --- titles ---


@pytest.mark.parametrize("a, b", [
    (("foreign", "minister"), ("deputy", "foreign", "minister")),
    (("foreign", "minister"), ("defence", "minister")),
    (("vice", "president"), ("president",)),
    (("vice", "chairman"), ("chairman",)),
    (("major", "general"), ("lieutenant", "general")),
])
def test_facts_titles_that_cannot_both_hold(a: tuple, b: tuple) -> None:
    assert titles_conflict(a, b) and titles_conflict(b, a)


@pytest.mark.parametrize("a, b", [
    (("minister",), ("foreign", "minister")),          # one only says less
    (("foreign", "minister"), ("foreign", "minister")),
    (title_words("Defense Minister", None), title_words("Defence Minister", None)),
    (("prime", "minister"), ("president",)),           # two offices: not one title's words
    (("vice", "chairman"), ("deputy", "chairman")),     # one rank, two words
    (title_words("cabinet minister", None), ("deputy", "prime", "minister")),
    ((), ("president",)),
])
def test_facts_titles_that_may_both_hold(a: tuple, b: tuple) -> None:
    assert not titles_conflict(a, b)


def test_facts_title_words_keep_the_rank() -> None:
    assert title_words("Foreign Minister", "deputy") == ("deputy", "foreign", "minister")
    assert title_words("Vice-President", None) == ("vice", "president")
    assert title_words("Foreign Minister", "former") == ("foreign", "minister")


# --- perpetrators ---


def entity(text: str, name: str, type_: str = "ORG") -> dict:
    start = text.index(name)
    return {"name": name, "type": type_, "mentions": [(start, start + len(name))],
            "identity_id": None}


@pytest.mark.parametrize("text, group, words", [
    ("The Sorrow Front claimed responsibility for Tuesday's ambush on an army convoy.",
     "Sorrow Front", "Sorrow Front claimed responsibility"),
    ("Police blamed the Eastern Liberation Army for the blast that killed six people.",
     "Eastern Liberation Army", "blamed the Eastern Liberation Army"),
    ("Officials said the attack was carried out by the Sorrow Front.",
     "Sorrow Front", "carried out by the Sorrow Front"),
    ("Investigators believe the Northern Cell was behind the market bombing.",
     "Northern Cell", "Northern Cell was behind"),
])
def test_facts_perpetrator_named(text: str, group: str, words: str) -> None:
    ents = [entity(text, group)]
    found = perpetrators(text, [(0, len(text))], ents)
    assert [(f.value, f.text) for f in found] == [(group, words)]
    assert text[found[0].start:found[0].end] == found[0].text


@pytest.mark.parametrize("text, group, type_", [
    ("No group has claimed responsibility for the bombing in Hallan.", "Hallan", "GPE"),
    ("The Sorrow Front denied it was behind the attack.", "Sorrow Front", "ORG"),
    ("The Sorrow Front said it was not behind the attack on the convoy.", "Sorrow Front", "ORG"),
    ("Police blamed the Sorrow Front, a rival faction, in a statement.", "Sorrow Front", "ORG"),
    ("Officials said Iraqi insurgents were behind the attack.", "Iraqi", "NORP"),
    ("The Sorrow Front claimed responsibility for the new budget.", "Sorrow Front", "ORG"),
    # a spokesman claims for his group: he is not the group
    ("Spokesman Ali Varan claimed responsibility for the attack on the convoy.", "Ali Varan",
     "PERSON"),
    # words attributed to someone are no perpetrator
    ("A statement on the attack was attributed to the Sorrow Front.", "Sorrow Front", "ORG"),
])
def test_facts_no_perpetrator(text: str, group: str, type_: str) -> None:
    assert perpetrators(text, [(0, len(text))], [entity(text, group, type_)]) == []


def test_facts_same_group() -> None:
    assert same_group("al-Hadi Brigades", "the al-Hadi Brigades in Iraq")
    assert not same_group("Sorrow Front", "Northern Cell")


# --- comparison rules ---


def told(value: str, *, kind: str = "date", article: str = "b", published: str = "2006-11-14",
         source: str = "B", cue: bool = False, grp: str = "") -> Told:
    return Told(1, kind, article, published, source, value, "date:blast", grp, cue,
                frozenset({"blast"}), frozenset(), frozenset({"n:hallan"}))


def test_facts_days_one_apart_conflict() -> None:
    assert days_conflict(told("2006-11-13"), told("2006-11-12", article="a"))


def test_facts_days_too_far_apart_are_two_events() -> None:
    assert not days_conflict(told("2006-11-13"), told("2006-11-10", article="a"))


def test_facts_a_day_the_other_report_could_not_know() -> None:
    """Tuesday's report of a Monday blast and Thursday's of a Wednesday one: two blasts."""
    old = told("2006-11-13", article="a", published="2006-11-14")
    new = told("2006-11-15", published="2006-11-16")
    assert not days_conflict(new, old)


def test_facts_labels() -> None:
    old = told("2006-11-13", article="a", source="A")
    assert label(told("2006-11-12"), old) == (True, "reports about the same time differ")
    assert label(told("2006-11-12", cue=True), old)[0] is False
    assert label(told("2006-11-12", source="A"), old)[0] is False


def test_facts_groups_differ() -> None:
    a = told("Sorrow Front", kind="name", grp="id-1")
    assert groups_differ(a, told("Northern Cell", kind="name", grp="id-2"))
    assert not groups_differ(a, told("the Sorrow Front", kind="name", grp="id-3"))
    assert not groups_differ(a, told("Sorrow", kind="name", grp="id-1"))


def test_facts_scorer_by_kind() -> None:
    from newsgraph.evaluate.cross_conflicts import score

    def claim(article: str, start: int) -> dict:
        return {"article": article, "start": start, "end": start + 10, "value": "x"}

    gold = [{"subject": "toll", "disagreement": True, "claims": [claim("a", 0), claim("b", 0)]},
            {"subject": "day", "kind": "date", "disagreement": True,
             "claims": [claim("a", 50), claim("b", 50)]}]
    predicted = [
        {"subject": "toll", "kind": "number", "disagreement": True,
         "claims": [claim("a", 2), claim("b", 2)]},
        # a day's words overlapping the toll's: no match across kinds
        {"subject": "day?", "kind": "date", "disagreement": True,
         "claims": [claim("a", 5), claim("b", 5)]},
        {"subject": "title", "kind": "role", "disagreement": False,
         "claims": [claim("a", 90), claim("b", 90)]},
    ]
    report = score(gold, predicted, {"a", "b"})
    assert (report["matched"], report["predicted"]) == (1, 3)
    assert (report["number_precision"], report["date_recall"], report["role_predicted"]) == (
        1.0, 0.0, 1)


# --- the stage on article pairs ---

ARTICLES = [
    # one bombing given two days by two agencies the same day
    {"id": "day-1", "published": "2006-11-14", "source": "Agency A",
     "title": "Car bomb kills nine in Qarun market",
     "text": "A car bomb exploded in a crowded market in the town of Qarun on Monday, killing "
             "nine people, police said.\n\nThe blast destroyed several shops."},
    {"id": "day-2", "published": "2006-11-14", "source": "Agency B",
     "title": "Nine dead in Qarun market bombing",
     "text": "Nine people were killed when a car bomb exploded in a market in Qarun on Sunday, "
             "officials said.\n\nNo group has claimed responsibility for the bombing."},
    # another attack the same report tells apart ("in a separate attack")
    {"id": "day-4", "published": "2006-11-14", "source": "Agency C",
     "title": "Two soldiers hurt near Qarun",
     "text": "In a separate attack, a roadside bomb exploded near Qarun on Saturday, wounding "
             "two soldiers, police said."},
    # a later bombing in the same town: another event, not another day of the first
    {"id": "day-3", "published": "2006-11-17", "source": "Agency A",
     "title": "Second bombing hits Qarun",
     "text": "A suicide bomber blew himself up at a checkpoint in Qarun on Thursday, killing "
             "four policemen, police said."},
    # one person, two titles at the same time, then a change the later report tells
    {"id": "role-1", "published": "2006-11-20", "source": "Agency A",
     "title": "Minister visits Velsa",
     "text": "Foreign Minister Anton Brisk arrived in Velsa on Monday for talks on trade, "
             "the ministry said.\n\nBrisk will meet the president on Tuesday."},
    {"id": "role-2", "published": "2006-11-21", "source": "Agency B",
     "title": "Talks in Velsa",
     "text": "Deputy Foreign Minister Anton Brisk held talks in Velsa on Tuesday, the "
             "ministry said.\n\nBrisk said the talks went well."},
    {"id": "role-3", "published": "2006-12-02", "source": "Agency A",
     "title": "New defence minister for Kesh",
     "text": "Newly appointed Defence Minister Anton Brisk said on Friday that the army "
             "would leave the border towns.\n\nHe took the post after a cabinet reshuffle."},
    # a later report that calls the old title former: an update without a change verb
    {"id": "role-6", "published": "2006-12-09", "source": "Agency B",
     "title": "Kesh interior minister visits border",
     "text": "Interior Minister Anton Brisk, the former defence minister, visited the border "
             "towns on Saturday."},
    # a prime minister who is also party leader: two offices, no conflict
    {"id": "role-4", "published": "2006-11-22", "source": "Agency A",
     "title": "Kesh premier speaks",
     "text": "Prime Minister Lida Morn told parliament on Wednesday that taxes would fall."},
    {"id": "role-5", "published": "2006-11-23", "source": "Agency B",
     "title": "Party congress",
     "text": "Party leader Lida Morn opened the congress on Thursday."},
    # one ambush, two groups named: across two reports and inside one
    {"id": "perp-1", "published": "2006-12-05", "source": "Agency A",
     "title": "Ambush kills 12 soldiers near Dorva",
     "text": "Twelve soldiers were killed in an ambush near the northern town of Dorva on "
             "Monday, the army said.\n\nThe army blamed the Northern Liberation Army for "
             "the ambush."},
    {"id": "perp-2", "published": "2006-12-05", "source": "Agency B",
     "title": "Rebels claim Dorva ambush",
     "text": "The Dorva Martyrs Brigade claimed responsibility for an ambush that killed "
             "12 soldiers near Dorva on Monday.\n\nThe army said the attack was carried "
             "out by the Northern Liberation Army."},
    # one ambush, one group named by each of two reports the same day
    {"id": "perp-4", "published": "2006-12-08", "source": "Agency A",
     "title": "Ambush near Karvala claimed",
     "text": "The Sorrow Front claimed responsibility for an ambush on a police patrol near "
             "the southern city of Karvala on Thursday that killed five officers."},
    {"id": "perp-5", "published": "2006-12-08", "source": "Agency B",
     "title": "Police blame Red Hand for Karvala ambush",
     "text": "Police blamed the Red Hand for an ambush on a patrol near the southern city of "
             "Karvala on Thursday that killed five policemen."},
    # another attack elsewhere the next day, claimed by another group
    {"id": "perp-3", "published": "2006-12-06", "source": "Agency A",
     "title": "Bomb hits bus in Marra",
     "text": "The Southern Front claimed responsibility for a bomb that hit a bus in the "
             "port of Marra on Tuesday, killing three passengers."},
]


@pytest.fixture(scope="module")
def facts_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("conflict-facts"), ARTICLES)


def found_in(db: Path) -> dict[tuple[str, ...], dict]:
    return {k: r for k, r in conflicts_by_claims(db).items() if r["kind"] != "number"}


def test_facts_stage_two_days_for_one_bombing(facts_db: Path) -> None:
    found = found_in(facts_db)
    record = found[("day-1=2006-11-13", "day-2=2006-11-12")]
    assert record["kind"] == "date" and record["disagreement"] is True
    assert "Qarun" in record["subject"]


def test_facts_stage_a_later_bombing_is_another_event(facts_db: Path) -> None:
    assert not [k for k in found_in(facts_db) if any(c.startswith("day-3") for c in k)]


def test_facts_stage_a_separate_attack_is_another_event(facts_db: Path) -> None:
    assert not [k for k in found_in(facts_db) if any(c.startswith("day-4") for c in k)]


def test_facts_stage_two_titles_then_an_appointment(facts_db: Path) -> None:
    found = found_in(facts_db)
    same_time = found[("role-1=foreign minister", "role-2=deputy foreign minister")]
    assert same_time["kind"] == "role" and same_time["disagreement"] is True
    later = found[("role-2=deputy foreign minister", "role-3=defence minister")]
    assert later["disagreement"] is False
    assert later["subject"] == "title of Anton Brisk"


def test_facts_stage_a_former_title_makes_an_update(facts_db: Path) -> None:
    record = found_in(facts_db)[("role-3=defence minister", "role-6=interior minister")]
    assert record["disagreement"] is False


def test_facts_stage_two_offices_are_no_conflict(facts_db: Path) -> None:
    assert not [k for k in found_in(facts_db) if any(c.startswith("role-4") for c in k)]


def test_facts_stage_two_groups_for_one_ambush(facts_db: Path) -> None:
    found = found_in(facts_db)
    inside = found[("perp-2=Dorva Martyrs Brigade", "perp-2=Northern Liberation Army")]
    assert inside["kind"] == "name" and inside["disagreement"] is True
    # perp-2 gives the army's account too: no second conflict with perp-1's
    assert not [k for k in found if any(c.startswith("perp-1") for c in k)]


def test_facts_stage_two_reports_two_groups(facts_db: Path) -> None:
    record = found_in(facts_db)[("perp-4=Sorrow Front", "perp-5=Red Hand")]
    assert record["kind"] == "name" and record["disagreement"] is True
    assert [c["text"] for c in record["claims"]] == [
        "Sorrow Front claimed responsibility", "blamed the Red Hand"]


def test_facts_stage_another_attack_elsewhere(facts_db: Path) -> None:
    assert not [k for k in found_in(facts_db) if any(c.startswith("perp-3") for c in k)]


def test_facts_stage_keeps_words_and_offsets(facts_db: Path) -> None:
    from newsgraph.library import Newsgraph

    texts = {a["id"]: a["text"] for a in ARTICLES}
    with Newsgraph(facts_db) as ng:
        records = [r for r in ng.conflicts() if r["kind"] != "number"]
        entity = ng.conflicts(entity="Anton Brisk")
    assert {r["kind"] for r in records} == {"date", "role", "name"}
    for record in records:
        for claim in record["claims"]:
            assert texts[claim["article"]][claim["start"]:claim["end"]] == claim["text"]
    assert {r["kind"] for r in entity} == {"role"}


def test_facts_stage_rebuild_agrees(facts_db: Path, tmp_path: Path) -> None:
    from newsgraph.library import Newsgraph

    before = found_in(facts_db)
    copy = tmp_path / "copy.db"
    copy.write_bytes(facts_db.read_bytes())
    with Newsgraph(copy) as ng:
        ng.resolve(rebuild=True)
    assert found_in(copy).keys() == before.keys()


def test_facts_stage_export_and_cli_show_the_kind(facts_db: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli
    from newsgraph.library import Newsgraph

    with Newsgraph(facts_db) as ng:
        records = list(ng.export_cross("conflicts"))
        rows = list(ng.export_cross_rows("conflicts"))
    roles = [r for r in records if r["kind"] == "role"]
    assert roles and {c["value"] for c in roles[0]["claims"]} >= {"foreign minister"}
    assert {r["kind"] for r in rows} >= {"date", "role", "name"}
    result = CliRunner().invoke(cli, ["conflicts", "--db", str(facts_db)])
    assert result.exit_code == 0
    assert "DISAGREEMENT [date]: day of the" in result.output
    assert "UPDATE [role]: title of Anton Brisk" in result.output
