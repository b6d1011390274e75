"""Fault injection: bad input and odd databases never cost good articles or end in a traceback.

The bad-input corpus is generated here (about fifty kinds of broken file, line and record
beside good articles, see ``make_corpus``) and ingested twice: in this process through the
library, and through the command line in a subprocess (as an unprivileged user when the
tests run as root, so that unreadable files and read-only folders are what they say).
Each repro of issue 19 (items 2, 4, 5) has a test of its own below the corpus.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.cli import cli
from newsgraph.ingest import common, read_paths
from newsgraph.library import Newsgraph
from newsgraph.model import Article, ReadError, ReadWarning
from newsgraph.store import MIGRATIONS, Store
from newsgraph.store.health import DatabaseMissing
from newsgraph.store.migrations import ensure_migrations_table

REPO = Path(__file__).resolve().parent.parent
NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli"]
HUGE_LIMIT = 64 * 1024  # MAX_FILE_BYTES in the in-process run, so "too large" is cheap to hit
DROP_PRIVILEGES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def good_text(n: int) -> str:
    return (f"The harbour board said on Tuesday that ferry number {n} would sail again next "
            f'week. "We are ready for the summer," its chair told reporters.\n')


def record(article_id: str, n: int, **extra: object) -> str:
    return json.dumps({"id": article_id, "text": good_text(n), **extra})


@dataclass(frozen=True)
class Case:
    """One kind of bad input: the report it must give (``where`` relative to the corpus)."""

    kind: str
    where: str
    reason: str
    level: str = "error"  # or "warning" (the article is still stored)
    needs_permissions: bool = False  # only fails where file permissions apply


@dataclass
class Corpus:
    root: Path
    cases: list[Case]
    stored: set[str]  # ids that must be stored
    absent: set[str]  # ids that must not be (read through a loop or from outside the input)


def make_corpus(root: Path, huge: bool) -> Corpus:
    """Good articles and every kind of bad input under ``root``; what each must give."""
    root.mkdir(parents=True)
    cases: list[Case] = []
    stored: set[str] = set()
    counter = iter(range(1000))

    def text_file(name: str | bytes, data: bytes, kind: str, reason: str | None,
                  level: str = "error", stored_id: str | None = None, **kw: bool) -> None:
        path = os.path.join(os.fsencode(root), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as handle:
            handle.write(data)
        if reason:
            shown = common.printable(os.fsdecode(name if isinstance(name, bytes) else name.encode()))
            cases.append(Case(kind, shown, reason, level, **kw))
        if stored_id:
            stored.add(stored_id)

    def jsonl_case(name: str, bad: bytes, kind: str, reason: str, level: str = "error",
                   stored_id: str | None = None) -> None:
        """A good record on line 1, the bad one on line 2, a good one on line 3."""
        first, last = f"{name}-first", f"{name}-last"
        lines = [record(first, next(counter)).encode(), bad, record(last, next(counter)).encode()]
        (root / f"{name}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
        cases.append(Case(kind, f"{name}.jsonl:2", reason, level))
        stored.update({first, last} | ({stored_id} if stored_id else set()))

    # --- good articles, in every format ---
    (root / "good").mkdir()
    for n in range(2):
        (root / "good" / f"g-{n}.txt").write_text(good_text(next(counter)), "utf-8")
        stored.add(f"g-{n}")
    (root / "good" / "g.jsonl").write_text(
        "\n".join(record(f"g-line-{n}", next(counter)) for n in range(2)) + "\n", "utf-8")
    (root / "good" / "g.json").write_text(f"[{record('g-array', next(counter))}]", "utf-8")
    page = ("<html><head><title>Ferries</title></head><body><article><p>"
            + good_text(next(counter)) * 3 + "</p></article></body></html>")
    (root / "good" / "g-page.html").write_text(page, "utf-8")
    stored |= {"g-line-0", "g-line-1", "g-array", "g-page"}

    # --- odd but good: stored without a word ---
    text_file("o-bom.txt", b"\xef\xbb\xbf" + good_text(next(counter)).encode(), "UTF-8 BOM",
              None, stored_id="o-bom")
    text_file("o-crlf.txt", good_text(next(counter)).replace("\n", "\r\n").encode(),
              "CRLF line ends", None, stored_id="o-crlf")
    text_file("o-space name \u00e9.txt", good_text(next(counter)).encode(),
              "spaces and accents in the name", None, stored_id="o-space name \u00e9")
    text_file("-o-dash.txt", good_text(next(counter)).encode(), "name starting with a dash",
              None, stored_id="-o-dash")
    (root / "o-bom-crlf.jsonl").write_bytes(
        b"\xef\xbb\xbf" + record("o-bom-crlf", next(counter)).encode() + b"\r\n")
    stored.add("o-bom-crlf")

    # --- plain-text files ---
    text_file("t-empty.txt", b"", "empty file", "empty file")
    text_file("t-blank.txt", b"  \n\t\n", "whitespace only", "only whitespace")
    text_file("t-junk.txt", bytes(range(256)) * 8, "binary junk", "binary file")
    text_file("t-cp1252.txt", "Caf\u00e9 owners said prices rose by \u20ac2.".encode("cp1252"),
              "bad UTF-8 (cp1252)", "decoded as cp1252", "warning", stored_id="t-cp1252")
    text_file("t-undecodable.txt", b"Prices \x81\x8d\x8f\x90\x9d rose sharply today.",
              "neither UTF-8 nor cp1252", "not UTF-8 and not cp1252")
    text_file("t-nul.txt", b"The mayor said\x00 it would rain.", "NUL bytes", "NUL bytes")
    text_file("t-utf16.txt", good_text(next(counter)).encode("utf-16"), "UTF-16 with BOM",
              "UTF-16", "warning", stored_id="t-utf16")
    text_file("t-controls.txt", b"\x01\x02\x03\x04\x05\x06\x07\x0e\x0f" * 40 + b"word",
              "control characters", "control characters")
    text_file("t-gzip.txt", gzip.compress(good_text(1).encode()), "gzip named .txt",
              "gzip-compressed")
    text_file(b"t-bad-name-\xff.txt", good_text(next(counter)).encode(),
              "file name not valid UTF-8", "file name is not valid UTF-8", "warning",
              stored_id="t-bad-name-\\xff")
    text_file("t-photo.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unknown binary file",
              "skipped: not an article file", "warning")
    if huge:
        text_file("t-huge.txt", b"The report ran long. " * 4000, "file too large", "too large")
    locked = root / "t-locked.txt"
    locked.write_text(good_text(next(counter)), "utf-8")
    locked.chmod(0)
    cases.append(Case("unreadable (chmod 000)", "t-locked.txt", "permission denied",
                      needs_permissions=True))
    (root / "t-noexec").mkdir()
    (root / "t-noexec" / "inside.txt").write_text(good_text(next(counter)), "utf-8")
    (root / "t-noexec").chmod(0o444)  # listed, but its entries cannot be looked at
    cases.append(Case("folder without search permission", "t-noexec/inside.txt",
                      "cannot look at it", needs_permissions=True))
    (root / "t-unlistable").mkdir(mode=0)
    cases.append(Case("folder that cannot be listed", "t-unlistable", "cannot list the folder",
                      needs_permissions=True))
    (root / "t-gone.txt").symlink_to(root / "no-such-target.txt")
    cases.append(Case("broken symbolic link", "t-gone.txt", "broken symbolic link"))
    os.mkfifo(root / "t-pipe.txt")
    cases.append(Case("named pipe (FIFO)", "t-pipe.txt", "not a regular file"))
    (root / "t-loop").mkdir()
    (root / "t-loop" / "up").symlink_to("..")
    cases.append(Case("symlink to its own parent (a loop)", "t-loop/up", "loop", "warning"))
    (root / "t-outside").symlink_to(root.parent)
    (root.parent / "outside.txt").write_text(good_text(999), "utf-8")
    cases.append(Case("symlink to the folder above the input", "t-outside", "loop", "warning"))
    (root / "t-meta").mkdir()
    (root / "t-meta" / "metadata.csv").write_text("title,date\nFerries,2020-01-02\n", "utf-8")
    (root / "t-meta" / "t-meta-a.txt").write_text(good_text(next(counter)), "utf-8")
    cases.append(Case("metadata table without a key column", "t-meta/metadata.csv",
                      "no column naming the files"))
    stored.add("t-meta-a")

    # --- JSON Lines: whole files ---
    text_file("j-empty.jsonl", b"", "zero-byte .jsonl", "empty file")
    text_file("j-blank.jsonl", b"\n\n  \n", "blank lines only", "only blank lines")
    text_file("j-gzip.jsonl", gzip.compress(record("zz", 1).encode() * 50), "gzip named .jsonl",
              "gzip-compressed")
    prose = "\n".join(good_text(n) for n in range(6)).encode()
    text_file("j-prose.jsonl", prose, "plain text named .jsonl", "not JSON Lines")
    text_file("j-utf16.jsonl", record("u16", 1).encode("utf-16"), "UTF-16 .jsonl", "UTF-16")

    # --- JSON Lines: one bad line between good ones ---
    jsonl_case("j-truncated", b'{"id": "cut", "text": "The strike ended when', "truncated JSON",
               "truncated JSON")
    jsonl_case("j-malformed", b'{"id": "m" "text": "x"}', "malformed JSON", "malformed JSON")
    jsonl_case("j-single-quotes", b"{'id': 'q', 'text': 'x'}", "single-quoted JSON",
               "malformed JSON")
    jsonl_case("j-notext", b'{"id": "nt", "title": "A headline alone"}', "missing text field",
               "record has no text")
    jsonl_case("j-text-number", b'{"id": "tn", "text": 42}', "text is a number",
               "text is a number")
    jsonl_case("j-text-object", b'{"id": "to", "text": {"en": "x"}}', "text is an object",
               "text is dict")
    jsonl_case("j-list", b'["a", "list"]', "record is a list", "record is a list")
    jsonl_case("j-null", b"null", "record is null", "record is null")
    jsonl_case("j-string", b'"just a string"', "record is a string", "record is a string")
    jsonl_case("j-deep", b"[" * 1000 + b"]" * 1000, "nested 1,000 deep (RecursionError)",
               "nested too deeply")
    jsonl_case("j-deep-field", b'{"id": "df", "text": "x", "meta": ' + b"[" * 100 + b"]" * 100
               + b"}", "a field nested 100 deep", "nested too deeply")
    jsonl_case("j-bad-utf8", b'{"id": "bu", "text": "caf\xe9 \xff"}', "invalid UTF-8 line",
               "not valid UTF-8")
    jsonl_case("j-nul", b'{"id": "nul", "text": "a\x00b"}', "NUL byte in a line",
               "malformed JSON")
    jsonl_case("j-surrogate", json.dumps({"id": "sur", "text": good_text(5) + "\ud800"}).encode(),
               "lone surrogate in the text", "lone surrogate", "warning", stored_id="sur")
    jsonl_case("j-surrogate-id",
               json.dumps({"id": "sid\udc00", "title": "T\udfff", "text": good_text(6)}).encode(),
               "lone surrogates in id and title", "lone surrogate", "warning",
               stored_id="sid\\udc00")
    jsonl_case("j-bad-date", record("bd", next(counter), published="the day after").encode(),
               "unreadable date", "unreadable date", "warning", stored_id="bd")
    jsonl_case("j-dup-other", record("j-dup-other-first", next(counter)).encode(),
               "same id, different text, one input", "duplicate id")
    (root / "j-dup-same.jsonl").write_text(
        record("dup-same", 7) + "\n" + record("dup-same", 7) + "\n", "utf-8")
    cases.append(Case("same id and text twice", "j-dup-same.jsonl:2", "duplicate of", "warning"))
    stored.add("dup-same")
    if huge:
        jsonl_case("j-huge-line", record("hl", 1, pad="x" * (HUGE_LIMIT + 10)).encode(),
                   "line over the size limit", "line too large")

    # --- JSON documents ---
    text_file("k-empty.json", b"", "empty .json", "empty file")
    text_file("k-array.json", f"[{record('k-array-1', next(counter))}, {{\"id\": oops}}]".encode(),
              "array broken midway", None)
    cases.append(Case("array broken midway", "k-array.json:1", "malformed JSON"))
    stored.add("k-array-1")
    text_file("k-deep.json", b"[" * 5000 + b"]" * 5000, "deep .json document", None)
    cases.append(Case("deep .json document", "k-deep.json:1", "nested too deeply"))

    # --- HTML ---
    text_file("h-nobody.html", b"<html><head><title>Front page</title></head></html>",
              "HTML without body", "no article body")
    text_file("h-empty.html", b"", "empty .html", "empty file")
    text_file("h-binary.html", bytes(range(256)) * 4, "binary .html", "binary file")
    return Corpus(root, cases, stored, {"outside"})


def restore_permissions(corpus: Corpus) -> None:
    (corpus.root / "t-locked.txt").chmod(0o644)
    (corpus.root / "t-noexec").chmod(0o755)
    (corpus.root / "t-unlistable").chmod(0o755)


def check_reports(corpus: Corpus, errors: list[str], warnings: list[str],
                  permissions_apply: bool) -> None:
    """Every case reported once, where and why; no error that no case explains."""
    explained: set[str] = set()
    for case in corpus.cases:
        if case.needs_permissions and not permissions_apply:
            continue
        lines = errors if case.level == "error" else warnings
        prefix = f"{common.printable(str(corpus.root / case.where))}: "
        found = [line for line in lines if line.startswith(prefix)
                 and not line[len(prefix):].split(":")[0].isdigit()]
        assert len(found) == 1, f"{case.kind}: expected one report at {case.where}, got {found}"
        assert case.reason in found[0], f"{case.kind}: {found[0]!r} lacks {case.reason!r}"
        explained.add(found[0])
    unexplained = [line for line in errors if line not in explained]
    assert unexplained == [], unexplained


def stored_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM articles")}


def privilege_drop() -> list[str] | None:
    """The command prefix under which file permissions apply: none needed for a normal
    user; ``setpriv`` without the override capabilities for root; None if neither works."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run([*DROP_PRIVILEGES, "true"], capture_output=True)
    return DROP_PRIVILEGES if probe.returncode == 0 else None


