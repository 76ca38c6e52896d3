"""How fast the web UI's pages are ready in a real browser, on the sample corpus, in one run.

    .venv/bin/python benchmarks/pages.py [--db sample.db] [--runs 5] [--screenshots docs/]

Ingests the bundled sample corpus into a temporary store (unless --db names one), starts
``tracewire serve`` on a free loopback port, and opens each page in Debian's Chromium (as the
browser tests do). For every page it prints the median and the worst of --runs loads: the time
to the browser's load event, and for the network and map pages the time until our script has
drawn the data (``data-ready``). With --screenshots it also saves the entity page, the network
view and a document as PNGs (the README's pictures).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_store(path: str) -> None:
    from tracewire.pipeline import Ingester
    from tracewire.store import open_store

    store = open_store(path)
    Ingester(store).run([str(ROOT / "tracewire" / "data" / "sample")])
    store.close()


def get(base: str, path: str) -> object:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.loads(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: the sample corpus, ingested now)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshots", help="folder for entity-page.png, network-view.png, document-page.png")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, server

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "sample.db")
        if not args.db:
            build_store(db)
        with server(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            doc = get(base, "/api/documents?limit=1")[0]["id"]  # type: ignore[index]
            person = next(e for e in get(base, "/api/entities?type=PERSON&limit=50")  # type: ignore[union-attr]
                          if e["name"] == "Ayman al-Zawahiri")
            pages = [("overview", "/", None), ("search", "/search?q=Kabul", None),
                     ("document", f"/documents/{doc}", None), ("entity", f"/entities/{person['id']}", ".tw-map"),
                     ("network", "/network", "#cy"), ("map", "/map", ".tw-map")]
            claims = get(base, "/api/claims?limit=1")
            if claims:
                pages.insert(4, ("claim", f"/claims/{claims[0]['id']}", None))  # type: ignore[index]
            print(f"{'page':<10} {'load median':>12} {'load worst':>11} {'ready median':>13} {'ready worst':>12}")
            for name, path, ready in pages:
                loads, readies = [], []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    page.goto(base + path, wait_until="load")
                    loads.append(time.perf_counter() - start)
                    if ready:
                        page.wait_for_selector(f"{ready}[data-ready=true]", timeout=30_000)
                        readies.append(time.perf_counter() - start)
                cells = [f"{statistics.median(loads) * 1000:>10.0f}ms", f"{max(loads) * 1000:>9.0f}ms"]
                cells += ([f"{statistics.median(readies) * 1000:>11.0f}ms", f"{max(readies) * 1000:>10.0f}ms"]
                          if readies else [f"{'-':>13}", f"{'-':>12}"])
                print(f"{name:<10} " + " ".join(cells))
            if args.screenshots:
                out = Path(args.screenshots)
                page.goto(base + f"/entities/{person['id']}")
                page.wait_for_selector(".tw-map[data-ready=true]")
                page.wait_for_timeout(300)  # the country shapes arrive after the markers
                page.screenshot(path=str(out / "entity-page.png"))
                page.goto(base + "/network")
                page.wait_for_selector("#cy[data-ready=true]")
                graph = get(base, "/api/graph")
                edge = next(e for e in graph["edges"] if e["type"] == "leader_of"  # type: ignore[index]
                            and e["source"] == person["id"])
                page.evaluate(f"() => {{ window.tracewireGraph.getElementById('{edge['id']}').select()"
                              f".emit('tap'); }}")
                page.wait_for_selector("#edge-statements li")
                page.screenshot(path=str(out / "network-view.png"))
                hedged = next(r for r in get(base, "/api/relations?limit=500") if r["hedged"])  # type: ignore[union-attr]
                page.goto(base + f"/documents/{hedged['doc_id']}")
                page.screenshot(path=str(out / "document-page.png"))
                print(f"screenshots saved in {out}")
            browser.close()


if __name__ == "__main__":
    main()
