"""Suggestions for a name that matched nothing: the closest stored names (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

# Below this similarity (0-100, rapidfuzz WRatio) a name is not worth suggesting.
MIN_SCORE = 75.0


def closest_names(
    query: str, names: Iterable[tuple[str, str]], limit: int = 5, min_score: float = MIN_SCORE
) -> list[dict]:
    """The entities (``(id, name)`` pairs, several names per id allowed) whose name is closest
    to ``query``, best first, one row per id: ``{"id", "name", "score"}``."""
    pairs = list(names)
    found = process.extract(
        query, [name for _, name in pairs], scorer=fuzz.WRatio, processor=utils.default_process,
        score_cutoff=min_score, limit=None,
    )
    best: dict[str, dict] = {}
    for name, score, index in found:
        identity = pairs[index][0]
        if identity not in best or score > best[identity]["score"]:
            best[identity] = {"id": identity, "name": name, "score": round(score, 1)}
    ranked = sorted(best.values(), key=lambda row: (-row["score"], row["name"]))
    return ranked[:limit]
