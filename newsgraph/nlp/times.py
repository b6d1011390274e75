"""Temporal expressions: find them, then give each an ISO-TimeML value.

``find_times(doc, published)`` is a cascade:

1. a table of patterns (``PATTERNS``: name, regular expression, reader) is run over the text,
   each pattern only where the text has the words it cannot match without (``GATES``: most
   articles have no clock time, season or "ago", and a skipped pattern costs nothing); each
   match is checked against the parse (``May`` the modal verb, ``March`` the verb or the
   surname, a bare number that is no year) and against the kind of story (a match report's
   "second half" is the game's) and kept as a candidate;
2. where candidates overlap, the longest wins (ties: the earlier pattern in the table);
3. each reader turns its match into a type and a value, resolved against the publication date
   (the *anchor*). A relative expression with no anchor gets an underspecified value such as
   ``XXXX-06`` or ``XXXX-WXX-1``. Where a bare weekday, month or quarter could be before or after
   the anchor, the tense of the governing verb decides (future -> the next one, else the last one:
   news mostly reports what has happened);
4. spaCy's DATE and TIME entities that no pattern found are added with the value of the
   recognisable part inside them, when there is one;
5. "the week", "the month" or "the quarter" followed by "ended <date>" is set to the one holding
   that date (``named_by_end``).

Besides the publication date, readers get the dates written in reach (``Context.references``:
"the following day", "the previous Friday", "the day") and, in a results story, the period it
reports (``Context.period_reference``: the last quarter or half written, or a whole year once the
story turns to "the first nine months"), from which "a year earlier", "the prior quarter" and
"the same period last year" count.

Spans follow TimeML: determiners and modifiers ("the past year", "nearly two weeks") are inside,
prepositions ("on Monday") and possessive endings ("Monday's") are outside.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from newsgraph.model import TimeExpr, TimeType
from newsgraph.nlp.base import doc_text

Direction = Literal["past", "future"]
# What the verb governing an expression says about its time: "past" (tense or perfect),
# "future" (will, a modal, a plan), "present" (a present tense that is neither), "open" (no verb).
Tense = Literal["past", "future", "present", "open"]

# ---------------------------------------------------------------------------------------------
# Vocabularies (data, kept apart from the logic below)
# ---------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {  # ISO weekday numbers
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
    "friday": 5, "saturday": 6, "sunday": 7,
}
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
}
# Unit word -> (ISO-TimeML duration letter, is a time-of-day unit, granularity of "N ago")
UNITS: dict[str, tuple[str, bool, str]] = {
    "second": ("S", True, "second"), "minute": ("M", True, "minute"),
    "hour": ("H", True, "hour"), "day": ("D", False, "day"), "week": ("W", False, "week"),
    "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "a hundred": 100, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "a number of")
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
PRESENT_WORDS = (
    "now", "currently", "current", "nowadays", "presently", "at present", "these days",
    "at the moment", "right now", "this time",
)
PAST_WORDS = ("recently", "recent", "lately", "the past")
FUTURE_WORDS = (
    "the future", "the near future", "the near term", "the long term", "the short term", "soon", "shortly",
)
SET_ADVERBS: dict[str, str] = {  # TimeBank writes "daily" as the calendar pattern it repeats
    "hourly": "PT1H", "daily": "XXXX-XX-XX", "nightly": "XXXX-XX-XXTNI", "weekly": "XXXX-WXX",
    "fortnightly": "P2W", "monthly": "XXXX-XX", "quarterly": "XXXX-QX", "yearly": "XXXX",
    "annually": "XXXX",
}
# Words before a bare four-digit number that make it a year ("in 2000", "since 1998").
YEAR_CUES = frozenset(
    "in since by until till of from to through before after during fiscal early late mid "
    "between and or around circa year".split()
)
# Words that, before "May"/"March"/..., make the capitalised word a month, not a verb or name.
MONTH_CUES = frozenset(
    "in since by until till of from to through before after during early late mid last next "
    "this that every each since".split()
)
AMBIGUOUS_MONTHS = frozenset({"may", "march", "june", "august", "jan", "mar", "sat", "sun"})
VERB_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "going", "gon"})
# A modal looks forward from the moment of speaking: "could see", "may meet", "would leave".
MODALS = frozenset({"could", "may", "might", "would", "should", "can", "ca", "must", "'d"})
# Words before "March"/"May" that make it a verb: "they will March on", "we March".
VERB_CUES = frozenset({*VERB_FUTURE_AUX, *MODALS, "not", "they", "we", "i", "you"})
SCHEDULE_VERBS = frozenset(  # present tense + these = a plan: "talks resume Monday"
    "expect plan schedule due set hope intend aim propose promise".split()
)
# Events kept to a timetable: their simple present with a date is the timetable's, ahead of
# the story ("the leaders meet Friday", "the trial resumes on Monday", "Bremen need a point
# against Barcelona on Tuesday"). Verbs of saying and of market moves are left out: their
# present is a headline's past ("shares close higher Friday").
TIMETABLE_VERBS = frozenset(
    "meet begin start open resume play face host visit arrive leave depart travel head hold go "
    "vote kick launch take await need convene gather sit testify appear fly tour debate "
    "expire lapse".split()
)
# Words before "the next/following/previous <unit>" that make it a stretch of time, not a date:
# "over the next week" (a duration) against "the following day" (a date).
STRETCH_PREPOSITIONS = frozenset(
    "over during for within in throughout through across".split()
)
# Granularities from fine to coarse (see ``model.granularity_of``).
GRAIN_RANK: dict[str, int] = {
    "time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 5, "half": 6, "year": 7,
    "decade": 8, "century": 9,
}
# How many sentences back a written date stays in reach as the anchor of "the following day",
# "two weeks later", "that month": the sentence itself and the two before it.
REFERENCE_REACH = 2
# How much nearer the other side of the anchor must be for a month or a day named without a
# year to be put there against the tense (months, days). Unsettled: a little. Past: a lot,
# but not always: "stepped down in March" and "won the vote in January" (said in November) are
# this year's, while "extended to Nov. 16" or "gave them until mid-November" (a past verb, a
# date to come) are ahead. Future: always forward.
SIDE_PENALTY: dict[Tense, dict[str, int]] = {
    "past": {"month": 9, "day": 200},
    "future": {"month": 12, "day": 366},
    "present": {"month": 3, "day": 45},
    "open": {"month": 3, "day": 45},
}
# Tenses that put a bare weekday or month after the anchor.
FORWARD_TENSES: frozenset[str] = frozenset({"future"})

# ---------------------------------------------------------------------------------------------
# Regular-expression fragments
# ---------------------------------------------------------------------------------------------

MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY_NAME_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAY_RE = WEEKDAY_NAME_RE + "s?"
DAYNUM_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)(?!\d|,\d)"
SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"
PART_RE = r"(?:morning|afternoon|evening|night)"
UNIT_RE = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"
_NUM_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand)"
)
NUM_RE = (
    rf"(?:\d[\d,]*(?:\.\d+)?(?:\s+1/2)?|{_NUM_WORD}(?:[-\s]{_NUM_WORD})?|an?(?:\s+hundred)?"
    r"|a\s+couple\s+of|couple\s+of|a\s+dozen|a\s+few|few|several|many|some|a\s+number\s+of)"
)
APPROX_RE = (
    r"(?:about|around|nearly|almost|roughly|approximately|some|more\s+than|less\s+than"
    r"|fewer\s+than|over|under|up\s+to|at\s+least|at\s+most|no\s+more\s+than|just|only"
    r"|barely|well\s+over|close\s+to|the\s+better\s+part\s+of)"
)
APPROX_BEFORE_THE_RE = (  # "over the past year": "over" is the preposition, left outside
    r"(?:about|nearly|almost|roughly|approximately|more\s+than|less\s+than|at\s+least"
    r"|just|only|barely|well\s+over)"
)
SPAN_MOD_RE = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle|rest)\s+of)[-\s]+)"
CLOCK_RE = (  # "5pm", "10.30 a.m.", "noon"; a wire's "1657 GMT" (four digits with a zone)
    r"(?:\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]m\b|[ap]\.\s?m\.)|noon|midday|midnight"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:GMT|UTC)\b))"
    r"(?:\s+(?:GMT|UTC|BST|CET|[ECMP][SD]T|local\s+time))?"
)

# ---------------------------------------------------------------------------------------------
# The context a reader gets
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A date written earlier in the discourse, from which "the following day", "two weeks
    later" or "that month" count (TimeML's anchorTimeID)."""

    day: date  # its first day
    granularity: str  # "day", "week", "month", "quarter", "half" or "year"
    start: int  # its offset in the text
    # Written in a clause that describes a noun ("a majority elected in 2005"): background,
    # not the time the story has moved to.
    background: bool = False
    minutes: int | None = None  # the time of day written with it ("9 pm": 1260), if any

    @property
    def label(self) -> str:
        return f"previous:{self.start}"


@dataclass(frozen=True)
class Context:
    """What a reader needs besides its match: the anchors and the tense around the match."""

    anchor: date | None  # the publication date
    direction: Direction
    before: str  # the word just before the match, lower-cased ("" at the start)
    tense: Tense = "open"
    after: str = ""  # the word just after the match, lower-cased
    references: tuple[Reference, ...] = ()  # dates written in reach before the match, in order
    # The first quarter or half written anywhere before the match (or the year of "the first
    # nine months" after it): the period a results story is about, which "the quarter" and
    # "a year earlier" refer to however far back it was.
    period_reference: Reference | None = None
    # The match follows the last date written with only a comma between: "Oct. 12, the day
    # before the plunge", "in 2009, the year the crisis peaked" name that date again.
    apposed: bool = False
    # The day a clause says the match is, and the label of that day's anchor: "today is the
    # eighth day of the blockade", "Monday was the third day of the strike".
    equated: tuple[date, str] | None = None
    # The last day written anywhere before the match, however far back: "the previous
    # Friday" is anaphoric and never counts from the publication date while a day is written.
    story_day: Reference | None = None

    @property
    def reference(self) -> Reference | None:
        """The last date written in reach."""
        return self.references[-1] if self.references else None

    def reference_for(self, unit: str) -> Reference | None:
        """The last date written in reach that "<n> <unit>s earlier/later" counts from: for a
        count of days or weeks, not a year named in passing in a clause describing a noun
        ("Siniora, who heads a government elected in 2005, a day earlier vowed ...")."""
        fine = UNITS[unit_of(unit)][2] in ("second", "minute", "hour", "day", "week")
        for reference in reversed(self.references):
            if fine and reference.background and \
                    GRAIN_RANK[reference.granularity] > GRAIN_RANK["month"]:
                continue
            return reference
        return None


# (type, value) or (type, value, anchor label) when a reader chose its own anchor.
Reading = tuple[TimeType, str] | tuple[TimeType, str, str | None] | None
Reader = Callable[[re.Match[str], Context], Reading]


# ---------------------------------------------------------------------------------------------
# Small value helpers
# ---------------------------------------------------------------------------------------------


def month_number(word: str) -> int:
    return MONTHS[word.lower()[:3]]


def weekday_number(word: str) -> int:
    lower = word.lower()
    return WEEKDAYS[lower[:-1] if lower.endswith("days") else lower]


