"""Analyze: what to believe, who matters and what changed, computed over stored statements.

Sits after the store (``ingest -> extract -> resolve -> store -> analyze -> serve``):

* ``claims``: statements grouped into claims, independent sources counted, contradictions found;
* ``grading``: Admiralty grades (source reliability A-F, information credibility 1-6) with
  reasons, and the source registry (user ratings, track records);
* ``network``: the actor graph (networkx), centralities, communities, brokers, ego networks,
  shortest evidence paths;
* ``attention``: mentions per day against the entity's own baseline, spikes and silences;
* ``alerts``: watched actors and places, and what changed about them.

``run_analysis`` recomputes claims, grades and alerts; the pipeline calls it after each ingest
that changed the store, and ``tracewire analyze`` on demand. Attention and the network are
computed when asked. Every function the CLI and the API call takes the store first and returns
plain dicts and lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracewire.analyze.alerts import build_alerts, list_alerts, watch_add, watch_list, watch_remove
from tracewire.analyze.attention import attention, build_index
from tracewire.analyze.claims import build_claims, claim, list_claims
from tracewire.analyze.grading import list_sources, rate_source
from tracewire.analyze.network import evidence_path, network_graph
from tracewire.store import Store

__all__ = ["attention", "build_alerts", "build_claims", "claim", "evidence_path", "list_alerts", "list_claims",
           "list_sources", "network_graph", "rate_source", "run_analysis", "watch_add", "watch_list",
           "watch_remove"]


def run_analysis(store: Store, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Regroup and regrade claims, rebuild the per-day mention index, then recompute alerts;
    returns their counts."""
    claims = build_claims(store, progress)
    days = build_index(store)
    if progress:
        progress(f"attention: {days} entity-days indexed")
    return {**claims, "entity_days": days, **build_alerts(store, progress)}
