"""Date rules of the third session on issue 21, each on rephrased news sentences, with the
cases that must stay as they are beside the ones they fix."""

from __future__ import annotations

import pytest

from newsgraph.nlp.times import find_times, plausible_year

RESULTS_DAY = "2019-11-05"  # a Tuesday, in the season of third-quarter results


def _readings(nlp, text: str, published: str) -> list[tuple[str, str, str, str | None]]:
    """(text, type, value, anchor) of each expression, with a written anchor named by the
    words at its offset instead of the offset."""
    out = []
    for t in find_times(nlp(text), published):
        anchor = t.anchor
        if anchor and anchor.startswith("previous:"):
            start = int(anchor.split(":", 1)[1])
            written = next(s for s in find_times(nlp(text), published) if s.start == start)
            anchor = f"previous:{written.text}"
        out.append((t.text, t.type, t.value, anchor))
    return out


# --- A results story reports the first quarter it names; one named in passing later does not
# become the period "the year-earlier period" and "a year ago" count from.
PERIOD = [
    ("Profit rose 20% in the third quarter, the bank said. After a flat second quarter, it "
     "sold more loans. Charges taken in the year-earlier period were smaller.",
     ("the year-earlier period", "2018-Q3", "previous:the third quarter")),
    ("The brewer earned more in the third quarter. Its second quarter had been weak, it said. "
     "Sales were lower a year ago.",
     ("a year ago", "2018-Q3", "previous:the third quarter")),
    # no quarter before it: the one named is the period
    ("The bank sold more loans after a flat second quarter. Charges taken in the "
     "year-earlier period were smaller.",
     ("the year-earlier period", "2018-Q2", "previous:second quarter")),
    # after "the first nine months" the story compares years until it names a quarter again
    ("Net rose in the third quarter. In the first nine months, sales rose from a year earlier."
     " In the fourth quarter the bank expects a loss, against a profit a year earlier.",
     ("a year earlier", "2018-Q4", "previous:the fourth quarter")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), PERIOD)
def test_times_rules_results_period_is_the_first_quarter_named(nlp, text, expected):
    readings = _readings(nlp, text, RESULTS_DAY)
    assert [(e, v, a) for e, _, v, a in readings if e == expected[0]][-1] == expected


# --- "The Nth day of ..." that a clause equates with a day is that day, not the Nth day
# counted from the last date written (TimeML values the day the expression refers to).
WEEKDAY_PUBLISHED = "2019-02-27"  # a Wednesday
EQUATED = [
    ("In the capital, today is the eighth day of the blockade.",
     [("today", "2019-02-27", "publication"), ("the eighth day", "2019-02-27", "previous:today")]),
    ("More shelling was heard in the north. It's the second day of an offensive by the army.",
     [("the second day", "2019-02-27", "publication")]),
    ("Monday was the third day of the strike, and the talks stalled.",
     [("Monday", "2019-02-25", "publication"), ("the third day", "2019-02-25", "previous:Monday")]),
    ("Clashes broke out again on Monday. It was the second day of fighting in the town.",
     [("Monday", "2019-02-25", "publication"), ("the second day", "2019-02-25", "previous:Monday")]),
    # counted from the first day written, as before
    ("Talks opened in Geneva on 4 March 2018. On the second day of talks, the envoys left.",
     [("4 March 2018", "2018-03-04", None),
      ("the second day", "2018-03-05", "previous:4 March 2018")]),
    # no day written and a past tense: no date at all
    ("It was the second day of fighting in the town.", []),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), EQUATED)
def test_times_rules_an_ordinal_day_equated_with_a_day_is_that_day(nlp, text, expected):
    readings = _readings(nlp, text, WEEKDAY_PUBLISHED)
    assert [(e, v, a) for e, _, v, a in readings] == expected