def number_value(text: str) -> int | None:
    """"two" -> 2, "1,000" -> 1000, "twenty-four" -> 24, "several" -> None (vague)."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    if t in VAGUE_NUMBERS:
        return None
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    t = t.replace(",", "")
    if re.fullmatch(r"\d+", t):
        return int(t)
    parts = re.split(r"[-\s]", t)
    if parts and all(p in NUMBER_WORDS for p in parts):
        total = 0
        for p in parts:
            big = p in ("hundred", "thousand")
            total = max(total, 1) * NUMBER_WORDS[p] if big else total + NUMBER_WORDS[p]
        return total
    return None


def unit_of(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def duration_value(amount: str | None, unit: str) -> str:
    """ISO-TimeML duration: ("2", "weeks") -> "P2W", ("24", "hour") -> "PT24H"."""
    u = unit_of(unit)
    letter, is_time, _ = UNITS[u]
    n: str = "X"
    if amount is not None:
        a = amount.strip()
        half = a.endswith("1/2")
        value = number_value(a.replace("1/2", "").strip()) if a else 1
        if value is not None:
            n = f"{value}.5" if half else str(value)
        elif re.fullmatch(r"\d*\.\d+", a):
            n = f"{float(a):g}"  # "1.5 years", ".5 hour"
    scale = {"fortnight": 2, "quarter": 3, "decade": 10, "century": 100}.get(u)
    if scale and n != "X":
        n = f"{float(n) * scale:g}"
        letter = {"quarter": "M", "decade": "Y", "century": "Y"}.get(u, letter)
    if n == "0.5" and letter == "D":
        return "PT12H"  # "half a day"
    half = re.fullmatch(r"(\d+)\.5", n)
    if half and letter in HALVES and (is_time or letter == "Y"):
        # ISO durations take no fractions here: "2 1/2 years" -> P2Y6M, "an hour and a half"
        # -> PT1H30M
        whole = f"{half.group(1)}{letter}" if half.group(1) != "0" else ""
        return ("PT" if is_time else "P") + whole + HALVES[letter]
    return f"PT{n}{letter}" if is_time else f"P{n}{letter}"


# Half of a unit in the next unit down, for fractional durations.
HALVES: dict[str, str] = {"Y": "6M", "H": "30M", "M": "30S"}


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def at_granularity(d: date, granularity: str) -> str:
    """A date written at a granularity: day, week, month, quarter, year, decade, century."""
    if granularity in ("day", "hour", "minute", "second"):
        return d.isoformat()
    if granularity == "week":
        return iso_week(d)
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == "quarter":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if granularity == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if granularity == "decade":
        return f"{d.year:04d}"[:3]
    if granularity == "century":
        return f"{d.year:04d}"[:2]
    return f"{d.year:04d}"


UNDERSPECIFIED: dict[str, str] = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
    "year": "XXXX", "decade": "XXX", "century": "XX",
}


def shifted(anchor: date, unit: str, n: int) -> date:
    """The anchor moved by n units (negative: back)."""
    u = unit_of(unit)
    if u in ("hour", "minute", "second"):
        return anchor
    if u == "quarter":
        return anchor + relativedelta(months=3 * n)
    if u == "decade":
        return anchor + relativedelta(years=10 * n)
    if u == "century":
        return anchor + relativedelta(years=100 * n)
    if u == "fortnight":
        return anchor + timedelta(weeks=2 * n)
    return anchor + relativedelta(**{u + "s": n})


def relative_unit_value(anchor: date | None, unit: str, n: int) -> str:
    """"this/last/next week|month|year|quarter" as a value."""
    u = unit_of(unit)
    granularity = UNITS[u][2] if u in UNITS else u
    if anchor is None:
        return UNDERSPECIFIED.get(granularity, "XXXX-XX-XX")
    try:
        return at_granularity(shifted(anchor, u, n), granularity)
    except (ValueError, OverflowError):
        return UNDERSPECIFIED.get(granularity, "XXXX-XX-XX")


def weekday_date(anchor: date, weekday: int, direction: Direction, strict: bool) -> date:
    """The weekday nearest the anchor on the side the tense points to."""
    delta = anchor.isoweekday() - weekday
    if direction == "past":
        back = delta % 7
        if strict and back == 0:
            back = 7
        return anchor - timedelta(days=back)
    ahead = (-delta) % 7
    if strict and ahead == 0:
        ahead = 7
    return anchor + timedelta(days=ahead)


def weekday_value(anchor: date | None, weekday: int, direction: Direction, strict: bool) -> str:
    if anchor is None:
        return f"XXXX-WXX-{weekday}"
    return weekday_date(anchor, weekday, direction, strict).isoformat()


def month_year(anchor: date, month: int, direction: Direction, strict: bool,
               penalty: int = 3) -> int:
    """The year of a month named alone: "last"/"next" (strict) take the tense's side; otherwise
    the nearest, the tense's side winning unless the other is over ``penalty`` months nearer
    (see ``SIDE_PENALTY``)."""
    if not strict:
        options = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            distance = abs((year - anchor.year) * 12 + month - anchor.month)
            after = (year, month) > (anchor.year, anchor.month)
            if (direction == "past" and after) or (direction == "future" and distance and
                                                     not after):
                distance += penalty
            options.append((distance, year))
        return min(options)[1]
    if direction == "past":
        ok = month < anchor.month if strict else month <= anchor.month
        return anchor.year if ok else anchor.year - 1
    ok = month > anchor.month if strict else month >= anchor.month
    return anchor.year if ok else anchor.year + 1


def day_month_year(anchor: date, month: int, day: int, direction: Direction,
                   penalty: int = 45) -> int:
    """A year for "June 25" with none written: the one nearest the anchor, tense breaking ties."""
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(year, month, min(day, 28) if month == 2 and day > 28 else day)
        except ValueError:
            continue
        distance = abs((d - anchor).days)
        wrong_side = (d > anchor) if direction == "past" else (d < anchor)
        if wrong_side:
            distance += penalty  # prefer the tense's side unless the other is much nearer
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else anchor.year


def part_suffix(word: str | None) -> str:
    return "T" + PARTS_OF_DAY[word.lower()] if word else ""


# ---------------------------------------------------------------------------------------------
# Readers: one per pattern, each (match, context) -> (type, value) or None
# ---------------------------------------------------------------------------------------------


def read_clock(m: re.Match[str], ctx: Context) -> Reading:
    clock = m.group("clock").lower()
    if "noon" in clock or "midday" in clock:
        hh, mm = 12, 0
    elif "midnight" in clock:
        hh, mm = 0, 0
    elif re.fullmatch(r"\d{4}", clock.split()[0]):  # "1657 GMT"
        hh, mm = int(clock[:2]), int(clock[2:4])
    else:
        parts = re.match(r"(\d{1,2})(?:[:.](\d{2}))?\s?([ap])", clock)
        if not parts:
            return None
        hh, mm = int(parts.group(1)), int(parts.group(2) or 0)
        if hh > 12 or mm > 59:
            return None
        if parts.group(3) == "p" and hh != 12:
            hh += 12
        if parts.group(3) == "a" and hh == 12:
            hh = 0
    day = m.group("day")
    base = day_reference(day, ctx) if day else (ctx.anchor.isoformat() if ctx.anchor else None)
    if m.group("cmonth"):
        dated = read_full_date(_GroupView(m, {"month": m.group("cmonth"), "day": m.group("cday"),
                                              "year": None}), ctx)  # type: ignore[arg-type]
        base = dated[1] if dated else base
    return "TIME", f"{base or 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}"


def day_reference(word: str, ctx: Context) -> str:
    """A value for "today", "yesterday", "tomorrow", "tonight" or a weekday."""
    w = word.lower()
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if w in offsets:
        if ctx.anchor is None:
            return "XXXX-XX-XX"
        return (ctx.anchor + timedelta(days=offsets[w])).isoformat()
    return weekday_value(ctx.anchor, weekday_number(w), ctx.direction, strict=False)


def read_numeric_date(m: re.Match[str], ctx: Context) -> Reading:
    g = m.groupdict()
    if g.get("iso_y"):
        y, mo, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    else:
        mo, d, y = int(g["us_m"]), int(g["us_d"]), int(g["us_y"])
    try:
        value = date(y, mo, d).isoformat()
    except ValueError:
        return None
    if g.get("hms"):
        return "TIME", f"{value}T{g['hms']}"
    return "DATE", value


def read_full_date(m: re.Match[str], ctx: Context) -> Reading:
    month = month_number(m.group("month"))
    day = int(re.match(r"\d+", m.group("day")).group())  # type: ignore[union-attr]
    if m.group("year"):
        year: int | None = int(m.group("year"))
    elif ctx.anchor is not None:
        year = day_month_year(ctx.anchor, month, day, ctx.direction,
                              SIDE_PENALTY[ctx.tense]["day"])
    else:
        year = None
    try:
        if year is not None:
            return "DATE", date(year, month, day).isoformat()
        date(2000, month, day)
    except ValueError:
        return None
    return "DATE", f"XXXX-{month:02d}-{day:02d}"


def read_month_year(m: re.Match[str], ctx: Context) -> Reading:
    return "DATE", f"{int(m.group('year')):04d}-{month_number(m.group('month')):02d}"


def read_named_relative(m: re.Match[str], ctx: Context) -> Reading:
    """"last June", "next Monday", "this summer", "that Friday"."""
    which = re.sub(r"\s+", " ", m.group("which").lower())
    name = m.group("name")
    if which.startswith("the "):
        return named_from_reference(m, ctx, which.split()[-1], name)
    direction: Direction = {"last": "past", "past": "past", "next": "future",
                            "coming": "future"}.get(which.split()[-1], ctx.direction)
    strict = which in ("last", "past", "next")
    lower = name.lower()
    if lower in SEASONS:
        if ctx.anchor is None:
            return "DATE", f"XXXX-{SEASONS[lower]}"
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(which, 0)
        return "DATE", f"{year}-{SEASONS[lower]}"
    if lower.rstrip("s") in WEEKDAYS:
        value = weekday_value(ctx.anchor, WEEKDAYS[lower.rstrip("s")], direction, strict)
        part = m.group("part")
        return ("TIME" if part else "DATE"), value + part_suffix(part)
    month = month_number(name)
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.anchor.year if which == "this" else month_year(ctx.anchor, month, direction, strict)
    return "DATE", f"{year}-{month:02d}"


def named_from_reference(m: re.Match[str], ctx: Context, side: str, name: str) -> Reading:
    """"the previous Friday", "the following March": the one before or after the day written
    in reach (TimeML's anchor), else before or after the publication date."""
    reference = ctx.reference
    if reference is not None and reference.granularity != "day" and \
            name.lower().rstrip("s") in WEEKDAYS:
        reference = None  # "the previous Friday" counts from a day, not from "this week"
    if reference is None and name.lower().rstrip("s") in WEEKDAYS:
        reference = ctx.story_day  # out of reach, the day the story is about still anchors it
    base = reference.day if reference is not None else ctx.anchor
    label = reference.label if reference is not None else "publication"
    direction: Direction = "past" if side in ("previous", "prior") else "future"
    lower = name.lower()
    if base is None:
        return None
    if lower.rstrip("s") in WEEKDAYS:
        d = weekday_date(base, WEEKDAYS[lower.rstrip("s")], direction, strict=True)
        part = m.group("part")
        return ("TIME" if part else "DATE"), d.isoformat() + part_suffix(part), label
    if lower in SEASONS:
        year = base.year + (-1 if direction == "past" else 1)
        return "DATE", f"{year}-{SEASONS[lower]}", label
    month = month_number(name)
    later = month > base.month
    year = base.year + (0 if later else 1) if direction == "future" else \
        base.year - (0 if month < base.month else 1)
    return "DATE", f"{year}-{month:02d}", label


def read_relative_unit(m: re.Match[str], ctx: Context) -> Reading:
    """"last week", "this year", "earlier this month", "next quarter", "the weekend"."""
    which = m.group("which").lower()
    unit = m.group("unit").lower()
    n = {"last": -1, "previous": -1, "prior": -1, "past": -1, "next": 1, "coming": 1}.get(
        which.split()[-1], 0)
    reference = ctx.reference
    if which == "the" and unit in ("week", "month", "year") and reference is not None and \
            ctx.apposed and GRAIN_RANK[reference.granularity] <= GRAIN_RANK[unit]:
        # "In 2000, the year the survey began": the date just written
        return "DATE", counted_from(reference, unit, 0), reference.label
    if which == "the" and unit in ("week", "weekend") and reference is not None and \
            reference.granularity == "day":
        # "shares fell on Friday; for the week, ...", "ahead of the weekend": the week of
        # the day just written
        return "DATE", week_of_day(reference.day, unit == "weekend"), reference.label
    if unit == "weekend":
        return "DATE", weekend_value(ctx, n)
    if unit == "year" and which == "the" and ctx.after in ("ended", "ending"):
        return "DURATION", "P1Y"  # "the year ended March 31": twelve months named by their end
    reference = ctx.period_reference
    if unit == "quarter" and reference is not None and reference.granularity == "quarter" \
            and (n == 0 or which.startswith("the")):
        # "the quarter", "this quarter" in a story about a written quarter's results: it;
        # "the previous quarter", "the prior quarter": the one before it
        return "DATE", counted_from(reference, unit, n), reference.label
    if unit == "quarter" and which == "the" and ctx.tense == "past":
        n = -1  # "the quarter was terrible": the last one completed
    return "DATE", relative_unit_value(ctx.anchor, unit, n)


def week_of_day(day: date, weekend: bool) -> str:
    """The ISO week of ``day``; for a weekend, the one nearest it (a Monday's is the one
    before it, a Friday's the one after)."""
    if weekend and day.isoweekday() == 1:
        day -= timedelta(days=1)
    return iso_week(day) + ("-WE" if weekend else "")


def weekend_value(ctx: Context, n: int) -> str:
    if ctx.anchor is None:
        return "XXXX-WXX-WE"
    if n == 0:
        d = weekday_date(ctx.anchor, 6, ctx.direction, strict=False)
        if ctx.direction == "past" and ctx.anchor.isoweekday() < 6:
            d = weekday_date(ctx.anchor, 6, "past", strict=False)
    else:
        d = weekday_date(ctx.anchor, 6, "past" if n < 0 else "future", strict=True)
    return iso_week(d) + "-WE"


def read_span_duration(m: re.Match[str], ctx: Context) -> Reading:
    """"the past year", "the last two weeks", "the past few days": a duration;
    "the following day", "the previous week": a date (see ``read_adjacent_unit``)."""
    num = m.group("num")
    side = m.group("side").lower()
    unit = m.group("unit").lower()
    # "in the previous quarter" is that quarter, as "over the previous quarter" is not
    stretch = ctx.before in STRETCH_PREPOSITIONS and not (side == "previous" and
                                                          ctx.before == "in")
    if not num and side in ("following", "next", "previous") and unit in ADJACENT_UNITS and \
            not stretch:
        return read_adjacent_unit(ctx, unit, -1 if side == "previous" else 1,
                                  from_publication=side != "following" and unit != "day")
    # "the past few weeks", "the next several days": a stretch of unknown length (PXW, PXD)
    unit_word = m.group("unit").lower()
    if not num and unit_word.endswith("s") and unit_of(unit_word) != unit_word:
        return "DURATION", duration_value(None, unit_word)  # "the first days": how many unsaid
    return "DURATION", duration_value(num or "1", m.group("unit"))


ADJACENT_UNITS = frozenset({"day", "week", "month", "quarter", "year"})


def read_adjacent_unit(ctx: Context, unit: str, n: int, from_publication: bool) -> Reading:
    """"the following day", "the next week", "the previous year": the unit next to the last
    date written in reach. With none, "the next week" counts from the publication date, while
    "the following day" (whose event is not dated) stays underspecified."""
    reference = ctx.reference
    period = ctx.period_reference
    if unit_of(unit) == "quarter" and period is not None and period.granularity != "year":
        reference = period  # "the previous quarter": before the one the story reports
    if reference is not None:
        return "DATE", counted_from(reference, unit, n), reference.label
    if from_publication:
        return "DATE", relative_unit_value(ctx.anchor, unit, n)
    return "DATE", UNDERSPECIFIED[UNITS[unit_of(unit)][2]], None


def counted_from(reference: Reference, unit: str, n: int) -> str:
    """``reference`` moved by n units, written at the unit's granularity, or at the reference's
    when that is coarser ("a day before" July 2018 is only known to be in July 2018). A year
    counted from a quarter or half keeps it: "a year earlier" in a results story is the same
    quarter of the year before."""
    u = unit_of(unit)
    granularity = UNITS[u][2]
    if granularity in ("hour", "minute", "second"):
        granularity = "day"
    if u == "year" and reference.granularity in ("quarter", "half"):
        granularity = reference.granularity
    if GRAIN_RANK[reference.granularity] > GRAIN_RANK[granularity]:
        return at_granularity(reference.day, reference.granularity)
    try:
        return at_granularity(shifted(reference.day, u, n), granularity)
    except (ValueError, OverflowError):
        return "PAST_REF" if n < 0 else "FUTURE_REF"


def read_that_unit(m: re.Match[str], ctx: Context) -> Reading:
    """"that month", "the same day": the unit of the last date written in reach."""
    unit = unit_of(m.group("unit"))
    granularity = UNITS[unit][2]
    reference = ctx.reference
    if reference is None:
        return "DATE", UNDERSPECIFIED[granularity], None
    return "DATE", counted_from(reference, unit, 0), reference.label


# Nouns after "overnight" that make it the name of a market instrument or say how long
# something lasts ("an overnight stop"), not which night.
OVERNIGHT_INSTRUMENTS = frozenset(
    "rate rates call loan loans lending deposit deposits money repo repos funds bill stop "
    "stay stays flight flights trip train visit shift".split())


def read_overnight(m: re.Match[str], ctx: Context) -> Reading:
    """"struck overnight", "overnight losses in New York": the night before the day the
    story is at (the day written in reach, else the publication day); "the overnight call
    rate" names an instrument, no night."""
    if ctx.after in OVERNIGHT_INSTRUMENTS:
        return None
    reference = ctx.reference
    if reference is not None and reference.granularity == "day":
        night = reference.day - timedelta(days=1)
        return "TIME", f"{night.isoformat()}TNI", reference.label
    if ctx.anchor is None:
        return "TIME", "XXXX-XX-XXTNI"
    return "TIME", f"{(ctx.anchor - timedelta(days=1)).isoformat()}TNI"


def read_then(m: re.Match[str], ctx: Context) -> Reading:
    """"until then", "since then", "by then": the date written in reach, as written; no
    time at all when none is."""
    reference = ctx.reference
    if reference is None:
        return None
    return "DATE", at_granularity(reference.day, reference.granularity), reference.label


def read_unit_before(m: re.Match[str], ctx: Context) -> Reading:
    """"falling 3% the year before", "rising the day before.": the unit next to the date
    written in reach (the reported period for a quarter), else unknown."""
    unit = m.group("unit").lower()
    n = -1 if m.group("dir").lower() in ("before", "earlier") else 1
    reference = ctx.period_reference if unit in ("quarter", "year") else None
    reference = reference or ctx.reference
    if reference is None:
        return "DATE", UNDERSPECIFIED[UNITS[unit][2]], None
    return "DATE", counted_from(reference, unit, n), reference.label


# Verbs before "the day" that make it an idiom: "carried the day", "saved the day".
DAY_IDIOM_VERBS = frozenset("carry carried carries save saved saves win won wins seize seized".split())


def read_the_day(m: re.Match[str], ctx: Context) -> Reading:
    """"Oct. 12, the day before the plunge", "later in the day", "in the morning": the day
    written in reach, else the publication day (a part of it for "the morning")."""
    if ctx.before in DAY_IDIOM_VERBS:
        return None
    part = m.group("part")
    kind: TimeType = "TIME" if part else "DATE"
    reference = ctx.reference
    restricted = ctx.after in EVENT_RESTRICTORS
    # "Oct. 12, the day before the plunge" names the date just written; "a call the day after
    # the election" names the day of an event
    if reference is not None and reference.granularity == "day" and \
            (ctx.apposed or not restricted):
        return kind, reference.day.isoformat() + part_suffix(part), reference.label
    if restricted:
        # "the night the plane went down", "the morning after the vote": the day of an event
        # whose date is not written
        return kind, "XXXX-XX-XX" + part_suffix(part), None
    return kind, (ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX") + part_suffix(part)


# Words after "the day"/"the night" that tie it to an event rather than to the story's day.
EVENT_RESTRICTORS = frozenset("the a an when that after before of".split())


def read_ordinal_day(m: re.Match[str], ctx: Context) -> Reading:
    """"the second day (of talks)": the day a clause equates it with ("it is the second day
    of the strike": today), else a date only when counted from a day written in reach;
    otherwise no time at all (nor a duration)."""
    if ctx.equated is not None:
        day, label = ctx.equated
        return "DATE", day.isoformat(), label
    n = ORDINALS.get(m.group("ord").lower())
    reference = ctx.reference
    if n is None or reference is None or reference.granularity != "day":
        return None
    return "DATE", (reference.day + timedelta(days=n - 1)).isoformat(), reference.label


def read_ago(m: re.Match[str], ctx: Context) -> Reading:
    """"two weeks ago", "a year from now" (from the publication date; "hence" stands for
    "from now" and "from today"), "a year earlier", "three days later" (from the last date
    written in reach, else from the publication date)."""
    unit = unit_of(m.group("unit"))
    amount = m.group("num")
    n = number_value(amount) if amount else 1
    if m.group("halfa") and unit in HALF_OF:  # "half an hour later": thirty minutes
        unit, n = HALF_OF[unit]
    direction = m.group("dir").lower()
    later = direction in ("later", "hence")
    if n is None:
        return "DATE", "FUTURE_REF" if later else "PAST_REF"
    reference = ctx.period_reference if unit == "year" and direction != "hence" else None
    if direction not in ("ago", "hence") or reference is not None:
        reference = reference or ctx.reference_for(unit)
        if reference is not None and reference.minutes is not None and \
                unit in ("hour", "minute", "second"):
            # "at 9 pm ... Half an hour later": a time of day counted from the time written
            moment = datetime.combine(reference.day, time()) + timedelta(
                minutes=reference.minutes) + timedelta(**{unit + "s": n if later else -n})
            return "TIME", moment.strftime("%Y-%m-%dT%H:%M"), reference.label
        if reference is not None:
            return "DATE", counted_from(reference, unit, n if later else -n), reference.label
    granularity = UNITS[unit][2]
    if granularity in ("hour", "minute", "second"):
        granularity = "day"
    if ctx.anchor is None:
        return "DATE", UNDERSPECIFIED[granularity]
    try:
        d = shifted(ctx.anchor, unit, n if later else -n)
    except (ValueError, OverflowError):  # "4,000 years ago": outside the calendar dates cover
        return "DATE", "PAST_REF" if not later else "FUTURE_REF"
    return "DATE", at_granularity(d, granularity)


# Half of a unit as a whole number of the next unit down: "half an hour" is thirty minutes.
HALF_OF: dict[str, tuple[str, int]] = {
    "minute": ("second", 30), "hour": ("minute", 30), "day": ("hour", 12),
    "month": ("day", 15), "year": ("month", 6), "decade": ("year", 5), "century": ("year", 50),
}


def read_vague_ago(m: re.Match[str], ctx: Context) -> Reading:
    return "DATE", "PAST_REF"


def read_relative_day(m: re.Match[str], ctx: Context) -> Reading:
    """"today", "yesterday morning", "tonight", "this evening", "last night"."""
    g = m.groupdict()
    part = g.get("part")
    day = g.get("day")
    which = (g.get("which") or "").lower()
    if day is None:
        day = "yesterday" if which == "last" else "today"
    if day.lower() == "tonight":
        part = "night"
    value = day_reference(day, ctx) + part_suffix(part)
    return ("TIME" if part else "DATE"), value


def read_weekday_ordinal(m: re.Match[str], ctx: Context) -> Reading:
    """"Friday the 13th": the nearest such day on the tense's side (a day of the month that
    falls on that weekday), or the same reading unresolved without a publication date."""
    weekday, day = weekday_number(m.group("weekday")), int(m.group("dnum"))
    if ctx.anchor is None or not 1 <= day <= 31:
        return "DATE", f"XXXX-XX-{day:02d}"
    step = -1 if ctx.direction == "past" else 1
    first = date(ctx.anchor.year, ctx.anchor.month, 1)
    for k in range(0, 15):
        month_start = first + relativedelta(months=step * k)
        try:
            d = month_start.replace(day=day)
        except ValueError:
            continue
        if d.isoweekday() == weekday and (d <= ctx.anchor if step < 0 else d >= ctx.anchor):
            return "DATE", d.isoformat()
    return "DATE", f"XXXX-XX-{day:02d}"


def read_part_of_day(m: re.Match[str], ctx: Context) -> Reading:
    """"mid-afternoon", "late morning yesterday", "Tuesday early evening": a part of the day
    named, of the publication day when no other day is."""
    day = m.group("day") or m.group("day0")
    if day and day.lower().endswith("days") and day.lower() not in ("today", "yesterday"):
        return None  # "Mondays early morning": a set, not read here
    base = day_reference(day, ctx) if day else (
        ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX")
    return "TIME", base + part_suffix(m.group("part"))


def read_weekday(m: re.Match[str], ctx: Context) -> Reading:
    value = weekday_value(ctx.anchor, weekday_number(m.group("weekday")), ctx.direction, False)
    part = m.group("part")
    if m.group("weekday").lower().endswith("days"):  # "Mondays": every Monday
        return "SET", f"XXXX-WXX-{weekday_number(m.group('weekday'))}" + part_suffix(part)
    return ("TIME" if part else "DATE"), value + part_suffix(part)


def read_month(m: re.Match[str], ctx: Context) -> Reading:
    month = month_number(m.group("month"))
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    if ctx.before == "since":  # "since January": a month gone by, whatever the verb
        year = month_year(ctx.anchor, month, "past", False, 12)
    else:
        year = month_year(ctx.anchor, month, ctx.direction, False,
                          SIDE_PENALTY[ctx.tense]["month"])
    return "DATE", f"{year}-{month:02d}"


def read_year(m: re.Match[str], ctx: Context) -> Reading:
    return "DATE", m.group("year")


def read_decade(m: re.Match[str], ctx: Context) -> Reading:
    """"the 1980s", "the mid-1970s", "the '80s" (a decade of the twentieth century)."""
    if m.group("short"):
        return "DATE", "19" + m.group("short")[0]
    return "DATE", m.group("decade")[:3]


DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                "nineties")


def read_decade_words(m: re.Match[str], ctx: Context) -> Reading:
    """"the nineties", "the early nineteen-sixties": a decade of the twentieth century."""
    return "DATE", f"19{DECADE_WORDS.index(m.group('dword').lower()) + 2}"


def read_century(m: re.Match[str], ctx: Context) -> Reading:
    n = ORDINALS.get(m.group("ord").lower())
    if n is None:
        digits = re.match(r"\d+", m.group("ord"))
        n = int(digits.group()) if digits else None
    return ("DATE", f"{n - 1:02d}") if n else None


def read_quarter(m: re.Match[str], ctx: Context) -> Reading:
    """"the third quarter", "fourth-quarter", "the latest quarter", "the first half of 2019"."""
    which = m.group("qwhich").lower()
    half = m.group("qunit").lower() == "half"
    year_text = m.group("qyear") or m.group("qyear0") or (
        f"{m.group('qrel')} year" if m.group("qrel") else None
    ) or possessive_year(ctx.before)
    number = ORDINALS.get(which)
    period = ctx.period_reference
    if which in ("latest", "recent") and not half and not year_text and period is not None \
            and period.granularity == "quarter":
        # "the latest quarter" in a results story: the quarter it reports, which for a
        # fiscal year is not always the last calendar quarter
        return "DATE", at_granularity(period.day, "quarter"), period.label
    if ctx.anchor is None and not (year_text and year_text[0].isdigit()):
        return "DATE", ("XXXX-H" if half else "XXXX-Q") + (str(number) if number else "X")
    anchor = ctx.anchor or date(int(year_text), 1, 1)
    current = (anchor.month - 1) // 6 + 1 if half else quarter_of(anchor)
    count = 2 if half else 4
    if number is None:  # latest, last, previous, current, year-earlier ...
        if which in ("current", "this"):
            number, year = current, anchor.year
        else:
            back = 1 if which in ("latest", "last", "previous", "past", "recent", "") else 0
            if which in ("year-earlier", "year-ago"):
                number, year = current - 1 or count, anchor.year - 1
            else:
                number = current - back
                year = anchor.year
                if number < 1:
                    number, year = count, anchor.year - 1
    else:
        if number > count:
            return None
        # A quarter is reported once it is over: one up to the current is this year's
        # whatever the tense ("expects to report third-quarter losses" in November).
        year = anchor.year if number <= current or ctx.direction == "future" else anchor.year - 1
    if year_text:
        shift = {"last": -1, "next": 1, "previous": -1}.get(year_text.lower().split()[0], 0)
        year = int(year_text) if year_text[0].isdigit() else anchor.year + shift
        reference = ctx.period_reference
        if m.group("qunit").lower() == "period" and which == "" and reference is not None \
                and reference.granularity == "year":
            return "DATE", str(year)  # "the 1988 period" after "the first nine months"
    return "DATE", f"{year}-{'H' if half else 'Q'}{number}"


def possessive_year(before: str) -> str | None:
    """"1988's" before "fourth quarter": the year the quarter belongs to."""
    m = re.fullmatch(rf"({YEAR_RE})['’]s", before)
    return m.group(1) if m else None


def read_duration(m: re.Match[str], ctx: Context) -> Reading:
    """"two weeks", "nearly 40 years", "a 24-hour strike", "116-year history"."""
    num = m.group("num")
    if number_value(num.replace("1/2", "").strip()) is None and num.lower().strip() not in \
            VAGUE_NUMBERS and not re.match(r"\d", num):
        return None
    if re.fullmatch(r"an?", num.strip().lower()) and is_rate(ctx.before):
        return "SET", duration_value("1", m.group("unit"))
    if m.group(0).lower() == "one day" and ctx.before in VERB_FUTURE_AUX | MODALS:
        return "DATE", "FUTURE_REF"  # "will one day be": some day to come, not 24 hours
    groups = m.groupdict()
    if (groups.get("half") or groups.get("half2")) and "1/2" not in num:
        num = f"{num} 1/2"  # "two and a half years", "a minute and a half"
    return "DURATION", duration_value(num, m.group("unit"))


def read_half_unit(m: re.Match[str], ctx: Context) -> Reading:
    """"half an hour", "half a year", "a half day"."""
    return "DURATION", duration_value("0.5", m.group("unit"))


def is_rate(before: str) -> bool:
    """A word before "a year" that makes it a rate: "twice a year", "$5 a day", "once a week"."""
    return before in ("once", "twice", "times", "thrice") or bool(re.search(r"\d", before))


def read_bare_units(m: re.Match[str], ctx: Context) -> Reading:
    """"for years", "recent months": an unknown amount."""
    return "DURATION", duration_value(None, m.group("unit"))


def read_set(m: re.Match[str], ctx: Context) -> Reading:
    """"every week", "each Thursday", "weekly", "twice a month", "per year"."""
    g = m.groupdict()
    if g.get("adverb"):
        return "SET", SET_ADVERBS[g["adverb"].lower()]
    name = g.get("sname") or ""
    if name.lower() in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[name.lower()]}"
    if name.lower() in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[name.lower()]}"
    if name and name.lower()[:3] in MONTHS:
        return "SET", f"XXXX-{month_number(name):02d}"
    every = (g.get("snum") or "1").strip()
    if g.get("other"):
        every = "2"
    return "SET", duration_value(every, g["sunit"])


