"""Claims that can be compared across articles: a number and what it counts.

Small pure functions over an article's text (no spaCy): sentences are cut by a regular
expression, numbers found and normalised ("two dozen" -> 24, "more than 30" -> 30 with the
qualifier "more than"), and each number is kept only when the words around it say what it
counts: a casualty word ("16 people killed", "killing five", "the death toll rose to 40"),
or a countable noun from ``COUNTED_NOUNS`` ("150 jobs", "68 rabbis"). Percentages, years,
ages, dates and measures are never counts. Wire roundups add shapes read here too: asides
between the people counted and the verb (", including a boy,"), partitives ("13 of the 30
men ... have been released" counts the released), subtotals by place ("of which 35 were
reported from Sindh"), ordinal tallies ("the 2,947th soldier to die"), figures before their
noun ("bringing to 64 the number of US soldiers killed"), and whose toll it is ("the
military death toll").

What a claim is *about* (which event) is decided later, in ``resolve/conflicts.py``, from the
stored entity rows inside the claim's sentence and the event words found here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

# --- vocabularies (data, kept apart from the rules) ---

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Words that multiply the number before them ("two dozen") or stand for one alone ("a dozen").
MULTIPLIERS = {"dozen": 12, "score": 20}

# Qualifiers kept with the value: "more than 30" is not "30".
QUALIFIERS = (
    "at least", "more than", "over", "nearly", "almost", "about", "around", "some",
    "up to", "as many as", "fewer than", "less than", "roughly", "approximately",
    "an estimated", "at most", "close to", "a total of",
)

# Casualty words -> the category they count. "toll" alone is a death toll.
CASUALTY = {
    "killed": "killed", "kill": "killed", "kills": "killed", "killing": "killed",
    "dead": "killed", "died": "killed", "die": "killed", "deaths": "killed",
    "death": "killed", "lives": "killed", "fatalities": "killed", "perished": "killed",
    "bodies": "killed", "drowned": "killed",
    "injured": "injured", "injuring": "injured", "wounded": "injured", "wounding": "injured",
    "hurt": "injured", "injuries": "injured", "injures": "injured", "wounds": "injured",
    "missing": "missing", "trapped": "trapped", "unaccounted": "missing",
    "arrested": "arrested", "detained": "arrested", "arresting": "arrested",
    "arrests": "arrested", "rounded": "arrested",
    "kidnapped": "hostage", "abducted": "hostage", "kidnapping": "hostage",
    "abducting": "hostage",
    # what became of people counted before: "13 of the 30 men ... have been released"
    "released": "released", "freed": "released", "rescued": "rescued",
    "evacuated": "evacuated",
}
# Casualty words that never follow the people they count ("16 people killing" is no claim).
NOT_AFTER = frozenset({
    "kill", "kills", "die", "death", "injures", "lives", "bodies", "killing", "injuring",
    "wounding", "arresting", "kidnapping", "abducting",
})
# Words between the people counted and the casualty word: "16 people were reportedly killed".
HELPERS = frozenset({
    "were", "was", "have", "had", "been", "are", "is", "being", "reported", "reportedly",
    "feared", "confirmed", "believed", "now", "also", "still", "later", "all", "so", "far",
    "who", "injured", "seriously", "critically", "slightly", "went", "remain", "remained",
    "since", "subsequently", "safely", "found",
})
# Words saying people are still where they were: "remained trapped" counts the missing,
# "were trapped" all who were caught.
STILL = frozenset({"remain", "remained", "remains", "still"})
# "held" before these words counts people held: "40 people were held hostage".
HELD = frozenset({"hostage", "hostages", "captive", "captives"})

# Counts a later day's report revises as a story goes on (a later, higher figure updates).
TOLLS = frozenset({"killed", "injured", "arrested", "missing"})

# Who the casualties were when it is a part of them ("three soldiers" of "16 dead").
SUBGROUPS = {
    "soldier": "soldier", "soldiers": "soldier", "troops": "soldier", "servicemen": "soldier",
    "marines": "soldier", "policemen": "police", "police": "police", "policemen's": "police",
    "officers": "police", "militants": "militant", "insurgents": "militant",
    "rebels": "militant", "fighters": "militant", "gunmen": "militant", "guerrillas": "militant",
    "children": "child", "women": "woman", "students": "student",
    "pilgrims": "pilgrim", "foreigners": "foreigner", "tourists": "tourist",
    "suspects": "suspect", "attackers": "militant", "bombers": "militant",
}
# People counted without naming a part: "16 people killed" = "16 dead".
GENERIC_PEOPLE = frozenset({
    "people", "persons", "person", "victims", "others", "residents", "villagers", "civilians",
    "passengers", "miners", "workers", "men", "individuals", "crew",
})
# Countable nouns a report gives a figure for (lemma by the plural).
COUNTED_NOUNS = {
    "jobs": "job", "votes": "vote", "seats": "seat", "homes": "home", "houses": "house",
    "buildings": "building", "families": "family", "members": "member", "rabbis": "rabbi",
    "priests": "priest", "bishops": "bishop", "signatories": "signatory", "mps": "mp",
    "lawmakers": "lawmaker", "delegates": "delegate", "candidates": "candidate",
    "protesters": "protester", "demonstrators": "protester", "refugees": "refugee",
    "hostages": "hostage", "captives": "hostage", "prisoners": "prisoner",
    "detainees": "detainee",
    "cases": "case", "infections": "case", "patients": "patient", "evacuees": "evacuee", "employees": "employee",
    "staff": "employee", "posts": "job", "positions": "job", "redundancies": "job",
    "letters": "letter", "complaints": "complaint", "ballots": "vote",
}
CURRENCY_WORDS = {
    "dollars": "usd", "dollar": "usd", "euros": "eur", "euro": "eur", "pounds": "gbp",
    "yuan": "cny", "yen": "jpy", "rupees": "inr",
}
CURRENCY_SIGNS = {"$": "usd", "US$": "usd", "€": "eur", "£": "gbp"}
# What follows a money figure and says what it is ("$5 million in damage").
MONEY_SUBJECTS = frozenset({
    "aid", "damage", "damages", "losses", "loss", "ransom", "compensation", "fine",
    "budget", "bail", "debt", "bonus", "reward", "deficit",
})

# Event words, by family: claims whose sentences name events of different families are
# about different events ("the mine blast" vs "the bus crash").
EVENT_FAMILIES = {
    "mine": ("mine", "mines", "colliery", "collieries", "pit", "coal", "coalmine", "miners"),
    "blast": ("blast", "explosion", "bomb", "bombs", "bombing", "bombings", "bomber",
              "explosive", "explosives", "exploded", "blew", "suicide"),
    "crash": ("crash", "crashed", "collision", "collided", "plunged",
              "derailed", "capsized", "sank"),
    "fire": ("fire", "blaze", "burning", "burned"),
    "flood": ("flood", "floods", "flooding", "landslide", "landslides", "mudslide"),
    "storm": ("typhoon", "hurricane", "cyclone", "storm", "tornado"),
    "quake": ("earthquake", "quake", "tremor", "tsunami", "aftershock"),
    "fighting": ("clash", "clashes", "fighting", "raid", "airstrike", "airstrikes", "strike",
                 "ambush", "offensive", "battle", "shelling", "gunfight", "shooting",
                 "gunmen", "attack", "attacks", "riot", "riots"),
    "illness": ("flu", "outbreak", "virus", "poisoning", "disease", "epidemic", "cholera"),
    "vote": ("election", "elections", "vote", "poll", "ballot", "referendum"),
}
EVENT_WORDS = {w: family for family, words in EVENT_FAMILIES.items() for w in words}
# Families that say where an event happened rather than what happened: a mine fire and a
# mine blast share the setting and are still two events.
SETTING_FAMILIES = frozenset({"mine"})

# Verbs that give a count's level: "the patients ... reached 1,576", "stood at 197".
LEVEL_VERBS = frozenset({
    "reached", "reach", "stood", "stands", "rose", "risen", "rises", "climbed", "climbs",
    "hit", "totalled", "totaled", "jumped", "increased", "grew", "passed", "topped",
})
# Words between "toll" or "number" and its figure: "rose to 40", "a toll of 41".
TOLL_LINKS = LEVEL_VERBS | {"of", "was", "is", "at", "to", "now", "exceeded", "neared"}

# A sentence about several events at once gives a sum, never one event's figure.
AGGREGATE_RE = re.compile(
    r"\b(?:accidents|attacks|incidents|bombings|blasts|explosions|crashes|clashes|raids|"
    r"disasters|calamities|airstrikes|shootings)\b", re.I)
# A running tally ("since 2003", "this year", "so far"): compared over a longer window.
RUNNING_RE = re.compile(
    r"\b(?:since|so far|this year|this month|alone|tally|count)\b|"
    r"\b(?:in|for|during|so far in)\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b(?!\s+\d)", re.I)

# Words saying a figure revises an earlier one.
UPDATE_CUES = re.compile(
    r"\b(rose|rise|risen|rises|rising|climb|climbed|climbs|climbing|jump|jumped|jumps|"
    r"increased|increases|swelled|"
    r"mounted|mounting|soared|reached|revised|updated?|updates|now stands|now|new toll|"
    r"up from|down from|further|more bodies|raising|bringing|brought|pushing|lowered|"
    r"corrected|downgraded)\b", re.I)

# After a number these words make it something other than a count of things.
NOT_COUNTS = frozenset({
    "percent", "per", "%", "pct", "percentage", "year", "years", "month", "months", "week",
    "weeks", "day", "days", "hour", "hours", "minute", "minutes", "second", "seconds",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "tonnes", "tons",
    "kg", "degrees", "points", "times", "goals", "am", "pm", "a.m.", "p.m.", "gmt",
    "th", "st", "nd", "rd", "decades", "centuries", "acres", "hectares", "square",
})
MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december",
)

_NUMBER_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES, *MULTIPLIERS], key=len, reverse=True))
_QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
NUMBER_RE = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|billion|thousand))?"
    # "and" only after a scale ("three hundred and five"): "four and nine others" is two
    rf"|(?:a\s+)?(?:(?:hundred|thousand|million|billion)\s+and\s+|(?:{_NUMBER_WORD})[\s-]*)+)",
    re.I,
)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z.'-]*[A-Za-z]|[A-Za-z]|\$|%")
SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|(?=\n)|$)|[^\n]+")


# --- data ---

@dataclass(frozen=True)
class Claim:
    """A figure in one article: ``value`` ``category`` (of ``group``), its words and where."""

    start: int
    end: int
    text: str
    value: float
    category: str              # "killed", "injured", "job", "rabbi", "money:usd:damage" ...
    group: str = ""            # a part of the casualties: "soldier", "police"; "" for all
    qualifier: str | None = None
    sentence: tuple[int, int] = (0, 0)
    cue: bool = False          # the sentence says the figure revises an earlier one
    events: frozenset[str] = field(default_factory=frozenset)
    aggregate: bool = False    # the sentence sums several events ("two accidents killed 67")
    running: bool = False      # a running tally ("since 2003", "so far this year")
    placed: bool = False       # its event is told where it stands (set by the stage)

    @property
    def key(self) -> str:
        """What is counted: the part of the subject key that needs no event."""
        return f"{self.category}|{self.group}"

    @property
    def is_toll(self) -> bool:
        return self.category in TOLLS


# --- numbers ---

def number_value(text: str) -> float | None:
    """"16" -> 16, "1,200" -> 1200, "2.5 million" -> 2500000, "twenty-four" -> 24,
    "two dozen" -> 24, "a dozen" -> 12, "three hundred and five" -> 305; None if not a number."""
    t = re.sub(r"[\s-]+", " ", text.lower().replace(",", "")).strip()
    if not t:
        return None
    words = t.split()
    if re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        value = float(words[0])
        for w in words[1:]:
            if w not in SCALES:
                return None
            value *= SCALES[w]
        return value
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in ("a", "and") and not seen and w == "a":
            current = 1
            continue
        if w == "and":
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[w]
        elif w in ("hundred",):
            current = max(current, 1) * 100
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


DAY_AFTER_HOUR = re.compile(
    r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|GMT|local)\b")


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence: cut at . ! ? followed by a space, and at line ends.
    Abbreviations such as "U.S." stay inside ("U.S. soldiers" never ends a sentence on a
    lower-case or digit continuation), and so does an hour before its day ("7:40 p.m.
    Sunday")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?]+[\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]*[A-Z])|\n+", text):
        before = text[max(0, m.start() - 4):m.start() + 1]
        if m.group(0).startswith(".") and re.search(r"(?:\b[A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|"
                                                     r"Gen|Lt|Col|No|Nov|Dec|Jan|Feb|Aug|"
                                                     r"Sept|Oct)\.)$", before):
            continue
        if re.search(r"\b[ap]\.m\.$", before) and DAY_AFTER_HOUR.match(text, m.end()):
            continue  # "at 7:40 p.m. Sunday": one time, not a sentence's end
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def words_after(text: str, pos: int, n: int) -> list[re.Match[str]]:
    """The next ``n`` words from ``pos`` (stopping at a clause break: ; or a colon)."""
    out: list[re.Match[str]] = []
    for m in WORD_RE.finditer(text, pos):
        if re.search(r"[;:()\u2014]", text[pos:m.start()]):
            break
        out.append(m)
        pos = m.end()
        if len(out) == n:
            break
    return out


def words_before(text: str, pos: int, n: int) -> list[re.Match[str]]:
    """The ``n`` words before ``pos``, nearest first (stopping at ; or a colon)."""
    found = list(WORD_RE.finditer(text, max(0, pos - 200), pos))
    out: list[re.Match[str]] = []
    for m in reversed(found):
        if re.search(r"[;:()\u2014]", text[m.end():pos]):
            break
        out.append(m)
        pos = m.start()
        if len(out) == n:
            break
    return out


def is_not_count(text: str, start: int, end: int, number: str) -> bool:
    """A percentage, a year, an age, a date, an ordinal, a measure, a money amount given
    by its sign, a score ("3-1") or a number glued to a word ("24-year-old", "F-16")."""
    after = text[end:end + 12].lower()
    before = text[max(0, start - 12):start].lower()
    if re.match(r"\s*(?:%|per\s*cent|percent|pct)", after) or re.match(r"-?\s*(?:year|month)", after):
        return True
    if re.match(r"(?:st|nd|rd|th)\b", after) or re.match(r"-\w", after) or re.match(r"[:/.]\d", after):
        return True
    if re.search(r"[\w$€£/-]$", before) or re.search(r"\b(?:aged|age|no\.|number|page|"
                                                       r"article|resolution|flight|"
                                                       r"route)\s+$", before):
        return True
    if re.fullmatch(r"(?:1[89]|20)\d\d", number):  # a year ("1,800" is none)
        return True
    if re.search(r"\b(?:" + "|".join(MONTHS) + r")\.?\s+$", before) or re.match(
        r"\s+(?:" + "|".join(MONTHS) + r")\b", after
    ):
        return True
    return False


# --- finding claims ---

def find_claims(text: str, title: str | None = None) -> list[Claim]:
    """Every countable figure of ``text``, in document order (at most one per number)."""
    claims: list[Claim] = []
    title_cue = bool(title and UPDATE_CUES.search(title) and re.search(
        r"\b(?:toll|dead|death|deaths|killed|injured|casualt)", title, re.I))
    for s, e in sentences(text):
        sentence = text[s:e]
        cue = bool(UPDATE_CUES.search(sentence)) or title_cue
        events = event_families(sentence)
        aggregate = bool(AGGREGATE_RE.search(sentence))
        running = bool(RUNNING_RE.search(sentence))
        for m in NUMBER_RE.finditer(text, s, e):
            claim = claim_at(text, m, (s, e))
            if claim is None:
                claim = subtotal_at(text, m, (s, e), claims)
            if claim is not None:
                claims.append(Claim(claim.start, claim.end, claim.text, claim.value,
                                    claim.category, claim.group, claim.qualifier,
                                    (s, e), cue, events, aggregate,
                                    running or claim.running or claim.qualifier == "a total of"))
    return claims


# A part of a total given by place: "of which 35 were reported from Sindh", "Among the 41
# deaths, 39 are from the south".
SUBTOTAL_BEFORE = re.compile(
    r"\b(?:of (?:which|whom|them)|among (?:them|those|the [\d,]+ [a-z]+),?|including)\s*$", re.I)
SUBTOTAL_PLACE = re.compile(
    r"\s+(?:(?:were|are|was|is|have been|had been)\s+)?(?:(?:reported|recorded|registered)\s+)?"
    r"(?:from|in)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?P<place>[A-Z][\w-]+)")


def subtotal_at(
    text: str, m: re.Match[str], sentence: tuple[int, int], earlier: list[Claim]
) -> Claim | None:
    """A figure that is a total's part in one place ("of which 35 were reported from the
    Sindh province"): it counts what the sentence's previous claim counts, of that place
    (``group`` "in sindh")."""
    if m.group("qual"):
        return None
    num = m.group("num").strip(" -")
    value = number_value(num)
    if value is None or not SUBTOTAL_BEFORE.search(text[max(sentence[0], m.start() - 40):m.start()]):
        return None
    total = [c for c in earlier if c.start >= sentence[0] and c.end <= m.start()]
    place = SUBTOTAL_PLACE.match(text, m.start() + len(num), sentence[1])
    if not total or place is None or total[-1].group:
        return None
    end = place.end()
    return Claim(m.start(), end, text[m.start():end], value, total[-1].category,
                 "in " + place.group("place").lower(), None)


def event_families(sentence: str) -> frozenset[str]:
    """The kinds of event a sentence names: {"mine", "blast"} for "a gas blast at a colliery"."""
    return frozenset(
        EVENT_WORDS[w.lower()] for w in re.findall(r"[A-Za-z]+", sentence)
        if w.lower() in EVENT_WORDS
    )


def claim_at(text: str, m: re.Match[str], sentence: tuple[int, int]) -> Claim | None:
    """The claim a number match makes, or None when nothing says what it counts."""
    num = re.sub(r"(?:[\s-]+and)+$", "", m.group("num").strip(" -"), flags=re.I)
    if not num or not re.search(r"\w", num):
        return None
    num_start = m.start("num")
    num_end = num_start + len(num)
    # "a" or "and" alone are no numbers; number words must stand as whole words.
    if num.lower() in ("a", "and", "a and") or (num_start > 0 and text[num_start - 1].isalnum()):
        return None
    value = number_value(num)
    if value is not None and not m.group("qual"):
        nth = ordinal_tally(text, num_start, num_end, value, sentence)
        if nth is not None:
            return nth
    if num_end < len(text) and text[num_end].isalnum():
        return None
    if value is None:
        return None
    qualifier = m.group("qual").lower() if m.group("qual") else None
    start = m.start() if qualifier else num_start
    if is_not_count(text, num_start, num_end, num):
        # a figure after its money sign ("$5 million in damage") is no count, but money
        if MONEY_SIGN.search(text, max(0, num_start - 4), num_start):
            return money_claim(text, start, num_start, num_end, value, qualifier, sentence)
        return None
    if is_increment(text, start, num_end):
        return None
    money = money_claim(text, start, num_start, num_end, value, qualifier, sentence)
    if money is not None:
        return money
    part = partitive(text, start, num_end, value, qualifier, sentence) or number_after(
        text, start, num_end, value, qualifier, sentence)
    if part is not None:
        return part
    if says_after(text, num_end, sentence):
        # "a lower toll of 15 dead": the word after the figure says what it counts
        return counted_after(text, start, num_end, value, qualifier, sentence)
    return (
        counted_before(text, start, num_end, value, qualifier, sentence)
        or counted_after(text, start, num_end, value, qualifier, sentence)
    )


# "the 2,947th US soldier to die": an ordinal that gives a running tally.
ORDINAL_TALLY = re.compile(
    r"(?:st|nd|rd|th)\s+(?:[A-Z][\w.]*\s+){0,2}(?P<noun>[a-z]+)\s+(?:to\s+(?:have\s+)?"
    r"(?P<verb>die|died|be killed|been killed|be wounded|be injured|be kidnapped))\b")
# "bringing to 64 the number of US soldiers killed", "raising to 40 the death toll".
THE_NUMBER = re.compile(
    r"\s+the\s+(?P<mods>(?:[A-Za-z]+\s+){0,3}?)(?P<head>number|toll|tally|count)\b"
    r"(?:\s+of\b)?", re.I)
# Verbs that add to a count: "bringing the number of ... to 7" gives a sum of incidents.
ADDING = frozenset({
    "bring", "brings", "bringing", "brought", "take", "takes", "taking", "took", "push",
    "pushes", "pushing", "pushed", "raise", "raises", "raising", "raised",
})
# Words before "toll" naming whose toll it is: "the military death toll".
TOLL_GROUPS = {"military": "soldier", "army": "soldier", "troop": "soldier", "police": "police"}


def ordinal_tally(
    text: str, num_start: int, num_end: int, value: float, sentence: tuple[int, int]
) -> Claim | None:
    """"the 2,947th US soldier to die in Iraq": the tally is 2,947 (a running count)."""
    m = ORDINAL_TALLY.match(text, num_end, sentence[1])
    if m is None or not text[num_start].isdigit():
        return None
    noun, verb = m.group("noun"), m.group("verb").split()[-1]
    category = "killed" if verb in ("die", "died", "killed") else CASUALTY.get(verb, "hostage")
    group = SUBGROUPS.get(noun, SUBGROUPS.get(noun + "s", ""))
    return Claim(num_start, m.end(), text[num_start:m.end()], value, category, group, None,
                 running=True)


def number_after(
    text: str, start: int, num_end: int, value: float, qualifier: str | None,
    sentence: tuple[int, int],
) -> Claim | None:
    """A figure given before what it counts: "bringing to 64 the number of US soldiers
    killed", "raised to 40 the death toll"."""
    if not re.search(r"\bto\s+$", text[max(sentence[0], start - 4):start]):
        return None
    m = THE_NUMBER.match(text, num_end, sentence[1])
    if m is None:
        return None
    if m.group("head").lower() == "toll":
        mods = m.group("mods").lower().split()
        category = "injured" if "injury" in mods else "killed"
        group = next((TOLL_GROUPS[w] for w in mods if w in TOLL_GROUPS), "")
        return Claim(start, m.end(), text[start:m.end()], value, category, group, qualifier)
    found = counted_after(text, start, m.end(), value, qualifier, sentence)
    if found is None:
        return None
    return replace(found, text=text[start:found.end], running=True)


