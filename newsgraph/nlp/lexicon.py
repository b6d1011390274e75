"""Vocabularies of attribution, kept as data apart from the rules in ``quotes``.

Every set holds lower-case lemmas (as spaCy lemmatises them). Nothing here names a
person, outlet or phrase from any corpus: these are the general words of reporting.
"""

from __future__ import annotations

# Verbs of saying and writing: their subject is a speaker and their clausal
# complement (or the quotation beside them) is what was said.
SPEECH_VERBS: frozenset[str] = frozenset({
    "say", "tell", "add", "write", "tweet", "post", "state", "declare", "announce",
    "claim", "insist", "argue", "warn", "deny", "admit", "acknowledge", "concede",
    "confirm", "explain", "note", "observe", "remark", "comment", "suggest", "hint",
    "imply", "reply", "respond", "retort", "answer", "ask", "question", "recall",
    "report", "reveal", "disclose", "allege", "assert", "contend", "maintain",
    "predict", "promise", "pledge", "vow", "threaten", "boast", "complain",
    "lament", "stress", "emphasise", "emphasize", "urge", "demand", "propose",
    "recommend", "conclude", "counter", "mention", "repeat",
    "reiterate", "shout", "scream", "yell", "cry", "whisper", "mutter", "joke",
    "quip", "muse", "testify", "swear", "blog", "email", "text", "message",
    "estimate", "forecast", "project", "calculate", "accuse", "blame", "criticise",
    "criticize", "condemn", "praise", "slam", "attack", "describe", "call", "label",
    "brand", "dub", "apologise", "apologize", "agree", "disagree", "dispute",
    "inform", "advise", "assure", "caution", "signal", "indicate", "point",
    "cite", "charge", "speculate", "theorize", "theorise", "tout",
    "reassure", "notify", "publish", "release", "decry", "denounce",
    "chide", "scold", "mock", "ridicule", "proclaim", "plead", "beg",
    "counsel", "read", "sing", "shrug", "scoff", "sneer", "snap", "exclaim", "gush",
})

# Verbs of belief, intention, feeling and evidence (PolNeAR counts these too).
COGNITION_VERBS: frozenset[str] = frozenset({
    "believe", "think", "feel", "fear", "worry", "hope", "expect", "want", "wish",
    "plan", "intend", "doubt", "suspect", "assume", "suppose",
    "guess", "reckon", "imagine", "prefer",
    "oppose", "favor", "favour", "endorse",
    "seek", "aim", "decide", "refuse", "decline", "agree", "conclude", "find",
    "show", "suggest", "indicate", "reveal", "demonstrate", "prove", "confirm",
    "determine", "anticipate", "predict", "question", "recognize", "recognise",
    "realize", "realise", "insist", "trust", "acknowledge", "accept", "reject",
    "welcome", "vow", "pledge", "promise", "threaten",
    "dismiss", })

# Verbs whose direct object is the content ("announced a plan", "described X as ...").
OBJECT_CONTENT_VERBS: frozenset[str] = frozenset({
    "announce", "deny", "describe", "call", "label", "dub", "brand", "criticise",
    "criticize", "praise", "condemn", "predict", "promise", "propose", "reject",
    "oppose", "endorse", "want", "seek", "expect", "demand", "urge",
    "ask", "cite", "report", "reveal", "confirm", "dispute", "question", "accuse",
    "blame", "estimate", "show", "suggest", "recommend", "favor", "favour",
    "welcome", "prefer", "fear", "pledge", "vow",
    "acknowledge", "admit", "mock", "slam", "attack", "decry", "denounce", "tout",
    "express", "blast", "defend", "discuss", "list", "highlight", "voice",
    "applaud", "hail", "lambaste", "rebuke", "ridicule", "mention", "recall", "repeat",
    "dismiss", "say",
})

# Children of a verb after its content object that belong to the content ('called X a Y',
# 'accused X of Z', 'recalled a night at the theatre').
OBJECT_TAIL_DEPS: frozenset[str] = frozenset({"oprd", "prep", "xcomp", "ccomp", "advcl"})

