"""The accurate mode: choosing it, loading it, and a tiny forward pass on the CPU.

The loading tests need the extras (``make install-accurate``, which ``make test`` runs);
without them they skip with the reason. No training happens here."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from newsgraph.nlp.accurate import accuracy_mode, missing_extras

ARTICLE = (
    "Harbour town votes to rebuild sea wall\n\n"
    "Councillors in Port Aldwin voted on Tuesday to rebuild the sea wall that failed in "
    "last winter's storms.\n\n"
    '"We cannot ask families to live behind a wall we know will break," said Mayor Helen '
    "Okafor, who led the campaign for the repairs.\n\n"
    "Okafor said the work would start in the spring and take two years. Opponents argued "
    "that the cost, put at 14 million pounds, would fall on a town that can ill afford it.\n"
)


@pytest.mark.parametrize("explicit, env, expected", [
    (None, None, "fast"),
    ("high", None, "high"),
    (None, "high", "high"),
    ("fast", "high", "fast"),  # the option wins over the environment
    (None, " HIGH ", "high"),
])
def test_accurate_mode_is_chosen_by_option_then_environment(monkeypatch, explicit, env,
                                                            expected):
    if env is None:
        monkeypatch.delenv("NEWSGRAPH_ACCURACY", raising=False)
    else:
        monkeypatch.setenv("NEWSGRAPH_ACCURACY", env)
    assert accuracy_mode(explicit) == expected


def test_accurate_mode_rejects_an_unknown_mode():
    with pytest.raises(ValueError, match="accuracy must be one of"):
        accuracy_mode("turbo")


@pytest.mark.slow
def test_accurate_mode_fast_path_never_loads_the_encoder():
    """The default analysis imports none of the accurate mode's model code nor transformers
    (spaCy's own thinc may import torch when it is installed: that is not ours)."""
    code = (
        "import sys\n"
        "from newsgraph.model import Article\n"
        "from newsgraph.nlp.pipeline import Analyzer\n"
        f"a = Analyzer().analyse(Article(id='x', text={ARTICLE!r}))\n"
        "assert a.quotes, 'the fast path found no quotation'\n"
        "loaded = [m for m in ('transformers', 'newsgraph.nlp.accurate.encoder',\n"
        "          'newsgraph.nlp.accurate.head') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "NEWSGRAPH_ACCURACY"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


needs_extras = pytest.mark.skipif(
    missing_extras() is not None,
    reason=f"accurate mode extras absent ({missing_extras()}); `make install-accurate`")


@pytest.mark.slow
@needs_extras
def test_accurate_mode_encoder_gives_every_word_a_vector(nlp):
    from newsgraph.nlp.accurate.encoder import LAYERS, WIDTH, token_vectors

    doc = nlp(ARTICLE)
    vectors = token_vectors(doc)
    assert vectors.shape == (len(doc), WIDTH * len(LAYERS))
    words = [t.i for t in doc if not t.is_space]
    assert np.all(np.abs(vectors[words]).sum(axis=1) > 0)
    spaces = [t.i for t in doc if t.is_space]
    assert np.all(vectors[spaces] == 0)


@pytest.mark.slow
@needs_extras
def test_accurate_mode_packaged_head_loads_and_tags(nlp):
    from newsgraph.nlp.accurate.encoder import token_vectors
    from newsgraph.nlp.accurate.features import FEATURES, rule_features
    from newsgraph.nlp.accurate.head import packaged_head, predict

    head, about = packaged_head()
    assert about["selected_on"] == "PolNeAR dev"
    doc = nlp(ARTICLE)
    probs = predict(head, token_vectors(doc), rule_features(doc, []))
    assert probs.shape == (len(doc), 3, 3)
    assert rule_features(doc, []).shape == (len(doc), FEATURES)
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0, rtol=1e-5)


@pytest.mark.slow
@needs_extras
def test_accurate_mode_analysis_reports_the_quotation_and_its_resolved_speaker():
    from newsgraph.model import Article
    from newsgraph.nlp.pipeline import Analyzer, Options

    analysis = Analyzer(Options(accuracy="high")).analyse(Article(id="x", text=ARTICLE))
    quoted = [q for q in analysis.quotes if "families to live behind a wall" in q.text]
    assert len(quoted) == 1
    assert quoted[0].speaker is not None and quoted[0].speaker.name == "Helen Okafor"
    for q in analysis.quotes:
        assert ARTICLE[q.start:q.end].startswith(q.text.split(" ")[0])
