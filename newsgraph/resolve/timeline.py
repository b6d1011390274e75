"""Timelines: what a person or organisation said, held and did, in date order.

Pure functions over rows the store reads (``newsgraph.store.timeline``); nothing here runs
SQL. Dates are ISO-TimeML values of any granularity ("2018", "2018-06", "2018-06-20"); they
sort by their known part, coarser before finer on a tie, so "June 2018" sorts before
"2018-06-20" without pretending to know the day. Undated entries come last.

- a quotation's date is the explicit date the article gives it (a DATE time expression next
  to its cue, outside the quoted words: "said on Tuesday"), else the article's publication
  date (``date_source`` says which);
- roles collapse into spans: one per (title, organisation), from the earliest evidence to
  the latest, with every piece of evidence kept; a "former" title ends the span at the first
  article that calls it former;
- events are the dated expressions of the sentences that mention the entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from newsgraph.resolve.names import fold

# A full date value (day, month or year granularity) that a timeline can place.
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CUE_REACH = 60  # characters from a quotation's cue in which its own date is looked for
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")


def granularity(value: str | None) -> str | None:
    """'year', 'month' or 'day' for a placeable date value, else None."""
    if not value or not DATE_VALUE.match(value):
        return None
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def sort_key(value: str | None) -> tuple[int, str, int]:
    """Undated last; otherwise by the known part, coarser first on a tie."""
    if not value or granularity(value) is None:
        return (1, "", 0)
    return (0, value, len(value))


@dataclass(frozen=True)
class Entry:
    """One line of a timeline."""

    date: str | None
    kind: str  # "quote", "role", "event", "first_seen", "last_seen", "article"
    text: str
    article: str | None = None
    start: int | None = None
    end: int | None = None
    date_source: str | None = None  # "explicit", "published", "role", "time"
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "granularity": granularity(self.date)}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``[start, end)``."""
    left = max(0, start - 2000)  # a sentence longer than this is cut at it
    for m in SENTENCE_END.finditer(text, left):
        if m.end() > start:
            break
        left = m.end()
    m = SENTENCE_END.search(text, end)
    return left, (m.start() + 1 if m else len(text))


def quote_date(quote: dict[str, Any], times: Sequence[dict[str, Any]]) -> tuple[str | None, str]:
    """A quotation's date: a DATE expression near its cue and outside its words, else the
    article's publication date."""
    cue = quote.get("cue_start")
    pieces = quote.get("spans") or [[quote["start"], quote["end"]]]
    if cue is not None:
        best: tuple[int, str] | None = None
        for t in times:
            if t["type"] != "DATE" or granularity(t["value"]) != "day":
                continue
            if any(a <= t["start"] and t["end"] <= b for a, b in pieces):
                continue  # a date inside the quotation is what it talks about, not when
            distance = min(abs(t["start"] - quote["cue_end"]), abs(cue - t["end"]))
            if distance <= CUE_REACH and (best is None or distance < best[0]):
                best = (distance, t["value"])
        if best is not None:
            return best[1], "explicit"
    return quote.get("published"), "published"


# What a quotation entry keeps of its listing row for a page to show how its speaker was
# found and which of its words are verbatim (``quoteview``).
QUOTE_EVIDENCE = ("mode", "polarity", "spans", "verbatim", "speaker_name", "speaker_mention",
                  "speaker_description", "speaker_resolved", "speaker_via",
                  "speaker_confidence", "speaker_identity")


def quote_entries(quotes: Iterable[dict[str, Any]],
                  times_by_article: dict[str, list[dict[str, Any]]]) -> list[Entry]:
    entries = []
    for q in quotes:
        date, source = quote_date(q, times_by_article.get(q["article_id"], []))
        entries.append(Entry(date, "quote", q["text"], q["article_id"], q["start"], q["end"],
                             source, {"kind": q["kind"], "cue": q.get("cue_text"),
                                      "title": q.get("title"), "source": q.get("source"),
                                      **{k: q.get(k) for k in QUOTE_EVIDENCE}}))
    return entries


def role_label(title: str, organisation: str | None) -> str:
    return f"{title} of {organisation}" if organisation else title


