"""``newsgraph evaluate speakers``: who said each quotation, against a hand-made gold.

A gold file labels the speaker of every quoted piece (direct or partial quotation) of a few
articles of a JSON Lines corpus:

```
{"corpus": "path/to/articles.jsonl",          # relative to the gold file
 "articles": [{"id": str,
               "quotes": [{"start": int, "end": int,   # one quoted piece, marks excluded
                           "speaker": {"name": str|null,        # fullest name the article
                                                                # gives; null: never named
                                       "aliases": [str, ...],   # optional other spellings
                                       "description": str|null, # for unnamed sources
                                       "type": "PERSON"|"ORG"|"GROUP"}}]}]}
```

Scores (``score``):
- **recall**: gold pieces that some predicted quotation covers (half of the piece or more);
- **named accuracy**: of the found pieces whose speaker the article names, those whose
  predicted speaker name is that person (``same_name``);
- **unnamed kept unnamed**: of the found pieces whose speaker is never named ("a senior
  official"), those predicted with a speaker but no name;
- **end-to-end**: gold pieces found and right (named right, or unnamed kept unnamed), over
  all gold pieces;
- **by speaker confidence** (``calibration``): for each floor of the predicted
  ``speaker_confidence``, the found pieces at or above it and the share of them right, as
  ``quotes --min-speaker-confidence`` would list them; and the share right for each way the
  speaker was found (``speaker_via``, ``speaker.resolved``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

# Words before a name that are not part of it ('Sheikh Ali ...', 'Col. Jane Roe').
TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "prince", "princess", "sheikh", "col",
    "gen", "president", "minister", "the", "king", "queen", "cardinal", "archbishop",
})


def load_gold(path: str | Path) -> tuple[dict[str, Any], Path]:
    """A speakers gold file and its corpus's path."""
    path = Path(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    return gold, (path.parent / gold["corpus"]).resolve()


def name_tokens(name: str) -> list[str]:
    """A name as lower-case words without accents, punctuation at their ends, or titles."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w.strip(".,'\"()").lower() for w in re.split(r"[\s]+|(?<=\bal)-|(?<=\bel)-", plain)]
    words = [w.removesuffix("'s") for w in words if w]
    while words and words[0] in TITLE_WORDS:
        words.pop(0)
    return words


def same_name(gold: str, predicted: str | None, aliases: tuple[str, ...] = ()) -> bool:
    """Whether ``predicted`` names the gold speaker (or one of its ``aliases``): the
    shorter name is the last words of the longer ('de Boer' for 'Yvo de Boer', 'Musallem'
    for 'Husain al-Musallem'); not a first name alone, nor a name cut inside a word ('Ali
    Jarrah al' is not 'Ali Jarrah al-Sabah')."""
    if not predicted:
        return False
    got = name_tokens(predicted)
    if not got:
        return False
    for name in (gold, *aliases):
        want = name_tokens(name)
        short, long_ = sorted((got, want), key=len)
        if short and long_[len(long_) - len(short):] == short:
            return True
    return False


def covered(piece: tuple[int, int], quote: dict[str, Any]) -> int:
    """How many characters of a gold piece a predicted quotation's pieces cover."""
    spans = quote.get("spans") or [[quote["start"], quote["end"]]]
    return sum(max(0, min(piece[1], e) - max(piece[0], s)) for s, e in spans)


def best_match(piece: tuple[int, int], quotes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The predicted quotation covering most of ``piece`` (at least half of it); of two
    that cover it alike, the tighter one (a partial quotation before the longer report
    around it that also holds the piece)."""
    best, most, size = None, 0, 0
    for quote in quotes:
        n = covered(piece, quote)
        length = quote["end"] - quote["start"]
        if n > most or (n == most and n and length < size):
            best, most, size = quote, n, length
    return best if 2 * most >= piece[1] - piece[0] else None


def judge(gold_speaker: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    """Whether a found quotation's predicted speaker is the gold one."""
    name = gold_speaker.get("name")
    if name:
        got = (predicted or {}).get("name")
        return same_name(name, got, tuple(gold_speaker.get("aliases") or ()))
    return predicted is not None and not predicted.get("name")


def score(gold: dict[str, Any], predicted: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Scores of ``predicted`` (article id -> contract quote records) against ``gold``;
    ``errors`` lists every gold piece missed or given the wrong speaker."""
    n = found = named = named_right = unnamed = unnamed_kept = 0
    errors: list[dict[str, Any]] = []
    judged: list[tuple[dict[str, Any], bool]] = []  # (predicted quotation, right)
    for article in gold["articles"]:
        quotes = predicted.get(article["id"], [])
        for item in article["quotes"]:
            n += 1
            piece = (item["start"], item["end"])
            match = best_match(piece, quotes)
            want = item["speaker"]
            where = {"article": article["id"], "start": piece[0], "end": piece[1],
                     "gold": want.get("name") or want.get("description")}
            if match is None:
                errors.append({**where, "error": "missed"})
                continue
            found += 1
            got = match.get("speaker")
            right = judge(want, got)
            judged.append((match, right))
            if want.get("name"):
                named += 1
                named_right += right
            else:
                unnamed += 1
                unnamed_kept += right
            if not right:
                errors.append({**where, "error": "speaker", "predicted": (
                    None if got is None else got.get("name") or
                    f"(unnamed) {got.get('description') or ''}".strip())})
    return {
        "articles": len(gold["articles"]),
        "quotations": n,
        "found": found,
        "recall": ratio(found, n),
        "named": named,
        "named_accuracy": ratio(named_right, named),
        "unnamed": unnamed,
        "unnamed_kept_unnamed": ratio(unnamed_kept, unnamed),
        "end_to_end": ratio(named_right + unnamed_kept, n),
        "calibration": calibration(judged),
        "by_evidence": by_evidence(judged),
        "errors": errors,
    }


# Floors of speaker confidence the calibration table reports.
CONFIDENCE_FLOORS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def calibration(judged: list[tuple[dict[str, Any], bool]]) -> list[dict[str, Any]]:
    """For each floor of ``speaker_confidence``: how many found pieces reach it and the
    share of them whose speaker is right (pieces with no speaker confidence count as 0)."""
    out = []
    for floor in CONFIDENCE_FLOORS:
        kept = [right for quote, right in judged
                if (quote.get("speaker_confidence") or 0.0) >= floor]
        out.append({"floor": floor, "kept": len(kept), "right": ratio(sum(kept), len(kept))})
    return out


def by_evidence(judged: list[tuple[dict[str, Any], bool]]) -> list[dict[str, Any]]:
    """The share right for each (way tied, way resolved) of the found pieces, most first."""
    groups: dict[str, list[bool]] = {}
    for quote, right in judged:
        resolved = (quote.get("speaker") or {}).get("resolved")
        key = f"{quote.get('speaker_via') or 'none'} / {resolved or 'none'}"
        groups.setdefault(key, []).append(right)
    rows = [{"evidence": k, "pieces": len(v), "right": ratio(sum(v), len(v))}
            for k, v in groups.items()]
    return sorted(rows, key=lambda r: (-r["pieces"], r["evidence"]))


def ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"speakers gold: {report['articles']} articles, {report['quotations']} quoted pieces",
        f"  recall of quotations   {report['recall']:.3f}  ({report['found']} found)",
        f"  named-speaker accuracy {report['named_accuracy']:.3f}  (of {report['named']})",
        f"  unnamed kept unnamed   {report['unnamed_kept_unnamed']:.3f}  "
        f"(of {report['unnamed']})",
        f"  end-to-end             {report['end_to_end']:.3f}",
    ]
    for row in report.get("calibration", []):
        lines.append(f"  speaker confidence >= {row['floor']:.1f}: {row['kept']:>4} pieces, "
                     f"{row['right']:.3f} right")
    for row in report.get("by_evidence", []):
        lines.append(f"  via {row['evidence']:<50} {row['pieces']:>4} pieces, "
                     f"{row['right']:.3f} right")
    for e in report["errors"]:
        got = f" -> {e['predicted']}" if e["error"] == "speaker" else ""
        lines.append(f"  {e['error']:<8} {e['article']} {e['start']}-{e['end']}: "
                     f"{e['gold']}{got}")
    return "\n".join(lines)