def says_after(text: str, num_end: int, sentence: tuple[int, int]) -> bool:
    """Whether the word right after a figure is a casualty word ("15 dead", "40 missing")."""
    after = [w for w in words_after(text, num_end, 1) if w.start() < sentence[1]]
    return bool(after) and after[0].group(0).lower() in CASUALTY and (
        after[0].group(0).lower() not in NOT_AFTER)


PARTITIVE_RE = re.compile(
    r"\s+of\s+(?:the\s+|(?:more than|over|about|some|nearly|at least)\s+)*"
    r"(?P<whole>\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?P<noun>[A-Za-z]+)", re.I)
# "... have been released", "... were killed": the verb after a partitive's noun phrase.
PARTITIVE_VERB = re.compile(
    r"\b(?:have|has|had|were|was|are|is)\s+(?:(?:been|now|since|later|also|all)\s+)*"
    r"(?P<verb>[a-z]+)", re.I)


def partitive(
    text: str, start: int, num_end: int, value: float, qualifier: str | None,
    sentence: tuple[int, int],
) -> Claim | None:
    """A part of a counted whole: "Thirteen of the 30 men snatched on Sunday have been
    released" counts the released (13), not the men; "five of the 12 hostages were killed".
    The claim's words run from the part to the whole's noun."""
    m = PARTITIVE_RE.match(text, num_end, sentence[1])
    if m is None or number_value(m.group("whole")) is None:
        return None
    noun = m.group("noun").lower()
    if not (noun in GENERIC_PEOPLE or noun in SUBGROUPS or noun in COUNTED_NOUNS
            or is_people_name(m.group("noun"))):
        return None
    rest = text[m.end():sentence[1]]
    verb = PARTITIVE_VERB.search(rest)
    if verb is None or re.search(r"[;:]", rest[:verb.start()]):
        return None
    word = verb.group("verb").lower()
    if word not in CASUALTY or word in NOT_AFTER:
        return None
    end = m.end()
    return Claim(start, end, text[start:end], value, CASUALTY[word], SUBGROUPS.get(noun, ""),
                 qualifier)


