"""Build the story gold on real wire copy (``stories*.json`` beside this script).

The labels below are groups of article ids that report one specific event or one tightly
linked chain of events with the same main actors (see README.md for the rules followed).
Every other article published in a labelled date range is a story of its own. The script
reads only the ids and publication dates of the corpus, so it writes ids and short labels
of our own, never article text:

    .venv/bin/python examples/wire-dev/make_stories.py

Two parts, never mixed: ``tune`` (Xinhua, 2006-11-01..2006-11-07) is where the stage's
threshold and decay were chosen; ``report`` (AFP, 2006-12-01..2006-12-10) is only scored.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = "../../../shared/corpora/afp-xinhua-newswire.jsonl"  # relative to the gold files

PARTS = {
    "tune": ("2006-11-01", "2006-11-07"),
    "report": ("2006-12-01", "2006-12-10"),
}

X = "XIN_ENG_200611"
A = "AFP_ENG_200612"

# label -> articles (ids without their common prefix); singletons are implied.
GROUPS: dict[str, dict[str, list[str]]] = {
    "tune": {
        "israeli-offensive-beit-hanoun": [
            "01.0038", "01.0202", "02.0311", "04.0115", "07.0049"],
        "china-asean-expo-nanning": ["01.0121", "02.0125"],
        "hun-sen-visit-to-china": ["01.0243", "02.0390"],
        "georgia-fm-moscow-talks": ["01.0308", "04.0073"],
        "cyprus-finnish-initiative": ["01.0323", "02.0303"],
        "us-midterm-elections": ["01.0413", "07.0432"],
        "focac-beijing-summit": [
            "02.0025", "02.0174", "02.0235", "02.0408", "03.0057", "03.0074", "03.0225",
            "03.0230", "03.0238", "03.0394", "03.0398", "03.0401", "04.0018", "04.0021",
            "04.0044", "04.0063", "04.0112", "04.0128", "04.0176", "04.0251", "06.0067",
            "06.0079", "07.0019", "07.0300"],
        "somalia-khartoum-talks-collapse": ["02.0203", "02.0289"],
        "iran-revolutionary-guards-drills": ["03.0196", "04.0146"],
        "six-party-talks-resumption": ["06.0156", "06.0181", "06.0397"],
        "nairobi-climate-conference": ["06.0247", "07.0293"],
        "lebanon-national-dialogue": ["06.0343", "07.0153"],
        "hu-jintao-november-trip": ["07.0228", "07.0256"],
    },
    "report": {
        "chinese-bishop-ordination": ["01.0028", "02.0254"],
        "us-iraq-policy-review": ["01.0112", "01.0325", "04.0474"],
        "typhoon-durian-philippines": ["01.0147", "02.0007", "04.0756"],
        "pope-visit-to-turkey": ["01.0182", "01.0411", "01.0416"],
        "lebanon-opposition-protests": ["01.0313", "04.0314", "04.0637", "05.0287"],
        "litvinenko-poisoning": ["01.0580", "02.0379", "08.0111", "10.0161"],
        "airbus-a350": ["01.0595", "04.0211"],
        "annan-iraq-civil-war-remark": ["03.0295", "05.0055"],
        "pinochet-heart-attack": ["03.0391", "03.0544", "04.0340"],
        "gaidar-illness": ["04.0579", "05.0070"],
        "plo-early-elections": ["09.0223", "09.0246"],
    },
}


def corpus_ids(first: str, last: str) -> list[str]:
    """Ids of the corpus articles published in [first, last], oldest first."""
    found = []
    with (HERE / CORPUS).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            day = (record.get("published") or "")[:10]
            if first <= day <= last:
                found.append((day, record["id"]))
    return [i for _, i in sorted(found)]


def part_gold(part: str) -> dict:
    first, last = PARTS[part]
    ids = corpus_ids(first, last)
    prefix = X if part == "tune" else A
    stories, seen = [], set()
    for label, short in GROUPS[part].items():
        members = [prefix + s for s in short]
        missing = [m for m in members if m not in ids]
        assert not missing, f"{label}: not in {part}'s range: {missing}"
        assert not seen & set(members), f"{label}: an article is in two stories"
        seen |= set(members)
        stories.append({"id": label, "articles": members})
    stories += [{"id": i, "articles": [i]} for i in ids if i not in seen]
    return {"corpus": CORPUS, "part": part, "range": [first, last], "articles": ids,
            "stories": stories}


def main() -> None:
    parts = {part: part_gold(part) for part in PARTS}
    for part, gold in parts.items():
        (HERE / f"stories-{part}.json").write_text(json.dumps(gold, indent=1) + "\n")
    both = {"corpus": CORPUS, "articles": [], "stories": []}
    for gold in parts.values():
        both["articles"] += gold["articles"]
        both["stories"] += gold["stories"]
    (HERE / "stories.json").write_text(json.dumps(both, indent=1) + "\n")
    for part, gold in parts.items():
        multi = [s for s in gold["stories"] if len(s["articles"]) > 1]
        print(f"{part}: {len(gold['articles'])} articles, {len(gold['stories'])} stories, "
              f"{len(multi)} with two or more articles")


if __name__ == "__main__":
    main()
