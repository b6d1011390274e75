"""The pages: each view asks the library, builds one data dict, and ``render`` answers it as
HTML (a Jinja2 template, autoescaped) or, on the ``.json`` twin route or with
``?format=json``, as that same dict in JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote as url_quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader

from newsgraph.api import Limit, Offset, library, page
from newsgraph.model import QUOTE_MODES, QuoteKind
from newsgraph.quoteview import ALL_MODES, DEFAULT_MODES, flat_quote, quote_modes
from newsgraph.web.present import (
    HIT_AFTER,
    HIT_BEFORE,
    colour_indexes,
    graph_layout,
    highlight_segments,
    how_resolved,
    quote_pieces,
    quote_shown,
    snippet_parts,
    speaker_key,
    speaker_label,
)

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                        trim_blocks=True, lstrip_blocks=True)
TEMPLATES.filters["urlpart"] = lambda value: url_quote(str(value), safe="")
TEMPLATES.filters["percent"] = lambda value: f"{float(value or 0) * 100:.0f}%"
TEMPLATES.globals["shown"] = quote_shown  # a listed quotation's evidence and words
# Only web addresses become links (never javascript: or data: from an article's metadata).
TEMPLATES.tests["http_url"] = lambda value: isinstance(value, str) and value.lower().startswith(
    ("http://", "https://"))

# Pages run no inline script or style: everything comes from /static.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

web_router = APIRouter(include_in_schema=False)

# The who-quotes-whom picture: its size, and room left at the sides for the names.
GRAPH_WIDTH, GRAPH_HEIGHT, GRAPH_MARGIN = 1100, 700, 250


def twin(path: str, json_path: str | None = None) -> Callable[[Callable], Callable]:
    """Register a view at ``path`` and at its JSON twin (``path.json``), the twin first so
    that a path parameter never swallows the ``.json``."""

    def register(view: Callable) -> Callable:
        web_router.add_api_route(json_path or f"{path}.json", view, methods=["GET"])
        web_router.add_api_route(path, view, methods=["GET"])
        return view

    return register


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.query_params.get("format") == "json"


def json_twin_url(request: Request) -> str:
    path = url_quote(request.url.path, safe="/")
    twin_path = "/index.json" if path == "/" else f"{path}.json"
    return twin_path + (f"?{request.url.query}" if request.url.query else "")


def render(request: Request, template: str, data: dict[str, Any], status: int = 200,
           **html_only: Any) -> Response:
    """``data`` as JSON for the twin, else the template over ``data`` and ``html_only``."""
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    html = TEMPLATES.get_template(template).render(
        data=data, json_url=json_twin_url(request), request=request, **html_only
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


@twin("/", json_path="/index.json")
async def index(request: Request, limit: Limit = 25, offset: Offset = 0) -> Response:
    ng = library(request)
    data = {
        "stats": ng.stats(),
        "articles": page(request, ng.articles(limit=limit, offset=offset), ng.article_count(),
                         limit, offset),
        "entities": ng.entities(limit=15),
    }
    return render(request, "index.html", data)


@twin("/search")
async def search(request: Request, q: Annotated[str, Query()] = "",
                 limit: Limit = 20) -> Response:
    ng = library(request)
    data: dict[str, Any] = {"query": q, "articles": [], "quotes": None, "entities": []}
    snippets: dict[str, list[tuple[str, bool]]] = {}
    if q.strip():
        found = ng.search(q, limit=limit, before=HIT_BEFORE, after=HIT_AFTER)
        for row in found:
            snippets[row["id"]] = snippet_parts(row.get("snippet") or "")
            row["snippet"] = (row.get("snippet") or "").replace(HIT_BEFORE, "[").replace(
                HIT_AFTER, "]")
        data["articles"] = found
        modes = list(DEFAULT_MODES)  # speech, as the quotations page and `quotes` list
        quotes = page(request, ng.quotes(search=q, modes=modes, limit=limit),
                      ng.quote_count(search=q, modes=modes), limit, 0)
        if quotes["next"]:  # the rest of them on the quotations page
            quotes["next"] = f"/quotes?search={url_quote(q)}&limit={limit}&offset={limit}"
        quotes["every_mode"] = f"/quotes?search={url_quote(q)}&mode={ALL_MODES}"
        data["quotes"] = quotes
        data["entities"] = ng.entities(name=q, limit=limit)
    return render(request, "search.html", data, snippets=snippets)


@twin("/entities")
async def entities(request: Request, type: str | None = None, name: str | None = None,
                   limit: Limit = 50, offset: Offset = 0) -> Response:
    ng = library(request)
    etype = type.upper() if type else None
    rows = ng.entities(type=etype, name=name, limit=limit, offset=offset)
    data = {"type": etype, "name": name,
            "entities": page(request, rows, ng.entity_count(type=etype, name=name), limit,
                             offset)}
    return render(request, "entities.html", data)


@twin("/articles/{article_id:path}")
async def article(request: Request, article_id: str) -> Response:
    ng = library(request)
    record = ng.article(article_id)
    if record is None:
        found = ng.article_ids(article_id)
        if len(found) == 1:  # a unique part of an id: go to the article it names
            twin_suffix = ".json" if request.url.path.endswith(".json") else ""
            return RedirectResponse(f"/articles/{url_quote(found[0], safe='')}{twin_suffix}")
        return not_found(request, f"no article {article_id!r}",
                         [{"label": i, "url": f"/articles/{url_quote(i, safe='')}"}
                          for i in found[:10]])
    data = {**record, "identities": ng.article_identities(record["id"])}
    return render(request, "article.html", data, **article_view(data))


def article_view(data: dict[str, Any]) -> dict[str, Any]:
    """What the article template draws beyond the record: text segments, speakers with their
    colours, and each quotation's popup facts (speaker, how resolved, cue, confidence)."""
    quotes = data.get("quotes", [])
    identities = data.get("identities", {})
    colours = colour_indexes(speaker_key(q.get("speaker")) for q in quotes)
    speakers: dict[str, dict[str, Any]] = {}
    info: dict[str, dict[str, Any]] = {}
    for q in quotes:
        speaker = q.get("speaker") or {}
        key = speaker_key(speaker)
        identity = identities.get(speaker.get("entity") or "")
        entry = speakers.setdefault(key, {
            "label": speaker_label(speaker), "colour": colours[key], "quotes": 0,
            "url": f"/entities/{url_quote(identity, safe='')}" if identity else None})
        entry["quotes"] += 1
        shown = quote_shown(flat_quote(q))
        info[q["id"]] = {
            "speaker": speaker_label(speaker),
            "how": shown["evidence"] or how_resolved(speaker),
            "mention": (speaker.get("mention") or {}).get("text"),
            "cue": (q.get("cue") or {}).get("text"), "kind": q.get("kind"),
            "mode": q.get("mode") or "speech", "speaker_confidence": q.get("speaker_confidence"),
            "confidence": q.get("confidence"), "colour": colours[key], "url": entry["url"],
            "pieces": shown["pieces"], "polarity": shown["polarity"],
        }
    segments = highlight_segments(data.get("text", ""), [(q["id"], quote_pieces(q))
                                                         for q in quotes])
    entity_urls = {e["id"]: f"/entities/{url_quote(identities[e['id']], safe='')}"
                   for e in data.get("entities", []) if e.get("id") in identities}
    return {"segments": segments, "speakers": list(speakers.values()), "quote_info": info,
            "entity_urls": entity_urls,
            "entity_names": {e["id"]: e["name"] for e in data.get("entities", [])}}


