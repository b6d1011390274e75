"""Cross-article identities: which in-article entities are one person or organisation."""

from __future__ import annotations

import json

import pytest

from newsgraph.resolve.identities import EntityRecord, Judgement, Resolver, type_group


def rec(
    article: str,
    name: str,
    type_: str = "PERSON",
    *,
    eid: str = "e1",
    aliases: tuple[str, ...] = (),
    roles: tuple[tuple[str, str | None], ...] = (),
    published: str | None = "2021-03-04",
    co: tuple[str, ...] = (),
) -> EntityRecord:
    return EntityRecord(article, eid, name, type_, (name, *aliases), None, roles, published, co)


def same(resolver: Resolver, a: EntityRecord, b: EntityRecord) -> bool:
    return resolver.identity_of(*a.member) == resolver.identity_of(*b.member)


def resolved(*records: EntityRecord, judgements: tuple[Judgement, ...] = ()) -> Resolver:
    resolver = Resolver(judgements)
    resolver.add(records)
    return resolver


# --- pairs across two articles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "type_", "rule"),
    [
        ("Peter Marsh", "Pete Marsh", "PERSON", "nickname"),
        ("William Okafor", "Bill Okafor", "PERSON", "nickname"),
        ("Bob Lindqvist", "Robert Lindqvist", "PERSON", "nickname"),
        ("John F. Keane", "John Keane", "PERSON", "middle-name"),
        ("John F. Keane", "J. F. Keane", "PERSON", "initials"),
        ("John Fitzgerald Keane", "J. Keane", "PERSON", "initials"),
        ("Zoë O’Brien", "Zoe O'Brien", "PERSON", "exact-name"),
        ("Dr Anna Kowalczyk", "Anna Kowalczyk's", "PERSON", "exact-name"),
        ("Anne\u2011Marie Duval", "Anne-Marie Duval", "PERSON", "exact-name"),
        ("The Northfield Water Board", "Northfield Water Board Ltd", "ORG", "exact-name"),
        ("Jewish Labour Movement", "JLM", "ORG", "acronym-unique"),
        ("CPRW", "Campaign for the Protection of Rural Wales", "ORG", "acronym-unique"),
        ("Harbour Workers", "Harbour Workers", "NORP", "exact-name"),
    ],
)
def test_resolve_identities_merges_across_articles(first, second, type_, rule) -> None:
    a, b = rec("a1", first, type_), rec("a2", second, type_)
    resolver = Resolver()
    reasons = resolver.add([a]) + resolver.add([b])
    assert same(resolver, a, b)
    assert [r.rule for r in reasons] == [rule]
    assert {reasons[0].a, reasons[0].b} == {a.member, b.member}


@pytest.mark.parametrize(
    ("first", "first_type", "second", "second_type"),
    [
        ("Peter Marsh", "PERSON", "Patrick Marsh", "PERSON"),
        ("John Keane", "PERSON", "Jane Keane", "PERSON"),
        ("John F. Keane", "PERSON", "John B. Keane", "PERSON"),
        ("Ian Carver", "PERSON", "John Carver", "PERSON"),
        ("Tom Hale Jr", "PERSON", "Tom Hale Sr", "PERSON"),
        ("Mr Sam Okoro", "PERSON", "Ms Sam Okoro", "PERSON"),
        ("Mr Smith", "PERSON", "Mr Smith", "PERSON"),  # two bare surnames never merge
        ("Smith", "PERSON", "Smith", "PERSON"),
        ("Mr Smith", "PERSON", "Smith", "ORG"),  # a company and a person
        ("Anna Kowalczyk", "PERSON", "Anna Kowalczyk", "ORG"),
        ("Jordan", "GPE", "Jordan", "PERSON"),
        ("Northfield Water Board", "ORG", "Northfield Water Trust", "ORG"),
        ("JLM", "ORG", "Jewish Labour Movement", "PERSON"),
    ],
)
def test_resolve_identities_keeps_apart(first, first_type, second, second_type) -> None:
    a, b = rec("a1", first, first_type), rec("a2", second, second_type)
    assert not same(resolved(a, b), a, b)


def test_resolve_identities_never_merges_within_one_article() -> None:
    a = rec("a1", "Peter Marsh", eid="e1")
    b = rec("a1", "Pete Marsh", eid="e2")  # coref kept these apart: trust it
    assert not same(resolved(a, b), a, b)


# --- two John Smiths ---------------------------------------------------------------------


