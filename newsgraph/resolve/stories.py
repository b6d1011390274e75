"""Story threads: articles clustered into stories as they arrive (streaming clustering in
the manner of Miranda et al., EMNLP 2018, "Multilingual Clustering of Streaming News").

A story is one specific event, or a tightly linked chain of events with the same main
actors (an incident with its toll updates and reactions, one summit, one trial), not a
theme. Each article becomes up to four TF-IDF vectors, each of unit length:

- ``b:`` the words of its text (the lead paragraph counted twice: wire copy puts the event
  there),
- ``t:`` the words of its headline (wire slugs such as ``ATTENTION - ADDS ... ///`` or
  ``=(PICTURE)=`` are no headline),
- ``e:`` the cross-article identities it mentions (``identity_members``), weighted by their
  mentions,
- ``p:`` the people its lead paragraph names.

Document frequencies are counted incrementally (``story_df``), so an article's weights are
those of the archive as it stood when the article came. A story keeps a centroid per field:
the mean of its articles' vectors, cut to its strongest terms, stored in ``story_terms``
keyed by term and the story's last day: the inverted index through which an article finds
its candidate stories (those sharing one of its strongest terms and active in the last
``window_days``), never by scanning the stories.

Each candidate is scored by a small learned model (``COEFFICIENTS``, a logistic regression
fit by ``bench/stories_gold.py --fit`` on the tune part of ``examples/wire-dev``) over
similarity features (``features``): the cosines of the article's body words and of its
identities with the story's centroid, the best body cosine with one of the story's latest
articles (a toll update or a re-write resembles one report more than the mean of all), the
share of the article's strongest words among the story's (``key_terms``: the names and the
kind of event, not the template words of a series of medal or market reports), and the
days since the story's last article (the time decay, learned). The article joins the
most probable story when the probability reaches ``threshold``, else it founds a new one.
A wire re-issue (its body nearly that of one of a story's articles of the last day:
``ATTENTION - ADDS ...``, ``URGENT``, a corrected repetition) joins that story whatever the
model says.

An updated article first leaves its story (the story's centroid is rebuilt from the article
vectors kept in ``story_articles``; an emptied story is deleted) and its old revision's terms
leave the document frequencies; then it is placed again like a new one.

All SQL is in ``newsgraph.store.stories``. The coefficients and threshold below were fit
and chosen on the ``tune`` part of ``examples/wire-dev`` only (see its README).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsgraph.store import stories as sql

if TYPE_CHECKING:
    from newsgraph.store import Store

FIELDS = ("b", "t", "e", "p")


# The join model: a logistic regression over the similarity features of an article and a
# candidate story (``FEATURES``, computed by ``features``), fit by ``bench/stories_gold.py
# --fit --grid`` on the tune part of ``examples/wire-dev`` (its three ranges): each article
# of a tune file against every recent gold story its lookup terms reach, labelled by whether
# that is its own story, each example weighing one over the size of the article's gold story
# (so that one summit of two dozen articles does not teach the model alone). Intercept first.
# ``FITTED`` are the features the model uses; the others weigh 0. ``key_terms`` (the share
# of the article's five strongest body words among the story's fifteen) was added in the
# third session: cross-validated by date blocks (``--cv``) it raised the mean F1 of the
# five held-out blocks from 0.572 to 0.652 and the report part from 0.48 to 0.64; with the
# headline, the lead's people, the actors alone, the main actors (``main_actors``: 0.627
# alone, 0.653 beside ``key_terms`` with a lower pooled F1), the story's size or age added,
# the cross-validated or tune F1 was lower (README of ``examples/wire-dev``).
FEATURES = ("body", "title", "no_title", "entities", "lead_people", "actors", "member", "gap",
            "size", "age", "main_actors", "key_terms")
FITTED = ("body", "entities", "member", "gap", "key_terms")
COEFFICIENTS = (-6.38, 2.284, 0.0, 0.0, 3.468, 0.0, 0.0, 2.147, -1.766, 0.0, 0.0, 0.0, 2.516)


@dataclass(frozen=True)
class StoryOptions:
    """Every knob of the stage, chosen on the tune part of the wire gold."""

    # The least join probability (of the model) with which an article joins a story: low
    # because the fit's weights make every story count once while most examples are
    # singletons'. On the tune part the mean F1 is jagged around its best (0.672 at 0.01,
    # 0.691 at 0.011, 0.674 at 0.012, 0.671 at 0.013, 0.610 at 0.015): 0.012 is the lowest
    # of that plateau at which two matches of one tournament stay apart (the test
    # ``test_stories_two_matches_of_one_tournament_stay_apart`` joins them at 0.011).
    threshold: float = 0.012
    coefficients: tuple[float, ...] = COEFFICIENTS
    window_days: int = 7  # a story takes no article more than this many days after its last
    # A wire re-issue (the same dispatch again, with a paragraph added or a word corrected):
    # its body's cosine with one of a story's articles of the last day reaches this: it
    # joins that story whatever the model says.
    reissue_similarity: float = 0.8
    lead_boost: int = 2  # the lead paragraph's words count this many times
    # Pseudo-articles holding none of the terms, added to the count behind every IDF: in a
    # small archive (a dozen articles of one story) a word of every article would weigh
    # nothing; in a large one the prior vanishes.
    idf_prior: float = 500.0
    body_terms: int = 100  # centroid terms kept per field
    title_terms: int = 20
    entity_terms: int = 30
    members: int = 8  # recent articles of a candidate story compared one by one
    lookup_terms: int = 25  # the article's strongest terms that look up candidates
    candidates: int = 20  # candidate stories scored in full


DEFAULT = StoryOptions()

# --- headlines ---

# A whole title that is a wire slug, no headline: service messages ("ATTENTION - ADDS
# quotes ///", "xxx as sent. Here is a corrected repetition"), picture notes ("=(PICTURE)="),
# bylines ("by Jane Doe") and slug tails ending in "///".
SLUG = re.compile(
    r"^\s*(?:attention\s*[-:]|xxx\b|=\(.*\)=\s*$|by\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}\s*$)"
    r"|///\s*$|corrected repetition",
    re.IGNORECASE,
)
# Wire prefixes before a headline: "URGENT  ...", "Urgent: ...", "1st Ld: ...", "Roundup: ...",
# "(China-Africa) ...". A word such as "Update" or "Urgent" opening a real headline has no
# colon after it (and is not in capitals).
PREFIX = re.compile(
    r"^\s*(?:(?:URGENT|FLASH|BULLETIN)\s+"
    r"|(?i:urgent|flash|bulletin|roundup|interview|news analysis|feature|update"
    r"|\d+(?:st|nd|rd|th)\s+(?:ld|lead)(?:-writethru)?)\s*:\s*"
    r"|\([^)]{1,40}\)\s+)+"
)


def clean_title(title: str | None) -> str | None:
    """The headline without wire prefixes; None when the title is a wire slug or empty."""
    if not title or SLUG.search(title):
        return None
    cleaned = PREFIX.sub("", title).strip()
    return cleaned or None


def substantive(title: str | None) -> bool:
    """A headline a reader could take for the story's: not a slug, three words or more
    (wire feeds cut some titles to their last word or two)."""
    cleaned = clean_title(title)
    return cleaned is not None and len(cleaned.split()) >= 3


def better_title(current: str | None, current_day: int, title: str | None, day: int) -> bool:
    """Whether ``title`` (of an article of ``day``) should be the story's headline instead
    of ``current`` (of ``current_day``): the earliest substantive headline wins; a cleaned
    headline beats a slug."""
    if substantive(title) != substantive(current):
        return substantive(title)
    if (clean_title(title) is None) != (clean_title(current) is None):
        return clean_title(title) is not None
    return day < current_day


def display_title(title: str | None) -> str | None:
    return clean_title(title) or title


# --- words ---

WORD = re.compile(r"[a-z][a-z'\-]*[a-z]")


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {"said", "says", "say", "told", "according", "reported", "report", "reports",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "percent", "year", "years", "new", "also", "would", "could"}
    return frozenset(STOP_WORDS) | extra


STOP_WORDS = _stop_words()


def words(text: str) -> list[str]:
    """Content words of ``text``: lower case, three letters or more, no stop words, a final
    possessive 's dropped."""
    out = []
    for w in WORD.findall(text.lower()):
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'-")
        if len(w) >= 3 and w not in STOP_WORDS:
            out.append(w)
    return out