def read_reference(m: re.Match[str], ctx: Context) -> Reading:
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if word in PRESENT_WORDS or word.startswith("this") or word.startswith("at "):
        return "DATE", "PRESENT_REF"
    if word in FUTURE_WORDS:
        return "DATE", "FUTURE_REF"
    return "DATE", "PAST_REF"


def read_the_unit(m: re.Match[str], ctx: Context) -> Reading:
    """"the year", "the week", "the month": the one the article is in."""
    return "DATE", relative_unit_value(ctx.anchor, m.group("unit"), 0)


# ---------------------------------------------------------------------------------------------
# The pattern table (order breaks ties between equally long matches)
# ---------------------------------------------------------------------------------------------

_DAY_WORD = rf"(?:today|yesterday|tomorrow|tonight|{WEEKDAY_RE})"
_NEAR = r"(?:(?:early|late|later|earlier)\s+)"

PATTERNS: list[tuple[str, str, Reader]] = [
    ("clock", rf"(?:{APPROX_RE}\s+|shortly\s+(?:before|after)\s+|just\s+(?:before|after)\s+)?"
              rf"(?P<clock>{CLOCK_RE})(?:,?\s+(?:on\s+)?(?:(?P<day>{_DAY_WORD})"
              rf"|(?P<cmonth>{MONTH_RE})\s+(?P<cday>{DAYNUM_RE})))?", read_clock),
    ("numeric_date", r"(?:(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})"
                     r"|(?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})/(?P<us_y>\d{4}))"
                     r"(?:\s+(?P<hms>\d{2}:\d{2}(?::\d{2})?))?(?![\d/])", read_numeric_date),
    ("full_date", rf"(?:{WEEKDAY_RE},?\s+)?(?:(?:the\s+)?(?P<day>{DAYNUM_RE})(?:\s+of)?\s+"
                  rf"(?P<month>{MONTH_RE})|(?P<month2>{MONTH_RE})\s+(?P<day2>{DAYNUM_RE}))"
                  rf"(?:,?\s+(?P<year>{YEAR_RE}))?", None),  # reader set below (two layouts)
    ("month_year", rf"{SPAN_MOD_RE}?(?P<month>{MONTH_RE}),?\s+(?:of\s+)?(?P<year>{YEAR_RE})",
     read_month_year),
    ("month_relative_year", rf"(?P<month>{MONTH_RE})\s+(?P<which>this|last|next)\s+year",
     None),
    ("year_ago_adj", r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:period|quarter|year|results))?",
     None),
    ("year_words", rf"(?:the\s+year\s+|(?P<wmonth>{MONTH_RE})\s+|(?<=\bin\s)|(?<=\bsince\s)"
                   r"|(?<=\bof\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\bto\s)"
                   r"|(?<=\ba\s))"
                   rf"(?P<words>two\s+thousand(?:\s+and\s+{_NUM_WORD})?|nineteen[-\s]"
                   rf"{_NUM_WORD}(?:[-\s]{_NUM_WORD})?)", None),
    ("year_end", r"(?:(?:the\s+)?year[-\s]end|year['’]s\s+end)(?![-\w])", None),
    ("month_quarter", rf"the\s+(?P<month>{MONTH_RE})\s+quarter(?![-\w])", None),
    ("season", rf"(?:(?:early|late|mid)[-\s]+)?(?:the\s+)?(?P<season>{SEASON_RE})(?:,?\s+(?:of\s+)?"
               rf"(?:(?P<year>{YEAR_RE})|(?P<words>nineteen[-\s]{_NUM_WORD}(?:[-\s]{_NUM_WORD})?)))?",
     None),
    ("same_period", r"the\s+(?:same|corresponding|comparable|like|year-earlier|year-ago)\s+"
                    r"(?P<unit>period|quarter|half|year|(?:\S+\s+)?months)\s+(?:of\s+|in\s+)?"
                    rf"(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior)"
                    rf"\s+year|(?P<year>{YEAR_RE}))", None),
    ("named_relative", rf"{SPAN_MOD_RE}?(?P<which>this|last|next|that|this\s+past|this\s+coming"
                       r"|the\s+(?:previous|prior|following|next))"
                       rf"\s+(?P<name>{MONTH_RE}|{WEEKDAY_RE}|{SEASON_RE})"
                       rf"(?:\s+(?P<part>{PART_RE}))?", read_named_relative),
    ("ordinal_day", r"the\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
                    r"|tenth|1st|2nd|3rd|4th|\d+th)\s+day(?![-\w])", read_ordinal_day),
    ("that_unit", r"(?:that|the\s+same)\s+(?P<unit>day|week|month|year)(?![-\w])",
     read_that_unit),
    ("unit_before", r"the\s+(?P<unit>day|week|month|quarter|year)\s+(?P<dir>before|earlier|after"
                    r"|later)(?=\s*[,.;:!?)\"'’”]|\s*$|\s+(?:and|but|when|while|as)\b)",
     read_unit_before),
    ("the_day", r"(?:(?:earlier|later)\s+in\s+)?the\s+(?:day|(?P<part>morning|afternoon|evening"
                r"|night))(?![-\w])", read_the_day),
    ("span_duration", rf"(?:{APPROX_BEFORE_THE_RE}\s+)?the\s+(?P<side>past|last|next|previous|coming"
                      rf"|following|first|final)\s+(?:(?P<num>{NUM_RE})\s+)?(?P<unit>{UNIT_RE})",
     read_span_duration),
    ("relative_unit", rf"(?:{_NEAR}|{SPAN_MOD_RE})?(?P<which>this|last|next|the\s+previous|the\s+prior"
                      r"|the\s+coming|the\s+current|this\s+past|this\s+coming|the\s+full|the)"
                      r"\s+(?:fiscal\s+)?(?P<unit>week|month|year|quarter|weekend|decade|century)"
                      r"(?![-\w])",
     read_relative_unit),
    ("ago", rf"(?:{APPROX_RE}\s+)?(?:(?P<num>{NUM_RE})\s+|(?P<halfa>half\s+an?\s+))"
            rf"(?P<unit>{UNIT_RE})\s+(?:or\s+so\s+)?"
            r"(?P<dir>ago|earlier|later|before|previously|from\s+(?:now|today)|hence)", None),
    ("vague_ago", rf"(?:many|several|some|a\s+few|few)?\s*{UNIT_RE}\s+ago|long\s+ago",
     read_vague_ago),
    ("relative_day", rf"(?:{_NEAR})?(?:(?P<day>today|yesterday|tomorrow|tonight)"
                     rf"(?:\s+(?P<part>{PART_RE}))?|(?P<which>this|last)\s+(?P<part2>{PART_RE}))",
     None),
    ("weekday_ordinal", rf"(?P<weekday>{WEEKDAY_NAME_RE}),?[-\s]+the[-\s]+(?P<dnum>[12]?\d|3[01])"
                        r"(?:st|nd|rd|th)", read_weekday_ordinal),
    ("part_of_day", rf"(?:(?P<day0>{_DAY_WORD})\s+)?(?:early|late|mid)[-\s]?(?P<part>morning"
                    rf"|afternoon|evening)(?:,?\s+(?P<day>{_DAY_WORD}))?", read_part_of_day),
    ("weekday", rf"(?:(?:early|late)\s+)?(?P<weekday>{WEEKDAY_RE})(?:\s+(?P<part>{PART_RE}))?",
     read_weekday),
    ("quarter", r"(?:the\s+|(?P<qrel>this|last|next)\s+year[’']s\s+)?(?:(?P<qyear0>"
                rf"{YEAR_RE})\s+)?(?P<qwhich>first|second|third|fourth|final|1st|2nd|3rd|4th|latest"
                r"|last|previous|current|recent|year-earlier|year-ago|)[-\s]*(?P<qunit>quarter|half|period)"
                rf"(?:\s+of\s+(?:fiscal\s+)?(?P<qyear>{YEAR_RE}|(?:this|last|next|the\s+previous|the)\s+year))?(?![-\w])",
     read_quarter),
    ("decade", r"(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?:(?P<decade>1[6-9]\d0|20\d0)'?s"
               r"|['’](?P<short>[1-9]0)s)", read_decade),
    ("decade_words", r"the\s+(?:(?:early|late|mid)[-\s]+)?(?:nineteen[-\s])?(?P<dword>twenties"
                     r"|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
     read_decade_words),
    ("century", r"(?:the\s+)?(?P<ord>\w+(?:-\w+)?)\s+century", read_century),
    ("month", rf"{SPAN_MOD_RE}?(?P<month>{MONTH_RE})(?![-\w])", read_month),
    ("year", rf"(?:{SPAN_MOD_RE}|fiscal\s+|the\s+year\s+)?(?P<year>{YEAR_RE})", read_year),
    ("duration", rf"(?:{APPROX_RE}\s+)?(?P<num>{NUM_RE})(?P<half>\s+and\s+a\s+half)?[-\s]+"
                 rf"(?:(?:more|full|straight|long|additional|extra|further|trading|business"
                 rf"|working|consecutive|successive)\s+)?(?P<unit>{UNIT_RE})(?![-\w])"
                 r"(?!-old)(?P<half2>\s+and\s+a\s+half(?![-\w]))?", read_duration),
    ("half_unit", r"(?:a\s+)?half\s+(?:an?\s+)?(?P<unit>hour|day|year|minute|decade|century)"
                  r"(?![-\w])", read_half_unit),
    ("duration_adj", rf"(?P<num>\d+|{_NUM_WORD}(?:-{_NUM_WORD})?)-(?P<unit>{UNIT_RE})(?!-old)"
                     r"(?![-\w])", read_duration),
    ("bare_units", r"(?:(?<=\bfor\s)|(?<=\bin\s)|recent\s+)(?P<unit>(?:years|months|weeks|decades"
                   r"|days|hours))(?!\s+ago)(?![-\w])", read_bare_units),
    ("set", r"(?:(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<snum>\d+|two|three|four|five"
            rf"|six|ten|few)\s+)?(?:(?P<sunit>{UNIT_RE})|(?P<sname>{WEEKDAY_NAME_RE}"
            rf"|{PART_RE}|{MONTH_RE}))|(?P<adverb>hourly|daily|nightly|weekly|fortnightly|monthly"
            rf"|quarterly|yearly|annually)|(?:a|per)\s+(?P<sunit2>{UNIT_RE}))(?![-\w])", None),
    ("overnight", r"overnight", read_overnight),
    ("then", r"(?:(?<=\buntil\s)|(?<=\btill\s)|(?<=\bsince\s)|(?<=\bby\s))then", read_then),
    ("reference", r"right\s+now|now|currently|current|nowadays|presently|at\s+present"
                  r"|these\s+days|at\s+the\s+moment|recently|recent|lately"
                  r"|the\s+past|the\s+(?:near\s+|distant\s+)?future|the\s+near\s+term"
                  r"|the\s+(?:long|short)\s+term|soon", read_reference),
]


