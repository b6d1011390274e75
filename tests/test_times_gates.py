"""The gates in front of the date patterns: a pattern is skipped only where it cannot match.

A gate names words every match of its pattern contains. If one match anywhere lacked them,
skipping the pattern would lose that expression, so each test here runs the patterns over
text and checks every match against its gate.
"""

from __future__ import annotations

import pytest

from newsgraph.nlp.times import COMPILED, GATES, folded_words

# Forms that test the edges of the gates' word lists: glued, abbreviated, upper-case,
# hyphenated, plural and spoken forms of the words the patterns need.
EDGE_FORMS = [
    "The strike began at 5pm and ended at 6 A.M. the next day, before midday on Monday.",
    "Shares fell at 10.30 a. m. and recovered by noon Friday, 12 noon local time.",
    "At 1657 GMT the index was up; sales open at 0900 utc Wednesday.",
    "The 3rdquarter and the FIRST-QUARTER results beat the year-ago period and 1988's "
    "fourth quarter; the second half of 2019 was weak.",
    "Talks open on Sept. 4 and close on 12 Dec 2019; the deal dates from Jan. 1989.",
    "In mid-afternoon on Mondays, and late Tuesday evening, traders met; midmorning too.",
    "The bank was founded in the 1990s and grew through the '80s and the mid-1970s.",
    "Crime fell in the nineteen-sixties and the Nineties, and in nineteen ninety-six.",
    "Prices rose in the autumn of 1998 and in late summer, the third day of the fair.",
    "He came back two YEARS LATER, a fortnight earlier, centuries ago, many years ago.",
    "The 20th century, a half-century and half an hour; the year-end, year end of 1990.",
    "That day the same week; the day before, the week after; on Friday the 13th.",
    "The same period last year, the corresponding quarter a year earlier, like months of "
    "1988, the comparable nine months of the prior year.",
    "Every Thursday, each morning, twice a week, per year, quarterly and annually.",
    "The last two weeks, the next several days, the following year and the previous Friday.",
    "Earlier in the day, later that night, the morning after, this evening and tonight.",
    "For years, in months, recent weeks and the past decade; in the year two thousand.",
    "December last year, this coming Sunday, this past March and next spring.",
    "Tomorrow morning and yesterday afternoon; now, currently, soon and in the near term.",
    "Until then, since then, by then and till then nothing moved.",
    "The Sept. quarter, the June quarter and by year's end; the DECEMBER QUARTER.",
    "Rebels struck OVERNIGHT; the overnight rate rose.",
    "Dotless forms: ıt happened on Frıday, two days ago, in the fırst quarter.",
]


def _gate_holds(name: str, text: str) -> list[str]:
    """The matches of pattern ``name`` in ``text`` whose own words do not open its gate."""
    gate = GATES[name]
    rx = next(rx for n, rx, _ in COMPILED if n == name)
    return [m.group(0) for m in rx.finditer(text) if not gate.open(*folded_words(m.group(0)))]


@pytest.mark.parametrize("name", sorted(GATES))
def test_times_gates_open_on_every_match_of_edge_forms(name):
    for text in EDGE_FORMS:
        assert _gate_holds(name, text) == []


def test_times_gates_name_real_patterns():
    assert set(GATES) <= {name for name, _, _ in COMPILED}


@pytest.mark.parametrize(
    ("text", "shut"),
    [
        # no month, weekday, clock word or unit ending "ago": those patterns are skipped
        ("The minister said the plan would cost 40 million.",
         {"full_date", "month", "weekday", "clock", "ago", "vague_ago", "century"}),
        ("Voters were asked for their views by the party.", {"decade", "quarter", "season"}),
    ],
)
def test_times_gates_shut_where_nothing_can_match(text, shut):
    words, folded = folded_words(text)
    assert {name for name in shut if not GATES[name].open(words, folded)} == shut


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The talks ended at 5pm.", "clock"),
        ("It closed on Sept. 4.", "full_date"),
        ("A loss in the 3rdquarter.", "quarter"),
        ("Prices fell in the '80s.", "decade"),
        ("Crowds came in midafternoon.", "part_of_day"),
    ],
)
def test_times_gates_open_for_their_forms(text, name):
    assert GATES[name].open(*folded_words(text))


def test_times_gates_hold_on_timebank_develop_texts(corpora):
    """Every match of a gated pattern in the develop part of TimeBank opens its gate."""
    from newsgraph.evaluate.timebank import files_of_part, read_document

    folder = corpora / "timebank"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    for path in files_of_part(folder, "develop"):
        text = read_document(path).text
        for name in GATES:
            assert _gate_holds(name, text) == [], (path.name, name)