def lead(text: str) -> str:
    """The first paragraph (or, in a one-paragraph text, the first 400 characters)."""
    first = text.strip().split("\n", 1)[0]
    return first[:400] if first == text.strip() else first


def term_counts(
    title: str | None, text: str, identities: Mapping[str, int], lead_boost: int = 1,
    lead_people: Mapping[str, int] | None = None,
) -> dict[str, Counter[str]]:
    """Raw counts of each field's terms (``b:``/``t:``/``e:``/``p:`` prefixed) for one
    article; ``lead_people``: identity -> mentions in the headline and lead paragraph."""
    body = Counter("b:" + w for w in words(text))
    for _ in range(max(0, lead_boost - 1)):
        body.update("b:" + w for w in words(lead(text)))
    head = Counter("t:" + w for w in words(clean_title(title) or ""))
    ents = Counter({"e:" + k: v for k, v in identities.items() if v > 0})
    people = Counter({"p:" + k: v for k, v in (lead_people or {}).items() if v > 0})
    return {"b": body, "t": head, "e": ents, "p": people}


def idf(df: int, n: int, prior: float = 0.0) -> float:
    """Inverse document frequency of a term in ``df`` of ``n`` articles (``prior`` more
    articles that lack it)."""
    return math.log((n + prior + 1) / (df + 0.5))