# --- The simple present of an event kept to a timetable looks forward from the story:
# "the leaders meet Friday" is the coming Friday; a present of saying or of market moves is
# a headline's past, as before.
TIMETABLE = [
    ("European leaders meet Friday for their last summit in Brussels.", "2019-03-01"),
    ("The trial resumes on Monday after a short break.", "2019-03-04"),
    ("Bremen need a point against Barcelona on Tuesday to go through.", "2019-03-05"),
    ("Mugabe opens the party conference on Friday in a rural town.", "2019-03-01"),
    # not a timetable: saying, a market's move, a past tense
    ("The minister says Monday's vote was fair.", "2019-02-25"),
    ("Tokyo shares close lower on Friday as exporters slip.", "2019-02-22"),
    ("The leaders met on Friday in Brussels.", "2019-02-22"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "value"), TIMETABLE)
def test_times_rules_a_timetable_present_looks_forward(nlp, text, value):
    readings = _readings(nlp, text, WEEKDAY_PUBLISHED)
    assert [v for _, _, v, _ in readings] == [value]


# --- A date ending a stretch that reaches the present (a present perfect with "until",
# "through") is not pushed behind the publication date by the past participle.
DEADLINES = [
    ("Lenders have extended the company's credit line through January.", "2020-01"),
    ("The government has postponed the vote until May.", "2020-05"),
    # a stretch that ended, or one reaching back to a month just gone: behind
    ("The minister served until January.", "2019-01"),
    ("The bank lent the company money until May.", "2019-05"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "value"), DEADLINES)
def test_times_rules_a_perfect_deadline_lies_ahead(nlp, text, value):
    assert [v for _, _, v, _ in _readings(nlp, text, RESULTS_DAY)] == [value]


@pytest.mark.slow
def test_times_rules_a_perfect_through_a_month_just_gone_stays_behind(nlp):
    text = "Sales have risen steadily through January, the agency said."
    assert [v for _, _, v, _ in _readings(nlp, text, WEEKDAY_PUBLISHED)] == ["2019-01"]


