"""Throughput of newsgraph against a bare spaCy parse of the same texts, in one run.

    .venv/bin/python bench/throughput.py [--sample 300] [--workers 1 2] [--texts DIR] [--ray]

Prints, for each worker count, articles/s and tokens/s of
  * ``bare``:    spaCy alone (nlp.pipe, n_process=workers) over the texts,
  * ``stages``:  our stages (entities, roles, coref, quotes, times) timed apart from the parse
                 of the same docs, in this process (and coref, quotes, dates one by one),
  * ``ingest``:  the whole ``ingest`` path (read, analyse, store in SQLite, cross-article
                 stages), with worker processes and, with ``--ray``, on a local Ray,
  * ``writer``:  the writer alone (store + cross-article stages) over analyses made
                 beforehand: how many articles/s one SQLite writer can take, so how many
                 workers it can feed,
and the ratios of their times to the bare parse. Machines are noisy: only the
ratios measured within one run mean anything; on a machine shared with other work, the CPU
ratio (CPU seconds of all processes, bare over ingest) is the one to compare.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import spacy

from newsgraph.library import Newsgraph
from newsgraph.model import Article
from newsgraph.nlp import coref, quotes
from newsgraph.nlp.base import parse_text
from newsgraph.nlp.pipeline import Analyzer, model_name, paragraph_starts
from newsgraph.nlp.times import find_times

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/afp-xinhua-newswire.jsonl"


def load_sample(path: Path, n: int) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            records.append(json.loads(line))
            if len(records) >= n:
                break
    return records


def cpu_seconds() -> float:
    """CPU seconds of this process and of its ended (waited-for) children so far."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def time_bare(nlp, texts: list[str], workers: int) -> tuple[float, int, float]:
    """Wall seconds, tokens and CPU seconds (this process and its workers)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=workers, batch_size=16))
    return time.perf_counter() - start, tokens, cpu_seconds() - cpu


def time_stages(texts: list[str]) -> tuple[float, float]:
    """Seconds spent parsing the texts and, apart, running our stages on the parsed docs."""
    analyzer = Analyzer()
    nlp = analyzer.nlp
    parse = stages = 0.0
    for i, text in enumerate(texts):
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        analyzer.analyse_doc(Article(id=str(i), text=text), doc)
        parse += t1 - t0
        stages += time.perf_counter() - t1
    return parse, stages


def time_quote_stages(texts: list[str]) -> dict[str, float]:
    """Seconds of the parse and, apart, of in-article coreference and quotation finding
    (in that order, as an analysis runs them) over the same docs."""
    nlp = Analyzer().nlp
    spent = {"parse": 0.0, "coref": 0.0, "quotes": 0.0}
    for text in texts:
        t0 = time.perf_counter()
        doc = nlp(parse_text(text))
        t1 = time.perf_counter()
        people = coref.analyse(doc)
        t2 = time.perf_counter()
        quotes.find_quotes(doc, people)
        t3 = time.perf_counter()
        spent["parse"] += t1 - t0
        spent["coref"] += t2 - t1
        spent["quotes"] += t3 - t2
    return spent


def time_dates(texts: list[str]) -> dict[str, float]:
    """Seconds of the parse and, apart, of the dates stage (``find_times``, with its tense
    reading and anchors) over the same docs."""
    nlp = Analyzer().nlp
    spent = {"parse": 0.0, "dates": 0.0}
    for text in texts:
        t0 = time.perf_counter()
        doc = nlp(parse_text(text))
        t1 = time.perf_counter()
        find_times(doc, "2006-11-15")
        spent["parse"] += t1 - t0
        spent["dates"] += time.perf_counter() - t1
    return spent


def time_preparation(nlp, texts: list[str]) -> float:
    """Seconds of our own work inside the analyser's parse: ``parse_text`` and the
    paragraph component, timed apart (over tokenised docs, without the tokenizer's time)."""
    spent = 0.0
    for text in texts:
        t0 = time.perf_counter()
        prepared = parse_text(text)
        t1 = time.perf_counter()
        doc = nlp.make_doc(prepared)
        t2 = time.perf_counter()
        paragraph_starts(doc)
        spent += (t1 - t0) + (time.perf_counter() - t2)
    return spent


def read_texts(directory: Path, n: int) -> list[dict]:
    """The first ``n`` .txt files of a folder (sorted), as records with a text."""
    paths = sorted(directory.glob("*.txt"))[:n]
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in paths]


def time_ingest(sample_file: Path, workers: int, engine: str = "local"
                ) -> tuple[float, int, int, float]:
    """Wall seconds, tokens, articles stored and CPU seconds (this process and its
    workers, which have ended when ``ingest`` returns)."""
    with tempfile.TemporaryDirectory() as tmp:
        with Newsgraph(Path(tmp) / "bench.db", workers=workers) as ng:
            _ = ng.analyzer.nlp  # the bare parse below also starts with a loaded model
            start, cpu = time.perf_counter(), cpu_seconds()
            report = ng.ingest([sample_file], engine=engine)
            seconds = time.perf_counter() - start
            cpu = cpu_seconds() - cpu
    return seconds, report.tokens, report.stored, cpu