@pytest.fixture(scope="module")
def library_run(tmp_path_factory, analyzer):
    """The corpus ingested through the library, in this process."""
    base = tmp_path_factory.mktemp("faults-lib")
    patch = pytest.MonkeyPatch()
    patch.setattr(common, "MAX_FILE_BYTES", HUGE_LIMIT)
    corpus = make_corpus(base / "in", huge=True)
    try:
        with Newsgraph(base / "news.db") as ng:
            ng._analyzer = analyzer  # the session's model: no second load
            report = ng.ingest([corpus.root])
    finally:
        patch.undo()
        restore_permissions(corpus)
    return corpus, report, base / "news.db"


@pytest.mark.slow
def test_faults_library_stores_every_good_article_and_reports_every_bad_item(library_run):
    corpus, report, db = library_run
    assert len({case.kind for case in corpus.cases}) >= 40
    check_reports(corpus, report.errors, report.warnings, permissions_apply=os.geteuid() != 0)
    ids = stored_ids(db)
    assert corpus.stored <= ids, sorted(corpus.stored - ids)
    assert not corpus.absent & ids
    assert report.rejected == len(report.errors)


@pytest.mark.slow
def test_faults_cli_run_has_no_traceback_and_exits_1_under_strict(tmp_path: Path):
    prefix = privilege_drop()
    corpus = make_corpus(tmp_path / "in", huge=False)
    db = tmp_path / "news.db"
    command = [*(prefix or []), *NEWSGRAPH, "ingest", str(corpus.root), "--db", str(db),
               "--json", "--quiet", "--strict"]
    try:
        done = subprocess.run(command, capture_output=True, cwd=REPO, timeout=600)
    finally:
        restore_permissions(corpus)
    assert "Traceback" not in done.stderr.decode("utf-8")
    assert done.returncode == 1, done.stderr.decode("utf-8")[-2000:]
    report = json.loads(done.stdout)
    check_reports(corpus, report["errors"], report["warnings"], permissions_apply=prefix is not None)
    ids = stored_ids(db)
    assert corpus.stored <= ids, sorted(corpus.stored - ids)
    assert not corpus.absent & ids


