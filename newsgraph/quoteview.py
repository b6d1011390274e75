"""How a listed quotation is shown to a person, the same in the CLI and on the web pages:
how its speaker was found ("via 'he', pronoun, previous paragraph, speaker 0.60"), its words
with only those inside the article's own quotation marks shown as quoted, and which modes a
listing keeps by default (speech).

Rows are flat quote listings (``Store.quotes``); ``flat_quote`` turns an article record's
nested quotation (``Quote.to_dict``) into one.
"""

from __future__ import annotations

from typing import Any

QUOTE_WIDTH = 300  # characters of a quotation shown without --full
# Below this speaker confidence a listing says how sure the speaker is.
SURE_SPEAKER = 0.7
QUOTE_CHARS = "\"'“”‘’«»„‟‚‛`"
# How a listing says that a speaker did not assert what follows.
POLARITY_WORDS = {"denied": "DENIED", "not_confirmed": "NOT CONFIRMED",
                  "refused": "DECLINED TO SAY"}
# What a listing keeps when no mode is named, and the word that keeps every mode.
DEFAULT_MODES = ("speech",)
ALL_MODES = "all"


def speaker_evidence(row: dict) -> str | None:
    """How the speaker of a listed quotation was found, as "via 'he', pronoun, previous
    paragraph, speaker 0.60": the words as written (when they do not hold the name), how they
    were resolved and tied (when not plainly), and the speaker confidence when below SURE_SPEAKER.
    None when there is nothing to add to the name."""
    parts = []
    mention, name = row.get("speaker_mention"), row.get("speaker_name")
    if mention and name and mention != name and row.get("speaker_resolved") != "name":
        parts.append(f"via '{mention}'")  # not when it holds the name ('Senator Jane Roe')
    if row.get("speaker_resolved") not in (None, "name", "description"):
        parts.append(str(row["speaker_resolved"]))
    if row.get("speaker_via") not in (None, "tag", "reporting verb"):
        parts.append(str(row["speaker_via"]))
    confidence = row.get("speaker_confidence")
    if confidence is not None and confidence < SURE_SPEAKER:
        parts.append(f"speaker {confidence:.2f}")
    return ", ".join(parts) or None


def text_pieces(row: dict) -> list[tuple[str, bool]]:
    """The quotation's words as (text, verbatim) pieces: a direct quotation is one verbatim
    piece; a partial or reported one is the paraphrase it is, with only the stretches inside
    the article's own quotation marks (``verbatim``) verbatim, their marks dropped."""
    text = row.get("text", "")
    if row.get("kind") == "direct" or row.get("verbatim") is None:
        return [(text, row.get("kind") == "direct")]
    return verbatim_pieces(text, row.get("spans") or [[row["start"], row["end"]]],
                           row["verbatim"])


def shown_text(row: dict, full: bool = False) -> str:
    """The quotation's words as listed: a direct quotation between “ ”; a partial or
    reported one as the paraphrase it is, with only the words inside the article's own
    quotation marks (``verbatim``) between “ ”. Cut at QUOTE_WIDTH unless ``full``."""
    text = row.get("text", "")
    if row.get("kind") == "direct" or row.get("verbatim") is None:
        if not full and len(text) > QUOTE_WIDTH:
            text = text[:QUOTE_WIDTH - 3] + "..."
        return f"“{text}”" if row.get("kind") == "direct" else text
    shown = marked_verbatim(text, row.get("spans") or [[row["start"], row["end"]]],
                            row["verbatim"])
    if not full and len(shown) > QUOTE_WIDTH:
        shown = shown[:QUOTE_WIDTH - 3] + "..."
    return shown


def marked_verbatim(text: str, spans: list, verbatim: list) -> str:
    """``text`` (the pieces ``spans`` joined by a space) with the stretches ``verbatim``
    (article offsets) set between “ ” and the article's own marks around them dropped."""
    return "".join(f"“{t}”" if v else t for t, v in verbatim_pieces(text, spans, verbatim))


def verbatim_pieces(text: str, spans: list, verbatim: list) -> list[tuple[str, bool]]:
    """``text`` (the pieces ``spans`` joined by a space) as (text, verbatim) pieces: the
    stretches ``verbatim`` (article offsets) without the article's marks around them, and the
    narration between them. Blank ends are dropped."""
    out: list[tuple[str, bool]] = []
    at = 0  # where each piece starts in ``text``
    for start, end in spans:
        piece = text[at:at + end - start]
        inner = sorted((max(s, start) - start, min(e, end) - start) for s, e in verbatim
                       if s < end and e > start)
        cut = 0
        for lo, hi in inner:  # the narration between marked stretches, without their marks
            between = piece[cut:lo]
            out.append(((between.lstrip(QUOTE_CHARS) if cut else between).rstrip(QUOTE_CHARS),
                        False))
            out.append((piece[lo:hi].strip(QUOTE_CHARS), True))
            cut = hi
        out.append((piece[cut:].lstrip(QUOTE_CHARS) if cut else piece, False))
        out.append((" ", False))
        at += end - start + 1
    joined: list[tuple[str, bool]] = []
    for chunk, verbatim_part in out:  # narration pieces side by side are one
        if joined and not verbatim_part and not joined[-1][1]:
            joined[-1] = (joined[-1][0] + chunk, False)
        elif chunk or verbatim_part:
            joined.append((chunk, verbatim_part))
    if joined and not joined[0][1]:
        joined[0] = (joined[0][0].lstrip(), False)
    if joined and not joined[-1][1]:
        joined[-1] = (joined[-1][0].rstrip(), False)
    return [(t, v) for t, v in joined if t or v]


def quote_modes(modes: tuple[str, ...] | list[str] | None) -> list[str] | None:
    """The modes a listing keeps: speech when none is named, every one (None) for 'all'."""
    if not modes:
        return list(DEFAULT_MODES)
    return None if ALL_MODES in modes else list(modes)


def flat_quote(quote: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An article record's quotation (``Quote.to_dict``: speaker nested) as a flat listing
    row with the ``speaker_*`` keys these helpers read; ``extra`` added (article_id ...)."""
    speaker = quote.get("speaker") or {}
    mention = speaker.get("mention") or {}
    return {**quote, "speaker_name": speaker.get("name"),
            "speaker_description": speaker.get("description"),
            "speaker_mention": mention.get("text"), "speaker_principal": speaker.get("principal"),
            "speaker_resolved": speaker.get("resolved"), **extra}
