"""Toponym resolution: every place an article names gets coordinates, a country and a confidence.

Registry places keep the registry's curated geo (confidence 1.0). Other places are looked up in
the gazetteer by each of their names (with cue words such as "province" dropped), and the
candidates are ranked by

* the feature the text names ("province" -> a first-level division, "district" -> second-level,
  "city"/"town" -> a populated place);
* the document's country context: countries it names or whose places it names;
* admin consistency: "X district, Ghazni" or "X, a town in Y" want X inside Y;
* population, as the tie-breaker that picks Kabul the capital over a hamlet of that name.

Confidence is the best score's share of the two best, so a clear winner reads near 1.0 and a
coin toss near 0.5.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from tracewire.model import Entity, EntityType, Extraction
from tracewire.resolve.gazetteer import Gazetteer, GazPlace

FEATURE_OF = {"country": "country", "province": "admin1", "region": "admin1", "district": "admin2",
              "city": "city", "neighbourhood": "city", "facility": "city"}
_GENERIC = {"city", "hall", "gate", "square", "mosque", "university", "lines", "international", "airport", "base",
            "camp", "prison", "market", "bridge", "hotel", "hospital", "palace", "road", "new", "old", "great",
            "north", "south", "east", "west", "central", "upper", "lower", "the", "of", "al", "el"}
SUBTYPE_OF = {"country": "country", "admin1": "province", "admin2": "district", "city": "city"}
_CUES = re.compile(r"(?i)\b(province|provinces|district|districts|city|town|village|region|governorate|state|"
                   r"oblast|county|area)\b")


def _names(ent: Entity) -> list[str]:
    out: list[str] = []
    for n in [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]:
        for variant in (n, _CUES.sub("", n).strip(" ,")):
            if variant and variant not in out:
                out.append(variant)
    return out


def _context(ex: Extraction) -> tuple[Counter[str], dict[str, GazPlaceLike]]:
    """Countries the document speaks of (with weights), and where each already-placed entity is."""
    countries: Counter[str] = Counter()
    placed: dict[str, GazPlaceLike] = {}
    for ent in ex.entities:
        if ent.geo and ent.geo.get("country"):
            countries[str(ent.geo["country"])] += len(ent.mentions)
            placed[ent.id] = GazPlaceLike(str(ent.geo["country"]), ent.geo.get("admin1"))
    return countries, placed


class GazPlaceLike:
    __slots__ = ("admin1", "country")

    def __init__(self, country: str, admin1: str | None) -> None:
        self.country, self.admin1 = country, admin1


def _score(c: GazPlace, want_feature: str | None, countries: Counter[str], inside: list[GazPlaceLike],
           exact: bool) -> float:
    score = 0.0
    if want_feature and c.feature == want_feature:
        score += 3.0
    elif want_feature == "admin1" and c.feature == "admin2" or want_feature == "admin2" and c.feature == "admin1":
        score += 1.0
    if countries:
        score += 2.5 * countries.get(c.country, 0) / max(countries.values())
    for container in inside:
        if c.country == container.country:
            score += 1.0
            if container.admin1 and c.admin1 and container.admin1 == c.admin1:
                score += 1.5
    if c.feature == "country":
        score += 1.0
    score += math.log10(c.population + 1) / 3
    if exact:
        score += 0.5
    return score


def self_contained(ent: Entity, ex: Extraction, containers: dict[str, list[str]], gazetteer: Gazetteer,
                   countries: Counter[str]) -> dict[str, object] | None:
    """Where to put a place the gazetteer does not know (a mosque, a square, a village): inside the
    place the text puts it in ("Crocus City Hall in Krasnogorsk"), inside a place its own name
    holds ("Kabul University"), else only in the country the article is about."""
    by_id = {e.id: e for e in ex.entities}
    for target in containers.get(ent.id, []):
        container = by_id.get(target)
        if container is not None and container.geo and container.geo.get("country"):
            return {**{k: v for k, v in container.geo.items() if k != "confidence"}, "feature": "within",
                    "confidence": 0.5}
    words = [w for w in ent.name.split() if w.lower() not in _GENERIC]
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            for cand in gazetteer.lookup(" ".join(words[i:i + n])):
                if cand.population >= 1000 and (not countries or cand.country in countries):
                    return {**cand.geo(), "feature": "within", "confidence": 0.4}
    # the last town or province named before it: news names what lies in a place after the place
    first = min(m.start for m in ent.mentions) if ent.mentions else 0
    before = [(max(m.start for m in e.mentions if m.start < first), e) for e in ex.entities
              if e.id != ent.id and e.type == EntityType.PLACE and e.geo and e.geo.get("country")
              and any(m.start < first for m in e.mentions)]
    local = [p for p in before if p[1].subtype != "country"] or before
    if local:
        neighbour = max(local, key=lambda p: p[0])[1]
        return {"country": neighbour.geo["country"], "feature": "country only", "confidence": 0.3}  # type: ignore[index]
    if countries:
        return {"country": countries.most_common(1)[0][0], "feature": "country only", "confidence": 0.2}
    return None


def geocode(ex: Extraction, gazetteer: Gazetteer) -> None:
    """Give every place entity of ``ex`` a ``geo`` and a ``confidence`` (in place)."""
    for ent in ex.entities:
        if ent.type == EntityType.PLACE and ent.geo and ent.kb_id:
            ent.geo.setdefault("confidence", 1.0)
    countries, placed = _context(ex)
    containers: dict[str, list[str]] = {}
    for rel in ex.relations:
        if rel.type == "located_in":
            containers.setdefault(rel.source, []).append(rel.target)
    todo = [e for e in ex.entities if e.type == EntityType.PLACE and not e.geo]
    found = gazetteer.lookup_many([n for e in todo for n in _names(e)])  # one query for the document
    unplaced: list[Entity] = []
    for ent in todo:
        best: list[tuple[float, GazPlace]] = []
        want = FEATURE_OF.get(ent.subtype or "")
        inside = [placed[t] for t in containers.get(ent.id, []) if t in placed]
        seen: set[int] = set()
        for name in _names(ent):
            for cand in found.get(name, ()):
                if cand.geonames_id in seen:
                    continue
                seen.add(cand.geonames_id)
                exact = cand.name.casefold() == name.casefold()
                best.append((_score(cand, want, countries, inside, exact), cand))
        best.sort(key=lambda p: (-p[0], -p[1].population))
        if best and countries and best[0][1].country not in countries and best[0][1].population < 100_000:
            best = []  # a hamlet abroad is a worse guess than the place this article is about
        if not best:
            unplaced.append(ent)
            continue
        top = best[0]
        runner = best[1][0] if len(best) > 1 else 0.0
        geo = top[1].geo()
        geo["confidence"] = round(top[0] / (top[0] + runner), 3) if top[0] + runner > 0 else 0.5
        ent.geo = geo
        if ent.subtype is None:
            ent.subtype = SUBTYPE_OF.get(top[1].feature)
        placed[ent.id] = GazPlaceLike(top[1].country, top[1].admin1)
    # places the gazetteer does not know go last, once the places the text puts them in are placed
    # ("Crocus City Hall in Krasnogorsk" is named before Krasnogorsk is looked up); a container
    # placed by this loop counts too ("a mosque in X's old city, in Y")
    for last_round in (False, True):
        pending = []
        for ent in unplaced:
            fallback = self_contained(ent, ex, containers, gazetteer, countries)
            if last_round or fallback is not None and fallback.get("feature") == "within":
                ent.geo = fallback
            else:
                pending.append(ent)
        unplaced = pending