# --- item 2: one bad item never costs the run -------------------------------------------------


def read_all(*paths: Path) -> list:
    return list(read_paths(list(paths)))


def test_faults_jsonl_nested_1000_deep_is_one_error_and_the_rest_is_read(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(record("a", 1) + "\n" + "[" * 1000 + "]" * 1000 + "\n" + record("b", 2) + "\n")
    items = read_all(path)
    assert [a.id for a in items if isinstance(a, Article)] == ["a", "b"]
    [error] = [e for e in items if isinstance(e, ReadError)]
    assert error.where == f"{path}:2" and "nested too deeply" in error.reason


@pytest.mark.parametrize("name", ["doc.json", "array.json"])
def test_faults_json_document_nested_deep_is_one_error(tmp_path: Path, name: str):
    path = tmp_path / name
    body = "[" * 3000 + "]" * 3000
    path.write_text(body if name == "array.json" else '{"text": ' + body + "}")
    [error] = read_all(path)
    assert isinstance(error, ReadError) and "nested too deeply" in error.reason


def test_faults_lone_surrogate_becomes_replacement_character_with_offsets_kept(tmp_path: Path):
    text = 'The minister said "\ud800" was a typo, and the vote stood.'
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "s1", "text": text, "title": "Vote \udfff"}) + "\n")
    warning, article = read_all(path)
    assert isinstance(warning, ReadWarning) and "2 lone surrogate" in warning.reason
    assert article.text == text.replace("\ud800", "\ufffd")
    assert len(article.text) == len(text)  # one code point for one: offsets hold
    assert article.title == "Vote \ufffd"
    article.text.encode("utf-8")  # valid Unicode now


