from __future__ import annotations

import json

from typer.testing import CliRunner

from tracewire.cli import app

runner = CliRunner()


def test_export_writes_a_file_that_parses(sample_db, tmp_path):
    out = tmp_path / "places.geojson"
    result = runner.invoke(app, ["export", "--format", "geojson", "--db", sample_db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["features"]
    assert not (tmp_path / "places.geojson.partial").exists()


def test_export_to_stdout_and_clear_errors(sample_db, tmp_path):
    result = runner.invoke(app, ["export", "-f", "ftm", "--db", sample_db])
    assert result.exit_code == 0 and all(json.loads(line)["schema"] for line in result.stdout.splitlines())
    bad = runner.invoke(app, ["export", "-f", "xlsx", "--db", sample_db])
    assert bad.exit_code == 1 and "unknown export format 'xlsx'" in bad.output
    nowhere = runner.invoke(app, ["export", "-f", "acled", "--db", sample_db, "--out", str(tmp_path / "no" / "x.csv")])
    assert nowhere.exit_code == 1 and "cannot write" in nowhere.output
