"""Generate the timeline corpus for the analysis tests: articles.jsonl and truth.json.

Every article is written by us from templates whose extraction was checked with
``tracewire extract``; the statements are fictional, about actors of our registry, dated
2025-01-01 to 2025-04-30 and credited to fictional outlets (and, inside the texts, to registry
outlets). The truth is written by hand from the design below, not computed by tracewire:

* a daily stream from "Daily Bulletin": the TTP attacks a checkpoint in Bajaur every day until
  14 March (published the next day), then stops; a second item each day is a BLA attack in
  Balochistan, or, every seventh day, an ISKP attack in Nangarhar. 1-9 February is a quiet
  news week: one article in all, on 5 February, naming neither the TTP nor ISKP.
* scenario claims S1-S7 (corroboration, copies, citing outlets, unnamed sources, hedges,
  denials, negation), and the reports about watched actors that should raise alerts.

Run ``python tests/data/timeline/generate.py`` to rewrite both files (deterministic).
"""

from __future__ import annotations

import json
import re
import zlib
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
START, END = date(2025, 1, 1), date(2025, 4, 30)
QUIET = (date(2025, 2, 1), date(2025, 2, 9))
TTP_LAST = date(2025, 3, 14)  # the last TTP attack; its report is published on 15 March

FILLER_WHO = ["Queues formed at fuel stations", "Power cuts lasted into the evening", "The price of wheat flour rose",
              "Snow blocked several mountain roads", "Cooking gas ran short", "Schools reopened after a holiday",
              "Traders complained about slow business", "Buses ran late because of road repairs"]
FILLER_WHEN = ["on Monday morning", "on Tuesday evening", "on Wednesday afternoon", "on Thursday night",
               "on Friday morning", "on Saturday evening", "on Sunday afternoon"]
FILLER_HOW = ["across the region", "in several districts", "for a second day", "for most of the week",
              "despite official promises", "as temperatures dropped"]
BLA_TARGETS = ["a railway line", "a gas pipeline", "a coal mine", "a power pylon", "a telecom tower",
               "a bridge", "a toll plaza", "a water project"]
TARGETS = ["a police checkpoint", "an army convoy", "a border post", "a police station", "a military outpost",
           "a paramilitary camp", "a government office"]


