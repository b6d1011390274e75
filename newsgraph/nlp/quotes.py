"""PLACEHOLDER (to be replaced by the quotation helper)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Quote
from newsgraph.nlp.base import SpeakerResolver


def find_quotes(doc: Doc, resolver: SpeakerResolver) -> list[Quote]:
    return []
