"""Pure helpers that turn library records into what the pages draw: highlighted text,
speaker colours and labels, how a speaker was resolved, snippet hits, the graph's layout.

No HTML is written here: templates escape every piece of text these return.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.quoteview import POLARITY_WORDS, speaker_evidence, text_pieces

PALETTE_SIZE = 12  # speaker colour classes spk-0 .. spk-11 in static/style.css
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "us"})
HIT_BEFORE, HIT_AFTER = "\ue000", "\ue001"  # private-use marks around search hits


@dataclass(frozen=True)
class Segment:
    """A stretch of article text and the ids of the quotations covering it (maybe none)."""

    text: str
    quotes: tuple[str, ...] = ()


def quote_pieces(quote: dict[str, Any]) -> list[tuple[int, int]]:
    """A quotation's pieces of text: its spans, or its whole extent when it has none."""
    spans = quote.get("spans") or []
    return [(int(s), int(e)) for s, e in spans] or [(int(quote["start"]), int(quote["end"]))]


def highlight_segments(text: str, quotes: Sequence[tuple[str, Sequence[tuple[int, int]]]]
                       ) -> list[Segment]:
    """``text`` cut at every quotation boundary; each piece names the quotations covering it
    (in the order given). Overlapping quotations give pieces covered by both; pieces outside
    the text are clipped."""
    bounds = {0, len(text)}
    for _, pieces in quotes:
        for start, end in pieces:
            bounds.update({min(max(start, 0), len(text)), min(max(end, 0), len(text))})
    cuts = sorted(bounds)
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start == end:
            continue
        covering = tuple(qid for qid, pieces in quotes
                         if any(s <= start and end <= e for s, e in pieces))
        segments.append(Segment(text[start:end], covering))
    return segments


def speaker_key(speaker: dict[str, Any] | None) -> str:
    """What makes two quotations' speakers the same within one article."""
    if not speaker:
        return "?"
    return speaker.get("entity") or speaker.get("name") or speaker.get("description") or "?"


def speaker_label(speaker: dict[str, Any] | None) -> str:
    if not speaker:
        return "(unattributed)"
    mention = (speaker.get("mention") or {}).get("text")
    return speaker.get("name") or speaker.get("description") or mention or "(unattributed)"


def how_resolved(speaker: dict[str, Any] | None) -> str:
    """One line saying how the speaker was found: named, a pronoun or a shorter name resolved
    to the fullest name in the article, or an unnamed source."""
    if not speaker:
        return "no speaker found"
    mention = (speaker.get("mention") or {}).get("text")
    name, description = speaker.get("name"), speaker.get("description")
    if name and (not mention or mention == name):
        return "named in the text"
    if name and mention and mention.lower() in PRONOUNS:
        return f"pronoun '{mention}' resolved to {name}, named earlier in the article"
    if name and mention:
        return f"'{mention}' resolved to {name}, the fullest name the article gives"
    if description:
        return f"unnamed source, described as '{description}'"
    if mention:
        return f"'{mention}', never named in the article"
    return "no speaker found"


def quote_shown(row: dict[str, Any]) -> dict[str, Any]:
    """What a listing draws of one quotation (a flat row, ``Store.quotes`` or
    ``quoteview.flat_quote``), in the CLI's words: ``evidence`` (how the speaker was found:
    "via 'he', pronoun, previous paragraph"; None when plainly named), ``speaker_confidence``
    (0 to 1, or None), ``mode`` (None for speech), ``polarity`` ("DENIED" ...) and ``pieces``
    ((text, verbatim) pairs: only what the article itself put in quotation marks is verbatim,
    so a paraphrase is drawn as one)."""
    mode = row.get("mode")
    polarity = row.get("polarity")
    return {
        "evidence": speaker_evidence({**row, "speaker_confidence": None}),
        "speaker_confidence": row.get("speaker_confidence"),
        "mode": None if mode in (None, "speech") else str(mode),
        "polarity": POLARITY_WORDS.get(polarity, polarity) if polarity else None,
        "pieces": text_pieces(row),
    }


def colour_indexes(keys: Iterable[str]) -> dict[str, int]:
    """One colour class per distinct key, in order of first appearance (cycling)."""
    indexes: dict[str, int] = {}
    for key in keys:
        if key not in indexes:
            indexes[key] = len(indexes) % PALETTE_SIZE
    return indexes


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, is_hit) pieces, from the private-use marks around hits."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(HIT_BEFORE)):
        hit, _, rest = chunk.partition(HIT_AFTER) if i else ("", "", chunk)
        if hit:
            parts.append((hit, True))
        if rest:
            parts.append((rest, False))
    return parts


def graph_layout(edges: Sequence[dict[str, Any]], width: int = 900, height: int = 640,
                 margin: int = 200) -> dict[str, list[dict[str, Any]]]:
    """Who-quotes-whom edges laid out on an ellipse: nodes (id, name, type, x, y, degree),
    most connected first, and edges with their end points pulled back from the circles."""
    degree: dict[str, int] = {}
    info: dict[str, tuple[str, str]] = {}
    for e in edges:
        for side in ("source", "target"):
            node = e[side]
            degree[node] = degree.get(node, 0) + e["quotes"]
            info[node] = (e[f"{side}_name"], e[f"{side}_type"])
    order = sorted(degree, key=lambda n: (-degree[n], info[n][0]))
    cx, cy = width / 2, height / 2
    rx, ry = max(cx - margin, 10), max(cy - 40, 10)  # names sit left and right
    nodes, where = [], {}
    for i, node in enumerate(order):
        angle = 2 * math.pi * i / max(len(order), 1) - math.pi / 2
        x, y = round(cx + rx * math.cos(angle), 1), round(cy + ry * math.sin(angle), 1)
        where[node] = (x, y)
        nodes.append({"id": node, "name": info[node][0], "type": info[node][1], "x": x, "y": y,
                      "degree": degree[node], "r": round(5 + 2 * math.sqrt(degree[node]), 1),
                      "anchor": "start" if x >= cx else "end"})
    radius = {n["id"]: n["r"] for n in nodes}
    laid = []
    for e in edges:
        (x1, y1), (x2, y2) = where[e["source"]], where[e["target"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        r1, r2 = radius[e["source"]], radius[e["target"]] + 4
        laid.append({**e, "x1": round(x1 + ux * r1, 1), "y1": round(y1 + uy * r1, 1),
                     "x2": round(x2 - ux * r2, 1), "y2": round(y2 - uy * r2, 1),
                     "width": round(1 + math.log2(e["quotes"]), 2)})
    return {"nodes": nodes, "edges": laid}