def day(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"



_n = 0


def filler() -> str:
    """A neutral sentence (no actors, no events); consecutive calls rarely repeat one."""
    global _n
    _n += 1
    n = zlib.crc32(str(_n).encode())
    return (f"{FILLER_WHO[n % len(FILLER_WHO)]} {FILLER_HOW[(n >> 8) % len(FILLER_HOW)]}"
            f" {FILLER_WHEN[(n >> 16) % len(FILLER_WHEN)]}, some {(n >> 20) % 37 + 3} kilometres out of town.")


def article(title: str, published: date, outlet: str, text: str) -> dict[str, str]:
    return {"title": title, "published": published.isoformat(), "outlet": outlet, "text": text}


def daily_stream() -> list[dict[str, str]]:
    out = []
    d = START
    while d <= END:
        pub = d + timedelta(days=1)
        if QUIET[0] <= pub <= QUIET[1]:
            if pub == date(2025, 2, 5):
                out.append(article("Quiet week", pub, "Daily Bulletin",
                                   f"QUETTA — The Balochistan Liberation Army attacked a railway line in Balochistan"
                                   f" province on {day(d)}. {filler()}"))
            d += timedelta(days=1)
            continue
        if d <= TTP_LAST:
            target = TARGETS[(d - START).days % 5]
            out.append(article(f"TTP attack {d}", pub, "Daily Bulletin",
                               f"PESHAWAR — The Tehrik-i-Taliban Pakistan attacked {target} in Bajaur district on"
                               f" {day(d)}. {filler()} {filler()}"))
        else:
            out.append(article(f"BLA attack {d}", pub, "Daily Bulletin",
                               f"TURBAT — The Balochistan Liberation Army attacked a highway patrol in Balochistan"
                               f" province on {day(d)}. {filler()} {filler()}"))
        if (d - START).days % 7 == 3:
            out.append(article(f"ISKP attack {d}", pub, "Daily Bulletin",
                               f"JALALABAD — The Islamic State Khorasan Province attacked"
                               f" {TARGETS[(d.toordinal() + 3) % len(TARGETS)]} in Nangarhar province on {day(d)}."
                               f" {filler()} {filler()}"))
        else:
            out.append(article(f"BLA attack {d} b", pub, "Daily Bulletin",
                               f"QUETTA — The Balochistan Liberation Army attacked"
                               f" {BLA_TARGETS[(d - START).days % 5]} in Balochistan province on {day(d)}."
                               f" {filler()} {filler()}"))
        d += timedelta(days=1)
    return out


def scenarios() -> list[dict[str, str]]:
    a = []
    # S1: Haqqani met Muttaqi in Kandahar on 14 January. A hedged first report, a syndicated copy,
    # two outlets citing Pajhwok, an unnamed-source report, a plain report of another outlet.
    s1 = f"Sirajuddin Haqqani reportedly met Amir Khan Muttaqi in Kandahar on {day(date(2025, 1, 14))}."
    body = f"KANDAHAR — {s1} {filler()} {filler()}"
    a.append(article("S1 first report", date(2025, 1, 15), "Frontier Wire", body))
    a.append(article("S1 syndicated copy", date(2025, 1, 15), "Oxus Courier",
                     body + " This story was first published by Frontier Wire."))
    plain = f"Sirajuddin Haqqani met Amir Khan Muttaqi in Kandahar on {day(date(2025, 1, 14))}"
    a.append(article("S1 citing Pajhwok", date(2025, 1, 16), "Kabul Monitor",
                     f"KABUL — {plain}, according to Pajhwok. {filler()}"))
    a.append(article("S1 citing Pajhwok again", date(2025, 1, 17), "Hindu Kush Ledger",
                     f"KABUL — {plain}, according to Pajhwok. {filler()}"))
    a.append(article("S1 unnamed", date(2025, 1, 17), "Khyber Herald", f"KABUL — {plain}, officials said. {filler()}"))
    a.append(article("S1 plain", date(2025, 1, 20), "Kabul Monitor", f"KANDAHAR — {plain}. {filler()}"))
    # S3: Hibatullah met Muttaqi in Kandahar on 20 January: two outlets, both hedged; later the
    # first outlet states it plainly (not independent of its own hedged report): stays hedged.
    s3 = f"Hibatullah Akhundzada reportedly met Amir Khan Muttaqi in Kandahar on {day(date(2025, 1, 20))}."
    a.append(article("S3 hedged", date(2025, 1, 21), "Frontier Wire", f"KANDAHAR — {s3} {filler()}"))
    a.append(article("S3 hedged again", date(2025, 1, 22), "Hindu Kush Ledger", f"KABUL — {s3} {filler()}"))
    a.append(article("S3 plain, same outlet", date(2025, 1, 24), "Frontier Wire",
                     f"KANDAHAR — Hibatullah Akhundzada met Amir Khan Muttaqi in Kandahar on"
                     f" {day(date(2025, 1, 20))}. {filler()}"))
    # S4: one plain report. Haqqani met Hibatullah in Kandahar on 25 January.
    a.append(article("S4 single", date(2025, 1, 26), "Kabul Monitor",
                     f"KANDAHAR — Sirajuddin Haqqani met Hibatullah Akhundzada in Kandahar on"
                     f" {day(date(2025, 1, 25))}. {filler()}"))
    # S5: unnamed sources only. Muttaqi met Mujahid in Kabul on 28 January.
    a.append(article("S5 unnamed only", date(2025, 1, 29), "Khyber Herald",
                     f"KABUL — Amir Khan Muttaqi met Zabihullah Mujahid in Kabul on {day(date(2025, 1, 28))},"
                     f" sources who asked not to be named said. {filler()}"))
    # S2: Mehsud met al-Muhajir in Kunar on 2 April: two named sources, three contradictions
    # (a denial by a third party, a denial by a party, a negated report citing Reuters).
    s2 = f"Noor Wali Mehsud met Shahab al-Muhajir in Kunar province on {day(date(2025, 4, 2))}"
    a.append(article("S2 report", date(2025, 4, 3), "Sahel Dispatch", f"ASADABAD — {s2}. {filler()}"))
    a.append(article("S2 citing Al Jazeera", date(2025, 4, 4), "Frontier Wire",
                     f"KABUL — {s2}, according to Al Jazeera. {filler()}"))
    a.append(article("S2 denied by Mujahid", date(2025, 4, 5), "Kabul Monitor",
                     "KABUL — Zabihullah Mujahid denied that Noor Wali Mehsud met Shahab al-Muhajir in Kunar province."
                     f" {filler()}"))
    a.append(article("S2 denied by Mehsud", date(2025, 4, 5), "Khyber Herald",
                     f"PESHAWAR — Noor Wali Mehsud denied meeting Shahab al-Muhajir in Kunar province. {filler()}"))
    a.append(article("S2 negated", date(2025, 4, 6), "Oxus Courier",
                     "KABUL — Noor Wali Mehsud never met Shahab al-Muhajir in Kunar province, according to Reuters."
                     f" {filler()}"))
    # S6: Muttaqi met Hibatullah in Kabul on 3 April: three named sources, one denial.
    s6 = f"Amir Khan Muttaqi met Hibatullah Akhundzada in Kabul on {day(date(2025, 4, 3))}"
    a.append(article("S6 report", date(2025, 4, 4), "Kabul Monitor", f"KABUL — {s6}. {filler()}"))
    a.append(article("S6 report two", date(2025, 4, 4), "Hindu Kush Ledger", f"KABUL — {s6}. {filler()}"))
    a.append(article("S6 report three", date(2025, 4, 5), "Frontier Wire", f"KABUL — {s6}. {filler()}"))
    a.append(article("S6 denied", date(2025, 4, 6), "Sahel Dispatch",
                     "KABUL — Zabihullah Mujahid denied that Amir Khan Muttaqi met Hibatullah Akhundzada in Kabul."
                     f" {filler()}"))
    # S7: the ISKP spike: five outlets report one attack in Jalalabad on 9 April.
    for outlet, line in (("Spin Ghar Post", "JALALABAD"), ("Nangarhar Times", "KABUL"), ("Eastern Courier", "PESHAWAR"),
                         ("Jalalabad Journal", "JALALABAD"), ("Durand Line Daily", "ISLAMABAD")):
        a.append(article(f"S7 {outlet}", date(2025, 4, 10), outlet,
                         f"{line} — The Islamic State Khorasan Province attacked a Sufi shrine in Jalalabad on"
                         f" {day(date(2025, 4, 9))}. {filler()} {filler()}"))
    # Watched actors: Noor Wali Mehsud (watch add), Sirajuddin Haqqani (FtM watchlist), the TTP
    # (watch add), Kunar (a watched place).
    a.append(article("Mehsud in Khost", date(2025, 1, 8), "Khyber Herald",
                     f"KHOST — Noor Wali Mehsud moved to Khost province on {day(date(2025, 1, 7))}."
                     f" Noor Wali Mehsud is the leader of the Tehrik-i-Taliban Pakistan. {filler()}"))
    a.append(article("Haqqani role", date(2025, 2, 12), "Kabul Monitor",
                     f"KABUL — Sirajuddin Haqqani is the leader of the Haqqani network. {filler()}"))
    a.append(article("Mehsud in Paktika", date(2025, 2, 26), "Khyber Herald",
                     f"SHARANA — Noor Wali Mehsud moved to Paktika province on {day(date(2025, 2, 25))}. {filler()}"))
    a.append(article("Mehsud meets Haqqani", date(2025, 3, 5), "Khyber Herald",
                     f"KHOST — Noor Wali Mehsud met Sirajuddin Haqqani in Khost province on {day(date(2025, 3, 4))}."
                     f" {filler()}"))
    a.append(article("al-Muhajir in Kunar", date(2025, 4, 20), "Khyber Herald",
                     f"ASADABAD — Shahab al-Muhajir moved to Kunar province on {day(date(2025, 4, 19))}. {filler()}"))
    a.append(article("ISKP in Kunar", date(2025, 4, 22), "Kabul Monitor",
                     f"ASADABAD — The Islamic State Khorasan Province attacked a police checkpoint in Kunar province"
                     f" on {day(date(2025, 4, 21))}. {filler()}"))
    return a


def shingles(text: str) -> set[str]:
    words = [w.casefold() for w in re.findall(r"\w+", text)]
    return {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}


def check_distinct(articles: list[dict[str, str]]) -> None:
    """No two articles but the one syndicated copy may look alike to near-duplicate detection."""
    sets = [shingles(a["text"]) for a in articles]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            jac = len(sets[i] & sets[j]) / len(sets[i] | sets[j])
            copy = {articles[i]["title"], articles[j]["title"]} == {"S1 first report", "S1 syndicated copy"}
            if copy:
                assert jac > 0.75, jac
            else:
                assert jac < 0.5, (articles[i]["title"], articles[j]["title"], jac)


def build() -> str:
    """The corpus as JSON lines, oldest first."""
    global _n
    _n = 0
    articles = sorted(daily_stream() + scenarios(), key=lambda a: (a["published"], a["title"]))
    check_distinct(articles)
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


def main() -> None:
    text = build()
    (HERE / "articles.jsonl").write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10))} articles")


if __name__ == "__main__":
    main()
