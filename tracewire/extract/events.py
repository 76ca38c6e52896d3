"""Events: who did what to whom, where and when, with a CAMEO code.

Registered as ``tracewire_events_v1``; runs after relations. Triggers are verbs and nouns from
``kb/events.yaml``, each with its event type and CAMEO code. For a verb, the actors are its
subject (or the agent of a passive, or the subject it shares with the verb it is coordinated
with); for a noun, its possessor, compounds and "by" phrase, or the subject of the light verb
that governs it ("carried out an attack"). "They", "the members" and "the group" are resolved
to the named people or group they stand for. Locations are the places in the trigger's own
prepositional phrases ("to the Takhar, Faryab and Jowzjan provinces" gives all three);
times are dates in the trigger's clause, resolved against the publication date.

Coordinated triggers of one type ("mobilized ... and then transferred ...") make one event, and
a definite mention of an event already reported ("the mobilization") adds evidence to it rather
than a new event. An event needs at least one named participant.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import dateparser
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tracewire.extract.attribution import Source, Stance, clause_tokens, reported_clauses
from tracewire.extract.context import BEARINGS, PERSON_PRONOUNS, RELATIVE, DocIndex
from tracewire.extract.entities import KIN_WORDS, MENTION_KEY
from tracewire.extract.paragraphs import headline_span_end
from tracewire.kb import Registry, load_registry
from tracewire.model import Event, Relation
from tracewire.model import Span as Evidence

if not Doc.has_extension("tw_events"):
    Doc.set_extension("tw_events", default=None)
if not Doc.has_extension("tw_published"):
    Doc.set_extension("tw_published", default=None)

ACTOR_TYPES = {"PERSON", "ORG", "PLACE"}
# verbs whose object noun names the act their subject performs: "read a statement", "issued a warning"
_LIGHT_VERBS = {"read", "issue", "release", "publish", "deliver", "make", "give", "hold", "sign", "reach",
                "conclude", "post", "broadcast", "send", "stage", "launch", "carry", "mount"}
# those who speak for a body ("a spokesman for the Taliban")
_SPEAKS_FOR = {"spokesman", "spokeswoman", "spokesperson", "official", "representative", "negotiator"}
# parts of a body that a spokesman may speak for in its name ("the general staff of X")
_BODY_PARTS = {"staff", "command", "office", "headquarters", "leadership", "secretariat", "directorate", "bureau"}
# posts one is fired from, not weapons one fires ("fired his vice-president", "fired his rifle")
_POSTS = {"deputy", "minister", "chief", "aide", "vice-president", "president", "commander", "general", "official",
          "spokesman", "spokeswoman", "head", "director", "governor", "premier", "adviser", "advisor", "secretary",
          "cabinet", "ambassador", "envoy", "coach", "manager", "prosecutor", "judge"}
# verbs of meaning to act, whose object event has not happened ("had planned attacks")
_INTENDS = {"plan", "plot", "prepare", "intend", "contemplate", "consider", "rehearse"}
# light verbs whose passive agent did the act ("was carried out by X", "were held by X")
_DONE_BY = {"carry", "conduct", "launch", "stage", "mount", "perpetrate", "commit", "orchestrate", "plan", "lead",
            "organise", "organize", "hold", "sign", "broker", "seal", "chair", "convene", "reach"}
_LOCATION_PREPS = {"in", "at", "to", "into", "near", "inside", "outside", "across", "toward", "towards",
                   "around", "within", "on", "through", "throughout", "from", "off"}
_PARTY_PREPS = {"with", "against", "between", "alongside", "among"}
_WITH_PREPS = {"with", "against", "between", "alongside", "among", "to"}
_ORGANISE = {"organise", "organize", "lead", "stage", "call", "mount", "launch", "carry", "orchestrate"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}
_SELF_REFERENCE = {"it", "its", "they", "their", "them", "we", "our", "us", "he", "his", "she", "her", "i", "my"}
# two coordinated triggers of one speaker or traveller that tell one happening, and the type it is:
# "accused the activists of ... and warned that ... would not be tolerated" is one utterance, a
# threat for what it threatens; "flew to Peshawar and visited the wounded": the journey is part of
# the visit
ONE_HAPPENING = {frozenset({"STATEMENT", "THREAT"}): "THREAT", frozenset({"MOVEMENT", "MEETING"}): "MEETING"}
_SUBORDINATORS = {"after", "before", "as", "since", "until", "till", "when", "while", "because", "once"}
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_HINT = re.compile(r"(?i)\b(19|20)\d\d\b|" + _MONTHS + r"|monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday|yesterday|today|last (week|month|year)")


@dataclass(slots=True)
class _Draft:
    type: str
    cameo: str
    trigger: Token
    actors: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    time: str | None = None
    tokens: list[Token] = field(default_factory=list)
    orphan: bool = False  # a passive act with no agent, kept only if the act before it lends one
    denied: bool = False  # what a denial denies ("denied meeting X"): kept for the claims it contradicts


_DEVICES = {"bomb", "explosive", "device", "ied", "blast", "explosion", "missile", "rocket", "drone", "shell", "mortar",
            "grenade", "mine", "car", "vehicle"}
_FEARS = {"fear", "worry", "hope", "expect", "suspect", "doubt"}
_UNNAMED_SPEAKERS = {"official", "source", "diplomat", "resident", "witness", "officer", "commander", "analyst",
                     "aide", "person", "people", "insider", "villager", "survivor", "elder"}
_RAISING_REPORTS = {"say", "believe", "report", "think", "understand", "know", "suspect", "allege", "rumour", "rumor"}
_MEDIA_NOUNS = {"post", "statement", "message", "video", "communique", "audio", "recording", "leaflet", "letter",
               "note", "posting", "tweet", "broadcast", "announcement"}
_DENIALS = {"deny", "reject", "refute", "dismiss"}
# unnamed organs of a state that act for it ("the army said", "the cabinet instructed")
_STATE_ORGANS = {"army", "military", "government", "cabinet", "ministry", "presidency", "junta", "authority",
                 "force", "police", "navy", "gendarmerie"}
_TAKE_PLACE = {"take", "happen", "occur", "unfold"}  # "the massacre took place in Fambita"
_NOT_OWN = {"foreign", "unidentified", "unknown", "enemy", "rival", "rebel"}  # no arms of the home state
# words that may qualify "troops" or "soldiers" of the home state ("federal troops", "government soldiers")
_HOME_FORCES = {"federal", "government", "military", "army", "national", "state", "regular", "more", "additional"}
# arms of a state that a word like "military" before them gives to the state ("military jets")
_STATE_ARMS = {"jet", "aircraft", "warplane", "plane", "helicopter", "drone", "troop", "soldier", "unit", "force"}
_TIED = {"linked", "backed", "allied", "affiliated", "aligned", "inspired", "supported", "funded", "sponsored"}
_PRESS = {"reporter", "journalist", "press", "correspondent", "newsman", "media"}
_GO_ON = {"continue", "resume", "intensify", "escalate", "expand", "go"}
_DEADLINES = {"hour", "day", "week", "deadline", "ultimatum"}
# nouns for ground that a force takes ("took the headquarters", "seized control of the town")
_GROUND_NOUNS = {"headquarters", "base", "town", "city", "village", "control", "district", "airport", "camp",
                 "garrison", "post", "outpost", "position", "territory", "capital", "area", "province", "region",
                 "crossing", "checkpoint", "township", "barracks"}


# bodies that sit as one ("the cabinet met"): their sitting is no meeting between parties
_SITTING_BODIES = {"cabinet", "council", "parliament", "committee", "board", "assembly", "leadership", "senate",
                   "congress", "politburo", "shura", "presidium", "legislature"}
# nouns a place's possessive may own and still be the place ("Nigeria's Borno state", "Kenya's coast")
_OWNED_PLACES = {"state", "province", "region", "district", "city", "town", "village", "capital", "border", "coast",
                 "frontier", "territory", "soil", "area", "neighbourhood", "neighborhood", "suburb", "outskirts",
                 "countryside", "waters", "airspace", "island", "enclave", "port", "heartland", *BEARINGS}


def _add(target: list[str], items: Iterable[str]) -> None:
    for item in items:
        if item not in target:
            target.append(item)


def _absorb(into: _Draft, other: _Draft, *, front: bool = False) -> None:
    _add(into.actors, other.actors)
    _add(into.participants, [p for p in other.participants if p not in into.actors])
    _add(into.locations, other.locations)
    if into.time is None:
        into.time = other.time
    if front:
        into.tokens.insert(0, other.trigger)
    else:
        into.tokens.append(other.trigger)


def _demonyms(index: DocIndex, head: Token) -> list[str]:
    """ "American aircraft", "a Pakistani drone strike": the country behind an unnamed actor."""
    return [e for c in head.subtree if c.dep_ in {"amod", "compound", "nmod"} and c.i < head.i
            for e in index.demonym_entities(c)]


def _stranded_conjunct_subject(verb: Token) -> list[Token]:
    """ "... had arrived in Bamako, and the UN secretary-general, X, condemned the massacre": the parser
    may hang the second clause's subject on the first verb and leave the conjoined verb with none;
    a named phrase between the "and" and the verb, with no verb of its own, is its subject."""
    cc = next((c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i), None)
    if cc is None or cc.i + 1 >= verb.i:
        return []
    between = verb.doc[cc.i + 1:verb.i]
    if any(t.pos_ in {"VERB", "AUX", "ADP"} for t in between) or not any(
            t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for t in between):
        return []  # (not "withdrew and, in Mali, attacked": a place phrase, no subject)
    # the name in apposition to a title ("the UN secretary-general, X"), else the phrase itself
    named = [t for t in between if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
    roots = [t for t in between if not (between.start <= t.head.i < between.end) and not t.is_punct]
    return named or [t for t in roots if t.pos_ in {"NOUN", "PROPN"}]


def _comes_under_fire(tok: Token) -> bool:
    """ "came under fire west of Hodeidah", "came under attack": the subject was attacked."""
    return tok.lemma_.lower() == "come" and any(
        c.dep_ == "prep" and c.lower_ == "under" and any(t.lemma_.lower() in _UNDER_FIRE for t in c.subtree)
        for c in tok.children)


_UNDER_FIRE = {"fire", "attack", "bombardment", "shelling", "assault", "gunfire"}


# a noun that completes a verb as a predicate ("held X hostage", "held them captive")
_PREDICATIVE_NOUNS = {"hostage", "captive"}


def _dateline(doc: Doc, start: int) -> frozenset[int]:
    """Tokens of the lines that open the body before its first sentence: a dateline ("DUBAI, Jan 5,
    2024 -", "Ouagadougou | Friday, August 30, 2024"), a byline ("By our Sahel correspondent"), a
    label ("Analysis | April 27, 2025"). They say where the reporter files from, not where anything
    happened."""
    out: set[int] = set()
    i = start
    while i < len(doc) and doc[i].is_space:
        i += 1
    for _ in range(4):  # a few short lines at most
        if i >= len(doc):
            break
        line_end = i
        while line_end < len(doc) and "\n" not in doc[line_end].text and line_end - i < 16:
            line_end += 1
        words = doc[i:line_end]
        dated = any(t.ent_type_ == "DATE" for t in words)
        if line_end < len(doc) and "\n" in doc[line_end].text and (
                dated or words and words[0].lower_ == "by") and not any(t.pos_ == "VERB" for t in words):
            out.update(range(i, line_end))
            i = line_end + 1
            while i < len(doc) and doc[i].is_space:
                i += 1
            continue
        dash = next((t.i for t in doc[i:min(len(doc), i + 14)] if t.text in {"-", "—", "–"} and t.whitespace_
                     and doc[t.i - 1].whitespace_), None)
        if dash is not None and any(t.ent_type_ == "DATE" or t.is_upper and len(t) > 2 for t in doc[i:dash]) \
                and not any(t.pos_ == "VERB" for t in doc[i:dash]):
            out.update(range(i, dash + 1))  # "DUBAI, Jan 5, 2024 - The Islamic State ..."
        break
    return frozenset(out)


class EventExtractor:
    def __init__(self, nlp: Language, name: str = "tracewire_events", *, registry: Registry | None = None):
        self.name = name
        spec = (registry or load_registry()).events
        self.verbs: dict[str, tuple[str, str]] = {}
        self.phrasal: dict[str, dict[str, tuple[str, str]]] = {}
        self.nouns: dict[str, tuple[str, str]] = {}
        for etype, entry in (spec.get("types") or {}).items():
            for lemma, code in (entry.get("verbs") or {}).items():
                head, _, rest = str(lemma).lower().partition(" ")
                if rest:
                    self.phrasal.setdefault(head, {})[rest] = (etype, str(code))
                else:
                    self.verbs.setdefault(head, (etype, str(code)))
            for lemma, code in (entry.get("nouns") or {}).items():
                self.nouns.setdefault(str(lemma).lower(), (etype, str(code)))
        # past forms of irregular verbs, for a verb the model tagged as something else ("struck" read
        # as an auxiliary keeps "struck" as its lemma)
        self.verb_forms: dict[str, str] = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            exc = lookups.get_table("lemma_exc").get("verb", {}) if lookups is not None \
                and lookups.has_table("lemma_exc") else {}
            self.verb_forms = {form: lemmas[0] for form, lemmas in exc.items() if lemmas and lemmas[0] in self.verbs}
        self.speech = {str(w).lower() for w in spec.get("speech_verbs") or []}
        for phrase, (etype, code) in (spec.get("phrasal") or {}).items():
            head, _, rest = str(phrase).lower().partition(" ")
            self.phrasal.setdefault(head, {})[rest] = (str(etype), str(code))

        def words(key: str) -> set[str]:
            return {str(w).lower() for w in spec.get(key) or []}

        self.light = words("light_verbs")
        self.agents = words("agent_nouns")
        self.followers = words("follower_nouns")
        self.members = words("member_nouns")
        self.hypothetical = words("hypothetical_frames")
        self.organisers = words("organiser_nouns")
        self.leads: dict[str, list[str]] = {}  # person -> organisations led, per document
        self.leave = words("leave_verbs")
        self.take_ground = words("take_ground_verbs")
        self.retaliate = words("retaliation_verbs")
        self.retaliation_nouns = words("retaliation_nouns")
        self.movers = words("movers")
        # verbs of charging or condemning someone (CAMEO 012), a statement even as a participle of
        # another act ("suspended the talks, accusing the group of war crimes")
        self.charges = {lemma for lemma, (_, cameo) in self.verbs.items() if cameo == "012"}
        self.answers = self.retaliate | self.retaliation_nouns
        self.realis_heads = words("realis_heads")
        self.speaking_bodies = words("speaking_bodies")
        self.attack_codes: list[tuple[str, list[str]]] = [
            (str(r["code"]), [str(w).lower() for w in r["words"]]) for r in spec.get("attack_codes") or []]
        mass = spec.get("mass_killing") or {}
        self.mass_code = str(mass.get("code") or "200")
        self.mass_min = int(mass.get("min_dead") or 0)
        self.mass_verbs = {str(w).lower() for w in mass.get("verbs") or []}
        self.mass_victims = {str(w).lower() for w in mass.get("victims") or []}
        self.count_words = {str(k).lower(): int(v) for k, v in (mass.get("counts") or {}).items()}
        self.needs_actor = {str(w).lower() for w in spec.get("needs_named_actor") or []}
        self.needs_counterpart = {str(w).lower() for w in spec.get("needs_counterpart") or []}

    # -- triggers -------------------------------------------------------------------------------

    def trigger(self, tok: Token) -> tuple[str, str] | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} or tok.tag_ in {"VBN", "VBG", "VBD"}:
            if _comes_under_fire(tok):
                return "ATTACK", "190"
            if lemma == "seal" and any(c.dep_ == "prt" for c in tok.children):
                return None  # "sealed off the roads": no deal
            for rest, hit in self.phrasal.get(lemma, {}).items():
                words = rest.split()
                around = {c.lemma_.lower() for c in tok.children} | {c.lower_ for c in tok.children}
                if words[-1] not in _PREDICATIVE_NOUNS and all(w in around for w in words):
                    return hit
                # "held X hostage", "was held hostage by X" (not "was taken hostage" by no one named)
                if words[-1] in _PREDICATIVE_NOUNS and tok.dep_ != "acl" and self._held_as(tok, words[-1]):
                    return hit
                if len(words) == 2 and any(c.dep_ == "prep" and c.lower_ == words[0] and any(
                        o.dep_ == "pobj" and o.lemma_.lower() == words[1] for o in c.children) for c in tok.children):
                    return hit  # "taken into custody": the preposition and its object
            return self.verbs.get(lemma)
        if tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ in {"", "EVENT", "DATE"} \
                and not (tok.pos_ == "PROPN" and tok.is_title and not tok.is_sent_start):
            # "the Indus Waters Treaty", "Operation Deadly Strike": a word inside a name is no event
            compound = " ".join(c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound")
            if compound and f"{compound} {lemma}" in self.nouns:
                return self.nouns[f"{compound} {lemma}"]
            for of in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                # "exchanges of fire", "claim of responsibility": a noun named with its "of" phrase
                named = next((self.nouns[f"{lemma} of {o.lemma_.lower()}"] for o in of.children
                              if o.dep_ == "pobj" and f"{lemma} of {o.lemma_.lower()}" in self.nouns), None)
                if named is not None:
                    return named
            if tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_ \
                    and not tok.doc[tok.i - 2].whitespace_:
                # "sit-ins": the tokenizer splits the hyphenated word
                joined = f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}"
                named = self.nouns.get(joined) or self.nouns.get(joined.removesuffix("s"))
                if named is not None:
                    return named
            return self.nouns.get(lemma) or self.nouns.get(tok.lower_)
        return None

    @staticmethod
    def _held_as(verb: Token, noun: str) -> bool:
        """ "held two priests hostage", "was held hostage by X", "took the governor hostage": the noun
        completes the verb, after its object (the parse may hang it anywhere in the object's phrase)
        or as its own dependent; not a noun's modifier ("met hostage families", "took questions on
        hostage talks"), nor a captive named with an article ("took the hostage to a camp")."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        passive = any(c.dep_ == "agent" for c in verb.children)
        for t in verb.subtree:
            if t.lower_ != noun or t.i <= verb.i or t.dep_ in {"compound", "amod", "nmod"}:
                continue
            if any(c.dep_ == "det" for c in t.children) and not any(c.dep_ == "compound" for c in t.children):
                continue  # "took the hostage to a camp": a captive, no taking
            if any(o.left_edge.i <= t.i <= o.right_edge.i for o in objects):
                return True  # "holding the prime minister and several ministers hostage"
            if t.head == verb and (objects or passive or any(c.dep_ == "compound" for c in t.children)):
                return True  # "held [two priests] hostage", "was held hostage by ISIS"
        return False

    # -- arguments ------------------------------------------------------------------------------

    def _subject(self, tok: Token) -> list[Token]:
        node = tok
        prev_dep = ""
        for step in range(3):
            subj = [c for c in node.children if c.dep_ in {"nsubj", "csubj"}]
            if not subj:  # "Serbia had massed troops": the parser may hang the subject on the auxiliary
                subj = [c for a in node.children if a.dep_ == "aux" and a.i < node.i
                        for c in a.children if c.dep_ == "nsubj"]
            if not subj and step and prev_dep == "xcomp" and node.lemma_.lower() in _RAISING_REPORTS:
                subj = [c for c in node.children if c.dep_ == "nsubjpass"]  # "X were said to be heading"
            if not subj and step == 0:
                # "On May 17 villagers in the Rushan district blocked ...": the parser may read the
                # subject as the object of the date phrase that opens the sentence
                subj = [o for p in node.children if p.dep_ == "prep" and p.i < node.i
                        for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN" and not o.ent_type_
                        and o.right_edge.i + 1 == node.i and any(t.ent_type_ == "DATE" for t in p.subtree)]
            if subj:
                return subj
            if node.dep_ == "conj" and (stranded := _stranded_conjunct_subject(node)):
                return stranded
            prev_dep = node.dep_
            if node.dep_ in {"advcl", "conj"} and node.head != node:
                # "spent years in custody after agents from X captured him": the parser may read
                # "after agents" as a phrase and the verb as hanging on the main clause; the noun
                # that ends right before the verb's clause is its subject, not the main clause's
                left = node.left_edge.i
                subj = [o for p in node.head.children if p.dep_ == "prep" and p.lower_ in _SUBORDINATORS
                        and p.i < left for o in p.children if o.dep_ == "pobj" and o.right_edge.i + 1 == left]
                if subj:
                    return subj
            if node.dep_ == "pcomp" and node.head.lower_ == "by" and node.head.head.pos_ == "VERB" \
                    and (self.trigger(tok) or ("",))[0] in {"STATEMENT", "THREAT"}:
                node = node.head.head  # "responded by accusing X of ...": the one who responded accuses
                continue
            if node.dep_ == "pcomp" and node.tag_ == "VBG" and node.head.lower_ in _SUBORDINATORS | {"without"} \
                    and (self.trigger(tok) or ("",))[0] in {"ATTACK", "ARREST"}:
                # "were holding him hostage, a day after storming the building": the one who holds
                # stormed; the parser may hang "after" on "a day"
                verb = node.head.head
                if verb.dep_ == "npadvmod" and verb.pos_ == "NOUN":
                    verb = verb.head
                if verb.pos_ in {"VERB", "AUX"} and verb != node:
                    node = verb
                    continue
            if (node.dep_ in {"conj", "xcomp", "advcl"} or node.dep_ == "dep" and node.head.pos_ == "VERB") \
                    and node.head != node:
                node = node.head  # ("appeared to accept the deployment, then said ...": "dep" for a conjunct)
                continue
            if node.dep_ == "ccomp" and step == 1 and tok.dep_ == "conj" \
                    and (self.trigger(tok) or ("",))[0] in {"STATEMENT", "THREAT"}:
                # "told reporters that the attack was planned abroad and vowed that ...": the parser
                # may join the second saying to the clause of the first; the speaker says both
                node = node.head
                continue
            break
        if node.dep_ == "ROOT" and (self.trigger(tok) or ("",))[0] in {"STATEMENT", "THREAT"}:
            return self._stranded_subject(node)
        return _apposed_subject(node)

    @staticmethod
    def _stranded_subject(verb: Token) -> list[Token]:
        """ "In a video speech on Wednesday, the RSF's leader, X, acknowledged that ...": the parser
        may hang the speaker on the opening phrase and leave the verb with no subject; the name
        right before the verb, with no finite verb between, is its subject."""
        doc = verb.doc
        # "X, arriving at a summit in Brussels, said ...": the parser may give the name to the participle
        lead = [s for c in verb.children if c.dep_ == "advcl" and c.i < verb.i and c.tag_ in {"VBG", "VBN"}
                for s in c.children if s.dep_ == "nsubj" and s.pos_ == "PROPN" and s.i < c.i]
        if lead:
            return lead
        for i in range(verb.i - 1, verb.sent.start - 1, -1):
            t = doc[i]
            if t.tag_ in {"VBD", "VBZ", "VBP", "MD"} or t.lower_ in {"that", "which", "who"}:
                return []
            if t.pos_ == "PROPN" and t.dep_ == "appos" and t.head.pos_ in {"NOUN", "PROPN"} \
                    and (i + 1 >= len(doc) or doc[i + 1].pos_ != "PROPN"):
                return [t]
        return []

    def _locations(self, index: DocIndex, tok: Token, etype: str) -> list[str]:
        out: list[str] = []
        preps = [*tok.children, *(g for c in tok.children if c.dep_ in {"prt", "advmod"} or (
            c.dep_ == "prep" and c.lower_ in {"out", "away", "back"}) for g in c.children)]  # "pulling out of Mali"
        # "attacked posts along the frontier, including in the Kurram and Bajaur districts"
        preps += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"including", "especially", "mainly",
                                                                                 "notably", "particularly"}
                  for g in c.children if g.dep_ == "prep"]
        preps += [g for c in preps if c.dep_ == "prep" for g in c.children if g.dep_ == "conj" and g.pos_ == "ADP"]
        if etype in {"STATEMENT", "THREAT"}:
            # "Speaking at the funeral at the Church of the Holy Cross, he told mourners": where he spoke
            preps += [g for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                      and c.lemma_.lower() in {"speak", "address", "talk"} for g in c.children if g.dep_ == "prep"]
        # "came under fire west of Hodeidah", "was approached 50 miles southwest of Hodeidah"
        preps += [g for c in tok.children if c.dep_ in {"prep", "advmod", "npadvmod"} for g in c.subtree
                  if g.dep_ == "prep" and g.lower_ == "of" and g.head.lower_ in BEARINGS]
        for prep in preps:
            # a movement's place is where it goes, or the place it leaves ("pulling out of Mali")
            origin = etype == "MOVEMENT" and prep.lower_ == "from" and tok.lemma_.lower() not in self.leave
            # ("eight people from Central Asia had been detained": where the ones acted on come from)
            origin = origin or prep.lower_ == "from" and tok.pos_ == "NOUN" and tok.dep_ in {"nsubjpass", "dobj"} \
                and self.kind(tok) is None
            left = etype == "MOVEMENT" and prep.lower_ == "of" and tok.lemma_.lower() in self.leave
            left = left or prep.lower_ == "of" and prep.head.lower_ in BEARINGS
            if (prep.dep_ == "prep" or prep.dep_ == "conj" and prep.pos_ == "ADP" or prep.dep_ == "dative"
                    and prep.lower_ == "to") and (prep.lower_ in _LOCATION_PREPS or left) and not origin:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and self.kind(obj) is not None and obj.pos_ == "NOUN" \
                            and etype not in {"STATEMENT", "THREAT"}:
                        # "killed in a US strike": the strike's country acted, it is no place (but
                        # "speaking at a news conference at the palace" was said there)
                        continue
                    if obj.dep_ == "pobj":
                        # "in a residential district of the capital": the place the phrase narrows
                        # "in the southeastern Iranian city of Kerman": the place the phrase names
                        # "in a damaged building in the Tal al-Sultan neighbourhood of Rafah": where it stands
                        _add(out, _phrase_places(index, obj))
                        for app in obj.children:
                            if app.dep_ == "appos":
                                _add(out, index.np_entities(app, {"PLACE"}))
            elif prep.dep_ in {"npadvmod", "advmod"} and index.entity_at(prep):
                _add(out, index.np_entities(prep, {"PLACE"}))
            elif prep.dep_ == "prep" and prep.lower_ in {"during", "on"} and etype != "MOVEMENT":
                # "made the threat during a visit to the Lac province": where the visit took them
                for visit in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in {"visit", "trip",
                                                                                                       "tour"}):
                    _add(out, [e for p in visit.children if p.dep_ == "prep" and p.lower_ in {"to", "in"}
                               for o in p.children if o.dep_ == "pobj" for e in _phrase_places(index, o)])
        if not out and etype in {"STATEMENT", "THREAT"}:
            _add(out, [e for p in _spoken_at(tok) for o in p.children if o.dep_ == "pobj"
                       for e in _phrase_places(index, o)])
        if not out and tok.dep_ == "relcl" and any(c.lower_ == "where" and c.dep_ == "advmod" for c in tok.children):
            # "landed at an airfield near El Paso, where both men were arrested": where the noun is
            _add(out, _phrase_places(index, tok.head) or [
                e for p in tok.head.children if p.dep_ == "prep" and p.lower_ in _LOCATION_PREPS
                for o in p.children if o.dep_ == "pobj" for e in _phrase_places(index, o)])
        return out

    @staticmethod
    def _carry_actors(drafts: list[_Draft]) -> list[_Draft]:
        """ "A Houthi missile struck the True Confidence ... The Rubymar was abandoned after being hit
        in February": an attack told in the passive with no agent, in the same paragraph within three
        sentences of an attack with named actors, was made by them, as a place is carried to it. Told
        in a sentence that names that attack, with no other date, it is a part of it ("an officer
        was wounded in the attack and another was shot dead") and joins it."""
        told = sorted(((t.i, d) for d in drafts if d.type == "ATTACK" and d.actors and not d.orphan
                       for t in d.tokens), key=lambda p: p[0])
        out = []
        for d in drafts:
            before = [(i, p) for i, p in told if i < d.trigger.i] if d.orphan and not d.actors else []
            if before:
                at, prev = before[-1]
                doc = d.trigger.doc
                sents = {t.sent.start for t in doc[at:d.trigger.i + 1]}
                if "\n" not in doc.text[doc[at].idx:d.trigger.idx] and len(sents) <= 3:
                    same = any(t.sent.start == d.trigger.sent.start for t in prev.tokens)
                    if same and (d.time is None or d.time == prev.time):
                        _absorb(prev, d)  # "wounded in the attack and another was shot dead"
                        continue
                    _add(d.actors, [a for a in prev.actors if a not in d.participants])
            out.append(d)
        return out

    def _organisers(self, index: DocIndex, drafts: list[_Draft]) -> None:
        """ "Three days later, men raided the flat of X, one of the organisers": X organised the
        protest told last before, within three sentences, and is one of its actors."""
        protests = sorted((d for d in drafts if d.type == "PROTEST"), key=lambda d: d.trigger.i)
        for m in index.mentions:
            if index.type(m.id_) != "PERSON" or m.end + 1 >= len(m.doc) or m.doc[m.end].text != ",":
                continue
            phrase = m.doc[m.end + 1:min(len(m.doc), m.end + 6)]
            if not any(t.lemma_.lower() in self.organisers or t.lower_ in self.organisers for t in phrase):
                continue
            before = [d for d in protests if d.trigger.i < m.start]
            if not before:
                continue
            d = before[-1]
            sents = {t.sent.start for t in m.doc[d.trigger.i:m.start]}
            if len(sents) <= 3:
                _add(d.actors, [m.id_])

    def _pretended(self, tok: Token) -> bool:
        """ "In the final scenario, border guards moved in": the sentence opens inside an exercise's
        script, so its happenings are make-believe."""
        sent = tok.sent
        if sent[0].lower_ != "in":
            return False
        opening = []
        for t in sent[1:8]:
            if t.text == ",":
                break
            opening.append(t.lemma_.lower())
        text = " ".join(opening)
        return any(f in opening or " " in f and f in text for f in self.hypothetical)

    def _misread_verb(self, index: DocIndex, tok: Token) -> _Draft | None:
        """ "the minister, Amir Khan Muttaqi, hosted Mohammad Sadiq ...": the small model may read a
        past-tense verb right after the comma that closes an apposition as an adjective on its
        object. The name before the comma acts; the noun it modifies is the object."""
        doc = tok.doc
        if tok.dep_ == "aux" and tok.tag_ == "VBD" and tok.head.tag_ == "VBN" and tok.lemma_.lower() not in {
                "be", "have", "do", "get"} and self._past_verb(tok) in self.verbs:
            return self._misread_aux(index, tok)
        if tok.dep_ != "amod" or tok.pos_ not in {"ADJ", "VERB"} or not tok.lower_.endswith("ed") \
                or tok.i < 2 or doc[tok.i - 1].text != "," or tok.head.i <= tok.i:
            return None
        hit = next((self.verbs[w] for w in (tok.lower_[:-1], tok.lower_[:-2]) if w in self.verbs), None)
        actor = index.entity_at(doc[tok.i - 2])
        if hit is None or actor is None or index.type(actor) not in {"PERSON", "ORG"}:
            return None
        d = _Draft(hit[0], hit[1], tok, actors=[actor], tokens=[tok])
        _add(d.participants, [e for e in index.refers(tok.head, {"PERSON", "ORG", "PLACE"}) if e != actor])
        _add(d.locations, self._locations(index, tok.head, d.type) or [  # "hosted X for talks in Kabul"
            e for p in tok.head.children if p.dep_ == "prep" for e in index.np_entities(p, {"PLACE"}, deep=True)])
        if d.type == "MEETING" and not any(index.type(p) in {"PERSON", "ORG"} for p in d.participants):
            return None
        self._date(d, tok, {t.i for t in tok.head.subtree})
        return d

    def _past_verb(self, tok: Token) -> str:
        word = tok.lower_
        if word in self.verb_forms:
            return self.verb_forms[word]
        for stem in (word[:-2], word[:-1], word[:-3]) if word.endswith("ed") else ():
            if stem in self.verbs:  # "attacked", "raided", "shelled"
                return stem
        return tok.lemma_.lower()

    def _misread_aux(self, index: DocIndex, tok: Token) -> _Draft | None:
        """ "after Pakistani jets struck suspected TTP hideouts in X": the small model may read the
        past-tense verb as an auxiliary of the participle that opens its object ("suspected"). The
        verb acts with the participle's subject on the participle's object."""
        etype, cameo = self.verbs[self._past_verb(tok)]
        head = tok.head
        d = _Draft(etype, cameo, tok, tokens=[tok])
        for subj in (c for node in (tok, head) for c in node.children if c.dep_ == "nsubj"):
            _add(d.actors, index.refers(subj, ACTOR_TYPES) or _demonyms(index, subj))
        objects = [c for c in head.children if c.dep_ == "dobj"]
        for obj in objects:
            _add(d.participants, index.np_entities(obj, {"PERSON", "ORG"}))
            _add(d.locations, self._locations(index, obj, etype))
        _add(d.locations, self._locations(index, head, etype))
        if not d.actors or not objects:
            return None
        d.participants = [p for p in d.participants if p not in d.actors]
        self._date(d, tok, {t.i for t in head.subtree})
        return d

    @staticmethod
    def _state_organ(index: DocIndex, subject: Token) -> list[str]:
        """ "The army said", "the education ministry closed schools", "the cabinet instructed":
        an unnamed organ of a state, in a story about one state, acts for that state."""
        owner = [c for c in subject.children if c.dep_ == "poss"]
        if owner and owner[0].lemma_.lower() in _STATE_ORGANS:  # "the military's information team said"
            return EventExtractor._state_organ(index, owner[0])
        modifiers = [c for c in subject.children if c.dep_ in {"amod", "compound"}]
        if subject.lemma_.lower() in _STATE_ARMS and index.entity_at(subject) is None and not owner and any(
                c.lemma_.lower() in {"military", "army", "government"}
                and not any(g.dep_ in {"poss", "amod", "compound"} for g in c.children) for c in modifiers) \
                and not any(c.lower_ in _NOT_OWN or index.entity_at(c) or c.lower_ in index.registry.demonyms()
                            for c in modifiers):
            # "military jets bombed a village", "government troops retook the town": the state's forces
            # (not "foreign military jets", nor "Sudanese military jets" in another state's story)
            state = index.main_state()
            return [*index.forces_of(state)[:1], *state]
        if subject.lemma_.lower() in {"troop", "soldier"} and subject.tag_ == "NNS" \
                and index.entity_at(subject) is None \
                and all(c.dep_ in {"det", "amod", "compound", "nummod", "advmod", "punct"} for c in subject.children) \
                and all(c.lower_ in _HOME_FORCES for c in subject.children if c.dep_ in {"amod", "compound"}) \
                and all(c.lower_ == "the" for c in subject.children if c.dep_ == "det"):
            # "soldiers killed 11 of the group's fighters", "federal troops retook the town": in a story
            # about one state, its forces, the named army first
            state = index.main_state()
            forces = index.forces_of(state)[:1]
            return [*forces, *state] if forces else []
        if subject.lemma_.lower() not in _STATE_ORGANS or index.entity_at(subject) is not None \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children) \
                or any(c.dep_ in {"poss", "prep"} for c in subject.children):
            return []
        if any(c.dep_ in {"amod", "compound"} and (index.entity_at(c) or c.lower_ in index.registry.demonyms())
               for c in subject.children):
            return []  # "the Russian army said", in a story about Ukraine: another state's organ
        if subject.lemma_.lower() == "force" and not any(
                c.lower_ in {"security", "armed", "government"} for c in subject.children):
            return []
        state = index.main_state()
        if subject.lemma_.lower() in {"army", "military"} or subject.lemma_.lower() == "force" and any(
                c.lower_ == "armed" for c in subject.children):
            # "the army said", where the text names the state's army ("Chad's army"): that army
            return [*index.forces_of(state)[:1], *state]
        return state

    def _organ_pronoun(self, index: DocIndex, verb: Token, subject: Token) -> list[str]:
        """ "The army said in a statement that it had killed dozens": "it", in what an unnamed organ
        of the state says, is that organ."""
        def organs_own(noun: Token) -> bool:  # "said its troops had killed" ("their" may be anyone's)
            return noun.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in {"its", "our"} for c in noun.children)

        own = organs_own(subject)
        while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            # "said its troops had killed five and had captured a sixth": only where the first verb's
            # subject is the organ's own too (not "said the insurgents had burned ... and they killed")
            first = [c for c in verb.head.children if c.dep_ == "nsubj"]
            if first and not any(organs_own(f) or f.lower_ in {"it", "we"} for f in first):
                return []
            verb = verb.head
        if subject.lower_ not in {"it", "they", "we"} and not own or verb.dep_ != "ccomp":
            return []
        speakers = [s for s in verb.head.children if s.dep_ == "nsubj" and verb.head.lemma_.lower() in self.speech]
        if own:  # (the speaker as the text has named it first: "the ministry" after "the Ministry of Defence")
            return [e for s in speakers for e in index.np_entities(s, ACTOR_TYPES)
                    or index.described(s, ACTOR_TYPES) or self._state_organ(index, s)]
        return [e for s in speakers for e in self._state_organ(index, s)]

    def _body_of(self, index: DocIndex, verb: Token, subject: Token) -> list[str]:
        """ "a summit of the alliance at which leaders agreed": unnamed members of a body, in a
        relative clause on that body (or on a noun "of" it), act for the body."""
        if subject.lemma_.lower() not in self.members or verb.dep_ != "relcl" \
                or any(c.dep_ in {"det", "poss"} for c in subject.children):
            return []
        host = verb.head
        found = index.refers(host, {"ORG", "PLACE"}) or [
            e for p in host.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj" for e in index.refers(o, {"ORG", "PLACE"})]
        return [e for e in found if index.type(e) == "ORG" or index.subtype(e) == "country"][:1]

    def _medium_of(self, index: DocIndex, head: Token) -> list[str]:
        """ "a post on social media in the name of The Resistance Front claimed the killings", "a
        statement by the group said": the one a message speaks for."""
        if head.lemma_.lower() not in _MEDIA_NOUNS or head.pos_ != "NOUN":
            return []
        found: list[str] = []
        for prep in (c for c in head.children if c.dep_ == "prep"):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if prep.lower_ in {"by", "from", "of"}:
                    found += index.np_entities(obj, {"PERSON", "ORG"})
                elif prep.lower_ == "in" and obj.lemma_.lower() == "name":  # "in the name of X"
                    found += [e for of in obj.children if of.dep_ == "prep" and of.lower_ == "of"
                              for x in of.children if x.dep_ == "pobj" for e in index.np_entities(x, {"PERSON", "ORG"})]
        found += [e for c in head.children if c.dep_ == "poss" for e in index.np_entities(c, {"PERSON", "ORG"})]
        return found[:1]

    def _members_of(self, index: DocIndex, head: Token) -> list[str]:
        """ "Rebels of the M23 movement", "fighters of al-Shabaab": the group whose fighters act."""
        lemma = head.lemma_.lower()
        if lemma.endswith("men") and lemma not in self.agents:
            lemma = lemma[:-3] + "man"  # "Gunmen of the LRA ...": a capital may keep the plural as the lemma
        if lemma not in self.agents and lemma.removesuffix("s") not in self.agents or index.entity_at(head) \
                or head.pos_ not in {"NOUN", "PROPN"}:
            return []
        # ("a spokesman for the Taliban": one who speaks for a body)
        preps = {"of", "for"} if lemma in _SPEAKS_FOR else {"of"}
        found: list[str] = []
        for o in (o for p in head.children if p.dep_ == "prep" and p.lower_ in preps
                  for o in p.children if o.dep_ == "pobj"):
            # (the body the "of" phrase names, not one a possessive in it names: "a delegation of the
            # Islamic State's victims")
            found += [e for e in index.np_entities(o, {"ORG"})
                      if index.entity_at(o) == e or not any(c.dep_ == "poss" for c in o.children)]
            if not found and o.pos_ == "NOUN" and o.lemma_.lower() in _BODY_PARTS:
                # "a spokesman for the general staff of the Korean People's Army": the body whose
                # staff, command or office it is
                found += [e for q in o.children if q.dep_ == "prep" and q.lower_ == "of" for b in q.children
                          if b.dep_ == "pobj" for e in index.np_entities(b, {"ORG"}) if index.entity_at(b) == e]
        return found[:1]

    def _followed(self, index: DocIndex, head: Token) -> list[str]:
        """ "His supporters", "followers of X": the organisation the leader heads, else the leader;
        "supporters of the ruling party": the party."""
        if head.lemma_.lower() not in self.followers:
            return []
        people = [e for c in head.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}
                  for e in index.antecedent(c)]
        named = [e for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"PERSON", "ORG"})]
        people += [e for e in named if index.type(e) == "PERSON"]
        bodies = [e for e in named if index.type(e) == "ORG"]  # "supporters of the ruling party marched"
        return [org for person in people for org in self.leads.get(person, [])] or people or bodies

    def _deep_locations(self, index: DocIndex, tok: Token) -> list[str]:
        """Places inside the trigger's phrases, when none hangs on it directly: "killed by a drone
        strike on a house in the Sherpur neighbourhood of Kabul"."""
        out: list[str] = []
        stack = [p for p in tok.children if p.dep_ in {"prep", "agent"}
                 and p.lower_ in _WITH_PREPS | _LOCATION_PREPS | {"by", "of"}]
        while stack:  # nested phrases, but not the appositions that describe a person on the way
            node = stack.pop()
            party = node.dep_ in {"pobj", "conj"} and any(
                a.dep_ == "prep" and a.lower_ in _PARTY_PREPS for a in (node.head, node.head.head))
            owner = index.entity_at(node) is not None and _owner_only(index, node, index.entity_at(node) or "")
            if index.entity_at(node) and index.type(index.entity_at(node) or "") == "PLACE" and not owner and not (
                    party and index.subtype(index.entity_at(node) or "") == "country"):
                # "a ceasefire between Israel and Hamas": the countries are parties, not places
                _add(out, [index.entity_at(node) or ""])
            elif node.dep_ == "pobj" and node.head.lower_ in _LOCATION_PREPS:
                _add(out, index.definite_place(node))  # "a strike against fighters in the area"
            for c in node.children:
                # ("operations to protect convoys near Kayes": a purpose says where the operations were)
                purpose = c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                if c.dep_ in {"appos", "relcl", "acl"} and not purpose or c.dep_ == "conj" and node.dep_ != "pobj":
                    continue
                stack.append(c)
        return out

    def _with(self, index: DocIndex, tok: Token) -> list[str]:
        """Who else takes part: "met with X", "clashes against X", "talks between X and Y"; in
        "lodged with a house of a senior X commander" the group behind the host counts."""
        out: list[str] = []
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in _WITH_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        _add(out, index.refers(obj, ACTOR_TYPES)
                             or index.np_entities(obj, {"PERSON", "ORG"}, deep=True))
        return out

    def _date(self, d: _Draft, tok: Token, scope: Iterable[int]) -> None:
        phrase = self._time_phrase(tok, scope)
        if phrase is not None:
            d.time = _resolve_date(phrase, tok.doc._.tw_published)

    def _time_phrase(self, tok: Token, scope: Iterable[int]) -> str | None:
        """The date of the trigger's own clause: one that hangs on the trigger comes first; a date
        that bounds a period ("since the 1979 revolution") or sits in a nested phrase is not it."""
        doc = tok.doc
        ids = set(scope)
        found = []
        for ent in doc.ents:
            if ent.label_ != "DATE" or ent.start not in ids or not _DATE_HINT.search(ent.text):
                continue
            before = {t.lower_ for t in doc[max(0, ent.start - 3):ent.start]}
            if before & {"since", "until", "till", "from", "by"}:
                continue  # "since the 1979 revolution" bounds a period; it dates nothing
            hops, node = 0, ent.root
            while node != tok and node.head != node and hops < 4:
                node, hops = node.head, hops + 1
            found.append((0 if node == tok else 1, hops, abs(ent.start - tok.i), ent))
        if not found:
            return None
        return min(found, key=lambda f: f[:3])[3].text

    @staticmethod
    def _caught_people(tok: Token) -> bool:
        """ "police caught two men", "the fugitives were caught near Nazareth": "catch" arrests only
        people it is done to, not where someone is caught in something or up in it."""
        if any(c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ in {"in", "up", "between"} for c in tok.children) \
                or any(t.lemma_.lower() in {"camera", "video", "film", "tape", "cctv", "footage"} for t in tok.sent):
            return False  # ("caught up in", "caught on camera", "CCTV cameras caught the gunmen")
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in {"fire", "flame", "blaze", "reporter", "fisherman"}
               for c in tok.children):
            return False

        def people(c: Token) -> bool:  # "two of the escapees": a count of people
            return c.ent_type_ == "PERSON" or c.lemma_.lower() in _SUSPECTS | _CAUGHT or c.pos_ == "NUM" and any(
                o.lemma_.lower() in _SUSPECTS | _CAUGHT for g in c.children if g.dep_ == "prep" and g.lower_ == "of"
                for o in g.children if o.dep_ == "pobj")
        return any(c.dep_ in {"dobj", "nsubjpass"} and people(c) for c in tok.children)

    def draft(self, index: DocIndex, tok: Token, etype: str, cameo: str) -> _Draft:
        d = _Draft(etype, cameo, tok, tokens=[tok])
        if tok.pos_ in {"NOUN", "PROPN"}:
            self._noun_args(index, tok, d)
        else:
            self._verb_args(index, tok, d)
        ground = [p for p in d.participants if index.type(p) == "PLACE" and index.subtype(p) != "country"]
        for p in ground:
            d.participants.remove(p)  # "entered Damascus": a place acted on is where it happened
            _add(d.locations, [p])
        ground += [e for c in tok.children if c.dep_ in {"dobj", "nsubjpass"} for e in index.definite_place(c)]
        if tok.lemma_.lower() in self.take_ground and ground and not d.participants:
            d.type, d.cameo = "ATTACK", "192"  # "seized Damascus", "overran Maungdaw": occupying territory
        elif tok.lemma_.lower() == "seize" and d.type == "ATTACK" and d.cameo != "181" and tok.pos_ == "VERB" \
                and any(c.dep_ in {"dobj", "nsubjpass"} and (e := index.entity_at(c)) is not None
                        and index.type(e) == "PERSON" for c in tok.children):
            # "American forces seized Latif Mehsud": a man the state takes is arrested; one anyone else
            # takes is abducted (not "seized Giuliani's phones": a thing of his)
            state = any(index.subtype(a) == "country" or index.type(a) == "ORG" and index.subtype(a) == "government"
                        for a in d.actors)
            d.type, d.cameo = ("ARREST", "173") if state else ("ATTACK", "181")
        d.actors = [a for a in d.actors if index.type(a) != "PLACE" or index.subtype(a) == "country"]
        if d.type in {"ATTACK", "ARREST"}:  # "X was killed when a bomber set off explosives in his compound"
            d.actors = [a for a in d.actors if a not in d.participants or index.type(a) != "PERSON"]
        d.participants = [p for p in d.participants if p not in d.actors and p not in d.locations]
        self._date(d, tok, clause_tokens(tok, tok) if tok.pos_ != "NOUN" else {t.i for t in tok.subtree})
        return d

    def _verb_args(self, index: DocIndex, tok: Token, d: _Draft) -> None:
        agents = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        patients = [c for c in tok.children if c.dep_ in {"nsubjpass", "dobj", "attr", "dative"}]
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
        if _comes_under_fire(tok):  # "the convoy came under fire": the subject is the target
            patients += [c for c in tok.children if c.dep_ == "nsubj"]
            passive = True
        if not passive and any(c.dep_ == "nsubj" for c in tok.children):
            agents = []  # "X and Y had agreed by telephone": a verb with a subject has no agent
        if passive and not agents:
            # "were abducted by 400 Mawozo": the parser may read a passive's "by" as a plain preposition
            agents = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "by"
                      for o in p.children if o.dep_ == "pobj" and o.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}]
        if passive and not agents:
            # "was signed at a hotel ceremony by X": the parser may hang the "by" phrase on the
            # noun of the verb's own place or time phrase; it still names who did it
            agents = [o for p in tok.children if p.dep_ == "prep" and p.lower_ in {"at", "in", "on", "during"}
                      for n in p.children if n.dep_ == "pobj" for b in n.children
                      if b.dep_ in {"agent", "prep"} and b.lower_ == "by" for o in b.children if o.dep_ == "pobj"]
        if passive and not agents and d.type == "ARREST":
            # "was seized at a flat in X on Tuesday night, during a raid by the police and MIT": the
            # raid's doers made the arrest, wherever the parser hangs the raid
            agents = [o for n in tok.subtree if n.pos_ == "NOUN" and n.lemma_.lower() in _SWOOPS
                      for b in n.children if b.dep_ in {"agent", "prep"} and b.lower_ == "by"
                      for p in b.children if p.dep_ == "pobj" for o in (p, *p.conjuncts)]
        for a in agents:
            _add(d.actors, index.refers(a, ACTOR_TYPES) or _demonyms(index, a))
        if not agents and not passive:  # "Yusuf was killed": the subject suffered, no one acted
            for s in self._subject(tok):
                if s.pos_ == "NOUN" and s.lemma_.lower() in _KIN_OF and any(c.dep_ == "poss" for c in s.children) \
                        and not any(c.dep_ == "appos" for c in s.children):
                    continue  # "X's parents said": the family speaks, not X ("his wife, Y, said": Y)
                # ("an army helicopter of the Kenya Defence Forces flew ...": whose vehicle it was)
                owner = _of_owner(index, s) if s.pos_ == "NOUN" and s.lemma_.lower() in _VEHICLES else []
                # ("the interior ministry said its troops had killed five": the ministry's, not the
                # group named before)
                owner = owner or (self._organ_pronoun(index, tok, s) if s.pos_ == "NOUN" else [])
                _add(d.actors, self._followed(index, s) or self._members_of(index, s) or self._medium_of(index, s)
                     or owner or _led_by(index, s) or index.refers(s, ACTOR_TYPES) or _demonyms(index, s)
                     or self._body_of(index, tok, s) or self._state_organ(index, s)
                     or self._organ_pronoun(index, tok, s))
        if not d.actors and d.type in {"PROTEST", "MOVEMENT"}:
            # "residents marched through the town behind its mayor, X": the one marched behind leads
            for o in [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "behind"
                      for o in c.children if o.dep_ == "pobj"]:
                named = [e for e in index.np_entities(o, {"PERSON"}) if index.type(e) == "PERSON"]
                after = o.right_edge.i + 2  # "behind the town's mayor, X": the parser may cut X loose
                if not named and after < len(o.doc) and o.doc[after - 1].text == ",":
                    named = [e for e in [index.entity_at(o.doc[after])] if e and index.type(e) == "PERSON"]
                _add(d.actors, named)
        if passive and not agents and d.type == "MOVEMENT" and any(
                c.dep_ == "auxpass" and c.lower_ in {"been", "was", "were"} for c in tok.children):
            # "soldiers and National Guard members have been sent to the state under Security Secretary
            # X": those sent move, under whoever leads them; unnamed troops are the state's
            sent = self._counted([c for c in tok.children if c.dep_ == "nsubjpass"])
            named = [e for m in sent for e in index.np_entities(m, {"PERSON", "ORG"}) or _demonyms(index, m)]
            if not named and any(m.lemma_.lower() in {"troop", "soldier"} for m in sent):
                named = index.main_state()
            _add(d.actors, named)
            # ("sent since the autumn under X": the parser may hang "under" on the phrase before it)
            unders = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "under"] + [
                u for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
                for u in o.children if u.dep_ == "prep" and u.lower_ == "under"]
            # (a person, or the body the phrase is about: not "under a United Nations mandate")
            _add(d.actors, [e for c in unders for o in c.children if o.dep_ == "pobj"
                            for e in index.np_entities(o, {"PERSON", "ORG"})
                            if index.type(e) == "PERSON" or index.entity_at(o) == e])
            patients = [p for p in patients if p.dep_ != "nsubjpass"]
        for p in patients:
            # "a helicopter of UNMISS came under fire": the body whose vehicle, post or convoy it was
            _add(d.participants, index.refers(p, ACTOR_TYPES) or (
                _of_owner(index, p) if d.type == "ATTACK" and p.pos_ == "NOUN" else []))
            _add(d.locations, index.definite_place(p))  # "seized the capital"
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "members brought to Kabul": the noun is moved
            moved = index.refers(tok.head, ACTOR_TYPES)
            if not moved and tok.head.dep_ == "nsubj":  # "Members brought to Kabul were X, Y and Z"
                moved = [e for c in tok.head.head.children if c.dep_ == "attr"
                         for e in index.np_entities(c, ACTOR_TYPES)]
            _add(d.participants, moved)
        _add(d.participants, self._with(index, tok))
        _add(d.locations, self._locations(index, tok, d.type))
        for p in patients:  # "attacked a school in Bamako": places on the object count too
            _add(d.locations, self._locations(index, p, d.type))
        if not d.locations and tok.dep_ in {"conj", "relcl"} and not _stranded_conjunct_subject(tok):
            # "flew to Peshawar and visited the wounded"; "strikes on Barmal that killed 46 people"
            _add(d.locations, self._locations(index, tok.head, d.type))
        if not d.locations:  # "54 had been arrested and 84 had surrendered in A, B and C": the place ends the pair
            for c in tok.children:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    _add(d.locations, self._locations(index, c, d.type))
        if not d.locations and tok.dep_ == "advcl" and tok.tag_ == "VBG":
            # "became the strongest group around Lake Chad, overrunning army bases": a participle
            # clause happens where its main clause is set
            own = {t.i for t in tok.subtree}
            _add(d.locations, [e for e in index.in_tokens(
                [tok.doc[i] for i in sorted(clause_tokens(tok.head)) if i not in own], {"PLACE"})])
        # "opened fire on concertgoers at Crocus City Hall", "lodged at a house owned by a commander in
        # Shahr-e Naw": places deeper in the trigger's own phrases count too
        _add(d.locations, self._deep_locations(index, tok))
        if not d.locations:  # "killed dozens in operations to protect convoys near Kayes": the purpose's place
            _add(d.locations, [e for c in tok.children if c.dep_ == "advcl" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for n in (c, *(o for o in c.children if o.dep_ == "dobj")) for e in self._deep_locations(index, n)])
        # "struck the carrier True Confidence in the Gulf of Aden", "attacked a base beside the airport
        # in Bamako": where the thing acted on is, is where the act happened
        # (not "X, who was born in Uzbekistan": a clause about the one acted on tells another time)
        _add(d.locations, [e for p in patients for prep in p.subtree if prep.dep_ == "prep"
                           and prep.lower_ in {"in", "at", "near", "off", "inside"}
                           and not _in_clause_of(prep, p)
                           for e in index.np_entities(prep, {"PLACE"}, deep=True) if not _owner_only(index, prep, e)])
        if d.type == "MOVEMENT":
            d.locations = [loc for loc in d.locations if loc not in d.actors]

    def _noun_args(self, index: DocIndex, tok: Token, d: _Draft) -> None:
        for c in tok.children:
            if c.dep_ in {"poss", "compound", "nmod", "amod"}:
                named = index.mention_of(c)
                end = named.end if named is not None else c.right_edge.i + 1
                if c.tag_ == "VBN" and c.lower_ in _TIED and c.i > 0 and c.doc[c.i - 1].text == "-" \
                        or end + 1 < len(c.doc) and c.doc[end].text == "-" and c.doc[end + 1].lower_ in _TIED:
                    continue  # "an al-Qaeda-linked blockade": another's ties, not who acts
                ents = index.np_entities(c, ACTOR_TYPES)
                # "the Cali bombing": a town or region names where it happened, a country who acted
                here = [e for e in ents if index.type(e) == "PLACE" and index.subtype(e) != "country"]
                _add(d.locations, here)
                if c.dep_ == "poss" and tok.tag_ == "NN" and tok.lemma_.lower() in _SUFFERED and not any(
                        p.dep_ == "prep" and p.lower_ == "of" for p in tok.children):
                    # "Wazni's killing", "Soleimani's assassination": whose killing is who was killed
                    # (not "Bukele's mass arrests": many, made by him)
                    _add(d.participants, [e for e in ents if index.type(e) == "PERSON"])
                    ents = [e for e in ents if index.type(e) != "PERSON"]
                _add(d.actors, [e for e in ents if e not in here])
            elif c.dep_ == "prep" and (c.lower_ in {"by", "of"} or c.lower_ == "from" and d.type == "STATEMENT"):
                for obj in c.children:  # ("a statement from Trump": his)
                    if obj.dep_ == "pobj":
                        _add(d.actors if c.lower_ in {"by", "from"} or d.type in {"MOVEMENT", "PROTEST", "STATEMENT"}
                             else d.participants, index.refers(obj, ACTOR_TYPES))
            elif c.dep_ == "prep" and c.lower_ == "between":  # "clashes between Radaa and government forces"
                _add(d.actors, [e for obj in c.children if obj.dep_ == "pobj"
                                for o in (obj, *obj.conjuncts) for e in index.refers(o, ACTOR_TYPES)])
            elif c.dep_ == "prep" and c.lower_ in {"on", "against"}:
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        _add(d.participants, index.np_entities(obj, {"PERSON", "ORG"}))
                        _add(d.locations, index.np_entities(obj, {"PLACE"}))
        purpose = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else None
        verb = purpose.head if purpose is not None and purpose.head.pos_ == "VERB" else None
        if verb is not None and d.type in {"MEETING", "AGREEMENT"}:
            # "he led a delegation to Doha for talks with X", "flew to Cairo for talks": whoever went
            _add(d.actors, [e for c in verb.children if c.dep_ == "nsubj" for e in index.refers(c, ACTOR_TYPES)])
            _add(d.locations, self._locations(index, verb, d.type))
        light = tok.head if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" else None
        if light is not None and not d.actors and light.lemma_.lower() in _LIGHT_VERBS:
            # "Besse Hozat, who read a statement", "the group issued a warning": the one who did so
            _add(d.actors, [e for c in light.children if c.dep_ == "nsubj" for e in index.refers(c, ACTOR_TYPES)])
            _add(d.locations, self._locations(index, light, d.type))
        if not d.actors:  # "Pakistani air strikes", "a US drone strike": the country behind the act
            _add(d.actors, _demonyms(index, tok))
        if not d.actors and d.type in {"ATTACK", "ARREST", "MOVEMENT"} and any(
                c.dep_ in {"amod", "compound"} and c.lemma_.lower() in _STATE_ORGANS
                and not any(g.dep_ in {"poss", "amod", "compound"} for g in c.children) for c in tok.children):
            # "military air strikes hit two villages": the forces of the state the story is about
            _add(d.actors, index.main_state())
        if not d.actors:  # "rallies in Bamako, many of them organised by Yerewolo"
            for t in tok.doc[tok.i + 1:min(tok.i + 9, tok.sent.end)]:
                if t.lemma_.lower() in _ORGANISE and t.tag_ == "VBN":
                    _add(d.actors, [e for by in t.children if by.dep_ == "agent"
                                    for e in index.np_entities(by, ACTOR_TYPES, deep=True)])
                    break
        _add(d.participants, self._with(index, tok))
        _add(d.locations, self._locations(index, tok, d.type))
        if not d.locations and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and self.kind(tok.head) is None:
            # "clashes erupted in the district of Souq al-Juma": the place of the verb the noun is subject of
            _add(d.locations, self._locations(index, tok.head, d.type))
        if not d.locations:
            _add(d.locations, self._deep_locations(index, tok))
        for acl in (c for c in tok.children if c.dep_ in {"acl", "relcl"}):
            # "an offensive launched from Idlib", "explosions that tore through a crowd in Kerman"
            _add(d.locations, self._locations(index, acl, d.type) or (
                self._deep_locations(index, acl) if acl.dep_ == "relcl" and not d.locations else []))
        head = tok.head
        verb = head.head
        for _ in range(2):  # "entered Damascus, ending five decades of rule, after an offensive"
            if self.kind(verb) is None and verb.dep_ in {"advcl", "xcomp", "conj"}:
                verb = verb.head
        if not d.actors and d.type in {"ATTACK", "MOVEMENT"} and tok.dep_ == "pobj" \
                and head.lower_ in {"after", "following"} and verb.lemma_.lower() not in self.answers \
                and (self.kind(verb) or ("", ""))[0] in {"ATTACK", "MOVEMENT"} \
                and not any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in tok.children):
            # "rebels led by HTS entered Damascus after a lightning offensive": the movers' offensive;
            # "... after the attack" points back to one already told, whoever followed it
            for s in self._subject(verb):
                _add(d.actors, index.refers(s, ACTOR_TYPES))
        governed = head.lemma_.lower() in self.light | {"with", "in", "after", "through", "via"}
        if tok.dep_ in {"dobj", "pobj", "nsubjpass", "attr"} and governed:
            verb = head if head.pos_ in {"VERB", "AUX"} else head.head
            # "carried out an attack", "held talks", and "in a statement, X said": the verb's subject acts
            said_in = d.type == "STATEMENT" and head.lower_ in {"in", "through", "via"}
            frame = verb.lemma_.lower() in self.light or said_in
            if not d.actors and verb.pos_ in {"VERB", "AUX"} and frame:
                # "the bombing had been carried out by X": a passive light verb's agent acts
                # ("the agreement was announced by X": the one who tells it did not make it)
                doers = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                         and verb.lemma_.lower() in _DONE_BY] if tok.dep_ == "nsubjpass" else self._subject(verb)
                for s in doers:
                    _add(d.actors, index.refers(s, ACTOR_TYPES))
                _add(d.locations, self._locations(index, verb, d.type))
                _add(d.participants, self._with(index, verb))

    # -- the component --------------------------------------------------------------------------

    def extract(self, doc: Doc) -> list[Event]:
        index = DocIndex.of(doc)
        stance = Stance.of(doc)
        drafts: list[_Draft] = []
        headline_end = headline_span_end(doc)
        self.leads = {}
        for r in doc._.tw_relations or []:
            if r.type == "leader_of":
                self.leads.setdefault(r.source, []).append(r.target)
        for tok in doc:
            misread = self._misread_verb(index, tok)
            if misread is not None:
                drafts.append(misread)
                continue
            hit = self.kind(tok)
            if hit is None:
                continue
            etype, cameo = hit
            if tok.dep_ == "compound" and tok.pos_ in {"NOUN", "PROPN"}:
                continue  # "withdrawal deal", "attack jets": the noun modifies another
            if etype in {"MEETING", "PROTEST"} and tok.pos_ == "NOUN" and tok.dep_ in {"dobj", "nsubjpass"} \
                    and (self.kind(tok.head) or ("",))[0] == "ATTACK":
                continue  # "attacked a gathering of elders": the gathering was the target, not a meeting
            if etype == "ARREST" and tok.dep_ == "amod" and tok.tag_ == "VBN":
                continue  # "a jailed cleric": a state the person is in, not a happening told
            if etype == "STATEMENT" and not self._is_statement(index, tok):
                continue
            if etype == "STATEMENT" and tok.pos_ == "NOUN" and tok.dep_ == "pobj" \
                    and tok.head.lower_ in {"in", "through", "via"} and self._speaks(index, tok.head.head, nested=True):
                continue  # "vowed in a televised address": the vow is the event, the address its medium
            if tok.lemma_.lower() in self.speech and etype not in {"STATEMENT", "THREAT"}:
                continue
            if _irrealis(tok, self.realis_heads) or self._pretended(tok):
                continue
            if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _FEARS:
                continue  # "residents fear the insurgents are moving closer": feared, not told as done
            if etype == "MEETING" and tok.lemma_.lower() in {"conference", "briefing"} \
                    and any(c.lower_ in {"news", "press"} for c in tok.children):
                continue  # "speaking at a joint news conference with X": where one speaks, no meeting
            if etype in {"ATTACK", "MOVEMENT"} and _habitual(tok):
                continue  # "an al-Qaeda affiliate that has fought the government for two decades"
            if etype == "ATTACK" and _charged_kind(tok):
                continue  # "has for years accused ETIM of attacks in Xinjiang": a kind of act, no one happening
            if etype not in {"STATEMENT", "THREAT"} and tok.pos_ in {"VERB", "AUX"} \
                    and any(c.dep_ == "ccomp" and c.lower_ not in _PREDICATIVE_NOUNS for c in tok.children):
                continue  # "a review concluded that ...", "warned that ...": a statement, not the event
            if etype == "MOVEMENT" and tok.pos_ == "VERB" and not self._moves_movers(index, tok):
                continue  # "brought a standoff to an end", "messages sent to journalists": nobody moves
            if etype == "ATTACK" and any(c.dep_ == "dobj" and c.lemma_.lower() in _NOT_TARGETS for c in tok.children):
                continue  # "seized power in 2020", "struck deals with the gangs": no one attacked
            if etype == "ATTACK" and tok.lemma_.lower() == "seize" and not any(
                    c.dep_ in {"dobj", "nsubjpass", "auxpass", "agent"} for c in tok.children) \
                    and any(c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "upon"}
                            and not any(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree) for c in tok.children):
                continue  # "has seized on the quarrel": made use of it, attacked no one
            if etype == "MEETING" and tok.lemma_.lower() == "meet" and not _pobjs(tok, {"with"}) \
                    and not any(c.dep_ == "dobj" for c in tok.children) \
                    and any(c.dep_ == "nsubj" and c.tag_ == "NN" and c.lemma_.lower() in _SITTING_BODIES
                            and not any(g.dep_ == "conj" for g in c.children) for c in tok.children):
                continue  # "the cabinet met in emergency session": one body sitting, no meeting between parties
            if etype == "MOVEMENT" and tok.i >= headline_end and (_generic_present(tok) or _no_journey(tok)):
                continue  # "the jihadists move freely", "returned to power", "flew drones", "flew for an airline"
            d = self.draft(index, tok, etype, cameo)
            if etype == "STATEMENT" and tok.lemma_.lower() in {"urge", "call", "exhort", "incite"} and any(
                    (self.kind(c) or ("", ""))[0] == "ATTACK" for c in tok.children if c.dep_ in {"xcomp", "ccomp"}):
                d.type, d.cameo = "THREAT", "130"  # "urged Muslims to kill American leaders": a call to violence
            if d.cameo == "015" and tok.lemma_.lower() != "claim" and any(
                    index.type(a) == "PLACE" or index.subtype(a) == "government" for a in d.actors):
                d.cameo = "010"  # a state that says its forces struck reports; it claims nothing
            # "denied targeting civilians": the denial is the event; what it denies is kept, marked,
            # so that the claims it contradicts can count it, but it is not reported as a happening
            d.denied = etype not in {"STATEMENT", "THREAT"} and tok.dep_ in {"xcomp", "ccomp", "dobj", "pcomp"} \
                and tok.head.lemma_.lower() in _DENIALS
            passive = tok.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
            # "a roadside bomb struck a convoy": an attack whoever set it; kept if a claim names the doer
            device = d.type == "ATTACK" and not d.actors and any(
                s.lemma_.lower() in _DEVICES for s in tok.children if s.dep_ == "nsubj")
            passive = passive or _comes_under_fire(tok)
            d.orphan = d.type == "ATTACK" and (passive or device) and not d.actors
            crowd = d.type == "PROTEST" and any(_is_crowd(s) for s in self._subject(tok))
            if tok.lemma_.lower() in self.needs_actor and not d.actors and not self._qualified_noun(tok) and not crowd \
                    and not any(
                    s.lemma_.lower() in self.agents for s in self._subject(tok)) and not d.orphan:
                continue  # "the blast hit a gate": not an act; "a suicide bomber struck": an act by someone
            parties = d.participants if tok.pos_ in {"VERB", "AUX"} else d.actors[1:] + d.participants
            if tok.lemma_.lower() in self.needs_counterpart and d.type == "MEETING" and not any(
                    index.type(p) in {"PERSON", "ORG"} and index.subtype(p) != "media" or index.subtype(p) == "country"
                    for p in parties):  # "witnesses who spoke to Reuters": an interview, no meeting
                # ("talks between Iraq and the United States resumed": the noun names both sides)
                continue  # "receive missiles from Iran", "spoke to reporters": no meeting
            received = [c for c in tok.children if c.dep_ == "dobj"] if tok.lemma_.lower() == "receive" else []
            if d.type == "MEETING" and received and not any(
                    c.pos_ != "NOUN" or index.tok_ent[c.i] is not None or c.lemma_.lower() in _VISITORS
                    or self.trigger(c) is not None for c in received):
                continue  # "had received their orders from X": a thing received, no one met
            if d.type == "ARREST" and not d.actors:
                # "the FSB said suspects were detained": those who announce an arrest made it
                speaker = stance.source(tok).attributed_to
                if speaker and speaker != "UNNAMED" and index.type(speaker) == "ORG" \
                        and index.subtype(speaker) == "government":
                    d.actors.append(speaker)
                elif speaker and speaker != "UNNAMED" and index.type(speaker) == "PERSON":
                    # "India's home minister said 54 Maoists had been arrested": his state made them
                    _add(d.actors, [r.target for r in doc._.tw_relations or [] if r.type == "official_of"
                                    and r.source == speaker and index.subtype(r.target) in {"country", "government"}])
            if not self._merge(index, drafts, d, headline_end):
                drafts.append(d)
        self._with_organisations(drafts, list(doc._.tw_relations or []))
        for d in drafts:  # "Chad's army said": the army acts for its state, named beside it
            _add(d.actors, [s for a in list(d.actors) for s in index.state_of_force(a)])
            if d.type == "ARREST":  # "Turkish police rounded up 147 people": its police arrest for a state
                _add(d.actors, [s for a in list(d.actors) for s in index.state_of_police(a)])
        for d in drafts:
            if d.type == "ATTACK":
                d.cameo = self._attack_code(d)
        self._credit_claims([d for d in drafts if d.trigger.i >= headline_end] or drafts)
        self._credit_blame(index, drafts, headline_end)
        drafts = self._fold_headline(drafts, headline_end)
        drafts = self._fold_details(index, drafts)
        self._carry_places(drafts)
        self._places_told_next(index, drafts)
        drafts = self._retold_moves(drafts)
        drafts = self._carry_actors(drafts)
        drafts = [d for d in drafts if not d.orphan or d.actors or tok_not_needing_actor(d, self.needs_actor)]
        self._organisers(index, drafts)
        for d in drafts:
            if d.type == "ARREST" and not d.locations:
                # "Turkish police rounded up 147 people": a state's police arrest on its own soil
                _add(d.locations, [a for a in d.actors if index.type(a) == "PLACE" and index.subtype(a) == "country"])
        dateline = _dateline(doc, headline_end)
        if dateline:
            for d in drafts:
                # a place named only in the dateline is kept where the text gives no other place:
                # local news is mostly filed from where it happened
                own = [loc for loc in d.locations if not self._only_in(index, loc, d.trigger.sent, dateline)]
                d.locations = own or d.locations
        # "in Mudiyah, in Abyan province": an event in a place is in the places that hold it too
        parents: dict[str, list[str]] = {}
        for r in doc._.tw_relations or []:
            if r.type == "located_in" and index.type(r.source) == "PLACE" and index.type(r.target) == "PLACE":
                parents.setdefault(r.source, []).append(r.target)
        for d in drafts:
            for loc in list(d.locations):
                up = parents.get(loc, [])
                _add(d.locations, [*up, *(p for u in up for p in parents.get(u, []))])
        self._sentence_places(index, drafts)
        for d in drafts:
            if d.type != "PROTEST" or d.actors or d.participants or d.trigger.pos_ != "VERB" \
                    or not any(_is_crowd(s) for s in self._subject(d.trigger)):
                continue  # (not "spoke at a rally in Bihar", "protests in the capital have grown smaller")
            if not d.locations:
                # "protesters in Nukus marched ...", "hundreds of residents of Qatif marched": where
                # the crowd is from, said on the crowd
                _add(d.locations, self._crowd_places(index, d.trigger))
            elif d.cameo == "144":
                # "protesters in Herat blocked the highway to Kandahar": the crowd's place, not the road's end
                d.locations = self._crowd_places(index, d.trigger) or d.locations
            if d.locations:
                # "mourners protested outside St. George's in Tanta": a crowd no one names stands
                # for the place it protests in (the most local place first)
                d.actors = sorted(d.locations, key=lambda e: index.subtype(e) in {"country", "province", "region"})
        # an event is who did what: one whose doer the text leaves out ("X was killed in July", "X was
        # detained on Monday") is told of its victim, not of anyone who acted, and is no event of the
        # graph (the contract's gold never has one)
        drafts = [d for d in drafts if d.actors]
        # a happening the text places nowhere took place, as far as the text says, where the report
        # is filed from: the dateline's town ("NIAMEY, Niger, March 22, 2025 - ... Tiani met ...").
        # Not a saying: a statement made abroad is often reported from the dateline's capital.
        filed = [m.id_ for m in index.mentions if m.start in dateline and index.type(m.id_) == "PLACE"]
        filed = [e for e in filed if index.subtype(e) != "country"][:1] or filed[:1]
        for d in drafts:
            if not d.locations and filed and d.trigger.i >= headline_end and d.type not in {"STATEMENT", "THREAT"}:
                d.locations = list(filed)
        # "the news agencies TASS and RIA Novosti ... said he had been detained": outlets that report
        # are sources of what they report (attribution), not speakers of an event of their own
        # (a group's own outlet, "its az-Zallaqa media arm", speaks for the group and stays)
        mouthpieces = {r.source for r in doc._.tw_relations or [] if r.type in {"part_of", "associated_with"}}
        drafts = [d for d in drafts if not (d.type == "STATEMENT" and d.cameo == "010" and d.actors and all(
            index.type(a) == "ORG" and index.subtype(a) == "media" and a not in mouthpieces for a in d.actors))]
        drafts = self._drop_mere_sources(drafts, index)  # only events that stand on their own replace a saying
        events = []
        for d in drafts:
            src = stance.source(d.trigger)
            if d.type in {"STATEMENT", "THREAT"} and src.attributed_to is None and self._unnamed_speaker(index, d):
                src = Source("UNNAMED", ("UNNAMED",))  # "two U.S. officials told Reuters that ..."
            elif d.type in {"STATEMENT", "THREAT"} and src.attributed_to == "UNNAMED" and d.actors \
                    and d.trigger.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in d.trigger.children):
                src = Source(None, ())  # "X flew to Zahedan and vowed that ...": X's own words
            elif d.type in {"STATEMENT", "THREAT"} and src.attributed_to == "UNNAMED" and d.actors and any(
                    c.dep_ == "nsubj" and c.lower_ in {"who", "which"} for c in d.trigger.children):
                src = Source(None, ())  # "...; and B, the commissioner, who denies that ...": B's own words
            evidence: list[Evidence] = []
            for t in d.tokens:
                ev = Evidence(t.sent.start_char, t.sent.end_char)
                if ev not in evidence:
                    evidence.append(ev)
            events.append(Event(
                type=d.type, cameo=d.cameo, actors=d.actors, participants=d.participants, locations=d.locations,
                time=d.time, hedged=stance.hedged(d.trigger), attributed_to=src.attributed_to,
                attribution_chain=list(src.chain), attribution_inherited=src.inherited, trigger=d.trigger.text,
                evidence=evidence, denied=d.denied))
        return events

    @staticmethod
    def _sentence_places(index: DocIndex, drafts: list[_Draft]) -> None:
        """Places a happening takes from its sentence where its own phrases give none nearer than a
        country, leaving out those another happening of the sentence claims."""
        def claimed(d: _Draft, sayings: bool) -> set[str]:
            return {loc for o in drafts if o is not d and o.trigger.sent.start == d.trigger.sent.start
                    and (sayings or o.type not in {"STATEMENT", "THREAT"}) for loc in o.locations}

        for d in drafts:  # attacks and arrests first: a movement leaves the places they claim
            sent = d.trigger.sent
            if d.type in {"ATTACK", "ARREST"} and not any(index.subtype(loc) != "country" for loc in d.locations):
                # "about 30 gunmen opened fire on officers who had come to clear a bridge into
                # Banjska": the places below a country that the sentence names
                taken = claimed(d, sayings=False)
                _add(d.locations, [m.id_ for m in index.mentions if sent.start <= m.start < sent.end
                                   and index.type(m.id_) == "PLACE" and index.subtype(m.id_) != "country"
                                   and m.id_ not in d.actors and m.id_ not in taken])
        for d in drafts:
            sent = d.trigger.sent
            if d.type == "MOVEMENT" and not d.locations:
                # "Britain has begun flying in about 200 soldiers" after "its force in Kosovo": where
                # the sentence sends anyone
                taken = claimed(d, sayings=True)
                _add(d.locations, [e for t in sent if t.dep_ == "prep" and t.lower_ in {"to", "into", "in"}
                                   for e in index.np_entities(t, {"PLACE"}, deep=True) if e not in taken
                                   and e not in d.actors])

    def _crowd_places(self, index: DocIndex, verb: Token) -> list[str]:
        """Where a crowd no one names is from, said on the crowd: "protesters in Nukus", "hundreds of
        residents of Qatif" (the "of" only of the people who live there)."""
        out: list[str] = []
        for s in self._subject(verb):
            people = [s, *(o for p in s.children if p.dep_ == "prep" and p.lower_ == "of"
                           for o in p.children if o.dep_ == "pobj")]
            for n in people:
                for p in n.children:
                    if p.dep_ == "prep" and p.lower_ in {"in", "at", "from"}:
                        _add(out, index.np_entities(p, {"PLACE"}, deep=True))
                    elif p.dep_ == "prep" and p.lower_ == "of" and n.lemma_.lower() in _INHABITANTS:
                        _add(out, [e for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"PLACE"})])
        return out

    @staticmethod
    def _unnamed_speaker(index: DocIndex, d: _Draft) -> bool:
        """The one who speaks is given only as unnamed people ("officials", "a security source")."""
        tok = d.trigger
        if tok.pos_ not in {"VERB", "AUX"}:
            return False
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        return bool(subjects) and all(
            s.lemma_.lower() in _UNNAMED_SPEAKERS and index.entity_at(s) is None for s in subjects)

    @staticmethod
    def _only_in(index: DocIndex, eid: str, sent: Span, tokens: frozenset[int]) -> bool:
        """Every mention of ``eid`` in the sentence lies among ``tokens`` (and it has one there)."""
        here = [m for m in index.mentions if m.id_ == eid and sent.start <= m.start < sent.end]
        return bool(here) and all(m.start in tokens for m in here)

    def _drop_mere_sources(self, drafts: list[_Draft], index: DocIndex) -> list[_Draft]:
        """ "The FSB said the gunmen were detained": what is said is an event of its own, told on
        the speaker's word; the saying is its source (attribution), not a second event. A statement
        that says something else ("said the dead were civilians"), a speaker's account of its own
        act ("said that its fighters were pulling out"), or a named person's word ("the governor,
        X, said police had detained two men": X went on record) stays."""
        told = {t.i for d in drafts if d.type not in {"STATEMENT", "THREAT"} for t in d.tokens}
        out = []
        for d in drafts:
            tok = d.trigger
            if d.type == "STATEMENT" and d.cameo == "010" and len(d.tokens) == 1 and tok.pos_ in {"VERB", "AUX"} \
                    and tok.lemma_.lower() in self.speech:
                content = reported_clauses(tok)
                own = any(t.lower_ in _SELF_REFERENCE for c in content for t in c.subtree)
                # "told reporters in Abuja that ...": a briefing held somewhere is a happening of its own
                briefing = bool(d.locations) and any(c.dep_ in {"dobj", "dative"} and c.lemma_.lower() in _PRESS
                                                     for c in tok.children)
                # "said in a letter released by his lawyer that ...": a document of its own, a happening too
                written = any(o.lemma_.lower() in _MEDIA_NOUNS for p in tok.children if p.dep_ == "prep"
                              and p.lower_ in {"in", "through"} for o in p.children if o.dep_ == "pobj")
                person = any(index.type(a) == "PERSON" for a in d.actors)
                if content and not own and not briefing and not written and not person \
                        and all(c.i in told for c in content):
                    continue  # "said that its fighters were pulling out": a group telling its own act stays
            out.append(d)
        return out

    def _moves_movers(self, index: DocIndex, tok: Token) -> bool:
        """A movement verb moves people, forces or their vehicles: its object (or, in the passive,
        its subject), where it has one, is a named actor, a pronoun or a word for such movers."""
        if any(c.lower_ == "together" for c in tok.children):
            return False  # "has brought together rival groups": united, not moved
        if any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in tok.children) and not any(
                c.dep_ in {"dobj", "nsubjpass"} for c in tok.children):
            return False  # "Washington moved quickly to reject it": acted, not moved
        moved = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        if not moved and tok.dep_ == "acl" and tok.tag_ == "VBN":
            moved = [tok.head]  # "messages sent to journalists", "members brought to Kabul"
        if any(c.dep_ == "auxpass" and c.lower_ in {"been", "was", "were"} for c in tok.children):
            # "thousands of soldiers have been sent": the people the count counts
            moved = self._counted(moved)
        for obj in moved:
            lemma = obj.lemma_.lower()
            if obj.pos_ in {"PRON", "PROPN"} or lemma in self.movers or obj.lower_ in self.movers \
                    or lemma in _GROUND_NOUNS or lemma in {"border", "frontier", "river", "line", "zone"}:
                return True  # who moves, or where to: "entered Damascus", "crossed the border"
            if index.np_entities(obj, {"PERSON", "ORG", "PLACE"}) or index.definite_place(obj):
                return True
        return not moved

    def _counted(self, nouns: list[Token]) -> list[Token]:
        """The nouns, and the people a count among them counts ("thousands of soldiers")."""
        return nouns + [o for m in nouns if m.lemma_.lower() in self.count_words or m.like_num for p in m.children
                        if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]

    def _qualified_noun(self, tok: Token) -> bool:
        """A noun trigger named with its qualifier ("air strikes", "drone strike"): an act whoever
        did it, unlike a bare "strike" or "hit" that needs a named actor to be one."""
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return False
        compound = " ".join(c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound")
        return bool(compound) and f"{compound} {tok.lemma_.lower()}" in self.nouns

    def kind(self, tok: Token) -> tuple[str, str] | None:
        """The event type and CAMEO code ``tok`` triggers, read with the words it governs."""
        hit = self.trigger(tok)
        lemma = tok.lemma_.lower()
        if (hit is None or hit[0] == "ARREST") and lemma in self.take_ground and tok.pos_ == "VERB" and any(
                c.dep_ in {"dobj", "nsubjpass"} and (_named_place(c) or c.lemma_.lower() in _GROUND_NOUNS)
                for c in tok.children):
            return "ATTACK", "192"  # "had taken the headquarters", "retook the town": occupying ground
        if hit is None and lemma == "block" and tok.pos_ == "VERB" \
                and any(_is_crowd(c) and not _armed_crowd(c) for c in self._subject(tok)) \
                and any(c.dep_ == "dobj" and (c.lemma_.lower() in _ROADS or _named_place(c)) for c in tok.children):
            return "PROTEST", "144"  # "villagers blocked the Pamir Highway": a crowd's blockade
        if hit is None and lemma == "give" and tok.pos_ == "VERB" \
                and any(c.dep_ == "dobj" and c.lemma_.lower() in _DEADLINES for c in tok.children) \
                and any(c.dep_ in {"advcl", "xcomp"} or c.dep_ == "dobj" and any(
                    g.dep_ in {"acl", "relcl", "xcomp"} for g in c.children) for c in tok.children):
            return "THREAT", "130"  # "gave Islamabad 48 hours to free the prisoners": an ultimatum
        moved = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in self.movers] \
            if hit is None and lemma == "order" and tok.pos_ == "VERB" else []
        if moved and any(c.dep_ == "prep" and c.lower_ in {"into", "to"} and any(_named_place(o) for o in c.children)
                         for c in [*tok.children, *moved[0].children]):
            return "MOVEMENT", "154"  # "ordered two more ranger companies into Narathiwat"
        # "called the attacks cowardly": the parser may read the adjective as an adverb of the verb
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        named_as = any(c.dep_ == "oprd" or c.dep_ in {"advmod", "acomp"} and c.lower_.endswith("ly") and objects
                       and c.i == objects[0].right_edge.i + 1 for c in tok.children)
        if hit is None and lemma == "call" and tok.pos_ == "VERB" and named_as \
                and any(c.dep_ == "dobj" and (self.trigger(c) or ("",))[0] == "ATTACK" for c in tok.children):
            return "STATEMENT", "012"  # "called the bombing a heinous crime": a condemnation
        if hit is None and lemma == "call" and tok.pos_ == "VERB" and any(c.dep_ == "oprd" for c in tok.children) \
                and any(c.dep_ == "dobj" and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for c in tok.children):
            return "STATEMENT", "010"  # "called Pakistan a terrorist state", "called him a hero": a name given
        if hit is None and lemma == "call" and tok.pos_ == "VERB" and any(c.dep_ == "oprd" for c in tok.children) \
                and any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIM_NOUNS for c in tok.children):
            return "STATEMENT", "016"  # "called the accusation an obvious lie": a denial
        if hit is None and lemma == "call" and tok.pos_ == "VERB" and any(c.dep_ == "oprd" for c in tok.children) \
                and any(c.dep_ == "dobj" and c.lower_ in {"it", "them", "this", "that"} for c in tok.children):
            return "STATEMENT", "010"  # "called it a cowardly terrorist act": a judgement said aloud
        if hit is not None and hit[0] == "AGREEMENT" and lemma == "sign" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _DECREES for c in tok.children):
            return "STATEMENT", "010"  # "signed a decree declaring a day of mourning": one side decides
        if hit is not None and tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"any", "no"}
                                                          for c in tok.children):
            return None  # "any strike on Iran would bring war": no act, only one supposed
        if hit is not None and hit[0] == "ATTACK" and lemma == "hit" and any(
                c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in tok.children) \
                and not any(c.dep_ == "dobj" for c in tok.children) and any(
                    c.dep_ == "advcl" and c.lemma_.lower() in {"accuse", "say", "call", "dismiss", "charge"}
                    for c in tok.children):
            return "STATEMENT", "012"  # "the ministry hit back, accusing him of ...": a retort
        if hit is not None and hit[0] == "ATTACK" and lemma == "hit" and any(
                c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in tok.children) \
                and not any(c.dep_ == "dobj" or c.dep_ == "prep" and not (c.lower_ == "on" and all(
                    o.ent_type_ in {"DATE", "TIME"} for o in c.children if o.dep_ == "pobj")) for c in tok.children):
            return None  # "the party hit back on Tuesday: its spokesman said ...": a retort, told next
        if hit is not None and hit[0] == "ATTACK" and tok.pos_ == "VERB" and lemma in _WORDS_AS_BLOWS and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in _VIEWS and c.is_lower for c in tok.children):
            return "STATEMENT", "012"  # "attacked her handling of the pandemic": words against words, no blow
        if hit is not None and hit[0] == "ATTACK" and lemma in {"fire", "sack", "axe"} and tok.pos_ == "VERB" and any(
                c.dep_ in {"dobj", "nsubjpass"} and (c.ent_type_ == "PERSON" or c.lemma_.lower() in _POSTS)
                for c in tok.children):
            return None  # "Mugabe fired his vice-president": a dismissal, no shot
        if hit is not None and hit[0] == "ATTACK" and tok.pos_ == "NOUN" and tok.dep_ == "dobj" \
                and tok.head.lemma_.lower() in _INTENDS:
            return None  # "the cell had planned attacks on two barracks": none was made
        if hit is not None and tok.pos_ == "NOUN" and lemma in _SWOOPS and hit[0] == "ATTACK":
            verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
            if verb is not None and (self.kind(verb) or ("",))[0] == "ARREST":
                return None  # "was held in a police raid": the raid is the arrest's own
        if hit is not None and lemma in {"seize", "grab"} and any(
                c.dep_ in {"dobj", "nsubjpass"} and (c.ent_type_ == "PERSON" or c.lemma_.lower() in _SUSPECTS)
                for c in tok.children) and any(t.lemma_.lower() in {"police", "raid", "detective", "arrest"}
                                               for t in tok.sent):
            return "ARREST", "173"  # "the suspect was seized in a police raid": an arrest, not an assault
        if hit is not None and hit[0] == "MOVEMENT" and lemma in _JOURNEYS and any(
                c.dep_ == "prep" and c.lower_ == "for" and any(
                    o.dep_ == "pobj" and (self.trigger(o) or ("",))[0] == "MEETING" for o in c.children)
                for c in tok.children):
            return "MEETING", "042"  # "a delegation arrived in Bamako for talks": a visit
        if hit is not None and hit[0] == "ARREST" and lemma in {"capture", "recapture"} and tok.pos_ == "VERB":
            taken = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
            if taken and not any(c.ent_type_ in {"PERSON", "NORP"} or c.pos_ == "PRON"
                                 or c.lemma_.lower() in _SUSPECTS | _CAUGHT | self.agents for c in taken) \
                    and not self._caught_people(tok):
                # "recaptured Robotyne", "captured the road to Goma": ground taken; "recaptured the
                # initiative": nothing taken at all
                return ("ATTACK", "192") if any(c.pos_ == "PROPN" or c.lemma_.lower() in _GROUND_NOUNS | _ROUTES
                                                for c in taken) else None
        if hit is not None and lemma == "catch" and not self._caught_people(tok):
            return None  # "caught fire", "caught the world's attention", "was caught in the crossfire"
        if hit is not None and hit[0] == "MOVEMENT" and lemma == "march" and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in _CIVILIANS or c.dep_ == "advcl"
                and c.lemma_.lower() in {"carry", "chant", "wave", "demand", "shout"} for c in tok.children):
            return "PROTEST", "141"  # "residents marched through the town carrying placards"
        if hit is None:
            return None
        if hit[0] == "MEETING" and lemma in {"welcome", "hail", "greet"} and tok.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.is_lower and c.pos_ == "NOUN" and c.lemma_.lower() not in self.agents
                and ((self.trigger(c) or ("MEETING",))[0] not in {"MEETING", "MOVEMENT"}
                     or c.lemma_.lower() in _WELCOMED) for c in tok.children):  # not "welcomed the visit"
            return "STATEMENT", "013"  # "welcomed the accord", "welcomed the arrests": praise, no guest
        if lemma == "warn" and not _warns_of_own_act(tok, self.answers) \
                and not any(self._hostile_future(c) for c in tok.children if c.dep_ == "ccomp"):
            return "STATEMENT", "012"  # a warning about circumstances, not a threat
        if lemma in {"vow", "pledge", "promise", "swear"} and any(
                c.dep_ in {"xcomp", "advcl"} and (c.lemma_.lower() in self.retaliate or _pushes_on(c))
                or c.dep_ == "dobj" and c.lemma_.lower() in self.retaliation_nouns for c in tok.children):
            return "THREAT", "138"  # "vowed to pursue those responsible", "vowed revenge", "to go deeper into"
        if lemma in {"vow", "swear"} and any(
                c.dep_ == "ccomp" and any(a.lower_ in _MODAL_FUTURE for a in c.children if a.dep_ == "aux")
                and any(self._punitive(t) for t in c.subtree) for c in tok.children):
            # "vowed that the killers would be found and punished", "that all who planned the attack
            # would be tracked down": a promise of what will befall those who struck
            return "THREAT", "130"
        if hit[0] == "STATEMENT" and lemma in {"say", "tell", "vow", "pledge", "promise", "insist"} \
                and any(self._hostile_future(c) for c in tok.children if c.dep_ == "ccomp"):
            return "THREAT", "138"  # "told Geo News that Islamabad would continue to act against X"
        if hit == ("STATEMENT", "010") and lemma in {"say", "announce", "state", "confirm"} \
                and any(self._own_attack(c) for c in reported_clauses(tok)):
            return "STATEMENT", "015"  # "said one of its fighters had carried out the attack": a claim
        return hit

    def _punitive(self, tok: Token) -> bool:
        """A word of a promise that tells harm to someone: a word for retaliation, or an attack or arrest."""
        lemma = tok.lemma_.lower()
        return lemma in self.answers or (self.trigger(tok) or ("",))[0] in {"ATTACK", "ARREST"}

    def _own_attack(self, clause: Token) -> bool:
        """A reported clause that tells an attack by the speaker's own: "its fighters had carried out
        the attack", "it had killed the minister"."""
        verbs = [clause, *(c for c in clause.children if c.dep_ == "conj")]
        for verb in verbs:
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            own = any(t.lower_ in _SELF_REFERENCE for s in subjects for t in s.subtree)
            attack = (self.trigger(verb) or ("",))[0] == "ATTACK" or verb.lemma_.lower() in self.light and any(
                c.dep_ == "dobj" and (self.trigger(c) or ("",))[0] == "ATTACK" for c in verb.children)
            if own and attack:
                return True
        return False

    def _hostile_future(self, clause: Token) -> bool:
        """A reported clause that says the subject will act against someone: "would strike back",
        "will continue to act against militant sanctuaries"."""
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        # "strikes on land could begin very soon": attacks said to be coming
        coming = clause.lemma_.lower() in _GO_ON | {"begin", "start", "come"} and any(
            (self.kind(s_) or ("", ""))[0] == "ATTACK" for s_ in subjects)
        if auxes & {"could", "may", "might"} and coming:
            return True
        if any(a.dep_ == "acomp" and a.lemma_.lower() in {"ready", "prepared"} and any(
                x.dep_ == "xcomp" and x.lemma_.lower() in self.retaliate for x in a.children)
               for a in clause.children):
            return True  # "said America was prepared to retaliate": standing ready to strike back
        if not auxes & {"will", "would", "'ll", "shall"}:
            return False
        verbs = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
        if coming or any(v.lemma_.lower() in self.retaliate or any(
                p.dep_ == "prep" and p.lower_ == "against" for p in v.children) for v in verbs):
            return True
        # "would face retribution"; "will go on until the last fighter is driven out"
        if any(c.dep_ == "dobj" and c.lemma_.lower() in self.retaliation_nouns for v in verbs for c in v.children) \
                or any(c.dep_ == "advcl" and c.lemma_.lower() in self.retaliate for c in clause.children):
            return True
        # "its operations against the YPG would continue": a campaign against someone goes on
        return clause.lemma_.lower() in _GO_ON and any(
            p.dep_ == "prep" and p.lower_ == "against" and not _abstract_foe(p) for s_ in subjects for p in s_.children)

    def _speaks(self, index: DocIndex, verb: Token, *, nested: bool = False) -> bool:
        """Whether ``verb`` is itself reported as a threat or a statement event; with ``nested``,
        also a verb of saying that belongs to one ("threatened ..., saying in speeches that")."""
        kind = (self.kind(verb) or ("", ""))[0]
        if kind == "THREAT" or kind == "STATEMENT" and self._is_statement(index, verb):
            return True
        return nested and kind == "STATEMENT" and verb.dep_ in {"advcl", "xcomp", "conj"} \
            and verb.head != verb and self._speaks(index, verb.head)

    def _is_statement(self, index: DocIndex, tok: Token) -> bool:
        """A statement event needs a named speaker and something said (a clause, a quote, a claim)."""
        if tok.pos_ in {"NOUN", "PROPN"}:
            return True
        if tok.tag_ == "VBG" and tok.dep_ in {"advcl", "xcomp", "acl"} and not (
                tok.dep_ == "advcl" and tok.lemma_.lower() in self.charges and tok.head.pos_ == "VERB"
                and any(c.dep_ == "dobj" for c in tok.children)) and not (
                tok.dep_ == "advcl" and tok.head.pos_ == "VERB" and self.kind(tok.head) is None
                and not (tok.head.lemma_.lower() in self.light and any(c.dep_ == "dobj" and self.kind(c)
                                                                      for c in tok.head.children))
                and tok.lemma_.lower() in self.speech and any(c.dep_ == "ccomp" for c in tok.children)):
            # "..., saying it acts in solidarity": the manner of another act; but "suspended the
            # talks on Friday, accusing the group of war crimes" charges someone, a saying of its own,
            # and "offered to resign, saying he took responsibility" says what no event of its own tells
            return False
        if any(c.dep_ == "neg" for c in tok.children) or any(
                c.dep_ == "dobj" and c.lower_ in {"little", "nothing"} for c in tok.children):
            return False  # "Pakistan did not confirm the raids", "has said little in public": nothing was stated
        if tok.lemma_.lower() == "describe" and not any(c.dep_ == "dobj" and c.i > tok.i for c in tok.children):
            return False  # "what he described as sanctuaries": a gloss on a word, not a statement
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects and (tok.dep_ in {"ROOT", "advcl", "acl"} or tok.dep_ == "dep" and tok.head.pos_ == "VERB"
                             or tok.dep_ == "pcomp" and tok.head.lower_ == "by"):
            # a subject the parser left stranded, a conjunct's read as "dep", or the subject of the
            # act a charging participle hangs on
            subjects = self._subject(tok)
        if not subjects and tok.dep_ == "conj":  # "..., and the UN secretary-general, X, condemned it"
            subjects = _stranded_conjunct_subject(tok)
        if not subjects and tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"} \
                and any(c.dep_ == "ccomp" or c.dep_ == "dobj" and tok.lemma_.lower() in {"announce", "declare"}
                        or c.dep_ == "xcomp" and tok.lemma_.lower() in {"urge", "call", "appeal", "ask"}
                        for c in tok.children) \
                and not any((self.kind(v) or ("",))[0] == "STATEMENT"  # "released a video and claimed": one
                            for v in (tok.head, *(c for c in tok.head.children if c.dep_ == "dobj"))):
            # "X called it a step and said that ...", "flew to Cali and announced a reward", "flew
            # there, met deputies and told them that ...": the subject of the first verb of the chain
            first = tok.head
            while first.dep_ == "conj" and first.head.pos_ in {"VERB", "AUX"} and first.head.i < first.i:
                first = first.head
            subjects = [c for c in first.children if c.dep_ == "nsubj"]
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if passive:  # "the agreement was announced in Doha by X": the agent speaks
            subjects = [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        named = [e for s in subjects for e in index.np_entities(s, {"PERSON", "ORG", "PLACE"})
                 if index.type(e) != "PLACE" or index.subtype(e) == "country"]  # "Pakistan denied it"
        # "Aoun, who told him that ...", "He said afterwards that ...": the one the word stands for
        named += [e for s in subjects if s.lower_ in RELATIVE | PERSON_PRONOUNS
                  for e in index.refers(s, {"PERSON", "ORG"})[:1]]
        named += [e for s in subjects for e in self._medium_of(index, s)]  # "a post in the name of X"
        named += [e for s in subjects if s.lemma_.lower() in _SPEAKS_FOR  # "a spokesman for X"
                  for e in self._members_of(index, s)]
        named += [e for s in subjects if s.lemma_.lower() in self.speaking_bodies  # "the government of Ukraine"
                  for p in s.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"ORG", "PLACE"})
                  if index.type(e) == "ORG" or index.subtype(e) == "country"]
        named += [e for s in subjects for e in self._state_organ(index, s)]  # "the army said"
        if not named:
            return False
        content = [c for c in tok.children if c.dep_ in {"ccomp", "parataxis"}]
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.i < tok.i or content and content[0].i < tok.i:
            return False  # "..., US Central Command said.": a source of the report, not an event
        said = any(c.dep_ in {"ccomp", "dobj", "xcomp", "parataxis"} or c.dep_ == "prep" and c.lower_ == "for"
                   for c in tok.children) or tok.dep_ == "parataxis"  # "asked for", "called for" too
        said = said or passive and any(c.dep_ == "nsubjpass" for c in tok.children)  # "the deal was announced"
        # "called on Kiir to reverse the arrest", "appealed to the guarantors to intervene"
        said = said or tok.lemma_.lower() in {"call", "appeal"} and any(
            c.dep_ == "prep" and c.lower_ in {"on", "to"} for c in tok.children) and any(
            c.dep_ in {"advcl", "xcomp"} and c.pos_ == "VERB" for c in tok.children)
        said = said or bool(reported_clauses(tok))  # "said in a statement that", "said at the time that"
        # "an accusation the government rejected": the clause hangs on what was said
        said = said or tok.dep_ in {"relcl", "acl"} and tok.head.lemma_.lower() in {
            "accusation", "claim", "allegation", "report", "statement", "charge", "demand", "offer"}
        return said

    def _merge(self, index: DocIndex, drafts: list[_Draft], d: _Draft, headline_end: int) -> bool:
        """Fold ``d`` into an earlier draft it repeats; True when it was folded.

        Triggers of one type in one clause chain ("mobilized ... and then transferred", "detonated
        explosives, killing himself") are one event; a definite noun ("the bombing", "the
        mobilization") names an event already reported in the body."""
        tok = d.trigger
        definite = tok.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in tok.children)
        # "the text was signed", "ratified the deal": an agreement signed again by its definite name
        definite = definite or d.type == "AGREEMENT" and tok.pos_ in {"VERB", "AUX"} and any(
            p.dep_ in {"nsubjpass", "dobj"} and any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE
                                                     for c in p.children) for p in tok.children)
        # "the attacks of 11 September 2001", "the 2015 bombing": a date of the noun's own names
        # another happening, not the one the article is about
        own_date = any(t.ent_type_ == "DATE" for t in tok.subtree if t.i != tok.i)
        # ("Operation Shujaa, the joint offensive against the ADF": an apposition describes a name)
        if definite and tok.i >= headline_end and not own_date and tok.dep_ != "appos":
            # "condemned the bombing": the main event of that type the body reported first
            told = [p for p in drafts if p.type == d.type and p.trigger.i >= headline_end]
            # "the Cali bombing": of several, the one told at the place the noun names; "those
            # killings", "this attack": the one told last
            own = set(index.np_entities(tok, {"PLACE"}))
            pointing = any(c.dep_ == "det" and c.lower_ in {"this", "that", "these", "those"} for c in tok.children)
            first = next((p for p in told if own & set(p.locations)), None) or (
                told[-1] if pointing and told else next(iter(told), None))
            if first is not None:
                if any(index.subtype(loc) != "country" for loc in first.locations) \
                        and tok.head.lemma_.lower() not in _TAKE_PLACE:
                    d.locations = []  # the places of the sentence that names it again are its own
                # ("... in western Niger. The massacre took place in Fambita": where, more exactly)
                _absorb(first, d)
                return True
        if d.type == "ATTACK" and d.orphan and not d.actors and not d.locations and d.time is None \
                and tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in {"kill", "wound", "injure", "slaughter"}:
            # "The carrier came under fire west of Hodeidah ... It sank. At least four of the crew were
            # killed": a toll told in the passive right after an attack, with no place, date or doer of
            # its own, is that attack's
            prev = next((p for p in reversed(drafts) if p.type == "ATTACK"), None)
            if prev is not None and "\n" not in tok.doc.text[prev.trigger.idx:tok.idx] \
                    and len({t.sent.start for t in tok.doc[prev.trigger.i:tok.i + 1]}) <= 3:
                _absorb(prev, d)
                return True
        for prev in reversed(drafts):
            ptok = prev.trigger
            one = ONE_HAPPENING.get(frozenset({prev.type, d.type}))
            # ("told reporters that the attack was planned abroad and vowed that all involved would be
            # hunted down": two things said, a statement and a threat, each with its own clause)
            # ("called the bombing a heinous crime and vowed that ...": a condemnation has its own content)
            own_say = one == "THREAT" and all(any(c.dep_ in {"ccomp", "oprd"} for c in t.children) for t in (tok, ptok))
            if one and not own_say and ptok.sent.start == tok.sent.start and (
                    tok.dep_ == "conj" and tok.head == ptok or ptok.dep_ == "conj" and ptok.head == tok):
                if d.type == one:
                    prev.type, prev.cameo = d.type, d.cameo
                _absorb(prev, d)
                return True
            if prev.type != d.type:
                continue
            same_sentence = ptok.sent.start == tok.sent.start
            # "was killed in a US strike": the noun names the act the verb reports
            means = any(a.pos_ in {"NOUN", "PROPN"} and a.dep_ == "pobj" and a.head.lower_ in {"in", "by", "during"}
                        and a.head.head == b for a, b in ((tok, ptok), (ptok, tok)))
            linked = same_sentence and (means or tok.head == ptok or ptok.head == tok or (
                (tok.is_ancestor(ptok) or ptok.is_ancestor(tok))
                and (tok.dep_ in {"conj", "advcl", "xcomp"} or ptok.dep_ in {"conj", "advcl", "xcomp"})))
            # "X condemned the attack, and Y said ...", "X dismissed them, while Y complained that ...",
            # "the North fired first, and the South fired back": joined clauses with subjects of
            # their own are two happenings, each with its own doer
            if linked and (tok.dep_ in {"conj", "advcl"} or ptok.dep_ in {"conj", "advcl"}):
                speakers = [{e for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}
                             for e in (index.refers(c, {"PERSON", "ORG"}) if c.lower_ in PERSON_PRONOUNS
                                       else index.np_entities(c, {"PERSON", "ORG", "PLACE"}))} for t in (tok, ptok)]
                # ("US President X said ..., and US Secretary of State Y said ...": two people, though
                # both titles name the one state)
                people = [{e for e in sp if index.type(e) == "PERSON"} for sp in speakers]
                linked = not (all(speakers) and not speakers[0] & speakers[1]
                              or all(people) and not people[0] & people[1])
            if linked:
                _absorb(prev, d)
                return True
        return False

    def _attack_code(self, d: _Draft) -> str:
        """The CAMEO detail of an attack, from the words of its sentences; else its trigger's code."""
        text = " ".join(t.sent.text.lower() for t in d.tokens)
        words = set(re.findall(r"[a-z]+", text))
        named = next((code for code, cues in self.attack_codes
                      if any((w in words) if " " not in w else (w in text) for w in cues)), d.cameo)
        if named.startswith("19") and self.mass_min and self._death_toll(d) >= self.mass_min:
            return self.mass_code  # plain fighting or killing, but on the scale of a massacre
        return named

    def _death_toll(self, d: _Draft) -> int:
        """The largest number of people the attack's own killing verbs name as dead ("killing more
        than 140 people", "killed hundreds of villagers"); 0 when none is given. Only verbs that are
        the attack's triggers or hang on one count, so a toll of another attack told in the same
        sentence ("came a month after fighters killed hundreds") is not this one's."""
        best = 0
        for trig in d.tokens:
            verbs = [trig, *(c for c in trig.children if c.dep_ in {"advcl", "conj", "xcomp"})]
            verbs += [g for v in list(verbs) for g in v.children if g.dep_ in {"advcl", "conj"}]
            for verb in verbs:
                if verb.lemma_.lower() not in self.mass_verbs:
                    continue
                for victim in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"}):
                    best = max(best, self._count(victim))
        return best

    def _count(self, noun: Token) -> int:
        """How many people ``noun`` counts: "140 people", "hundreds of people"; 0 if not people."""
        lemma = noun.lower_
        if lemma in self.count_words:  # "hundreds of people"
            of = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
            return self.count_words[lemma] if any(o.lemma_.lower() in self.mass_victims for o in of) else 0
        if noun.lemma_.lower() not in self.mass_victims:
            return 0
        for num in (c for c in noun.children if c.dep_ == "nummod"):
            text = num.text.replace(",", "")
            if text.isascii() and text.isdigit():
                return int(text)
            if num.lower_ in self.count_words:
                return self.count_words[num.lower_]
        return 0

    def _credit_claims(self, drafts: list[_Draft]) -> None:
        """ "X claimed responsibility": X (and the group X speaks for) is an actor of the attack
        the text reports. Runs after organisations join their spokesmen's statements."""
        for claim in [d for d in drafts if d.type == "STATEMENT" and d.cameo == "015" and d.actors]:
            attacks = [d for d in drafts if d.type == "ATTACK" and d.trigger.i < claim.trigger.i] or \
                [d for d in drafts if d.type == "ATTACK"]
            if not attacks:
                continue
            said = {t.i for c in claim.trigger.children if c.dep_ in {"dobj", "prep"} for t in c.subtree}
            named = [a for a in attacks if any(t.i in said for t in a.tokens)]
            target: _Draft | None
            if named:  # "claimed the bombing in Kabul": the attack it names
                target = named[0]
            elif any((self.trigger(claim.trigger.doc[i]) or ("",))[0] == "ATTACK" for i in said):
                # "claims many of those killings": attacks told just before, not the one the story is about
                target = attacks[-1] if attacks[-1].trigger.i < claim.trigger.i else None
            else:
                target = next((a for a in attacks if not a.actors), attacks[0])
            if target is not None:
                _add(target.actors, claim.actors)

    def _credit_blame(self, index: DocIndex, drafts: list[_Draft], headline_end: int) -> None:
        """ "Officials blamed Viv Ansanm", "blamed the attack on X", "said X was behind it": an attack
        told with no one doing it is the act of the one the text then blames. Runs after claims, so
        that a group's own claim comes first ("an attack that Iranian leaders had blamed on Israel")."""
        attacks = [d for d in drafts if d.type == "ATTACK" and d.trigger.i >= headline_end]
        if not attacks:
            return
        doc = attacks[0].trigger.doc
        for tok in doc[headline_end:]:
            found = self._blamed(index, tok)
            if found is None:
                continue
            accused, act = found
            # (and an attack the blaming sentence goes on to tell: "accused the Houthis of firing
            # missiles at the airport ..., an attack that killed 25")
            before = [d for d in attacks if d.trigger.i < tok.i or act is None and d.trigger.sent == tok.sent]
            if act is None and any(d.actors for d in before):
                continue  # a doer is already named ("ISKP said one of its fighters ... blamed the Khawarij")
            if act is None:  # "Officials blamed Viv Ansanm": every attack told so far with no doer, and a place
                targets = [d for d in before if not d.actors and d.locations] or before[-1:]
            elif act.pos_ == "PRON" or act.lower_ in RELATIVE:  # "... was behind it": the last attack told
                targets = before[-1:]
            else:
                targets = [d for d in attacks if any(t.i == act.i for t in d.tokens)][:1]
            for target in (t for t in targets if not t.actors):
                _add(target.actors, accused)
                target.participants = [p for p in target.participants if p not in accused]

    def _blamed(self, index: DocIndex, tok: Token) -> tuple[list[str], Token | None] | None:
        """Who ``tok`` blames, and for which act (a noun or pronoun; None when the text leaves it to
        the reader): "blamed X for the attack", "blamed it on X", "accused X of carrying out the
        bombing", "X was behind the attack"."""
        lemma = tok.lemma_.lower()
        if lemma not in {"blame", "accuse", "be", "fall"} or any(c.dep_ == "neg" for c in tok.children) \
                or _irrealis(tok, self.realis_heads) or _doubted(tok):
            return None

        def attack(t: Token) -> bool:
            return (self.kind(t) or ("",))[0] == "ATTACK"

        def objects(prep: str) -> list[Token]:
            return [o for c in tok.children if c.dep_ == "prep" and c.lower_ == prep
                    for o in c.children if o.dep_ in {"pobj", "pcomp"}]

        def act_of(t: Token) -> Token:
            # "an attack that officials blamed on X": the relative stands for the noun its clause hangs on
            return tok.head if t.lower_ in RELATIVE and tok.dep_ == "relcl" else t

        direct = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        if lemma == "blame" and tok.pos_ == "VERB":
            on, on_what = objects("on"), objects("for")
            if not on and direct and attack(direct[0]):  # the parser may hang "on X" on the noun
                on = [o for c in direct[0].children if c.dep_ == "prep" and c.lower_ == "on"
                      for o in c.children if o.dep_ == "pobj"]
            if on and direct:  # "blamed the attack on X", "the attack was blamed on X"
                act = act_of(direct[0])
                if attack(act) or act.pos_ == "PRON" or act is not direct[0]:
                    # ("blamed it on the Islamic State's branch in the Sahel": a part, not the whole, did it)
                    return [e for o in on if not _part_named(o) for e in index.np_entities(o, ACTOR_TYPES)], act
                return None
            if not direct or attack(direct[0]):
                return None  # "blamed Pakistani air strikes": what is blamed is an act, not its doer
            if on_what and not (attack(on_what[0]) or on_what[0].pos_ == "PRON"):
                return None  # "blamed foreign websites for radicalising young men"
            # "blamed fighters of the Islamic State in the Greater Sahara": the group they belong to
            accused = [] if _part_named(direct[0]) else index.np_entities(direct[0], ACTOR_TYPES) or [
                e for p in direct[0].children if p.dep_ == "prep" and p.lower_ == "of"
                and direct[0].lemma_.lower() in self.agents for o in p.children if o.dep_ == "pobj"
                for e in index.np_entities(o, {"ORG"})]
            return (accused, on_what[0] if on_what else None) if accused else None
        if lemma == "accuse" and tok.pos_ == "VERB" and direct:
            # "of the bombing", "of attacking", "of carrying out the attack"; not "of sheltering the
            # TTP, which has killed hundreds"
            # (the parser may hang "of firing ..." on the one accused)
            of = objects("of") or [o for c in direct[0].children if c.dep_ == "prep" and c.lower_ == "of"
                                   for o in c.children if o.dep_ in {"pobj", "pcomp"}]
            acts = [t for o in of for t in (o, *(c for c in o.children if c.dep_ == "dobj"
                                                 and o.lemma_.lower() in self.light)) if attack(t)]
            # "..., an attack that killed 25": an attack noun set after the charge is the act charged
            acts += [c for c in direct[1:] if c.pos_ == "NOUN" and attack(c)] if acts else []
            accused = index.np_entities(direct[0], ACTOR_TYPES)
            if acts and accused:  # "accused X of carrying out the bombing"
                nouns = [t for t in acts if t.pos_ in {"NOUN", "PROPN"}]
                return accused, nouns[0] if nouns else None
            return None
        if lemma == "fall" and any(c.dep_ == "nsubj" and c.lemma_.lower() in {"suspicion", "blame"}
                                   and not any(d.lower_ in {"no", "little"} for d in c.children)
                                   for c in tok.children):
            # "Suspicion fell at once on the MFDC": the text's suspect for the attacks told so far
            accused = [e for o in objects("on") if not _part_named(o) for e in index.np_entities(o, ACTOR_TYPES)]
            return (accused, None) if accused else None
        if lemma == "be" and (behind := objects("behind")):  # "X was behind the attack", "... behind it"
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            accused = [e for s in subjects for e in index.np_entities(s, ACTOR_TYPES)]
            if accused and (attack(behind[0]) or behind[0].pos_ == "PRON"):
                return accused, behind[0]
        return None

    def _with_organisations(self, drafts: list[_Draft], relations: list[Relation]) -> None:
        """A person who acts for an organisation named in the text brings it along as an actor:
        "X, a commander of JuA, claimed the attack" is JuA's claim too."""
        serves: dict[str, list[str]] = {}
        for r in relations:
            if r.type in {"leader_of", "deputy_leader_of", "official_of", "member_of"}:
                serves.setdefault(r.source, []).append(r.target)
        for d in drafts:
            if d.type in {"STATEMENT", "THREAT"}:  # a spokesman speaks for his organisation
                for actor in list(d.actors):
                    _add(d.actors, serves.get(actor, []))

    @staticmethod
    def _places_told_next(index: DocIndex, drafts: list[_Draft]) -> None:
        """ "... killed 41 people in a raid on a school in western Uganda. The attackers struck before
        midnight. Their target was Lhubiriha Secondary School, in the town of Mpondwe": a happening
        whose place the text gives only as a country (or not at all) took place where the next
        sentences, which tell no other happening's place, say."""
        doc = drafts[0].trigger.doc if drafts else None
        if doc is None:
            return
        placed = {t.sent.start for d in drafts if d.locations for t in d.tokens}
        for d in drafts:
            # (a move with no "to" phrase, "flew in on Friday", is no trip to a place the next sentences name)
            near = [*d.trigger.children, *(g for c in d.trigger.children if c.dep_ == "dobj" for g in c.children)]
            aimed = any(c.dep_ in {"prep", "dative"} and c.lower_ in {"to", "into", "toward", "towards", "for"}
                        for c in near)
            if d.type in {"STATEMENT", "THREAT"} or not d.actors or d.type == "MOVEMENT" and not aimed \
                    or any(index.subtype(loc) != "country" for loc in d.locations):
                continue
            sent, breaks = d.trigger.sent, 0
            for _ in range(2):  # the next two sentences, within the paragraph or the next one
                if sent.end >= len(doc):
                    break
                breaks += doc.text[sent.start_char:doc[sent.end].idx].count("\n\n")  # the breaks after it
                if breaks > 1:
                    break
                sent = doc[sent.end].sent
                if sent.start in placed:
                    break  # another happening's place
                found = [m.id_ for m in index.mentions if sent.start <= m.start < sent.end
                         and index.type(m.id_) == "PLACE" and index.subtype(m.id_) != "country"]
                if found:
                    _add(d.locations, found)
                    break

    @staticmethod
    def _carry_places(drafts: list[_Draft]) -> None:
        """A happening with no place of its own, told in the same paragraph right after one that
        has a place, happened there: "ISWAP surrounded him in the Sambisa Forest. ... Rather than
        surrender, he detonated explosives." Statements and threats carry and take nothing."""
        located = [d for d in sorted(drafts, key=lambda d: d.trigger.i) if d.type not in {"STATEMENT", "THREAT"}]
        for d in located:
            if d.locations:
                continue
            # the last mention before it of a happening that has a place: a repeat folded into an
            # earlier event counts where it is told ("signed an agreement in Doha. ... The text was
            # signed at a ceremony ... Pompeo attended and later met Baradar")
            told = [(t.i, prev) for prev in located if prev is not d and prev.locations
                    for t in prev.tokens if t.i < d.trigger.i]
            if not told:
                continue
            at, prev = max(told, key=lambda p: p[0])
            doc = d.trigger.doc
            between = doc.text[doc[at].idx:d.trigger.idx]
            sents = {t.sent.start for t in doc[at:d.trigger.i + 1]}
            if "\n" not in between and len(sents) <= 3:
                d.locations = list(prev.locations)
        # "under an agreement signed on Monday by A and B. The two men met at the palace in Damascus":
        # a deal or meeting with no place takes that of the one told in the next sentence between
        # the same people
        talks = [d for d in located if d.type in {"AGREEMENT", "MEETING"}]
        for d, nxt in itertools.pairwise(talks):
            if d.locations or not nxt.locations or not d.actors \
                    or not set(d.actors + d.participants) <= set(nxt.actors + nxt.participants):
                continue
            doc = d.trigger.doc
            between = doc.text[d.trigger.idx:nxt.trigger.idx]
            if between.count("\n\n") <= 1 and len({t.sent.start for t in doc[d.trigger.i:nxt.trigger.i + 1]}) <= 2:
                d.locations = list(nxt.locations)  # the next sentence, even where a paragraph opens

    @staticmethod
    def _fold_details(index: DocIndex, drafts: list[_Draft]) -> list[_Draft]:
        """ "X and Y have signed a charter ... The document was signed late on Saturday in Nairobi": a
        happening told again right after, with no one named as doing it, is the same one, and its
        place and date are the first telling's where that gave none."""
        out: list[_Draft] = []
        for d in sorted(drafts, key=lambda d: d.trigger.i):
            prev = next((p for p in reversed(out) if p.type == d.type), None)
            if d.actors or prev is None or not prev.actors or d.type in {"STATEMENT", "THREAT"} or not d.locations:
                out.append(d)
                continue
            doc = d.trigger.doc
            sents = {t.sent.start for t in doc[prev.trigger.i:d.trigger.i + 1]}
            if len(sents) > 3:
                out.append(d)
                continue
            if not prev.locations or all(index.subtype(loc) == "country" for loc in prev.locations):
                # "killed in the forests of central India ... killed in the Abujhmarh area of
                # Narayanpur district": the retelling says where in the country
                _add(prev.locations, d.locations)
            if prev.time is None:
                prev.time = d.time
            _add(prev.participants, [p for p in d.participants if p not in prev.actors])
            prev.tokens.append(d.trigger)
        return out

    @staticmethod
    def _retold_moves(drafts: list[_Draft]) -> list[_Draft]:
        """ "X has moved to Kunar ... According to the officials, X relocated with his deputy": a later
        movement by the same mover that names no place retells the one told before, with more detail."""
        out: list[_Draft] = []
        for d in sorted(drafts, key=lambda d: d.trigger.i):
            prev = next((p for p in reversed(out) if p.type == "MOVEMENT" and p.locations
                         and set(p.actors) & set(d.actors)), None) if d.type == "MOVEMENT" and not d.locations else None
            if prev is not None:
                _absorb(prev, d)
                continue
            out.append(d)
        return out

    def _fold_headline(self, drafts: list[_Draft], headline_end: int) -> list[_Draft]:
        """A headline summarises the body: its events are evidence for the first body event of their
        type, and lend it actors only when the body names none, and a place when the body names none
        and the headline one ("Arrests in Russia, Tajikistan and Turkey" sums up three arrests; its
        places belong to none of them alone)."""
        out = []
        for d in drafts:
            if d.trigger.i < headline_end:
                body = next((b for b in drafts if b.type == d.type and b.trigger.i >= headline_end), None)
                if body is not None:
                    if not body.actors:
                        _add(body.actors, d.actors)
                    if not body.locations and len(d.locations) == 1:
                        _add(body.locations, d.locations)  # "... attacked trench diggers at Barsalogho"
                    body.tokens.insert(0, d.trigger)
                    continue
            out.append(d)
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc._.tw_events = self.extract(doc)
        return doc



