"""The tracewire command as a user runs it: exit codes, one-line errors, JSON on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE, SHARED_EVAL

BIN = str(Path(sys.executable).parent / "tracewire")


def run(*args: str, db: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    if db:
        env["TRACEWIRE_DB"] = db
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def sample_db(fresh_db):
    db = fresh_db("cli")
    result = run("ingest", str(SAMPLE), "--quiet", db=db)
    return db, result


def test_ingest_reports_each_broken_file_in_one_line_and_exits_nonzero(sample_db):
    _, result = sample_db
    manifest = json.loads((SAMPLE / "MANIFEST.json").read_text())
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(lines) == len(manifest["broken"])
    assert "Traceback" not in result.stderr
    assert any("broken/empty.txt: empty file" in line for line in lines)
    assert f"read {manifest['articles']} articles" in result.stderr


def test_search_and_entity_read_the_store(sample_db):
    db, _ = sample_db
    out = run("search", "Zawahiri", db=db)
    assert out.returncode == 0 and "[Zawahiri]" in out.stdout
    hits = [json.loads(line) for line in run("search", "Zawahiri", "--json", "--db", db).stdout.splitlines()]
    assert hits and all("id" in h for h in hits)
    ent = run("entity", "ISKP", db=db)
    assert ent.returncode == 0 and "Islamic State Khorasan" in ent.stdout and "“" in ent.stdout
    missing = run("entity", "Nobody Atall", db=db)
    assert missing.returncode == 1 and missing.stderr.strip() == "error: no entity named 'Nobody Atall' in the store"


def test_extract_writes_the_contract(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Raid in Kunduz\n\nTaliban fighters raided a village in Kunduz province, officials said.\n")
    out = run("extract", str(article), "--format", "jsonl")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert doc["doc_id"].startswith("sha256:") and doc["text_length"] == len(article.read_text())
    assert {"entities", "relations", "events", "source"} <= set(doc)
    assert {e["name"] for e in doc["entities"]} >= {"Taliban", "Kunduz"}


def test_extract_bad_input_is_one_line_and_the_rest_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Kabul\n\nOfficials in Kabul said the border with Pakistan was closed.")
    (tmp_path / "bad.txt").write_bytes(b"")
    out = run("extract", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt"), str(tmp_path / "none.txt"))
    assert out.returncode == 1
    assert len(out.stdout.splitlines()) == 1
    assert out.stderr.splitlines() == [f"skipped {tmp_path / 'bad.txt'}: empty file (no text)",
                                       f"skipped {tmp_path / 'none.txt'}: no such file or folder"]


def test_bad_store_is_one_line(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite" * 200)
    out = run("search", "x", "--db", str(bad))
    assert out.returncode == 1 and out.stderr.startswith("error: cannot open the store") and "Traceback" not in out.stderr


def test_extract_scores_on_the_dev_gold(tmp_path):
    """The extraction contract on the shared dev article, scored with the shared scorer."""
    dev = sorted((SHARED_EVAL / "dev").glob("*.txt"))
    assert dev, "the shared dev gold is missing"
    out = run("extract", *map(str, dev), "--format", "jsonl")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(out.stdout)
    score = subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), str(SHARED_EVAL / "dev"), str(pred),
                            "--json", "--min", "entities.f1=0.95", "--min", "relations.f1=0.85", "--min", "events.f1=0.75",
                            "--min", "hedging_acc=0.9", "--min", "attribution_acc=0.9", "--min", "cameo_root_acc=0.9"], capture_output=True, text=True)
    assert score.returncode == 0, score.stdout + score.stderr


def test_every_command_has_help_and_a_readme_mention():
    from tracewire.cli import app

    readme = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert command.callback.__doc__, name
        assert f"tracewire {name}" in readme, name
