"""CPU time of the dates stage (``nlp.times.find_times``) against a baseline, in one run.

    .venv/bin/python bench/times_speed.py [--articles 300] [--rounds 5] [--baseline REV]

Parses wire articles once (stories published 2006-11-01..19 and in 2006-12, the part of the
wire corpus open for development), then runs the working tree's ``find_times`` and the
``find_times`` of ``newsgraph/nlp/times.py`` at git revision ``--baseline`` over the same
parsed documents, alternating the two round by round, and prints the CPU milliseconds per
article of each (the best round, and the median) and their ratio. Parsing is not counted.
It also counts the articles on which the two give different expressions, so a change meant
only to be faster can be checked to change nothing. Compare the ratio, not the absolute
figures: they depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WIRE = ROOT.parent / "shared" / "corpora" / "afp-xinhua-newswire.jsonl"


def open_for_development(published: str) -> bool:
    return "2006-11-01" <= published <= "2006-11-19" or published.startswith("2006-12")


def wire_articles(path: Path, limit: int) -> list[dict[str, Any]]:
    out = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if open_for_development(record.get("published") or ""):
                out.append(record)
                if len(out) == limit:
                    break
    return out


def module_at(revision: str) -> ModuleType:
    """``newsgraph.nlp.times`` as it was at ``revision``, imported under another name."""
    source = subprocess.run(["git", "show", f"{revision}:newsgraph/nlp/times.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="times-baseline-"))
    path = folder / "times_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("times_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["times_baseline"] = module
    spec.loader.exec_module(module)
    return module


def one_round(find: Callable[..., Any], docs: list[Any], published: list[str]) -> float:
    """CPU seconds to run ``find`` over every document once."""
    start = time.process_time()
    for doc, day in zip(docs, published, strict=True):
        find(doc, day)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> None:
    import spacy

    from newsgraph.nlp import times
    from newsgraph.nlp.base import parse_text
    from newsgraph.nlp.pipeline import model_name

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", default="HEAD", help="git revision to compare with")
    parser.add_argument("--corpus", type=Path, default=WIRE)
    args = parser.parse_args(argv)

    records = wire_articles(args.corpus, args.articles)
    nlp = spacy.load(model_name())
    docs = [nlp(parse_text(r["text"])) for r in records]
    published = [r["published"] for r in records]
    baseline = module_at(args.baseline)

    differ = sum(
        [(t.start, t.end, t.type, t.value) for t in times.find_times(d, p)]
        != [(t.start, t.end, t.type, t.value) for t in baseline.find_times(d, p)]
        for d, p in zip(docs, published, strict=True))
    spent: dict[str, list[float]] = {"baseline": [], "tree": []}
    for _ in range(args.rounds):
        spent["baseline"].append(one_round(baseline.find_times, docs, published))
        spent["tree"].append(one_round(times.find_times, docs, published))

    n = len(docs)
    print(f"dates stage over {n} wire articles, {args.rounds} rounds, CPU time "
          f"(baseline = {args.baseline})")
    for name, seconds in spent.items():
        print(f"  {name:8}  best {1000 * min(seconds) / n:.2f} ms/article  "
              f"median {1000 * statistics.median(seconds) / n:.2f} ms/article")
    ratio = min(spent["tree"]) / min(spent["baseline"])
    print(f"  tree / baseline (best rounds) {ratio:.2f}")
    print(f"  articles whose expressions differ: {differ} of {n}")


if __name__ == "__main__":
    main()