def test_resolve_identities_two_john_smiths_in_unrelated_stories_stay_apart() -> None:
    teacher = rec(
        "a1",
        "John Smith",
        roles=(("teacher", "Hillcrest Academy"),),
        co=("Hillcrest Academy", "Ofsted"),
    )
    banker = rec(
        "a2",
        "John Smith",
        roles=(("chief executive", "Dalton Mills"),),
        co=("Dalton Mills", "Bank of England"),
    )
    assert not same(resolved(teacher, banker), teacher, banker)


def test_resolve_identities_same_full_name_in_related_stories_merges() -> None:
    a = rec("a1", "John Smith", roles=(("teacher", "Hillcrest Academy"),), co=("Ofsted",))
    b = rec("a2", "John Smith", roles=(("head of science", "Hillcrest Academy"),))
    c = rec("a3", "John Smith")  # no role at all: the name decides
    resolver = resolved(a, b, c)
    assert same(resolver, a, b) and same(resolver, a, c)


# --- bare surnames -----------------------------------------------------------------------

FULL = rec(
    "h1",
    "Helen Castellano",
    aliases=("Ms Castellano",),
    roles=(("chair", "Northfield Water Board"),),
    co=("Northfield Water Board", "Tom Hale", "Environment Agency"),
)


@pytest.mark.parametrize(
    ("bare", "merged"),
    [
        (rec("a2", "Castellano", aliases=("Ms Castellano",),
             roles=(("chair", "Northfield Water Board"),)), True),
        (rec("a2", "Ms Castellano", co=("Tom Hale", "Environment Agency")), True),
        (rec("a2", "Castellano", co=("Environment Agency",)), False),  # one shared name only
        (rec("a2", "Castellano", co=("Oxfam", "Kent Police")), False),  # unrelated story
        (rec("a2", "Castellano", published="2025-06-01",
             roles=(("chair", "Northfield Water Board"),)), False),  # years later
        (rec("a2", "Mr Castellano", roles=(("chair", "Northfield Water Board"),)),
         False),  # the honorifics disagree
    ],
)  # fmt: skip
def test_resolve_identities_bare_surname_needs_context(bare: EntityRecord, merged: bool) -> None:
    resolver = resolved(FULL, bare)
    assert same(resolver, FULL, bare) is merged
    if merged:
        assert resolver.reasons()[0].rule == "surname-context"


def test_resolve_identities_bare_surname_before_the_full_name() -> None:
    bare = rec("a1", "Castellano", roles=(("chair", "Northfield Water Board"),))
    full = rec("a2", "Helen Castellano", roles=(("chair", "Northfield Water Board"),))
    assert same(resolved(bare, full), bare, full)


def test_resolve_identities_bare_surname_with_two_full_names_stays_apart() -> None:
    other = rec("a3", "Marco Castellano", roles=(("chair", "Northfield Water Board"),))
    bare = rec("a2", "Castellano", roles=(("chair", "Northfield Water Board"),))
    resolver = resolved(FULL, other, bare)
    assert not same(resolver, FULL, bare) and not same(resolver, other, bare)


def test_resolve_identities_initials_ambiguous_among_known_stay_apart() -> None:
    john, jane = rec("a1", "John Keane"), rec("a2", "Jane Keane")
    initial = rec("a3", "J. Keane")
    resolver = resolved(john, jane, initial)
    assert not same(resolver, john, initial) and not same(resolver, jane, initial)


# --- organisations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("short_co", "both_co", "merged"),
    [
        (("Keir Starmer", "Labour Party"), ("Keir Starmer", "Labour Party"), True),
        # an acronym is a one-word name: an alias alone, without shared context, is no proof
        (("Tel Aviv", "Supreme Court"), ("Keir Starmer", "Labour Party"), False),
    ],
)
def test_resolve_identities_acronym_paired_by_in_article_alias(short_co, both_co, merged) -> None:
    long = rec("a1", "Jewish Labour Movement", "ORG")
    short = rec("a2", "JLM", "ORG", co=short_co)
    both = rec("a3", "Jewish Labour Movement", "ORG", aliases=("JLM",), co=both_co)
    resolver = Resolver()
    resolver.add([long])
    resolver.add([rec("a0", "Jewish Lawyers Meeting", "ORG")])  # same initials: no guess
    resolver.add([short])
    assert not same(resolver, long, short)
    resolver.add([both])  # an article that pairs them settles it, given shared context
    assert same(resolver, long, short) is merged


def test_resolve_identities_acronym_paired_by_co_mention() -> None:
    rival = rec("a0", "Jewish Lawyers Meeting", "ORG")
    long = rec("a1", "Jewish Labour Movement", "ORG")
    short = rec("a2", "JLM", "ORG", co=("Jewish Labour Movement", "Labour Party"))
    resolver = resolved(rival, long, short)
    assert same(resolver, long, short) and not same(resolver, rival, short)
    assert resolver.reasons()[-1].rule == "acronym-comention"


