"""Quoted stretches found from quotation marks alone, on real-looking news text."""

from __future__ import annotations

import pytest

from newsgraph.nlp.quotemarks import Quoted, find_quoted


def contents(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


def pieces(text: str, q: Quoted) -> list[str]:
    return [text[s:e] for s, e in q.pieces]


def nested(text: str, q: Quoted) -> list[str]:
    return [text[s:e] for s, e in q.nested]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight and curly pairs
        ('The minister said "we will not back down" on Tuesday.', ["we will not back down"]),
        ("The minister said “we will not back down” on Tuesday.", ["we will not back down"]),
        # mixed and unbalanced pairs
        ("She called it “hardcore\" denial of the facts.", ["hardcore"]),
        ('He said "the party is finished…” and left the room.', ["the party is finished…"]),
        ('“Not now," the senator replied.', ["Not now,"]),
        ("The “softcore“ version is spreading, she warned.", ["softcore"]),
        # a speech tag in the middle leaves two stretches
        ('"We are ready," he tweeted. "The vote is on Monday."',
         ["We are ready,", "The vote is on Monday."]),
        # brackets and ellipses stay inside the content
        ("“A former mayor [Tom Baker] said it … twice,” she said.",
         ["A former mayor [Tom Baker] said it … twice,"]),
        ('He wrote: "This is not hostile [sic] at all."', ["This is not hostile [sic] at all."]),
        # whitespace just inside the marks is not content
        ('The aide said " no comment " and hung up.', ["no comment"]),
        # '' used as a double mark (newspaper style), also three apostrophes in a row
        ("''We're in a bubble,'' the developer said.", ["We're in a bubble,"]),
        ("''I told him, 'The lesson is clear,''' the envoy recalled.",
         ["I told him, 'The lesson is clear,'"]),
        # no quotation at all: apostrophes only
        ("It’s Lansman’s view that the ’90s were different.", []),
        ("They played rock ’n’ roll at the Smiths’ house until late.", []),
        ("They played rock 'n' roll in the '80s at the Joneses' farm.", []),
        ("The party's chair won't say if Labour's rules changed.", []),
        # British top-level single quotes, and headline scare quotes
        ("‘We will fight on,’ she said after the count.", ["We will fight on,"]),
        ("‘The Smiths’ house is not for sale,’ the agent said.",
         ["The Smiths’ house is not for sale,"]),
        ("Trump calls rival 'weak' at Ohio rally", ["weak"]),
        ("Council to ‘Turn Away’ from ‘Boasters’ and ‘Doubters’ in vote",
         ["Turn Away", "Boasters", "Doubters"]),
        # a stray mark does not swallow the next quotation
        ('The 6\'2" forward scored twice. "We won," the coach said.', ["We won,"]),
    ],
)
def test_quotemarks_contents(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_quotemarks_offsets_exclude_marks() -> None:
    text = 'He said "no" twice.'
    (q,) = find_quoted(text)
    assert (q.start, q.end) == (9, 11)
    assert q.open_mark == (8, 9) and q.close_mark == (11, 12)
    assert q.pieces == ((9, 11),)


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n \n"])
def test_quotemarks_reopened_paragraphs_make_one_quote(gap: str) -> None:
    text = gap.join([
        'He told the radio host: "Is there a problem with the budget? Yes there is.',
        '"Are we fixing it? Yes we are.',
        '"And I already see the first results."',
        "The host moved on.",
    ])
    (q,) = find_quoted(text)
    assert pieces(text, q) == [
        "Is there a problem with the budget? Yes there is.",
        "Are we fixing it? Yes we are.",
        "And I already see the first results.",
    ]
    assert q.close_mark is not None and text[q.close_mark[0]] == '"'
    assert text[q.start:q.end].startswith("Is there") and text[q.start:q.end].endswith("results.")


def test_quotemarks_unclosed_quote_ends_with_its_paragraph() -> None:
    text = ('The mayor promised "a full review of the contracts\n'
            'The opposition was not convinced.\n'
            '"It is a whitewash," said one councillor.')
    found = find_quoted(text)
    assert [text[q.start:q.end] for q in found] == [
        "a full review of the contracts", "It is a whitewash,"]
    assert found[0].close_mark is None and found[1].close_mark is not None


def test_quotemarks_unclosed_quote_not_joined_to_next_unquoted_paragraph() -> None:
    text = 'She said "this is wrong.\nOfficials "disagreed" later.'
    assert contents(text) == ["this is wrong.", "disagreed"]


def test_quotemarks_stray_opener_inside_quote_keeps_later_quote() -> None:
    text = 'He said “it was bad. “We will fight,” she replied.'
    assert contents(text) == ["it was bad.", "We will fight,"]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("“They said antisemitism was ‘widespread and severe’. ‘Widespread and severe’ "
         "they said,” he told members.", ["widespread and severe", "Widespread and severe"]),
        ("“I asked for evidence that it is ''widespread and severe'\", he tweeted.",
         ["widespread and severe"]),
        ('"My friends tell me, \'Vote for him,\' but I cannot," she said.', ["Vote for him,"]),
        ("“It’s the Smiths’ problem, not ours,” she said.", []),
    ],
)
def test_quotemarks_nested_single_quotes(text: str, inner: list[str]) -> None:
    (q,) = find_quoted(text)
    assert nested(text, q) == inner


def test_quotemarks_british_quote_holds_double_quote() -> None:
    text = "‘He told me “no” twice,’ she said."
    (q,) = find_quoted(text)
    assert text[q.start:q.end] == "He told me “no” twice,"
    assert nested(text, q) == ["no"]


def test_quotemarks_one_bad_paragraph_keeps_the_others() -> None:
    paragraphs = [f'"Point {n} stands," the report said.' for n in range(5)]
    paragraphs.insert(2, 'An odd " mark and a “ stray and ” another.')
    text = "\n".join(paragraphs)
    found = contents(text)
    assert [f"Point {n} stands," for n in range(5)] == [c for c in found if c.startswith("Point")]


def test_quotemarks_empty_text_and_empty_quotes() -> None:
    assert find_quoted("") == []
    assert find_quoted('He said "" and nothing else.') == []
