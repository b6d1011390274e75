"""Direct and partial quotations: what counts as set off, the clause a quoted phrase
takes, and speakers carried on from a tag earlier in the paragraph."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.model import TextSpan
from newsgraph.nlp.attribution import LEXICON_ONLY
from newsgraph.nlp.base import LiteralResolver
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.quotes.candidates import verb_candidates
from newsgraph.nlp.quotes.clauses import clause_goes_on, governed_rest
from newsgraph.nlp.quotes.common import Region, trimmed
from newsgraph.nlp.quotes.headlines import headline_find
from newsgraph.nlp.quotes.regions import lead_in, quoted_between, quoted_regions
from newsgraph.nlp.quotes.speakers import fronted_adverbial, subject_of
from newsgraph.nlp.quotes.tags import (
    bare_tag_before,
    bare_tag_between,
    governing_cue,
    is_set_off,
    loose_tag_after,
    name_rest,
    quoted_title_end,
    tag_after,
    tag_closes_sentence,
    tag_words_speaker,
)


def quotes_of(nlp, text: str):
    """The rules alone (lexicon-only model): each test checks a rule, not learned weights."""
    return find_quotes(nlp(text), LiteralResolver(), LEXICON_ONLY)


def quote_with(nlp, text: str, words: str):
    found = [q for q in quotes_of(nlp, text) if words in q.text]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes_of(nlp, text)]
    return found[0]


def region_of(text: str, words: str) -> Region:
    start = text.index(words)
    return Region(pieces=((start, start + len(words)),), open_mark=start - 1)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ('Turnout was low. "We expected more," she said.', "We expected more,", ""),
        ('He said: "The budget is fair."', "The budget is fair.", "He said: "),
        ('Rain fell, and then he left "for good."', "for good.", "Rain fell, and then he left "),
    ],
)
def test_quotes_direct_lead_in_is_the_sentence_before_the_mark(text, words, expected):
    assert lead_in(text, region_of(text, words), 0) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "set_off"),
    [
        ('"We will appeal the ruling," the lawyer said.', "We will appeal the ruling,", True),
        ('The mayor told reporters: "The bridge reopens in May."', "The bridge reopens", True),
        ('The senator said, "Nobody on this committee saw the memo."', "Nobody on this", True),
        ('Asked about the vote, she told reporters "we have the numbers and we will win."',
         "we have the numbers and we will win.", True),
        ('The governor called the report "deeply flawed."', "deeply flawed.", False),
        ('He said the plan was "a disaster for working families."', "a disaster for", False),
        ('The deal, she said, was "a very good outcome for all of us."', "a very good", False),
        ('The minister apologised "unreservedly" on Tuesday.', "unreservedly", False),
        ('Some members were angry ("We want our money back," one wrote).',
         "We want our money back,", True),
        ('She called the plan unserious - "We need to see the details first," she said.',
         "We need to see the details first,", True),
        ('He had one word for the plan - "reckless".', "reckless", False),
    ],
)
def test_quotes_direct_is_set_off(nlp, text, words, set_off):
    assert is_set_off(nlp(text), region_of(text, words), 0) is set_off


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "clause_start", "speaker"),
    [
        ('The challenger questioned the mayor\'s "city values" and her record on crime.',
         "city values", "the mayor's", "The challenger"),
        ('Local voters need leaders "who will fix the roads and the schools," the candidate '
         "said.", "who will fix", "Local voters", "the candidate"),
        ("The union's leader called the offer \"an insult to every nurse.\"", "an insult",
         "the offer", "The union's leader"),
    ],
)
def test_quotes_direct_partial_takes_its_clause(nlp, text, words, clause_start, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.kind == "partial"
    assert quote.text.startswith(clause_start)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"Prices will keep rising this year," the economist said.', "Prices will keep"),
        ('The chairman wrote: "We have no plans to sell the club."', "We have no plans"),
        ('"It is over," said Tom Reed, a former aide to the governor. "We lost."', "It is over"),
    ],
)
def test_quotes_direct_set_off_content_is_the_quotation(nlp, text, words):
    quote = quote_with(nlp, text, words)
    assert quote.kind == "direct"
    assert text[quote.start:quote.end].startswith(words)


@pytest.mark.slow
def test_quotes_direct_later_sentence_keeps_the_paragraph_speaker(nlp):
    text = ('The treasurer added that the fund was in good shape. "We have never had more '
            'money in the bank than we do now."')
    quote = quote_with(nlp, text, "We have never had")
    assert quote.speaker is not None and quote.speaker.mention.text == "The treasurer"


@pytest.mark.slow
def test_quotes_direct_tag_with_long_apposition_joins_pieces(nlp):
    text = ('"The troops are not the answer," Anna Berg, the deputy adviser on security, said '
            'Sunday. "Diplomacy is."')
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(quote.spans) == 2
    assert quote.speaker is not None and quote.speaker.mention.text == "Anna Berg"


@pytest.mark.slow
def test_quotes_direct_words_before_tag_block_joining(nlp):
    text = ('Her "excesses" are troubling, the president said on Monday, noting that rivals '
            'were "very worried."')
    quotes = quotes_of(nlp, text)
    assert not any(len(q.spans) > 1 and "excesses" in q.text and "worried" in q.text
                   for q in quotes)


@pytest.mark.slow
def test_quotes_direct_unattributed_story_quote_has_no_speaker(nlp):
    text = 'The night ended quietly. "Nothing else happened after the lights went out."'
    quote = quote_with(nlp, text, "Nothing else happened")
    assert quote.speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ('"We need a recount," Maria Lopez said, adding that the count was "full of holes '
         'and simply wrong."', "We need a recount", "full of holes"),
        ('"The vote was rigged," the senator said, before adding, "We will go to court over '
         'this."', "The vote was rigged", "We will go to court"),
    ],
)
def test_quotes_direct_tag_with_content_of_its_own_does_not_join(nlp, text, first, second):
    quotes = quotes_of(nlp, text)
    assert not any(first in q.text and second in q.text for q in quotes), [
        q.text for q in quotes]
    assert any(second in q.text for q in quotes)


@pytest.mark.slow
def test_quotes_direct_bare_tag_still_joins(nlp):
    text = '"We need a recount," Maria Lopez said on Friday. "The count was simply wrong."'
    (quote,) = [q for q in quotes_of(nlp, text) if "recount" in q.text]
    assert len(quote.spans) == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('Talks stalled. "We will not give in to pressure from anyone," he retaliated.',
         "he", "retaliated"),
        ('Talks stalled. "Nobody here believes a word of it," Ruth Meyer fired back.',
         "Ruth Meyer", "fired"),
        ('Talks stalled. "Nobody here believes a word of that plan", she cracked.',
         "she", "cracked"),
    ],
)
def test_quotes_direct_tag_with_unlisted_verb(nlp, text, speaker, cue):
    quote = quote_with(nlp, text, "Nobody" if "Nobody" in text else "We will")
    assert quote.speaker is not None and quote.speaker.mention.text == speaker
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        'Talks stalled. "Nobody here believes a word of it," Ruth Meyer left the room.',
        'Talks stalled. "Nobody here believes a word of it." Ruth Meyer left.',
    ],
)
def test_quotes_direct_narration_after_quotation_is_no_tag(nlp, text):
    quote = quote_with(nlp, text, "Nobody")
    assert quote.speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ('Harris: Budget Plan Is "Dead on Arrival" in the Senate.\n\nThe senator spoke on '
         "Monday.", "Harris", 'Budget Plan Is "Dead on Arrival" in the Senate'),
        ("Jane Okafor on Trade: Tariffs Will Hurt Farmers Most.\n\nShe spoke on Monday.",
         "Jane Okafor", "Tariffs Will Hurt Farmers Most"),
    ],
)
def test_quotes_direct_headline_credits_the_name_before_its_colon(nlp, text, speaker, content):
    (quote,) = [q for q in quotes_of(nlp, text) if q.start < text.index("\n")]
    assert quote.speaker is not None and quote.speaker.mention.text == speaker
    assert text[quote.start:quote.end] == content


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The latest news of the day: Three towns vote first.\n\nPolls opened at midnight.",
        "Turnout was high in the north: voters queued for hours.\n\nPolls closed late.",
    ],
)
def test_quotes_direct_headline_without_a_name_credits_nobody(nlp, text):
    assert not any(q.start < text.index("\n") for q in quotes_of(nlp, text))


@pytest.mark.slow
def test_quotes_direct_relative_pronoun_is_the_mention_and_antecedent_the_name(nlp):
    text = 'The bill was backed by Mary Stone, who said "it will finally fix the roads."'
    quote = quote_with(nlp, text, "it will finally")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "who"
    assert quote.speaker.name == "Mary Stone"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The governor paused for a moment. She continued, “Nobody in this state will be "
         "left behind by the recovery.”", "Nobody in this state", "She"),
        ("Okafor grinned, switching to a mock drawl, “Y'all know I was never going to "
         "lose that county.”", "never going to lose", "Okafor"),
        ("When Delgado finally stepped down from the stage — “Thank you all, and good "
         "night to every one of you” — the hall erupted.", "Thank you all", "Delgado"),
        ("The panel went on for an hour.\n\nMarsh: “Our schools need money, not more "
         "promises from Washington.”", "Our schools need money", "Marsh"),
        ("The senator took questions for an hour.\n\nHe went on:\n\n“We can fix this "
         "if both parties sit down and do the work.”", "We can fix this", "He"),
    ],
)
def test_quotes_direct_bare_tag_before_names_the_speaker(nlp, text, words, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("He picked up the novel, “The Long Winter of Our Quiet Discontent.”", "Long Winter"),
        ("It continued, “Members must renew their cards before the end of the year.”",
         "Members must renew"),
        ("The crowd that Reyes drew grew restless, “We want change now, not later!”",
         "We want change"),
    ],
)
def test_quotes_direct_narration_before_a_title_names_no_speaker(nlp, text, words):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We did everything we could,” he continued, “and the voters will judge us "
         "on that record.”", "he"),
        ("“We did everything we could,” Lopez smiled. “The voters will judge us on that "
         "record now.”", "Lopez"),
    ],
)
def test_quotes_direct_bare_tag_between_pieces_joins_them(nlp, text, speaker):
    (quote,) = quotes_of(nlp, text)
    assert len(quote.spans) == 2
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("“Getting the county lists early gives us a real edge this time,” said Pruitt, "
         "explaining he had worked with both teams before.", "county lists", "Pruitt"),
        ("“What if the mayor had taken speech lessons?” the 52-year-old asked in the "
         "caption.", "speech lessons", "the 52-year-old"),
    ],
)
def test_quotes_direct_tag_speaker_read_from_word_order_when_parse_misses(
    nlp, text, words, speaker
):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
def test_quotes_direct_tag_followed_by_a_day_names_no_speaker(nlp):
    text = "“We will keep fighting for every single vote in this state,” said Monday."
    assert quote_with(nlp, text, "every single vote").speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "pieces", "speaker"),
    [
        ('The mayor has stood by the budget, which she described on Monday as "the only '
         'honest plan".', "the only honest plan", ["which", 'as "the only honest plan'], "she"),
        ('The senator took aim at his rival, whom he called "a weathervane in a suit".',
         "a weathervane in a suit", ["whom", "a weathervane in a suit"], "he"),
        ('Crowds gathered by the new tower, which the council leader dubbed "a beacon for the '
         'town".', "a beacon for the town", ["which", "a beacon for the town"],
         "the council leader"),
        # a free relative: 'what' stands for the thing labelled
        ('The port closed for a week, in what the harbour master called "a slow-motion '
         'disaster."', "a slow-motion disaster", ["what", "a slow-motion disaster"],
         "the harbour master"),
        ('Residents hope to shake off what the mayor called "a reputation for rust."',
         "a reputation for rust", ["what", "a reputation for rust"], "the mayor"),
    ],
)
def test_quotes_direct_label_in_relative_clause_is_the_pronoun_and_label(
        nlp, text, words, pieces, speaker):
    """The relative pronoun stands for what is labelled; the clause's subject and verb are
    the narration's: the content is the pronoun and the label phrase."""
    quote = quote_with(nlp, text, words)
    assert quote.kind == "partial"
    assert [text[s:e].strip("\"“”.") for s, e in quote.spans] == pieces
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "clause_start"),
    [
        ('The minister, who called the offer "an insult to every nurse," stepped down.',
         "an insult", "the offer"),
        ('The coach described the defeat as "a wake-up call for the whole club".',
         "a wake-up call", "the defeat"),
    ],
)
def test_quotes_direct_label_of_a_named_thing_keeps_it(nlp, text, words, clause_start):
    quote = quote_with(nlp, text, words)
    assert quote.kind == "partial"
    assert quote.text.startswith(clause_start)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the parser takes the quoted words as the subject: the speaker is the name after them
        ('"Very fine work, very fine work by this crew," Ms. Okafor, the harbour master, said.',
         "Very fine work", "Ms. Okafor"),
        ('"My dear friends," the mayor says to the crowd.', "My dear friends", "the mayor"),
    ],
)
def test_quotes_direct_speaker_is_never_inside_the_quotation(nlp, text, words, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    "opening",
    ["But", "And", "Still,"],
)
def test_quotes_direct_connective_keeps_the_sentence_speaker(nlp, opening):
    text = (f'"We will not sell the yard," Ms. Varga said on the quay. {opening} "the offer '
            'was generous and we thank them for it."')
    quote = quote_with(nlp, text, "the offer was generous")
    assert quote.speaker is not None and quote.speaker.mention.text == "Ms. Varga"


