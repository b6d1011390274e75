"""Shared fixtures: the spaCy pipeline (loaded once) and the ../shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline as the analyser runs it (its tokenizer, paragraphs that
    start sentences), loaded once for the whole test session."""
    from newsgraph.nlp.pipeline import load_pipeline, model_name

    return load_pipeline(model_name())


@pytest.fixture(scope="session")
def corpora() -> Path:
    """../shared/corpora, or a skip with the reason when it is absent."""
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent: the shared corpora sit beside the repository")
    return CORPORA


@pytest.fixture(scope="session")
def analyzer():
    from newsgraph.nlp.pipeline import Analyzer

    return Analyzer()
