"""Entity clean-up: names without honorifics or possessives, acronyms, one type per name,
name chains and news outlets."""

from __future__ import annotations

import pytest

from newsgraph.nlp import names
from newsgraph.nlp.coref import analyse
from newsgraph.nlp.entities import (
    first_names_match,
    given_names,
    initials,
    name_key,
    same_given_name,
    split_at_newlines,
    strip_possessive,
)


def entity_named(doc_entities, name):
    return next((e for e in doc_entities if e.name == name), None)


@pytest.mark.parametrize(("text", "expected"), [
    ("Blair’s", "Blair"), ("Blair's", "Blair"), ("Jones'", "Jones"), ("Jones", "Jones"),
])
def test_entities_strip_possessive(text, expected):
    assert strip_possessive(text) == expected


@pytest.mark.parametrize(("words", "skip", "expected"), [
    (["Coastal", "Fisheries", "Association"], True, "CFA"),
    (["Board", "of", "Trade"], True, "BT"),
    (["The", "New", "Alliance"], False, "TNA"),
    (["Anti-Fraud", "Office"], True, "AFO"),
])
def test_entities_initials(words, skip, expected):
    assert initials(words, skip) == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Bob", "Robert", True), ("Pete", "Peter", True), ("J.", "John", True),
    ("Laura", "John", False), ("Mark", "Martin", False),
])
def test_entities_first_names_match(a, b, same):
    assert first_names_match(a, b) is same


@pytest.mark.parametrize(("text", "name", "honorific"), [
    ("Senator aide Maria Lopez spoke on Monday. Later Ms Lopez’s office issued a statement.",
     "Maria Lopez", "Ms"),
    ("The charity was praised by Dr Helen Marsh. Dr Marsh said the plan was sound.",
     "Helen Marsh", "Dr"),
    ("Mr Adrian Cole’s letter was read aloud. Mr Cole did not attend.", "Adrian Cole", "Mr"),
])
def test_entities_names_lose_honorific_and_possessive(nlp, text, name, honorific):
    entities = analyse(nlp(text)).entities
    person = entity_named(entities, name)
    assert person is not None, [e.name for e in entities]
    assert person.type == "PERSON"
    assert honorific in person.honorifics
    assert not any(e.name.endswith(("’s", "'s")) for e in entities)


@pytest.mark.parametrize(("text", "long_form", "acronym"), [
    ("The Coastal Fisheries Association (CFA) called for a ban. A CFA member said the quotas "
     "were unfair.", "Coastal Fisheries Association", "CFA"),
    ("Northern Rail Workers Union chair Tom Hale spoke first. NRWU officials later backed "
     "him.", "Northern Rail Workers Union", "NRWU"),
])
def test_entities_acronym_joins_its_long_form(nlp, text, long_form, acronym):
    entities = analyse(nlp(text)).entities
    org = entity_named(entities, long_form)
    assert org is not None, [e.name for e in entities]
    assert org.type == "ORG"
    assert acronym in org.aliases
    assert not any(e.name == acronym for e in entities)


def test_entities_all_caps_word_is_no_person(nlp):
    text = ("Delegates from the KWP walked out. Mr Dunn said the KWP had ignored them. "
            "KWP leaders met again on Friday.")
    entities = analyse(nlp(text)).entities
    kwp = [e for e in entities if e.name == "KWP"]
    assert kwp and all(e.type != "PERSON" for e in kwp)


@pytest.mark.parametrize(("text", "name", "count"), [
    ("Anna Berg resigned on Monday. Ms Berg said she was proud. Berg left at noon.",
     "Anna Berg", 3),
    ("Bob Hartley opened the debate. Robert Hartley, the host, then closed it.",
     "Robert Hartley", 2),
    ("Pete Dawes was elected again. Mr Dawes thanked voters. Peter Dawes then left.",
     "Peter Dawes", 3),
])
def test_entities_name_chain_is_one_entity(nlp, text, name, count):
    entities = analyse(nlp(text)).entities
    people = [e for e in entities if e.type == "PERSON"]
    assert len(people) == 1, [e.name for e in people]
    assert people[0].name == name
    names_only = [m for m in people[0].mentions if text[m[0]:m[1]].lower() not in names.PRONOUNS]
    assert len(names_only) == count


