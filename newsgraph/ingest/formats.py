"""Which reader a file needs: by its extension, else by sniffing its first bytes."""

from __future__ import annotations

from pathlib import Path

from newsgraph.ingest.common import UTF8_BOM, looks_binary
from newsgraph.ingest.fields import METADATA_FILE_NAMES

FORMATS = ("txt", "jsonl", "json", "html")

EXTENSION_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

# Files that sit beside articles but are not articles: skipped quietly in folders.
NON_ARTICLE_EXTENSIONS: frozenset[str] = frozenset(
    {
        ".ann", ".tsv", ".csv", ".tml", ".xml", ".conll", ".md", ".rst", ".py", ".sh",
        ".yaml", ".yml", ".toml", ".ini", ".cfg", ".log", ".db", ".sqlite", ".lock",
        ".gz", ".bz2", ".xz", ".zip", ".tar", ".pdf", ".png", ".jpg", ".jpeg", ".gif",
        ".svg", ".css", ".js", ".pyc", ".parquet",
    }
)  # fmt: skip

# Lower-cased openings of an HTML document.
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta", b"<div")


def format_by_extension(path: Path) -> str | None:
    """The format an extension names (``.txt`` -> ``txt``), or None."""
    return EXTENSION_FORMATS.get(path.suffix.lower())


def format_by_content(head: bytes) -> str | None:
    """The format the first bytes of a file look like, or None for binary data."""
    if not head or looks_binary(head):
        return None
    body = head.removeprefix(UTF8_BOM).lstrip()
    if body.startswith(b"<") and any(marker in body[:1024].lower() for marker in HTML_MARKERS):
        return "html"
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        return "jsonl" if b"}\n{" in body.replace(b"\r\n", b"\n") else "json"
    return "txt"


def detect_format(path: str | Path, head: bytes) -> str | None:
    """The reader for a file: by extension, else by sniffing ``head`` (its first bytes).

    None for files that are not articles (annotations, tables, images, binary data).
    """
    path = Path(path)
    by_extension = format_by_extension(path)
    if by_extension or path.suffix.lower() in NON_ARTICLE_EXTENSIONS:
        return by_extension
    return format_by_content(head)


def is_metadata_file(path: Path) -> bool:
    """True for ``metadata.tsv`` / ``metadata.csv``, which describe articles but are none."""
    return path.name.lower() in METADATA_FILE_NAMES
