"""Score ``nlp.times.find_times`` against TimeBank (TimeML ``.tml`` files), TempEval-3 style.

Each file's ``<TEXT>`` is turned into plain text (tags stripped, characters kept exactly), with the
character offsets of its gold ``TIMEX3`` elements; ``find_times`` runs on ``nlp(text)`` with the
document creation time (``<DCT>``) as the publication date. Measures:

- extraction precision, recall and F1, *strict* (same span) and *relaxed* (overlapping spans,
  matched one to one in text order);
- on relaxed matches, value accuracy and type accuracy;
- value F1: a system expression counts when it overlaps a gold one and has its value.

TimeBank has no split of its own here. The files in sorted order are cut in two: the first two
thirds (``part="develop"``) were used to develop the rules, the last third (``part="heldout"``)
is only for reporting.

    python -m newsgraph.evaluate.timebank ../shared/corpora/timebank [--part develop]
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language

from newsgraph.model import TimeExpr
from newsgraph.nlp.base import parse_text
from newsgraph.nlp.times import find_times

Part = Literal["develop", "heldout", "all"]
DEVELOP_SHARE = 2 / 3  # the first two thirds of the sorted files are for development


@dataclass(frozen=True)
class GoldTime:
    text: str
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    name: str
    dct: str | None  # "YYYY-MM-DD"
    text: str
    times: tuple[GoldTime, ...]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def text_and_timexes(element: ET.Element) -> tuple[str, list[GoldTime]]:
    """The plain text under ``element`` and the TIMEX3 elements in it, with offsets."""
    pieces: list[str] = []
    times: list[GoldTime] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if _local(node.tag) == "TIMEX3" and node is not element:
            text = "".join(pieces)[start:length]
            times.append(GoldTime(text, start, length, node.get("type", ""),
                                  node.get("value", "")))

    walk(element)
    return "".join(pieces), sorted(times, key=lambda t: t.start)


def creation_date(root: ET.Element) -> str | None:
    """The DCT's date ("YYYY-MM-DD") of a TimeML document."""
    for timex in root.iter():
        if _local(timex.tag) == "TIMEX3" and timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")
            return value[:10] if len(value) >= 10 else None
    return None


def read_document(source: str | Path, name: str | None = None) -> GoldDocument:
    """A TimeML document from a path or from its XML text."""
    if isinstance(source, Path):
        root = ET.parse(source).getroot()
        name = name or source.name
    else:
        root = ET.fromstring(source)
    body = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    if body is None:
        raise ValueError(f"{name}: no <TEXT> element")
    text, times = text_and_timexes(body)
    return GoldDocument(name or "", creation_date(root), text, tuple(times))


def files_of_part(directory: Path, part: Part) -> list[Path]:
    files = sorted(directory.glob("*.tml"))
    cut = round(len(files) * DEVELOP_SHARE)
    if part == "develop":
        return files[:cut]
    if part == "heldout":
        return files[cut:]
    return files


def _overlaps(a: GoldTime, b: TimeExpr) -> bool:
    return a.start < b.end and b.start < a.end


def match_relaxed(gold: list[GoldTime], system: list[TimeExpr]) -> list[tuple[GoldTime, TimeExpr]]:
    """One-to-one pairs of overlapping gold and system expressions, in text order."""
    pairs: list[tuple[GoldTime, TimeExpr]] = []
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and _overlaps(g, s):
                pairs.append((g, s))
                used.add(i)
                break
    return pairs


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, gold: list[GoldTime], system: list[TimeExpr]) -> list[dict[str, Any]]:
        """Count one document; return its errors (misses, false alarms, wrong values)."""
        self.gold += len(gold)
        self.system += len(system)
        spans = {(s.start, s.end) for s in system}
        self.strict += sum((g.start, g.end) in spans for g in gold)
        pairs = match_relaxed(gold, system)
        self.relaxed += len(pairs)
        self.value += sum(g.value == s.value for g, s in pairs)
        self.type += sum(g.type == s.type for g, s in pairs)
        return errors_of(gold, system, pairs)


