"""Temporal expressions found in news sentences and normalised against a publication date.

Publication date for the tables: Wednesday 27 February 2019 (ISO week 2019-W09).
"""

from __future__ import annotations

import pytest

from newsgraph.nlp.times import find_times

PUBLISHED = "2019-02-27"

# (sentence, expected [(text, type, value), ...] in text order)
FOUND = [
    ("The minister resigned on Monday after a row over funding.",
     [("Monday", "DATE", "2019-02-25")]),
    ("The committee will vote on Friday on the new rules.",
     [("Friday", "DATE", "2019-03-01")]),
    ("Monday's meeting was called off at short notice.",
     [("Monday", "DATE", "2019-02-25")]),
    ("The party lost badly last June and recovered in the autumn polls.",
     [("last June", "DATE", "2018-06")]),
    ("Ministers are expected to publish the plan next month.",
     [("next month", "DATE", "2019-03")]),
    ("The group split from the party two weeks ago.",
     [("two weeks ago", "DATE", "2019-W07")]),
    ("Membership had already risen sharply earlier this year.",
     [("earlier this year", "DATE", "2019")]),
    ("The row first surfaced in December 2016 at a regional conference.",
     [("December 2016", "DATE", "2016-12")]),
    ("Police were called to the house at 1.35am and arrested a man.",
     [("1.35am", "TIME", "2019-02-27T01:35")]),
    ("Donations have fallen over the past year, the charity said.",
     [("the past year", "DURATION", "P1Y")]),
    ("Last week’s vote exposed deep divisions.",
     [("Last week", "DATE", "2019-W08")]),
    ("The club has never been relegated in its 116-year history.",
     [("116-year", "DURATION", "P116Y")]),
    ("Rail workers began a 24-hour strike over pay.",
     [("24-hour", "DURATION", "PT24H")]),
    ("The panel meets every week to review complaints.",
     [("every week", "SET", "P1W")]),
    ("The newsletter is published weekly by volunteers.",
     [("weekly", "SET", "XXXX-WXX")]),
    ("The law has been in force since 2000.",
     [("2000", "DATE", "2000")]),
    ("She was first elected on 5 May 2015 and re-elected two years later.",
     [("5 May 2015", "DATE", "2015-05-05"), ("two years later", "DATE", "2017")]),
    ("Sales rose in the third quarter, the company said yesterday.",
     [("the third quarter", "DATE", "2018-Q3"),
      ("yesterday", "DATE", "2019-02-26")]),
    ("The inquiry is now expected to report soon.",
     [("now", "DATE", "PRESENT_REF"), ("soon", "DATE", "FUTURE_REF")]),
    ("The firm was founded in the 1990s.",
     [("the 1990s", "DATE", "199")]),
    ("He left office in the 19th century's final decade.",
     [("the 19th century", "DATE", "18")]),
    ("Talks lasted nearly three hours on Tuesday night.",
     [("nearly three hours", "DURATION", "PT3H"), ("Tuesday night", "TIME", "2019-02-26TNI")]),
    ("Prices have doubled in recent years.",
     [("recent years", "DURATION", "PXY")]),
    ("The deadline is March 29, 2019.",
     [("March 29, 2019", "DATE", "2019-03-29")]),
    ("The fee is £40 a year for most members.",
     [("a year", "SET", "P1Y")]),
    ("This morning the leader apologised.",
     [("This morning", "TIME", "2019-02-27TMO")]),
    ("Sales fell in July last year.",
     [("July last year", "DATE", "2018-07")]),
]

# Sentences with words that look temporal but are not.
NOT_FOUND = [
    "Voters may turn against the government.",
    "Theresa May told MPs she would not resign.",
    "Protesters will march on parliament.",
    "The singer Jane March signed the letter.",
    "Some 2,000 people signed the petition.",
    "The 45-year-old man was arrested at the scene.",
    "A quarter of voters were undecided.",
    "He scored 2 goals in 3 games.",
    pytest.param("The current account deficit widened.", marks=pytest.mark.xfail(
        reason="'current' as a modifier is PRESENT_REF; a fixed compound is not told apart")),
]


def _found(nlp, sentence: str, published: str | None = PUBLISHED):
    return find_times(nlp(sentence), published)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), FOUND)
def test_times_finds_and_normalises(nlp, sentence, expected):
    got = [(t.text, t.type, t.value) for t in _found(nlp, sentence)]
    assert got == expected


@pytest.mark.slow
@pytest.mark.parametrize("sentence", NOT_FOUND)
def test_times_ignores_lookalikes(nlp, sentence):
    assert _found(nlp, sentence) == []


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), FOUND[:12])
def test_times_offsets_point_into_text(nlp, sentence, expected):
    for t in _found(nlp, sentence):
        assert sentence[t.start:t.end] == t.text


# Without a publication date, relative expressions stay underspecified.
UNANCHORED = [
    ("The party lost badly last June.", "XXXX-06"),
    ("The minister resigned on Monday.", "XXXX-WXX-1"),
    ("The group split from the party two weeks ago.", "XXXX-WXX"),
    ("Membership rose sharply earlier this year.", "XXXX"),
    ("The council met yesterday.", "XXXX-XX-XX"),
    ("The row first surfaced in December 2016.", "2016-12"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), UNANCHORED)
def test_times_without_anchor_are_underspecified(nlp, sentence, value):
    got = _found(nlp, sentence, None)
    assert [t.value for t in got] == [value]


# The tense of the governing verb picks the side of the anchor for a bare weekday or month.
TENSE = [
    ("The board met on Thursday.", "2019-02-21"),
    ("The board will meet on Thursday.", "2019-02-28"),
    ("The board plans to meet on Thursday.", "2019-02-28"),
    ("The board is meeting on Thursday.", "2019-02-28"),
    ("The union held a ballot in January.", "2019-01"),
    ("The union will hold a ballot in April.", "2019-04"),
    ("The union held a ballot in November.", "2018-11"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), TENSE)
def test_times_tense_decides_side_of_anchor(nlp, sentence, value):
    assert [t.value for t in _found(nlp, sentence)] == [value]


@pytest.mark.parametrize(
    "sentence",
    [
        "Settlers first farmed the valley some 4,000 years ago, archaeologists said.",
        "The temple was built 2,500 years ago.",
    ],
)
def test_times_distant_past_does_not_fail(nlp, sentence: str) -> None:
    found = find_times(nlp(sentence), "2001-05-04")
    assert all(t.value for t in found)
