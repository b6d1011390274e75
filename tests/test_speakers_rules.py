"""Speaker rules of issue 16 on multi-speaker wire copy: a relay ('according to Y') that
reports someone else's words, hyphenated titled names, untagged quoted words carried from
the previous paragraph. Sentences are rephrased wire copy, positives and negatives."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Quote
from newsgraph.nlp.entities import hyphen_joins


def analysed(analyzer, text: str) -> list[Quote]:
    return list(analyzer.analyse(Article(id="t", text=text)).quotes)


def speaker_of(analyzer, text: str, words: str) -> tuple[str | None, str | None]:
    """(name, description) of the speaker of the tightest quotation holding ``words``."""
    found = sorted((q for q in analysed(analyzer, text) if words in q.text),
                   key=lambda q: q.end - q.start)
    assert found, [q.text for q in analysed(analyzer, text)]
    speaker = found[0].speaker
    return (speaker.name, speaker.description) if speaker else (None, None)


@pytest.mark.parametrize(("text", "words", "name"), [
    # a reporting noun inside a relay
    ("Inspectors pointed to breaches at state plants, such as senior environment official "
     "Pavel Orlov's claim on Monday that \"grave breaches of the law\" had been found at "
     "company sites, according to Itar-Tass.", "grave breaches of the law", "Pavel Orlov"),
    # a speech verb inside a relay
    ('Foreign Minister Dora Banda said "the talks are over" after the meeting, according to '
     "state radio.", "the talks are over", "Dora Banda"),
])
def test_speakers_relay_yields_to_the_speaker_inside(analyzer, text, words, name):
    assert speaker_of(analyzer, text, words)[0] == name


def test_speakers_relay_alone_keeps_its_source(analyzer):
    text = ('The strike will go on "until the last worker is paid," according to union '
            "leader Ann Bell.")
    assert speaker_of(analyzer, text, "last worker is paid")[0] == "Ann Bell"


def test_speakers_relay_stays_a_report_of_its_own(analyzer):
    text = ('According to Reuters, aide Tom Weller said on Friday that "the governor would sign '
            'the bill if it reached her desk."')
    quotes = analysed(analyzer, text)
    assert any(q.cue and q.cue.text == "According to" for q in quotes)
    assert speaker_of(analyzer, text, "would sign the bill")[0] == "Tom Weller"


@pytest.mark.parametrize(("text", "name"), [
    ('"The market is stable now," said Kuwaiti Oil Minister Sheikh Ali Jarrah al-Sabah.',
     "Ali Jarrah al-Sabah"),
    ('"We will hold the line," said Mr Sami bin-Talal.', "Sami bin-Talal"),
])
def test_speakers_hyphen_inside_a_titled_name_joins_it(analyzer, text, name):
    assert analysed(analyzer, text)[0].speaker.name == name


@pytest.mark.parametrize(("text", "joins"), [
    ("Sheikh Ali al-Sabah spoke.", True),
    ("Mr Hale - Ward spoke.", False),  # spaced dash: two things
    ("Mr Hale-based firms spoke.", False),  # lower-case word after it
])
def test_speakers_hyphen_joins(nlp, text, joins):
    doc = nlp(text)
    hyphens = [t.i for t in doc if t.text == "-"]
    assert hyphens and hyphen_joins(doc, hyphens[0]) is joins


def test_speakers_untagged_words_carried_from_previous_paragraph(analyzer):
    text = ("Archbishop Martin Hale said the world should set politics aside when it decides who "
            "deserves help.\n\n"
            "For the refugees, that meant a long history as \"unwelcome guests in other "
            'people\'s lands" and the weight of the present crisis.')
    assert speaker_of(analyzer, text, "unwelcome guests")[0] == "Martin Hale"
    quote = next(q for q in analysed(analyzer, text) if "unwelcome guests" in q.text)
    assert quote.speaker_via == "previous paragraph, no tag"
    assert quote.speaker_confidence is not None and quote.speaker_confidence < 0.7


@pytest.mark.parametrize("second", [
    # a person of its own as a subject in the paragraph
    'Senator Lucy Amos described voters as "sick and tired of the same old promises".',
    # a source of its own
    'Proxies are not allowed when voting "to fill a vacancy on the national ticket", per the '
    "party rules.",
    # a capitalised title
    'The bill, known as the "Fair Pay For Hospital Cleaners Act", passed on Tuesday.',
])
def test_speakers_untagged_words_not_carried_over_another_source(analyzer, second):
    text = ("Archbishop Martin Hale said the world should set politics aside when it decides who "
            f"deserves help.\n\n{second}")
    quoted = second.split('"')[1].strip(",")
    found = [q for q in analysed(analyzer, text) if quoted[:20] in q.text]
    assert all(q.speaker is None or q.speaker.name != "Martin Hale" for q in found)


# -- "the agency quoted X as saying": X spoke, the agency passes it on ----------------------
@pytest.mark.parametrize(("text", "words", "name"), [
    ('Former board chief Ravi Menon rejected the charges.\n\n"They never read my report," '
     "the Daily Courier quoted him as saying.", "never read my report", "Ravi Menon"),
    ("The state news agency quoted Defence Minister Omar Farouk as saying that the troops "
     "would stay.", "the troops would stay", "Omar Farouk"),
    ('The Daily Courier quoted Menon as saying: "The board is biased."', "board is biased",
     "Menon"),
])
def test_speakers_quoted_as_saying_gives_the_one_quoted(analyzer, text, words, name):
    assert speaker_of(analyzer, text, words)[0] == name


def test_speakers_quoted_as_saying_unnamed_source_stays_unnamed(analyzer):
    text = "The paper quoted a senior official as saying the talks had collapsed."
    assert speaker_of(analyzer, text, "talks had collapsed") == (None, "a senior official")
    # the report is the official's words, not the paper quoting the official
    assert not any("as saying" in q.text for q in analysed(analyzer, text))


def test_speakers_quote_without_as_saying_keeps_its_subject(analyzer):
    # no "as saying": the one who quotes is the speaker, never the object quoted
    text = 'Minister Lea Brandt quoted the report to reporters: "Costs will double by 2030."'
    assert speaker_of(analyzer, text, "Costs will double")[0] == "Lea Brandt"


# -- a place or day word after the speaker's name is not part of it ------------------------
@pytest.mark.parametrize(("text", "words", "expected"), [
    ("Cyprus here Monday denied that it had blocked the talks.", "blocked the talks",
     ("Cyprus", None)),
    ("Police there said the coast road was closed until further notice.", "coast road",
     (None, "Police")),
])
def test_speakers_place_and_day_words_after_a_name_are_cut(analyzer, text, words, expected):
    assert speaker_of(analyzer, text, words) == expected


def test_speakers_prepositional_name_parts_stay(analyzer):
    # "of" still continues a name: the speaker is the whole office
    text = "The Office of the Prime Minister said the visit would go ahead."
    name, description = speaker_of(analyzer, text, "visit would go ahead")
    assert "Prime Minister" in (name or description or ""), (name, description)


def test_speakers_no_half_bracket_in_a_source(analyzer):
    text = ("Output will grow by 9 percent next year, according to the latest report from the "
            "State Statistics Centre (SSC), a think tank in the capital.")
    _, description = speaker_of(analyzer, text, "grow by 9 percent")
    assert description is not None and description.endswith("State Statistics Centre")
    text = "The Harbour Board (HB) said fees would rise in spring."
    assert speaker_of(analyzer, text, "fees would rise")[0] == "Harbour Board"
