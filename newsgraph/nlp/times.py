"""PLACEHOLDER (to be replaced by the times helper)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import TimeExpr


def find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    return []
