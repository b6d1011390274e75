"""Timelines: dates of mixed granularity in honest order, a quotation's own date, roles
collapsed into spans, events from the sentences that name the entity.

The rows are invented, shaped as the store gives them.
"""

from __future__ import annotations

import pytest

from newsgraph.resolve import timeline as tl

TEXT = ("The union's leader, Maria Olsen, said on Tuesday that talks had failed. "
        "Ms Olsen was elected in June 2021. The port reopened on 3 March.")


def quote(article: str, start: int, end: int, cue: tuple[int, int] | None,
          published: str | None = "2024-02-08", text: str = "talks had failed") -> dict:
    return {"article_id": article, "start": start, "end": end, "spans": [[start, end]],
            "cue_text": "said" if cue else None, "cue_start": cue[0] if cue else None,
            "cue_end": cue[1] if cue else None, "published": published, "text": text,
            "kind": "indirect"}


def time(start: int, end: int, value: str, kind: str = "DATE") -> dict:
    return {"article_id": "a1", "text": TEXT[start:end], "start": start, "end": end,
            "type": kind, "value": value}


def role(title: str, org: str | None, published: str | None, qualifier: str | None = None,
         date: str | None = None, article: str = "a1") -> dict:
    return {"title": title, "organisation": org, "qualifier": qualifier, "date": date,
            "published": published, "article_id": article, "start": 0, "end": 5,
            "evidence": title}


@pytest.mark.parametrize("values, ordered", [
    (["2018-06-20", "2018-06", "2018"], ["2018", "2018-06", "2018-06-20"]),
    (["2019-03", None, "2018-07-02"], ["2018-07-02", "2019-03", None]),
    (["XXXX-06", "2018-01"], ["2018-01", "XXXX-06"]),  # a month without its year is undated
])
def test_timeline_sort_key_orders_granularities_honestly(values, ordered) -> None:
    assert sorted(values, key=tl.sort_key) == ordered


@pytest.mark.parametrize("value, expected", [
    ("2018", "year"), ("2018-06", "month"), ("2018-06-20", "day"),
    ("P3W", None), ("XXXX-06", None), ("PRESENT_REF", None), (None, None),
])
def test_timeline_granularity(value, expected) -> None:
    assert tl.granularity(value) == expected


def test_timeline_quote_takes_the_date_beside_its_cue() -> None:
    start = TEXT.index("talks")
    cue = TEXT.index("said")
    q = quote("a1", start, start + len("talks had failed"), (cue, cue + 4))
    tuesday = TEXT.index("Tuesday")
    assert tl.quote_date(q, [time(tuesday, tuesday + 7, "2024-02-06")]) == (
        "2024-02-06", "explicit")


def test_timeline_quote_without_a_near_date_takes_publication() -> None:
    start = TEXT.index("talks")
    cue = TEXT.index("said")
    q = quote("a1", start, start + 16, (cue, cue + 4))
    march = TEXT.index("3 March")
    far = time(march, march + 7, "2024-03-03")  # another sentence, out of the cue's reach
    assert tl.quote_date(q, [far]) == ("2024-02-08", "published")


def test_timeline_a_date_inside_the_quotation_is_not_its_date() -> None:
    text_start = 10
    q = quote("a1", text_start, text_start + 40, (0, 4))
    inside = {"article_id": "a1", "text": "Monday", "start": 20, "end": 26, "type": "DATE",
              "value": "2024-02-05"}
    assert tl.quote_date(q, [inside]) == ("2024-02-08", "published")


def test_timeline_roles_collapse_into_one_span_per_title_and_organisation() -> None:
    rows = [role("chair", "Jewish Labour Movement", "2018-07-02"),
            role("chair", "JLM", "2019-03-10"),
            role("chair", "Jewish Labour Movement", "2018-06-20", date="2018-06")]
    spans = tl.role_spans(rows, {"JLM": "Jewish Labour Movement"})
    assert len(spans) == 1
    assert (spans[0]["from"], spans[0]["to"]) == ("2018-06", "2019-03-10")
    assert len(spans[0]["evidence"]) == 3
    assert tl.span_text(spans[0]) == "chair of Jewish Labour Movement: 2018-06 - 2019-03-10 (1 article)"


def test_timeline_different_organisations_stay_different_spans() -> None:
    spans = tl.role_spans([role("chair", "Harbour Users Association", "2024-03-04"),
                           role("chair", "Civic Society", "2024-03-20")])
    assert [s["organisation"] for s in spans] == ["Harbour Users Association", "Civic Society"]


def test_timeline_a_former_title_is_not_a_current_span() -> None:
    spans = tl.role_spans([role("defence minister", None, "2018-07-02", qualifier="former")])
    assert spans[0]["only_former"] and spans[0]["former_by"] == "2018-07-02"
    assert tl.span_text(spans[0]).startswith("defence minister: former")


def test_timeline_events_come_from_sentences_that_mention_the_entity() -> None:
    june = TEXT.index("June 2021")
    march = TEXT.index("3 March")
    mention = TEXT.index("Ms Olsen")
    times = {"a1": [time(june, june + 9, "2021-06"), time(march, march + 7, "2024-03-03")]}
    events = tl.event_entries([{"article_id": "a1", "start": mention, "end": mention + 8}],
                              times, {"a1": TEXT})
    assert [(e.date, e.text) for e in events] == [("2021-06", "Ms Olsen was elected in June 2021.")]


def test_timeline_build_orders_entries_and_reports_first_and_last_seen() -> None:
    articles = [{"id": "a2", "published": "2024-03-01", "title": "Later"},
                {"id": "a1", "published": "2024-02-08", "title": "Earlier"}]
    start = TEXT.index("talks")
    data = tl.build("Maria Olsen", [quote("a1", start, start + 16, None)],
                    [role("leader", "Harbour Workers Guild", "2024-02-08")], [], articles, {}, {})
    assert (data["first_seen"], data["last_seen"]) == ("2024-02-08", "2024-03-01")
    dates = [e["date"] for e in data["entries"]]
    assert dates == sorted(dates, key=tl.sort_key)
    assert {e["kind"] for e in data["entries"]} == {"quote", "role", "first_seen", "last_seen"}
