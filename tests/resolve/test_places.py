"""Toponym resolution against the real gazetteer (built by the Makefile from GeoNames packages)."""

from __future__ import annotations

import pytest

from tracewire.extract import extract_one
from tracewire.model import Document, Source
from tracewire.resolve import open_gazetteer, resolve
from tracewire.resolve.gazetteer import default_path


@pytest.fixture(scope="module")
def gazetteer():
    assert default_path().exists(), "run `make` (or `tracewire gazetteer build`) first"
    return open_gazetteer()


def geo_of(nlp, gazetteer, text, name):
    ex = resolve(extract_one(Document(text=text, source=Source(path="t.txt")), nlp=nlp), gazetteer)
    ent = next(e for e in ex.entities if e.name == name or name in [m.text for m in e.mentions])
    return ent.geo or {}


def test_gazetteer_holds_every_level(gazetteer):
    counts = gazetteer.count()
    assert counts["country"] >= 240 and counts["admin1"] >= 3000 and counts["admin2"] >= 30000
    assert counts["city"] >= 200_000
    assert {p.feature for p in gazetteer.lookup("Qunduz")} >= {"city"}


def test_district_cue_and_country_context_pick_the_district(nlp, gazetteer):
    geo = geo_of(nlp, gazetteer, "Taliban fighters attacked a checkpoint in Zanakhan district of Ghazni, "
                                 "Afghan officials said.", "Zanakhan")
    assert geo["country"] == "AF" and geo["feature"] == "admin2" and geo["admin1"].startswith("Ghazn")


def test_a_hamlet_abroad_loses_to_the_article_s_country(nlp, gazetteer):
    geo = geo_of(nlp, gazetteer, "Malian troops and foreign fighters killed hundreds of men in Moura, "
                                 "central Mali, in March 2022, the UN said.", "Moura")
    assert geo["country"] == "ML"


def test_unknown_facility_sits_inside_the_place_its_name_holds(nlp, gazetteer):
    geo = geo_of(nlp, gazetteer, "Gunmen stormed the Farkhar Gate Hotel on Friday, police in Takhar said.",
                 "Farkhar Gate Hotel")
    assert geo.get("country") == "AF" and geo["feature"] == "within" and geo["admin1"].startswith("Takh")
    assert geo["confidence"] < 1


def test_gazetteer_places_get_a_confidence_and_the_registry_s_are_sure(nlp, gazetteer):
    text = "Fighting in Takhar spread from Farkhar to Warsaj district, residents of Afghanistan's north said."
    ex = resolve(extract_one(Document(text=text, source=Source(path="t.txt")), nlp=nlp), gazetteer)
    places = {e.name: e.geo for e in ex.entities if str(e.type) == "PLACE"}
    assert all(geo is not None and 0 < geo["confidence"] <= 1 for geo in places.values()), places
    assert places["Takhar"]["confidence"] == 1.0  # a registry place
    gazetteer_only = [g for name, g in places.items() if name in {"Farkhar", "Warsaj"}]
    assert gazetteer_only and all(g["country"] == "AF" and "geonames_id" in g for g in gazetteer_only)