@pytest.mark.slow
def test_quotes_direct_narration_before_a_quote_keeps_it_unattributed(nlp):
    text = ('"We will not sell the yard," Ms. Varga said on the quay. Across town the '
            'union printed leaflets that read "no sale without a vote, not now, not ever."')
    quote = quote_with(nlp, text, "no sale without a vote")
    assert quote.speaker is None or quote.speaker.mention.text != "Ms. Varga"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "tagged"),
    [
        ('"The budget is a disgrace," the mayor said on Monday.',
         "The budget is a disgrace,", True),
        ('The mayor called the budget "a disgrace" and said the council would vote again.',
         "a disgrace", False),
        ('Critics called him "reckless" but said he could stay until the summer.',
         "reckless", False),
        ('Speaking on the radio show "Good Day" on Friday, the mayor said the budget was '
         "balanced.", "Good Day", False),
    ],
)
def test_quotes_direct_tag_after_is_no_conjoined_verb(nlp, text, words, tagged):
    doc = nlp(text)
    cand_at = {c.cue.i: c for c in verb_candidates(doc)}
    assert (tag_after(doc, region_of(text, words), cand_at, len(text)) is not None) is tagged


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "lead", "fronted"),
    [
        ("Asked about the strike, the union leader said", "Asked about the strike,", True),
        ("In a statement on Friday, the company said", "In a statement on Friday,", True),
        ("When pressed on the timing, she said", "When pressed on the timing,", True),
        ("Speaking to reporters, the coach said", "Speaking to reporters,", True),
        ("Of the new stadium, the coach said", "Of the new stadium,", False),
        ("There was, she said", "There was,", False),
        ("The deal, she said", "The deal,", False),
    ],
)
def test_quotes_direct_fronted_adverbial_before_a_tag(nlp, text, lead, fronted):
    doc = nlp(text)
    assert fronted_adverbial(doc.char_span(0, len(lead))) is fronted


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "joins"),
    [
        ('"We did everything we could," he continued, "and the voters will judge us."', True),
        ('"We did everything we could," he said, adding, "The voters will judge us."', False),
        ('"The plant will close in May," Reyes said, adding: "Nobody here saw it coming."',
         False),
    ],
)
def test_quotes_direct_bare_tag_between_is_no_speech_verb_of_its_own(nlp, text, joins):
    doc = nlp(text)
    cand_at = {c.cue.i: c for c in verb_candidates(doc)}
    first_end = text.index(",\"") + 1
    second_start = text.index("\"", first_end + 1) + 1
    found = bare_tag_between(doc, (first_end, second_start), cand_at)
    assert (found is not None) is joins


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ('"We will appeal," the lawyer said. "The verdict ignores the evidence," she added. '
         '"We are confident."', [1, 2]),
        ('"We will appeal," the lawyer said. "The verdict ignores the evidence." She left '
         "the court.", [2]),
        ('"We will appeal," the lawyer said. "The verdict ignores the evidence." Her client '
         'said: "I am innocent of all of it."', [2, 1]),
    ],
)
def test_quotes_direct_piece_with_its_own_tag_opens_a_new_quotation(nlp, text, groups):
    quotes = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [len(q.spans) for q in quotes] == groups


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "cue", "start", "content"),
    [
        ('She said that the plan was "badly flawed," and that the council would reject it.',
         "badly flawed,", "said", "that the plan",
         'that the plan was "badly flawed," and that the council would reject it'),
        ('Officials said the bridge was "perfectly safe," despite the cracks found last year.',
         "perfectly safe,", "said", "the bridge",
         'the bridge was "perfectly safe," despite the cracks found last year'),
        ('Officials said the bridge was "perfectly safe," he told the council.',
         "perfectly safe,", "said", "the bridge", 'the bridge was "perfectly safe'),
        ('The coach said the team was "in a tough spot," adding that two players were hurt.',
         "in a tough spot,", "said", "the team", 'the team was "in a tough spot'),
        ('He called the mayor "a disgrace" in a post on Sunday.', "a disgrace", "called",
         "the mayor", 'the mayor "a disgrace'),
        ('He pledged to be "the best friend farmers ever had" and toured a dairy farm.',
         "the best friend farmers ever had", "pledged", "to be",
         'to be "the best friend farmers ever had'),
        ('She said the vote was "a farce" - with a link to the results.', "a farce", "said",
         "the vote", 'the vote was "a farce'),
        ('She said the plan would "hurt the mills," while her rival said it would not.',
         "hurt the mills,", "said", "the plan", 'the plan would "hurt the mills'),
    ],
)
def test_quotes_direct_clause_goes_on_past_the_closing_mark(nlp, text, words, cue, start,
                                                            content):
    doc = nlp(text)
    reg = region_of(text, words)
    verb = next(t for t in doc if t.text == cue)
    begin = text.index(start)
    end = clause_goes_on(doc, reg, verb, begin, trimmed(text, begin, reg.end)[1], len(text))
    assert text[begin:end] == content


