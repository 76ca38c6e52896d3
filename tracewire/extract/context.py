"""Shared look-ups over a parsed doc for the relation, event and attribution stages.

``DocIndex`` maps tokens to the entities assembled by ``tracewire_entities_v1`` and answers the
questions every later stage asks: which entity does this noun phrase name, which entities sit in
this part of the parse, and which earlier entity does "the group" or "they" refer to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from tracewire.extract.entities import MENTION_KEY
from tracewire.kb import Registry, load_registry
from tracewire.model import Entity

# Grammar, not vocabulary: the words that refer back are in kb/vocab.yaml ("references").
RELATIVE = {"who", "which", "that", "whom"}
DEFINITE = {"the", "these", "those", "this", "that", "its", "their"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
INDEX_KEY = "tw_index"


# bare nouns too loose to stand for one organisation even where only one is named
_TOO_LOOSE = {"state", "country", "party", "force", "forces", "people", "group", "unit", "office", "council",
              "committee", "front", "movement"}

_LEADING_PLACE_WORDS = {"lake", "mount", "gulf", "cape", "port"}
# "west of Hodeidah", "50 miles southwest of Hodeidah": a bearing from a named place
BEARINGS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
            "north-west", "south-east", "south-west"}
_OF_PLACE_HEADS = {"province", "city", "district", "region", "area", "part", "town", "village", "port", *BEARINGS}
# words that make a title one held before or for a while ("the former vice president")
_NO_LONGER = {"former", "ex", "late", "then", "acting", "interim", "deputy", "outgoing"}
_STATE_FORCES = {"army", "military", "police", "navy", "gendarmerie"}
# words for a kind of body that a body's own name may carry ("the coalition" for "the Coalition of ...")
_KIND_WORDS = {"coalition", "alliance", "party", "movement", "front", "council", "committee", "network", "junta",
               "union", "league", "brigade", "organisation", "organization", "cartel", "gang"}


# words in an organisation's name that make it a state's armed forces ("Chad's army", "Israel Defense
# Forces"); wider than the heads the entity stage reads after a country's name
_FORCE_WORDS = {"army", "military", "forces", "navy", "force"}


class DocIndex:
    def __init__(self, doc: Doc, entities: list[Entity], registry: Registry | None = None) -> None:
        self.doc = doc
        self.registry = registry or load_registry()
        refs = self.registry.vocab.get("references") or {}
        self.plural_people = {str(w) for w in refs.get("plural_people") or []}
        self.group_nouns = {str(w) for w in refs.get("group_nouns") or []}
        self.person_nouns = {str(w) for w in refs.get("person_nouns") or []}
        self.collective = {str(w) for w in refs.get("collective") or []}
        self.group_members = {str(w) for w in refs.get("group_members") or []}
        self.derived_groups = {str(w) for w in refs.get("derived_groups") or []}
        # the last words of the roles a person holds ("vice president", "foreign minister")
        self.role_heads = {str(r).lower().split()[-1] for spec in (self.registry.relations.get("types") or {}).values()
                           for r in spec.get("roles") or []}
        self.entities = {e.id: e for e in entities}
        self.sents: list[Span] = list(doc.sents)
        self._group_subject_cache: dict[int, list[Token]] = {}
        self._main_country: str | None = None
        self._states_of_forces: dict[str, list[str]] = {}
        self.tok_ent: list[str | None] = [None] * len(doc)
        self.mentions: list[Span] = sorted(doc.spans.get(MENTION_KEY, []), key=lambda s: s.start)
        for span in self.mentions:
            for i in range(span.start, span.end):
                self.tok_ent[i] = span.id_

    @classmethod
    def of(cls, doc: Doc) -> DocIndex:
        index = doc.user_data.get(INDEX_KEY)
        if index is None:
            index = doc.user_data[INDEX_KEY] = cls(doc, list(doc._.tw_entities or []))
        return index

    def type(self, eid: str) -> str:
        return str(self.entities[eid].type)

    def subtype(self, eid: str) -> str | None:
        return self.entities[eid].subtype

    def entity_at(self, tok: Token) -> str | None:
        return self.tok_ent[tok.i]

    def mention_of(self, tok: Token) -> Span | None:
        eid = self.tok_ent[tok.i]
        if eid is None:
            return None
        for span in self.mentions:
            if span.start <= tok.i < span.end:
                return span
        return None

    def in_tokens(self, tokens: Iterable[Token], types: set[str] | None = None) -> list[str]:
        """Entities with a mention among ``tokens``, in text order, each once."""
        out: list[str] = []
        for tok in sorted(tokens, key=lambda t: t.i):
            eid = self.tok_ent[tok.i]
            if eid and eid not in out and (types is None or self.type(eid) in types):
                out.append(eid)
        return out

    def np_entities(self, head: Token, types: set[str] | None = None, *, deep: bool = False) -> list[str]:
        """Entities a noun phrase names: its head, coordinated and appositive heads, and the names
        compounded into it ("the Takhar, Faryab and Jowzjan provinces"). Nested prepositional
        phrases are left out unless ``deep``."""
        tokens: list[Token] = []
        stack = [head]
        while stack:
            tok = stack.pop()
            tokens.append(tok)
            for child in tok.children:
                if child.dep_ == "acl" and _naming(child):
                    # "a group calling itself the Imam Shamil Battalion", "a faction known as X": the name given
                    stack += [n for n in (*child.children, *(o for c in child.children if c.dep_ == "prep"
                                                             and c.lower_ == "as"
                                                             for o in c.children if o.dep_ == "pobj"))
                              if n.dep_ in {"oprd", "attr", "pobj"} or n.dep_ == "dobj" and n.pos_ == "PROPN"]
                    continue
                if child.dep_ in {"prep", "relcl", "acl", "punct", "cc", "det", "advmod"} and not deep:
                    if child.dep_ == "prep" and child.lower_ == "of" and tok.lemma_.lower() in _OF_PLACE_HEADS:
                        stack.append(child)
                    continue
                if child.dep_ in {"relcl", "acl"}:
                    continue
                if child.dep_ == "appos" and not deep and self.tok_ent[child.i] is None:
                    continue  # "X, the Taliban's deputy leader": the apposition describes X, it names no one
                stack.append(child)
        return self.in_tokens(tokens, types)

    # -- references ---------------------------------------------------------------------------

    def antecedent(self, tok: Token, exclude: frozenset[str] = frozenset(), depth: int = 0) -> list[str]:
        """Named entities that "they", "the members", "the group", "he" refer to, from earlier text;
        never one of ``exclude`` ("X, a wing of the coalition": the coalition is not X)."""
        word = tok.lower_
        sent_start = tok.sent.start
        prior = [s for s in self.mentions if s.end <= sent_start and s.start >= 0]
        if word in PERSON_PRONOUNS or word in self.person_nouns:
            # a subject named earlier in the same sentence first ("Baradar ... after agents captured him")
            # ("Colombia's president, Gustavo Petro, suspended ... and on Monday he announced": the
            # name in apposition to the subject)
            here = [s for s in self.mentions if tok.sent.start <= s.start and s.end <= tok.i
                    and self.type(s.id_) == "PERSON" and (s.root.dep_ in {"nsubj", "nsubjpass"} or (
                        s.root.dep_ == "appos" and s.root.head.dep_ in {"nsubj", "nsubjpass"}))]
            if here and word in PERSON_PRONOUNS:
                return [here[0].id_]
            if word in PERSON_PRONOUNS:
                about = self._person_topic(sent_start)
                if about:
                    return about
            people = [s for s in prior if self.type(s.id_) == "PERSON"]
            return [people[-1].id_] if people else []
        if word in {"it", "they"}:
            # "ISKP said it carried out the bombing": the speaker of the clause it stands in
            found = self._clause_subject(tok)
            if found:
                return found
            if self._unnamed_speaker(tok):
                return []  # "the army said it had deployed troops": the unnamed army, no group named before
        if word == "they" and tok.dep_ == "nsubj" and tok.head.dep_ == "conj" and tok.head.head.pos_ == "VERB":
            # "Rwanda began deploying 1,000 soldiers ..., and they took the village": the troops a
            # state or a body sends act for it
            first = tok.head.head
            sent_troops = any(t.lemma_.lower() in _TROOPS and t.tag_ == "NNS" and t.i < tok.i for t in first.subtree)
            found = [e for c in first.children if c.dep_ == "nsubj" for e in self.np_entities(c)
                     if self.type(e) == "ORG" or self.subtype(e) == "country"]
            if sent_troops and found:
                return found[:1]
        if word in {"they", "them"} and any(t.tag_ == "NNS" and t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
                                            for t in self.doc[sent_start:tok.i]):
            return []  # "mobilized 16 members ... and transferred them": the antecedent is unnamed
        fighters = False
        if word in self.plural_people:
            # people named earlier in the same sentence ("Two of them, A and B, ... adding that they
            # had flown to Moscow"), else the most recent sentence that names two people or more,
            # within three sentences
            named_here = list(dict.fromkeys(m.id_ for m in self.mentions if sent_start <= m.start
                                            and m.end <= tok.i and self.type(m.id_) == "PERSON"))
            if len(named_here) >= 2:
                return named_here
            sents = self.sents
            idx = next(i for i, s in enumerate(sents) if s.start == sent_start)
            for s in reversed(sents[max(0, idx - 3):idx]):
                named = self.in_tokens(s, {"PERSON"})
                if len(named) >= 2:
                    return named
            if word not in self.group_members:
                return []  # "the four suspected gunmen" are not the group last named
            fighters = word not in {"they", "them"}  # "the fighters", "the militants": never a state body
            word = "group"
        if word in self.group_nouns:
            # a group that is the subject of this sentence, named before the word, comes first:
            # "IS claimed the attack, and officials said the group's branch ..."
            here = [s for s in self.mentions if tok.sent.start <= s.start and s.end <= tok.i
                    and self.type(s.id_) == "ORG" and s.root.dep_ in {"nsubj", "nsubjpass"}
                    and self.subtype(s.id_) != "media" and s.id_ not in exclude
                    and not (word in _MILITANT_WORDS and self.subtype(s.id_) == "government")]
            if here and word != "it":
                return [here[0].id_]
            # "The CSTO's secretary general announced ... after a summit of the alliance": the one
            # organisation this sentence has named before the word
            militant = word in _MILITANT_WORDS  # words for armed groups name no agency or alliance
            in_sentence = {s.id_ for s in self.mentions if tok.sent.start <= s.start and s.end <= tok.i
                           and self.type(s.id_) == "ORG" and self.subtype(s.id_) != "media" and s.id_ not in exclude
                           and (not militant or self.subtype(s.id_) == "armed_group")}
            if len(in_sentence) == 1 and word != "it" and tok.lower_ not in {"its", "their", "they", "them"}:
                return list(in_sentence)
            if word == "it" and tok.dep_ in {"dobj", "pobj"} and in_sentence:
                # "who founded the PKK in 1978 and still leads it": the group named before, in the sentence
                near = [s for s in self.mentions
                        if tok.sent.start <= s.start and s.end <= tok.i and s.id_ in in_sentence]
                return [near[-1].id_]
            if tok.lower_ in {"its", "it"} and not in_sentence:
                told = self._told_group(tok, exclude, depth)
                if told:
                    return told
            orgs = [s for s in prior if self.type(s.id_) == "ORG" and self.subtype(s.id_) != "media"
                    and s.id_ not in exclude and not self.qualifies_derived(s)]
            armed = [s for s in orgs if self.subtype(s.id_) == "armed_group"]
            if fighters or militant:  # ("the group's leader" is no army's, "the fighters" no state's)
                orgs = [s for s in orgs if self.subtype(s.id_) != "government"]
            pick = armed or orgs
            # "the coalition" after "the Coalition of Patriots for Change" and a list of its members:
            # the body whose own name has that word, where one has
            kind = tok.lemma_.lower()
            if kind in _KIND_WORDS and tok.pos_ == "NOUN":
                own_name = [s for s in orgs if kind in _end_words(self.entities[s.id_].name)]
                pick = own_name or pick
            if not pick:
                return []
            # the group a recent sentence was about (its subject, or the object of its main verb:
            # "X has led the TTP since 2018") before one merely named in passing; nearer sentences first
            since = self._sentence_start_before(sent_start, 2)
            recent = [s for s in pick if s.start >= since]
            for start in sorted({s.sent.start for s in recent} | self._group_subject_sents(since, sent_start),
                                reverse=True):
                here_sent = [s for s in recent if s.sent.start == start]
                topic = [s.id_ for s in here_sent if s.root.dep_ in {"nsubj", "nsubjpass"}] or [
                    s.id_ for s in here_sent if s.root.dep_ == "dobj" and s.root.head.dep_ == "ROOT"]
                if not topic:
                    # "... when the group fired on Israel in support of Hamas": the group the sentence's
                    # own "the group" stood for is its topic, not the one named in passing
                    topic = self._group_subject(start, exclude, depth)
                if topic:
                    return [topic[-1]]
            return [pick[-1].id_]
        return []

    def _told_group(self, tok: Token, exclude: frozenset[str] = frozenset(), depth: int = 0) -> list[str]:
        """What a "the group" told earlier in the sentence of ``tok`` stood for ("A, the group's
        leader; B, its military spokesman"), else the one a "the group" subject of the sentence
        before stood for."""
        if depth >= 3:
            return []
        for prev in self.doc[tok.sent.start:tok.i]:
            if prev.lower_ == "group" and self.tok_ent[prev.i] is None \
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in prev.children):
                found = self.antecedent(prev, exclude, depth + 1)
                if found:
                    return found
        if tok.sent.start > 0:
            return self._group_subject(self.doc[tok.sent.start - 1].sent.start, exclude, depth)
        return []

    def _group_subjects(self, sent: Span) -> list[Token]:
        """The definite group nouns that are subjects of a sentence ("the group fired on Israel")."""
        if sent.start not in self._group_subject_cache:
            self._group_subject_cache[sent.start] = [
                t for t in sent if t.lower_ in self.group_nouns and t.pos_ == "NOUN" and self.tok_ent[t.i] is None
                and t.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)]
        return self._group_subject_cache[sent.start]

    def _group_subject_sents(self, since: int, before: int) -> set[int]:
        return {s.start for s in self.sents if since <= s.start < before and self._group_subjects(s)}

    def _group_subject(self, sent_start: int, exclude: frozenset[str], depth: int) -> list[str]:
        """What the "the group" that is a subject of the sentence at ``sent_start`` stood for."""
        if depth >= 3:
            return []
        for tok in self._group_subjects(self.doc[sent_start].sent):
            found = self.antecedent(tok, exclude, depth + 1)
            if found:
                return found
        return []

    def _person_topic(self, sent_start: int, depth: int = 0) -> list[str]:
        """The person the sentence before is about: its subject ("It is al-Hayya who sits across the
        table ... Earlier this month he led a delegation"), or whom its own "he" stood for."""
        if sent_start <= 0 or depth > 3:
            return []
        prev = self.doc[sent_start - 1].sent
        while prev.start > 0 and all(t.is_space for t in prev):
            prev = self.doc[prev.start - 1].sent
        for tok in prev:
            if tok.dep_ not in {"nsubj", "nsubjpass", "attr"} or tok.head.dep_ not in {"ROOT", "ccomp"}:
                continue
            if tok.dep_ == "attr" and not any(c.dep_ == "relcl" for c in tok.children):
                continue  # only the cleft "It is X who ...", not "X is the leader"
            eid = self.entity_at(tok)
            if eid is not None and self.type(eid) == "PERSON":
                return [eid]
            if tok.lower_ in {"he", "she"}:
                return self._person_topic(prev.start, depth + 1)
            if eid is None and tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubjpass"}:
                titled = self.titled(tok)  # "The king made the pledge ... He said": the king
                if titled:
                    return titled
        return []

    def qualifies_derived(self, mention: Span) -> bool:
        """Whether a name only qualifies a noun for another group: "the al-Qaeda affiliate"."""
        root = mention.root
        return root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ == "NOUN" \
            and root.head.lemma_.lower() in self.derived_groups

    def _sentence_start_before(self, sent_start: int, n: int) -> int:
        """The start of the sentence ``n`` sentences before the one starting at ``sent_start``."""
        starts = [s.start for s in self.sents if s.start < sent_start]
        return starts[-n] if len(starts) >= n else 0

    def refers(self, head: Token, types: set[str] | None = None) -> list[str]:
        """The entities a subject or object phrase stands for: named ones; for a relative pronoun
        the noun its clause hangs on; for an apposition or a predicate noun ("a veteran militant
        who ...", "X is a group that ...") the noun it describes; else an earlier antecedent."""
        if head.dep_ == "appos" and head.pos_ == "NOUN" and head.is_lower and self.tok_ent[head.i] is None \
                and head.head != head and head.head.pos_ == "PROPN" \
                and (places := self.np_entities(head)) and all(self.type(e) == "PLACE" for e in places):
            # "X, the Lamu County commissioner, who said ...": the one the role is apposed to, not
            # the place that qualifies the role
            named = self.np_entities(head.head, types)
            if named:
                return named
        if head.pos_ == "NOUN" and self.tok_ent[head.i] is None and (types is None or "ORG" in types):
            # "The UN peacekeeping mission in Congo, MONUSCO, said": the parser may hang the body's
            # name on the place; a body is no apposition to a place, it names the noun
            posted = [e for p in head.children if p.dep_ == "prep" and p.lower_ in {"in", "to", "for"}
                      for o in p.children if o.dep_ == "pobj" and (at := self.tok_ent[o.i]) is not None
                      and self.type(at) == "PLACE"
                      for a in o.children if a.dep_ == "appos" and a.i == o.right_edge.i and a.i > o.i
                      for e in [self.tok_ent[a.i]] if e is not None and self.type(e) == "ORG"]
            if posted:
                return posted[:1]
        named = self.np_entities(head, types)
        if named:
            return named
        examples = [c for c in head.children if c.dep_ == "prep" and (c.lower_ in {"such", "like", "including"} or (
            c.lower_ == "as" and any(g.lower_ == "such" for g in [*c.children, *c.lefts])))]
        if examples:  # "groups such as the Purple Saturdays Movement"
            return [e for c in examples for e in self.np_entities(c, types, deep=True)]
        poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}]
        if poss and head.pos_ == "NOUN" and head.lemma_.lower() in _CIVILIANS:
            return []  # "the village ... and its residents fled": a place's people, no party's
        if poss and head.pos_ == "NOUN":  # "its fighters": the group named before
            found = self.possessor(poss[0])
            return [e for e in found if types is None or self.type(e) in types]
        if head.lemma_.lower() in self.collective and head.pos_ == "NOUN":
            # "authorities in Pakistan", "agents from Pakistan and the United States", "Turkish police"
            found = [e for c in head.children if c.dep_ == "prep" and c.lower_ in {"in", "from", "of"}
                     for e in self.np_entities(c, types, deep=True)]
            found += [e for c in head.children if c.dep_ == "amod" for e in self.demonym_entities(c)
                      if types is None or self.type(e) in types]
            # "rebels led by Hayat Tahrir al-Sham", "fighters commanded by X"
            found += [e for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in {"lead", "command", "head"}
                      for by in c.children if by.dep_ == "agent" for e in self.np_entities(by, types, deep=True)]
            if found:
                return found
        if head.lower_ in {"who", "whom", "whose"} and any(t.text == ";" for t in head.sent):
            # "...; A, Kosovo's prime minister, who has accused Serbia ...; B, ...": in a list of
            # people the parser often hangs the clause on the wrong item; it is about its own item's name
            start = max([t.i + 1 for t in self.doc[head.sent.start:head.i] if t.text == ";"], default=head.sent.start)
            people = [m for m in self.mentions if start <= m.start and m.end <= head.i and self.type(m.id_) == "PERSON"]
            if people and (types is None or "PERSON" in types):
                return [people[0].id_]
        if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
            noun = head.head.head
            hung_on = self.entity_at(noun)
            office = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
            if head.lower_ in {"who", "whom"} and (hung_on is None or self.type(hung_on) != "PERSON") \
                    and office is not None and office.is_lower and office.dep_ == "appos":
                # "X, the governor of the Eastern Province, who visited ...", "X, a critic of the switch
                # who ...": "who" is the person the role the parser hung the clause past is apposed to
                # (not "X, a negotiator with the Taliban, who attacked ...": the Taliban did)
                person = self.entity_at(office.head)
                if person is not None and self.type(person) == "PERSON" and (types is None or "PERSON" in types):
                    return [person]
            return self.refers(noun, types)
        if head.lower_ == "both" and head.dep_ in {"nsubj", "nsubjpass"} and (types is None or "PERSON" in types):
            return self._both(head)
        start = head.left_edge.i
        if head.pos_ == "NOUN" and self.doc[start].lower_ in {"a", "an", "the"} and start >= 2 \
                and self.doc[start - 1].text == "," and head.dep_ not in {"nsubj", "nsubjpass", "conj"} \
                and not any(c.dep_ == "cc" for c in head.children):
            # "according to the SOHR, a Britain-based war monitor", "the enemy is X (XY), the movement
            # that ...": an apposition the parser attached elsewhere describes the name before its comma
            end = start - 1
            if self.doc[end - 1].text == ")" and end >= 3 and self.doc[end - 3].text == "(":
                end -= 3  # "the Southern Transitional Council (STC), the separatist movement"
            before = self.mention_of(self.doc[end - 1])
            if before is not None and before.end == end and before.sent == head.sent:
                return [e for e in [before.id_] if types is None or self.type(e) in types]
        if head.dep_ == "appos" and head.head != head:
            return self.np_entities(head.head, types)
        if head.dep_ in {"attr", "acomp"}:
            for c in head.head.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    return self.np_entities(c, types)
        if head.lower_ in PERSON_PRONOUNS | self.plural_people | self.group_nouns and (
                head.pos_ == "PRON" or any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in head.children)):
            # only definite phrases point back: "the members", "they"; "16 members of ..." is new
            found = self.antecedent(head)
            return [e for e in found if types is None or self.type(e) in types]
        if types is None or "PERSON" in types:
            titled = self.titled(head)
            if titled:
                return titled
        return self.described(head, types)

    def titled(self, head: Token) -> list[str]:
        """ "The vice president met ...", after "Vice President Jejomar Binay" or "X, the vice
        president,": a definite title stands for the one person named with just that title (if two
        were, for neither)."""
        if head.pos_ != "NOUN" or not head.is_lower or head.lower_ not in self.role_heads or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children) or any(
                c.dep_ in {"poss", "prep", "nummod"} for c in head.children):
            return []
        words = [c.lower_ for c in head.lefts if c.dep_ in {"compound", "amod"}] + [head.lower_]
        doc, n = head.doc, len(words)
        found: list[str] = []
        for m in [m for m in self.mentions if m.end <= head.i and self.type(m.id_) == "PERSON"]:
            before = doc[max(0, m.start - n):m.start]
            k = m.end + 1 if m.end < len(doc) and doc[m.end].text == "," else None
            after: list[str] = []
            while k is not None and k < len(doc) and doc[k].text not in {",", ".", ";"} and doc[k].pos_ != "ADP":
                after.append(doc[k].lower_)
                k += 1
            titled_before = [t.lower_ for t in before] == words and all(t.is_title for t in before)
            # "King Salman", later "the king": the title opens the name
            titled_before = titled_before or len(m) > n and [t.lower_ for t in m[:n]] == words \
                and all(t.is_title for t in m[:n])
            # ("X, the former vice president": no longer one)
            apposed = len(after) > n and after[-n:] == words and after[-n - 1] not in _NO_LONGER
            if (titled_before or apposed) and m.id_ not in found:
                found.append(m.id_)
        return found if len(found) == 1 else []  # (two presidents named: which one is not said)

    def _both(self, head: Token) -> list[str]:
        """ "A and B were detained. Both are senior members of X": the last two people named before,
        in the sentence or the one before it, when a word "and" joins them."""
        sent = head.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        people: list[Span] = []
        for m in reversed([m for m in self.mentions if start <= m.start and m.end <= head.i]):
            if self.type(m.id_) == "PERSON" and all(m.id_ != p.id_ for p in people):
                people.append(m)
            if len(people) == 2:
                break
        if len(people) < 2:
            return []
        first, second = people[1], people[0]
        between = self.doc[first.end:second.start]
        if not any(t.lower_ == "and" for t in between) or any(t.text in {".", ";"} for t in between):
            return []
        # (not "A and B said Kenya and Uganda would send troops. Both ...": a later pair is meant)
        later = [m for m in self.mentions if second.end <= m.start and m.end <= head.i]
        if any(a.end < b.start and all(t.lower_ in {"and", "the"} for t in self.doc[a.end:b.start])
               for a, b in zip(later, later[1:], strict=False)):
            return []
        return [first.id_, second.id_]

    def described(self, head: Token, types: set[str] | None = None) -> list[str]:
        """ "the defence ministry" after "the Ministry of Defence": a definite common noun whose head
        and modifiers are all words of an organisation named earlier stands for it (the latest such).
        A bare noun stands for an organisation only if it heads that one's name and no other named
        before ("who heads the army" after "the Nigerian Army")."""
        definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)
        if head.lower_ == "police" and not any(c.dep_ in {"det", "poss", "compound", "amod", "nummod", "prep"}
                                               for c in head.children):
            # "Police detained 15 people": bare, the word means the one police force the text names
            # (if it is named later, only the police of the country the text is about)
            found = self._only_named(head, types, anywhere=True)
            later = [e for e in found if all(m.start > head.i for m in self.mentions if m.id_ == e)]
            return [] if later and not set(self.state_of_police(later[0])) & set(self.main_state()) else found
        if head.pos_ not in {"NOUN", "PROPN"} or not head.is_lower or not definite:
            return []
        modifiers = {c.lower_ for c in head.children if c.dep_ in {"compound", "amod"}}
        if not modifiers:
            return self._only_named(head, types)
        for m in reversed([m for m in self.mentions if m.end <= head.i]):
            eid = m.id_
            if self.type(eid) != "ORG" or types is not None and "ORG" not in types:
                continue
            name = {w.lower() for w in re.findall(r"[\w']+", self.entities[eid].name)}
            if modifiers <= name and (head.lemma_.lower() in name or head.lower_ in name):
                return [eid]
        return []

    def _only_named(self, head: Token, types: set[str] | None = None, *, anywhere: bool = False) -> list[str]:
        """ "heads the army", "an official of the administration": a bare definite noun stands for
        the one organisation named before whose name (or alias) is headed by that word, if only one is."""
        if types is not None and "ORG" not in types or head.lemma_.lower() in self.group_nouns | _TOO_LOOSE:
            return []
        word = head.lemma_.lower()
        found = []
        for m in self.mentions:
            if m.end > head.i and not anywhere or self.type(m.id_) != "ORG" or m.id_ in found:
                continue
            ent = self.entities[m.id_]
            if word in _STATE_FORCES and (self.subtype(m.id_) != "government"
                                          or ent.kb_id is None and not self.state_of_force(m.id_)):
                continue  # "the army" is a state's, never the National Liberation Army's
            entry = self.registry.get(ent.kb_id) if ent.kb_id else None
            names = [ent.name, *ent.aliases, *(entry.names if entry is not None else [])]
            if any(word == _head_word(n) for n in names):
                found.append(m.id_)
        return found if len(found) == 1 else []

    def _unnamed_speaker(self, tok: Token) -> bool:
        """Whether ``tok`` is the subject of a clause reported by a speaker that is a common noun
        naming no entity: "the army said it had ..."."""
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.dep_ != "ccomp":
            return False
        subj = [c for c in tok.head.head.children if c.dep_ == "nsubj" and c.i < tok.i]
        return bool(subj) and subj[0].pos_ == "NOUN" and not self.np_entities(subj[0]) \
            and not self.members_owner(subj[0])

    def _clause_subject(self, tok: Token) -> list[str]:
        """The named group that is the subject of a clause governing ``tok``, named before it."""
        node = tok.head
        while node.head != node:
            if node.dep_ in {"ccomp", "xcomp", "conj", "advcl"}:
                node = node.head
                subj = [c for c in node.children if c.dep_ == "nsubj" and c.i < tok.i]
                found = [e for s in subj for e in self.np_entities(s, {"ORG"})]
                if not found and tok.lower_ in {"it", "they"}:
                    # "Its fighters ... say they captured him": whom the speakers' "its" stands for
                    found = [e for s in subj if s.i < tok.i for e in self.members_owner(s)]
                if found:
                    return found[:1]
            elif node.dep_ in {"nsubj", "dobj", "pobj", "prep", "poss", "nsubjpass", "compound", "amod"}:
                node = node.head
            elif node.dep_ == "relcl" and any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "that"}
                                              for c in node.children):
                # "Renamo, which fought the Frelimo government ... under its leader": the group the
                # relative clause is on
                owner = self.entity_at(node.head)
                if owner is not None and self.type(owner) == "ORG":
                    return [owner]
                break
            else:
                break
        # "JNIM said in a statement carried by its outlet": the group the sentence is about
        root = tok.sent.root
        subj = [c for c in root.children if c.dep_ == "nsubj" and c.i < tok.i]
        found = [e for s in subj for e in self.np_entities(s, {"ORG"})][:1]
        if found:
            return found
        # "In a video released through its media arm, az-Zallaqa, a JNIM spokesman said": a phrase
        # set before the subject speaks of what the subject stands for
        fronted = next((c for c in root.children if c.dep_ in {"prep", "advcl"} and c.left_edge.i <= tok.i
                        <= c.right_edge.i), None)
        subj = [c for c in root.children if c.dep_ == "nsubj" and c.i > tok.i]
        if fronted is not None and subj and fronted.i < subj[0].i:
            inside = {m.id_ for m in self.mentions if fronted.left_edge.i <= m.start <= fronted.right_edge.i}
            return [e for e in self.np_entities(subj[0], {"ORG"}) if self.subtype(e) != "media" and e not in inside][:1]
        return []

    def demonym_entities(self, tok: Token) -> list[str]:
        """The country entity of a demonym ("Turkish" -> Turkey), if the country is named in the text."""
        place = self.registry.demonyms().get(tok.lower_)
        if place is None:
            return []
        return [e.id for e in self.entities.values() if e.kb_id == place.id]

    def definite_place(self, tok: Token) -> list[str]:
        """ "the forest" after "the Sambisa Forest": a place named earlier by its last word."""
        if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return []
        # the model may read "into the forest days earlier" as one noun phrase headed by "days"
        words = {tok.lower_} | {c.lower_ for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
        for span in reversed(self.mentions):
            if span.end <= tok.i and len(span) > 1 and self.type(span.id_) == "PLACE" and (
                    span[-1].lower_ in words or span[0].lower_ in words & _LEADING_PLACE_WORDS):
                return [span.id_]  # "the forest" after "the Sambisa Forest", "the lake" after "Lake Chad"
        if "capital" in words:  # "the capital", "the Afghan capital": the capital city named last
            capitals = self.registry.capitals()
            # (not a capital that stands for its state: "Washington" said, then "the capital")
            named = [s for s in self.mentions if s.end <= tok.i and self.type(s.id_) == "PLACE"
                     and self.subtype(s.id_) != "country" and s.text.lower() in capitals]
            # a country's own capital where the text is about that country: "the Sherpur district of
            # the capital" is in Kabul in a piece on Afghanistan, though Doha was named since
            home = self.registry.capital_of(self.main_country())
            return [s.id_ for s in named if s.text.lower() == home][-1:] or [s.id_ for s in named][-1:]
        if words == {"area"}:  # "fighters in the area": the place below a country named last, nearby
            near = self._sentence_start_before(tok.sent.start, 1)
            for span in reversed(self.mentions):
                if near <= span.start and span.end <= tok.i and self.type(span.id_) == "PLACE" \
                        and self.subtype(span.id_) != "country":
                    return [span.id_]
            return []
        if words == {"city"} and not any(c.dep_ == "amod" for c in tok.children):
            # "flown reinforcements to the city": the city named last, nearby ("the Chinese city" is below)
            near = self._sentence_start_before(tok.sent.start, 2)
            for span in reversed(self.mentions):
                if near <= span.start and span.end <= tok.i and self.type(span.id_) == "PLACE" \
                        and self.subtype(span.id_) == "city":
                    return [span.id_]
            return []
        if words == {"state"}:  # "sent to the state": the state or province named last
            for span in reversed(self.mentions):
                if span.end <= tok.i and self.type(span.id_) == "PLACE" and self.subtype(span.id_) == "province":
                    return [span.id_]
            return []
        if words == {"region"}:  # "sent troops to the region": the region or province named last
            for span in reversed(self.mentions):
                if span.end <= tok.i and self.type(span.id_) == "PLACE" \
                        and self.subtype(span.id_) in {"region", "province"}:
                    return [span.id_]
            return []
        demonyms = self.registry.demonyms()
        nation = [demonyms[c.lower_] for c in tok.children if c.dep_ == "amod" and c.lower_ in demonyms]
        if words & {"city", "town"} and nation:  # "at talks in the Chinese city": the last one named there
            for span in reversed(self.mentions):
                ent = self.entities[span.id_]
                # a town the registry does not place (GeoNames places it later) may be the one
                if span.end <= tok.i and ent.type == "PLACE" and ent.subtype in {None, "city"} \
                        and (ent.geo or {}).get("country", nation[0].country) == nation[0].country:
                    return [span.id_]
            return []
        if words & {"city", "town"}:  # "in the city": the city or town named last
            for span in reversed(self.mentions):
                if span.end <= tok.i and self.type(span.id_) == "PLACE":
                    return [span.id_] if self.subtype(span.id_) == "city" else []
        return []

    def the_country(self, tok: Token) -> list[str]:
        """What "the country" at ``tok`` stands for: the last country named before it."""
        for span in reversed(self.mentions):
            if span.end <= tok.i and self.type(span.id_) == "PLACE" and self.subtype(span.id_) == "country":
                return [span.id_]
        return []

    def state_of_force(self, eid: str) -> list[str]:
        """The country, named in the text, whose armed forces ``eid`` are ("Chad's army", the
        registry's Pakistan Army): a force acts for its state. Worked out once per entity."""
        if eid not in self._states_of_forces:
            self._states_of_forces[eid] = self._state_of_force(eid)
        return self._states_of_forces[eid]

    def is_force(self, eid: str) -> bool:
        """A state body named as an armed force ("the Armed Forces of the Philippines", "Chad's army")."""
        ent = self.entities[eid]
        if ent.type != "ORG" or ent.subtype != "government":
            return False
        actor = self.registry.actors.get(ent.kb_id or "")
        # (the registry's "Tatmadaw" is a force by its other names: "Myanmar Armed Forces")
        names = [ent.name, *(actor.names if actor is not None else ())]
        return any(set(re.findall(r"[\w]+", n.lower())) & _FORCE_WORDS for n in names)

    def state_of_police(self, eid: str) -> list[str]:
        """The country whose police ``eid`` is, where a name it goes by in the text says so ("Turkish
        police", "Kenyan police" for the registry's Kenya National Police Service)."""
        ent = self.entities[eid]
        if ent.type != "ORG" or ent.subtype != "government" or not any(
                "police" in n.lower().split() for n in (ent.name, *ent.aliases)):
            return []
        key = "police:" + eid
        if key not in self._states_of_forces:
            self._states_of_forces[key] = self._state_of_force(eid, police=True)
        return self._states_of_forces[key]

    def _state_of_force(self, eid: str, police: bool = False) -> list[str]:
        """The country a force (or, with ``police``, a police) acts for: the registry's, or the one
        its name opens or ends with."""
        ent = self.entities[eid]
        words = re.findall(r"[\w]+", ent.name.lower())
        if not police and not self.is_force(eid):
            return []
        actor = self.registry.actors.get(ent.kb_id or "")
        iso = actor.country if actor is not None else None
        if iso is None:  # "the South Sudanese army", "Chad's army": the country the name opens with
            demonyms = self.registry.demonyms()
            opening = [" ".join(words[:n]) for n in (3, 2, 1) if len(words) > n]
            place = next((demonyms[w] for w in opening if w in demonyms), None)
            # "Chad's army", and "the Armed Forces of the Philippines": the country named at either end
            named = [e for e in self.entities.values() if e.subtype == "country" and any(
                ent.name.lower().startswith(n.lower() + "'s") or ent.name.lower().endswith(
                    (" of " + n.lower(), " of the " + n.lower())) for n in (e.name, *e.aliases))]
            if place is None and named:
                return [max(named, key=lambda e: len(e.name)).id]
            iso = place.country if place is not None else None
        return [e.id for e in self.entities.values()
                if iso and e.subtype == "country" and e.geo and e.geo.get("country") == iso][:1]

    def forces_of(self, state: list[str]) -> list[str]:
        """The named armed forces of ``state`` (a one-entity list, as main_state gives)."""
        return [e for e in self.entities if state and self.state_of_force(e) == state]

    def main_state(self) -> list[str]:
        """The entity of the country the text names most often, if one leads."""
        iso = self.main_country()
        return [e.id for e in self.entities.values() if iso and e.subtype == "country" and e.geo
                and e.geo.get("country") == iso][:1]

    def main_country(self) -> str | None:
        """ISO code of the country the text names most often, if one leads (worked out once)."""
        if self._main_country is None:
            self._main_country = self._leading_country() or ""
        return self._main_country or None

    def _leading_country(self) -> str | None:
        counts: Counter[str] = Counter()
        for span in self.mentions:
            ent = self.entities.get(span.id_)
            if ent is not None and ent.subtype == "country" and ent.geo:
                counts[str(ent.geo.get("country") or "")] += 1
        named = {e.kb_id for e in self.entities.values() if e.subtype == "country"}
        demonyms = self.registry.demonyms()
        for tok in self.doc:  # "Few Nigerians had heard ...": a people speaks of its country too
            place = demonyms.get(tok.lower_) or demonyms.get(tok.lower_.removesuffix("s"))
            if place is not None and place.id in named and place.country:
                counts[place.country] += 1
        top = counts.most_common(2)
        if not top or len(top) > 1 and top[0][1] == top[1][1]:
            return None
        return top[0][0] or None

    def members_owner(self, noun: Token) -> list[str]:
        """The armed group that "its fighters", "its members" belong to, where the text leaves no
        doubt: "its" (not "their", which may be anyone's), a word for a group's men, a group as its
        owner, and no unnamed force ("the army", "troops") as the subject of the sentence before,
        which "its" could stand for as well."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None or poss.lower_ != "its" or noun.lower_ not in self.group_members \
                or self.after_unnamed_force(noun):
            return []
        return [e for e in self.possessor(poss) if self.subtype(e) == "armed_group"][:1]

    def after_unnamed_force(self, tok: Token) -> bool:
        """The sentence before ``tok``'s has an unnamed force as its subject ("The army fought JNIM
        ..."), which a later "its" may stand for as well as the group named."""
        if tok.sent.start <= 0:
            return False
        prev = self.doc[tok.sent.start - 1].sent
        return any(t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.pos_ == "NOUN" and self.entity_at(t) is None
                   and t.lemma_.lower() in {"army", "military", "troop", "soldier", "police", "force", "government"}
                   for t in prev)

    def possessor(self, tok: Token) -> list[str]:
        """What "its" or "their" at ``tok`` stands for: the subject of a clause it stands in ("JNIM
        claimed that its fighters ..."), else the last group named before it."""
        speaker = self._clause_subject(tok)
        if speaker:
            return speaker
        # "Russia flew in jets ... drawn from its base": a state that the sentence is about owns it,
        # not the last group named before
        root = tok.sent.root
        state = [e for c in root.children if c.dep_ == "nsubj" and c.i < tok.i
                 for e in self.np_entities(c, {"PLACE"}) if self.subtype(e) == "country"]
        if state:
            return state[:1]
        prior = [s for s in self.mentions if s.end <= tok.i and self.type(s.id_) == "ORG"
                 and self.subtype(s.id_) != "media"]
        if not prior or prior[-1].start < tok.sent.start:
            # "A, the group's leader; B, its military spokesman": what the sentence's "the group" was
            told = self._told_group(tok)
            if told:
                return told
        if prior and prior[-1].start < tok.sent.start:
            # "JNIM, al-Qaeda's affiliate, announced ... Since then its fighters have ...": a group
            # the sentence before was about, before one it named in passing
            before = [s for s in prior if s.start >= self._sentence_start_before(tok.sent.start, 1)
                      and s.root.dep_ in {"nsubj", "nsubjpass"}]
            if before:
                return [before[-1].id_]
        if tok.head.lemma_.lower() in self.collective and tok.sent.start > 0:
            # "Israel did not wait ... On July 7 its jets struck": the state the sentence before was about
            prev = self.doc[tok.sent.start - 1].sent
            state = [e for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
                     for e in self.np_entities(t, {"PLACE"}) if self.subtype(e) == "country"]
            if state:
                return state[:1]
        return [prior[-1].id_] if prior else []


# people who belong to a place, never to the party a possessive before them names
_CIVILIANS = {"resident", "villager", "inhabitant", "civilian", "population", "people", "family", "citizen"}


# words for an armed group, which name no agency or alliance ("the group" is never a state's army)
_MILITANT_WORDS = {"group", "movement", "network", "faction", "militia", "insurgency", "outfit", "branch", "affiliate"}
# plural words for the armed men a state or a group sends
_TROOPS = {"troop", "soldier", "force", "fighter", "officer", "personnel", "commando", "paratrooper", "marine"}


def _naming(acl: Token) -> bool:
    """Whether a clause on a noun gives its name: "calling itself X", "known as X", "named X"."""
    lemma = acl.lemma_.lower()
    if lemma in {"call", "name", "style"} and acl.tag_ in {"VBG", "VBN"}:
        return acl.tag_ == "VBN" or any(c.dep_ == "dobj" and c.lower_ in {"itself", "themselves"} for c in acl.children)
    return lemma == "know" and acl.tag_ == "VBN" and any(c.dep_ == "prep" and c.lower_ == "as" for c in acl.children)


def _head_word(name: str) -> str:
    """ "Autonomous Administration of North and East Syria" -> "administration"; "Lebanese Army" -> "army"."""
    words = re.findall(r"[\w']+", name.lower())
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]
    return words[-1] if words else ""


def _end_words(name: str) -> set[str]:
    """The first and last words of a name: those that say what kind of body it is ("Coalition of
    Patriots for Change", "the Amal Movement"; not "Alliance" in "... Democratic Alliance Army")."""
    words = re.findall(r"[\w']+", name.lower())
    return {words[0], words[-1]} if words else set()
