"""Who is who across articles: in-article entities grouped into database-wide identities.

Pure and incremental: ``Resolver.add`` takes one or more articles' ``EntityRecord``s and
updates the identities through dict indexes keyed by normalised names (full-name keys,
surnames, acronyms), never by comparing all pairs. It is conservative, since a wrong merge
is worse than a missed one, and every merge is recorded as a ``MergeReason`` with its rule.

The rules, strongest first. Each merge also needs a compatible type, no shared article (coref
already kept those apart), no clash of gendered honorifics, no human "split" against it, and
not an unrelated context (roles at different organisations and no co-mentioned name in common:
two John Smiths in unrelated stories stay apart).

``exact-name`` / ``exact-alias``
    the normalised full name (or an in-article alias) names exactly one known identity;
    a bare surname is never a key here.
``nickname`` / ``initials`` / ``middle-name``
    persons with the same surname whose given names agree as nickname ("Bill"/"William"),
    initial ("J. F."/"John") or with a middle name missing, when exactly one known identity
    with that surname fits.
``surname-context``
    a bare surname ("Mr Smith") joins the only full-named person with that surname, and only
    when they share a title or organisation or two co-mentioned names, within
    ``CONTEXT_WINDOW_DAYS`` of each other's articles.
``acronym-comention`` / ``acronym-unique``
    an organisation's acronym and its long form (initials of the capitalised words) when
    the article mentions both, or when exactly one known organisation has those initials.

Human corrections (``Judgement``: merge, split, rename) are kept and re-applied after every
``add``, so they last through incremental updates and through a rebuild from scratch.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal, NamedTuple, Protocol

from newsgraph.resolve.names import (
    PersonName,
    acronym_form,
    ends_as_organisation,
    fold,
    given_names_match,
    initials_of,
    is_adjective_or_place_word,
    long_form_key,
    long_form_stem,
    org_key,
    parse_person,
)

# --- rules as data -----------------------------------------------------------------------

#: Entity types that may be one identity; a type not listed is compatible with itself only.
TYPE_GROUPS: dict[str, str] = {
    "PERSON": "person", "PER": "person",
    "ORG": "org", "GROUP": "org", "NORP": "org", "MISC": "org",
    "GPE": "place", "LOC": "place", "FAC": "place",
}  # fmt: skip

#: A bare surname joins a full name only if their articles are this close in time.
CONTEXT_WINDOW_DAYS = 730
#: How many co-mentioned names a bare surname must share with an identity (without a role).
MIN_SHARED_COMENTIONS = 2
#: A one-word name (organisation, group, "King X") joins an identity of that name only when
#: it shares a role with one of its members, or co-mentions worth this much (each shared
#: name not too common weighs 1, a place or nationality less). Within ``CLOSE_DAYS`` of
#: that member's article, half as much will do.
ONE_WORD_MIN_SCORE = 2.0
#: Places and nationalities say little about which "Congress" is meant: their weight is cut.
WEAK_COMENTION_FACTOR = 0.5
WEAK_COMENTION_TYPES = frozenset({"GPE", "LOC", "NORP"})
CLOSE_DAYS = 7
#: How many members of an identity a one-word name is compared with (the latest ones).
ONE_WORD_MEMBERS_CHECKED = 400
#: A co-mentioned name in more than this share of articles (once at least
#: ``INFORMATIVE_MIN_ARTICLES`` are known) says nothing about context ("AFP", "China").
INFORMATIVE_MAX_SHARE = 0.1
INFORMATIVE_MIN_ARTICLES = 200
#: Names seen in at least this many articles are kept in the stored document frequencies.
DF_KEEP_MIN = 3
#: The type prior overrides a record's own type only with this many votes and this share.
PRIOR_MIN_VOTES = 3
PRIOR_MIN_SHARE = 0.75
#: Types of places and nationalities: a one-word name of these is never an organisation's
#: short form, and never joins an identity holding an organisation named after it.
PLACE_TYPES = frozenset({"GPE", "LOC", "NORP"})
#: A one-word name is a place or nationality for the short-form rule when at least this share
#: of its records in the database are typed so.
PLACE_PRIOR_SHARE = 1 / 3
#: Types a one-word name may have to be an organisation's short form (a MISC name only when
#: it is no nationality word, which the short-form rule checks anyway).
SHORT_FORM_TYPES = frozenset({"ORG", "MISC"})

STATE_VERSION = 1

Member = tuple[str, str]  # (article_id, entity_id)


# --- inputs and outputs ------------------------------------------------------------------


@dataclass(frozen=True)
class EntityRecord:
    """One in-article entity, with the article context the resolver may use as evidence."""

    article_id: str
    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    roles: tuple[tuple[str, str | None], ...] = ()  # (title, organisation) pairs
    published: str | None = None  # "YYYY-MM-DD" (a longer ISO string is cut to the date)
    co_mentions: tuple[str, ...] = ()  # names of the article's entities (its own are ignored)

    @property
    def member(self) -> Member:
        return (self.article_id, self.entity_id)


@dataclass(frozen=True)
class Identity:
    """One entity across the database: its best name, every alias, every member."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    members: tuple[Member, ...]


@dataclass(frozen=True)
class MergeReason:
    """Why member ``a`` was put with member ``b`` in ``identity``."""

    identity: str
    a: Member
    b: Member
    rule: str
    detail: str


@dataclass(frozen=True)
class Judgement:
    """A human correction: ``merge A B``, ``split ENTITY X`` (take the members named X out of
    ENTITY), ``rename ENTITY NAME``. ``a`` and ``b`` are names or identity ids."""

    kind: Literal["merge", "split", "rename"]
    a: str
    b: str | None = None


def type_group(entity_type: str) -> str:
    """The compatibility group of an entity type ("NORP" -> "org")."""
    return TYPE_GROUPS.get(entity_type, entity_type)


def identity_id_for(member: Member) -> str:
    """A stable identity id derived from the member that founded it."""
    digest = hashlib.sha1("\x1f".join(member).encode("utf-8")).hexdigest()
    return f"id-{digest[:12]}"


