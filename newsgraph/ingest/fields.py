"""Vocabularies of the readers, kept as data apart from the logic that uses them.

Each article field lists the record keys (JSON fields, metadata columns) that may
carry it, in order of preference; keys are compared case-insensitively.
"""

from __future__ import annotations

# Article field -> the keys that may hold it, best first.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "doc_id", "docid", "article_id"),
    "text": ("text", "body", "content", "maintext", "article_text", "full_text"),
    "title": ("title", "headline"),
    "published": (
        "published",
        "publication_date",
        "date",
        "published_at",
        "date_published",
        "date_publish",
        "datepublished",
        "pubdate",
    ),
    "source": ("source", "publisher", "sitename", "site_name", "outlet"),
    "url": ("url", "link", "canonical_url"),
    "author": ("author", "byline", "authors"),
}

# Metadata columns that name the text file a row describes, best first.
METADATA_KEY_COLUMNS: tuple[str, ...] = ("filename", "file_name", "file", "path", "name", "id")

# Metadata file names looked for beside the texts and in their ancestors.
METADATA_FILE_NAMES: tuple[str, ...] = ("metadata.tsv", "metadata.csv")

# How many folders above a text's own folder are searched for a metadata file.
METADATA_LEVELS_UP = 3

# Cell values that mean "no value" in metadata tables (compared case-insensitively).
MISSING_VALUES: frozenset[str] = frozenset({"", "none", "null", "nan", "n/a"})
