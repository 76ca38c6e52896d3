"""Paragraph breaks are sentence breaks: a headline never runs into the first paragraph.

Registered as ``tracewire_paragraphs_v1``; runs before the parser, which keeps the boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("tracewire_paragraphs_v1")
def paragraph_breaks(doc: Doc) -> Doc:
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            doc[i].is_sent_start = True
    return doc
