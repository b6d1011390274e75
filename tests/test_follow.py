"""follow and watch: feeds, sitemaps and pages served by a local HTTP server on 127.0.0.1
(started here; no outside network), and a folder whose files appear between polls.

The articles are short fictional reports written for these tests.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.ingest.follow import (
    Fetcher,
    FetchSettings,
    FolderWatcher,
    Follower,
    Page,
    absolute_link,
    article_id,
    failure_reason,
    links_in,
    page_text,
    parse_interval,
    watch_round,
)
from newsgraph.library import Newsgraph

# --- made-up articles -------------------------------------------------------------------

TOWNS = ["Harrowgate Bay", "Kelvedon Marsh", "Ostry Falls", "Pennock Vale", "Quarry End",
         "Redmere", "Saltings Cross", "Tollbridge", "Upper Wyke", "Varley Down"]
PEOPLE = ["Marta Kellaway", "Dominic Ashby", "Priya Hollins", "Owen Treharne", "Lena Fosse",
          "Gareth Pryce", "Ines Calloway", "Tomas Reddick", "Hana Osei", "Felix Marwood"]


def story(n: int) -> tuple[str, str]:
    """Title and HTML of made-up report number ``n``."""
    town, person = TOWNS[n % len(TOWNS)], PEOPLE[n % len(PEOPLE)]
    title = f"{town} council votes on new flood barrier, report {n}"
    body = (
        f"<p>The council in {town} voted on Tuesday to fund a new flood barrier along the "
        f"river, after three winters in which the lower streets were under water.</p>"
        f"<p>\"We cannot ask families to keep sandbags by the door for ever,\" said "
        f"{person}, who chairs the council's works committee. The barrier is expected to "
        f"cost about {n + 2} million pounds and should be finished within two years.</p>"
        f"<p>Shopkeepers on the harbour road said they welcomed the decision but worried "
        f"about months of building work during the summer season, when most visitors "
        f"arrive. {person} said the work would pause in August.</p>"
    )
    html = (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
        f"<meta name=\"author\" content=\"Staff Reporter\">"
        f"<meta property=\"article:published_time\" content=\"2024-05-{n + 1:02d}\">"
        f"<meta property=\"og:site_name\" content=\"The Coastal Echo\"></head>"
        f"<body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>All rights reserved.</footer></body></html>"
    )
    return title, html


# --- the local server ---------------------------------------------------------------------


class Site:
    """What the server answers: path -> (status, content type, body, seconds to wait first,
    extra headers); ``hits`` counts requests per path."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes, float, dict[str, str]]] = {}
        self.hits: Counter[str] = Counter()
        self.base = ""

    def add(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8",
            status: int = 200, wait: float = 0.0, **headers: str) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = (status, ctype, data, wait, headers)

    def url(self, path: str) -> str:
        return self.base + path


def serve(site: Site) -> Iterator[Site]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.hits[self.path] += 1
            status, ctype, body, wait, headers = site.pages.get(
                self.path, (404, "text/plain", b"not found", 0.0, {}))
            if wait:
                time.sleep(wait)
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (a timeout): nothing to answer
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