def unit(weights: Mapping[str, float], keep: int | None = None) -> dict[str, float]:
    """``weights`` cut to its ``keep`` largest (ties by term) and scaled to unit length."""
    items = sorted(((w, t) for t, w in weights.items() if w > 0), key=lambda x: (-x[0], x[1]))
    if keep is not None:
        items = items[:keep]
    norm = math.sqrt(sum(w * w for w, _ in items))
    return {t: w / norm for w, t in items} if norm else {}


def _keep(opts: StoryOptions) -> dict[str, int]:
    return {"b": opts.body_terms, "t": opts.title_terms, "e": opts.entity_terms,
            "p": opts.entity_terms}


def field_vectors(
    counts: Mapping[str, Counter[str]], df: Mapping[str, int], n: int, opts: StoryOptions
) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors per field ((1 + log tf) * idf), each cut to the centroid size."""
    keep = _keep(opts)
    return {
        f: unit({t: (1 + math.log(c)) * idf(df.get(t, 1), n, opts.idf_prior)
                 for t, c in counts[f].items()},
                keep[f])
        for f in FIELDS
    }


def split_fields(terms: Mapping[str, float]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {f: {} for f in FIELDS}
    for term, w in terms.items():
        out[term[0]][term] = w
    return out


def flat(fields: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    return {t: w for f in FIELDS for t, w in fields.get(f, {}).items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(w * large.get(t, 0.0) for t, w in small.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def gap_days(day: int, first_day: int, last_day: int) -> int:
    """Days between an article and a story's span (0 inside it)."""
    return max(0, day - last_day, first_day - day)


def features(
    article: Mapping[str, Mapping[str, float]],
    centroid: Mapping[str, Mapping[str, float]],
    members: Iterable[Mapping[str, Mapping[str, float]]],
    gap: int,
    size: int,
    age: int,
    needed: Collection[str] = FEATURES,
) -> tuple[float, ...]:
    """The model's inputs (``FEATURES``) for an article against a candidate story: the
    cosines of the fields with the story's centroid (body words, headline words, the
    identities named, the people of the lead paragraph, the people and organisations alone),
    whether either side lacks a headline, the best body cosine with one of the story's
    recent articles, the days since the story's span (in weeks), the log of the number of
    its articles and the days since its first article (in weeks). Features not ``needed``
    (those the model weighs 0) are 0, not computed."""
    def cos(f: str) -> float:
        return cosine(article.get(f, {}), centroid.get(f, {}))

    values = {
        "body": lambda: cos("b"),
        "title": lambda: cos("t"),
        "no_title": lambda: 0.0 if article.get("t") and centroid.get("t") else 1.0,
        "entities": lambda: cos("e"),
        "lead_people": lambda: cos("p"),
        "actors": lambda: cosine(actors(article.get("e", {})), actors(centroid.get("e", {}))),
        "member": lambda: max((cosine(article.get("b", {}), m.get("b", {})) for m in members),
                              default=0.0),
        "gap": lambda: gap / 7,
        "size": lambda: math.log1p(size),
        "age": lambda: age / 7,
        "main_actors": lambda: main_actor_overlap(article.get("e", {}), centroid.get("e", {})),
        "key_terms": lambda: key_term_overlap(article.get("b", {}), centroid.get("b", {})),
    }
    return tuple(values[f]() if f in needed else 0.0 for f in FEATURES)


MAIN_ACTORS = 3  # the entities (places left out) that count as a side's main actors


