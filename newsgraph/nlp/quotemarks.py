"""Quoted stretches of raw article text, found from the quotation marks alone.

``find_quoted(text)`` needs no parse: it reads the marks, paragraph by
paragraph (one paragraph a line), and returns every stretch between an opening
and a closing mark. Real news has odd marks, so the rules are forgiving:

1. Double marks (" “ ” '' „ « » ``) pair with each other in any combination:
   “hardcore" and "...” are both quotations.
2. Whether a mark opens or closes is read from its neighbours (a mark before a
   word opens, a mark after a word or punctuation closes); a mark that could
   do either opens when nothing is open and closes otherwise.
3. A quotation never crosses a paragraph end, except by the reopening
   convention: when a paragraph ends inside a quotation and the next
   paragraph starts with an opening mark, the quotation goes on there (one
   ``Quoted``, several pieces). Otherwise an unclosed quotation ends with its
   paragraph, so one stray mark costs at most one paragraph.
4. Single marks (‘ ’ ') are apostrophes unless they look like quotation
   marks: an opening mark at the start of a word that is not an elision
   (’90s, rock ’n’ roll) and a closing mark at the end of a word. A closing
   mark after an "s" followed by a word (the Smiths’ house) is taken only when
   no better closer follows. Inside a double quotation they give ``nested``
   stretches; outside, top-level ``Quoted`` (British style, headline scare
   quotes), which may themselves hold double quotations.

Content offsets exclude the marks and the whitespace just inside them.
Everything is one pass over the marks: linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

# --- the marks, as data ----------------------------------------------------------------------

DOUBLE_OPENERS = frozenset({"“", "„", "«", "``"})
DOUBLE_CLOSERS = frozenset({"”", "»"})
DOUBLE_EITHER = frozenset({'"', "''"})  # direction read from the neighbours
SINGLE_OPENERS = frozenset({"‘", "‹", "`"})
SINGLE_CLOSERS = frozenset({"’", "›"})
SINGLE_EITHER = frozenset({"'"})
DOUBLE_MARKS = DOUBLE_OPENERS | DOUBLE_CLOSERS | DOUBLE_EITHER
SINGLE_MARKS = SINGLE_OPENERS | SINGLE_CLOSERS | SINGLE_EITHER
NEVER_CLOSING = frozenset({"‹", "`"})  # ‘ may close ("‘D-‘ rating"); ’ never opens
QUOTE_CHARS = frozenset("\"“”„«»‘’‹›'`")

# Characters after which a mark may open ("(“", "—‘") and before which it may close ('",', '”)').
OPENING_CONTEXT = frozenset("([{<—–-/") | QUOTE_CHARS
CLOSING_CONTEXT = frozenset(".,;:!?)]}>—–-/…") | QUOTE_CHARS

# Words that an apostrophe shortens at their start: 'em, 'n', 'til, '90s. A single mark
# before one of them is an apostrophe, not an opening quotation mark.
ELISIONS = frozenset({"em", "n", "til", "cause", "tis", "twas", "bout", "round", "nuff", "ol"})
ELISION_RE = re.compile(r"(?:\d0s|\d\d)\b|(?:" + "|".join(sorted(ELISIONS)) + r")\b", re.I)

# Two apostrophes are one double mark; three are a double and a single mark, split by side.
MARK_RE = re.compile(r"'''|''|``|[\"“”„«»‘’‹›'`]")

OPEN, CLOSE, WEAK_CLOSE = "open", "close", "weak_close"

Span = tuple[int, int]


@dataclass(frozen=True)
class Quoted:
    """A stretch of text between quotation marks."""

    start: int  # first character of the content (after the opening mark)
    end: int  # end of the content (before the closing mark; or end of paragraph when unclosed)
    pieces: tuple[Span, ...]  # several when the quotation runs over paragraphs
    open_mark: Span  # offsets of the opening mark
    close_mark: Span | None  # None when the quotation is never closed
    nested: tuple[Span, ...] = ()  # inner stretches quoted with the other kind of mark


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    glyph: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass
class _Open:
    """A quotation being read: its opening mark and the pieces so far."""

    open_mark: Mark
    pieces: list[Span] = field(default_factory=list)
    nested: list[Span] = field(default_factory=list)
    close_mark: Mark | None = None


# --- reading the marks -----------------------------------------------------------------------


def paragraphs(text: str) -> Iterator[Span]:
    """[start, end) of each line of ``text`` that holds more than whitespace."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def marks_in(text: str, lo: int, hi: int) -> list[Mark]:
    """The quotation-mark candidates of text[lo:hi], in order ("'''" split by side)."""
    found: list[Mark] = []
    for m in MARK_RE.finditer(text, lo, hi):
        s, e, glyph = m.start(), m.end(), m.group()
        if glyph == "'''":
            closing = s > lo and not text[s - 1].isspace()
            parts = [(s, s + 1, "'"), (s + 1, e, "''")] if closing else [
                (s, s + 2, "''"), (s + 2, e, "'")]
            found.extend(Mark(*p) for p in parts)
        else:
            found.append(Mark(s, e, glyph))
    return found