def rss(site: Site, paths: list[str]) -> str:
    items = "".join(f"<item><title>item {p}</title><link>{site.url(p)}</link></item>"
                    for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Coastal Echo</title><link>{site.url('/')}</link>{items}</channel></rss>")


def atom(site: Site, paths: list[str]) -> str:
    entries = "".join(f'<entry><title>entry</title><link rel="alternate" href="{p}"/>'
                      f"<id>{site.url(p)}</id></entry>" for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Coastal Echo</title><link rel="self" href="{site.url("/atom.xml")}"/>'
            f"{entries}</feed>")


def sitemap(site: Site, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{site.url(p)}</loc></url>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


SETTINGS = FetchSettings(timeout=1, delay=0.0, max_bytes=100_000, allow_private=True)


# --- three rounds of follow -----------------------------------------------------------------


def test_follow_three_rounds_stores_each_new_article_once_and_retries_failures(
    site: Site, tmp_path: Path
) -> None:
    for n in range(8):
        site.add(f"/news/{n}", story(n)[1])
    site.add("/news/slow", story(20)[1], wait=3.0)  # longer than the 1 s timeout
    site.add("/files/budget.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf")
    site.add("/moved", b"", status=302, Location=site.url("/news/3").replace(
        "127.0.0.1", "localhost"))
    site.add("/news/huge", "<html><body><p>" + "word " * 40_000 + "</p></body></html>")
    site.add("/news/index", "<html><body><ul><li>Home</li><li>Sport</li></ul></body></html>")
    failing = ["/news/slow", "/files/budget.pdf", "/moved", "/news/huge", "/news/index"]
    site.add("/rss.xml", rss(site, ["/news/0", "/news/1", *failing]), "application/rss+xml")
    site.add("/atom.xml", atom(site, ["/news/1", "/news/2"]), "application/atom+xml")
    site.add("/sitemap.xml", sitemap(site, ["/news/4"]), "application/xml")
    sources = [site.url("/rss.xml"), site.url("/atom.xml"), site.url("/sitemap.xml")]
    db = tmp_path / "follow.db"

    with Newsgraph(db) as ng:
        follower = Follower(ng, Fetcher(SETTINGS))
        first = follower.round(sources)
        assert sorted(first.new) == sorted(site.url(f"/news/{n}") for n in (0, 1, 2, 4))
        reasons = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in first.failed}
        assert set(reasons) == {site.url(p) for p in failing}
        assert "timed out" in reasons[site.url("/news/slow")]
        assert "not an HTML page (content type application/pdf)" == \
            reasons[site.url("/files/budget.pdf")]
        assert reasons[site.url("/moved")].startswith("redirected to another host: http://localhost:")
        assert "too large" in reasons[site.url("/news/huge")]
        assert reasons[site.url("/news/index")].startswith("not an article")
        assert first.ingest is not None and first.ingest.stored == 4

        # round 2: new items in two sources; the slow page now answers at once
        site.add("/news/slow", story(20)[1])
        site.add("/rss.xml", rss(site, ["/news/5", "/news/0", "/news/1", *failing]),
                 "application/rss+xml")
        site.add("/atom.xml", atom(site, ["/news/6", "/news/1", "/news/2"]),
                 "application/atom+xml")
        second = follower.round(sources)
        assert sorted(second.new) == sorted(site.url(p) for p in ("/news/5", "/news/6",
                                                                   "/news/slow"))
        assert second.seen == 4
        assert len(second.failed) == 4 and not any("slow" in line for line in second.failed)

        # round 3: only the sitemap has something new
        site.add("/sitemap.xml", sitemap(site, ["/news/4", "/news/7"]), "application/xml")
        third = follower.round(sources)
        assert third.new == [site.url("/news/7")]
        assert third.seen == 7 and len(third.failed) == 4
        assert f"{site.url('/files/budget.pdf')}: not an HTML page (content type " \
               "application/pdf) (attempt 3)" in third.failed

        stats = ng.stats()
        stored = {row["url"]: row for row in ng.store.followed()}
        article = ng.article(article_id(site.url("/news/2")))

    expected = {f"/news/{n}" for n in (0, 1, 2, 4, 5, 6, 7)} | {"/news/slow"}
    assert stats["articles"] == len(expected)
    for path in expected - {"/news/slow"}:  # fetched once, however often feeds list it
        assert site.hits[path] == 1, path
    assert site.hits["/news/slow"] >= 2  # timed out in round 1, fetched again in round 2
    assert site.hits["/moved"] == 3  # the redirect elsewhere: tried each round, never stored
    assert ng_article_missing(db, article_id(site.url("/news/3")))
    assert stored[site.url("/news/slow")]["status"] == "stored"
    assert stored[site.url("/news/slow")]["attempts"] == 2
    assert stored[site.url("/files/budget.pdf")]["status"] == "failed"
    assert stored[site.url("/files/budget.pdf")]["attempts"] == 3
    assert stored[site.url("/news/0")]["content_hash"]
    assert stored[site.url("/news/0")]["host"] == site.base.split("//")[1]
    assert article is not None
    header = article["article"]
    assert header["url"] == site.url("/news/2")
    assert header["source"] == "The Coastal Echo"
    assert header["published"] == "2024-05-03"
    assert header["meta"]["fetched_at"] and header["meta"]["outlet"] == site.base.split("//")[1]


def ng_article_missing(db: Path, article: str) -> bool:
    with Newsgraph(db, read_only=True) as ng:
        return ng.article(article) is None and ng.article(article.replace(
            "127.0.0.1", "localhost")) is None


def test_follow_reports_a_source_that_cannot_be_read_and_keeps_the_others(
    site: Site, tmp_path: Path
) -> None:
    site.add("/news/0", story(0)[1])
    site.add("/feed", rss(site, ["/news/0"]), "application/rss+xml")
    site.add("/news/1", story(1)[1])
    site.add("/feed-2", rss(site, ["/news/1"]), "application/rss+xml")
    site.add("/old-feed", b"", status=301, Location=site.url("/feed-2").replace(
        "127.0.0.1", "localhost"))  # a feed that moved to a feed host: followed
    site.add("/about", "<html><body><p>We are a small paper.</p></body></html>")
    with Newsgraph(tmp_path / "f.db") as ng:
        report = Follower(ng, Fetcher(SETTINGS)).round(
            [site.url("/gone.xml"), site.url("/about"), site.url("/feed"),
             site.url("/old-feed")])
    assert report.new == [site.url("/news/0"), site.url("/news/1")]
    assert len(report.failed) == 2
    assert f"{site.url('/gone.xml')}: HTTP status 404" in report.failed
    assert any(line.startswith(site.url("/about") + ": not a feed") for line in report.failed)


def test_fetcher_waits_between_two_requests_to_one_host(site: Site) -> None:
    site.add("/a", "<html></html>")
    waits: list[float] = []
    fetcher = Fetcher(FetchSettings(timeout=1, delay=10.0, allow_private=True),
                      clock=lambda: 100.0, sleep=waits.append)
    fetcher.get(site.url("/a"))
    assert waits == []
    fetcher.get(site.url("/a"))
    assert waits == [10.0]


def test_fetcher_refuses_a_local_address_unless_allowed(site: Site) -> None:
    site.add("/a", "<html></html>")
    refused = Fetcher(FetchSettings(timeout=1, delay=0.0)).get(site.url("/a"))
    assert not isinstance(refused, Page)
    assert "local or private address" in refused.reason
    assert isinstance(Fetcher(SETTINGS).get(site.url("/a")), Page)


def test_follow_sends_a_clear_user_agent(site: Site) -> None:
    seen: list[str] = []

    class Agent(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:  # noqa: N802
            seen.append(self.headers.get("User-Agent", ""))
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Agent)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        Fetcher(SETTINGS).get(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert seen and seen[0].startswith("newsgraph/")


# --- parsing feeds and sitemaps ------------------------------------------------------------


def page(url: str, body: str, ctype: str = "text/xml") -> Page:
    return Page(url, url, body.encode(), ctype)


def test_links_in_reads_rss_atom_and_json_feeds() -> None:
    base = "http://news.example.org"
    site = Site()
    site.base = base
    kind, links, more = links_in(page(base + "/rss", rss(site, ["/a", "/b", "/a"])))
    assert (kind, links, more) == ("feed", [base + "/a", base + "/b"], [])
    kind, links, _ = links_in(page(base + "/atom", atom(site, ["/c"])))
    assert kind == "feed" and links == [base + "/c"]
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1",
                       "items": [{"id": "1", "url": base + "/d"}]})
    assert links_in(page(base + "/feed.json", feed, "application/feed+json"))[1] == [base + "/d"]


