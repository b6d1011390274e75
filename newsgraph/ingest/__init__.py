"""Reading articles: files and folders in, ``Article`` records out, errors per item.

``read_paths`` yields, in input order, every Article read, every ReadWarning
(something read but worth saying) and every ReadError (a file, line or record
that could not be read, with where and why). Bad input never raises and never
costs the good input beside it. Folders are walked recursively in sorted order;
hidden files and folders, and ``metadata.tsv``/``metadata.csv`` tables, are not
read as articles; a symbolic link to a folder above it (a loop) is reported, not walked.

What comes out is always valid Unicode: a lone surrogate in a record (a JSON escape such
as ``"\\ud800"``, which is no character) becomes U+FFFD with a warning, one code point for
one so every offset holds; a file name that is not valid UTF-8 is shown, and gives its
article id, with ``\\xNN`` escapes for its bad bytes.

One reader per format: ``txt`` (one article a file, byte-exact text, metadata
from a table beside it), ``jsonl`` and ``json`` (one article a record), ``html``
(main content through trafilatura).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsgraph.ingest.common import (
    Item,
    has_surrogates,
    is_hidden,
    printable,
    read_head,
    scrub_surrogates,
)
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
        for item in raw_items(Path(given), format, metadata):
            yield from clean_item(item)


def raw_items(path: Path, format: str | None, metadata: MetadataIndex) -> Iterator[Item]:
    """The items of one given path (a file, or a folder walked), as the readers give them."""
    kind = entry_kind(path)
    if isinstance(kind, ReadError):
        yield kind
        return
    if kind != "dir":
        yield from read_file(path, format, metadata, explicit=True)
        return
    for found in walk_files(path):
        if isinstance(found, Path):
            yield from read_file(found, format, metadata, explicit=False)
        else:
            yield found


def walk_files(
    folder: Path, above: frozenset[str] = frozenset()
) -> Iterator[Path | ReadError | ReadWarning]:
    """The files under ``folder``, recursively, in sorted order; hidden entries left out.

    A folder that cannot be listed is a ReadError. A symbolic link to the folder it sits
    in or to one above it (a loop) is a ReadWarning and is not followed.
    """
    real = os.path.realpath(folder)
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as exc:
        yield ReadError(str(folder), f"cannot list the folder: {exc.strerror or exc}")
        return
    for name in names:
        if is_hidden(name):
            continue
        path = folder / name
        kind = entry_kind(path)
        if isinstance(kind, ReadError):
            yield kind
        elif kind == "file":
            yield path
        elif kind == "link" and links_above(os.path.realpath(path), real, above):
            yield ReadWarning(str(path), "skipped: a symbolic link to a folder above it (a loop)")
        else:
            yield from walk_files(path, above | {real})


def entry_kind(path: Path) -> str | ReadError:
    """``dir``, ``link`` (to a folder), ``file`` (anything else, the reader says more), or
    a ReadError when the entry cannot even be looked at (a folder without search rights)."""
    try:
        if not path.is_dir():
            return "file"
        return "link" if path.is_symlink() else "dir"
    except OSError as exc:
        return ReadError(str(path), f"cannot look at it: {exc.strerror or exc}")


def links_above(target: str, real: str, above: frozenset[str]) -> bool:
    """True when ``target`` is the folder ``real``, one of its ancestors, or a folder
    already being walked: following it would walk in a circle."""
    if target in above:
        return True
    try:
        return os.path.commonpath([target, real]) == target
    except ValueError:  # different drives
        return False


def clean_item(item: Item) -> Iterator[Item]:
    """``item`` with every string valid Unicode (see the module docstring); a warning first
    when an article's text, header or meta held lone surrogates or its file name bad bytes."""
    if not isinstance(item, Article):
        if has_surrogates(item.where) or has_surrogates(item.reason):
            yield type(item)(printable(item.where), printable(item.reason))
        else:
            yield item
        return
    where = printable(item.path or item.id)
    if item.path and has_surrogates(item.path):
        yield ReadWarning(where, "file name is not valid UTF-8: shown (and used in the "
                                 "article id) with \\xNN escapes for its bad bytes")
    header, replaced = {}, 0
    for name in ("text", "title", "source", "url", "author"):
        value = getattr(item, name)
        if isinstance(value, str) and has_surrogates(value):
            header[name], count = scrub_surrogates(value)
            replaced += count
    meta, count = scrub_value(item.meta)
    replaced += count
    if replaced:
        yield ReadWarning(where, f"{replaced} lone surrogate escape(s) (U+D800..U+DFFF, not "
                                 "characters) replaced by U+FFFD; offsets unchanged")
    if not header and not replaced and not has_surrogates(item.id + (item.path or "")):
        yield item
        return
    yield replace(item, **header, meta=meta, id=printable(item.id),
                  path=printable(item.path) if item.path else None)


def scrub_value(value: Any) -> tuple[Any, int]:
    """A JSON value with lone surrogates replaced in every string (keys too); how many."""
    if isinstance(value, str):
        return scrub_surrogates(value)
    if isinstance(value, list):
        pairs = [scrub_value(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        total, cleaned = 0, {}
        for key, v in value.items():
            new_key, n_key = scrub_value(key) if isinstance(key, str) else (key, 0)
            new_value, n_value = scrub_value(v)
            cleaned[new_key] = new_value
            total += n_key + n_value
        return cleaned, total
    return value, 0


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
    yield from guarded(lambda: reader_items(fmt, path, metadata), str(path))


def guarded(items: Callable[[], Iterator[Item]], where: str) -> Iterator[Item]:
    """The items of one file; should its reader raise (a bug), the file gets a ReadError
    saying so and the run goes on with the next file."""
    try:
        yield from items()
    except Exception as exc:  # a reader's bug costs its file, never the run
        yield ReadError(where, f"read failed: {type(exc).__name__}: {exc}")


def reader_items(fmt: str, path: Path, metadata: MetadataIndex) -> Iterator[Item]:
    """The items the reader for ``fmt`` gives for ``path``."""
    if fmt == "txt":
        return read_txt(path, metadata)
    if fmt == "jsonl":
        return read_jsonl(path)
    if fmt == "json":
        return read_json(path)
    return read_html(path)


def estimate_items(paths: Sequence[str | Path], limit_bytes: int = 2_000_000_000) -> int | None:
    """About how many articles ``paths`` hold, for a progress bar's total and ETA: one per
    text or HTML file, one per line of a JSON Lines file (its newlines counted, not parsed).
    None when it cannot tell cheaply (a JSON document, or more than ``limit_bytes`` to scan)."""
    total, scanned = 0, 0
    for given in [paths] if isinstance(paths, str | Path) else paths:
        root = Path(given)
        if root.is_dir():
            files = [f for f in walk_files(root) if isinstance(f, Path)]
        elif root.is_file():
            files = [root]
        else:
            continue
        for path in files:
            fmt = format_by_extension(path)
            if is_metadata_file(path) or fmt is None:
                continue
            if fmt == "json":
                return None
            if fmt != "jsonl":
                total += 1
                continue
            try:
                size = path.stat().st_size
                scanned += size
                if scanned > limit_bytes:
                    return None
                with path.open("rb") as fh:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            except OSError:
                continue
    return total