# Prepositions and entity types of a phrase that sets a report in time or place.
SETTING_PREPOSITIONS: frozenset[str] = frozenset({"during", "after", "before", "since", "at", "in"})
SETTING_ENTITIES: frozenset[str] = frozenset({"DATE", "TIME"})
# Entity types that name places: never a speaker found by position alone.
PLACE_ENTITIES: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
# A noun phrase with one of these links already has a role in its clause (object, subject
# of another verb): never the speaker of a verb it happens to stand before.
NEIGHBOUR_TAKEN_DEPS: frozenset[str] = frozenset({
    "pobj", "dobj", "attr", "dative", "oprd", "nsubj", "nsubjpass", "poss",
})

# Prepositions that name, right after a verb, who is called on to act ("called on Congress to
# act", "called for the minister to resign").
ADDRESSEE_PREPOSITIONS: frozenset[str] = frozenset({"on", "upon", "for"})
# ... which may instead open a day ("called on Tuesday for ..."): then they name no one.
DAY_PREPOSITIONS: frozenset[str] = frozenset({"on", "upon"})

# Verbs that report only through their object or a preposition ("defended the plan",
# "referred to the deal"): cues only when that content is there.
CONTENT_ONLY_VERBS: frozenset[str] = frozenset({
    "express", "blast", "defend", "discuss", "list", "highlight", "voice",
    "applaud", "hail", "lambaste", "rebuke", "refer", "talk", "speak", "react",
})

# Prepositions whose object is the content, by verb ("referred to X", "talked about X").
PREP_CONTENT: dict[str, frozenset[str]] = {
    "refer": frozenset({"to"}), "talk": frozenset({"about"}), "speak": frozenset({"about"}),
    "point": frozenset({"to"}), "respond": frozenset({"to"}),
    "call": frozenset({"for", "on"}), "ask": frozenset({"about", "for"}),
    "accuse": frozenset({"of"}), "warn": frozenset({"about", "of", "against"}),
    "complain": frozenset({"about"}), "worry": frozenset({"about"}),
    "comment": frozenset({"on"}), "testify": frozenset({"about"}),
    "apologise": frozenset({"for"}), "apologize": frozenset({"for"}),
    "argue": frozenset({"for", "against"}), "criticise": frozenset({"for"}),
    "criticize": frozenset({"for"}), "praise": frozenset({"for"}), "blame": frozenset({"for"}),
    "agree": frozenset({"with", "on"}), "disagree": frozenset({"with", "on"}),
    "reply": frozenset({"to"}), "react": frozenset({"to"}), "insist": frozenset({"on"}),
}

# Tokens the parser's lemmatiser gets wrong, mapped to the lemma they should have.
LEMMA_FIXES: dict[str, str] = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}

# Verbs whose infinitival complement is the content ("wants to ...", "vowed to ...").
XCOMP_CONTENT_VERBS: frozenset[str] = frozenset({
    "want", "hope", "plan", "intend", "expect", "wish", "seek", "aim", "decide",
    "refuse", "decline", "promise", "pledge", "vow", "threaten", "agree",     "prefer", "urge", "ask", "tell", "warn",
    "call", "claim", "offer", "propose", "demand", "fear", "appear", "seem",
})

# Nouns and adjectives that take a "that"-clause of reported content
# ("the claim that ...", "is confident that ...").
REPORTING_NOUNS: frozenset[str] = frozenset({
    "claim", "statement", "assertion", "argument", "allegation", "warning",
    "belief", "view", "fear", "hope", "suggestion", "insistence", "promise",
    "pledge", "vow", "prediction", "accusation", "announcement", "report",
    "remark", "comment", "notion", "idea", "sense", "conviction", "assurance",
    "admission", "denial", "charge", "concern", "expectation", "message",
    "complaint", "revelation", "finding", "conclusion", "speculation", "rumor", "rumour",
    "suspicion", "doubt", "insinuation", "contention", "boast", "threat",
    "recognition", "acknowledgment", "acknowledgement", "theory", "impression",
})