def test_resolve_identities_type_prior_votes() -> None:
    co = ("Harbour Road", "Northfield Depot")  # one-word organisations need shared context
    firms = [rec(f"a{i}", "Smith", "ORG", eid="e1", co=co) for i in range(4)]
    person = rec("a9", "Smith", "PERSON", co=co)  # a tagging slip: no honorific says person
    mister = rec("a10", "Mr Smith", "PERSON", co=co)
    resolver = resolved(*firms, person, mister)
    assert resolver.type_prior("SMITH") == "ORG"
    assert resolver.type_prior("Nobody") is None
    assert same(resolver, firms[0], person)
    assert not same(resolver, firms[0], mister)


@pytest.mark.parametrize(
    ("t", "group"), [("NORP", "org"), ("PERSON", "person"), ("LOC", "place"), ("EVENT", "EVENT")]
)
def test_resolve_identities_type_group(t: str, group: str) -> None:
    assert type_group(t) == group


# --- corrections that last ---------------------------------------------------------------

STORY = [
    rec("a1", "Peter Marsh", roles=(("chief executive", "Dalton Mills"),)),
    rec("a2", "Pete Marsh"),
    rec("a3", "Harbour Trust", "ORG"),
    rec("a4", "Port Authority", "ORG"),
    rec("a5", "JLM", "ORG"),
]
JUDGEMENTS = (
    Judgement("split", "Peter Marsh", "Pete Marsh"),
    Judgement("merge", "Harbour Trust", "Port Authority"),
    Judgement("rename", "JLM", "Jewish Labour Movement"),
)


def check_judged(resolver: Resolver) -> None:
    peter, pete, trust, port, jlm = STORY
    assert not same(resolver, peter, pete)
    assert same(resolver, trust, port)
    names = {i.id: i.name for i in resolver.identities()}
    assert names[resolver.identity_of(*jlm.member)] == "Jewish Labour Movement"
    assert resolver.unresolved() == []


def test_resolve_identities_judgements_applied_now() -> None:
    resolver = resolved(*STORY)
    assert same(resolver, STORY[0], STORY[1])
    for judgement in JUDGEMENTS:
        resolver.apply(judgement)
    check_judged(resolver)
    assert resolver.judgements() == list(JUDGEMENTS)


def test_resolve_identities_judgements_reapplied_after_rebuild() -> None:
    check_judged(resolved(*STORY, judgements=JUDGEMENTS))
    resolver = Resolver(JUDGEMENTS)  # judgements first, records one article at a time
    for record in STORY:
        resolver.add([record])
    check_judged(resolver)


def test_resolve_identities_judgements_hold_for_new_records() -> None:
    resolver = resolved(*STORY)
    for judgement in JUDGEMENTS:
        resolver.apply(judgement)
    pete = rec("a6", "Pete Marsh")
    port = rec("a7", "Port Authority", "ORG")
    jlm = rec("a8", "Jewish Labour Movement", "ORG")
    resolver.add([pete, port, jlm])
    check_judged(resolver)
    assert same(resolver, pete, STORY[1]) and not same(resolver, pete, STORY[0])
    assert same(resolver, port, STORY[2])
    assert same(resolver, jlm, STORY[4])


def test_resolve_identities_judgement_with_unknown_name_waits() -> None:
    resolver = Resolver((Judgement("merge", "Harbour Trust", "Port Authority"),))
    resolver.add(STORY[2:3])
    assert resolver.unresolved() != []
    resolver.add(STORY[3:4])
    assert resolver.unresolved() == [] and same(resolver, STORY[2], STORY[3])


# --- state -------------------------------------------------------------------------------


def test_resolve_identities_state_round_trip_resumes() -> None:
    resolver = resolved(*STORY, FULL)
    resolver.apply(JUDGEMENTS[0])
    state = json.loads(json.dumps(resolver.to_state()))
    resumed = Resolver.from_state(state)
    assert resumed.identities() == resolver.identities()
    assert resumed.reasons() == resolver.reasons()
    later = [
        rec("a9", "Ms Castellano", co=("Tom Hale", "Environment Agency")),
        rec("a10", "Pete Marsh"),
    ]
    assert resumed.add(later) == resolver.add(later)
    assert resumed.identities() == resolver.identities()


def test_resolve_identities_state_rejects_unknown_version() -> None:
    with pytest.raises(ValueError, match="version"):
        Resolver.from_state({"version": 99})


