"""``newsgraph evaluate cross``: the record across articles against a hand-made gold.

A gold file is JSON in the shape of the contract across articles (``../shared/DESIGN.md``),
restricted to what a person labelled:

```
{"corpus": "path/to/articles.jsonl",      # relative to the gold file; JSON Lines with ids
 "articles": [str, ...],                  # the labelled articles: only they are analysed,
                                          # and predictions are scored over them alone
 "stories": [{"id": str, "articles": [str, ...]}, ...],        # every labelled article in one
 "quote_groups": [{"speaker": str|null,
                   "quotes": [{"article": str, "start": int, "end": int}, ...]}, ...],
 "conflicts": [{"subject": str, "kind": str, "disagreement": bool,
                "claims": [{"article": str, "start": int, "end": int, "value": str}, ...]}]}
```
Any of the three lists may be absent (not labelled). Several gold files may share a corpus.
The demo corpus's ``gold.json`` (``repeated_quotes``, ``conflicts`` with ``figures``) is read
in this shape too (``from_demo_gold``).

Each table has a scorer module (``SCORERS``) with ``score(gold_items, predicted, articles)
-> dict`` over contract records; this module only loads, analyses and dispatches.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

SCORERS = {
    "stories": "newsgraph.evaluate.cross_stories",
    "quote_groups": "newsgraph.evaluate.cross_quotes",
    "conflicts": "newsgraph.evaluate.cross_conflicts",
}


def from_demo_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """The demo gold's cross-article parts in the ``evaluate cross`` shape."""
    out: dict[str, Any] = {"articles": [a["id"] for a in gold["articles"]]}
    if "stories" in gold:
        out["stories"] = gold["stories"]
    if "repeated_quotes" in gold:
        out["quote_groups"] = [
            {"speaker": g.get("speaker"), "quotes": g["occurrences"]}
            for g in gold["repeated_quotes"]
        ]
    if "conflicts" in gold:
        out["conflicts"] = [
            {
                "subject": c["subject"],
                "kind": c.get("kind", "number"),
                "disagreement": c.get("disagreement", True),
                "claims": c.get("claims") or [
                    {**f, "value": str(f["value"])} for f in c.get("figures", [])
                ],
            }
            for c in gold["conflicts"]
        ]
    return out


def load_gold(path: str | Path) -> tuple[dict[str, Any], Path]:
    """A gold file in the ``evaluate cross`` shape, and its corpus's path."""
    path = Path(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    if "repeated_quotes" in gold or "figures" in json.dumps(gold.get("conflicts", [])):
        corpus = gold["corpus"]
        gold = {**from_demo_gold(gold), "corpus": corpus}
    return gold, (path.parent / gold["corpus"]).resolve()


def write_subset(corpus: Path, ids: set[str], out: Path) -> int:
    """The corpus's records whose id is in ``ids``, as JSON Lines at ``out``; how many."""
    n = 0
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.strip() and json.loads(line).get("id") in ids:
                dst.write(line if line.endswith("\n") else line + "\n")
                n += 1
    return n


def score(gold: dict[str, Any], predicted: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Every labelled table's scores; ``predicted``: table -> contract records."""
    articles = set(gold["articles"])
    report: dict[str, Any] = {"articles": len(articles)}
    for table, module_name in SCORERS.items():
        if table not in gold:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            report[table] = {"scored": "no scorer in this installation"}
            continue
        report[table] = module.score(gold[table], predicted.get(table, []), articles)
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"cross-article gold: {report['articles']} labelled articles"]
    for table in SCORERS:
        if table in report:
            parts = ", ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                for k, v in report[table].items()
                if not isinstance(v, list | dict)
            )
            lines.append(f"  {table}: {parts}")
    return "\n".join(lines)