def _before(text: str, mark: Mark, lo: int) -> str:
    return text[mark.start - 1] if mark.start > lo else " "


def _after(text: str, mark: Mark, hi: int) -> str:
    return text[mark.end] if mark.end < hi else " "


def flanks(text: str, mark: Mark, lo: int, hi: int) -> tuple[bool, bool]:
    """(opens a word, closes a word): whether the mark sits before or after text."""
    prev, nxt = _before(text, mark, lo), _after(text, mark, hi)
    left = not nxt.isspace() and (prev.isspace() or prev in OPENING_CONTEXT)
    right = not prev.isspace() and (nxt.isspace() or nxt in CLOSING_CONTEXT)
    return left, right


def double_roles(text: str, mark: Mark, lo: int, hi: int) -> tuple[bool, bool]:
    """(may open, may close) for a double mark."""
    left, right = flanks(text, mark, lo, hi)
    if mark.glyph in DOUBLE_OPENERS:
        return True, right and not left  # “hardcore“ closes
    if mark.glyph in DOUBLE_CLOSERS:
        return left and not right, True  # ”word opens only when it cannot close
    if left == right:  # both or neither: the state decides
        return True, True
    return left, right


def single_role(text: str, mark: Mark, lo: int, hi: int) -> str | None:
    """OPEN, CLOSE, WEAK_CLOSE or None (an apostrophe) for a single mark."""
    prev, nxt = _before(text, mark, lo), _after(text, mark, hi)
    if prev.isalnum() and nxt.isalnum():
        return None  # it’s, Lansman’s, Trump‘s
    left, right = flanks(text, mark, lo, hi)
    if left and not right and mark.glyph not in SINGLE_CLOSERS:
        return None if ELISION_RE.match(text, mark.end, hi) else OPEN
    if right and not left and mark.glyph not in NEVER_CLOSING:
        return WEAK_CLOSE if _looks_possessive(text, mark, hi) else CLOSE
    return None


def _looks_possessive(text: str, mark: Mark, hi: int) -> bool:
    """the Smiths’ house: a closer after "s" with a word right after it."""
    if text[mark.start - 1] not in "sS":
        return False
    rest = text[mark.end:min(hi, mark.end + 2)]
    return len(rest) == 2 and rest[0] == " " and rest[1].isalnum()


def is_quote_mark(text: str, mark: Mark) -> bool:
    """Whether a mark is used as a quotation mark: any double mark; a single mark that
    pairs with another in its line (not an apostrophe)."""
    if mark.glyph in DOUBLE_MARKS:
        return True
    lo = text.rfind("\n", 0, mark.start) + 1
    hi = text.find("\n", mark.end)
    hi = len(text) if hi == -1 else hi
    singles = [m for m in marks_in(text, lo, hi) if m.glyph in SINGLE_MARKS]
    return any(mark in pair for pair in single_pairs(text, singles, lo, hi))


# --- pairing ---------------------------------------------------------------------------------


def single_pairs(text: str, marks: list[Mark], lo: int, hi: int) -> list[tuple[Mark, Mark]]:
    """Opening and closing single marks paired within text[lo:hi] (no nesting)."""
    pairs: list[tuple[Mark, Mark]] = []
    current: Mark | None = None
    fallback: Mark | None = None
    for mark in marks:
        role = single_role(text, mark, lo, hi)
        if role == OPEN:
            if current is not None and fallback is not None:
                pairs.append((current, fallback))
            current, fallback = mark, None
        elif role == CLOSE and current is not None:
            pairs.append((current, mark))
            current = fallback = None
        elif role == WEAK_CLOSE and current is not None and fallback is None:
            fallback = mark
    if current is not None and fallback is not None:
        pairs.append((current, fallback))
    return pairs


def _starts_reopening(text: str, marks: list[Mark], lo: int, hi: int) -> Mark | None:
    """The paragraph's first mark when the paragraph begins with an opening double mark."""
    first = next((m for m in marks if m.glyph in DOUBLE_MARKS), None)
    if first is None or text[lo:first.start].strip():
        return None
    return first if double_roles(text, first, lo, hi)[0] else None


