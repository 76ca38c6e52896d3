"""The timeline corpus is what its generator writes, and it holds what the truth file relies on."""

from __future__ import annotations

import importlib.util
import json

from tests.analyze.conftest import TIMELINE


def test_the_committed_corpus_is_the_generators_output():
    spec = importlib.util.spec_from_file_location("timeline_generate", TIMELINE / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (TIMELINE / "articles.jsonl").read_text(encoding="utf-8")


def test_corpus_spans_months_with_dated_articles(truth):
    articles = [json.loads(line) for line in (TIMELINE / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(articles) == truth["documents"] >= 60
    days = sorted(a["published"] for a in articles)
    assert days[0] < "2025-01-03" and days[-1] > "2025-04-30"
    assert all(a["text"] and a["outlet"] for a in articles)
