"""Extend and split the conflicts gold (run from the repository root).

``conflicts.json`` is the whole hand-made gold. This script adds the conflicts of the second
labelling pass (``ADDED``, when not yet there) and writes its two parts:

- ``conflicts-tune.json``: every article published before ``TEST_FROM`` (Xinhua 2006-11-01..19
  and AFP 2006-12-01..15) and the conflicts whose claims all lie there: the rules of
  ``newsgraph/resolve/claims.py`` and ``conflicts.py`` are tuned on this part only;
- ``conflicts-test.json``: the AFP articles of 2006-12-16..31 and the conflicts with a claim
  there (an earlier article such a conflict needs is listed in this part too): only scored.

    .venv/bin/python examples/wire-dev/split_conflicts.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
TEST_FROM = "20061216"   # the publication day in the article id (AFP_ENG_YYYYMMDD.NNNN)

# The second pass: (subject, disagreement, [(article, start, end, value)]). Labels of ours.
ADDED = [
    ("Red Crescent kidnap victims released (Baghdad)", False,
     [("AFP_ENG_20061218.0198", 1037, 1068, "13"), ("AFP_ENG_20061218.0244", 1240, 1278, "17")]),
    ("Marines to face murder charges over the Haditha killings", False,
     [("AFP_ENG_20061221.0514", 0, 41, "2"), ("AFP_ENG_20061221.0527", 0, 42, "4")]),
    ("hostages taken at the Baghdad ministry (minister vs released hostages)", True,
     [("XIN_ENG_20061115.0114", 1047, 1087, "100"), ("XIN_ENG_20061115.0114", 1409, 1451, "40")]),
]
# The fourth pass (third session): every counted sentence of every article published before
# TEST_FROM (658 articles, not only the 201) read, grouped by event. Tune part only.
# (subject, kind, disagreement, [(article, start, end, value)]).
ADDED_4 = [
    # the first day's toll of the Nov 5 blast, a week before the next report of it
    ("death toll of the Jiaojiazhai colliery gas blast (first day)", "number", False,
     [("XIN_ENG_20061106.0010", 101, 117, "17"), ("XIN_ENG_20061113.0008", 806, 819, "35"),
      ("XIN_ENG_20061113.0105", 746, 759, "35")]),
    # one article: the toll "rose to three"; "earlier, local police said" two
    ("killed by the suicide car bomb at a Baghdad funeral (earlier police figure)", "number",
     False,
     [("XIN_ENG_20061115.0185", 419, 441, "2"), ("XIN_ENG_20061115.0185", 0, 28, "3"),
      ("XIN_ENG_20061115.0185", 297, 317, "3")]),
    # one article: the quarter's loss now, and the figure the company had reported before
    ("carmaker's third-quarter loss (revised estimate)", "number", False,
     [("XIN_ENG_20061107.0222", 228, 257, "115"), ("XIN_ENG_20061107.0222", 54, 87, "91")]),
    # how many were underground when the Nanshan fire broke out ("the latest statistics")
    ("people in the Nanshan colliery pit when the fire broke out", "number", False,
     [("XIN_ENG_20061113.0105", 144, 186, "36"), ("XIN_ENG_20061115.0200", 539, 571, "66")]),
    # the day of the Beit Hanoun shelling: Nov 8 in two reports, November 18 in a later one
    ("day of the Beit Hanoun shelling", "date", True,
     [("XIN_ENG_20061118.0161", 1645, 1654, "Nov. 8"),
      ("XIN_ENG_20061115.0125", 1670, 1679, "Nov. 8"),
      ("AFP_ENG_20061211.0198", 1405, 1419, "November 18")]),
]
# Claims the first pass left out of a conflict: the same figure given again in the same
# article (its lead), listed so that a prediction using either matches. (subject, claim)
MORE_CLAIMS = [
    ("civilians killed in the Sirba ambush (West Darfur)",
     ("AFP_ENG_20061210.0248", 0, 32, "22")),
    # the second copy of the day gives the fire's day (Sunday) that the later report repeats
    ("day of the Nanshan colliery accident",
     ("XIN_ENG_20061113.0105", 310, 326, "Sunday")),
]
NOTE = (
    "conflicts labelled by hand on allowed-date articles (2006-11-01..19, 2006-12): the 201 "
    "articles that mention a casualty or count word, and a second pass over story pairs; "
    "tune: articles before 2006-12-16; test: AFP 2006-12-16..31 (never used for tuning)"
)


def main() -> None:
    path = HERE / "conflicts.json"
    gold = json.loads(path.read_text())
    have = {c["subject"] for c in gold["conflicts"]}
    added = [(s, "number", d, c) for s, d, c in ADDED] + ADDED_4
    for subject, kind, disagreement, claims in added:
        if subject in have:
            continue
        gold["conflicts"].append({
            "subject": subject, "kind": kind, "disagreement": disagreement,
            "claims": [{"article": a, "start": s, "end": e, "value": v} for a, s, e, v in claims],
        })
        for a, *_ in claims:
            if a not in gold["articles"]:
                gold["articles"].append(a)
    for subject, (a, s, e, v) in MORE_CLAIMS:
        for c in gold["conflicts"]:
            if c["subject"] == subject and not any(
                    x["article"] == a and x["start"] == s for x in c["claims"]):
                c["claims"].append({"article": a, "start": s, "end": e, "value": v})
    gold["articles"].sort()
    gold["note"] = NOTE + "; this file: both parts"
    path.write_text(json.dumps(gold, indent=1) + "\n")

    def is_test(article: str) -> bool:
        return article.split("_")[-1][:8] >= TEST_FROM

    tune = [c for c in gold["conflicts"] if not any(is_test(x["article"]) for x in c["claims"])]
    test = [c for c in gold["conflicts"] if any(is_test(x["article"]) for x in c["claims"])]
    test_articles = sorted({a for a in gold["articles"] if is_test(a)}
                           | {x["article"] for c in test for x in c["claims"]})
    tune_articles = [a for a in gold["articles"] if not is_test(a)]
    for name, articles, conflicts in (("tune", tune_articles, tune), ("test", test_articles, test)):
        part = {"corpus": gold["corpus"], "note": f"{NOTE}; this file: the {name} part",
                "articles": articles, "conflicts": conflicts}
        (HERE / f"conflicts-{name}.json").write_text(json.dumps(part, indent=1) + "\n")
        print(f"conflicts-{name}.json: {len(articles)} articles, {len(conflicts)} conflicts")


if __name__ == "__main__":
    main()
