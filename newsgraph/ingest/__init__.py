"""Reading articles: files and folders in, ``Article`` records out, errors per item.

``read_paths`` yields, in input order, every Article read, every ReadWarning
(something read but worth saying) and every ReadError (a file, line or record
that could not be read, with where and why). Bad input never raises and never
costs the good input beside it. Folders are walked recursively in sorted order;
hidden files and folders, and ``metadata.tsv``/``metadata.csv`` tables, are not
read as articles.

One reader per format: ``txt`` (one article a file, byte-exact text, metadata
from a table beside it), ``jsonl`` and ``json`` (one article a record), ``html``
(main content through trafilatura).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsgraph.ingest.common import Item, is_hidden, read_head
from newsgraph.ingest.formats import (
    FORMATS,
    NON_ARTICLE_EXTENSIONS,
    detect_format,
    format_by_extension,
    is_metadata_file,
)
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_json, read_jsonl
from newsgraph.ingest.metadata import MetadataIndex
from newsgraph.ingest.txt import read_txt
from newsgraph.model import Article, ReadError, ReadWarning

__all__ = ["FORMATS", "Item", "detect_format", "read_paths"]


def read_paths(
    paths: Sequence[str | Path], format: str | None = None
) -> Iterator[Article | ReadWarning | ReadError]:
    """Every article in ``paths`` (files or folders), with a report for each bad item.

    ``format`` forces one reader (one of ``FORMATS``) for every file; by default
    each file's format is detected from its extension, else from its first bytes.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    if isinstance(paths, str | Path):  # one path given bare, not a list of characters
        paths = [paths]
    metadata = MetadataIndex()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in walk_files(path):
                if isinstance(found, ReadError):
                    yield found
                else:
                    yield from read_file(found, format, metadata, explicit=False)
        else:
            yield from read_file(path, format, metadata, explicit=True)


def walk_files(folder: Path, seen: frozenset[str] = frozenset()) -> Iterator[Path | ReadError]:
    """The files under ``folder``, recursively, in sorted order; hidden entries left out.

    A folder that cannot be listed is a ReadError; symbolic-link loops are not followed.
    """
    real = os.path.realpath(folder)
    if real in seen:
        return
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as exc:
        yield ReadError(str(folder), f"cannot list the folder: {exc.strerror or exc}")
        return
    for name in names:
        if is_hidden(name):
            continue
        path = folder / name
        if path.is_dir():
            yield from walk_files(path, seen | {real})
        else:
            yield path


def read_file(
    path: Path, forced: str | None, metadata: MetadataIndex, explicit: bool
) -> Iterator[Item]:
    """The items of one file: its format found (or forced), then its reader run."""
    if is_metadata_file(path):
        if explicit:
            yield ReadWarning(str(path), "skipped: a metadata table, not an article")
        return
    fmt = forced or format_by_extension(path)
    if fmt is None:
        if path.suffix.lower() in NON_ARTICLE_EXTENSIONS and not explicit:
            return
        head = read_head(path)
        if isinstance(head, ReadError):
            yield head
            return
        fmt = detect_format(path, head)
    if fmt is None:
        reason = f"not an article file: format not recognised (readable: {', '.join(FORMATS)})"
        yield (
            ReadError(str(path), reason)
            if explicit
            else ReadWarning(str(path), f"skipped: {reason}")
        )
        return
    yield from reader_items(fmt, path, metadata)


def reader_items(fmt: str, path: Path, metadata: MetadataIndex) -> Iterator[Item]:
    """The items the reader for ``fmt`` gives for ``path``."""
    if fmt == "txt":
        return read_txt(path, metadata)
    if fmt == "jsonl":
        return read_jsonl(path)
    if fmt == "json":
        return read_json(path)
    return read_html(path)
