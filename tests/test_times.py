"""Temporal expressions found in news sentences and normalised against a publication date.

Publication date for the tables: Wednesday 27 February 2019 (ISO week 2019-W09).
"""

from __future__ import annotations

import pytest

from newsgraph.model import TimeExpr, granularity_of
from newsgraph.nlp.times import counted_from, find_times, reference_of

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
    ("The fee is £40 a year for most members.", []),  # the unit of a price, no time
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


# --- Tense and aspect (issue 21): modals, plans and "will" look forward, the past looks back.
# An infinitive after a past verb settles nothing ("offered to buy ... on Friday" is past).
TENSE_FORWARD_AND_BACK = [
    # a weekday before a modal verb: the coming one (the seed's "could see" case, rephrased)
    ("Tuesday's executive meeting could see the party reject the code.", "2019-03-05"),
    ("The inquiry is due to report on Thursday.", "2019-02-28"),
    ("Ministers may announce the decision on Friday.", "2019-03-01"),
    ("The flights would resume in January.", "2020-01"),
    ("The mission will fly in December.", "2019-12"),
    # ... and their past counterparts look back
    ("Tuesday's executive meeting saw the party reject the code.", "2019-02-26"),
    ("The flights resumed in January.", "2019-01"),
    ("The chief executive stepped down in June for health reasons.", "2018-06"),
    ("The bidders extended their offers to buy the firm on Friday.", "2019-02-22"),
    ("The offer had been due to expire on Friday.", "2019-02-22"),
    # a past verb does not drag a near date to come into last year
    ("The offer was extended to March 6.", "2019-03-06"),
    # a bare participle takes the time of the verb it hangs on
    ("The coach was quoted as saying in April that he would stay.", "2018-04"),
    ("The envoy will begin withdrawing troops on Friday.", "2019-03-01"),
    ("Officials were seen withdrawing troops on Friday.", "2019-02-22"),
    # a month naming a report's period: the nearest, whatever the verb of its release
    ("Investors will study the January jobs report.", "2019-01"),
    ("The party will hold its April conference in Leeds.", "2019-04"),
    # ... nor push a month gone by into next year
    ("The party won the election in April.", "2018-04"),
    ("Attacks have doubled since April.", "2018-04"),
    ("The regulator gave the bank until early March to reply.", "2019-03"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), TENSE_FORWARD_AND_BACK)
def test_times_tense_and_modality_decide_direction(nlp, sentence, value):
    assert [t.value for t in _found(nlp, sentence)] == [value]


def _anchor(text: str, label: str | None) -> str | None:
    """"previous:<words>" in a table names the written date by its words: its offset here."""
    if label and label.startswith("previous:"):
        return f"previous:{text.index(label.split(':', 1)[1])}"
    return label