# those one receives as a host: "the president received the delegation"
_VISITORS = {"delegation", "envoy", "visitor", "guest", "counterpart", "minister", "official", "leader", "team",
             "representative", "ambassador", "president", "mission", "diplomat", "emissary", "commander", "chief"}
# the unnamed arms of a state or group, as the subject of what a leader warns will happen
_OWN_FORCES = {"force", "army", "military", "troop", "police", "government", "fighter"}
# objects that make an attack verb mean something else ("seized power", "struck a deal")
_NOT_TARGETS = {"power", "deal", "agreement", "accord", "bargain", "balance", "chord", "tone", "pose"}
# where a saying is made: the occasion it is made at, and the people it is told to
_OCCASIONS = {"speech", "address", "sermon", "funeral", "rally", "conference", "briefing", "ceremony", "service",
              "mass", "vigil", "gathering", "commemoration", "memorial", "event", "session"}
_AUDIENCES = {"mourner", "crowd", "reporter", "journalist", "supporter", "worshipper", "congregation", "audience",
              "gathering", "rally", "lawmaker", "parliament", "troop", "soldier"}
# people who speak or act for someone a possessive names, and are not that person
_KIN_OF = KIN_WORDS | {"parent", "family", "relative", "lawyer", "attorney", "neighbour", "neighbor", "friend",
                       "colleague"}
