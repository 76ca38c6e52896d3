"""Load test: a bounded asyncio client (httpx) against ``tracewire serve`` on loopback.

    .venv/bin/python benchmarks/corpusgen.py store /tmp/big.db --docs 50000
    .venv/bin/python benchmarks/load.py --db /tmp/big.db --clients 20 --seconds 60

Starts ``tracewire serve`` on the store (or uses ``--url`` of a running one), then runs
``--clients`` concurrent clients, each sending its next request as soon as the last one is
answered (``--think S``: after a random pause of mean S seconds, as a user reading the page),
for ``--seconds``; ``--serve-workers N`` starts the server with N processes. Requests are drawn
at random from: the entity page
(HTML) and its JSON twin for a random stored entity, full-text search (HTML and JSON) for a
random name, place or pair of words from the corpus, and the graph endpoint when the API has one
(``/api/graph``; otherwise the relations of a random entity, the graph's edges). Printed per
kind: requests, errors (a status other than 200, or no answer), and p50/p95/p99/max latency;
then each failed request (up to 20) with its status and answer, or the client's error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["talks", "checkpoint", "commander", "arrested", "fighters", "agreement", "clashes", "leader", "officials",
         "road", "overnight", "residents", "security", "members", "sheltering", "closed", "killing"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sample_targets(db: str, rng: random.Random) -> tuple[list[int], list[str]]:
    """Entity ids to open and queries to search for, read from the store."""
    sys.path.insert(0, str(ROOT))
    from tracewire.store import open_store

    st = open_store(db, migrate=False)
    ents = [(int(r[0]), r[1]) for r in st.conn.execute("SELECT id, name FROM entities WHERE canonical_id IS NULL")]
    st.close()
    names = [n for _, n in ents]
    queries = rng.sample(names, min(60, len(names))) + [f"{a} {b}" for a, b in
                                                         (rng.sample(WORDS, 2) for _ in range(40))]
    return [i for i, _ in ents], queries


failures: list[str] = []  # each failed request: what was asked and why it failed


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def run(url: str, entity_ids: list[int], queries: list[str], clients: int, seconds: float,
              has_graph: bool, seed: int, think: float = 0.0) -> dict[str, dict[str, list[float] | int]]:
    stats: dict[str, dict[str, list[float] | int]] = {}
    failures.clear()

    def request(rng: random.Random) -> tuple[str, str, dict[str, str]]:
        kind = rng.choice(["entity page", "entity json", "search page", "search json", "graph"])
        if kind.startswith("entity"):
            eid = rng.choice(entity_ids)
            return kind, (f"/entities/{eid}" if kind == "entity page" else f"/api/entities/{eid}"), {}
        if kind.startswith("search"):
            return kind, ("/search" if kind == "search page" else "/api/search"), {"q": rng.choice(queries)}
        if has_graph:
            return kind, "/api/graph", {"entity": str(rng.choice(entity_ids))}
        return kind, "/api/relations", {"entity": str(rng.choice(entity_ids)), "limit": "100"}

    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def one_client(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            while time.monotonic() < deadline:
                kind, path, params = request(rng)
                entry = stats.setdefault(kind, {"latencies": [], "errors": 0})
                t0 = time.perf_counter()
                why = ""
                try:
                    response = await client.get(path, params=params)
                    if response.status_code != 200:
                        why = f"HTTP {response.status_code}: {response.text[:160]}"
                except httpx.HTTPError as exc:
                    why = f"{type(exc).__name__}: {exc}"
                elapsed = (time.perf_counter() - t0) * 1000
                entry["latencies"].append(elapsed)  # type: ignore[union-attr]
                if why:
                    entry["errors"] = int(entry["errors"]) + 1
                    failures.append(f"{kind} GET {path} {params}: {why}")
                if think:  # a user reading the answer: an exponential pause with mean ``think`` seconds
                    await asyncio.sleep(min(rng.expovariate(1 / think), max(0.0, deadline - time.monotonic())))

        await asyncio.gather(*(one_client(n) for n in range(clients)))
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="the store to serve (and to draw entities and queries from)")
    ap.add_argument("--url", help="a running server instead of starting one")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--think", type=float, default=0.0,
                    help="mean pause in seconds between a client's answer and its next request (default 0: none)")
    ap.add_argument("--serve-workers", type=int, default=1, help="processes of the started server (serve --workers)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    entity_ids, queries = sample_targets(args.db, rng)
    server = None
    url = args.url
    if not url:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([str(Path(sys.executable).parent / "tracewire"), "serve", "--db", args.db,
                                   "--port", str(port), "--workers", str(args.serve_workers)],
                                  stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        for _ in range(300):
            try:
                spec = httpx.get(f"{url}/openapi.json", timeout=2).json()
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"the server at {url} did not answer")
        has_graph = "/api/graph" in spec.get("paths", {})
        stats = asyncio.run(run(url, entity_ids, queries, args.clients, args.seconds, has_graph, args.seed,
                                args.think))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    total = sum(len(s["latencies"]) for s in stats.values())  # type: ignore[arg-type]
    print(f"{args.clients} clients for {args.seconds:.0f} s, think time {args.think:g} s, against {url}"
          f" ({args.serve_workers} server processes, {len(entity_ids)} entities, "
          f"{len(queries)} queries); graph endpoint: {'/api/graph' if has_graph else 'none yet, /api/relations'}")
    print(f"{'kind':<14}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind in sorted(stats):
        lat: list[float] = stats[kind]["latencies"]  # type: ignore[assignment]
        print(f"{kind:<14}{len(lat):>9}{stats[kind]['errors']:>8}{percentile(lat, 50):>9.1f}"
              f"{percentile(lat, 95):>9.1f}{percentile(lat, 99):>9.1f}{max(lat):>9.1f}")
    print(f"throughput {total / args.seconds:.0f} requests/s; errors "
          f"{sum(int(s['errors']) for s in stats.values())}")
    for failure in failures[:20]:
        print("  failed:", failure)
    print(json.dumps({k: {"n": len(v["latencies"]), "errors": v["errors"],  # type: ignore[arg-type]
                          "p95_ms": round(percentile(v["latencies"], 95), 1)}  # type: ignore[arg-type]
                      for k, v in stats.items()}))


if __name__ == "__main__":
    main()