def test_links_in_reads_sitemaps_nested_and_plain_text() -> None:
    base = "http://127.0.0.1:9"
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9"><sitemap><loc>{base}/sitemap-2024.xml</loc></sitemap></sitemapindex>')
    assert links_in(page(base + "/sitemap.xml", index)) == ("sitemap", [],
                                                            [base + "/sitemap-2024.xml"])
    text = f"{base}/news/a\n{base}/news/b\n"
    kind, links, _ = links_in(page(base + "/sitemap.txt", text, "text/plain"))
    assert kind == "sitemap" and links == [base + "/news/a", base + "/news/b"]


def test_links_in_a_web_page_gives_the_feeds_it_names_and_a_plain_page_nothing() -> None:
    base = "http://news.example.org"
    home = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
            "</head><body><p>Front page</p></body></html>")
    assert links_in(page(base + "/", home, "text/html")) == ("page", [], [base + "/rss.xml"])
    plain = "<html><body><p>About us</p></body></html>"
    assert links_in(page(base + "/about", plain, "text/html")) == ("page", [], [])


# --- small rules --------------------------------------------------------------------------


def test_parse_interval_reads_units_and_refuses_the_rest() -> None:
    assert parse_interval("90") == 90
    assert parse_interval("5s") == 5
    assert parse_interval("15m") == 900
    assert parse_interval("2h") == 7200
    assert parse_interval("1d") == 86400
    for bad in ("", "soon", "15 minutes", "0s", "-5m"):
        with pytest.raises(ValueError):
            parse_interval(bad)


def test_article_id_is_the_url_without_scheme_fragment_or_trailing_slash() -> None:
    assert article_id("https://News.Example.org/2024/05/flood/#top") == \
        "news.example.org/2024/05/flood"
    assert article_id("http://127.0.0.1:8000/story?id=7") == "127.0.0.1:8000/story?id=7"
    assert article_id("https://a.org/x") != article_id("https://b.org/x")