def read_full_date_any(m: re.Match[str], ctx: Context) -> Reading:
    g = m.groupdict()
    month, day = g.get("month") or g.get("month2"), g.get("day") or g.get("day2")
    view = _GroupView(m, {"month": month, "day": day, "year": g.get("year")})
    return read_full_date(view, ctx)  # type: ignore[arg-type]


def read_ago_any(m: re.Match[str], ctx: Context) -> Reading:
    g = m.groupdict()
    direction = g["dir"].lower()
    if direction.startswith("from"):  # "two weeks from now", "a year from today"
        direction = "hence"
    if direction not in ("ago", "hence") and ctx.before in ("for", "over", "within", "lasting"):
        # "went dark for a second before the generator started": how long, not when
        return "DURATION", duration_value("0.5" if g["halfa"] else g["num"], g["unit"])
    if direction == "before" and ctx.reference_for(g["unit"]) is None and not (
            unit_of(g["unit"]) == "year" and ctx.period_reference is not None):
        # "a day before the strike began" with no date written in reach: the day before an
        # event whose date is not known, not the day before publication
        granularity = UNITS[unit_of(g["unit"])][2]
        granularity = "day" if granularity in ("hour", "minute", "second") else granularity
        return "DATE", UNDERSPECIFIED[granularity], None
    if direction in ("before", "previously"):
        direction = "earlier"
    view = _GroupView(m, {**g, "dir": direction})
    return read_ago(view, ctx)  # type: ignore[arg-type]