def test_faults_a_reader_that_raises_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import newsgraph.ingest as ingest

    read_txt = ingest.read_txt

    def buggy(path, metadata=None):
        if path.name == "b.txt":
            raise IndexError("a bug in the reader")
        return read_txt(path, metadata)

    monkeypatch.setattr(ingest, "read_txt", buggy)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(good_text(1), "utf-8")
    items = read_all(tmp_path)
    assert [a.id for a in items if isinstance(a, Article)] == ["a", "c"]
    assert [str(e) for e in items if isinstance(e, ReadError)] == [
        f"{tmp_path / 'b.txt'}: read failed: IndexError: a bug in the reader"]


def test_faults_content_hash_never_raises_on_a_lone_surrogate():
    one, other = Article("x", "said \ud800 today"), Article("x", "said \ud801 today")
    assert one.content_hash() != other.content_hash()
    assert Article("x", "plain").content_hash() == Article("x", "plain").content_hash()


def test_faults_file_name_not_utf8_gives_a_printable_id_and_path(tmp_path: Path):
    raw = os.path.join(os.fsencode(tmp_path), b"story-\xff.txt")
    with open(raw, "wb") as handle:
        handle.write(good_text(1).encode())
    warning, article = read_all(tmp_path)
    assert "file name is not valid UTF-8" in warning.reason
    assert article.id == "story-\\xff"
    assert article.path == f"{tmp_path}/story-\\xff.txt"
    with Store(tmp_path / "news.db") as store:  # known_hash used to raise here
        assert store.known_hash(article.id) is None