def is_increment(text: str, start: int, num_end: int) -> bool:
    """An addition to a figure ("two more troops were killed", "another 26 bodies"), not a
    figure; "12 more missing" and "another 636 missing" are figures (the missing besides)."""
    after = re.match(r"\s+(?:(more|additional|further|new)\s+)?([a-z]+)",
                     text[num_end:num_end + 30], re.I)
    if after is None:
        return False
    if after.group(1):
        return after.group(2).lower() not in CASUALTY
    direct = after.group(2).lower() in CASUALTY
    before = text[max(0, start - 12):start]
    return not direct and bool(re.search(r"\b(?:another|other|additional)\s+$", before, re.I))


def counted_after(
    text: str, start: int, num_end: int, value: float, qualifier: str | None,
    sentence: tuple[int, int],
) -> Claim | None:
    """"16 people killed", "24 dead", "three soldiers were wounded", "150 jobs", "68 rabbis"."""
    skip = asides(text, sentence)
    after = [w for w in words_after(text, num_end, 16) if w.start() < sentence[1]
             and not any(a <= w.start() < b for a, b in skip if a >= num_end)][:7]
    group, noun_seen = "", False
    for i, w in enumerate(after):
        word = w.group(0).lower()
        if word in NOT_COUNTS:
            return None
        if word in CASUALTY and word not in NOT_AFTER:
            category, end = CASUALTY[word], w.end()
            if category == "trapped" and STILL & {x.group(0).lower() for x in after[:i]}:
                category = "missing"  # "four others remained trapped": not yet found
            joined = re.match(r"\s+(?:or|and/or)\s+([a-z]+)", text[end:end + 20], re.I)
            if joined and joined.group(1).lower() in CASUALTY:
                # "1,080 people dead or missing" counts both together
                category = f"{category}+{CASUALTY[joined.group(1).lower()]}"
                end += joined.end()
            return Claim(start, end, text[start:end], value, category, group, qualifier)
        if noun_seen and word == "held" and i + 1 < len(after) and (
                after[i + 1].group(0).lower() in HELD):
            # "some 40 people had been held hostage"
            end = after[i + 1].end()
            return Claim(start, end, text[start:end], value, "hostage", group, qualifier)
        if noun_seen or (i == 0 and word in ("were", "was", "have", "had", "are")):
            # after the people counted (or a bare "388 were killed"), only a verb's
            # helpers before the casualty word
            if word in HELPERS:
                continue
            return None
        if word in SUBGROUPS:
            group, noun_seen = SUBGROUPS[word], True
        elif word in GENERIC_PEOPLE or is_people_name(w.group(0)):
            noun_seen = True
        elif word in COUNTED_NOUNS:
            rest = [x.group(0).lower() for x in after[i + 1:]]
            while rest and rest[0] in HELPERS:
                rest.pop(0)
            if rest and rest[0] in CASUALTY and rest[0] not in NOT_AFTER:
                noun_seen = True  # "19 members were killed": a toll of members
                continue
            return Claim(start, w.end(), text[start:w.end()], value, COUNTED_NOUNS[word],
                         "", qualifier)
        elif told_after(after, i):
            # another plural noun followed by a casualty word: "eight bodyguards were
            # injured" counts bodyguards
            group, noun_seen = word[:-1], True
        elif not (i < 3 and (word in ("more", "other") or w.group(0)[:1].isupper())):
            return None  # anything else but "five more", "three U.S." before the noun
    return None