def read_relative_day_any(m: re.Match[str], ctx: Context) -> Reading:
    g = m.groupdict()
    view = _GroupView(m, {**g, "part": g.get("part") or g.get("part2")})
    return read_relative_day(view, ctx)  # type: ignore[arg-type]


def read_set_any(m: re.Match[str], ctx: Context) -> Reading:
    g = m.groupdict()
    if g.get("sunit2"):
        if not is_rate(ctx.before) and not m.group(0).lower().startswith("per"):
            return None
        g = {**g, "sunit": g["sunit2"]}
    return read_set(_GroupView(m, g), ctx)  # type: ignore[arg-type]


class _GroupView:
    """A match with some groups renamed, so one reader serves several layouts."""

    def __init__(self, match: re.Match[str], groups: dict[str, str | None]) -> None:
        self._match, self._groups = match, groups

    def group(self, name: str | int = 0) -> str | None:
        if isinstance(name, str) and name in self._groups:
            return self._groups[name]
        return self._match.group(name)

    def groupdict(self) -> dict[str, str | None]:
        return dict(self._groups)


def read_month_relative_year(m: re.Match[str], ctx: Context) -> Reading:
    """"July last year"."""
    month = month_number(m.group("month"))
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m.group("which").lower(), 0)
    return "DATE", f"{year}-{month:02d}"


def read_year_ago_adj(m: re.Match[str], ctx: Context) -> Reading:
    """"year-earlier", "the year-ago period": the quarter or half written in reach a year
    back, else the year before the publication date."""
    reference = ctx.period_reference
    if reference is not None:
        return "DATE", counted_from(reference, "year", -1), reference.label
    if ctx.anchor is None:
        return "DATE", "XXXX"
    if m.group(0).lower().endswith("quarter"):  # the last quarter reported, a year back
        return "DATE", at_granularity(ctx.anchor - relativedelta(months=15), "quarter")
    return "DATE", str(ctx.anchor.year - 1)


def read_same_period(m: re.Match[str], ctx: Context) -> Reading:
    """"the same period last year", "the corresponding quarter a year earlier", "the
    comparable period of 1988": the period the story reports, in the year before (or in the
    year written)."""
    reference = ctx.period_reference
    unit = m.group("unit").lower()
    written = m.group("year")
    if reference is not None:
        if written:
            value = at_granularity(reference.day.replace(year=int(written)),
                                   reference.granularity)
            return "DATE", value, reference.label
        return "DATE", counted_from(reference, "year", -1), reference.label
    if written:
        return "DATE", written
    if ctx.anchor is None:
        return "DATE", "XXXX"
    if unit == "quarter":  # the last quarter reported, a year back
        return "DATE", at_granularity(ctx.anchor - relativedelta(months=15), "quarter")
    return "DATE", str(ctx.anchor.year - 1)


SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month it opens
# Words before a bare season that make it the time of year ("by spring", "in the summer").
SEASON_CUES = frozenset("in by until till since during through before after from early late mid "
                        "this".split())


def read_season(m: re.Match[str], ctx: Context) -> Reading:
    """"by spring", "in the summer of 1988", "late summer": a season, of the year written or
    of the year around the publication date on the side the tense points to."""
    code = SEASONS[m.group("season").lower()]
    if m.group("year"):
        return "DATE", f"{m.group('year')}-{code}"
    spoken = number_value(m.group("words")[len("nineteen") + 1:]) if m.group("words") else None
    if spoken is not None and spoken < 100:  # "the winter of nineteen ninety-four"
        return "DATE", f"{1900 + spoken}-{code}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}"
    return "DATE", f"{season_year(ctx.anchor, code, ctx.tense)}-{code}"


def season_year(anchor: date, code: str, tense: Tense) -> int:
    """The year of the season named alone: the one the anchor is in, else the last one (past
    tense), the next one (future), or the nearer of the two (nothing settled: "agreed to meet
    in the spring"). Winter is the year of its December."""
    start = SEASON_START[code]
    for year in (anchor.year - 1, anchor.year):
        opens = date(year, start, 1)
        if opens <= anchor < opens + relativedelta(months=3):
            return year
    last = anchor.year if date(anchor.year, start, 1) <= anchor else anchor.year - 1
    if tense == "past":
        return last
    if tense == "future":
        return last + 1
    since = (anchor - (date(last, start, 1) + relativedelta(months=3))).days
    until = (date(last + 1, start, 1) - anchor).days
    return last + 1 if until < since else last


def read_year_end(m: re.Match[str], ctx: Context) -> Reading:
    """"by year-end", "since year end": the last day of the publication year, or of the year
    before when the sentence looks back ("since", a past tense)."""
    if ctx.anchor is None:
        return "DATE", "XXXX-12-31"
    back = ctx.before == "since" or ctx.tense == "past"
    if ctx.anchor.month == 12 and ctx.anchor.day == 31:
        back = False
    return "DATE", f"{ctx.anchor.year - (1 if back else 0):04d}-12-31"


def read_month_quarter(m: re.Match[str], ctx: Context) -> Reading:
    """"the September quarter": the quarter that holds (and, for a company, ends with) the
    month, of the year the month alone would be read in."""
    month_reading = read_month(m, ctx)
    if month_reading is None:
        return None
    value = month_reading[1]
    quarter = (month_number(m.group("month")) - 1) // 3 + 1
    return "DATE", f"{value[:4]}-Q{quarter}"


def read_year_words(m: re.Match[str], ctx: Context) -> Reading:
    """"the year two thousand", "January nineteen ninety-seven"."""
    words = re.sub(r"\s+", " ", m.group("words").lower())
    if words.startswith("two thousand"):
        rest = words[len("two thousand"):].replace(" and ", "").strip()
        year = 2000 + (number_value(rest) or 0 if rest else 0)
    else:
        rest = number_value(words[len("nineteen") + 1:])
        if rest is None or rest >= 100:
            return None
        year = 1900 + rest
    if m.group("wmonth"):
        return "DATE", f"{year}-{month_number(m.group('wmonth')):02d}"
    return "DATE", str(year)


_LATE_READERS: dict[str, Reader] = {
    "month_relative_year": read_month_relative_year,
    "year_ago_adj": read_year_ago_adj,
    "year_words": read_year_words,
    "year_end": read_year_end,
    "month_quarter": read_month_quarter,
    "season": read_season,
    "same_period": read_same_period,
    "full_date": read_full_date_any,
    "ago": read_ago_any,
    "relative_day": read_relative_day_any,
    "set": read_set_any,
}
COMPILED: list[tuple[str, re.Pattern[str], Reader]] = [
    (name, re.compile(rf"(?<![\w$£€.])(?:{rx})(?![\w])", re.IGNORECASE),
     reader or _LATE_READERS[name])
    for name, rx, reader in PATTERNS
]
PRIORITY = {name: i for i, (name, _, _) in enumerate(PATTERNS)}
READERS: dict[str, Reader] = {name: reader for name, _, reader in COMPILED}
# Patterns whose refusal means "no time here": spaCy's entity for the same words is dropped too.
REFUSING_PATTERNS = frozenset({"ordinal_day", "the_day"})