@pytest.mark.parametrize(
    ("rest", "is_name"),
    [
        ("Lt. Tyler Morgan.", True),
        ("Ann Cole.", True),
        ("Then the crowd cheered.", False),
        ("Smith agreed.", False),
        ("", False),
    ],
)
def test_quotes_direct_name_rest_split_off_a_tag(rest, is_name):
    assert name_rest(rest) is is_name


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ('"We will win this fight," the mayor told reporters on Friday, after the council '
         'announced the cuts. "We always do."', True),
        ('"We will win this fight," the mayor said, adding that the council had announced '
         'the cuts. "We always do."', False),
    ],
)
def test_quotes_direct_time_clause_in_a_tag_still_joins(nlp, text, joined):
    (quote,) = [q for q in quotes_of(nlp, text) if "win this fight" in q.text]
    assert (len(quote.spans) == 2) is joined


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('"We are shocked and saddened" by the attack on the market, the imam said on Sunday.',
         'We are shocked and saddened" by the attack on the market'),
        ('"We are shocked and saddened," the imam said on Sunday.',
         "We are shocked and saddened,"),
    ],
)
def test_quotes_direct_narration_before_a_later_tag_belongs_to_the_report(nlp, text, content):
    (quote,) = quotes_of(nlp, text)
    assert text[quote.start:quote.end] == content
    assert quote.speaker is not None and quote.speaker.mention.text == "the imam"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "after", "before", "between"),
    [
        ('Of the "special fund" he was blunt: "It is empty," the treasurer said.',
         "special fund", "the treasurer said", True),
        ('"It is empty," the treasurer said.', "It is empty", "the treasurer said", False),
    ],
)
def test_quotes_direct_quoted_between_a_quotation_and_a_later_tag(nlp, text, after, before,
                                                                 between):
    doc = nlp(text)
    start = text.index(after) + len(after)
    assert quoted_between(doc, start, text.index(before)) is between


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "cue", "content"),
    [
        ('The senator told the Post on Friday he was "not quite there yet" on the plan.',
         "not quite there yet", "told", 'he was "not quite there yet'),
        ('The campaign called the report "a rush to judgment" because votes can change.',
         "a rush to judgment", "called", 'the report "a rush to judgment'),
        ('She smiled as the crowd chanted "four more years" at the rally.', "four more years",
         "smiled", None),
    ],
)
def test_quotes_direct_governed_rest_runs_from_the_cue(nlp, text, words, cue, content):
    doc = nlp(text)
    at = text.index(cue)
    found = governed_rest(doc, region_of(text, words), TextSpan(cue, at, at + len(cue)))
    assert (text[found[0]:found[1]] if found else None) == content


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "start", "kind"),
    [
        ('The video runs on. He adds that the voters have two choices: "You either stay or '
         'you leave."', "that the voters", "partial"),
        ('The mayor told reporters: "You either stay or you leave, and that is final."',
         "You either", "direct"),
    ],
)
def test_quotes_direct_clause_before_a_colon_belongs_to_the_quotation(nlp, text, start, kind):
    quote = quote_with(nlp, text, "either")
    assert quote.kind == kind
    assert text[quote.start:].startswith(start)