def test_resolve_identities_rejects_a_member_added_twice() -> None:
    resolver = resolved(STORY[0])
    with pytest.raises(ValueError, match="already added"):
        resolver.add([STORY[0]])


def test_resolve_identities_identity_lists_members_and_aliases() -> None:
    resolver = resolved(rec("a1", "Peter Marsh", aliases=("Mr Marsh",)), rec("a2", "Pete Marsh"))
    (identity,) = resolver.identities()
    assert identity.name == "Peter Marsh" and identity.type == "PERSON"
    assert set(identity.aliases) == {"Mr Marsh", "Pete Marsh"}
    assert identity.members == (("a1", "e1"), ("a2", "e1"))


# --- wrong merges kept apart -----------------------------------------------------------------


def test_resolve_identities_titled_given_name_is_no_surname() -> None:
    full = rec("a1", "Omar Kassem", co=("Amman", "Jordan Times"))
    king = rec("a2", "Kassem", aliases=("King Kassem",), co=("Amman", "Jordan Times"))
    king_again = rec("a3", "Kassem", aliases=("King Kassem",), co=("Amman", "Jordan Times"))
    resolver = resolved(full, king, king_again)
    assert not same(resolver, full, king)
    assert same(resolver, king, king_again)  # the same title and name, with shared context


def test_resolve_identities_surname_alias_never_joins_two_given_names() -> None:
    husband = rec("a1", "Gordon Marsh", aliases=("President Marsh", "Marsh"))
    wife = rec("a2", "Helen Marsh", aliases=("Marsh", "President Marsh", "Gordon Marsh"))
    resolver = resolved(husband, wife)
    assert not same(resolver, husband, wife)


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        (("Regional Water Board", "RWB"), ("Rural Workers Bureau", "RWB"), False),
        (("Island Defence Force", "IDF"), ("Island Defense Force", "IDF"), True),
    ],
)
def test_resolve_identities_acronym_of_two_long_forms(first, second, merged) -> None:
    co = ("Port Sorrel", "Harbour Trust")
    a = rec("a1", first[0], "ORG", aliases=(first[1],), co=co)
    b = rec("a2", second[0], "ORG", aliases=(second[1],), co=co)
    assert same(resolved(a, b), a, b) is merged


def test_resolve_identities_acronym_never_chains_long_forms() -> None:
    first = rec("a1", "Northern Liberal Alliance", "ORG")
    both = rec("a2", "National Literary Award", "ORG", aliases=("NLA",))
    resolver = resolved(first, both)
    assert not same(resolver, first, both)


@pytest.mark.parametrize(
    ("co_a", "co_b", "merged"),
    [
        (("Senate", "White House", "Tom Reyes"), ("Senate", "White House"), True),
        (("Senate", "White House", "Tom Reyes"), ("Lok Sabha", "Ravi Menon"), False),
        ((), (), False),
    ],
)
def test_resolve_identities_one_word_org_needs_shared_context(co_a, co_b, merged) -> None:
    a = rec("a1", "Congress", "ORG", co=co_a, published="2001-05-01")
    b = rec("a2", "Congress", "ORG", co=co_b, published="2001-05-30")
    assert same(resolved(a, b), a, b) is merged


def test_resolve_identities_one_word_org_joins_the_identity_it_shares_context_with() -> None:
    west = rec("a1", "Congress", "ORG", co=("Senate", "White House"))
    east = rec("a2", "Congress", "ORG", co=("Lok Sabha", "Ravi Menon"))
    later = rec("a3", "Congress", "ORG", co=("Lok Sabha", "Ravi Menon", "Mumbai"))
    resolver = resolved(west, east, later)
    assert same(resolver, east, later) and not same(resolver, west, later)


@pytest.mark.parametrize(
    ("co", "rivals", "merged"),
    [
        (("North Pier", "Ana Ruiz"), (), True),
        (("North Pier", "Ana Ruiz"), ("Brackwell Holdings",), False),  # two long names fit
        (("Lake Tahoe",), (), False),  # nothing shared
    ],
)
def test_resolve_identities_short_form_of_one_organisation(co, rivals, merged) -> None:
    long = rec("a1", "Brackwell Developments", "ORG", co=("North Pier", "Ana Ruiz"))
    others = [rec(f"r{i}", name, "ORG") for i, name in enumerate(rivals)]
    short = rec("a2", "Brackwell", "MISC", co=co)
    assert same(resolved(long, *others, short), long, short) is merged


# --- one identity is one organisation ------------------------------------------------------