# --- "N units from now/today", "N units hence": a date counted forward from the publication
# date (TimeML's "two weeks from today"), one expression, never from a date written earlier.
FROM_NOW = [
    ("A year from now, the rates will be higher.", [("A year from now", "DATE", "2020")]),
    ("The debt will be repaid 10 years from now.", [("10 years from now", "DATE", "2029")]),
    ("The verdict is due two weeks from today.", [("two weeks from today", "DATE", "2019-W47")]),
    ("A few years from now the plant will close.",
     [("A few years from now", "DATE", "FUTURE_REF")]),
    ("Five years hence, the town will have doubled.", [("Five years hence", "DATE", "2024")]),
    # a results story's quarter does not move "from now" ...
    ("Net rose in the third quarter. A year from now, the bank expects more.",
     [("the third quarter", "DATE", "2019-Q3"), ("A year from now", "DATE", "2020")]),
    # ... and "ago" and "now" alone read as before
    ("The plant closed two years ago and is now a museum.",
     [("two years ago", "DATE", "2017"), ("now", "DATE", "PRESENT_REF")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), FROM_NOW)
def test_times_rules_units_from_now_count_forward(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


# --- A month that names a thing ("an April vote") takes the side of a past verb; with a
# present or future verb it stays the nearest month ("the January jobs report").
NAMING_MONTHS = [
    ("He was elected head of the federation in an April vote.", "2019-04"),
    ("The minister resigned after the March riots in the capital.", "2019-03"),
    ("Traders are waiting for the January jobs report.", "2020-01"),
    ("Investors will watch the January trade figures closely.", "2020-01"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "value"), NAMING_MONTHS)
def test_times_rules_a_month_naming_a_thing_follows_a_past_verb(nlp, text, value):
    assert [v for _, _, v, _ in _readings(nlp, text, "2019-12-10")] == [value]


# --- "A day earlier" does not count from a year named in passing in a clause that describes
# a noun: it is the day before the story's; a year in the main clause, or a count of years,
# still counts from it.
BACKGROUND = [
    ("Siniora, who leads a cabinet backed by a majority elected in 2005, a day earlier vowed "
     "to stay.", ("a day earlier", "2019-02-26", "publication")),
    ("The minister, who took office in 2015, two days earlier had promised to resign.",
     ("two days earlier", "2019-02-25", "publication")),
    ("The union was founded in 1998 and a day later its leader was arrested.",
     ("a day later", "1998", "previous:1998")),
    ("The company, founded in 1998, was sold two years later.",
     ("two years later", "2000", "previous:1998")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), BACKGROUND)
def test_times_rules_days_do_not_count_from_a_year_in_passing(nlp, text, expected):
    readings = _readings(nlp, text, WEEKDAY_PUBLISHED)
    assert [(e, v, a) for e, _, v, a in readings if e == expected[0]] == [expected]


# --- A wire's clock time written as four digits with a zone ("at 1657 GMT") is a time of
# the day, not a year; four digits without a zone stay a year.
WIRE_CLOCKS = [
    ("At 1657 GMT, the Dow Jones index was up 0.5 percent.",
     [("1657 GMT", "TIME", "2019-02-27T16:57")]),
    ("Trading resumed at 0930 UTC after the halt.", [("0930 UTC", "TIME", "2019-02-27T09:30")]),
    ("Tickets go on sale from 0900 GMT Friday on the website.",
     [("0900 GMT Friday", "TIME", "2019-03-01T09:00")]),
    ("The bank was founded in 1784 in New York.", [("1784", "DATE", "1784")]),
    ("The 1990 GMT accounts were restated.", [("1990", "DATE", "1990")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), WIRE_CLOCKS)
def test_times_rules_wire_clock_times(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, WEEKDAY_PUBLISHED)] == expected


# --- In a match report (a striker, a wicket, a touchdown) a bare "second half" or "fourth
# quarter" is a period of the game and a cricket "century" a hundred runs: no times. With a
# year of their own, or outside a match report, they are dates and durations as before.
MATCH_REPORTS = [
    ("The striker scored twice in the second half to seal the win.", []),
    ("The quarterback threw a touchdown pass late in the fourth quarter.", []),
    ("The batsman fell four runs short of a century before the bowlers took the last wicket.",
     []),
    ("The striker hopes to be fit again in the second half of 2020.",
     [("the second half of 2020", "DATE", "2020-H2")]),
    ("Sales rose 5% in the second half, the retailer said.",
     [("the second half", "DATE", "2019-H2")]),
    ("The empire ruled the region for a century.", [("a century", "DURATION", "P100Y")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), MATCH_REPORTS)
def test_times_rules_match_report_periods_are_no_dates(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


# --- "per hour" or "a month" after an amount is the unit of a rate (a speed, a wage) even
# with a conversion in brackets between them; counted events stay a set.
RATES = [
    ("The typhoon packed winds of 150 kilometres (93 miles) per hour when it struck.", []),
    ("Jobless workers who earned less than 20,000 kronor (2,900 dollars) a month get more.", []),
    ("The tax should raise 30 billion dollars (3.8 billion euros) a year.", []),
    ("The board meets twice a month (usually in Geneva).", [("a month", "SET", "P1M")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), RATES)
def test_times_rules_rates_behind_a_bracket_are_no_times(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


# --- "the 1973 coup": a year naming an event before a singular noun is a year; before a
# plural noun the number counts it.
YEAR_NAMES = [
    ("Soldiers carried out killings in the months after the 1973 coup.",
     [("1973", "DATE", "1973")]),
    ("Voters rejected independence in the 2002 referendum.", [("2002", "DATE", "2002")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), YEAR_NAMES)
def test_times_rules_a_year_naming_an_event(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "year", "plausible"), [
    ("Soldiers carried out killings after the 1973 coup.", "1973", True),
    ("Police said the 1800 protesters had left the square.", "1800", False),
])
def test_times_rules_the_pattern_reads_a_year_before_a_singular_noun_only(
        nlp, text, year, plausible):
    doc = nlp(text)
    start = text.index(year)
    span = doc.char_span(start, start + len(year))
    assert plausible_year(span, "the", year) is plausible


# --- A difference of ages ("ten years younger") is no more a time than an age is.
AGE_GAPS = [
    ("Some of the skaters are ten years younger than her.", []),
    ("The groom is 20 years older than the bride.", []),
    ("The ban was lifted ten years later.", [("ten years later", "DATE", "2029")]),
    ("The firm waited ten years to sell the plant.", [("ten years", "DURATION", "P10Y")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), AGE_GAPS)
def test_times_rules_age_gaps_are_no_durations(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


# --- "In the previous quarter" is the quarter before the one last written (a date), where
# "over the previous quarter" is a stretch; a game clock before "the end of the first half"
# makes it a period of the game.
PREVIOUS_AND_GAME = [
    ("Spending rose 12% between July and September, slowing from a 16% rise in the previous "
     "quarter.", ("the previous quarter", "DATE", "2019-Q2")),
    ("Prices rose steadily over the previous quarter.",
     ("the previous quarter", "DURATION", "P3M")),
    ("The guard was benched 2:46 before the end of the first half.", None),
    ("Profit fell in the first half, the company said.", ("the first half", "DATE", "2019-H1")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), PREVIOUS_AND_GAME)
def test_times_rules_previous_quarter_and_game_halves(nlp, text, expected):
    readings = [(e, t, v) for e, t, v, _ in _readings(nlp, text, "2019-12-14")]
    assert [r for r in readings if r[0] not in ("July", "September")] == \
        ([expected] if expected else [])


# --- "until then", "since then", "by then": the date written in reach (TimeML marks the
# anaphoric "then"); "then" in a sequence ("and then we left") is no time.
THEN = [
    ("Conversion rights end on Nov. 30. Until then, the stock remains convertible.",
     [("Nov. 30", "DATE", "2019-11-30"), ("then", "DATE", "2019-11-30")]),
    ("The plant closed in 2009. Since then, 400 jobs have gone.",
     [("2009", "DATE", "2009"), ("then", "DATE", "2009")]),
    ("By then, the bank had already failed.", []),
    ("The crowd cheered and then the band began to play.", []),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), THEN)
def test_times_rules_then_after_until_or_since(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


# --- "Half an hour later" is one expression; counted from a time of day written in reach it
# is a time ("at 9 pm ... half an hour later": 21:30), from a day only that day.
CLOCK_COUNTS = [
    ("Police arrived at 9 pm. Half an hour later, the gunman gave himself up.",
     [("9 pm", "TIME", "2019-02-27T21:00"), ("Half an hour later", "TIME", "2019-02-27T21:30")]),
    ("The bomb went off at 10:15 am. Two hours later, a second device was found.",
     [("10:15 am", "TIME", "2019-02-27T10:15"), ("Two hours later", "TIME", "2019-02-27T12:15")]),
    ("The bomb went off on Monday. Half an hour later, a second blast hit the market.",
     [("Monday", "DATE", "2019-02-25"), ("Half an hour later", "DATE", "2019-02-25")]),
    ("The lights went out for half an hour before the generator started.",
     [("half an hour before", "DURATION", "PT30M")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CLOCK_COUNTS)
def test_times_rules_hours_later_count_from_a_written_time(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, WEEKDAY_PUBLISHED)] == expected


# --- "the past" is the past itself only as a noun ("in the past"); before a number or a
# plural ("the past five sessions", "the past three summers") it describes what follows.
THE_PAST = [
    ("Such groups have struck in the past, police said.", [("the past", "DATE", "PAST_REF")]),
    ("The stock has lost 20% over the past five sessions.", []),
    ("Riots have marred the parades for the past three summers.", []),
    ("The fund has grown over the past three years.",
     [("the past three years", "DURATION", "P3Y")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), THE_PAST)
def test_times_rules_the_past_as_a_noun_only(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


# --- "the September quarter" (a quarter named by a month in it) and "year's end".
NAMED_QUARTERS = [
    ("Shares fell in the September quarter, the company said.",
     [("the September quarter", "DATE", "2019-Q3")]),
    ("The merger is expected to close by year's end.", [("year's end", "DATE", "2019-12-31")]),
    ("Sales rose in September, a quarter of them abroad.", [("September", "DATE", "2019-09")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), NAMED_QUARTERS)
def test_times_rules_quarters_named_by_a_month(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, RESULTS_DAY)] == expected


# --- "the previous Friday" is anaphoric: with no day in reach it counts from the last day
# the story wrote, however far back, and from the publication date only when none is.
PREVIOUS_WEEKDAY = [
    ("London shares closed lower on Friday in heavy trading. Sterling fell. Dealers were "
     "nervous. Gilts slipped. The index closed down 4.5% from the previous Friday.",
     ("the previous Friday", "2019-02-15", "previous:Friday")),
    ("The index closed down 4.5% from the previous Friday.",
     ("the previous Friday", "2019-02-22", "publication")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), PREVIOUS_WEEKDAY)
def test_times_rules_the_previous_weekday_counts_from_the_story_day(nlp, text, expected):
    readings = _readings(nlp, text, WEEKDAY_PUBLISHED)
    assert [(e, v, a) for e, _, v, a in readings if e == expected[0]] == [expected]


# --- "overnight": the night before the day the story is at (TimeML's TNI); a market's
# "overnight rate" or "an overnight stop" names no night.
OVERNIGHT = [
    ("The rebels struck overnight, killing five soldiers.",
     [("overnight", "TIME", "2019-02-26TNI")]),
    ("Shares fell on Friday. They were hit by overnight losses in New York.",
     [("Friday", "DATE", "2019-02-22"), ("overnight", "TIME", "2019-02-21TNI")]),
    ("The bank raised its overnight call rate target.", []),
    ("The envoy made an overnight stop in Tokyo.", []),
    ("Police struck overnight, and the mayor spoke later in the day.",
     [("overnight", "TIME", "2019-02-26TNI"), ("later in the day", "DATE", "2019-02-27")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), OVERNIGHT)
def test_times_rules_overnight_is_the_night_before(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, WEEKDAY_PUBLISHED)] == expected


# --- "the latest quarter" in a results story is the quarter the story reports (a fiscal
# fourth quarter, say), and the last full calendar quarter only when none is written.
LATEST = [
    ("The company earned $45 million in its fiscal fourth quarter ended Sept. 30. Sales in "
     "the latest period rose 13%.", ("the latest period", "2019-Q4")),
    ("Sales in the latest quarter rose 13%.", ("the latest quarter", "2019-Q3")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), LATEST)
def test_times_rules_the_latest_quarter_is_the_one_reported(nlp, text, expected):
    readings = _readings(nlp, text, "2019-11-02")
    assert [(e, v) for e, _, v, _ in readings if e == expected[0]] == [expected]


# --- Lookalikes met in wire copy: "a second" standing for a noun or before one, a cricket
# "fifth century", a capitalised "Midnight" inside a name; the real ones stay.
WIRE_LOOKALIKES = [
    ("The first inquiry looked at the killings while a second looked at the cover-up.", []),
    ("Prices rose again in 2006. A second gas war has been declared.",
     [("2006", "DATE", "2006")]),
    ("The lights went out for a second.", [("a second", "DURATION", "PT1S")]),
    ("Hayden scored his fifth century in eight Tests as the bowlers tired.", []),
    ("Crime fell sharply in the 19th century.", [("the 19th century", "DATE", "18")]),
    ("Ed Psaltis, skipper of AFR Midnight Rambler, said the wind may drop.", []),
    ("The offer expires at midnight on Friday.", [("midnight on Friday", "TIME", "2019-03-01T00:00")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), WIRE_LOOKALIKES)
def test_times_rules_wire_lookalikes(nlp, text, expected):
    assert [(e, t, v) for e, t, v, _ in _readings(nlp, text, WEEKDAY_PUBLISHED)] == expected


# --- "the Nth day of X" counts from the day written in reach only when X is named with that
# day ("The strike began on Monday ... the third day of the strike").
COUNTED_DAYS = [
    ("Gunmen attacked the convoy early Saturday. The attack came on the fourth day of a "
     "fragile ceasefire.", [("early Saturday", "2019-02-23")]),
    ("The strike began on Monday. By the third day of the strike, trains had stopped.",
     [("Monday", "2019-02-25"), ("the third day", "2019-02-27")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), COUNTED_DAYS)
def test_times_rules_an_ordinal_day_counts_from_its_own_start(nlp, text, expected):
    assert [(e, v) for e, _, v, _ in _readings(nlp, text, WEEKDAY_PUBLISHED)] == expected
