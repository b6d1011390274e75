"""Cost of the accurate mode as a ratio to the fast mode, on the same texts, in one run.

    .venv/bin/python bench/accurate.py [--texts DIR] [--sample 20] [--threads 2]

Each mode runs in its own child process (so each one's peak memory is its own): it loads
the pipeline (and, for ``high``, the encoder and head), analyses one warm-up article, then
times ``Analyzer.analyse`` over the sample. Prints, per mode, seconds per article, words
per second, load time and peak resident memory (``ru_maxrss``), then the ratio of the
accurate mode's analysis time to the fast mode's. Default texts: PolNeAR dev (the texts
only). Machines are noisy: only the ratio measured within one run means anything.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[2] / "shared/corpora/polnear/dev/text"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import torch
torch.set_num_threads(int(sys.argv[3]))
from newsgraph.model import Article
from newsgraph.nlp.pipeline import Analyzer, Options
mode, files = sys.argv[1], json.loads(sys.argv[2])
texts = [Path(f).read_text(encoding="utf-8") for f in files]
started = time.perf_counter()
analyzer = Analyzer(Options(accuracy=mode))
analyzer.analyse(Article(id="warm", text=texts[0]))
loaded = time.perf_counter() - started
started = time.perf_counter()
quotes = 0
for n, text in enumerate(texts[1:]):
    quotes += len(analyzer.analyse(Article(id=str(n), text=text)).quotes)
seconds = time.perf_counter() - started
words = sum(len(t.split()) for t in texts[1:])
print(json.dumps({"mode": mode, "articles": len(texts) - 1, "words": words,
                  "seconds": seconds, "load_and_first": loaded, "quotes": quotes,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_mode(mode: str, files: list[str], threads: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, json.dumps(files), str(threads)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--sample", type=int, default=20, help="articles timed (+1 warm-up)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    args = parser.parse_args()
    files = [str(p) for p in sorted(args.texts.glob("*.txt"))[:args.sample + 1]]
    if len(files) < 2:
        sys.exit(f"no texts in {args.texts}")
    rows = {mode: run_mode(mode, files, args.threads) for mode in ("fast", "high")}
    for r in rows.values():
        print(f"{r['mode']:<5} {r['articles']} articles, {r['words']} words: "
              f"{r['seconds'] / r['articles']:.3f} s/article, {r['words'] / r['seconds']:,.0f} "
              f"words/s; load + first article {r['load_and_first']:.1f} s; "
              f"peak memory {r['peak_rss_mb']:,.0f} MB; {r['quotes']} quotations")
    ratio = rows["high"]["seconds"] / rows["fast"]["seconds"]
    print(f"accurate / fast analysis time on the same texts: {ratio:.2f}x")


if __name__ == "__main__":
    main()