@pytest.mark.slow
def test_quotes_direct_cue_of_another_paragraph_is_not_taken(nlp):
    # the parser runs the first paragraph's quotation on as the object of the next 'said'
    text = ('Talks broke down on Friday. "It is not over."\n\nJohn Reyes, a negotiator for the '
            'pilots, said the offer was "an insult to every pilot."\n\n"We will strike if we '
            'must," Mr. Reyes said.')
    quote = quote_with(nlp, text, "an insult to every pilot")
    assert quote.speaker is not None and quote.speaker.mention.text == "John Reyes"
    assert all(q.speaker is None or q.speaker.mention.text != "John Reyes"
               for q in quotes_of(nlp, text) if "It is not over" in q.text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the colon hangs off a noun: the verb of its clause is the one before it
        ('The governor delivered a blunt message to the council: "It is time to stop fighting '
         'and start building again."', "It is time to stop", "The governor"),
        ('The campaign, in a note on its website, worded it more carefully: "The senator never '
         'used a private server for any official business."', "The senator never", "The campaign"),
    ],
)
def test_quotes_direct_colon_takes_the_verb_of_its_clause(nlp, text, words, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker

CLAIMED_CUE = ('Challenged by a reporter on her fees, Ms. Ford said that her family "left the '
               'governor\'s mansion not only broke, but in debt," and "{second}"')



@pytest.mark.slow
def test_quotes_direct_second_quotation_of_a_claimed_cue_keeps_its_speaker(nlp):
    text = CLAIMED_CUE.format(second="struggled to pay for the mortgages on two houses.")
    quote = quote_with(nlp, text, "struggled to pay")
    assert quote.speaker is not None and quote.speaker.mention.text == "Ms. Ford"


@pytest.mark.slow
def test_quotes_direct_short_phrase_of_a_claimed_cue_stays_unattributed(nlp):
    text = CLAIMED_CUE.format(second="struggled.")
    assert all(q.speaker is None for q in quotes_of(nlp, text) if q.text.startswith("struggled"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Mr. Ortiz added that he was the only one to spend a whole career "fighting to protect '
         'the river and the towns along it. I will not stop now, and nobody should expect me to '
         'stop."', "Mr. Ortiz"),
        ('Ms. Lane wrote a long post on her page, writing "Thank you to every volunteer who '
         'knocked on doors. We could not have done it without you, and we will remember."',
         "Ms. Lane"),
    ],
)
def test_quotes_direct_quotation_of_sentences_hangs_from_its_first(nlp, text, speaker):
    doc = nlp(text)
    cands = {c.cue.i: c for c in verb_candidates(doc)}
    cand = governing_cue(doc, quoted_regions(text)[0], cands)
    assert cand is not None and cand.speaker.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a long apposition between the quotation and the verb of its tag
        ('The plant has cut two shifts. "We will keep the plant open as long as we can," Jane '
         'Roe, a former adviser to the governor and now a board member of the company, said.',
         "Jane Roe"),
    ],
)
def test_quotes_direct_tag_after_with_long_apposition(nlp, text, speaker):
    doc = nlp(text)
    cands = {c.cue.i: c for c in verb_candidates(doc)}
    cand = tag_after(doc, quoted_regions(text)[0], cands, len(text))
    assert cand is not None and cand.speaker.text == speaker


