"""Score analyses of the bundled demo corpus against its hand-made gold.

The demo corpus (``examples/demo/articles.jsonl``) and its gold
(``examples/demo/gold.json``, format in ``examples/demo/README.md``) follow one
invented local story over twelve articles. The scorers here compare what
newsgraph found with that gold:

- quotes: content precision/recall/F1 (a predicted and a gold quote match when
  their characters overlap by at least half of each, one-to-one per article),
  speaker accuracy on matched pairs, end-to-end F1 (content and speaker right),
  recall per kind;
- roles: precision/recall of (person, title, organisation) per article;
- times: strict and relaxed span F1, value accuracy on matched spans;
- entities: cross-article resolution as pairwise and B-cubed scores over the
  gold mentions (every (article, alias) of a gold entity the article uses).

Every ratio with a zero denominator is 0.0.

    python -m newsgraph.evaluate.demo            # analyse the demo corpus and print the report
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.model import Article, ArticleAnalysis, Quote, Role, TextSpan

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "examples" / "demo" / "gold.json"

# Words that qualify a title rather than name it: "deputy leader" is scored as
# the title "leader" (the qualifier is scored apart, on matched roles).
QUALIFIER_WORDS = ("former", "deputy", "acting", "interim", "current", "retired", "ex")
# Marks folded together before comparing names, titles and organisations.
FOLDED_MARKS = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " "})
# Quote kinds reported by ``score_quotes`` (recall per kind).
QUOTE_KINDS = ("direct", "partial", "indirect")

Clusters = dict[str, set[tuple[str, str]]]


# --- the gold ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldSpeaker:
    name: str | None  # canonical name of the speaking entity; None for unnamed sources
    description: str | None  # "One senior official", "campaigners"
    type: str | None  # PERSON, ORG, GROUP
    entity: str | None  # id of a GoldEntity


@dataclass(frozen=True)
class GoldQuote:
    id: str
    kind: str
    text: str  # the pieces joined by a space
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    speaker: GoldSpeaker


@dataclass(frozen=True)
class GoldTime:
    text: str
    start: int
    end: int
    type: str
    value: str
    alternatives: tuple[str, ...] = ()  # other values equally right ("2024-W09")

    def accepts(self, value: str) -> bool:
        return value == self.value or value in self.alternatives


@dataclass(frozen=True)
class GoldRole:
    person: str  # canonical name
    entity: str  # id of the person's GoldEntity
    title: str
    title_variants: tuple[str, ...]  # other accepted wordings ("council leader")
    organisation: str | None  # canonical name
    organisation_entity: str | None
    organisation_text: str | None  # the words the article uses for it ("the council")
    qualifier: str | None
    evidence: TextSpan  # the words that state the role


@dataclass(frozen=True)
class GoldEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class GoldArticle:
    article: Article
    quotes: tuple[GoldQuote, ...]
    times: tuple[GoldTime, ...]
    roles: tuple[GoldRole, ...]
    not_quotes: tuple[TextSpan, ...]  # words in quote marks that are no one's speech


@dataclass(frozen=True)
class DemoGold:
    articles: tuple[GoldArticle, ...]
    entities: tuple[GoldEntity, ...]
    repeated_quotes: tuple[dict[str, Any], ...]
    conflicts: tuple[dict[str, Any], ...]

    def article(self, article_id: str) -> GoldArticle | None:
        return next((a for a in self.articles if a.article.id == article_id), None)

    def entity(self, entity_id: str | None) -> GoldEntity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def names_of(self, entity_id: str | None) -> set[str]:
        """The normalised canonical name and aliases of an entity (empty when unknown)."""
        entity = self.entity(entity_id)
        if entity is None:
            return set()
        return {normal(entity.name)} | {normal(a) for a in entity.aliases}


def _speaker(d: dict[str, Any]) -> GoldSpeaker:
    return GoldSpeaker(d.get("name"), d.get("description"), d.get("type"), d.get("entity"))


def _quote(d: dict[str, Any]) -> GoldQuote:
    spans = tuple((int(s), int(e)) for s, e in d.get("spans") or [(d["start"], d["end"])])
    return GoldQuote(d["id"], d["kind"], d["text"], d["start"], d["end"], spans,
                     _speaker(d["speaker"]))


def _role(d: dict[str, Any]) -> GoldRole:
    ev = d["evidence"]
    return GoldRole(
        person=d["person"], entity=d["entity"], title=d["title"],
        title_variants=tuple(d.get("title_variants") or ()),
        organisation=d.get("organisation"), organisation_entity=d.get("organisation_entity"),
        organisation_text=d.get("organisation_text"), qualifier=d.get("qualifier"),
        evidence=TextSpan(ev["text"], ev["start"], ev["end"]),
    )


def load_articles(path: str | Path) -> dict[str, Article]:
    """The demo corpus (JSON Lines) as Articles by id."""
    path = Path(path)
    articles: dict[str, Article] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        articles[r["id"]] = Article(
            id=r["id"], text=r["text"], title=r.get("title"), published=r.get("published"),
            source=r.get("source"), url=r.get("url"), author=r.get("author"),
            path=f"{path}:{n}",
        )
    return articles


def load_gold(path: str | Path = DEFAULT_GOLD) -> DemoGold:
    """Read gold.json and the corpus it names (a path relative to the gold file)."""
    path = Path(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    texts = load_articles(path.parent / raw["corpus"])
    articles = tuple(
        GoldArticle(
            article=texts[a["id"]],
            quotes=tuple(_quote(q) for q in a["quotes"]),
            times=tuple(GoldTime(t["text"], t["start"], t["end"], t["type"], t["value"],
                                 tuple(t.get("alternatives", ())))
                        for t in a["times"]),
            roles=tuple(_role(r) for r in a["roles"]),
            not_quotes=tuple(TextSpan(n["text"], n["start"], n["end"])
                             for n in a.get("not_quotes", ())),
        )
        for a in raw["articles"]
    )
    entities = tuple(GoldEntity(e["id"], e["name"], e["type"], tuple(e["aliases"]))
                     for e in raw["entities"])
    return DemoGold(articles, entities, tuple(raw.get("repeated_quotes", ())),
                    tuple(raw.get("conflicts", ())))


# --- small measures ------------------------------------------------------------------------


def normal(text: str | None) -> str:
    """Casefolded, marks folded, spaces collapsed, a leading "the " dropped."""
    if not text:
        return ""
    folded = " ".join(text.translate(FOLDED_MARKS).casefold().split())
    return folded[4:] if folded.startswith("the ") else folded


def ratio(n: int | float, d: int | float) -> float:
    return n / d if d else 0.0


def prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 with the counts they come from."""
    p, r = ratio(correct, predicted), ratio(correct, gold)
    return {"precision": p, "recall": r, "f1": ratio(2 * p * r, p + r),
            "correct": correct, "predicted": predicted, "gold": gold}


