"""Analysis runs after every ingest that changes the store: a later report regrades a claim
already shown, under the same claim id."""

from __future__ import annotations

import json

from tracewire.analyze import list_claims
from tracewire.pipeline import Ingester


def _write(path, items):
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return str(path)


def test_a_later_confirmation_regrades_the_claim(store, nlp, tmp_path):
    first = _write(tmp_path / "first.jsonl", [
        {"text": "KANDAHAR — Sirajuddin Haqqani reportedly met Amir Khan Muttaqi in Kandahar on 14 January 2025.",
         "title": "one", "published": "2025-01-15", "outlet": "Frontier Wire"}])
    report = Ingester(store, nlp=nlp).run([first])
    assert report.analysis["claims"] == 1
    [before] = list_claims(store)
    assert (before["hedged"], before["independent"], before["credibility"]) == (True, 1, 6)
    later = _write(tmp_path / "later.jsonl", [
        {"text": "KABUL — Sirajuddin Haqqani met Amir Khan Muttaqi in Kandahar on 14 January 2025, according to"
                 " Pajhwok. Roads were busy.", "title": "two", "published": "2025-01-16", "outlet": "Kabul Monitor"}])
    Ingester(store, nlp=nlp).run([later])
    [after] = list_claims(store)
    assert after["id"] == before["id"]
    assert (after["hedged"], after["independent"], after["credibility"]) == (False, 2, 1)
    assert "hedge lifted by Pajhwok Afghan News (2025-01-16)" in after["reasons"]