@pytest.mark.slow
def test_quotes_direct_far_verb_without_a_leading_speaker_is_no_tag(nlp):
    text = ('"We will keep the plant open as long as we can and we will not give up on it." '
            'Over the past two years the plant lost most of its orders and many workers, said '
            'Ms. Hill.')
    quote = quote_with(nlp, text, "We will keep the plant open")
    assert quote.speaker is None or quote.speaker.mention.text != "Ms. Hill"


def test_quotes_direct_shared_subject_inside_the_quotation_is_no_speaker():
    # '"I agree," Smith, now retired, said.' parsed with 'said' conjoined to the quoted verb
    words = ['"', "I", "agree", ",", '"', "Smith", ",", "now", "retired", ",", "said", "."]
    spaces = [False, True, False, False, True, False, True, True, False, True, False, False]
    heads = [2, 2, 2, 2, 2, 8, 5, 8, 2, 8, 2, 2]
    deps = ["punct", "nsubj", "ROOT", "punct", "punct", "nsubj", "punct", "advmod", "conj",
            "punct", "conj", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "PUNCT", "ADV", "VERB", "PUNCT",
           "VERB", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps,
              pos=pos)
    assert subject_of(doc[10]) is None
    assert subject_of(doc[2]).text == "I"  # the quoted verb keeps its own subject


