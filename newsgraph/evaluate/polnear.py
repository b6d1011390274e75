"""The PolNeAR scorer: predicted quotations against hand-annotated attributions.

A split folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``
(brat standoff; see ../shared/README.md). Where an article has several
annotators' files, the first in sorted order is the gold. Each ``E`` line is one
attribution: its Content (``Content`` and ``Content2`` pieces together), Source
and Cue, each possibly discontinuous. Attributions without a Content span are
left out (they cannot be matched).

The measures, for all gold attributions and for those whose content holds a
quotation mark (the ones a quotation extractor is meant to find):

content
    A prediction matches a gold attribution when their content characters
    (the union of the pieces) overlap by at least half of each. Matches are
    one-to-one: a maximum matching, ties broken toward the larger overlap.
    Precision = matched / predicted, recall = matched / gold. For the
    quotation-mark subset, predictions matched to other gold attributions are
    neither right nor wrong: precision = matched to such gold / (that +
    unmatched predictions).
exact
    A matched pair whose contents are the same characters once each piece is
    trimmed of leading and trailing whitespace and punctuation (quotation
    marks, commas, full stops, dashes, ellipses: Unicode category P).
source
    On matched pairs: right when the predicted speaker mention overlaps a gold
    Source piece, or, for a gold attribution without a Source
    (``Attribution-no-source``), when the prediction names no speaker.
end-to-end
    Matched and source right, over all predictions and all gold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.evaluate.scoring import (
    Spans,
    half_overlap,
    is_space_or_punctuation,
    max_matching,
    merged,
    overlap,
    prf,
    ratio,
    trimmed,
)
from newsgraph.model import Article, ArticleAnalysis, Quote
from newsgraph.nlp.quotemarks import find_quoted, is_quote_mark, marks_in

# brat line kinds: T (text-bound), E (event), A/M (attribute), R (relation), N (norm), # (note)
LINE_START = re.compile(r"^(?:[TEAMRN]\d+|#\d*)\t")
# Event roles, numbered when repeated ("Content2"): the number is dropped.
ROLE_NUMBER = re.compile(r"\d+$")
CONTENT, SOURCE, CUE = "Content", "Source", "Cue"
SUBSETS = ("all", "quote_marks")


@dataclass(frozen=True)
class AnnSpan:
    """One ``T`` line: a labelled, possibly discontinuous stretch and its TEXT field."""

    id: str
    label: str
    pieces: Spans
    text: str


@dataclass(frozen=True)
class GoldAttribution:
    content: Spans
    source: Spans
    cue: Spans
    has_quote_marks: bool  # the content holds a quotation mark (not an apostrophe)


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    path: str | None = None  # the text file


@dataclass(frozen=True)
class Predicted:
    content: Spans
    source: tuple[int, int] | None  # the speaker mention
    confidence: float = 1.0  # the quotation's confidence (``by_confidence``)
    speaker_confidence: float | None = None  # its speaker's (``source_by_speaker_confidence``)


# --- reading the gold ------------------------------------------------------------------------


def parse_pieces(field: str) -> Spans:
    """``"575 842;843 1076"`` -> ((575, 842), (843, 1076))."""
    return tuple((int(s), int(e)) for s, e in (p.split() for p in field.split(";")))


def ann_lines(source: str) -> list[str]:
    """The logical lines of a .ann file: a TEXT field broken by a newline is joined back."""
    lines: list[str] = []
    for raw in source.split("\n"):
        if LINE_START.match(raw) or not lines:
            lines.append(raw)
        else:
            lines[-1] += "\n" + raw
    return [line.rstrip("\n") for line in lines if line.strip()]


def read_ann(source: str) -> tuple[dict[str, AnnSpan], list[list[tuple[str, str]]]]:
    """The spans by id and the events (each a list of (role, span id)) of a .ann file."""
    spans: dict[str, AnnSpan] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann_lines(source):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, where = fields[1].partition(" ")
            text = fields[2] if len(fields) > 2 else ""
            spans[fields[0]] = AnnSpan(fields[0], label, parse_pieces(where), text)
        elif line.startswith("E") and len(fields) >= 2:
            roles = [arg.split(":", 1) for arg in fields[1].split()]
            events.append([(ROLE_NUMBER.sub("", r), i) for r, i in roles if i])
    return spans, events


def has_quote_marks(text: str, pieces: Spans) -> bool:
    """Whether the content holds a quotation mark (apostrophes do not count)."""
    return any(is_quote_mark(text, m) for s, e in pieces for m in marks_in(text, s, e))


def gold_attributions(text: str, source: str) -> list[GoldAttribution]:
    """The attributions of one .ann file that have a content, in file order."""
    spans, events = read_ann(source)
    out: list[GoldAttribution] = []
    for event in events:
        parts: dict[str, list[tuple[int, int]]] = {CONTENT: [], SOURCE: [], CUE: []}
        for role, span_id in event:
            if role in parts and span_id in spans:
                parts[role].extend(spans[span_id].pieces)
        content = merged(parts[CONTENT])
        if not content:
            continue
        out.append(GoldAttribution(
            content=content,
            source=merged(parts[SOURCE]),
            cue=merged(parts[CUE]),
            has_quote_marks=has_quote_marks(text, content),
        ))
    return out


def read_text(path: Path) -> str:
    """The file as UTF-8, exactly (newlines untouched), as brat offsets count it."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def annotation_file(directory: Path, name: str) -> Path | None:
    """The first (sorted) annotator's file for article ``name``, or None."""
    pattern = re.compile(re.escape(name) + r"_[^_]+\.ann")
    found = sorted(p for p in (directory / "attributions").glob(f"{name}_*.ann")
                   if pattern.fullmatch(p.name))
    return found[0] if found else None


