"""Claims on the timeline corpus: independent sources, contradictions, hedges and grades, each
compared exactly with the truth file."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.analyze.conftest import entity_id
from tracewire.analyze import claim, list_claims, list_sources, rate_source, run_analysis
from tracewire.analyze.claims import parse_grade, window_of


def _find(store, spec):
    found = [c for c in list_claims(store, type=spec["type"], limit=1000)
             if sorted(p["name"] for p in c["subjects"] + c["objects"]) == spec["parties"]
             and sorted(p["name"] for p in c["places"]) == spec["places"] and c["date_from"] == spec["date"]]
    assert len(found) == 1, (spec["name"], len(found))
    return claim(store, found[0]["id"])


def test_corpus_ingested_as_designed(timeline, truth):
    assert timeline.counts()["documents"] == truth["documents"]
    copies = timeline.conn.execute("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL").fetchone()[0]
    assert copies == truth["copies"]


@pytest.mark.parametrize("name", ["S1", "S2", "S3", "S4", "S5", "S6", "S7"])
def test_claim_matches_truth(timeline, truth, name):
    spec = next(c for c in truth["claims"] if c["name"] == name)
    got = _find(timeline, spec)
    assert len(got["supporting"]) == got["reports"] == spec["reports"]
    assert got["independent"] == spec["independent"]
    assert got["sources"] == spec["sources"]
    assert got["unnamed"] == spec["unnamed"]
    assert got["contradicting"] == spec["contradicting"]
    assert got["hedged"] is spec["hedged"]
    assert got["grade"] == spec["grade"]
    lifted = [r for r in got["reasons"] if r.startswith("hedge lifted by")]
    if spec["hedge_lifted_by"]:
        assert lifted and lifted[0].startswith(f"hedge lifted by {spec['hedge_lifted_by']} ")
    else:
        assert not lifted
    against = {r["source"]: r["reason"] for r in got["contradicting_reports"]}
    assert against == spec.get("contradicted_by", {})
    for report in got["supporting"] + got["contradicting_reports"]:
        assert report["evidence"] and report["evidence"][0]["text"]  # every report shows its sentence


def test_syndicated_copy_counts_as_its_original_outlet(timeline, truth):
    s1 = _find(timeline, truth["claims"][0])
    copy = [r for r in s1["supporting"] if r["copy_of"]]
    assert len(copy) == 1 and copy[0]["outlet"] == "Oxus Courier" and copy[0]["source"] == "Frontier Wire"


def test_outlets_citing_an_outlet_count_as_it(timeline, truth):
    s1 = _find(timeline, truth["claims"][0])
    citing = [r for r in s1["supporting"] if r["source"] == "Pajhwok Afghan News"]
    assert sorted(r["outlet"] for r in citing) == ["Hindu Kush Ledger", "Kabul Monitor"]


def test_only_the_designed_claims_are_contradicted(timeline, truth):
    got = list_claims(timeline, contradicted=True)
    want = [c for c in truth["claims"] if c["name"] in truth["contradicted_claims"]]
    assert sorted(c["summary"] for c in got) == sorted(_find(timeline, c)["summary"] for c in want)


def test_daily_attack_claims(timeline, truth):
    spec = truth["ttp_attack_claims"]
    ttp = entity_id(timeline, "Tehrik-i-Taliban Pakistan")
    got = list_claims(timeline, actor=ttp, type="ATTACK", limit=1000)
    assert len(got) == spec["count"]
    assert {c["grade"] for c in got} == {spec["grade"]}
    assert min(c["date_from"] for c in got) == spec["first"] and max(c["date_to"] for c in got) == spec["last"]


def test_source_track_records(timeline, truth):
    sources = {s["name"]: s for s in list_sources(timeline)}
    for name, (rating, claims, confirmed, contradicted) in truth["source_ratings"].items():
        s = sources[name]
        assert (s["effective"], s["claims"], s["confirmed"], s["contradicted"]) == (rating, claims, confirmed,
                                                                                   contradicted), name


def test_a_user_rating_changes_the_grade(timeline_copy, truth):
    spec = truth["user_rating"]
    rate_source(timeline_copy, spec["source"], spec["rating"])
    run_analysis(timeline_copy)
    target = next(c for c in truth["claims"] if c["name"] == spec["claim"])
    got = _find(timeline_copy, target)
    assert got["grade"] == spec["grade"]
    assert any("rated by a user" in r for r in got["reasons"])
    rate_source(timeline_copy, spec["source"], None)
    run_analysis(timeline_copy)
    assert _find(timeline_copy, target)["grade"] == target["grade"]


def test_claim_ids_are_stable_across_runs(timeline_copy):
    before = {c["id"]: c["summary"] for c in list_claims(timeline_copy, limit=1000)}
    run_analysis(timeline_copy)
    assert {c["id"]: c["summary"] for c in list_claims(timeline_copy, limit=1000)} == before


def test_filters(timeline, truth):
    best = list_claims(timeline, min_grade="C2", limit=1000)
    assert {c["grade"] for c in best} <= {"A1", "A2", "B1", "B2", "C1", "C2"}
    assert len(best) == 2  # S1 (C1) and S3 (C2)
    april = list_claims(timeline, since="2025-04-01", type="MEETING")
    assert sorted(c["date_from"] for c in april) == ["2025-04-02", "2025-04-03"]
    assert list_claims(timeline, hedged=True)[0]["summary"].startswith("Amir Khan Muttaqi, Hibatullah Akhundzada")


def test_unknown_claim_is_none(timeline):
    assert claim(timeline, 10**9) is None


@pytest.mark.parametrize(("grade", "parsed"), [("B2", ("B", 2)), ("c", ("C", None)), ("3", (None, 3)),
                                               (None, (None, None))])
def test_parse_grade(grade, parsed):
    assert parse_grade(grade) == parsed


@pytest.mark.parametrize("bad", ["G", "7", "B22", "high"])
def test_parse_grade_rejects(bad):
    with pytest.raises(ValueError):
        parse_grade(bad)


@pytest.mark.parametrize(("time", "published", "window"), [
    ("2025-03-04", "2025-03-06", ("2025-03-04", "2025-03-04")),
    ("2024-02", None, ("2024-02-01", "2024-02-29")),
    ("2023", None, ("2023-01-01", "2023-12-31")),
    (None, "2025-03-31", ("2025-03-01", "2025-03-31")),
    (None, None, None),
    ("soon", "bad date", None),
])
def test_window_of(time, published, window):
    assert window_of(time, published) == window


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=0, max_value=2))
def test_window_of_any_date_is_ordered_and_holds_it(day, precision):
    text = day.isoformat()[:[10, 7, 4][precision]]
    lo, hi = window_of(text, None)
    assert lo <= day.isoformat() <= hi if precision == 0 else lo <= hi
    assert lo[:len(text)] == text == hi[:len(text)]
    assert date.fromisoformat(lo) and date.fromisoformat(hi)  # real calendar days (29 February, 30 April)


@given(st.sampled_from("ABCDEFabcdef"), st.integers(min_value=1, max_value=6))
def test_parse_grade_reads_every_grade(letter, level):
    assert parse_grade(f"{letter}{level}") == (letter.upper(), level)
    assert parse_grade(f" {letter}{level} ") == (letter.upper(), level)


def _table(store):
    """Every claim with its parties and reports, by key (ids and times left out)."""
    rows = {}
    for c in store.conn.execute("SELECT * FROM claims").fetchall():
        parties = sorted(tuple(p) for p in store.conn.execute(
            "SELECT entity_id, role FROM claim_parties WHERE claim_id = ?", (c["id"],)).fetchall())
        reports = [tuple(r) for r in store.conn.execute(
            "SELECT stance, statement, statement_id, doc_id, source_key, hedged, reason FROM claim_reports"
            " WHERE claim_id = ? ORDER BY id", (c["id"],)).fetchall()]
        rows[c["key"]] = ({k: v for k, v in dict(c).items() if k not in ("id", "updated_at")}, parties, reports)
    return rows


def test_a_rebuild_writes_only_what_changed_and_ends_as_a_build_from_nothing(timeline_copy, truth):
    from tracewire.analyze.claims import build_claims

    said: list[str] = []
    before = {r["key"]: (r["id"], r["updated_at"]) for r in timeline_copy.conn.execute(
        "SELECT key, id, updated_at FROM claims").fetchall()}
    build_claims(timeline_copy, said.append)
    assert any(m.startswith("claims: 0 of ") for m in said)  # nothing changed, nothing written
    assert {r["key"]: (r["id"], r["updated_at"]) for r in timeline_copy.conn.execute(
        "SELECT key, id, updated_at FROM claims").fetchall()} == before
    spec = truth["user_rating"]
    rate_source(timeline_copy, spec["source"], spec["rating"])  # regrades the claims of that source only
    said.clear()
    build_claims(timeline_copy, said.append)
    written = next(m for m in said if " claims written" in m)
    assert not written.startswith("claims: 0 of ") and int(written.split()[1]) < len(before)
    after = _table(timeline_copy)
    for table in ("claim_reports", "claim_parties", "claims"):
        timeline_copy.conn.execute(f"DELETE FROM {table}")
    build_claims(timeline_copy)
    assert _table(timeline_copy) == after