def day_number(published: str | None) -> int | None:
    """Days since year 1 of a "YYYY-MM-DD..." date, or None when missing or unreadable."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


# --- per-record features -----------------------------------------------------------------


@dataclass(frozen=True)
class _Features:
    """What the rules read from one record, computed once."""

    group: str
    primary: str  # key of the record's own name (a bare surname included)
    keys: tuple[str, ...]  # exact-match keys of name and aliases ("group|key")
    one_word: frozenset[str]  # those keys that are one word ("org|congress", "King X")
    persons: tuple[PersonName, ...]  # full person names among name and aliases
    bare_surname: str | None  # for persons named only by a surname
    gender: str | None
    short_acronyms: tuple[str, ...]  # "jlm" for a name written "JLM"
    long_acronyms: tuple[str, ...]  # "jlm" for "Jewish Labour Movement"
    long_forms: tuple[tuple[str, str], ...]  # (acronym, long-form stem) pairs
    roles: frozenset[str]
    orgs: frozenset[str]  # the organisations of its roles
    comentions: frozenset[str]
    day: int | None
    folded: tuple[str, ...]  # folded name and aliases, for judgements' name look-ups
    long_names: frozenset[str]  # spelling-tolerant keys of multi-word organisation names
    place_words: frozenset[str]  # its one-word keys when it is a place or nationality


def name_key(name: str, group: str) -> str:
    """The exact-match key of ``name`` within a type group (persons: a bare surname too)."""
    if group == "person":
        person = parse_person(name)
        if person and person.given_name_title:
            return f"{person.given_name_title} {person.key}"
        return person.key if person else ""
    return org_key(name)


# A writer resumes resolvers over the same big identities batch after batch: their members'
# features are computed once per process (records are frozen and compared by value).
FEATURE_CACHE = 65_536


@lru_cache(maxsize=FEATURE_CACHE)
def features_of(record: EntityRecord, entity_type: str) -> _Features:
    """The matching features of ``record`` read as ``entity_type``."""
    group = type_group(entity_type)
    names = tuple(dict.fromkeys((record.name, *record.aliases)))
    folded_own = tuple(dict.fromkeys(f for f in (fold(n) for n in names) if f))
    persons: list[PersonName] = []
    keys: list[str] = []
    titled: list[str] = []  # "person|king hussein"
    bare: str | None = None
    genders: set[str] = set()
    if group == "person":
        for name in names:
            person = parse_person(name)
            if person is None:
                continue
            if person.gender:
                genders.add(person.gender)
            if person.is_full:
                persons.append(person)
                keys.append(f"person|{person.key}")
            elif person.given_name_title:
                titled.append(f"person|{person.given_name_title} {person.key}")
            elif bare is None:
                bare = person.surname
        if persons or titled:
            bare = None
        if not persons:
            keys.extend(titled)
        one_word = frozenset(titled)
    else:
        keys = [f"{group}|{k}" for k in (org_key(n) for n in names) if k]
        one_word = frozenset(k for k in keys if " " not in k) if group == "org" else frozenset()
    short = tuple(a for a in (acronym_form(n) for n in names) if a) if group == "org" else ()
    long = tuple(a for a in (initials_of(n) for n in names) if a) if group == "org" else ()
    long_forms = (
        tuple(dict.fromkeys((a, long_form_stem(n)) for n in names if (a := initials_of(n))))
        if group == "org"
        else ()
    )
    roles = frozenset(
        fold(part) for title, org in record.roles for part in (title, org) if part and fold(part)
    )
    long_names = frozenset(organisation_long_names(names, group))
    place_words = (
        frozenset(k.split("|", 1)[1] for k in keys if " " not in k)
        if group != "person" and (entity_type in PLACE_TYPES or group == "place")
        else frozenset()
    )
    return _Features(
        group=group,
        primary=name_key(record.name, group),
        keys=tuple(dict.fromkeys(keys)),
        one_word=one_word,
        persons=tuple(persons),
        bare_surname=bare,
        gender=genders.pop() if len(genders) == 1 else None,
        short_acronyms=tuple(dict.fromkeys(short)),
        long_acronyms=tuple(dict.fromkeys(long)),
        long_forms=long_forms,
        roles=roles,
        orgs=frozenset(fold(org) for _, org in record.roles if org and fold(org)),
        comentions=folded_names(record.co_mentions) - set(folded_own),
        day=day_number(record.published),
        folded=folded_own,
        long_names=long_names,
        place_words=place_words,
    )


def organisation_long_names(names: Iterable[str], group: str) -> Iterator[str]:
    """The ``long_form_key`` of each multi-word organisation name among ``names``: every
    multi-word name of an organisation, and of a place only those ending as organisations
    do ("China Society" mistyped as a place)."""
    if group == "person":
        return
    for name in names:
        key = long_form_key(name)
        if key and (group == "org" or ends_as_organisation(name)):
            yield key


def long_names_conflict(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    """True when joining two sides would give one of them a long organisation name it does
    not have yet while it has one already ("European Union" and "European Commission"):
    one identity is one organisation, whose long names differ only in spelling."""
    if not a or not b:
        return False
    union = len(a | b)
    return union > len(a) and union > len(b)


def place_conflict(
    places_a: set[str] | frozenset[str],
    firsts_a: set[str] | frozenset[str],
    places_b: set[str] | frozenset[str],
    firsts_b: set[str] | frozenset[str],
) -> bool:
    """True when one side is a place or nationality and the other an organisation named
    after it ("African" and "African Union", "China" and "China Society")."""
    return bool(places_a & firsts_b or places_b & firsts_a)


@lru_cache(maxsize=4096)
def folded_names(names: tuple[str, ...]) -> frozenset[str]:
    """The folded forms of ``names``, cached: an article's records share one co-mention tuple
    (the names of all its entities; each record's own names are taken out afterwards)."""
    return frozenset(f for f in (fold(n) for n in names) if f)


# --- identities under construction -------------------------------------------------------


class _Recent(NamedTuple):
    """What a one-word name's context is compared with, of one of an identity's latest
    members (kept in its summary, so no member is read to compare)."""

    member: Member
    day: int | None
    roles: frozenset[str]
    comentions: frozenset[str]


@dataclass
class _Cluster:
    """The running summary of one identity: a fold over its members' features."""

    id: str
    seq: int
    group: str
    members: list[int] = field(default_factory=list)  # record indices
    rename: str | None = None
    keys: Counter[str] = field(default_factory=Counter)
    primary: Counter[str] = field(default_factory=Counter)
    folded: Counter[str] = field(default_factory=Counter)
    persons: set[PersonName] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    short_acronyms: set[str] = field(default_factory=set)
    long_acronyms: set[str] = field(default_factory=set)
    long_forms: dict[str, set[str]] = field(default_factory=dict)  # acronym -> stems
    articles: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    comentions: set[str] = field(default_factory=set)
    first_words: set[str] = field(default_factory=set)  # of multi-word organisation keys
    long_names: set[str] = field(default_factory=set)
    place_words: set[str] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)
    first_day: int | None = None
    last_day: int | None = None
    # what the stored summary adds, so a resolver can resume from it without the members
    count: int = 0  # members in all, held or not
    first: Member | None = None  # the first member (a judgement's or a rename's evidence)
    recent: list[_Recent] = field(default_factory=list)  # the last ONE_WORD_MEMBERS_CHECKED
    reps: dict[str, Member] = field(default_factory=dict)  # index key -> its first member
    names: Counter[str] = field(default_factory=Counter)  # display-name votes
    types: Counter[str] = field(default_factory=Counter)  # resolved types of the members
    votes: dict[str, Counter[str]] = field(default_factory=dict)  # folded name -> own types
    noted_long: set[str] = field(default_factory=set)  # long names by the records' own types
    bare: set[str] = field(default_factory=set)  # bare surnames of its members
    # a cluster resumed from its summary holds only the members added since (``partial``);
    # ``stored_ids`` are the stored identities whose rows it covers, ``pending`` the members
    # placed since the last write
    partial: bool = False
    stored_ids: set[str] = field(default_factory=set)
    pending: list[int] = field(default_factory=list)
    recount: bool = False  # a forced merge: the stored counts cannot simply be added
    # a partial cluster's co-mentions and latest members (the bulk of its summary) are read
    # only when a rule needs them
    context_loaded: bool = True
    # what was added to the context since the last write (a store appends it to what it
    # holds), unless the whole context must be written again (``context_rewrite``)
    context_new: list[_Recent] = field(default_factory=list)
    comentions_new: set[str] = field(default_factory=set)
    context_rewrite: bool = True
    context_log: int = 0  # context additions a store holds apart from the whole context

    def absorb(
        self, index: int, record: EntityRecord, feats: _Features, entity_type: str
    ) -> None:
        self.members.append(index)
        self.pending.append(index)
        self.count += 1
        if self.first is None:
            self.first = record.member
        recent = _Recent(record.member, feats.day, feats.roles, feats.comentions)
        self.recent.append(recent)
        self.context_new.append(recent)
        self.comentions_new.update(feats.comentions - self.comentions)
        if len(self.recent) > ONE_WORD_MEMBERS_CHECKED:
            del self.recent[0]
        self.names[record.name] += 2
        self.names.update(record.aliases)
        self.types[entity_type] += 1
        self.votes.setdefault(fold(record.name), Counter())[record.type] += 1
        self.noted_long.update(organisation_long_names((record.name, *record.aliases),
                                                       type_group(record.type)))
        if feats.bare_surname:
            self.bare.add(feats.bare_surname)
        self.keys.update(feats.keys)
        self.primary[feats.primary] += 1
        self.folded.update(feats.folded)
        self.persons.update(feats.persons)
        self.surnames.update(p.surname for p in feats.persons)
        self.short_acronyms.update(feats.short_acronyms)
        self.long_acronyms.update(feats.long_acronyms)
        for acronym, stem in feats.long_forms:
            self.long_forms.setdefault(acronym, set()).add(stem)
        self.articles.add(record.article_id)
        self.roles.update(feats.roles)
        self.orgs.update(feats.orgs)
        self.comentions.update(feats.comentions)
        if self.group == "org":
            self.first_words.update(k.split("|", 1)[1].split()[0] for k in feats.keys if " " in k)
        elif feats.long_names:
            self.first_words.update(k.split()[0] for k in feats.long_names)
        self.long_names.update(feats.long_names)
        self.place_words.update(feats.place_words)
        if feats.gender:
            self.genders.add(feats.gender)
        if feats.day is not None:
            self.first_day = min(feats.day, self.first_day or feats.day)
            self.last_day = max(feats.day, self.last_day or feats.day)

    def take(self, other: _Cluster) -> None:
        """Fold ``other``'s summary into this one."""
        self.members.extend(other.members)
        self.pending.extend(other.pending)
        self.count += other.count
        self.recent = (self.recent + other.recent)[-ONE_WORD_MEMBERS_CHECKED:]
        for key, member in other.reps.items():
            self.reps.setdefault(key, member)
        self.names.update(other.names)
        self.types.update(other.types)
        for name, votes in other.votes.items():
            self.votes.setdefault(name, Counter()).update(votes)
        self.noted_long.update(other.noted_long)
        self.bare.update(other.bare)
        self.partial = self.partial or other.partial
        self.context_new.extend(other.context_new)
        self.comentions_new.update(other.comentions - self.comentions)
        # the other's stored context is not this one's: write the whole context again
        self.context_rewrite = self.context_rewrite or bool(other.stored_ids)
        self.stored_ids.update(other.stored_ids)
        self.recount = self.recount or other.recount
        self.keys.update(other.keys)
        self.primary.update(other.primary)
        self.folded.update(other.folded)
        for mine, theirs in (
            (self.persons, other.persons),
            (self.surnames, other.surnames),
            (self.short_acronyms, other.short_acronyms),
            (self.long_acronyms, other.long_acronyms),
            (self.articles, other.articles),
            (self.roles, other.roles),
            (self.orgs, other.orgs),
            (self.comentions, other.comentions),
            (self.first_words, other.first_words),
            (self.long_names, other.long_names),
            (self.place_words, other.place_words),
            (self.genders, other.genders),
        ):
            mine.update(theirs)
        for acronym, stems in other.long_forms.items():
            self.long_forms.setdefault(acronym, set()).update(stems)
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)
        self.rename = self.rename or other.rename


SUMMARY_VERSION = 1


def cluster_summary(cluster: _Cluster, context: bool = True) -> dict[str, Any]:
    """What a store keeps of one identity to resume a resolver over it without reading its
    members: the fold of their features, as JSON-able data (members as [article, row]; the
    evidence of an index key only where it is not the first member). ``CONTEXT_FIELDS``
    are the bulky part, which a store may keep apart and give back only when asked (left
    out unless ``context``)."""
    assert cluster.context_loaded, "the summary of a cluster whose context was never read"
    summary = {
        "v": SUMMARY_VERSION,
        "group": cluster.group,
        "count": cluster.count,
        "first": list(cluster.first) if cluster.first else None,
        "reps": {k: list(m) for k, m in cluster.reps.items() if m != cluster.first},
        "unindexed": [k for k in reps_of(cluster) if k not in cluster.reps],
        "keys": dict(cluster.keys),
        "primary": dict(cluster.primary),
        "folded": dict(cluster.folded),
        "persons": sorted(([list(p.given), p.surname, p.suffix, list(p.honorifics)]
                           for p in cluster.persons), key=repr),
        "surnames": sorted(cluster.surnames),
        "short_acronyms": sorted(cluster.short_acronyms),
        "long_acronyms": sorted(cluster.long_acronyms),
        "long_forms": {a: sorted(stems) for a, stems in sorted(cluster.long_forms.items())},
        "roles": sorted(cluster.roles),
        "orgs": sorted(cluster.orgs),
        "first_words": sorted(cluster.first_words),
        "long_names": sorted(cluster.long_names),
        "place_words": sorted(cluster.place_words),
        "genders": sorted(cluster.genders),
        "days": [cluster.first_day, cluster.last_day],
        "names": dict(cluster.names),
        "types": dict(cluster.types),
        "votes": {n: dict(v) for n, v in cluster.votes.items()},
        "noted_long": sorted(cluster.noted_long),
        "bare": sorted(cluster.bare),
        "log": cluster.context_log,
    }
    if context:  # built only when asked: it grows with the identity
        summary["comentions"] = list(cluster.comentions)
        summary["recent"] = recent_rows(cluster.recent)
    return summary


