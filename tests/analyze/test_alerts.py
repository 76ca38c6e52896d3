"""Watches and alerts on the timeline corpus: exactly the designed alerts, none missing, none
spurious; watches from the CLI and from an imported FtM watchlist."""

from __future__ import annotations

import pytest

from tracewire.analyze import build_alerts, list_alerts, watch_add, watch_list, watch_remove
from tracewire.analyze.alerts import WatchError


def test_alerts_match_truth(timeline, truth):
    got = [[a["date"], a["kind"], a["entity_name"], a["subject"]] for a in list_alerts(timeline)]
    assert sorted(got, key=str) == sorted(truth["alerts"], key=str)


def test_alerts_carry_their_evidence(timeline):
    for a in list_alerts(timeline):
        assert a["evidence"], a
        if a["kind"] == "silence":
            assert a["detail"]["since"] == "2025-03-16" and a["evidence"][0]["published"] == "2025-03-15"
        else:
            sentence = a["evidence"][0]["sentences"][0]["text"]
            assert a["subject"].split()[0].lower() in sentence.lower()


def test_new_province_is_marked(timeline):
    places = {a["subject"]: a["detail"] for a in list_alerts(timeline, kind="new_place")}
    assert places["Paktika"]["new_province"] is True and places["Kunar"]["country"] == "AF"


def test_watchlist_import_feeds_alerts(timeline):
    origins = {w["name"]: w["origin"] for w in watch_list(timeline)}
    assert origins["Sirajuddin Haqqani"] == "watchlist:tl-haqqani"
    assert {a["watched_by"] for a in list_alerts(timeline) if a["entity_name"] == "Sirajuddin Haqqani"} == \
        {"watchlist:tl-haqqani"}


def test_removing_a_watch_drops_its_alerts(timeline_copy):
    before = {a["id"] for a in list_alerts(timeline_copy)}
    assert watch_remove(timeline_copy, "Noor Wali Mehsud")
    build_alerts(timeline_copy)
    after = list_alerts(timeline_copy)
    assert not [a for a in after if a["entity_name"] == "Noor Wali Mehsud"]
    assert {a["id"] for a in after} < before  # the others keep their ids
    watch_add(timeline_copy, "Noor Wali Mehsud")
    assert build_alerts(timeline_copy)["new"] == 4


def test_watch_errors_are_clear(timeline_copy):
    with pytest.raises(WatchError, match="no actor named"):
        watch_add(timeline_copy, "Nobody At All")
    with pytest.raises(WatchError, match="actor or a place"):
        watch_add(timeline_copy, "Kunar", kind="river")
    with pytest.raises(WatchError, match="no entity with id"):
        watch_add(timeline_copy, 10**9)


def test_a_new_report_raises_only_what_is_new(timeline_copy, nlp, tmp_path):
    from tracewire.pipeline import Ingester

    path = tmp_path / "arrest.jsonl"
    path.write_text('{"text": "PESHAWAR — Pakistani police arrested Noor Wali Mehsud in Peshawar on 9 March 2025, the'
                    ' Interior Ministry said.", "title": "arrest", "published": "2025-03-10", "outlet": "Khyber Herald"}\n',
                    encoding="utf-8")
    before = {a["key"] for a in list_alerts(timeline_copy)}
    Ingester(timeline_copy, nlp=nlp).run([str(path)])  # analysis and alerts run after the ingest
    new = [(a["kind"], a["entity_name"], a["subject"], a["detail"].get("new_province"))
           for a in list_alerts(timeline_copy) if a["key"] not in before]
    # a new place in a new province; the ministry whose police arrested him is no partner of his
    assert new == [("new_place", "Noor Wali Mehsud", "Peshawar", True)]
