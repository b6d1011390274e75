"""Vocabularies for naming people and organisations, kept as data apart from the rules.

Everything here is lower case; callers compare ``token.lower_`` (with a trailing
full stop removed, so "Dr." and "Dr" match).
"""

from __future__ import annotations

# Honorifics and forms of address that precede a name, with the gender they imply
# ("" when they imply none). They are stripped from names and kept as data.
HONORIFICS: dict[str, str] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "master": "m", "mrs": "f", "ms": "f",
    "miss": "f", "madam": "f", "dame": "f", "lady": "f", "baroness": "f", "duchess": "f",
    "countess": "f", "queen": "f", "princess": "f", "king": "m", "prince": "m", "duke": "m",
    "earl": "m", "baron": "m", "dr": "", "doctor": "", "prof": "", "professor": "",
    "rabbi": "", "rabbis": "", "rev": "", "revd": "", "reverend": "", "father": "m",
    "sister": "f", "brother": "m", "imam": "", "cardinal": "", "bishop": "", "archbishop": "",
    "pope": "m", "sheikh": "m", "president": "", "senator": "", "sen": "", "rep": "",
    "representative": "", "congressman": "m", "congresswoman": "f", "governor": "", "gov": "",
    "judge": "", "justice": "", "gen": "", "general": "", "col": "", "colonel": "",
    "capt": "", "captain": "", "lt": "", "sgt": "", "chancellor": "", "mayor": "",
    "emir": "m", "amir": "m", "sultan": "m", "shah": "m", "sheik": "m",
}

# Titles followed by a given name, not a surname ("King Hussein", "Prince Charles"): a
# one-word name after one never attaches to a full name by surname.
GIVEN_NAME_TITLES = frozenset({
    "king", "queen", "prince", "princess", "pope", "sheikh", "sheik", "emir", "amir",
    "sultan", "shah", "crown",
})

# Honorifics that are also ordinary words: they count as honorifics only when
# capitalised and directly followed by a capitalised word.
AMBIGUOUS_HONORIFICS = frozenset({
    "president", "judge", "justice", "general", "father", "sister", "brother", "master",
    "doctor", "king", "queen", "prince", "princess", "lady", "governor", "mayor", "chancellor",
    "representative", "captain", "bishop", "cardinal",
})

# Possessive endings a name may carry in a span ("Blair's", "Blair’s", "Jones'").
POSSESSIVE_SUFFIXES = ("'s", "’s", "'", "’")

# Particles inside personal names ("Marie van der Zyl", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin",
    "al", "el", "ibn", "dos", "das", "ter", "ten",
})

# Function words skipped when matching an acronym to the initials of a long form.
ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "&", "in", "on", "to", "a", "an"})

# Generic words an organisation's name may end in and still be named without
# ("the Labour Party" ~ "Labour").
ORG_SUFFIXES = frozenset({
    "party", "inc", "corp", "corporation", "co", "ltd", "plc", "llc", "group", "company",
})

# Nouns for organisations: "the party said" points at an organisation.
ORG_NOUNS = frozenset({
    "party", "group", "organisation", "organization", "company", "firm", "government",
    "ministry", "department", "agency", "movement", "campaign", "union", "council", "committee",
    "board", "association", "charity", "trust", "federation", "administration", "club",
    "team", "bank", "network", "newspaper", "paper", "broadcaster", "channel", "station",
    "court", "army", "police", "office", "body", "institute", "university", "school",
    "commission", "authority", "coalition", "alliance", "foundation", "society", "church",
    "league", "service", "parliament", "congress", "senate", "cabinet", "regime", "faction",
    "opposition", "embassy", "consulate", "spokesperson's office",
})

# Last words of organisation names: a capitalised run ending in one is an organisation
# ("Saltmere Town Council", "Coastal and Maritime Workers Union", "Greyline Developments").
ORG_NAME_ENDINGS = frozenset({
    "council", "union", "association", "society", "party", "movement", "committee",
    "commission", "trust", "group", "federation", "board", "league", "alliance", "foundation",
    "institute", "university", "college", "bank", "company", "corporation", "corp", "inc",
    "ltd", "plc", "llc", "developments", "holdings", "industries", "partners", "associates",
    "enterprises", "ventures", "authority", "agency", "department", "ministry", "club",
    "network", "coalition", "centre", "center", "assembly", "parliament", "congress",
    "organisation", "organization", "forum", "fund", "charity", "service", "services",
    "conference", "caucus", "collective", "cooperative", "co-operative",
})