def test_absolute_link_keeps_only_web_links() -> None:
    assert absolute_link("http://a.org/feed", "/news/1#c") == "http://a.org/news/1"
    assert absolute_link("http://a.org/feed", "https://b.org/x") == "https://b.org/x"
    for bad in ("mailto:desk@a.org", "javascript:void(0)", "", "ftp://a.org/f"):
        assert absolute_link("http://a.org/feed", bad) is None


def test_failure_reason_names_the_cause() -> None:
    s = FetchSettings(timeout=7, max_bytes=1000)
    assert failure_reason(["download error: http://x ReadTimeoutError(Read timed out.)"], s) \
        == "timed out (no answer within 7s)"
    assert failure_reason(["download error: http://x decompressed content exceeds "
                           "MAX_FILE_SIZE"], s) == "too large: more than 1000 bytes"
    assert failure_reason(["download error: http://x NewConnectionError(Connection refused)"],
                          s) == "connection refused"
    assert failure_reason(["download error: http://x something odd"], s) == \
        "download failed: something odd"
    assert failure_reason([], s) == "download failed"


def test_page_text_reads_a_mislabelled_charset_with_a_warning() -> None:
    words = "Le conseil municipal a voté une digue contre les crues de la rivière. " * 20
    right = Page("http://a.org/x", "http://a.org/x", words.encode("utf-8"),
                 "text/html; charset=utf-8")
    assert page_text(right) == (words, [])
    wrong = Page("http://a.org/x", "http://a.org/x", words.encode("cp1252"),
                 "text/html; charset=utf-8")
    decoded = page_text(wrong)
    assert isinstance(decoded, tuple)
    text, warnings = decoded
    assert "\ufffd" not in text and "voté" in text
    assert warnings and "utf-8" in warnings[0]


# --- watching a folder --------------------------------------------------------------------


def article_text(n: int) -> str:
    town, person = TOWNS[n % len(TOWNS)], PEOPLE[n % len(PEOPLE)]
    return (f"The ferry between {town} and the mainland will run twice a day from June, "
            f"the harbour board said on Monday.\n\n\"Islanders have waited long enough,\" "
            f"said {person}, the board's chair.\n")


def test_folder_watcher_waits_for_a_file_to_stop_changing(tmp_path: Path) -> None:
    watcher = FolderWatcher(tmp_path)
    assert watcher.poll() == ([], [])
    (tmp_path / "a.txt").write_text(article_text(0))
    assert watcher.poll() == ([], [str(tmp_path / "a.txt")])  # new: maybe still written
    partial = tmp_path / "b.txt"
    partial.write_text(article_text(1)[:40])
    ready, growing = watcher.poll()
    assert ready == [str(tmp_path / "a.txt")] and growing == [str(partial)]
    watcher.mark_read(ready)
    with partial.open("a") as f:
        f.write(article_text(1)[40:])
    assert watcher.poll() == ([], [str(partial)])  # grew since the last look
    assert watcher.poll() == ([str(partial)], [])
    watcher.mark_read([str(partial)])
    (tmp_path / ".b.txt.tmp").write_text("half")  # hidden: never read
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "c.txt.part").write_text(article_text(5))  # a download not yet renamed
    assert watcher.poll() == ([], [])
    assert watcher.poll() == ([], [])
    (tmp_path / "c.txt.part").rename(tmp_path / "c.txt")
    assert watcher.poll() == ([], [str(tmp_path / "c.txt")])


def test_watch_ingests_files_as_they_appear_and_skips_a_partial_one(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "one.txt").write_text(article_text(2))
    watcher = FolderWatcher(folder)
    with Newsgraph(tmp_path / "w.db") as ng:
        assert watch_round(ng, watcher) == (None, [str(folder / "one.txt")])
        (folder / "two.txt").write_text(article_text(3)[:30])  # being written
        report, growing = watch_round(ng, watcher)
        assert report is not None and report.stored == 1 and growing == [str(folder / "two.txt")]
        with (folder / "two.txt").open("a") as f:
            f.write(article_text(3)[30:])
        assert watch_round(ng, watcher) == (None, [str(folder / "two.txt")])
        report, growing = watch_round(ng, watcher)
        assert report is not None and report.stored == 1 and growing == []
        assert watch_round(ng, watcher) == (None, [])  # nothing read twice
        assert ng.stats()["articles"] == 2
        assert ng.article("two")["text"] == article_text(3)


# --- the commands -----------------------------------------------------------------------


