"""Model objects to table rows and back: pure functions, no SQL.

Lists (spans, aliases, mentions, meta) are stored as JSON text so the database reads well in
the ``sqlite3`` shell or Datasette; ``json_each`` reaches inside them.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsgraph.model import Article, Entity, Quote, Role, Speaker, TextSpan, TimeExpr

# One encoder for every row: ``json.dumps`` with a keyword builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def to_json(value: Any) -> str:
    return _ENCODE(value)


def pairs(value: str | None) -> tuple[tuple[int, int], ...]:
    """JSON ``[[s, e], ...]`` as a tuple of int pairs."""
    return tuple((int(s), int(e)) for s, e in json.loads(value or "[]"))


def span_or_none(text: str | None, start: int | None, end: int | None) -> TextSpan | None:
    if text is None or start is None or end is None:
        return None
    return TextSpan(text, start, end)


def revision_row(article: Article, revision: int, content_hash: str, tokens: int) -> dict:
    return {
        "article_id": article.id,
        "revision": revision,
        "content_hash": content_hash,
        "text": article.text,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "path": article.path,
        "meta": to_json(article.meta),
        "tokens": tokens,
    }


def quote_row(quote: Quote) -> dict:
    speaker = quote.speaker or Speaker(mention=None, name=None)
    mention = speaker.mention
    return {
        "quote_id": quote.id,
        "kind": quote.kind,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "spans": to_json([list(s) for s in quote.spans]),
        "cue_text": quote.cue.text if quote.cue else None,
        "cue_start": quote.cue.start if quote.cue else None,
        "cue_end": quote.cue.end if quote.cue else None,
        "speaker_mention": mention.text if mention else None,
        "speaker_start": mention.start if mention else None,
        "speaker_end": mention.end if mention else None,
        "speaker_name": speaker.name,
        "speaker_description": speaker.description,
        "speaker_type": speaker.type,
        "speaker_entity": speaker.entity,
        "speaker_principal": speaker.principal,
        "confidence": quote.confidence,
        "polarity": quote.polarity,
        "mode": quote.mode,
        "speaker_via": quote.speaker_via,
        "speaker_resolved": speaker.resolved,
        "speaker_confidence": quote.speaker_confidence,
        "verbatim": to_json([list(s) for s in quote.verbatim]),
    }


def entity_row(entity: Entity) -> dict:
    return {
        "entity_id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "kind": entity.kind,
        "aliases": to_json(list(entity.aliases)),
        "mentions": to_json([list(m) for m in entity.mentions]),
        "honorifics": to_json(list(entity.honorifics)),
    }


def role_row(role: Role) -> dict:
    return {
        "entity_id": role.entity,
        "title": role.title,
        "organisation": role.organisation,
        "qualifier": role.qualifier,
        "start": role.start,
        "end": role.end,
        "date": role.date,
    }


def time_row(time: TimeExpr) -> dict:
    return {
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "type": time.type,
        "value": time.value,
        "anchor": time.anchor,
        "granularity": time.granularity,
    }


def article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["article_id"],
        text=row["text"],
        title=row["title"],
        published=row["published"],
        source=row["source"],
        url=row["url"],
        author=row["author"],
        path=row["path"],
        meta=json.loads(row["meta"] or "{}"),
    )


def speaker_from_row(row: sqlite3.Row) -> Speaker | None:
    fields = ("speaker_mention", "speaker_name", "speaker_description", "speaker_type")
    if all(row[f] is None for f in (*fields, "speaker_entity")):
        return None
    return Speaker(
        mention=span_or_none(row["speaker_mention"], row["speaker_start"], row["speaker_end"]),
        name=row["speaker_name"],
        description=row["speaker_description"],
        type=row["speaker_type"],
        entity=row["speaker_entity"],
        principal=row["speaker_principal"],
        resolved=row["speaker_resolved"],
    )


def quote_from_row(row: sqlite3.Row) -> Quote:
    return Quote(
        id=row["quote_id"],
        kind=row["kind"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        spans=pairs(row["spans"]),
        cue=span_or_none(row["cue_text"], row["cue_start"], row["cue_end"]),
        speaker=speaker_from_row(row),
        confidence=row["confidence"],
        polarity=row["polarity"],
        mode=row["mode"],
        verbatim=pairs(row["verbatim"]),
        speaker_via=row["speaker_via"],
        speaker_confidence=row["speaker_confidence"],
    )


def entity_from_row(row: sqlite3.Row) -> Entity:
    return Entity(
        id=row["entity_id"],
        name=row["name"],
        type=row["type"],
        aliases=tuple(json.loads(row["aliases"] or "[]")),
        mentions=pairs(row["mentions"]),
        kind=row["kind"],
        honorifics=tuple(json.loads(row["honorifics"] or "[]")),
    )


def role_from_row(row: sqlite3.Row) -> Role:
    return Role(
        entity=row["entity_id"],
        title=row["title"],
        organisation=row["organisation"],
        qualifier=row["qualifier"],
        start=row["start"],
        end=row["end"],
        date=row["date"],
    )


def time_from_row(row: sqlite3.Row) -> TimeExpr:
    return TimeExpr(
        text=row["text"], start=row["start"], end=row["end"], type=row["type"],
        value=row["value"], anchor=row["anchor"],
    )


def quote_listing(row: sqlite3.Row) -> dict:
    """A flat, JSON-ready quote row with its article header (for ``Store.quotes``)."""
    out = {key: row[key] for key in row.keys()}
    out["spans"] = [list(p) for p in pairs(out["spans"])]
    if "verbatim" in out:
        out["verbatim"] = [list(p) for p in pairs(out["verbatim"])]
    return out