@pytest.mark.slow
def test_faults_extract_writes_valid_utf8_for_a_file_name_that_is_not(tmp_path: Path):
    raw = os.path.join(os.fsencode(tmp_path), b"story-\xff.txt")
    with open(raw, "wb") as handle:
        handle.write(good_text(1).encode())
    done = subprocess.run([*NEWSGRAPH, "extract", str(tmp_path)], capture_output=True,
                          cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    [line] = done.stdout.decode("utf-8").splitlines()  # strict: raises on a raw \xff byte
    assert json.loads(line)["article"]["id"] == "story-\\xff"


EXPLODE = "newsgraph_test_explode"


@pytest.fixture(scope="module")
def fragile_analyzer():
    """An analyzer whose pipeline fails on any text holding the word KABOOM."""
    from spacy.language import Language

    from newsgraph.nlp.pipeline import Analyzer

    if EXPLODE not in Language.factories:
        @Language.component(EXPLODE)
        def explode(doc):
            if "KABOOM" in doc.text:
                raise ValueError("the parser choked")
            return doc

    analyzer = Analyzer()
    analyzer.nlp.add_pipe(EXPLODE, last=True)
    return analyzer


@pytest.mark.slow
def test_faults_article_that_breaks_the_parser_costs_only_itself(fragile_analyzer):
    from newsgraph.nlp.pipeline import Workers

    batch = [Article("a", good_text(1)), Article("bad", "KABOOM " + good_text(2)),
             Article("c", good_text(3))]
    outcomes = fragile_analyzer.analyse_batch(batch)
    assert [o.analysis is not None for o in outcomes] == [True, False, True]
    assert "ValueError: the parser choked" in (outcomes[1].error or "")
    with Workers(fragile_analyzer, 1) as pool:
        assert [o.article.id for o in pool.map(batch) if o.analysis] == ["a", "c"]


@pytest.mark.slow
def test_faults_ingest_with_a_parser_breaking_article_stores_the_others(
    fragile_analyzer, tmp_path: Path
):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([record("a", 1), json.dumps({"id": "bad", "text": "KABOOM now"}),
                               record("c", 3)]) + "\n")
    with Newsgraph(tmp_path / "news.db") as ng:
        ng._analyzer = fragile_analyzer
        report = ng.ingest([path])
    assert (report.stored, report.rejected) == (2, 1)
    assert report.errors[0].startswith(f"{path}:2: analysis failed: ValueError")


@pytest.mark.slow
def test_faults_an_article_the_store_cannot_write_costs_only_itself(
    analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(record(i, n) for n, i in enumerate(["a", "b", "c"])) + "\n")
    save = Store.save_analysis

    def failing_save(self, analysis, force=False, analyser=None):
        if analysis.article.id == "b":
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return save(self, analysis, force, analyser)

    monkeypatch.setattr(Store, "save_analysis", failing_save)
    with Newsgraph(tmp_path / "news.db") as ng:
        ng._analyzer = analyzer
        report = ng.ingest([path])
    assert (report.stored, report.rejected) == (2, 1)
    assert report.errors == [f"{path}:2: store failed: OverflowError: Python int too large "
                             "to convert to SQLite INTEGER"]
    assert stored_ids(tmp_path / "news.db") == {"a", "c"}


# --- item 5: silent cases are reported --------------------------------------------------------


def test_faults_zero_byte_jsonl_is_an_error(tmp_path: Path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert read_all(path) == [ReadError(str(path), "empty file: no JSON records")]


def test_faults_zero_byte_jsonl_fails_strict_ingest(tmp_path: Path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    code, _, err = cli_run("ingest", str(path), "--db", str(tmp_path / "n.db"), "--strict",
                           "--quiet")
    assert code == 1 and "empty file" in err


def test_faults_ingest_of_a_missing_path_is_an_error(tmp_path: Path):
    code, _, err = cli_run("ingest", str(tmp_path / "nonexistent"), "--db",
                           str(tmp_path / "n.db"))
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "n.db").exists()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("feed.jsonl", gzip.compress((record("a", 1) + "\n").encode() * 40), "gzip-compressed"),
        ("feed.jsonl", "\n".join(good_text(n) for n in range(30)).encode(), "not JSON Lines"),
        ("feed.jsonl", bytes(range(1, 32)) * 200, "binary file"),
        ("feed.json", gzip.compress(record("a", 1).encode() * 40), "gzip-compressed"),
    ],
)
def test_faults_file_that_is_not_json_lines_is_one_error(
    tmp_path: Path, name: str, data: bytes, reason: str
):
    path = tmp_path / name
    path.write_bytes(data)
    [error] = read_all(path)
    assert isinstance(error, ReadError) and error.where == str(path) and reason in error.reason


def test_faults_one_stray_nul_line_costs_only_its_line(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join([record("a", 1).encode(), b'{"text": "x\x00"}',
                                 record("b", 2).encode()]))
    items = read_all(path)
    assert [a.id for a in items if isinstance(a, Article)] == ["a", "b"]
    assert [e.where for e in items if isinstance(e, ReadError)] == [f"{path}:2"]


