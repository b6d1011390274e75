"""Which candidates for reported speech are attributions: a small learned model.

The cue rules in ``quotes`` find every verb, noun or phrase that *may* report what someone
said or thinks, with its source and content from the parse. Whether such a candidate is a
report depends on more than its word: "she hopes the deal holds" is one, "the deal holds
hopes for growth" is not. ``AttributionModel`` weighs a candidate by a logistic model over
features of its parse: the cue's lemma and part of speech, how the content hangs off the
cue, the word the cue hangs off, what kind of words name the source, negation and
modality, where the candidate stands against the quotations found (``Candidate.context``)
and a few combinations. Beside the logistic part, a small hidden layer (16 rectified
units over the same features) lets features combine in ways no single weight can; only
the rows of the features present are summed, so a candidate costs one small gather. Names
never become features: the source counts only by its entity type or its common-noun head,
and any name-like word (``looks_like_name``) reads as NAME, so a model cannot learn who
tends to be quoted.

Weights are learned by ``newsgraph train-attribution`` (``newsgraph.evaluate.attribution``)
from PolNeAR's train split and ship with the package (``newsgraph/data``). Without a
weights file the model keeps exactly the candidates of the hand-written lexicon.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import lexicon as lx
from newsgraph.nlp.base import doc_text

MODEL_FILE = "attribution_model.json"
CAPITALISED_KEY = "newsgraph.capitalised"
QUOTED_KEY = "newsgraph.quoted_sentences"
QUOTE_CHARS = lx.QUOTE_CHARS
# Kinds of candidate from outside the lexicon ('open' verbs, stance 'target's): only learned
# weights keep them, and they never claim a quotation.
UNCLAIMING = frozenset({"open", "target"})
# Parts of speech whose first word of content is a feature as it stands ('that', 'to',
# 'if', 'the'); open-class words count by their part of speech alone.
CLOSED_CLASSES = frozenset({"SCONJ", "PART", "ADP", "DET", "PRON", "AUX", "CCONJ", "ADV"})
# Dependents of the cue worth noting as present ('told reporters', 'accused him of').
HELD_DEPS = frozenset({"dobj", "dative", "xcomp", "ccomp", "agent", "prt", "advcl"})
# Links to a head whose lemma says what frame the cue sits in ('continued to portray').
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"})
# Coarse kinds of source, combined with the cue's lemma.
PERSON_TYPES = frozenset({"PERSON"})
GROUP_TYPES = frozenset({"ORG", "NORP", "GPE"})


def looks_like_name(tok: Token) -> bool:
    """A proper noun, a word inside a named entity, or a capitalised word inside its
    sentence or that the article writes capitalised inside a sentence elsewhere: the
    tagger calls some names verbs or nouns ('Trump' as a verb)."""
    if tok.pos_ == "PROPN" or tok.ent_type_:
        return True
    return tok.is_title and (tok.i != tok.sent.start or tok.text in capitalised_words(tok.doc))


def capitalised_words(doc: Doc) -> frozenset[str]:
    """Words the article capitalises inside a sentence or tags as names (cached)."""
    words = doc.user_data.get(CAPITALISED_KEY)
    if words is None:
        words = frozenset(t.text for t in doc if t.is_title and (
            t.pos_ == "PROPN" or t.ent_type_ or t.i != t.sent.start))
        doc.user_data[CAPITALISED_KEY] = words
    return words


# Token texts that count as quotation marks: any stretch of ``QUOTE_CHARS`` ('"', "''").
QUOTE_TOKENS = frozenset(QUOTE_CHARS[i:j] for i in range(len(QUOTE_CHARS))
                         for j in range(i + 1, len(QUOTE_CHARS) + 1))


def quoted_sentences(doc: Doc) -> frozenset[int]:
    """The words of the sentences that have a quotation mark among their tokens (cached;
    read from the parse's arrays, once per article)."""
    words = doc.user_data.get(QUOTED_KEY)
    if words is None:
        arr = doc.to_array([ORTH, SENT_START])
        marks = np.array([doc.vocab.strings[t] for t in QUOTE_TOKENS], dtype=np.uint64)
        sentence = np.cumsum(arr[:, 1].astype(np.int64) == 1)  # its sentence's number
        quoted = np.unique(sentence[np.isin(arr[:, 0], marks)])
        words = frozenset(np.flatnonzero(np.isin(sentence, quoted)).tolist())
        doc.user_data[QUOTED_KEY] = words
    return words


def word_of(tok: Token) -> str:
    """A word as a feature: its lemma (with the parser's known slips mended), or NAME."""
    if looks_like_name(tok):
        return "NAME"
    return lx.LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def lexicon_class(lemma: str) -> str:
    if lemma in lx.SPEECH_VERBS:
        return "speech"
    if lemma in lx.COGNITION_VERBS:
        return "cognition"
    if lemma in lx.CONTENT_ONLY_VERBS:
        return "content"
    return "none"


def source_kind(speaker: Span | None) -> tuple[str, str]:
    """A coarse kind of source (for combinations) and a finer one, never its name."""
    if speaker is None or not len(speaker):
        return "none", "none"
    root = speaker.root
    if root.pos_ == "PRON":
        return "pron", f"pron:{root.lower_}"
    if root.ent_type_ in PERSON_TYPES:
        return "person", "person"
    if root.ent_type_ in GROUP_TYPES:
        return "group", f"ent:{root.ent_type_}"
    if root.ent_type_:
        return "other", f"ent:{root.ent_type_}"
    if root.pos_ == "NOUN":
        return "noun", f"noun:{word_of(root)}"
    if root.pos_ == "PROPN":
        return "propn", "propn"
    return "other", f"pos:{root.pos_}"


def content_link(cue: Token, start: int) -> str:
    """The dependency under the cue that holds the content, or where the content lies."""
    for child in cue.children:
        lo = child.left_edge.idx
        hi = child.right_edge.idx + len(child.right_edge.text)
        if lo <= start < hi:
            return child.dep_
    return "before" if start < cue.idx else "after"


def content_words(cue: Token, content: Sequence[tuple[int, int]]) -> Span | None:
    """The words from the content's start to its end (one lookup, shared by the features)."""
    if not content:
        return None
    span = cue.doc.char_span(content[0][0], content[-1][1], alignment_mode="expand")
    return span if span is not None and len(span) else None


def first_word(words: Span | None) -> str:
    if words is None:
        return "?"
    tok = words[0]
    return tok.lower_ if tok.pos_ in CLOSED_CLASSES else f"pos:{tok.pos_}"


def length_bucket(words: int) -> str:
    for limit in (1, 3, 7, 15, 30):
        if words <= limit:
            return str(limit)
    return "more"


def features(
    cue: Token, speaker: Span | None, content: Sequence[tuple[int, int]], how: str,
    context: Sequence[str] = (),
) -> list[str]:
    """The features of one candidate (strings; the model's weights are keyed by them)."""
    lemma = word_of(cue)
    coarse, fine = source_kind(speaker)
    start = content[0][0] if content else cue.idx
    link = content_link(cue, start)
    whole = content_words(cue, content)
    if len(content) == 1:
        words = len(whole) if whole is not None else 0
    else:
        words = sum(len(cue.doc.char_span(s, e, alignment_mode="expand") or ())
                    for s, e in content)
    head_dep = "ROOT" if cue.head.i == cue.i else cue.head.dep_
    feats = [
        f"how={how}", f"lem={lemma}", f"lex={lexicon_class(lemma)}", f"tag={cue.tag_}",
        f"dep={cue.dep_}", f"hdep={head_dep}", f"link={link}",
        f"first={first_word(whole)}", f"len={length_bucket(words)}",
        f"src={coarse}", f"srcf={fine}",
        f"lem|link={lemma}|{link}", f"lem|src={lemma}|{coarse}", f"lem|tag={lemma}|{cue.tag_}",
        f"lem|dep={lemma}|{cue.dep_}", f"link|src={link}|{coarse}",
    ]
    for child in cue.children:
        if child.dep_ == "neg":
            feats.append("neg")
        elif child.tag_ == "MD":
            feats.append(f"modal={child.lower_}")
        elif child.dep_ in {"nsubjpass", "auxpass"}:
            feats.append("passive")
        elif child.dep_ == "mark":
            feats.append(f"mark={child.lower_}")
        elif child.dep_ == "prep":
            feats += [f"prep={child.lower_}", f"lem|prep={lemma}|{child.lower_}"]
        if child.dep_ in HELD_DEPS:
            feats.append(f"has={child.dep_}")
    if cue.dep_ in CLAUSE_DEPS and cue.head.i != cue.i:
        feats.append(f"hlem={word_of(cue.head)}")
    if speaker is not None and len(speaker) and speaker.root.tag_ in {"NNS", "NNPS"}:
        feats.append("src-plural")
    root = whole.root if whole is not None else None
    if root is not None:
        feats.append(f"ctag={root.tag_}")
        if any(c.tag_ == "MD" for c in root.children):
            feats.append("c-modal")
    if cue.i in quoted_sentences(cue.doc):
        feats.append("sent-quoted")
    feats.extend(f"ctx={c}" for c in context)
    feats.extend(f"lex|ctx={lexicon_class(lemma)}|{c}" for c in context)
    text = doc_text(cue.doc)
    if any(text[s] in QUOTE_CHARS or text[e - 1] in QUOTE_CHARS for s, e in content if e > s):
        feats.append("quoted-edge")
    return feats


@dataclass(frozen=True)
class AttributionModel:
    """A logistic model over ``features``; ``keeps`` compares its probability with
    ``threshold``. With no weights at all, it keeps the lexicon's candidates only.

    ``hidden`` (optional) adds a layer of rectified units: feature -> its weight into each
    unit, ``hidden_bias`` the units' biases and ``output`` each unit's weight in the logit
    (all empty for a purely logistic model, as older model files are)."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    about: dict[str, object] = field(default_factory=dict)
    hidden: dict[str, tuple[float, ...]] = field(default_factory=dict)
    hidden_bias: tuple[float, ...] = ()
    output: tuple[float, ...] = ()
    # ``hidden`` as a matrix (its rows by feature, then the units' biases), for ``logit``
    _rows: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _matrix: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)
    _output: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.output:
            return
        names = sorted(self.hidden)
        rows = [self.hidden[f] for f in names] + [self.hidden_bias]
        matrix = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.output))
        object.__setattr__(self, "_rows", {f: i for i, f in enumerate(names)})
        object.__setattr__(self, "_matrix", matrix)
        object.__setattr__(self, "_output", np.asarray(self.output, dtype=np.float64))

    @property
    def learned(self) -> bool:
        return bool(self.weights) or bool(self.output)

    def logit(self, feats: Sequence[str]) -> float:
        """The bias, the weights of ``feats`` and, if any, the hidden units' share."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if self._matrix is not None and self._output is not None:
            rows = [self._rows[f] for f in feats if f in self._rows]
            rows.append(len(self._rows))  # the units' biases
            units = self._matrix[rows].sum(axis=0)
            z += float(np.maximum(units, 0.0) @ self._output)
        return z

    def probability(self, feats: Sequence[str]) -> float:
        z = self.logit(feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(
        self, cue: Token, speaker: Span | None, content: Sequence[tuple[int, int]], how: str,
        context: Sequence[str] = (),
    ) -> bool:
        if not self.learned:  # the lexicon's candidates, outside the quotations found
            return how not in UNCLAIMING and not any(c.startswith("inside:") for c in context)
        feats = features(cue, speaker, content, how, context)
        return self.probability(feats) >= self.threshold

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"bias": self.bias, "threshold": self.threshold,
                                   "about": self.about,
                                   "weights": dict(sorted(self.weights.items()))}
        if self.output:
            data["hidden_bias"] = list(self.hidden_bias)
            data["output"] = list(self.output)
            data["hidden"] = {f: list(row) for f, row in sorted(self.hidden.items())}
        return data

    @classmethod
    def from_json(cls, data: dict) -> AttributionModel:
        """A model from ``to_json``'s dict; files without a hidden layer read as logistic."""
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()},
                   bias=float(data["bias"]), threshold=float(data["threshold"]),
                   about=dict(data.get("about", {})),
                   hidden={str(k): tuple(float(x) for x in row)
                           for k, row in data.get("hidden", {}).items()},
                   hidden_bias=tuple(float(x) for x in data.get("hidden_bias", ())),
                   output=tuple(float(x) for x in data.get("output", ())))