def role_spans(roles: Iterable[dict[str, Any]],
               canonical: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Role rows (title, organisation, qualifier, date, published, article_id, evidence)
    collapsed into one span per (title, organisation); ``canonical`` maps an organisation
    as written ("JLM") to its identity's name ("Jewish Labour Movement")."""
    canonical = canonical or {}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    names: dict[tuple[str, str], tuple[str, str | None]] = {}
    for r in roles:
        organisation = r["organisation"]
        if organisation:
            organisation = canonical.get(organisation, organisation)
        key = (fold(r["title"]), fold(organisation or ""))
        groups.setdefault(key, []).append(r)
        names.setdefault(key, (r["title"], organisation))
    spans = []
    for key, rows in groups.items():
        title, organisation = names[key]
        current = [r for r in rows if r.get("qualifier") != "former"]
        former = [r for r in rows if r.get("qualifier") == "former"]
        dated = [d for r in current for d in (_role_date(r),) if d]
        ended = sorted(d for r in former for d in (r.get("published"),) if d)
        spans.append({
            "title": title,
            "organisation": organisation,
            "label": role_label(title, organisation),
            "from": min(dated, key=sort_key) if dated else None,
            "to": max(dated, key=sort_key) if dated else None,
            "former_by": ended[0] if ended else None,
            "only_former": not current,
            "qualifiers": sorted({r["qualifier"] for r in rows if r.get("qualifier")}),
            "evidence": [
                {"article": r["article_id"], "start": r["start"], "end": r["end"],
                 "text": r.get("evidence"), "published": r.get("published"),
                 "date": r.get("date"), "qualifier": r.get("qualifier")}
                for r in rows
            ],
        })
    spans.sort(key=lambda s: (sort_key(s["from"] or s["former_by"]), s["label"]))
    return spans


def _role_date(row: dict[str, Any]) -> str | None:
    """When the role is attested: the date the text gives it, else publication."""
    stated = row.get("date")
    if stated and granularity(stated):
        return stated
    return row.get("published")


def span_text(span: dict[str, Any]) -> str:
    """ "chair of JLM: 2018-06 - 2019-03 (4 articles)" and the like."""
    articles = len({e["article"] for e in span["evidence"]})
    if span["only_former"]:
        when = f"former (so called from {span['former_by']})" if span["former_by"] else "former"
    elif span["from"] and span["to"] and span["from"] != span["to"]:
        when = f"{span['from']} - {span['to']}"
    else:
        when = span["from"] or "undated"
    return f"{span['label']}: {when} ({articles} article{'s' if articles != 1 else ''})"


def event_entries(mentions: Iterable[dict[str, Any]],
                  times_by_article: dict[str, list[dict[str, Any]]],
                  texts: dict[str, str]) -> list[Entry]:
    """The placeable DATE expressions of the sentences that mention the entity, one entry
    per (article, sentence, date)."""
    seen: set[tuple[str, int, str]] = set()
    entries = []
    for m in mentions:
        text = texts.get(m["article_id"])
        if text is None:
            continue
        left, right = sentence_bounds(text, m["start"], m["end"])
        for t in times_by_article.get(m["article_id"], []):
            if t["type"] != "DATE" or not granularity(t["value"]):
                continue
            if not (left <= t["start"] and t["end"] <= right):
                continue
            key = (m["article_id"], left, t["value"])
            if key in seen:
                continue
            seen.add(key)
            entries.append(Entry(t["value"], "event", text[left:right].strip(), m["article_id"],
                                 left, right, "time", {"time": t["text"]}))
    return entries


def build(name: str, quotes: Sequence[dict[str, Any]], roles: Sequence[dict[str, Any]],
          mentions: Sequence[dict[str, Any]], articles: Sequence[dict[str, Any]],
          times_by_article: dict[str, list[dict[str, Any]]],
          texts: dict[str, str], canonical: dict[str, str] | None = None) -> dict[str, Any]:
    """An entity's timeline: entries in date order, role spans, first and last seen."""
    entries = quote_entries(quotes, times_by_article)
    entries += event_entries(mentions, times_by_article, texts)
    dated = sorted((a for a in articles if a.get("published")), key=lambda a: a["published"])
    if dated:
        entries.append(Entry(dated[0]["published"], "first_seen", dated[0].get("title") or "",
                             dated[0]["id"], date_source="published"))
        entries.append(Entry(dated[-1]["published"], "last_seen", dated[-1].get("title") or "",
                             dated[-1]["id"], date_source="published"))
    spans = role_spans(roles, canonical)
    for span in spans:
        entries.append(Entry(span["from"] or span["former_by"], "role", span_text(span),
                             date_source="role", detail={"label": span["label"]}))
    entries.sort(key=lambda e: (sort_key(e.date), e.article or "", e.start or 0))
    return {
        "name": name,
        "first_seen": dated[0]["published"] if dated else None,
        "last_seen": dated[-1]["published"] if dated else None,
        "articles": len(articles),
        "roles": spans,
        "entries": [e.to_dict() for e in entries],
    }


def build_story(story: dict[str, Any], articles: Sequence[dict[str, Any]],
                quotes: Sequence[dict[str, Any]],
                times_by_article: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A story's timeline: its articles in order, what was said in each (dated as above),
    and the distinct day-precise dates its articles name."""
    entries = [Entry(a.get("published"), "article", a.get("title") or a["id"], a["id"],
                     date_source="published", detail={"source": a.get("source")})
               for a in articles]
    entries += quote_entries(quotes, times_by_article)
    named: dict[str, Entry] = {}
    for article_id, times in times_by_article.items():
        for t in times:
            if t["type"] == "DATE" and granularity(t["value"]) == "day":
                named.setdefault(t["value"], Entry(t["value"], "event", t["text"], article_id,
                                                   t["start"], t["end"], "time"))
    entries += named.values()
    entries.sort(key=lambda e: (sort_key(e.date), e.kind != "article", e.article or "",
                                e.start or 0))
    return {**story, "entries": [e.to_dict() for e in entries]}
