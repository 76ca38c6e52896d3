"""Attention on the timeline corpus: the designed spike and silence dates exactly, no others, and
the Poisson tails the method rests on."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.analyze.conftest import entity_id
from tracewire.analyze import attention
from tracewire.analyze.attention import poisson_cdf, poisson_sf


@pytest.mark.parametrize("name", ["Tehrik-i-Taliban Pakistan", "Islamic State Khorasan Province"])
def test_spikes_and_silences_match_truth(timeline, truth, name):
    want = truth["attention"][name]
    got = attention(timeline, entity_id(timeline, name))
    assert [s["date"] for s in got["spikes"]] == want["spikes"]
    assert [{"since": s["since"], "flagged_on": s["flagged_on"]} for s in got["silences"]] == want["silences"]


def test_a_quiet_news_week_is_not_a_silence(timeline):
    got = attention(timeline, entity_id(timeline, "Tehrik-i-Taliban Pakistan"), since="2025-02-01",
                    until="2025-02-28")
    quiet = [d for d in got["days"] if "2025-02-01" <= d["date"] <= "2025-02-09"]
    assert sum(d["total"] for d in quiet) == 1 and sum(d["mentions"] for d in quiet) == 0
    assert not got["silences"] and not any(d["flag"] for d in got["days"])


def test_series_counts_documents_per_day(timeline):
    got = attention(timeline, entity_id(timeline, "Islamic State Khorasan Province"), since="2025-04-10",
                    until="2025-04-10")
    assert got["days"] == [{"date": "2025-04-10", "mentions": 5, "total": 7, "share": round(5 / 7, 4),
                            "expected": got["days"][0]["expected"], "flag": "spike"}]
    assert got["method"].startswith("Poisson test")


def test_places_have_attention_too(timeline):
    got = attention(timeline, entity_id(timeline, "Kunar"))
    assert sum(d["mentions"] for d in got["days"]) == 7  # the five S2 articles, al-Muhajir on 20 April, ISKP on 22 April
    assert not got["spikes"]


@given(st.integers(min_value=0, max_value=60), st.floats(min_value=0.01, max_value=80))
def test_poisson_tails_are_probabilities_that_add_up(k, lam):
    below, above = poisson_cdf(k, lam), poisson_sf(k + 1, lam)
    assert 0.0 <= below <= 1.0 and 0.0 <= above <= 1.0
    assert math.isclose(below + above, 1.0, abs_tol=1e-9)


def test_poisson_known_values():
    assert math.isclose(poisson_cdf(0, 2.0), math.exp(-2.0))
    assert math.isclose(poisson_sf(1, 2.0), 1 - math.exp(-2.0))
    assert poisson_cdf(-1, 3.0) == 0.0 and poisson_cdf(5, 0.0) == 1.0
    assert math.isclose(poisson_cdf(800, 800.0), 0.5094, abs_tol=1e-3)  # log-space branch


def test_index_and_live_counts_agree(timeline_copy):
    ttp = entity_id(timeline_copy, "Tehrik-i-Taliban Pakistan")
    indexed = attention(timeline_copy, ttp)
    with timeline_copy.transaction() as c:  # as after a merge or an ingest without analysis: the index is stale
        c.execute("UPDATE analysis_state SET value = 'stale' WHERE name = 'mention_days'")
    live = attention(timeline_copy, ttp)
    assert live == indexed and sum(d["mentions"] for d in live["days"]) == 65  # 64 attacks and the role sentence