@pytest.mark.parametrize("text", [
    "John Smith and Laura Smith both spoke at the rally in Leeds on Saturday.",
    "David Price met Alan Price in Cardiff. Later David Price left the hall.",
])
def test_entities_two_people_sharing_a_surname_stay_apart(nlp, text):
    entities = analyse(nlp(text)).entities
    people = [e for e in entities if e.type == "PERSON"]
    assert len(people) == 2, [e.name for e in people]


@pytest.mark.parametrize(("text", "outlet"), [
    ("A senior aide told the Courier that talks had stalled. The Courier has learned that "
     "two ministers objected.", "Courier"),
    ("Speaking in an interview with CNN, the governor defended the budget.", "CNN"),
    ("In an interview on WXRT radio, Mr Hale said the plan would fail.", "WXRT"),
])
def test_entities_news_outlet_is_media(nlp, text, outlet):
    entities = analyse(nlp(text)).entities
    media = entity_named(entities, outlet)
    assert media is not None, [e.name for e in entities]
    assert media.type == "ORG" and media.kind == "media"


def test_entities_party_is_not_media(nlp):
    text = "The Green Party said the vote was rigged. Green Party members gathered in Bristol."
    entities = analyse(nlp(text)).entities
    assert all(e.kind != "media" for e in entities)


@pytest.mark.parametrize(("name", "key"), [("the Labour Party", "labour party"),
                                          ("Mr Smith’s", "mr smith's")])
def test_entities_name_key(name, key):
    assert name_key(name) == key


def test_entities_seeds_names_are_clean(nlp, corpora):
    honorifics = set(names.HONORIFICS) - names.AMBIGUOUS_HONORIFICS
    for path in sorted((corpora / "seeds").glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        co = analyse(doc)
        for entity in co.entities:
            if entity.type != "PERSON":
                continue
            first = entity.name.split()[0].lower().rstrip(".")
            assert first not in honorifics, (path.name, entity.name)
            assert not entity.name.endswith(("’s", "'s", "’")), (path.name, entity.name)
        # acronyms defined in parentheses take their long form's organisation type
        for acronym, long_key in co.table.acronyms.items():
            cluster = next(c for c in co.table.clusters
                           if any(m.key == long_key for m in c.mentions))
            if any(m.name == acronym for m in cluster.mentions) or f"({acronym})" in doc.text:
                assert cluster.type == "ORG", (path.name, acronym, cluster.type)


@pytest.mark.parametrize(("text", "name"), [
    # a capitalised run ending in a word that ends organisation names, "and" inside
    ("The Rail and Transport Workers Union (RTWU) called a ballot.",
     "Rail and Transport Workers Union"),
    ("Ferncliffe Town Council plans to sell the pier, the Herald can reveal.",
     "Ferncliffe Town Council"),
    ("Marlow Estates managing director Petra Lund said the homes would be affordable.",
     "Marlow Estates"),
])
def test_entities_organisation_name_runs(nlp, text, name):
    entities = analyse(nlp(text)).entities
    found = entity_named(entities, name)
    assert found is not None and found.type == "ORG", [(e.name, e.type) for e in entities]


def test_entities_organisation_run_keeps_people_apart(nlp):
    entities = analyse(nlp("Labour Party General Secretary Jane Whitby spoke.")).entities
    assert entity_named(entities, "Jane Whitby").type == "PERSON"
    assert entity_named(entities, "Labour Party") is not None


@pytest.mark.parametrize(("text", "word"), [
    ("Council leader Owen Pryce said the council could not pay.", "Council"),
    ("Councillors voted against the plan. Several councillors left early.", "Councillors"),
])
def test_entities_common_word_opening_a_sentence_is_no_name(nlp, text, word):
    entities = analyse(nlp(text)).entities
    assert all(e.name != word for e in entities), [e.name for e in entities]


@pytest.mark.parametrize(("text", "word", "not_type"), [
    # "the X": a newspaper, not a person
    ("The plan was leaked to the Herald on Friday, the Herald can reveal.", "Herald", "PERSON"),
    # a religious or historical term spaCy calls a person
    ("She warned of a rise in softcore Shoah denial across Europe.", "Shoah", "PERSON"),
])
def test_entities_lone_word_without_person_evidence(nlp, text, word, not_type):
    entities = analyse(nlp(text)).entities
    found = entity_named(entities, word)
    assert found is None or found.type != not_type, (found, entities)


@pytest.mark.parametrize(("text", "word"), [
    ("Mr Okoro arrived late. Okoro said the delay was not his fault.", "Okoro"),
    ("Caroline Finch spoke first. Finch said the vote was fair.", "Caroline Finch"),
])
def test_entities_lone_word_with_person_evidence(nlp, text, word):
    entities = analyse(nlp(text)).entities
    found = entity_named(entities, word)
    assert found is not None and found.type == "PERSON", [(e.name, e.type) for e in entities]


def test_entities_short_form_of_a_company_is_the_company(nlp):
    text = ("Kestrel Developments wants to build 300 flats on the quay. Kestrel said it had not "
            "yet made an offer for the land.")
    entities = analyse(nlp(text)).entities
    company = entity_named(entities, "Kestrel Developments")
    assert company is not None and company.type == "ORG"
    assert "Kestrel" in company.aliases, [(e.name, e.type, e.aliases) for e in entities]


def entity_holding(entities, text, surface):
    """The entity one of whose mentions reads ``surface``."""
    return next((e for e in entities if any(text[a:b] == surface for a, b in e.mentions)), None)


@pytest.mark.parametrize(("text", "titled", "full"), [
    ("Earl Rupert Danvers spoke at the funeral. Prince Rupert, his cousin, did not attend.",
     "Prince Rupert", "Rupert Danvers"),
    ("President Omar Kassem flew to Amman. King Kassem of the neighbouring kingdom met him.",
     "King Kassem", "Omar Kassem"),
])
def test_entities_title_before_given_name_never_attaches(nlp, text, titled, full):
    entities = analyse(nlp(text)).entities
    person = entity_holding(entities, text, titled)
    assert person is not None and person.name != full


def test_entities_titled_given_name_joins_the_same_titled_full_name(nlp):
    text = ("Prince Faisal bin Tamim arrived in Paris on Monday. Prince Faisal said talks "
            "with French officials had gone well.")
    entities = analyse(nlp(text)).entities
    person = entity_holding(entities, text, "Prince Faisal")
    assert person is not None and person.name == "Faisal bin Tamim"


@pytest.mark.parametrize(("text", "surface", "attached"), [
    # two full names share the surname: a bare surname or President X stays apart
    ("President Gordon Marsh and his wife Helen Marsh visited the school. President Marsh "
     "later met teachers.", "President Marsh", None),
    # only one full name: it attaches
    ("President Gordon Marsh visited the school on Friday. President Marsh later met "
     "teachers.", "President Marsh", "Gordon Marsh"),
    # the honorific's gender picks the one full name that fits
    ("Gordon Marsh and Helen Marsh visited the school. Mrs Marsh later met teachers.",
     "Mrs Marsh", "Helen Marsh"),
])
def test_entities_ambiguous_surname_stays_apart(nlp, text, surface, attached):
    entities = analyse(nlp(text)).entities
    person = entity_holding(entities, text, surface)
    assert person is not None
    if attached is None:
        assert person.name not in {"Gordon Marsh", "Helen Marsh"}
    else:
        assert person.name == attached


def test_entities_name_never_spans_a_line_break(nlp):
    text = ("Officials from Korvia attended the summit in Tallmoor.\n\nGroup leaders said the "
            "talks would resume in March, Korvia's envoy told reporters.")
    entities = analyse(nlp(text)).entities
    assert all("\n" not in alias for e in entities for alias in e.aliases), [
        (e.name, e.aliases) for e in entities]
    assert all("\n" not in text[a:b] for e in entities for a, b in e.mentions)


@pytest.mark.parametrize(("text", "short", "long"), [
    ("The African Union sent observers. African leaders welcomed the move, and the African "
     "Union said it would stay.", "African", "African Union"),
    ("The Palestinian Authority paid salaries. Palestinian officials said the Palestinian "
     "Authority was short of funds.", "Palestinian", "Palestinian Authority"),
    ("The China Society held a dinner in London. China said trade would grow.",
     "China", "China Society"),
])
def test_entities_place_or_nationality_is_no_short_form(nlp, text, short, long):
    entities = analyse(nlp(text)).entities
    org = entity_named(entities, long)
    assert org is not None, [(e.name, e.aliases) for e in entities]
    assert short not in org.aliases, [(e.name, e.type, e.aliases) for e in entities]


@pytest.mark.parametrize("text", [
    "The Varland Commission met on Monday. The Varland Parliament voted later, and Varland "
    "said the Varland Commission had acted alone.",
    "The Ostrian Union (OU) and the Ostrian Commission disagreed. Ostrian ministers said the "
    "OU would decide.",
    "The Kestrel Group and Kestrel Holdings both bid. Kestrel said nothing.",
    "The Meridian Union Commission (MUC) met. The Meridian Union said the MUC had no budget.",
])
def test_entities_two_long_organisation_names_never_one_entity(nlp, text):
    entities = analyse(nlp(text)).entities
    for e in entities:
        longs = {a for a in e.aliases if len(a.split()) >= 2 and e.type != "PERSON"}
        assert len(longs) <= 1, [(x.name, x.type, x.aliases) for x in entities]


def test_entities_short_form_of_one_of_two_companies_stays_apart(nlp):
    text = ("Kestrel Developments bid for the quay, as did Kestrel Holdings. Kestrel declined to "
            "comment.")
    entities = analyse(nlp(text)).entities
    for long in ("Kestrel Developments", "Kestrel Holdings"):
        found = entity_named(entities, long)
        assert found is not None and "Kestrel" not in found.aliases, [
            (e.name, e.aliases) for e in entities]


@pytest.mark.parametrize(("text", "pieces"), [
    ("Korvia\n\nGroup", [("Korvia",)]),
    ("Tallmoor Harbour\nBoard", [("Tallmoor", "Harbour")]),
    ("Tallmoor Harbour Board", [("Tallmoor", "Harbour", "Board")]),
    ("Korvia\nGreyline Trust", [("Korvia",), ("Greyline", "Trust")]),
])
def test_entities_split_at_newlines(nlp, text, pieces):
    doc = nlp(text)
    found = [tuple(t.text for t in doc[s:e]) for s, e, _ in split_at_newlines(doc, 0, len(doc), "ORG")]
    assert found == pieces


# -- a day after a name; initials before a given name ---------------------------------
@pytest.mark.parametrize(("text", "name", "also"), [
    ("Prime Minister Jean Moreau Tuesday rejected the offer. Moreau said the terms were "
     "unfair.", "Jean Moreau", "Moreau"),
    ("Opposition leader Kofi Mensah yesterday called for new elections, and Mensah vowed to "
     "keep marching.", "Kofi Mensah", "Mensah"),
])
def test_entities_a_day_written_after_a_name_is_not_part_of_it(nlp, text, name, also):
    entities = analyse(nlp(text)).entities
    person = entity_named(entities, name)
    assert person is not None, [e.name for e in entities]
    assert also in person.aliases  # and the surname joins the full name again
    assert not any(day in e.name for e in entities for day in ("Tuesday", "yesterday"))


@pytest.mark.parametrize(("text", "name"), [
    ("Thousands marched to mark Bloody Sunday in the city centre.", "Bloody Sunday"),
    ("The Mail on Sunday said the minister had been warned.", "Mail on Sunday"),
])
def test_entities_a_name_that_ends_with_a_day_keeps_it(nlp, text, name):
    entities = analyse(nlp(text)).entities
    cut = name.rsplit(" ", 1)[0]  # "Bloody", "Mail on": never left without its day
    assert not any(e.name == cut for e in entities), [e.name for e in entities]


@pytest.mark.parametrize(("name", "given"), [
    ("H.D. Deve Gowda", ("H.D.", "Deve")), ("J.R. Ewing Smith", ("J.R.", "Ewing")),
    ("J. Smith", ("J.",)), ("Anna Ruiz", ("Anna",)), ("Ruiz", ()),
])
def test_entities_given_names_skip_initials_before_a_given_name(name, given):
    assert given_names(name) == given


@pytest.mark.parametrize(("a", "b", "same"), [
    ("H.D. Deve Gowda", "Deve Gowda", True),
    ("J. Edgar Hoover", "J. Hoover", True),
    ("J. Edgar Hoover", "Edgar Hoover", True),
    ("K.R. Anil Kumar", "Sunil Kumar", False),
    ("Deve Gowda", "Ravi Gowda", False),
])
def test_entities_same_given_name(a, b, same):
    assert same_given_name(a, b) is same


def test_entities_initials_and_full_given_name_are_one_person(nlp):
    text = ("Prime Minister R.K. Mohan Rao met the governor on Tuesday. Mohan Rao later told "
            "reporters the coalition would hold, and Rao left for the capital.")
    entities = analyse(nlp(text)).entities
    people = [e for e in entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["R.K. Mohan Rao"], [e.name for e in entities]
    assert {"Mohan Rao", "Rao"} <= set(people[0].aliases)


# -- ships are not people ------------------------------------------------------------------
@pytest.mark.parametrize(("key", "vessel"), [
    ("mv ocean star", True), ("uss cole", True), ("hms daring", True), ("mt pacific glory", True),
    ("ms karin", False), ("mv", False), ("ms smith", False), ("mark mv", False),
    ("sam mv", False), ("ocean star", False),
])
def test_entities_is_vessel(key, vessel):
    from newsgraph.nlp.entities import is_vessel

    assert is_vessel(key) is vessel


def test_entities_a_ship_voted_person_is_no_person():
    from collections import Counter

    from newsgraph.nlp.entities import decide_type

    votes = Counter({"PERSON": 3.0, "ORG": 1.0})
    assert decide_type("mv ocean star", votes, {}, {}, set(), set()) == "PRODUCT"
    assert decide_type("maria ocean", votes, {}, {}, set(), set()) == "PERSON"


# -- names that end as places, papers or bowling figures; a nationality before a name --------
@pytest.mark.parametrize(("key", "expected"), [
    ("victoria harbour", "FAC"), ("kazungula bridge", "FAC"), ("marine corps times", "ORG"),
    ("harbour workers union", "ORG"), ("shirley temple", "PERSON"), ("damon hill", "PERSON"),
    ("jean van dam", "PERSON"), ("george strait", "PERSON"), ("grace park", "PERSON"),
])
def test_entities_a_name_ending_as_a_place_or_paper_is_no_person(key, expected):
    from collections import Counter

    from newsgraph.nlp.entities import decide_type

    votes = Counter({"PERSON": 3.0})
    assert decide_type(key, votes, {}, {}, set(), set()) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Frenchman Carlos Rivet won the stage. Rivet said the car was perfect.", "Carlos Rivet"),
    ("Ryan McCall 4-59 bowled superbly on the second day. McCall said the pitch helped.",
     "Ryan McCall"),
])
def test_entities_nationality_and_figures_are_no_part_of_a_name(nlp, text, name):
    entities = analyse(nlp(text)).entities
    person = entity_named(entities, name)
    assert person is not None, [e.name for e in entities]
    assert not any(any(c.isdigit() for c in e.name) or e.name.startswith("Frenchman")
                   for e in entities), [e.name for e in entities]


def test_entities_a_title_word_inside_a_name_span_is_cut(nlp):
    text = "Archbishop Emeritus Daniel Mokoena said the vote was historic. Mokoena wept."
    entities = analyse(nlp(text)).entities
    assert entity_named(entities, "Daniel Mokoena") is not None, [e.name for e in entities]
    assert not any("Emeritus" in e.name for e in entities)


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("The abuses were reported by the Dutch newspaper De Morgenpost on Friday. De Morgenpost "
     "said the detainees were soaked.", "De Morgenpost", "ORG"),
    # a press noun before a person's name with an honorific stays a person
    ("The newspaper Mr Karel Smit founded in 1990 closed. Mr Smit said he was sad.",
     "Karel Smit", "PERSON"),
])
def test_entities_a_name_after_a_press_noun_is_an_outlet(nlp, text, name, expected):
    entities = analyse(nlp(text)).entities
    found = entity_named(entities, name)
    assert found is not None and found.type == expected, [(e.name, e.type) for e in entities]


@pytest.mark.parametrize(("short", "full", "same"), [
    ("Abul Gheit", "Ahmed Abul Gheit", True), ("Van Dung", "Hoang Van Dung", True),
    ("Ahmed Abul Gheit", "Abul Gheit", True),  # either order
    ("Maria Lopez", "Anna Maria Lopez", False),  # a given name of its own: maybe another
    ("Abul Gheit", "Ahmed Abu Gheit", False), ("Gheit", "Ahmed Abul Gheit", False),
])
def test_entities_compound_surname_of(short, full, same):
    from newsgraph.nlp.entities import compound_surname_of

    assert compound_surname_of(short, full) is same


def test_entities_a_compound_surname_joins_the_full_name(nlp):
    text = ("Foreign Minister Khalid Abul Nasr met his counterpart on Monday. Abul Nasr said "
            "the talks were useful.")
    entities = analyse(nlp(text)).entities
    people = [e for e in entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Khalid Abul Nasr"], [e.name for e in entities]
    assert "Abul Nasr" in people[0].aliases


@pytest.mark.parametrize(("text", "name", "expected"), [
    # the parser reads every one of these as a person
    ("Heavy rain hit the mountain provinces of Lao Cai, Ha Giang, Lai Chau and Yen Bai on "
     "Monday.", "Ha Giang", "GPE"),
    ("Doctors voiced concern over the state of Nelson Mandela's health.", "Nelson Mandela",
     "PERSON"),
    ("Crowds gathered in the town of Ann Lee's birth.", "Ann Lee", "PERSON"),
])
def test_entities_names_listed_after_the_provinces_of_are_places(nlp, text, name, expected):
    entities = analyse(nlp(text)).entities
    found = entity_named(entities, name)
    assert found is not None and found.type == expected, [(e.name, e.type) for e in entities]


@pytest.mark.parametrize(("text", "name"), [
    ("Dr. Sun Yat-sen is respected by the Chinese people.", "Sun Yat-sen"),
    ("Mr Kim Jong-il met the envoy on Tuesday.", "Kim Jong-il"),
])
def test_entities_a_lower_case_syllable_after_a_hyphen_stays_in_the_name(nlp, text, name):
    entities = analyse(nlp(text)).entities
    assert entity_named(entities, name) is not None, [e.name for e in entities]


def test_entities_a_lower_case_word_after_a_hyphen_is_no_name_part(nlp):
    entities = analyse(nlp("Critics attacked the Bush-era tax cuts on Friday.")).entities
    assert not any("era" in e.name for e in entities), [e.name for e in entities]
