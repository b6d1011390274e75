"""Speakers on multi-speaker wire copy: nationalities are never names, a spokesman is not
the one he speaks for, a tag after an unnamed source's words stays with that source, and a
press review's papers speak as organisations. Sentences are rephrased wire copy."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Quote
from newsgraph.nlp.coref import (
    analyse,
    cut_at_verb,
    first_word_owner,
    is_demonym,
    principal_of,
    short_form_owner,
)
from newsgraph.nlp.entities import Cluster, Mention


def quotes_of(analyzer, text: str) -> list[Quote]:
    return list(analyzer.analyse(Article(id="t", text=text)).quotes)


def direct_with(analyzer, text: str, words: str) -> Quote:
    found = [q for q in quotes_of(analyzer, text) if words in q.text]
    assert found, [q.text for q in quotes_of(analyzer, text)]
    return found[0]


def first_noun_phrase(nlp, text: str, words: str):
    doc = nlp(text)
    start = text.index(words)
    return doc.char_span(start, start + len(words))


# --- nationalities -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("The talks ended without a deal on Tuesday.\n\n\"We are still far apart on the main "
     "issues,\" the Swiss said after the meeting.", "far apart"),
    ("Organisers expect a close race.\n\n\"I have trained harder than ever this winter,\" "
     "added the Swede, who won silver last year.", "trained harder"),
    ("The border reopened on Monday.\n\n\"Nobody told us anything,\" one of the Britons "
     "stranded at the crossing said.", "Nobody told us"),
])
def test_coref_demonym_is_never_a_name(analyzer, text, words):
    quote = direct_with(analyzer, text, words)
    assert quote.speaker is not None
    assert quote.speaker.name is None
    assert quote.speaker.description


@pytest.mark.parametrize(("text", "words", "name"), [
    # a nationality before a name does not make the name a nationality
    ("\"The deal is fair to both sides,\" Swiss Foreign Minister Anna Keller said on "
     "Friday.", "deal is fair", "Anna Keller"),
    ("\"We will not give up the title without a fight,\" said Swedish skier Lena Holm.",
     "give up the title", "Lena Holm"),
])
def test_coref_demonym_before_a_name_keeps_the_name(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("the Swiss said", "the Swiss", True),
    ("added the Swede", "the Swede", True),
    ("the Chinese side said", "the Chinese side", False),
    ("Swiss minister Anna Keller said", "Swiss minister Anna Keller", False),
])
def test_coref_is_demonym(nlp, text, words, expected):
    span = first_noun_phrase(nlp, text, words)
    assert is_demonym(span) is expected


# --- spokesmen -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words", "principal"), [
    ("The ministry said the plant would reopen in March.\n\n\"The repairs will take at "
     "least six weeks,\" a spokesman for the ministry said.", "repairs will take",
     "the ministry"),
    ("Prime Minister John Howard defended the decision on Friday.\n\n\"The decision was "
     "taken in the national interest,\" Howard's spokesman told reporters.",
     "national interest", "John Howard"),
    ("Defence Minister Peter Lund flew to the border on Sunday.\n\n\"He will stay there "
     "until the crisis is over,\" an aide to Lund said.", "stay there", "Peter Lund"),
])
def test_coref_spokesman_is_not_his_principal(analyzer, text, words, principal):
    speaker = direct_with(analyzer, text, words).speaker
    assert speaker.name is None
    assert speaker.type == "PERSON"
    assert speaker.principal == principal
    assert "spokesman" in speaker.description or "aide" in speaker.description


@pytest.mark.parametrize(("text", "words", "name"), [
    # a named spokesman is that person, with no principal taken from the phrase
    ("\"The proposals are being studied,\" Ivan Sokolov, a spokesman for the gas company, "
     "said in a statement.", "proposals are being studied", "Ivan Sokolov"),
    ("\"Talks will resume next week,\" foreign ministry spokeswoman Li Wen told reporters.",
     "Talks will resume", "Li Wen"),
])
def test_coref_named_spokesman_keeps_his_name(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


@pytest.mark.parametrize(("text", "words", "principal"), [
    ("a spokesman for the ministry said", "a spokesman for the ministry", "the ministry"),
    ("Howard's spokesman said", "Howard's spokesman", "Howard"),
    ("the company's director said", "the company's director", None),  # no representative
])
def test_coref_principal_of(nlp, text, words, principal):
    span = first_noun_phrase(nlp, text, words)
    got = principal_of(span)
    assert (got.text if got is not None else None) == principal


# --- the most recent person, not the most salient -------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    # 'the official' after 'a senior official said': that unnamed one, not the minister
    ("Defence Minister Ali Hassan met the envoy on Monday.\n\n\"There will be no withdrawal "
     "this year,\" a senior military official said.\n\n\"The exercise shows our resolve,\" "
     "the official said on condition of anonymity.", "exercise shows"),
    ("Prime Minister Tom Grant was questioned last week.\n\n\"Evidence has not been handed "
     "over,\" an unnamed prosecution source told the paper.\n\n\"Anyone who fails to help "
     "is committing an offence,\" the source said.", "Anyone who fails"),
    # 'he added' after a spokesman's words: the spokesman, not the man he speaks for
    ("Prime Minister John Howard defended the ruling on Friday.\n\nThe attorney general "
     "found no case to answer, Howard's spokesman stressed.\n\n\"Our ally is vital in the "
     "fight against terrorism,\" he added.", "ally is vital"),
])
def test_coref_tag_after_unnamed_source_stays_unnamed(analyzer, text, words):
    speaker = direct_with(analyzer, text, words).speaker
    assert speaker is not None and speaker.name is None


@pytest.mark.parametrize(("text", "words", "name"), [
    # a named person speaking after the unnamed source takes the pronoun
    ("\"Nothing has been decided,\" a ministry official said.\n\nFinance Minister Karl "
     "Weber later told reporters that the budget would be cut.\n\n\"We have no choice,\" "
     "he said.", "no choice", "Karl Weber"),
    # an unnamed noun that is no speaker (not the subject of a speech verb) takes nothing
    ("Police chief Dan Moore said a worker had died in the blast.\n\n\"It is a tragedy for "
     "the town,\" he said.", "tragedy for the town", "Dan Moore"),
    # 'the official' with no unnamed official before it keeps the role holder
    ("Senior official Mary Kwan opened the talks.\n\n\"We are hopeful,\" the official said.",
     "We are hopeful", "Mary Kwan"),
])
def test_coref_tag_after_named_speaker_keeps_the_name(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


# --- press review ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words", "name"), [
    ("British papers were divided on Wednesday.\n\n\"The prime minister has lost his grip "
     "on the party,\" the Sun said in an editorial.", "lost his grip", "Sun"),
    ("\"This is a government in deep trouble,\" the Guardian said, while the Times called "
     "the plan bold.", "deep trouble", "Guardian"),
])
def test_coref_press_review_papers_are_organisations(analyzer, text, words, name):
    speaker = direct_with(analyzer, text, words).speaker
    assert speaker.name == name
    assert speaker.type == "ORG"


# --- alternating speakers: the last one who spoke or acted ----------------------------------

@pytest.mark.parametrize(("text", "words", "name"), [
    # the story's main figure is mentioned most, but the tag follows his rival's sentence
    ("Paul Kamba, the rebel leader, told reporters his men were close. Kamba said the war "
     "would end soon. \"The regime is finished,\" Kamba said.\n\nKamba's rival, General "
     "Joseph Mbeki, spoke to state radio on Sunday.\n\n\"We will defend the city street by "
     "street,\" he said.", "defend the city", "Joseph Mbeki"),
    ("Paul Kamba met the envoy on Friday. Kamba said talks went well.\n\nThe diplomat, Henri "
     "Duval, said the talks had been useful.\n\n\"Both sides want peace, but they distrust "
     "each other,\" he added.", "Both sides want peace", "Henri Duval"),
    # back to the first speaker once he speaks again
    ("Paul Kamba met the envoy on Friday.\n\nThe diplomat, Henri Duval, said the talks had "
     "been useful.\n\nKamba told reporters he was ready to sign.\n\n\"We want this war to "
     "end,\" he said.", "want this war to end", "Paul Kamba"),
])
def test_coref_tag_goes_to_the_last_speaker(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


@pytest.mark.parametrize(("text", "words", "name"), [
    # a person named inside the reported clause is not the next tag's speaker
    ("Police chief Dan Moore said Carl Ames had been arrested at the border.\n\n\"We acted "
     "on a tip,\" he said.", "acted on a tip", "Dan Moore"),
    # a pronoun that agrees with only one of them
    ("Opposition leader Maria Lopez said the vote had been rigged.\n\nPresident Daniel Ruiz "
     "rejected the claim on Sunday.\n\n\"We will take this to the courts,\" she said.",
     "take this to the courts", "Maria Lopez"),
])
def test_coref_tag_skips_names_that_did_not_speak(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


@pytest.mark.parametrize(("text", "words", "name"), [
    ("German papers reacted sharply.\n\n\"The chancellor has lost her nerve,\" the "
     "mass-circulation daily Bild said.", "lost her nerve", "Bild"),
    ("German papers reacted sharply.\n\n\"Nobody believes the figures any more,\" said Die "
     "Welt.", "Nobody believes", "Die Welt"),
])
def test_coref_press_named_by_its_form(analyzer, text, words, name):
    speaker = direct_with(analyzer, text, words).speaker
    assert speaker.name == name
    assert speaker.type == "ORG"


@pytest.mark.parametrize(("text", "words", "name"), [
    # a journalist of a paper is a person, whatever the paper's name
    ("\"The minister knew all along,\" Mirror columnist Jane Roe said.", "knew all along",
     "Jane Roe"),
    ("\"The figures do not add up,\" the daily's editor John Smith told radio listeners.",
     "figures do not add up", "John Smith"),
    ("\"We will win the run-off,\" Paul Martin, who writes for a weekly, told supporters.",
     "win the run-off", "Paul Martin"),
])
def test_coref_press_rule_keeps_people(analyzer, text, words, name):
    speaker = direct_with(analyzer, text, words).speaker
    assert speaker.name == name
    assert speaker.type == "PERSON"


# --- one person, not split: a surname the tagger missed later on -----------------------------

@pytest.mark.parametrize(("text", "words", "name"), [
    ("Cardinal Joseph Kung condemned the ordination on Friday.\n\n\"It is hard to understand "
     "such people,\" the outspoken Kung said.", "hard to understand", "Joseph Kung"),
    ("Archbishop Peter Mwale led the service.\n\nThe Nairobi-born Mwale then made an appeal "
     "to the leaders.\n\n\"We beg you to start talking,\" he said.", "We beg you",
     "Peter Mwale"),
])
def test_coref_surname_repeated_is_the_same_person(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


def test_coref_repeated_surname_needs_the_full_name_first(nlp):
    from newsgraph.nlp.entities import name_mentions

    # 'Kung' before the full name, or a word in a longer name, is not taken
    doc = nlp("Kung Hall opened in May. Later Joseph Kung spoke there.")
    starts = [m.start for m in name_mentions(doc) if m.name == "Kung"]
    assert starts == []


# --- role nouns with an age: 'the 35-year-old handler' ---------------------------------------

@pytest.mark.parametrize(("text", "words", "name"), [
    ("Manager Tom Bright admitted for the first time that his side faced relegation.\n\n"
     "\"I know we are in a fight,\" said the 35-year-old handler.", "in a fight", "Tom Bright"),
    ("Ivan Petrov has scored in five straight games.\n\n\"I feel sharp,\" the "
     "27-year-old forward told reporters.", "I feel sharp", "Ivan Petrov"),
])
def test_coref_aged_description_is_the_person_named_before(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


@pytest.mark.parametrize(("text", "words"), [
    # someone new, introduced by 'a'
    ("Manager Tom Bright watched from the stands.\n\n\"I saw the whole thing,\" a "
     "35-year-old fan said.", "whole thing"),
])
def test_coref_aged_indefinite_stays_unnamed(analyzer, text, words):
    assert direct_with(analyzer, text, words).speaker.name is None


# --- "it said": the organisation that last spoke ------------------------------------------

@pytest.mark.parametrize(("text", "words", "name", "description"), [
    ("Coalition troops killed three gunmen in a raid on Sunday, the navy said in a statement. "
     "\"Two boats were seized,\" it said.", "Two boats", "navy", None),
    ("The Harbour Workers Union said on Monday that talks had failed. It said the strike "
     "would begin at dawn.", "the strike would begin", "Harbour Workers Union", None),
    ("Fuel prices will rise next month, the energy ministry said. \"Supplies remain "
     "tight,\" it added.", "Supplies remain", "energy ministry", None),
    ("Some 2,000 police will be on duty during the festival, according to reports of the "
     "Harbour Daily on Tuesday. \"Roads will close at noon,\" it said.", "Roads will close",
     "Harbour Daily", None),
    ("Three climbers were rescued on Friday, the mountain rescue service said. \"The weather "
     "turned fast,\" it said.", "weather turned", None, "the mountain rescue service"),
])
def test_coref_it_said_is_the_organisation_that_last_spoke(analyzer, text, words, name,
                                                            description):
    quote = direct_with(analyzer, text, words)
    speaker = quote.speaker
    assert speaker is not None and speaker.mention.text.lower() == "it"
    assert (speaker.name, speaker.description) == (name, description), speaker
    assert speaker.type == "ORG" and speaker.resolved == "pronoun, last organisation speaker"


@pytest.mark.parametrize("text", [
    # a person spoke last and no organisation did: "it" stays unresolved
    "Maria Olsen said the plan was costly. \"It said nothing about the ferries,\" she added. "
    "It said the council had erred.",
    # the organisation spoke too far back (beyond the pronoun window)
    "The airline said on Monday that fares would rise. Passengers queued for hours. Staff "
    "handed out water. Trains were cancelled too. Roads were jammed. It said the delays "
    "would end soon.",
])
def test_coref_it_said_without_an_organisation_speaker_in_reach(analyzer, text):
    spoken_by_it = [q.speaker for q in quotes_of(analyzer, text) if q.speaker is not None
                    and q.speaker.mention is not None and q.speaker.mention.text == "It"]
    assert spoken_by_it, [q.text for q in quotes_of(analyzer, text)]
    for speaker in spoken_by_it:
        assert speaker.resolved != "pronoun, last organisation speaker", speaker
        assert speaker.name is None


# --- a description that speaks right after the one person named (issue 16, speakers-2) --

@pytest.mark.parametrize(("text", "words", "name"), [
    # a nationality: the one person the sentence before named
    ("Coach Ricardo Gomez also praised the spirit of the squad after the win.\n\n"
     "\"Everyone ran until the last minute,\" the Chilean said.", "Everyone ran",
     "Ricardo Gomez"),
    # an age written '-year old'
    ("The film academy said on Monday that composer Lars Berglund would get the award.\n\n"
     "\"I did not expect it at all,\" the 81-year old said.", "did not expect", "Lars Berglund"),
    # a former post at a club
    ("Coach Henri Dufour asked the fans to blame him rather than the team.\n\n"
     "The former Nantes coach said: \"The players gave what they had today.\"",
     "players gave", "Henri Dufour"),
])
def test_coref_description_after_the_one_person_named(analyzer, text, words, name):
    quote = direct_with(analyzer, text, words)
    assert quote.speaker is not None and quote.speaker.name == name


@pytest.mark.parametrize(("text", "words"), [
    # two people in the sentence before: nobody to choose
    ("Coach Ricardo Gomez and striker Ivan Horvat both praised the squad after the win.\n\n"
     "\"Everyone ran until the last minute,\" the Chilean said.", "Everyone ran"),
    # the same noun introduced as someone new just before
    ("Finance Minister Clara Voss met a European diplomat in Brussels on Monday.\n\n"
     "\"The talks will be hard,\" the diplomat said.", "talks will be hard"),
    # a description that defines someone by what he heads
    ("The visitor was received by the cardinal and then met Deputy Mayor Rita Lenz.\n\n"
     "\"We hope for peace,\" the head of the Orthodox Church said.", "hope for peace"),
])
def test_coref_description_without_one_person_before_stays_unnamed(analyzer, text, words):
    quote = direct_with(analyzer, text, words)
    assert quote.speaker is not None and quote.speaker.name is None


# --- short names the tagger typed as things or that start a full name -------------------

def _mention(start: int, name: str) -> Mention:
    return Mention(start=start, end=start + len(name.split()), start_char=start * 5,
                   end_char=start * 5 + len(name), name=name, label="X", head_start=start)


def _cluster(cid: str, kind: str, *mentions: tuple[int, str]) -> Cluster:
    return Cluster(id=cid, type=kind, mentions=[_mention(s, n) for s, n in mentions])


def test_coref_short_name_typed_as_a_thing_is_the_person():
    paul = _cluster("e0", "PERSON", (3, "Paul Le Guen"))
    short = _cluster("e1", "FAC", (40, "Le Guen"), (90, "Le Guen"))
    assert short_form_owner(short, [paul]) is paul


@pytest.mark.parametrize("short", [
    _cluster("e1", "GPE", (40, "Jordan")),  # a place may be the country, not the person
    _cluster("e1", "FAC", (1, "Le Guen")),  # the short name comes first
    _cluster("e1", "ORG", (40, "Le Guen"), (60, "Lyon")),  # not every mention fits
])
def test_coref_short_name_not_adopted(short):
    people = [_cluster("e0", "PERSON", (3, "Paul Le Guen")),
              _cluster("e2", "PERSON", (5, "Michael Jordan"))]
    assert short_form_owner(short, people) is None


def test_coref_short_name_with_two_owners_is_not_adopted():
    people = [_cluster("e0", "PERSON", (3, "Anna Weber")),
              _cluster("e2", "PERSON", (9, "Karl Weber"))]
    assert short_form_owner(_cluster("e1", "ORG", (40, "Weber")), people) is None


def test_coref_family_name_first_goes_to_the_nearest_full_name():
    leader = _cluster("e0", "PERSON", (5, "Pak Song Chol"), (20, "Pak Song Chol"))
    coach = _cluster("e1", "PERSON", (60, "Pak Hyon Il"))
    short = _cluster("e2", "PERSON", (70, "Pak"), (90, "Pak"))
    assert first_word_owner(short, [leader, coach, short]) is coach


@pytest.mark.parametrize("people", [
    [_cluster("e0", "PERSON", (5, "Pak Song Chol")), _cluster("e1", "PERSON", (8, "Mia Pak"))],
    [_cluster("e0", "PERSON", (95, "Pak Song Chol"))],  # only named after
])
def test_coref_family_name_first_not_adopted(people):
    short = _cluster("e2", "PERSON", (70, "Pak"), (90, "Pak"))
    assert first_word_owner(short, [*people, short]) is None


def test_coref_short_family_name_speaks_as_the_full_name(analyzer):
    text = ("Leader Pak Song Chol sent a message to the team before the final.\n\n"
            "After the match, coach Pak Hyon Il said he was pleased.\n\n"
            "\"We defended very well today,\" said Pak.")
    assert direct_with(analyzer, text, "defended very").speaker.name == "Pak Hyon Il"


# --- a coordinated main clause's subject is a main speaker --------------------------------

def test_coref_he_said_after_a_coordinated_main_clause(analyzer):
    text = ("Tom Reed was absent from the last two games due to a hip problem but coach "
            "Alan Moss is confident he will be ready for Leeds.\n\nHe said: \"We will see "
            "how the knee feels in training.\"")
    assert direct_with(analyzer, text, "how the knee").speaker.name == "Alan Moss"


def test_coref_he_said_not_the_subject_of_a_subordinate_clause(analyzer):
    text = ("Coach Alan Moss said the side had missed Tom Reed after Sam Hill injured him "
            "in training.\n\n\"We hope to have everyone back soon,\" he said.")
    assert direct_with(analyzer, text, "everyone back").speaker.name == "Alan Moss"


# --- a noun given its name ('a worker called Zhang'), a lower-case head is no name --------

@pytest.mark.parametrize(("text", "words", "name"), [
    ("\"We heard nothing at all,\" a rescued worker called Zhang told reporters.",
     "heard nothing", "Zhang"),
    ("A farmer named Liu Wei said: \"The water came at night and took everything.\"",
     "water came", "Liu Wei"),
])
def test_coref_noun_called_by_a_name_is_that_person(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


def test_coref_noun_calling_someone_else_a_name_stays_unnamed(analyzer):
    text = "\"The ruling was wrong from the start,\" said a lawyer who called Judge Amos Reed biased."
    speaker = direct_with(analyzer, text, "ruling was wrong").speaker
    assert speaker.name is None and speaker.description == "a lawyer"


@pytest.mark.parametrize(("text", "words", "name"), [
    ("The claims were \"an attempt to stir up trouble in the region,\" said Ruritania's "
     "foreign ministry in a letter to the council.", "stir up trouble", None),
    ("The claims were \"an attempt to stir up trouble in the region,\" said Ruritanian "
     "Foreign Minister Ana Petrova in a letter to the council.", "stir up trouble",
     "Ana Petrova"),
])
def test_coref_lower_case_head_is_no_name(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name


# --- a bare quotation after one paragraph of narration keeps the speaker before it -------

BARE_AFTER_NARRATION = (
    "\"We fought for every ball today,\" coach Alan Moss said after the match.\n\n"
    "{middle}\n\n"
    "\"Now we have three days to rest before the cup tie.\"")


def test_bare_quotation_after_narration_keeps_the_speaker(analyzer):
    text = BARE_AFTER_NARRATION.format(
        middle="Winger Sam Hill limped off before the break and will miss the cup tie.")
    speaker = direct_with(analyzer, text, "three days to rest").speaker
    assert speaker is not None and speaker.name == "Alan Moss"


def test_bare_quotation_after_reported_speech_takes_that_speaker(analyzer):
    text = BARE_AFTER_NARRATION.format(
        middle="Captain Sam Hill said the team had been unlucky with injuries.")
    speaker = direct_with(analyzer, text, "three days to rest").speaker
    assert speaker is not None and speaker.name == "Sam Hill"


def test_bare_quotation_after_two_paragraphs_of_narration_has_no_speaker(analyzer):
    text = BARE_AFTER_NARRATION.format(
        middle="Winger Sam Hill limped off before the break.\n\n"
               "The club has lost four players to injury this month.")
    quote = direct_with(analyzer, text, "three days to rest")
    assert quote.speaker is None or quote.speaker.name != "Alan Moss"


# --- name edges: a regnal number split off, a thing's name run on into a verb ------------

def test_regnal_number_joins_the_monarchs_name(analyzer):
    text = ("King Albert II opened the new bridge on Friday.\n\n"
            "\"This bridge joins two peoples,\" he said.")
    speaker = direct_with(analyzer, text, "bridge joins").speaker
    assert speaker is not None and speaker.name == "Albert II"


def test_regnal_like_letters_after_a_thing_stay_apart(nlp):
    text = "Veterans of World War II met Mayor Jan Olsen on Monday."
    names_ = {e.name for e in analyse(nlp(text)).entities}
    assert "Jan Olsen" in names_ and not any(n.startswith("Jan Olsen ") for n in names_)


def test_thing_name_run_on_into_a_verb_is_cut(nlp):
    doc = nlp("Reid told Radio Forth 2 that he was pleased.")
    run_on = Mention(start=0, end=5, start_char=0, end_char=doc[4].idx + 1,
                     name="Reid told Radio Forth 2", label="ORG", head_start=0)
    cut = cut_at_verb(doc, run_on)
    assert cut is not None and cut.name == "Reid" and cut.end == 1


def test_thing_name_without_a_verb_is_not_cut(nlp):
    doc = nlp("Reid told Radio Forth 2 that he was pleased.")
    station = Mention(start=2, end=5, start_char=doc[2].idx, end_char=doc[4].idx + 1,
                      name="Radio Forth 2", label="ORG", head_start=2)
    assert cut_at_verb(doc, station) is None


# --- 'the queen', 'the rabbi': the one person named before with that title --------------

def test_title_word_is_the_one_person_titled_so(analyzer):
    text = ("King Albert II toured the flooded towns on Sunday.\n\n"
            "Crowds lined the streets of the old port.\n\n"
            "The king, who met rescue teams, said \"the whole country stands with you\".")
    quote = direct_with(analyzer, text, "whole country")
    assert quote.speaker is not None and quote.speaker.name == "Albert II"


@pytest.mark.parametrize("text", [
    # two people given the title: which one spoke is not for us to guess
    ("King Albert II met King Harald Lund in the capital on Sunday.\n\n"
     "Crowds lined the streets of the old port.\n\n"
     "The king, who met rescue teams, said \"the whole country stands with you\"."),
    # nobody given the title before
    ("Mayor Jan Olsen toured the flooded towns on Sunday.\n\n"
     "Crowds lined the streets of the old port.\n\n"
     "The king, who met rescue teams, said \"the whole country stands with you\"."),
])
def test_title_word_without_one_holder_stays_unnamed(analyzer, text):
    quote = direct_with(analyzer, text, "whole country")
    assert quote.speaker is not None and quote.speaker.name is None


# --- a name the parse glued to a list before a speech verb is that verb's subject --------

def test_name_glued_to_a_list_speaks(analyzer):
    text = ("Leeds had lost two league games in a row to Hull and Derby and Grant admitted: "
            "\"We were under a lot of pressure.\"")
    assert direct_with(analyzer, text, "under a lot").speaker.name == "Grant"


@pytest.mark.parametrize(("text", "words", "name"), [
    # the verb follows 'and', not a name: the first clause's subject speaks
    ("Coach Tom Grant praised Hull and Derby and said: \"Both sides played well today.\"",
     "Both sides", "Tom Grant"),
    ("Mayor Ann Lee met Tom Grant and Sara Holt and told reporters: \"We agreed on the "
     "budget at last.\"", "agreed on the budget", "Ann Lee"),
])
def test_shared_subject_when_no_name_is_glued(analyzer, text, words, name):
    assert direct_with(analyzer, text, words).speaker.name == name
