"""Name normalisation for cross-article matching: pure functions over strings.

Every key here is a plain lowercase string, so the resolver can index identities in dicts
and compare names without ever looking at pairs. The vocabularies (honorifics, suffixes,
surname particles, acronym stopwords) are data, kept apart from the functions below.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from newsgraph.nlp.names import ORG_NAME_ENDINGS

# --- vocabularies ------------------------------------------------------------------------

#: Words before a person's name that are not part of it ("Mr Smith", "Dr Jane Ng").
HONORIFICS: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame",
        "lord", "lady", "baroness", "baron", "rev", "reverend", "fr", "father", "sister",
        "rabbi", "imam", "sheikh", "sen", "senator", "rep", "representative", "gov",
        "governor", "president", "judge", "justice", "gen", "general", "col", "colonel",
        "capt", "captain", "sgt", "sergeant", "lt", "lieutenant", "cllr", "councillor",
        "mayor", "chancellor", "minister", "secretary", "king", "queen", "prince", "princess",
        "crown", "pope", "emir", "amir", "sultan", "shah", "sheik", "earl", "duke", "duchess",
    }
)  # fmt: skip

#: Titles followed by a given name, not a surname ("King Hussein", "Prince Charles"): such a
#: name without a surname is no surname and never matches one.
GIVEN_NAME_TITLES: frozenset[str] = frozenset(
    {"king", "queen", "prince", "princess", "crown", "pope", "sheikh", "sheik", "emir", "amir",
     "sultan", "shah"}
)  # fmt: skip

#: Honorifics that say whether the person is a man or a woman (used only as a veto).
GENDERED_HONORIFICS: dict[str, str] = {
    "mr": "m", "sir": "m", "lord": "m", "baron": "m", "fr": "m", "father": "m", "king": "m",
    "prince": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f",
    "baroness": "f", "sister": "f", "queen": "f", "princess": "f", "pope": "m", "emir": "m",
    "amir": "m", "sultan": "m", "shah": "m", "sheikh": "m", "sheik": "m", "duke": "m",
    "earl": "m", "duchess": "f",
}  # fmt: skip

#: Generational suffixes: part of who someone is ("Jr" and "Sr" are different people).
SUFFIXES: frozenset[str] = frozenset({"jr", "junior", "sr", "senior", "ii", "iii", "iv"})

#: (nickname, name) pairs the nickname table links that are distinct names in everyday use.
DISTINCT_GIVEN_NAMES: frozenset[tuple[str, str]] = frozenset(
    {("ian", "john"), ("micah", "michael"), ("lisa", "elizabeth"), ("rita", "margaret"),
     ("day", "david"), ("daisy", "margaret"), ("jamie", "benjamin"), ("sandy", "alexander")}
)  # fmt: skip

#: Endings of diminutive first names ("Peggy", "Bobbie", "Dani").
DIMINUTIVE_ENDINGS: tuple[str, ...] = ("y", "ie", "i")

#: Lowercase words that start a multi-word surname ("Charles de Gaulle", "van der Berg").
SURNAME_PARTICLES: frozenset[str] = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "dos",
     "das", "ter", "ten", "bin", "ibn", "al", "el"}
)  # fmt: skip

#: Particles that are also given names when they come first ("Al Gore", "El Greco" aside).
GIVEN_NAME_PARTICLES: frozenset[str] = frozenset({"al", "el"})

#: Legal-form words at the end of an organisation's name, dropped from its key.
ORG_LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {"inc", "incorporated", "ltd", "limited", "llc", "plc", "corp", "corporation"}
)

#: Words skipped when forming an acronym from a long name ("Party of the Left" -> "PL").
ACRONYM_STOPWORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "&"})

_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_HYPHEN_RE = re.compile(f"[{_HYPHENS}]")
_POSSESSIVE_RE = re.compile(r"(?:'s|s')$", re.IGNORECASE)
_NOT_WORD_RE = re.compile(r"[^\w&\s-]+")
_SPACES_RE = re.compile(r"\s+")
_ACRONYM_RE = re.compile(r"^(?:[A-Z]\.?){2,6}$")

# --- folding -----------------------------------------------------------------------------


def without_diacritics(text: str) -> str:
    """``text`` with combining marks removed after NFKD ("Zoë Løvås" -> "Zoe Løvas")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def canonical_marks(text: str) -> str:
    """NFKC ``text`` with every apostrophe variant as ``'`` and every hyphen variant as ``-``."""
    if text.isascii():
        return text.replace("`", "'")
    text = unicodedata.normalize("NFKC", text)
    return _HYPHEN_RE.sub("-", _APOSTROPHE_RE.sub("'", text))