# Words naming a role or office; they head role phrases ("JLM chair", "the former minister").
TITLE_NOUNS = frozenset({
    "chair", "chairman", "chairwoman", "chairperson", "vice-chair", "vice-chairman",
    "co-chair", "president", "vice-president", "secretary", "secretary-general", "minister",
    "spokesman", "spokeswoman", "spokesperson", "leader", "head", "chief", "director",
    "founder", "co-founder", "member", "mp", "mep", "msp", "senator", "congressman",
    "congresswoman", "representative", "governor", "mayor", "councillor", "councilor",
    "chancellor", "premier", "treasurer", "officer", "executive", "ceo", "cfo", "coo",
    "chairmen", "editor", "presenter", "host", "anchor", "correspondent", "reporter",
    "columnist", "commentator", "ambassador", "envoy", "commissioner", "candidate", "nominee",
    "adviser", "advisor", "aide", "manager", "coordinator", "organiser", "organizer",
    "convenor", "whip", "deputy", "counsel", "attorney", "prosecutor", "judge", "justice",
    "general", "commander", "official", "activist", "campaigner", "trustee", "patron",
    "historian", "academic", "professor", "expert", "analyst", "economist", "scholar",
    "lawyer", "barrister", "solicitor", "rabbi", "bishop", "imam", "priest", "pastor",
    "lecturer", "researcher", "scientist", "chairs", "peer", "lord", "baroness", "owner",
    "boss", "captain", "coach", "strategist", "pollster", "lobbyist", "donor", "supporter",
    "critic", "veteran", "politician", "lawmaker", "legislator", "speaker", "author",
    "writer", "journalist", "broadcaster", "president-elect", "emeritus",
    "attorney-general", "dean", "provost", "rector", "headteacher", "headmaster",
    "headmistress", "superintendent",
})

# Titles that one person holds at the head of an organisation. "The ORG chair" may name the
# article's one head of that organisation under another such title ("ORG founder X").
# Not "leader" or "director": a party has many leaders, a company many directors.
LEADERSHIP_NOUNS = frozenset({
    "chair", "chairman", "chairwoman", "chairperson", "president", "chief", "founder",
    "boss", "owner", "ceo", "convenor",
})

# Occupations: "a retired architect", "former harbourmaster X" (roles with no organisation).
OCCUPATION_NOUNS = frozenset({
    "architect", "teacher", "harbourmaster", "harbormaster", "engineer", "farmer", "fisherman",
    "nurse", "doctor", "surgeon", "pilot", "builder", "plumber", "accountant", "banker",
    "pharmacist", "vet", "midwife", "firefighter", "paramedic", "shopkeeper", "publican",
    "landlord", "headteacher", "headmaster", "headmistress", "principal", "dentist",
    "carpenter", "electrician", "mechanic", "miner", "sailor", "soldier",
    "detective", "constable", "inspector", "superintendent", "surveyor", "planner",
    "consultant", "entrepreneur", "businessman", "businesswoman", "novelist", "poet",
    "artist", "musician", "composer", "actor", "actress", "photographer", "designer",
    "chef", "diplomat", "magistrate", "coroner", "clerk",
})

# Verbs whose subject holds a role over their object: "X, who chairs the group" -> chair.
ROLE_VERBS: dict[str, str] = {
    "chair": "chair", "lead": "leader", "head": "head", "found": "founder",
    "co-found": "co-founder", "edit": "editor", "present": "presenter", "captain": "captain",
    "own": "owner", "manage": "manager", "direct": "director",
}

# Verbs after which the object, not the subject, is the one who leaves: "X replaced Y
# after he resigned" -> Y resigned.
SUCCESSION_VERBS = frozenset({"replace", "succeed", "oust", "sack", "fire", "dismiss",
                              "depose", "unseat", "defeat"})

