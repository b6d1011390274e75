"""The HTTP API: JSON over ``newsgraph.library.Newsgraph``, with the web UI beside it.

``create_app(db)`` gives a FastAPI app; ``newsgraph serve`` runs it with uvicorn. Every route
parses its parameters, calls one library method and returns what it gives (lists wrapped in a
``Page``: items, total, limit, offset and the URL of the next page). The schema is at
``/openapi.json`` (browse it at ``/docs`` when the browser may fetch Swagger UI's assets).

Read-only by default. Corrections (merge, split, rename) need ``allow_writes=True`` and the
header ``Authorization: Bearer <token>``.

Adding a question the library learns to answer is one library method and one route here
(as ``/stories``, ``/conflicts`` and ``/timeline`` were added), plus a view in
``newsgraph/web/views.py`` when it needs a page.

Handlers are ``async`` and call the library directly: the library holds one SQLite connection,
so requests are answered one at a time, in order.
"""

from __future__ import annotations

import ipaddress
import secrets
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from newsgraph import __version__
from newsgraph.library import Newsgraph
from newsgraph.model import QuoteKind, QuoteMode
from newsgraph.quoteview import quote_modes

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items.")]
Date = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]


class Page(BaseModel):
    """One page of a list: its items, how many there are in all, and where the next page is."""

    items: list[dict[str, Any]]
    total: int | None
    limit: int
    offset: int
    next: str | None


class MergeBody(BaseModel):
    a: str
    b: str


class SplitBody(BaseModel):
    entity: str
    alias: str


class RenameBody(BaseModel):
    entity: str
    name: str


def library(request: Request) -> Newsgraph:
    return request.app.state.ng


def page(request: Request, items: list[dict], total: int | None, limit: int,
         offset: int) -> dict[str, Any]:
    """A ``Page``: ``next`` is this URL with the offset moved on, while items remain."""
    more = total > offset + len(items) if total is not None else len(items) == limit
    following = str(request.url.include_query_params(offset=offset + limit)) if more else None
    return {"items": items, "total": total, "limit": limit, "offset": offset,
            "next": following}


def not_found(what: str, suggestions: list[Any] | None = None) -> HTTPException:
    detail: dict[str, Any] = {"message": f"no {what}"}
    if suggestions:
        detail["did_you_mean"] = suggestions
    return HTTPException(status_code=404, detail=detail)


bearer = HTTPBearer(auto_error=False, description="The token printed by `newsgraph serve "
                                                  "--allow-writes` (or $NEWSGRAPH_TOKEN).")


