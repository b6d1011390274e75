"""Following feeds, sitemaps and folders: articles read as they are published.

``Follower.round(sources)`` reads each RSS/Atom/JSON feed or XML/TXT sitemap, fetches every
page it lists that the database has not stored yet (``newsgraph.store.followed`` remembers
each URL, its content hash, fetch time, host, outcome and attempts), extracts the article
with trafilatura and hands the articles to ``Newsgraph.ingest_articles``: the same path as
``ingest`` (one writer, batches, cross-article stages, per-item errors, resumable).

Fetching goes through trafilatura's ``fetch_response`` with its settings (timeout, maximum
size, redirects, user agent) and a delay between two requests to one host. Each page that
cannot be had is one ``url: reason`` line (timed out, too large, redirected to another host,
not HTML, no article in it, undecodable text, HTTP status ...): it costs nothing else and is
tried again on the next round.

``FolderWatcher`` polls a folder: a file is read once its size and modification time are
the same on two polls in a row (a file still being written waits), and not again until it
changes.

trafilatura's own ``find_feed_urls`` and ``sitemap_search`` fetch by themselves (without
saying why a fetch failed) and keep only URLs with a registered domain name, so the feed and
sitemap are fetched here and parsed with their parsers (``feeds.find_links``,
``SitemapObject``, ``feeds.determine_feed`` for a page that names its feeds).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from configparser import ConfigParser
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit

from newsgraph.ingest.common import looks_binary
from newsgraph.ingest.html import MIN_BODY_WORDS, page_meta
from newsgraph.ingest.records import as_text, published_day
from newsgraph.model import Article, ReadError, ReadWarning

if TYPE_CHECKING:
    from newsgraph.library import Event, IngestReport, Newsgraph


def _version() -> str:
    try:
        return version("newsgraph")
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "0"


USER_AGENT = f"newsgraph/{_version()} (news monitoring; follows feeds, one page at a time)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_SITEMAPS = 20  # nested sitemaps read per source and round
MAX_FEEDS_FROM_PAGE = 3  # feeds a web page names that are read in its stead
STORED = ("stored", "updated", "unchanged")
# Names downloaders and editors give a file while they write it (renamed when complete).
PARTIAL_SUFFIXES = frozenset({".part", ".partial", ".tmp", ".crdownload", ".download", ".swp"})  # the ingest events of an article in the store


@dataclass(frozen=True)
class FetchSettings:
    """How politely pages are fetched: ``timeout`` seconds per request (a whole number:
    trafilatura's setting), ``max_bytes`` per page, ``delay`` seconds between two requests
    to one host, ``max_redirects``; ``allow_private`` lets requests reach loopback and
    private addresses (trafilatura blocks them by default)."""

    timeout: int = 30
    max_bytes: int = 5_000_000
    delay: float = 5.0
    max_redirects: int = 2
    user_agent: str = USER_AGENT
    allow_private: bool = False

    def config(self) -> ConfigParser:
        """trafilatura's configuration with these settings."""
        from trafilatura.settings import use_config

        config = use_config()
        config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(max(1, int(self.timeout))))
        config.set("DEFAULT", "MAX_FILE_SIZE", str(int(self.max_bytes)))
        config.set("DEFAULT", "MAX_REDIRECTS", str(int(self.max_redirects)))
        config.set("DEFAULT", "USER_AGENTS", self.user_agent)
        config.set("DEFAULT", "SLEEP_TIME", str(self.delay))
        config.set("DEFAULT", "SSRF_PROTECTION", "off" if self.allow_private else "on")
        return config


@dataclass(frozen=True)
class Page:
    """A document fetched: the URL asked for, the one answered (after redirects), bytes."""

    url: str
    final_url: str
    data: bytes
    content_type: str | None = None


@dataclass(frozen=True)
class Failure:
    """Why a URL gave nothing this round."""

    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


def host_of(url: str) -> str:
    """The host of ``url`` (with its port when it has one), lower case."""
    return urlsplit(url).netloc.lower().rsplit("@", 1)[-1]


