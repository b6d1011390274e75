"""Interfaces shared by the analysis stages.

The quotation stage finds *where* a speaker is named (a token span such as
"Mr Caplin", "he", "The JLM chair", "one senior JLM official") and asks a
``SpeakerResolver`` *who* that is. ``nlp.coref`` provides the real resolver;
``LiteralResolver`` is the baseline used when no coreference is available.
"""

from __future__ import annotations

import re
from typing import Protocol

from spacy.tokens import Doc, Span

from newsgraph.model import Speaker, TextSpan


class SpeakerResolver(Protocol):
    def speaker_for(self, span: Span) -> Speaker:
        """Resolve the words naming a speaker to a Speaker (name, type, entity, description)."""
        ...


TEXT_KEY = "newsgraph.text"

# Characters that space words apart or mark direction but that the parser reads as words of
# their own: no-break and other Unicode spaces (web pages are full of U+00A0), zero-width
# spaces, byte-order and bidirectional marks. Each becomes one plain space, so every offset
# into the parsed text is the same offset into the article.
ODD_SPACES = str.maketrans({ch: " " for ch in (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff"
)})


# Markup left in a text by the page it came from ('<tweet id="..."/>', '<a href="...">'):
# an element name right after '<', attributes, '>'. 'a < b' and '<3' are not markup.
MARKUP = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*"
                    r"\s*/?>")


# A wire dateline opening a paragraph ('WASHINGTON (AP) — ', 'RENO, Nev. (AP) - ',
# 'BEIJING, Jan. 5 (Xinhua) -- '): a place in capitals, an optional state, date and credit,
# a dash, then a capital that opens the story's first sentence.
DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}"
    r"(?:, (?:[A-Z][a-z]*\.?(?: ?[A-Z][a-z]*\.?)?|[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r"(?: \([A-Z][\w. ]{0,30}\))?[ \t]*(?:—|–|--|-)[ \t]+(?=[A-Z\"“‘'])"
)


def blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def parse_text(text: str) -> str:
    """``text`` as the parser should see it, with every offset unchanged: odd spaces made
    plain, markup blanked out (its quoted attribute values are no quotations) and wire
    datelines blanked (the place would otherwise read as the first sentence's subject)."""
    text = text.translate(ODD_SPACES)
    if "<" in text:
        text = MARKUP.sub(blank, text)
    return DATELINE.sub(blank, text)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token on each access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def text_span(span: Span) -> TextSpan:
    """The character extent of a spaCy span as a TextSpan."""
    return TextSpan(span.text, span.start_char, span.end_char)


class LiteralResolver:
    """Baseline resolver: a proper-noun span names itself; anything else stays unnamed."""

    def speaker_for(self, span: Span) -> Speaker:
        mention = text_span(span)
        if span.root.pos_ == "PROPN":
            ent_type = "ORG" if span.root.ent_type_ in {"ORG", "NORP"} else "PERSON"
            return Speaker(mention=mention, name=span.text, type=ent_type)
        if span.root.pos_ == "PRON":
            return Speaker(mention=mention, name=None, type="PERSON")
        return Speaker(mention=mention, name=None, description=span.text, type="PERSON")