SHARED = ("Marta Ilves", "Tallmoor Port", "Oskar Brenn")


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        # spellings and inflections of one long name
        (("Vardan Defence Forces", "VDF"), ("Vardan Defense Force", "VDF"), True),
        (("Kaldor Health Organisation", "KHO"), ("Kaldor Health Organization", "KHO"), True),
        (("Asia-Rim Trade Council", "ARTC"), ("Asia Rim Trade Council", "ARTC"), True),
        # two organisations sharing an alias never become one
        (("Nordic Union", "NU", "Nordic Commission"), ("Nordic Commission", "Nordic Union"),
         True),
        (("Nordic Union", "Nordic"), ("Nordic Commission", "Nordic"), False),
        (("Varland Council", "VC"), ("Varland Congress", "VC"), False),
    ],
)
def test_resolve_identities_one_long_organisation_name(first, second, merged) -> None:
    a = rec("a1", first[0], "ORG", aliases=first[1:], co=SHARED)
    b = rec("a2", second[0], "ORG", aliases=second[1:], co=SHARED)
    assert same(resolved(a, b), a, b) is merged


@pytest.mark.parametrize("type_", ["NORP", "GPE"])
def test_resolve_identities_nationality_never_joins_organisation_named_after_it(type_) -> None:
    org = rec("a1", "Ostrian Union", "ORG", aliases=("Ostrian",), co=SHARED)
    demonym = rec("a2", "Ostrian", type_, co=SHARED)
    assert not same(resolved(org, demonym), org, demonym)


def test_resolve_identities_place_and_its_organisations_stay_apart() -> None:
    # a place whose in-article entity wrongly took an organisation's name makes no other
    # record of the place ambiguous, and two organisations never join through it
    place = rec("a1", "Korvia", "GPE", co=SHARED)
    society = rec("a2", "Korvia Society", "GPE", aliases=("Korvia",), co=SHARED)
    institute = rec("a3", "Korvia Institute", "GPE", aliases=("Korvia",), co=SHARED)
    later = rec("a4", "Korvia", "GPE", co=SHARED)
    resolver = resolved(place, society, institute, later)
    assert same(resolver, place, later)
    assert not same(resolver, society, institute)


@pytest.mark.parametrize(
    ("short_name", "short_type", "rivals", "merged"),
    [
        ("Brackwell", "ORG", (), True),
        ("Ostrian", "ORG", (), False),  # reads as a nationality
        ("Brackwell", "NORP", (), False),  # typed as a nationality
        ("Brackwell", "GPE", (), False),  # typed as a place
        ("Brackwell", "ORG", ("Brackwell Holdings",), False),  # a later long name rivals it
    ],
)
def test_resolve_identities_short_form_needs_one_database_wide_long_name(
    short_name, short_type, rivals, merged
) -> None:
    long = rec("a1", f"{short_name} Developments", "ORG", co=SHARED)
    short = rec("a2", short_name, short_type, co=SHARED)
    others = [rec(f"r{i}", name, "ORG") for i, name in enumerate(rivals)]
    # the rival arrives after the short form, in the same batch
    assert same(resolved(long, short, *others), long, short) is merged


def test_resolve_identities_short_form_not_of_a_place_identity() -> None:
    places = [rec(f"p{i}", "Brackwell", "GPE", co=SHARED) for i in range(3)]
    long = rec("a1", "Brackwell Developments", "ORG", co=SHARED)
    short = rec("a2", "Brackwell", "ORG", co=SHARED)
    assert not same(resolved(*places, long, short), long, short)


def test_resolve_identities_acronym_joins_one_long_form_only() -> None:
    union = rec("a1", "Meridian Union", "ORG", aliases=("MU",), co=SHARED)
    mission = rec("a2", "Meridian Mission", "ORG", aliases=("MU",), co=SHARED)
    bare = rec("a3", "MU", "ORG", co=SHARED)
    resolver = resolved(union, mission, bare)
    assert not same(resolver, union, mission)


def test_resolve_identities_short_form_ignores_people_sharing_the_word() -> None:
    long = rec("a1", "Brackwell Developments", "ORG", co=SHARED)
    person = rec("a3", "Brackwell Jones", "PERSON", co=SHARED)
    short = rec("a2", "Brackwell", "ORG", co=SHARED)
    assert same(resolved(long, person, short), long, short)


def test_resolve_identities_same_article_duplicate_makes_no_name_ambiguous() -> None:
    # one article names the place twice as two entities: the second may not join (they
    # share an article), and it must not make the name ambiguous for later articles
    first = rec("a1", "Korvia", "GPE")
    twin = rec("a1", "Korvia-", "GPE", eid="e2")
    later = [rec(f"b{i}", "Korvia", "GPE") for i in range(3)]
    resolver = resolved(first, twin, *later)
    assert all(same(resolver, first, r) for r in later)