def recent_rows(recent: Iterable[_Recent]) -> list[list[Any]]:
    """Latest members as JSON-able rows: [article, row, day, roles, co-mentions]."""
    return [[*r.member, r.day, list(r.roles), list(r.comentions)] for r in recent]


def context_delta(cluster: _Cluster) -> dict[str, Any]:
    """What the cluster's context gained since it was last written, as a store appends it."""
    return {"comentions": list(cluster.comentions_new),
            "recent": recent_rows(cluster.context_new[-ONE_WORD_MEMBERS_CHECKED:])}


def _counter(counts: dict[str, int]) -> Counter[str]:
    """A Counter of stored counts (``dict.update``: without ``Counter``'s type checks, which
    cost more than the copy when thousands of summaries are read)."""
    made: Counter[str] = Counter()
    dict.update(made, counts)
    return made


#: The bulky part of a summary, read only when a rule needs it.
CONTEXT_FIELDS = ("comentions", "recent")
#: After this many additions written apart, the whole context is written again.
CONTEXT_LOG_MAX = 16
#: The part read for every identity a resolver reaches, whether a rule looks at it or not:
#: the type prior and the long names counted over all of them.
SHARED_FIELDS = ("votes", "noted_long")


def cluster_from_summary(
    identity_id: str, seq: int, rename: str | None, data: dict[str, Any]
) -> _Cluster:
    """A cluster resumed from ``cluster_summary`` output: every summary, no member held
    (without ``CONTEXT_FIELDS`` in ``data``, the cluster waits for ``load_context``)."""
    if data.get("v") != SUMMARY_VERSION:
        raise ValueError(f"unknown identity summary version {data.get('v')!r}")
    member = tuple  # [article, row] -> (article, row)
    first = member(data["first"]) if data["first"] else None
    cluster = _Cluster(
        identity_id,
        seq,
        data["group"],
        rename=rename,
        keys=_counter(data["keys"]),
        primary=_counter(data["primary"]),
        folded=_counter(data["folded"]),
        persons={PersonName(tuple(g), s, x, tuple(h)) for g, s, x, h in data["persons"]},
        surnames=set(data["surnames"]),
        short_acronyms=set(data["short_acronyms"]),
        long_acronyms=set(data["long_acronyms"]),
        long_forms={a: set(stems) for a, stems in data["long_forms"].items()},
        roles=set(data["roles"]),
        orgs=set(data["orgs"]),
        first_words=set(data["first_words"]),
        long_names=set(data["long_names"]),
        place_words=set(data["place_words"]),
        genders=set(data["genders"]),
        first_day=data["days"][0],
        last_day=data["days"][1],
        count=data["count"],
        first=first,
        reps={k: member(m) for k, m in data["reps"].items()},
        names=_counter(data["names"]),
        types=_counter(data["types"]),
        votes={n: _counter(v) for n, v in data["votes"].items()},
        noted_long=set(data["noted_long"]),
        bare=set(data["bare"]),
        partial=True,
        stored_ids={identity_id},
        context_loaded=False,
        context_rewrite=False,
        context_log=data.get("log", 0),
    )
    unindexed = set(data["unindexed"])
    for key in reps_of(cluster):
        if key not in unindexed:
            cluster.reps.setdefault(key, first)  # type: ignore[arg-type]
    if all(f in data for f in CONTEXT_FIELDS):
        load_context(cluster, data)
    return cluster


def load_context(cluster: _Cluster, data: dict[str, Any]) -> None:
    """Give a cluster resumed without them its ``CONTEXT_FIELDS``."""
    cluster.comentions.update(data["comentions"])
    cluster.recent = [_Recent((a, r), day, frozenset(roles), frozenset(names))
                      for a, r, day, roles, names in data["recent"]]
    cluster.context_loaded = True


def reps_of(cluster: _Cluster) -> list[str]:
    """The index entries ("x:org|un", "s:smith", ...) a cluster's summary puts it under."""
    entries = [f"x:{k}" for k, n in cluster.keys.items() if n > 0]
    entries += [f"s:{s}" for s in cluster.surnames]
    entries += [f"b:{s}" for s in cluster.bare]
    entries += [f"as:{a}" for a in cluster.short_acronyms]
    entries += [f"al:{a}" for a in cluster.long_acronyms]
    entries += [f"n:{k}" for k, n in cluster.folded.items() if n > 0]
    if cluster.group == "org":
        entries += [f"f:{k.split('|', 1)[1].split()[0]}" for k, n in cluster.keys.items()
                    if n > 0 and " " in k]
    return entries


def within_window(cluster: _Cluster, first: int | None, last: int | None) -> bool:
    """True when the day range [first, last] is within the context window of the cluster's
    (an unknown date on either side does not rule it out)."""
    if first is None or last is None or cluster.first_day is None or cluster.last_day is None:
        return True
    return (
        first <= cluster.last_day + CONTEXT_WINDOW_DAYS
        and last >= cluster.first_day - CONTEXT_WINDOW_DAYS
    )


def long_form_conflict(
    a: dict[str, set[str]] | Iterable[tuple[str, str]], b: dict[str, set[str]]
) -> str | None:
    """The acronym for which both sides have long forms and none in common ("EC": "European
    Commission" against "Election Commission"), else None."""
    mine: dict[str, set[str]] = {}
    if isinstance(a, dict):
        mine = a
    else:
        for acronym, stem in a:
            mine.setdefault(acronym, set()).add(stem)
    for acronym, stems in mine.items():
        theirs = b.get(acronym)
        if theirs and not stems & theirs:
            return acronym
    return None


def person_conflict(a: Iterable[PersonName], b: Iterable[PersonName]) -> bool:
    """True when a full name on one side and one on the other share a surname but not their
    given names ("Laura Smith" against "George Smith"): two people of one family."""
    by_surname: dict[str, list[PersonName]] = {}
    for person in b:
        by_surname.setdefault(person.surname, []).append(person)
    for person in a:
        for other in by_surname.get(person.surname, ()):
            if given_names_match(person.given, other.given) is None:
                return True
    return False


def unrelated_context(
    orgs_a: set[str] | frozenset[str],
    comentions_a: set[str] | frozenset[str],
    orgs_b: set[str] | frozenset[str],
    comentions_b: set[str] | frozenset[str],
) -> bool:
    """True when two sides look like different people of one name: each has a role at some
    organisation, the organisations differ, and no co-mentioned name is shared."""
    if not orgs_a or not orgs_b or orgs_a & orgs_b:
        return False
    small, large = sorted((comentions_a, comentions_b), key=len)
    return not any(c in large for c in small)


def shared_context(
    cluster: _Cluster,
    roles: set[str] | frozenset[str],
    comentions: set[str] | frozenset[str],
    uninformative: set[str] | frozenset[str] = frozenset(),
) -> str | None:
    """What context a cluster shares with some roles and co-mentions (not counting the
    ``uninformative`` ones), in words, or None."""
    common_roles = cluster.roles & roles
    if common_roles:
        return f"shared role {sorted(common_roles)[0]!r}"
    small, large = sorted((cluster.comentions, comentions), key=len)
    common = [c for c in small if c in large and c not in uninformative]
    if len(common) >= MIN_SHARED_COMENTIONS:
        return f"co-mentions {', '.join(repr(c) for c in sorted(common)[:3])}"
    return None


# --- the resolver ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Split:
    """A lasting "not the same" from a split judgement: X is none of E's names."""

    entity_keys: frozenset[str]
    alias_key: str


Candidate = tuple[str, Member, str, str]  # (cluster id, matched member, rule, detail)


@dataclass(frozen=True)
class StoredIdentity:
    """An identity as a store keeps it, to resume a resolver over part of the database."""

    id: str
    seq: int
    rename: str | None
    members: tuple[Member, ...]