def chars_of(spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for s, e in spans for i in range(s, e))


def half_overlap(a: frozenset[int], b: frozenset[int]) -> int:
    """The overlap of two character sets when it is at least half of each, else 0."""
    both = len(a & b)
    return both if both and 2 * both >= len(a) and 2 * both >= len(b) else 0


def match_one_to_one(scores: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), largest score first."""
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for (g, p), _score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if g not in used_gold and p not in used_pred:
            pairs.append((g, p))
            used_gold.add(g)
            used_pred.add(p)
    return sorted(pairs)


def analyses_by_id(gold: DemoGold, analyses: Sequence[ArticleAnalysis]
                   ) -> list[tuple[GoldArticle, ArticleAnalysis | None]]:
    """Each gold article with its analysis (None when it was not analysed)."""
    found = {a.article.id: a for a in analyses}
    return [(g, found.get(g.article.id)) for g in gold.articles]


def missing_ids(pairs: list[tuple[GoldArticle, ArticleAnalysis | None]]) -> list[str]:
    return [g.article.id for g, a in pairs if a is None]


# --- quotes --------------------------------------------------------------------------------


def quote_chars(q: Quote) -> frozenset[int]:
    return chars_of(q.spans or ((q.start, q.end),))


def speaker_correct(gold: DemoGold, g: GoldQuote, q: Quote) -> bool:
    """The predicted speaker names the gold speaker (by any alias), or both are unnamed."""
    name = q.speaker.name if q.speaker else None
    if g.speaker.name is None:
        return not name
    names = gold.names_of(g.speaker.entity) or {normal(g.speaker.name)}
    return normal(name) in names


def quote_pairs(g: GoldArticle, a: ArticleAnalysis | None) -> list[tuple[int, int]]:
    if a is None:
        return []
    gold_chars = [chars_of(q.spans) for q in g.quotes]
    pred_chars = [quote_chars(q) for q in a.quotes]
    scores = {
        (i, j): s
        for i, gc in enumerate(gold_chars)
        for j, pc in enumerate(pred_chars)
        if (s := half_overlap(gc, pc))
    }
    return match_one_to_one(scores)


def score_quotes(gold: DemoGold, analyses: Sequence[ArticleAnalysis]) -> dict[str, Any]:
    """Content P/R/F1, speaker accuracy on matched pairs, end-to-end F1, recall per kind."""
    n_gold = n_pred = matched = speakers = 0
    kinds = {k: {"gold": 0, "matched": 0} for k in QUOTE_KINDS}
    pairs_by_article = analyses_by_id(gold, analyses)
    for g, a in pairs_by_article:
        pairs = quote_pairs(g, a)
        n_gold += len(g.quotes)
        n_pred += len(a.quotes) if a else 0
        matched += len(pairs)
        for q in g.quotes:
            kinds.setdefault(q.kind, {"gold": 0, "matched": 0})["gold"] += 1
        for i, j in pairs:
            kinds[g.quotes[i].kind]["matched"] += 1
            speakers += speaker_correct(gold, g.quotes[i], a.quotes[j]) if a else 0
    return {
        "content": prf(matched, n_pred, n_gold),
        "speaker_accuracy": ratio(speakers, matched),
        "speaker_correct": speakers,
        "end_to_end": prf(speakers, n_pred, n_gold),
        "by_kind": {k: {**v, "recall": ratio(v["matched"], v["gold"])} for k, v in kinds.items()},
        "missing_articles": missing_ids(pairs_by_article),
    }


# --- roles ---------------------------------------------------------------------------------


def title_key(title: str | None) -> str:
    """A title without its qualifier words: "Deputy council leader" -> "council leader"."""
    words = normal(title).split()
    while words and words[0].rstrip("-") in QUALIFIER_WORDS:
        words = words[1:]
    return " ".join(words)


def person_names(a: ArticleAnalysis, r: Role) -> set[str]:
    """The normalised names of the person a predicted role belongs to."""
    entity = next((e for e in a.entities if e.id == r.entity), None)
    if entity is None:
        return {normal(r.entity)}
    return {normal(entity.name)} | {normal(x) for x in entity.aliases}


def organisation_names(gold: DemoGold, g: GoldRole) -> set[str]:
    if g.organisation is None:
        return {""}
    names = gold.names_of(g.organisation_entity) | {normal(g.organisation)}
    return names | ({normal(g.organisation_text)} if g.organisation_text else set())


def role_matches(gold: DemoGold, g: GoldRole, names: set[str], r: Role,
                 with_organisation: bool = True) -> bool:
    if not names & (gold.names_of(g.entity) | {normal(g.person)}):
        return False
    titles = {title_key(g.title)} | {title_key(t) for t in g.title_variants}
    if title_key(r.title) not in titles:
        return False
    return not with_organisation or normal(r.organisation) in organisation_names(gold, g)


def distinct_roles(a: ArticleAnalysis) -> list[tuple[set[str], Role]]:
    """Predicted roles of one article, once per (person, title, organisation)."""
    seen: set[tuple[frozenset[str], str, str]] = set()
    out: list[tuple[set[str], Role]] = []
    for r in a.roles:
        names = person_names(a, r)
        key = (frozenset(names), title_key(r.title), normal(r.organisation))
        if key not in seen:
            seen.add(key)
            out.append((names, r))
    return out


def role_pairs(gold: DemoGold, g: GoldArticle, predicted: list[tuple[set[str], Role]],
               with_organisation: bool) -> list[tuple[int, int]]:
    scores = {
        (i, j): 1
        for i, gr in enumerate(g.roles)
        for j, (names, r) in enumerate(predicted)
        if role_matches(gold, gr, names, r, with_organisation)
    }
    return match_one_to_one(scores)


def score_roles(gold: DemoGold, analyses: Sequence[ArticleAnalysis]) -> dict[str, Any]:
    """Role P/R/F1 over (person, title, organisation); also without the organisation."""
    n_gold = n_pred = strict = loose = qualifiers = 0
    pairs_by_article = analyses_by_id(gold, analyses)
    for g, a in pairs_by_article:
        predicted = distinct_roles(a) if a else []
        n_gold += len(g.roles)
        n_pred += len(predicted)
        pairs = role_pairs(gold, g, predicted, with_organisation=True)
        strict += len(pairs)
        loose += len(role_pairs(gold, g, predicted, with_organisation=False))
        qualifiers += sum(
            normal(predicted[j][1].qualifier) == normal(g.roles[i].qualifier) for i, j in pairs
        )
    return {
        "roles": prf(strict, n_pred, n_gold),
        "person_title": prf(loose, n_pred, n_gold),
        "qualifier_accuracy": ratio(qualifiers, strict),
        "missing_articles": missing_ids(pairs_by_article),
    }


# --- times ---------------------------------------------------------------------------------


def score_times(gold: DemoGold, analyses: Sequence[ArticleAnalysis]) -> dict[str, Any]:
    """Strict (same offsets) and relaxed (overlapping) span F1; value accuracy when relaxed."""
    n_gold = n_pred = strict = relaxed = values = 0
    pairs_by_article = analyses_by_id(gold, analyses)
    for g, a in pairs_by_article:
        predicted = a.times if a else ()
        n_gold += len(g.times)
        n_pred += len(predicted)
        strict += len({(t.start, t.end) for t in g.times}
                      & {(t.start, t.end) for t in predicted})
        scores = {
            (i, j): s
            for i, gt in enumerate(g.times)
            for j, pt in enumerate(predicted)
            if (s := min(gt.end, pt.end) - max(gt.start, pt.start)) > 0
        }
        pairs = match_one_to_one(scores)
        relaxed += len(pairs)
        values += sum(g.times[i].accepts(predicted[j].value) for i, j in pairs)
    return {
        "strict": prf(strict, n_pred, n_gold),
        "relaxed": prf(relaxed, n_pred, n_gold),
        "value_accuracy": ratio(values, relaxed),
        "value": prf(values, n_pred, n_gold),
        "missing_articles": missing_ids(pairs_by_article),
    }


# --- entities across articles --------------------------------------------------------------


def alias_spans(text: str, alias: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


def gold_mentions(gold: DemoGold) -> dict[tuple[str, str], str]:
    """(article id, normalised alias) -> gold entity id, for every alias an article uses.

    An occurrence inside a longer alias occurrence ("Saltmere" in "Saltmere Town
    Council") does not count on its own.
    """
    mentions: dict[tuple[str, str], str] = {}
    for g in gold.articles:
        text = g.article.text
        found = [(s, e, alias, ent.id) for ent in gold.entities for alias in ent.aliases
                 for s, e in alias_spans(text, alias)]
        for s, e, alias, eid in found:
            inside = any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _, _ in found)
            if not inside:
                mentions.setdefault((g.article.id, normal(alias)), eid)
    return mentions


def predicted_cluster_of(clusters: Clusters) -> dict[tuple[str, str], str]:
    """(article id, normalised surface) -> predicted cluster id (first cluster in id order)."""
    owner: dict[tuple[str, str], str] = {}
    for cid in sorted(clusters):
        for aid, surface in clusters[cid]:
            owner.setdefault((aid, normal(surface)), cid)
    return owner


def pair_set(labels: dict[tuple[str, str], str], cross_article: bool
             ) -> set[frozenset[tuple[str, str]]]:
    """Unordered pairs of mentions that share a label (optionally only across articles)."""
    keys = sorted(labels)
    return {
        frozenset((m1, m2))
        for i, m1 in enumerate(keys)
        for m2 in keys[i + 1:]
        if labels[m1] == labels[m2] and (not cross_article or m1[0] != m2[0])
    }


def b_cubed(gold_of: dict[tuple[str, str], str], pred_of: dict[tuple[str, str], str]
            ) -> dict[str, float]:
    members_gold: dict[str, set[tuple[str, str]]] = {}
    members_pred: dict[str, set[tuple[str, str]]] = {}
    for m in gold_of:
        members_gold.setdefault(gold_of[m], set()).add(m)
        members_pred.setdefault(pred_of[m], set()).add(m)
    p = r = 0.0
    for m in gold_of:
        g, c = members_gold[gold_of[m]], members_pred[pred_of[m]]
        p += ratio(len(g & c), len(c))
        r += ratio(len(g & c), len(g))
    p, r = ratio(p, len(gold_of)), ratio(r, len(gold_of))
    return {"precision": p, "recall": r, "f1": ratio(2 * p * r, p + r)}


def score_entities(gold: DemoGold, clusters: Clusters) -> dict[str, Any]:
    """Pairwise and B-cubed scores of predicted clusters over the gold mentions.

    A gold mention no predicted cluster covers counts as a cluster of its own;
    predicted mentions that are not gold mentions are left out.
    """
    gold_of = gold_mentions(gold)
    owner = predicted_cluster_of(clusters)
    pred_of = {m: owner.get(m, f"unclustered:{m[0]}:{m[1]}") for m in gold_of}
    scores: dict[str, Any] = {"mentions": len(gold_of),
                              "covered": sum(m in owner for m in gold_of)}
    for name, cross in (("pairwise", False), ("cross_article", True)):
        g_pairs, p_pairs = pair_set(gold_of, cross), pair_set(pred_of, cross)
        scores[name] = prf(len(g_pairs & p_pairs), len(p_pairs), len(g_pairs))
    scores["b_cubed"] = b_cubed(gold_of, pred_of)
    return scores


def clusters_from_analyses(analyses: Sequence[ArticleAnalysis]) -> Clusters:
    """Within-article clusters from each analysis's entities: the no-resolution baseline."""
    clusters: Clusters = {}
    for a in analyses:
        text = a.article.text
        for e in a.entities:
            surfaces = {e.name, *e.aliases} | {text[s:t] for s, t in e.mentions}
            clusters[f"{a.article.id}/{e.id}"] = {(a.article.id, s) for s in surfaces if s}
    return clusters


# --- the whole report ----------------------------------------------------------------------


def evaluate_demo(gold_path: str | Path, analyses: Sequence[ArticleAnalysis],
                  clusters: Clusters | None = None) -> dict[str, Any]:
    """Every score for a list of analyses (and, optionally, cross-article clusters)."""
    gold = load_gold(gold_path)
    analysed = {a.article.id for a in analyses} & {g.article.id for g in gold.articles}
    return {
        "gold": str(gold_path),
        "articles": {"gold": len(gold.articles), "analysed": len(analysed)},
        "quotes": score_quotes(gold, analyses),
        "roles": score_roles(gold, analyses),
        "times": score_times(gold, analyses),
        "entities": score_entities(gold, clusters or clusters_from_analyses(analyses)),
        "entity_clusters": "given" if clusters else "within-article (from the analyses)",
    }


def _prf_line(label: str, s: dict[str, Any]) -> str:
    counts = f"({s['correct']}/{s['predicted']} predicted, {s['gold']} gold)" \
        if "correct" in s else ""
    return (f"  {label:<22} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
            f"{counts}").rstrip()


def format_report(report: dict[str, Any]) -> str:
    """The report as plain text, one measure a line."""
    q, r, t, e = report["quotes"], report["roles"], report["times"], report["entities"]
    lines = [
        f"demo gold: {report['gold']}",
        f"articles analysed: {report['articles']['analysed']}/{report['articles']['gold']}",
        "quotes",
        _prf_line("content", q["content"]),
        f"  {'speaker accuracy':<22} {q['speaker_accuracy']:.3f}  "
        f"({q['speaker_correct']}/{q['content']['correct']} matched)",
        _prf_line("end to end", q["end_to_end"]),
        *(f"  {'recall ' + k:<22} {v['recall']:.3f}  ({v['matched']}/{v['gold']})"
          for k, v in q["by_kind"].items()),
        "roles",
        _prf_line("person+title+org", r["roles"]),
        _prf_line("person+title", r["person_title"]),
        f"  {'qualifier accuracy':<22} {r['qualifier_accuracy']:.3f}",
        "times",
        _prf_line("strict span", t["strict"]),
        _prf_line("relaxed span", t["relaxed"]),
        f"  {'value accuracy':<22} {t['value_accuracy']:.3f}",
        _prf_line("value", t["value"]),
        f"entities ({report['entity_clusters']}; {e['covered']}/{e['mentions']} gold mentions "
        "covered)",
        _prf_line("pairwise", e["pairwise"]),
        _prf_line("cross-article pairs", e["cross_article"]),
        _prf_line("B-cubed", e["b_cubed"]),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Analyse the demo corpus with the default pipeline and print the report."""
    from newsgraph.nlp.pipeline import Analyzer, analyse_many

    args = list(sys.argv[1:] if argv is None else argv)
    gold_path = Path(args[0]) if args else DEFAULT_GOLD
    gold = load_gold(gold_path)
    outcomes = list(analyse_many(Analyzer(), (g.article for g in gold.articles)))
    for o in outcomes:
        if o.error:
            print(f"{o.article.id}: {o.error}", file=sys.stderr)
    analyses = [o.analysis for o in outcomes if o.analysis is not None]
    print(format_report(evaluate_demo(gold_path, analyses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
