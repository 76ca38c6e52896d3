from __future__ import annotations

from typer.testing import CliRunner

from tracewire.cli import app


def test_serve_refuses_a_tile_server_that_is_not_https(db_path, monkeypatch):
    monkeypatch.delenv("TRACEWIRE_TILES", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", db_path, "--tiles", "http://tiles.example.org/{z}/{x}/{y}.png"])
    assert result.exit_code == 1 and "must start with https://" in result.output
