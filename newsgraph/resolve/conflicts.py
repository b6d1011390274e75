"""The conflicts stage: figures that differ between reports of the same thing.

(Claims that are not figures, an event's day, a title, a perpetrator, are compared by
``resolve/fact_conflicts.py``, called from ``take_in``.)

For each new article (oldest publication first) the stage finds its claims
(``resolve/claims.py``) and ties each to its event: the entities named in its sentence (the
whole lead paragraph for a claim in the first sentence; the first sentence's places when its
own sentence names none), the kinds of event it names, the day it names. Each claim is filed
under "what is counted | identity or name" keys (and "| story" when the stories stage placed
the article), and earlier claims are found only through those keys, within ``WINDOW_DAYS``
(``RUNNING_WINDOW_DAYS`` for running tallies).

Two claims are about the same thing (``same_subject``) when they count the same thing of the
same group, share an identity (or a story), name no events of different kinds ("mine" vs
"bus crash") nor different days, give figures one report could revise into the other, and do
not each name a place the other article never mentions (two different mines), unless both
name one facility. Kinds of event are compared by what happened, the setting aside (a mine
fire and a mine blast are two events); a claim its article tells as another incident ("in
another accident") matches only a report that names its place; days that are reporting days
("said on Monday") or a tally's cut-off ("by Thursday") date no event. Each claim answers the
best match in the latest earlier article (``latest_other``); each earlier claim is answered
once per article (``record_conflicts``), except by a look back at the same old figure ("the
toll stood at 35 on Monday"), which leaves it to the article's current figure. A different
value, unless the later one only rounds it under a bound, is a conflict, labelled
by ``label``: an **update** when the later report says it revises ("rose to", "now"), when it
is the same outlet's copy of the same day, or when a casualty toll is higher a day or more
later; otherwise a **disagreement**. Inside one article, two figures of one thing from two
sources (or one set against the other: "a lower toll of 15") disagree (``two_sources``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from newsgraph.resolve import fact_conflicts
from newsgraph.resolve.claims import (
    SETTING_FAMILIES,
    TOLLS,
    Claim,
    event_families,
    find_claims,
    iter_keys,
    sentences,
)
from newsgraph.resolve.facts import days_apart
from newsgraph.store import conflicts as sql

if TYPE_CHECKING:
    from newsgraph.store import Store

WINDOW_DAYS = 4             # how far apart two reports of one event may be published
RUNNING_WINDOW_DAYS = 15    # ... two reports of a running tally ("since 2003", "so far")
MAX_RATIO = 3.0             # figures further apart than this ratio ...
MAX_GAP = 5                 # ... and this difference are not one figure revised
LOOSE_RATIO = 8.0           # ... except for loose counts (the missing), which swing widely
LOOSE_CATEGORIES = frozenset({"missing"})
TALLY_RATIO = 1.5           # a tally and a one-off figure further apart count different things
TALLY_MISMATCH = 0.3        # how much worse a tally answering a one-off figure ranks
LEAD_SENTENCES = 3          # the lead paragraph: where the article's main event is told
DAY_REACH = 100             # a day this near a claim (same sentence) dates its event
# A figure set against another in the same report: "a lower toll of 15", "put the toll at".
CONTRAST = re.compile(
    r"\b(?:lower|higher|different|conflicting)\s+(?:\w+\s+)?(?:toll|figure|count|estimate)|"
    r"\bput the (?:death )?toll at\b|\bother estimates?\b", re.I)
# Words that bring in another incident in the same report.
OTHER_EVENT = re.compile(
    r"\b(?:another|separately|separate|elsewhere|meanwhile|second|also)\b", re.I)
# Words that tell of an incident besides the article's main one: its figures match only a
# report naming one of its places.
SECONDARY = re.compile(
    r"\b(?:another|separately|separate|elsewhere|meanwhile|earlier incident|other incidents?)\b",
    re.I)
# A sentence that says whose figure it is.
ATTRIBUTION = re.compile(
    r"\b(?:said|says|according to|told|reported|estimated|quoted)\b", re.I)
# Verbs of saying: a day next to one is when something was said ("said on Monday", "the
# group on Tuesday urged"), not when the event happened. ("claimed" is left out: "the blast
# on Sunday claimed 17 lives".)
SAYING = (r"said|says|told|reported|confirmed|announced|added|stated|disclosed|revealed|"
          r"urged|called|vowed|warned|threatened|pledged|demanded|condemned|denied|appealed|"
          r"insisted|accused|blamed")
# A day right after a reporting verb is when it was said, not when the event happened.
REPORTING_DAY = re.compile(
    rf"\b(?:{SAYING})(?:\s+\w+){{0,2}}\s+(?:on\s+)?$|\b(?:by|until|till|as of|up to)\s+$",
    re.I)
# ... and a day right before one: "the ministry Monday said".
REPORTED_AFTER = re.compile(
    rf"\s*(?:morning|afternoon|evening|night)?\s*(?:{SAYING})\b", re.I)
# A figure the report itself gives as an earlier one: "Earlier, police said two people were
# killed"; "the agency had initially reported 12 dead"; "an earlier toll of 20". (An
# earlier *event*, "Earlier on Monday a bomb killed three", has no saying right after.)
TOLD_EARLIER = re.compile(
    r"^\W*(?:earlier|initially|at first|previously)\s*,?\s+(?:[\w-]+\s+){0,4}?"
    r"(?:said|reported|put|gave|told|quoted|announced|estimated|confirmed)\b|"
    r"(?<!than )(?<!from )\b(?:had\s+)?(?:earlier|initially|previously|first)\s+(?:had\s+)?"
    r"(?:said|reported|"
    r"put|given|gave|announced|estimated|quoted|counted)\b|"
    r"\b(?:an?|the)\s+(?:earlier|initial|previous|first)\s+(?:death\s+)?(?:toll|figure|"
    r"count|estimate|report)\b", re.I)
# ... and a figure that says it revises one: "24 million less than previously estimated".
REVISES = re.compile(
    r"\b(?:than|from)\s+(?:(?:the|an?)\s+)?(?:previously|earlier|initially|first|initial|"
    r"previous)\s+(?:estimated|reported|announced|given|thought|said|estimate|figure|toll)\b|"
    r"\b(?:revised|corrected)\s+(?:up|down|upward|downward|its|the)\b", re.I)
ANAPHORIC_DAY = re.compile(r"(?:the|that|the same)\s+day", re.I)
SOURCE_NOUN = re.compile(r"\baccording to (?:the |a |an )?((?:[a-z]+ ){0,2}[a-z]+)", re.I)
LOWER_BOUNDS = frozenset({"at least", "more than", "over"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Places that tell two events apart: towns, facilities, and organisations named as a site.
SITE_TYPES = frozenset({"GPE", "FAC"})
SITE_WORDS = re.compile(
    r"\b(?:colliery|mine|pit|factory|plant|hospital|school|market|hotel|mosque|church|"
    r"station|airport|prison|camp|university|stadium|bridge)\b", re.I)
PLACE_SUFFIXES = frozenset({
    "strip", "province", "county", "city", "village", "district", "region", "state",
    "town", "township", "prefecture", "governorate",
})
CONTEXT_TYPES = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "EVENT"})
CATEGORY_WORDS = {
    "killed": "people killed", "injured": "people injured", "missing": "people missing",
    "arrested": "people arrested", "trapped": "people trapped", "released": "people released",
    "rescued": "people rescued", "evacuated": "people evacuated", "hostage": "hostages",
}


@dataclass(frozen=True)
class Report:
    """A stored claim as the comparison sees it."""

    id: int
    article: str
    published: str | None
    source: str | None
    value: float
    category: str
    group: str
    cue: bool
    events: frozenset[str]
    places: frozenset[str]
    context: frozenset[str]
    start: int = 0
    qualifier: str | None = None
    day: str | None = None     # the day its sentence names ("on Saturday"), when it names one
    running: bool = False
    secondary: bool = False    # told as another incident than the article's main one

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Report:
        return cls(
            row["id"], row["article_id"], row["published"], row["source"], row["value"],
            row["category"], row["grp"], bool(row["cue"]), frozenset(json.loads(row["events"])),
            frozenset(json.loads(row["places"])), frozenset(json.loads(row["context"])),
            row["start"], row["qualifier"], row["day"], bool(row["running"]),
            bool(row.get("secondary") or 0),
        )


# --- pure rules ---


def place_key(name: str) -> str:
    """A place name compared loosely: "the Gaza Strip" ~ "Gaza", "Shanxi Province" ~ "Shanxi"."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    words = [w for w in words if w != "the"]
    while len(words) > 1 and words[-1] in PLACE_SUFFIXES:
        words.pop()
    return " ".join(words)