_VEHICLES = {"helicopter", "plane", "aircraft", "jet", "drone", "convoy", "ship", "warship", "boat", "vessel", "tank",
             "truck", "vehicle", "column", "patrol"}
_SPOKEN_PREPS = {"at", "in", "from", "inside", "outside"}
_MODAL_FUTURE = {"will", "would", "shall", "should", "must", "'ll", "wo"}
# people whom the police seize
_SUSPECTS = {"suspect", "man", "woman", "gunman", "militant", "fugitive", "leader", "commander"}
# ways that can be taken and held ("captured the road to Goma")
_ROUTES = {"road", "highway", "bridge", "hill", "hilltop", "pass", "junction", "route", "ridge", "height", "heights"}
# a journey that is a visit when its purpose is a meeting ("arrived in Bamako for talks")
_JOURNEYS = {"arrive", "travel", "fly", "come", "go", "head", "return"}
# people that are caught, besides suspects ("the escapees were caught")
_CAUGHT = {"escapee", "fugitive", "prisoner", "inmate", "attacker", "bomber", "smuggler", "member",
           "fighter", "rebel", "insurgent", "jihadist", "assailant", "kidnapper", "killer", "robber", "thief"}
# operations in which people are seized
_SWOOPS = {"raid", "operation", "sweep", "swoop", "crackdown"}
# people whose march is a protest, not a troop movement
_CIVILIANS = {"resident", "protester", "protestor", "demonstrator", "student", "woman", "mourner", "worker",
              "villager", "citizen", "activist", "farmer", "teacher", "parent", "supporter", "people"}