# Nouns of intention or proposal whose infinitive is the content ("her decision to run").
INTENTION_NOUNS: frozenset[str] = frozenset({
    "plan", "promise", "pledge", "vow", "call", "proposal", "threat",
    "refusal", "willingness", "desire", "intention", "commitment", "demand", "reluctance",
})

# Nouns whose prepositional object is the content ("his criticism of the deal").
NOUN_PREP_CONTENT: dict[str, frozenset[str]] = {
    "criticism": frozenset({"of"}), "remark": frozenset({"about", "on"}),
    "call": frozenset({"for"}), "praise": frozenset({"for", "of"}),
    "complaint": frozenset({"about"}), "warning": frozenset({"about", "of", "against"}),
    "denial": frozenset({"of"}),
    "defense": frozenset({"of"}), "defence": frozenset({"of"}),
    "condemnation": frozenset({"of"}), "rejection": frozenset({"of"}),
    "demand": frozenset({"for"}), "proposal": frozenset({"for"}),
}

# Stance toward a target: the words that may take one, and the prepositions that bring
# it ('voted for X', 'attacks on X', 'critical of X'); ``target_candidates``.
TARGET_POS: frozenset[str] = frozenset({"VERB", "NOUN", "ADJ"})
TARGET_PREPS: frozenset[str] = frozenset({
    "for", "on", "about", "against", "of", "to", "toward", "towards", "at", "over", "with",
})

# Prepositions under a cue noun whose object is the source ("criticism from X").
NOUN_SOURCE_PREPS: frozenset[str] = frozenset({"from", "by"})

REPORTING_ADJECTIVES: frozenset[str] = frozenset({
    "confident", "convinced", "sure", "certain", "aware", "worried", "concerned",
    "afraid", "hopeful", "optimistic", "pessimistic", "adamant", "skeptical",
    "sceptical", "unconvinced", "determined", "eager", "keen", "reluctant", "critical",
    "unhappy", "angry", "upset", "furious", "supportive", "wary", "fearful", "doubtful",
    "enthusiastic", "nervous", "anxious", "unwilling", "willing", "insistent", "silent",
})

# Adjectives whose infinitive is their holder's intention ("eager to run"); others
# ("sure to pass", "certain to close") say nothing about their subject's mind.
VOLITION_ADJECTIVES: frozenset[str] = frozenset({
    "determined", "eager", "keen", "reluctant", "unwilling", "willing", "afraid", "anxious",
})

# Prepositions whose object is what a reporting adjective is about ("worried about X").
ADJECTIVE_PREPS: frozenset[str] = frozenset({"about", "of", "with", "over"})

# Verbs of seeming: the whole clause is the content and no source is named
# ("The plan appears to have failed").
SEEMING_VERBS: frozenset[str] = frozenset({"seem", "appear"})

# Children of a seeming verb that carry what seems so.
SEEMING_DEPS: frozenset[str] = frozenset({"xcomp", "ccomp", "oprd", "acomp"})

# Left children of a clause that, set off by a comma, are the writer's connective rather
# than reported content ("Still, ...", "In fact, ...", "However, ...").
LEADING_CONNECTIVE_DEPS: frozenset[str] = frozenset({"advmod", "cc", "intj"})

# Prepositions of what a statement is about, part of what is reported ('Of the plan, he
# said, "..."'), not of its setting.
TOPIC_PREPOSITIONS: frozenset[str] = frozenset({"of", "about", "on", "regarding", "concerning"})
# Subordinators of a clause of time ('after the mayor announced the cuts').
TIME_MARKS: frozenset[str] = frozenset({"after", "before", "when", "while", "as", "since",
                                        "until", "once"})
# Subordinators after a quoted phrase that open the narrator's own clause ('... "X" as he
# promised to ...', '... "X" when it ended').
NARRATION_MARKS: frozenset[str] = frozenset({"as", "when"})

# Words that may open a sentence before a quotation that goes on from the last speaker
# ('But "it will not last."').
LEAD_CONNECTIVES: frozenset[str] = frozenset({"but", "and", "yet", "still", "so", "or", "then"})