# Asides inside a sentence that say who was among the counted: "Five people, including a
# boy, were killed"; "The toll -- soldiers and civilians alike -- is 3,700".
ASIDE_RE = re.compile(
    r",\s+(?:including|among them|among whom|most of them|many of them|all of them|mostly)"
    r"\b[^,;]*,|\s--\s[^;]*?\s--\s")


def asides(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """[start, end) of the asides of a sentence (see ``ASIDE_RE``)."""
    return [(m.start(), m.end()) for m in ASIDE_RE.finditer(text, sentence[0], sentence[1])]


def told_after(after: list[re.Match[str]], i: int) -> bool:
    """Whether ``after[i]`` is a lower-case plural noun that a casualty word follows (over
    a verb's helpers): "bodyguards were injured"."""
    word = after[i].group(0)
    if not (word.islower() and word.endswith("s") and len(word) > 3) or word in NOT_COUNTS:
        return False
    rest = [x.group(0).lower() for x in after[i + 1:]]
    while rest and rest[0] in HELPERS and rest[0] not in CASUALTY:
        rest.pop(0)
    return bool(rest) and rest[0] in CASUALTY and rest[0] not in NOT_AFTER


def group_after(text: str, pos: int) -> str:
    """Who a casualty figure counts, from the noun after it: "" for people in general
    ("19 Palestinians", "five people"), a part of them ("soldier"), or another noun's
    lemma ("cub")."""
    after = words_after(text, pos, 2)
    for w in after:
        word = w.group(0).lower()
        if word in GENERIC_PEOPLE or is_people_name(w.group(0)):
            return ""
        if word in SUBGROUPS:
            return SUBGROUPS[word]
        if word in ("more", "other") or w.group(0)[:1].isupper():
            continue
        return word[:-1] if word.endswith("s") and len(word) > 3 else ""
    return ""


def is_people_name(word: str) -> bool:
    """A capitalised plural naming people by where they are from: "Palestinians", "Iraqis"."""
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:ans|ians|is|ese|ers|ns|s)", word)) and len(word) > 4


