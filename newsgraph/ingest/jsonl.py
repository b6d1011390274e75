"""JSON articles: JSON Lines (``.jsonl``), and ``.json`` holding an array, one object,
or JSON Lines.

Each record is an object with the text under ``text``/``body``/``content`` and, when
known, ``title``, ``published``, ``source``, ``url``, ``author`` and ``id`` (see
``fields.FIELD_KEYS``); other keys go to ``Article.meta``. A record without an id
is named ``<file stem>:<line>``. A broken line or record is reported as
``path:line: reason`` and the reader goes on with the next line. JSON Lines are
streamed, so the size limit applies to each line, not to the file.

A file that cannot be JSON Lines at all (empty, compressed, binary, UTF-16, or plain text
whose first line is no JSON record) is one error for the file, not one per line. A record
nested deeper than ``MAX_DEPTH`` is reported, not parsed further.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsgraph.ingest import common
from newsgraph.ingest.common import Item, os_error_reason, read_file_bytes, size_text
from newsgraph.ingest.fields import FIELD_KEYS
from newsgraph.ingest.records import article_from_fields, split_record
from newsgraph.model import ReadError

READ_CHUNK = 1 << 20
HEAD_BYTES = 8192
# News records are a few levels deep; deeper nesting is noise (and would exhaust Python's
# recursion limit in json, well under a 2 KB line of brackets).
MAX_DEPTH = 64
JSON_TYPE_NAMES = {list: "a list", str: "a string", int: "a number", float: "a number",
                   bool: "true or false", type(None): "null"}  # fmt: skip


def read_jsonl(path: Path) -> Iterator[Item]:
    """Articles from a JSON Lines file, streamed one line at a time."""
    where = str(path)
    problem = common.regular_file_problem(path, check_size=False)
    if problem:
        yield ReadError(where, problem)
        return
    try:
        with open(path, "rb") as handle:
            problem = not_json_lines_reason(handle.read(HEAD_BYTES))
            if problem:
                yield ReadError(where, problem)
                return
            handle.seek(0)
            records = 0
            for number, line in numbered_lines(handle, common.MAX_FILE_BYTES):
                records += line is None or bool(line.strip())
                yield from items_from_line(line, path, number)
    except OSError as exc:
        yield ReadError(where, os_error_reason(exc, path))
        return
    if not records:
        yield ReadError(where, "no records: the file holds only blank lines")


def not_json_lines_reason(head: bytes) -> str | None:
    """Why a file opening with ``head`` cannot be JSON Lines, or None when it may be."""
    if not head:
        return "empty file: no JSON records"
    kind = common.compressed_kind(head)
    if kind:
        return common.compressed_reason(kind)
    if head.startswith(common.UTF16_BOMS):
        return "UTF-16 text: JSON Lines are read as UTF-8 only; convert the file"
    if common.control_share(head.decode("latin-1")) > common.MAX_CONTROL_SHARE:
        return "binary file, not JSON Lines text"  # one stray NUL is one bad line, not this
    body = head.removeprefix(common.UTF8_BOM).lstrip()
    if body and body[:1] not in (b"{", b"["):
        return "not JSON Lines: the first line is not a JSON record (plain text?)"
    return None


def numbered_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line longer than ``limit``."""
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = handle.readline(READ_CHUNK)
            yield number, None
        else:
            yield number, line


def items_from_line(line: bytes | None, path: Path, number: int) -> Iterator[Item]:
    """The article of one JSON line, or why the line is not one (blank lines give nothing)."""
    where = f"{path}:{number}"
    if line is None:
        limit = size_text(common.MAX_FILE_BYTES)
        yield ReadError(where, f"line too large: over the limit of {limit}")
        return
    if number == 1 and line.startswith(common.UTF8_BOM):
        line = line[len(common.UTF8_BOM) :]
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ReadError(where, f"not valid UTF-8 (byte 0x{line[exc.start]:02x}); line skipped")
        return
    yield from items_from_json_text(text, path, number)


def items_from_json_text(text: str, path: Path, number: int) -> Iterator[Item]:
    """The article of one line of JSON text (blank lines give nothing)."""
    where = f"{path}:{number}"
    if not text.strip():
        return
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(where, json_error_reason(exc, text.rstrip()))
        return
    except RecursionError:
        yield ReadError(where, too_deep_reason())
        return
    yield from article_from_record(record, path, number)


def too_deep_reason() -> str:
    return f"JSON nested too deeply (over {MAX_DEPTH} levels); record skipped"


