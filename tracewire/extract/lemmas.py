"""Lemmas the statistical model gets wrong for words our vocabularies key on ("staged" is not a
form of "stag"). Registered as ``tracewire_lemmas_v1``; runs right after the lemmatizer, so that
every later stage reads the fixed lemma. The words are data: ``lemma_fixes`` in kb/vocab.yaml.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tracewire.kb import load_registry


class LemmaFixer:
    def __init__(self, fixes: dict[str, str]) -> None:
        self.fixes = fixes

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            fixed = self.fixes.get(tok.lower_)
            if fixed is not None:
                tok.lemma_ = fixed
        return doc


@Language.factory("tracewire_lemmas_v1")
def make_lemma_fixer(nlp: Language, name: str) -> LemmaFixer:
    fixes = load_registry().vocab.get("lemma_fixes") or {}
    return LemmaFixer({str(k).lower(): str(v) for k, v in fixes.items()})