# ---------------------------------------------------------------------------------------------
# Gates: words a pattern cannot match without, so most patterns skip most articles
# ---------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UNIT_WORDS = _words(
    "second seconds minute minutes hour hours day days week weeks fortnight fortnights month "
    "months quarter quarters year years decade decades century centurys centurie centuries")
_MONTH_WORDS = _words(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december")
_WEEKDAY_WORDS = frozenset({*WEEKDAYS, *(day + "s" for day in WEEKDAYS)})
_SEASON_WORDS = frozenset(SEASONS)
# "first quarter", "1stquarter", "the year-earlier period": the word that ends a quarter or
# half, glued to the word before it when nothing separates them
_QUARTER_WORDS = frozenset(
    lead + unit for unit in ("quarter", "half", "period") for lead in (
        "", "first", "second", "third", "fourth", "final", "st", "nd", "rd", "th", "latest",
        "last", "previous", "current", "recent", "earlier", "ago"))


@dataclass(frozen=True)
class Gate:
    """What every match of a pattern contains: a word of each set in ``words`` (a word is a
    run of the letters a-z in the case-folded text) and, when ``pieces`` is set, one of those
    strings of the case-folded text. A pattern whose gate is shut is not run: that is the
    same as running it and finding nothing, at a fraction of the cost."""

    words: tuple[frozenset[str], ...] = ()
    pieces: tuple[str, ...] = ()

    def open(self, words: frozenset[str], folded: str) -> bool:
        return all(not words.isdisjoint(need) for need in self.words) and (
            not self.pieces or any(piece in folded for piece in self.pieces))


# Patterns left out are run on every article: nearly every news story has their words
# ("year", "now", a digit), so a gate would cost more than it saves.
GATES: dict[str, Gate] = {
    "clock": Gate((_words("am pm m noon midday midnight gmt utc"),)),  # "5pm", "5 p.m."
    "full_date": Gate((_MONTH_WORDS,)),
    "month_year": Gate((_MONTH_WORDS,)),
    "month_relative_year": Gate((_MONTH_WORDS, _words("this last next"), _words("year"))),
    "year_ago_adj": Gate((_words("year"), _words("earlier ago"))),
    "year_words": Gate((_words("thousand nineteen"),)),
    "year_end": Gate((_words("year"), _words("end"))),
    "month_quarter": Gate((_MONTH_WORDS, _words("quarter"))),
    "season": Gate((_SEASON_WORDS,)),
    "same_period": Gate((_words("same corresponding comparable like earlier ago"),
                         _words("period quarter half year months"))),
    "named_relative": Gate((_MONTH_WORDS | _WEEKDAY_WORDS | _SEASON_WORDS,
                            _words("this last next that previous prior following"))),
    "ordinal_day": Gate((_words("day"), _words(
        "first second third fourth fifth sixth seventh eighth ninth tenth st nd rd th"))),
    "that_unit": Gate((_words("that same"), _words("day week month year"))),
    "unit_before": Gate((_words("day week month quarter year"),
                         _words("before earlier after later"))),
    "the_day": Gate((_words("day morning afternoon evening night"),)),
    "span_duration": Gate((_words("past last next previous coming following first final"),
                           _UNIT_WORDS)),
    "relative_unit": Gate((_words("week month year quarter weekend decade century"),)),
    "ago": Gate((_UNIT_WORDS, _words("ago earlier later before previously now today hence"))),
    "vague_ago": Gate((_words("ago"),)),
    "relative_day": Gate((_words(
        "today yesterday tomorrow tonight morning afternoon evening night"),)),
    "weekday_ordinal": Gate((frozenset(WEEKDAYS), _words("st nd rd th"))),
    "part_of_day": Gate((frozenset(
        lead + part for lead in ("", "early", "late", "mid")
        for part in ("morning", "afternoon", "evening")),)),  # "mid-morning", "midafternoon"
    "weekday": Gate((_WEEKDAY_WORDS,)),
    "quarter": Gate((_QUARTER_WORDS,)),
    "decade": Gate(pieces=("0s", "0's")),  # "the 1990s", "the '80s"
    "decade_words": Gate((_words(
        "twenties thirties forties fifties sixties seventies eighties nineties"),)),
    "century": Gate((_words("century"),)),
    "month": Gate((_MONTH_WORDS,)),
    "half_unit": Gate((_words("half"), _words("hour day year minute decade century"))),
    "bare_units": Gate((_words("years months weeks decades days hours"),)),
    "then": Gate((_words("then"),)),
    "overnight": Gate((_words("overnight"),)),  # the preposition is outside the match
}
# Bytes of a case-folded text -> the letters a-z kept, anything else a space.
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def folded_words(text: str) -> tuple[frozenset[str], str]:
    """The words of ``text`` as the gates read them, and the case-folded text. Folding is
    what the patterns' IGNORECASE matching does, but for the dotless i, which they match
    as "i"."""
    folded = text.casefold().replace("\u0131", "i")
    letters = folded.encode("ascii", "replace").translate(_LETTERS_ONLY).decode("ascii")
    return frozenset(letters.split()), folded

# ---------------------------------------------------------------------------------------------
# Checks against the parse
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    pattern: str
    match: re.Match[str]


def tokens_at(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def next_word(text: str, end: int) -> str:
    m = re.match(r"\W*?([\w'’]+)", text[end:end + 30])
    return m.group(1).lower() if m else ""


def previous_word(text: str, start: int) -> str:
    m = re.search(r"([\w$£€'’]+)\W*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


# Words that make a story a match report: its "second half" and "fourth quarter" are periods
# of a game, and, with the cricket words, its "century" is a hundred runs.
CRICKET_WORDS = frozenset("wicket wickets innings batsman batsmen bowler bowlers lbw".split())
GAME_WORDS = CRICKET_WORDS | frozenset(
    "goalkeeper midfielder striker equaliser equalizer equalised equalized touchdown "
    "touchdowns quarterback rebounds assists halftime fumble fumbled playoff playoffs".split())


@dataclass(frozen=True)
class StoryCues:
    """What the words of the whole article say about its kind (see ``GAME_WORDS``)."""

    game: bool = False
    cricket: bool = False

    @classmethod
    def of(cls, words: frozenset[str]) -> StoryCues:
        return cls(not words.isdisjoint(GAME_WORDS), not words.isdisjoint(CRICKET_WORDS))


def is_plausible(doc: Doc, cand: Candidate, cues: StoryCues = StoryCues()) -> bool:
    """False for matches the parse shows are no time: "May" the verb, "2,000 people", ...;
    ``cues`` about the article rule out a match report's "second half" and "century"."""
    m = cand.match
    text = m.group(0)
    span = tokens_at(doc, cand.start, cand.end)
    if span is None:
        return False
    before = previous_word(doc_text(doc), cand.start)
    if cand.pattern in ("month", "weekday", "named_relative"):
        word = m.groupdict().get("month") or m.groupdict().get("weekday") or m.group("name")
        if word and word.lower() not in SEASONS and not word[0].isupper():
            return False
    if cand.pattern == "month":
        return plausible_month(span, m.group("month"), before, text)
    if cand.pattern == "named_relative" and m.group("which").lower() == "that":
        return span[0].dep_ == "det" or span[0].tag_ == "DT"  # not "hinted that Tuesday's"
    if cand.pattern == "year":
        return plausible_year(span, before, text)
    if cand.pattern == "decade" and not text.lower().startswith("the") and before not in \
            YEAR_CUES:
        return any(t.ent_type_ == "DATE" for t in span)
    if cand.pattern == "reference":
        return plausible_reference(span) and not is_conjunction_soon(span) and \
            not is_title(span)  # "Kim Soon" the name
    if cand.pattern == "the_day" and m.group("part") and \
            span[-1].dep_ in ("compound", "amod", "nmod"):
        return False  # "the morning session": a name for a sitting, read with its noun
    if cand.pattern == "season":
        return plausible_season(m, before, doc_text(doc)[cand.end:cand.end + 4]) and \
            span[-1].dep_ not in ("compound", "amod", "nmod")  # "the autumn polls"
    if cand.pattern in TITLE_PRONE_PATTERNS and is_title(span):
        return False
    if cues.cricket and cand.pattern in ("duration", "duration_adj", "ago") and \
            unit_of(m.group("unit")) == "century":
        return False  # "Collingwood was poised for a century": a hundred runs
    if cand.pattern in ("duration", "duration_adj"):
        return plausible_duration(span, m)
    if cand.pattern == "span_duration":
        return not is_quarter_name(m)
    if cand.pattern == "set" and m.group("adverb"):
        return not is_frequency_label(span) and not is_periodical(span)
    if cand.pattern == "relative_unit" and text.lower() == "the year" and \
            re.match(r"\s+\d", doc_text(doc)[cand.end:cand.end + 3]):
        return False  # "the year 325": a year written in a way the year patterns do not read
    if cand.pattern == "set" and m.group("sunit2"):
        return not is_amount_rate(span, m) and not is_ordinal_second(span, m)
    if cand.pattern == "quarter":
        if cues.game and is_bare_period(m, before):
            return False  # "took the lead early in the second half": a period of the game
        return plausible_quarter(m) and not is_game_period(doc_text(doc), cand.start)
    if cand.pattern == "clock" and text.istitle() and text.isalpha() and is_in_name(span):
        return False  # "the yacht Midnight Rambler": a name, not twelve o'clock
    if cand.pattern == "century":  # "the 19th century", not "a century" (a duration)
        if cues.cricket and not text.lower().startswith("the"):
            return False  # "his fifth century in eight Tests": hundreds of runs
        return m.group("ord").lower() in ORDINALS or \
            re.fullmatch(r"\d+(?:st|nd|rd|th)", m.group("ord").lower()) is not None
    return True


def plausible_month(span: Span, word: str, before: str, text: str) -> bool:
    token = span[-1]
    lower = word.lower().rstrip(".")
    if lower not in AMBIGUOUS_MONTHS and not word.endswith(".") and len(lower) > 3:
        return token.ent_type_ not in ("PERSON", "ORG") or token.ent_type_ == "DATE"
    if word.endswith("."):
        return True
    if text.lower() != lower:  # "early May", "the end of March"
        return True
    if before in VERB_CUES:
        return False  # "will March on", "to march", "may"
    if token.ent_type_ == "DATE":
        return True
    if token.tag_ == "MD" or token.pos_ in ("VERB", "AUX"):
        return False
    return before in MONTH_CUES and token.ent_type_ not in ("PERSON", "ORG")


def plausible_season(m: re.Match[str], before: str, rest: str) -> bool:
    """A season word is the time of year with a year ("fall 1988"), or after a cue ("by
    spring", "in the summer"); "fall" alone is too often the noun ("the fall in prices")."""
    if m.group("year") or m.group("words"):
        return True
    word = m.group("season").lower()
    if word == "fall" and (not m.group(0).lower().startswith("the") or
                           rest.lower().startswith((" in", " of", " to", " from", " was", " is"))):
        return False
    lead = m.group(0).lower().split()[0]
    return before in SEASON_CUES or lead in ("early", "late", "mid") or lead.startswith("mid-")


def plausible_year(span: Span, before: str, text: str) -> bool:
    if not text[0].isdigit():  # "fiscal 1999", "early 2000", "the year 2000"
        return True
    if before in YEAR_CUES or before in ("the", "'s", "’s"):
        nxt = span[-1].nbor(1) if span[-1].i + 1 < len(span.doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and before in ("the", "'s", "’s"):
            # "the 1973 coup", "the 2002 referendum": a year naming an event; "the 1500
            # delegates": a count of the plural noun
            return nxt.tag_ == "NN" or \
                nxt.lemma_ in ("election", "season", "budget", "campaign", "period")
        return True
    return any(t.ent_type_ == "DATE" for t in span)


def plausible_reference(span: Span) -> bool:
    token = span[-1]
    lower = span.text.lower()
    if lower == "now":
        # "now" as a discourse marker ("Now, ...") is still TimeBank PRESENT_REF; keep it.
        return True
    if lower == "current":
        return token.pos_ == "ADJ" and token.dep_ == "amod"
    if lower == "the past":
        # "the past five sessions", "the past three summers", "the past generation":
        # "past" describing what follows, not the past itself
        after = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return after is None or not (after.like_num or after.tag_ in ("NNS", "JJ", "CD") or
                                     after.lower_ in ("few", "several", "many"))
    if lower == "recent":
        # the adjective alone ("the recent sale") dates nothing a timeline can use, and
        # TimeML corpora mark it only now and then; "recent years" is read as a stretch
        return False
    if lower.endswith("future"):
        return not is_prospects(span)
    return True


def is_prospects(span: Span) -> bool:
    """"the future of the region", "the future looks bleak", "the future status of Kosovo":
    a thing's prospects or a modifier, not the time to come ("in the future")."""
    token = span[-1]
    doc = span.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.lower_ == "of":
        return True
    if token.dep_ in ("amod", "compound") or token.pos_ == "ADJ":
        return True
    return token.dep_ in ("nsubj", "nsubjpass")


# Deictic patterns whose words also name programmes and papers ("This Week", "VOA Today").
TITLE_PRONE_PATTERNS = frozenset({"relative_unit", "relative_day"})


def is_title(span: Span) -> bool:
    """"on ABC's "This Week"", "This is VOA Today": a deictic expression written in title case
    inside a sentence, or right after a capitalised name, names a programme, not a time."""
    words = [t for t in span if t.is_alpha]
    if not words or not all(t.text[0].isupper() for t in words):
        return False
    first = span[0]
    if first.is_sent_start or first.i == 0:
        return False
    before = span.doc[first.i - 1]
    if before.is_punct and not before.is_quote:  # "..., Today the ..." after a colon or dash
        return False
    if len(words) >= 2:
        return True
    return before.pos_ == "PROPN" and before.text[:1].isupper()


def is_in_name(span: Span) -> bool:
    """A capitalised word between capitalised proper nouns: "AFR Midnight Rambler"."""
    doc = span.doc
    around = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in around)


def is_conjunction_soon(span: Span) -> bool:
    """"as soon as trading opened", "killed soon after being captured": "soon" in a
    conjunction or before "after" places an event against another, not against now."""
    if span.text.lower() != "soon":
        return False
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (before == "as" and after == "as") or after in ("after", "afterwards", "afterward")


def is_periodical(span: Span) -> bool:
    """"the Kommersant daily", "the Turkish daily Sabah", "the Daily Telegraph": "daily" or
    "weekly" as a newspaper, a noun or part of a name, not a recurrence."""
    token = span[-1]
    doc = span.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.text[0].isupper() and not token.is_sent_start:
        return True
    if after is not None and after.pos_ == "PROPN" and after.text[0].isupper():
        return True
    return token.pos_ in ("NOUN", "PROPN") and token.i > 0 and doc[token.i - 1].pos_ in (
        "DET", "PROPN", "ADJ")


def is_frequency_label(span: Span) -> bool:
    """"the quarterly dividend", "average daily volume": a frequency word describing a noun
    labels what is counted; TimeML marks the recurrence of events ("flies daily") instead."""
    token = span[-1]
    return token.dep_ == "amod" and token.head.pos_ == "NOUN" and token.head.i > token.i


def is_quarter_name(m: re.Match[str]) -> bool:
    """"the first quarter", "the final quarter": a quarter of the year, not three months."""
    return (not m.group("num") and m.group("unit").lower() == "quarter"
            and m.group("side").lower() in ("first", "final"))


def is_ordinal_second(span: Span, m: re.Match[str]) -> bool:
    """"a second meeting", "a second term": "second" the ordinal, before the noun it counts;
    "while a second looked at ...": the ordinal standing for a noun, the subject of a verb."""
    if (m.groupdict().get("unit") or m.groupdict().get("sunit2") or "").lower() != "second":
        return False
    last = span[-1]
    after = last.nbor(1) if last.i + 1 < len(span.doc) else None
    return last.tag_ == "JJ" or last.dep_ in ("nsubj", "nsubjpass") or (
        after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "AUX"))


def is_amount_rate(span: Span, m: re.Match[str]) -> bool:
    """"$500 million a year", "four flights a week": "a <unit>" after an amount is the unit
    of a rate, no time of its own ("twice a week", which counts events, stays a set)."""
    if not re.match(r"(?:an?|per)\s", m.group(0).lower()) or span.start == 0:
        return False
    doc = span.doc
    start = amount_end(doc, span.start)
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in ("once", "twice", "thrice", "times"):
        return False
    if before.like_num or before.text in ("%", "percent"):
        return True
    # "four flights a week", "eight billion U.S. dollars a year": an amount of something
    i = start - 1
    while i >= 0 and start - i <= 3 and doc[i].pos_ in ("NOUN", "PROPN"):
        i -= 1
    return i >= 0 and i < start - 1 and doc[i].like_num


def amount_end(doc: Doc, start: int) -> int:
    """Where the amount before token ``start`` ends, past a conversion in brackets: "150
    kilometres (93 miles) per hour" ends after "kilometres"."""
    if start == 0 or doc[start - 1].text != ")":
        return start
    for i in range(start - 2, max(-1, start - 12), -1):
        if doc[i].text == "(":
            return i
    return start


def plausible_duration(span: Span, m: re.Match[str]) -> bool:
    """Reject ages ("a 24-year-old", "30 years of age", "ten years younger"), ordinals ("a
    second meeting") and numbers that are labels, not amounts."""
    rest = doc_text(span.doc)[span.end_char:span.end_char + 9].lower()
    if rest.startswith(("-old", " old", " of age", " younger", " older")):
        return False
    if is_ordinal_second(span, m):
        return False
    if is_amount_rate(span, m):
        return False
    if unit_of(m.group("unit")) == "quarter" and rest.startswith(" of"):
        return False  # "a quarter of voters", "three-quarters of the oil"
    num = m.group("num").lower().strip()
    if re.fullmatch(YEAR_RE, num) and not m.group("unit").lower().endswith("s"):
        return False  # "the 1988 quarter"
    if num in ("some",) and not m.group("unit").lower().endswith("s"):
        return False  # "some day" is not a number of days
    return True


GAME_CLOCK = re.compile(r"(?:\bseconds|\bminutes|\b\d{1,2}:\d\d)\b.{0,20}\b(?:left|remaining|to go"
                        r"|to play|before the end of)\b.{0,12}$", re.IGNORECASE | re.DOTALL)


def is_game_period(text: str, start: int) -> bool:
    """"with 23 seconds left in the second quarter": a period of a game, not of a year."""
    return GAME_CLOCK.search(text[max(0, start - 60):start]) is not None


def is_bare_period(m: re.Match[str], before: str) -> bool:
    """"the second half", "the fourth quarter" with no year of their own (none written after
    them, before them, or as "1988's")."""
    return not (m.group("qyear") or m.group("qyear0") or m.group("qrel") or
                possessive_year(before))


def plausible_quarter(m: re.Match[str]) -> bool:
    which = m.group("qwhich").lower()
    bare = not which and not m.group("qyear0") and not m.group("qrel")
    if bare and (m.group("qunit").lower() == "period" or not m.group(0).lower().startswith("the")):
        return False  # "a quarter of voters", "the period"
    if m.group("qunit").lower() == "half":
        return which in ("first", "second", "1st", "2nd")
    return True


# ---------------------------------------------------------------------------------------------
# Tense: which side of the anchor a bare weekday or month points to
# ---------------------------------------------------------------------------------------------


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token in the parse (the token itself excluded)."""
    current = token
    for _ in range(12):
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def tense_of(span: Span) -> Tense:
    """What the verb governing ``span`` says about its time (see ``verb_tense``)."""
    verb = governing_verb(span.root)
    return "open" if verb is None else verb_tense(verb)


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """future: "will meet", "could see", "is due to meet", "plans to meet", "is meeting";
    past: "met", "has met", "had been due to expire", "the record set on"; an infinitive
    takes the tense of the verb above it ("offered to buy" is past, "wants to buy" future);
    present: any other present tense ("meets", "is")."""
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] + [verb]
    lowers = {w.lower_ for w in words}
    if lowers & VERB_FUTURE_AUX or lowers & MODALS:
        return "future"
    if any(w.tag_ == "VBD" for w in words) or lowers & {"has", "have", "had", "'ve"}:
        return "past"
    if "to" in lowers:  # an infinitive looks forward from the verb it depends on
        upper = governing_verb(verb)
        if upper is None or depth >= 3:
            return "future"
        # after a past verb ("agreed to buy in January") it may be either side of the anchor
        return "open" if verb_tense(upper, depth + 1) == "past" else "future"
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "is meeting Friday"
    if verb.tag_ == "VBG" and len(words) == 1 and depth < 3:
        # a bare participle takes the time of the verb it hangs on: "was quoted as saying in
        # April" looks back, "will begin withdrawing on Friday" forward
        upper = governing_verb(verb)
        if upper is not None:
            return verb_tense(upper, depth + 1)

    if verb.tag_ == "VBN" and not lowers & {"is", "are", "be", "'s", "'re", "am"}:
        planned = verb.lemma_ in SCHEDULE_VERBS and any(
            c.lower_ == "for" or c.dep_ == "xcomp" for c in verb.children)
        return "future" if planned else "past"  # "scheduled for Friday" / "set on Aug. 6"
    if verb.lemma_ in SCHEDULE_VERBS or any(c.lemma_ == "due" for c in verb.children):
        return "future"  # "expects", "is due"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ in TIMETABLE_VERBS and len(words) == 1:
        return "future"  # "the leaders meet Friday": a timetable
    return "present"


# Prepositions that make a date the end of a stretch: "until January", "through Nov. 16",
# and the tense a present perfect gives the date.
DEADLINE_PREPOSITIONS: dict[str, Tense] = {
    "until": "future", "till": "future", "through": "open", "thru": "open"}


def perfect_deadline_tense(span: Span, before: str) -> Tense | None:
    """A date that ends a stretch reaching the present (a present perfect) is not behind the
    publication date however past the verb looks: "have postponed the vote until May" is
    the coming May; "has extended the loans through January" the nearest January, which
    "sales have risen through January" (written in February) also is. None for anything
    else: "served until January" (a simple past) stays behind."""
    tense = DEADLINE_PREPOSITIONS.get(before)
    verb = governing_verb(span.root)
    if tense is None or verb is None:
        return None
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve", "'s")
                  for c in verb.children)
    return tense if perfect else None


def direction_of(tense: Tense) -> Direction:
    """Which side of the anchor a bare weekday, month or quarter lies on: future when the verb
    looks forward, else past (news mostly reports what has happened)."""
    return "future" if tense in FORWARD_TENSES else "past"


# ---------------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------------


def candidates(doc: Doc, folded_text: tuple[frozenset[str], str] | None = None
               ) -> list[Candidate]:
    """Every match of every pattern whose gate the text opens, pattern by pattern
    (``folded_text``: the text's ``folded_words``, when the caller has them)."""
    text = doc_text(doc)
    words, folded = folded_text or folded_words(text)
    found: list[Candidate] = []
    for name, rx, _ in COMPILED:
        gate = GATES.get(name)
        if gate is not None and not gate.open(words, folded):
            continue
        for m in rx.finditer(text):
            start, end = m.span()
            if end > start and text[start:end].strip():
                found.append(Candidate(start, end, name, m))
    return found


def without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest first, then the earlier pattern; drop anything overlapping a kept one."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), PRIORITY[c.pattern], c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def parse_anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def read_candidate(doc: Doc, cand: Candidate, anchor: date | None,
                   references: tuple[Reference, ...] = (),
                   period: Reference | None = None, apposed: bool = False,
                   written: list[TimeExpr] | None = None,
                   story_day: Reference | None = None) -> TimeExpr | None:
    """The candidate read against the publication date and the dates written in reach. Its
    ``anchor`` says what it was resolved against: a reader that counted from a written date
    names it; otherwise "publication" when its value depends on that date, else None."""
    span = tokens_at(doc, cand.start, cand.end)
    if span is None:
        return None
    tense = tense_of(span)
    if cand.pattern == "month" and span[-1].dep_ in ("compound", "nmod") and \
            span[-1].head.pos_ == "NOUN" and tense != "past":
        # "the November jobs report": a present or future verb tells when the report comes
        # out, not when November is; a past one ("was elected in an April vote") still does
        tense = "open"
    if tense == "past":
        tense = perfect_deadline_tense(span, previous_word(doc_text(doc), cand.start)) or tense
    equated = equated_day(span, written or [], anchor, references) \
        if cand.pattern == "ordinal_day" else None
    if cand.pattern == "ordinal_day" and equated is None and references and \
            not counts_from(span, references[-1]):
        references = ()  # "the fourth day of a ceasefire" after the day of an attack
    ctx = Context(anchor, direction_of(tense), previous_word(doc_text(doc), cand.start), tense,
                  next_word(doc_text(doc), cand.end), references, period, apposed, equated,
                  story_day)
    reader = READERS[cand.pattern]
    reading = reader(cand.match, ctx)
    if reading is None:
        return None
    if len(reading) == 3:
        kind, value, label = reading  # type: ignore[misc]
    else:
        kind, value = reading  # type: ignore[misc]
        unanchored = reader(cand.match, replace(ctx, anchor=None, references=(),
                                                period_reference=None))
        label = "publication" if anchor is not None and unanchored != reading else None
    return TimeExpr(doc_text(doc)[cand.start:cand.end], cand.start, cand.end, kind, value, label)


def counts_from(span: Span, reference: Reference) -> bool:
    """Whether "the second day of talks" can count from the day written in reach: only when
    what its days are counted of (talks) is named in the sentence of that day ("Talks opened
    on 4 March"); after "The attack came early Saturday", "the fourth day of a ceasefire"
    does not start on Saturday."""
    counted = [c for prep in span.root.children if prep.lower_ == "of"
               for c in prep.children if c.dep_ == "pobj"]
    if not counted:
        return False
    doc = span.doc
    token = doc.char_span(reference.start, reference.start + 1, alignment_mode="expand")
    if token is None:
        return False
    sentence = token[0].sent
    return any(t.lemma_.lower() == counted[0].lemma_.lower() for t in sentence)


def equated_day(span: Span, written: list[TimeExpr], anchor: date | None,
                references: tuple[Reference, ...]) -> tuple[date, str] | None:
    """The day a clause says ``span`` is, when ``span`` is what the clause's subject is or
    marks: "today is the eighth day of the blockade" (today), "Monday was the third day of
    the strike" (that Monday), "it is the second day of the offensive" (the publication day),
    "it was the second day of fighting" (the day written in reach). None otherwise: "on the
    second day of talks" counts from the first."""
    root = span.root
    verb = root.head
    if not ((root.dep_ == "attr" and verb.lemma_ == "be") or
            (root.dep_ == "dobj" and verb.lemma_ == "mark")):
        return None
    for subject in verb.children:
        if subject.i >= span.start or subject.dep_ not in ("nsubj", "nsubjpass", "npadvmod"):
            continue
        named = next((t for t in written if t.start <= subject.idx < t.end), None)
        if named is not None:
            reference = reference_of(named)
            if reference is None or reference.granularity != "day":
                return None
            return reference.day, reference.label
        if subject.lower_ in ("it", "this"):
            tense = verb_tense(verb)
            if tense == "present" and anchor is not None:
                return anchor, "publication"
            last = references[-1] if references else None
            if tense == "past" and last is not None and last.granularity == "day":
                return last.day, last.label
    return None


def is_background(doc: Doc, expr: TimeExpr) -> bool:
    """An expression inside a clause that describes a noun: "a majority elected in 2005",
    "the firm, which was founded in 1998"."""
    span = tokens_at(doc, expr.start, expr.end)
    verb = governing_verb(span.root) if span is not None else None
    return verb is not None and verb.dep_ in ("acl", "relcl")


# A written calendar value -> (its first day, its granularity); group names pick the parts.
REFERENCE_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})|Q(?P<q>[1-4])|H(?P<h>[12])))?"
    r"(?:T(?:(?P<hh>[01]\d|2[0-4]):(?P<mm>[0-5]\d)|.*))?"
)