class MemberSource(Protocol):
    """Where a resolver resumed from identity summaries reads what they leave out."""

    def any_member_in(self, identity_ids: set[str], articles: set[str]) -> bool:
        """True when a stored member of these identities is in one of these articles."""
        ...

    def stored_overlap(self, ids_a: set[str], ids_b: set[str]) -> bool:
        """True when stored members of the two sets of identities share an article."""
        ...

    def cluster_contexts(self, identity_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The ``CONTEXT_FIELDS`` of these stored identities' summaries, by id."""
        ...

    def may_share_context(
        self, identity_ids: Sequence[str], names: Iterable[str], roles: Iterable[str]
    ) -> set[str]:
        """Those of these stored identities whose summary may share a role or a co-mentioned
        name with these: every one but those whose stored roles and co-mentions (the whole
        context, with what was logged since) hold none of them."""
        ...


@dataclass(frozen=True)
class IdentityChange:
    """What a store writes for one identity a resumed resolver changed: its head, aliases,
    index keys and summary; the stored identities it took in (their rows re-pointed to
    it); the members placed since the last write, with their resolved types."""

    id: str
    name: str
    type: str
    seq: int
    rename: str | None
    aliases: tuple[str, ...]
    keys: tuple[str, ...]
    summary: dict[str, Any]
    absorbed: tuple[str, ...]
    new_members: tuple[tuple[Member, str], ...]
    recount: bool  # a forced merge: count again rather than add the stored counts
    # None: ``summary`` holds the whole context; else what to append to the stored one
    context_delta: dict[str, Any] | None = None


def lookup_keys(records: Iterable[EntityRecord]) -> set[str]:
    """The index keys of every identity the resolver may consult when adding ``records``
    (read under each type group the type prior could give them): load the identities with
    any of these keys and the rules see exactly what they would see over the whole database.
    """
    keys: set[str] = set()
    for record in records:
        for entity_type in {record.type, "PERSON", "ORG", "GPE"}:
            feats = features_of(record, entity_type)
            keys.update(f"x:{k}" for k in feats.keys)
            keys.update(f"n:{k}" for k in feats.folded)
            for surname in {p.surname for p in feats.persons} | {feats.bare_surname or ""}:
                if surname:
                    keys.update((f"s:{surname}", f"b:{surname}"))
            for acronym in (*feats.short_acronyms, *feats.long_acronyms):
                keys.update((f"as:{acronym}", f"al:{acronym}"))
            keys.update(f"f:{k.split('|', 1)[1]}" for k in feats.one_word if "|" in k)
    return keys


def name_lookup_keys(name: str) -> set[str]:
    """The index keys under which an identity called ``name`` (as name, alias or rename)
    can be found: the folded name and its exact-match keys as a person and as an org."""
    keys = {f"n:{fold(name)}"}
    person = parse_person(name)
    if person is not None and person.is_full:
        keys.add(f"x:person|{person.key}")
    if org_key(name):
        keys.update(f"x:{group}|{org_key(name)}" for group in ("org", "place"))
    return keys


class Resolver:
    """Database-wide identities built incrementally from in-article entity records."""

    def __init__(
        self, judgements: Sequence[Judgement] = (), source: MemberSource | None = None
    ) -> None:
        self._source = source  # where a partial cluster's members are read when needed
        self._records: list[EntityRecord] = []
        self._types: list[str] = []  # the type each record was resolved as
        self._feats: list[_Features] = []
        self._member_index: dict[Member, int] = {}
        self._member_cluster: list[str] = []  # record index -> cluster id (follow _parent)
        self._clusters: dict[str, _Cluster] = {}
        self._parent: dict[str, str] = {}
        self._seq = 0
        self._reasons: list[MergeReason] = []
        self._judgements: list[Judgement] = list(judgements)
        self._splits: list[_Split] = []
        self._votes: dict[str, Counter[str]] = {}
        # indexes: key -> {cluster id: member}; entries may be stale, always re-checked
        self._exact: dict[str, dict[str, Member]] = {}
        self._surname: dict[str, dict[str, Member]] = {}
        self._bare: dict[str, dict[str, Member]] = {}
        self._short: dict[str, dict[str, Member]] = {}
        self._long: dict[str, dict[str, Member]] = {}
        self._names: dict[str, dict[str, Member]] = {}
        self._first_word: dict[str, dict[str, Member]] = {}  # "greyline" -> multi-word orgs
        # the index of each stored key prefix ("x:org|un" is in ``_exact`` under "org|un")
        self._indexes = {"x": self._exact, "s": self._surname, "b": self._bare,
                         "as": self._short, "al": self._long, "n": self._names,
                         "f": self._first_word}
        # first word -> long names of every organisation record known, those of the batch
        # being added included: a short form must fit one of all of them, not of the first
        self._long_by_first: dict[str, set[str]] = {}
        self._changed: set[str] = set()  # identities touched since ``take_changes``
        self._dead: set[int] = set()  # records of removed articles
        self._dead_members: set[Member] = set()
        # identities taken in by summary and not decoded yet: id -> (seq, rename, summary,
        # shared part); the index entries made for them before decoding
        self._lazy: dict[str, tuple[int, str | None, str | dict[str, Any], dict[str, Any]]] = {}
        self._lazy_entries: dict[str, list[tuple[str, str]]] = {}
        self._reasons_saved = 0  # ``_reasons`` before this index are stored
        # document frequencies of co-mentioned names, to tell informative ones
        self._df: Counter[str] = Counter()
        self._articles_seen = 0
        self._common: set[str] = set()

    # -- public API --

    def add(self, records: Iterable[EntityRecord]) -> list[MergeReason]:
        """Resolve new records, article by article; the merges this call made."""
        start = len(self._reasons)
        records = list(records)
        for record in records:
            self._note_long_names(record)
        for article in _by_article(records):
            self._count_article(article)
            for record in article:
                self._add_record(record)
        self._reapply()
        return self._reasons[start:]

    def document_frequencies(self) -> dict[str, Any]:
        """How many articles were counted and, for names in at least ``DF_KEEP_MIN`` of
        them, in how many: a store keeps it so a resumed resolver knows common names."""
        kept = {name: n for name, n in self._df.items() if n >= DF_KEEP_MIN}
        return {"articles": self._articles_seen, "df": kept}

    def _count_article(self, article: Sequence[EntityRecord]) -> None:
        names: set[str] = set()
        for record in article:
            names |= folded_names(record.co_mentions)
            names |= set(folded_names((record.name, *record.aliases)))
        self._df.update(names)
        self._articles_seen += 1
        self._update_common(names)

    def _update_common(self, names: Iterable[str] | None = None) -> None:
        """Refresh the set of names too common to count as shared context (all of them now
        and then, else just ``names``)."""
        n = self._articles_seen
        if n < INFORMATIVE_MIN_ARTICLES:
            self._common = set()
            return
        limit = INFORMATIVE_MAX_SHARE * n
        if names is None or n % 100 == 0 or n == INFORMATIVE_MIN_ARTICLES:
            self._common = {name for name, count in self._df.items() if count > limit}
        else:
            self._common.update(name for name in names if self._df[name] > limit)

    def identities(self) -> list[Identity]:
        """Every identity, with its best name, aliases and members."""
        return [self._identity(c) for c in self._clusters.values()]

    def identity(self, identity_id: str) -> Identity | None:
        """One identity by id (a merged-away id gives the identity it went into)."""
        if identity_id not in self._parent:
            return None
        cluster = self._clusters.get(self._find(identity_id))
        return self._identity(cluster) if cluster else None

    def take_changes(self) -> tuple[list[Identity], list[str]]:
        """The identities created or changed since the last call, and the ids that are gone
        (merged into another, or left without members); then start counting afresh."""
        changed, gone = [], []
        for cluster_id in sorted(self._changed):
            cluster = self._clusters.get(cluster_id)
            if cluster is not None and cluster.partial:
                raise RuntimeError(f"identity {cluster_id} is partial: take_journal() it")
            if cluster is not None:
                changed.append(self._identity(cluster))
                self._mark_stored(cluster)
                cluster.context_log = 0  # written whole
            else:
                gone.append(cluster_id)
        self._changed = set()
        self._reasons_saved = len(self._reasons)
        return changed, gone

    def index_keys(self, identity_id: str) -> set[str]:
        """The keys a store indexes this identity under (see ``lookup_keys``)."""
        c = self._clusters[self._find(identity_id)]
        keys = {f"x:{k}" for k, n in c.keys.items() if n > 0}
        keys.update(f"n:{k}" for k, n in c.folded.items() if n > 0)
        keys.update(f"s:{s}" for s in c.surnames)
        keys.update(f"b:{s}" for s in c.bare)
        keys.update(f"as:{a}" for a in c.short_acronyms)
        keys.update(f"al:{a}" for a in c.long_acronyms)
        keys.update(f"f:{w}" for w in c.first_words)
        return keys

    def type_of(self, article_id: str, entity_id: str) -> str:
        """The type a member was resolved as (its own, or the type prior's)."""
        return self._types[self._member_index[(article_id, entity_id)]]

    def reasons_of(self, identity_ids: Iterable[str]) -> list[MergeReason]:
        """The merge reasons that hold within these identities."""
        wanted = {self._find(i) for i in identity_ids if i in self._parent}
        return [r for r in self.reasons() if r.identity in wanted]

    def seqs(self) -> dict[str, int]:
        """identity id -> its foundation number (older identities keep their id on a merge)."""
        return {c.id: c.seq for c in self._clusters.values()}

    def rename_of(self, identity_id: str) -> str | None:
        """The name a rename judgement gave this identity, if any."""
        return self._clusters[self._find(identity_id)].rename

    def resolve_ref(self, ref: str) -> str | None:
        """The one identity a judgement's name or id picks out, or None."""
        return self._resolve(ref)

    def named(self, name: str) -> set[str]:
        """Every identity with ``name`` among its (folded) names."""
        key = fold(name)
        return set(self._live(self._names.get(key), lambda c: c.folded[key] > 0))

    @property
    def seq(self) -> int:
        """How many identities were ever founded: a store keeps it to resume."""
        return self._seq

    def split_state(self) -> list[tuple[list[str], str]]:
        """The lasting "not the same" pairs of applied split judgements, as data."""
        return [(sorted(s.entity_keys), s.alias_key) for s in self._splits]

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        """Take every member of these articles out of its identity (an article was updated
        and will be added again). An identity that held together only through a removed
        member falls apart into the parts its remaining merge reasons still connect."""
        ids = set(article_ids)
        dead = [i for m, i in self._member_index.items() if m[0] in ids]
        if not dead:
            return
        affected = {self._find(self._member_cluster[i]) for i in dead}
        if any(self._clusters[c].partial for c in affected):
            raise RuntimeError("removing articles needs their identities loaded in full")
        for i in dead:
            record = self._records[i]
            del self._member_index[record.member]
            self._dead_members.add(record.member)
            self._votes[fold(record.name)][record.type] -= 1
        self._dead.update(dead)
        self._reasons = [r for r in self._reasons if r.a[0] not in ids and r.b[0] not in ids]
        edges: dict[int, list[int]] = {}
        for r in self._reasons:
            a, b = self._member_index.get(r.a), self._member_index.get(r.b)
            if a is not None and b is not None:
                edges.setdefault(a, []).append(b)
                edges.setdefault(b, []).append(a)
        for cluster_id in affected:
            self._regroup(self._clusters[cluster_id], edges)

    def _regroup(self, cluster: _Cluster, edges: dict[int, list[int]]) -> None:
        """Rebuild ``cluster`` from its live members: the founder's connected part keeps
        the id; every other part becomes an identity of its own."""
        alive = [i for i in cluster.members if i not in self._dead]
        self._changed.add(cluster.id)
        if not alive:
            del self._clusters[cluster.id]
            return
        remaining = set(alive)
        parts: list[list[int]] = []
        for start in alive:
            if start not in remaining:
                continue
            remaining.discard(start)
            part, todo = [], [start]
            while todo:
                node = todo.pop()
                part.append(node)
                for nxt in edges.get(node, ()):
                    if nxt in remaining:
                        remaining.discard(nxt)
                        todo.append(nxt)
            parts.append(sorted(part, key=alive.index))
        rebuilt = _Cluster(cluster.id, cluster.seq, cluster.group, rename=cluster.rename)
        self._clusters[cluster.id] = rebuilt
        for i in parts[0]:
            self._place(rebuilt, i)
        if rebuilt.rename:
            self._index_rename(rebuilt)
        for part in parts[1:]:
            fresh = self._new_cluster(part[0])
            for i in part[1:]:
                self._place(fresh, i)

    @classmethod
    def resume(
        cls,
        records: Sequence[tuple[EntityRecord, str]],
        identities: Sequence[StoredIdentity],
        reasons: Sequence[MergeReason] = (),
        judgements: Sequence[Judgement] = (),
        splits: Sequence[tuple[Sequence[str], str]] = (),
        seq: int = 0,
        frequencies: dict[str, Any] | None = None,
    ) -> Resolver:
        """A resolver over part of a database: these records (with the types they were
        resolved as) grouped as stored, without re-running any rule. Load every identity
        ``lookup_keys`` of the next records reach, and adding them gives what the whole
        database would."""
        resolver = cls(judgements)
        resolver.extend(records, identities, reasons)
        resolver._splits = [_Split(frozenset(e), x) for e, x in splits]
        resolver._seq = max(seq, max((s.seq for s in identities), default=0))
        resolver._changed = set()
        if frequencies:
            resolver._df = Counter(frequencies.get("df", {}))
            resolver._articles_seen = int(frequencies.get("articles", 0))
            resolver._update_common()
        return resolver

    def extend(
        self,
        records: Sequence[tuple[EntityRecord, str]],
        identities: Sequence[StoredIdentity],
        reasons: Sequence[MergeReason] = (),
    ) -> None:
        """Take in more stored identities, grouped as stored (as ``resume`` does), beside
        the ones held already; identities and members held already are left as they are.
        A writer keeps one resolver over a run and extends it with the identities each
        batch reaches that it does not hold yet."""
        changed = set(self._changed)
        for record, entity_type in records:
            if record.member not in self._member_index:
                self._store(record, entity_type)
        for stored in identities:
            if stored.id in self._parent:
                continue
            members = [self._member_index[m] for m in stored.members
                       if m in self._member_index and not self._member_cluster[
                           self._member_index[m]]]
            if not members:
                continue
            group = self._feats[members[0]].group
            cluster = _Cluster(stored.id, stored.seq, group, rename=stored.rename,
                               stored_ids={stored.id})
            self._clusters[stored.id] = cluster
            self._parent[stored.id] = stored.id
            for index in members:
                self._place(cluster, index)
            if cluster.rename:
                self._index_rename(cluster)
            cluster.pending = []
        self._reasons.extend(reasons)
        self._reasons_saved = len(self._reasons)
        self._seq = max(self._seq, max((s.seq for s in identities), default=0))
        self._changed = changed

    def extend_summaries(
        self,
        summaries: Iterable[tuple[str, int, str | None, str | dict[str, Any], dict[str, Any]]],
        key_rows: Iterable[tuple[str, str]] | None = None,
    ) -> None:
        """Take in stored identities by their summaries (id, seq, rename, summary, its
        ``SHARED_FIELDS``), without their members: the rules read the summaries, and the few
        members they need (the latest ones, for a one-word name's context) are read from
        the source when needed. With ``key_rows`` ((index key, id) pairs, as a store's
        ``identity_keys`` holds them) a summary is decoded only when a rule first looks at
        its identity under one of those keys; without, at once. Identities held already are
        left as they are."""
        changed = set(self._changed)
        taken = []
        for identity_id, seq, rename, data, shared in summaries:
            if identity_id in self._parent:
                continue
            taken.append(identity_id)
            self._parent[identity_id] = identity_id
            self._lazy[identity_id] = (seq, rename, data, shared)
            for name, votes in shared["votes"].items():
                known = self._votes.get(name)
                if known is None:
                    self._votes[name] = _counter(votes)
                else:
                    for entity_type, n in votes.items():
                        known[entity_type] += n
            for key in shared["noted_long"]:
                self._long_by_first.setdefault(key.split()[0], set()).add(key)
            self._seq = max(self._seq, seq)
        if key_rows is None:
            for identity_id in taken:
                self._materialize(identity_id)
        else:
            self.register_keys(key_rows)
        self._changed = changed

    def register_keys(self, key_rows: Iterable[tuple[str, str]]) -> None:
        """Index identities held but not decoded yet under these (index key, id) pairs, the
        oldest identities first under each key (as a resolver that saw them founded would
        have them: when several fit equally well, the first one found is taken)."""
        rows = [r for r in key_rows if r[1] in self._lazy]
        rows.sort(key=lambda r: (r[0], self._lazy[r[1]][0]))
        for entry, identity_id in rows:
            if identity_id not in self._lazy:
                continue  # decoded: indexed under all its keys already
            prefix, key = entry.split(":", 1)
            found = self._indexes[prefix].setdefault(key, {})
            if identity_id not in found:
                found[identity_id] = None  # type: ignore[assignment]
                self._lazy_entries.setdefault(identity_id, []).append((prefix, key))

    def _materialize(self, identity_id: str) -> _Cluster:
        """Decode the summary of an identity held undecoded, and index it by its evidence."""
        seq, rename, data, shared = self._lazy.pop(identity_id)
        decoded = json.loads(data) if isinstance(data, str) else data
        cluster = cluster_from_summary(identity_id, seq, rename, {**decoded, **shared})
        self._clusters[identity_id] = cluster
        for entry, member in cluster.reps.items():
            prefix, key = entry.split(":", 1)
            found = self._indexes[prefix].setdefault(key, {})
            if found.get(identity_id) is None:
                found[identity_id] = member
        for prefix, key in self._lazy_entries.pop(identity_id, ()):
            found = self._indexes[prefix][key]
            if found.get(identity_id) is None:  # a key it is stored under but not indexed by
                del found[identity_id]
        return cluster

    def summary(self, identity_id: str) -> dict[str, Any]:
        """The summary a store keeps of this identity (``cluster_summary``)."""
        root = self._find(identity_id)
        cluster = self._materialize(root) if root in self._lazy else self._clusters[root]
        self._context(cluster)
        return cluster_summary(cluster)

    def take_journal(self) -> tuple[list[IdentityChange], list[MergeReason]]:
        """What changed since the last call, for a store to write without reading back
        whole identities: one ``IdentityChange`` per changed identity, and the merge reasons
        noted since (under each one's current identity). Then start counting afresh."""
        changes = []
        for cluster_id in sorted(self._changed):
            cluster = self._clusters.get(cluster_id)
            if cluster is None:  # merged away: its rows go with the identity that took it
                continue
            self._context(cluster)
            identity = self._identity(cluster, with_members=False)
            whole = (cluster.context_rewrite or cluster.context_log >= CONTEXT_LOG_MAX
                     or cluster.id not in cluster.stored_ids)
            cluster.context_log = 0 if whole else cluster.context_log + 1
            changes.append(IdentityChange(
                cluster.id, identity.name, identity.type, cluster.seq, cluster.rename,
                identity.aliases, tuple(sorted(self.index_keys(cluster.id))),
                cluster_summary(cluster, context=whole),
                tuple(sorted(cluster.stored_ids - {cluster.id})),
                tuple((self._records[i].member, self._types[i]) for i in cluster.pending),
                cluster.recount,
                None if whole else context_delta(cluster),
            ))
            self._mark_stored(cluster)
        reasons = [MergeReason(self._find(r.identity), r.a, r.b, r.rule, r.detail)
                   for r in self._reasons[self._reasons_saved:]]
        self._reasons_saved = len(self._reasons)
        self._changed = set()
        return changes, reasons

    @staticmethod
    def _mark_stored(cluster: _Cluster) -> None:
        cluster.stored_ids, cluster.pending, cluster.recount = {cluster.id}, [], False
        cluster.context_new, cluster.comentions_new = [], set()
        cluster.context_rewrite = False

    def use_source(self, source: MemberSource | None) -> None:
        """Read the members a partial identity leaves out from ``source`` from now on."""
        self._source = source

    def held(self) -> set[str]:
        """The ids of the identities this resolver holds (merged-away ones included)."""
        return set(self._parent)

    def size(self) -> int:
        """How many entity records it holds."""
        return len(self._records)

    def reasons(self) -> list[MergeReason]:
        """The merge reasons that still hold, under each member's current identity."""
        held = []
        for r in self._reasons:
            ia, ib = self.identity_of(*r.a), self.identity_of(*r.b)
            if ia == ib:
                held.append(MergeReason(ia, r.a, r.b, r.rule, r.detail))
        return held

    def identity_of(self, article_id: str, entity_id: str) -> str:
        """The identity id of one in-article entity (KeyError when unknown)."""
        return self._find(self._member_cluster[self._member_index[(article_id, entity_id)]])

    def apply(self, judgement: Judgement) -> None:
        """Apply a human correction now and keep it, to re-apply after every ``add``."""
        self._judgements.append(judgement)
        self._apply_judgement(judgement)

    def judgements(self) -> list[Judgement]:
        return list(self._judgements)

    def unresolved(self) -> list[Judgement]:
        """Judgements whose names do not (or no longer) pick out exactly one identity."""
        return [
            j
            for j in self._judgements
            if self._resolve(j.a) is None
            or (j.kind == "merge" and self._resolve(j.b or "") is None)
        ]

    def type_prior(self, name: str) -> str | None:
        """The type most records of this name have, when more than half agree."""
        votes = self._votes.get(fold(name))
        if not votes:
            return None
        best, count = votes.most_common(1)[0]
        return best if count * 2 > sum(votes.values()) else None

    def to_state(self) -> dict[str, Any]:
        """Everything needed to resume, as JSON-able data."""
        return {
            "version": STATE_VERSION,
            "records": [_record_to_json(r) for r in self._records],
            "types": list(self._types),
            "clusters": [
                {"id": c.id, "seq": c.seq, "members": list(c.members), "rename": c.rename}
                for c in self._clusters.values()
            ],
            "parent": dict(self._parent),
            "seq": self._seq,
            "reasons": [asdict(r) for r in self._reasons],
            "judgements": [asdict(j) for j in self._judgements],
            "splits": [[sorted(s.entity_keys), s.alias_key] for s in self._splits],
            "dead": sorted(self._dead),
            "frequencies": {"articles": self._articles_seen, "df": dict(self._df)},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Resolver:
        """A resolver resumed from ``to_state`` output, without re-running any rule."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unknown resolver state version {state.get('version')!r}")
        resolver = cls([Judgement(**j) for j in state["judgements"]])
        dead = set(state.get("dead", ()))
        for index, (record, entity_type) in enumerate(
            zip((_record_from_json(r) for r in state["records"]), state["types"], strict=True)
        ):
            resolver._store(record, entity_type, live=index not in dead)
        resolver._dead = dead
        resolver._member_cluster = [""] * len(resolver._records)
        for c in state["clusters"]:
            cluster = _Cluster(c["id"], c["seq"], resolver._feats[c["members"][0]].group)
            cluster.rename = c["rename"]
            resolver._clusters[cluster.id] = cluster
            for index in c["members"]:
                resolver._place(cluster, index)
            if cluster.rename:
                resolver._index_rename(cluster)
        resolver._parent = dict(state["parent"])
        resolver._seq = state["seq"]
        resolver._reasons = [
            MergeReason(r["identity"], tuple(r["a"]), tuple(r["b"]), r["rule"], r["detail"])
            for r in state["reasons"]
        ]
        resolver._splits = [_Split(frozenset(e), x) for e, x in state["splits"]]
        frequencies = state.get("frequencies") or {}
        resolver._df = Counter(frequencies.get("df", {}))
        resolver._articles_seen = int(frequencies.get("articles", 0))
        resolver._update_common()
        return resolver

    # -- adding records --

    def _store(
        self, record: EntityRecord, entity_type: str, live: bool = True, counted: bool = True
    ) -> int:
        if live and record.member in self._member_index:
            raise ValueError(f"entity {record.member} was already added")
        index = len(self._records)
        self._records.append(record)
        self._types.append(entity_type)
        self._feats.append(features_of(record, entity_type))
        self._member_cluster.append("")
        if live:
            self._member_index[record.member] = index
        if live and counted:
            self._votes.setdefault(fold(record.name), Counter())[record.type] += 1
            self._note_long_names(record)
        return index

    def _add_record(self, record: EntityRecord) -> None:
        index = self._store(record, self._resolved_type(record))
        found = self._candidates(index)
        candidates = [c for c in found if self._may_join(index, c[0])]
        if candidates:
            cluster_id, other, rule, detail = candidates[0]
            cluster = self._clusters[cluster_id]
            self._place(cluster, index)
            self._note(cluster.id, record.member, other, rule, detail)
            for cluster_id, other, rule, detail in candidates[1:]:
                self._union(
                    self._find(cluster_id), self._find(cluster.id), record.member, other, rule,
                    detail,
                )
        else:
            cluster = self._new_cluster(index, self._shadowed_keys(index, found))
        self._attach_bare_surnames(index)

    def _shadowed_keys(self, index: int, found: list[Candidate]) -> set[str]:
        """The exact keys a record shares with identities it was kept from only because
        they hold an entity of its own article ("United States-" beside "United States"):
        its new identity is not indexed under them, so they never turn ambiguous."""
        record, feats = self._records[index], self._feats[index]
        clusters = [self._clusters[c[0]] for c in found]
        if not clusters or any(record.article_id not in c.articles for c in clusters):
            return set()
        return {k for k in feats.keys for c in clusters if c.keys[k] > 0}

    def _resolved_type(self, record: EntityRecord) -> str:
        """The record's type, or the database's prior for its name when that is strong and
        the record has no honorific saying it is a person."""
        votes = self._votes.get(fold(record.name))
        if not votes:
            return record.type
        best, count = votes.most_common(1)[0]
        total = sum(votes.values())
        if (
            total >= PRIOR_MIN_VOTES
            and count >= PRIOR_MIN_SHARE * total
            and type_group(best) != type_group(record.type)
        ):
            person = parse_person(record.name)
            aliases = (parse_person(a) for a in record.aliases)
            if not (person and person.honorifics) and not any(a and a.honorifics for a in aliases):
                return best
        return record.type

    def _note_long_names(self, record: EntityRecord) -> None:
        """Count ``record``'s multi-word organisation names under their first word."""
        names = (record.name, *record.aliases)
        for key in organisation_long_names(names, type_group(record.type)):
            self._long_by_first.setdefault(key.split()[0], set()).add(key)

    def _new_cluster(self, index: int, unindexed: set[str] | None = None) -> _Cluster:
        self._seq += 1
        cluster_id = identity_id_for(self._records[index].member)
        if cluster_id in self._parent or cluster_id in self._clusters:
            cluster_id = f"{cluster_id}-{self._seq}"  # a member founding a second time
        cluster = _Cluster(cluster_id, self._seq, self._feats[index].group)
        self._clusters[cluster_id] = cluster
        self._parent[cluster_id] = cluster_id
        self._place(cluster, index, unindexed)
        return cluster

    def _place(self, cluster: _Cluster, index: int, unindexed: set[str] | None = None) -> None:
        """Put record ``index`` in ``cluster`` and index the cluster under its keys (except
        the exact keys in ``unindexed``)."""
        record, feats = self._records[index], self._feats[index]
        self._context(cluster)
        cluster.absorb(index, record, feats, self._types[index])
        self._member_cluster[index] = cluster.id
        self._changed.add(cluster.id)
        self._parent.setdefault(cluster.id, cluster.id)
        member = record.member
        for key in feats.keys:
            if not unindexed or key not in unindexed:
                self._register("x", key, cluster, member)
        for person in feats.persons:
            self._register("s", person.surname, cluster, member)
        if feats.bare_surname:
            self._register("b", feats.bare_surname, cluster, member)
        for acronym in feats.short_acronyms:
            self._register("as", acronym, cluster, member)
        for acronym in feats.long_acronyms:
            self._register("al", acronym, cluster, member)
        for name in feats.folded:
            self._register("n", name, cluster, member)
        if feats.group == "org":
            for key in feats.keys:
                if " " in key:
                    self._register("f", key.split("|", 1)[1].split()[0], cluster, member)

    def _register(self, prefix: str, key: str, cluster: _Cluster, member: Member) -> None:
        """Index ``cluster`` under ``key`` in the index of ``prefix``, by ``member`` (the
        first member with that key is its evidence, and the summary keeps it)."""
        self._indexes[prefix].setdefault(key, {}).setdefault(cluster.id, member)
        cluster.reps.setdefault(f"{prefix}:{key}", member)

    def _index_rename(self, cluster: _Cluster) -> None:
        assert cluster.rename is not None
        key = f"{cluster.group}|{name_key(cluster.rename, cluster.group)}"
        assert cluster.first is not None
        if cluster.group != "person" or " " in key:
            cluster.keys[key] += 1
            self._register("x", key, cluster, cluster.first)
        cluster.folded[fold(cluster.rename)] += 1
        self._register("n", fold(cluster.rename), cluster, cluster.first)

    # -- the rules --

    def _live(
        self, index: dict[str, Member] | None, check, enough: int | None = None,
        only: set[str] | None = None,
    ) -> dict[str, Member]:
        """The current clusters of an index entry that still pass ``check`` (the first
        ``enough`` of them when a rule needs only to know whether there are that many: the
        others are not decoded; with ``only``, those among these ids: the others are passed
        over undecoded)."""
        live: dict[str, Member] = {}
        for cluster_id, member in list((index or {}).items()):
            if enough is not None and len(live) >= enough:
                break
            root = self._find(cluster_id)
            if only is not None and root not in only:
                continue
            cluster = self._clusters.get(root)
            if cluster is None and root in self._lazy:
                cluster = self._materialize(root)
                member = (index or {}).get(cluster_id)  # type: ignore[assignment]
                if member is None:
                    continue
            if cluster is not None and root not in live and check(cluster):
                dead = member in self._dead_members
                live[root] = cluster.first if dead and cluster.first else member
        return live

    def _candidates(self, index: int) -> list[Candidate]:
        """Clusters record ``index`` may join, by the strongest rule that finds any."""
        feats = self._feats[index]
        for rule in (
            self._exact_matches,
            self._short_form_matches,
            self._person_matches,
            self._acronym_matches,
        ):
            found = rule(index, feats)
            if found:
                return found
        return []

    def _exact_matches(self, index: int, feats: _Features) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for key in feats.keys:
            entry = self._exact.get(key)
            live = self._live(
                entry,
                lambda c, k=key: c.keys[k] > 0 and self._one_organisation(feats, c),
                None if key in feats.one_word else 2,
                self._may_share_context(index, entry) if key in feats.one_word else None,
            )
            rule = "exact-name" if key.endswith("|" + feats.primary) else "exact-alias"
            detail = f"same name {key!r}"
            if key in feats.one_word:  # the identity of that name whose context fits best
                self._context(*(self._clusters[c] for c in live))
                scored = [
                    (context, cluster_id)
                    for cluster_id in live
                    if (context := self._one_word_context(index, self._clusters[cluster_id]))
                ]
                if scored:
                    (score, member, why), cluster_id = max(scored, key=lambda x: x[0][0])
                    found.setdefault(cluster_id, (cluster_id, member, rule, f"{detail}; {why}"))
            elif len(live) == 1:  # a key naming two identities decides nothing
                ((cluster_id, member),) = live.items()
                found.setdefault(cluster_id, (cluster_id, member, rule, detail))
        return list(found.values())

    def _short_form_matches(self, index: int, feats: _Features) -> list[Candidate]:
        """A one-word organisation name that is the first word of exactly one multi-word
        organisation identity ("Greyline" for "Greyline Developments"), in articles that
        share some context."""
        if feats.group != "org" or self._types[index] not in SHORT_FORM_TYPES:
            return []
        found: list[Candidate] = []
        for key in feats.one_word:
            word = key.split("|", 1)[1]
            if acronym_form(word.upper()) and self._records[index].name.isupper():
                continue  # an acronym is no short form
            if not self._may_be_short_form(word):
                continue
            live = self._live(self._first_word.get(word), lambda c, w=word: w in c.first_words,
                              2)
            if len(live) != 1:
                continue
            ((cluster_id, _),) = live.items()
            context = self._one_word_context(index, self._clusters[cluster_id], 0.5)
            if context:
                _, member, why = context
                found.append((cluster_id, member, "short-form", f"{word!r} ~ one name; {why}"))
        return found[:1]

    def _may_be_short_form(self, word: str) -> bool:
        """True when the one-word name ``word`` may stand for a longer organisation name: no
        nationality, place or generic adjective, not mostly typed a place or nationality in
        the database, and the first word of exactly one long organisation name known."""
        if is_adjective_or_place_word(word) or len(self._long_by_first.get(word, ())) != 1:
            return False
        if self._live(self._exact.get(f"place|{word}"), lambda c: c.keys[f"place|{word}"] > 0,
                      1):
            return False
        votes = self._votes.get(word)
        if votes:
            places = sum(n for t, n in votes.items() if t in PLACE_TYPES)
            if places >= PLACE_PRIOR_SHARE * sum(votes.values()):
                return False
        return True

    def _one_word_context(
        self, index: int, cluster: _Cluster, needed: float | None = None
    ) -> tuple[float, Member, str] | None:
        """How strongly a member of ``cluster`` shares context with record ``index`` (a
        one-word name: "Congress" in Washington is not "Congress" in New Delhi), which
        member, and what they share; None when none does."""
        feats = self._feats[index]
        mine = self._informative(feats.comentions)
        self._context(cluster)
        # a member's roles and co-mentions are among its identity's: what the record shares
        # with the identity bounds what it can share with any member, so an identity of
        # thousands of members whose shared names could not reach the score is not walked
        shared = mine & cluster.comentions
        needed = self._needed_score() if needed is None else needed
        if not feats.roles & cluster.roles and sum(map(self._weight, shared)) < needed / 2:
            return None
        for other in reversed(cluster.recent):
            member = other.member
            if member in self._dead_members:
                continue
            common_roles = feats.roles & other.roles
            if common_roles:
                return ONE_WORD_MIN_SCORE, member, f"shared role {sorted(common_roles)[0]!r}"
            common = sorted(c for c in shared if c in other.comentions)
            if not common:
                continue
            close = (
                feats.day is not None
                and other.day is not None
                and abs(feats.day - other.day) <= CLOSE_DAYS
            )
            weights = [self._weight(c) for c in common]
            score = sum(weights)
            if score >= needed or (close and score >= needed / 2):
                shown = ", ".join(repr(c) for c in sorted(common, key=self._weight)[::-1][:3])
                why = f"co-mentions {shown}" + (" within days" if close else "")
                return score, member, why
        return None

    def _may_share_context(self, index: int, entry: dict[str, Member] | None) -> set[str]:
        """The identities of an index entry that may share context with record ``index``
        (a one-word name), as ``_one_word_context`` needs: a role, or an informative
        co-mentioned name, in common. Those that do not could never be chosen, so they are
        not decoded: the ones held are tested on their summary, the others (not decoded, or
        without their context read) asked of the source in one query."""
        feats = self._feats[index]
        mine = self._informative(feats.comentions)
        passed: set[str] = set()
        ask: list[str] = []
        for root in dict.fromkeys(self._find(c) for c in (entry or ())):
            cluster = self._clusters.get(root)
            if cluster is not None and cluster.context_loaded:
                if cluster.roles & feats.roles or not mine.isdisjoint(cluster.comentions):
                    passed.add(root)
            elif cluster is not None or root in self._lazy:
                ask.append(root)
        if ask and (mine or feats.roles):
            if self._source is None:
                passed.update(ask)
            else:
                passed |= self._source.may_share_context(ask, sorted(mine), sorted(feats.roles))
        return passed

    def _context(self, *clusters: _Cluster) -> None:
        """Read the co-mentions and latest members of partial clusters that lack them."""
        lacking = [c for c in clusters if not c.context_loaded]
        if not lacking:
            return
        if self._source is None:
            raise RuntimeError(f"identity {lacking[0].id} has no context to read")
        contexts = self._source.cluster_contexts([c.id for c in lacking])
        for cluster in lacking:
            load_context(cluster, contexts[cluster.id])

    def _weight(self, name: str) -> float:
        """How much a shared co-mention says: 1, or less for a place or nationality."""
        weight = 1.0
        votes = self._votes.get(name)
        if votes and votes.most_common(1)[0][0] in WEAK_COMENTION_TYPES:
            weight *= WEAK_COMENTION_FACTOR
        return weight

    def _needed_score(self) -> float:
        return ONE_WORD_MIN_SCORE

    def _informative(self, names: frozenset[str]) -> frozenset[str]:
        """``names`` without those too common in the database to say anything."""
        return names - self._common if self._common else names

    def _person_matches(self, index: int, feats: _Features) -> list[Candidate]:
        if feats.group != "person":
            return []
        if feats.persons:
            return self._given_name_matches(feats)
        if feats.bare_surname:
            return self._surname_matches(index, feats)
        return []

    def _given_name_matches(self, feats: _Features) -> list[Candidate]:
        """Same surname, given names agreeing as nickname, initials or missing middle name,
        with exactly one known identity fitting."""
        fits: dict[str, Candidate] = {}
        ambiguous = False
        for person in feats.persons:
            live = self._live(
                self._surname.get(person.surname), lambda c, s=person.surname: s in c.surnames
            )
            for cluster_id, member in live.items():
                match = _best_person_match(person, self._clusters[cluster_id].persons)
                if match is None:
                    continue
                rule, other = match
                if rule == "same":
                    ambiguous = True  # the exact rule found this name ambiguous already
                fits.setdefault(
                    cluster_id, (cluster_id, member, rule, f"{person.key!r} ~ {other.key!r}")
                )
        return list(fits.values()) if len(fits) == 1 and not ambiguous else []

    def _surname_matches(self, index: int, feats: _Features) -> list[Candidate]:
        """A bare surname: the only full-named identity with it, sharing context in time."""
        surname = feats.bare_surname
        assert surname is not None
        live = self._live(self._surname.get(surname), lambda c: surname in c.surnames, 2)
        if len(live) != 1:
            return []
        ((cluster_id, member),) = live.items()
        cluster = self._clusters[cluster_id]
        self._context(cluster)
        context = shared_context(cluster, feats.roles, feats.comentions, self._common)
        if context is None or not within_window(cluster, feats.day, feats.day):
            return []
        return [
            (cluster_id, member, "surname-context", f"only {surname!r} named in full; {context}")
        ]

    def _acronym_matches(self, index: int, feats: _Features) -> list[Candidate]:
        """An acronym and its long form: named together in the article, or the only pair."""
        if feats.group != "org":
            return []
        found: list[Candidate] = []
        for acronym in feats.short_acronyms:  # "JLM": look for its long form
            live = self._live(self._long.get(acronym), lambda c, a=acronym: a in c.long_acronyms)
            found += self._acronym_pick(
                index, live, acronym, lambda n, a=acronym: initials_of(n) == a, True
            )
        for acronym in feats.long_acronyms:  # "Jewish Labour Movement": look for "JLM"
            rivals = self._live(self._long.get(acronym), lambda c, a=acronym: a in c.long_acronyms,
                                1)
            # an identity that already has another long form with these initials is taken
            live = self._live(
                self._short.get(acronym),
                lambda c, a=acronym: a in c.short_acronyms and a not in c.long_acronyms,
            )
            found += self._acronym_pick(
                index, live, acronym, lambda n, a=acronym: acronym_form(n) == a, not rivals
            )
        return list({c[0]: c for c in found}.values())

    def _acronym_pick(
        self,
        index: int,
        live: dict[str, int],
        acronym: str,
        names_other_side: Callable[[str], bool],
        unique_ok: bool,
    ) -> list[Candidate]:
        """The one cluster of ``live`` the article co-mentions, else the only one (when
        ``unique_ok``), else none."""
        if not live:
            return []
        mentioned = [c for c in self._records[index].co_mentions if names_other_side(c)]
        keys = {f"org|{org_key(c)}" for c in mentioned}
        hits = {k: v for k, v in live.items() if any(self._clusters[k].keys[x] for x in keys)}
        if len(hits) == 1:
            ((cluster_id, member),) = hits.items()
            return [
                (
                    cluster_id,
                    member,
                    "acronym-comention",
                    f"{acronym.upper()!r} and {mentioned[0]!r} in the same article",
                )
            ]
        if len(live) == 1 and unique_ok:
            ((cluster_id, member),) = live.items()
            return [
                (
                    cluster_id,
                    member,
                    "acronym-unique",
                    f"the only organisation with initials {acronym.upper()!r}",
                )
            ]
        return []

    def _attach_bare_surnames(self, index: int) -> None:
        """After a full name arrives: earlier bare surnames that now point to it alone."""
        feats = self._feats[index]
        if feats.group != "person" or not feats.persons:
            return
        target = self._clusters[self._find(self._member_cluster[index])]
        for surname in {p.surname for p in feats.persons}:
            full = self._live(self._surname.get(surname), lambda c, s=surname: s in c.surnames,
                              2)
            if list(full) != [target.id]:
                continue
            bare = self._live(self._bare.get(surname), lambda c: not c.persons)
            for cluster_id, member in bare.items():
                cluster = self._clusters[cluster_id]
                if cluster_id == target.id:
                    continue
                self._context(target, cluster)
                context = shared_context(
                    target, cluster.roles, cluster.comentions, self._common
                )
                if context and within_window(target, cluster.first_day, cluster.last_day):
                    self._union(
                        target.id,
                        cluster_id,
                        member,
                        self._records[index].member,
                        "surname-context",
                        f"only {surname!r} named in full; {context}",
                    )

    # -- merging --

    def _may_join(self, index: int, cluster_id: str) -> bool:
        cluster = self._clusters[cluster_id]
        record, feats = self._records[index], self._feats[index]
        if record.article_id in cluster.articles or cluster.group != feats.group:
            return False
        self._context(cluster)
        if feats.gender and cluster.genders - {feats.gender}:
            return False
        if unrelated_context(cluster.orgs, cluster.comentions, feats.orgs, feats.comentions):
            return False
        if long_form_conflict(feats.long_forms, cluster.long_forms) or person_conflict(
            feats.persons, cluster.persons
        ):
            return False
        if not self._one_organisation(feats, cluster):
            return False
        return not self._blocked(cluster.primary, {feats.primary})

    def _one_organisation(self, feats: _Features, cluster: _Cluster) -> bool:
        """False when a record and an identity hold different long organisation names, or
        one is a place or nationality and the other an organisation named after it. An
        identity failing this is no candidate at all, so it does not make a shared name
        ambiguous."""
        return not (
            long_names_conflict(feats.long_names, cluster.long_names)
            or place_conflict(
                feats.place_words, self._first_words_of(feats), cluster.place_words,
                cluster.first_words,
            )
        )

    @staticmethod
    def _first_words_of(feats: _Features) -> set[str]:
        """First words of a record's multi-word organisation names."""
        words = {k.split("|", 1)[1].split()[0] for k in feats.keys if " " in k}
        return words if feats.group == "org" else {k.split()[0] for k in feats.long_names}

    def _blocked(self, a: Iterable[str], b: Iterable[str]) -> bool:
        """True when a split judgement says these two sets of names are not one identity."""
        a, b = set(a), set(b)
        return any(
            (s.alias_key in a and s.entity_keys & b) or (s.alias_key in b and s.entity_keys & a)
            for s in self._splits
        )

    def _union(
        self,
        a_id: str,
        b_id: str,
        a_member: Member,
        b_member: Member,
        rule: str,
        detail: str,
        forced: bool = False,
    ) -> bool:
        a, b = self._clusters[self._find(a_id)], self._clusters[self._find(b_id)]
        if a is b:
            return False
        self._context(a, b)
        if not forced:
            if a.group != b.group or len(a.genders | b.genders) > 1:
                return False
            if self._share_article(a, b) or self._blocked(a.primary, b.primary):
                return False
            if unrelated_context(a.orgs, a.comentions, b.orgs, b.comentions):
                return False
            if long_form_conflict(a.long_forms, b.long_forms) or person_conflict(
                a.persons, b.persons
            ):
                return False
            if long_names_conflict(a.long_names, b.long_names) or place_conflict(
                a.place_words, a.first_words, b.place_words, b.first_words
            ):
                return False
        older, newer = sorted((a, b), key=lambda c: c.seq)
        older_id, older_seq, newer_id = older.id, older.seq, newer.id
        rename = older.rename or newer.rename
        big, small = sorted((a, b), key=lambda c: c.count, reverse=True)
        big.take(small)
        big.recount = big.recount or forced  # fold the smaller summary into the larger, keep the older id
        big.id, big.seq, big.rename = older_id, older_seq, rename
        del self._clusters[newer_id]
        self._clusters[older_id] = big
        self._parent[newer_id] = older_id
        self._changed.update((older_id, newer_id))
        self._note(older_id, a_member, b_member, rule, detail)
        return True

    def _note(self, cluster_id: str, a: Member, b: Member, rule: str, detail: str) -> None:
        self._reasons.append(MergeReason(cluster_id, a, b, rule, detail))

    def _share_article(self, a: _Cluster, b: _Cluster) -> bool:
        """True when the two clusters have members in one article (read from the source
        for the members a partial cluster does not hold)."""
        small, large = sorted((a.articles, b.articles), key=len)
        if any(x in large for x in small):
            return True
        if not (a.partial or b.partial):
            return False
        if self._source is None:
            raise RuntimeError("partial identities need a member source")
        for one, other in ((a, b), (b, a)):
            if one.partial and one.stored_ids and other.articles and \
                    self._source.any_member_in(one.stored_ids, other.articles):
                return True
        if a.partial and b.partial and a.stored_ids and b.stored_ids:
            first, second = sorted((a, b), key=lambda c: c.count)
            return self._source.stored_overlap(first.stored_ids, second.stored_ids)
        return False

    def _find(self, cluster_id: str) -> str:
        root = cluster_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[cluster_id] != root:  # path compression
            self._parent[cluster_id], cluster_id = root, self._parent[cluster_id]
        return root

    # -- judgements --

    def _reapply(self) -> None:
        for judgement in self._judgements:
            self._apply_judgement(judgement)

    def _resolve(self, ref: str) -> str | None:
        """The one identity a judgement's name or id picks out, or None."""
        if ref in self._parent:
            root = self._find(ref)
            if root in self._lazy:
                self._materialize(root)
            return root
        key = fold(ref)
        live = self._live(self._names.get(key), lambda c: c.folded[key] > 0, 2)
        return next(iter(live)) if len(live) == 1 else None

    def _apply_judgement(self, judgement: Judgement) -> None:
        target = self._resolve(judgement.a)
        if target is None:
            return
        cluster = self._clusters[target]
        if judgement.kind == "merge" and judgement.b:
            other = self._resolve(judgement.b)
            if other is not None and other != target:
                first, second = cluster.first, self._clusters[other].first
                assert first is not None and second is not None
                self._union(
                    target,
                    other,
                    first,
                    second,
                    "judgement",
                    f"merge {judgement.a!r} {judgement.b!r}",
                    forced=True,
                )
        elif judgement.kind == "rename" and judgement.b:
            if cluster.rename != judgement.b:
                cluster.rename = judgement.b
                self._index_rename(cluster)
                self._changed.add(cluster.id)
        elif judgement.kind == "split" and judgement.b:
            self._split(cluster, judgement.b)

    def _split(self, cluster: _Cluster, alias: str) -> None:
        """Take the members named ``alias`` out of ``cluster`` into an identity of their own,
        and remember that ``alias`` is none of the names left behind."""
        if cluster.partial:
            raise RuntimeError("a split needs its identity loaded in full")
        alias_key = name_key(alias, cluster.group)
        moved = [i for i in cluster.members if self._feats[i].primary == alias_key]
        if not moved:
            folded = fold(alias)
            moved = [i for i in cluster.members if folded in self._feats[i].folded]
        kept = [i for i in cluster.members if i not in set(moved)]
        if not moved or not kept:
            return
        keys = frozenset(self._feats[i].primary for i in kept) - {alias_key}
        split = _Split(keys, alias_key)
        if split not in self._splits:
            self._splits.append(split)
        rebuilt = _Cluster(cluster.id, cluster.seq, cluster.group, rename=cluster.rename)
        self._clusters[cluster.id] = rebuilt
        for i in kept:
            self._place(rebuilt, i)
        if rebuilt.rename:
            self._index_rename(rebuilt)
        fresh = self._new_cluster(moved[0])
        for i in moved[1:]:
            self._place(fresh, i)

    # -- output --

    def _identity(self, cluster: _Cluster, with_members: bool = True) -> Identity:
        """Best name, aliases and type from the cluster's votes; its members (the held ones:
        all of them unless the cluster is partial; none unless ``with_members``)."""
        names, types = cluster.names, cluster.types
        best = cluster.rename or max(names, key=lambda n: _name_rank(n, names[n], cluster.group))
        seen = {fold(best)}
        aliases = []
        for name in sorted(names, key=lambda n: (-names[n], n)):
            if fold(name) not in seen:
                seen.add(fold(name))
                aliases.append(name)
        members = (tuple(self._records[i].member for i in cluster.members) if with_members
                   else ())
        return Identity(cluster.id, best, types.most_common(1)[0][0], tuple(aliases), members)


def _name_rank(name: str, count: int, group: str) -> tuple[int, int, int, str]:
    """Sort key of a display name: full person names and spelt-out organisations first,
    then frequent, then long."""
    person = parse_person(name) if group == "person" else None
    full = 1 if person is None or (person.is_full and not person.honorifics) else 0
    if group == "org" and acronym_form(name):
        full = 0  # "Jewish Labour Movement" rather than "JLM"
    return (full, count, len(name), name)


def _best_person_match(
    person: PersonName, known: Iterable[PersonName]
) -> tuple[str, PersonName] | None:
    """The strongest agreement of ``person`` with one of ``known`` of the same surname."""
    order = {"same": 0, "middle-name": 1, "initials": 2, "nickname": 3}
    best: tuple[str, PersonName] | None = None
    for other in known:
        if other.surname != person.surname:
            continue
        if person.suffix and other.suffix and person.suffix != other.suffix:
            continue
        rule = given_names_match(person.given, other.given)
        if rule and (best is None or order[rule] < order[best[0]]):
            best = (rule, other)
    return best


def _by_article(records: Iterable[EntityRecord]) -> Iterator[list[EntityRecord]]:
    """Records grouped by article, in the order articles first appear."""
    groups: dict[str, list[EntityRecord]] = {}
    for record in records:
        groups.setdefault(record.article_id, []).append(record)
    yield from groups.values()


def _record_to_json(record: EntityRecord) -> list[Any]:
    return [
        record.article_id,
        record.entity_id,
        record.name,
        record.type,
        list(record.aliases),
        record.kind,
        [list(r) for r in record.roles],
        record.published,
        list(record.co_mentions),
    ]


def _record_from_json(data: list[Any]) -> EntityRecord:
    aid, eid, name, etype, aliases, kind, roles, published, co = data
    return EntityRecord(
        aid,
        eid,
        name,
        etype,
        tuple(aliases),
        kind,
        tuple((t, o) for t, o in roles),
        published,
        tuple(co),
    )