# Verbs of asking: as a bare participle ('Asked about X, she said') the asker goes unnamed.
QUESTION_VERBS: frozenset[str] = frozenset({"ask", "question", "press", "quiz"})

# How quoted speech hangs from a verb outside the cue vocabulary that then reports it
# ('she fumed, "..."', 'the crowd chanted "..."').
QUOTED_OBJECT_DEPS: frozenset[str] = frozenset({"ccomp", "dobj", "xcomp"})

# Prepositions through which such a verb governs quoted words ('railed against "..."').
QUOTED_PREPOSITIONS: frozenset[str] = frozenset({"against", "as", "about", "on"})

# Demonstratives that, as a speech verb's only argument, make a connective ('That said,').
DEMONSTRATIVES: frozenset[str] = frozenset({"that", "this"})

# Prepositional cues whose object is the source: "according to X", "in X's view".
ACCORDING_TO: tuple[str, str] = ("according", "to")

# Dependency labels that, under a noun, end the speaker's noun phrase.
NP_CUTOFF_DEPS: frozenset[str] = frozenset({
    "relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis",
    # "Cyprus here Monday denied", "police there said": place and day words after a name
    "advmod", "npadvmod",
})

# Words left dangling at the end of a content clause cut before a conjoined report.
TRAILING_WORDS: frozenset[str] = frozenset({"and", "but", "or", "so", "while", "as"})

# Prepositions that keep a speaker's noun phrase going ("a spokesman for X", "one of them").
NP_PREPOSITIONS: frozenset[str] = frozenset({"of", "for", "at", "from", "with"})

# Children of a cue that name the speaker.
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "csubj", "expl"})
# The subject of "It is hard to say ...", "It is too early to tell ...": a placeholder for
# the infinitive, not a source, when the adjective judges the act rather than a person
# ("it was ready to announce" has a source).
DUMMY_SUBJECTS: frozenset[str] = frozenset({"it"})
EXTRAPOSING_ADJECTIVES: frozenset[str] = frozenset({
    "hard", "easy", "difficult", "tough", "important", "crucial", "essential", "vital",
    "necessary", "possible", "impossible", "fair", "unfair", "safe", "worth", "wrong",
    "right", "reasonable", "useful", "interesting", "striking", "notable", "remarkable",
    "tempting", "ironic", "odd", "strange", "sad", "early", "premature", "fun", "telling",
})
PASSIVE_AGENT_DEP: str = "agent"

# Verbs whose object is a means, not the one who acts on it: in 'used the speech to
# attack X' the subject attacks ('led the chairman to declare': the object declares).
INSTRUMENT_VERBS: frozenset[str] = frozenset({"use", "seize", "exploit", "spend", "devote"})

# Prepositions of an absolute phrase whose noun does the participle after it ('with the
# agency announcing that ...').
ABSOLUTE_PREPOSITIONS: frozenset[str] = frozenset({"with", "without"})

# Participles that hang off another verb and share its subject ("..., adding that").
SHARED_SUBJECT_DEPS: frozenset[str] = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl"})

# Verbs that put out a text that then speaks for its author ('issued a statement saying',
# 'posted a message reading'): the participle's speaker is the verb's subject.
PUBLISHING_VERBS: frozenset[str] = frozenset({
    "issue", "release", "send", "post", "put", "publish", "circulate", "distribute",
    "share", "tweet", "run", "air", "broadcast", "file", "write", "deliver", "give",
    "make", "do", "pen", "email", "unveil", "launch", "produce", "draft", "submit",
    "sign", "leave", "retweet", "upload", "print",
})

# Links from a noun up to the verb it is the object of, through prepositions
# ('sent a message to supporters saying').
OBJECT_PATH_DEPS: frozenset[str] = frozenset({"dobj", "pobj", "prep", "dative", "conj", "appos"})

# Words that open a participle going on from a speaker's report ('while adding', 'before
# noting'), as a comma does.
PARTICIPLE_MARKS: frozenset[str] = frozenset({"while", "before", "after"})

