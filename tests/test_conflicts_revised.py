"""Conflicts, third set of rules: a figure a report gives as an earlier one (an update
inside one article), money named before its figure, and days next to a verb of saying.

The sentences and articles are invented in the style of wire copy (no corpus text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbcheck import conflicts_by_claims, ingested

from newsgraph.resolve.claims import find_claims
from newsgraph.resolve.conflicts import event_day, revision_order

# --- which figure of one article is the older ---


@pytest.mark.parametrize("first, second, order", [
    # the later sentence tells its figure as an earlier one
    ("The toll rose to four, a ministry official said.",
     "Earlier, police said three people were killed.", -1),
    ("Earlier, the army said 12 soldiers were wounded.",
     "Hospital staff later counted 15 wounded soldiers.", 1),
    ("The agency had initially reported nine dead.",
     "Nine people died in the fire, the agency said.", 1),
    ("An earlier toll of 20 was given by the governor.", "The toll is now 26.", 1),
    # the other sentence says it revises one
    ("The firm posted a loss of 80 million dollars, 20 million less than previously "
     "estimated.", "On October 20 it reported a loss of 100 million dollars.", -1),
    # neither sentence says which is older
    ("Four people were killed, the police said.",
     "Six people were killed, a hospital official said.", 0),
    # an earlier event of the same day is no earlier figure (two bombings on one day)
    ("A car bomb killed four people at the market on Wednesday, police said.",
     "Earlier on Wednesday, a roadside bomb killed three people near the bridge, police "
     "said.", 0),
    # "an earlier incident" is another event, not an earlier figure
    ("Two people were killed by the roadside bomb.",
     "In an earlier incident, five people were killed at a checkpoint.", 0),
])
def test_revised_which_figure_is_older(first: str, second: str, order: int) -> None:
    assert revision_order(first, second) == order


# --- money ---


@pytest.mark.parametrize("sentence, expected", [
    ("The storm caused $5 million in damage, officials said.",
     [("$5 million in damage", 5_000_000, "money:usd:damage")]),
    ("The carmaker reported a loss of 115 million dollars for the quarter.",
     [("loss of 115 million dollars", 115_000_000, "money:usd:loss")]),
    ("The carmaker posted losses of 91 million U.S. dollars in the quarter.",
     [("losses of 91 million U.S. dollars", 91_000_000, "money:usd:loss")]),
    ("The kidnappers demanded a ransom of $2 million for the engineer.",
     [("ransom of $2 million", 2_000_000, "money:usd:ransom")]),
    ("Floods caused losses worth 3 billion yuan in the province.",
     [("losses worth 3 billion yuan", 3_000_000_000, "money:cny:loss")]),
])
def test_revised_money_figures(sentence: str, expected: list) -> None:
    assert [(c.text, c.value, c.category) for c in find_claims(sentence)] == [
        tuple(e) for e in expected]


@pytest.mark.parametrize("sentence", [
    "The firm paid 5 million dollars for the land.",          # no subject that is counted
    "Shares rose 2 dollars to 40 dollars in early trade.",    # prices
    "The new stadium cost $5 million to build.",
])
def test_revised_money_without_a_subject_is_no_claim(sentence: str) -> None:
    assert find_claims(sentence) == []


def test_revised_two_figures_joined_by_and_stay_two() -> None:
    """"rose to four and nine others were wounded" is four dead and nine wounded, not 13;
    "three hundred and five" stays one number."""
    found = find_claims("The death toll rose to four and nine others were wounded.")
    assert [(c.value, c.category) for c in found] == [(4, "killed"), (9, "injured")]
    one = find_claims("Three hundred and five people were killed in the fighting.")
    assert [c.value for c in one] == [305]


# --- days ---


@pytest.mark.parametrize("text, day, is_event", [
    ("The militia on Tuesday urged its fighters to hit back.", "Tuesday", False),
    ("The rebels vowed on Monday to keep fighting.", "Monday", False),
    ("The explosion on Sunday claimed 17 lives.", "Sunday", True),   # "claimed" is no saying
    ("The bus plunged into the river on Friday.", "Friday", True),
    # a day named by reference repeats one named before (here when the group spoke)
    ("The statement followed the deaths of 19 villagers in the shelling in the day.",
     "the day", False),
    ("Police found the bodies that day.", "that day", False),
])
def test_revised_days_next_to_a_verb_of_saying(text: str, day: str, is_event: bool) -> None:
    start = text.index(day)
    assert event_day(text, start, start + len(day)) is is_event


# --- the stage on invented articles ---

ARTICLES = [
    {"id": "bomb-1", "published": "2006-11-20", "source": "Agency A",
     "title": "Toll rises in bombing of Tarsa market",
     "text": "The death toll rose to four and nine others were wounded when a car bomb "
             "exploded at a market in Tarsa on Wednesday, an interior ministry official "
             "said.\n\nEarlier, local police said three people were killed and nine "
             "wounded.\n\nIn another attack in Tarsa, a roadside bomb killed six people on "
             "Wednesday."},
    {"id": "loss-1", "published": "2006-11-21", "source": "Agency B",
     "title": "Carmaker trims its quarterly loss",
     "text": "The carmaker said on Tuesday it lost 80 million dollars in the third quarter, "
             "posting losses of 80 million U.S. dollars, 20 million dollars less than "
             "previously estimated.\n\nOn October 20, the company reported a loss of 100 "
             "million dollars for the quarter."},
    {"id": "clash-1", "published": "2006-11-22", "source": "Agency A",
     "title": "Clashes in Korra",
     "text": "Four people were killed in clashes in Korra on Thursday, the police said.\n\n"
             "Six people were killed in the clashes in Korra, a hospital doctor said."},
]


@pytest.fixture(scope="module")
def revised_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("conflict-revised"), ARTICLES)


def test_revised_stage_earlier_figure_is_an_update(revised_db: Path) -> None:
    """"Earlier, police said three" against the lead's "rose to four": one update, and the
    other attack's six is compared with neither."""
    found = conflicts_by_claims(revised_db)
    record = found[("bomb-1=3", "bomb-1=4")]
    assert record["disagreement"] is False
    assert [c["value"] for c in record["claims"]] == ["3", "4"]  # the earlier figure first
    assert not [k for k in found if "bomb-1=6" in k]


def test_revised_stage_two_bombings_of_one_day_apart(tmp_path: Path) -> None:
    """"Earlier on Wednesday, a roadside bomb killed three" is another bombing, not an
    earlier figure of the car bomb's four."""
    db = ingested(tmp_path, [
        {"id": "bombs-2", "published": "2006-11-20", "source": "Agency A",
         "title": "Two bombs hit Tarsa",
         "text": "A car bomb killed four people at a market in Tarsa on Wednesday, police "
                 "said.\n\nEarlier on Wednesday, a roadside bomb killed three people near a "
                 "bridge in Tarsa, police said."}])
    assert conflicts_by_claims(db) == {}


def test_revised_stage_revised_money_figure(revised_db: Path) -> None:
    found = conflicts_by_claims(revised_db)
    record = found[("loss-1=100000000", "loss-1=80000000")]
    assert record["disagreement"] is False
    assert [c["value"] for c in record["claims"]] == ["100000000", "80000000"]


def test_revised_stage_no_order_no_conflict(revised_db: Path) -> None:
    """Two figures with no word of which is earlier and no named sources: no pair (the
    stage cannot tell a disagreement from two counts)."""
    assert not [k for k in conflicts_by_claims(revised_db) if any(
        c.startswith("clash-1") for c in k)]
