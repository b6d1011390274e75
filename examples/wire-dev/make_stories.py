"""Build the story gold on real wire copy (``stories*.json`` beside this script).

The labels below are groups of article ids that report one specific event or one tightly
linked chain of events with the same main actors (see README.md for the rules followed).
Every other article published in a labelled date range is a story of its own. The script
reads only the ids and publication dates of the corpus, so it writes ids and short labels
of our own, never article text:

    .venv/bin/python examples/wire-dev/make_stories.py

Two parts, never mixed: ``tune`` (Xinhua 2006-11-01..2006-11-19 and AFP
2006-12-11..2006-12-19) is where the stage's join model was fit and its threshold chosen;
``report`` (AFP 2006-12-01..2006-12-10 and 2006-12-20..2006-12-31) is only scored. Each
range is also written alone (``stories-tune-1``: Xinhua Nov 1-11, ``-2``: AFP Dec 11-19,
``-3``: Xinhua Nov 12-19, labelled in the third session; ``stories-report-1``/``-2``), and
``stories.json`` lists every range, the blocks of ``bench/stories_gold.py --cv``.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = "../../../shared/corpora/afp-xinhua-newswire.jsonl"  # relative to the gold files

PARTS = {
    "tune": [("2006-11-01", "2006-11-11"), ("2006-12-11", "2006-12-19"),
             ("2006-11-12", "2006-11-19")],
    "report": [("2006-12-01", "2006-12-10"), ("2006-12-20", "2006-12-31")],
}
SOURCES = {"X": "XIN_ENG_2006", "A": "AFP_ENG_2006"}  # "X1101.0038" is XIN_ENG_20061101.0038

# label -> articles (ids shortened as above); singletons are implied.
GROUPS: dict[str, dict[str, list[str]]] = {
    "tune": {
        "israeli-offensive-beit-hanoun": [
            "X1101.0038", "X1101.0202", "X1102.0311", "X1104.0115", "X1107.0049", "X1108.0125",
            "X1109.0302",
            # third session: the answers to the US veto and to the General Assembly's vote
            "X1111.0222", "X1118.0161"],
        "china-asean-expo-nanning": ["X1101.0121", "X1102.0125"],
        "hun-sen-visit-to-china": ["X1101.0243", "X1102.0390"],
        "georgia-fm-moscow-talks": ["X1101.0308", "X1104.0073"],
        "cyprus-finnish-initiative": ["X1101.0323", "X1102.0303", "X1113.0286"],
        "us-midterm-elections": ["X1101.0413", "X1107.0432", "X1107.0430", "X1108.0233",
                                 "X1108.0369", "X1110.0157"],
        "focac-beijing-summit": [
            "X1102.0025", "X1102.0174", "X1102.0235", "X1102.0408", "X1103.0057", "X1103.0074",
            "X1103.0225", "X1103.0230", "X1103.0238", "X1103.0394", "X1103.0398", "X1103.0401",
            "X1104.0018", "X1104.0021", "X1104.0044", "X1104.0063", "X1104.0112", "X1104.0128",
            "X1104.0176", "X1104.0251", "X1106.0067", "X1106.0079", "X1107.0019", "X1107.0300"],
        "somalia-khartoum-talks-collapse": ["X1102.0203", "X1102.0289"],
        "iran-revolutionary-guards-drills": ["X1103.0196", "X1104.0146"],
        "six-party-talks-resumption": ["X1106.0156", "X1106.0181", "X1106.0397"],
        "nairobi-climate-conference": ["X1106.0247", "X1107.0293", "X1113.0265", "X1117.0317"],
        "lebanon-national-dialogue": ["X1106.0343", "X1107.0153", "X1115.0330"],
        "hu-jintao-november-trip": ["X1107.0228", "X1107.0256"],
        # Xinhua 2006-11-08..11 (labelled in the second session)
        "rumsfeld-resignation": ["X1108.0275", "X1108.0292"],
        "mahathir-heart-attack": ["X1110.0160", "X1111.0116"],
        "karaoke-royalties": ["X1110.0120", "X1110.0155"],
        "china-vietnam-steering-committee": ["X1110.0083", "X1111.0054"],
        "arafat-death-anniversary": ["X1110.0207", "X1111.0084"],
        "nepal-peace-pact-arms": ["X1109.0072", "X1109.0202"],
        # Xinhua 2006-11-12..19 (labelled in the third session; four stories above reach
        # into it, two below reach back into 2006-11-01..11)
        "apec-hanoi-week": [
            "X1112.0016", "X1112.0143", "X1113.0034", "X1114.0078", "X1116.0041", "X1116.0044",
            "X1116.0420", "X1117.0144", "X1117.0170", "X1117.0259", "X1117.0263", "X1118.0076",
            "X1118.0080", "X1118.0084", "X1119.0021", "X1119.0042", "X1119.0062", "X1119.0169"],
        "nanshan-colliery-fire": ["X1113.0008", "X1113.0105", "X1115.0200"],
        "jiaojiazhai-colliery-blast": ["X1106.0010", "X1114.0211", "X1115.0089"],
        "foreign-funded-bank-regulations": ["X1108.0177", "X1115.0475", "X1116.0161",
                                            "X1117.0062", "X1117.0070"],
        "baghdad-two-roadside-bombs": ["X1112.0067", "X1112.0068"],
        "sderot-rocket-death": ["X1115.0034", "X1115.0125"],
        "uss-juneau-zhanjiang": ["X1115.0120", "X1115.0229"],
        "g20-melbourne": ["X1118.0009", "X1119.0023"],
        "asean-cebu-summit-preparations": ["X1114.0018", "X1116.0188"],
        "olmert-european-tour": ["A1210.0512", "A1213.0284"],
        "bangladesh-cabinet-resignations": ["A1211.0031", "A1211.0264"],
        "qantas-takeover": ["A1211.0048", "A1213.0679"],
        "pinochet-death-and-funeral": ["A1211.0480", "A1211.0546", "A1213.0381"],
        "iran-sanctions-resolution-talks": ["A1211.0534", "A1211.0777"],
        "olmert-nuclear-remark": ["A1212.0057", "A1212.0398"],
        "opec-abuja-meeting": ["A1213.0368", "A1214.0224", "A1214.0768", "A1215.0244"],
        "hamas-fatah-clashes": ["A1214.0704", "A1214.0764", "A1216.0295", "A1216.0426",
                                "A1216.0438", "A1216.0460", "A1217.0330", "A1218.0541"],
        "six-party-talks-december": ["A1216.0046", "A1217.0433", "A1218.0090", "A1219.0086"],
        "baghdad-red-crescent-kidnapping": ["A1217.0286", "A1218.0198", "A1218.0244"],
        "litvinenko-inquiry": ["A1211.0789", "A1217.0397", "A1219.0412"],
        "suffolk-serial-killer": ["A1213.0135", "A1218.0111", "A1219.0439"],
        "south-africa-india-first-test": ["A1215.0231", "A1215.0433"],
        "discovery-iss-mission": ["A1214.0742", "A1216.0379"],
        "sa-cricket-championship-round": ["A1214.0561", "A1216.0296"],
    },
    "report": {
        "chinese-bishop-ordination": ["A1201.0028", "A1202.0254"],
        "us-iraq-policy-review": ["A1201.0112", "A1201.0325", "A1204.0474"],
        "typhoon-durian-philippines": ["A1201.0147", "A1202.0007", "A1204.0756"],
        "pope-visit-to-turkey": ["A1201.0182", "A1201.0411", "A1201.0416"],
        "lebanon-opposition-protests": ["A1201.0313", "A1204.0314", "A1204.0637", "A1205.0287"],
        "litvinenko-poisoning": ["A1201.0580", "A1202.0379", "A1208.0111", "A1210.0161"],
        "airbus-a350": ["A1201.0595", "A1204.0211"],
        "annan-iraq-civil-war-remark": ["A1203.0295", "A1203.0372", "A1205.0055"],
        "pinochet-heart-attack": ["A1203.0391", "A1203.0544", "A1204.0340"],
        "gaidar-illness": ["A1204.0579", "A1205.0070"],
        "plo-early-elections": ["A1209.0223", "A1209.0246"],
        # AFP 2006-12-20..31 (labelled in the second session)
        "iran-sanctions-resolution-vote": ["A1220.0508", "A1222.0242", "A1223.0200",
                                           "A1223.0223"],
        "iran-parliament-iaea-bill": ["A1227.0184", "A1227.0457"],
        "niyazov-death-and-succession": ["A1221.0096", "A1221.0460", "A1221.0647",
                                         "A1223.0297", "A1224.0140"],
        "haditha-murder-charges": ["A1221.0514", "A1221.0527"],
        "schwarzenegger-ski-accident": ["A1224.0227", "A1230.0397"],
        "ethiopia-somalia-offensive": ["A1223.0092", "A1226.0251", "A1227.0080", "A1227.0264",
                                       "A1227.0537", "A1228.0292", "A1228.0449", "A1229.0182"],
        "saddam-sentence-and-execution": [
            "A1226.0387", "A1228.0120", "A1229.0474", "A1229.0486", "A1230.0002", "A1230.0030",
            "A1230.0135", "A1230.0186", "A1230.0226", "A1230.0237"],
        "gerald-ford-funeral": ["A1230.0155", "A1230.0230"],
        "fourth-ashes-test": ["A1226.0478", "A1227.0071"],
        "south-africa-india-second-test": ["A1229.0164", "A1229.0192"],
        "russia-belarus-gas-dispute": ["A1228.0213", "A1229.0165", "A1231.0180"],
    },
}


def corpus_ids(ranges: list[tuple[str, str]]) -> list[str]:
    """Ids of the corpus articles published in one of the [first, last] ranges, oldest first."""
    found = []
    with (HERE / CORPUS).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            day = (record.get("published") or "")[:10]
            if any(first <= day <= last for first, last in ranges):
                found.append((day, record["id"]))
    return [i for _, i in sorted(found)]


def full_id(short: str) -> str:
    return SOURCES[short[0]] + short[1:]


def part_gold(part: str) -> dict:
    ids = corpus_ids(PARTS[part])
    stories, seen = [], set()
    for label, short in GROUPS[part].items():
        members = [full_id(s) for s in short]
        missing = [m for m in members if m not in ids]
        assert not missing, f"{label}: not in {part}'s range: {missing}"
        assert not seen & set(members), f"{label}: an article is in two stories"
        seen |= set(members)
        stories.append({"id": label, "articles": members})
    stories += [{"id": i, "articles": [i]} for i in ids if i not in seen]
    return {"corpus": CORPUS, "part": part, "ranges": PARTS[part], "articles": ids,
            "stories": stories}


def dump(gold: dict) -> str:
    """JSON with one story a line (small and diffable)."""
    head = {k: v for k, v in gold.items() if k != "stories"}
    lines = [json.dumps(head)[:-1] + ', "stories": [']
    lines += [" " + json.dumps(s) + "," for s in gold["stories"]]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n]}\n"


def main() -> None:
    parts = {part: part_gold(part) for part in PARTS}
    for part, gold in parts.items():
        (HERE / f"stories-{part}.json").write_text(dump(gold))
    # Each part once per source and period, so a tuning can weigh them equally.
    for part, gold in parts.items():
        for n, ranges in enumerate(PARTS[part], 1):
            ids = set(corpus_ids([ranges]))
            # a story that reaches into another range keeps only this range's articles
            cut = [{"id": s["id"], "articles": [a for a in s["articles"] if a in ids]}
                   for s in gold["stories"]]
            sub = {"corpus": CORPUS, "part": f"{part}-{n}", "ranges": [ranges],
                   "articles": [a for a in gold["articles"] if a in ids],
                   "stories": [s for s in cut if s["articles"]]}
            (HERE / f"stories-{part}-{n}.json").write_text(dump(sub))
    # every range, so that ``bench/stories_gold.py --cv`` can hold out one at a time
    both = {"corpus": CORPUS, "ranges": sorted(r for rs in PARTS.values() for r in rs),
            "articles": [], "stories": []}
    for gold in parts.values():
        both["articles"] += gold["articles"]
        both["stories"] += gold["stories"]
    (HERE / "stories.json").write_text(dump(both))
    for part, gold in parts.items():
        multi = [s for s in gold["stories"] if len(s["articles"]) > 1]
        print(f"{part}: {len(gold['articles'])} articles, {len(gold['stories'])} stories, "
              f"{len(multi)} with two or more articles")


if __name__ == "__main__":
    main()