def load_split(directory: str | Path, limit: int | None = None) -> list[GoldDoc]:
    """The annotated articles of a split folder, sorted by name (articles without a file skipped)."""
    root = Path(directory)
    docs: list[GoldDoc] = []
    for text_path in sorted((root / "text").glob("*.txt")):
        if limit is not None and len(docs) >= limit:
            break
        ann = annotation_file(root, text_path.stem)
        if ann is None:
            continue
        text = read_text(text_path)
        golds = gold_attributions(text, read_text(ann))
        docs.append(GoldDoc(text_path.stem, text, tuple(golds), str(text_path)))
    return docs


# --- predictions -----------------------------------------------------------------------------


def predicted_from_quote(quote: Quote) -> Predicted:
    content = merged(quote.spans or ((quote.start, quote.end),))
    mention = quote.speaker.mention if quote.speaker else None
    return Predicted(content, (mention.start, mention.end) if mention else None,
                     quote.confidence, quote.speaker_confidence)


def predictions_from_analysis(analysis: ArticleAnalysis) -> list[Predicted]:
    return [predicted_from_quote(q) for q in analysis.quotes]


def baseline_analysis(article: Article) -> ArticleAnalysis:
    """The trivial baseline: every quoted stretch a direct quotation, with no speaker."""
    quotes = tuple(
        Quote(
            id=f"q{n}",
            kind="direct",
            text=" ".join(article.text[s:e] for s, e in q.pieces),
            start=q.start,
            end=q.end,
            spans=q.pieces if len(q.pieces) > 1 else (),
        )
        for n, q in enumerate(find_quoted(article.text), 1)
    )
    return ArticleAnalysis(article=article, quotes=quotes)


# --- scoring ---------------------------------------------------------------------------------


def source_right(pred: Predicted, gold: GoldAttribution) -> bool:
    """The predicted speaker mention overlaps a gold Source; no Source wants no mention."""
    if not gold.source:
        return pred.source is None
    return pred.source is not None and overlap((pred.source,), gold.source) > 0