# the people who live in a place ("residents of Qatif")
_INHABITANTS = {"resident", "villager", "inhabitant", "people", "citizen", "townspeople", "townsfolk"}
# armed men, whose crowd does not protest ("dozens of fighters blocked the road")
_ARMED_MEN = {"fighter", "militant", "gunman", "soldier", "troop", "insurgent", "rebel", "jihadist", "policeman",
              "police", "officer", "guard", "militiaman", "attacker", "bandit"}
# what a crowd blocks in protest ("blocked the main road")
_ROADS = {"road", "highway", "street", "bridge", "crossing", "junction", "motorway", "railway", "route", "access"}
# words for a crowd that protests ("thousands rallied", "crowds marched")
_CROWDS = {"thousand", "hundred", "dozen", "crowd", "throng", "mob", "group", "gathering"}
# what is said of others, that "calling it a lie" denies
_CLAIM_NOUNS = {"accusation", "allegation", "claim", "charge", "report", "rumour", "rumor", "story"}
# what one side signs alone: no agreement between two
_DECREES = {"decree", "order", "law", "bill", "ordinance", "proclamation"}
# what a warned act "would bring" that makes the warning a threat
_WAR_WORDS = {"war", "fire", "bloodshed", "destruction"}

# things one welcomes by saying so, beside the events the trigger lists name ("welcomed the verdict")
_WELCOMED = {"decision", "move", "step", "verdict", "ruling", "news", "announcement", "plan", "proposal", "initiative",
             "release", "resolution", "outcome", "result", "report", "commitment", "pledge", "offer", "appointment"}


