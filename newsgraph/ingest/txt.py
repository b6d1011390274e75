"""Plain-text articles: one ``.txt`` file, one article.

The text is the file decoded exactly as it is: UTF-8 with a leading byte-order
mark removed, newlines untouched (``\\r\\n`` stays), nothing stripped; that is
``open(path, encoding="utf-8-sig", newline="").read()``, so character offsets
of annotations made on the file (PolNeAR's, the seeds') slice the same words.
A first line that is a headline stays in the text. Title, date, source, author,
url and id come from a metadata table beside the files when there is one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.common import Item, blank_text_reason, decode_text, read_file_bytes
from newsgraph.ingest.metadata import MetadataIndex, Row
from newsgraph.ingest.records import article_from_fields, split_record
from newsgraph.model import Article, ReadError

HEADER_FIELDS = ("id", "title", "published", "source", "url", "author")


def read_txt(path: Path, metadata: MetadataIndex | None = None) -> Iterator[Item]:
    """The article in a text file (with its metadata row), or why it cannot be read."""
    where = str(path)
    row, problems = metadata.lookup(path) if metadata else (None, [])
    yield from problems
    data = read_file_bytes(path)
    if isinstance(data, ReadError):
        yield data
        return
    decoded = decode_text(data, where)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    text, warnings = decoded
    yield from warnings
    blank = blank_text_reason(text)
    if blank:
        yield ReadError(where, blank)
        return
    yield from article_from_text(text, path, row)


def article_from_text(text: str, path: Path, row: Row | None) -> Iterator[Item]:
    """An Article for ``text``, its header filled from a metadata row when one is given."""
    where = str(path)
    if row is None:
        yield Article(id=path.stem, text=text, path=where)
        return
    fields = split_record(dict(row), HEADER_FIELDS)
    article, warnings = article_from_fields(fields, text, path.stem, where)
    yield from warnings
    yield article