def errors_of(gold: list[GoldTime], system: list[TimeExpr],
              pairs: list[tuple[GoldTime, TimeExpr]]) -> list[dict[str, Any]]:
    matched_gold = {id(g) for g, _ in pairs}
    matched_sys = {id(s) for _, s in pairs}
    errors: list[dict[str, Any]] = [
        {"kind": "missed", "gold": g.text, "type": g.type, "value": g.value}
        for g in gold if id(g) not in matched_gold
    ]
    errors += [{"kind": "spurious", "system": s.text, "type": s.type, "value": s.value,
                "anchor": s.anchor}
               for s in system if id(s) not in matched_sys]
    errors += [{"kind": "value", "gold": g.text, "system": s.text,
                "gold_value": g.value, "system_value": s.value, "gold_type": g.type,
                "system_type": s.type, "system_anchor": s.anchor}
               for g, s in pairs if g.value != s.value or (g.start, g.end) != (s.start, s.end)]
    return errors


def prf(correct: int, system: int, gold: int) -> dict[str, float]:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(counts: Counts) -> dict[str, Any]:
    return {
        "gold": counts.gold,
        "system": counts.system,
        "strict": prf(counts.strict, counts.system, counts.gold),
        "relaxed": prf(counts.relaxed, counts.system, counts.gold),
        "value_accuracy": round(counts.value / counts.relaxed, 4) if counts.relaxed else 0.0,
        "type_accuracy": round(counts.type / counts.relaxed, 4) if counts.relaxed else 0.0,
        "value": prf(counts.value, counts.system, counts.gold),
    }


def evaluate_documents(
    documents: Iterable[GoldDocument],
    nlp: Language | Callable[[str], Any],
) -> dict[str, Any]:
    counts = Counts()
    errors: list[dict[str, Any]] = []
    n = 0
    for doc in documents:
        system = find_times(nlp(parse_text(doc.text)), doc.dct)  # as the analyser parses
        for error in counts.add(list(doc.times), system):
            errors.append({"document": doc.name, **error})
        n += 1
    return {"documents": n, **score(counts), "errors": errors}


def evaluate_dir(
    directory: str | Path, nlp: Language, limit: int | None = None, part: Part = "heldout"
) -> dict[str, Any]:
    """Score ``find_times`` on the TimeML files of ``directory`` (the held-out third by default)."""
    files = files_of_part(Path(directory), part)[:limit]
    report = evaluate_documents((read_document(f) for f in files), nlp)
    return {"corpus": str(directory), "part": part, **report}


def format_report(report: dict[str, Any]) -> str:
    """The figures a reader would quote, one measure a line."""
    part = report.get("part", "all")
    note = {
        "heldout": "held-out last third of the sorted files (not used for development)",
        "develop": "first two thirds of the sorted files (used for development)",
    }.get(part, "all files")
    lines = [
        f"TimeBank temporal expressions: {report['documents']} documents, {note}",
        f"  gold {report['gold']}, system {report['system']}",
    ]
    for key, label in (("strict", "extraction strict "), ("relaxed", "extraction relaxed"),
                       ("value", "value             ")):
        m = report[key]
        lines.append(f"  {label}  P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    lines.append(f"  value accuracy (relaxed matches) {report['value_accuracy']:.3f}")
    lines.append(f"  type accuracy  (relaxed matches) {report['type_accuracy']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    import spacy

    from newsgraph.nlp.pipeline import model_name

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--part", choices=["develop", "heldout", "all"], default="heldout")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    args = parser.parse_args(argv)
    report = evaluate_dir(args.directory, spacy.load(model_name()), args.limit, args.part)
    print(format_report(report))
    for error in report["errors"][: args.errors]:
        print(error)


if __name__ == "__main__":
    main()
