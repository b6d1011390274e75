"""Claims that are not figures: the day of an event, a person's title, who carried out an attack.

Small pure functions over an article's text and rows the store already holds (the dates
stage's resolved day values, the roles of each person, the entity rows); no spaCy. Each
claim keeps its words and offsets, like a figure (``resolve/claims.py``), and the conflicts
stage (``resolve/conflicts.py``) compares it only with claims of the same kind about the
same thing:

- **event day** (kind ``date``): a day-granular date bound to an event word of the lead
  paragraph ("the blast on Sunday", "Monday's explosion"): two reports of one event (one
  kind, shared places, one story) giving different days. A day one report could not have
  known (after the other report's publication) is another event; so is a day further than
  ``MAX_DAY_GAP`` away, or a day its report only says something on ("said on Monday");
- **title** (kind ``role``): the titles one person identity is given ("Deputy Foreign
  Minister X" vs "Foreign Minister X"): two current titles with the same head noun from
  ``OFFICE_HEADS`` that neither contains the other (a rank word one lacks, or two different
  portfolios); a later report that says the change ("new", "appointed", "former ...") makes
  it an update;
- **perpetrator** (kind ``name``): the group a report names as the one that carried out an
  attack ("claimed responsibility for", "blamed X for", "carried out by", "was behind"):
  two reports of one attack naming groups that are not one (nor one's name inside the
  other's); denials and "no group has claimed" are no claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsgraph.resolve.claims import EVENT_WORDS, SETTING_FAMILIES

# --- vocabularies ---

LEAD_SENTENCES = 3          # event days are read in the lead paragraph (the main event)
DAY_BIND = 80               # characters between an event word and the day bound to it
MAX_DAY_GAP = 2             # two days further apart than this are two events
MAX_DAY_AGE = 7             # an event day this long before publication is history, not news

# Nouns for an incident that say nothing of its kind; they bind a day all the same.
INCIDENT = re.compile(r"\b(?:accident|incident|disaster|tragedy|mishap)\b", re.I)
# Words before an event's mention saying the day is when it was known, not when it happened.
NOTICE = re.compile(
    r"\b(?:report|reports|reported|notified|informed|alerted|learned|learnt|news|word|"
    r"warned|discovered)\b", re.I)
# Kinds of event a perpetrator is named for.
ATTACK_FAMILIES = frozenset({"blast", "fighting"})
ATTACK_WORDS = re.compile(
    r"\b(?:assassinations?|killings?|murders?|kidnappings?|abductions?|massacres?|"
    r"hijackings?|attacks?|bombings?|blasts?|explosions?|ambush(?:es)?|shootings?)\b", re.I)
# Words a report uses when it tells of a change: "the new foreign minister", "was appointed".
CHANGE_WORDS = re.compile(
    r"\b(?:new|newly|appointed|appoints|appointment|named|became|becomes|elected|promoted|"
    r"sworn|replaced|replaces|replacing|succeeded|succeeds|succeeding|took over|takes over|"
    r"nominated|resigned|resigns|stepped down|steps down|demoted|reshuffle|incoming|"
    r"outgoing|ousted|sacked|dismissed)\b", re.I)
# Qualifiers that place a title in the past or the future: not the person's title now.
NOT_NOW = frozenset({
    "former", "ex", "ex-", "late", "then", "previous", "retired", "future", "outgoing",
    "incoming",
})
# Qualifiers that say the title is new: a change the later report tells.
NEW_QUALIFIERS = frozenset({"new", "newly-elected", "incoming"})
# Rank words: "Deputy Foreign Minister" is not "Foreign Minister".
RANKS = frozenset({
    "deputy", "vice", "assistant", "acting", "interim", "junior", "associate", "under",
    "lieutenant", "major", "brigadier", "second", "first",
})
RANK_SYNONYMS = {"vice": "deputy"}
# Heads of titles that name one office: two different ones for one person at one time are
# one report's mistake or a change. Generic heads ("official", "leader", "member") are not.
OFFICE_HEADS = frozenset({
    "minister", "secretary", "president", "chairman", "chair", "chairwoman", "chairperson",
    "governor", "mayor", "ambassador", "envoy", "commander", "general", "director",
    "chancellor", "premier", "speaker", "prosecutor", "commissioner", "treasurer",
    "secretary-general", "admiral", "colonel",
})
# One word spelt two ways: "Defense Minister" is "Defence Minister".
SPELLINGS = {"defense": "defence", "labor": "labour", "organization": "organisation"}
# Words that do not tell two titles apart.
TITLE_NOISE = frozenset({
    "the", "a", "an", "of", "senior", "top", "current", "sitting", "and", "cabinet",
    "government",
})

# A perpetrator named before the cue: "GROUP claimed responsibility for", "GROUP was behind".
PERP_BEFORE = re.compile(
    r"\b(?:(?:has|have|had|also)\s+)?(?:claimed|claims|claiming|claim)\s+(?:the\s+)?"
    r"responsibility\b|\b(?:was|were|is|are|had been|has been|have been)\s+"
    r"(?:(?:probably|likely|apparently|allegedly|possibly|almost certainly|reportedly)\s+)?"
    r"behind\b", re.I)
# ... and after it: "carried out by GROUP", "blamed GROUP for", "blamed on GROUP".
PERP_AFTER = re.compile(
    r"\b(?:carried out by|perpetrated by|staged by|claimed by|blamed on|"
    r"(?:blamed|blames|blaming|accused|accuses|accusing)(?=\s+(?:the\s+)?[A-Z])|"
    r"the work of)\s+", re.I)
# The words after a "blamed GROUP" that say what for.
BLAMED_FOR = re.compile(r"\s*(?:for|of)\b", re.I)
# A denial or an open question: no perpetrator claimed.
DENIAL = re.compile(
    r"\b(?:not|no|never|denied|denies|deny|denying|rejected|rejects|unclear|unknown|"
    r"nobody|no one|none)\b", re.I)
# A group named by a people and a generic noun ("Iraqi insurgents"): too vague to set
# against a named group.
VAGUE_AFTER = re.compile(
    r"\s*(?:militants?|insurgents?|rebels?|gunmen|extremists?|separatists?|forces|troops|"
    r"fighters|guerrillas?|groups?|elements|radicals|terrorists?|soldiers|police|army)\b",
    re.I)
PERP_TYPES = frozenset({"ORG", "NORP", "PERSON", "GPE"})
PERP_REACH = 60             # characters between a cue and the group it names


# --- data ---

@dataclass(frozen=True)
class Fact:
    """A comparable claim that is not a figure: ``value`` of ``category`` in its words."""

    kind: str                  # "date", "role", "name"
    start: int
    end: int
    text: str
    value: str                 # "2006-11-12", "deputy foreign minister", "Basran Front"
    category: str              # "date:blast", "role:minister", "perpetrator"
    sentence: tuple[int, int] = (0, 0)
    cue: bool = False          # the report tells a change ("appointed", "new")
    events: frozenset[str] = frozenset()
    subject: str = ""          # role: the person's name; perpetrator: the group's identity
    past: bool = False         # role: "former"; never compared itself


# --- event days ---

WORD = re.compile(r"[A-Za-z]+")


def event_words(text: str, span: tuple[int, int]) -> list[tuple[int, int, str]]:
    """(start, end, family) of the event words inside ``span``."""
    return [(m.start(), m.end(), EVENT_WORDS[m.group(0).lower()])
            for m in WORD.finditer(text, span[0], span[1]) if m.group(0).lower() in EVENT_WORDS]


def event_days(
    text: str, spans: list[tuple[int, int]], days: list[tuple[int, int, str]],
    published: str | None,
) -> list[Fact]:
    """The days the lead paragraph gives its events: a day-granular date (``days``: start,
    end, "YYYY-MM-DD"; reporting days already left out) within ``DAY_BIND`` characters of
    an event word in one sentence, nothing but words between them ("the explosion ripped
    through the market on Sunday", "Monday's blast"). A day after publication or more than
    ``MAX_DAY_AGE`` days before it dates no news event."""
    out: list[Fact] = []
    for sentence in spans[:LEAD_SENTENCES]:
        found = event_words(text, sentence)
        # words that say what happened, or name an incident, bind a day ("the colliery"
        # only names a setting)
        words = [w for w in found if w[2] not in SETTING_FAMILIES] + [
            (m.start(), m.end(), "") for m in INCIDENT.finditer(text, sentence[0], sentence[1])]
        if not words:
            continue
        for start, end, value in days:
            if not (sentence[0] <= start and end <= sentence[1]) or not plausible(value, published):
                continue
            near = [(abs((s if s > start else e) - (start if s > start else end)), s, e, f)
                    for s, e, f in words
                    if max(s, start) - min(e, end) <= DAY_BIND
                    and not re.search(r"[;:]", text[min(e, end):max(s, start)])]
            if not near:
                continue
            _, s, e, family = min(near)
            if NOTICE.search(text, max(sentence[0], min(s, start) - 30), min(s, start)):
                continue  # "received its first report of the accident at 4 a.m. Monday"
            # the kinds of event around the day, the setting too ("coal mine accident")
            families = {f for w_s, w_e, f in found
                        if max(w_s, start) - min(w_e, end) <= DAY_BIND} | {
                f for _, _, _, f in near if f}
            kind = family or next(iter(sorted(families - SETTING_FAMILIES)), "") or "event"
            lo, hi = min(s, start), max(e, end)
            out.append(Fact("date", lo, hi, text[lo:hi], value, f"date:{kind}", sentence,
                            events=frozenset(families)))
    return out


def plausible(day: str, published: str | None) -> bool:
    """A day a news report's event may have: on or before publication, not long before."""
    if not published:
        return True
    from datetime import date
    try:
        gap = (date.fromisoformat(published[:10]) - date.fromisoformat(day[:10])).days
    except ValueError:
        return False
    return 0 <= gap <= MAX_DAY_AGE


# --- titles ---

def title_words(title: str, qualifier: str | None) -> tuple[str, ...]:
    """A title's words compared: lower case, hyphens as spaces, rank qualifiers kept
    ("deputy" + "Foreign Minister" -> ("deputy", "foreign", "minister"))."""
    words = [SPELLINGS.get(w, w) for w in re.split(r"[\s-]+", title.lower())
             if w and w not in TITLE_NOISE]
    if qualifier and qualifier.lower() in RANKS:
        words.insert(0, qualifier.lower())
    return tuple(words)


def role_fact(row: dict[str, Any], text: str, spans: list[tuple[int, int]]) -> Fact | None:
    """A role row (title, organisation, qualifier, start, end, name) as a title claim, when
    its head names one office (``OFFICE_HEADS``)."""
    words = title_words(row["title"], row.get("qualifier"))
    if not words or words[-1] not in OFFICE_HEADS:
        return None
    qualifier = (row.get("qualifier") or "").lower()
    sentence = next(((s, e) for s, e in spans if s <= row["start"] < e), (row["start"], row["end"]))
    cue = qualifier in NEW_QUALIFIERS or bool(CHANGE_WORDS.search(text[sentence[0]:sentence[1]]))
    return Fact("role", row["start"], row["end"], text[row["start"]:row["end"]],
                " ".join(words), f"role:{words[-1]}", sentence, cue,
                subject=row.get("name") or "", past=qualifier in NOT_NOW)


def titles_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two titles of one office head cannot both be one person's title: the same
    office at two ranks ("deputy foreign minister" vs "foreign minister"), or each naming
    an office word the other lacks ("foreign minister" vs "defence minister"). A title whose
    office words lie inside the other's ("minister" in "deputy prime minister") only says
    less; "vice" and "deputy" are one rank."""
    if not a or not b or a[-1] != b[-1] or a == b:
        return False
    sa, sb = set(a) - RANKS, set(b) - RANKS
    if sa == sb:
        return {RANK_SYNONYMS.get(w, w) for w in a if w in RANKS} != {
            RANK_SYNONYMS.get(w, w) for w in b if w in RANKS}
    return bool(sa - sb) and bool(sb - sa)


def organisations_agree(a: str | None, b: str | None) -> bool:
    """Two titles' organisations may be one: either unknown, or one's words begin the
    other's ("Labour" ~ "Labour Party")."""
    if not a or not b:
        return True
    x = [w for w in re.findall(r"[a-z0-9]+", a.lower()) if w != "the"]
    y = [w for w in re.findall(r"[a-z0-9]+", b.lower()) if w != "the"]
    n = min(len(x), len(y))
    return n == 0 or x[:n] == y[:n] or x[0][:4] == y[0][:4]


# --- perpetrators ---

def perpetrators(
    text: str, spans: list[tuple[int, int]], entities: list[dict[str, Any]],
) -> list[Fact]:
    """The groups a text names as having carried out an attack, with the cue's words:
    "A group called the Basran Front claimed responsibility for the bombing"; "police
    blamed the Northern Army for the ambush"; "the attack was carried out by X". The group
    is the entity mention nearest the cue on the side it names it (before "claimed
    responsibility"/"was behind", after "carried out by"/"blamed"), in the same clause."""
    out: list[Fact] = []
    mentions = sorted(
        (s, e, ent) for ent in entities if ent["type"] in PERP_TYPES for s, e in ent["mentions"])
    for sentence in spans:
        body = text[sentence[0]:sentence[1]]
        if not (ATTACK_WORDS.search(body) or event_words(text, sentence)):
            continue
        events = frozenset(f for _, _, f in event_words(text, sentence)) & ATTACK_FAMILIES
        for m in PERP_BEFORE.finditer(text, sentence[0], sentence[1]):
            found = [(s, e, ent) for s, e, ent in mentions
                     if sentence[0] <= s and e <= m.start() and m.start() - e <= PERP_REACH
                     and not re.search(r"[;:,]\s|\bsaid\b|\bsays\b", text[e:m.start()])
                     and ent["type"] != "GPE" and not (
                         ent["type"] == "PERSON" and "responsib" in m.group(0).lower())]
            if not found or DENIAL.search(text[found[-1][1]:m.start()]) or _denied(text, sentence, m.start()):
                continue
            s, e, ent = found[-1]
            fact = _perp(text, s, e, m.end(), ent, sentence, events)
            if fact:
                out.append(fact)
        for m in PERP_AFTER.finditer(text, sentence[0], sentence[1]):
            found = [(s, e, ent) for s, e, ent in mentions
                     if m.end() <= s and e <= sentence[1] and s - m.end() <= PERP_REACH
                     and not re.search(r"[;:,]\s", text[m.end():s])]
            if not found or _denied(text, sentence, m.start()):
                continue
            s, e, ent = found[0]
            if m.group(0).lower().startswith(("blame", "accus")) and not BLAMED_FOR.match(
                    text, _name_end(text, e)):
                continue  # "blamed X" must say for what: "blamed X for the attack"
            fact = _perp(text, m.start(), e, e, ent, sentence, events, s)
            if fact:
                out.append(fact)
    return sorted(out, key=lambda f: f.start)


def _name_end(text: str, end: int) -> int:
    """After a group's name and a generic noun that completes it ("the Tigers rebels")."""
    m = VAGUE_AFTER.match(text, end)
    return m.end() if m else end


def _denied(text: str, sentence: tuple[int, int], cue: int) -> bool:
    """A denial or a negation just before the cue: "no group has claimed responsibility",
    "denied it was behind", "it was not clear who carried out"."""
    return bool(DENIAL.search(text[max(sentence[0], cue - 40):cue]))


def _perp(
    text: str, start: int, name_end: int, end: int, ent: dict[str, Any],
    sentence: tuple[int, int], events: frozenset[str], name_start: int | None = None,
) -> Fact | None:
    """The claim for a group named at [name_start or start, name_end); None for a vague one
    ("Iraqi insurgents")."""
    if ent["type"] in ("NORP", "GPE") and VAGUE_AFTER.match(text, name_end):
        return None
    lo, hi = min(start, name_start or start), max(end, name_end)
    key = ent.get("identity_id") or ("n:" + ent["name"].lower())
    return Fact("name", lo, hi, text[lo:hi], ent["name"], "perpetrator", sentence,
                events=events, subject=key)


def same_group(a: str, b: str) -> bool:
    """Two names that may be one group: equal, or one's words inside the other's ("al-Qaeda"
    in "al-Qaeda in Iraq", "Taliban" in "the Taliban militia")."""
    x = set(re.findall(r"[a-z0-9]+", a.lower())) - {"the", "of", "in", "and"}
    y = set(re.findall(r"[a-z0-9]+", b.lower())) - {"the", "of", "in", "and"}
    return bool(x and y) and (x <= y or y <= x)


def days_apart(a: str | None, b: str | None) -> int | None:
    """Whole days between two "YYYY-MM-DD" dates; None when either is unknown."""
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return None
