"""The reads behind timelines (``newsgraph.resolve.timeline`` builds them), mixed into
``Store``. Everything is read through an identity's members or a story's articles, by index."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from newsgraph.store.identities import IDENTITY_ARTICLES, IDENTITY_ROLES, as_json

MEMBER_MENTIONS = """
    SELECT e.article_id, e.mentions FROM identity_members m
    JOIN entities e ON e.id = m.entity_row
    JOIN articles a ON a.id = e.article_id AND a.revision = e.revision
    WHERE m.identity_id = :id"""

ARTICLE_TIMES = """
    SELECT t.article_id, t.text, t.start, t."end", t.type, t.value FROM articles a
    JOIN times t ON t.article_id = a.id AND t.revision = a.revision
    WHERE a.id IN (SELECT value FROM json_each(:articles)) ORDER BY t.article_id, t.start"""

ARTICLE_TEXTS = """
    SELECT r.article_id, r.text FROM articles a
    JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
    WHERE a.id IN (SELECT value FROM json_each(:articles))"""

STORY_ARTICLES = """
    SELECT r.article_id AS id, r.title, r.published, r.source, r.url FROM story_articles s
    JOIN articles a ON a.id = s.article_id
    JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
    WHERE s.story_id = :id ORDER BY r.published IS NULL, r.published, r.article_id"""


class TimelineQueries:
    _rows: Callable[..., list[sqlite3.Row]]

    def identity_timeline_rows(self, identity_id: str) -> dict[str, Any]:
        """Roles, articles and mentions of one identity."""
        params = {"ids": as_json([identity_id]), "id": identity_id}
        mentions = [
            {"article_id": r["article_id"], "start": a, "end": b}
            for r in self._rows(MEMBER_MENTIONS, params)
            for a, b in json.loads(r["mentions"] or "[]")
        ]
        return {
            "roles": [dict(r) for r in self._rows(IDENTITY_ROLES, params)],
            "articles": [dict(r) for r in self._rows(IDENTITY_ARTICLES, params)],
            "mentions": mentions,
        }

    def article_times(self, articles: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for r in self._rows(ARTICLE_TIMES, {"articles": as_json(articles)}):
            out.setdefault(r["article_id"], []).append(dict(r))
        return out

    def article_texts(self, articles: Iterable[str]) -> dict[str, str]:
        return {r[0]: r[1] for r in self._rows(ARTICLE_TEXTS, {"articles": as_json(articles)})}

    def _has_stories(self) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE name = 'story_articles'"))

    def story_article_rows(self, story_id: str) -> list[dict[str, Any]]:
        """A story's current articles, oldest first (empty when the story is unknown)."""
        if not self._has_stories():
            return []
        return [dict(r) for r in self._rows(STORY_ARTICLES, {"id": story_id})]

    def story_of_article(self, article_id: str) -> str | None:
        """The story an article belongs to, if stories are kept and it has one."""
        if not self._has_stories():
            return None
        found = self._rows("SELECT story_id FROM story_articles WHERE article_id = ?",
                           (article_id,))
        return found[0][0] if found else None