LEXICON_ONLY = AttributionModel()


def load_model(path: str | Path) -> AttributionModel:
    return AttributionModel.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


# A list of numbers as ``json.dumps(indent=0)`` writes it: one number a line.
NUMBER_LIST = re.compile(r"\[\n([-+0-9.eE,\n]*)\n\]")


def model_text(model: AttributionModel) -> str:
    """The model as its file holds it: UTF-8 JSON, one entry a line (a hidden row's numbers
    on its line), keys in a fixed order (weights sorted), so that the same training writes
    the same bytes."""
    text = json.dumps(model.to_json(), ensure_ascii=False, indent=0)
    return NUMBER_LIST.sub(lambda m: "[" + m.group(1).replace("\n", "") + "]", text) + "\n"


def save_model(model: AttributionModel, path: str | Path) -> Path:
    """Write ``model`` to ``path`` (folders made as needed); the path written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model_text(model).encode("utf-8"))
    return path


def packaged_path() -> Path:
    """Where the packaged model lives in the package's source (``newsgraph/data``)."""
    import newsgraph

    return Path(newsgraph.__file__).resolve().parent / "data" / MODEL_FILE


@lru_cache(maxsize=1)
def packaged_model() -> AttributionModel:
    """The model shipped in ``newsgraph/data``; the lexicon alone when there is none."""
    source = resources.files("newsgraph").joinpath("data", MODEL_FILE)
    if not source.is_file():
        return LEXICON_ONLY
    return AttributionModel.from_json(json.loads(source.read_text(encoding="utf-8")))