def without_possessive(text: str) -> str:
    """``text`` without a trailing possessive ("Smith's" -> "Smith", "Jones'" -> "Jones")."""
    stripped = text.strip()
    match = _POSSESSIVE_RE.search(stripped)
    if not match:
        return stripped
    # "Jones'" keeps its s; "Smith's" loses the 's
    return stripped[: match.start()] + ("s" if match.group().lower() == "s'" else "")


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """The comparison form of a name: NFKC, marks unified, no diacritics, casefolded,
    possessive and punctuation removed, spaces collapsed. Hyphens inside words stay."""
    text = without_possessive(canonical_marks(text))
    text = without_diacritics(text).casefold().replace("'", "")
    text = _NOT_WORD_RE.sub(" ", text)
    tokens = (t.strip("-") for t in _SPACES_RE.split(text))
    return " ".join(t for t in tokens if t)


def tokens_of(text: str) -> tuple[str, ...]:
    """The folded words of ``text``; initials with dots split ("J.F." -> "j", "f")."""
    return tuple(fold(text).split())


# --- persons -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    """A person's name split for matching: given names, surname, suffix, honorifics."""

    given: tuple[str, ...]
    surname: str
    suffix: str | None = None
    honorifics: tuple[str, ...] = ()

    @property
    def is_full(self) -> bool:
        """True when the name has at least one given name or initial besides the surname."""
        return bool(self.given)

    @property
    def key(self) -> str:
        """The exact-match key: given names, surname and suffix, folded."""
        return " ".join((*self.given, self.surname, *((self.suffix,) if self.suffix else ())))

    @property
    def given_name_title(self) -> str | None:
        """The title when the name is a title and a given name alone ("King Hussein" ->
        "king"), else None: the word after it is no surname."""
        if self.given:
            return None
        titles = [h for h in self.honorifics if h in GIVEN_NAME_TITLES]
        return " ".join(titles) if titles else None

    @property
    def gender(self) -> str | None:
        """ "m" or "f" when an honorific says so, else None."""
        genders = {GENDERED_HONORIFICS[h] for h in self.honorifics if h in GENDERED_HONORIFICS}
        return genders.pop() if len(genders) == 1 else None


@lru_cache(maxsize=1 << 18)
def parse_person(name: str) -> PersonName | None:
    """``name`` split into given names, surname and suffix; None when nothing is left."""
    tokens = list(tokens_of(name))
    honorifics: list[str] = []
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        honorifics.append(tokens.pop(0))
    if not tokens:
        return None
    suffix = tokens.pop() if len(tokens) > 1 and tokens[-1] in SUFFIXES else None
    start = len(tokens) - 1  # the surname begins at the last word or at its first particle
    while start > 0 and tokens[start - 1] in SURNAME_PARTICLES:
        if start == 1 and tokens[0] in GIVEN_NAME_PARTICLES:
            break  # "Al Gore": a given name, not a particle
        start -= 1
    return PersonName(tuple(tokens[:start]), " ".join(tokens[start:]), suffix, tuple(honorifics))


@cache
def _nickname_table() -> dict[str, frozenset[str]]:
    """canonical first name -> its nicknames, from the ``nicknames`` package, loaded once."""
    from nicknames import NickNamer

    return {k: frozenset(v) for k, v in NickNamer().nickname_lookup.items()}