def test_faults_symlink_to_a_folder_above_is_reported_not_followed(tmp_path: Path):
    (tmp_path / "outside.txt").write_text(good_text(1), "utf-8")
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(good_text(2), "utf-8")
    (tmp_path / "in" / "sub" / "up").symlink_to(tmp_path)  # the input's parent
    (tmp_path / "in" / "sub" / "self").symlink_to(tmp_path / "in" / "sub")
    items = read_all(tmp_path / "in")
    assert [a.id for a in items if isinstance(a, Article)] == ["a"]
    assert sorted(Path(w.where).name for w in items if isinstance(w, ReadWarning)) == [
        "self", "up"]


def test_faults_symlink_to_a_sibling_folder_is_still_read(tmp_path: Path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text(good_text(1), "utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "elsewhere")
    assert [a.id for a in read_all(tmp_path / "in") if isinstance(a, Article)] == ["b"]


@pytest.mark.slow
def test_faults_one_id_with_two_texts_in_one_input_is_a_duplicate(analyzer, tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([record("same", 1), record("same", 2), record("same", 1)]) + "\n")
    with Newsgraph(tmp_path / "news.db") as ng:
        ng._analyzer = analyzer
        report = ng.ingest([path])
        revisions = ng.store.revisions("same")
    assert (report.stored, report.updated, report.unchanged, report.rejected) == (1, 0, 1, 1)
    assert report.errors[0].startswith(f"{path}:2: duplicate id 'same'")
    assert "duplicate of" in report.warnings[0]
    assert len(revisions) == 1


def test_faults_run_ids_across_runs_still_allow_updates():
    from newsgraph.ingest.duplicates import RunIds

    one, two = RunIds(), RunIds()
    assert one.check(Article("x", "a", path="f:1"), "h1") is None
    assert two.check(Article("x", "b", path="f:1"), "h2") is None  # a later run: an update
    assert isinstance(one.check(Article("x", "b", path="f:2"), "h2"), ReadError)
    assert isinstance(one.check(Article("x", "a", path="f:3"), "h1"), ReadWarning)


# --- item 4: database problems ----------------------------------------------------------------


def cli_run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def small_db(tmp_path_factory, analyzer) -> Path:
    """A newsgraph database of two articles (copied by the tests that spoil it)."""
    base = tmp_path_factory.mktemp("small")
    feed = base / "feed.jsonl"
    feed.write_text(record("a", 1) + "\n" + record("b", 2) + "\n")
    with Newsgraph(base / "small.db") as ng:
        ng._analyzer = analyzer
        ng.ingest([feed])
    return base / "small.db"


READING = [["stats"], ["quotes"], ["entities"], ["search", "ferry"], ["show", "a"],
           ["export", "--format", "csv", "--table", "articles"]]


def files_in(folder: Path, wal_readers: bool = False) -> dict[str, bytes]:
    """Every file of ``folder`` and its bytes; ``wal_readers``: without the ``-shm`` and
    empty ``-wal`` files that any read-only reader of a WAL database leaves (SQLite's way)."""
    found = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    if wal_readers:
        found = {name: data for name, data in found.items()
                 if not name.endswith("-shm") and not (name.endswith("-wal") and not data)}
    return found


@pytest.mark.parametrize("command", READING + [["ingest", "FEED"]])
def test_faults_file_that_is_not_sqlite_exits_3_and_is_left_alone(tmp_path: Path, command):
    db = tmp_path / "notes.db"
    db.write_text("Shopping list: bread, milk.\n")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("a", 1) + "\n")
    before = files_in(tmp_path)
    code, _, err = cli_run(*[str(feed) if c == "FEED" else c for c in command], "--db", str(db))
    assert code == 3 and f"{db}: not an SQLite database" in err
    assert len(err.strip().splitlines()) == 1
    assert files_in(tmp_path) == before


@pytest.mark.parametrize(("make", "expected"), [(os.mkfifo, 3), (os.mkdir, 2)])
def test_faults_database_that_is_a_pipe_or_folder_is_refused(
    tmp_path: Path, make, expected: int
) -> None:
    make(tmp_path / "odd.db")  # a pipe would block a naive open; click refuses a folder
    for command in (["stats"], ["ingest", str(tmp_path)]):
        code, _, err = cli_run(*command, "--db", str(tmp_path / "odd.db"))
        assert code == expected and "Traceback" not in err, err


@pytest.mark.parametrize("keep", [0.5, 0.9, 4096, 50])
def test_faults_truncated_database_exits_4(small_db: Path, tmp_path: Path, keep: float):
    data = small_db.read_bytes()
    db = tmp_path / "cut.db"
    db.write_bytes(data[: int(len(data) * keep) if keep < 1 else int(keep)])
    for command in (["stats"], ["quotes"], ["ingest", str(tmp_path)]):
        code, _, err = cli_run(*command, "--db", str(db))
        assert code == 4 and "truncated database" in err, err
        assert len(err.strip().splitlines()) == 1


def test_faults_damaged_page_inside_exits_4(small_db: Path, tmp_path: Path):
    data = bytearray(small_db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : page * 3] = b"\xa5" * (page * 2)  # scribble over pages 2 and 3, size intact
    db = tmp_path / "scribbled.db"
    db.write_bytes(bytes(data))
    code, _, err = cli_run("quotes", "--db", str(db))
    assert code == 4 and "damaged database" in err, err


@pytest.mark.parametrize("command", READING + [["ingest", "FEED"], ["resolve"]])
def test_faults_foreign_sqlite_database_exits_6_and_is_never_changed(tmp_path: Path, command):
    db = tmp_path / "budget.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE expenses (item TEXT, cost REAL)")
        conn.execute("INSERT INTO expenses VALUES ('paper', 3.5)")
    conn.close()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("a", 1) + "\n")
    before = files_in(tmp_path)
    code, _, err = cli_run(*[str(feed) if c == "FEED" else c for c in command], "--db", str(db))
    assert code == 6 and "not newsgraph's (tables: expenses)" in err
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("command", READING)
def test_faults_reading_an_empty_file_exits_1_and_leaves_it_empty(tmp_path: Path, command):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    code, _, err = cli_run(*command, "--db", str(db))
    assert code == 1 and "no newsgraph data yet" in err
    assert files_in(tmp_path) == {"empty.db": b""}