def unmentioned(places: frozenset[str], names: set[str]) -> set[str]:
    """The places ("key#identity", ``place_key`` form) that no name or identity id of
    ``names`` matches; "Israel" is mentioned by "Israeli", "Gaza" by "Gaza Strip", "US" by
    the identity it shares with "United States"."""
    keys = {place_key(n) for n in names}
    out = set()
    for place in places:
        key, _, identity = place.partition("#")
        if (identity and identity in names) or any(same_place(key, k) for k in keys):
            continue
        out.add(key)
    return out


def same_place(a: str, b: str) -> bool:
    """Whether two ``place_key`` names may be one place: one's words begin the other's
    ("jiaojiazhai" ~ "jiaojiazhai colliery")."""
    x, y = a.split(), b.split()
    n = min(len(x), len(y))
    if n == 0:
        return False
    if x[:n] == y[:n]:
        return True
    # a country and its people: "israel" ~ "israeli", "iraq" ~ "iraqi"
    short, long_ = sorted((x[0], y[0]), key=len)
    return n == 1 and len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


def shared_site(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether both claims name one facility ("the Jiaojiazhai colliery"): the same event
    even when the reports disagree on the town around it."""
    a_keys = [p.partition("#")[0] for p in a]
    b_keys = [q.partition("#")[0] for q in b]
    return any(
        SITE_WORDS.search(p) and any(same_place(p, q) for q in b_keys) for p in a_keys
    ) or any(SITE_WORDS.search(q) and any(same_place(q, p) for p in a_keys) for q in b_keys)


def same_subject(
    new: Report, old: Report, new_names: set[str], old_names: set[str],
    same_story: bool | None = None,
) -> bool:
    """Whether two claims count the same thing of the same event (see the module's doc).

    ``same_story``: True/False when both articles are placed in stories, None otherwise. One
    story stands for the shared context; two stories do not rule a pair out (story threads
    split follow-ups that run days apart), they leave it to the shared-context test.
    """
    if new.article == old.article or (new.category, new.group) != (old.category, old.group):
        return False
    if not same_story and not (new.context & old.context):
        return False
    if not same_kind(new.events, old.events):
        return False  # "the mine blast" and "the bus crash" are two events
    running = new.running or old.running
    gap = days_apart(new.published, old.published)
    if gap is not None and gap > (RUNNING_WINDOW_DAYS if running else WINDOW_DAYS):
        return False
    if new.day and old.day and new.day != old.day and not running:
        return False  # "on Saturday" and "on Monday": two events
    loose = new.category in LOOSE_CATEGORIES
    if not comparable_values(new.value, old.value, LOOSE_RATIO if loose else None):
        return False
    if (new.secondary and unmentioned(new.places, old_names)) or (
            old.secondary and unmentioned(old.places, new_names)):
        return False  # "in another accident": only a report naming its place
    if new.running != old.running and not comparable_values(new.value, old.value, TALLY_RATIO):
        return False  # a tally "since Wednesday" is more than one incident's toll
    # each names a place the other article never mentions: two events in two places
    return shared_site(new.places, old.places) or not (
        unmentioned(new.places, old_names) and unmentioned(old.places, new_names))


def same_kind(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two claims' event kinds allow one event: no kinds on a side, or a shared
    kind of what happened (a blast, a fire), the setting ("mine") counting only when a side
    names nothing else."""
    if not a or not b:
        return True
    what_a, what_b = a - SETTING_FAMILIES, b - SETTING_FAMILIES
    if what_a and what_b:
        return bool(what_a & what_b)
    return bool(a & b)


def comparable_values(a: float, b: float, ratio: float | None = None) -> bool:
    """Two figures one report could revise into the other: not a one-off against a total
    ("25 dead" vs "104 lives this year"). More than ``MAX_RATIO`` times apart and more than
    ``MAX_GAP`` apart, they count different things."""
    low, high = sorted((a, b))
    return high - low <= MAX_GAP or high <= (ratio or MAX_RATIO) * max(low, 1)


def looks_back(claim: Report) -> bool:
    """A figure its report dates before its own day ("the toll stood at 35 on Monday" in
    Tuesday's report): it repeats an earlier figure and answers no report itself."""
    return bool(claim.day and claim.published and claim.day < claim.published[:10])


def consistent(older: Report, newer: Report) -> bool:
    """The same figure, or a later report that only rounds it down under a bound: "more
    than 150" after "154" is no revision (but "at least 18" after "19" is)."""
    if older.value == newer.value:
        return True
    return (newer.qualifier in LOWER_BOUNDS and newer.value < older.value
            and newer.value >= 50 and newer.value % 10 == 0)


def label(new: Report, old: Report) -> tuple[bool, str]:
    """(disagreement, why) for two reports of one figure, ``new`` published after ``old``."""
    if new.cue:
        return False, "the later report says the figure changed"
    gap = days_apart(new.published, old.published)
    if new.source and new.source == old.source and gap == 0:
        return False, "the same outlet's later copy changed the figure"
    if new.category in TOLLS and new.value > old.value:
        if gap is not None and gap >= 1:
            return False, "a toll rose in a later day's report"
    if gap is None:
        return True, "reports of unknown date give different figures"
    return True, "reports about the same time give different figures"


def latest_other(
    new: Report, earlier: list[Report], new_names: set[str] | None = None
) -> Report | None:
    """The report ``new`` answers: of the latest earlier article's matching claims, the one
    naming fewest places the new article never names, then nearest in value, then sharing
    most sites and context, then the first."""
    if not earlier:
        return None
    last = max(earlier, key=lambda r: (r.published or "", r.article))

    def closeness(r: Report) -> tuple:
        keys = [q.partition("#")[0] for q in new.places]
        shared = sum(1 for p in r.places if any(same_place(p.partition("#")[0], q) for q in keys))
        foreign = len(unmentioned(r.places, new_names)) if new_names is not None else 0
        return (foreign, abs(r.value - new.value) / max(r.value, new.value, 1), -shared,
                -len(r.context & new.context), r.start)

    return min((r for r in earlier if r.article == last.article), key=closeness)


def conflict_id(a: Report, b: Report, a_start: int, b_start: int) -> str:
    digest = hashlib.sha1(f"{a.article}:{a_start}|{b.article}:{b_start}".encode()).hexdigest()
    return "cf-" + digest[:12]


def subject_text(claim: Claim, places: list[str], actors: list[str]) -> str:
    """What the claims are about, in words: "people killed [blast, mine] at Jiaojiazhai
    Colliery, Shanxi Province"; "jobs: Thomas Okafor, North Quay" when no place is named."""
    what = CATEGORY_WORDS.get(claim.category, claim.category.replace(":", " ").replace("+", " or "))
    if claim.category not in CATEGORY_WORDS and not what.endswith("s"):
        what += "s"
    if claim.group:
        what += f" ({claim.group}s)"
    if claim.events:
        what += f" [{', '.join(sorted(claim.events))}]"
    if places:
        return f"{what} at {', '.join(dict.fromkeys(places[:2]))}"
    return f"{what}: {', '.join(dict.fromkeys(actors[:2]))}" if actors else what


# --- reading an article's context ---

def claim_context(
    claim: Claim, entities: list[dict[str, Any]], spans: list[tuple[int, int]]
) -> tuple[set[str], set[str], list[str]]:
    """(context ids, site keys, (place names, actor names)) of a claim: the entities named in its sentence (in
    the whole lead paragraph for a claim in the first sentence, which tells the main event);
    the first sentence's places when its own names none. Sites (towns, facilities;
    ``place_key`` form) tell two events apart."""
    def idents(e: dict[str, Any]) -> set[str]:
        # the identity and the name: a later merge or split of identities leaves the name key
        name = "n:" + e["name"].lower()
        return {e["identity_id"], name} if e["identity_id"] else {name}

    def inside(e: dict[str, Any], span: tuple[int, int]) -> bool:
        return any(span[0] <= s and e2 <= span[1] for s, e2 in e["mentions"])

    def is_site(e: dict[str, Any]) -> bool:
        return e["type"] in SITE_TYPES or (e["type"] == "ORG" and bool(SITE_WORDS.search(e["name"])))

    first = spans[0] if spans else (0, 0)
    lead = (first[0], spans[min(LEAD_SENTENCES, len(spans)) - 1][1]) if spans else first
    span = lead if claim.sentence[1] <= first[1] else claim.sentence
    named = [e for e in entities if e["type"] in CONTEXT_TYPES and inside(e, span)]
    if not any(e["type"] in PLACE_TYPES for e in named):
        named += [e for e in entities if e["type"] in PLACE_TYPES and inside(e, first)]
    context = {i for e in named for i in idents(e)}
    sites = {f"{place_key(e['name'])}#{e['identity_id'] or ''}" for e in named if is_site(e)}
    places = [e["name"] for e in named if e["type"] in PLACE_TYPES]
    actors = [e["name"] for e in named if e["type"] not in PLACE_TYPES]
    return context, sites, (places, actors)


def names_place(span: tuple[int, int], entities: list[dict[str, Any]]) -> bool:
    """Whether a place is named inside ``span``."""
    return any(e["type"] in PLACE_TYPES and any(span[0] <= s and t <= span[1]
                                               for s, t in e["mentions"]) for e in entities)


def event_day(text: str, start: int, end: int) -> bool:
    """Whether a day named at [start, end) may date an event: not when it is when something
    was said ("said on Monday", "the ministry Monday said"), a tally's cut-off ("by
    Thursday evening"), nor a day named only by reference ("in the day", "that day": it
    repeats a day named before, which may be when something was said)."""
    return not (ANAPHORIC_DAY.fullmatch(text[start:end].strip())
                or REPORTING_DAY.search(text[max(0, start - 40):start])
                or REPORTED_AFTER.match(text, end))


def day_of(sentence: tuple[int, int], days: list[tuple]) -> str | None:
    """The one day a claim's sentence names ("on Saturday" -> 2006-11-11), if exactly one."""
    found = {v for s, e, v in days if sentence[0] <= s and e <= sentence[1]}
    return found.pop() if len(found) == 1 else None


# --- the stage ---

def update(store: Store, articles: list[str]) -> dict[str, int]:
    counts = {"claims": 0, "conflicts": 0, "dropped": 0}
    for article_id in articles:
        counts["dropped"] += sql.forget_article(store.conn, article_id)
        made = take_in(store, article_id)
        counts["claims"] += made[0]
        counts["conflicts"] += made[1]
    return counts


def clear(store: Store) -> None:
    sql.clear(store.conn)


def take_in(store: Store, article_id: str) -> tuple[int, int]:
    """Store one article's claims and the conflicts they make; (claims, conflicts)."""
    conn = store.conn
    art = sql.article_inputs(conn, article_id)
    if art is None:
        return 0, 0
    entities = sql.article_entities(conn, article_id, art["revision"])
    spans = sentences(art["text"])
    lead = (spans[0][0], spans[min(LEAD_SENTENCES, len(spans)) - 1][1]) if spans else (0, 0)
    story = sql.story_of(conn, article_id)
    mine = {e["name"] for e in entities} | {e["identity_id"] for e in entities if e["identity_id"]}
    found = find_claims(art["text"], art["title"])
    lead_events = event_families(art["text"][lead[0]:lead[1]])
    days = [d for d in sql.article_days(conn, article_id, art["revision"])
            if event_day(art["text"], d[0], d[1])]
    lead_day = day_of(spans[0], days) if spans else None
    pairs: list[tuple[Report, Report, Claim, tuple[list[str], list[str]]]] = []
    here: list[tuple[Report, Claim, tuple[list[str], list[str]]]] = []
    for claim in found:
        context, places, names = claim_context(claim, entities, spans)
        # placed: the sentence names its own place, or it is in the lead paragraph (which
        # tells the article's main event)
        claim = replace(claim, placed=claim.sentence[1] <= lead[1]
                        or names_place(claim.sentence, entities))
        events = claim.events or lead_events
        day = day_of((max(claim.sentence[0], claim.start - DAY_REACH),
                      min(claim.sentence[1], claim.end + DAY_REACH)), days)
        if day is None and claim.sentence[1] <= lead[1]:
            day = lead_day  # the lead paragraph tells the article's main event
        keys = [] if claim.aggregate else list(iter_keys(claim, sorted(context)))
        if story is not None and keys:
            keys.append(f"{claim.key}|story:{story}")
        row = {
            "article_id": article_id, "revision": art["revision"], "start": claim.start,
            "end": claim.end, "text": claim.text, "value": claim.value,
            "qualifier": claim.qualifier, "category": claim.category, "grp": claim.group,
            "sentence_start": claim.sentence[0], "sentence_end": claim.sentence[1],
            "cue": int(claim.cue), "day": day, "running": int(claim.running),
            "events": json.dumps(sorted(events)), "places": json.dumps(sorted(places)),
            "context": json.dumps(sorted(context)), "published": art["published"],
            "source": art["source"],
            "secondary": int(claim.sentence[0] > spans[0][1] and bool(SECONDARY.search(
                art["text"][claim.sentence[0]:claim.sentence[1]]))) if spans else 0,
        }
        claim_id = sql.insert_claim(conn, row, keys)
        new = Report.from_row({**row, "id": claim_id})
        here.append((new, claim, names))  # compared within the article even with no key
        if not keys:
            continue
        other = answered(conn, new, keys, mine, story)
        if other is not None:
            pairs.append((new, other, claim, names))
    revised = revised_within(art["text"], here)
    told = {r.id for p in revised for r in p[:2]}
    inner = [p for p in two_sources(art["text"], here, entities)
             if p[0].id not in told and p[1].id not in told]
    n_conflicts = (record_conflicts(conn, pairs) + record_conflicts(conn, inner, True)
                   + record_conflicts(conn, revised, True, revision=True))
    # claims that are no figures: an event's day, a person's title, a perpetrator
    facts = fact_conflicts.take_in(conn, art, entities, spans, days, story, mine)
    return len(found) + facts[0], n_conflicts + facts[1]


def pairing_rank(new: Report, old: Report) -> tuple:
    """Which of an article's claims answers an earlier report first: a tally for a tally,
    then the nearest figure, then the first in the article."""
    distance = abs(new.value - old.value) / max(new.value, old.value, 1)
    return (distance + (TALLY_MISMATCH if new.running != old.running else 0.0), new.start)


def record_conflicts(
    conn: Any, pairs: list[tuple[Report, Report, Claim, tuple[list[str], list[str]]]],
    inside: bool = False, revision: bool = False,
) -> int:
    """Store the conflicts of one new article's claims with the earlier reports they answer
    (``inside``: with the article's own figure from another source, or with ``revision``
    the figure it gives as an earlier one); each earlier report is answered by one claim of
    the article (the best ranked)."""
    used_old: set[int] = set()
    used_articles: set[tuple[str, str]] = set()
    n_conflicts = 0
    for new, other, claim, names in sorted(pairs, key=lambda p: pairing_rank(p[0], p[1])):
        answered_article = (other.article, claim.key)
        if other.id in used_old or (answered_article in used_articles and not claim.placed):
            continue  # a second figure for that report must name its own place
        older, newer = sorted((other, new), key=lambda r: (r.published or "", r.article))
        same = consistent(older, newer)
        if same and looks_back(new):
            continue  # a look back at the old figure leaves it to the article's current one
        used_old.add(other.id)
        used_articles.add(answered_article)
        if same:
            continue
        if revision:  # one article: ``older`` is the figure it gives as an earlier one
            disagreement, why = False, "the report gives the figure it revises"
        elif inside:
            disagreement, why = True, "two sources in one report give different figures"
        else:
            disagreement, why = label(newer, older)
        sql.insert_conflict(
            conn, conflict_id(older, newer, older.start, newer.start), "number",
            subject_text(claim, *names), disagreement, why, [older.id, newer.id],
        )
        n_conflicts += 1
    return n_conflicts


def two_sources(
    text: str, here: list[tuple[Report, Claim, tuple[list[str], list[str]]]],
    entities: list[dict[str, Any]],
) -> list[tuple[Report, Report, Claim, tuple[list[str], list[str]]]]:
    """Pairs of one article's figures for one thing given by two sources ("388 dead,
    according to the Red Cross" ... "about 200 dead, said the council's officer"; "he gave
    a lower toll of 15"): the later one contrasts itself with the first, or each sentence
    attributes its figure to a different person or organisation."""
    out = []
    for i, (b, claim_b, names) in enumerate(here):
        for a, claim_a, _ in here[:i]:
            sa = text[claim_a.sentence[0]:claim_a.sentence[1]]
            sb = text[claim_b.sentence[0]:claim_b.sentence[1]]
            contrast = bool(CONTRAST.search(sb))
            if not inner_same_subject(a, b, claim_a, claim_b, contrast):
                continue
            if contrast:
                out.append((b, a, claim_b, names))  # "he gave a lower toll of 15"
                break
            if OTHER_EVENT.search(sb):
                continue  # "another car bomb killed four": a second incident
            sources_a = sources_in(claim_a.sentence, sa, entities)
            sources_b = sources_in(claim_b.sentence, sb, entities)
            if sources_a and sources_b and not sources_a & sources_b:
                out.append((b, a, claim_b, names))
                break
    return out


def revised_within(
    text: str, here: list[tuple[Report, Claim, tuple[list[str], list[str]]]],
) -> list[tuple[Report, Report, Claim, tuple[list[str], list[str]]]]:
    """Pairs of one article's figures for one thing where the article itself says which one
    is older: one sentence gives its figure as an earlier one ("Earlier, police said two
    people were killed") or the other says it revises one ("a loss of 91 million, 24
    million less than previously estimated"). As (newer, older, newer's claim, names)."""
    out = []
    for i, (b, claim_b, names_b) in enumerate(here):
        for a, claim_a, names_a in here[:i]:
            if not inner_same_subject(a, b, claim_a, claim_b) or any(
                    SECONDARY.search(text[c.sentence[0]:c.sentence[1]]) for c in (claim_a, claim_b)):
                continue  # "in another incident": a second event's figure
            order = revision_order(text[claim_a.sentence[0]:claim_a.sentence[1]],
                                   text[claim_b.sentence[0]:claim_b.sentence[1]])
            if order == 1:
                out.append((b, a, claim_b, names_b))
            elif order == -1:
                out.append((a, b, claim_a, names_a))
    return out


def revision_order(first: str, second: str) -> int:
    """1 when the second sentence's figure revises the first's (the first is told as an
    earlier figure, or the second says it revises one), -1 for the other way round, 0 when
    neither sentence says."""
    earlier = (bool(TOLD_EARLIER.search(first)), bool(TOLD_EARLIER.search(second)))
    if earlier[0] != earlier[1]:
        return 1 if earlier[0] else -1
    revises = (bool(REVISES.search(first)), bool(REVISES.search(second)))
    if revises[0] != revises[1]:
        return 1 if revises[1] else -1
    return 0


def inner_same_subject(
    a: Report, b: Report, claim_a: Claim, claim_b: Claim, contrast: bool = False
) -> bool:
    """Two figures of one article about one thing: the same count of the same group, one
    kind of event, one day, comparable values, not sums, and the same places when both
    sentences name theirs (unless the later one sets itself against the first: "a lower
    toll of 15 dead, saying the bus was attacked near the border")."""
    if (a.category, a.group, a.running) != (b.category, b.group, b.running):
        return False
    if claim_a.sentence == claim_b.sentence or claim_a.aggregate or claim_b.aggregate:
        return False
    if a.value == b.value or not comparable_values(a.value, b.value) or consistent(a, b):
        return False
    if a.events and b.events and not a.events & b.events:
        return False
    if a.day and b.day and a.day != b.day:
        return False
    return contrast or not (claim_a.placed and claim_b.placed and a.places and b.places
                            and not a.places & b.places)


def sources_in(span: tuple[int, int], sentence: str, entities: list[dict[str, Any]]) -> set[str]:
    """The people and organisations a sentence attributes its figure to (when it says so)."""
    if not ATTRIBUTION.search(sentence):
        return set()
    named = {e["name"].lower() for e in entities if e["type"] in ("PERSON", "ORG") and any(
        span[0] <= s and t <= span[1] for s, t in e["mentions"])}
    # a source named by a common noun: "according to the released hostages"
    unnamed = {m.group(1).lower() for m in SOURCE_NOUN.finditer(sentence)}
    return named | unnamed


def answered(
    conn: Any, new: Report, keys: list[str], mine: set[str], story: str | None
) -> Report | None:
    """The earlier report of the same figure that ``new`` is compared with, if any."""
    lo = hi = None
    if new.published:
        day = date.fromisoformat(new.published[:10])
        reach = RUNNING_WINDOW_DAYS if new.running else WINDOW_DAYS
        lo = date.fromordinal(day.toordinal() - reach).isoformat()
        hi = date.fromordinal(day.toordinal() + reach).isoformat() + "~"
    rows = [Report.from_row(r) for r in sql.candidates(conn, keys, lo, hi)]
    others: dict[str, set[str]] = {}
    stories: dict[str, str | None] = {}
    matching = []
    for old in rows:
        if old.article == new.article:
            continue
        if old.article not in others:
            others[old.article] = article_names(conn, old.article)
            stories[old.article] = sql.story_of(conn, old.article) if story else None
        same_story = None
        if story is not None and stories[old.article] is not None:
            same_story = story == stories[old.article]
        if same_subject(new, old, mine, others[old.article], same_story):
            matching.append(old)
    return latest_other(new, matching, mine)


def article_names(conn: Any, article_id: str) -> set[str]:
    art = sql.article_inputs(conn, article_id)
    if art is None:
        return set()
    rows = sql.article_entities(conn, article_id, art["revision"])
    return {e["name"] for e in rows} | {e["identity_id"] for e in rows if e["identity_id"]}
