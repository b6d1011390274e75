"""The readers: each format on small files, and every kind of bad input reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsgraph.ingest import FORMATS, common, detect_format, read_paths
from newsgraph.ingest.dates import normalise_date
from newsgraph.model import Article, ReadError, ReadWarning

STORY = (
    "The finance minister said on Tuesday that the budget would be balanced by next spring.\n"
    '"We have turned a corner," she told reporters, though critics called the figures hopeful.\n'
)

PAGE = """<!DOCTYPE html><html><head>
<title>Port strike ends after nine days | Harbour Gazette</title>
<meta name="author" content="Sam Okafor">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2019-03-04T08:15:00+01:00">
<link rel="canonical" href="https://gazette.example/news/port-strike-ends">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>Port strike ends after nine days</h1>
<p>Dock workers voted on Sunday to accept a revised pay offer, ending a strike that had left
container ships waiting off the coast for more than a week.</p>
<p>"This is a fair deal and our members have earned it," the union's regional secretary said
outside the depot, adding that night shifts would resume at once.</p>
<p>The port authority said it expected the backlog of cargo to clear by the end of the month.</p>
</article>
<footer>Copyright Harbour Gazette</footer></body></html>
"""

NAV_ONLY_PAGE = """<html><head><title>Harbour Gazette</title></head><body>
<nav><a href="/news">News</a> <a href="/sport">Sport</a> <a href="/contact">Contact</a></nav>
<footer>Copyright Harbour Gazette</footer></body></html>
"""


def read_all(*paths: str | Path, format: str | None = None) -> list:
    return list(read_paths(list(paths), format=format))


def articles(items: list) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def warnings(items: list) -> list[ReadWarning]:
    return [item for item in items if isinstance(item, ReadWarning)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- txt --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (STORY.encode(), STORY),
        (STORY.replace("\n", "\r\n").encode(), STORY.replace("\n", "\r\n")),  # CRLF kept
        (b"\xef\xbb\xbf" + STORY.encode(), STORY),  # a leading BOM is removed
        (b"  Talks resume in Geneva.  \n\n", "  Talks resume in Geneva.  \n\n"),
        (
            "Talks resume \u2014 \u201cslowly\u201d.".encode(),
            "Talks resume \u2014 \u201cslowly\u201d.",
        ),
        ("Line one\u2028still one".encode(), "Line one\u2028still one"),
    ],
)
def test_txt_reads_text_exactly_as_in_file(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    items = read_all(path)
    assert items == [Article(id="story", text=expected, path=str(path))]
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert items[0].text == handle.read()


def test_txt_cp1252_file_read_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "The caf\u00e9 owner said prices rose by \u20ac2 \u2013 a 10% jump.".encode("cp1252")
    )
    items = read_all(path)
    assert (
        articles(items)[0].text
        == "The caf\u00e9 owner said prices rose by \u20ac2 \u2013 a 10% jump."
    )
    [warning] = warnings(items)
    assert warning.where == str(path)
    assert "cp1252" in warning.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "only whitespace"),
        (b"PK\x03\x04\x00\x00binary zip body", "binary"),
        (b"\x81\x8d\x8f\x90\x9d\xff\xfe\x00", "binary"),
        (b"\x81\x8d\x8f\x90\x9d undefined in cp1252", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_txt_bad_file_is_error(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    items = read_all(path)
    assert [type(item) for item in items] == [ReadError]
    assert items[0].where == str(path)
    assert reason in items[0].reason


def test_txt_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Voters went to the polls on Thursday.".encode("utf-16"))
    items = read_all(path)
    assert articles(items)[0].text == "Voters went to the polls on Thursday."
    assert "UTF-16" in warnings(items)[0].reason


METADATA_TSV = (
    "compartment\tfilename\tpublisher\tpublication_date\tauthor\ttitle\tlevel\n"
    'dev\tmayor-quits\tcity-post\t2016-09-12\tAna Ruiz\tMayor quits over "missing" funds\t4\n'
    "dev\tstorm-warning\tNone\tsoon\tNone\tStorm warning issued\t2\n"
)


def test_txt_metadata_table_fills_header_and_keeps_text_whole(tmp_path: Path) -> None:
    (tmp_path / "metadata.tsv").write_text(METADATA_TSV, encoding="utf-8")
    folder = tmp_path / "dev" / "text"
    folder.mkdir(parents=True)
    text = "Mayor quits over missing funds\nThe mayor resigned on Monday, aides said.\n"
    (folder / "mayor-quits.txt").write_text(text, encoding="utf-8")
    [article] = read_all(folder / "mayor-quits.txt")
    assert article.text == text  # the headline line stays in the text
    assert (article.id, article.title, article.published) == (
        "mayor-quits",
        'Mayor quits over "missing" funds',
        "2016-09-12",
    )
    assert (article.source, article.author) == ("city-post", "Ana Ruiz")
    assert article.meta == {"compartment": "dev", "filename": "mayor-quits", "level": "4"}
    json.dumps(article.meta)


def test_txt_metadata_unreadable_date_warns_and_empty_cells_are_none(tmp_path: Path) -> None:
    (tmp_path / "metadata.tsv").write_text(METADATA_TSV, encoding="utf-8")
    (tmp_path / "storm-warning.txt").write_text("Forecasters issued a storm warning.", "utf-8")
    items = read_all(tmp_path)
    [article] = articles(items)
    assert (article.title, article.published, article.source, article.author) == (
        "Storm warning issued",
        None,
        None,
        None,
    )
    [warning] = warnings(items)
    assert "unreadable date 'soon'" in warning.reason


@pytest.mark.parametrize(
    ("table_name", "table", "file_name", "expected_id", "expected_title"),
    [
        (
            "metadata.csv",
            "file,title,id\nbrief.txt,Rail fares rise,art-17\n",
            "brief.txt",
            "art-17",
            "Rail fares rise",
        ),
        (
            "metadata.csv",
            'name,headline\nbrief,"Fares rise, again"\n',
            "brief.txt",
            "brief",
            "Fares rise, again",
        ),
        (
            "metadata.tsv",
            "id\ttitle\nbrief\tRail fares rise\n",
            "brief.txt",
            "brief",
            "Rail fares rise",
        ),
        ("metadata.csv", "file,title\nother.txt,Something else\n", "brief.txt", "brief", None),
    ],
)
def test_txt_metadata_key_columns(
    tmp_path: Path,
    table_name: str,
    table: str,
    file_name: str,
    expected_id: str,
    expected_title: str | None,
) -> None:
    (tmp_path / table_name).write_text(table, encoding="utf-8")
    (tmp_path / file_name).write_text("Rail fares will rise by three percent in January.", "utf-8")
    [article] = articles(read_all(tmp_path / file_name))
    assert (article.id, article.title) == (expected_id, expected_title)


def test_txt_metadata_nearest_table_wins_and_far_tables_are_ignored(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (tmp_path / "metadata.csv").write_text("file,title\nnote,Too far up\n", "utf-8")  # 4 levels
    (tmp_path / "a" / "metadata.csv").write_text("file,title\nnote,Three up\n", "utf-8")
    (deep / "note.txt").write_text("A short note on the council vote.", "utf-8")
    assert articles(read_all(deep / "note.txt"))[0].title == "Three up"
    (deep / "metadata.csv").write_text("file,title\nnote,Beside it\n", "utf-8")
    assert articles(read_all(deep / "note.txt"))[0].title == "Beside it"
    (tmp_path / "a" / "metadata.csv").unlink()
    (deep / "metadata.csv").unlink()
    assert articles(read_all(deep / "note.txt"))[0].title is None


def test_txt_metadata_without_key_column_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "metadata.csv").write_text("headline,when\nA,2019-01-01\n", "utf-8")
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text("The ferry service resumed on Friday.", "utf-8")
    items = read_all(tmp_path)
    assert len(articles(items)) == 2
    [error] = errors(items)
    assert error.where.endswith("metadata.csv")
    assert "no column naming the files" in error.reason


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-09-12", "2016-09-12"),
        ("2016-09-12T23:30:00-04:00", "2016-09-12"),  # the day as printed, not UTC
        ("2016-09-12T08:00:00Z", "2016-09-12"),
        ("2016-09-12 08:00:00", "2016-09-12"),
        ("20160912", "2016-09-12"),
        ("Tue, 01 Apr 1997 10:15:00 +0000", "1997-04-01"),
        ("1 Apr 1997 10:15:00 GMT", "1997-04-01"),
        ("April 1, 1997", "1997-04-01"),
        ("Apr. 1, 1997", "1997-04-01"),
        ("1 April 1997", "1997-04-01"),
        (859_852_800, "1997-04-01"),
        (859_852_800_000, "1997-04-01"),
        ("", None),
        ("soon", None),
        ("last Tuesday", None),
        ("2016-13-45", None),
        ("03/04/2019", None),  # day-first or month-first: not guessed
        ("0001-01-01", None),
        (True, None),
        (None, None),
    ],
)
def test_dates_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


# --- JSON Lines and JSON ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"id": "w1", "title": "Floods hit north", "published": "2006-02-03", "source": "Wire",
             "text": "Floods cut roads across the north on Friday, police said."},
            {"id": "w1", "title": "Floods hit north", "published": "2006-02-03", "source": "Wire",
             "url": None, "author": None, "meta": {}},
        ),
        (
            {"headline": "Talks stall", "body": "Negotiators left without a deal.", "date":
             "Fri, 03 Feb 2006 09:00:00 +0000", "publisher": "Daily", "link": "https://x.example/a",
             "byline": "Lee Chan", "section": "World"},
            {"id": "news:1", "title": "Talks stall", "published": "2006-02-03", "source": "Daily",
             "url": "https://x.example/a", "author": "Lee Chan", "meta": {"section": "World"}},
        ),
        (
            {"ID": 42, "Content": "The senator said she would run again.", "authors": ["A. Bell", "C. Diaz"],
             "source": {"id": "ex", "name": "Example News"}, "publication_date": "March 5, 2015"},
            {"id": "42", "title": None, "published": "2015-03-05", "source": "Example News",
             "url": None, "author": "A. Bell, C. Diaz", "meta": {}},
        ),
    ],
)  # fmt: skip
def test_jsonl_record_fields(tmp_path: Path, record: dict, expected: dict) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", [json.dumps(record)])
    [article] = read_all(path)
    got = {key: getattr(article, key) for key in expected}
    assert got == expected
    assert article.path == f"{path}:1"
    json.dumps(article.meta, allow_nan=False)


def test_jsonl_unreadable_date_is_warning(tmp_path: Path) -> None:
    record = {"text": "The court adjourned until the new year.", "published": "someday"}
    path = write_jsonl(tmp_path / "court.jsonl", [json.dumps(record)])
    items = read_all(path)
    assert articles(items)[0].published is None
    assert warnings(items) == [
        ReadWarning(f"{path}:1", "unreadable date 'someday'; published left empty")
    ]


GOOD = json.dumps({"id": "g1", "text": "The mayor opened the new bridge on Saturday."})
GOOD2 = json.dumps({"id": "g2", "text": "Rain delayed the final match by two hours."})


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"id": "t1", "text": "The minister sai', "truncated JSON"),
        ('{"id": "t2", "text": "Shares fell"', "truncated JSON"),
        ('{"id": "m1" "text": "Shares fell sharply."}', "malformed JSON"),
        ("{'id': 'm2'}", "malformed JSON"),
        ('{"id": "n1", "title": "Headline only"}', "record has no text"),
        ('{"id": "n2", "text": "   "}', "record has no text"),
        ('{"id": "n3", "text": ["a", "list"]}', "record text is a list"),
        ('["a", "list", "of", "words"]', "record is a list, not a JSON object"),
        ("42", "record is a number"),
    ],
)
def test_jsonl_bad_line_is_error_and_reading_goes_on(
    tmp_path: Path, bad_line: str, reason: str
) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", [GOOD, bad_line, "", GOOD2])
    items = read_all(path)
    assert [a.id for a in articles(items)] == ["g1", "g2"]
    [error] = errors(items)
    assert error.where == f"{path}:2"
    assert reason in error.reason


def test_jsonl_invalid_utf8_line_is_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        GOOD.encode() + b"\n" + b'{"text": "caf\xe9 reopens"}\n' + GOOD2.encode() + b"\n"
    )
    items = read_all(path)
    assert [a.id for a in articles(items)] == ["g1", "g2"]
    assert errors(items)[0].where == f"{path}:2"


def test_jsonl_line_over_limit_is_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_FILE_BYTES", 200)
    long_line = json.dumps({"id": "big", "text": "word " * 100})
    path = write_jsonl(tmp_path / "feed.jsonl", [GOOD, long_line, GOOD2])
    items = read_all(path)
    assert [a.id for a in articles(items)] == ["g1", "g2"]
    [error] = errors(items)
    assert (error.where, error.reason.startswith("line too large")) == (f"{path}:2", True)


def test_jsonl_missing_id_named_by_stem_and_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "wire.jsonl", [GOOD, json.dumps({"text": "Oil prices rose."})])
    assert [a.id for a in articles(read_all(path))] == ["g1", "wire:2"]


def test_json_array_records_named_by_their_line(tmp_path: Path) -> None:
    records = [{"text": "Schools reopen on Monday."}, {"id": "b", "text": "Bus fares freeze."}]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records, indent=2), "utf-8")
    items = read_all(path)
    assert [(a.id, a.path) for a in articles(items)] == [
        ("batch:2", f"{path}:2"),
        ("b", f"{path}:5"),
    ]


def test_json_array_broken_midway_keeps_records_before(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(
        '[\n {"id": "a", "text": "Polls close at ten."},\n {"id": "b", "text": ', "utf-8"
    )
    items = read_all(path)
    assert [a.id for a in articles(items)] == ["a"]
    [error] = errors(items)
    assert (error.where, "truncated" in error.reason) == (f"{path}:3", True)


def test_json_single_object_and_json_lines_in_json_file(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(
        json.dumps({"title": "Budget day", "text": "The budget was set out."}, indent=1)
    )
    lines = write_jsonl(tmp_path / "many.json", [GOOD, GOOD2])
    items = read_all(single, lines)
    assert [(a.id, a.path) for a in articles(items)] == [
        ("one", str(single)),
        ("g1", f"{lines}:1"),
        ("g2", f"{lines}:2"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{\n  "title": "Unfinished",\n  "text": "The vote', "truncated JSON"),
        ('"just a string"', "record is a string"),
        ("  \n ", "empty file"),
    ],
)
def test_json_bad_document_is_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(content, "utf-8")
    [error] = read_all(path)
    assert isinstance(error, ReadError)
    assert reason in error.reason


# --- HTML -------------------------------------------------------------------------------------


def test_html_article_body_and_header(tmp_path: Path) -> None:
    path = tmp_path / "port-strike.html"
    path.write_text(PAGE, "utf-8")
    [article] = read_all(path)
    assert article.id == "port-strike"
    assert article.title == "Port strike ends after nine days"
    assert article.published == "2019-03-04"
    assert (article.author, article.source) == ("Sam Okafor", "Harbour Gazette")
    assert article.url == "https://gazette.example/news/port-strike-ends"
    assert "accept a revised pay offer" in article.text
    assert "Weather" not in article.text and "Copyright" not in article.text
    json.dumps(article.meta, allow_nan=False)


def test_html_page_without_article_body_is_error(tmp_path: Path) -> None:
    path = tmp_path / "front.htm"
    path.write_text(NAV_ONLY_PAGE, "utf-8")
    [error] = read_all(path)
    assert isinstance(error, ReadError)
    assert "no article body" in error.reason


# --- formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"{not json}", "txt"),
        ("a.TXT", b"", "txt"),
        ("a.jsonl", b"", "jsonl"),
        ("a.ndjson", b"", "jsonl"),
        ("a.json", b"", "json"),
        ("a.htm", b"", "html"),
        ("page", b"\n  <!DOCTYPE html><html><body>", "html"),
        ("page.php", b"<html lang='en'><head>", "html"),
        ("dump", b'[{"text": "x"}]', "json"),
        ("dump", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("dump", b'{"text": "x"}', "json"),
        ("README", b"The council met on Monday.", "txt"),
        ("story.2019", b"The council met on Monday.", "txt"),
        ("a_ef2d.ann", b"T1\tSource 0 4\tThey", None),
        ("metadata.tsv", b"filename\ttitle", None),
        ("photo", b"\x89PNG\r\n\x1a\n\x00\x00", None),
    ],
)
def test_formats_detect_format(name: str, head: bytes, expected: str | None) -> None:
    assert detect_format(name, head) == expected
    assert expected is None or expected in FORMATS


def test_read_paths_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "feed.dat"
    write_jsonl(path, [GOOD])
    assert articles(read_all(path, format="txt"))[0].text == GOOD + "\n"
    assert articles(read_all(path, format="jsonl"))[0].id == "g1"
    with pytest.raises(ValueError, match="unknown format"):
        read_all(path, format="pdf")


# --- a folder of good and bad files -----------------------------------------------------------


def unreadable_file_case(folder: Path) -> None:
    link = folder / "k-gone.txt"
    link.symlink_to(folder / "no-such-target.txt")


def test_read_paths_folder_mixing_good_and_every_bad_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "MAX_FILE_BYTES", 2000)
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "secret.txt").write_text("Not to be read.", "utf-8")
    (folder / ".notes.txt").write_text("Not to be read either.", "utf-8")
    (folder / "metadata.csv").write_text("file,title\na-good.txt,Bridge opens\n", "utf-8")
    (folder / "a-good.txt").write_text(STORY, "utf-8")
    (folder / "b-cp1252.txt").write_bytes("Caf\u00e9 prices up \u20ac1.".encode("cp1252"))
    (folder / "c-binary.txt").write_bytes(b"\x00\x01\x02GIF89a\x00\x00")
    (folder / "d-empty.txt").write_bytes(b"")
    write_jsonl(
        folder / "e-feed.jsonl",
        [
            GOOD,
            '{"id": "cut", "text": "The strike ended when',  # truncated
            '{"id": "bad" "text": "x"}',  # malformed
            '{"id": "notext", "title": "A headline alone"}',  # record without text
            GOOD2,
        ],
    )
    (folder / "f-page.html").write_text(PAGE, "utf-8")
    (folder / "g-front.html").write_text(NAV_ONLY_PAGE, "utf-8")
    (folder / "h-huge.txt").write_text("The report ran long. " * 200, "utf-8")  # over 2000 bytes
    (folder / "i-notes.ann").write_text("T1\tSource 0 3\tThe\n", "utf-8")
    (folder / "j-photo.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    unreadable_file_case(folder)
    (folder / "sub" / "z-late.txt").write_text("Late news from the county.", "utf-8")
    os.mkfifo(folder / "l-pipe.txt")  # would block a naive reader forever

    items = read_all(folder)
    found = [
        (type(item).__name__, item.id if isinstance(item, Article) else Path(item.where).name)
        for item in items
    ]
    assert found == [
        ("Article", "a-good"),
        ("ReadWarning", "b-cp1252.txt"),
        ("Article", "b-cp1252"),
        ("ReadError", "c-binary.txt"),
        ("ReadError", "d-empty.txt"),
        ("Article", "g1"),
        ("ReadError", "e-feed.jsonl:2"),
        ("ReadError", "e-feed.jsonl:3"),
        ("ReadError", "e-feed.jsonl:4"),
        ("Article", "g2"),
        ("Article", "f-page"),
        ("ReadError", "g-front.html"),
        ("ReadError", "h-huge.txt"),
        ("ReadWarning", "j-photo.bin"),
        ("ReadError", "k-gone.txt"),
        ("ReadError", "l-pipe.txt"),
        ("Article", "z-late"),
    ]
    reasons = {Path(item.where).name: item.reason for item in errors(items) + warnings(items)}
    assert "cp1252" in reasons["b-cp1252.txt"]
    assert "binary" in reasons["c-binary.txt"]
    assert "empty" in reasons["d-empty.txt"]
    assert "truncated" in reasons["e-feed.jsonl:2"]
    assert "malformed" in reasons["e-feed.jsonl:3"]
    assert "no text" in reasons["e-feed.jsonl:4"]
    assert "no article body" in reasons["g-front.html"]
    assert "too large" in reasons["h-huge.txt"]
    assert "skipped" in reasons["j-photo.bin"]
    assert "broken symbolic link" in reasons["k-gone.txt"]
    assert "not a regular file" in reasons["l-pipe.txt"]
    assert articles(items)[0].title == "Bridge opens"
    assert all(item.where.startswith(str(folder)) for item in errors(items))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_read_paths_permission_denied_is_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("The minutes were sealed.", "utf-8")
    path.chmod(0)
    try:
        [error] = read_all(path)
    finally:
        path.chmod(0o644)
    assert isinstance(error, ReadError)
    assert "permission denied" in error.reason


def test_read_paths_missing_path_and_unknown_explicit_file(tmp_path: Path) -> None:
    (tmp_path / "notes.ann").write_text("T1\tCue 0 4\tsaid\n", "utf-8")
    items = read_all(tmp_path / "absent.txt", tmp_path / "absent-folder", tmp_path / "notes.ann")
    assert [(Path(e.where).name, type(e)) for e in items] == [
        ("absent.txt", ReadError),
        ("absent-folder", ReadError),
        ("notes.ann", ReadError),
    ]
    assert "no such file" in items[0].reason and "no such file" in items[1].reason
    assert "not recognised" in items[2].reason


def test_read_paths_keeps_input_order_and_sorted_walk(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c/a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Story {name} about the harbour.", "utf-8")
    (tmp_path / "c" / "loop").symlink_to(tmp_path)  # a link back up is not walked forever
    assert articles(read_all(tmp_path / "a.txt")) == articles(list(read_paths(tmp_path / "a.txt")))
    items = read_all(tmp_path / "b.txt", tmp_path)
    assert [a.path for a in articles(items)] == [
        str(tmp_path / "b.txt"),
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c" / "a.txt"),
    ]


def test_ingest_estimate_items_counts_files_and_lines(tmp_path: Path) -> None:
    from newsgraph.ingest import estimate_items

    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}\n',
                                      encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("filename\ttitle\na.txt\tA\n", encoding="utf-8")
    assert estimate_items([tmp_path]) == 4
    (tmp_path / "c.json").write_text('[{"text": "w"}]', encoding="utf-8")
    assert estimate_items([tmp_path]) is None  # a JSON document is not counted cheaply
    assert estimate_items([tmp_path / "missing"]) == 0