def is_nickname_of(nickname: str, canonical: str) -> bool:
    """True when ``nickname`` is a short form of ``canonical`` ("bill", "william").

    The package's table is broad; to stay conservative a nickname must be shorter than the
    name, must not be a distinct name in common use (``DISTINCT_GIVEN_NAMES``), and a nickname
    of five letters or more that has nicknames of its own is a name in itself ("peter"),
    unless it ends as a diminutive does ("peggy", "bobbie").
    """
    table = _nickname_table()
    if nickname not in table.get(canonical, ()) or len(nickname) >= len(canonical):
        return False
    if (nickname, canonical) in DISTINCT_GIVEN_NAMES:
        return False
    return len(nickname) < 5 or nickname not in table or nickname.endswith(DIMINUTIVE_ENDINGS)


def first_name_match(a: str, b: str) -> str | None:
    """How two given names can be the same person's: "same", "initial", "nickname" or None."""
    if a == b:
        return "same"
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return "initial"
    if is_nickname_of(a, b) or is_nickname_of(b, a):
        return "nickname"
    return None


def given_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """The rule under which two given-name sequences agree, or None.

    The first names must match (same, initial or nickname); middle names may be missing on
    one side ("John F. Kennedy" ~ "John Kennedy") but where both sides have them they must
    agree as names or initials. Returns "nickname", "initials", "middle-name" or "same".
    """
    if not a or not b:
        return None
    first = first_name_match(a[0], b[0])
    if first is None:
        return None
    kinds = {first}
    for x, y in zip(a[1:], b[1:], strict=False):
        kind = first_name_match(x, y)
        if kind not in ("same", "initial"):
            return None
        kinds.add(kind)
    if len(a) != len(b):
        kinds.add("middle-name")
    for rule in ("nickname", "initial", "middle-name"):
        if rule in kinds:
            return "initials" if rule == "initial" else rule
    return "same"


def long_form_stem(name: str) -> str:
    """A spelling-tolerant key of a long organisation name: the first four letters of each
    word that counts for its initials ("Israel Defence Forces" and "Israel Defense Forces"
    -> "isra defe forc"), so two long forms of one acronym can be told apart."""
    words = without_diacritics(canonical_marks(name)).replace("-", " ").split()
    return " ".join(
        w[:4].casefold()
        for w in words
        if w.casefold() not in ACRONYM_STOPWORDS and w[:1].isalpha() and w[0].isupper()
    )


# --- organisations -----------------------------------------------------------------------


@lru_cache(maxsize=1 << 18)
def org_key(name: str) -> str:
    """The exact-match key of an organisation: folded, without "the" or a legal form."""
    tokens = list(tokens_of(name))
    if len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    if len(tokens) > 1 and tokens[-1] in ORG_LEGAL_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


@lru_cache(maxsize=1 << 18)
def acronym_form(name: str) -> str | None:
    """The lowercase letters of ``name`` when it is written as an acronym ("J.L.M." -> "jlm")."""
    text = without_diacritics(canonical_marks(name)).strip()
    if not _ACRONYM_RE.match(text):
        return None
    return text.replace(".", "").lower()


@lru_cache(maxsize=1 << 18)
def initials_of(name: str) -> str | None:
    """The acronym a long name would have: first letters of its capitalised words, skipping
    of/the/and/for ("Jewish Labour Movement" -> "jlm"); None for fewer than two words."""
    words = without_diacritics(canonical_marks(name)).replace("-", " ").split()
    letters = [
        w[0].lower()
        for w in words
        if w.casefold() not in ACRONYM_STOPWORDS and w[:1].isalpha() and w[0].isupper()
    ]
    if len(letters) < 2 or acronym_form(name):
        return None
    return "".join(letters)


# --- organisation long forms -------------------------------------------------------------

