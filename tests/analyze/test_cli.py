"""The analysis commands as a user runs them, on a copy of the timeline store: JSON on stdout,
one-line errors, non-zero exits."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tracewire.cli import app


@pytest.fixture()
def db(timeline_db, copy_db) -> str:
    return copy_db(timeline_db, "cli")


def run(*args: str) -> tuple[int, list, str]:
    result = CliRunner().invoke(app, list(args))
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, lines, result.stderr if result.stderr_bytes is not None else ""


def test_claims_json_and_one_claim(db, truth):
    code, rows, _ = run("claims", "--db", db, "--json", "--contradicted")
    assert code == 0 and sorted(r["grade"] for r in rows) == ["C4", "F5"]
    code, one, _ = run("claims", "--db", db, "--json", "--id", str(rows[0]["id"]))
    assert code == 0 and one[0]["contradicting_reports"] and one[0]["supporting"]
    code, text, _ = run("claims", "--db", db, "--id", str(rows[0]["id"]))
    assert code == 0


def test_claims_errors(db):
    assert run("claims", "--db", db, "--id", "999999")[0] == 1
    assert run("claims", "--db", db, "--min-grade", "Z9")[0] == 2
    assert run("claims", "--db", db, "--since", "last week")[0] == 2
    assert run("claims", "--db", db, "--actor", "Nobody At All")[0] == 1


def test_network_and_path(db, truth):
    code, rows, _ = run("network", "Sirajuddin Haqqani", "--db", db, "--json")
    assert code == 0 and sorted(n["name"] for n in rows[0]["nodes"]) == truth["network"]["ego"]["nodes"]
    code, rows, _ = run("network", "Noor Wali Mehsud", "--to", "Amir Khan Muttaqi", "--db", db, "--json")
    assert code == 0 and [p["name"] for p in rows[0]["path"]] == truth["network"]["path"]["via"]
    assert run("network", "Noor Wali Mehsud", "--db", db)[0] == 0


def test_attention(db, truth):
    code, rows, _ = run("attention", "Tehrik-i-Taliban Pakistan", "--db", db, "--json")
    assert code == 0 and rows[0]["silences"][0]["since"] == "2025-03-16"
    assert run("attention", "Islamic State Khorasan Province", "--db", db)[0] == 0


def test_watch_and_alerts(db, truth):
    code, rows, _ = run("alerts", "--db", db, "--json")
    assert code == 0 and len(rows) == len(truth["alerts"])
    code, rows, _ = run("watch", "remove", "Tehrik-i-Taliban Pakistan", "--db", db, "--json")
    assert code == 0 and rows == [{"removed": True}]
    code, rows, _ = run("alerts", "--db", db, "--json", "--kind", "silence")
    assert code == 0 and rows == []
    code, rows, _ = run("watch", "add", "Tehrik-i-Taliban Pakistan", "--db", db, "--json")
    assert code == 0 and rows[0]["name"] == "Tehrik-i-Taliban Pakistan"
    code, rows, _ = run("watch", "list", "--db", db, "--json")
    assert {(w["kind"], w["name"]) for w in rows} == {("actor", "Noor Wali Mehsud"), ("actor", "Sirajuddin Haqqani"),
                                                       ("actor", "Tehrik-i-Taliban Pakistan"), ("place", "Kunar")}
    assert run("alerts", "--db", db, "--kind", "bogus")[0] == 2
    assert run("alerts", "--db", db)[0] == 0


def test_sources_rate(db):
    code, rows, _ = run("sources", "rate", "Pajhwok", "A", "--db", db, "--json")
    assert code == 0 and rows[0]["effective"] == "A" and rows[0]["rated_by"] == "user"
    assert run("sources", "rate", "Pajhwok", "Q", "--db", db)[0] == 2
    code, rows, _ = run("claims", "--db", db, "--json", "--min-grade", "A")
    assert code == 0 and [r["grade"] for r in rows] == ["A1"]
    code, rows, _ = run("sources", "list", "--db", db, "--json")
    assert code == 0 and any(r["name"] == "Daily Bulletin" for r in rows)


def test_analyze_json(db):
    code, rows, _ = run("analyze", "--db", db, "--json")
    assert code == 0 and rows[0]["claims"] > 0 and rows[0]["alerts"] == 10
