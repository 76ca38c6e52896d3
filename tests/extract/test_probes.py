"""Relation probes (tests/data/probes/relations.yml): recall and precision over many constructions.

Each probe stands behind a one-word headline, as articles open; a name matches an entity's name,
aliases or mentions, case and accents aside, and a place or organisation also matches as a whole
word of a longer mention ("Idlib" in "Idlib province").
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from tests.conftest import DATA
from tracewire.extract import extract_one
from tracewire.model import Document, Source

PROBES = yaml.safe_load((DATA / "probes" / "relations.yml").read_text())


def _norm(text: str) -> str:
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.lower().strip().replace("\u2019", "'").replace("-", " ")
    return re.sub(r"'s$", "", re.sub(r"^the\s+", "", text))


def _is(entity: dict, name: str) -> bool:
    names = {_norm(n) for n in [entity["name"], *entity.get("aliases", []), *(m["text"] for m in entity["mentions"])]}
    want = _norm(name)
    if want in names:
        return True
    word = re.compile(r"(^|\s)" + re.escape(want) + r"($|\s|')")
    return entity["type"] in {"ORG", "PLACE"} and any(word.search(n) for n in names)


def _fits(rel: dict, item: list[str], by_id: dict[str, dict]) -> bool:
    if rel["type"] not in item[0].split("|"):
        return False
    src, tgt = by_id[rel["source"]], by_id[rel["target"]]
    return _is(src, item[1]) and _is(tgt, item[2]) or (
        rel["type"] == "associated_with" and _is(src, item[2]) and _is(tgt, item[1]))


@pytest.fixture(scope="module")
def tally(nlp) -> dict[str, int]:
    out = {"wanted": 0, "found": 0, "predicted": 0, "right": 0}
    for case in PROBES:
        ex = extract_one(Document(text="Headline\n\n" + case["text"], source=Source(path="probe.txt")), nlp=nlp)
        x = ex.to_json()
        by_id = {e["id"]: e for e in x["entities"]}
        want, opt = case.get("want") or [], case.get("opt") or []
        out["wanted"] += len(want)
        out["found"] += sum(any(_fits(r, w, by_id) for r in x["relations"]) for w in want)
        for r in x["relations"]:
            if any(_fits(r, w, by_id) for w in want):
                out["predicted"] += 1
                out["right"] += 1
            elif not any(_fits(r, w, by_id) for w in opt):
                out["predicted"] += 1
    return out


def test_probes_are_many_and_varied():
    assert len(PROBES) >= 150
    assert {w[0].split("|")[0] for c in PROBES for w in c.get("want") or []} >= {
        "leader_of", "deputy_leader_of", "member_of", "official_of", "founder_of", "associated_with", "part_of",
        "located_in"}


def test_probe_recall_holds(tally):
    # 0.48 when the probes were written; 0.77 after the work they prompted
    assert tally["found"] / tally["wanted"] >= 0.72, tally


def test_probe_precision_holds(tally):
    assert tally["right"] / tally["predicted"] >= 0.88, tally