#: Spelling pairs of one word in British and American usage, as (ending, replacement) on a
#: folded word: "defence" and "defense", "organisation" and "organization", "centre" and
#: "center", "labour" and "labor" all come out the same.
SPELLING_ENDINGS: tuple[tuple[str, str], ...] = (
    ("isation", "ization"), ("ise", "ize"), ("ising", "izing"), ("ised", "ized"),
    ("ence", "ense"), ("tre", "ter"), ("our", "or"), ("ogue", "og"),
)  # fmt: skip

#: Words that end organisation names ("Council", "Union", "Authority"): a multi-word name
#: ending in one is an organisation's long form whatever type it was given.
ORG_HEAD_WORDS: frozenset[str] = ORG_NAME_ENDINGS | frozenset(
    {"court", "office", "bureau", "academy", "army", "force", "forces", "front", "senate",
     "cabinet"}
)


def spelling_variant(word: str) -> str:
    """A folded word with British spellings made American and a plural "s" dropped
    ("Defences" -> "defense", "Organisations" -> "organization", "Forces" -> "force")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending, replacement in SPELLING_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + replacement
    return word


@lru_cache(maxsize=1 << 18)
def long_form_key(name: str) -> str:
    """The key two spellings of one long organisation name share ("Israel Defence Forces" ~
    "Israel Defense Force"): the organisation key without "of/the/and/for", each word
    through ``spelling_variant``. Names of fewer than two such words give ""."""
    words = [w for w in org_key(name).replace("-", " ").split() if w not in ACRONYM_STOPWORDS]
    if len(words) < 2:
        return ""
    return " ".join(spelling_variant(w) for w in words)


def ends_as_organisation(name: str) -> bool:
    """True when the last word of ``name`` is one that ends organisation names."""
    words = org_key(name).split()
    return len(words) >= 2 and spelling_variant(words[-1]) in _ORG_HEAD_VARIANTS


_ORG_HEAD_VARIANTS = frozenset(spelling_variant(w) for w in ORG_HEAD_WORDS)


#: Endings of nationality and regional adjectives ("Kenyan", "Korean", "Sudanese",
#: "Kurdish"): a one-word name ending so is an adjective, no short form of an organisation.
DEMONYM_ENDINGS: tuple[str, ...] = ("an", "ese", "ish")

#: Nationality words the endings miss, and words that open many organisation names and name
#: none of them alone (compass points, "National", "United", "World").
DEMONYM_WORDS: frozenset[str] = frozenset(
    {"arab", "greek", "thai", "french", "dutch", "swiss", "czech", "welsh", "scots", "basque",
     "kurd", "serb", "croat", "slovak", "turk", "afghan", "iraqi", "israeli", "pakistani",
     "saudi", "kuwaiti", "bahraini", "qatari", "emirati", "yemeni", "omani", "somali",
     "bangladeshi", "nepali", "azerbaijani", "uzbek", "kazakh", "tajik", "kyrgyz", "turkmen",
     "filipino", "argentine", "zulu", "maori", "inuit", "lao", "khmer", "hutu", "tutsi",
     "euro", "pan", "afro", "sino", "anglo", "franco", "indo"}
)  # fmt: skip
GENERIC_LEADING_WORDS: frozenset[str] = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "national", "international", "world", "global", "united", "new", "royal",
     "federal", "general", "supreme", "state", "states", "people", "peoples", "democratic",
     "social", "islamic", "christian", "catholic", "free", "grand", "great", "high",
     "higher", "joint", "upper", "lower", "first", "interim", "provisional", "transitional",
     "independent", "popular", "republican", "revolutionary", "liberal", "conservative"}
)  # fmt: skip


def is_adjective_or_place_word(word: str) -> bool:
    """True for a one-word name that reads as a nationality, region or generic adjective
    ("African", "Palestinian", "Chinese", "Northern"): never the short form of an
    organisation, whatever the organisation's name."""
    word = fold(word)
    if " " in word or not word.isalpha():
        return False
    return (
        word in DEMONYM_WORDS
        or word in GENERIC_LEADING_WORDS
        or (len(word) > 4 and word.endswith(DEMONYM_ENDINGS))
    )
