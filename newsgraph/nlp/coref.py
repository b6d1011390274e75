"""PLACEHOLDER (to be replaced by the coreference helper): spaCy entities, literal speakers."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsgraph.model import Entity, Role, Speaker
from newsgraph.nlp.base import LiteralResolver


@dataclass
class Coreference:
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def speaker_for(self, span: Span) -> Speaker:
        return LiteralResolver().speaker_for(span)


def analyse(doc: Doc) -> Coreference:
    by_name: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in doc.ents:
        by_name.setdefault((ent.text, ent.label_), []).append((ent.start_char, ent.end_char))
    entities = [
        Entity(id=f"e{n}", name=name, type=label, aliases=(name,), mentions=tuple(ms))
        for n, ((name, label), ms) in enumerate(by_name.items())
    ]
    return Coreference(entities=entities)
