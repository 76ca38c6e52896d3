"""Paragraph and dateline breaks set before the parser (tracewire_paragraphs_v1)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracewire.extract.paragraphs import headline_span_end, title_case


def test_no_sentence_ends_after_the_first_word_of_a_paragraph(nlp):
    """A headline has no full stop; the parser then tended to end a sentence after the next word."""
    doc = nlp("Headline\n\nBola Tinubu, the president of Nigeria, visited Maiduguri on Monday.")
    assert [s.text.split()[0] for s in doc.sents] == ["Headline", "Bola"]


def test_a_dateline_opens_its_own_sentence(nlp):
    doc = nlp("Headline\n\nKABUL, Dec 12 (Reuters) - A suicide bomber struck a ministry. Officials said so.")
    assert [s.text.strip() for s in doc.sents][1:3] == ["KABUL, Dec 12 (Reuters) -", "A suicide bomber struck a ministry."]


@given(st.lists(st.sampled_from(["the", "of", "and", "is", "in", "army", "rebels", "town", "says"]), min_size=4))
def test_a_headline_in_lower_case_is_never_title_case(nlp, words):
    assert not title_case(nlp.make_doc("Fighting " + " ".join(words))[:])


def test_title_case_headlines(nlp):
    assert title_case(nlp("Al-Qaeda Is Quietly Rebuilding In Afghanistan, And The UN Has Noticed")[:])
    assert not title_case(nlp("Rebels seize Tora Ridge after two days of clashes")[:])


def test_a_short_opening_paragraph_is_no_headline(nlp):
    doc = nlp("MOGADISHU, May 2 - Al-Shabaab fighters attacked an army base on Monday. Five soldiers died.\n\n"
              "The group also attacked a police station in Afgoye on Tuesday.")
    assert headline_span_end(doc) == 0


def test_a_headline_in_title_case_cut_into_sentences_is_one_headline(nlp):
    doc = nlp("The Group Has Burned Its First Rifles. The Peace Process Now Faces Its Harder Test\n\n"
              "Fighters burned their rifles near Dukan on Friday.")
    assert doc[headline_span_end(doc)].text == "Fighters"
