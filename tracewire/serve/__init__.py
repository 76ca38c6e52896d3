"""Serve: the HTTP API and the web UI, reading through ``store`` only."""