def counted_before(
    text: str, start: int, num_end: int, value: float, qualifier: str | None,
    sentence: tuple[int, int],
) -> Claim | None:
    """"killing 16", "kills at least five people", "the death toll rose to 40",
    "the number of injured reached 12"."""
    skip = asides(text, sentence)
    before = [w for w in words_before(text, start, 30) if w.start() >= sentence[0]
              and not any(a <= w.start() < b for a, b in skip if b <= start)][:20]
    for i, w in enumerate(before):
        word = w.group(0).lower()
        if i == 0 and word == "of" and len(before) > 1 and before[1].group(0).lower() in (
                "death", "deaths", "killing", "killings"):
            # "the deaths of 19 Palestinians"; "the deaths of three cubs" counts cubs
            return Claim(start, num_end, text[start:num_end], value, "killed",
                         group_after(text, num_end), qualifier)
        if i >= 1 and word in COUNTED_NOUNS and links_figure(before, LEVEL_VERBS):
            # "the patients declared positive reached 1,576"
            return Claim(start, num_end, text[start:num_end], value, COUNTED_NOUNS[word], "",
                         qualifier)
        if (word in ("toll", "tolls") or (word == "number" and i < 12)) and links_figure(
                before, TOLL_LINKS):
            prev = before[i + 1].group(0).lower() if i + 1 < len(before) else ""
            category = "injured" if prev in ("injury", "casualty") else "killed"
            # whose toll: "the military death toll", "the number of US soldiers killed"
            mods = [x.group(0).lower() for x in before[i + 1:i + 4]]
            group = next((TOLL_GROUPS[x] for x in mods if x in TOLL_GROUPS), "")
            if word == "number":
                nxt = [x.group(0).lower() for x in words_after(text, w.end(), 4)]
                found = [CASUALTY[x] for x in nxt if x in CASUALTY]
                nouns = [COUNTED_NOUNS[x] for x in nxt if x in COUNTED_NOUNS]
                if not found and not nouns:
                    return None
                category = found[0] if found else nouns[0]
                group = next((SUBGROUPS[x] for x in nxt if x in SUBGROUPS), "") if found else ""
                if any(x.group(0).lower() in ADDING for x in before[i + 1:i + 4]):
                    # "brought the number of soldiers killed on Tuesday to seven": a sum
                    return Claim(start, num_end, text[start:num_end], value, category, group,
                                 qualifier, running=True)
            end = num_end
            return Claim(start, end, text[start:end], value, category, group, qualifier)
        if i == 0 and (word in ("killing", "killed", "kills", "kill", "injuring", "wounding",
                                "injured", "wounded", "arrested", "detained", "claimed")
                       or (word == "dead" and len(before) > 1
                           and before[1].group(0).lower() == "shot")):
            after = words_after(text, num_end, 3)
            end = num_end
            group = ""
            for a in after:
                aw = a.group(0).lower()
                if aw in GENERIC_PEOPLE or aw in SUBGROUPS:
                    group = SUBGROUPS.get(aw, "")
                    end = a.end()
                    break
                if aw in NOT_COUNTS or aw in COUNTED_NOUNS:
                    return None
                if aw == "lives" and word == "claimed":
                    end = a.end()
                    break
                if not a.group(0)[:1].isupper() and aw not in ("more", "other"):
                    break
            if word == "claimed" and not text[num_end:end].lower().endswith("lives"):
                return None
            category = CASUALTY.get(word, "killed")
            return Claim(start, end, text[start:end], value, category, group, qualifier)
        if i >= 1 and not toll_on(before, i):
            break  # ("and" between two names, "Islamabad and Rawalpindi", goes on)
        if i >= 1 and figure_between(text[before[i - 1].start():start]):
            break  # another figure stands between: "climbed to 35, with 12 more missing"
    return None


