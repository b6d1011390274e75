"""The small learned head of the accurate mode: a tagger over frozen encoder vectors.

Each token comes in as its encoder vector (``encoder.token_vectors``), brought down to
``reduced`` numbers by a fixed whitening projection (the principal components of the train
split's vectors: cheap to train over on a CPU), beside the rule path's features
(``features.rule_features``). A linear layer narrows them to ``proj`` numbers, a stack of residual convolutions over the token sequence (width 3,
dilations ``DILATIONS``: each token sees 31 tokens either side, beyond the encoder's
own window) mixes neighbours, and a linear layer gives, for each of three layers (content, cue,
source), the scores of O, B and I; the rule features are fed again to that last layer, so
the head can keep what the rules got right with a single weight.

The weights are saved as safetensors in float16 (183 KB with the default sizes, the whitening projection included),
with the sizes and what the head was trained on in the file's metadata.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

HEAD_FILE = "accurate_head.safetensors"
TAGS = 3  # O, B, I
DILATIONS = (1, 2, 4, 8, 16)
LAYERS = 3  # content, cue, source


class Head(nn.Module):
    """See the module notes."""

    def __init__(self, dims: int, features: int, reduced: int = 64, proj: int = 48,
                 dropout: float = 0.2, dilations: tuple[int, ...] = DILATIONS) -> None:
        super().__init__()
        self.sizes = {"dims": dims, "features": features, "reduced": reduced, "proj": proj,
                      "dilations": list(dilations)}
        # a fixed whitening projection of the encoder's vectors (principal components of
        # the train split's, each scaled to unit variance), set by ``set_reduction``
        self.register_buffer("mean", torch.zeros(dims))
        self.register_buffer("components", torch.zeros(dims, reduced))
        self.proj = nn.Linear(reduced + features, proj)
        self.drop = nn.Dropout(dropout)
        self.convs = nn.ModuleList(nn.Conv1d(proj, proj, 3, padding=d, dilation=d)
                                   for d in dilations)
        self.out = nn.Linear(proj + features, LAYERS * TAGS)

    def set_reduction(self, vectors: np.ndarray) -> None:
        """Fit the fixed projection on a sample of encoder vectors [n, dims]."""
        x = np.asarray(vectors, dtype=np.float64)
        mean = x.mean(axis=0)
        _, sing, vt = np.linalg.svd(x - mean, full_matrices=False)
        k = self.sizes["reduced"]
        scale = sing[:k] / np.sqrt(max(len(x) - 1, 1))
        comps = vt[:k].T / np.maximum(scale, 1e-6)
        self.mean.copy_(torch.from_numpy(mean.astype(np.float32)))
        self.components.copy_(torch.from_numpy(comps.astype(np.float32)))

    def reduce(self, vectors: torch.Tensor) -> torch.Tensor:
        return (vectors - self.mean) @ self.components

    def forward(self, vectors: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        """Scores [batch, tokens, LAYERS, TAGS] for vectors [batch, tokens, dims] and
        features [batch, tokens, features]."""
        return self.tag(self.reduce(vectors), features)

    def tag(self, reduced: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        """``forward`` from vectors already reduced (training reduces them once)."""
        x = torch.cat([reduced, features], dim=-1)
        x = self.drop(torch.relu(self.proj(x))).transpose(1, 2)  # [batch, proj, tokens]
        for conv in self.convs:
            x = x + self.drop(torch.relu(conv(x)))
        x = torch.cat([x.transpose(1, 2), features], dim=-1)
        scores = self.out(x)
        return scores.view(*scores.shape[:-1], LAYERS, TAGS)


def predict(head: Head, vectors: np.ndarray, features: np.ndarray) -> np.ndarray:
    """Tag probabilities [tokens, LAYERS, TAGS] for one article."""
    if not len(vectors):
        return np.zeros((0, LAYERS, TAGS), dtype=np.float32)
    head.eval()
    with torch.inference_mode():
        v = torch.from_numpy(np.asarray(vectors, dtype=np.float32))[None]
        f = torch.from_numpy(np.asarray(features, dtype=np.float32))[None]
        return torch.softmax(head(v, f), dim=-1)[0].numpy()


def save_head(head: Head, path: str | Path, about: dict[str, Any]) -> Path:
    """Write the head's weights (float16) and sizes to ``path``; the same weights write the
    same bytes."""
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().to(torch.float16).contiguous()
               for k, v in sorted(head.state_dict().items())}
    save_file(tensors, str(path), metadata={"sizes": json.dumps(head.sizes, sort_keys=True),
                                            "about": json.dumps(about, sort_keys=True)})
    return path


def load_head(path: str | Path) -> tuple[Head, dict[str, Any]]:
    """A head from ``save_head``'s file, in float32 and evaluation mode, and its 'about'."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    with safe_open(str(path), framework="pt") as handle:
        meta = handle.metadata() or {}
    sizes = json.loads(meta["sizes"])
    head = Head(**{**sizes, "dilations": tuple(sizes.get("dilations", DILATIONS))})
    head.load_state_dict({k: v.float() for k, v in load_file(str(path)).items()})
    head.eval()
    return head, json.loads(meta.get("about", "{}"))


def packaged_head_path() -> Path:
    """Where the packaged head lives (``newsgraph/data``)."""
    return Path(str(resources.files("newsgraph").joinpath("data", HEAD_FILE)))


@lru_cache(maxsize=1)
def packaged_head() -> tuple[Head, dict[str, Any]]:
    return load_head(packaged_head_path())