@twin("/entities/{entity:path}")
async def entity(request: Request, entity: str) -> Response:
    ng = library(request)
    data = ng.entity(entity)
    if data is None:
        close = ng.suggest_entities(entity)
        return not_found(request, f"no entity {entity!r}",
                         [{"label": c["name"], "url": f"/entities/{url_quote(c['id'], safe='')}"}
                          for c in close])
    said = [q for q in data.get("quotes_by", []) if (q.get("mode") or "speech") == "speech"]
    others = [q for q in data.get("quotes_by", []) if (q.get("mode") or "speech") != "speech"]
    return render(request, "entity.html", data, said=said, others=others)


@twin("/graph")
async def graph(request: Request, limit: Annotated[int, Query(ge=1, le=2000)] = 60) -> Response:
    data = graph_layout(library(request).quote_graph(limit=limit), width=GRAPH_WIDTH,
                        height=GRAPH_HEIGHT, margin=GRAPH_MARGIN)
    return render(request, "graph.html", data, width=GRAPH_WIDTH, height=GRAPH_HEIGHT)


@twin("/stories")
async def stories(request: Request, entity: str | None = None, min_articles: int = 1,
                  limit: Limit = 50) -> Response:
    rows = library(request).stories(limit=limit, entity=entity, min_articles=min_articles)
    return render(request, "stories.html", {"entity": entity, "stories": rows})