def test_cli_follow_once_prints_the_round(site: Site, tmp_path: Path) -> None:
    site.add("/news/0", story(0)[1])
    site.add("/files/a.pdf", b"%PDF-1.4\n", "application/pdf")
    site.add("/rss.xml", rss(site, ["/news/0", "/files/a.pdf"]), "application/rss+xml")
    db = str(tmp_path / "c.db")
    args = ["follow", site.url("/rss.xml"), "--once", "--db", db, "--timeout", "1",
            "--delay", "0", "--allow-private"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert f"new: {site.url('/news/0')}" in result.stdout
    assert "1 source(s), 2 link(s): 1 new, 0 seen before, 1 failed" in result.stdout
    assert f"failed: {site.url('/files/a.pdf')}: not an HTML page" in result.stderr
    again = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert "0 new, 1 seen before, 1 failed" in again.stdout
    bad = CliRunner().invoke(cli, [*args, "--every", "soon"])
    assert bad.exit_code == 2 and "not an interval" in bad.stderr


def test_cli_watch_once_ingests_a_complete_file(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "ferry.txt").write_text(article_text(4))
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(cli, ["watch", str(folder), "--once", "--db", db],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "1 stored, 0 unchanged, 0 updated, 0 rejected" in result.stdout


def test_cli_watch_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    folder = tmp_path / "drop"
    folder.mkdir()
    command = [sys.executable, "-m", "newsgraph.cli", "watch", str(folder), "--every", "1s",
               "--db", str(tmp_path / "w.db")]
    # a test run started without a terminal may have inherited SIGINT ignored, and Python
    # then installs no Ctrl-C handler in the child: give it the default, as a terminal does
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith(f"watching {folder} every 1s")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped after" in err and "Traceback" not in err


def test_page_text_refuses_bytes_no_encoding_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura.utils

    # trafilatura's last resort replaces what it cannot decode with U+FFFD
    monkeypatch.setattr(trafilatura.utils, "decode_file",
                        lambda data, max_size=None: data.decode("utf-8", "replace"))
    data = "Le conseil a voté.".encode("cp1252")
    labelled = page_text(Page("http://a.org/x", "http://a.org/x", data,
                              "text/html; charset=utf-8"))
    assert labelled == "wrong encoding: not utf-8 as it says, and no encoding reads its bytes"
    assert page_text(Page("http://a.org/x", "http://a.org/x", data, "text/html")) == \
        "wrong encoding: no encoding reads its bytes"
    readable = "Le conseil a voté \ufffd.".encode()  # a U+FFFD the page itself holds
    assert page_text(Page("http://a.org/x", "http://a.org/x", readable, "text/html")) == \
        ("Le conseil a voté \ufffd.", [])


def test_fetcher_says_connection_refused_for_a_port_nobody_listens_on() -> None:
    import socket

    with socket.socket() as sock:  # a free port, closed again at once
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    failure = Fetcher(SETTINGS).get(f"http://127.0.0.1:{port}/rss.xml")
    assert not isinstance(failure, Page)
    assert failure.reason == "connection refused"


def test_follow_interrupted_keeps_what_it_committed_and_fetches_only_the_rest(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.library

    monkeypatch.setattr(newsgraph.library, "BATCH", 2)  # commits every two articles
    for n in range(6):
        site.add(f"/news/{n}", story(n)[1])
    site.add("/rss.xml", rss(site, [f"/news/{n}" for n in range(6)]), "application/rss+xml")

    class Interrupted(Fetcher):
        def get(self, url: str, same_host: bool = True):  # type: ignore[override]
            if url.endswith("/news/5"):
                raise KeyboardInterrupt  # Ctrl-C while the sixth page is fetched
            return super().get(url, same_host)

    db = tmp_path / "r.db"
    with Newsgraph(db) as ng:
        with pytest.raises(KeyboardInterrupt):
            Follower(ng, Interrupted(SETTINGS)).round([site.url("/rss.xml")])
        kept = {row["url"] for row in ng.store.followed() if row["status"] == "stored"}
        assert kept and len(kept) < 6
        assert ng.stats()["articles"] == len(kept)
        again = Follower(ng, Fetcher(SETTINGS)).round([site.url("/rss.xml")])
        assert again.seen == len(kept)
        assert sorted(again.new + sorted(kept)) == sorted(site.url(f"/news/{n}")
                                                          for n in range(6))
        assert ng.stats()["articles"] == 6
    for url in kept:  # what the first run committed was not fetched again
        assert site.hits[url.removeprefix(site.base)] == 1