def same_content(text: str, pred: Predicted, gold: GoldAttribution) -> bool:
    """Equal contents once each piece is trimmed of whitespace and punctuation."""
    return (trimmed(text, pred.content, is_space_or_punctuation)
            == trimmed(text, gold.content, is_space_or_punctuation))


def document_matches(gold: GoldDoc, preds: list[Predicted]) -> dict[int, int]:
    """The one-to-one matching {prediction index: gold attribution index} of one article."""
    weights = {
        (i, j): w
        for i, p in enumerate(preds)
        for j, g in enumerate(gold.attributions)
        if (w := half_overlap(p.content, g.content))
    }
    return max_matching(weights)


def _empty_counts() -> dict[str, int]:
    return {"gold": 0, "predicted": 0, "matched": 0, "exact": 0, "source": 0}


def document_counts(
    gold: GoldDoc, preds: list[Predicted], matches: dict[int, int] | None = None,
) -> dict[str, dict[str, int]]:
    """Counts of one article for each subset (``matches``: its ``document_matches``, made
    here when not given)."""
    if matches is None:
        matches = document_matches(gold, preds)
    counts = {name: _empty_counts() for name in SUBSETS}
    counts["all"]["gold"] = len(gold.attributions)
    counts["quote_marks"]["gold"] = sum(g.has_quote_marks for g in gold.attributions)
    counts["all"]["predicted"] = len(preds)
    counts["quote_marks"]["predicted"] = len(preds) - sum(
        not gold.attributions[j].has_quote_marks for j in matches.values())
    for i, j in matches.items():
        g = gold.attributions[j]
        subsets = SUBSETS if g.has_quote_marks else ("all",)
        for name in subsets:
            counts[name]["matched"] += 1
            counts[name]["exact"] += same_content(gold.text, preds[i], g)
            counts[name]["source"] += source_right(preds[i], g)
    return counts


def measures(counts: dict[str, int]) -> dict[str, Any]:
    """The ratios of one subset, with the counts they come from."""
    gold, predicted, matched = counts["gold"], counts["predicted"], counts["matched"]
    return {
        "counts": dict(counts),
        "content": prf(matched, predicted, gold),
        "exact": prf(counts["exact"], predicted, gold),
        "source": {"correct": counts["source"], "matched": matched,
                   "accuracy": ratio(counts["source"], matched)},
        "end_to_end": prf(counts["source"], predicted, gold),
    }


def score(golds: list[GoldDoc], predictions: list[list[Predicted]]) -> dict[str, Any]:
    """Content, exact, source and end-to-end scores over a split (see the module notes)."""
    if len(golds) != len(predictions):
        raise ValueError(f"{len(golds)} gold articles but {len(predictions)} prediction lists")
    totals = {name: _empty_counts() for name in SUBSETS}
    marks: list[tuple[float, bool, bool]] = []
    sourced: list[tuple[float, bool]] = []
    for gold, preds in zip(golds, predictions, strict=True):
        matches = document_matches(gold, preds)
        for name, counts in document_counts(gold, preds, matches).items():
            for key, value in counts.items():
                totals[name][key] += value
        marks += confidence_marks(gold, preds, matches)
        sourced += [(preds[i].speaker_confidence or 0.0, source_right(preds[i], g))
                    for i, j in matches.items() if (g := gold.attributions[j]).source]
    return {"documents": len(golds), **{name: measures(totals[name]) for name in SUBSETS},
            "by_confidence": by_confidence(marks, totals["all"]["gold"]),
            "source_by_speaker_confidence": source_by_speaker_confidence(sourced)}


def source_by_speaker_confidence(
    sourced: Sequence[tuple[float, bool]], cuts: Sequence[float] | None = None,
) -> list[dict[str, Any]]:
    """For each cut, of the matched predictions whose gold names a source and whose speaker
    confidence is at least the cut: how many, and the share whose source is right (what
    ``newsgraph quotes --min-speaker-confidence`` keeps)."""
    rows = []
    for cut in cuts or CONFIDENCE_CUTS:
        kept = [right for conf, right in sourced if conf >= cut]
        rows.append({"min_speaker_confidence": cut, "matched": len(kept),
                     "source_accuracy": round(sum(kept) / len(kept), 3) if kept else 0.0})
    return rows


