"""What every reader shares: reading a file safely and decoding its bytes.

Nothing here raises for bad input: a problem comes back as a ``ReadError``
(where, and why in plain words) for the caller to yield.
"""

from __future__ import annotations

import errno
import re
import stat
from pathlib import Path

from newsgraph.model import Article, ReadError, ReadWarning

Item = Article | ReadWarning | ReadError

# A single file larger than this is reported, not read (JSON Lines are streamed,
# so for them the limit applies to each line). Read at call time: tests lower it.
MAX_FILE_BYTES = 50 * 1024 * 1024

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Openings of compressed files: such a file is one error ("decompress it first"), not
# one error per line of noise.
COMPRESSED_MAGIC: dict[bytes, str] = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"PK\x03\x04": "zip",
    b"\x28\xb5\x2f\xfd": "zstd",
}

# UTF-16 code units U+D800..U+DFFF: never characters on their own. They reach a Python str
# from JSON escapes ("\\ud800") and from file names that are not valid UTF-8 (os.fsdecode).
SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"

# Share of control characters (other than tab, newline, carriage return, form feed)
# above which decoded bytes are taken for a binary file.
MAX_CONTROL_SHARE = 0.05
TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def size_text(n: int) -> str:
    """A byte count for people: ``50.0 MiB``, ``2,000 bytes``."""
    return f"{n / 2**20:.1f} MiB" if n >= 2**17 else f"{n:,} bytes"


def os_error_reason(exc: OSError, path: Path) -> str:
    """Why a file could not be opened, in plain words."""
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return "cannot read the file: broken symbolic link (its target does not exist)"
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "cannot read the file: it is a directory"
    if exc.errno == errno.ELOOP:
        return "cannot read the file: symbolic link loop"
    return f"cannot read the file: {exc.strerror or exc}"


def regular_file_problem(path: Path, check_size: bool = True) -> str | None:
    """Why ``path`` is not a regular file (within the size limit), or None when it is."""
    try:
        info = path.stat()
    except OSError as exc:
        return os_error_reason(exc, path)
    if stat.S_ISDIR(info.st_mode):
        return "cannot read the file: it is a directory"
    if not stat.S_ISREG(info.st_mode):  # FIFOs and devices could block forever
        return "not a regular file (a pipe, socket or device)"
    if check_size and info.st_size > MAX_FILE_BYTES:
        return (
            f"file too large: {size_text(info.st_size)}, "
            f"over the limit of {size_text(MAX_FILE_BYTES)}"
        )
    return None


def read_file_bytes(path: Path) -> bytes | ReadError:
    """The whole content of a regular file within the size limit, or why not."""
    where = str(path)
    problem = regular_file_problem(path)
    if problem:
        return ReadError(where, problem)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        return ReadError(where, os_error_reason(exc, path))
    if len(data) > MAX_FILE_BYTES:
        return ReadError(where, f"file too large: over the limit of {size_text(MAX_FILE_BYTES)}")
    return data


def read_head(path: Path, size: int = 4096) -> bytes | ReadError:
    """The first bytes of a file (to sniff its format), or why it cannot be read."""
    problem = regular_file_problem(path)
    if problem:
        return ReadError(str(path), problem)
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        return ReadError(str(path), os_error_reason(exc, path))


def compressed_kind(head: bytes) -> str | None:
    """``gzip``, ``zip``, ... when ``head`` opens a compressed file, else None."""
    for magic, kind in COMPRESSED_MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def compressed_reason(kind: str) -> str:
    return f"binary file: {kind}-compressed, not text (decompress it first)"


def has_surrogates(text: str) -> bool:
    return SURROGATE.search(text) is not None


def scrub_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many there were.

    One code point replaces one code point, so every character offset stays the same.
    """
    return SURROGATE.subn(REPLACEMENT, text)


def printable(text: str) -> str:
    """``text`` as valid UTF-8 for messages and ids: the bytes of a file name that are not
    UTF-8 (kept by Python as surrogate escapes) shown as ``\\xff``, other lone surrogates as
    ``\\ud800``. Text without surrogates comes back unchanged."""
    if not has_surrogates(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def control_share(text: str) -> float:
    """The share of characters in ``text`` that are control characters, not whitespace."""
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ch < " " and ch not in TEXT_CONTROLS)
    return controls / len(text)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes (outside UTF-16) or many control codes."""
    if data.startswith(UTF16_BOMS):
        return False
    if b"\x00" in data:
        return True
    return control_share(data[:8192].decode("latin-1")) > MAX_CONTROL_SHARE


def decode_text(data: bytes, where: str) -> tuple[str, list[ReadWarning]] | ReadError:
    """Text from bytes: UTF-8 (a leading BOM removed, newlines kept exactly), else cp1252.

    The result equals ``open(path, encoding="utf-8-sig", newline="").read()``:
    ``\\r\\n`` stays ``\\r\\n``, so character offsets made on the file line up.
    UTF-16 with a BOM is read too. Anything else that does not decode, or holds
    NUL bytes, is a binary file and comes back as a ``ReadError``.
    """
    kind = compressed_kind(data)
    if kind:
        return ReadError(where, compressed_reason(kind))
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), [
                ReadWarning(where, "decoded as UTF-16 (byte-order mark)")
            ]
        except UnicodeDecodeError:
            return ReadError(where, "binary file: starts like UTF-16 but does not decode")
    if b"\x00" in data:
        return ReadError(where, "binary file: contains NUL bytes, not text")
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    try:
        text, warnings = body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        try:
            text = body.decode("cp1252")
        except UnicodeDecodeError:
            return ReadError(where, "binary file: not UTF-8 and not cp1252 text")
        reason = (
            f"not valid UTF-8 (byte 0x{body[exc.start]:02x} at offset {exc.start}); "
            "decoded as cp1252 (Windows-1252)"
        )
        warnings = [ReadWarning(where, reason)]
    if control_share(text[:8192]) > MAX_CONTROL_SHARE:
        return ReadError(where, "binary file: mostly control characters, not text")
    return text, warnings


def blank_text_reason(text: str) -> str | None:
    """Why a text cannot be an article (empty or only whitespace), or None."""
    if not text:
        return "empty file: no text"
    if not text.strip():
        return "no text: the file holds only whitespace"
    return None


def is_hidden(name: str) -> bool:
    """Hidden files and folders (``.git``, ``.DS_Store``) are never read as articles."""
    return name.startswith(".")