def time_writer(sample_file: Path) -> tuple[float, dict[str, float]]:
    """Seconds the writer alone takes to store analyses made beforehand (in batches of
    the ingest's size, with the cross-article stages), and its seconds per stage."""
    from newsgraph.ingest import read_paths
    from newsgraph.library import BATCH, IngestReport
    from newsgraph.nlp.pipeline import Outcome

    analyzer = Analyzer()
    articles = [a for a in read_paths([sample_file]) if isinstance(a, Article)]
    outcomes = [Outcome(a, analyzer.analyse(a)) for a in articles]
    report = IngestReport()
    with tempfile.TemporaryDirectory() as tmp, Newsgraph(Path(tmp) / "w.db") as ng:
        start = time.perf_counter()
        for i in range(0, len(outcomes), BATCH):
            ng._store_batch(outcomes[i:i + BATCH], report, lambda w, r: None,
                            lambda k, d: None)
        seconds = time.perf_counter() - start
    return seconds, report.stages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sample", type=int, default=300, help="number of articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--texts", type=Path, default=None,
                        help="a folder of .txt articles to use instead of --corpus "
                             "(e.g. ../shared/corpora/polnear/dev/text, quote-heavy)")
    parser.add_argument("--ray", action="store_true",
                        help="also time ingest --engine ray (a local Ray per worker count)")
    args = parser.parse_args(argv)
    source = args.texts or args.corpus
    if not source.exists():
        print(f"corpus not found: {source} (../shared beside the repository?)",
              file=sys.stderr)
        return 2
    records = (read_texts(args.texts, args.sample) if args.texts
               else load_sample(args.corpus, args.sample))
    texts = [r["text"] for r in records]
    nlp = spacy.load(model_name())
    nlp(texts[0])  # warm up

    with tempfile.TemporaryDirectory() as tmp:
        sample_file = Path(tmp) / "sample.jsonl"
        sample_file.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        n = len(texts)
        print(f"corpus: {source.name}, {n} articles, model {model_name()}")
        parse_s, stages_s = time_stages(texts)
        print(f"stages (1 process, timed apart on the same docs): parse {parse_s:.2f}s, "
              f"stages {stages_s:.2f}s, stages add {100 * stages_s / parse_s:.1f}% "
              f"(ratio {(parse_s + stages_s) / parse_s:.3f})")
        spent = time_quote_stages(texts)
        both = spent["coref"] + spent["quotes"]
        print(f"quotation stages (same docs): parse {spent['parse']:.2f}s, coref "
              f"{spent['coref']:.2f}s, quotes {spent['quotes']:.2f}s: together they add "
              f"{100 * both / spent['parse']:.1f}% (ratio {(spent['parse'] + both) / spent['parse']:.3f})")
        dates = time_dates(texts)
        print(f"dates stage (same docs): parse {dates['parse']:.2f}s, dates {dates['dates']:.2f}s:"
              f" {100 * dates['dates'] / dates['parse']:.1f}% of the parse")
        prep = time_preparation(Analyzer().nlp, texts)
        print(f"text preparation (parse_text, paragraph starts; inside the parse above): "
              f"{prep:.2f}s, {100 * prep / spent['parse']:.1f}% of the parse")
        for workers in args.workers:
            bare_s, tokens, bare_cpu = time_bare(nlp, texts, workers)
            ingest_s, ingest_tokens, stored, ingest_cpu = time_ingest(sample_file, workers)
            if workers > 1:
                import resource

                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                print(f"workers={workers}: peak memory of one worker process so far "
                      f"{peak:.0f} MB (largest child, ru_maxrss)")
            print(
                f"workers={workers}: bare spaCy {n / bare_s:7.1f} art/s {tokens / bare_s:9.0f} tok/s"
                f" | ingest {n / ingest_s:7.1f} art/s {ingest_tokens / ingest_s:9.0f} tok/s"
                f" ({stored} stored) | ingest/bare time ratio {ingest_s / bare_s:.2f}"
                f" (throughput {bare_s / ingest_s:.2f}x bare)"
            )
            # On a shared machine the wall-clock ratio moves with the other load; the CPU
            # ratio does not (it is the throughput ratio of an otherwise idle machine for one
            # worker, and for N workers when the N cores are kept busy).
            print(f"workers={workers}: CPU (all processes) bare {1000 * bare_cpu / n:.1f} ms/article"
                  f" | ingest {1000 * ingest_cpu / n:.1f} ms/article | CPU ratio"
                  f" {bare_cpu / ingest_cpu:.2f}x bare")
            if args.ray:
                ray_s, _, stored, _ = time_ingest(sample_file, workers, engine="ray")
                print(f"workers={workers}: ingest --engine ray {n / ray_s:7.1f} art/s "
                      f"({stored} stored; Ray start-up included) | throughput "
                      f"{bare_s / ray_s:.2f}x bare")
        writer_s, per_stage = time_writer(sample_file)
        stages_text = ", ".join(f"{k} {1000 * v / n:.1f}" for k, v in per_stage.items())
        print(f"writer alone (store + stages, analyses made beforehand): {n / writer_s:.1f} "
              f"art/s; stages ms/article: {stages_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