@pytest.mark.slow
@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        # a name and its apposition before the tag's verb: the name
        ("Jane Roe, a former aide who now runs a small charity,", "Jane Roe"),
        # a noun the tagger took for a verb's base form still names the speaker
        ("screenwriter Tom Hale", "screenwriter Tom Hale"),
        # a clause of narration is no speaker
        ("the plan failed", None),
    ],
)
def test_quotes_direct_tag_words_speaker(nlp, before, speaker):
    text = f'"We are not going anywhere," {before} said.'
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "said")
    start = text.index(before)
    span = doc.char_span(start, start + len(before), alignment_mode="expand")
    found = tag_words_speaker(span, verb)
    assert (found.text if found is not None else None) == speaker


@pytest.mark.slow
def test_quotes_direct_carried_speaker_is_the_relative_pronouns_noun(nlp):
    text = ('The market is back, said Mr. Hale, who noted that prices had fallen in the '
            'recession. "We are doing fine now, and so is everyone else in the business."')
    quote = quote_with(nlp, text, "We are doing fine")
    assert quote.speaker is not None and quote.speaker.mention.text == "Mr. Hale"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lead", "speaker"),
    [
        ("RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones:", "Jeffrey M. Jones"),
        ("WHAT THE NUMBERS MEAN - More from Jane Roe:", "Jane Roe"),
        ("POLLS CLOSED TOO EARLY - Mark Hale and Ann Cole:", "Mark Hale and Ann Cole"),
        # no names after the dash: no credit
        ("The polls were wrong - as usual:", None),
    ],
)
def test_quotes_direct_digest_credit_before_a_colon(nlp, lead, speaker):
    text = (f'Turnout was low in the north.\n\n{lead} "Our analysis of party affiliation at '
            'the state level finds that twenty states lean one way."')
    doc = nlp(text)
    reg = quoted_regions(text)[0]
    found = bare_tag_before(doc, reg, text.index(lead))
    assert (found[1].text if found is not None else None) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # introduced and closed by a full stop: the next sentence's cue is no tag
        ('Growing sharper as he spoke, Mr. Ortiz continued: "The worst flood ever in this town? '
         'It came during his watch." He added that the repairs had been slow.',
         "The worst flood ever", "Mr. Ortiz"),
        # opening its sentence, the quotation may still take a tag after its full stop
        ('The count ended late. "The vote is over and we lost the race." Ms. Lund said on Monday.',
         "The vote is over", "Ms. Lund"),
    ],
)
def test_quotes_direct_full_stop_after_an_introduced_quotation(nlp, text, words, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the tagger misses the lone headline name; the article names it below
        ("Reid: 'Never, ever underestimate the man.'\n\nHarry Reid has some advice for Democrats.",
         "Reid"),
        ("Vale: Deal Is Dead\n\nRhiannon Vale said on Monday that the deal was off.", "Vale"),
        # a capitalised topic word that names nobody below
        ("Budget: Cuts Loom for Schools\n\nThe city council met on Monday to weigh the budget.",
         None),
    ],
)
def test_quotes_direct_headline_name_the_article_names_below(nlp, text, speaker):
    found = headline_find(nlp(text))
    assert (found.speaker_span.text if found is not None else None) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('As Jane Roe, a professor of law at the state college and author of "The Quiet Court," '
         'put it, "Senators should remember that a deal today beats a worse one tomorrow."',
         "Senators should remember", "Jane Roe"),
        ('But at the time, as the chief prosecutor Ann Vole put it, "apart from some jogging '
         'there was not much to complain about in strict legal terms."', "apart from some",
         "the chief prosecutor Ann Vole"),
    ],
)
def test_quotes_direct_as_x_put_it(nlp, text, words, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
def test_quotes_direct_put_with_another_object_is_no_tag(nlp):
    text = 'He put the book on the shelf, "next to the old atlas and the family bible."'
    quote = quote_with(nlp, text, "next to the old atlas")
    assert quote.cue is None or quote.cue.text != "put"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("Rep. Jane Roe (D-Ohio):", "Rep. Jane Roe"),
        ("Former secretary of state Ann Vale: ", "Former secretary of state Ann Vale"),
        ("The key question: ", None),
    ],
)
def test_quotes_direct_name_line_before_a_colon(nlp, line, speaker):
    text = (f'The hearing ran late.\n\n{line}"I have not heard anyone other than you ever cite '
            'that figure. Who told you that?"')
    quote = quote_with(nlp, text, "I have not heard")
    found = quote.speaker.mention.text if quote.speaker is not None else None
    assert (found or "").startswith(speaker or "") and (found is None) == (speaker is None)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "content"),
    [
        # an earlier report in the sentence, and the adverbial after it, stay outside
        ('The budget was "a mess," she said, but despite the tone, "I think it will pass," '
         "said Mr. Okafor.", "I think it will pass", "I think it will pass,"),
        ('The vote was "a disgrace," she said, but despite the loss, "I think we will '
         'fight on," said Ms. Lund.', "we will fight on", "I think we will fight on,"),
        # no earlier report: the clause runs from the start of the sentence
        ('Despite the tone, the budget is "likely to pass," said Mr. Okafor.',
         "likely to pass", 'Despite the tone, the budget is "likely to pass,'),
        # a report inside a time clause is no earlier report of its own
        ('When the mayor said the yard would close, the workers "felt betrayed," said '
         "a union official.", "felt betrayed",
         'When the mayor said the yard would close, the workers "felt betrayed,'),
    ],
)
def test_quotes_direct_tag_after_starts_past_an_earlier_report(nlp, text, words, content):
    quote = next(q for q in quotes_of(nlp, text) if words in q.text)
    assert quote.text == content


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        # a speech verb inside the content of a verb of intention reports the words itself
        ('The mayor refused to reveal whether there were "other offers" on the table.',
         "other offers", "reveal"),
        ('The senator decided to skip the vote, adding that the bill was "dead on arrival."',
         "dead on arrival", "adding"),
        # a speech verb outside keeps them; a verb describing a noun does not take them
        ('The senator said the bill was "dead on arrival."', "dead on arrival", "said"),
        ('The study showed a memo that warns of a "deep crisis" in the fund.', "deep crisis",
         "showed"),
    ],
)
def test_quotes_direct_partial_takes_the_innermost_speech_verb(nlp, text, words, cue):
    quote = next(q for q in quotes_of(nlp, text) if words in q.text and q.kind == "partial")
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a verb outside the cue vocabulary whose object is quoted speech reports it
        ('Outside the hall the protesters chanted "No sale, no deal, not this year!"',
         "No sale", "the protesters"),
        ('The mayor fumed, "This is a disgrace to the whole town."', "This is a disgrace",
         "The mayor"),
    ],
)
def test_quotes_direct_unlisted_verb_governing_speech(nlp, text, words, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a song or title played or read is no speech of the subject's
        ('The band played "Sailing home to the harbour tonight" at the end.', "Sailing home"),
        # the verb has an object of its own: the quotation only sits beside it
        ('She handed the clerk a note, "Please call me after five tonight."', "Please call"),
    ],
)
def test_quotes_direct_unlisted_verb_without_speech_names_no_speaker(nlp, text, words):
    assert quote_with(nlp, text, words).speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('The mayor spoke for an hour. "We will not back down!" blared the front page of the '
         'Daily Ledger.', "We will not back down!", "the front page of the Daily Ledger"),
        ('The rally was loud. "Stop the war now," some protesters chanted, three days after the '
         'vote.', "Stop the war now,", "some protesters"),
        ('Voters were angry. "He has to go," a local official in the room wondered.',
         "He has to go,", "a local official"),
        ('The crowd cheered. "This is fantastic!" beamed John Doe of Dayton, Ohio, who drove '
         'three hours.', "This is fantastic!", "John Doe of Dayton"),
    ],
)
def test_quotes_direct_loose_tag_after(nlp, text, words, speaker):
    doc = nlp(text)
    found = loose_tag_after(doc, region_of(text, words), 0, len(text))
    assert found is not None and found[1].text.startswith(speaker)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words"),
    [
        # narration after a quoted title: an object or a second clause
        ('She left early. "Hamilton," the musical, opened the season.', "Hamilton,"),
        ('The band played one song. "Born Free," and the crowd sang along.', "Born Free,"),
        # the quotation does not open its sentence
        ('When Roe finally wrapped up - "I will win for you!" - the balloons fell down.',
         "I will win for you!"),
        # a full stop ends the quotation: the next sentence is the narrator's
        ('The vote was close. "We lost." The senator left the room.', "We lost."),
    ],
)
def test_quotes_direct_narration_after_a_quotation_is_no_loose_tag(nlp, text, words):
    assert loose_tag_after(nlp(text), region_of(text, words), 0, len(text)) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("after", "speaker"),
    [
        # a participle before the name after the verb describes the speaker
        ("retired surgeon Ben Cole, asked about his claims.", "retired surgeon Ben Cole"),
        # a day after the verb is no speaker
        ("Monday.", None),
    ],
)
def test_quotes_direct_tag_words_speaker_after_the_verb(nlp, after, speaker):
    text = f'"I am not going to say it is a mistake, so forget about it," said {after}'
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "said")
    found = tag_words_speaker(doc[verb.i:verb.i], verb)
    assert (found.text if found is not None else None) == speaker


