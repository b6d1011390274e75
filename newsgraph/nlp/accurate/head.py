"""The small learned head of the accurate mode: a tagger over frozen encoder vectors.

Each token comes in as its encoder vector (``encoder.token_vectors``, layer-normalised)
beside the rule path's features (``features.rule_features``). A linear layer narrows them
to ``proj`` numbers, a stack of residual convolutions over the token sequence (width 3,
dilations ``DILATIONS``: each token sees about 30 tokens either side, beyond the encoder's
own window) mixes neighbours, and a linear layer gives, for each of three layers (content, cue,
source), the scores of O, B and I; the rule features are fed again to that last layer, so
the head can keep what the rules got right with a single weight.

The weights are saved as safetensors in float16 (about 0.4 MB with the default sizes),
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
DILATIONS = (1, 2, 4, 8, 1)
LAYERS = 3  # content, cue, source


class Head(nn.Module):
    """See the module notes."""

    def __init__(self, dims: int, features: int, proj: int = 128,
                 dropout: float = 0.2) -> None:
        super().__init__()
        self.sizes = {"dims": dims, "features": features, "proj": proj}
        self.norm = nn.LayerNorm(dims)
        self.proj = nn.Linear(dims + features, proj)
        self.drop = nn.Dropout(dropout)
        self.convs = nn.ModuleList(nn.Conv1d(proj, proj, 3, padding=d, dilation=d)
                                   for d in DILATIONS)
        self.out = nn.Linear(proj + features, LAYERS * TAGS)

    def forward(self, vectors: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        """Scores [batch, tokens, LAYERS, TAGS] for vectors [batch, tokens, dims] and
        features [batch, tokens, features]."""
        x = torch.cat([self.norm(vectors), features], dim=-1)
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
    head = Head(**json.loads(meta["sizes"]))
    head.load_state_dict({k: v.float() for k, v in load_file(str(path)).items()})
    head.eval()
    return head, json.loads(meta.get("about", "{}"))


def packaged_head_path() -> Path:
    """Where the packaged head lives (``newsgraph/data``)."""
    return Path(str(resources.files("newsgraph").joinpath("data", HEAD_FILE)))


@lru_cache(maxsize=1)
def packaged_head() -> tuple[Head, dict[str, Any]]:
    return load_head(packaged_head_path())
