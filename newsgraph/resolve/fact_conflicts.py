"""Conflicts between claims that are not figures: an event's day, a title, a perpetrator.

Called by the conflicts stage (``resolve/conflicts.py``, ``take_in``) for each new article,
inside the writer's transaction, with what the stage has already read of the article. The
claims come from ``resolve/facts.py``; each is stored in ``claims`` (``kind`` and
``value_text``, migration 0013_claims_kinds) and filed under keys of its own kind ("@date|",
"@role|", "@perp|" + an identity or the story), so an earlier claim is found only through
the key index and a time window, as figures are. The rules:

- **event day**: same kind of event, shared context (a place or an actor), the same story
  when both articles are placed in stories, published within ``WINDOW_DAYS``, days at most
  ``MAX_DAY_GAP`` apart and neither after the other report's publication, and neither
  report naming a place the other never mentions;
- **title**: the same person identity (or, unresolved, the same full name), published
  within ``ROLE_WINDOW_DAYS``, titles of one office that cannot both hold
  (``titles_conflict``), organisations that may be one, and neither article also giving
  the other's title;
- **perpetrator**: one attack as for event days (shared context besides the groups
  themselves, the same day when both name one), groups that are not one; inside one article,
  two groups named for one attack by two sentences that tell of no other incident.

Labels: a later report that tells a change ("appointed", "new", "former ...", "corrected")
or the same outlet's later copy the same day is an **update**; otherwise a **disagreement**.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsgraph.resolve.facts import (
    MAX_DAY_GAP,
    Fact,
    days_apart,
    event_days,
    organisations_agree,
    perpetrators,
    role_fact,
    same_group,
    titles_conflict,
)
from newsgraph.store import conflicts as sql

WINDOW_DAYS = 4             # two reports of one event's day or perpetrator
ROLE_WINDOW_DAYS = 30       # two reports of one person's title
# A later report saying it corrects an earlier account.
CORRECTION = re.compile(
    r"\b(?:corrected|correcting|correction|revised|earlier reported|initially reported|"
    r"previously reported|had earlier said|now say|now says|now believe|now blame|"
    r"later said|later claimed|investigation (?:found|showed|concluded))\b", re.I)
OTHER_EVENT = re.compile(
    r"\b(?:another|separately|separate|elsewhere|meanwhile|second|earlier|last (?:week|month|"
    r"year)|previous)\b", re.I)


@dataclass(frozen=True)
class Told:
    """A stored non-figure claim as the comparison sees it."""

    id: int
    kind: str
    article: str
    published: str | None
    source: str | None
    value: str
    category: str
    grp: str                   # role: the organisation; perpetrator: the group's key
    cue: bool
    events: frozenset[str]
    places: frozenset[str]
    context: frozenset[str]
    start: int = 0
    day: str | None = None
    secondary: bool = False

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Told:
        return cls(
            row["id"], row["kind"], row["article_id"], row["published"], row["source"],
            row["value_text"] or "", row["category"], row["grp"], bool(row["cue"]),
            frozenset(json.loads(row["events"])), frozenset(json.loads(row["places"])),
            frozenset(json.loads(row["context"])), row["start"], row["day"],
            bool(row.get("secondary") or 0),
        )


# --- pure rules ---


def same_event(
    new: Told, old: Told, new_names: set[str], old_names: set[str], same_story: bool | None,
    ignore: frozenset[str] = frozenset(),
) -> bool:
    """Whether two claims (event days or perpetrators) are about one event (module doc);
    ``ignore``: context ids that do not count as shared (the groups themselves)."""
    from newsgraph.resolve.conflicts import same_kind, shared_site, unmentioned

    if new.article == old.article or new.kind != old.kind or same_story is False:
        return False
    if not ((new.context & old.context) - ignore):
        return False
    if not same_kind(new.events, old.events):
        return False
    gap = days_apart(new.published, old.published)
    if gap is not None and gap > WINDOW_DAYS:
        return False
    if new.secondary or old.secondary:
        return False
    return shared_site(new.places, old.places) or not (
        unmentioned(new.places, old_names) and unmentioned(old.places, new_names))


def days_conflict(new: Told, old: Told) -> bool:
    """Two different days one event may have been given: at most ``MAX_DAY_GAP`` apart, and
    neither after the publication of the other report (which could not have known it)."""
    if new.value == old.value:
        return False
    gap = days_apart(new.value, old.value)
    if gap is None or gap > MAX_DAY_GAP:
        return False
    first = min(p for p in (new.published, old.published, "9999") if p)[:10]
    return max(new.value, old.value) <= first


def groups_differ(new: Told, old: Told) -> bool:
    """Two perpetrators that are not one group (identity, or one name inside the other)."""
    return new.grp != old.grp and not same_group(new.value, old.value)


def label(newer: Told, older: Told, changed: bool = False) -> tuple[bool, str]:
    """(disagreement, why) for two claims of one thing, ``newer`` published later;
    ``changed``: the newer article tells the change itself (a "former" title)."""
    if newer.cue or changed:
        return False, "the later report tells of a change"
    if newer.source and newer.source == older.source and days_apart(
            newer.published, older.published) == 0:
        return False, "the same outlet's later copy changed it"
    return True, "reports about the same time differ"


def fact_id(a: Told, b: Told) -> str:
    digest = hashlib.sha1(f"{a.kind}|{a.article}:{a.start}|{b.article}:{b.start}".encode())
    return "cf-" + digest.hexdigest()[:12]


# --- the stage's part ---

def take_in(
    conn: Any, art: dict[str, Any], entities: list[dict[str, Any]],
    spans: list[tuple[int, int]], days: list[tuple], story: str | None, mine: set[str],
) -> tuple[int, int]:
    """Store an article's event days, titles and perpetrators and the conflicts they make
    with earlier reports; (claims, conflicts)."""
    from newsgraph.resolve.conflicts import claim_context

    text = art["text"]
    rows: list[tuple[Fact, dict[str, Any], list[str], str]] = []
    found = event_days(text, spans, days, art["published"])
    found += perpetrators(text, spans, entities)
    for fact in found:
        context, places, names = claim_context(fact, entities, spans)  # type: ignore[arg-type]
        events = fact.events
        day = fact.value if fact.kind == "date" else sentence_day(fact.sentence, days)
        grp = fact.subject if fact.kind == "name" else ""
        where = ", ".join(dict.fromkeys(names[0][:2]))
        if fact.kind == "date":
            subject = f"day of the {fact.category.split(':', 1)[1] or 'event'}"
            prefix = "@date"
        else:
            subject = "who carried out the attack"
            prefix = "@perp"
        subject += f" at {where}" if where else ""
        keys = [f"{prefix}|{c}" for c in sorted(context) if c != grp]
        if story is not None and keys:
            keys.append(f"{prefix}|story:{story}")
        # another incident than the main one ("separately", "in another attack"), even in
        # the lead paragraph: compared with nothing
        secondary = bool(OTHER_EVENT.search(text[fact.sentence[0]:fact.sentence[1]]))
        rows.append((fact, row_of(art, fact, day, events, places, context, grp, secondary),
                     keys, subject))
    seen: set[tuple[str, str, bool]] = set()
    for row in sql.article_roles(conn, art["article_id"], art["revision"]):
        if row["type"] != "PERSON":
            continue
        fact = role_fact(row, text, spans)
        if fact is None:
            continue
        person = row["identity_id"] or (
            "n:" + row["name"].lower() if len(row["name"].split()) > 1 else None)
        if person is None or (person, fact.value, fact.past) in seen:
            continue  # one claim per person and title in an article: its first mention
        seen.add((person, fact.value, fact.past))
        context = {person}
        data = row_of(art, fact, None, frozenset(), set(), context, row["organisation"] or "",
                      False)
        data["category"] = f"{fact.category}|{'past' if fact.past else 'now'}"
        rows.append((fact, data, [f"@role|{person}"], f"title of {row['name']}"))
    stored: list[tuple[Told, Fact, list[str], str]] = []
    for fact, data, keys, subject in rows:
        claim_id = sql.insert_claim(conn, data, keys)
        stored.append((Told.from_row({**data, "id": claim_id}), fact, keys, subject))
    n = compare_events(conn, stored, mine, story) + compare_roles(conn, stored)
    n += inner_perpetrators(conn, text, stored)
    return len(stored), n


def row_of(
    art: dict[str, Any], fact: Fact, day: str | None, events: frozenset[str], places: set[str],
    context: set[str], grp: str, secondary: bool,
) -> dict[str, Any]:
    return {
        "article_id": art["article_id"], "revision": art["revision"], "start": fact.start,
        "end": fact.end, "text": fact.text, "value": 0.0, "qualifier": None,
        "category": fact.category, "grp": grp, "sentence_start": fact.sentence[0],
        "sentence_end": fact.sentence[1], "cue": int(fact.cue or bool(CORRECTION.search(
            art["text"][fact.sentence[0]:fact.sentence[1]]))),
        "day": day, "running": 0, "events": json.dumps(sorted(events)),
        "places": json.dumps(sorted(places)), "context": json.dumps(sorted(context)),
        "published": art["published"], "source": art["source"], "secondary": int(secondary),
        "kind": fact.kind, "value_text": fact.value,
    }


def sentence_day(sentence: tuple[int, int], days: list[tuple]) -> str | None:
    found = {v for s, e, v in days if sentence[0] <= s and e <= sentence[1]}
    return found.pop() if len(found) == 1 else None


def earlier(conn: Any, new: Told, keys: list[str], reach: int) -> list[Told]:
    lo = hi = None
    if new.published:
        day = date.fromisoformat(new.published[:10])
        lo = date.fromordinal(day.toordinal() - reach).isoformat()
        hi = date.fromordinal(day.toordinal() + reach).isoformat() + "~"
    return [Told.from_row(r) for r in sql.candidates(conn, keys, lo, hi)
            if r["article_id"] != new.article and r["kind"] == new.kind]


def latest(rows: list[Told]) -> list[Told]:
    """The claims of the latest article among ``rows``."""
    if not rows:
        return []
    last = max(rows, key=lambda r: (r.published or "", r.article))
    return [r for r in rows if r.article == last.article]


def record(
    conn: Any, new: Told, old: Told, kind: str, subject: str, changed: bool = False,
    inside: bool = False,
) -> None:
    older, newer = sorted((old, new), key=lambda r: (r.published or "", r.article, r.start))
    disagreement, why = (True, "two sources in one report differ") if inside else label(
        newer, older, changed)
    sql.insert_conflict(conn, fact_id(older, newer), kind, subject, disagreement, why,
                        [older.id, newer.id])


def compare_events(
    conn: Any, stored: list[tuple[Told, Fact, list[str], str]], mine: set[str],
    story: str | None,
) -> int:
    """Event days and perpetrators against the latest earlier report of the same event;
    each earlier claim answered once."""
    from newsgraph.resolve.conflicts import article_names

    n, used, names, stories = 0, set(), {}, {}
    named = {t.value for t, _, _, _ in stored if t.kind == "name"}
    for new, _, keys, subject in stored:
        if new.kind not in ("date", "name") or not keys:
            continue
        matching = []
        rows = earlier(conn, new, keys, WINDOW_DAYS)
        for old in rows:
            if old.article not in names:
                names[old.article] = article_names(conn, old.article)
                stories[old.article] = sql.story_of(conn, old.article) if story else None
            same_story = None if story is None or stories[old.article] is None else (
                story == stories[old.article])
            ignore = frozenset({new.grp, old.grp, "n:" + new.value.lower(),
                                "n:" + old.value.lower()} - {""}) if new.kind == "name" \
                else frozenset()
            if not same_event(new, old, mine, names[old.article], same_story, ignore):
                continue
            if new.kind == "name" and new.day and old.day and new.day != old.day:
                continue
            matching.append(old)
        if not matching:
            continue
        last = latest(matching)
        if new.kind == "date":
            since = last[0].published or ""
            if new.value in sql.article_values(conn, last[0].article, "date") or any(
                    o.value == new.value and (o.published or "") >= since for o in rows):
                continue  # the latest report (or one as late, of the story) gives this day too
            found = [o for o in last if o.id not in used and days_conflict(new, o)]
        else:
            if not all(groups_differ(new, o) for o in last) or any(
                    same_group(v, o.value) for v in named for o in last):
                continue  # one of the two reports names the other's group too
            found = [o for o in last if o.id not in used]
        if found:
            used.add(found[0].id)
            record(conn, new, found[0], "date" if new.kind == "date" else "name", subject)
            n += 1
    return n


def compare_roles(conn: Any, stored: list[tuple[Told, Fact, list[str], str]]) -> int:
    """A person's current titles against the latest earlier article giving them a
    conflicting title of the same office; one conflict per person and earlier article."""
    n, done = 0, set()
    mine = [(t, f, k, s) for t, f, k, s in stored if t.kind == "role"]
    now = {(k[0], t.value) for t, f, k, s in mine if not f.past}
    past = {(k[0], t.value) for t, f, k, s in mine if f.past}
    for new, fact, keys, subject in mine:
        if fact.past:
            continue
        person = keys[0]
        rows = [o for o in earlier(conn, new, keys, ROLE_WINDOW_DAYS)
                if o.category.endswith("|now") and (o.published or "") <= (new.published or "~")]
        clash = [o for o in rows
                 if titles_conflict(tuple(new.value.split()), tuple(o.value.split()))
                 and organisations_agree(new.grp, o.grp) and (person, o.value) not in now]
        clash = [o for o in latest(clash)
                 if not any(r.article == o.article and r.value == new.value for r in rows)]
        if not clash or (person, clash[0].article) in done:
            continue
        done.add((person, clash[0].article))
        changed = (person, clash[0].value) in past
        record(conn, new, clash[0], "role", subject, changed)
        n += 1
    return n


def inner_perpetrators(
    conn: Any, text: str, stored: list[tuple[Told, Fact, list[str], str]]
) -> int:
    """Two groups one article names for one attack (the police blame one, another claims
    it): a disagreement, unless the later sentence tells of another incident."""
    perps = [(t, f, s) for t, f, k, s in stored if t.kind == "name"]
    n = 0
    for i, (b, fb, subject) in enumerate(perps):
        for a, fa, _ in perps[:i]:
            if not groups_differ(a, b) or OTHER_EVENT.search(
                    text[fb.sentence[0]:fb.sentence[1]]):
                continue
            if a.events and b.events and not a.events & b.events:
                continue
            if a.day and b.day and a.day != b.day:
                continue
            if fa.sentence != fb.sentence and a.places and b.places and not a.places & b.places:
                continue
            record(conn, b, a, "name", subject, inside=True)
            n += 1
            break
    return n