def figure_between(words: str) -> bool:
    """Whether a stretch of text holds a figure (a year is no figure here)."""
    for m in re.finditer(r"\d[\d,.]*|\b(?:" + _NUMBER_WORD + r")\b", words, re.I):
        if not re.fullmatch(r"(?:1[89]|20)\d\d", m.group(0)):
            return True
    return False


def links_figure(before: list[re.Match[str]], verbs: frozenset[str]) -> bool:
    """Whether the words just before a number tie it to a noun further back: "reached
    1,576", "stood at 197", "rose to 40", "a toll of 41"."""
    words = [w.group(0).lower() for w in before[:2]]
    if not words:
        return False
    if words[0] in verbs:
        return True
    return words[0] in ("to", "at") and (len(words) > 1 and words[1] in verbs or "to" in verbs)


def toll_on(before: list[re.Match[str]], i: int) -> bool:
    """Whether a "toll"/"number" may still come further back: only over the words of a
    "the death toll in X climbed to" or "brought the number of ... to" phrase."""
    word = before[i].group(0).lower()
    if word == "and" and before[i - 1].group(0)[:1].isupper():
        return True
    if word in ("killed", "wounded", "injured") and any(
            x.group(0).lower() in ("number", "toll") for x in before[i + 1:i + 5]):
        return True  # "the number of US soldiers killed this month rose to 70"
    return word not in ("and", "but", "said", "says", "while", "when", "killing", "killed",
                        "with", "as")