@twin("/stories/{story_id}")
async def story(request: Request, story_id: str) -> Response:
    data = library(request).timeline(story=story_id)
    if data is None:
        return not_found(request, f"no story {story_id!r}", [])
    return render(request, "story.html", data, shown_entries=shown_entries(data))


def shown_entries(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What each quotation entry of a timeline draws (``quote_shown``), by
    "ARTICLE:START:END"."""
    return {f"{e['article']}:{e['start']}:{e['end']}": quote_shown(
                {**e["detail"], "text": e["text"], "start": e["start"], "end": e["end"]})
            for e in data.get("entries", []) if e["kind"] == "quote"}


# A confidence from 0 to 1 as the quotations page's form sends it (empty: none).
CONFIDENCE = r"^(|0|1|0?\.\d+|0\.\d*|1\.0*)$"


@twin("/quotes")
async def quotes(
    request: Request,
    speaker: str | None = None,
    about: str | None = None,
    search: str | None = None,
    kind: Annotated[list[QuoteKind] | None, Query()] = None,
    mode: Annotated[list[Literal["speech", "belief", "intention", "stance", "other", "all"]]
                    | None, Query()] = None,
    min_speaker_confidence: Annotated[str | None, Query(pattern=CONFIDENCE)] = None,
    sort: Literal["newest", "oldest", "confidence"] = "newest",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Quotations, filtered as `newsgraph quotes` is: speech unless a mode is named
    (``mode=all`` for every one), ``min_speaker_confidence`` for the sure speakers. Empty
    fields of the page's form filter nothing."""
    ng = library(request)
    sure = float(min_speaker_confidence) if min_speaker_confidence else None
    speaker, about, search = (v.strip() or None if v else None for v in (speaker, about, search))
    filters = {"speaker": speaker, "about": about, "search": search, "kinds": kind or None,
               "modes": quote_modes(mode), "min_speaker_confidence": sure}
    rows = ng.quotes(**filters, sort=sort, limit=limit, offset=offset)
    listing = page(request, rows, ng.quote_count(**filters), limit, offset)
    listing["previous"] = (str(request.url.include_query_params(offset=max(offset - limit, 0)))
                           if offset > 0 else None)
    data = {"speaker": speaker, "about": about, "search": search, "kinds": kind or [],
            "modes": list(mode or DEFAULT_MODES), "min_speaker_confidence": sure,
            "sort": sort, "quotes": listing}
    return render(request, "quotes.html", data, mode_choices=[*QUOTE_MODES, ALL_MODES])


@twin("/conflicts")
async def conflicts(request: Request, story: str | None = None,
                    entity: str | None = None) -> Response:
    try:
        rows = library(request).conflicts(story=story, entity=entity)
    except ValueError as exc:
        return not_found(request, str(exc), [])
    return render(request, "conflicts.html", {"story": story, "entity": entity,
                                              "conflicts": rows})


@twin("/timeline/{entity:path}")
async def timeline(request: Request, entity: str) -> Response:
    data = library(request).timeline(name=entity)
    if data is None:
        close = library(request).suggest_entities(entity)
        return not_found(request, f"no entity {entity!r}",
                         [{"label": c["name"],
                           "url": f"/timeline/{url_quote(c['id'], safe='')}"} for c in close])
    return render(request, "timeline.html", data, shown_entries=shown_entries(data))


def not_found(request: Request, message: str, suggestions: list[dict[str, str]]) -> Response:
    return render(request, "not_found.html",
                  {"detail": message, "did_you_mean": suggestions}, status=404)
