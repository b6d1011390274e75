"""Which analyser produced a stored analysis, so that ``newsgraph reanalyse`` knows what an
upgrade left behind.

The stamp is ``<code>:<model>@<model version>:<accuracy>``: ``<code>`` is a short digest of
the analysis code and the data it loads (every file under ``newsgraph/nlp`` and
``newsgraph/data``), so any change to the rules, lexicons or learned weights makes earlier
analyses due again, without anyone having to remember to bump a number. Importing this module
imports nothing heavy (no spaCy): a dry run can count what is due in milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
ANALYSIS_PARTS = ("nlp", "data")  # folders of the package whose contents decide an analysis
SUFFIXES = {".py", ".json", ".safetensors", ".txt", ".tsv", ".csv"}


@cache
def code_digest(root: Path = PACKAGE) -> str:
    """12 hex digits over the analysis code and data files (path and bytes, in path order)."""
    digest = hashlib.sha256()
    for part in ANALYSIS_PARTS:
        for path in sorted((root / part).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def model_version(model: str) -> str:
    """The installed version of a spaCy model package, or ``path`` for a model on disk."""
    if "/" in model or Path(model).exists():
        return "path"
    try:
        return importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def analyser_stamp(model: str, accuracy: str = "fast") -> str:
    """What a stored analysis is stamped with (see the module's docstring)."""
    return f"{code_digest()}:{model}@{model_version(model)}:{accuracy}"
