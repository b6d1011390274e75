"""Article fields from a record: a JSON object or a row of a metadata table.

``split_record`` finds each article field under its known keys (``fields.FIELD_KEYS``)
and leaves every other key in ``meta``, so nothing a source gave is lost.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from newsgraph.ingest.dates import normalise_date
from newsgraph.ingest.fields import FIELD_KEYS
from newsgraph.model import Article, ReadWarning


@dataclass(frozen=True)
class Fields:
    """What a record says about an article: its known fields, and the rest as ``meta``."""

    values: dict[str, Any] = field(default_factory=dict)  # raw values by article field
    meta: dict[str, Any] = field(default_factory=dict)


def split_record(record: dict[str, Any], wanted: tuple[str, ...] = tuple(FIELD_KEYS)) -> Fields:
    """The first key holding each wanted field (case-insensitively); the others go to ``meta``."""
    by_lower: dict[str, str] = {}
    for key in record:
        by_lower.setdefault(str(key).lower(), key)
    values: dict[str, Any] = {}
    used: set[str] = set()
    for name in wanted:
        for alias in FIELD_KEYS[name]:
            key = by_lower.get(alias)
            if key is not None and key not in used and not is_missing(record[key]):
                values[name] = record[key]
                used.add(key)
                break
    meta = {str(k): json_safe(v) for k, v in record.items() if k not in used}
    return Fields(values, meta)


def is_missing(value: Any) -> bool:
    """True for values that say nothing: None, empty strings, empty lists."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def as_text(value: Any) -> str | None:
    """A header value as one string: lists of names joined, ``{"name": ...}`` unwrapped."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return None if isinstance(value, float) and not math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return as_text(value.get("name"))
    if isinstance(value, list):
        parts = [text for text in (as_text(item) for item in value) if text]
        return ", ".join(parts) or None
    return None


def json_safe(value: Any) -> Any:
    """``value`` if ``json.dumps`` takes it strictly, else its text (meta stays JSON)."""
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return str(value)
    return value


def published_day(value: Any, where: str) -> tuple[str | None, list[ReadWarning]]:
    """The normalised publication day, with a warning when a given date cannot be read."""
    if value is None:
        return None, []
    day = normalise_date(value)
    if day is None:
        return None, [
            ReadWarning(where, f"unreadable date {str(value)[:80]!r}; published left empty")
        ]
    return day, []


def article_from_fields(
    fields: Fields, text: str, default_id: str, where: str
) -> tuple[Article, list[ReadWarning]]:
    """The Article a record's recognised fields describe, and any warning about its date."""
    published, warnings = published_day(fields.values.get("published"), where)
    article = Article(
        id=as_text(fields.values.get("id")) or default_id,
        text=text,
        title=as_text(fields.values.get("title")),
        published=published,
        source=as_text(fields.values.get("source")),
        url=as_text(fields.values.get("url")),
        author=as_text(fields.values.get("author")),
        path=where,
        meta=fields.meta,
    )
    return article, warnings