# --- Anchors other than the publication date (issue 21): the last date written in reach.
# (text, published, [(expression, value, anchor)]) for the expressions after the first.
ANCHORED = [
    ("The talks broke down on 3 March 2018 and resumed the following day.", "2018-03-08",
     [("the following day", "2018-03-04", "previous:3 March 2018")]),
    ("The ministers met on 12 July 2017, a day before the summit opened.", "2018-03-08",
     [("a day before", "2017-07-11", "previous:12 July 2017")]),
    # the seed's "just a day before" a meeting last July: July, not the day before publication
    ("The union met the minister in July 2017, just a day before the strike began.",
     "2018-03-08", [("just a day before", "2017-07", "previous:July 2017")]),
    ("She joined the bank in 2015 and left two years later.", "2018-03-08",
     [("two years later", "2017", "previous:2015")]),
    ("The mine flooded on 2 May 2016. Two weeks later, rescuers reached the last miners.",
     "2018-03-08", [("Two weeks later", "2016-W20", "previous:2 May 2016")]),
    ("The plant closed in 2009. That year, 400 jobs were lost.", "2018-03-08",
     [("That year", "2009", "previous:2009")]),
    ("The council voted in June 2017. That month, rents rose sharply.", "2018-03-08",
     [("That month", "2017-06", "previous:June 2017")]),
    ("Talks opened in Geneva on 4 March 2018. On the second day of talks, the envoys left.",
     "2018-03-08", [("the second day", "2018-03-05", "previous:4 March 2018")]),
    ("The plant opened in 2009 and closed two years later. A year later, it reopened.",
     "2018-03-08", [("two years later", "2011", "previous:2009"),
                    ("A year later", "2012", "previous:two years later")]),
    # a results story: "a year earlier" and "the quarter" are about the quarter it reports
    ("Net income rose to $5 million in the third quarter from $4 million a year earlier.",
     "2019-11-05", [("a year earlier", "2018-Q3", "previous:the third quarter")]),
    ("The bank lost money in the third quarter. Sales in the quarter fell. Profits rose at its "
     "fund arm. Costs were cut. A year ago, it made a profit.", "2019-11-05",
     [("the quarter", "2019-Q3", "previous:the third quarter"),
      ("A year ago", "2018-Q3", "previous:the third quarter")]),
    # nothing written in reach: the publication date, or nothing at all
    ("Talks collapsed on Monday and resumed the following day.", "2019-02-27",
     [("the following day", "2019-02-26", "previous:Monday")]),
    ("The talks resumed the following day.", "2019-02-27",
     [("the following day", "XXXX-XX-XX", None)]),
    # the seed's "just a day before" with no date in reach: the day before an event whose
    # date is unknown, not the day before publication
    ("The union met the minister just a day before the strike began.", "2018-03-08",
     [("just a day before", "XXXX-XX-XX", None)]),
    ("The party was founded in 2011. The group split from it two weeks ago.", "2018-03-08",
     [("two weeks ago", "2018-W08", "publication")]),
    ("The quarter was a difficult one, the chief executive said.", "2019-11-05",
     [("The quarter", "2019-Q3", "publication")]),
    ("Ministers expect prices to rise over the next week.", "2019-02-27", []),
    ("The plant opened in 2009. Jobs went. Orders fell. Costs rose. A year later, it closed.",
     "2018-03-08", [("A year later", "2019", "publication")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "published", "expected"), ANCHORED)
def test_times_resolve_against_the_date_written_in_reach(nlp, text, published, expected):
    found = _found(nlp, text, published)
    written = {t.text for t in found if t.anchor is None or t.anchor == "publication"}
    got = [(t.text, t.value, t.anchor) for t in found if t.text in {e[0] for e in expected}]
    assert got == [(e, v, _anchor(text, a)) for e, v, a in expected]
    assert all(t.text in written or t.text in {e[0] for e in expected} for t in found)


@pytest.mark.slow
def test_times_a_stretch_after_over_is_a_duration_not_a_date(nlp):
    found = _found(nlp, "Ministers expect prices to rise over the next week.")
    assert [(t.text, t.type, t.value) for t in found] == [("the next week", "DURATION", "P1W")]


# --- Not a date (issue 21): ordinals, counts, ages, scores, percentages, names and verbs.
NOT_A_DATE = [
    "The committee agreed to hold a second meeting before the vote.",  # the seed's ordinal
    "The board held a second meeting after lunch.",
    "The delegates arrived for the first day of talks.",  # no date to count the day from
    "Thousands will March on the capital.",
    "They march to the town hall in protest.",
    "Brian May played the anthem on the palace roof.",
    "May Ellis chaired the meeting.",
    "The suspect, 45 years of age, was remanded in custody.",
    "The visitors won 2-1 after extra time.",
    "Turnout was 60 percent, up from 45 percent.",
    "About three-quarters of the oil comes from the Gulf.",  # a fraction
]


@pytest.mark.slow
@pytest.mark.parametrize("sentence", NOT_A_DATE)
def test_times_not_a_date(nlp, sentence):
    assert _found(nlp, sentence) == []


# A silence of a minute is a duration, whatever the possessive.
SILENCES = [
    ("The lights went out for a second before the generator started.", "a second before"),
    ("Mourners held one minute's silence for the victims.", "one minute"),
    ("Fans stood for a minute's silence before kick-off.", "a minute"),
    ("The crowd fell silent for two minutes at eleven.", "two minutes"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "text"), SILENCES)
def test_times_a_minutes_silence_is_a_duration(nlp, sentence, text):
    found = _found(nlp, sentence)
    assert [(t.text, t.type) for t in found][:1] == [(text, "DURATION")]


# --- Every expression keeps its granularity and says what it was resolved against.
KEPT = [
    ("The row first surfaced in December 2016.", "DATE", "month", None),
    ("The minister resigned on Monday.", "DATE", "day", "publication"),
    ("Sales rose in the third quarter.", "DATE", "quarter", "publication"),
    ("The law has been in force since 2000.", "DATE", "year", None),
    ("Police were called at 1.35am.", "TIME", "time", "publication"),
    ("Donations have fallen over the past year.", "DURATION", None, None),
    ("The inquiry is expected to report soon.", "DATE", None, None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "type_", "granularity", "anchor"), KEPT)
def test_times_keep_granularity_and_anchor(nlp, sentence, type_, granularity, anchor):
    [found] = _found(nlp, sentence)
    assert (found.type, found.granularity, found.anchor) == (type_, granularity, anchor)
    record = found.to_dict()
    assert {"text", "start", "end", "type", "value"} <= set(record)  # the contract's fields
    assert (record["granularity"], record["anchor"]) == (granularity, anchor)


@pytest.mark.parametrize(
    ("value", "granularity"),
    [
        ("2019-02-25", "day"), ("2019-02-25T14:30", "time"), ("2019-02-25TMO", "time"),
        ("XXXX-WXX-1", "day"), ("2019-W08", "week"), ("2019-W08-WE", "week"),
        ("2018-06", "month"), ("XXXX-06", "month"), ("2019-SU", "season"),
        ("2019-Q3", "quarter"), ("2019-H1", "half"), ("2019", "year"), ("199", "decade"),
        ("18", "century"),
        ("P3W", None), ("PT24H", None), ("PRESENT_REF", None), ("FUTURE_REF", None), ("", None),
    ],
)
def test_times_granularity_of_values(value, granularity):
    assert granularity_of(value) == granularity


@pytest.mark.parametrize(
    ("value", "unit", "n", "expected"),
    [
        ("2018-03-03", "day", 1, "2018-03-04"),     # "the following day"
        ("2016-05-02", "weeks", 2, "2016-W20"),     # "two weeks later"
        ("2015", "years", 2, "2017"),                # "two years later"
        ("2019-Q3", "year", -1, "2018-Q3"),          # "a year earlier" in a results story
        ("2017-07", "day", -1, "2017-07"),           # "a day before" July: still July
        ("2018-W10", "month", 0, "2018-03"),         # "that month" after a week in March
    ],
)
def test_times_counted_from_a_written_date(value, unit, n, expected):
    reference = reference_of(TimeExpr("x", 0, 1, "DATE", value))
    assert reference is not None
    assert counted_from(reference, unit, n) == expected


@pytest.mark.parametrize("value", ["P2W", "PRESENT_REF", "XXXX-06", "XXXX-WXX-1", "199", "2019-SU"])
def test_times_vague_values_anchor_nothing(value):
    assert reference_of(TimeExpr("x", 0, 1, "DATE", value)) is None


# Smaller readings TimeML makes: lower-case seasons, counted days with a word between,
# twelve months named by their end, frequencies that label a noun, spoken years, plural units.
READINGS = [
    ("The team will tour Asia this summer.", [("this summer", "DATE", "2019-SU")]),
    ("Sales collapsed last fall.", [("last fall", "DATE", "2018-FA")]),
    ("Shares were suspended for eight trading days.",
     [("eight trading days", "DURATION", "P8D")]),
    ("The contract runs for an additional year.", [("an additional year", "DURATION", "P1Y")]),
    ("The group earned $76 million in the year ended December 31.",
     [("the year", "DURATION", "P1Y"), ("December 31", "DATE", "2018-12-31")]),
    ("The group earned $76 million in the year, its chairman said.",
     [("the year", "DATE", "2019")]),
    ("The company raised its quarterly dividend to 10 cents.", []),
    ("Average daily volume fell to 100 million shares.", []),
    ("The magazine is published weekly.", [("weekly", "SET", "XXXX-WXX")]),
    ("Two airlines will fly daily between the cities.", [("daily", "SET", "XXXX-XX-XX")]),
    ("The plant was built in nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996")]),
    ("Crime fell through the nineties.", [("the nineties", "DATE", "199")]),
    ("Troops are expected to arrive within weeks.", [("weeks", "DURATION", "PXW")]),
    ("Many patients died over the years.", [("the years", "DURATION", "PXY")]),
    ("The economy should slow in coming months.", [("coming months", "DATE", "FUTURE_REF")]),
    ("There were sell programmes in past years.", [("past years", "DATE", "PAST_REF")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), READINGS)