def main_actors(field: Mapping[str, float], keep: int = MAIN_ACTORS) -> list[str]:
    """The strongest people and organisations of an identity field (``e:`` terms), places
    left out: who the article or story is about."""
    ranked = sorted(actors(field).items(), key=lambda x: (-x[1], x[0]))
    return [t for t, _ in ranked[:keep]]


def main_actor_overlap(
    article: Mapping[str, float], story: Mapping[str, float], keep: int = MAIN_ACTORS
) -> float:
    """The share of the article's main actors that are among the story's main actors (0
    when either side names none): two reports of one event share who it is about, two
    matches of one tournament or two mines' accidents do not."""
    mine, theirs = main_actors(article, keep), set(main_actors(story, keep))
    if not mine or not theirs:
        return 0.0
    return sum(1 for t in mine if t in theirs) / min(len(mine), len(theirs))


KEY_TERMS = 5  # the article's strongest body words that say what it is about
STORY_KEY_TERMS = 15  # the story's strongest body words they are looked for in


def strongest(field: Mapping[str, float], keep: int) -> list[str]:
    return [t for t, _ in sorted(field.items(), key=lambda x: (-x[1], x[0]))[:keep]]


def key_term_overlap(article: Mapping[str, float], story: Mapping[str, float]) -> float:
    """The share of the article's strongest body words (its rarest, most repeated: the
    names, the place, the kind of event) among the story's strongest: a report on the
    same event repeats them, another medal final or another market day shares only the
    template words of its series."""
    mine = strongest(article, KEY_TERMS)
    if not mine or not story:
        return 0.0
    theirs = set(strongest(story, STORY_KEY_TERMS))
    return sum(1 for t in mine if t in theirs) / len(mine)


def join_probability(values: Iterable[float], coefficients: Iterable[float]) -> float:
    """The logistic model's probability that the article belongs to the story."""
    coefs = list(coefficients)
    z = coefs[0] + sum(w * x for w, x in zip(coefs[1:], values, strict=True))
    if z < -30:
        return 0.0
    return 1 / (1 + math.exp(-z))


def mean_centroid(
    centroid: Mapping[str, Mapping[str, float]],
    size: int,
    article: Mapping[str, Mapping[str, float]],
    opts: StoryOptions,
) -> dict[str, dict[str, float]]:
    """The centroid of ``size`` articles after one more, each field cut to its top terms."""
    keep = _keep(opts)
    out: dict[str, dict[str, float]] = {}
    for f in FIELDS:
        summed: dict[str, float] = {t: w * size for t, w in centroid.get(f, {}).items()}
        for t, w in article.get(f, {}).items():
            summed[t] = summed.get(t, 0.0) + w
        ranked = sorted(summed.items(), key=lambda x: (-x[1], x[0]))[: keep[f]]
        out[f] = {t: w / (size + 1) for t, w in ranked}
    return out


def lookup_terms(article: Mapping[str, Mapping[str, float]], keep: int) -> dict[str, float]:
    """The article's strongest terms over all fields, for the candidate lookup."""
    ranked = sorted(flat(article).items(), key=lambda x: (-x[1], x[0]))
    return dict(ranked[:keep])


def story_id(founder: str) -> str:
    return "story-" + hashlib.sha1(founder.encode("utf-8")).hexdigest()[:12]


def day_number(value: str | None) -> int | None:
    """The proleptic ordinal of an ISO date's day (``"2006-11-04T10:00"`` too)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def day_text(day: int) -> str:
    return date.fromordinal(day).isoformat()


# --- the stage ---


@dataclass(frozen=True)
class Placement:
    """Where one article went: its story, its score, whether it founded the story."""

    article: str
    story: str
    score: float
    founded: bool


def lead_end(text: str) -> int:
    """Where the lead paragraph ends in ``text``."""
    return len(text) - len(text.lstrip()) + len(lead(text))


PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLACE_MARK = "g:"


def actors(field: Mapping[str, float]) -> dict[str, float]:
    """The people and organisations of an identity field (``e:`` terms), places left out."""
    return {t: w for t, w in field.items() if not t.startswith("e:" + PLACE_MARK)}


def identity_counts(
    rows: Iterable[Any], ends: Mapping[str, int]
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Article -> identity (or, unresolved, ``n:`` + the lower-cased name) -> mentions; and
    article -> person identity -> mentions before the article's lead end (``ends``)."""
    every: dict[str, dict[str, int]] = {}
    people: dict[str, dict[str, int]] = {}
    for r in rows:
        key = r["identity_id"] or "n:" + r["name"].lower()
        if r["type"] in PLACE_TYPES:
            key = PLACE_MARK + key  # a place is where, not who: no actor (``actors``)
        spans = json.loads(r["mentions"] or "[]")
        into = every.setdefault(r["article_id"], {})
        into[key] = into.get(key, 0) + max(1, len(spans))
        if r["type"] == "PERSON":
            early = sum(1 for s in spans if s[0] < ends.get(r["article_id"], 0))
            if early:
                lead_into = people.setdefault(r["article_id"], {})
                lead_into[key] = lead_into.get(key, 0) + early
    return every, people