def nesting_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How many levels of lists and objects ``value`` has (a string 0, ``[]`` 1,
    ``[[1]]`` 2), counted no further than ``limit + 1``."""
    depth, level = 0, [value]
    while depth <= limit:
        containers = [item for item in level if isinstance(item, dict | list)]
        if not containers:
            return depth
        depth += 1
        level = [
            child
            for item in containers
            for child in (item.values() if isinstance(item, dict) else item)
        ]
    return depth


def json_error_reason(exc: json.JSONDecodeError, text: str) -> str:
    """Why a JSON text does not parse, in plain words."""
    if exc.pos >= len(text) or exc.msg.startswith("Unterminated string"):
        return "truncated JSON: the record ends before it is closed"
    return f"malformed JSON: {exc.msg.lower()} at column {exc.colno}"


def type_name(value: Any) -> str:
    """``a list``, ``a string``, ... for a JSON value."""
    return JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def article_from_record(record: Any, path: Path, number: int | None) -> Iterator[Item]:
    """The article of one JSON record, or a ReadError saying why it is not one.

    ``number`` is the line the record starts on; None for a file holding one object.
    """
    where = f"{path}:{number}" if number is not None else str(path)
    if not isinstance(record, dict):
        yield ReadError(where, f"record is {type_name(record)}, not a JSON object")
        return
    if nesting_depth(record) > MAX_DEPTH:
        yield ReadError(where, too_deep_reason())
        return
    fields = split_record(record)
    text = fields.values.get("text")
    if text is None:
        names = ", ".join(FIELD_KEYS["text"][:3])
        yield ReadError(where, f"record has no text (none of the fields {names})")
        return
    if not isinstance(text, str):
        yield ReadError(where, f"record text is {type_name(text)}, not a string")
        return
    default_id = f"{path.stem}:{number}" if number is not None else path.stem
    article, warnings = article_from_fields(fields, text, default_id, where)
    yield from warnings
    yield article


def read_json(path: Path) -> Iterator[Item]:
    """Articles from a ``.json`` file: an array of records, one record, or JSON Lines."""
    where = str(path)
    data = read_file_bytes(path)
    if isinstance(data, ReadError):
        yield data
        return
    decoded = common.decode_text(data, where)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    text, warnings = decoded
    yield from warnings
    body = text.lstrip()
    if not body:
        yield ReadError(where, "empty file: no JSON")
    elif body.startswith("["):
        yield from items_from_array(text, path)
    elif body.startswith("{") and first_line_is_json(body):
        for number, line in enumerate(text.split("\n"), start=1):
            yield from items_from_json_text(line, path, number)
    else:
        yield from items_from_document(text, path)


def first_line_is_json(text: str) -> bool:
    """True when the first line of ``text`` is a whole JSON value (so: JSON Lines)."""
    try:
        json.loads(text.split("\n", 1)[0])
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def items_from_document(text: str, path: Path) -> Iterator[Item]:
    """The article of a file holding one JSON object (possibly spread over lines)."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(f"{path}:{exc.lineno}", json_error_reason(exc, text.rstrip()))
        return
    except RecursionError:
        yield ReadError(str(path), too_deep_reason())
        return
    yield from article_from_record(record, path, None)


def items_from_array(text: str, path: Path) -> Iterator[Item]:
    """The articles of a JSON array, each named by the line its record starts on.

    Elements are decoded one by one, so the records before a malformed one are kept.
    """
    decoder = json.JSONDecoder()
    pos = skip_space(text, text.index("[") + 1)
    line, line_pos = 1, 0
    if pos < len(text) and text[pos] == "]":
        return
    while True:
        line, line_pos = line + text.count("\n", line_pos, pos), pos
        try:
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield ReadError(f"{path}:{exc.lineno}", json_error_reason(exc, text.rstrip()))
            return
        except RecursionError:
            yield ReadError(f"{path}:{line}", too_deep_reason())
            return
        yield from article_from_record(record, path, line)
        pos = skip_space(text, end)
        if pos < len(text) and text[pos] == "]":
            trailing = text[pos + 1 :].strip()
            if trailing:
                lineno = text.count("\n", 0, pos) + 1
                yield ReadError(f"{path}:{lineno}", "malformed JSON: text after the array")
            return
        if pos >= len(text) or text[pos] != ",":
            lineno = text.count("\n", 0, pos) + 1
            reason = (
                "truncated JSON: the array ends before it is closed"
                if pos >= len(text)
                else "malformed JSON: expecting ',' or ']' between records"
            )
            yield ReadError(f"{path}:{lineno}", reason)
            return
        pos = skip_space(text, pos + 1)


def skip_space(text: str, pos: int) -> int:
    """The index of the first non-whitespace character at or after ``pos``."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos
