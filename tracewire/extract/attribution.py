"""Attribution and hedging: who says each claim, and how sure the text is.

Registered as ``tracewire_attribution_v1``; runs after entity assembly. It computes, for the doc:

* hedge scopes: the tokens each hedge cue covers. An adverb ("reportedly") covers the word it
  modifies and its dependents; a raising verb ("is believed to", "may have") its clause; an
  adjective ("unconfirmed") its noun. Relative clauses and appositions that do not hold the cue
  are left out, so in "X, who reportedly has ties to Y, heads Z" only the ties are hedged.
* source scopes: "according to X" and "citing X" cover their sentence; "X said ..." covers the
  reported clause. The source is the first named organisation or person in the phrase, "UNNAMED"
  when there is none ("officials said", "according to a report"), and the chain of sources is
  kept ("A, citing B").
* the document's reliance: when the opening says the story rests on an outlet ("according to a
  report by X", "this account relies on reporting by X"), later claims with no source of their
  own inherit it, marked as inherited.

Relation and event stages ask ``Stance.of(doc).hedged(token)`` and ``.source(token)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from tracewire.extract.context import PERSON_PRONOUNS, DocIndex
from tracewire.kb import Registry, load_registry

UNNAMED = "UNNAMED"
STANCE_KEY = "tw_stance"
_SKIP = {"relcl", "appos", "acl", "parataxis", "dep"}
_RELIANCE_SENTENCES = 4


@dataclass(frozen=True, slots=True)
class Source:
    """The source of a claim: the credited entity id (or UNNAMED), the chain, whether inherited."""

    attributed_to: str | None
    chain: tuple[str, ...] = ()
    inherited: bool = False


@dataclass(slots=True)
class _Scope:
    tokens: frozenset[int]
    source: Source
    cue: int


@dataclass(slots=True)
class Stance:
    hedges: list[tuple[frozenset[int], int]] = field(default_factory=list)  # (scope, cue token)
    scopes: list[_Scope] = field(default_factory=list)
    reliance: Source | None = None
    reliance_sentence: int = -1
    sentence_of: dict[int, int] = field(default_factory=dict)

    @staticmethod
    def of(doc: Doc) -> Stance:
        stance = doc.user_data.get(STANCE_KEY)
        return stance if isinstance(stance, Stance) else Stance()

    def hedged(self, *tokens: Token) -> bool:
        return any(t.i in scope for t in tokens for scope, _ in self.hedges)

    def source(self, tok: Token) -> Source:
        inside = [s for s in self.scopes if tok.i in s.tokens]
        if inside:
            return min(inside, key=lambda s: len(s.tokens)).source
        if self.reliance is not None and self.sentence_of.get(tok.i, -1) > self.reliance_sentence:
            return self.reliance
        return Source(None)


# what may hang on a trailing "..., X said on Tuesday."
_TAIL = {"nsubj", "prep", "punct", "npadvmod", "advmod", "aux"}


# an unnamed voice of a state ("the government said"): the state the story is about speaks
_STATE_VOICES = {"government", "presidency", "junta", "cabinet"}
# what a body issues in its own name ("according to its statement")
_OWN_WORDS = {"statement", "communique", "announcement", "report", "video", "website", "account", "channel",
              "spokesman", "spokeswoman", "spokesperson", "office", "leader", "leadership", "commander", "agency",
              "outlet"}


def clause_tokens(head: Token, cue: Token | None = None) -> frozenset[int]:
    """The tokens of ``head``'s clause, without nested relative clauses and appositions that do
    not hold the cue."""
    out: set[int] = set()
    stack = [head]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        for child in tok.children:
            if child.dep_ in _SKIP and (cue is None or cue.i not in {t.i for t in child.subtree}):
                continue
            stack.append(child)
    return frozenset(out)


def reported_clauses(verb: Token, deps: frozenset[str] | set[str] = frozenset({"ccomp"})) -> list[Token]:
    """The clauses a verb of saying reports: its own complement, or a "that" clause the model hung
    on the medium ("claimed in an unconfirmed statement that its fighters had killed ...")."""
    out = [c for c in verb.children if c.dep_ in deps]
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for g in noun.children:
                if g.dep_ not in {"acl", "ccomp", "relcl"} or g.i < noun.i:
                    continue
                marked = any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)
                # "said at the time that it was investigating": a "that" clause with a subject of
                # its own is what was said, not a relative clause on "time"
                own_subject = g.doc[noun.i + 1].lower_ == "that" and any(
                    c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ != "that" for c in g.children)
                if marked and prep.lower_ in {"in", "through", "via"} or own_subject:
                    out.append(g)
    return out


def _chains(scopes: list[_Scope]) -> list[_Scope]:
    """Sources over the same words form a chain: "according to A, citing B" is A's report of B's."""
    by_tokens: dict[frozenset[int], list[_Scope]] = {}
    for scope in scopes:
        by_tokens.setdefault(scope.tokens, []).append(scope)
    out = []
    for group in by_tokens.values():
        group.sort(key=lambda s: s.cue)
        chain: list[str] = []
        for scope in group:
            chain += [e for e in scope.source.chain if e not in chain]
        first = group[0]
        out.append(_Scope(first.tokens, Source(first.source.attributed_to, tuple(chain)), first.cue))
    return out


class AttributionTagger:
    def __init__(self, nlp: Language, name: str = "tracewire_attribution", *, registry: Registry | None = None):
        self.name = name
        vocab = (registry or load_registry()).attribution
        hedges = vocab.get("hedges") or {}
        self.head_hedges = {w.lower() for w in hedges.get("head") or []}
        self.noun_hedges = {w.lower() for w in hedges.get("noun") or []}
        self.clause_hedges: dict[str, str | None] = {}
        for cue in hedges.get("clause") or []:
            verb, _, particle = str(cue).lower().partition(" ")
            self.clause_hedges[verb] = particle or None
        self.reporting = {w.lower() for w in vocab.get("reporting_verbs") or []}
        self.unnamed = {w.lower() for w in vocab.get("unnamed_sources") or []}
        self.documents = {w.lower() for w in vocab.get("source_documents") or []}
        self.summaries = {w.lower() for w in vocab.get("summary_nouns") or []}
        self.opinion = {w.lower() for w in vocab.get("opinion_verbs") or []}

    # -- hedges ---------------------------------------------------------------------------------

    def _opinion(self, tok: Token) -> tuple[frozenset[int], Token] | None:
        """ "the YPG, which Turkey considers the Syrian offshoot of the PKK", "officials regard X as
        a front for Y": what the verb's subject holds to be so (the description) and who holds it."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.opinion:
            return None
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        held = [c for c in tok.children if c.dep_ in {"oprd", "xcomp"} or c.dep_ == "ccomp" and c.pos_ == "NOUN"
                or c.dep_ == "dobj"
                and c.pos_ == "NOUN" and len([d for d in tok.children if d.dep_ == "dobj"]) > 1]
        held += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children
                 if o.dep_ == "pobj"]
        if not subjects or not held:
            return None
        scope = {t.i for h in held for t in h.subtree}
        for h in held:  # "as a front for LeT, the Pakistan-based group founded by X": the author's gloss
            scope -= {s.i for t in h.subtree if t.dep_ == "appos" and t.i > h.i for s in t.subtree}
        return frozenset(scope), subjects[0]

    def hedge_scopes(self, doc: Doc) -> Iterator[tuple[frozenset[int], int]]:
        for tok in doc:
            word, lemma = tok.lower_, tok.lemma_.lower()
            opinion = self._opinion(tok)
            if opinion is not None:
                yield opinion[0], tok.i
                continue
            if word in self.head_hedges and tok.dep_ in {"advmod", "amod", "npadvmod", "acomp"}:
                head = tok.head
                if head.dep_ == "aux" or head.dep_ == "auxpass":
                    head = head.head
                yield clause_tokens(head, tok), tok.i
            elif word in self.noun_hedges and tok.dep_ == "amod" and tok.head.pos_ in {"NOUN", "PROPN"}:
                yield frozenset(t.i for t in tok.head.subtree), tok.i
            elif lemma in self.clause_hedges:
                particle = self.clause_hedges[lemma]
                if lemma in {"may", "might", "could"}:
                    if tok.dep_ == "aux" and not any(c.dep_ == "neg" for c in tok.head.children):
                        yield clause_tokens(tok.head, tok), tok.i
                elif lemma == "claim":
                    # "claimed that its fighters had killed ...", "claimed to have taken Goma"
                    for child in reported_clauses(tok, {"ccomp", "xcomp"}):
                        yield frozenset(t.i for t in child.subtree), tok.i
                elif tok.pos_ == "VERB" and self._raising(tok, lemma, particle):
                    yield clause_tokens(tok, tok), tok.i

    @staticmethod
    def _raising(tok: Token, lemma: str, particle: str | None) -> bool:
        """ "is believed to lead", "appears to have moved", "is suspected of planning"."""
        kids = list(tok.children)
        if particle == "to":
            passive = any(c.dep_ == "auxpass" for c in kids) or lemma in {"appear", "seem"}
            return passive and any(c.dep_ in {"xcomp", "ccomp"} for c in kids)
        if particle == "of":
            return any(c.dep_ == "prep" and c.lower_ == "of" for c in kids)
        return False

    # -- sources --------------------------------------------------------------------------------

    def _named_source(self, index: DocIndex, tokens: Iterable[Token]) -> list[str]:
        return [e for e in index.in_tokens(tokens, {"ORG", "PERSON", "PLACE"})
                if index.type(e) != "PLACE" or index.subtype(e) == "country"]

    @staticmethod
    def _by_head(index: DocIndex, head: Token, named: list[str]) -> list[str]:
        """``named`` with the one heading the "by"/"from"/"of" phrase first: in "a report by the UN
        Analytical Support and Sanctions Monitoring Team" the team, not the "UN" that qualifies it."""
        first = next((e for c in head.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from", "of"}
                      for o in c.children if o.dep_ == "pobj" and (e := index.entity_at(o)) in named), None)
        return named if first is None else [first, *(e for e in named if e != first)]

    def _np_source(self, index: DocIndex, head: Token) -> Source:
        """The source a phrase names: "19FortyFive", "a report by X" (X), "Taliban spokesman X" (X);
        "US officials" and "local sources" stay unnamed, whoever they work for."""
        # (not "Its spokesman, X, said": X)
        own_name = any((e := index.entity_at(t)) and index.type(e) in {"PERSON", "ORG"} for t in head.subtree)
        owner = index.members_owner(head) if head.pos_ == "NOUN" and not own_name else []
        if owner:  # "Its fighters say they captured him": the group the fighters belong to
            return Source(owner[0], (owner[0],))
        its = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "its"), None)
        if its is not None and not own_name and head.lemma_.lower() in _OWN_WORDS \
                and not index.after_unnamed_force(head):
            # "according to its statement": the body that issued it
            found = [e for e in index.possessor(its) if index.type(e) == "ORG" or index.subtype(e) == "country"]
            if found:
                return Source(found[0], (found[0],))
        if (head.lemma_.lower() in self.unnamed or head.lower_ in self.unnamed) and index.entity_at(head) is None:
            # "diplomats said"; but "according to The Diplomat" names an outlet
            tokens = [t for c in head.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from", "of"}
                      for t in c.subtree]
            named = self._by_head(index, head, self._named_source(index, tokens))
            return Source(named[0], tuple(named)) if named else Source(UNNAMED, (UNNAMED,))
        chain = self._by_head(index, head, self._named_source(index, head.subtree))
        own = index.entity_at(head)
        if own is None:  # "Somalia's information minister, Daud Aweis, said": the minister named beside
            own = next((e for c in head.children if c.dep_ == "appos" and (e := index.entity_at(c))
                        and index.type(e) in {"PERSON", "ORG"}), None)
        if own in chain:  # "Russia's Federal Security Service said": the service, not Russia
            chain = [own, *(e for e in chain if e != own)]
        if chain:
            return Source(chain[0], tuple(chain))
        bare = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
            and not any(c.dep_ in {"poss", "compound", "amod", "prep"} for c in head.children)
        if bare and head.lemma_.lower() in _STATE_VOICES:
            # "the government said" in a story about one country: that country's government
            for state in index.main_state():
                return Source(state, (state,))
        if bare and head.lemma_.lower() in {"army", "military"}:
            # "the army said", where the text names the state's army ("Mali's army"): that army
            for force in index.forces_of(index.main_state())[:1]:
                return Source(force, (force,))
        if head.lemma_.lower() in self.documents or head.lower_ in self.documents:
            return Source(UNNAMED, (UNNAMED,))
        # "the ministry also said", after "the Ministry of Intelligence said": that ministry
        body = next(iter(index.described(head, {"ORG"})), None) if bare else None
        if body is not None:
            return Source(body, (body,))
        the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        ministry = head.lemma_.lower() == "ministry" and the \
            and all(c.dep_ == "det" or c.dep_ in {"amod", "compound"} and c.is_lower and index.entity_at(c) is None
                    for c in head.children)
        if ministry and not index.described(head, {"ORG"}):
            # "the interior ministry said" in a story about one country, naming no ministry: its state
            for state in index.main_state():
                return Source(state, (state,))
        if head.lower_ in PERSON_PRONOUNS:
            found = index.antecedent(head)
            if found:
                return Source(found[0], tuple(found))
        return Source(UNNAMED, (UNNAMED,))

    def source_scopes(self, doc: Doc, index: DocIndex) -> Iterator[_Scope]:
        for tok in doc:
            sent = tok.sent
            whole = frozenset(range(sent.start, sent.end))
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                objs = [c for c in to.children if c.dep_ == "pobj"]
                head = objs[0] if objs else (doc[tok.i + 2] if tok.i + 2 < sent.end else None)
                if head is not None:
                    yield _Scope(whole, self._np_source(index, head), tok.i)
            elif tok.lower_ in {"citing", "quoting"}:
                objs = [c for c in tok.children if c.dep_ in {"dobj", "pobj", "obj"}]
                if objs:
                    yield _Scope(whole, self._np_source(index, objs[0]), tok.i)
            elif (opinion := self._opinion(tok)) is not None:
                yield _Scope(opinion[0], self._np_source(index, opinion[1]), tok.i)
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in {"accuse", "charge"}:
                # "Burhan's government accuses the UAE of arming the RSF": the act charged is told on
                # the accuser's word
                charged = [p for c in (tok, *(d for d in tok.children if d.dep_ == "dobj")) for o in c.children
                           if o.dep_ == "prep" and o.lower_ == "of" for p in o.children if p.dep_ == "pcomp"]
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                if charged and subjects:
                    # (not a relative clause the author adds: "of sheltering the TTP, which has killed ...")
                    yield _Scope(frozenset(i for p in charged for i in clause_tokens(p)),
                                 self._np_source(index, subjects[0]), tok.i)
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in self.reporting:
                content = reported_clauses(tok, {"ccomp", "parataxis"})
                if not content and tok.lemma_.lower() == "claim":
                    # "X claimed to have taken Goma": what X claims is told on X's word
                    content = [c for c in tok.children if c.dep_ == "xcomp"
                               and any(a.lower_ == "have" for a in c.children if a.dep_ == "aux")]
                if tok.dep_ in {"ccomp", "parataxis"} and not content:
                    content = [tok.head]  # "X did Y, officials said": the main clause is the content
                subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if not content and tok.dep_ == "conj" and tok.i >= 2 and doc[tok.i - 1].text == "," \
                        and tok.head.i < tok.i and all(c.dep_ in _TAIL for c in tok.children):
                    # "X did Y, Turkey's interior minister, Ali Yerlikaya, said on March 26": the
                    # model may join "said" to the main verb; that verb's clause is what was said
                    content = [tok.head]
                    speaker = index.mention_of(doc[tok.i - 2])
                    if speaker is not None and speaker.end == tok.i - 1:
                        subjects = [doc[tok.i - 2]]  # the name just before ", said" speaks
                if content and not subjects and tok.dep_ == "conj":
                    # "Al-Shabaab threatened Kenya and said it had killed ...": the speaker is the
                    # subject the reporting verb shares with the verb it is joined to
                    node = tok.head
                    while node.dep_ == "conj" and node.head != node and not any(
                            c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
                        node = node.head
                    subjects = [c for c in node.children if c.dep_ == "nsubj"]
                if content and not subjects and tok.dep_ in {"advcl", "xcomp"} and tok.tag_ == "VBG":
                    # "..., an official told Reuters, adding that they had flown to Moscow": the
                    # participle speaks with the subject of the verb it hangs on
                    subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if not content or not subjects:
                    continue
                scope: set[int] = set()
                for c in content:
                    scope |= clause_tokens(c) if c == tok.head else {t.i for t in c.subtree}
                    for t in c.subtree:  # "..., an accusation the government rejected": the author's
                        if t.dep_ == "appos" and t.lemma_.lower() in self.summaries and t.i > tok.i:
                            scope -= {s.i for s in t.subtree}
                    if c.dep_ == "xcomp":  # "claimed to have taken Goma, the capital of X": the author's gloss
                        scope -= {s.i for t in c.subtree if t.dep_ == "appos" for s in t.subtree}
                    # "X said the raid was lawful, and Y said ...", "..., as Y said in a video that":
                    # the parser may join the second saying to the first one's clause; a speaker of
                    # its own tells it, not X
                    scope -= {s.i for t in c.subtree if t.dep_ in {"conj", "advcl"} and t.i > tok.i and t.pos_ == "VERB"
                              and t.lemma_.lower() in self.reporting
                              and any(g.dep_ == "nsubj" and g.pos_ == "PROPN" for g in t.children)
                              for s in t.subtree}
                scope.discard(tok.i)
                yield _Scope(frozenset(scope), self._np_source(index, subjects[0]), tok.i)

    # -- the component --------------------------------------------------------------------------

    def analyse(self, doc: Doc) -> Stance:
        index = DocIndex.of(doc)
        stance = Stance(hedges=list(self.hedge_scopes(doc)), scopes=_chains(list(self.source_scopes(doc, index))))
        sents = list(doc.sents)
        for n, sent in enumerate(sents):
            for tok in sent:
                stance.sentence_of[tok.i] = n
        found = self.reliance(doc, index)
        if found is not None:
            stance.reliance, stance.reliance_sentence = found[0], stance.sentence_of.get(found[1], -1)
        return stance

    def reliance(self, doc: Doc, index: DocIndex) -> tuple[Source, int] | None:
        """The outlet an article says, in its opening, that its story rests on: "according to a
        report by X", "this account relies on reporting by X", "X first reported". A plain "X said"
        is an ordinary attribution, not reliance."""
        for sent in list(doc.sents)[:_RELIANCE_SENTENCES + 1]:
            for tok in sent:
                lemma = tok.lemma_.lower()
                phrase: list[Token] = []
                if lemma in {"rely", "draw", "base", "build"}:
                    phrase = [t for c in tok.children if c.dep_ == "prep" and c.lower_ in {"on", "upon"}
                              for t in c.subtree]
                elif lemma in {"report", "reporting", "account", "investigation"} and tok.pos_ == "NOUN":
                    phrase = [t for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ == "by"
                              for t in c.subtree]
                named = [e for e in self._named_source(index, phrase) if index.subtype(e) == "media"]
                if named:
                    return Source(named[0], tuple(named), inherited=True), tok.i
        return None

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[STANCE_KEY] = self.analyse(doc)
        return doc



@Language.factory("tracewire_attribution_v1")
def make_attribution(nlp: Language, name: str) -> AttributionTagger:
    return AttributionTagger(nlp, name)