def reference_of(expr: TimeExpr) -> Reference | None:
    """A date or time with a calendar value ("1995-05-22", "1989-Q3", "2018-06", "2009") as a
    reference later expressions may count from; None for durations, sets and vague values."""
    if expr.type not in ("DATE", "TIME"):
        return None
    m = REFERENCE_VALUE.fullmatch(expr.value)
    if m is None:
        return None
    year = int(m.group("y"))
    try:
        if m.group("d"):
            minutes = int(m.group("hh")) * 60 + int(m.group("mm")) if m.group("hh") else None
            return Reference(date(year, int(m.group("m")), int(m.group("d"))), "day", expr.start,
                             minutes=minutes)
        if m.group("m"):
            return Reference(date(year, int(m.group("m")), 1), "month", expr.start)
        if m.group("w"):
            return Reference(date.fromisocalendar(year, int(m.group("w")), 1), "week",
                             expr.start)
        if m.group("q"):
            return Reference(date(year, 3 * int(m.group("q")) - 2, 1), "quarter", expr.start)
        if m.group("h"):
            return Reference(date(year, 6 * int(m.group("h")) - 5, 1), "half", expr.start)
    except ValueError:
        return None
    return Reference(date(year, 1, 1), "year", expr.start)


ENTITY_TRIM = re.compile(
    r"^(?:(?:on|in|at|by|since|until|from|for|during|of|to|over|within)\s+)+|(?:'s|’s|,)$",
    re.IGNORECASE,
)