# The confidences at which ``by_confidence`` cuts the predictions.
CONFIDENCE_CUTS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def confidence_marks(
    gold: GoldDoc, preds: list[Predicted], matches: dict[int, int],
) -> list[tuple[float, bool, bool]]:
    """Each prediction of one article as (confidence, content matched, source right)."""
    marks = []
    for i, pred in enumerate(preds):
        j = matches.get(i)
        marks.append((pred.confidence, j is not None,
                      j is not None and source_right(pred, gold.attributions[j])))
    return marks


def by_confidence(
    marks: Sequence[tuple[float, bool, bool]], gold: int,
    cuts: Sequence[float] = CONFIDENCE_CUTS,
) -> list[dict[str, Any]]:
    """For each cut, the scores of the predictions whose confidence is at least that (the
    one-to-one matching made once over all predictions; ``gold`` attributions in all):
    what ``newsgraph quotes --min-confidence`` keeps, and how right it is."""
    rows = []
    for cut in cuts:
        kept = [m for m in marks if m[0] >= cut]
        rows.append({"min_confidence": cut,
                     "content": prf(sum(m[1] for m in kept), len(kept), gold),
                     "end_to_end": prf(sum(m[2] for m in kept), len(kept), gold)})
    return rows


def _articles(golds: Iterable[GoldDoc]) -> Iterable[tuple[GoldDoc, Article | str]]:
    """Each gold article read as ``newsgraph ingest`` reads it, or why it cannot be used."""
    from newsgraph.ingest.metadata import MetadataIndex
    from newsgraph.ingest.txt import read_txt

    metadata = MetadataIndex()
    for gold in golds:
        items = list(read_txt(Path(gold.path or gold.name), metadata))
        article = next((i for i in items if isinstance(i, Article)), None)
        if article is None:
            yield gold, "; ".join(str(i) for i in items) or "not read"
        elif article.text != gold.text:
            yield gold, "the reader's text differs from the file: offsets would not line up"
        else:
            yield gold, article


def _pieces_text(text: str, spans: Spans) -> str:
    return " | ".join(text[s:e] for s, e in spans)


def error_records(gold: GoldDoc, quotes: list[Quote]) -> list[dict[str, Any]]:
    """What went wrong in one article, one record per problem: a gold attribution no
    prediction matched (``missed``, with the prediction overlapping it most, if any), a
    prediction that matched none (``false_positive``), a match with the wrong source
    (``wrong_source``). Offsets are the article's characters."""
    text = gold.text
    preds = [predicted_from_quote(q) for q in quotes]
    matches = document_matches(gold, preds)
    matched_gold = {j: i for i, j in matches.items()}

    def gold_fields(g: GoldAttribution) -> dict[str, Any]:
        return {"gold": _pieces_text(text, g.content), "gold_spans": g.content,
                "gold_source": _pieces_text(text, g.source), "gold_cue": _pieces_text(text, g.cue),
                "quote_marks": g.has_quote_marks}

    def pred_fields(i: int) -> dict[str, Any]:
        q, p = quotes[i], preds[i]
        return {"predicted": _pieces_text(text, p.content), "predicted_spans": p.content,
                "predicted_kind": q.kind, "predicted_cue": q.cue.text if q.cue else None,
                "predicted_source": text[p.source[0]:p.source[1]] if p.source else None}

    records: list[dict[str, Any]] = []
    for j, g in enumerate(gold.attributions):
        if j in matched_gold:
            i = matched_gold[j]
            if not source_right(preds[i], g):
                records.append({"article": gold.name, "error": "wrong_source",
                                **gold_fields(g), **pred_fields(i)})
            continue
        nearest = max(range(len(preds)), key=lambda i: overlap(preds[i].content, g.content),
                      default=None)
        record = {"article": gold.name, "error": "missed", **gold_fields(g)}
        if nearest is not None and overlap(preds[nearest].content, g.content):
            record.update(pred_fields(nearest))
        records.append(record)
    for i in range(len(preds)):
        if i not in matches:
            records.append({"article": gold.name, "error": "false_positive", **pred_fields(i)})
    return records