def money_claim(
    text: str, start: int, num_start: int, num_end: int, value: float, qualifier: str | None,
    sentence: tuple[int, int],
) -> Claim | None:
    """"$5 million in damage", "2 billion yuan of losses": money with what it is for."""
    currency = None
    sign = MONEY_SIGN.search(text, max(0, num_start - 4), num_start)
    after = [w for w in words_after(text, num_end, 5) if w.start() < sentence[1]]
    if len(after) > 1 and after[0].group(0) in ("U.S", "US") and (
            CURRENCY_WORDS.get(after[1].group(0).lower()) == "usd"):
        after = after[1:]  # "91 million U.S. dollars"
    end = num_end
    if sign:
        currency = CURRENCY_SIGNS[sign.group(1)]
        start = min(start, num_start - len(sign.group(0)))
    elif after and after[0].group(0).lower() in CURRENCY_WORDS:
        currency = CURRENCY_WORDS[after[0].group(0).lower()]
        end = after[0].end()
        after = after[1:]
    if currency is None:
        return None
    for w in after[:3]:
        word = w.group(0).lower()
        if word in MONEY_SUBJECTS:
            return Claim(start, w.end(), text[start:w.end()], value,
                         f"money:{currency}:{money_subject(word)}", "", qualifier)
    # the subject before the figure: "a loss of 115 million dollars", "a ransom of $2 million"
    before = MONEY_BEFORE.search(text, max(sentence[0], start - 40), start)
    if before is not None:
        return Claim(before.start(), end, text[before.start():end], value,
                     f"money:{currency}:{money_subject(before.group('subject').lower())}", "",
                     qualifier)
    return None


MONEY_SIGN = re.compile(r"(US\$|\$|€|£)\s*$")
# What a money figure is for, named before it: "losses of", "a ransom of", "damage worth".
MONEY_BEFORE = re.compile(
    r"\b(?P<subject>losses|loss|damages?|ransom|fine|compensation|aid|bail|debt|deficit|"
    r"budget|bonus|reward)\s+(?:of|worth|totall?ing|amounting\s+to)\s+$", re.I)


def money_subject(word: str) -> str:
    """"losses" -> "loss", "damages" -> "damage", "loss" stays."""
    if word.endswith("sses"):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def iter_keys(claim: Claim, identities: list[str]) -> Iterator[str]:
    """The index keys a claim is filed under: what it counts, with each identity of its
    event (the entities of its sentence)."""
    for identity in identities:
        yield f"{claim.key}|{identity}"
