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
  all gold pieces.
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
    """The predicted quotation covering most of ``piece`` (at least half of it)."""
    best, most = None, 0
    for quote in quotes:
        n = covered(piece, quote)
        if n > most:
            best, most = quote, n
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
        "errors": errors,
    }


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
    for e in report["errors"]:
        got = f" -> {e['predicted']}" if e["error"] == "speaker" else ""
        lines.append(f"  {e['error']:<8} {e['article']} {e['start']}-{e['end']}: "
                     f"{e['gold']}{got}")
    return "\n".join(lines)