def require_writes(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Corrections only when the server allows writes and the bearer token matches."""
    state = request.app.state
    if not state.allow_writes:
        raise HTTPException(403, "read-only server: start it with `newsgraph serve --allow-writes`")
    if credentials is None or not secrets.compare_digest(
        credentials.credentials.encode(), state.token.encode()
    ):
        raise HTTPException(401, "give the server's token as `Authorization: Bearer TOKEN`",
                            headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(prefix="/api")


@router.get("/stats", summary="Counts of what is stored")
async def stats(request: Request) -> dict[str, int]:
    return library(request).stats()


@router.get("/articles", response_model=Page, summary="Articles, newest first")
async def articles(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict:
    ng = library(request)
    return page(request, ng.articles(limit=limit, offset=offset), ng.article_count(), limit,
                offset)


@router.get("/articles/{article_id:path}", summary="One article with its annotations")
async def article(request: Request, article_id: str) -> dict:
    """The article's text, quotations, entities, roles and dates (the ``extract`` shape),
    and ``identities``: each entity id of the article -> its canonical entity id."""
    ng = library(request)
    data = ng.article(article_id)
    if data is None:
        raise not_found(f"article {article_id!r}", ng.article_ids(article_id)[:10])
    return {**data, "identities": ng.article_identities(article_id)}


@router.get("/quotes", response_model=Page, summary="Quotations, filtered")
async def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(description="Speaker name or entity id.")] = None,
    about: Annotated[str | None, Query(description="Mentioned inside the quote.")] = None,
    article: Annotated[str | None, Query(description="Article id.")] = None,
    search: Annotated[str | None, Query(description="All these words in the quote.")] = None,
    kind: Annotated[list[QuoteKind] | None, Query(description="Repeat for several.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    since: Date = None,
    until: Date = None,
    sort: Literal["newest", "oldest", "confidence"] = "newest",
    limit: Limit = 50,
    offset: Offset = 0,
    mode: Annotated[list[QuoteMode | Literal["all"]] | None, Query(
        description="What it reports: speech, belief, intention, stance, other (repeat for "
                    "several); speech when none, as the CLI; all for every one.")] = None,
    min_speaker_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
) -> dict:
    ng = library(request)
    filters = {"speaker": speaker, "about": about, "article": article, "search": search,
               "kinds": kind or None, "min_confidence": min_confidence, "since": since,
               "until": until, "modes": quote_modes(mode),
               "min_speaker_confidence": min_speaker_confidence}
    rows = ng.quotes(**filters, sort=sort, limit=limit, offset=offset)
    return page(request, rows, ng.quote_count(**filters), limit, offset)


@router.get("/entities", response_model=Page,
            summary="Canonical entities (one identity across articles), most articles first")
async def entities(
    request: Request,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, ...")] = None,
    name: Annotated[str | None, Query(description="Name or alias containing this.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    ng = library(request)
    etype = type.upper() if type else None
    rows = ng.entities(type=etype, name=name, limit=limit, offset=offset)
    return page(request, rows, ng.entity_count(type=etype, name=name), limit, offset)


@router.get("/entities/{entity:path}", summary="One canonical entity, by id or name")
async def entity(request: Request, entity: str) -> dict:
    """Aliases, type, roles with their sources, articles, quotations by and about it, and
    why its mentions were merged."""
    ng = library(request)
    data = ng.entity(entity)
    if data is None:
        raise not_found(f"entity {entity!r}", ng.suggest_entities(entity))
    return data


@router.get("/search", response_model=Page, summary="Articles with every word of q")
async def search(request: Request, q: Annotated[str, Query(min_length=1)],
                 limit: Limit = 20) -> dict:
    rows = library(request).search(q, limit=limit)
    return page(request, rows, None, limit, 0) | {"next": None}


@router.get("/graph", summary="Who quotes whom")
async def graph(request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> dict:
    """Edges from a speaker to each canonical entity mentioned inside their quotations, with
    how many quotations and articles, most quotations first."""
    return {"edges": library(request).quote_graph(limit=limit)}


# --- across articles: stories, conflicts, timelines ---


@router.get("/stories", response_model=Page, summary="Story threads, latest first")
async def stories(
    request: Request,
    since: Date = None,
    until: Date = None,
    entity: Annotated[str | None, Query(description="An article names this entity.")] = None,
    min_articles: Annotated[int, Query(ge=1)] = 1,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    rows = library(request).stories(limit=limit + offset, since=since, until=until,
                                    entity=entity, min_articles=min_articles)[offset:]
    result = page(request, rows, None, limit, offset)
    return result if len(rows) == limit else result | {"next": None}


@router.get("/stories/{story_id}", summary="One story: its articles in order")
async def story(request: Request, story_id: str) -> dict:
    data = library(request).story(story_id)
    if data is None:
        raise not_found(f"story {story_id!r}")
    return data


@router.get("/conflicts", summary="Figures that differ between reports of one thing")
async def conflicts(
    request: Request,
    story: Annotated[str | None, Query(description="Only this story's articles.")] = None,
    entity: Annotated[str | None, Query(description="Claims naming this entity.")] = None,
) -> dict:
    """Each conflict with its claims' words, article, offsets, date and source, and whether
    it is a disagreement (about the same time) or an update (a later report revises it)."""
    try:
        return {"items": library(request).conflicts(story=story, entity=entity)}
    except ValueError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc


@router.get("/timeline", summary="A dated account of an entity or of a story")
async def timeline(
    request: Request,
    entity: Annotated[str | None, Query(description="Entity name or id.")] = None,
    story: Annotated[str | None, Query(description="Story id, or an article id.")] = None,
) -> dict:
    if (entity is None) == (story is None):
        raise HTTPException(status_code=422, detail="give entity or story (one of them)")
    data = library(request).timeline(name=entity, story=story)
    if data is None:
        raise not_found(f"{'story' if story else 'entity'} {story or entity!r}")
    return data


def _judged(request: Request, kind: str, a: str, b: str) -> dict:
    from newsgraph.resolve.sync import JudgementError

    try:
        return library(request).judge(kind, a, b)
    except JudgementError as error:
        raise HTTPException(400, str(error)) from error


@router.post("/entities/merge", dependencies=[Depends(require_writes)],
             summary="Say two entities are one (kept and re-applied after every update)")
async def merge(request: Request, body: MergeBody) -> dict:
    return _judged(request, "merge", body.a, body.b)


@router.post("/entities/split", dependencies=[Depends(require_writes)],
             summary="Take the mentions named alias out of entity, for good")
async def split(request: Request, body: SplitBody) -> dict:
    return _judged(request, "split", body.entity, body.alias)


@router.post("/entities/rename", dependencies=[Depends(require_writes)],
             summary="Give entity a display name, for good")
async def rename(request: Request, body: RenameBody) -> dict:
    return _judged(request, "rename", body.entity, body.name)


def create_app(db_path: str, allow_writes: bool = False, token: str | None = None) -> FastAPI:
    """The API (``/api/...``) and the web UI over the database at ``db_path``. With
    ``allow_writes`` and no ``token``, one is made: read it from ``app.state.token``."""
    from fastapi.staticfiles import StaticFiles

    from newsgraph.web import STATIC_DIR, web_router

    # read-only unless corrections are allowed: a server that only answers never writes
    ng = Newsgraph(db_path, read_only=not allow_writes and db_path != ":memory:")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        ng.close()

    app = FastAPI(title="newsgraph", version=__version__, lifespan=lifespan,
                  description="Who said what, about whom, and when, from news articles.")
    app.state.ng = ng
    app.state.allow_writes = allow_writes
    app.state.token = (token or secrets.token_urlsafe(24)) if allow_writes else ""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(web_router)
    return app


def is_loopback(host: str) -> bool:
    """True when ``host`` is reachable only from this machine ("localhost", 127.x, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
