"""Quote groups: an unnamed source described as the named speaker of another report
("a ministry spokesman" / "Foreign Ministry spokesman John Carter"), and two unnamed
sources described differently ("police" / "a police spokesman").

The sentences and articles are invented in the style of wire copy (no corpus text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbcheck import ingested

from newsgraph.resolve import quotes as rq


@pytest.mark.parametrize("a, b, agree", [
    ("police", "a police spokesman", True),
    ("the ministry", "a senior ministry official", True),
    ("a hospital official", "the hospital", True),
    ("a hospital official", "hospital staff", False),  # two roles of one institution
    ("police", "witnesses", False),            # two different kinds of source
    ("sources", "police sources", False),      # a vague head fits no one
    ("a ministry official", None, False),
])
def test_described_two_unnamed_descriptions(a: str, b: str | None, agree: bool) -> None:
    assert rq.descriptions_agree(a, b) is agree


@pytest.mark.parametrize("description, person, named, fits", [
    ("a ministry spokesman", True, "Foreign Ministry spokesman John Carter said", True),
    ("the minister", True, "John Carter Foreign Minister", True),
    ("the ministry", False, "Interior Ministry", True),
    ("an opposition leader", True, "Foreign Ministry spokesman John Carter said", False),
    ("ministry officials", True, "Foreign Ministry official John Carter", False),  # plural
    ("diplomatic sources", True, "John Carter, a source close to the talks", False),  # vague
    ("he", True, "John Carter said", False),
])
def test_described_description_fits_a_named_speaker(
    description: str, person: bool, named: str, fits: bool
) -> None:
    assert rq.description_fits(description, person, named) is fits


def test_described_statement_needs_most_of_both() -> None:
    def sim(a: str, b: str) -> rq.Similarity:
        return rq.similarity(a, rq.content_words(a), b, rq.content_words(b))

    same = sim("the nuclear talks would resume in Geneva next month after a pause of two years",
               "the nuclear talks would resume in Geneva next month after a two-year pause")
    assert rq.described_statement(same)
    assert not rq.same_statement(same, False, rq.POSSIBLY)  # not without the description
    assert rq.same_statement(same, False, rq.DESCRIBED)
    topic = sim("the nuclear talks would resume in Geneva next month after a pause of two years",
                "the talks in Geneva last year ended without a deal on the nuclear programme")
    assert not rq.described_statement(topic)


ARTICLES = [
    {"id": "talks-1", "published": "2006-11-20", "source": "Agency A",
     "title": "Nuclear talks to resume",
     "text": "Foreign Ministry spokesman John Carter said the nuclear talks would resume in "
             "Geneva next month after a pause of two years, with both delegations at the "
             "table. He gave no date."},
    {"id": "talks-2", "published": "2006-11-21", "source": "Agency B",
     "title": "Talks back on",
     "text": "A ministry spokesman said the nuclear talks would resume in Geneva next month "
             "after a two-year pause. The announcement surprised diplomats."},
    {"id": "talks-3", "published": "2006-11-21", "source": "Agency C",
     "title": "Opposition doubts the talks",
     "text": "An opposition leader said the nuclear talks would resume in Geneva next month "
             "after a two-year pause. He doubted they would succeed."},
]


@pytest.fixture(scope="module")
def described_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("quotes-described"), ARTICLES)


def test_described_stage_links_the_spokesman_not_the_opposition(described_db: Path) -> None:
    """The ministry spokesman's statement joins John Carter's (he is a Foreign Ministry
    spokesman); the same words from an opposition leader join neither."""
    from newsgraph.library import Newsgraph

    with Newsgraph(described_db) as ng:
        groups = list(ng.export_cross("quote_groups"))
    members = [sorted(q["article"] for q in g["quotes"]) for g in groups]
    assert ["talks-1", "talks-2"] in members
    assert not any("talks-3" in m for m in members)