def _is_crowd(tok: Token) -> bool:
    """ "Dozens of mourners", "thousands", "residents": people no one names (the lemma of a word
    that opens a text's body may be left capitalised, so its plain form is read too)."""
    words = {tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s")}
    return bool(words & (_CIVILIANS | _CROWDS))


def _armed_crowd(tok: Token) -> bool:
    """ "Dozens of Taliban fighters", "a group of gunmen": a crowd of armed men, or of a named group."""
    counted = [tok, *(o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj")]
    return any(t.lemma_.lower() in _ARMED_MEN or t.ent_type_ in {"ORG", "NORP"} for c in counted
               for t in (c, *(m for m in c.children if m.dep_ in {"compound", "amod", "nmod"})))


def _apposed_subject(verb: Token) -> list[Token]:
    """ "Michelle Bachelet, the UN human rights chief, called for ...": the parser may hang the main
    verb on the apposition as a modifier and make the name the sentence's root; the name acts."""
    doc = verb.doc
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBZ", "VBN"} or verb.i < 1 or doc[verb.i - 1].text != "," \
            or verb.sent.root.pos_ in {"VERB", "AUX"}:
        return []
    if noun.dep_ == "appos":
        noun = noun.head
    # (the sentence has no verb of its own: the name is its root, so the verb is the name's)
    return [noun] if noun.pos_ == "PROPN" and noun == verb.sent.root else []


def _warns_of_own_act(tok: Token, answers: set[str]) -> bool:
    """ "warned that insults would not be tolerated", "warned of retaliation": a threat; "warned that
    tension was shifting": a comment."""
    for c in tok.children:
        if c.dep_ == "ccomp" and any(t.dep_ == "aux" and t.lower_ in {"will", "would", "'ll", "wo"} for t in c.subtree):
            # "warned it would strike back": the warner's own act; "warned that rival administrations
            # would deepen the split": a forecast about others, a comment
            # (not "if the government tried it, there would be no life left": a condition set is a threat)
            conditional = any(a.dep_ == "expl" or a.dep_ == "advcl" and any(m.lower_ in {"if", "unless"}
                                                                           for m in a.children) for a in c.children)
            own = any(s.dep_ in {"nsubj", "nsubjpass"} and (s.pos_ == "PRON" or any(
                p.dep_ == "poss" and p.lower_ in {"its", "their", "our", "his", "her"} for p in s.children))
                for s in c.children)  # "warned that its response would be painful": the warner's own act
            if c.lemma_.lower() == "be" and not conditional and not own and any(
                    a.dep_ in {"attr", "acomp"} and a.is_lower and a.lemma_.lower() not in answers | _WAR_WORDS
                    for a in c.children):
                continue  # "warned that the cuts would be a catastrophe": a judgement, no act of the warner's
            subjects = [s for s in c.children if s.dep_ == "nsubj"]
            if not subjects or any(s.pos_ == "PRON" for s in subjects) or c.lemma_.lower() in answers:
                return True
            if any(s.lemma_.lower() in _OWN_FORCES and s.is_lower for s in subjects):
                return True  # "warned that the security forces would resume operations": the warner's forces
            if any(p.dep_ == "poss" and p.lower_ in {"its", "their", "our"} for s in subjects for p in s.children):
                return True  # "warned that its soldiers would shoot": the warner's own men
            if any(t.lemma_.lower() == "target" and t.pos_ == "NOUN" for s in subjects for t in s.subtree):
                return True  # "warned that the group's list of targets would keep growing"
            if any(o.dep_ == "dobj" and o.lemma_.lower() in answers | _WAR_WORDS for o in c.children):
                return True  # "warned that a strike on Iran would bring war": the answer it gives
        if c.dep_ == "prep" and c.lower_ in {"of", "against"} and any(t.lemma_.lower() in answers for t in c.subtree):
            return True
    return not any(c.dep_ == "ccomp" for c in tok.children)


def _part_named(noun: Token) -> bool:
    """ "the Islamic State's branch in the Sahel": an unnamed part of a named organisation."""
    return noun.lemma_.lower() in {"branch", "affiliate", "wing", "faction", "offshoot", "franchise", "cell", "unit"} \
        and any(c.dep_ == "poss" for c in noun.children)


def _doubted(tok: Token) -> bool:
    """The clause is asked, doubted, denied or only possible: "denied that the TTP was behind it", "it
    is unclear whether X was behind it", "X may have been behind it"."""
    if any(c.dep_ == "aux" and c.lower_ in {"may", "might", "could"} for c in tok.children):
        return True
    node = tok
    while True:
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in node.children) \
                or node is not tok and node.lemma_.lower() in _DENIALS | _FEARS | {"unclear", "question", "wonder"}:
            return True
        if node.head is node or node.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "acomp"}:
            return False
        node = node.head


def _generic_present(tok: Token) -> bool:
    """ "The jihadists move freely between three countries", "who is believed to move between A and
    B": what someone does as a rule, in the simple present, is no one journey."""
    if tok.pos_ != "VERB":
        return False
    if tok.tag_ in {"VBZ", "VBP"}:
        return not any(c.dep_ in {"aux", "auxpass"} for c in tok.children)
    # "is believed to move", "is said to move": the raising verb carries the present
    return tok.tag_ == "VB" and tok.dep_ == "xcomp" and tok.head.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in tok.head.children)


def _no_journey(tok: Token) -> bool:
    """ "returned to power", "has flown drones over the mountains", "flew for the airline X": words
    of movement that move no one."""
    lemma = tok.lemma_.lower()
    if lemma == "return" and any(o.lemma_.lower() == "power" for o in _pobjs(tok, {"to"})):
        return True
    return lemma == "fly" and (any(c.dep_ == "dobj" and c.lemma_.lower() in {"drone", "sortie", "mission", "flag"}
                                   for c in tok.children) or bool(_pobjs(tok, {"for"})))


def _charged_kind(tok: Token) -> bool:
    """A bare plural act charged to someone ("accused ETIM of attacks in Xinjiang", "blamed it for
    bombings"): a kind of act, with no article, number or owner to make it one happening."""
    if tok.tag_ != "NNS" or tok.dep_ != "pobj" or tok.head.lower_ not in {"of", "for"} \
            or any(c.dep_ in {"det", "poss", "nummod", "relcl", "acl"} for c in tok.children):
        return False
    # (not "of attacks on Monday that killed 12": told with a date of their own; the parser may hang
    # the date and the clause on the verb, right after the noun's phrase)
    after = tok.doc[tok.right_edge.i + 1:tok.right_edge.i + 3]
    if any(t.ent_type_ in {"DATE", "TIME"} for t in tok.subtree) \
            or any(t.ent_type_ in {"DATE", "TIME"} and t.head.i in range(tok.i, tok.right_edge.i + 3) for t in after):
        return False
    verb = tok.head.head
    while verb.dep_ in {"dobj", "pobj", "prep"} and verb.head != verb:
        verb = verb.head  # (the parser may hang "of attacks" on the one accused)
    return verb.lemma_.lower() in {"accuse", "blame", "charge", "suspect"}


