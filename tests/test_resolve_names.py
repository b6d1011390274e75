"""Name normalisation for cross-article matching."""

from __future__ import annotations

import pytest

from newsgraph.resolve.names import (
    acronym_form,
    ends_as_organisation,
    first_name_match,
    fold,
    given_names_match,
    initials_of,
    is_adjective_or_place_word,
    is_nickname_of,
    long_form_key,
    org_key,
    parse_person,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë O’Brien", "zoe obrien"),
        ("ZOE O'BRIEN", "zoe obrien"),
        ("Anne\u2011Marie Duval", "anne-marie duval"),  # non-breaking hyphen
        ("Anne\u2013Marie Duval", "anne-marie duval"),  # en dash
        ("Harbour Trust’s", "harbour trust"),
        ("the Joneses'", "the joneses"),
        ("  Dr.   Ola  Nwosu ", "dr ola nwosu"),
        ("ﬁnn Ødegård", "finn ødegard"),  # NFKC ligature; ø has no combining mark
        ("Straße", "strasse"),
    ],
)
def test_names_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("name", "given", "surname", "suffix", "gender"),
    [
        ("Mr Tomas Berg", ("tomas",), "berg", None, "m"),
        ("Mrs Berg", (), "berg", None, "f"),
        ("J. F. Kennedy", ("j", "f"), "kennedy", None, None),
        ("J.F. Kennedy", ("j", "f"), "kennedy", None, None),
        ("Martin Luther Okafor Jr.", ("martin", "luther"), "okafor", "jr", None),
        ("Lucie de la Fontaine", ("lucie",), "de la fontaine", None, None),
        ("De Gaulle", (), "de gaulle", None, None),
        ("Al Fenwick", ("al",), "fenwick", None, None),
        ("Professor Ines Ruiz-Vega", ("ines",), "ruiz-vega", None, None),
    ],
)
def test_names_parse_person(name, given, surname, suffix, gender) -> None:
    person = parse_person(name)
    assert person is not None
    assert (person.given, person.surname, person.suffix, person.gender) == (
        given,
        surname,
        suffix,
        gender,
    )


@pytest.mark.parametrize(
    ("nickname", "name", "expected"),
    [
        ("pete", "peter", True),
        ("bill", "william", True),
        ("bob", "robert", True),
        ("peggy", "margaret", True),
        ("peter", "patrick", False),  # a name in its own right
        ("ian", "john", False),  # a distinct name, not a short form
        ("william", "bill", False),  # the wrong way round
        ("mark", "martha", False),
    ],
)
def test_names_is_nickname_of(nickname: str, name: str, expected: bool) -> None:
    assert is_nickname_of(nickname, name) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("bill", "william", "nickname"),
        ("j", "john", "initial"),
        ("john", "john", "same"),
        ("jane", "john", None),
        ("j", "kate", None),
    ],
)
def test_names_first_name_match(a: str, b: str, expected: str | None) -> None:
    assert first_name_match(a, b) == expected


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        (("john", "f"), ("john",), "middle-name"),
        (("j", "f"), ("john",), "initials"),
        (("j", "f"), ("john", "fitzgerald"), "initials"),
        (("pete",), ("peter",), "nickname"),
        (("john", "f"), ("john", "b"), None),
        (("jane",), ("john",), None),
        ((), ("john",), None),
    ],
)
def test_names_given_names_match(a, b, rule) -> None:
    assert given_names_match(a, b) == rule


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Jewish Labour Movement", "jlm"),
        ("Campaign for the Protection of Rural Wales", "cprw"),
        ("Bank of England", "be"),
        ("Harbour Trust and Pilots' Guild", "htpg"),
        ("Oxfam", None),  # one word has no acronym
        ("JLM", None),  # an acronym is not a long form
    ],
)
def test_names_initials_of(name: str, initials: str | None) -> None:
    assert initials_of(name) == initials


@pytest.mark.parametrize(
    ("name", "acronym"),
    [("JLM", "jlm"), ("J.L.M.", "jlm"), ("NHS", "nhs"), ("Nato", None), ("A", None),
     ("Jewish Labour Movement", None)],
)  # fmt: skip
def test_names_acronym_form(name: str, acronym: str | None) -> None:
    assert acronym_form(name) == acronym


@pytest.mark.parametrize(
    ("name", "key"),
    [("The Northfield Water Board", "northfield water board"), ("Dalton Mills Ltd.", "dalton mills"),
     ("Dalton Mills plc", "dalton mills"), ("The Ltd", "ltd")],
)  # fmt: skip
def test_names_org_key(name: str, key: str) -> None:
    assert org_key(name) == key


@pytest.mark.parametrize(
    ("a", "b", "same_key"),
    [
        ("Vardan Defence Forces", "Vardan Defense Force", True),
        ("Kaldor Health Organisation", "the Kaldor Health Organization", True),
        ("Asia-Rim Trade Centre", "Asia Rim Trade Center", True),
        ("Board of Harbour Pilots", "Board Harbor Pilots", True),
        ("Nordic Union", "Nordic Commission", False),
        ("Nordic Union", "Nordic Union Commission", False),
        ("Varland Council", "Varland Congress", False),
    ],
)
def test_resolve_names_long_form_key_spelling_variants(a, b, same_key) -> None:
    assert long_form_key(a) and (long_form_key(a) == long_form_key(b)) is same_key


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Ostrian", True), ("Korvese", True), ("Valdish", True), ("Thai", True),
        ("Northern", True), ("National", True),
        ("Brackwell", False), ("Kestrel", False), ("Labour", False), ("Oman", False),
        ("Greyline Group", False),
    ],
)
def test_resolve_names_adjective_or_place_word(word, expected) -> None:
    assert is_adjective_or_place_word(word) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Korvia Society", True), ("Korvia Defence Forces", True), ("Korvia", False),
     ("New Korvia", False), ("Korvia City", False)],
)
def test_resolve_names_ends_as_organisation(name, expected) -> None:
    assert ends_as_organisation(name) is expected