def _double_pass(
    text: str, lo: int, hi: int, marks: list[Mark], pending: _Open | None
) -> tuple[list[_Open], _Open | None, list[Mark], list[tuple[Span, _Open]]]:
    """Double quotations of one paragraph.

    Returns the quotations ended here, the one still open at the paragraph end,
    two-apostrophe marks that open a nested quotation (to read as single marks)
    and the raw content regions of this paragraph with the quotation of each.
    """
    done: list[_Open] = []
    demoted: list[Mark] = []
    regions: list[tuple[Span, _Open]] = []
    current, piece_start = None, lo
    reopening = _starts_reopening(text, marks, lo, hi) if pending else None
    if pending is not None and reopening is None:
        done.append(pending)
    for mark in marks:
        if mark.glyph not in DOUBLE_MARKS:
            continue
        if mark is reopening:
            current, piece_start = pending, mark.end
            continue
        may_open, may_close = double_roles(text, mark, lo, hi)
        if current is None:
            if may_open:
                current, piece_start = _Open(mark), mark.end
            continue
        if not may_close and mark.glyph == "''" and current.open_mark.glyph != "''":
            demoted.append(mark)  # “... is ''widespread and severe'," : nested
            continue
        current.pieces.append((piece_start, mark.start))
        regions.append(((piece_start, mark.start), current))
        if may_close:
            current.close_mark = mark
            done.append(current)
            current = None
        else:  # an opening mark inside a quotation: the first one was never closed
            done.append(current)
            current, piece_start = _Open(mark), mark.end
    if current is not None:
        current.pieces.append((piece_start, hi))
        regions.append(((piece_start, hi), current))
    return done, current, demoted, regions


# --- building the results --------------------------------------------------------------------


def stripped(text: str, start: int, end: int) -> Span:
    """[start, end) without whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quoted(text: str, q: _Open) -> Quoted | None:
    pieces = tuple(p for p in (stripped(text, s, e) for s, e in q.pieces) if p[0] < p[1])
    if not pieces:
        return None
    nested = tuple(p for p in (stripped(text, s, e) for s, e in q.nested) if p[0] < p[1])
    return Quoted(
        start=pieces[0][0],
        end=pieces[-1][1],
        pieces=pieces,
        open_mark=q.open_mark.span,
        close_mark=q.close_mark.span if q.close_mark else None,
        nested=nested,
    )


def _paragraph_singles(
    text: str, lo: int, hi: int, singles: list[Mark], regions: list[tuple[Span, _Open]],
    doubles_here: list[_Open],
) -> list[_Open]:
    """Nested single stretches (added to their owners) and top-level single quotations."""
    starts = [region[0] for region, _ in regions]
    outside: list[Mark] = []
    by_region: list[list[Mark]] = [[] for _ in regions]
    for mark in singles:
        i = bisect_right(starts, mark.start) - 1
        if i >= 0 and mark.end <= regions[i][0][1]:
            by_region[i].append(mark)
        else:
            outside.append(mark)
    for (region, owner), inner in zip(regions, by_region, strict=True):
        for a, b in single_pairs(text, inner, *region):
            owner.nested.append((a.end, b.start))
    opens = [d.open_mark.start for d in doubles_here]
    top: list[_Open] = []
    for a, b in single_pairs(text, outside, lo, hi):
        # a pair holds whole double quotations or none: marks inside a double
        # quotation's content were paired above, with that content only
        q = _Open(a, pieces=[(a.end, b.start)], close_mark=b)
        for d in doubles_here[bisect_left(opens, a.end):bisect_left(opens, b.start)]:
            if d.close_mark is not None and d.close_mark.end <= b.start:
                q.nested.extend(d.pieces)
                d.pieces = []  # absorbed: ‘He said “no” to me,’ she said
        top.append(q)
    return top


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text``, in order of start."""
    found: list[_Open] = []
    pending: _Open | None = None
    for lo, hi in paragraphs(text):
        marks = marks_in(text, lo, hi)
        done, pending, demoted, regions = _double_pass(text, lo, hi, marks, pending)
        found.extend(done)
        singles = sorted([m for m in marks if m.glyph in SINGLE_MARKS] + demoted,
                         key=lambda m: m.start)
        here = [q for q in (*done, pending) if q is not None and q.open_mark.start >= lo]
        found.extend(_paragraph_singles(text, lo, hi, singles, regions, here))
    if pending is not None:
        found.append(pending)
    results = [q for q in (_quoted(text, o) for o in found) if q is not None]
    return sorted(results, key=lambda q: q.start)


__all__ = ["Mark", "Quoted", "find_quoted", "is_quote_mark", "marks_in", "paragraphs", "stripped"]
