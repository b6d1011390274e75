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
