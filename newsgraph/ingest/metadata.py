"""Metadata tables beside the texts: ``metadata.tsv`` or ``metadata.csv``.

A table sits in a text's folder or in one of its ``METADATA_LEVELS_UP`` ancestors
and has one row per text, keyed by file name with or without its extension (the
first column named ``filename``, ``file``, ``path``, ``name`` or ``id``). For
PolNeAR, ``polnear/metadata.tsv`` covers ``polnear/{train,dev}/text/*.txt``.
The nearest table holding a row for the file wins.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.ingest.common import decode_text, read_file_bytes
from newsgraph.ingest.fields import (
    METADATA_FILE_NAMES,
    METADATA_KEY_COLUMNS,
    METADATA_LEVELS_UP,
    MISSING_VALUES,
)
from newsgraph.model import ReadError, ReadWarning

Row = dict[str, str | None]

# Extensions dropped from keys, so that "a.txt" and "a" name the same row.
KEY_EXTENSIONS = (".txt", ".text", ".html", ".htm")


@dataclass(frozen=True)
class MetadataTable:
    """One metadata file: its rows by key, and what was wrong with it."""

    path: Path
    rows: dict[str, Row] = field(default_factory=dict)
    problems: tuple[ReadError | ReadWarning, ...] = ()


def row_key(name: str) -> str:
    """The key a file name is looked up by: its base name without a text extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    for extension in KEY_EXTENSIONS:
        if base.lower().endswith(extension):
            return base[: -len(extension)]
    return base


def key_column(header: list[str]) -> str | None:
    """The column naming the file each row describes, or None."""
    lowered = {name.strip().lower(): name for name in header}
    for candidate in METADATA_KEY_COLUMNS:
        if candidate in lowered:
            return lowered[candidate]
    return None


def cell(value: str | None) -> str | None:
    """A cell's value, or None for the markers of an empty cell (``None``, ``NaN``, ``""``)."""
    if value is None or value.strip().lower() in MISSING_VALUES:
        return None
    return value.strip()


def parse_table(text: str, path: Path) -> MetadataTable:
    """Rows of a TSV (no quoting: titles hold quote marks) or CSV table, by key."""
    where = str(path)
    if path.suffix.lower() == ".tsv":
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        return MetadataTable(path, problems=(ReadError(where, f"malformed table: {exc}"),))
    if not lines:
        return MetadataTable(path, problems=(ReadError(where, "empty metadata table"),))
    header = [name.strip() for name in lines[0]]
    key = key_column(header)
    if key is None:
        wanted = ", ".join(METADATA_KEY_COLUMNS)
        reason = f"metadata table has no column naming the files (one of: {wanted})"
        return MetadataTable(path, problems=(ReadError(where, reason),))
    rows: dict[str, Row] = {}
    problems: list[ReadError | ReadWarning] = []
    for number, values in enumerate(lines[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            reason = f"row has {len(values)} columns, the header {len(header)}; row skipped"
            problems.append(ReadWarning(f"{where}:{number}", reason))
            continue
        row = {name: cell(value) for name, value in zip(header, values, strict=True)}
        name = row[key]
        if name is None:
            problems.append(ReadWarning(f"{where}:{number}", f"row has no {key}; row skipped"))
        elif row_key(name) in rows:
            problems.append(ReadWarning(f"{where}:{number}", f"second row for {name!r} ignored"))
        else:
            rows[row_key(name)] = row
    return MetadataTable(path, rows, tuple(problems))


def load_table(path: Path) -> MetadataTable:
    """A metadata file read and parsed; its problems are kept on the table."""
    data = read_file_bytes(path)
    if isinstance(data, ReadError):
        return MetadataTable(path, problems=(data,))
    decoded = decode_text(data, str(path))
    if isinstance(decoded, ReadError):
        return MetadataTable(path, problems=(decoded,))
    text, warnings = decoded
    table = parse_table(text, path)
    return MetadataTable(table.path, table.rows, (*warnings, *table.problems))


def candidate_folders(text_path: Path) -> list[Path]:
    """The text's folder and up to ``METADATA_LEVELS_UP`` folders above it, nearest first."""
    folder = Path(os.path.abspath(text_path)).parent
    return [folder, *folder.parents][: METADATA_LEVELS_UP + 1]


class MetadataIndex:
    """Finds the metadata row of a text file; each table is read once per index."""

    def __init__(self) -> None:
        self._tables: dict[Path, list[MetadataTable]] = {}

    def tables_in(self, folder: Path) -> tuple[list[MetadataTable], list[ReadError | ReadWarning]]:
        """The metadata tables of one folder, and their problems the first time they are read."""
        if folder in self._tables:
            return self._tables[folder], []
        tables = [
            load_table(folder / name) for name in METADATA_FILE_NAMES if (folder / name).is_file()
        ]
        self._tables[folder] = tables
        return tables, [problem for table in tables for problem in table.problems]

    def lookup(self, text_path: Path) -> tuple[Row | None, list[ReadError | ReadWarning]]:
        """The row describing ``text_path`` (nearest table first), and any new table problems."""
        problems: list[ReadError | ReadWarning] = []
        key = row_key(text_path.name)
        for folder in candidate_folders(text_path):
            tables, new_problems = self.tables_in(folder)
            problems.extend(new_problems)
            for table in tables:
                if key in table.rows:
                    return table.rows[key], problems
        return None, problems