def entity_times(doc: Doc, taken: list[TimeExpr], anchor: date | None) -> list[TimeExpr]:
    """spaCy DATE/TIME entities no pattern found, with the value of a readable part if any."""
    out: list[TimeExpr] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(t.start < ent.end_char and ent.start_char < t.end for t in taken):
            continue
        text = ent.text
        trimmed = ENTITY_TRIM.sub("", text)
        start = ent.start_char + text.find(trimmed)
        end = start + len(trimmed)
        if not trimmed or re.search(r"\bold\b|\bage[sd]?\b|\b(?:consecutive|straight|successive)"
                                    r"\s+\w+$", trimmed.lower()):
            # ages; "the third consecutive month" counts periods, it dates none
            continue
        if re.search(r"(?:quarters?|half)$", trimmed.lower()) and doc_text(doc)[end:end + 3] == " of":
            continue  # "a quarter of voters": a fraction
        if re.fullmatch(r"(?:an?\s+|half-|double-)?centur(?:y|ies)", trimmed.lower()):
            # "for centuries" is a stretch of unknown length; "a century" of runs is no time
            if previous_word(doc_text(doc), start) == "for" and trimmed.lower() == "centuries":
                out.append(TimeExpr(trimmed, start, end, "DURATION", "PXCE"))
            continue
        if not re.search(YEAR_RE + "|" + UNIT_RE + "|" + MONTH_RE + "|" + WEEKDAY_RE, trimmed,
                         re.IGNORECASE):
            continue  # "58", "as little as 99 cents"
        kind: TimeType = "TIME" if ent.label_ == "TIME" else "DATE"
        kind, value = entity_reading(trimmed, kind)
        if value == "XXXX-XX-XX":
            continue  # "the glory years", "full-year": nothing a timeline could place
        out.append(TimeExpr(trimmed, start, end, kind, value))
    return out


# Entities that are only units in the plural: an unknown amount ("weeks", "the early years"),
# or a vague stretch to come or gone ("coming months", "past years").
VAGUE_UNITS = re.compile(
    r"(?:(?P<side>coming|future|past)\s+|(?:the\s+)?(?:early\s+|first\s+)?)"
    r"(?P<unit>hours|days|weeks|months|quarters|years|decades)(?P<ahead>\s+ahead)?",
    re.IGNORECASE)


def entity_reading(text: str, kind: TimeType) -> tuple[TimeType, str]:
    """The type and value of an entity no pattern read."""
    vague = VAGUE_UNITS.fullmatch(text)
    if vague is None:
        return kind, entity_value(text, None)
    side = (vague.group("side") or "").lower()
    if vague.group("ahead"):  # "the months ahead"
        return "DATE", "FUTURE_REF"
    if side:
        return "DATE", "PAST_REF" if side == "past" else "FUTURE_REF"
    return "DURATION", duration_value(None, vague.group("unit"))


def entity_value(text: str, anchor: date | None) -> str:
    """An underspecified value for an entity no pattern read: its year if it names one."""
    year = re.search(YEAR_RE, text)
    if year:
        return year.group()
    return "XXXX-XX-XX"


def find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    """Temporal expressions of ``doc`` with ISO-TimeML values, resolved against ``published``
    or, for "the following day", "two weeks later", "that month", against the last date
    written in reach (the sentence and the ``REFERENCE_REACH`` sentences before it)."""
    anchor = parse_anchor(published)
    sentence_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") \
        else [0]
    found: list[TimeExpr] = []
    written: list[tuple[int, Reference]] = []  # (sentence number, reference), in text order
    period: Reference | None = None  # the quarter or half a results story reports
    refused: list[TimeExpr] = []  # spans a pattern read as no time at all
    plausible: list[Candidate] = []
    folded = folded_words(doc_text(doc))
    cues = StoryCues.of(folded[0])
    for cand in candidates(doc, folded):
        if is_plausible(doc, cand, cues):
            plausible.append(cand)
        elif cand.pattern in ("month", "set", *TITLE_PRONE_PATTERNS):
            # "will March", "the quarterly dividend", "This Week" the programme: no entity's
            # date for these words either
            refused.append(TimeExpr("", cand.start, cand.end, "DATE", ""))
    for cand in without_overlaps(plausible):
        sentence = bisect_right(sentence_starts, cand.start) - 1
        in_reach = tuple(r for n, r in written if n >= sentence - REFERENCE_REACH)
        apposed = bool(found) and found[-1].end <= cand.start and \
            re.fullmatch(r"\s*,\s*", doc_text(doc)[found[-1].end:cand.start]) is not None
        story_day = next((r for _, r in reversed(written) if r.granularity == "day"), None)
        expr = read_candidate(doc, cand, anchor, in_reach, period, apposed, found, story_day)
        if expr is None:
            if cand.pattern in REFUSING_PATTERNS:
                refused.append(TimeExpr("", cand.start, cand.end, "DATE", ""))
            continue
        found.append(expr)
        # "overnight" is the night before the day the story is at: no day to count from
        reference = reference_of(expr) if cand.pattern != "overnight" else None
        if reference is not None:
            if is_background(doc, expr):
                reference = replace(reference, background=True)
            written.append((sentence, reference))  # "two days later" may chain on from it
            # but a results story's period is one written, not derived: "a year earlier"
            # after "the year-ago quarter" is not two years back; and it is the first one
            # written (the lead's), not a quarter named in passing ("after a flat second
            # quarter", "a gain in the 1988 period"), until the story turns to its months
            if reference.granularity in ("quarter", "half") and \
                    not (expr.anchor or "").startswith("previous:") and \
                    (period is None or period.granularity == "year"):
                period = reference
        elif is_months_period(expr, doc_text(doc)):
            # "In the first nine months, ... a year earlier": now the story compares a run of
            # months, written by its year alone
            year = period.day.year if period else anchor.year if anchor else None
            if year is not None:
                period = Reference(date(year, 1, 1), "year", expr.start)
    found.extend(entity_times(doc, found + refused, anchor))
    return named_by_end(sorted(found, key=lambda t: t.start), doc_text(doc))


MONTHS_PERIOD = re.compile(r"(?:the\s+(?:first\s+)?\S+\s+months|\S+-month)", re.IGNORECASE)


def is_months_period(expr: TimeExpr, text: str) -> bool:
    """"the first nine months", "the six months", "nine-month": a results story's run of
    months shorter than a year (not "six months of pay")."""
    months = re.fullmatch(r"P(\d+)M", expr.value)
    if expr.type != "DURATION" or months is None or not 2 <= int(months.group(1)) < 12:
        return False
    return MONTHS_PERIOD.fullmatch(expr.text) is not None or \
        re.search(r"\bthe\s+(?:first\s+)?$", text[max(0, expr.start - 12):expr.start],
                  re.IGNORECASE) is not None


ENDED_BY = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to)\s+$", re.IGNORECASE)
PERIOD_BY_END = re.compile(r"the\s+(?P<unit>week|month|quarter)", re.IGNORECASE)


def named_by_end(found: list[TimeExpr], text: str) -> list[TimeExpr]:
    """"the week ended Oct. 27", "the quarter ending Dec. 31": the week, month or quarter
    that holds the day written after it (not the one around the publication date)."""
    out = list(found)
    for i, (expr, nxt) in enumerate(zip(found, found[1:], strict=False)):
        unit = PERIOD_BY_END.fullmatch(expr.text)
        if unit is None or expr.type != "DATE" or nxt.type != "DATE":
            continue
        if not ENDED_BY.fullmatch(text[expr.end:nxt.start] + " "):
            continue
        reference = reference_of(nxt)
        if reference is None or reference.granularity != "day":
            continue
        value = at_granularity(reference.day, unit.group("unit").lower())
        out[i] = replace(expr, value=value, anchor=f"previous:{nxt.start}")
    return out


__all__ = ["PATTERNS", "find_times"]