# Verbs whose subject is a speaking person (evidence that a lone capitalised word names one).
PERSON_EVIDENCE_VERBS = frozenset({
    "say", "tell", "add", "insist", "argue", "explain", "recall", "admit", "complain",
    "believe", "feel", "think", "resign", "marry", "die",
})

# Verbs stating when a role began: "was confirmed as chair in June".
ROLE_START_VERBS = frozenset({
    "confirm", "elect", "appoint", "name", "choose", "nominate", "install", "select",
    "become", "make", "promote", "take", "hire", "recruit", "reelect", "re-elect",
})

# Lower-case words that join a title noun into a longer title ("general secretary",
# "prime minister", "defence minister", "parliamentary candidate").
TITLE_MODIFIERS = frozenset({
    "general", "prime", "foreign", "home", "defence", "defense", "finance", "health",
    "education", "justice", "shadow", "junior", "chief", "executive", "parliamentary",
    "national", "international", "vice", "assistant", "associate", "senior", "press",
    "communications", "policy", "political", "legal", "principal", "managing", "founding",
    "campaign", "cabinet", "backbench", "local", "regional",
    "county", "city", "public", "first", "private", "permanent", "special", "economic",
    "trade", "environment", "energy", "transport", "culture", "treasury", "security",
    "intelligence", "military", "interior", "deputy",
})

# Words that qualify a role rather than name it.
QUALIFIERS = frozenset({
    "former", "current", "deputy", "acting", "interim", "ex", "ex-", "outgoing", "incoming",
    "then", "late", "sitting", "new", "newly-elected", "previous", "future", "retired",
})

# Nouns describing a person ("the Jewish left-winger", "a senior official").
PERSON_NOUNS = TITLE_NOUNS | frozenset({
    "man", "woman", "person", "source", "insider", "figure", "left-winger", "right-winger",
    "winger", "backbencher", "frontbencher", "veteran", "witness", "resident", "father",
    "mother", "son", "daughter", "wife", "husband", "friend", "colleague", "ally",
    "opponent", "rival", "spokesman", "spokeswoman", "victim", "survivor", "student",
    "teacher", "doctor", "nurse", "officer", "soldier", "worker", "employee", "voter",
    "businessman", "businesswoman", "billionaire", "millionaire", "tycoon", "star", "actor",
    "actress", "singer", "player", "athlete", "boy", "girl", "individual", "observer",
    "participant", "delegate", "protester", "protestor", "demonstrator", "diplomat",
    "politician", "negotiator", "investigator", "detective", "chief", "leader", "rabbi",
})

# Plural nouns for groups of people: "Sources say", "68 rabbis", "several senior figures".
GROUP_NOUNS = frozenset({
    "sources", "officials", "figures", "insiders", "members", "rabbis", "critics",
    "supporters", "activists", "campaigners", "experts", "analysts", "lawmakers", "mps",
    "ministers", "residents", "witnesses", "people", "leaders", "aides", "allies", "voters",
    "protesters", "protestors", "workers", "employees", "diplomats", "observers",
    "investigators", "police", "authorities", "organisers", "organizers", "economists",
    "scientists", "researchers", "doctors", "teachers", "students", "parents", "officers",
    "spokesmen", "representatives", "executives", "colleagues", "friends", "opponents",
    "rivals", "peers", "historians", "academics", "lawyers", "politicians", "delegates",
    "candidates", "senators", "governors", "mayors", "councillors", "trustees", "donors",
    "commentators", "journalists", "reporters", "veterans", "others", "some", "many",
})

# Third-person pronouns: (gender "m"/"f"/"" and number "sg"/"pl").
PRONOUNS: dict[str, tuple[str, str]] = {
    "he": ("m", "sg"), "him": ("m", "sg"), "his": ("m", "sg"), "himself": ("m", "sg"),
    "she": ("f", "sg"), "her": ("f", "sg"), "hers": ("f", "sg"), "herself": ("f", "sg"),
    "they": ("", "pl"), "them": ("", "pl"), "their": ("", "pl"), "theirs": ("", "pl"),
    "themselves": ("", "pl"),
}

