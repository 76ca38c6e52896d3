from __future__ import annotations

import json

from tests.conftest import DATA
from tracewire.model import Document, Entity, EntityType, Extraction, Mention, Source
from tracewire.resolve.watchlist import import_ftm, match, watched

FTM = DATA / "watchlists" / "sample.ftm.json"


def put_names(store, *names):
    text = ". ".join(n for n, _ in names) + "."
    ents, pos = [], 0
    for n, (name, etype) in enumerate(names, 1):
        start = text.index(name, pos)
        ents.append(Entity(id=f"e{n}", type=EntityType(etype), name=name, mentions=[Mention(start, start + len(name), name)]))
        pos = start + len(name)
    store.put(Extraction(document=Document(text=text, source=Source(path="w.txt")), entities=ents, extractor="t/1"))


def test_import_keeps_actors_reports_bad_entries_and_matches_spellings(store):
    put_names(store, ("Serajuddin Haqqani", "PERSON"), ("Tehreek-e-Taliban Pakistan", "ORG"), ("Khalifa", "PERSON"),
              ("Abu Musab al-Barnawi", "PERSON"))
    report = import_ftm(store, FTM)
    assert (report.imported, report.skipped) == (4, 1)
    assert [f.split(": ", 1)[0].rsplit(":", 1)[1] for f in report.failed] == ["6", "7"]
    by_name = {w["name"]: [m["name"] for m in w["matches"]] for w in watched(store)}
    assert by_name["Sirajuddin Jallaloudine Haqqani"] == ["Serajuddin Haqqani"]  # through the alias
    assert by_name["Tehrik-e Taliban Pakistan"] == ["Tehreek-e-Taliban Pakistan"]
    assert by_name["Abu Mus'ab al-Zarqawi"] == []  # al-Barnawi is another man
    assert "Khalifa" not in {m for ms in by_name.values() for m in ms}  # one-word aliases match nothing


def test_re_import_updates_and_rematching_is_idempotent(store):
    put_names(store, ("Haqqani Network", "ORG"))
    import_ftm(store, FTM)
    first = json.dumps(watched(store))
    import_ftm(store, FTM)
    assert match(store) == 1
    assert json.dumps(watched(store)) == first
    assert store.conn.execute("SELECT count(*) FROM watchlist").fetchone()[0] == 4


def test_names_given_as_strings_and_files_that_are_not_utf8(store, tmp_path):
    import pytest

    from tracewire.errors import EncodingError

    put_names(store, ("Usama bin Laden", "PERSON"))
    single = tmp_path / "one.json"
    single.write_text(json.dumps([{"id": "x1", "schema": "Person", "properties": {"name": "Osama bin Ladin"}}]))
    report = import_ftm(store, single)
    assert report.imported == 1 and watched(store)[0]["matches"][0]["name"] == "Usama bin Laden"
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"id": "x2", "schema": "Person", "properties": {"name": ["Goïta"]}}'.encode("latin-1"))
    with pytest.raises(EncodingError, match="not UTF-8"):
        import_ftm(store, latin)
