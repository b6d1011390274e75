"""The span scorer's network: an MLP over a candidate's pooled vectors and rule numbers.

Inputs (``spans.candidate_inputs``) are standardised with the train split's mean and
spread (fixed buffers), go through one hidden layer, and give one logit: how likely the
candidate is a gold attribution. The rule numbers (``spans.SCALARS``, the last columns)
also reach the output directly, so the rules' own ranking is one weight away.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from newsgraph.nlp.accurate.spans import SCALARS

SCORER_FILE = "accurate_spans.safetensors"


class SpanScorer(nn.Module):
    def __init__(self, width: int, hidden: int = 64, dropout: float = 0.3) -> None:
        super().__init__()
        self.sizes = {"width": width, "hidden": hidden, "dropout": dropout}
        self.register_buffer("mean", torch.zeros(width))
        self.register_buffer("scale", torch.ones(width))
        self.drop_in = nn.Dropout(dropout)
        self.hidden = nn.Linear(width, hidden)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(hidden + len(SCALARS), 1)

    def set_scaling(self, x: np.ndarray) -> None:
        self.mean.copy_(torch.from_numpy(x.mean(axis=0).astype(np.float32)))
        self.scale.copy_(torch.from_numpy(np.maximum(x.std(axis=0), 1e-3).astype(np.float32)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = (x - self.mean) / self.scale
        h = self.drop(torch.relu(self.hidden(self.drop_in(z))))
        return self.out(torch.cat([h, z[:, -len(SCALARS):]], dim=-1)).squeeze(-1)


def scorer_probs(scorer: SpanScorer, inputs: np.ndarray) -> np.ndarray:
    """Keep probabilities [candidates] for one article's ``candidate_inputs``."""
    if not len(inputs):
        return np.zeros(0, dtype=np.float32)
    scorer.eval()
    with torch.inference_mode():
        return torch.sigmoid(scorer(torch.from_numpy(np.asarray(inputs, np.float32)))).numpy()


def save_scorer(scorer: SpanScorer, path: str | Path, threshold: float,
                about: dict[str, Any]) -> Path:
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().to(torch.float16).contiguous()
               for k, v in sorted(scorer.state_dict().items())}
    save_file(tensors, str(path), metadata={
        "sizes": json.dumps(scorer.sizes, sort_keys=True), "threshold": str(threshold),
        "about": json.dumps(about, sort_keys=True)})
    return path


def load_scorer(path: str | Path) -> tuple[SpanScorer, float, dict[str, Any]]:
    from safetensors import safe_open
    from safetensors.torch import load_file

    with safe_open(str(path), framework="pt") as handle:
        meta = handle.metadata() or {}
    scorer = SpanScorer(**json.loads(meta["sizes"]))
    scorer.load_state_dict({k: v.float() for k, v in load_file(str(path)).items()})
    scorer.eval()
    return scorer, float(meta["threshold"]), json.loads(meta.get("about", "{}"))