# Pronouns that open a relative clause: the speaker is the noun the clause describes.
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "that", "which", "whom"})
# Pronouns that stand for the thing a relative clause labels: the relatives, and the free
# relative 'what' ('in what she called "a betrayal"').
LABEL_RELATIVES: frozenset[str] = RELATIVE_PRONOUNS | {"what"}
# Those of them that stand for a thing: a text put out by its author ('ran an ad that said').
THING_RELATIVES: frozenset[str] = frozenset({"that", "which"})

# Words that, quoted alone, are names or labels rather than speech ("so-called").
SCARE_QUOTE_CUES: frozenset[str] = frozenset({
    "so-called", "so", "dubbed", "nicknamed", "titled", "entitled", "named", "called",
    "known", "term", "word", "phrase", "slogan", "hashtag", "headline", "label",
})

# Verbs that put a label on something ('called the plan "a disaster"', 'described it as
# "reckless"'): the quoted label is the speaker's words, the thing labelled is the narrator's.
LABEL_VERBS: frozenset[str] = frozenset({
    "call", "describe", "dub", "brand", "label", "term", "characterize", "characterise",
})

# How a label hangs from its verb: as its object complement, or after 'as'.
LABEL_DEPS: frozenset[str] = frozenset({"oprd", "attr", "xcomp", "ccomp"})
LABEL_PREPOSITION: str = "as"

# A content clause stops before a trailing aside of the narration: a participle after a comma
# or dash (', noting that ...', '— asserting ...') or a contrast (', while ...', ', whereas ...').
ASIDE_PUNCT: frozenset[str] = frozenset({",", "—", "–", "―", "--"})
ASIDE_MARKS: frozenset[str] = frozenset({"while", "whereas"})
# A noun phrase after a dash that runs to the end of the content glosses it ('— a decline that
# ...'): the narration's words.
ASIDE_DASHES: frozenset[str] = frozenset({"—", "–", "―", "--"})
ASIDE_NP_DEPS: frozenset[str] = frozenset({"appos", "npadvmod"})
# After a comma at the end of the content, a relative clause or apposition glosses a noun
# of the content ('..., which expires in May', '..., a former aide'): the narrator's words.
GLOSS_DEPS: frozenset[str] = frozenset({"relcl", "appos"})

# Quotation content at least this many words long reads as speech even with no cue.
MIN_SPEECH_WORDS: int = 5
# A speech tag between two quoted pieces is at most this many tokens ("she added, smiling").
MAX_TAG_TOKENS: int = 12

# Words that join names in a credit ('Jane Roe and John Doe:'), and the dashes that set a
# credit off from a headline before it ('POLLS SHIFT - Jane Roe:').
NAME_JOINERS: frozenset[str] = frozenset({"and", "&"})
NAME_DASHES: frozenset[str] = frozenset({"-", "—", "–", "--", "―"})

# Verbs of the tag idiom 'as X put it, "..."': with the object 'it' they report speech.
PUT_IT_VERBS: frozenset[str] = frozenset({"put"})
# Particles after 'put it' that make it a thing moved, not words ('as she put it back').
PUT_IT_PARTICLES: frozenset[str] = frozenset({
    "back", "down", "away", "off", "up", "aside", "together", "out", "forward",
})

# Characters that open or close a quotation, straight, curly or angled (and the backtick
# some feeds use), as quotes and the attribution model's features read them.
QUOTE_CHARS: str = "\"'“”‘’«»„‟‚‛`"
APOSTROPHES: frozenset[str] = frozenset("'’")  # the quote marks that also end a possessive

# --- Polarity of a report (``quotes.polarity``): the speaker does not assert the content ---
# Cues whose content the speaker rejects: 'denied that ...'.
DENIAL_VERBS: frozenset[str] = frozenset({"deny", "refute"})
# Verbs above a cue's infinitive that withhold it: 'declined to say whether ...'.
REFUSAL_VERBS: frozenset[str] = frozenset({"decline", "refuse"})
# Words that negate a cue: 'has not confirmed that ...', 'never said'.
NEGATIONS: frozenset[str] = frozenset({"not", "n't", "never", "neither", "nor"})

