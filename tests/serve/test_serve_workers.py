"""``tracewire serve --workers N``: N processes answer the same store."""

from __future__ import annotations

import html
import json
import urllib.request

import psutil

from tests.serve.browser import server


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_two_server_processes_answer_pages_and_api(sample_db):
    with server(sample_db, "--workers", "2") as base:
        port = int(base.rsplit(":", 1)[1])
        listeners = [p for p in psutil.process_iter(["cmdline"])
                     if "serve" in (p.info["cmdline"] or []) and str(port) in (p.info["cmdline"] or [])]
        assert len(listeners) == 1
        # uvicorn's supervisor runs one child per worker (multiprocessing spawns them)
        workers = [c for c in listeners[0].children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
        assert len(workers) == 2
        status, body = get(base + "/api/entities?limit=5")
        entities = json.loads(body)
        assert status == 200 and entities
        for _ in range(6):  # enough requests for both processes to have answered some
            status, page = get(f"{base}/entities/{entities[0]['id']}")
            assert status == 200 and html.escape(entities[0]["name"]).encode() in page
