"""Build gold.json for the demo corpus from the annotations below.

The annotations name every quote, time and role by the exact words of the
article, never by offsets: this script finds the words in the article text,
asserts that they occur exactly once (or once inside a longer, unique context),
computes the offsets, checks every alias against the texts, and writes
``gold.json`` beside it. Run it after any edit of ``articles.jsonl``:

    .venv/bin/python examples/demo/make_gold.py
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles.jsonl"
GOLD = HERE / "gold.json"

# A piece of text is either a unique string, or (context, words): the words
# found inside a context that is itself unique in the article.
Piece = str | tuple[str, str]

# --- the canonical entities of the whole corpus ------------------------------
# aliases: every proper-name surface form used in any article (checked below).
ENTITIES: list[dict] = [
    {"id": "william-tregarthen", "name": "William Tregarthen", "type": "PERSON",
     "aliases": ["William Tregarthen", "Bill Tregarthen", "Mr Tregarthen"]},
    {"id": "katherine-mulvey", "name": "Katherine Mulvey", "type": "PERSON",
     "aliases": ["Katherine Mulvey", "Kate Mulvey", "Ms Mulvey"]},
    {"id": "thomas-okafor", "name": "Thomas Okafor", "type": "PERSON",
     "aliases": ["Thomas Okafor", "Tom Okafor", "Mr Okafor"]},
    {"id": "priya-sandhu", "name": "Priya Sandhu", "type": "PERSON",
     "aliases": ["Priya Sandhu", "Ms Sandhu"]},
    {"id": "gordon-faraday", "name": "Gordon Faraday", "type": "PERSON",
     "aliases": ["Gordon Faraday"]},
    {"id": "helen-broadbent", "name": "Helen Broadbent", "type": "PERSON",
     "aliases": ["Helen Broadbent", "Ms Broadbent"]},
    {"id": "ewan-lusk", "name": "Ewan Lusk", "type": "PERSON",
     "aliases": ["Ewan Lusk", "Mr Lusk"]},
    {"id": "rhiannon-vale", "name": "Rhiannon Vale", "type": "PERSON",
     "aliases": ["Rhiannon Vale", "Ms Vale"]},
    {"id": "saltmere-town-council", "name": "Saltmere Town Council", "type": "ORG",
     "aliases": ["Saltmere Town Council"]},
    {"id": "shua", "name": "Saltmere Harbour Users Association", "type": "ORG",
     "aliases": ["Saltmere Harbour Users Association", "SHUA"]},
    {"id": "cmwu", "name": "Coastal and Maritime Workers Union", "type": "ORG",
     "aliases": ["Coastal and Maritime Workers Union", "CMWU"]},
    {"id": "greyline", "name": "Greyline Developments", "type": "ORG",
     "aliases": ["Greyline Developments", "Greyline"]},
    {"id": "civic-society", "name": "Saltmere Civic Society", "type": "ORG",
     "aliases": ["Saltmere Civic Society"]},
    {"id": "saltmere-gazette", "name": "Saltmere Gazette", "type": "ORG",
     "aliases": ["Gazette"]},
    {"id": "coast-echo", "name": "Coast Echo", "type": "ORG", "aliases": ["Echo"]},
    {"id": "westshore-radio", "name": "Westshore Radio", "type": "ORG",
     "aliases": ["Westshore Radio"]},
    {"id": "saltmere", "name": "Saltmere", "type": "GPE", "aliases": ["Saltmere"]},
    {"id": "north-quay", "name": "North Quay", "type": "LOC", "aliases": ["North Quay"]},
]
ENTITY_BY_ID = {e["id"]: e for e in ENTITIES}


@dataclass(frozen=True)
class Q:
    """A quote: kind, its pieces, the speaker entity id (or None) and description."""

    kind: str
    pieces: list[Piece]
    speaker: str | None
    type: str = "PERSON"
    description: str | None = None


@dataclass(frozen=True)
class T:
    """A time expression, its TIMEX3 type and value, and other values equally right."""

    words: Piece
    type: str
    value: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class R:
    """A role: person id, title, organisation id, qualifier and the words that state it."""

    person: str
    title: str
    organisation: str | None
    qualifier: str | None
    evidence: Piece
    organisation_text: str | None = None
    title_variants: list[str] = field(default_factory=list)


COUNCIL_LEADER = ["council leader"]
DEPUTY_LEADER = ["deputy leader", "council leader", "deputy council leader"]
UNNAMED_OFFICIAL = "One senior official"
TENANTS = "Three businesses that rent units on North Quay"

QUOTES: dict[str, list[Q]] = {
    "saltmere-01": [
        Q("indirect", ["the yard had lost money in each of the past five years and that the "
                       "council could no longer afford to subsidise it"], "william-tregarthen"),
        Q("direct", ["We cannot keep pouring money into a yard that loses it,",
                     "The numbers simply do not add up, and it’s the taxpayer who pays."],
          "william-tregarthen"),
        Q("partial", ["a betrayal of everyone who has ever worked on this harbour"],
          "katherine-mulvey"),
        Q("indirect", ["more than 900 people had signed it within two days"],
          "katherine-mulvey"),
    ],
    "saltmere-02": [
        Q("indirect", ["Up to 150 jobs could go if Saltmere's North Quay boatyard closes"],
          "cmwu", "ORG"),
        Q("indirect", ["the council's figures left out dozens of contractors and suppliers who "
                       "depend on the yard"], "thomas-okafor"),
        Q("direct", ["These are skilled jobs that took generations to build up,",
                     "Once they go, they will not come back to Saltmere."], "thomas-okafor"),
        Q("indirect", ["it would ballot its members at the yard if the council voted for the "
                       "sale"], "cmwu", "ORG"),
        Q("partial", ["the only responsible choice"], "william-tregarthen"),
        Q("indirect", ["the sale of the four-acre site to Greyline Developments would raise "
                       "about £4 million"], "saltmere-town-council", "ORG"),
    ],
    "saltmere-03": [
        Q("indirect", ["the harbour was the reason the town existed at all"], "katherine-mulvey"),
        Q("direct", ["My grandfather mended nets on that quay, and my father ran a boat from it.",
                     "The council’s answer is to hand it to a developer and call it progress. "
                     "It’s not progress, it’s a sell-off.",
                     "If this goes through, there will be nothing left on North Quay that a "
                     "working person can afford."], "katherine-mulvey"),
        Q("direct", ["I understand the anger in this room, but I was not elected to duck hard "
                     "decisions,"], "william-tregarthen"),
    ],
    "saltmere-04": [
        Q("indirect", ["they were never consulted about the council’s plan to sell the site"],
          None, "GROUP", TENANTS),
        Q("direct", ["We have always paid our rent on time, and nobody [at the council] thought "
                     "to pick up the phone,"], None, "GROUP", TENANTS),
        Q("indirect", ["the tenants’ letter showed how little the council had listened"],
          "katherine-mulvey"),
        Q("direct", ["They keep calling it ‘managed decline’, but it is just decline,"],
          "katherine-mulvey"),
        Q("indirect", ["the tenants would be offered new units elsewhere in the harbour"],
          "priya-sandhu"),
        Q("indirect", ["talks with the three firms began two weeks ago"], "priya-sandhu"),
        Q("direct", ["There is room for everyone in the new plan,"], "priya-sandhu"),
    ],
    "saltmere-05": [
        Q("direct", ["The valuation was done in a hurry and nobody has checked it properly. If "
                     "I’m honest, I’d be surprised if it holds up."],
          None, "PERSON", UNNAMED_OFFICIAL),
        Q("indirect", ["several councillors shared those doubts"],
          None, "PERSON", UNNAMED_OFFICIAL),
        Q("direct", ["I have every confidence in the valuation. It was carried out by "
                     "independent surveyors and I stand by it."], "william-tregarthen"),
        Q("direct", ["This proves what we have been saying since January."],
          "katherine-mulvey"),
    ],
    "saltmere-06": [
        Q("partial", ["living, working waterfront"], "helen-broadbent"),
        Q("direct", ["We are not here to knock down a harbour. We are here to give it a "
                     "future,"], "helen-broadbent"),
        Q("indirect", ["the word \"regeneration\" has become a polite cover for selling off "
                       "public land"], None, "GROUP", "campaigners"),
        Q("direct", ["They [the council] have never once published the full business case for "
                     "the yard. The officers' own summary says the yard is 'unviable in it's "
                     "current form' [sic], which tells you how much care went into it."],
          "gordon-faraday"),
        Q("indirect", ["it had not yet made a formal offer for the land"], "greyline", "ORG"),
    ],
    "saltmere-07": [
        Q("indirect", ["the council let the North Quay boatyard run down on purpose"],
          "ewan-lusk"),
        Q("indirect", ["the yard had employed twice as many people in the ’90s"], "ewan-lusk"),
        Q("direct", ["Back then you couldn’t get a berth on North Quay for love nor money,",
                     "The order books were full and the apprentices were queuing at the gate. "
                     "It’s the council’s neglect that emptied it, not the market."],
          "ewan-lusk"),
        Q("indirect", ["the council had cut the quay’s maintenance budget by half since 2016"],
          "ewan-lusk"),
        Q("direct", ["The decline of the yard reflects a national fall in orders for small "
                     "boats. Maintenance has been funded in full."],
          None, "PERSON", "A council spokesperson"),
    ],
    "saltmere-08": [
        Q("indirect", ["the society had voted unanimously on Monday to oppose the scheme"],
          "rhiannon-vale"),
        Q("partial", ["generic glass boxes"], "rhiannon-vale"),
        Q("partial", ["a wall of flats between the town and the sea"], "rhiannon-vale"),
        Q("direct", ["We have never opposed a planning application in our history, and we do "
                     "not do it lightly,"], "rhiannon-vale"),
        Q("indirect", ["the society was welcome to put its views to the council before the "
                       "vote"], "william-tregarthen"),
    ],
    "saltmere-09": [
        Q("indirect", ["87 per cent of members who took part backed a ballot"], "cmwu", "ORG"),
        Q("direct", ["Our members did not choose this fight, but they will not walk away from "
                     "it,"], "thomas-okafor"),
        Q("indirect", ["the union had written to every councillor asking them to meet staff at "
                       "the yard before the vote"], "thomas-okafor"),
        Q("direct", ["We cannot keep pouring money into a yard that loses it,"],
          "william-tregarthen"),
        Q("indirect", ["The formal ballot will open next month"], "cmwu", "ORG"),
    ],
    "saltmere-10": [
        Q("indirect", ["the petition had been signed by people from every part of the town"],
          "gordon-faraday"),
        Q("direct", ["This is not a few old sea dogs shouting at the tide,",
                     "This is the town speaking."], "gordon-faraday"),
        Q("direct", ["We will be there next Thursday, and at every meeting after that if we "
                     "have to,"], "katherine-mulvey"),
        Q("direct", ["I will read every name on it,",
                     "But the council still has to balance its books."], "william-tregarthen"),
    ],
    "saltmere-11": [
        Q("indirect", ["any sale must guarantee jobs for the yard's current workforce"],
          "cmwu", "ORG"),
        Q("direct", ["We are asking for one simple thing: that nobody who works on that quay is "
                     "left without a job,"], "cmwu", "ORG"),
        Q("direct", ["Nothing is settled. We are still talking to Greyline about what happens "
                     "to the staff."], "priya-sandhu"),
        Q("indirect", ["SHUA would hold a rally outside the town hall before the meeting"],
          "katherine-mulvey"),
    ],
    "saltmere-12": [
        Q("indirect", ["he accepted the result"], "william-tregarthen"),
        Q("direct", ["The council has spoken, and I respect that,",
                     "But the yard’s losses have not gone away, and we will be back here in the "
                     "autumn."], "william-tregarthen"),
        Q("direct", ["The town chose its harbour over a spreadsheet."], "katherine-mulvey"),
        Q("indirect", ["it would suspend its strike ballot while the review took place"],
          "cmwu", "ORG"),
        Q("direct", ["We remain committed to Saltmere and will wait for the review."],
          "greyline", "ORG"),
        Q("indirect", ["it was the best night for the harbour since the ’90s"], "ewan-lusk"),
    ],
}

# Words in quote marks that are NOT anyone's speech (a negative for extractors).
NOT_QUOTES: dict[str, list[tuple[Piece, str]]] = {
    "saltmere-04": [("managed decline",
                     "nested inside Ms Mulvey's quote: part of the outer quote, not a new one")],
    "saltmere-05": [("North Quay: A New Chapter", "the title of a report")],
    "saltmere-06": [(("the word \"regeneration\"", "regeneration"),
                     "a word mentioned (scare quotes), not speech")],
}

TIMES: dict[str, list[T]] = {
    "saltmere-01": [T("the past five years", "DURATION", "P5Y"),
                    T("last June", "DATE", "2023-06"),
                    T(("council on Thursday", "Thursday"), "DATE", "2024-03-07"),
                    T("two days", "DURATION", "P2D"),
                    T("1952", "DATE", "1952")],
    "saltmere-02": [T("Tuesday", "DATE", "2024-03-05"),
                    T("Thursday", "DATE", "2024-03-07")],
    "saltmere-03": [T("Thursday", "DATE", "2024-03-07"),
                    T("four weeks", "DURATION", "P4W"),
                    T("two hours", "DURATION", "PT2H")],
    "saltmere-04": [T("two weeks ago", "DATE", "2024-02-26", ("2024-W09",))],
    "saltmere-05": [T("last month", "DATE", "2024-02"),
                    T("Tuesday", "DATE", "2024-03-12"),
                    T("January", "DATE", "2024-01")],
    "saltmere-06": [T("Thursday", "DATE", "2024-03-14"),
                    T("current", "DATE", "PRESENT_REF")],
    "saltmere-07": [T("22 years", "DURATION", "P22Y"),
                    T("2015", "DATE", "2015"),
                    T("the ’90s", "DATE", "199"),
                    T("2016", "DATE", "2016"),
                    T("next month", "DATE", "2024-04")],
    "saltmere-08": [T("Monday", "DATE", "2024-03-18"),
                    T("May", "DATE", "2023-05")],
    "saltmere-09": [T("three weeks ago", "DATE", "2024-03-04", ("2024-W10",)),
                    T("next month", "DATE", "2024-04")],
    "saltmere-10": [T("Wednesday", "DATE", "2024-03-27"),
                    T("next Thursday", "DATE", "2024-04-04"),
                    T("April 4", "DATE", "2024-04-04")],
    "saltmere-11": [T("tomorrow", "DATE", "2024-04-04"),
                    T("current", "DATE", "PRESENT_REF"),
                    T("2019", "DATE", "2019")],
    "saltmere-12": [T("six months", "DURATION", "P6M"),
                    T("five-hour", "DURATION", "PT5H"),
                    T("Thursday", "DATE", "2024-04-04"),
                    T("the autumn", "DATE", "2024-FA"),
                    T("the ’90s", "DATE", "199")],
}

ROLES: dict[str, list[R]] = {
    "saltmere-01": [
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "Council leader William Tregarthen", "Council", COUNCIL_LEADER),
        R("katherine-mulvey", "chair", "shua", None,
          "Katherine Mulvey, the chair of the Saltmere Harbour Users Association",
          "Saltmere Harbour Users Association"),
    ],
    "saltmere-02": [
        R("thomas-okafor", "regional organiser", "cmwu", None,
          "Thomas Okafor, regional organiser for the Coastal and Maritime Workers Union",
          "Coastal and Maritime Workers Union"),
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "Council leader Bill Tregarthen", "Council", COUNCIL_LEADER),
    ],
    "saltmere-03": [
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "Council leader William Tregarthen", "Council", COUNCIL_LEADER),
    ],
    "saltmere-04": [
        R("katherine-mulvey", "chair", "shua", None,
          "Kate Mulvey, who chairs the harbour users’ group", "harbour users’ group"),
        R("priya-sandhu", "leader", "saltmere-town-council", "deputy",
          "Deputy council leader Priya Sandhu", "council", DEPUTY_LEADER),
    ],
    "saltmere-05": [
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "council leader William Tregarthen", "council", COUNCIL_LEADER),
    ],
    "saltmere-06": [
        R("helen-broadbent", "managing director", "greyline", None,
          "Greyline Developments managing director Helen Broadbent", "Greyline Developments"),
        R("gordon-faraday", "treasurer", "shua", None,
          "SHUA treasurer Gordon Faraday", "SHUA"),
    ],
    "saltmere-07": [
        R("ewan-lusk", "harbourmaster", None, "former", "Former harbourmaster Ewan Lusk"),
    ],
    "saltmere-08": [
        R("rhiannon-vale", "chair", "civic-society", None,
          "Ms Vale, a retired architect, was elected chair of the society", "the society"),
        R("rhiannon-vale", "architect", None, "retired", "Ms Vale, a retired architect"),
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "Council leader Bill Tregarthen", "Council", COUNCIL_LEADER),
    ],
    "saltmere-09": [
        R("thomas-okafor", "regional organiser", "cmwu", None,
          "Tom Okafor, the union's regional organiser", "the union"),
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "Council leader Bill Tregarthen", "Council", COUNCIL_LEADER),
    ],
    "saltmere-10": [
        R("gordon-faraday", "treasurer", "shua", None,
          "Gordon Faraday, the treasurer of the Saltmere Harbour Users Association",
          "Saltmere Harbour Users Association"),
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "council leader William Tregarthen", "council", COUNCIL_LEADER),
    ],
    "saltmere-11": [
        R("priya-sandhu", "leader", "saltmere-town-council", "deputy",
          "Priya Sandhu, the deputy leader of the council", "the council", DEPUTY_LEADER),
        R("priya-sandhu", "teacher", None, "former", "Ms Sandhu, a former teacher"),
    ],
    "saltmere-12": [
        R("william-tregarthen", "leader", "saltmere-town-council", None,
          "Council leader William Tregarthen", "Council", COUNCIL_LEADER),
        R("katherine-mulvey", "chair", "shua", None, "SHUA chair Katherine Mulvey", "SHUA"),
        R("ewan-lusk", "harbourmaster", None, "former", "Former harbourmaster Ewan Lusk"),
    ],
}

REPEATED_QUOTES = [
    {"articles": ["saltmere-01", "saltmere-09"], "speaker": "william-tregarthen",
     "text": "We cannot keep pouring money into a yard that loses it"},
]

# Story threads: the twelve articles tell one story (the council's plan to sell the North
# Quay boatyard, the campaign and strike ballot against it, the vote that pauses the sale).
STORIES = [
    {"id": "north-quay-boatyard-sale",
     "articles": [f"saltmere-{n:02d}" for n in range(1, 13)]},
]

CONFLICTS = [
    {"articles": ["saltmere-01", "saltmere-02"],
     "subject": "jobs at risk if the North Quay boatyard closes",
     "figures": [("saltmere-01", "120 jobs", 120), ("saltmere-02", "150 jobs", 150)]},
]


def find_once(text: str, piece: Piece, where: str) -> tuple[int, int]:
    """[start, end) of ``piece`` in ``text``; asserts it is unique (or unique in its context)."""
    context, words = piece if isinstance(piece, tuple) else (piece, piece)
    count = text.count(context)
    assert count == 1, f"{where}: {context!r} occurs {count} times"
    base = text.index(context)
    inner = context.find(words)
    assert inner != -1 and context.count(words) == 1, f"{where}: {words!r} not once in context"
    start = base + inner
    return start, start + len(words)


def speaker_record(q: Q) -> dict:
    entity = ENTITY_BY_ID[q.speaker] if q.speaker else None
    return {
        "name": entity["name"] if entity else None,
        "description": q.description,
        "type": q.type,
        "entity": q.speaker,
    }


def quote_record(aid: str, n: int, q: Q, text: str) -> dict:
    spans = [find_once(text, p, f"{aid} quote {n}") for p in q.pieces]
    assert spans == sorted(spans), f"{aid} quote {n}: pieces out of order"
    return {
        "id": f"{aid}-q{n}",
        "kind": q.kind,
        "text": " ".join(text[s:e] for s, e in spans),
        "start": spans[0][0],
        "end": spans[-1][1],
        "spans": [list(s) for s in spans],
        "speaker": speaker_record(q),
    }


def time_record(aid: str, t: T, text: str) -> dict:
    start, end = find_once(text, t.words, f"{aid} time")
    return {"text": text[start:end], "start": start, "end": end, "type": t.type,
            "value": t.value, "alternatives": list(t.alternatives)}


def role_record(aid: str, r: R, text: str) -> dict:
    start, end = find_once(text, r.evidence, f"{aid} role")
    evidence = text[start:end]
    person = ENTITY_BY_ID[r.person]
    assert any(a in evidence for a in person["aliases"]), f"{aid}: {person['name']} not named"
    assert r.title.split()[-1][:4].lower() in evidence.lower(), f"{aid}: {r.title} not in text"
    if r.organisation_text:
        assert r.organisation_text in evidence, f"{aid}: {r.organisation_text!r} not in evidence"
    return {
        "person": person["name"],
        "entity": r.person,
        "title": r.title,
        "title_variants": r.title_variants,
        "organisation": ENTITY_BY_ID[r.organisation]["name"] if r.organisation else None,
        "organisation_entity": r.organisation,
        "organisation_text": r.organisation_text,
        "qualifier": r.qualifier,
        "evidence": {"text": evidence, "start": start, "end": end},
    }


def not_quote_record(aid: str, piece: Piece, why: str, text: str) -> dict:
    start, end = find_once(text, piece, f"{aid} not-quote")
    return {"text": text[start:end], "start": start, "end": end, "reason": why}


OPENING = "“\"‘'"
CLOSING = "”\"’'"
DOUBLE_MARKS = "“”\""


def check_marks(aid: str, text: str, article: dict) -> None:
    """Quote marks sit where the annotations say, and no double mark is left unannotated.

    A direct or partial piece opens after a mark and closes before one, except
    a paragraph-final piece of a quotation that goes on in the next paragraph;
    an indirect quote has no marks at its edges.
    """
    explained: set[int] = set()
    for q in article["quotes"]:
        last = len(q["spans"]) - 1
        for i, (start, end) in enumerate(q["spans"]):
            before, after = text[start - 1], text[end: end + 1]
            if q["kind"] == "indirect":
                assert before not in OPENING and after not in CLOSING, f"{aid}: {q['text']!r}"
                continue
            assert before in OPENING, f"{aid}: no opening mark before {q['text']!r}"
            assert after in CLOSING or (after == "\n" and i < last), \
                f"{aid}: no closing mark after piece {i} of {q['text']!r}"
            explained.update((start - 1, end))
    for nq in article["not_quotes"]:
        explained.update((nq["start"] - 1, nq["end"]))
    for m in re.finditer(f"[{DOUBLE_MARKS}]", text):
        inside_indirect = any(
            q["start"] <= m.start() < q["end"] for q in article["quotes"] if q["kind"] == "indirect"
        )
        assert m.start() in explained or inside_indirect, \
            f"{aid}: quote mark at {m.start()} is in no annotation: {text[m.start():][:40]!r}"


def alias_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)")


def check_aliases(texts: dict[str, str]) -> None:
    """Every alias is used somewhere, and no alias belongs to two entities."""
    owners: dict[str, str] = {}
    for entity in ENTITIES:
        for alias in entity["aliases"]:
            assert alias not in owners, f"alias {alias!r} of two entities"
            owners[alias] = entity["id"]
            assert any(alias_pattern(alias).search(t) for t in texts.values()), \
                f"alias {alias!r} used in no article"


def conflict_record(c: dict, texts: dict[str, str]) -> dict:
    figures = []
    for aid, words, value in c["figures"]:
        start, end = find_once(texts[aid], words, f"{aid} conflict")
        figures.append({"article": aid, "text": words, "start": start, "end": end,
                        "value": value})
    return {"articles": c["articles"], "subject": c["subject"], "figures": figures}


def repeat_record(r: dict, texts: dict[str, str]) -> dict:
    where = []
    for aid in r["articles"]:
        start, end = find_once(texts[aid], r["text"], f"{aid} repeat")
        where.append({"article": aid, "start": start, "end": end})
    return {**r, "occurrences": where}


def story_record(story: dict, texts: dict[str, str]) -> dict:
    missing = [a for a in story["articles"] if a not in texts]
    assert not missing, f"story {story['id']}: no such articles {missing}"
    return dict(story)


def build() -> dict:
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    texts = {r["id"]: r["text"] for r in records}
    assert set(QUOTES) == set(texts) == set(TIMES) == set(ROLES)
    check_aliases(texts)
    articles = []
    for r in records:
        aid, text = r["id"], r["text"]
        articles.append({
            "id": aid,
            "published": r["published"],
            "source": r["source"],
            "quotes": [quote_record(aid, n, q, text) for n, q in enumerate(QUOTES[aid], 1)],
            "not_quotes": [not_quote_record(aid, p, why, text)
                           for p, why in NOT_QUOTES.get(aid, [])],
            "times": sorted((time_record(aid, t, text) for t in TIMES[aid]),
                            key=lambda x: x["start"]),
            "roles": [role_record(aid, role, text) for role in ROLES[aid]],
        })
        check_marks(aid, text, articles[-1])
    return {
        "corpus": ARTICLES.name,
        "format": "see README.md beside this file",
        "articles": articles,
        "entities": ENTITIES,
        "repeated_quotes": [repeat_record(r, texts) for r in REPEATED_QUOTES],
        "stories": [story_record(st, texts) for st in STORIES],
        "conflicts": [conflict_record(c, texts) for c in CONFLICTS],
    }


def main() -> None:
    gold = build()
    GOLD.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_quotes = sum(len(a["quotes"]) for a in gold["articles"])
    n_times = sum(len(a["times"]) for a in gold["articles"])
    n_roles = sum(len(a["roles"]) for a in gold["articles"])
    print(f"wrote {GOLD.name}: {len(gold['articles'])} articles, {n_quotes} quotes, "
          f"{n_times} times, {n_roles} roles, {len(ENTITIES)} entities")


if __name__ == "__main__":
    main()