@pytest.mark.slow
def test_quotes_direct_unlisted_verb_through_a_preposition(nlp):
    text = 'At the rally the senator railed against "the crooked insiders who run this town."'
    quote = quote_with(nlp, text, "the crooked insiders")
    assert quote.speaker is not None and quote.speaker.mention.text == "the senator"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a name after 'known as' is a label, not speech
        ("The singer, known as \u201cThe Voice\u201d, has sold millions of records.", "The Voice"),
        # 'for' introduces what was chosen, not what was said
        ('She voted for "the only candidate who will fix the roads."', "the only candidate"),
    ],
)
def test_quotes_direct_unlisted_verb_preposition_negatives(nlp, text, words):
    assert all(q.speaker is None for q in quotes_of(nlp, text) if words in q.text
               and q.kind != "indirect")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We have had better weeks than this one," county delegate Tom Rees, wearing a '
         'straw hat and "Vote Hale" buttons, said as the balloons fell.', "county delegate Tom Rees"),
        ('"The river will not wait for us," Ada Lund, the author of "Cold Water," said on '
         'Monday.', "Ada Lund"),
    ],
)
def test_quotes_direct_tag_after_passes_a_quoted_title(nlp, text, speaker):
    quote = quote_with(nlp, text, "will not wait" if "river" in text else "better weeks")
    assert quote.speaker is not None and quote.speaker.mention.text == speaker
    assert "Vote Hale" not in quote.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "after", "end"),
    [
        ('"It is done," Ada Lund, the author of "Cold Water," said.', "Ada Lund", True),
        ('"It is done," "and nobody here will ever say otherwise again," she said.', '"and',
         False),
        ('"It is done," Ada Lund, who wrote "Cold Water.', "Ada Lund", False),
        ('"It is done," Ada Lund, the author of "Cold Water and the many other books of the '
         'north," said.', "Ada Lund", False),
    ],
)
def test_quotes_direct_quoted_title_end(nlp, text, after, end):
    doc = nlp(text)
    first = text.index(after)
    span = doc.char_span(first, len(text), alignment_mode="contract")
    opening = next(n for n, t in enumerate(span) if t.text == '"')
    assert (quoted_title_end(span, opening) >= 0) is end


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "second", "speaker"),
    [
        ('"What I like about this town is the people," Tom Reed said. "Well, you were born '
         'here and I only moved in last year." he said, laughing.', "Well, you were", "he"),
        ('"What I like about this town is the people," Tom Reed said. "Well, you were born '
         'here and I only moved in last year\u2026" he said, laughing.', "Well, you were", "he"),
    ],
)
def test_quotes_direct_full_stop_quotation_with_its_own_tag_stays_apart(
        nlp, text, second, speaker):
    quote = quote_with(nlp, text, second)
    assert "What I like" not in quote.text
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ('"A," Tom said. "B." he said, laughing.', True),
        ('"A," Tom said. "B." said Sen. Ann Cole. "C."', True),
        ('"A," Tom said. "B." Ann Cole said: "C."', False),
        ('"A," Tom said. "B." She noted a rally planned for Saturday in the city with the '
         'mayor and two of his deputies.', False),
    ],
)
def test_quotes_direct_tag_closes_sentence(text, own):
    regions = quoted_regions(text)
    at = next(n for n, r in enumerate(regions) if text[r.start:r.end].startswith("B"))
    assert tag_closes_sentence(text, regions, at, len(text)) is own


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ('Dana Wells said,"Look at the numbers."', ["said", ",", '"', "Look"]),
        ("\u201cIt is over and done,\u201dshe said.", [",", "\u201d", "she"]),
        ('Former governor Ann Cole:"We tried to help."', ["Cole", ":", '"', "We"]),
        ('He had trouble with the police."We were cheated," he said.',
         ["police", ".", '"', "We"]),
    ],
)
def test_quotes_direct_glued_quote_mark_is_split_off(nlp, text, tokens):
    words = [t.text for t in nlp(text)]
    at = words.index(tokens[0])
    assert words[at:at + len(tokens)] == tokens


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "token"),
    [
        ('The U.S. team won 10,000 votes in "clean" fashion.', "U.S."),
        ("The 5'10\" guard scored.", "5'10"),
        ("It isn't over, she said.", "is"),
    ],
)
def test_quotes_direct_unglued_tokens_stay_whole(nlp, text, token):
    assert token in [t.text for t in nlp(text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('Dana Wells said,"Look, these numbers have no place in a budget. Everyone knows it."',
         "these numbers", "Dana Wells"),
        ("\u201cIt is over and done with for good,\u201dshe said.", "over and done", "she"),
        ('Former governor Ann Cole:"We tried to help them close the gaps they had."',
         "We tried", "Former governor Ann Cole"),
    ],
)
def test_quotes_direct_glued_quote_mark_finds_its_speaker(nlp, text, words, speaker):
    quote = quote_with(nlp, text, words)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker
