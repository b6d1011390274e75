"""The data model: plain frozen dataclasses with integer character offsets.

Every offset is a Python string index into ``Article.text`` (``[start, end)``).
``to_dict()`` gives the JSON shape of the ``extract`` contract (see DESIGN.md).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

QuoteKind = Literal["direct", "partial", "indirect"]
# How the speaker stands to the content, when not as a plain claim: "denied that ...",
# "has not confirmed that ...", "declined to say whether ..." (None: asserted).
Polarity = Literal["denied", "not_confirmed", "refused"]
# What a quotation reports: words said or written ("said", "told", "tweeted", "according
# to"), a belief ("thinks", "fears"), an intention ("plans to", "wants to"), a stance
# ("backed", "criticised"), or other (no words reported: "seemed to", "attempted to").
QuoteMode = Literal["speech", "belief", "intention", "stance", "other"]
QUOTE_MODES: tuple[QuoteMode, ...] = ("speech", "belief", "intention", "stance", "other")
SpeakerType = Literal["PERSON", "ORG", "GROUP"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class Article:
    """One article as read from its source, before analysis."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DD"
    source: str | None = None
    url: str | None = None
    author: str | None = None
    path: str | None = None  # file the article was read from ("file" or "file:line")
    meta: dict[str, Any] = field(default_factory=dict)

    def header(self) -> dict[str, Any]:
        """The ``article`` object of the extract contract."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
        }

    def content_hash(self) -> str:
        """sha256 of the text and header: equal hashes mean nothing to re-analyse.

        Never raises: a lone surrogate (which the readers replace, but an Article built by
        hand may hold) is hashed as its code point (``surrogatepass``)."""
        payload = json.dumps(
            [self.text, self.title, self.published, self.source, self.url, self.author],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class TextSpan:
    """A piece of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Speaker:
    mention: TextSpan | None  # the words naming the speaker nearest the quote
    name: str | None  # fullest name the article gives; None when never named
    description: str | None = None  # for unnamed sources: "one senior official"
    type: SpeakerType | None = None
    entity: str | None = None  # id of an Entity of the same analysis
    # whom an unnamed spokesperson speaks for ("a spokesman for the ministry": "the
    # ministry"); never the speaker itself
    principal: str | None = None
    # how the mention was resolved to the name: "name" (written there), "surname",
    # "pronoun", "role noun", "apposition", "spokesperson", "nationality", "description",
    # "unresolved", ... (``nlp.coref``); None when not said
    resolved: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention.to_dict() if self.mention else None,
            "name": self.name,
            "description": self.description,
            "type": self.type,
            "entity": self.entity,
            "principal": self.principal,
            "resolved": self.resolved,
        }


@dataclass(frozen=True)
class Quote:
    id: str
    kind: QuoteKind
    text: str  # content without quote marks (the pieces joined by a space)
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()  # the pieces when there are several
    cue: TextSpan | None = None
    speaker: Speaker | None = None
    confidence: float = 0.5
    polarity: Polarity | None = None  # not asserted: denied, not confirmed, refused
    mode: QuoteMode = "speech"  # speech, belief, intention, stance or other
    # the words inside the article's own quotation marks ([start, end) pairs): all of a
    # direct quotation, the marked phrases of a partial one, none of a paraphrase
    verbatim: tuple[tuple[int, int], ...] = ()
    # how the quotation was tied to the speaker's words: "tag", "reporting verb", "colon",
    # "previous paragraph", "earlier in the paragraph", "according to", ... (None: no speaker)
    speaker_via: str | None = None
    speaker_confidence: float | None = None  # that the speaker is right, apart from content

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "spans": [list(s) for s in self.spans],
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "confidence": round(self.confidence, 3),
            "polarity": self.polarity,
            "mode": self.mode,
            "verbatim": [list(s) for s in self.verbatim],
            "speaker_via": self.speaker_via,
            "speaker_confidence": (None if self.speaker_confidence is None
                                   else round(self.speaker_confidence, 3)),
        }


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place, ... as one identity within one article."""

    id: str
    name: str
    type: str  # PERSON, ORG, GROUP, GPE, NORP, ...
    aliases: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()
    kind: str | None = None  # finer kind, e.g. "media" for news outlets
    honorifics: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
            "kind": self.kind,
            "honorifics": list(self.honorifics),
        }


@dataclass(frozen=True)
class Role:
    """A title someone holds: (person, title, organisation, qualifier, date)."""

    entity: str  # id of the person Entity
    title: str
    organisation: str | None
    qualifier: str | None  # former, current, deputy, acting, ...
    start: int
    end: int
    date: str | None = None  # ISO value when the text states one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# How finely a value places a time: the unit of its last written part.
Granularity = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "time"
]
_GRANULARITY: tuple[tuple[str, Granularity], ...] = (
    (r"\d{4}-\d{2}-\d{2}T.*|XXXX-XX-XXT.*", "time"),
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}|[\dX]{4}-W[\dX]{2}-\d", "day"),
    (r"[\dX]{4}-W[\dX]{2}(?:-WE)?", "week"),
    (r"[\dX]{4}-[\dX]{2}", "month"),
    (r"[\dX]{4}-(?:SP|SU|FA|WI)", "season"),
    (r"[\dX]{4}-Q[\dX]", "quarter"),
    (r"[\dX]{4}-H[\dX]", "half"),
    (r"[\dX]{4}", "year"),
    (r"[\dX]{3}", "decade"),
    (r"[\dX]{2}", "century"),
)


def granularity_of(value: str) -> Granularity | None:
    """The granularity of an ISO-TimeML calendar value ("2018-06" -> "month"); None for
    durations, sets' periods and PRESENT_REF-like references."""
    for pattern, granularity in _GRANULARITY:
        if re.fullmatch(pattern, value):
            return granularity
    return None


@dataclass(frozen=True)
class TimeExpr:
    text: str
    start: int
    end: int
    type: TimeType
    value: str  # ISO-TimeML value: "2018-06", "2019-02-25", "P3W"
    # What a relative value was resolved against: "publication" (the article's date),
    # "previous:<offset>" (the date written at that offset earlier in the text), or None
    # (an absolute value such as "5 May 2015", a duration, or nothing to resolve against).
    anchor: str | None = None

    def shifted(self, offset: int) -> TimeExpr:
        """The same expression ``offset`` characters further on (a chunk placed in its
        article): its offsets and a "previous:<offset>" anchor move together."""
        anchor = self.anchor
        if anchor and anchor.startswith("previous:"):
            anchor = f"previous:{int(anchor.split(':', 1)[1]) + offset}"
        return replace(self, start=self.start + offset, end=self.end + offset, anchor=anchor)

    @property
    def granularity(self) -> Granularity | None:
        """How finely ``value`` places the time (None for durations and vague references)."""
        return granularity_of(self.value) if self.type in ("DATE", "TIME") else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "granularity": self.granularity}


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything one article yields: a pure function of the Article."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    tokens: int = 0  # token count, for throughput figures
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """One record of ``newsgraph extract`` (the DESIGN.md contract)."""
        return {
            "article": self.article.header(),
            "text": self.article.text,
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "roles": [r.to_dict() for r in self.roles],
            "times": [t.to_dict() for t in self.times],
        }


@dataclass(frozen=True)
class ReadWarning:
    """Something read but worth saying (e.g. decoded as cp1252): where and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: warning: {self.reason}"


@dataclass(frozen=True)
class ReadError:
    """A file, line or record that could not be read: where and why."""

    where: str  # "path" or "path:line"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
