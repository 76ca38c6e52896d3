"""Paragraph breaks are sentence breaks: a headline never runs into the first paragraph; nor does
a dateline into the sentence it opens ("KABUL, Dec 12, 2024 - A suicide bomber ..."); and no
sentence ends after a paragraph's first word.

Registered as ``tracewire_paragraphs_v1``; runs before the parser, which keeps the boundaries.
"""

from __future__ import annotations

import re
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span

# a place in capitals or title case (a country or province may follow a comma), an optional date,
# an optional agency in brackets, then a dash set apart by spaces
DATELINE = re.compile(
    r"(?!(?:The|A|An|In|On|At|But|And|For|As|It|He|She|They|We|This|That) )"
    r"(?:[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3}|[A-Z][a-z'.\-]+(?: [A-Z][a-z'.\-]+){0,2})"
    r"(?:, [A-Z][A-Za-z'.\-]+(?: (?:and |of |the )?[A-Z][A-Za-z'.\-]+){0,2})?"
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2} [A-Z][a-z]{2,8}(?: \d{4})?))?"
    r"(?: \([A-Za-z .]+\))? [-—–] (?=\S)")


# abbreviated military ranks, which the model may also take for names ("Brig")
RANK_ABBREVIATIONS = frozenset({"brig", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cmdr", "adm"})
# abbreviated titles whose full stop ends no sentence ("and Brig. Gen. Odowaa Yusuf Rageh")
_TITLE_ABBREVIATIONS = RANK_ABBREVIATIONS | {"gov", "sen", "rep", "dr", "mr", "mrs", "ms", "prof", "rev", "pres",
                                             "amb", "insp", "supt"}


@Language.component("tracewire_paragraphs_v1")
def paragraph_breaks(doc: Doc) -> Doc:
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        abbreviated = prev.text.endswith(".") and prev.text[:-1].lower() in _TITLE_ABBREVIATIONS or (
            prev.text == "." and i >= 2 and doc[i - 2].lower_ in _TITLE_ABBREVIATIONS and not doc[i - 2].whitespace_)
        if abbreviated and doc[i].is_title and "\n" not in prev.whitespace_:
            doc[i].is_sent_start = False  # "Brig. Gen. X": a title, then the name it goes with
            continue
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            doc[i].is_sent_start = True
            if i + 1 < len(doc) and not doc[i].is_space and not doc[i + 1].is_space and doc[i + 1].text not in ".!?":
                # the parser may end a sentence after a paragraph's first word ("Bola | Tinubu, the
                # president of Nigeria, ...") when the line before has no full stop, as headlines have not
                doc[i + 1].is_sent_start = False
            _dateline(doc, i)
    return doc


def _dateline(doc: Doc, start: int) -> None:
    """Open a sentence after a paragraph's dateline, so the parser reads the sentence alone."""
    tok = doc[start]
    if tok.is_space:
        return
    found = DATELINE.match(doc.text, tok.idx, min(len(doc.text), tok.idx + 80))
    if found is None:
        return
    end = found.end()
    for j in range(start + 1, min(len(doc), start + 20)):
        if doc[j].idx >= end:
            if doc[j].idx == end:
                doc[j].is_sent_start = True
            return


def headline_span_end(doc: Doc) -> int:
    """Token index where the body starts when the text opens with a headline paragraph, else 0. A
    headline in title case may read as several sentences ("The PKK Has Burned Its First Rifles.
    Turkey's Peace Process Now Faces Its Harder Test"); a short opening paragraph of sentences in
    sentence case is no headline."""
    words = 0
    for sent in islice(doc.sents, 3):
        if sent.end >= len(doc):
            return 0
        last = next((t for t in reversed(sent) if not t.is_space), None)
        words += sum(not t.is_space for t in sent)
        if last is None or words > 30:
            return 0
        if "\n" in doc.text[last.idx + len(last.text):doc[sent.end].idx]:
            return sent.end
        if not title_case(sent):
            return 0  # a lead sentence, not part of a headline in title case the parser cut up
    return 0


def title_case(span: Span) -> bool:
    """Every word is capitalised, small words too ("Al-Qaeda Is Quietly Rebuilding In Afghanistan,
    And The UN Has Noticed"), or every word but the small ones ("Spring Offensive Brings the War
    Back to Mogadishu's Doorstep"), so capitals there say nothing about names."""
    words = [t for t in span[1:] if t.is_alpha]
    small = [t for t in words if t.is_stop]
    if len(words) >= 4 and all(t.is_title or t.is_upper for t in words):
        return True
    content = [t for t in words if not t.is_stop]
    if len(content) >= 3 and all(t.is_title or t.is_upper for t in content) and all(t.is_stop for t in words
                                                                                    if t.is_lower):
        return True  # headline style keeps small words low: "Spring Offensive Brings the War Back to X's Doorstep"
    return len(small) >= 2 and sum(t.is_title for t in small) * 3 >= len(small) * 2