def test_times_timeml_readings(nlp, sentence, expected):
    assert [(t.text, t.type, t.value) for t in _found(nlp, sentence)] == expected


@pytest.mark.parametrize(
    ("anchor", "moved"),
    [("previous:12", "previous:112"), ("publication", "publication"), (None, None)],
)
def test_times_shifted_moves_offsets_and_written_anchor(anchor, moved):
    expr = TimeExpr("the following day", 40, 57, "DATE", "2018-03-04", anchor)
    assert expr.shifted(100) == TimeExpr("the following day", 140, 157, "DATE", "2018-03-04",
                                         moved)


# --- Readings added for the TimeBank held-out target: names, conjunctions, fractions, parts of
# the day, year ends, periods named by their end, quarters of a written year.
# Publication date: Thursday 2 November 1989 (a results-season business page).
BUSINESS_DAY = "1989-11-02"
MORE_READINGS = [
    # a programme's title is no time; the same words in running text are
    ('The minister said on ABC\'s "This Week" that talks would go on.', []),
    ("Listeners tuned in to Radio Today, which carried the speech.", []),
    ("This week the minister said that talks would go on.",
     [("This week", "DATE", "1989-W44")]),
    ("Today the minister said that talks would go on.",
     [("Today", "DATE", "1989-11-02")]),
    # "as soon as" and "soon after" place one event against another
    ("Hostages could leave as soon as the threats were lifted.", []),
    ("The envoy was probably killed soon after his capture.", []),
    ("The bank will soon start selling its branches.", [("soon", "DATE", "FUTURE_REF")]),
    # fractions of a unit in the unit below
    ("The refugees stayed in the camps for 2 1/2 years.",
     [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("The hearing lasted two and a half hours.",
     [("two and a half hours", "DURATION", "PT2H30M")]),
    ("A minute and a half later, a second plane landed.",
     [("A minute and a half", "DURATION", "PT1M30S")]),
    ("The refit took 1.5 years.", [("1.5 years", "DURATION", "P1Y6M")]),
    ("The lorry was stuck for half an hour.", [("half an hour", "DURATION", "PT30M")]),
    ("The shares rose 2 1/2 to 37 3/4.", []),  # prices, not durations
    # a part of the day with "early", "late" or "mid"
    ("At mid-afternoon yesterday the shares were down 5%.",
     [("mid-afternoon yesterday", "TIME", "1989-11-01TAF")]),
    ("By mid afternoon, officials said the fire was out.",
     [("mid afternoon", "TIME", "1989-11-02TAF")]),
    ("The troops kept to the middle of the road.", []),
    # the end of the year: this one ahead, the last one when the sentence looks back
    ("The firms hope to complete the merger by year-end.",
     [("year-end", "DATE", "1989-12-31")]),
    ("The index has risen 12% since year-end.", [("year-end", "DATE", "1988-12-31")]),
    ("The hotel stands at the end of the pier.", []),
    # a week, month or quarter named by its last day
    ("Claims were unchanged in the week ended Oct. 27.",
     [("the week", "DATE", "1989-W43"), ("Oct. 27", "DATE", "1989-10-27")]),
    ("Claims were unchanged in the week, the agency said.", [("the week", "DATE", "1989-W44")]),
    # a quarter of a year written before it or after it
    ("Margins were thin in 1988's fourth quarter.",
     [("1988", "DATE", "1988"), ("fourth quarter", "DATE", "1988-Q4")]),
    ("The deal should close in the first quarter of next year.",
     [("the first quarter of next year", "DATE", "1990-Q1")]),
    ("Sales rose in the fourth quarter of fiscal 1990.",
     [("the fourth quarter of fiscal 1990", "DATE", "1990-Q4")]),
    ("Profit doubled in the first half of the year.",
     [("the first half of the year", "DATE", "1989-H1")]),
    ("Net income fell from the year-earlier quarter.",
     [("the year-earlier quarter", "DATE", "1988-Q3")]),
    # "the previous/prior quarter" is the one before the quarter the story reports
    ("Profit rose in the third quarter. Sales were up 4% from the prior quarter.",
     [("the third quarter", "DATE", "1989-Q3"), ("the prior quarter", "DATE", "1989-Q2")]),
    ("Profit rose in the third quarter. Sales were up 4% from the previous quarter.",
     [("the third quarter", "DATE", "1989-Q3"), ("the previous quarter", "DATE", "1989-Q2")]),
    ("Net income rose 9% from the prior year.", [("the prior year", "DATE", "1988")]),
    ("Holders must act prior to the vote.", []),
    # "the months ahead" looks forward, "ahead of" a weekend does not make a time
    ("Demand should stay firm in the months ahead.",
     [("the months ahead", "DATE", "FUTURE_REF")]),
    # "the day": the day written just before it, else the publication day; idioms are not
    ("Shares rose after Oct. 12, the day before the plunge.",
     [("Oct. 12", "DATE", "1989-10-12"), ("the day", "DATE", "1989-10-12")]),
    ("The president flew to Ohio later in the day.",
     [("later in the day", "DATE", "1989-11-02")]),
    ("The rebels carried the day in the final vote.", []),
    ("The plant closed in 2009, the year the crisis peaked.",
     [("2009", "DATE", "2009"), ("the year", "DATE", "2009")]),
    ("Sales rose 5% in 1988 after falling 3% the year before.",
     [("1988", "DATE", "1988"), ("the year before", "DATE", "1987")]),
    ("Profit rose in the third quarter after a loss the quarter before.",
     [("the third quarter", "DATE", "1989-Q3"), ("the quarter before", "DATE", "1989-Q2")]),
    ("He arrived the day before and left.", [("the day before", "DATE", "XXXX-XX-XX")]),
    ("Shares fell on Friday, Oct. 27. In the morning, dealers sold heavily.",
     [("Friday, Oct. 27", "DATE", "1989-10-27"), ("the morning", "TIME", "1989-10-27TMO")]),
    ("The minister spoke in the afternoon.", [("the afternoon", "TIME", "1989-11-02TAF")]),
    ("Officials released tapes from the night the plane went down.",
     [("the night", "TIME", "XXXX-XX-XXTNI")]),
    ("He won on Oct. 26. They spoke by telephone the day after he took office.",
     [("Oct. 26", "DATE", "1989-10-26"), ("the day", "DATE", "XXXX-XX-XX")]),
    ("The summit met on Sunday, with the morning session chaired by the host.",
     [("Sunday", "DATE", "1989-10-29")]),
    # a results story that moves from its quarter to a run of months compares whole years
    ("Net rose in the third quarter from a year ago. For the first nine months, net fell from "
     "the 1988 period.",
     [("the third quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3"),
      ("the first nine months", "DURATION", "P9M"), ("the 1988 period", "DATE", "1988")]),
    ("Net rose in the third quarter. Nine-month net fell to $2 million from $3 million a year "
     "earlier.",
     [("the third quarter", "DATE", "1989-Q3"), ("Nine-month", "DURATION", "P9M"),
      ("a year earlier", "DATE", "1988")]),
    # "the previous Friday", "the following March": counted from the day written before
    ("The index closed lower on Oct. 27, down 4% from the previous Friday.",
     [("Oct. 27", "DATE", "1989-10-27"), ("the previous Friday", "DATE", "1989-10-20")]),
    ("The strike began on Oct. 3 and ended the following Monday.",
     [("Oct. 3", "DATE", "1989-10-03"), ("the following Monday", "DATE", "1989-10-09")]),
    ("The union struck in May 1988 and settled the following March.",
     [("May 1988", "DATE", "1988-05"), ("the following March", "DATE", "1989-03")]),
    ("The deal closed the previous Friday.", [("the previous Friday", "DATE", "1989-10-27")]),
    # "this coming" looks forward whatever the verb, "this past" back
    ("The vote is this coming Sunday.", [("this coming Sunday", "DATE", "1989-11-05")]),
    ("The vote was this past Sunday.", [("this past Sunday", "DATE", "1989-10-29")]),
    # "the same period last year" and its kin: the reported period, a year back
    ("Net rose in the third quarter. It was $4 million in the same period last year.",
     [("the third quarter", "DATE", "1989-Q3"),
      ("the same period last year", "DATE", "1988-Q3")]),
    ("Sales rose 5% from the corresponding quarter a year ago.",
     [("the corresponding quarter a year ago", "DATE", "1988-Q3")]),
    ("Net rose in the third quarter. Sales were flat against the comparable period of 1988.",
     [("the third quarter", "DATE", "1989-Q3"),
      ("the comparable period of 1988", "DATE", "1988-Q3")]),
    ("The firm was sold the same year its founder died.", [("the same year", "DATE", "XXXX")]),
    # decades written short, runs of consecutive units
    ("Prices soared in the '80s.", [("the '80s", "DATE", "198")]),
    ("Sales have fallen for two consecutive quarters.",
     [("two consecutive quarters", "DURATION", "P6M")]),
    ("The golfer shot 70s in every round.", []),
    # "one day" after "will" or a modal is some day to come; as an amount it is a duration
    ("She could one day lead the party.", [("one day", "DATE", "FUTURE_REF")]),
    ("The strike will last one day.", [("one day", "DURATION", "P1D")]),
    ("Analysts expect the shares to stay weak in the short term.",
     [("the short term", "DATE", "FUTURE_REF")]),
    # seasons named alone: the one we are in, else the side the verb points to
    ("The verdict is expected by spring.", [("spring", "DATE", "1990-SP")]),
    ("The museum will reopen in the fall.", [("the fall", "DATE", "1989-FA")]),
    ("Cold weather hit the region during winter.", [("winter", "DATE", "1988-WI")]),
    ("The plant opened in the summer of 1988.", [("the summer of 1988", "DATE", "1988-SU")]),
    ("Oil was cheap in the winter of nineteen ninety-four.",
     [("the winter of nineteen ninety-four", "DATE", "1994-WI")]),
    ("Prices recovered after the fall in shares.", []),
    ("The committee agreed to hold a second meeting in the spring.",  # the seed's ordinal
     [("the spring", "DATE", "1990-SP")]),
    ("The fall of the old regime changed the region.", []),
    ("The spring collection sold well.", []),
    # a stretch of a vague number of units is a duration (TempEval-3: PXD, PXW)
    ("Prices have risen over the past few weeks.", [("the past few weeks", "DURATION", "PXW")]),
    ("Talks should go on over the next several days.",
     [("the next several days", "DURATION", "PXD")]),
    # "recent" alone modifies an event without dating it; "recently" and "recent years" do
    ("The recent sale of the unit raised cash.", []),
    ("The unit was recently sold.", [("recently", "DATE", "PAST_REF")]),
    # "the week", "the weekend" of the day just written (a market report's Friday)
    ("The index fell 1% on Friday, Oct. 27. For the week, it dropped 4%.",
     [("Friday, Oct. 27", "DATE", "1989-10-27"), ("the week", "DATE", "1989-W43")]),
    ("Shares rose on Monday, Oct. 30, after talks over the weekend.",
     [("Monday, Oct. 30", "DATE", "1989-10-30"), ("the weekend", "DATE", "1989-W43-WE")]),
    # "the future" is the time to come, not a thing's prospects nor a modifier
    ("Talks could resume in the future.", [("the future", "DATE", "FUTURE_REF")]),
    ("The deal is crucial to the future of the airline.", []),
    ("He will set out a plan on the future status of the province.", []),
    # a weekday with a day of the month: the nearest month where they meet
    ("Stocks plunged on Friday the 13th, traders said.",
     [("Friday the 13th", "DATE", "1989-10-13")]),
    ("The vote will be held on Tuesday the 7th.", [("Tuesday the 7th", "DATE", "1989-11-07")]),
    # a game's quarter and a name that looks like an adverb are no times
    ("He scored with 23 seconds left in the second quarter.",
     [("23 seconds", "DURATION", "PT23S")]),
    ("Sales rose with two months left in the fourth quarter.",
     [("two months", "DURATION", "P2M"), ("the fourth quarter", "DATE", "1989-Q4")]),
    ("South Korea's Kim Soon takes the silver.", []),
    # a date entity with nothing readable in it places nothing on a timeline
    ("Fans filled the stadium as in the glory years of the club.", []),
    # "daily" the newspaper, cricket's centuries, a year written in three digits
    ("The minister told the Kommersant daily that talks were close.", []),
    ("He told the Turkish daily Sabah that the visit went well.", []),
    ("Two airlines will fly daily between the cities.", [("daily", "SET", "XXXX-XX-XX")]),
    ("The batsman raised his half-century off 69 balls.", []),
    ("The empire ruled the region for a century.", [("a century", "DURATION", "P100Y")]),
    ("The tribe was for centuries the backbone of the army.",
     [("centuries", "DURATION", "PXCE")]),
    ("Christians kept the rule until the year 325.", []),
    # "a year" after an amount is the unit of a rate; after "twice" it counts events
    ("The cut would save $500 million a year in costs.", []),
    ("The airline flies four flights a week to the city.", []),
    ("Trade tops eight billion U.S. dollars a year.", []),
    ("The company spent heavily for a year.", [("a year", "DURATION", "P1Y")]),
    ("The panel meets twice a week.", [("a week", "SET", "P1W")]),
    # a count of periods dates nothing; "the first days" says no number
    ("Jobs grew for the third consecutive month.", []),
    ("In the first days after the vote, prices fell.", [("the first days", "DURATION", "PXD")]),
    ("In the first two days after the vote, prices fell.",
     [("the first two days", "DURATION", "P2D")]),
    # ... but months of something else do not change the period compared
    ("Net rose in the third quarter. Staff got a bonus of six months of pay. A year earlier, "
     "the bank lost money.",
     [("the third quarter", "DATE", "1989-Q3"), ("six months", "DURATION", "P6M"),
      ("A year earlier", "DATE", "1988-Q3")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), MORE_READINGS)
def test_times_more_timeml_readings(nlp, sentence, expected):
    found = find_times(nlp(sentence), BUSINESS_DAY)
    assert [(t.text, t.type, t.value) for t in found] == expected