# --- Mode of a report (``quotes.mode``): speech, belief, intention, stance or other ---
# Verbs that report no words at all: seeming, attempting, taking, proving, managing
# ('seemed to be pleased', 'attempted to contact', 'took centre stage', 'has proved to be').
NON_REPORT_VERBS: frozenset[str] = frozenset({
    "seem", "appear", "look", "sound", "attempt", "try", "struggle", "manage", "fail",
    "take", "prove", "turn", "become", "use", "expose", "learn", "know", "understand",
    "find", "discover", "show", "demonstrate", "watch", "see", "hear", "press", "quiz",
    "face",
})
# Verbs whose infinitive is an act tried rather than done: a report under one is none
# ('attempted to contact', 'tried to reach'). Seeming and hearing are left out: 'appeared to
# reject claims', 'can be heard suggesting' still report.
ATTEMPT_VERBS: frozenset[str] = frozenset({"attempt", "try", "struggle", "manage", "fail"})
# Words outside the speech verbs whose clause is something said ('accepted that ...').
SPEECH_ALSO: frozenset[str] = frozenset({"accept", "reaffirm", "liken", "compare", "recount"})
# Verbs and nouns of holding something true ('thinks', 'fears', 'believes', 'her view that').
BELIEF_WORDS: frozenset[str] = frozenset({
    "believe", "think", "feel", "fear", "worry", "hope", "expect", "doubt", "suspect",
    "assume", "suppose", "guess", "reckon", "imagine", "trust", "realize", "realise",
    "consider", "anticipate", "recognize", "recognise", "belief", "view", "conviction",
    "impression", "sense", "suspicion", "concern", "expectation",
    "notion", "idea", "theory", "confident", "convinced", "sure", "certain", "aware",
    "worried", "concerned", "afraid", "hopeful", "optimistic", "pessimistic", "skeptical",
    "sceptical", "unconvinced", "doubtful", "fearful", "wary", "nervous", "anxious",
})
# Verbs, nouns and adjectives of meaning to act ('plans to', 'wants to', 'her decision to').
INTENTION_WORDS: frozenset[str] = frozenset({
    "plan", "intend", "want", "wish", "aim", "seek", "decide", "prepare", "mean",
    "prefer", "choose", "opt", "resolve", "offer", "volunteer", "agree", "refuse",
    "decline", "intention", "desire", "willingness", "reluctance", "commitment",
    "refusal", "decision", "determined", "eager", "keen", "reluctant", "unwilling",
    "willing", "ready",
})
# Verbs, nouns and adjectives of taking a side ('backed', 'criticised', 'his support for').
STANCE_WORDS: frozenset[str] = frozenset({
    "back", "support", "oppose", "favor", "favour", "endorse", "welcome", "criticise",
    "criticize", "condemn", "praise", "blame", "slam", "attack", "defend", "applaud",
    "hail", "lambaste", "rebuke", "decry", "denounce", "accuse", "express", "voice",
    "blast", "vote", "champion", "embrace", "resist", "fight", "reject", "dismiss",
    "chastise", "castigate", "berate", "criticism", "condemnation", "opposition", "defence",
    "defense",
    "rejection", "backing", "endorsement", "critical", "supportive",
    "unhappy", "angry", "upset", "furious", "enthusiastic",
})
# Words of talking about a topic without saying what ('referred to', 'talked about').
TOPIC_WORDS: frozenset[str] = frozenset({
    "refer", "talk", "speak", "discuss", "react", "list", "highlight", "consult",
})
# Beliefs that, with an infinitive, are meant acts: 'hopes to win', 'expects to sign'.
INTENTION_BELIEFS: frozenset[str] = frozenset({"hope", "wish", "expect"})
# Nouns of a text as a thing ('wrote a series of tweets', 'posted a letter'): as the only
# object of a speech verb they name what was put out, not what it says.
TEXT_NOUNS: frozenset[str] = frozenset({
    "tweet", "post", "letter", "statement", "message", "email", "article", "book", "column",
    "blog", "note", "op-ed", "essay", "memo", "piece", "series", "number", "string",
    "thread", "editorial", "speech", "report",
})