def evaluate_split(
    directory: str | Path,
    analyse: Callable[[Article], ArticleAnalysis],
    limit: int | None = None,
    problems: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Analyse every annotated article of a split and score the quotations found. When
    ``problems`` is a list, each article's ``error_records`` are appended to it."""
    golds = load_split(directory, limit)
    predictions: list[list[Predicted]] = []
    errors: list[str] = []
    for gold, article in _articles(golds):
        if isinstance(article, str):
            errors.append(f"{gold.name}: {article}")
            predictions.append([])
            continue
        try:
            analysis = analyse(article)
        except Exception as exc:  # one failed article is reported, the others still count
            errors.append(f"{gold.name}: analysis failed: {type(exc).__name__}: {exc}")
            predictions.append([])
            continue
        predictions.append(predictions_from_analysis(analysis))
        if problems is not None:
            problems.extend(error_records(gold, list(analysis.quotes)))
    report = score(golds, predictions)
    report["directory"] = str(directory)
    report["errors"] = errors
    return report


# --- the report ------------------------------------------------------------------------------

SUBSET_TITLES = {"all": "all attributions", "quote_marks": "content with quotation marks"}


def _row(label: str, m: dict[str, Any]) -> str:
    return (f"  {label:<12}{m['correct']:>8}{m['predicted']:>8}{m['gold']:>8}"
            f"{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")


def format_report(report: dict[str, Any]) -> str:
    """The scores as a plain-text table."""
    mode = f" (accuracy {report['accuracy']})" if report.get("accuracy") else ""
    lines = [f"PolNeAR {report.get('directory', '')}: {report['documents']} articles{mode}"]
    for name in SUBSETS:
        m = report[name]
        src = m["source"]
        lines += [
            "",
            f"{SUBSET_TITLES[name]}",
            f"  {'':<12}{'correct':>8}{'pred':>8}{'gold':>8}{'P':>8}{'R':>8}{'F1':>8}",
            _row("content", m["content"]),
            _row("exact", m["exact"]),
            _row("end-to-end", m["end_to_end"]),
            f"  {'source':<12}{src['correct']:>8} of {src['matched']} matched"
            f"  accuracy {src['accuracy']:.3f}",
        ]
    rows = report.get("by_confidence") or []
    if rows:
        lines += ["", "all attributions, by the quotation's confidence",
                  f"  {'at least':<12}{'pred':>8}{'P':>8}{'R':>8}{'F1':>8}{'e2e F1':>8}"]
        lines += [f"  {r['min_confidence']:<12.2f}{r['content']['predicted']:>8}"
                  f"{r['content']['precision']:>8.3f}{r['content']['recall']:>8.3f}"
                  f"{r['content']['f1']:>8.3f}{r['end_to_end']['f1']:>8.3f}" for r in rows]
    rows = report.get("source_by_speaker_confidence") or []
    if rows:
        lines += ["", "matched attributions with a gold source, by the speaker's confidence",
                  f"  {'at least':<12}{'matched':>8}{'source':>8}"]
        lines += [f"  {r['min_speaker_confidence']:<12.2f}{r['matched']:>8}"
                  f"{r['source_accuracy']:>8.3f}" for r in rows]
    errors = report.get("errors") or []
    if errors:
        lines += ["", f"{len(errors)} articles not scored:"] + [f"  {e}" for e in errors]
    return "\n".join(lines)


__all__ = [
    "AnnSpan",
    "GoldAttribution",
    "GoldDoc",
    "Predicted",
    "baseline_analysis",
    "error_records",
    "evaluate_split",
    "format_report",
    "load_split",
    "predictions_from_analysis",
    "read_ann",
    "score",
]