def article_id(url: str) -> str:
    """A readable, stable article id for a page: its URL without scheme, fragment or
    trailing slash ("news.example.org/2024/05/flood-defences")."""
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host_of(url)}{path}{query}"


def absolute_link(base: str, link: str) -> str | None:
    """``link`` made absolute against ``base`` without its fragment; None unless http(s)."""
    link = (link or "").strip()
    if not link:
        return None
    url = urldefrag(urljoin(base, link))[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


def is_home(url: str, feed: str) -> bool:
    """True for the feed itself and for a site's front page (a feed's own ``<link>``):
    neither is an article."""
    return url == feed or urlsplit(url).path in ("", "/")


def parse_interval(text: str) -> float:
    """Seconds in "90", "45s", "15m", "2h" or "1d"; ValueError otherwise (or when not > 0)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if match is None:
        raise ValueError(f"not an interval: {text!r} (write 30s, 15m, 2h or 1d)")
    seconds = float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match[2]]
    if seconds <= 0:
        raise ValueError(f"the interval must be more than nothing: {text!r}")
    return seconds


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- fetching ------------------------------------------------------------------------


class _Collect(logging.Handler):
    """Keeps what trafilatura logs while it fetches: its only word on why a fetch failed."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


@contextmanager
def trafilatura_messages() -> Iterator[list[str]]:
    """The warnings and errors trafilatura (and urllib3 under it) log inside the block,
    kept off the terminal."""
    loggers = [logging.getLogger(name) for name in ("trafilatura", "urllib3")]
    handler = _Collect()
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def failure_reason(messages: list[str], settings: FetchSettings) -> str:
    """A short reason for a failed fetch, from what trafilatura logged about it."""
    text = " ".join(messages)
    lower = text.lower()
    if "timed out" in lower or "timeout" in lower:
        return f"timed out (no answer within {settings.timeout}s)"
    if "max_file_size" in lower or "oversized" in lower:
        return f"too large: more than {settings.max_bytes} bytes"
    if "ssrf protection" in lower:
        return "a local or private address: refused (allow it with --allow-private)"
    if "too many redirects" in lower:
        return f"too many redirects (more than {settings.max_redirects})"
    if "connection refused" in lower:
        return "connection refused"
    if "name or service not known" in lower or "failed to resolve" in lower:
        return "host not found"
    if messages:
        last = re.sub(r"^download error: \S+\s*", "", messages[-1])
        return f"download failed: {last[:200]}"
    return "download failed"


class Fetcher:
    """Fetches one URL at a time through trafilatura, waiting ``settings.delay`` seconds
    between two requests to the same host (over rounds too)."""

    def __init__(self, settings: FetchSettings | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        self._config = self.settings.config()
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> when its last request ended

    def wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            left = self.settings.delay - (self._clock() - last)
            if left > 0:
                self._sleep(left)

    def get(self, url: str, same_host: bool = True) -> Page | Failure:
        """The document at ``url``, or why there is none (HTTP status, timeout, too large,
        a redirect to another host unless ``same_host`` is False ...)."""
        from trafilatura.downloads import fetch_response

        host = host_of(url)
        self.wait_for(host)
        try:
            with trafilatura_messages() as messages:
                response = fetch_response(url, config=self._config)
        except Exception as exc:  # a third-party fetcher: its failure is this URL's
            return Failure(url, f"download failed: {type(exc).__name__}: {exc}")
        finally:
            self._last[host] = self._clock()
        if response is None:
            return Failure(url, failure_reason(messages, self.settings))
        final = response.url or url
        if same_host and host_of(final) != host:
            return Failure(url, f"redirected to another host: {final}")
        if response.status != 200:
            return Failure(url, f"HTTP status {response.status}")
        headers = response.headers or {}
        return Page(url, final, response.data or b"", headers.get("content-type"))


def attempt_note(attempt: int) -> str:
    """" (attempt 3)" from the second attempt on; nothing for the first."""
    return f" (attempt {attempt})" if attempt > 1 else ""


def charset_of(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return match[1].lower() if match else None


def page_text(page: Page) -> tuple[str, list[str]] | str:
    """The page decoded (its declared charset, else trafilatura's guess) with warnings, or
    why it cannot be (a reason)."""
    from trafilatura.utils import decode_file

    charset = charset_of(page.content_type)
    if charset:
        try:
            return page.data.decode(charset), []
        except (LookupError, UnicodeDecodeError):
            pass
    guessed = decode_file(page.data)
    if "\ufffd" in guessed and "\ufffd".encode() not in page.data:
        said = f"not {charset} as it says, and " if charset else ""
        return f"wrong encoding: {said}no encoding reads its bytes"
    warnings = [f"declared charset {charset} does not fit its bytes: read as detected"] \
        if charset else []
    return guessed, warnings


def page_article(page: Page, source: str, fetched_at: str) -> tuple[Article | None, list[str]]:
    """The article of a fetched page (header from its metadata; url, outlet and fetch time
    kept) with warnings, or (None, [reason])."""
    ctype = (page.content_type or "").split(";")[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        return None, [f"not an HTML page (content type {ctype})"]
    if not page.data.strip():
        return None, ["empty page"]
    if not ctype and looks_binary(page.data):
        return None, ["not an HTML page (binary content)"]
    decoded = page_text(page)
    if isinstance(decoded, str):
        return None, [decoded]
    text, warnings = decoded
    import trafilatura

    try:
        with trafilatura_messages():
            document = trafilatura.bare_extraction(text, url=page.final_url, with_metadata=True)
    except Exception as exc:  # a third-party parser: its failure is this page's
        return None, [f"HTML could not be parsed: {type(exc).__name__}: {exc}"]
    body = (document.text or "") if document is not None else ""
    words = len(body.split())
    if words < MIN_BODY_WORDS:
        return None, [f"not an article: {words} words of main text"]
    published, date_warnings = published_day(document.date, page.url)
    warnings += [w.reason for w in date_warnings]
    host = host_of(page.url)
    meta = {**page_meta(document), "fetched_at": fetched_at, "followed_from": source,
            "outlet": host, "content_hash": hashlib.sha256(page.data).hexdigest()}
    article = Article(
        id=article_id(page.url), text=body, title=as_text(document.title),
        published=published, source=as_text(document.sitename) or host, url=page.url,
        author=as_text(document.author), path=page.url, meta=meta,
    )
    return article, warnings


# --- feeds and sitemaps ------------------------------------------------------------------


def links_in(page: Page) -> tuple[str, list[str], list[str]]:
    """What a feed or sitemap lists: (kind, page links, more sources to read: nested
    sitemaps, or the feeds a web page names). Kind: feed, sitemap, page or unknown."""
    from trafilatura import feeds

    text = page_text(page)
    content = text[0] if isinstance(text, tuple) else page.data.decode("utf-8", "replace")
    content = content.lstrip("\ufeff").strip()
    head = content[:1000]
    domain = host_of(page.final_url)
    base = f"{urlsplit(page.final_url).scheme}://{domain}"
    with trafilatura_messages():
        if re.search(r"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b", head):
            return "sitemap", *sitemap_links(base, domain, page.final_url, content)
        params = feeds.FeedParameters(base, domain, page.final_url)
        if feeds.is_potential_feed(content) or content.startswith("{"):
            raw = feeds.find_links(content, params)
            links = [absolute_link(page.final_url, link) for link in raw]
            return "feed", _unique(u for u in links if u and not is_home(u, page.final_url)), []
        if "<html" in head.lower():
            named = feeds.determine_feed(content, params)[:MAX_FEEDS_FROM_PAGE]
            return "page", [], _unique(named)
        if not looks_binary(page.data) and re.match(r"https?://", content):
            # a plain-text sitemap: one URL a line
            return "sitemap", *sitemap_links(base, domain, page.final_url, content)
    return "unknown", [], []


def _unique(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def sitemap_links(base: str, domain: str, url: str, content: str) -> tuple[list[str], list[str]]:
    """(page links, nested sitemaps) of a sitemap's text, by trafilatura's sitemap reader
    (XML or plain text), keeping links of any host it can fetch: its own check keeps only
    hosts with a registered domain name, which leaves out an intranet or 127.0.0.1."""
    from trafilatura.sitemaps import DETECT_SITEMAP_LINK, SitemapObject

    class Sitemap(SitemapObject):
        def handle_link(self, link: str) -> None:
            found = absolute_link(self.current_url, link)
            if found is None or found == self.current_url:
                return
            (self.sitemap_urls if DETECT_SITEMAP_LINK.search(found) else self.urls).append(found)

    sitemap = Sitemap(base, domain, [])
    sitemap.current_url = url
    sitemap.content = content
    sitemap.process()
    return _unique(sitemap.urls), _unique(sitemap.sitemap_urls)


# --- one round -------------------------------------------------------------------------


@dataclass
class FollowReport:
    """What one round of ``follow`` did."""

    sources: int = 0
    listed: int = 0  # distinct page links the sources list
    seen: int = 0  # stored in an earlier round: not fetched again
    new: list[str] = field(default_factory=list)  # URLs stored (or updated) this round
    failed: list[str] = field(default_factory=list)  # "url: reason", sources and pages
    warnings: list[str] = field(default_factory=list)
    ingest: IngestReport | None = None

    def summary(self) -> str:
        return (f"{self.sources} source(s), {self.listed} link(s): {len(self.new)} new, "
                f"{self.seen} seen before, {len(self.failed)} failed")

    def to_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "listed": self.listed, "seen": self.seen,
                "new": self.new, "failed": self.failed, "warnings": self.warnings,
                "ingest": self.ingest.to_dict() if self.ingest else None}


class Follower:
    """Rounds of ``follow`` into one database: ``Follower(ng).round(["https://.../rss"])``."""

    def __init__(self, ng: Newsgraph, fetcher: Fetcher | None = None) -> None:
        self.ng = ng
        self.fetcher = fetcher or Fetcher()

    def round(self, sources: Iterable[str], on_event: Event | None = None) -> FollowReport:
        """Read every source, fetch the pages not stored yet, store their articles."""
        report = FollowReport()
        emit = on_event or (lambda kind, detail: None)
        listed: dict[str, str] = {}  # page url -> the source that listed it
        for source in _unique(sources):
            report.sources += 1
            for url in self.source_links(source, report, emit):
                listed.setdefault(url, source)
        report.listed = len(listed)
        store = self.ng.store
        done = store.followed_done(listed)
        report.seen = len(done)
        todo: dict[str, str] = {}  # article id -> url (two URLs of one id: the first)
        for url in listed:
            if url not in done:
                todo.setdefault(article_id(url), url)
        tries = store.followed_attempts(todo.values())
        fetched: dict[str, Article] = {}  # article id -> the article fetched

        def items() -> Iterator[Article | ReadError | ReadWarning]:
            for url in todo.values():
                item = self.fetch_article(url, listed[url])
                if isinstance(item, Failure):
                    note = attempt_note(tries.get(url, 0) + 1)
                    report.failed.append(f"{item}{note}")
                    store.record_fetch(url, listed[url], host_of(url), "failed", utc_now(),
                                       reason=item.reason)
                    yield ReadError(url, item.reason + note)
                    continue
                article, warnings = item
                for warning in warnings:
                    report.warnings.append(f"{url}: {warning}")
                    yield ReadWarning(url, warning)
                fetched[article.id] = article
                yield article

        def track(kind: str, detail: str) -> None:
            """Note each article as soon as it is committed (an interrupted round loses
            nothing it stored)."""
            article = fetched.pop(detail, None) if kind in STORED else None
            if article is not None:
                self._record(article, kind, report)
            emit(kind, detail)

        ingest = self.ng.ingest_articles(items(), on_event=track)
        report.ingest = ingest
        for article in fetched.values():  # fetched, but the analysis or the store failed
            url = article.path or article.id
            prefix = url + ": "
            reason = next((line[len(prefix):] for line in ingest.errors
                           if line.startswith(prefix)), "not stored")
            report.failed.append(prefix + reason)
            store.record_fetch(url, article.meta["followed_from"], article.meta["outlet"],
                               "failed", article.meta["fetched_at"], reason=reason)
        return report

    def _record(self, article: Article, status: str, report: FollowReport) -> None:
        url, meta = article.path or article.id, article.meta
        if status == "unchanged":  # stored before, by a run that ended before noting it
            report.seen += 1
        else:
            report.new.append(url)
        self.ng.store.record_fetch(url, meta["followed_from"], meta["outlet"], status,
                                   meta["fetched_at"], article_id=article.id,
                                   content_hash=meta["content_hash"])

    def source_links(self, source: str, report: FollowReport, emit: Event) -> list[str]:
        """The page links of one feed or sitemap (nested sitemaps and the feeds a web page
        names read too); a source that cannot be read is one failure line."""
        queue, seen, links = [source], set(), []
        while queue and len(seen) < MAX_SITEMAPS:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            page = self.fetcher.get(url, same_host=False)  # a feed may move to a feed host
            if isinstance(page, Failure):
                report.failed.append(str(page))
                emit("rejected", str(page))
                continue
            kind, found, more = links_in(page)
            if kind == "unknown" or (not found and not more and kind == "page"):
                failure = Failure(url, "not a feed or a sitemap (no RSS, Atom, JSON feed or "
                                       "sitemap in it)")
                report.failed.append(str(failure))
                emit("rejected", str(failure))
            links += found
            queue += [m for m in more if m not in seen]
        return _unique(links)

    def fetch_article(self, url: str, source: str) -> tuple[Article, list[str]] | Failure:
        page = self.fetcher.get(url)
        if isinstance(page, Failure):
            return page
        article, notes = page_article(page, source, utc_now())
        if article is None:
            return Failure(url, notes[0])
        return article, notes


# --- watching a folder -------------------------------------------------------------------


Signature = tuple[int, int]  # (size, mtime in ns)


@dataclass
class FolderWatcher:
    """Which files of a folder are ready to read: unchanged since the last poll (complete)
    and not read already in this state."""

    folder: Path
    last: dict[str, Signature] = field(default_factory=dict)  # path -> as the last poll saw it
    done: dict[str, Signature] = field(default_factory=dict)  # path -> as it was when read

    def snapshot(self) -> dict[str, Signature]:
        """Every article file under the folder (hidden ones and metadata tables left out)."""
        from newsgraph.ingest import walk_files
        from newsgraph.ingest.formats import NON_ARTICLE_EXTENSIONS, is_metadata_file

        found: dict[str, Signature] = {}
        for item in walk_files(self.folder):
            if not isinstance(item, Path) or is_metadata_file(item):
                continue
            if item.suffix.lower() in NON_ARTICLE_EXTENSIONS | PARTIAL_SUFFIXES:
                continue
            try:
                stat = os.stat(item)
            except OSError:  # gone between the listing and now
                continue
            found[str(item)] = (stat.st_size, stat.st_mtime_ns)
        return found

    def poll(self) -> tuple[list[str], list[str]]:
        """(files ready to read now, files still changing since the last poll)."""
        now = self.snapshot()
        ready, growing = [], []
        for path, signature in sorted(now.items()):
            if self.done.get(path) == signature:
                continue
            if self.last.get(path) == signature:
                ready.append(path)
            else:
                growing.append(path)
        self.last = now
        return ready, growing

    def mark_read(self, paths: Iterable[str]) -> None:
        for path in paths:
            if path in self.last:
                self.done[path] = self.last[path]


def watch_round(ng: Newsgraph, watcher: FolderWatcher,
                on_event: Event | None = None) -> tuple[IngestReport | None, list[str]]:
    """Ingest the files that are ready (by ``Newsgraph.ingest``); the report (None when
    nothing was ready) and the files still being written."""
    ready, growing = watcher.poll()
    if not ready:
        return None, growing
    report = ng.ingest(ready, on_event=on_event or (lambda kind, detail: None))
    watcher.mark_read(ready)
    return report, growing