@pytest.mark.parametrize("command", READING)
def test_faults_reading_a_missing_file_exits_1_and_creates_nothing(tmp_path: Path, command):
    code, _, err = cli_run(*command, "--db", str(tmp_path / "absent.db"))
    assert code == 1 and "no database" in err
    assert list(tmp_path.iterdir()) == []


def test_faults_library_read_only_never_creates_the_file(tmp_path: Path):
    with pytest.raises(DatabaseMissing), Newsgraph(tmp_path / "absent.db", read_only=True) as ng:
        ng.stats()
    assert list(tmp_path.iterdir()) == []


def test_faults_writing_into_an_empty_file_makes_a_newsgraph_database(tmp_path: Path):
    db = tmp_path / "fresh.db"
    db.write_bytes(b"")
    with Store(db) as store:
        assert store.stats()["articles"] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def newer_copy(small_db: Path, folder: Path) -> Path:
    db = folder / "newer.db"
    shutil.copy(small_db, db)
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO migrations VALUES ('9999_from_the_future', '2030-01-01')")
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    return db


@pytest.mark.parametrize("command", READING + [["ingest", "FEED"], ["resolve"]])
def test_faults_newer_schema_exits_7_naming_both_versions(
    small_db: Path, tmp_path: Path, command
):
    db = newer_copy(small_db, tmp_path)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("z", 1) + "\n")
    before = files_in(tmp_path)
    code, _, err = cli_run(*[str(feed) if c == "FEED" else c for c in command], "--db", str(db))
    known = len(MIGRATIONS)
    assert code == 7, err
    assert f"schema version {known + 1} is newer than this newsgraph's {known}" in err
    assert "9999_from_the_future" in err
    assert files_in(tmp_path, wal_readers=True) == before


def older_database(path: Path) -> Path:
    """A database as the first newsgraph release left it: only the first migration."""
    conn = sqlite3.connect(path, isolation_level=None)
    ensure_migrations_table(conn)
    conn.execute("BEGIN")
    MIGRATIONS[0].apply(conn)
    conn.execute("INSERT INTO migrations VALUES (?, '2026-01-01')", (MIGRATIONS[0].name,))
    conn.execute("COMMIT")
    conn.close()
    return path


def test_faults_older_schema_is_migrated_even_by_a_reader(tmp_path: Path):
    db = older_database(tmp_path / "old.db")
    with Newsgraph(db, read_only=True) as ng:
        assert ng.stats()["identities"] == 0  # a table of a later migration
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
        assert names == [m.name for m in MIGRATIONS]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def unprivileged(args: list[str]) -> subprocess.CompletedProcess:
    prefix = privilege_drop()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot fail here")
    return subprocess.run([*prefix, *NEWSGRAPH, *args], capture_output=True, cwd=REPO,
                          timeout=300)


@pytest.mark.slow
def test_faults_read_only_folder_reads_work_and_writes_exit_5(small_db: Path, tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(small_db, folder / "news.db")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("z", 1) + "\n")
    older_database(folder / "old.db")
    before = files_in(folder)
    folder.chmod(0o555)
    try:
        stats = unprivileged(["stats", "--json", "--db", str(folder / "news.db")])
        quotes = unprivileged(["quotes", "--json", "--db", str(folder / "news.db")])
        ingest = unprivileged(["ingest", str(feed), "--quiet", "--db", str(folder / "news.db")])
        new = unprivileged(["ingest", str(feed), "--quiet", "--db", str(folder / "new.db")])
        old = unprivileged(["stats", "--db", str(folder / "old.db")])
    finally:
        folder.chmod(0o755)
    assert stats.returncode == 0, stats.stderr.decode()
    assert json.loads(stats.stdout)["articles"] == 2
    assert quotes.returncode == 0 and isinstance(json.loads(quotes.stdout), list)
    for done in (ingest, new, old):
        err = done.stderr.decode()
        assert done.returncode == 5 and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1
    assert "read-only" in ingest.stderr.decode()
    assert "older than this newsgraph's" in old.stderr.decode()
    assert files_in(folder, wal_readers=True) == before


