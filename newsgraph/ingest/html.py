"""Web pages: the article body and header of an ``.html`` file, through trafilatura.

The text is trafilatura's extraction of the main content (boilerplate, menus
and footers left out); offsets point into that text, not into the HTML. Title,
date, author, canonical url and site name (as ``source``) come from the page's
metadata. A page whose extracted body is shorter than ``MIN_BODY_WORDS`` words
has no article and is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.ingest.common import Item, looks_binary, read_file_bytes
from newsgraph.ingest.records import as_text, json_safe, published_day
from newsgraph.model import Article, ReadError

# Fewer words than this in the extracted body: a menu or an index page, no article.
MIN_BODY_WORDS = 15

# trafilatura metadata kept in Article.meta when present (``filedate`` is left out:
# it is the day of reading, which would make the same page read differently).
META_FIELDS = ("hostname", "description", "categories", "tags", "language", "license", "image")


def extract_document(data: bytes) -> Any:
    """trafilatura's document for an HTML page (imported here: it is slow to import)."""
    import trafilatura

    return trafilatura.bare_extraction(data, with_metadata=True)


def read_html(path: Path) -> Iterator[Item]:
    """The article of a web page, or why the page holds none."""
    where = str(path)
    data = read_file_bytes(path)
    if isinstance(data, ReadError):
        yield data
        return
    if not data.strip():
        yield ReadError(where, "empty file: no HTML")
        return
    if looks_binary(data):
        yield ReadError(where, "binary file: not HTML text")
        return
    try:
        document = extract_document(data)
    except Exception as exc:  # a third-party parser: any failure is this page's, reported
        yield ReadError(where, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
        return
    text = (document.text or "") if document is not None else ""
    words = len(text.split())
    if words < MIN_BODY_WORDS:
        yield ReadError(where, f"no article body found in the page ({words} words of main text)")
        return
    published, warnings = published_day(document.date, where)
    yield from warnings
    yield Article(
        id=path.stem,
        text=text,
        title=as_text(document.title),
        published=published,
        source=as_text(document.sitename) or as_text(document.hostname),
        url=as_text(document.url),
        author=as_text(document.author),
        path=where,
        meta=page_meta(document),
    )


def page_meta(document: Any) -> dict[str, Any]:
    """The page metadata worth keeping that has no Article field, JSON-safe."""
    meta: dict[str, Any] = {}
    for name in META_FIELDS:
        value = getattr(document, name, None)
        if value not in (None, "", []):
            meta[name] = json_safe(value)
    return meta
