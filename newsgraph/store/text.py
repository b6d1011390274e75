"""Turning user text into safe FTS5 queries and matching names by their tokens.

User input never reaches FTS5 as syntax: every word becomes a double-quoted string, so quotes,
parentheses, ``NEAR(`` and column-like ``a:b`` are searched as words. The bare operators ``AND``,
``OR``, ``NOT`` (in capitals) are dropped: every remaining word is required. A trailing ``*`` on a
word is kept as a prefix search.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w", re.UNICODE)
NAME_TOKEN = re.compile(r"\w+", re.UNICODE)
FTS_OPERATORS = frozenset({"AND", "OR", "NOT"})  # dropped when typed bare, in capitals


def fts_string(term: str) -> str:
    """``term`` as an FTS5 string literal: double quotes doubled inside."""
    return '"' + term.replace('"', '""') + '"'


def fts_terms(user_text: str) -> list[str]:
    """The user's words as FTS5 strings (prefix ``*`` kept); punctuation-only words dropped."""
    terms: list[str] = []
    for word in user_text.split():
        if word in FTS_OPERATORS:
            continue
        prefix = word.endswith("*")
        word = word.strip('*"')
        if not WORD.search(word):
            continue
        terms.append(fts_string(word) + ("*" if prefix else ""))
    return terms


def fts_all_words(user_text: str, column: str | None = None) -> str | None:
    """An FTS5 query matching rows with every word of ``user_text``; None when it has none."""
    terms = fts_terms(user_text)
    if not terms:
        return None
    if column:
        terms = [f"{column} : {term}" for term in terms]
    return " AND ".join(terms)


def fts_phrase(user_text: str, column: str | None = None) -> str | None:
    """An FTS5 query matching ``user_text`` as one phrase (its words adjacent, in order)."""
    words = NAME_TOKEN.findall(user_text)
    if not words:
        return None
    phrase = fts_string(" ".join(words))
    return f"{column} : {phrase}" if column else phrase


def is_acronym(text: str) -> bool:
    """Whether ``text`` is written as an acronym ("US", "UN", "U.S.", "NATO"): two letters
    or more, every letter a capital. Such a query is matched in its own case, since a
    case-blind match of "US" is every "us"."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text.strip()


def name_tokens(name: str) -> tuple[str, ...]:
    """Case-folded word tokens of a name: "Ivor Caplin" -> ("ivor", "caplin")."""
    return tuple(t.casefold() for t in NAME_TOKEN.findall(name))


def name_matches(name: str | None, query: str | None) -> bool:
    """Whether ``name`` is ``query`` or has all of its tokens ("Caplin" -> "Ivor Caplin")."""
    if not name or not query:
        return False
    wanted = name_tokens(query)
    if not wanted:
        return False
    return set(wanted) <= set(name_tokens(name))


def name_contains(name: str | None, query: str | None) -> bool:
    """Whether ``query`` is a piece of ``name``, any case ("capl" -> "Ivor Caplin")."""
    if not name or not query or not query.strip():
        return False
    return query.strip().casefold() in name.casefold()