# Determiners that make a noun phrase definite (anaphoric) or indefinite (a new referent).
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
INDEFINITE_DETERMINERS = frozenset({
    "a", "an", "one", "some", "several", "many", "two", "three", "four", "five", "few",
    "other", "another", "any", "various", "numerous", "most", "all",
})

# News outlets so common internationally that they need no evidence in the text.
COMMON_OUTLETS = frozenset({
    "bbc", "cnn", "reuters", "ap", "associated press", "afp", "agence france-presse",
    "xinhua", "fox news", "msnbc", "nbc", "cbs", "abc", "npr", "pbs", "bloomberg",
    "new york times", "washington post", "wall street journal", "financial times",
    "guardian", "times", "telegraph", "independent", "economist", "daily mail", "sky news",
    "itv", "channel 4", "al jazeera", "le monde", "der spiegel", "usa today",
    "los angeles times", "politico", "axios", "huffington post", "buzzfeed", "the hill",
    "breitbart", "observer", "sun", "mirror", "evening standard", "bbc news", "cnbc",
    "tass", "ria novosti", "kyodo", "yonhap", "dpa", "efe", "ansa", "press association",
})

# Nouns that, right after a name, mark it as a news outlet ("the JC story", "LBC presenter").
MEDIA_NOUNS = frozenset({
    "newspaper", "paper", "radio", "tv", "television", "show", "programme", "program",
    "presenter", "reporter", "correspondent", "editor", "columnist", "journalist",
    "interview", "podcast", "website", "broadcast", "documentary", "story", "report",
    "investigation", "columns", "column", "anchor", "host", "headline", "magazine",
    "station", "channel", "broadcaster", "news", "article", "editorial", "poll",
})

# Verbs whose subject is an outlet when it is an organisation ("the X has learned").
MEDIA_VERBS = frozenset({
    "learn", "report", "reveal", "expose", "publish", "broadcast", "air", "print",
})

# Words before an organisation that cue a news outlet: "told X", "according to X",
# "in an interview with X", "a letter to X", "obtained by X", "writing in X".
MEDIA_PRECEDING = frozenset({"told", "tell", "telling", "interview", "letter", "obtained",
                             "writing", "wrote", "speaking", "spoke", "according"})

# Common first names and the gender they suggest (for pronoun agreement only).
MALE_FIRST_NAMES = frozenset("""
aaron adam adrian ahmed alan albert alex alexander alfred ali alistair andrew andy angus
anthony antonio arthur barack barry ben benjamin bernie bill bob boris brian bruce carl
charles charlie chris christopher chuka clive colin craig dan daniel danny darren dave
david dennis derek dominic donald doug douglas duncan ed eddie edward emmanuel eric ernest
frank fred frederick gareth gary gavin geoff geoffrey george gerald gordon graham greg
gregory hamish harold harry harvey henry hugh iain ian ivan ivor jack jacob jake james
jamie jason jeff jeffrey jeremy jim jimmy joe joel john johnny jon jonathan jose joseph
josh joshua juan keir keith kenneth ken kevin kim-jong kyle larry lee len leo leon liam
louis luke malcolm marco mark martin matt matthew michael mike mitch mohammed muhammad
nathan neil nicholas nick nigel norman oliver owen patrick paul pete peter phil philip
ray raymond richard rick rob robert robin roger ron ronald rory roy russell ryan sadiq
sam samuel scott sean sebastian sergei simon stephen steve steven stuart ted terry theo
thomas tim timothy tom tommy tony trevor victor vince vincent vladimir walter wayne will
william xi yusuf zac
""".split())

FEMALE_FIRST_NAMES = frozenset("""
abigail ada alice alison amanda amber amy andrea angela angelina ann anna anne annie
barbara betty beverley brenda caroline carol carolyn catherine charlotte chelsea chloe
christine claire clare deborah debbie diana diane donna dorothy elaine eleanor elizabeth
ellen emily emma erin esther eva evelyn fiona frances gillian gisela gloria grace hannah
harriet hazel heather helen hillary holly ingrid irene isabel jacqueline jane janet
jasmin jasmine jean jennie jennifer jenny jess jessica jill jo joan joanna jodie judith
julia julie karen kate katherine kathleen kathryn katie kelly kirsty laura lauren linda
lisa liz louise lucy luciana lynn margaret maria marie marine marion mary maureen megan
melania melissa michelle nancy natalie nicola nicole olivia pamela patricia paula
pauline penny rachel rebecca rosie ruth sally samantha sandra sara sarah sharon shirley
sophie stella stephanie sue susan suzanne tessa theresa tracey ursula valerie vanessa
victoria wendy yvette yvonne zoe
""".split())