@pytest.mark.slow
def test_faults_wal_with_changes_in_a_read_only_folder_exits_5(small_db: Path, tmp_path: Path):
    source, folder = tmp_path / "live", tmp_path / "ro"
    source.mkdir()
    folder.mkdir()
    shutil.copy(small_db, source / "news.db")
    writer = sqlite3.connect(source / "news.db", isolation_level=None)
    try:  # a writer's committed changes still in its -wal, copied without the -shm
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO runs (started) VALUES ('2026-01-01')")
        for name in ("news.db", "news.db-wal"):
            shutil.copy(source / name, folder / name)
    finally:
        writer.close()
    folder.chmod(0o555)
    try:
        done = unprivileged(["stats", "--db", str(folder / "news.db")])
    finally:
        folder.chmod(0o755)
    err = done.stderr.decode()
    assert done.returncode == 5 and "write-ahead log" in err, err


# --- fuzzing the readers ----------------------------------------------------------------------

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(
    alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=30)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "text", "title", "date", "published", "meta", "x"]) | st.text(
            max_size=5), inner, max_size=5),
    max_leaves=20,
)


@st.composite
def json_lines(draw) -> bytes:
    """Lines that are often JSON records (with lone surrogates, odd types, deep nesting),
    sometimes broken."""
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["record", "value", "deep", "cut", "bytes"]))
        if kind == "record":
            value = {"id": draw(JSON_SCALARS), "text": draw(JSON_SCALARS | st.text(max_size=80)),
                     **draw(st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3))}
        else:
            value = draw(JSON_VALUES)
        line = json.dumps(value, ensure_ascii=draw(st.booleans()))
        if kind == "deep":
            depth = draw(st.integers(50, 1500))
            line = "[" * depth + "]" * depth
        elif kind == "cut":
            line = line[: draw(st.integers(0, len(line)))]
        data = line.encode("utf-8", "surrogatepass")
        lines.append(draw(st.binary(max_size=40)) if kind == "bytes" else data)
    return draw(st.sampled_from([b"\n", b"\r\n"])).join(lines)


FILE_NAMES = st.binary(min_size=1, max_size=10).filter(
    lambda n: b"/" not in n and b"\x00" not in n and not n.startswith(b".")
)


def assert_clean(item: object) -> None:
    """A reader's item: the right type, every string valid Unicode."""
    assert isinstance(item, Article | ReadError | ReadWarning)
    if isinstance(item, Article):
        for value in (item.id, item.text, item.title, item.source, item.url, item.author,
                      item.path, json.dumps(item.meta, ensure_ascii=False)):
            if value is not None:
                value.encode("utf-8")
        assert item.text.strip()
    else:
        item.where.encode("utf-8")
        item.reason.encode("utf-8")


@pytest.mark.slow
@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(
    data=json_lines() | st.binary(max_size=3000),
    extension=st.sampled_from([b".jsonl", b".json", b".txt", b".html", b".ndjson", b""]),
    name=FILE_NAMES,
)
def test_faults_fuzz_readers_never_raise_and_give_clean_items(data, extension, name):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(os.fsencode(folder), name + extension)
        with open(path, "wb") as handle:
            handle.write(data)
        for item in read_paths([folder]):
            assert_clean(item)


def test_faults_file_shorter_than_its_header_with_a_wal_is_not_truncated(small_db: Path,
                                                                         tmp_path: Path):
    """A checkpoint killed while copying pages from the WAL leaves the main file shorter than
    its header says; the WAL still holds every page, so the database is whole (a killed
    ingest met this) and must open, not be called truncated."""
    work = tmp_path / "work.db"
    shutil.copy(small_db, work)
    con = sqlite3.connect(work)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("VACUUM")  # every page written again, into the WAL only
    db = tmp_path / "killed.db"
    data = work.read_bytes()
    db.write_bytes(data[: len(data) // 2])  # the checkpoint got halfway
    shutil.copy(tmp_path / "work.db-wal", tmp_path / "killed.db-wal")
    con.close()
    code, out, err = cli_run("stats", "--db", str(db), "--json")
    assert code == 0, err
    expected = cli_run("stats", "--db", str(small_db), "--json")[1]
    assert json.loads(out)["articles"] == json.loads(expected)["articles"]
    # the same short file without its WAL is truncated
    (tmp_path / "killed.db-wal").unlink()
    code, _, err = cli_run("stats", "--db", str(db))
    assert code == 4 and "truncated database" in err, err