def _df_terms(counts: Mapping[str, Counter[str]]) -> set[str]:
    return {t for f in FIELDS for t in counts[f]}


def _leave(conn: Any, placed: Any, opts: StoryOptions) -> None:
    """Take an article's old revision out of its story and of the document frequencies."""
    old = sql.old_revision_text(conn, placed["article_id"], placed["revision"])
    stored = json.loads(placed["vector"])
    old_entities = {t[2:]: 1 for t in stored if t.startswith("e:")}
    if old is not None:
        old_people = {t[2:]: 1 for t in stored if t.startswith("p:")}
        counts = term_counts(old["title"], old["text"], old_entities, opts.lead_boost,
                             old_people)
        sql.add_document_frequencies(conn, _df_terms(counts), -1)
    n = int(sql.meta(conn, "articles", "0"))
    sql.set_meta(conn, "articles", str(max(0, n - 1)))
    sql.remove_article(conn, placed["article_id"])
    _refresh_story(conn, placed["story_id"], opts)


def _refresh_story(conn: Any, story: str, opts: StoryOptions) -> None:
    """Rebuild a story's centroid, headline and span from its remaining articles."""
    rows = sql.members(conn, story)
    if not rows:
        sql.delete_story(conn, story)
        return
    centroid: dict[str, dict[str, float]] = {}
    for size, r in enumerate(rows):
        centroid = mean_centroid(centroid, size, split_fields(json.loads(r["vector"])), opts)
    title, title_day = rows[0]["title"], rows[0]["day"]
    for r in rows[1:]:
        if better_title(title, title_day, r["title"], r["day"]):
            title, title_day = r["title"], r["day"]
    head = sql.story_rows(conn, [story])[story]
    last = max(r["day"] for r in rows)
    shown = [d for d in (day_number(r["published"]) for r in rows) if d]
    sql.save_story(conn, {"id": story, "title": display_title(title),
                          "first": day_text(min(shown)) if shown else None,
                          "last": day_text(max(shown)) if shown else None,
                          "last_day": last, "size": len(rows),
                          "founded_by": head["founded_by"]})
    sql.replace_centroid(conn, story, last, flat(centroid))


@lru_cache(maxsize=2048)
def member_body(vector: str) -> dict[str, float]:
    """The body words of an article's stored vector (JSON), read once per writer: a
    story's latest articles are compared with every article that may join it. Callers
    must not change the dict returned (it is shared)."""
    return {t: w for t, w in json.loads(vector).items() if t[0] == "b"}


@lru_cache(maxsize=1024)
def stored_centroid(text: str) -> dict[str, float]:
    """A story's stored centroid (JSON), read once per writer while it stays the same (a
    story is a candidate of many articles between two that join it). Shared: not to be
    changed by callers."""
    return json.loads(text)


def candidate_score(
    vector: Mapping[str, Mapping[str, float]], day: int, head: Any,
    centroid: Mapping[str, float], recent: Iterable[tuple[int, str]], opts: StoryOptions,
) -> float:
    """The join probability of an article (its field vectors, its day) for one candidate
    story (its row, flat centroid and latest articles' days and JSON vectors); 1 for a wire
    re-issue of one of the story's articles of the last day; 0 past the window."""
    first_day = day_number(head["first"]) or head["last_day"]
    gap = gap_days(day, first_day, head["last_day"])
    if gap > opts.window_days:
        return 0.0
    # only the members' body words count (the re-issue rule, the ``member`` feature)
    members = [(d, {"b": member_body(v)}) for d, v in recent]
    body = vector.get("b", {})
    if any(abs(day - d) <= 1 and cosine(body, m["b"]) >= opts.reissue_similarity
           for d, m in members):
        return 1.0
    needed = [f for f, w in zip(FEATURES, opts.coefficients[1:], strict=True) if w]
    values = features(vector, split_fields(centroid), [m for _, m in members], gap,
                      head["size"], max(0, day - first_day), needed)
    return join_probability(values, opts.coefficients)