# Nouns for people who speak for someone else: "a spokesman for the ministry", "Howard's
# lawyer". The one they speak for is their principal, never the speaker.
REPRESENTATIVE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "representative", "lawyer",
    "attorney", "counsel", "aide", "adviser", "advisor", "envoy", "agent", "assistant",
    "solicitor", "barrister",
})
# Prepositions that name a representative's principal: "a spokesman for X", "an aide to X".
PRINCIPAL_PREPOSITIONS = frozenset({"for", "of", "to"})

# Nationality words used as nouns for people: "the Swiss said", "added the Swede", "two
# Britons". A nationality is never a speaker's name. Singular and plural forms.
DEMONYMS = frozenset("""
afghan afghans albanian albanians algerian algerians american americans angolan angolans
argentine argentines argentinian argentinians armenian armenians australian australians
austrian austrians azerbaijani azerbaijanis bangladeshi bangladeshis belarusian belarusians
belgian belgians bolivian bolivians bosnian bosnians brazilian brazilians briton britons
british bulgarian bulgarians burmese cambodian cambodians cameroonian cameroonians canadian
canadians chilean chileans chinese colombian colombians congolese croat croats croatian
croatians cuban cubans cypriot cypriots czech czechs dane danes danish dutch dutchman
dutchmen dutchwoman ecuadorean ecuadoreans egyptian egyptians englishman englishmen
englishwoman eritrean eritreans estonian estonians ethiopian ethiopians filipino filipinos
filipina finn finns finnish frenchman frenchmen frenchwoman french georgian georgians german
germans ghanaian ghanaians greek greeks guatemalan guatemalans haitian haitians hungarian
hungarians icelander icelanders indian indians indonesian indonesians iranian iranians iraqi
iraqis irishman irishmen irishwoman irish israeli israelis italian italians ivorian ivorians
jamaican jamaicans japanese jordanian jordanians kazakh kazakhs kenyan kenyans korean koreans
kosovar kosovars kuwaiti kuwaitis kyrgyz latvian latvians lebanese liberian liberians libyan
libyans lithuanian lithuanians malaysian malaysians malian malians mexican mexicans moroccan
moroccans mozambican mozambicans namibian namibians nepalese nepali nepalis nigerian
nigerians nigerien nigeriens norwegian norwegians pakistani pakistanis palestinian
palestinians peruvian peruvians pole poles portuguese qatari qataris romanian romanians
russian russians rwandan rwandans saudi saudis scot scots scotsman scotsmen scotswoman
senegalese serb serbs serbian serbians singaporean singaporeans slovak slovaks slovene
slovenes slovenian slovenians somali somalis spaniard spaniards sudanese swede swedes swiss
syrian syrians taiwanese tajik tajiks tanzanian tanzanians thai thais tunisian tunisians
turk turks ugandan ugandans ukrainian ukrainians uruguayan uruguayans uzbek uzbeks
venezuelan venezuelans vietnamese welshman welshmen welshwoman yemeni yemenis zambian
zambians zimbabwean zimbabweans kiwi kiwis aussie aussies yank yanks
""".split())

# Nouns that introduce a newspaper or agency by what it is: "the mass-circulation daily
# Bild", "the weekly Der Spiegel", "the tabloid Sun". The name after one is an outlet.
PRESS_NOUNS = frozenset({
    "daily", "weekly", "monthly", "tabloid", "broadsheet", "newspaper", "paper", "magazine",
    "journal", "agency", "gazette", "newsweekly", "newsmagazine", "dailies",
})
# Articles that start newspaper titles but never a person's name: "Die Welt", "Der Spiegel".
TITLE_ARTICLES = frozenset({"die", "der", "das"})
