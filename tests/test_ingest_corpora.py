"""The readers on the shared corpora (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import read_paths
from newsgraph.model import Article, ReadError, ReadWarning

pytestmark = pytest.mark.shared


def read_all(*paths: Path) -> list[Article | ReadWarning | ReadError]:
    return list(read_paths(list(paths)))


def brat_spans(ann: Path, label: str) -> list[tuple[list[tuple[int, int]], str]]:
    """(pieces, quoted text) of each ``T`` line with ``label`` in a brat .ann file."""
    found = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, middle, quoted = line.split("\t", 2)
        kind, _, offsets = middle.partition(" ")
        if kind == label:
            pieces = [tuple(map(int, part.split())) for part in offsets.split(";")]
            found.append((pieces, quoted))
    return found


def first_annotation(folder: Path, stem: str) -> Path:
    """The first annotator's file of an article, in sorted order (as the README says)."""
    return sorted((folder / "attributions").glob(f"{stem}_*.ann"))[0]


def test_ingest_seeds_read_byte_exact(corpora: Path) -> None:
    items = read_all(corpora / "seeds")
    files = sorted((corpora / "seeds").glob("*.txt"))
    assert [type(item) for item in items] == [Article] * len(files) and files
    for article, path in zip(items, files, strict=True):
        assert article.text == path.read_bytes().decode("utf-8")
        assert (article.id, article.path) == (path.stem, str(path))


def test_ingest_afp_jsonl_headers(corpora: Path) -> None:
    items = read_all(corpora / "afp-xinhua-newswire.jsonl")
    stories = [item for item in items if isinstance(item, Article)]
    assert len(stories) == len(items) == 2452
    assert {a.source for a in stories} == {"AFP", "Xinhua"}
    assert all(a.published and "1997-01-01" <= a.published <= "2006-12-31" for a in stories)
    assert sum(1 for a in stories if a.title) >= 2450
    assert len({a.id for a in stories}) == 2452


def test_ingest_polnear_dev_metadata_and_whole_text(corpora: Path) -> None:
    folder = corpora / "polnear" / "dev" / "text"
    items = read_all(folder)
    stories = [item for item in items if isinstance(item, Article)]
    assert len(stories) == len(items) == len(list(folder.glob("*.txt")))
    for article in stories:
        assert article.title and article.source and article.meta["compartment"] == "dev"
        assert article.published and article.id.split("_")[1] == article.published
        assert article.text == Path(article.path).read_text(encoding="utf-8")


@pytest.mark.parametrize("split", ["dev", "train"])
def test_ingest_polnear_annotation_offsets_slice_text(corpora: Path, split: str) -> None:
    folder = corpora / "polnear" / split
    texts = sorted((folder / "text").glob("*.txt"))
    if split == "train":  # a sample, and every file with a byte-order mark inside its text
        texts = texts[::20] + [t for t in texts if "\ufeff" in t.read_text(encoding="utf-8")]
    checked = 0
    for article in read_paths(texts):
        assert isinstance(article, Article), article
        for pieces, quoted in brat_spans(first_annotation(folder, article.id), "Content"):
            assert " ".join(article.text[start:end] for start, end in pieces) == quoted
            checked += 1
    assert checked > 100
