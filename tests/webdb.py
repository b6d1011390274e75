"""A small database for the API, web and browser tests: the demo corpus plus one article
whose title, speaker and quotation carry markup (it must render as text, never run)."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo" / "articles.jsonl"
MARKUP_ID = "markup-01"
MARKUP_TITLE = "<script>window.__pwned = 1</script> Ferry <b>fares</b> to rise"
MARKUP_RECORD = {
    "id": MARKUP_ID,
    "title": MARKUP_TITLE,
    "published": "2024-05-02",
    "source": "<i>Harbour</i> Post",
    "url": "javascript:window.__pwned=2",
    "text": (
        "Ferry fares between the two islands will rise by a tenth in June, the operator said.\n"
        "Megan Trask, the operator's finance director, said the rise was needed to pay for a "
        "new engine.\n"
        "\u201cWe held fares for three years <script>window.__pwned = 3</script> and "
        "<img src=x onerror=\"window.__pwned = 4\"> we cannot hold them any longer,\u201d "
        "Ms Trask said.\n"
    ),
}


def build(db: Path) -> Path:
    """Ingest the demo corpus and the markup article into ``db``; ``db``."""
    from newsgraph.library import Newsgraph

    markup = db.parent / "markup.jsonl"
    markup.write_text(json.dumps(MARKUP_RECORD) + "\n", encoding="utf-8")
    with Newsgraph(db) as ng:
        report = ng.ingest([DEMO, markup])
    assert report.rejected == 0, report.errors
    return db
