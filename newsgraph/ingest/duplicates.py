"""Ids seen in one input run: the same id twice is reported, never a silent revision.

Within one ``ingest`` run an id names one article. A second record under an id already
read in this run is either the same article again (same text and header: counted as
unchanged, with a warning) or a different one (an error: the second is skipped, so the
first is not silently superseded by a revision 2 that is really another article). Across
runs a changed text under a known id is still an update, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.model import Article, ReadError, ReadWarning


@dataclass
class RunIds:
    """The content hash and place of the first article read under each id this run."""

    first: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (hash, where)

    def check(self, article: Article, digest: str) -> ReadError | ReadWarning | None:
        """None for an id new to this run (now remembered); else what to report."""
        where = article.path or article.id
        seen = self.first.get(article.id)
        if seen is None:
            self.first[article.id] = (digest, where)
            return None
        first_hash, first_where = seen
        if first_hash == digest:
            return ReadWarning(where, f"duplicate of {first_where} (same id {article.id!r} and "
                                      "text); read once")
        return ReadError(where, f"duplicate id {article.id!r}: a different text or header than "
                                f"{first_where} in this same input; skipped (give each article "
                                "its own id)")
