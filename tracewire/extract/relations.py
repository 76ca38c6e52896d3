"""Relations between entities: who leads, founded, belongs to or has ties to what, and where.

Registered as ``tracewire_relations_v1``; runs after entity assembly and attribution. Cue words
come from ``kb/relations.yaml``. Patterns, each over the parse of one sentence:

* role phrases in apposition or after a copula: "X, the leader of Y", "X, the movement's second
  in command and its finance chief", "X is a member of Y", "Y, an affiliate of Z"; a list of
  such appositions ("X, the head of A; Y, the head of B") gives one relation per person;
* titles before a name: "Taliban leader X", "acting defence minister X", "Afghan Foreign
  Minister X", with the registry naming the organisation when the text does not ("Special
  Envoy X");
* verbs: "X leads Y", "Y was founded by X", "Y, which X leads", "X, based in Z";
* ties: "X, who has strong ties to Y", "X is linked to Y", "an associate of Y";
* places: "the A, B and C provinces in Z", "D, a district of E", "F, Afghanistan".

Every relation carries its evidence sentence, the hedge and the source of the clause its cue
stands in (``attribution``), and one relation is kept per (type, source, target) per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tracewire.extract.attribution import Source, Stance
from tracewire.extract.context import BEARINGS, DocIndex
from tracewire.extract.entities import SETTLEMENTS
from tracewire.kb import Registry, load_registry
from tracewire.model import Relation, name_key
from tracewire.model import Span as Evidence
from tracewire.resolve.gazetteer import gazetteer_or_none

# words that make an organisation a body of members ("the Three Brotherhood Alliance")
_COLLECTIVE_WORDS = {"alliance", "coalition", "union", "federation", "bloc", "confederation", "front", "league"}
# members of no state, whatever country word stands before them ("the Algerian militant")
_IRREGULARS = {"militant", "jihadist", "insurgent", "fighter", "rebel", "guerrilla", "gunman", "bomber", "operative",
               "recruit", "recruiter", "financier", "fundraiser", "ideologue", "propagandist",
               "bomb-maker", "bombmaker", "loyalist", "activist", "cleric", "preacher"}
# "the provincial capital, Bunia": words for the division whose capital a city is
_DIVISION_WORDS = {"provincial", "state", "regional"}
# place words that a demonym before them ties to its country ("the Rwandan town", "the Iranian city of")
_DEMONYM_PLACES = {"capital", "city", "town", "village", "port", "province", "region", "district", "state"}
# words between the demonym and the place word ("the Turkish border town of Kilis")
_TOWN_KINDS = {"border", "frontier", "port", "market", "garrison", "oil", "coastal", "mountain", "desert", "northern",
               "southern", "eastern", "western", "central", "holy", "capital"}

if not Doc.has_extension("tw_relations"):
    Doc.set_extension("tw_relations", default=None)

# words for an outlet between a demonym and its name ("the Kyrgyz state news agency AKIpress"), beyond
# the entity stage's words for outlets
_MORE_OUTLET_WORDS = {"news", "state", "private", "online", "paper"}
# nouns before a leader's title that name the kind of body led, not one field of it
_GROUP_PEOPLE = {"rebel", "militant", "insurgent", "opposition", "jihadist", "separatist", "guerrilla", "tribe",
                 "clan", "state", "country", "nation", "alliance", "coalition", "union", "organisation",
                 "organization", "bloc", "junta", "regime", "cell", "body", "agency", "mission", "force",
                 "politburo", "bureau", "shura", "leadership", "movement"}
# sites that a named place may be, and that lie in the place after "in" ("Camp Crame, the police
# headquarters in Manila"), beyond the entity stage's words for sites
_MORE_SITES = {"headquarters", "venue", "temple", "plant", "mine", "mansion", "residence", "villa", "farm",
               "ranch", "estate", "factory", "warehouse"}
# "on the western side of", "at the edge of": a part of the place named after "of"
_EDGES_OF = {"side", "edge", "outskirts", "fringe", "bank", "shore"}
# verbs of report or belief whose subject is said to hold a role ("who is believed to lead X")
_SAID_TO = {"believe", "say", "think", "report", "allege", "seem", "appear", "understand", "know", "suspect",
            "rumour", "rumor", "claim", "expect", "presume"}
# what makes a commander the head of one part of a group, not of all of it ("its field commander")
_PART_COMMANDS = {"local", "regional", "field", "senior", "district", "provincial", "area", "battalion", "unit",
                  "sector", "zone", "junior", "deputy", "mid-level", "operations", "operational", "frontline",
                  "one", "another", "other", "several", "many"}
# words for a part of a body before the title of the one who heads that part ("a regional director")
_PART_OFFICES = {"regional", "provincial", "district", "local", "department", "division", "bureau", "section",
                 "area", "zonal", "country", "branch", "field"}
# the parts of a place that lie inside it ("in the heart of X", "in the north of X")
_PARTS_OF = {"heart", "centre", "center", "middle", "part", "outskirts", "suburbs"}
# words for a place that an apposition may call a place by ("Fambita, a hamlet in ..."), beside the
# place cues of the vocabulary
_PLACE_NOUNS = {"district", "province", "city", "town", "village", "region", "neighbourhood", "neighborhood", "suburb",
                "area", "capital", "quarter", "hamlet", "settlement", "outpost", "island"}
# parts of an armed body that a person may command ("the MFDC's northern front")
_PART_UNITS = {"front", "wing", "brigade", "battalion", "unit", "faction", "branch", "cell", "division", "command",
               "zone", "sector", "column", "regiment", "company", "platoon", "squad", "detachment"}
# acts done side by side with someone ("fought alongside X"), which tie the doer to X
_SIDE_BY_SIDE = {"fight", "work", "operate", "serve", "battle", "stand"}
_BEARINGS = BEARINGS | {"km", "kilometres", "kilometers", "miles"}
_REGIONAL_OFFICES = {"governor", "minister", "mayor", "administrator", "premier", "commissioner"}
_BOUNDARY = {",", ";", ".", "(", ")", ":", "—", "–", "!", "?", '"', "“", "”"}
_RELPRON = {"who", "which", "that", "whose"}
# what a person's possessive before an apposed name makes that name his own ("X's spokesman, Y")
_PERSONAL_TIES = {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "bodyguard",
                  "party", "envoy", "confidant", "secretary", "lieutenant"}
# "the army", "the military", "the police": a state's arm, standing for the one the text names
_STATE_ARMS = {"army", "military", "police"}
_COPULA = {"be", "become", "remain", "serve", "act"}
_PLACE_PARENTS = {"country", "region", "province", "district", "city"}
_RULING = {"government", "administration", "authorities", "authority", "regime", "rulers", "junta", "cabinet"}
# a state's unnamed bodies ("China's foreign ministry", "Kenya's interior ministry")
_STATE_BODIES = _RULING | _STATE_ARMS | {"ministry", "office", "embassy", "presidency", "mission", "delegation",
                                         "department", "navy", "coastguard"}
# words after a place that open a list of places inside it ("Afghanistan, including Ghazni and Laghman")
# a role held in the group of the person a pronoun stands for ("X, his deputy"), settled at the end
_THEIRS = "theirs:"
_GROUP_ROLES = {"leader_of", "deputy_leader_of", "member_of"}
_RANKS = {"leader_of", "deputy_leader_of", "founder_of", "official_of"}
# a role with no group of its own, in a list of people with roles; settled at the end
_LISTED = "listed:"
# a title with no state of its own after another person's ("X and Defence Minister Y"); settled at the end
_ALONGSIDE = "alongside:"
_DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
               "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
               "south-eastern", "south-western"}
_AGENCIES = {"agency", "watchdog"}
# nouns that set one place beside another, not inside it ("X, Y's old rival")
_PLACE_TIES = {"rival", "enemy", "foe", "ally", "neighbour", "neighbor", "partner", "adversary", "twin", "sister",
               "counterpart", "gateway", "route", "link", "border", "frontier", "access", "road", "outlet",
               "target", "objective", "goal", "prize", "focus", "aim", "priority", "concern", "worry", "problem",
               "headache", "success", "achievement", "victory", "loss", "defeat", "gift", "asset", "model",
               "example", "test", "challenge", "hope", "symbol", "chip", "card"}
# verbs for a body made from a merger ("was formed from a merger of")
_MADE = {"form", "create", "found", "establish", "bear", "emerge", "set", "launch"}
# a body's own ground ("Hezbollah's stronghold in Dahiyeh")
_HOLDS = {"stronghold", "bastion", "heartland", "fiefdom", "headquarters", "hideout", "redoubt"}
# bodies sent to serve in a place, which an apposition places there ("X, the UN mission in Mali")
_POSTED = {"mission", "force", "operation", "office", "bureau", "contingent", "embassy"}
# a group's parts and people, through whom the group itself is tied ("X, whose factions ...")
_GROUP_PARTS = {"faction", "wing", "branch", "unit", "cell", "fighter", "member", "leader", "leadership",
                "commander", "militant", "founder"}
_INCLUDING = {"including", "especially", "notably", "mainly", "mostly", "particularly", "chiefly"}


def _denied_role(cue: Token) -> bool:
    """The role word is what a copula denies: "is not a member of", "was never the leader of"."""
    tok = cue
    for _ in range(3):
        if tok.dep_ in {"attr", "acomp"} and tok.head.lemma_.lower() == "be":
            return any(c.dep_ == "neg" for c in tok.head.children)
        if tok.dep_ not in {"compound", "amod", "pobj", "prep"} or tok.head == tok:
            return False
        tok = tok.head
    return False


# words that give a town's own name to the division around it ("Duhok province", "Kaduna state")
_OWN_DIVISIONS = {"province", "governorate", "state"}


@dataclass(frozen=True, slots=True)
class _Found:
    type: str
    source: str
    target: str
    cue: Token
    gloss: bool = False  # the author's own gloss on a name ("the X court in Abuja"), whoever tells the clause


def _apposed_to(index: DocIndex, noun: Token, types: set[str]) -> list[str]:
    """ "Meduza, the independent Russian news site based in Riga": the name a noun phrase stands
    in apposition to, read from the words where the parse hangs the phrase elsewhere."""
    doc = noun.doc
    i = noun.i - 1
    while i > noun.sent.start and noun.i - i <= 6 and (doc[i].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "ADV"}
                                                     or doc[i].text == "-"):
        i -= 1
    if i <= noun.sent.start or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an", "the"}:
        return []
    eid = index.entity_at(doc[i - 1])
    return [eid] if eid and index.type(eid) in types else []


def _goes_by(tok: Token) -> bool:
    """The token is the name in "known as X", "called X", "named X"."""
    return tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in {"know", "call", "name"} \
        or tok.head.lemma_.lower() in {"call", "name"}


class RelationExtractor:
    def __init__(self, nlp: Language, name: str = "tracewire_relations", *, registry: Registry | None = None):
        self.name = name
        self.registry = registry or load_registry()
        types = (self.registry.relations.get("types") or {})
        self.constraints = {t: (set(v.get("source") or []), set(v.get("target") or [])) for t, v in types.items()}
        self.roles: dict[tuple[str, ...], list[str]] = {}
        for rel, spec in types.items():
            for role in spec.get("roles") or []:
                key = tuple(t.lower_ for t in nlp.make_doc(str(role)))
                self.roles.setdefault(key, []).append(rel)
        self.max_role = max((len(k) for k in self.roles), default=1)
        self.verbs: dict[str, str] = {}
        for rel in ("leader_of", "founder_of", "member_of", "located_in"):
            for verb in types.get(rel, {}).get("verbs") or []:
                self.verbs[str(verb).split()[0]] = rel
        self.under = {str(w).lower() for w in types.get("leader_of", {}).get("under") or []}
        self.succession = {str(w).lower() for w in types.get("leader_of", {}).get("succession") or []}
        self.appoint = {str(w).lower() for w in self.registry.relations.get("appointment_verbs") or []}
        self.describe = {str(w).lower() for w in self.registry.relations.get("description_verbs") or []}
        self.member_nouns = {str(w).lower() for w in types.get("member_of", {}).get("roles") or []
                             if " " not in str(w)}
        self.governing = {str(w).lower() for w in self.registry.relations.get("governing_bodies") or []}
        self.subject_as = {str(w).lower() for w in self.registry.relations.get("subject_as_verbs") or []}
        self.describing = self.describe | self.subject_as
        # verbs of holding a view may give the role with no "as" ("which Turkey considers the Syrian
        # offshoot of the PKK"); one list, with attribution, which hedges what they say
        self.small_clause = {str(w).lower() for w in self.registry.attribution.get("opinion_verbs") or []}
        self.take_charge = {str(w).lower() for w in self.registry.relations.get("take_charge_verbs") or []}
        self.charge_nouns = {str(w).lower() for w in self.registry.relations.get("take_charge_nouns") or []}
        self.links = {str(w).lower() for w in types.get("associated_with", {}).get("links") or []}
        self.kinship = {str(w).lower() for w in types.get("associated_with", {}).get("kinship") or []}
        self.receive_from = {str(w).lower() for w in types.get("associated_with", {}).get("receive_from") or []}
        self.given_by = {str(w).lower() for w in types.get("associated_with", {}).get("given_by") or []}
        self.presence = {str(w).lower() for w in types.get("located_in", {}).get("presence") or []}
        self.control = {str(w).lower() for w in types.get("located_in", {}).get("control") or []}
        self.modifiers = {str(w).lower() for w in self.registry.relations.get("title_modifiers") or []}
        self.modifiers |= {part for w in list(self.modifiers) if " " in w for part in w.split()}  # "de facto"
        self.demonym_country = {d: p.id for d, p in self.registry.demonyms().items()}
        cues = self.registry.vocab.get("place_subtype_cues") or {}
        # "town": city, "area": neighbourhood
        self.place_kinds = {str(w).lower(): sub for sub, ws in cues.items() for w in ws if " " not in str(w)}
        self.honorific_titles = {str(w).lower() for w in self.registry.vocab.get("person_titles") or []} | {
            str(w).lower() for w in self.registry.vocab.get("name_honorifics") or []}
        # the entity stage's words for sites and outlets, with the few the relation cues add
        self.site_nouns = {str(w).lower() for w in self.registry.vocab.get("facility_heads") or []} | _MORE_SITES
        self.outlet_words = {str(w).lower() for w in self.registry.vocab.get("media_heads") or []} \
            | _MORE_OUTLET_WORDS
        # words for an outlet or a company that an apposition ends with ("the Kyrgyz news agency",
        # "Algeria's state energy company"), the entity stage's own words for a company
        self.body_words = self.outlet_words | {str(w).lower() for w in self.registry.vocab.get("company_heads") or []}
        # nouns for a kind of group or its people ("the rebel leader", "the party chief")
        self.group_nouns = {str(w).lower() for ws in (self.registry.vocab.get("org_subtype_cues") or {}).values()
                            for w in ws if " " not in str(w)} | _GROUP_PEOPLE

    # -- role phrases ---------------------------------------------------------------------------

    def _role_at(self, toks: list[Token], i: int) -> tuple[int, list[str]] | None:
        """The longest role cue starting at toks[i]: (its length, relation types)."""
        for n in range(min(self.max_role, len(toks) - i), 0, -1):
            words = [t.lower_ for t in toks[i:i + n]]
            words[-1] = toks[i + n - 1].lemma_.lower() if toks[i + n - 1].tag_ in {"NNS", "NNPS"} else words[-1]
            rels = self.roles.get(tuple(words))
            if rels:
                return n, rels
        return None

    def _pick(self, rels: list[str], source: str, target: str, index: DocIndex, cue: Token) -> str | None:
        stype, ttype = index.type(source), index.type(target)
        if cue.lemma_.lower() in self.kinship and ttype != "PERSON":
            return None
        tsub = index.subtype(target)
        if rels == ["associated_with"] and any(index.subtype(e) != "country"
                                               for e, t in ((source, stype), (target, ttype)) if t == "PLACE"):
            return None  # of places, only a state is anyone's ally
        if stype == "ORG" and ttype == "ORG" and cue.lemma_.lower() == "member" and "member_of" in rels:
            return "part_of"  # "the AA is one of three members of the Three Brotherhood Alliance"
        if stype == "PLACE" and index.subtype(source) == "country" and ttype == "ORG" \
                and cue.lemma_.lower() == "member" and "member_of" in rels:
            return "associated_with"  # "Turkey, a NATO member": a state belongs to an alliance as a party
        ok = [r for r in rels if stype in self.constraints[r][0] and ttype in self.constraints[r][1]]
        if ttype == "PLACE" and tsub != "country":
            # "Balochistan's chief minister", "the governor of North Kivu": a province's officials
            ok = [r for r in ok if r == "located_in" or r == "official_of" and stype == "PERSON"
                  and cue.lower_ in _REGIONAL_OFFICES]
        if "official_of" in ok and ttype == "ORG" and _chief_of_staff(cue) and index.is_force(target):
            return "leader_of"  # "the chief of staff of the Armed Forces of the Philippines" heads them
        # a state's ministers serve it; "the director of the Federal Police", "the president of the
        # Senate" head a body of the state and lead it
        if "official_of" in ok and (ttype == "PLACE" or tsub == "government" and "leader_of" not in ok):
            return "official_of"
        if rels == ["official_of"] and tsub == "political_party" and cue.lemma_.lower() in _ELECTED:
            return "member_of"  # "a senior X lawmaker": who sits for a party is one of its members
        doc = cue.doc
        one_of = cue.tag_ == "NNS" and any(t.lower_ == "among" or t.lower_ == "of" and doc[t.i - 1].lower_ == "one"
                                           for t in doc[max(cue.sent.start + 1, cue.i - 7):cue.i])
        if one_of and ok and ok[0] == "leader_of":
            return "member_of"  # "one of its commanders": one of many who lead parts of it
        if cue.lower_ in {"commander", "editor"} and "member_of" in ok and "leader_of" in ok:
            # "a Taliban commander", "an editor at X" is one of many; "the commander of the Nigerian
            # Army" leads a force of the state, while "the commander of the Ansar Brigade" is, as the
            # gold conventions read it, one of an armed faction's commanders
            nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
            det = next((c for c in cue.children if c.dep_ == "det"), None)
            indefinite = det is not None and det.lower_ in {"a", "an", "one"}
            # ("the FARC's last commander" leads it too; "its field commander", "its commander there"
            # and "its commander in Gao" lead a part of it)
            owned = any(c.dep_ == "poss" for c in cue.children) and not any(
                c.dep_ in {"amod", "compound", "nummod"} and c.lower_ in _PART_COMMANDS
                or c.dep_ == "advmod" and c.lower_ in {"there", "here"}
                or c.dep_ == "prep" and c.lower_ in {"in", "for", "at"} for c in cue.children)
            of = nxt is not None and nxt.lower_ == "of" and (cue.lower_ == "editor" or tsub == "government")
            return "leader_of" if (of or owned) and not indefinite else "member_of"
        if ok and ok[0] == "leader_of" and cue.lower_ == "leader" and stype == "PERSON" and any(
                c.dep_ == "det" and c.lower_ in {"a", "an"} for c in cue.children):
            return "member_of"  # "a senior leader of the SDC": one of its leaders, not the one who leads it
        if ok and ok[0] == "leader_of" and cue.lower_ != "commander" and cue.i > 0 \
                and cue.doc[cue.i - 1].lower_ in _PART_OFFICES:
            # "a regional director of the Red Crescent", "a vice department director of the party":
            # one who heads a part of the body holds an office in it, and leads no more than the part
            sources, targets = self.constraints["official_of"]
            return "official_of" if stype in sources and ttype in targets else "member_of"
        ok = [r for r in ok if r != "official_of"] + [r for r in ok if r == "official_of"]
        if "part_of" in ok:  # "al-Qaeda's affiliate in the Sahel": a group's affiliate is a part of it
            ok = ["part_of", *(r for r in ok if r != "part_of")]
        person_role = bool({"leader_of", "deputy_leader_of", "member_of"} & set(rels))
        if not ok and person_role and stype == "PERSON" and (tsub == "country" or tsub == "government") \
                and cue.lemma_.lower() not in _IRREGULARS:
            # "Nigeria's chief of defence staff": who heads for a state serves it; "the Algerian
            # militant" is only from there
            return "official_of"
        return ok[0] if ok else None

    def _phrase_targets(self, index: DocIndex, toks: list[Token], start: int, end: int,
                        holder: str | None = None, parts: set[str] | None = None,
                        via_person: set[str] | None = None) -> list[str]:
        """What a role at toks[start:end] is held in: "X's role", "its role", "X role", "role of/for X".
        A reference ("the group") never stands for ``holder``, the one the role describes."""
        out: list[str] = []
        others = frozenset({holder} if holder else ())
        j = start - 1
        while j >= 0 and (toks[j].lower_ not in self.demonym_country  # "Somali President X" names Somalia
                          or j + 1 < len(toks) and toks[j + 1].text == "-"
                          # "IS's Afghan branch", "its Egyptian branch"
                          or j >= 1 and toks[j - 1].lower_ in {"'s", "’s", "its", "their"}) and (
                          toks[j].lower_ in self.modifiers
                          or toks[j].pos_ == "ADJ" and toks[j].ent_type_ in {"", "NORP"}  # "South Asian"
                          or toks[j].tag_ in {"RBS", "RBR"}  # "al-Qaeda's most dangerous branch"
                          or toks[j].text == "-" or toks[j].tag_ == "VBN"
                          or toks[j].is_lower and toks[j].pos_ in {"NOUN", "PROPN"} and toks[j].dep_ == "compound"
                          and j + 1 < len(toks) and toks[j + 1].is_lower  # "India's foreign ministry spokesman"
                          or j + 1 < start and self._role_at(toks, j) is not None and toks[j].is_lower
                          and toks[j + 1].is_lower  # "Qatar's prime minister and foreign minister, X"
                          or j + 1 < len(toks) and toks[j + 1].text == "-" and not index.entity_at(toks[j])
                          or toks[j].lower_ in {"and", ","} and j > 0 and index.entity_at(toks[j - 1]) is None):
            j -= 1
        place = index.mention_of(toks[j]) if j >= 0 else None
        if place is not None and index.type(place.id_) == "PLACE" and index.subtype(place.id_) != "country":
            k = j - (toks[j].i - place.start) - 1
            if k >= 1 and toks[k].lower_ in {"'s", "’s"}:
                j = k  # "Hamas's Gaza chief": the chief is Hamas's, in Gaza
        if j >= 0 and toks[j].lower_ in {"'s", "’s", "'"}:
            j -= 1
        if j >= 0:
            eid = index.entity_at(toks[j])
            mention = index.mention_of(toks[j])
            opposed = mention is not None and mention.start >= 2 and mention.doc[mention.start - 1].text == "-" \
                and mention.doc[mention.start - 2].lower_ in {"anti", "pro", "non", "ex", "post"}
            if eid and not opposed:  # "anti-Taliban commander X" serves no Taliban
                out.append(eid)
                if via_person is not None and index.type(eid) == "PERSON" and eid != holder:
                    via_person.add(eid)  # "who was Yahya Sinwar's deputy": in the group Sinwar led
            elif toks[j].lower_ in {"its", "their"}:
                out += index.possessor(toks[j])
            elif toks[j].lower_ in {"his", "her"} and via_person is not None:
                # "Osama Mahmood, the emir of AQIS; and Atif Yahya Ghouri, his deputy": the person
                # named before, whose own group the role is in (worked out once all is read)
                sent = toks[j].sent
                people = [m.id_ for m in index.mentions if sent.start <= m.start and m.end <= toks[j].i
                          and index.type(m.id_) == "PERSON" and m.id_ != holder][-1:]
                people = people or [e for e in index.antecedent(toks[j]) if e != holder]  # "He took over after his"
                out += people
                via_person.update(people)
            elif toks[j].lower_ in {"group", "movement", "organisation", "organization", "coalition", "network",
                                    "brigades", "militia", "faction"} and j > 0 and toks[j - 1].lower_ == "the":
                out += index.antecedent(toks[j], others)  # "the group's Afghan-based branch", "the brigades' chief"
            elif toks[j].lower_ in self.demonym_country:
                out += self._country_entity(index, self.demonym_country[toks[j].lower_])
            elif toks[j].lower_ == "country" and j > 0 and toks[j - 1].lower_ == "the":
                out += index.the_country(toks[j])  # "the country's interim president"
            elif toks[j].lower_ in _STATE_ARMS and j > 0 and toks[j - 1].lower_ == "the":
                out += index.described(toks[j], {"ORG"})  # "the military's spokesman": the state force named
        if not out and toks[end - 1].lower_ in _AGENCIES:
            # "UNICEF, the UN children's agency", "the UN migration agency": a body of the
            # organisation a few words before the noun
            for t in reversed(toks[max(0, start - 4):start]):
                eid = index.entity_at(t)
                if eid and index.type(eid) == "ORG" and eid != holder:
                    out.append(eid)
                    break
                if not (t.is_lower and t.pos_ in {"NOUN", "ADJ"} or t.lower_ in {"'s", "’s"}):
                    break
        k = end
        if k < len(toks) and toks[k].lower_ == "of":
            out += self._np_head_entity(index, toks, k + 1, others, parts)
        elif k < len(toks) and toks[k].lower_ in {"for", "at", "in", "to", "with"} \
                and (not out or toks[k].lower_ == "with" and all(index.subtype(e) == "country" for e in out)):
            # "the spokesman for the TTP"; but "the envoy to Afghanistan" serves another state, and
            # "the representative for Afghanistan" another one's ends; "a spokesman for China's
            # foreign ministry" speaks for China; "a Malaysian fighter with the Islamic State" is
            # from the one and in the other
            out += [e for e in self._np_head_entity(index, toks, k + 1, others, parts) if index.type(e) != "PLACE"
                    or toks[k].lower_ == "for" and index.subtype(e) == "country"
                    and self._owns_a_body(index, e, toks[k])]
        return out

    @staticmethod
    def _owns_a_body(index: DocIndex, country: str, prep: Token) -> bool:
        """ "for China's foreign ministry": the country's name is the owner of an unnamed body of
        its state that the preposition's object heads."""
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return obj is not None and obj.is_lower and obj.lemma_.lower() in _STATE_BODIES and any(
            c.dep_ == "poss" and index.entity_at(c) == country for c in obj.children)

    def _np_head_entity(self, index: DocIndex, toks: list[Token], k: int,
                        others: frozenset[str] = frozenset(), parts: set[str] | None = None) -> list[str]:
        """The entity heading the noun phrase at toks[k:] (a contiguous run of tokens): in "the
        Taliban's Ministry of Defence" the ministry; "its" stands for the group named before it.
        An entity that owns an unnamed part ("al-Qaeda's media operations") is added to ``parts``."""
        last: str | None = None
        base = toks[0].i
        i = k
        noun = False  # a common noun heads the phrase before any name: "the war", "the media wing"
        while i < min(len(toks), k + 12):
            tok = toks[i]
            if last is None and not noun and index.mention_of(tok) is None and (
                    tok.dep_ in {"amod", "npadvmod"} or tok.text == "-" and tok.dep_ == "punct"
                    or tok.text == "," and 0 < i < len(toks) - 1 and toks[i - 1].dep_ == "amod"
                    and toks[i - 1].head in toks[i + 1].ancestors):
                i += 1  # "of the Russian-backed, self-proclaimed Donetsk People's Republic": modifiers
                continue
            if tok.text in _BOUNDARY or tok.pos_ in {"VERB", "AUX"} or tok.pos_ == "ADP" and last is not None:
                break
            if tok.pos_ == "ADP" and noun and tok.lower_ != "of":
                break  # "a commander of the war against the Soviet Union" commands no Soviet body
            if noun and tok.lower_ == "of" and parts is not None and toks[i - 1].lemma_.lower() in self.governing:
                return self._np_head_entity(index, toks, i + 1, others, parts)  # "the executive council of the KCK"
            if noun and tok.lower_ == "of" and parts is not None:
                found = self._np_head_entity(index, toks, i + 1, others, parts)
                parts.update(found)  # "the head of the media wing of al-Shabaab": of a part of it
                return found
            if tok.pos_ == "NOUN" and tok.is_lower and last is None \
                    and tok.lemma_.lower() not in {"group", "movement", "coalition", "organisation", "organization",
                                                   "network"}:
                noun = True
            if tok.lower_ in {"its", "their"} and last is None:
                found = index.possessor(tok)
                last = found[0] if found else None
                i += 1
                continue
            if tok.lemma_.lower() in {"group", "movement", "coalition", "organisation", "organization", "network"} \
                    and last is None and i > k and toks[i - 1].lower_ == "the":
                found = index.antecedent(tok, others)  # "a wing of the group": the group named before
                last = found[0] if found else None
                if i + 1 < len(toks) and toks[i + 1].lower_ in {"'s", "’s"}:
                    i += 2  # "in the group's Amniyat wing": the wing, if it is named
                    continue
                break
            mention = index.mention_of(tok)
            if mention is not None:
                last = mention.id_
                i = mention.end - base
                if i < len(toks) and toks[i].lower_ in {"'s", "’s", "'"}:
                    i += 1
                    j = i
                    while j < min(len(toks), i + 4) and toks[j].is_lower and toks[j].pos_ in {"ADJ", "NOUN"}:
                        j += 1
                    if parts is not None and j > i and toks[j - 1].pos_ == "NOUN" \
                            and (j == len(toks) or index.mention_of(toks[j]) is None) \
                            and toks[j - 1].lemma_.lower() not in self.governing:
                        parts.add(last)  # "the head of al-Qaeda's media operations": of a part of it
                    continue  # "A's B": keep going to B
                j = i
                while j < min(len(toks), i + 5) and (toks[j].is_lower and toks[j].pos_ in {"ADJ", "NOUN"}
                                                      or toks[j].text == "-" or toks[j].tag_ == "VBN"):
                    j += 1  # "the Iran-backed militia X": the name after the modifiers
                if i < j < len(toks) and index.mention_of(toks[j]) is not None:
                    i = j  # "the FARC dissident group Estado Mayor Central": the group named last
                    continue
                break
            i += 1
        if last is None and k < len(toks) and toks[k].lower_ == "the":
            # "a senior official of the administration": the one named body the noun fits
            head = next((t for t in toks[k + 1:min(len(toks), k + 4)] if t.pos_ == "NOUN"), None)
            if head is not None and head.dep_ == "pobj":
                found = index.described(head, {"ORG"})
                return [e for e in found if e not in others]
        return [last] if last else []

    def _country_entity(self, index: DocIndex, place_id: str) -> list[str]:
        return [e.id for e in index.entities.values() if e.kb_id == place_id]

    def _roles_in(self, index: DocIndex, source: str, toks: list[Token], *, last_only: bool = False
                  ) -> Iterator[_Found]:
        """Relations from the role cues in a phrase that describes ``source``. A role inside the
        "of" complement of another ("the son of its founder") describes someone else and is
        skipped; with ``last_only`` only the role nearest the name counts (a title set before it)."""
        hits: list[tuple[int, int, list[str]]] = []
        i = 0
        while i < len(toks):
            hit = self._role_at(toks, i)
            if hit is None:
                i += 1
                continue
            n, rels = hit
            if i + n < len(toks) and toks[i + n].lower_ in {"'s", "’s"}:
                i += n  # "Kim Yo Jong, the leader's sister": the role is another's, who owns the next noun
                continue
            if i + n < len(toks) and toks[i + n].pos_ == "NOUN" and self._role_at(toks, i + n):
                i += n  # "chief spokesman": the first word qualifies the role that follows
                continue
            after = self._role_at(toks, i + n) if i + n < len(toks) and rels == ["deputy_leader_of"] else None
            if after is not None and after[1] == ["official_of"]:
                i += n  # "deputy foreign minister": a post in government, as the minister's is
                continue
            between = toks[hits[-1][0] + hits[-1][1]:i] if hits else []
            nested = bool(between) and between[0].lower_ == "of" and not any(
                t.text in {",", ";"} or t.lower_ == "and" for t in between)
            if not nested or last_only:  # "the son of its founder, X": the role next to X is X's
                hits.append((i, n, rels))
            i += n
        if last_only:
            # the role nearest the name, but not a word of a body's name ("the head of the National
            # Police Service, X": "Service" names the body, "head" is X's role)
            own = [h for h in hits if not all((e := index.entity_at(t)) and index.type(e) == "ORG"
                                              for t in toks[h[0]:h[0] + h[1]])]
            hits = (own or hits)[-1:]
        for i, n, rels in hits:
            cue = toks[i + n - 1]
            if i + n < len(toks) and (nxt := index.entity_at(toks[i + n])) and nxt != source \
                    and index.type(nxt) == "PERSON":
                continue  # "talks mediated by the US envoy X": the envoy is X, not the one described
            parts: set[str] = set()
            via_person: set[str] = set()
            targets = self._phrase_targets(index, toks, i, i + n, source, parts, via_person)
            if not targets:
                # "X, the leader and founder of Y": a later role in the same phrase names Y
                rest = toks[i + n:]
                later = [t for t in rest if index.entity_at(t)]
                # (not "a former minister and senior X lawmaker": the name qualifies the later role)
                if later and any(t.lower_ == "and" for t in rest[:rest.index(later[0])]) \
                        and all(t.lower_ not in _RELPRON for t in rest[:rest.index(later[0])]) \
                        and any(self._role_at(rest, k) for k in range(rest.index(later[0]))):
                    targets = [index.entity_at(later[0]) or ""]
            if not targets and index.type(source) == "PERSON" and any(t.text == ";" for t in cue.sent):
                # "...: A, the emir of ISKP; B, the group's spokesman; and C, a financier": the group
                # of the list C stands in (worked out once all is read)
                yield _Found(_LISTED + ",".join(rels), source, source, cue)
                continue
            for target in targets:
                if target in via_person:
                    if index.type(source) == "PERSON" and cue.lemma_.lower() in {"predecessor", "successor"}:
                        # "his predecessor, Ismail Haniyeh": led the group the person named before leads
                        yield _Found(_THEIRS + "leader_of", source, target, cue)
                        continue
                    if index.type(source) == "PERSON" and cue.lemma_.lower() not in self.kinship \
                            and set(rels) & _GROUP_ROLES:
                        yield _Found(_THEIRS + ",".join(rels), source, target, cue)
                        continue
                    if any(t.lower_ in {"his", "her"} for t in toks[max(0, i - 3):i]):
                        continue  # "his brother": a tie the pronoun leaves unsure
                rel = self._pick(rels, source, target, index, cue)
                if rel in {"leader_of", "deputy_leader_of"} and target in parts and index.type(target) == "ORG":
                    rel = "member_of"  # who heads a part of a group is one of its members
                if rel == "leader_of" and index.type(source) == "PERSON" and self._domain_of(index, toks, i, i + n):
                    # "the UN human rights chief", "AFRICOM's director of operations": who heads one
                    # field of a body serves it; he does not lead it
                    rel = "official_of" if index.type(target) == "PLACE" \
                        or index.subtype(target) in {"government", "international"} else "member_of"
                if rel and target != source:
                    yield _Found(rel, source, target, cue)

    def _domain_of(self, index: DocIndex, toks: list[Token], start: int, end: int) -> bool:
        """The role at toks[start:end] is over one field of a body: a lower-case noun before it ("the
        UN human rights chief", "its security director") or an "of" phrase of one after it ("the
        director of operations"); not "the rebel leader", whose noun names a kind of group."""
        before = toks[start - 1] if start > 0 else None
        if before is not None and before.is_lower and before.pos_ == "NOUN" and before.dep_ == "compound" \
                and before.lemma_.lower() not in self.group_nouns and index.entity_at(before) is None:
            return True
        if end + 1 < len(toks) and toks[end].lower_ == "of":
            obj = toks[end + 1]
            return obj.is_lower and obj.pos_ == "NOUN" and obj.lemma_.lower() not in self.group_nouns \
                and index.entity_at(obj) is None and obj.lemma_.lower() not in {"state", "staff", "government"}
        return False

    # -- patterns -------------------------------------------------------------------------------

    def appositions(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "X, the head of Y", "X is a member of Y", "X, a faction of Y" (persons and groups)."""
        doc = sent.doc
        for m in index.mentions:
            if not (sent.start <= m.start and m.end <= sent.end) or index.type(m.id_) not in {"PERSON", "ORG", "PLACE"}:
                continue
            i = m.end
            if i + 2 < sent.end and doc[i].text == "(" and doc[i + 2].text == ")":
                i += 3  # "Islamic Movement of Uzbekistan (IMU), the ..."
            elif i + 2 < sent.end and index.type(m.id_) == "PLACE" and doc[i + 1].text == "," \
                    and doc[i].is_lower and doc[i].lower_ in _PLACE_NOUNS | {"township", "county", "governorate"} \
                    and doc[i + 2].lower_ in {"in", "inside"}:
                i += 1  # "in Kanbalu township, in Myanmar's Sagaing region": the name, its kind, then the place
            if i < sent.end and doc[i].text in {",", "("}:
                i += 1
                if index.type(m.id_) == "PERSON" and i < sent.end and (doc[i].lower_ in {"alias", "nicknamed", "aka"}
                                                                      or doc[i].lower_ == "known" and i + 1 < sent.end
                                                                      and doc[i + 1].lower_ == "as"):
                    # "X, alias Y, a senior Clan del Golfo commander": past the nickname to the role
                    after = next((k for k in range(i + 1, min(sent.end - 1, i + 8)) if doc[k].text == ","), None)
                    if after is not None:
                        i = after + 1
                aux = int(i + 2 < sent.end and doc[i + 1].lemma_.lower() == "have"
                          and doc[i + 2].lemma_.lower() in _COPULA)  # "X, who had been a member of Y"
                if i + 1 + aux < sent.end and doc[i].lower_ in {"who", "which"} \
                        and doc[i + 1 + aux].lemma_.lower() in _COPULA:
                    i += 2 + aux  # "X, who is also a deputy leader of Y"
                    while i < sent.end and doc[i].lower_ in {"also", "now", "still", "reportedly", "allegedly", "as"}:
                        i += 1
                elif i < sent.end and doc[i].pos_ in {"VERB", "AUX"} and doc[i].tag_ not in {"VBN", "VBG"}:
                    continue  # "set up by A and B, has shrunk ...": the main clause's verb, no apposition
            elif i < sent.end and doc[i].lemma_.lower() in _COPULA and doc[i].pos_ in {"AUX", "VERB"} \
                    or i + 1 < sent.end and doc[i].lemma_.lower() == "have" and doc[i + 1].lower_ == "been":
                i += 1  # ("X has been a close ally of Y": "been" is skipped below)
                while i < sent.end and doc[i].lower_ in {"also", "now", "still", "reportedly", "allegedly", "as",
                                                        "been", "once", "later", "then"}:
                    i += 1
            else:
                continue
            phrase: list[Token] = []
            while i < sent.end and len(phrase) < 24 and doc[i].lower_ not in _RELPRON:
                if doc[i].text == "(" and phrase and i + 2 < sent.end and doc[i + 2].text == ")" \
                        and index.entity_at(doc[i + 1]):
                    i += 3  # "the leader of the Nationalist Movement Party (MHP) and Erdogan's main ally"
                    continue
                if doc[i].text in _BOUNDARY:
                    break
                if phrase and doc[i].pos_ in {"VERB", "AUX"} and doc[i].tag_ not in {"VBN", "VBG"}:
                    break
                phrase.append(doc[i])
                i += 1
            if phrase and phrase[0].lower_ in {"and", "or", "but"}:
                continue  # "A, and in the town of B": the next conjunct, no apposition
            if phrase and index.entity_at(phrase[0]) and index.type(index.entity_at(phrase[0]) or "") == "PLACE" \
                    and index.type(m.id_) == "PLACE":
                # "Kunduz, Afghanistan": a place, then the country it lies in
                target = index.entity_at(phrase[0]) or ""
                # (not "Israeli jets struck Gaza, Israel said": the country opens a clause of its own)
                whole = len(phrase) == len(index.mention_of(phrase[0]) or []) \
                    and not (i < sent.end and doc[i].pos_ in {"VERB", "AUX"})
                # ("a police check in Ulm, Germany, in October": a town the registry does not know,
                # closed off by the comma after the country)
                local = index.subtype(m.id_) in {"city", "province", "district", "neighbourhood", "facility"} \
                    or index.subtype(m.id_) is None and i < sent.end and doc[i].text in {",", ".", ";"} \
                    and not self._listed(index, m, index.mention_of(phrase[0]))
                if index.subtype(target) == "country" and local and whole:
                    yield _Found("located_in", m.id_, target, phrase[0])
                elif whole and index.type(target) == "PLACE" and index.subtype(m.id_) in {"city", None} \
                        and index.subtype(target) in {"province", None} \
                        and not self._listed(index, m, index.mention_of(phrase[0])) and (
                            index.subtype(m.id_) == "city" and index.subtype(target) == "province"
                            or self._within(m.text, index.entities[target].name)):
                    yield _Found("located_in", m.id_, target, phrase[0])  # "Maiduguri, Borno State", "El Paso, Texas"
                elif not whole and target != m.id_:
                    yield from self._owned_place(index, m.id_, target, phrase)
                continue
            if index.type(m.id_) == "PLACE":
                yield from self._place_roles(index, m.id_, phrase)
                if index.subtype(m.id_) == "country":  # "Iran, the group's patron": a state's ties
                    yield from (f for f in self._roles_in(index, m.id_, phrase) if f.type == "associated_with")
                continue
            if index.type(m.id_) == "ORG" and len(phrase) > 3 and phrase[0].lower_ in {"a", "an", "the"}:
                # "Ríodoce, a weekly newspaper in Culiacán": where the organisation is; with "the", only
                # a body sent somewhere ("MINUSMA, the UN peacekeeping mission in Mali")
                k = next((n for n, t in enumerate(phrase) if t.lower_ == "in"), None)
                place = index.entity_at(phrase[k + 1]) if k is not None and k + 1 < len(phrase) else None
                # ("the largest relief operation in Sudan" is no body sent there: a body must own it)
                sent_there = k is not None and phrase[0].lower_ == "the" and phrase[k - 1].lemma_.lower() in _POSTED \
                    and any((e := index.entity_at(t)) and index.type(e) == "ORG" for t in phrase[1:k - 1])
                if k is not None and k > 1 and phrase[k - 1].pos_ == "NOUN" and place and index.type(place) == "PLACE" \
                        and (phrase[0].lower_ != "the" or sent_there) \
                        and all(t.pos_ in {"DET", "ADJ", "NOUN"} or sent_there and (
                            t.pos_ == "PROPN" or t.lower_ in {"'s", "’s"}) for t in phrase[1:k]):
                    yield _Found("located_in", m.id_, place, phrase[k])
            if index.type(m.id_) == "ORG" and len(phrase) >= 3 and phrase[0].lower_ in {"a", "an", "the"} \
                    and index.subtype(m.id_) in {"media", "company"}:
                # "Dagens Nyheter, the Stockholm daily": an outlet named after the place it is in
                head = next((t for t in phrase[1:] if t.is_lower and (t.pos_ in {"NOUN", "PROPN", "ADJ"}
                                                                      or t.lower_ in {"daily", "weekly"})
                             and t.i + 1 < len(doc) and (doc[t.i + 1].is_punct or doc[t.i + 1].lower_ in _RELPRON)),
                            None)
                places = [e for t in phrase[1:] if head is not None and t.i < head.i
                          and (e := index.entity_at(t)) and index.type(e) == "PLACE"]
                if head is not None and len(set(places)) == 1 \
                        and all(t.pos_ in {"ADJ", "PROPN", "NOUN"} for t in doc[phrase[1].i:head.i]):
                    yield _Found("located_in", m.id_, places[0], head)
            nxt = index.mention_of(doc[i + 1]) if i + 1 < sent.end and doc[i].text == "," else None
            titled = m.start >= 2 and doc[m.start - 1].text == "," and doc[m.start - 2].is_lower \
                and doc[m.start - 2].pos_ == "NOUN"  # the name itself follows a title ("France's president, X")
            # (or the next name speaks: "near In Amenas, Algeria's prime minister, Abdelmalek Sellal, said")
            speaks = nxt is not None and nxt.end + 1 < sent.end and doc[nxt.end].text == "," \
                and doc[nxt.end + 1].pos_ == "VERB"
            if index.type(m.id_) == "PERSON" and (titled or speaks) and len(phrase) > 2 \
                    and phrase[1].lower_ in {"'s", "’s"} \
                    and nxt is not None and nxt.start == i + 1 and index.type(nxt.id_) == "PERSON":
                continue  # "France's president, X, Italy's prime minister, Y": a title set before the next name
            yield from self._roles_in(index, m.id_, phrase)

    def _owned_place(self, index: DocIndex, source: str, owner: str, phrase: list[Token]) -> Iterator[_Found]:
        """ "Bosaso, Puntland's main port", "Kabul, Afghanistan's capital": the place that owns it."""
        mention = index.mention_of(phrase[0])
        rest = phrase[len(mention):] if mention is not None else []
        if len(rest) < 2 or rest[0].lower_ not in {"'s", "’s"}:
            return
        # the first word past the adjectives ("Ningxia, China's far western region and the home of ...")
        def modifier(t: Token) -> bool:
            return t.pos_ in {"ADJ", "ADV"} or t.tag_ in {"JJS", "RBS"} or t.lower_ in _DIRECTIONS \
                or _hyphen_joined(t) or t.doc[t.i - 1].text in {"-", "‑"} and not t.doc[t.i - 1].whitespace_
        k = next((k for k in range(1, len(rest)) if not modifier(rest[k])), len(rest) - 1)
        noun = rest[k]
        word = noun.lemma_.lower()
        kind = word in _PLACE_NOUNS or noun.is_lower and bool(self.place_kinds.get(word)) \
            or self._any_place_noun(index, source, noun)  # "Las Ramblas, Barcelona's best-known promenade"
        if kind and (k == len(rest) - 1 or rest[k + 1].lower_ in {"and", ","}):
            yield _Found("located_in", source, owner, noun)

    @staticmethod
    def _any_place_noun(index: DocIndex, source: str, noun: Token) -> bool:
        """Any lower-case noun in apposition describes a place that is no country as lying in another
        ("a promenade in X"); a country's apposition names its ties ("X's main rival"), and a noun
        the parser hangs elsewhere opens a clause of its own ("Caracas, Colombia's hope will ...")."""
        return noun.is_lower and noun.pos_ == "NOUN" and noun.dep_ == "appos" and index.type(source) == "PLACE" \
            and index.subtype(source) != "country" and noun.lemma_.lower() not in _PLACE_TIES

    def _within(self, town: str, division: str) -> bool:
        """GeoNames files a place of that name under the province or state of the other name."""
        gaz = gazetteer_or_none()
        if gaz is None:
            return False
        want = {name_key(division), name_key(re.sub(r"(?i)\s+(state|province|region|department|governorate)$", "",
                                                    division))}
        return any(p.admin1 and name_key(p.admin1) in want for p in gaz.lookup(town) if p.feature == "city")

    @staticmethod
    def _listed(index: DocIndex, first: Span, second: Span | None) -> bool:
        """The two names are items of a list ("Kabul, Kandahar and Herat"), not a place and its province."""
        doc = first.doc
        if second is None:
            return True
        after = doc[second.end] if second.end < len(doc) else None
        before = doc[first.start - 1] if first.start > 0 else None
        return after is not None and (after.lower_ in {"and", "or"} or after.text == "," and second.end + 1 < len(doc)
                                      and index.entity_at(doc[second.end + 1]) is not None) \
            or before is not None and before.text == "," and first.start > 1 and index.entity_at(doc[first.start - 2]) \
            is not None

    def copulas(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "X, an Egyptian living in Iran, may have become the group's leader": a copula whose
        subject is named, read on the parse so that a phrase between the name and the verb does not
        hide the role it gives ("X ... is the head of Y", "X ... served as Y's spokesman")."""
        for tok in sent:
            if tok.lemma_.lower() not in _COPULA or tok.pos_ not in {"AUX", "VERB"}:
                continue
            subjects = [e for c in tok.children if c.dep_ == "nsubj" and (e := index.entity_at(c))
                        and index.type(e) in {"PERSON", "ORG"}]
            if not subjects and tok.pos_ == "VERB":
                # "X, a former colonel who served as defence minister of Y": the one the clause is on
                subjects = [e for c in tok.children if c.dep_ == "nsubj" and c.lower_ in {"who", "which"}
                            for e in index.refers(c, {"PERSON", "ORG"})[:1]]
            if not subjects:  # "A and B were held. Both are senior members of X"
                subjects = [e for c in tok.children if c.dep_ == "nsubj" and c.lower_ == "both"
                            for e in index.refers(c, {"PERSON"})]
            if not subjects and tok.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in tok.children):
                # "X is believed to be the group's second in command", "a preacher who is said to be ..."
                subjects = [e for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}
                            for e in ([index.entity_at(c)] if index.entity_at(c) else
                                      index.refers(c, {"PERSON", "ORG"})[:1] if c.lower_ in _RELPRON else [])
                            if e and index.type(e) in {"PERSON", "ORG"}]
            if not subjects:
                continue
            complements = [c for c in tok.children if c.dep_ == "attr"] + [
                o for p in tok.children if p.dep_ == "prep" and p.lower_ == "as"
                for o in p.children if o.dep_ == "pobj"]
            for comp in complements:
                phrase: list[Token] = []
                doc = sent.doc
                for t in doc[comp.left_edge.i:comp.right_edge.i + 1]:
                    # "of the Russian-backed, self-proclaimed X": a comma between two words on one noun
                    listed = t.text == "," and 0 < t.i < len(doc) - 1 and doc[t.i - 1].dep_ == "amod" \
                        and doc[t.i - 1].head.i > t.i and doc[t.i - 1].head in doc[t.i + 1].ancestors
                    if t.text in _BOUNDARY and not listed or t.lower_ in _RELPRON or len(phrase) >= 16:
                        break
                    phrase.append(t)
                for subject in subjects:
                    yield from self._roles_in(index, subject, phrase)
                    yield from self._of_which(index, tok, subject, phrase)

    def _of_which(self, index: DocIndex, verb: Token, subject: str, phrase: list[Token]) -> Iterator[_Found]:
        """ "the Islamic State, of which ISWAP is the West African province", "the council, of which
        he is a member": the role is held in the noun the relative clause hangs on."""
        if verb.dep_ != "relcl" or not any(p.dep_ == "prep" and p.lower_ == "of" and any(
                o.lower_ in {"which", "whom"} for o in p.children) for p in verb.children):
            return
        targets = index.np_entities(verb.head, {"ORG", "PLACE"})
        roles = [(i, hit) for i in range(len(phrase)) if (hit := self._role_at(phrase, i))]
        if not roles or not targets:
            return
        i, (n, rels) = roles[-1]  # the role nearest the end heads the phrase ("the West African province")
        cue = phrase[i + n - 1]
        for target in targets:
            rel = self._pick(rels, subject, target, index, cue)
            if rel and target != subject:
                yield _Found(rel, subject, target, cue)

    def led_under(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "JAS regrouped under Bakura Doro", "ISWAP fighters, under the command of X, ...": an armed
        group that acts under a named person is led by that person. The group is the verb's subject,
        or the noun the verb's phrase describes ("the remnants of the faction, regrouped under X")."""
        for prep in sent:
            if prep.lower_ != "under" or prep.dep_ != "prep" or prep.head.pos_ not in {"VERB", "AUX"}:
                continue
            verb = prep.head
            people: list[str] = []
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in self.under:  # "under the command of X"
                    obj = next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                                for o in p.children if o.dep_ == "pobj"), obj)
                people += [e for e in index.np_entities(obj, {"PERSON"})]
            if not people:
                continue
            if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
                continue  # "X was banned under Y": the group underwent it, nobody led it
            subjects = [c for c in verb.children if c.dep_ == "nsubj"] or [
                c for c in verb.head.children if c.dep_ == "nsubj" and verb.dep_ in {"advcl", "xcomp", "conj"}]
            own = {t.i for t in verb.subtree}
            holder = [t for s in subjects for t in s.subtree] if subjects else (
                [t for t in verb.head.subtree if t.i not in own] if verb.dep_ in {"acl", "relcl"} else [])
            groups = [e for e in index.in_tokens(holder, {"ORG"}) if index.subtype(e) == "armed_group"]
            for person in people:
                for group in groups[:1]:
                    yield _Found("leader_of", person, group, prep)

    def appointments(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Y appointed X as its spokesman", "Y named X as the successor to Z", "X was elected
        chairman by Y": the role the verb gives X, held where the role phrase says or else in Y."""
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.appoint:
                continue
            people = [e for c in tok.children if c.dep_ in {"dobj", "oprd", "nsubjpass"}
                      if (e := index.entity_at(c)) and index.type(e) == "PERSON"]
            if len(people) != 1:
                continue
            person = people[0]
            roles = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "as"
                     for o in p.children if o.dep_ == "pobj"]
            roles += [c for c in tok.children if c.dep_ in {"oprd", "attr", "dobj"} and c.pos_ == "NOUN"]
            givers = [c for c in tok.children if c.dep_ == "nsubj"] + [
                o for a in tok.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
            if not givers and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
                givers = [c for c in tok.head.children if c.dep_ == "nsubj"]  # "AQAP announced ... and named X"
            holders = [e for g in givers for e in index.refers(g, {"ORG", "PLACE"})
                       if index.type(e) == "ORG" or index.subtype(e) == "country"][:1]
            for role in roles[:1]:
                phrase: list[Token] = []
                for t in sent.doc[role.left_edge.i:role.right_edge.i + 1]:
                    if t.text in _BOUNDARY or t.lower_ in _RELPRON or len(phrase) >= 10:
                        break
                    phrase.append(t)
                if role.lemma_.lower() in self.succession:
                    # "named X as the successor to Z": the group names its new leader; a state's
                    # successor is no group's leader
                    for holder in holders:
                        if index.type(holder) == "ORG" and index.subtype(holder) != "government":
                            yield _Found("leader_of", person, holder, role)
                    continue
                found = list(self._roles_in(index, person, phrase))
                if found:
                    yield from found
                    continue
                cue_at = next((k for k in range(len(phrase)) if self._role_at(phrase, k)), None)
                if cue_at is None or any(c.dep_ == "poss" and c.lower_ not in {"its", "their", "his", "her"}
                                         for c in role.children):
                    continue  # (not "the US named X as the group's leader": the role is the group's, not the US's)
                n, rels = self._role_at(phrase, cue_at) or (1, [])
                cue = phrase[cue_at + n - 1]
                for holder in holders:
                    rel = self._pick(rels, person, holder, index, cue)
                    if rel and holder != person:
                        yield _Found(rel, person, holder, cue)

    def described_as(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "member states regard X as the group's de facto leader", "AQIS was founded in 2014 as the
        network's South Asian branch": the role in the "as" phrase is its object's."""
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or lemma not in self.describing:
                continue
            # "X succeeded Y as AQAP's leader": the subject; "regard X as ...": the object
            deps = {"nsubj"} if lemma in self.subject_as else {"dobj", "nsubjpass"}
            takers = [e for c in tok.children if c.dep_ in deps
                      for e in index.refers(c, {"PERSON", "ORG"})]
            if not takers and tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in self.describe:
                takers = index.refers(tok.head, {"PERSON", "ORG"})  # "The group, long regarded as al-Qaeda's branch"
            roles = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "as"
                     for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
            if not roles and lemma in self.small_clause:
                # "the YPG, which Turkey considers the Syrian offshoot of the PKK": no "as"; the object
                # that names no one is the role
                objects = [c for c in tok.children if c.dep_ in {"dobj", "oprd", "ccomp", "xcomp"}]
                # "considers the Majeed Brigade the suicide wing of X": parsed as a clause, the
                # name its subject
                objects += [c for o in objects if o.dep_ == "ccomp" and o.pos_ == "NOUN"
                            for c in o.children if c.dep_ == "nsubj"]
                named = [o for o in objects if o.pos_ != "NOUN" or index.entity_at(o)]
                roles = [o for o in objects if o.pos_ == "NOUN" and not index.entity_at(o)] if named else []
                takers = [e for o in named for e in index.refers(o, {"PERSON", "ORG"})]
            if len(takers) != 1 or not roles:
                continue
            role = roles[0]
            phrase: list[Token] = []
            for t in sent.doc[role.left_edge.i:role.right_edge.i + 1]:
                if t.text in _BOUNDARY or t.lower_ in _RELPRON or len(phrase) >= 10:
                    break
                phrase.append(t)
            at = role.i - phrase[0].i if phrase else -1
            if not any((hit := self._role_at(phrase, x)) and x <= at < x + hit[0]
                       for x in range(max(0, at - 2), at + 1)):
                continue  # "see the Taliban as a buffer against ISKP, the Afghan branch of ...": no role
            yield from self._roles_in(index, takers[0], phrase)

    def whose_role(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Tehreek-e-Labbaik Pakistan, whose leader is Saad Rizvi": the role of the group named."""
        for tok in sent:
            if tok.dep_ != "relcl" or tok.lemma_.lower() not in _COPULA:
                continue
            role = next((c for c in tok.children if c.dep_ == "nsubj"
                         and any(p.lower_ == "whose" for p in c.children)), None)
            hit = self._role_at([role], 0) if role is not None else None
            if hit is None or role is None:
                continue
            people = [e for c in tok.children if c.dep_ == "attr" for e in index.refers(c, {"PERSON"})]
            for group in index.refers(tok.head, {"ORG", "PLACE"}):
                for person in people:
                    rel = self._pick(hit[1], person, group, index, role)
                    if rel:
                        yield _Found(rel, person, group, role)

        # "Kyrgyzstan, whose president, Sadyr Japarov, has courted Moscow": the role's holder
        # named in apposition, the owner named right before "whose"
        doc = sent.doc
        for tok in sent:
            if tok.lower_ != "whose" or tok.i < sent.start + 2 or doc[tok.i - 1].text != "," \
                    or tok.head.i != tok.i + 1 or (hit := self._role_at([tok.head], 0)) is None:
                continue
            owner = index.entity_at(doc[tok.i - 2])
            people = [e for c in tok.head.children if c.dep_ == "appos" and (e := index.entity_at(c))
                      and index.type(e) == "PERSON"]
            if owner is None or index.type(owner) not in {"ORG", "PLACE"}:
                continue
            for person in people:
                rel = self._pick(hit[1], person, owner, index, tok.head)
                if rel:
                    yield _Found(rel, person, owner, tok.head)

    def took_charge(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "X took command of the Qassam Brigades", "X assumed the leadership of Y": X leads Y; so does
        "command of Y has passed to X"."""
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in {"pass", "fall", "go", "transfer"}:
                node = tok
                while node.dep_ in {"xcomp", "ccomp"} and node.head != node and not any(
                        c.dep_ == "nsubj" for c in node.children):
                    node = node.head  # "command ... is believed to have passed to X"
                nouns = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}
                         and c.lemma_.lower() in self.charge_nouns]
                groups = [e for n in nouns for e in _of_entities(index, n, {"ORG"})]
                people = [e for p in tok.children if p.dep_ == "prep" and p.lower_ == "to"
                          for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"PERSON"}, deep=True)]
                for person in people[:1]:
                    for group in dict.fromkeys(groups):
                        yield _Found("leader_of", person, group, nouns[0])
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.take_charge:
                continue
            nouns = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in self.charge_nouns]
            # "took over at the head of the group", "took over as head of X"
            nouns += [o for p in tok.children if p.dep_ == "prep" and p.lower_ in {"at", "as"}
                      for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in self.charge_nouns | {"head"}]
            if not nouns:
                continue
            groups = [e for n in (*nouns, tok) for e in _of_entities(index, n, {"ORG"})]
            groups += [e for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj" and o.lower_ in index.group_nouns
                       for e in index.refers(o, {"ORG"})]  # "at the head of the group"
            # "A, who took over ...; B, ...": "who" is A alone, not every name the list joins to A
            for person in [e for c in tok.children if c.dep_ == "nsubj"
                           for e in index.refers(c, {"PERSON"})[:1 if c.lower_ in _RELPRON else None]]:
                for group in dict.fromkeys(groups):
                    yield _Found("leader_of", person, group, nouns[0])

    def memberships(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Shehbaz Sharif of the Pakistan Muslim League-Nawaz", "Haji Mali Khan of the Haqqani network";
        "the KCK, the umbrella body to which the PKK belongs"; "three JNIM fighters, including X"."""
        doc = sent.doc
        for tok in sent:
            if tok.lower_ != "including" or tok.head.lemma_.lower() not in self.member_nouns:
                continue
            groups = [e for c in tok.head.children if c.dep_ in {"compound", "nmod", "amod"}
                      for e in [index.entity_at(c)] if e and index.type(e) == "ORG"]
            groups += [e for p in tok.head.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"ORG"})]
            people = [e for o in tok.children if o.dep_ == "pobj"
                      for e in index.np_entities(o, {"PERSON"}, deep=True)]
            for person in people:
                for group in dict.fromkeys(groups):
                    yield _Found("member_of", person, group, tok)
        for tok in sent:
            if tok.lemma_.lower() != "belong" or tok.pos_ not in {"VERB", "AUX"} \
                    or any(c.dep_ == "neg" for c in tok.children):  # (not "did not belong to Y")
                continue
            members = [e for c in tok.children if c.dep_ == "nsubj" for e in index.refers(c, {"ORG", "PERSON"})]
            # "the KCK, the umbrella body to which the PKK belongs"; "Front 33 belongs to the EMBF"
            bodies = index.refers(tok.head, {"ORG"}) if tok.dep_ == "relcl" else [
                e for p in tok.children if p.dep_ == "prep" and p.lower_ == "to"
                for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"ORG"})]
            for body in bodies:
                for member in members:
                    if member != body:
                        yield _Found("part_of" if index.type(member) == "ORG" else "member_of", member, body, tok)
        yield from self._collective_members(index, sent)
        for m in index.mentions:
            if not (sent.start <= m.start and m.end + 1 < sent.end) or index.type(m.id_) != "PERSON":
                continue
            if doc[m.end].lower_ != "of":
                continue
            k = m.end + 1
            while k < sent.end and doc[k].lower_ in {"the", "a", "an"}:
                k += 1
            org = index.tok_ent[k] if k < sent.end else None
            if org and index.type(org) == "ORG" and index.subtype(org) in {"political_party", "armed_group"}:
                yield _Found("member_of", m.id_, org, doc[m.end])

    def _collective_members(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "The alliance, which also includes the Arakan Army", "X, the MNDAA's partner in the Three
        Brotherhood Alliance": the members of an alliance or coalition (groups are part of it,
        states associated with it)."""

        def collective(eid: str) -> bool:
            return index.type(eid) == "ORG" and bool(set(index.entities[eid].name.lower().split()) & _COLLECTIVE_WORDS)

        def member(part: str, whole: str, cue: Token) -> Iterator[_Found]:
            if part != whole and index.type(part) == "ORG":
                yield _Found("part_of", part, whole, cue)
            elif part != whole and index.subtype(part) == "country":
                yield _Found("associated_with", part, whole, cue)

        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma in {"include", "comprise", "unite"} and tok.pos_ == "VERB":
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                wholes = [w for c in subjects for w in index.refers(c, {"ORG"}) if collective(w)]
                nouns = [c.head if c.lower_ in _RELPRON and tok.dep_ == "relcl" else c for c in subjects]
                if not wholes and any(n.lemma_.lower() in _COLLECTIVE_WORDS and n.is_lower for n in nouns):
                    # "The alliance, which also includes X": the alliance named last
                    wholes = [m.id_ for m in reversed(index.mentions) if m.end <= tok.i and collective(m.id_)][:1]
                for whole in wholes[:1]:
                    for o in (c for c in tok.children if c.dep_ == "dobj"):
                        for part in index.np_entities(o, {"ORG", "PLACE"}):
                            yield from member(part, whole, tok)
            elif lemma in {"form", "join", "create", "found", "launch"} and tok.pos_ == "VERB":
                # "Niger, Mali and Burkina Faso have since formed the Alliance of Sahel States"
                wholes = [w for c in tok.children if c.dep_ == "dobj" for w in index.np_entities(c, {"ORG"})
                          if collective(w)]
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                for whole in wholes[:1]:
                    for part in (e for c in subjects for e in index.np_entities(c, {"ORG", "PLACE"})):
                        yield from member(part, whole, tok)
            elif lemma in {"partner", "ally", "member"} and tok.pos_ == "NOUN":
                wholes = [w for p in tok.children if p.dep_ == "prep" and p.lower_ in {"in", "of"}
                          for o in p.children if o.dep_ == "pobj"
                          for w in index.np_entities(o, {"ORG"}) if collective(w)]
                if not wholes:
                    continue
                parts = [e for c in tok.children if c.dep_ == "poss" for e in index.np_entities(c, {"ORG", "PLACE"})]
                if tok.dep_ == "appos":  # "the TNLA, the MNDAA's partner in the alliance"
                    parts += index.np_entities(tok.head, {"ORG", "PLACE"})
                for part in parts:
                    yield from member(part, wholes[0], tok)

    def _place_roles(self, index: DocIndex, source: str, phrase: list[Token]) -> Iterator[_Found]:
        """ "Faladie, a district of Bamako", "Maiduguri, the Borno capital": a place described as part
        of another."""
        described = bool(phrase) and phrase[0].lower_ in {"the", "a", "an"}  # not a list of places
        if len(phrase) > 1 and phrase[0].lower_ in {"in", "inside"} and index.subtype(source) != "country":
            # "Mudiyah, in Abyan province", "Sulaymaniyah, in Iraq's Kurdistan Region"
            named = [m for t in phrase[1:] if (m := index.mention_of(t)) is not None and m.start == t.i]
            # (and "Abqaiq, in the kingdom's Eastern Province": the country the text is about owns it)
            lead = phrase[1:named[0].start - phrase[0].i] if named else []
            # (and "Kalyanpur, in the north of Dhaka": a part of it, named by its bearing)
            if named and all(t.lower_ in {"the", "kingdom", "country", "nation", "'s", "’s"} | _DIRECTIONS
                             or t.lower_ == "of" and k > 0 and lead[k - 1].lower_ in _DIRECTIONS | _PARTS_OF
                             or t.lower_ in _PARTS_OF for k, t in enumerate(lead)):
                first = named[0]
                if len(named) > 1 and _owned_next(first, named[1]):
                    first = named[1]
                if index.type(first.id_) == "PLACE" and first.id_ != source:
                    yield _Found("located_in", source, first.id_, phrase[0])
            return
        if phrase and phrase[0].lower_ in _INCLUDING and index.subtype(source) in _PLACE_PARENTS - {"city"}:
            # "in Afghanistan, including in the provinces of Ghazni and Laghman": the places it includes
            sent = phrase[0].sent
            listed: list[str] = []
            for tok in sent.doc[phrase[0].i + 1:sent.end]:
                eid = index.entity_at(tok)
                if eid and index.type(eid) == "PLACE":
                    listed += [eid] if eid not in listed else []
                elif eid or not (tok.text == "," or tok.lower_ in {"and", "or", "in", "the", "of"}
                                 or tok.is_lower and self.place_kinds.get(tok.lemma_.lower())):
                    break
            for eid in listed:
                if eid != source and index.subtype(eid) not in {"country", "region"}:
                    yield _Found("located_in", eid, source, phrase[0])
            return
        def kind_of(k: int) -> bool:  # "a village in", "a district of": the place it lies in follows
            tok = phrase[k]
            word = tok.lemma_.lower()
            kind = word in _PLACE_NOUNS or tok.is_lower and bool(self.place_kinds.get(word)) \
                or tok.is_lower and word in self.site_nouns and index.type(source) == "PLACE"
            if kind and k + 2 < len(phrase) and phrase[k + 1].lower_ in {"on", "at"}:
                # "a district on the western side of X", "a camp at the edge of Goma"
                edge = next((j for j in range(k + 2, min(len(phrase) - 1, k + 6))
                             if phrase[j].lemma_.lower() in _EDGES_OF and phrase[j + 1].lower_ == "of"), None)
                return edge is not None and all(t.pos_ in {"DET", "ADJ", "PROPN"} or t.i == phrase[edge].i
                                                for t in phrase[k + 2:edge + 1])
            if not kind and described and k + 1 < len(phrase) and phrase[k + 1].lower_ == "in" \
                    and self._any_place_noun(index, source, tok) \
                    and all(t.pos_ in {"DET", "ADJ", "ADV", "PUNCT"} for t in phrase[:k]):
                return True  # "Karakalpakstan, an autonomous republic in Uzbekistan's northwest"
            return kind and k + 1 < len(phrase) and phrase[k + 1].lower_ in {"of", "in", "inside"}

        first_kind = next((k for k in range(len(phrase)) if kind_of(k)), len(phrase))
        if any(t.lower_ in _BEARINGS and k + 1 < len(phrase) and phrase[k + 1].lower_ in {"of", "from"}
               for k, t in enumerate(phrase[:first_kind])):
            # (not "a village in X province a few kilometres from the border": in it, and near that)
            return  # "Jilib, about 110 km north of the port city of Kismayo": beside it, not in it
        for k, tok in enumerate(phrase[:first_kind]):
            if described and k > 0 and tok.lemma_.lower() in {"capital", "city", "town", "district", "province",
                                                              "region"} and index.entity_at(phrase[k - 1]):
                target = index.entity_at(phrase[k - 1]) or ""
                if index.type(target) == "PLACE" and target != source:
                    yield _Found("located_in", source, target, tok)
                return
        skip = 2
        if first_kind < len(phrase) and phrase[first_kind + 1].lower_ in {"on", "at"}:
            skip = next((j for j in range(first_kind + 2, len(phrase)) if phrase[j].lower_ == "of"),
                        len(phrase)) - first_kind + 1
        rest = [m for t in phrase[first_kind + skip:] if (m := index.mention_of(t)) is not None and m.start == t.i]
        if len(rest) > 1 and _owned_next(rest[0], rest[1]):
            rest = rest[1:]  # "a town in Burkina Faso's Centre-Nord region": the region
        if rest and index.type(rest[0].id_) == "PLACE" and rest[0].id_ != source:
            yield _Found("located_in", source, rest[0].id_, phrase[first_kind])

    def _title_window(self, index: DocIndex, sent: Span, j: int, comma: bool) -> tuple[list[Token], int]:
        """The words before a name (from token j back) that may hold its title, and where they stop."""
        doc = sent.doc
        window: list[Token] = []
        words = 0  # a name counts as one word ("the Communist Party of India (Marxist)")
        while j >= sent.start and words < 10:
            tok = doc[j]
            hyphen_joined = j > 0 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_
            in_name = tok.text in {"(", ")"} and index.entity_at(tok) is not None  # "the CPN (Maoist)"
            if tok.text in _BOUNDARY and not in_name or tok.is_space and "\n" in tok.text \
                    or tok.pos_ in {"VERB", "AUX"} and tok.lower_ not in self.modifiers and not hyphen_joined \
                    or tok.lower_ in _RELPRON:  # (a line break ends a headline or a paragraph)
                break  # "the Iran-backed militia X" keeps its participle
            hyphenated = j > 0 and doc[j - 1].text == "-" or j + 1 < len(doc) and doc[j + 1].text == "-"
            if tok.lower_ in {"in", "to"} and comma and window and all(
                    index.entity_at(t) and index.type(index.entity_at(t) or "") == "PLACE" for t in window):
                window = []  # "Hamas's leader in Gaza, X", "Kenya's envoy to Haiti, Y": the role before the place
                j -= 1
                continue
            if tok.pos_ == "ADP" and tok.lower_ not in {"of", "for"} and not hyphenated:
                break  # "second-in-command" keeps its "in"
            if tok.pos_ == "CCONJ" and not comma:
                break
            eid = index.entity_at(tok)
            if eid and index.type(eid) == "PERSON":
                break
            if not (window and eid and index.entity_at(window[0]) == eid):
                words += 1
            window.insert(0, tok)
            j -= 1
        return window, j

    def titles(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Taliban leader X", "acting finance minister X", "US Special Envoy X", and a role set
        before the name with a comma: "Tajikistan's president, X", "its Amaq news agency"."""
        doc = sent.doc
        for m in index.mentions:
            if not (sent.start <= m.start and m.end <= sent.end) or index.type(m.id_) not in {"PERSON", "ORG"}:
                continue
            if index.type(m.id_) == "ORG":
                yield from self._org_title(index, m)
                continue
            j = m.start - 1
            k = j
            while k >= sent.start and (doc[k].is_title and doc[k].lower_ in self.honorific_titles or doc[k].text == ")"
                                       and k - 2 >= sent.start and doc[k - 2].text == "(" and doc[k - 1].is_lower):
                k -= 3 if doc[k].text == ")" else 1  # "Lieutenant General (retd) X"
            if k >= sent.start and doc[k].text == ",":
                j = k  # "Nigeria's chief of defence staff, General Lucky Irabor"
            elif k < j and k >= sent.start and doc[k].is_lower and self._role_at([doc[k]], 0):
                j = k  # "Army chief Gen. Pana Claewplodtook": the rank sits between the role and the name
            comma = j >= sent.start and doc[j].text == ","
            if comma:
                j -= 1
            window, j = self._title_window(index, sent, j, comma)
            if not comma and window and window[0].lower_ in {"the", "a"} and j >= sent.start and doc[j].text == "," \
                    and all(t.is_lower for t in window) and not any(index.entity_at(t) for t in window):
                # "led by TLYR's chief, the cleric X": a bare description between the role and the name
                earlier, _ = self._title_window(index, sent, j - 1, True)
                if earlier and any(self._role_at(earlier, n) for n in range(len(earlier))):
                    window, comma = earlier, True
            opening = self._role_at(list(doc[m.start:m.end - 1]), 0) if m.end - m.start >= 2 else None
            if window and not comma and opening and all(t.is_title for t in doc[m.start:m.start + opening[0]]) \
                    and not any(self._role_at(window, k) for k in range(len(window))):
                # "Saudi Arabia's King Salman", "Saudi Arabia's Crown Prince Mohammed bin Salman": the
                # title is in the name
                window = [*window, *doc[m.start:m.start + opening[0]]]
            if not window:
                continue
            found = list(self._roles_in(index, m.id_, window, last_only=comma))
            found += self._army_chief(index, m.id_, window)
            if found:
                yield from found
            elif not comma:
                found = list(self._registry_title(index, m.id_, window))
                yield from found
            cue_at = next((k for k in range(len(window)) if self._role_at(window, k)), None)
            k = m.end + 1 if m.end < sent.end and doc[m.end].lower_ == "of" else sent.end
            k += 1 if k < sent.end and doc[k].lower_ == "the" else 0
            after = index.entity_at(doc[k]) if k < sent.end else None
            if not found and not comma and cue_at is not None and after and index.type(after) in {"ORG", "PLACE"}:
                n, rels = self._role_at(window, cue_at) or (1, [])  # "President William Ruto of Kenya"
                rel = self._pick(rels, m.id_, after, index, window[cue_at + n - 1])
                if rel:
                    found = [_Found(rel, m.id_, after, window[cue_at + n - 1])]
                    yield from found
            before = index.mention_of(doc[j - 1]) if j - 1 >= sent.start and doc[j].pos_ == "CCONJ" else None
            if not found and before is not None and index.type(before.id_) == "PERSON" and cue_at is not None:
                # "Israeli Prime Minister Benjamin Netanyahu and Defence Minister Israel Katz": the
                # second title serves where the first does (worked out once all is read)
                n, rels = self._role_at(window, cue_at) or (1, [])
                if "official_of" in rels:
                    yield _Found(_ALONGSIDE + "official_of", m.id_, before.id_, window[cue_at + n - 1])

    @staticmethod
    def _army_chief(index: DocIndex, person: str, window: list[Token]) -> list[_Found]:
        """ "Army chief Gen. X", "the army chief, X": X leads the army the text names (the state's
        own, or the one the word itself names), whatever he is to the state."""
        at = next((k for k in range(len(window) - 1) if window[k].lower_ in {"army", "military"}
                   and window[k + 1].lower_ in {"chief", "commander"}), None)
        if at is None or any(index.entity_at(t) and index.type(index.entity_at(t) or "") == "PLACE"
                             for t in window[:at]):
            return []  # "Pakistan's army chief": official_of Pakistan, read by the role cues
        own = index.entity_at(window[at])
        army = [own] if own and index.type(own) == "ORG" else index.forces_of(index.main_state())[:1]
        return [_Found("leader_of", person, a, window[at + 1]) for a in army if a != person]

    def _org_title(self, index: DocIndex, m: Span) -> Iterator[_Found]:
        """ "its Amaq news agency", "the group's Afghan branch, ISKP": a group named as part of another."""
        doc = m.doc
        after = list(doc[m.end:min(len(doc), m.end + 3)])
        hit = next(((k, h) for k in range(len(after)) if (h := self._role_at(after, k))), None)
        own = list(m)
        ends_in_role = next((k for k in range(1, len(own)) if (r := self._role_at(own, k)) and k + r[0] == len(own)
                             and "part_of" in r[1]), None)
        if hit is None and ends_in_role is not None and m.start > 1:
            # "through its Amaq News Agency", "the Islamic State's Amaq news agency": the role is the
            # last words of the name itself
            before = doc[m.start - 1]
            owners: list[str] = []
            if before.lower_ in {"its", "their"}:
                owners = index.possessor(before)
            elif before.lower_ in {"'s", "’s"} and (owner := index.entity_at(doc[m.start - 2])):
                owners = [owner]
            for t in owners:
                if t != m.id_ and index.type(t) == "ORG":
                    yield _Found("part_of", m.id_, t, own[ends_in_role])
        k = m.end
        cue = own[ends_in_role] if ends_in_role is not None else None
        if cue is None and k < len(doc) and doc[k].is_lower and (r := self._role_at([doc[k]], 0)) \
                and "part_of" in r[1]:
            cue, k = doc[k], k + 1  # "the Anti-Terrorism unit (ATU) of ...": the name ends before it
        k += 3 if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" else 0
        if cue is None and m.start > 1 and doc[m.start - 1].text == "(" and k + 1 < len(doc) and doc[k].text == ")" \
                and (r := self._role_at([doc[m.start - 2]], 0)) and "part_of" in r[1] and doc[m.start - 2].is_lower:
            cue, k = doc[m.start - 2], k + 1  # "the Anti-Terrorism unit (ATU) of ...": the acronym names the unit
        if cue is not None and k + 1 < len(doc) and doc[k].lower_ == "of":
            # "the Rapid Response Unit of the Kenya Police Service", "the Counter Terrorism unit (CTTC)
            # of the Dhaka police": a unit named with the body it belongs to
            k += 2 if doc[k + 1].lower_ == "the" and k + 2 < len(doc) else 1
            whole = index.entity_at(doc[k])
            if whole and whole != m.id_ and index.type(whole) == "ORG" \
                    and (named := index.mention_of(doc[k])) is not None and named.start == k:
                yield _Found("part_of", m.id_, whole, cue)
        # (not "the Islamic State's Afghan branch": what follows the possessive is the group's own part)
        if hit is not None and "part_of" in hit[1][1] and all(t.pos_ in {"NOUN", "PROPN", "ADJ"}
                                                              for t in after[:hit[0]]) \
                and not (after and after[0].lower_ in {"'s", "’s"}):
            lead = max(0, m.start - 4)
            targets = self._phrase_targets(index, [*doc[lead:m.start], *after], m.start - lead, m.start - lead)
            for t in targets:
                if t != m.id_ and index.type(t) == "ORG":
                    yield _Found("part_of", m.id_, t, after[hit[0]])
        j = m.start - 1
        if j > 0 and doc[j].lower_ in {"the", "a", "an"}:
            j -= 1  # "the group's Afghan branch, the Islamic State Khorasan Province"
        if j > 1 and doc[j].lower_ == "as" and doc[j - 1].lower_ in {"known", "called", "named", "dubbed"}:
            j -= 2  # "its Egyptian branch, known as Sinai Province"
        if j > 0 and doc[j].text == ",":
            start = j
            while start > m.sent.start and doc[start - 1].text not in _BOUNDARY and j - start < 8:
                start -= 1
            window = list(doc[start:j])
            for k in range(len(window)):
                role = self._role_at(window, k)
                if role and index.entity_at(window[k]):
                    break  # "Islamic State Khorasan Province, the Islamic State's ...": a name, not a role
                if role and "part_of" in role[1]:
                    for t in self._phrase_targets(index, window, k, k + role[0]):
                        if t != m.id_ and index.type(t) == "ORG":
                            yield _Found("part_of", m.id_, t, window[k])
                    break

    def _registry_title(self, index: DocIndex, person: str, window: list[Token]) -> Iterator[_Found]:
        """A title with no organisation in the text: the registry says whom the person serves."""
        cue_at = next((k for k in range(len(window)) if self._role_at(window, k)), None)
        if cue_at is None:
            return
        n, rels = self._role_at(window, cue_at) or (1, [])
        cue = window[cue_at + n - 1]
        entry = self.registry.actors.get(index.entities[person].kb_id or "")
        if entry is None:
            return
        for role in entry.roles:
            rel = role.get("rel")
            if rel not in rels:
                continue
            org = self.registry.actors.get(role.get("org", ""))
            candidates = [e for e in index.entities.values() if e.kb_id == role.get("org")]
            if not candidates and org is not None and org.country and rel == "official_of":
                candidates = [e for e in index.entities.values()
                              if e.kb_id and self.registry.places.get(e.kb_id) is not None
                              and self.registry.places[e.kb_id].subtype == "country"
                              and self.registry.places[e.kb_id].country == org.country]
            # the organisation must be named in the same sentence as the title
            sent = cue.sent
            named_here = {index.tok_ent[i] for i in range(sent.start, sent.end)}
            for target in [c for c in candidates if c.id in named_here][:1]:
                yield _Found(rel, person, target.id, cue)

    def verbs_(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "X leads Y", "Y, founded by X", "Y, which X leads", "X, based in Z", "Quetta-based X"."""
        for tok in sent:
            lemma = tok.lemma_.lower()
            rel = self.verbs.get(lemma)
            if rel is None or tok.pos_ not in {"VERB", "AUX", "ADJ"} or rel != "located_in" and tok.pos_ == "ADJ":
                continue
            if rel == "located_in":
                yield from self._based(index, tok)
                continue
            agents = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
            if lemma == "belong":  # "X is said to belong to Y" (memberships() reads "X belongs to Y")
                if any(c.dep_ == "neg" for c in tok.children):
                    continue  # "did not belong to Y"
                objects = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                           for o in c.children if o.dep_ == "pobj"]
            if len(subjects) > 1 and not objects:  # "X leads the Y", parsed with two subjects
                objects = [s for s in subjects if s.i > tok.i]
                subjects = [s for s in subjects if s.i < tok.i]
            if agents:  # passive: "Y was founded by X", "Y, founded by X"
                # "headed by X, the son of Y": the agent and its conjuncts, not the people its
                # apposition names
                heads = [e for a in agents for h in (a, *a.conjuncts) if (e := index.entity_at(h))
                         and index.type(e) == "PERSON"]
                # "led by a commander known as Richard Suarez": the name the unnamed agent goes by
                heads += [e for a in agents if not index.entity_at(a) for t in a.subtree
                          if t.dep_ in {"pobj", "oprd", "attr"} and _goes_by(t)
                          and (e := index.entity_at(t)) and index.type(e) == "PERSON" and e not in heads]
                sources = list(dict.fromkeys(heads)) or [e for a in agents for e in index.np_entities(a, {"PERSON"})]
                if not objects and tok.dep_ == "xcomp":  # "the branch was believed to be led by X"
                    objects = [c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
                targets = [e for o in objects for e in index.refers(o, {"ORG"})]
                near = _named_before(index, objects[0]) if len(targets) > 1 and objects[0].lower_ in _RELPRON \
                    else None
                if near in targets:  # "A, B (BB), which is led by X": the name right before "which"
                    targets = [near]
                if rel == "leader_of" and targets and all(o.lower_ in index.group_members for o in objects):
                    rel = "member_of"  # "the fighters were led by X": X commands some of the group's men
                if not targets:
                    targets = self._head_entity(index, tok, {"ORG"})
                if not targets and rel == "leader_of" and tok.dep_ == "acl":
                    # "Mali's junta, led by X": a state's unnamed government, led by X, serves the state
                    for s in sources:
                        for c in tok.head.children:
                            owner = index.entity_at(c) if c.dep_ == "poss" else None
                            if owner and index.subtype(owner) == "country":
                                yield _Found("official_of", s, owner, tok)
            else:
                if not subjects and tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
                    # "X defected from the TTP and joined ISKP": the verbs share X
                    subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
                node = tok.head if not subjects and tok.dep_ == "conj" else tok
                said_of: list[str] = []
                if not subjects and node.dep_ == "xcomp" and node.head.lemma_.lower() in _SAID_TO \
                        and not any(c.dep_ == "dobj" for c in node.head.children):
                    # "who is believed to lead Boko Haram", "the cleric who is said to head Ansaru":
                    # the one believed or said to do it
                    subjects = [c for c in node.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
                    if not subjects and node.head.dep_ == "conj":
                        # "X, who is ... and is said to belong to Y": the one named right before "who"
                        # (the parser may join the names of a list to X)
                        shared = [c for c in node.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}
                                  and c.lower_ == "who"]
                        named = _named_before(index, shared[0]) if shared else None
                        said_of = [named] if named and index.type(named) == "PERSON" else []
                sources = said_of or [e for s in subjects for e in index.refers(s, {"PERSON"})]
                if not sources and subjects and subjects[0].lower_ == "who":
                    # "X, the businessman who is said to direct Wagner": the one the described noun is
                    clause = next((a for a in [subjects[0].head, *subjects[0].head.ancestors] if a.dep_ == "relcl"),
                                  None)
                    noun = clause.head if clause is not None else None
                    named = index.entity_at(noun.head) if noun is not None and noun.dep_ == "appos" else None
                    sources = [named] if named and index.type(named) == "PERSON" else []
                if subjects and subjects[0].lower_ in _RELPRON:
                    sources = sources[:1]  # "A, who heads X; and B": "who" is A alone
                # "has led the al-Qaeda affiliate": the affiliate is led, not al-Qaeda
                targets = [e for o in objects for e in index.np_entities(o, {"ORG"})
                           if not (o.pos_ == "NOUN" and o.lemma_.lower() in index.derived_groups
                                   and index.entity_at(o) != e)]
                # "who founded the PKK in 1978 and still leads it": the group the pronoun stands for
                targets += [e for o in objects if o.lower_ in {"it", "them"} for e in index.refers(o, {"ORG"})]
                # "heads the group's armed wing, the People's Defence Forces": the wing by its own name
                for o in objects:
                    if o.pos_ != "NOUN" or o.lemma_.lower() not in index.derived_groups:
                        continue
                    k = o.i + 1  # the name set right after the noun, however the parser hung it
                    k += 1 if k < len(tok.doc) and tok.doc[k].text == "," else 0
                    k += 1 if k < len(tok.doc) and tok.doc[k].lower_ == "the" else 0
                    named = index.entity_at(tok.doc[k]) if k < len(tok.doc) and k > o.i + 1 else None
                    if named and index.type(named) == "ORG":
                        targets.append(named)
                # "leads the opposition Social Democratic Union": the parser may make the name right
                # after the bare noun its apposition
                renamed = {o.i: e for o in objects if o.pos_ == "NOUN" and o.is_lower and o.i + 1 < len(o.doc)
                           and index.entity_at(o) is None and (e := index.entity_at(o.doc[o.i + 1]))
                           and index.type(e) == "ORG" and any(c.dep_ == "appos" and index.entity_at(c) == e
                                                              for c in o.children)}
                targets += [e for e in renamed.values() if e not in targets]
                # "who commands the MFDC's northern front", "leads the LRA's Sinia Brigade": who heads
                # a part of a body is one of its members, and leads the part alone
                owned = {own: o for o in objects for c in o.children if c.dep_ == "poss"
                         and (own := index.entity_at(c)) and index.type(own) == "ORG" and index.entity_at(o) != own
                         and (index.entity_at(o) is not None or o.lemma_.lower() in _PART_UNITS)}
                if rel in {"leader_of", "deputy_leader_of"} and owned:
                    targets = [t for t in targets if t not in owned]
                    for s in sources:
                        for own in owned:
                            if s != own:
                                yield _Found("member_of", s, own, tok)
                if rel == "leader_of" and any(o.pos_ == "NOUN" and o.is_lower and index.entity_at(o) is None
                                              and o.lemma_.lower() not in index.group_nouns | index.derived_groups
                                              and not _task_force(o) and o.i not in renamed for o in objects):
                    targets = []  # "he led a Hamas delegation to Doha": the delegation, not Hamas
                if not targets:  # "who heads the army": the one named organisation the noun fits
                    targets = [e for o in objects if o.pos_ == "NOUN"
                               for e in index.described(o, {"ORG"})]
                relative_object = any(o.lower_ in _RELPRON for o in objects) or (
                    tok.dep_ == "relcl" and subjects and subjects[0].lower_ not in _RELPRON)
                if not targets and relative_object:  # "Y, which X leads"
                    targets = self._head_entity(index, tok, {"ORG"})
            if not agents and not targets and rel == "leader_of" and tok.lemma_.lower() in {"lead", "rule", "govern"}:
                # "who has led Uzbekistan since 2016": who leads a state serves it
                for s in sources:
                    for o in objects:
                        for e in index.np_entities(o, {"PLACE"}):
                            if index.subtype(e) == "country" and e != s:
                                yield _Found("official_of", s, e, tok)
            if rel == "founder_of" and sources:
                sources += [p for p in self._partners(index, tok, agents) if p not in sources]
            for s in sources:
                for t in targets:
                    if s != t:
                        yield _Found(rel, s, t, tok)

    def _head_entity(self, index: DocIndex, tok: Token, types: set[str]) -> list[str]:
        """The entity a participle or relative clause hangs on; through a copula to its subject;
        for "founded by X and led by Y", the noun both participles hang on."""
        while tok.dep_ == "conj" and tok.head != tok:
            tok = tok.head
        head = tok.head
        found = index.refers(head, types)  # named, or what "the group" in "the group, founded by X" stands for
        doc = tok.doc
        named = tok.i - 2  # the end of the name before the participle's comma
        if named >= 2 and doc[named].text == ")" and doc[named - 2].text == "(":
            named -= 1  # "the Sudanese Armed Forces (SAF), led by ...": the acronym names it too
        comma_before = tok.dep_ == "acl" and named >= 0 and doc[tok.i - 1].text == "," \
            and index.entity_at(doc[named]) is not None
        if found and not (comma_before and index.entity_at(head) is None or tok.dep_ == "acl" and head.i > tok.i):
            return found[:1]
        if head.dep_ in {"attr", "appos", "acomp"}:
            for c in head.head.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    return index.np_entities(c, types)[:1]
        if comma_before:
            # "the war between the Sudanese Armed Forces, led by X, and ...": the parser may hang
            # the participle on the wrong noun; the name right before its comma is what it describes
            before = index.entity_at(doc[named])
            if before is not None and index.type(before) in types:
                return [before]
        return found[:1]

    @staticmethod
    def _partners(index: DocIndex, tok: Token, agents: list[Token]) -> list[str]:
        """Who did it too: "founded the Taliban together with Omar", "founded by X with Y"."""
        out: list[str] = []
        for node in [tok, *agents]:
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ in {"with", "alongside"}:
                    out += [e for obj in prep.children if obj.dep_ == "pobj"
                            for e in index.np_entities(obj, {"PERSON"})]
        return out

    def _based(self, index: DocIndex, tok: Token) -> Iterator[_Found]:
        """ "X, based in Z", "X operates in Z", "X is active in Z", "the Quetta-based X"."""
        # "cells remain active in Z": the parser may hang the place on the copula
        holders = (tok, tok.head) if tok.dep_ == "acomp" and tok.head.lemma_.lower() in _COPULA | {"stay"} else (tok,)
        targets = [e for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {
                       "in", "at", "near", "out", "across", "inside", "throughout"}
                   for p in c.children if p.dep_ == "pobj" for e in index.np_entities(p, {"PLACE"})]
        targets += [e for c in tok.children if c.dep_ in {"npadvmod", "compound"}
                    for e in index.np_entities(c, {"PLACE"})]
        if tok.i > 1 and tok.doc[tok.i - 1].text == "-":  # "Quetta-based"
            eid = index.entity_at(tok.doc[tok.i - 2])
            if eid and index.type(eid) == "PLACE":
                targets.append(eid)
            elif tok.doc[tok.i - 2].lower_ in self.demonym_country:  # "Afghan-based"
                targets += self._country_entity(index, self.demonym_country[tok.doc[tok.i - 2].lower_])
        if tok.lemma_.lower() == "lie":  # "Kokorou lies in Niger's Tillaberi region": a place in a place
            places = [e for c in tok.children if c.dep_ == "nsubj" for e in index.np_entities(c, {"PLACE"})]
            within = [t for t in targets if index.subtype(t) != "country"] or targets
            for place in places[:1]:
                for target in within[:1]:
                    if target != place:
                        yield _Found("located_in", place, target, tok)
            return
        yield from self._located(index, tok, targets)

    @staticmethod
    def _held_places(index: DocIndex, obj: Token) -> list[str]:
        """The places an object of holding names: "Hasakah and Raqqa provinces", "much of Deir ez-Zor",
        "parts of Sokoto"; none for "talks" or "the line"."""
        if obj.lower_ in {"much", "most", "parts", "part", "swathes", "swaths", "areas", "all", "some"}:
            return [e for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"PLACE"})]
        return [e for e in index.np_entities(obj, {"PLACE"}) if index.entity_at(obj) == e
                or obj.lemma_.lower() in _PLACE_PARENTS | {"province", "state", "district", "town", "city"}]

    def _located(self, index: DocIndex, tok: Token, targets: list[str], holding: bool = False) -> Iterator[_Found]:
        if tok.dep_ in {"acl", "amod", "relcl"}:
            sources = index.refers(tok.head, {"ORG"})
            if not sources:
                sources = self._presence_holder(index, tok.head)
            if not sources and tok.head.lemma_.lower() not in self.honorific_titles:
                # (not "Speaking to Al Jazeera, the rebel commander based in Idlib": a person's phrase)
                sources = _apposed_to(index, tok.head, {"ORG"})
        else:
            node = tok
            sources = []
            for _ in range(3):  # "X is believed to shelter in Z": the subject of the raising verb
                sources = [e for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}
                           for e in index.refers(c, {"ORG"})]
                if sources or node.dep_ not in {"xcomp", "acomp", "attr"}:
                    break
                node = node.head
        for s in sources:
            for t in targets:
                # a ministry is no place's; a unit said to be based or stationed somewhere is there
                if s != t and (index.subtype(s) != "government" or holding
                               or tok.lemma_.lower() in {"base", "station"}):
                    yield _Found("located_in", s, t, tok)

    def _presence_holder(self, index: DocIndex, noun: Token) -> list[str]:
        """ "X has dozens of fighters, most of them Uzbeks, based in Z": climb from the noun the place
        hangs on, through appositions and "of" phrases, to the verb whose subject holds them."""
        seen_presence = False
        node = noun
        for _ in range(6):
            kinds = [node.lemma_.lower(), *(p.lemma_.lower() for c in node.children if c.dep_ == "prep"
                                            and c.lower_ == "of" for p in c.children if p.dep_ == "pobj")]
            seen_presence = seen_presence or any(k in self.presence for k in kinds)  # "dozens of fighters"
            if node.pos_ in {"VERB", "AUX"}:
                if not seen_presence:
                    return []
                return [e for c in node.children if c.dep_ == "nsubj" for e in index.refers(c, {"ORG"})]
            if node.dep_ not in {"appos", "pobj", "prep", "dobj"} or node.head == node:
                return []
            node = node.head
        return []

    @staticmethod
    def mergers(index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "JNIM was formed from a merger of Ansar Dine, Katiba Macina and al-Mourabitoun", "the New
        IRA, formed from a merger of the Real IRA with smaller groups", "A and B merged into C": the
        groups that merged are tied to the one they made."""
        doc = sent.doc

        def listed(start: int, step: int) -> list[str]:
            """The organisations named in a list from ``start`` on (``step`` 1) or back (-1): names,
            commas, "and", "the", "with" and nothing else (the parser often splits such lists)."""
            found: list[str] = []
            k = start
            while sent.start <= k < sent.end:
                tok = doc[k]
                eid = index.entity_at(tok)
                if eid is not None and index.type(eid) == "ORG":
                    found += [eid] if eid not in found else []
                elif eid is not None or tok.lower_ not in {",", "and", "the", "with", "as", "well", "smaller", "other"}:
                    break
                k += step
            return found

        for tok in sent:
            lemma = tok.lemma_.lower()
            parts: list[str] = []
            wholes: list[str] = []
            if lemma == "merger" and tok.pos_ == "NOUN":
                parts = [e for p in tok.children if p.dep_ == "prep" and p.lower_ in {"of", "between"}
                         for e in listed(p.i + 1, 1)]
                made = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in {"from", "through", "in"} else None
                if made is not None and made.lemma_.lower() in _MADE:
                    wholes = [e for c in made.children if c.dep_ in {"nsubjpass", "nsubj"}
                              for e in index.np_entities(c, {"ORG"})]
                    if not wholes and made.dep_ in {"acl", "relcl"}:  # "the New IRA, formed from a merger of ..."
                        wholes = index.refers(made.head, {"ORG"})[:1]
            elif lemma == "merge" and tok.pos_ == "VERB":
                # (not "A and B, allies of C, merged": a name in an aside about them)
                aside = {t.i for c in tok.children if c.dep_ == "nsubj" for d in c.subtree
                         if d.dep_ in {"prep", "relcl", "acl"} or d.dep_ == "appos" and d.is_lower
                         for t in d.subtree}
                parts = [e for e in listed(tok.i - 1, -1)
                         if not any(index.tok_ent[i] == e for i in aside)]
                wholes = [e for p in tok.children if p.dep_ == "prep" and p.lower_ == "into"
                          for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"ORG"})]
                if not wholes:  # "whose al-Mourabitoun group merged with AQIM": the two are tied
                    wholes = [e for p in tok.children if p.dep_ == "prep" and p.lower_ == "with"
                              for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"ORG"})]
                    parts = [e for c in tok.children if c.dep_ == "nsubj"
                             for e in index.np_entities(c, {"ORG"})] if wholes else parts
            for whole in wholes:
                for part in dict.fromkeys(parts):
                    if part != whole:
                        yield _Found("associated_with", part, whole, tok)

    @staticmethod
    def strongholds(index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Hezbollah's stronghold in Dahiyeh", "the group's bastion of Jilib": where a body's own
        ground lies."""
        for tok in sent:
            if tok.lemma_.lower() not in _HOLDS or tok.pos_ != "NOUN":
                continue
            owners = [e for c in tok.children if c.dep_ == "poss" for e in index.np_entities(c, {"ORG"})
                      if index.entity_at(c) == e]
            places = [e for p in tok.children if p.dep_ == "prep" and p.lower_ in {"in", "of"}
                      for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, {"PLACE"})
                      if index.entity_at(o) == e]
            for owner in owners[:1]:
                for place in places[:1]:
                    yield _Found("located_in", owner, place, tok)

    @staticmethod
    def homes(index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Zaria, an old city in Kaduna state and home to Ahmadu Bello University", "Peshawar is home
        to the Frontier Corps headquarters": what a place is home to lies in it."""
        doc = sent.doc
        for tok in sent:
            if tok.lower_ != "home" or tok.pos_ != "NOUN" or tok.i + 2 >= sent.end or doc[tok.i + 1].lower_ != "to":
                continue  # (not "drove on, and home to Garissa": a way home)
            k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
            named = index.mention_of(doc[k]) if k < sent.end else None
            if named is None or named.start != k or index.type(named.id_) not in {"ORG", "PLACE"} \
                    or index.subtype(named.id_) in {"country", "region", "province"} \
                    or named.end < sent.end and doc[named.end].lower_ in {"'s", "’s"}:
                continue  # (not "home to the Taliban's political office": the office is there)
            place = None
            before = doc[tok.i - 1] if tok.i > sent.start else None
            if before is not None and before.lemma_.lower() in {"be", "remain"}:  # "Peshawar is home to"
                place = next((e for c in before.children if c.dep_ == "nsubj"
                              for e in index.np_entities(c, {"PLACE"})), None)
            elif before is not None and (before.text == "," or before.lower_ == "and"):
                # the place whose apposition this is: the nearest name closed off by a comma, with no
                # verb between ("Zaria, an old city in Kaduna state and home to")
                for j in range(tok.i - 1, sent.start, -1):
                    if doc[j].pos_ in {"VERB", "AUX"} or doc[j].text in {";", "(", ")"}:
                        break
                    m = index.mention_of(doc[j - 1])
                    if doc[j].text == "," and m is not None and m.end == j:
                        # an apposition opens there ("Zaria, an old city ... and home to", "Mosul, home
                        # to"), not a clause ("from Mombasa to Nairobi, and home to Garissa")
                        opens = j + 1 == tok.i or doc[j + 1].lower_ in {"a", "an", "the"}
                        place = m.id_ if index.type(m.id_) == "PLACE" and opens else None
                        break
            if place is not None and place != named.id_ and index.subtype(place) != "country":
                yield _Found("located_in", named.id_, place, tok)

    def presences(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "X has fighters in Z", "X maintains bases in Z": a group's presence in a place; "X,
        which controls A and B provinces and much of C": a group or administration holding ground."""
        for tok in sent:
            if tok.lemma_.lower() in self.control and tok.pos_ == "VERB":
                ground = [e for c in tok.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)
                          for e in self._held_places(index, o)]
                yield from self._located(index, tok, ground, holding=True)
                continue
            if tok.lemma_.lower() not in {"have", "maintain", "keep", "run", "retain", "establish", "regain", "gain",
                                          "build", "rebuild", "secure", "win"} or tok.pos_ not in {"VERB", "AUX"}:
                continue
            objs = [c for c in tok.children if c.dep_ == "dobj" and (c.lemma_.lower() in self.presence or any(
                p.lemma_.lower() in self.presence for p in c.subtree if p.dep_ == "pobj"))]
            if not objs:
                continue
            targets = [e for node in (tok, *objs) for c in node.children if c.dep_ == "prep"
                       and c.lower_ in {"in", "across", "inside", "near"}
                       for p in c.children if p.dep_ == "pobj" for e in index.np_entities(p, {"PLACE"})]
            node = tok
            while node.dep_ in {"xcomp", "ccomp"} and node.head != node:
                node = node.head  # "where the PKK is believed to keep fighters"
            if not targets and node.dep_ == "relcl" and any(c.lower_ == "where" for c in node.children):
                # "the Qandil mountains, along the Iraq-Iran border, where X keeps fighters": the named place
                def named(tok: Token) -> list[str]:
                    found = [index.entity_at(t) for t in (tok, *(c for c in tok.children if c.dep_ == "compound"))]
                    return [e for e in found if e and index.type(e) == "PLACE" and index.subtype(e) != "country"]
                place = node.head
                while not named(place) and place.dep_ in {"pobj", "prep"} and place.head != place:
                    place = place.head
                where = next(c for c in node.children if c.lower_ == "where")
                targets = named(place) or [  # else the last such place named before "where"
                    m.id_ for m in index.mentions if node.sent.start <= m.start and m.end <= where.i
                    and index.type(m.id_) == "PLACE" and index.subtype(m.id_) != "country"][-1:]
            yield from self._located(index, tok, targets)

    def ties(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "X, who has strong ties to Y", "X is linked to Y", "X's links with Y"."""
        for tok in sent:
            cover = tok.is_lower and tok.lower_ in {"front", "cover", "façade", "facade"}  # "a front for LeT"
            hyphened = tok.dep_ == "amod" and tok.i > 1 and tok.doc[tok.i - 1].text == "-"
            if tok.lemma_.lower() not in self.links and tok.lower_ not in self.links and not cover \
                    and not (hyphened and tok.lower_ == "led"):  # "the Russian-led CSTO"
                continue
            if hyphened:
                yield from self._hyphen_tie(index, tok)
                continue
            linking = {"for"} if cover else {"to", "with", "of"}
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in linking]
            targets = [e for p in preps for o in p.children if o.dep_ == "pobj"
                       for e in index.np_entities(o, {"PERSON", "ORG", "PLACE"})
                       if (index.type(e) != "PLACE" or index.subtype(e) == "country")  # "allied with Iran"
                       and e not in _hyphen_modifiers(index, o)]
            if not targets:
                continue
            sources = self._holder(index, tok)
            for s in sources:
                for t in targets:
                    if s != t:
                        yield _Found("associated_with", s, t, tok)

    def _hyphen_tie(self, index: DocIndex, tok: Token) -> Iterator[_Found]:
        """ "the Iran-aligned Houthis", "X, an al-Qaeda-aligned group", "the Russian-led CSTO": the
        name (or the demonym's country) before the hyphen is tied to the one the phrase names, or
        to the name a common noun stands beside."""
        doc = tok.doc
        tie = index.entity_at(doc[tok.i - 2])
        if tie is None and doc[tok.i - 2].lower_ in self.demonym_country:
            tie = next(iter(self._country_entity(index, self.demonym_country[doc[tok.i - 2].lower_])), None)
        if tie is None or index.type(tie) == "PLACE" and index.subtype(tie) != "country":
            return
        noun = tok.head
        held = index.entity_at(noun) or next(  # "the al-Shabaab-linked Jaysh Ayman group"
            (e for c in noun.children if c.dep_ == "compound" and (e := index.entity_at(c)) and e != tie), None)
        if held is None and noun.is_lower and noun.dep_ == "appos":
            held = index.entity_at(noun.head)  # "X, an al-Qaeda-aligned group"
        if held is not None and held != tie and index.type(held) == "ORG":
            # (the writer's label for the group, whoever tells the clause: "officials say they seized
            # two men of the al-Qaeda-linked X")
            yield _Found("associated_with", held, tie, tok, gloss=True)

    def support(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "the Houthis, who receive missiles from Iran", "X is backed by Y": the receiver of arms,
        money or training is tied to the giver, a group, a person or a state."""
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            if lemma in self.receive_from:
                givers = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "from"
                          for o in p.children if o.dep_ == "pobj"]
                if not any(c.dep_ == "dobj" for c in tok.children):
                    continue  # "received in Kabul", no thing given
            elif lemma in _SIDE_BY_SIDE and any(p.dep_ == "prep" and p.lower_ in {"alongside", "beside"}
                                                for p in tok.children):
                # "militias that had fought alongside the Somali National Army", "worked alongside the TTP"
                givers = [o for p in tok.children if p.dep_ == "prep" and p.lower_ in {"alongside", "beside"}
                          for o in p.children if o.dep_ == "pobj"]
            elif lemma in self.given_by and not any(c.dep_ == "auxpass" for c in tok.children) \
                    and tok.dep_ not in {"amod", "acl"} and any(c.dep_ == "dobj" for c in tok.children):
                # "the UAE, which pays for and trains the PMPF", "accuses the UAE of arming the RSF":
                # the doer gives, the named object receives
                receivers = [e for c in tok.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)
                             for e in index.np_entities(o, {"ORG", "PERSON"})]
                for g in self._giver(index, tok):
                    for r in receivers:
                        if g != r:
                            yield _Found("associated_with", r, g, tok)
                continue
            elif lemma in self.given_by:
                givers = [o for a in tok.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
                if tok.dep_ == "amod" and tok.i > 1 and tok.doc[tok.i - 1].text == "-":
                    givers.append(tok.doc[tok.i - 2])  # "the US-backed Syrian Democratic Forces"
            else:
                continue
            targets = [e for o in givers for e in index.np_entities(o, {"PERSON", "ORG", "PLACE"})
                       if index.type(e) != "PLACE" or index.subtype(e) == "country"]
            targets += [e for o in givers if not index.entity_at(o) and o.lower_ in self.demonym_country
                        for e in self._country_entity(index, self.demonym_country[o.lower_])]  # "Turkish-backed"
            if not targets:
                continue
            if lemma in self.given_by:
                objects = [c for c in tok.children if c.dep_ == "nsubjpass"]
                sources = [e for o in objects for e in index.refers(o, {"PERSON", "ORG"})][:1] or (
                    index.refers(tok.head, {"PERSON", "ORG"})[:1] if tok.dep_ in {"acl", "amod"} else [])
            else:
                sources = self._holder(index, tok)
            for s in sources:
                for t in targets:
                    if s != t:
                        yield _Found("associated_with", s, t, tok)

    @staticmethod
    def _giver(index: DocIndex, verb: Token) -> list[str]:
        """Who does the giving verb: its subject (through "which" to the noun it hangs on), the subject
        of the verb it is joined to, or the one accused of it ("accuses the UAE of arming X")."""
        kinds = {"PERSON", "ORG", "PLACE"}
        node = verb
        if not any(c.dep_ == "nsubj" for c in node.children) and node.dep_ == "conj":
            node = node.head  # "pays for and trains X": the subject of "pays"
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            found = index.refers(subjects[0], kinds)[:1]
        elif verb.dep_ == "pcomp" and verb.head.lower_ == "of":
            found = [e for c in verb.head.head.children if c.dep_ == "dobj" for e in index.refers(c, kinds)][:1]
        else:
            found = []
        return [e for e in found if index.type(e) != "PLACE" or index.subtype(e) == "country"]

    def _holder(self, index: DocIndex, tok: Token) -> list[str]:
        """Who has the ties: the noun they describe or the subject of their clause (through a
        relative pronoun to its noun); never beyond the clause."""
        node = tok
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _CHARGING_VERBS:
            return []  # "accused an unnamed ally of Washington": the ally is someone else, not named
        for _ in range(6):
            if node.dep_ in {"amod", "acl", "appos"} and node.head.pos_ in {"NOUN", "PROPN"}:
                return index.refers(node.head, {"PERSON", "ORG"})[:1]
            if node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.head.pos_ == "VERB":
                # "officials regard Jaish al-Fursan as a front for X": what is regarded so
                objects = [c for c in node.head.head.children if c.dep_ in {"dobj", "nsubjpass"}]
                if objects:
                    return index.refers(objects[0], {"PERSON", "ORG"})[:1]
            subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj and node.dep_ == "relcl" and subj[0].lemma_.lower() in _GROUP_PARTS \
                    and any(c.lower_ == "whose" for c in subj[0].children):
                # "the Abu Sayyaf, whose factions have pledged allegiance to Y": the group their own
                return index.refers(node.head, {"ORG"})[:1]
            if subj:
                return index.refers(subj[0], {"PERSON", "ORG"})[:1]
            if node.dep_ in {"relcl"}:
                return index.refers(node.head, {"PERSON", "ORG"})[:1]
            if node.dep_ == "conj" and node.head.pos_ in {"VERB", "AUX"} and node.pos_ in {"VERB", "AUX"}:
                node = node.head  # "X had fighters there and received support from Y": the verbs share X
                continue
            if node.dep_ in {"ccomp", "advcl", "xcomp", "conj", "ROOT", "parataxis"} or node.head == node:
                break
            node = node.head
        return []

    def places(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "the Takhar, Faryab and Jowzjan provinces along the northern border of Afghanistan"."""
        doc = sent.doc
        k = sent.start
        while k < sent.end:
            eid = index.tok_ent[k]
            if not eid or index.type(eid) != "PLACE":
                k += 1
                continue
            # ("the Turkish border town of Kilis": a word for its trade or site may come between)
            d = k - 4 if k >= sent.start + 4 and doc[k - 3].is_lower and doc[k - 3].lower_ in _TOWN_KINDS else k - 3
            if k >= sent.start + 3 and doc[k - 1].text in {",", "of"} and doc[k - 2].lower_ in _DEMONYM_PLACES \
                    and doc[d].lower_ in self.demonym_country:
                # "in the Chilean capital, Santiago", "the Iranian city of Kerman": the place named lies
                # in the country the word names
                for country in self._country_entity(index, self.demonym_country[doc[d].lower_]):
                    if country != eid:
                        yield _Found("located_in", eid, country, doc[k - 2])
            mention = index.mention_of(doc[k])
            end = mention.end if mention is not None else k + 1
            # "the provincial capital, Bunia", "Sittwe, the state capital": the division named last
            if k >= sent.start + 3 and doc[k - 1].text == "," and doc[k - 2].lower_ == "capital" \
                    and doc[k - 3].lower_ in _DIVISION_WORDS:
                yield from self._capital_of_division(index, eid, doc[k - 2])
            elif k >= sent.start + 3 and doc[k - 1].text == "," and doc[k - 2].lower_ == "capital" \
                    and doc[k - 3].lower_ == "the":
                # "he was in the capital, Nur-Sultan": the capital of the country the text is about
                for state in index.main_state():
                    yield from self._capital_in(index, state, doc[k - 2])
            elif k >= sent.start + 3 and doc[k - 1].text == "," and doc[k - 2].lower_ == "capital" \
                    and doc[k - 3].lower_ == "its":
                # "moved into the Gorno-Badakhshan Autonomous Region, ... its capital, Khorog": the
                # capital lies in the place "its" stands for
                since = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
                region = next((m for m in reversed(index.mentions) if since <= m.start and m.end <= k - 3
                               and index.type(m.id_) == "PLACE" and m.id_ != eid
                               and index.subtype(m.id_) not in {"city", "neighbourhood", "facility"}), None)
                # (not a state's capital, which "its" after "Somalia's Gedo region" does not make Gedo's)
                national = index.entities[eid].name.lower() in index.registry.capitals()
                if region is not None and not national:
                    yield _Found("located_in", eid, region.id_, doc[k - 2])
            if end + 3 < sent.end and doc[end].lower_ in {"'s", "’s"}:
                # "Dhaka's diplomatic quarter of Gulshan": the place after "of" is a part of the owner
                o = end + 1
                while o < sent.end and doc[o].is_lower and doc[o].pos_ == "ADJ":
                    o += 1
                word = doc[o].lemma_.lower() if o < sent.end else ""
                part = index.tok_ent[o + 2] if o + 2 < sent.end and doc[o + 1].lower_ == "of" else None
                if part and doc[o].is_lower and (word in _PLACE_NOUNS or self.place_kinds.get(word)) and part \
                        and part != eid and index.type(part) == "PLACE" and index.subtype(part) != "country" \
                        and (part_at := index.mention_of(doc[o + 2])) is not None and part_at.start == o + 2:
                    yield _Found("located_in", part, eid, doc[o])
            if end + 3 < sent.end and doc[end].text == "," and doc[end + 1].lower_ == "the" \
                    and doc[end + 2].lower_ in _DIVISION_WORDS and doc[end + 3].lower_ == "capital":
                yield from self._capital_of_division(index, eid, doc[end + 3])
            if end + 3 < sent.end and doc[end].text == "," and doc[end + 1].lower_ in {"the", "a", "another"}:
                # "Gisenyi, the Rwandan town across the border": an apposition says which country
                m = end + 2
                while m < sent.end - 1 and doc[m].pos_ == "ADJ" and doc[m].is_lower:
                    m += 1  # "the southern Syrian city"
                if m + 1 < sent.end and doc[m].lower_ in self.demonym_country and doc[m + 1].lower_ in _DEMONYM_PLACES:
                    for country in self._country_entity(index, self.demonym_country[doc[m].lower_]):
                        if country != eid:
                            yield _Found("located_in", eid, country, doc[m + 1])
                owner = index.tok_ent[m] if m < sent.end else None
                owner_at = index.mention_of(doc[m]) if owner else None
                if owner and owner != eid and index.type(owner) == "PLACE" and owner_at is not None \
                        and owner_at.start == m and owner_at.end < sent.end \
                        and doc[owner_at.end].lower_ in _DEMONYM_PLACES - {"capital"} \
                        and doc[owner_at.end].tag_ == "NN" and index.subtype(eid) != "country":
                    # "Temanggung, another Central Java town": the apposition names the place it is in
                    yield _Found("located_in", eid, owner, doc[owner_at.end])
            group = [eid]
            j = k
            while j < sent.end and (index.tok_ent[j] in group or doc[j].text == "," or doc[j].lower_ in {"and", "or"}
                                    or index.tok_ent[j] and index.type(index.tok_ent[j] or "") == "PLACE"):
                e = index.tok_ent[j]
                if e and e not in group:
                    group.append(e)
                j += 1
            # "villages around A, B and C, in the Catatumbo region": the list lies in it
            comma_in = doc[j - 1].text == "," and j < sent.end and doc[j].lower_ == "in"
            if not comma_in and (doc[j - 1].text == "," or doc[j - 1].lower_ in {"and", "or"}):
                # "in A, B and C, and in D": the list is over and the "in" opens its next conjunct
                k = max(j, k + 1)
                continue
            heads = 0
            while j < sent.end and heads < 2 and doc[j].pos_ == "NOUN" and doc[j].is_lower:
                j += 1  # "provinces", "training ranges", "compound"
                heads += 1
            kind = self.place_kinds.get(doc[j - 1].lower_) if heads > 0 and doc[j - 1].tag_ == "NN" else None
            named = index.tok_ent[j + 1] if kind and j + 1 < sent.end and doc[j].lower_ == "of" else None
            if named and len(group) == 1 and kind != index.subtype(group[0]) \
                    and (index.subtype(group[0]) or k > sent.start and doc[k - 1].lower_ == "the"
                         and doc[j - 1].lower_ in SETTLEMENTS):
                # "the Bekaa Valley town of Hermel": the noun is not what the place before it is, so
                # it names the place after "of", which lies in the place before the noun
                if named != group[0] and index.type(named) == "PLACE" and index.subtype(named) != "country":
                    yield _Found("located_in", named, group[0], doc[j - 1])
                k = max(j, k + 1)
                continue
            # ("the Crocus City Hall music venue outside Moscow": a site just outside a city is the city's)
            if j + 1 < sent.end and (doc[j].lower_ in {"in", "of"} or doc[j].lower_ == "outside" and heads > 0):
                t = j + 1
                while t < sent.end and doc[t].lower_ in {"the", "neighbouring", "neighboring"} | _DIRECTIONS:
                    t += 1  # "Menaka in neighbouring Mali"
                if t + 2 < sent.end and doc[t].lower_ in self.place_kinds and doc[t + 1].lower_ == "of":
                    t += 2  # "the Ghwayran district of the city of Hasakah"
                target = index.tok_ent[t] if t < sent.end else None
                after = index.mention_of(doc[t]) if target else None
                if after is not None and after.end + 1 < sent.end and doc[after.end].lower_ in {"'s", "’s"}:
                    o = after.end + 1
                    while o + 1 < sent.end and doc[o].lower_ in _DIRECTIONS | _BEARINGS:
                        o += 1  # "in Pakistan's southwestern Balochistan province"
                    owned = index.tok_ent[o]  # "in Somalia's Middle Juba region": the region
                    if owned and index.type(owned) == "PLACE":
                        target = owned
                if target is None and t < sent.end:  # "the Parwan-e Du area of the capital"
                    target = next(iter(index.definite_place(doc[t])), None)
                # "the village of Mera in the Augie area": an area named for a town holds villages
                area = after is not None and after.end < sent.end and doc[after.end].lower_ == "area" \
                    and index.subtype(group[0]) == "city"
                if target and index.type(target) == "PLACE" and (
                        index.subtype(target) in _PLACE_PARENTS | {None, "neighbourhood"} or area):
                    for src in group:
                        # (a quarter holds sites: "St. Anthony's Shrine in the Kochchikade area")
                        if src != target and index.subtype(src) != "country" and (
                                index.subtype(target) != "neighbourhood" or area or index.subtype(src) == "facility"):
                            yield _Found("located_in", src, target, doc[j])
            k = max(j, k + 1)

    def national_outlets(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "the Kyrgyz news agency AKIpress", "the Turkish state broadcaster TRT", "AKIpress, the
        Kyrgyz news agency": an outlet or a company named after its country is based there."""
        doc = sent.doc
        for m in index.mentions:
            if not (sent.start <= m.start < sent.end) or index.subtype(m.id_) not in {"media", "company"}:
                continue
            k = m.start - 1
            while k > sent.start and doc[k].is_lower and doc[k].lemma_.lower() in self.outlet_words:
                k -= 1
            if m.start > sent.start and k != m.start - 1 and doc[k].lower_ in self.demonym_country:
                for country in self._country_entity(index, self.demonym_country[doc[k].lower_]):
                    yield _Found("located_in", m.id_, country, doc[k], gloss=True)
                continue
            yield from self._apposed_country(index, m, sent)

    def _apposed_country(self, index: DocIndex, m: Span, sent: Span) -> Iterator[_Found]:
        """ "AKIpress, the Kyrgyz news agency", "Sonatrach, Algeria's state energy company": an
        apposition that names the outlet's or company's country by its demonym or its possessive."""
        doc = sent.doc
        k = m.end + 2
        if not (k + 1 < sent.end and doc[m.end].text == "," and doc[m.end + 1].lower_ in {"the", "a", "an"}) \
                and not (m.end + 3 < sent.end and doc[m.end].text == ","
                         and doc[m.end + 2].lower_ in {"'s", "’s"}):
            return
        if doc[m.end + 1].lower_ in {"the", "a", "an"}:
            countries = self._country_entity(index, self.demonym_country[doc[k].lower_]) \
                if doc[k].lower_ in self.demonym_country else []
            k += 1
        else:
            owner = index.entity_at(doc[m.end + 1])
            countries = [owner] if owner and index.subtype(owner) == "country" else []
            k = m.end + 3
        # the words after it must end in a word for an outlet or a company: "state energy company"
        while k < sent.end and doc[k].is_lower and doc[k].pos_ in {"ADJ", "NOUN"} \
                and doc[k].lemma_.lower() not in self.body_words:
            k += 1
        if k < sent.end and doc[k].is_lower and doc[k].lemma_.lower() in self.body_words:
            for country in countries:
                if country != m.id_:
                    yield _Found("located_in", m.id_, country, doc[k], gloss=True)

    def bodies_in(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "the Federal High Court in Abuja", "the Northeastern Command in Lashio": a body named with
        the place it sits in ("in" hangs on the name, not on the clause's verb). Not an armed group:
        "founded Boko Haram in Maiduguri", "ISKP in Kabul" tell where it acted, not where it is."""
        doc = sent.doc
        for m in index.mentions:
            k = m.end  # ("the Government of National Accord (GNA) in Tripoli": past the bracketed short name)
            if k + 3 < sent.end and doc[k].text == "(" and doc[k + 2].text == ")" \
                    and index.subtype(m.id_) != "international":  # (not "a summit of the SCO (SCO) in Samarkand")
                k += 3
            if not (sent.start <= m.start and k + 1 < sent.end) or index.type(m.id_) != "ORG" \
                    or index.subtype(m.id_) not in {"government", "international", "media", "company"} \
                    or doc[k].lower_ != "in" or not (m.start <= doc[k].head.i < k):
                continue
            t = k + 1
            while t < sent.end and doc[t].lower_ in {"the", "neighbouring", "neighboring"} | _DIRECTIONS:
                t += 1
            place = index.tok_ent[t] if t < sent.end else None
            after = index.mention_of(doc[t]) if place else None
            if after is not None and after.end + 1 < sent.end and doc[after.end].lower_ in {"'s", "’s"}:
                owned = index.tok_ent[after.end + 1]  # "the embassy in Pakistan's capital"
                place = owned if owned and index.type(owned) == "PLACE" else place
            if place and index.type(place) == "PLACE" and place != m.id_:
                yield _Found("located_in", m.id_, place, doc[k], gloss=True)

    def owned_lists(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Thailand's southernmost provinces of Narathiwat, Pattani and Yala": each place of the
        list lies in the country that owns the word for them."""
        doc = sent.doc
        for tok in sent:
            if tok.lower_ in {"'s", "’s"} and tok.i > sent.start:
                country = index.entity_at(doc[tok.i - 1])
            elif tok.lower_ == "its":  # "Benin ... to secure its northern departments of Alibori and Atacora"
                country = next(iter(index.possessor(tok)), None)
            else:
                continue
            if country is None or index.type(country) != "PLACE" \
                    or index.subtype(country) not in {"country", "province", "region", None}:
                continue  # a country's provinces, a state's districts
            j = tok.i + 1
            while j < tok.i + 3 and j < sent.end and doc[j].is_lower and doc[j].is_alpha \
                    and not self.place_kinds.get(doc[j].lemma_.lower()):
                j += 1  # "southernmost", "three northern"
            # "X's provinces of A and B"; "five of Manipur's districts, A, B and C"
            if not (j + 2 < sent.end and doc[j].is_lower and self.place_kinds.get(doc[j].lemma_.lower())
                    and doc[j].tag_ == "NNS" and doc[j + 1].text in {"of", ",", ":"}):
                continue
            k = j + 2
            while k < sent.end and (doc[k].text == "," or doc[k].lower_ in {"and", "the"} or index.tok_ent[k]
                                    or doc[k].is_title and doc[k].pos_ == "PROPN"):  # an item the model missed
                eid = index.tok_ent[k]
                if eid is not None and (index.type(eid) != "PLACE" or eid == country):
                    break
                if eid is not None and (k == j + 2 or index.tok_ent[k - 1] != eid):
                    yield _Found("located_in", eid, country, doc[j])
                k += 1

    def possessives(self, index: DocIndex, sent: Span) -> Iterator[_Found]:
        """ "Afghanistan's Paktika province", "Yemen's Houthi movement", "the Taliban's Ministry of Defence"."""
        doc = sent.doc
        for tok in sent:
            party = index.entity_at(doc[tok.i + 1]) if tok.lower_ in {"his", "her"} and tok.i + 1 < sent.end else None
            if party and index.type(party) == "ORG" and index.subtype(party) in {"political_party", "armed_group"}:
                # "Erdogan told a gathering of his Justice and Development Party": his party, the
                # party of the one his clause is about
                verb = tok
                while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
                    verb = verb.head
                speakers = [e for c in verb.children if c.dep_ == "nsubj" for e in index.refers(c, {"PERSON"})]
                for person in speakers[:1] or index.antecedent(tok):
                    yield _Found("member_of", person, party, tok)
                continue
            if tok.lower_ in {"its", "their"} and tok.i + 1 < sent.end:
                # "the BLA said its Majeed Brigade had led the assault": a group's own unit
                unit = index.tok_ent[tok.i + 1]
                if unit is None or index.subtype(unit) != "armed_group":
                    continue  # ("its Amaq news agency" is read with the roles; a pronoun's owner is less sure)
                owner = next((e for e in index.possessor(tok) if index.subtype(e) == "armed_group"), None)
            elif tok.lower_ not in {"'s", "’s"} or tok.i == 0 or tok.i + 1 >= sent.end:
                continue
            else:
                owner = index.tok_ent[tok.i - 1]
                if owner is None and doc[tok.i - 1].lower_ in _STATE_ARMS:
                    # "the army's Sixth Infantry Division": the army the text names
                    owner = next(iter(index.described(doc[tok.i - 1], {"ORG"})), None)
            j = tok.i + 1
            while j < sent.end:
                if doc[j].pos_ == "ADJ" and not index.tok_ent[j]:
                    j += 1
                elif j + 3 < sent.end and doc[j + 1].text == "-" and doc[j + 2].tag_ in {"VBN", "JJ"} \
                        and not doc[j].whitespace_ and not doc[j + 1].whitespace_:
                    j += 3  # "Yemen's Iran-aligned Houthi movement": the group past its label
                else:
                    break
            owned = index.tok_ent[j] if j < sent.end else None
            if owner and not owned and index.type(owner) == "PERSON" and j + 2 < sent.end \
                    and doc[j].is_lower and doc[j].lemma_.lower() in _PERSONAL_TIES and doc[j + 1].text == ",":
                # "Nazarbayev's spokesman, Aidos Ukibay", "Bozizé's party, Kwa Na Kwa": the one the
                # apposition names is the man's own, tied to him
                k = j + 3 if doc[j + 2].lower_ == "the" else j + 2
                named = index.tok_ent[k] if k < sent.end else None
                if named and named != owner and index.type(named) in {"PERSON", "ORG"}:
                    yield _Found("associated_with", named, owner, tok)
                continue
            if owner and not owned and j < sent.end and doc[j].lower_ == "capital" \
                    and index.subtype(owner) == "country":
                # "an assault on Mali's capital": the capital the document names lies in that country
                yield from self._capital_in(index, owner, tok)
                continue
            if not owner or not owned or owner == owned:
                continue
            after = index.mention_of(doc[j])
            if after is not None and after.end < sent.end and doc[after.end].is_lower \
                    and doc[after.end].lemma_.lower() in _EDGES:
                continue  # "Yemen's Red Sea coast": the coast is Yemen's, not the sea
            ruling = [doc[after.end - 1], *([doc[after.end]] if after.end < sent.end else [])] if after else []
            if any(t.is_lower and t.lemma_.lower() in _RULING for t in ruling):
                continue  # "Afghanistan's Taliban government": the state's rulers, not a group inside it
            otype, dtype = index.type(owner), index.type(owned)
            place_in_place = dtype == "PLACE" and index.subtype(owned) != "country"
            group_in_place = dtype == "ORG" and index.subtype(owned) == "armed_group"
            if otype == "PLACE" and (place_in_place or group_in_place):
                yield _Found("located_in", owned, owner, tok)
            elif otype == "ORG" and dtype == "PERSON" and index.subtype(owner) != "media":
                yield _Found("member_of", owned, owner, tok)  # "Hamas's Ismail Haniyeh"
            elif otype == "ORG" and dtype == "ORG" and index.subtype(owned) in {"government", "international", "other"}:
                # (a unit of "the army's" is named in the author's words, whoever tells the clause)
                yield _Found("part_of", owned, owner, tok, gloss=index.tok_ent[tok.i - 1] is None)
            elif otype == "ORG" and dtype == "ORG" and index.subtype(owned) == index.subtype(owner) == "armed_group":
                yield _Found("part_of", owned, owner, tok)  # "the BLA's Majeed Brigade", "Hamas's Qassam Brigades"

    @staticmethod
    def _capital_of_division(index: DocIndex, city: str, cue: Token) -> Iterator[_Found]:
        """The city is the capital of the province, state or region the text named last before it; of
        a region, only if no province of the region's own country was named before it ("Makhachkala,
        the regional capital" after "Dagestan" and "the North Caucasus" is Dagestan's). Not a city
        whose own name the text gives to a province ("Duhok province", then "Duhok, the provincial
        capital"): that province is the one meant."""
        doc = cue.doc
        if any(m.id_ == city and (m[-1].lower_ in _OWN_DIVISIONS and len(m) > 1
                                  or m.end < len(doc) and doc[m.end].lower_ in _OWN_DIVISIONS)
               for m in index.mentions):
            return
        before = [m for m in reversed(index.mentions) if m.end <= cue.i and m.id_ != city
                  and index.type(m.id_) == "PLACE"
                  and not (index.entities[m.id_].kb_id or "").startswith("place/region/")]  # not "the Sahel"
        last = next((m for m in before if index.subtype(m.id_) in {"province", "state", "region"}), None)
        if last is None:
            return
        if index.subtype(last.id_) == "region":
            # (a province of the region's own country named before it: not "Borno State" before Darfur)
            country = (index.entities[last.id_].geo or {}).get("country")
            last = next((m for m in before if index.subtype(m.id_) in {"province", "state"} and country
                         and (index.entities[m.id_].geo or {}).get("country") == country), last)
        yield _Found("located_in", city, last.id_, cue)

    def _capital_in(self, index: DocIndex, country: str, cue: Token) -> Iterator[_Found]:
        geo = index.entities[country].geo or {}
        capital = self.registry.capital_of(str(geo.get("country") or ""))
        if capital is None:
            return
        for e in index.entities.values():
            if e.id != country and e.type == "PLACE" and e.subtype == "city" and any(
                    n.lower() == capital for n in [e.name, *e.aliases]):
                yield _Found("located_in", e.id, country, cue)

    # -- the component --------------------------------------------------------------------------

    def extract(self, doc: Doc) -> list[Relation]:
        index = DocIndex.of(doc)
        stance = Stance.of(doc)
        found: dict[tuple[str, str, str], Relation] = {}

        def record(f: _Found, sent: Span) -> None:
            if _denied_role(f.cue):
                return  # "X is not a member of Y": what X is not
            key = (f.type, f.source, f.target)
            if f.type == "associated_with" and (f.type, f.target, f.source) in found:
                key = (f.type, f.target, f.source)
            # where one place lies is geography, not the uncertain claim it is told in ("was reportedly
            # wounded in Somalia's Middle Juba region"), nor a source's word ("Bukavu, the capital of
            # South Kivu", glossed by the author inside what a rebel leader said)
            geography = f.type == "located_in" and index.type(f.source) == "PLACE" or f.gloss
            source = Source(None) if geography else stance.source(f.cue)
            if source.attributed_to == f.source and _glosses_source(index, f):
                source = Source(None)  # "according to the SOHR, a Britain-based monitor": the author's gloss
            evidence = Evidence(sent.start_char, sent.end_char)
            rel = found.get(key)
            hedged = stance.hedged(f.cue) and not geography
            if rel is None:
                found[key] = Relation(type=f.type, source=key[1], target=key[2], hedged=hedged,
                                      attributed_to=source.attributed_to, evidence=[evidence],
                                      attribution_chain=list(source.chain), attribution_inherited=source.inherited,
                                      cue=f.cue.text)
                return
            if evidence not in rel.evidence:
                rel.evidence.append(evidence)
            rel.hedged = rel.hedged and hedged
            if rel.attributed_to is None and source.attributed_to is not None:
                rel.attributed_to, rel.attribution_chain = source.attributed_to, list(source.chain)
                rel.attribution_inherited = source.inherited

        deferred: list[tuple[_Found, Span]] = []
        for sent in doc.sents:
            for f in [*self.appositions(index, sent), *self.titles(index, sent), *self.verbs_(index, sent),
                      *self.ties(index, sent), *self.support(index, sent), *self.places(index, sent),
                      *self.possessives(index, sent), *self.owned_lists(index, sent), *self.bodies_in(index, sent),
                      *self.national_outlets(index, sent),
                      *self.presences(index, sent), *self.memberships(index, sent), *self.homes(index, sent),
                      *self.mergers(index, sent), *self.strongholds(index, sent),
                      *self.copulas(index, sent), *self.led_under(index, sent), *self.appointments(index, sent),
                      *self.described_as(index, sent), *self.took_charge(index, sent),
                      *self.whose_role(index, sent)]:
                if f.type.startswith((_THEIRS, _LISTED, _ALONGSIDE)):
                    deferred.append((f, sent))
                else:
                    record(f, sent)
        for f, sent in deferred:
            if f.type.startswith(_THEIRS):  # "X, his deputy": in the group the person named before leads
                rels = f.type.removeprefix(_THEIRS).split(",")
                orgs = [r.target for r in list(found.values()) if r.type == "leader_of" and r.source == f.target]
            elif f.type.startswith(_ALONGSIDE):  # "A's prime minister X and defence minister Y": Y serves A
                rels = ["official_of"]
                orgs = [r.target for r in list(found.values()) if r.type == "official_of" and r.source == f.target
                        and index.type(r.target) in {"PLACE", "ORG"}
                        and any(e.start == sent.start_char for e in r.evidence)]
            else:  # one group for every other person of the list, none of them this one
                rels = f.type.removeprefix(_LISTED).split(",")
                heads = _list_heads(index, sent)  # only the people the list is of, not those named inside
                held = {(r.source, r.target) for r in found.values() if r.type in _GROUP_ROLES | {"official_of"}
                        and r.source in heads and index.type(r.target) == "ORG"
                        and any(e.start >= sent.start_char and e.end <= sent.end_char for e in r.evidence)}
                orgs = list({t for _, t in held})
                if len(orgs) != 1 or len({s for s, _ in held}) < 2 or any(s == f.source for s, _ in held):
                    continue
            for org in orgs:
                rel = self._pick(rels, f.source, org, index, f.cue)
                if rel == "leader_of" and f.type.startswith(_LISTED) \
                        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in f.cue.children):
                    rel = "member_of"  # "a senior leader": one among the group's leaders
                if rel:
                    record(_Found(rel, f.source, org, f.cue), sent)
        # who leads, founded or serves a group is not listed again as a mere member of it
        ranked = {(r.source, r.target) for r in found.values() if r.type in _RANKS}
        # nor is a part of a group, or one who holds a place in it, merely tied to it
        closer = {pair for r in found.values() if r.type in _RANKS | {"part_of", "member_of"}
                  for pair in ((r.source, r.target), (r.target, r.source))}
        return [r for r in found.values() if (r.type != "member_of" or (r.source, r.target) not in ranked)
                and (r.type != "associated_with" or (r.source, r.target) not in closer)]

    def __call__(self, doc: Doc) -> Doc:
        doc._.tw_relations = self.extract(doc)
        return doc



@Language.factory("tracewire_relations_v1")
def make_relations(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)


# elected seats, held for a party by its members (but for a state as its officials)
_ELECTED = {"lawmaker", "legislator", "senator", "mp", "parliamentarian", "deputy", "councillor", "councilor", "mayor"}


# edges of a place, which a country owns where the sea or river that names them is no one's
_EDGES = {"coast", "coastline", "shore", "border", "frontier", "side", "bank", "waters", "littoral"}


def _owned_next(owner: Span, named: Span) -> bool:
    """``named`` is the place ``owner``'s possessive names: "Burkina Faso's Centre-Nord region",
    "Syria's southern Idlib province", "Iran's oil-rich Khuzestan province" (words of direction or
    kind between, whole or hyphen-joined)."""
    doc = owner.doc
    if owner.end >= len(doc) or doc[owner.end].lower_ not in {"'s", "’s"}:
        return False
    return all(t.pos_ == "ADJ" or t.lower_ in _DIRECTIONS or _hyphen_joined(t) for t in doc[owner.end + 1:named.start])


def _hyphen_joined(tok: Token) -> bool:
    """The token is a hyphen, or a word the hyphen after it joins to the next ("oil" in "oil-rich")."""
    doc = tok.doc
    if tok.text in {"-", "‑"}:
        return not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_
    return not tok.whitespace_ and tok.i + 2 < len(doc) and doc[tok.i + 1].text in {"-", "‑"} \
        and not doc[tok.i + 1].whitespace_


def _task_force(tok: Token) -> bool:
    """ "the Damai Cartenz task force": the body the name before it names."""
    return tok.lower_ == "force" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "task"


def _chief_of_staff(cue: Token) -> bool:
    """The role word ``cue`` is part of "chief of staff"."""
    doc = cue.doc
    words = [t.lower_ for t in doc[max(0, cue.i - 2):cue.i + 3]]
    return "chief of staff" in " ".join(words)


def _of_entities(index: DocIndex, tok: Token, types: set[str]) -> list[str]:
    """The entities of ``tok``'s "of" phrase ("command of the Qassam Brigades")."""
    return [e for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj" for e in index.np_entities(o, types)]


def _glosses_source(index: DocIndex, f: _Found) -> bool:
    """The cue describes the one a source phrase names, right after its name: "according to X, a
    Britain-based monitor", "a report by X, a Nigerian outlet that covers conflict"."""
    doc = f.cue.doc
    before = [m for m in index.mentions if m.id_ == f.source and m.end <= f.cue.i and m.sent == f.cue.sent]
    if not before:
        return False
    m = before[-1]
    between = doc[m.end:f.cue.i]
    opener = doc[max(m.sent.start, m.start - 3):m.start]
    return f.cue.i - m.end <= 8 and not any(t.text in {";", "."} or t.pos_ in {"VERB", "AUX"} and t.tag_ not in {
        "VBN", "VBG"} for t in between) and any(t.lower_ in {"according", "by", "citing", "cited"} for t in opener)


def _hyphen_modifiers(index: DocIndex, noun: Token) -> set[str]:
    """Names inside a hyphened modifier of ``noun`` ("the US-backed SDF", "the Quetta-based
    shura"): another party, not the one the noun phrase names."""
    return {e for c in noun.children if c.dep_ == "amod" and c.i > 0 and c.doc[c.i - 1].text == "-"
            for t in c.subtree if (e := index.entity_at(t))}


def _list_heads(index: DocIndex, sent: Span) -> set[str]:
    """The person each item of a semicolon list opens with ("A, the emir of X; B, his deputy; and
    C"), not the people an item names inside ("his predecessor, D")."""
    heads: set[str] = set()
    start = sent.start
    for i in [*(t.i for t in sent if t.text == ";"), sent.end]:
        first = next((m for m in index.mentions if start <= m.start and m.end <= i
                      and index.type(m.id_) == "PERSON"), None)
        if first is not None:
            heads.add(first.id_)
        start = i + 1
    return heads



# verbs whose object is someone charged, not the subject's tie ("accused an ally of Washington of ...")
_CHARGING_VERBS = {"accuse", "blame", "charge", "suspect", "name", "identify"}


def _named_before(index: DocIndex, pron: Token) -> str | None:
    """The entity named right before a relative pronoun, past its comma and a bracketed acronym."""
    doc = pron.doc
    i = pron.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i >= 2 and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3
    return index.entity_at(doc[i]) if i >= 0 else None
