"""The document view's renderer: whatever the spans, the article's text comes back whole and escaped."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from tracewire.serve.html import annotated_text

TEXT = st.text(alphabet=st.sampled_from("ab <>&'\"\n—é"), min_size=0, max_size=60)


@st.composite
def article(draw):
    text = draw(TEXT)
    n = len(text)

    def span():
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return a, b

    mentions = sorted(({"start": a, "end": b, "entity_id": i, "type": draw(st.sampled_from(["PERSON", "ORG", "PLACE"])),
                        "name": "<x>"} for i, (a, b) in enumerate(span() for _ in range(draw(st.integers(0, 4))))
                       if b > a), key=lambda m: m["start"])
    statements = [{"type": "leader_of", "hedged": draw(st.booleans()), "attributed_name": draw(st.sampled_from([None, "<b>"])),
                   "attributed_to": 1, "evidence": [{"start": a, "end": b} for a, b in [span()]]}
                  for _ in range(draw(st.integers(0, 3)))]
    return text, mentions, statements


@given(article())
def test_the_text_comes_back_whole_and_nothing_unescaped(case):
    text, mentions, statements = case
    out = annotated_text(text, mentions, statements)
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text
    tags = re.findall(r"<(/?\w+)", out)
    assert set(tags) <= {"a", "/a", "mark", "/mark", "span", "/span"}
    assert tags.count("span") == tags.count("/span") and tags.count("mark") == tags.count("/mark")


def test_hedged_and_attributed_statements_are_marked():
    text = "Reportedly, X leads Y. Z said so."
    out = annotated_text(text, [], [{"type": "leader_of", "hedged": True, "attributed_name": "Z", "attributed_to": 3,
                                     "evidence": [{"start": 0, "end": 22}]}])
    assert "<span class='attributed hedged stmt' title='leader_of · reportedly · according to Z'>" in out
    assert out.endswith(" Z said so.")