def place(
    conn: Any, row: Any, identities: Mapping[str, int], opts: StoryOptions = DEFAULT,
    lead_people: Mapping[str, int] | None = None,
) -> Placement:
    """Put one article (its current revision's row) into the best recent story or a new
    one; update the document frequencies, the story and its centroid."""
    # an undated article is placed by the day it was first stored (its story's shown dates
    # come from published dates only: an ingest day is no date of the story)
    published_day = day_number(row["published"])
    day = published_day or day_number(row["first_seen"]) or 0
    counts = term_counts(row["title"], row["text"], identities, opts.lead_boost, lead_people)
    terms = _df_terms(counts)
    sql.add_document_frequencies(conn, terms, 1)
    n = int(sql.meta(conn, "articles", "0")) + 1
    sql.set_meta(conn, "articles", str(n))
    vector = field_vectors(counts, sql.document_frequencies(conn, terms), n, opts)

    found = sql.candidates(conn, lookup_terms(vector, opts.lookup_terms),
                           day - opts.window_days, opts.candidates)
    heads = sql.story_rows(conn, [s for s, _ in found])
    cents = {story: stored_centroid(head["centroid"]) for story, head in heads.items()}
    recent = sql.recent_members(conn, list(heads), opts.members)
    best, best_score = None, 0.0
    for story, head in sorted(heads.items()):
        score = candidate_score(vector, day, head, cents.get(story, {}),
                                recent.get(story, []), opts)
        if score > best_score:
            best, best_score = story, score
    if best is not None and best_score >= opts.threshold:
        head = heads[best]
        last_day = max(day, head["last_day"])
        shown = [d for d in (day_number(head["first"]), day_number(head["last"]),
                             published_day) if d]
        title = head["title"]
        title_day = day_number(head["first"]) or day
        if better_title(title, title_day, row["title"], day):
            title = display_title(row["title"])
        centroid = mean_centroid(split_fields(cents.get(best, {})), head["size"], vector, opts)
        story, size, founder = best, head["size"] + 1, head["founded_by"]
        placement = Placement(row["article_id"], best, best_score, False)
    else:
        story, size, founder = story_id(row["article_id"]), 1, row["article_id"]
        last_day = day
        shown = [published_day] if published_day else []
        title = display_title(row["title"])
        centroid = {f: dict(v) for f, v in vector.items()}
        placement = Placement(row["article_id"], story, 1.0, True)
    sql.save_story(conn, {"id": story, "title": title,
                          "first": day_text(min(shown)) if shown else None,
                          "last": day_text(max(shown)) if shown else None,
                          "last_day": last_day, "size": size,
                          "founded_by": founder})
    sql.replace_centroid(conn, story, last_day, flat(centroid))
    sql.place_article(conn, {
        "article_id": row["article_id"], "story_id": story, "revision": row["revision"],
        "published": row["published"], "day": day, "score": round(placement.score, 6),
        "title": row["title"], "vector": json.dumps(flat(vector), separators=(",", ":")),
    })
    return placement


def update(store: Store, articles: list[str], opts: StoryOptions = DEFAULT) -> dict[str, int]:
    """Place these stored articles (new or updated, oldest first) into stories."""
    conn = store.conn
    inputs = {r["article_id"]: r for r in sql.article_inputs(conn, articles)}
    ends = {a: lead_end(r["text"]) for a, r in inputs.items()}
    identities, people = identity_counts(sql.article_entities(conn, articles), ends)
    placed = sql.placements(conn, articles)
    counts = {"joined": 0, "founded": 0, "moved": 0}
    for article in articles:
        row = inputs.get(article)
        old = placed.get(article)
        if old is not None:
            if row is not None and old["revision"] == row["revision"]:
                continue  # this revision is already placed
            _leave(conn, old, opts)
        if row is None:
            continue
        result = place(conn, row, identities.get(article, {}), opts, people.get(article))
        counts["founded" if result.founded else "joined"] += 1
        if old is not None and old["story_id"] != result.story:
            counts["moved"] += 1
    return counts


def clear(store: Store) -> None:
    """Forget every story (before a rebuild replays the archive)."""
    sql.clear(store.conn)