def _habitual(tok: Token) -> bool:
    """A perfect verb over a span of years ("has fought the government for nearly two decades"): a
    state of affairs, not one happening. ("has attacked dozens of ships since November" is a
    campaign the text reports, and stays.)"""
    if tok.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children):
        return False
    heads = [tok, *(c for c in tok.children if c.dep_ in {"xcomp", "advcl"})]  # "has fought to topple X for decades"
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(o.lemma_.lower() in {"year", "decade"} for o in c.subtree)
           for h in heads for c in h.children):
        return True
    # "a branch that has been fighting the army ... since late 2012": an ongoing war since a year
    # (the parser may hang "since" on the last noun before it: the phrase must reach the verb through
    # nouns and prepositions, not another verb nor a superlative's noun, "the deadliest assault since 2017")
    return tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ == "been" for c in tok.children) and any(
        c.lower_ == "since" and any(o.like_num and len(o.text) == 4 for o in c.subtree) and _reaches(c, tok)
        for c in tok.doc[tok.i + 1:tok.sent.end])


def _reaches(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` hangs on ``verb`` through nouns and prepositions only."""
    node = tok.head
    while node != verb:
        if node.pos_ in {"VERB", "AUX"} or node.head == node or any(c.tag_ == "JJS" for c in node.children):
            return False
        node = node.head
    return True


def _named_place(tok: Token) -> bool:
    """The token is part of a name the entity stage typed as a place."""
    return any(m.label_ == "PLACE" and m.start <= tok.i < m.end for m in tok.doc.spans.get(MENTION_KEY, []))


def _irrealis(tok: Token, realis_heads: set[str]) -> bool:
    """A verb that reports no happening: a future, an intention, a purpose ("were going to fight",
    "to discuss", "will attack"). Nouns and verbs reported as done are kept."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    if aux & _MODAL_FUTURE:
        return True
    if aux & {"could", "might", "may"} and "have" not in aux:
        return True  # "could still hit Ugandan soil": a possibility ("may have killed" is a hedged past)
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in {"stop", "cease", "halt", "quit"}:
        return True  # "agreed to stop killing each other"
    if tok.tag_ == "VB" and not aux and tok.dep_ in {"ccomp", "xcomp"} and tok.head.i < tok.i \
            and _irrealis(tok.head, realis_heads):
        return True  # "a bill which would let police detain suspects": a bare verb under an unreal one
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and (c.lower_ == "unless" or c.lower_ == "if" and not (
            c.i > 0 and tok.doc[c.i - 1].lower_ == "even")) for c in tok.children):
        # "the strikes would grow heavier unless the troops withdrew", "if the president had not
        # agreed to go": a condition, not a happening
        return True
    if "to" in aux:
        # "claimed to have taken Goma", "is believed to have planned": a perfect infinitive tells a
        # past act (its hedge and source come from the verb it hangs on)
        head = tok.head
        # "convoys were said to be heading to the capital", "is believed to have planned": a report
        # of a happening (hedged by the words around it), not an intention
        reported = head.lemma_.lower() in _RAISING_REPORTS and any(c.dep_ == "auxpass" for c in head.children)
        return head.lemma_.lower() not in realis_heads and not reported and not ("have" in aux and tok.tag_ == "VBN")
    return False


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # as date.weekday() counts


def _resolve_date(text: str, published: str | None) -> str | None:
    """An ISO date (or year-month, or year) for a date phrase, relative to the publication date."""
    base = None
    if published:
        try:
            base = datetime.fromisoformat(published[:10])
        except ValueError:
            base = None
    if re.fullmatch(r"(?:in )?((?:19|20)\d\d)", text.strip()):
        return text.strip()[-4:]
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    elif not re.search(r"(19|20)\d\d", text):
        return None  # a weekday or "yesterday" means nothing without a publication date
    cleaned = re.sub(r"(?i)^(on|in|since|by|from|early|late|mid|the)\s+", "", text.strip())
    weekday = re.fullmatch(r"(?i)(" + "|".join(_WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?", cleaned)
    if base is not None and weekday and _WEEKDAYS[base.weekday()] == weekday.group(1).lower():
        return base.date().isoformat()  # "said on Monday" in a report dated a Monday: that day
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    has_day = re.search(r"\b\d{1,2}(st|nd|rd|th)?\b(?!\d)", cleaned) and not re.fullmatch(r"\D*(19|20)\d\d\D*", cleaned)
    relative = re.search(r"(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today", cleaned)
    if has_day or relative:
        return parsed.date().isoformat()
    if re.search(r"(?i)" + _MONTHS, cleaned):
        return parsed.strftime("%Y-%m")
    return parsed.strftime("%Y")


@Language.factory("tracewire_events_v1")
def make_events(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)


def tok_not_needing_actor(d: _Draft, needs_actor: set[str]) -> bool:
    """An unnamed passive act that is an act whoever did it ("Yusuf was killed" stays an event)."""
    return d.trigger.lemma_.lower() not in needs_actor


def _spoken_at(verb: Token) -> list[Token]:
    """The place phrases of the occasion or the audience a saying is told with: "in an address from the
    presidential palace", "during a speech at the cemetery in X" (on the saying or the verb it
    governs), "told mourners at the cathedral in X"."""
    out = []
    # "X, speaking at a news conference in Abidjan, said ...": the participle on the speaker
    speaking = [a for sub in verb.children if sub.dep_ == "nsubj" for a in sub.children
                if a.dep_ in {"acl", "advcl"} and a.tag_ == "VBG" and a.lemma_.lower() in {"speak", "talk"}]
    for head in (verb, *speaking, *(c for c in verb.children if c.dep_ in {"xcomp", "dobj", "dative"})):
        for p in head.children:
            if p.dep_ != "prep":
                continue
            if head in speaking and p.lower_ in {"at", "in"}:
                out.append(p)
            if head is not verb and head.dep_ in {"dobj", "dative"} and head.lemma_.lower() in _AUDIENCES \
                    and p.lower_ in _SPOKEN_PREPS - {"from"}:
                out.append(p)
            if p.lower_ in {"in", "during", "at"}:
                out += [g for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in _OCCASIONS
                        for g in o.children if g.dep_ == "prep" and g.lower_ in _SPOKEN_PREPS]
    return out


def _pushes_on(verb: Token) -> bool:
    """ "to go deeper into the camps", "to push further into Gaza": an advance promised."""
    return verb.lemma_.lower() in {"go", "push", "advance", "press", "move", "drive"} and any(
        c.dep_ == "advmod" and c.lower_ in {"deeper", "further", "farther"} for c in verb.children)


def _of_owner(index: DocIndex, noun: Token) -> list[str]:
    """The organisation or person an unnamed thing belongs to: "a helicopter of UNMISS", "a convoy
    of the peacekeeping force", "the army's convoy"."""
    owners = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
              if o.dep_ == "pobj"] + [c for c in noun.children if c.dep_ == "poss"]
    return [e for o in owners for e in index.np_entities(o, {"PERSON", "ORG"})]


def _owner_only(index: DocIndex, root: Token, place: str) -> bool:
    """Within ``root``'s phrase the place is named only as the owner of a thing that is no place:
    "the bus of Togo's team"."""
    named = [t for t in root.subtree if index.entity_at(t) == place]
    return bool(named) and all(t.dep_ == "poss" and t.head.pos_ == "NOUN" and index.entity_at(t.head) is None
                               and t.head.lemma_.lower() not in _OWNED_PLACES for t in named)


def _pobjs(tok: Token, preps: set[str]) -> list[Token]:
    return [o for p in tok.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children if o.dep_ == "pobj"]


def _phrase_places(index: DocIndex, obj: Token, deep: bool = True) -> list[str]:
    """The places a prepositional object names: its own ("in Kerman"), the one it narrows ("in a
    residential district of the capital", "in the Iranian city of Kerman"), or, a step further, where
    it stands ("in a damaged building in the Tal al-Sultan neighbourhood of Rafah")."""
    found = index.np_entities(obj, {"PLACE"}) or index.definite_place(obj) or [
        e for sub in _pobjs(obj, {"of"}) for e in index.np_entities(sub, {"PLACE"}) or index.definite_place(sub)
        if not _owner_only(index, sub, e)]
    if found or not deep:
        return found
    return [e for sub in _pobjs(obj, {"in", "near", "at"}) for e in _phrase_places(index, sub, deep=False)]


def _abstract_foe(prep: Token) -> bool:
    """ "the fight against terrorism", "the campaign against crime": a struggle against a kind of
    wrong, not against someone, so that it goes on threatens no one."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.is_lower and (o.lemma_.lower().endswith("ism") or o.lemma_.lower() in _WRONGS)
                              for o in objs)


_WRONGS = {"crime", "corruption", "impunity", "violence", "insecurity", "trafficking", "drug", "narcotic"}


def _led_by(index: DocIndex, noun: Token) -> list[str]:
    """ "a delegation led by the minister, X, travelled": an unnamed body acts under the one named as
    leading it."""
    if noun.pos_ != "NOUN" or index.entity_at(noun):
        return []
    return [e for c in noun.children if c.dep_ == "acl" and c.lower_ in {"led", "headed", "commanded"}
            for a in c.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
            for e in index.np_entities(o, {"PERSON"})]


# what one side says or decides, which words, not blows, attack ("attacked her handling of ...")
_VIEWS = {"handling", "policy", "decision", "record", "remark", "comment", "approach", "conduct", "stance",
          "rhetoric", "response", "view", "claim", "idea", "proposal", "credibility", "motive",
          "legacy", "verdict", "ruling", "reform", "strategy"}
# verbs of a blow that speech borrows ("attacked her handling"; not "struck the group's leadership")
_WORDS_AS_BLOWS = {"attack", "hit", "slam", "blast", "assail"}
# nouns for what is done to someone: a person's possessive before them names who suffered it
_SUFFERED = {"killing", "assassination", "murder", "death", "abduction", "kidnapping", "execution", "beheading",
             "lynching", "arrest", "detention", "capture", "shooting", "stabbing"}


def _in_clause_of(tok: Token, noun: Token) -> bool:
    """``tok`` sits in a relative clause on ``noun`` (or on a word below it)."""
    node = tok
    while node != noun and node.head != node:
        if node.dep_ == "relcl":
            return True
        node = node.head
    return False
