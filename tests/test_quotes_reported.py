"""Reported (indirect) attributions: cues, sources and content spans on rephrased sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.nlp.attribution import LEXICON_ONLY
from newsgraph.nlp.base import LiteralResolver
from newsgraph.nlp.quotes import find_quotes, quote_stages
from newsgraph.nlp.quotes.speakers import fronted_speaker, reporting_participle, subject_of


def indirect_of(nlp, text: str):
    """The rules alone (lexicon-only model): each test checks a rule, not learned weights."""
    return [q for q in find_quotes(nlp(text), LiteralResolver(), LEXICON_ONLY) if q.kind == "indirect"]


def speaker_words(quote) -> str | None:
    return quote.speaker.mention.text if quote.speaker and quote.speaker.mention else None


def assert_one_report(nlp, text: str, content: str, speaker: str | None, cue: str) -> None:
    """Exactly one reported quotation with ``content``, told by ``speaker`` through ``cue``."""
    found = [q for q in indirect_of(nlp, text) if q.text == content]
    assert len(found) == 1, [(q.text, q.cue) for q in indirect_of(nlp, text)]
    assert speaker_words(found[0]) == speaker
    assert found[0].cue is not None and found[0].cue.text == cue


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("The governor defended the new budget during a visit to the port on Tuesday.",
         "the new budget", "The governor", "defended"),
        ("The senator referred to the trade agreement twice in her speech.",
         "the trade agreement", "The senator", "referred"),
        ("Party leaders talked about the need for a fresh candidate.",
         "the need for a fresh candidate", "Party leaders", "talked"),
        ("The mayor is hoping to win back voters in the suburbs.",
         "to win back voters in the suburbs", "The mayor", "hoping"),
        # the one called on to act is part of what is asked
        ("The mayor called on the state legislature to restore funding for the bridge.",
         "the state legislature to restore funding for the bridge", "The mayor", "called"),
        # ... but a day after 'called on' names no one
        ("The senator called on Tuesday for a new inquiry.", "a new inquiry", "The senator",
         "called"),
    ],
)
def test_quotes_reported_verb_cues(nlp, text, content, speaker, cue):
    assert_one_report(nlp, text, content, speaker, cue)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The company found a buyer for its old headquarters last spring.",
        "The talks continued late into the night without a deal.",
        "Rescue teams spoke with residents near the river.",
    ],
)
def test_quotes_reported_non_cues_give_nothing(nlp, text):
    assert indirect_of(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("Voters were unmoved by her claim that the tax would fall on the rich.",
         "that the tax would fall on the rich", "her", "claim"),
        ("The minister made the assertion that the border was secure.",
         "that the border was secure", "The minister", "assertion"),
        ("His refusal to release the documents angered the committee.",
         "to release the documents", "His", "refusal"),
        ("The regulators' criticism of the merger grew louder this week.",
         "the merger", "The regulators", "criticism"),
    ],
)
def test_quotes_reported_noun_cues(nlp, text, content, speaker, cue):
    assert_one_report(nlp, text, content, speaker, cue)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The claim he filed was rejected by the insurer.",
        "Their effort to rebuild the bridge took three years.",
        "The city's position on the river gives it a busy port.",
    ],
)
def test_quotes_reported_nouns_without_report_give_nothing(nlp, text):
    assert indirect_of(nlp, text) == []


@pytest.mark.slow
def test_quotes_reported_tag_inside_content_splits_it(nlp):
    text = "The new rules, the spokeswoman said, will take effect next month."
    found = indirect_of(nlp, text)
    assert len(found) == 1
    assert speaker_words(found[0]) == "the spokeswoman"
    assert [text[s:e] for s, e in found[0].spans] == ["The new rules",
                                                     "will take effect next month"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("The chairman is confident that the bill will pass the Senate.",
         "that the bill will pass the Senate", "The chairman", "confident"),
        ("Several donors were critical of the campaign's spending.",
         "the campaign's spending", "Several donors", "critical"),
        ("The new tariffs appear to have hurt farmers in the state.",
         "The new tariffs appear to have hurt farmers in the state", None, "appear"),
        # an infinitive on a predicative adjective speaks for the copula's subject
        ("The union leaders were quick to point out that wages had not risen in a decade.",
         "that wages had not risen in a decade", "The union leaders", "point"),
        ("The governor was careful to note that no decision had been made.",
         "that no decision had been made", "The governor", "note"),
        # ... but an extraposed 'it' stands for the infinitive: no one in particular speaks
        ("It is hard to say whether the plan will work.", "whether the plan will work", None,
         "say"),
        ("It is too early to tell whether the deal will hold.", "whether the deal will hold",
         None, "tell"),
        # ... while 'it' that is someone keeps its place
        ("The company said it was ready to announce that it would close the plant.",
         "that it would close the plant", "it", "announce"),
    ],
)
def test_quotes_reported_adjectives_and_seeming(nlp, text, content, speaker, cue):
    assert_one_report(nlp, text, content, speaker, cue)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The old bridge is certain to close for repairs.",
        "The singer appeared on stage an hour late.",
        "The weather was nervous work for the pilots.",
    ],
)
def test_quotes_reported_adjectives_and_seeming_negatives(nlp, text):
    assert indirect_of(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # what seems so is itself a report: the inner cue and its subject carry it
        ("The minister also appeared to suggest that the talks had stalled over the summer.",
         "that the talks had stalled over the summer", "The minister", "suggest"),
        ("She seemed to blame the regulators for the delay.",
         "the regulators for the delay", "She", "blame"),
        # an object that is a means does not speak: the subject of 'used' does
        ("The senator used a radio interview to argue that the tax cut had failed.",
         "that the tax cut had failed", "The senator", "argue"),
        # ... while an object that can act still does ('led the chairman to declare')
        ("The scandal led the chairman to declare that he would step down.",
         "that he would step down", "the chairman", "declare"),
        # 'with X -ing': X speaks, not the subject of the clause
        ("The hearing ended with the watchdog announcing that it would open an inquiry.",
         "that it would open an inquiry", "the watchdog", "announcing"),
        ("The vote went ahead without any minister saying whether the deal would survive.",
         "whether the deal would survive", "any minister", "saying"),
        # ... but a participle set off by a comma after 'with' goes with the subject
        ("The mayor met with reporters, saying the budget would be balanced.",
         "the budget would be balanced", "The mayor", "saying"),
    ],
)
def test_quotes_reported_inner_reports_and_their_speakers(nlp, text, content, speaker, cue):
    assert_one_report(nlp, text, content, speaker, cue)
    wrappers = [c.cue.text for c in quote_stages(nlp(text)).reported
                if c.cue.text in {"appeared", "seemed", "used"}]
    assert wrappers == []  # no candidate of the wrapping verb competes with the report


@pytest.mark.slow
def test_quotes_reported_wrapping_verb_without_inner_report_stays(nlp):
    """An open verb whose infinitive reports nothing stays a candidate for the model."""
    text = "The council used the surplus to repair the old library."
    stages = quote_stages(nlp(text))
    assert "used" in [c.cue.text for c in stages.reported if c.how == "open"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("The governor is expected to sign the bill on Friday.",
         "The governor is expected to sign the bill on Friday", None, "expected"),
        ("Still, turnout rose by a third, according to the county clerk.",
         "turnout rose by a third", "the county clerk", "according to"),
    ],
)
def test_quotes_reported_passive_and_according_spans(nlp, text, content, speaker, cue):
    assert_one_report(nlp, text, content, speaker, cue)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor said the bridge would reopen in May, noting that repairs had run over "
         "budget.", "the bridge would reopen in May"),
        ("The union claimed that the company had broken its promises — arguing that wages "
         "had stalled for years.", "that the company had broken its promises"),
        ("The senator said the bill would pass easily, while her rivals predicted a long "
         "fight.", "the bill would pass easily"),
    ],
)
def test_quotes_reported_content_stops_before_trailing_aside(nlp, text, content):
    texts = [q.text for q in indirect_of(nlp, text)]
    assert content in texts, texts


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The coach said the players kept running while the crowd sang.",
         "the players kept running while the crowd sang"),
        ("The minister said the budget, covering schools and hospitals, was fair.",
         "the budget, covering schools and hospitals, was fair"),
    ],
)
def test_quotes_reported_content_keeps_its_own_clauses(nlp, text, content):
    texts = [q.text for q in indirect_of(nlp, text)]
    assert content in texts, texts


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The governor said that unemployment in the region is falling — a fall that began "
         "before she took office.", "that unemployment in the region is falling"),
    ],
)
def test_quotes_reported_content_stops_before_dash_gloss(nlp, text, content):
    texts = [q.text for q in indirect_of(nlp, text)]
    assert content in texts, texts


@pytest.mark.slow
def test_quotes_reported_content_keeps_dashed_insertion(nlp):
    text = "The pollster said most voters – nearly six in ten – backed the plan."
    texts = [q.text for q in indirect_of(nlp, text)]
    assert "most voters – nearly six in ten – backed the plan" in texts, texts


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a relative clause after a comma glosses a noun of the content: the narrator's words
        ("The council said it would close the old ferry terminal, which opened in 1962.",
         "it would close the old ferry terminal"),
        # an apposition after a comma at the end of the content, likewise
        ("Officials said the contract went to Harlow Marine, a firm based in the north.",
         "the contract went to Harlow Marine"),
    ],
)
def test_quotes_reported_trailing_gloss_is_cut(nlp, text, content):
    assert [q.text for q in indirect_of(nlp, text)][:1] == [content]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a list after a comma is not a gloss
        ("He said the two parties differ on taxes, the new pier and the future of the port.",
         "the two parties differ on taxes, the new pier and the future of the port"),
        # no comma: the relative clause restricts the noun and stays
        ("She said the plan that the board approved was too costly.",
         "the plan that the board approved was too costly"),
    ],
)
def test_quotes_reported_restrictive_or_listed_words_stay(nlp, text, content):
    assert [q.text for q in indirect_of(nlp, text)][:1] == [content]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        # the verb's modifiers after its object belong to what was reported
        ("The actress recalled a quarrel with her sister that ended in tears.",
         "a quarrel with her sister that ended in tears", "recalled"),
        ("The minister defended the cuts despite fierce criticism.",
         "the cuts despite fierce criticism", "defended"),
        # ... but not a phrase of when the report was made
        ("The governor praised the volunteers on Friday.", "the volunteers", "praised"),
        # ... nor an adverbial clause with a subject of its own, often a report itself
        ("The mayor praised the new stadium plan when reporters asked her about the cost.",
         "the new stadium plan", "praised"),
        ("The senator attacked the trade deal because he believes it will cost jobs.",
         "the trade deal", "attacked"),
        # a bare infinitive of purpose has no subject of its own: it stays
        ("The governor defended the cuts to make room for new spending.",
         "the cuts to make room for new spending", "defended"),
    ],
)
def test_quotes_reported_object_takes_its_verbs_modifiers(nlp, text, content, cue):
    found = [q for q in indirect_of(nlp, text) if q.cue and q.cue.text == cue]
    assert [q.text for q in found] == [content]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # 'say' with an object: what was said is the object
        ("Only a year ago the minister was saying the opposite.", "the opposite",
         "the minister", "saying"),
        # the parser's xcomp for a bare clause after 'said' is still the clause
        ("He said building the bridge could put hundreds of people to work.",
         "building the bridge could put hundreds of people to work", "He", "said"),
    ],
)
def test_quotes_reported_say_object_and_bare_clause(nlp, text, content, speaker, cue):
    found = [q for q in indirect_of(nlp, text) if q.cue and q.cue.text == cue]
    assert [(q.text, speaker_words(q)) for q in found] == [(content, speaker)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The ferry continued to run through the storm.",  # 'continue' is no cue
        "She tried to open the gate before dawn.",  # nor is 'try'
        # stance verbs with a bare object are left out: as often not reports as reports
        "Two councillors backed the new harbour wall.",
    ],
)
def test_quotes_reported_plain_verbs_report_nothing(nlp, text):
    assert indirect_of(nlp, text) == []


@pytest.mark.slow
def test_quotes_reported_noun_content_drops_a_trailing_gloss(nlp):
    text = "The report criticised her defence of the harbour trust, which collapsed last year."
    found = [q for q in indirect_of(nlp, text) if q.cue and q.cue.text == "defence"]
    assert [q.text for q in found] == ["the harbour trust"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # 'That said,' and 'Having said that,' are the writer's connectives, not reports
        ("That said, most residents say the ferry must come back.", "most residents"),
        ("Having said that, the harbour master insisted the quay was safe.",
         "the harbour master"),
    ],
)
def test_quotes_reported_connective_said_is_no_report(nlp, text, speaker):
    found = indirect_of(nlp, text)
    assert speaker in {speaker_words(q) for q in found}
    assert all(q.cue.text != "said" for q in found)


@pytest.mark.slow
def test_quotes_reported_said_that_with_a_subject_is_a_report(nlp):
    found = indirect_of(nlp, "He said that, and then he left the room.")
    assert [(q.text, speaker_words(q)) for q in found] == [("that", "He")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a bare 'asked' puts a question by someone unnamed: no source, not the one asked
        ("Asked about the closure, Ms. Reyes said the yard would reopen.", "the closure"),
        ("She was asked whether she would run again.", "whether she would run again"),
    ],
)
def test_quotes_reported_bare_asked_names_no_asker(nlp, text, content):
    found = [q for q in indirect_of(nlp, text) if q.text == content]
    assert len(found) == 1 and found[0].speaker is None


@pytest.mark.slow
def test_quotes_reported_asking_subject_is_the_source(nlp):
    found = indirect_of(nlp, "Reporters asked whether the yard would reopen.")
    assert [speaker_words(q) for q in found] == ["Reporters"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a text put out by its author speaks for the author
        ('The senator issued a statement saying that the bill was "a disgrace to the nation."',
         "a disgrace to the nation", "The senator"),
        ('The union sent a message to its members saying the deal was "the best we could get."',
         "the best we could get", "The union"),
        # set off by a comma, the participle goes with the subject of its clause
        ('Ms. Lund ended the debate with a nod to the film, remarking that "the force is with '
         'us."', "the force is with us", "Ms. Lund"),
        # a text the subject only received, or one that is itself the subject, speaks alone
        ('The mayor received a letter saying the plan was "dead on arrival."',
         "dead on arrival", "a letter"),
        ('A memo circulated on Monday saying the budget was "out of control."',
         "out of control", "A memo"),
    ],
)
def test_quotes_reported_participle_of_a_published_text(nlp, text, words, speaker):
    found = [q for q in find_quotes(nlp(text), LiteralResolver(), LEXICON_ONLY) if words in q.text]
    assert len(found) == 1, [(q.text, speaker_words(q)) for q in find_quotes(nlp(text), LiteralResolver(), LEXICON_ONLY)]
    assert speaker_words(found[0]) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the parse hangs the participle off the reported clause: it goes on from the cue
        ('Smith argued that the plan would fail, saying it was "all about management."',
         "all about management", "Smith"),
        # the clause is a report of its own: its subject goes on
        ('Smith said Jones warned that the plan would fail, adding that it was "a waste of '
         'money."', "a waste of money", "Jones"),
    ],
)
def test_quotes_reported_participle_after_a_reported_clause(nlp, text, words, speaker):
    found = [q for q in find_quotes(nlp(text), LiteralResolver(), LEXICON_ONLY) if words in q.text]
    assert len(found) == 1
    assert speaker_words(found[0]) == speaker


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "speaker"),
    [
        # 'which' and 'she' both parsed as subjects of 'said': 'she' says it
        (["memos", ",", "which", "she", "said", "were", "lost"],
         [0, 0, 4, 4, 0, 4, 5], ["ROOT", "punct", "nsubj", "nsubj", "relcl", "ccomp", "acomp"],
         ["NOUN", "PUNCT", "PRON", "PRON", "VERB", "AUX", "ADJ"], "she"),
        # the relative pronoun alone: 'who' is the speaker's mention
        (["Smith", ",", "who", "said", "it", "was", "lost"],
         [0, 0, 3, 0, 5, 3, 5], ["ROOT", "punct", "nsubj", "relcl", "nsubj", "ccomp", "acomp"],
         ["PROPN", "PUNCT", "PRON", "VERB", "PRON", "AUX", "ADJ"], "who"),
    ],
)
def test_quotes_reported_relative_pronoun_gives_way_to_a_second_subject(
    words, heads, deps, pos, speaker,
):
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    verb = next(t for t in doc if t.text == "said")
    assert subject_of(verb).text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a text its author put out speaks for the author
        ('The campaign released a video that said the senator was "soft on crime and weak on '
         'jobs."', "The campaign"),
        # a text someone only holds speaks for itself: the relative pronoun stays
        ('The senator kept a memo that said the plan was "a disaster for every family."', "that"),
    ],
)
def test_quotes_reported_relative_clause_of_a_published_text(nlp, text, speaker):
    found = [q for q in find_quotes(nlp(text), LiteralResolver(), LEXICON_ONLY) if '"' in q.text]
    assert len(found) == 1
    assert speaker_words(found[0]) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a phrase of time set off by a comma after the verb: the clause's subject speaks
        ('He has battled with the council over the budget, at one point calling the mayor a '
         '"liar" who was not "honorable."', "liar", "He"),
        # a phrase that names whose words they are keeps its noun
        ('She received a letter from the mayor saying that the plan was "dead on arrival."',
         "dead on arrival", "a letter from the mayor"),
    ],
)
def test_quotes_reported_participle_on_a_set_off_phrase(nlp, text, words, speaker):
    found = [q for q in find_quotes(nlp(text), LiteralResolver(), LEXICON_ONLY) if words in q.text]
    assert len(found) == 1
    assert speaker_words(found[0]) == speaker


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "speaker"),
    [
        # 'Roe was booed by fans after telling ...': the passive subject tells, not the agent
        (["Roe", "was", "booed", "by", "fans", "after", "telling", "them"],
         [2, 2, 2, 2, 3, 2, 5, 6],
         ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "prep", "pcomp", "dobj"],
         ["PROPN", "AUX", "VERB", "ADP", "NOUN", "ADP", "VERB", "PRON"], "Roe"),
        # an active verb's subject goes on as before
        (["Roe", "thanked", "fans", "after", "telling", "them"],
         [1, 1, 1, 1, 3, 4],
         ["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj"],
         ["PROPN", "VERB", "NOUN", "ADP", "VERB", "PRON"], "Roe"),
    ],
)
def test_quotes_reported_shared_subject_of_a_passive_verb(words, heads, deps, pos, speaker):
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    verb = next(t for t in doc if t.text == "telling")
    found = subject_of(verb)
    assert found is not None and found.text == speaker


@pytest.mark.parametrize(
    ("mark", "speaker"),
    [
        # 'Doe insisted it was early to judge it while adding ...': the cue's subject adds
        ("while", "Doe"),
        # no comma or opening word: the participle stays with its own clause
        ("so", None),
    ],
)
def test_quotes_reported_participle_opened_inside_a_reported_clause(mark, speaker):
    words = ["Doe", "insisted", "it", "was", "early", "to", "judge", "it", mark, "adding"]
    heads = [1, 1, 3, 1, 3, 6, 3, 6, 9, 6]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "acomp", "aux", "xcomp", "dobj", "mark",
            "advcl"]
    pos = ["PROPN", "VERB", "PRON", "AUX", "ADJ", "PART", "VERB", "PRON", "SCONJ", "VERB"]
    tags = ["NNP", "VBD", "PRP", "VBD", "JJ", "TO", "VB", "PRP", "IN", "VBG"]
    lemmas = ["Doe", "insist", "it", "be", "early", "to", "judge", "it", mark, "add"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              tags=tags, lemmas=lemmas)
    cue = reporting_participle(doc[9])
    assert (subject_of(cue).text if cue is not None else None) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # an infinitive on the object of a clause's verb: the clause's subject speaks
        ("The new justices will be under pressure to pledge that they would protect the law.",
         "that they would protect the law", "The new justices"),
        ("The governor has a rare chance to show that she can lead the state.",
         "that she can lead the state", "The governor"),
        # on a subject, or on a noun that hangs off another noun, the noun stays
        ("A campaign to condemn the ruling began on Monday.", "the ruling", "A campaign"),
        ("Jones, in reply to the mayor's use of a harsh word to describe the unions, said "
         "nothing.", "the unions", "the mayor's use of a harsh word"),
    ],
)
def test_quotes_reported_infinitive_on_an_object_takes_the_clause_subject(
    nlp, text, content, speaker
):
    found = [q for q in indirect_of(nlp, text) if q.text == content]
    assert len(found) == 1, [(q.text, q.cue) for q in indirect_of(nlp, text)]
    assert speaker_words(found[0]) == speaker


@pytest.mark.parametrize(
    ("first", "speaker"),
    [
        # 'In a call, Jane Roe, the leader, said' with the name hung off 'call': word order
        ("In", "Jane Roe"),
        # no adverbial opens the sentence: the words are no speaker set off after it
        ("Only", None),
    ],
)
def test_quotes_reported_speaker_after_a_fronted_adverbial(first, speaker):
    words = [first, "a", "call", ",", "Jane", "Roe", ",", "the", "leader", ",", "said", "so"]
    heads = [10, 2, 0, 10, 5, 2, 5, 8, 5, 10, 10, 10]
    deps = ["prep", "det", "pobj", "punct", "compound", "appos", "punct", "det", "appos",
            "punct", "ROOT", "advmod"]
    pos = ["ADP" if first == "In" else "ADV", "DET", "NOUN", "PUNCT", "PROPN", "PROPN",
           "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "ADV"]
    tags = ["IN" if first == "In" else "RB", "DT", "NN", ",", "NNP", "NNP", ",", "DT", "NN",
            ",", "VBD", "RB"]
    lemmas = [first.lower(), "a", "call", ",", "Jane", "Roe", ",", "the", "leader", ",", "say",
              "so"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              tags=tags, lemmas=lemmas)
    found = fronted_speaker(doc[10])
    assert (found.text if found is not None else None) == speaker
    # whatever opens the sentence, the phrase just before the verb names who spoke
    assert subject_of(doc[10]).text == "Jane Roe"


@pytest.mark.parametrize(
    ("gap", "speaker"),
    [
        # a parse run over a headline gives 'said' two subjects: the one of its paragraph
        ("\n\n", "Gov. Jane Roe"),
        # in one paragraph, the nearer subject
        (" ", "Gov. Jane Roe"),
    ],
)
def test_quotes_reported_nearest_subject_of_the_paragraph(gap, speaker):
    words = ["Smith", ":", "Yes", "Later", ",", "Gov.", "Jane", "Roe", "said", "so"]
    spaces = [False, True, True, False, True, True, True, True, True, False]
    if gap == "\n\n":
        words = words[:3] + ["\n\n"] + words[3:]
        spaces = spaces[:2] + [False, False] + spaces[3:]
        heads = [9, 0, 0, 2, 9, 9, 8, 8, 9, 9, 9]
        deps = ["nsubj", "punct", "appos", "dep", "advmod", "punct", "compound", "compound",
                "nsubj", "ROOT", "advmod"]
    else:
        heads = [8, 0, 0, 8, 8, 7, 7, 8, 8, 8]
        deps = ["nsubj", "punct", "appos", "advmod", "punct", "compound", "compound", "nsubj",
                "ROOT", "advmod"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    verb = next(t for t in doc if t.text == "said")
    assert subject_of(verb).text == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Harbour Union Chief Urges Council to Delay Boatyard Sale\n\nThe union's chief said ...",
         "Council to Delay Boatyard Sale", "Harbour Union Chief"),
        ("Senator Jane Roe Praises New Ferry Timetable\n\nThe senator said on Monday ...",
         "New Ferry Timetable", "Senator Jane Roe"),
    ],
)
def test_quotes_reported_title_case_headline(nlp, text, content, speaker):
    found = [q for q in indirect_of(nlp, text) if q.start < text.index("\n")]
    assert [(q.text, speaker_words(q)) for q in found] == [(content, speaker)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # no cue verb in the headline
        "Storm Closes Harbour for Third Day\n\nThe harbour stayed shut on Friday.",
        # 'Changes' is no verb of reporting
        "Ferry Timetable Changes From Monday\n\nThe new times start next week.",
    ],
)
def test_quotes_reported_title_case_headline_without_a_report(nlp, text):
    assert [q for q in indirect_of(nlp, text) if q.start < text.index("\n")] == []


def reported_of(nlp, text: str) -> list[tuple[str, str, list[str], str | None, tuple[str, ...]]]:
    """(how, cue, content pieces, source words, context) of each candidate left for reported
    speech, before the attribution model weighs them."""
    doc = nlp(text)
    return [(c.how, c.cue.text, [text[s:e] for s, e in c.content],
             c.speaker.text if c.speaker is not None else None, c.context)
            for c in quote_stages(doc).reported]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "content", "source"),
    [
        ("The union backed the new contract.", "backed", "the new contract", "The union"),
        ("Local farmers support the proposed dam.", "support", "the proposed dam", "Local farmers"),
        ("The council will try to finish the repairs by June.", "try",
         "to finish the repairs by June", "The council"),
        # a lexicon verb whose object the lexicon does not read as content
        ("The agency surveyed the delegates twice and noted their public endorsements.",
         "noted", "their public endorsements", "The agency"),
    ],
)
def test_quotes_reported_open_verbs_become_candidates(nlp, text, cue, content, source):
    found = [r for r in reported_of(nlp, text) if r[1] == cue]
    assert found == [("open", cue, [content], source, ())]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The storm passed quickly over the coast.",  # no object, clause or infinitive
        "The mayor said the bridge was safe.",  # a lexicon verb is no open candidate
        "Prices could rise again next year.",  # a modal
    ],
)
def test_quotes_reported_open_verbs_need_content_and_no_lexicon(nlp, text):
    assert [r for r in reported_of(nlp, text) if r[0] == "open"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "content", "source"),
    [
        # a verb outside the lexicon with a target
        ("The union pushed for a higher minimum wage.", "pushed",
         "a higher minimum wage", "The union"),
        ("Most members voted against the new rules.", "voted", "the new rules", "Most members"),
        # a noun: its possessor, or the subject of the verb it is the object of
        ("Her attacks on the housing minister grew sharper.", "attacks",
         "the housing minister", "Her"),
        ("The charity has won support for its plan to rebuild the school.", "support",
         "its plan to rebuild the school", "The charity"),
        # an adjective: the copula's subject
        ("Several donors were fond of the old leadership.", "fond",
         "the old leadership", "Several donors"),
    ],
)
def test_quotes_reported_targets_become_candidates(nlp, text, cue, content, source):
    found = [r for r in reported_of(nlp, text) if r[1] == cue and r[0] == "target"]
    assert [(r[2], r[3]) for r in found] == [([content], source)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # 'in' and 'from' bring a place or a source, not a target
        ("The minister arrived in Paris on Monday.", "arrived"),
        ("The price of bread fell from two euros.", "fell"),
        # a lexicon word with its own content is a candidate already, not a target
        ("Several donors were wary of the new leadership.", "wary"),
        ("Her criticism of the plan was sharp.", "criticism"),
        # a speech verb with its own content is a candidate already
        ("The mayor spoke about the flooding.", "spoke"),
    ],
)
def test_quotes_reported_targets_only_where_nothing_else_stands(nlp, text, cue):
    assert [r for r in reported_of(nlp, text) if r[1] == cue and r[0] == "target"] == []


@pytest.mark.slow
def test_quotes_reported_targets_never_take_a_quotation(nlp):
    text = 'The mayor hit back at "those who have never run a city and never will."'
    assert ("target", "hit") in [r[:2] for r in reported_of(nlp, text)]  # a candidate ...
    quotes = [q for q in find_quotes(nlp(text), LiteralResolver()) if q.kind != "indirect"]
    assert len(quotes) == 1
    assert quotes[0].cue is None  # ... that does not make the quotation its own


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "flags"),
    [
        # a belief inside a direct quotation: content and cue inside it
        ('He said, "I think we will win this seat."', "think",
         ("cue-inside:direct", "inside:direct")),
        # a report inside another report's clause
        ("The mayor said officials believe the bridge is safe.", "believe", ("nested",)),
        # a report standing alone
        ("The mayor said the bridge was safe.", "said", ()),
    ],
)
def test_quotes_reported_candidates_are_marked_against_quotations(nlp, text, cue, flags):
    found = [r for r in reported_of(nlp, text) if r[1] == cue]
    assert len(found) == 1, reported_of(nlp, text)
    assert set(flags) <= set(found[0][4])
    if not flags:
        assert found[0][4] == ()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # the parse hung the subject off 'Mr. Diaz' as an apposition: the phrase just before
        # the verb speaks
        ("Along with Mr. Diaz, two local pastors, Ruth Imes and Carl Boone, have said they "
         "will boycott the event.", "they will boycott the event", "two local pastors"),
        # a place just before the verb is no speaker
        ("At a rally in Dayton, Ohio, have said nothing.", "nothing", None),
    ],
)
def test_quotes_reported_subjectless_verb_takes_the_phrase_before_it(
        nlp, text, content, speaker):
    found = [q for q in indirect_of(nlp, text) if q.text == content]
    assert len(found) == 1, [(q.text, q.cue) for q in indirect_of(nlp, text)]
    assert speaker_words(found[0]) == speaker
