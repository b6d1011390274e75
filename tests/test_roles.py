"""Roles read from pre-modifiers, appositions and copular or "as" clauses."""

from __future__ import annotations

import pytest

from newsgraph.nlp.coref import analyse


def roles_by_name(nlp, text):
    co = analyse(nlp(text))
    names = {e.id: e.name for e in co.entities}
    return [(names[r.entity], r.title, r.organisation, r.qualifier, text[r.start:r.end])
            for r in co.roles]


@pytest.mark.parametrize(("text", "expected"), [
    ("Green Workers Union chair Alice Moreno said the strike would go ahead.",
     ("Alice Moreno", "chair", "Green Workers Union", None)),
    ("The plan was backed by Harbour Council General Secretary Tom Yates on Monday.",
     ("Tom Yates", "General Secretary", "Harbour Council", None)),
    ("Former Prime Minister Alan Birch criticised the deal.",
     ("Alan Birch", "Prime Minister", None, "former")),
    ("Speaking later, deputy leader Susan Ames defended the budget.",
     ("Susan Ames", "leader", None, "deputy")),
    ("The motion was tabled by Liberal MP Frank Osei in March.",
     ("Frank Osei", "MP", "Liberal", None)),
])
def test_roles_premodifier(nlp, text, expected):
    found = [r[:4] for r in roles_by_name(nlp, text)]
    assert expected in found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Carl Weber, the current treasurer and a former Tory councillor in Reading, will stand.",
     [("Carl Weber", "treasurer", None, "current"),
      ("Carl Weber", "councillor", None, "former")]),
    ("Mr Daly, the Bristol West MP, refused to comment.",
     [("Mark Daly", "MP", "Bristol West", None)]),
])
def test_roles_apposition(nlp, text, expected):
    if "Mr Daly" in text:
        text = "Mark Daly spoke first. " + text
    found = [(r[0], r[1].split()[-1], r[2], r[3]) for r in roles_by_name(nlp, text)]
    for role in expected:
        if role[2] is None:
            assert any(f[0] == role[0] and f[1] == role[1] and f[3] == role[3] for f in found), found
        else:
            assert role in found, found


@pytest.mark.parametrize(("text", "person", "title"), [
    ("Mr Gill, who joined the board in 2010, was confirmed as Harbour Trust chair in June.",
     "Gill", "chair"),
    ("As party treasurer, Ms Novak has overseen three elections.", "Novak", "treasurer"),
])
def test_roles_copula_and_as(nlp, text, person, title):
    found = roles_by_name(nlp, text)
    assert any(r[0] == person and r[1].endswith(title) for r in found), found


@pytest.mark.parametrize("text", [
    "The committee met on Tuesday and Jane Roe attended as an observer of the talks.",
    "Tom Baker said the chair was broken.",
])
def test_roles_none_without_a_title(nlp, text):
    found = roles_by_name(nlp, text)
    assert not any(r[1] == "chair" for r in found), found


@pytest.mark.parametrize(("text", "expected"), [
    # a lower-case organisation noun before the title: the article's body of that kind
    ("Bramford District Council met on Monday. Council leader Owen Pryce said the budget was "
     "tight.", ("Owen Pryce", "leader", "Bramford District Council", None)),
    ("The Bramford District Council vote is due. Deputy council leader Asha Rahman spoke.",
     ("Asha Rahman", "leader", "Bramford District Council", "deputy")),
    # "of the council", "the union's", "its": the owner of the title
    ("The Rail and Transport Workers Union backed the strike. Leo Marsh, the union's regional "
     "secretary, said members were angry.",
     ("Leo Marsh", "regional secretary", "Rail and Transport Workers Union", None)),
    ("Ferncliffe Town Council approved the plan. Nadia Cole, the deputy leader of the council, "
     "voted against it.", ("Nadia Cole", "leader", "Ferncliffe Town Council", "deputy")),
    # no such organisation named: the article's own words
    ("Council leader Owen Pryce said the budget was tight.",
     ("Owen Pryce", "leader", "council", None)),
])
def test_roles_organisation_from_common_noun(nlp, text, expected):
    found = [r[:4] for r in roles_by_name(nlp, text)]
    assert expected in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # a verb of office
    ("Dana Price, who chairs the Millbrook Residents Association, said the road was unsafe.",
     ("Dana Price", "chair", "Millbrook Residents Association", None)),
    # a title with a person in apposition, its organisation from "its"
    ("The Elmwood Heritage Society opposed the scheme. Its chair, Gwen Tapley, said the hall "
     "must stay.", ("Gwen Tapley", "chair", "Elmwood Heritage Society", None)),
    # a title phrase opening the sentence
    ("A former Green MP for Dorset, Mr Hollis joined the board in 2010.",
     ("Hollis", "MP", "Green", "former")),
    # occupations are roles without an organisation
    ("Mr Penrose, a retired surveyor, led the protest.",
     ("Penrose", "surveyor", None, "retired")),
    ("Former harbourmaster Jim Tull watched from the quay.",
     ("Jim Tull", "harbourmaster", None, "former")),
])
def test_roles_verbs_appositions_and_occupations(nlp, text, expected):
    found = [r[:4] for r in roles_by_name(nlp, text)]
    assert expected in found, found


@pytest.mark.parametrize("text", [
    # a nationality adjective before a title is no organisation
    "Among them was Sam Roth, the Jewish head of the campaign.",
])
def test_roles_adjective_is_no_organisation(nlp, text):
    found = roles_by_name(nlp, text)
    assert found and all(r[2] != "Jewish" for r in found), found


@pytest.mark.parametrize(("text", "published", "date"), [
    ("Ms Harte was elected chair of the Ashford Rowing Club in March.", "2021-07-01", "2021-03"),
    ("Mr Doyle was confirmed as party treasurer in June.", "2020-09-14", "2020-06"),
])
def test_roles_date_from_the_clause(nlp, text, published, date):
    doc = nlp(text)
    doc.user_data["published"] = published
    roles = analyse(doc).roles
    assert [r.date for r in roles] == [date], roles


def test_roles_undated_without_a_verb_of_appointment(nlp):
    doc = nlp("Ms Harte, the club chair, spoke in March.")
    assert all(r.date is None for r in analyse(doc, "2021-07-01").roles)


# -- a plural title beside a list of names: each holder, in order ------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("The appeal was signed by Anna Ruiz, Tom Baker and Li Wei, the leaders of the Green, "
     "Labour and Liberal parties respectively.",
     [("Anna Ruiz", "leader", "Green party"), ("Tom Baker", "leader", "Labour party"),
      ("Li Wei", "leader", "Liberal party")]),
    ("Ministers Karl Engel and Rosa Diaz, the heads of the finance and interior ministries, "
     "signed the pact.",
     [("Karl Engel", "head", "finance ministry"), ("Rosa Diaz", "head", "interior ministry")]),
    ("They included Professor Sam Cole, dean of the law school, and Drs Maya Finch and Omar "
     "Haddad, directors of the Harbour and Valley clinics.",
     [("Sam Cole", "dean", "law school"), ("Maya Finch", "director", "Harbour clinic"),
      ("Omar Haddad", "director", "Valley clinic")]),
])
def test_roles_plural_title_is_shared_out_in_order(nlp, text, expected):
    found = [r[:3] for r in roles_by_name(nlp, text)]
    for role in expected:
        assert role in found, found
    # nobody keeps the plural, and nobody gets another holder's organisation
    assert not any(title.endswith("s") and title != "boss" for _, title, _ in found), found
    holders = {name: org for name, title, org in found if title in {"leader", "head",
                                                                    "director"}}
    assert holders == {name: org for name, _, org in expected if name in holders}


def test_roles_plural_title_with_one_organisation_goes_to_each(nlp):
    text = ("Councillors Ruth Ames and Paul Kerr, members of the harbour board, voted against "
            "the plan.")
    found = [r[:3] for r in roles_by_name(nlp, text)]
    assert ("Ruth Ames", "member", "harbour board") in found, found
    assert ("Paul Kerr", "member", "harbour board") in found, found


def test_roles_plural_title_lists_of_unequal_length_give_no_organisation(nlp):
    text = ("Joan Pike and Victor Lund, leaders of the Green, Labour and Liberal parties, "
            "met on Friday.")
    found = [r[:3] for r in roles_by_name(nlp, text)]
    assert ("Joan Pike", "leader", None) in found and ("Victor Lund", "leader", None) in found
    assert not any(org for _, title, org in found if title == "leader"), found


def test_roles_a_name_with_its_own_apposition_is_not_in_the_list(nlp):
    text = ("They included Rabbi Ezra Klein, vice-chair of the council, and Rabbis Ada Voss and "
            "Ben Tal, leaders of the Reform and Liberal movements.")
    found = [r[:3] for r in roles_by_name(nlp, text)]
    assert ("Ezra Klein", "vice-chair", "council") in found, found
    assert not any(name == "Ezra Klein" and title == "leader" for name, title, _ in found)
    assert ("Ada Voss", "leader", "Reform movement") in found, found
    assert ("Ben Tal", "leader", "Liberal movement") in found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Slovenian Finance Minister Andrej Novak said the euro was ready.",
     ("Andrej Novak", "Finance Minister", None)),
    ("Supreme Commander Boon Niem met the king on Friday.", ("Boon Niem", "Commander", None)),
    # a one-word organisation stays one
    ("Labour MP Frank Osei said no.", ("Frank Osei", "MP", "Labour")),
])
def test_roles_a_nationality_or_rank_word_is_no_organisation(nlp, text, expected):
    found = [r[:3] for r in roles_by_name(nlp, text)]
    assert expected in found, found
