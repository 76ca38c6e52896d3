"""Entity assembly: registry matches plus the statistical NER, merged into one entity per referent.

Registered as ``tracewire_entities_v1``; runs after ``ner`` and the actor ruler. Steps:

1. Candidates: registry spans (``doc.spans["tw_kb"]``) win; NER spans (PERSON, ORG, GPE, LOC, FAC)
   that overlap none are trimmed of a leading "the", possessives and edge title words. Names the
   model missed are added where the words around them say what they are: a place word ("the
   Barmal district", "Maungdaw, the last town"), a group word ("the Lakou Zo gang"), a role or
   title ("X, the deputy commander of ..."), an acronym in brackets, or a preposition of place
   before a town that GeoNames knows in a country the text names.
2. Typing: cue words nearby ("Takhar, Faryab and Jowzjan provinces") or inside the name
   ("... Movement", "Ministry of ...") fix the type and subtype the statistical model guessed;
   so do GeoNames (towns of the text's countries, by name or in a list beside places) and a
   group word anywhere after or before the name ("the M23 movement").
3. In-document alias merging: a surname alone joins the full name that carries it, an acronym
   joins the name whose initials it spells, and spelling variants share one key; a name repeated
   where the model saw none is one more mention. Pronouns and "the group" are never name spans,
   so they never become entities.

The result is ``doc._.tw_entities`` (``Entity`` records) and ``doc.spans["tw_mentions"]`` whose
spans carry ``id_`` = the entity id, for the relation and event stages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tracewire.extract.actor_ruler import SPAN_KEY as KB_KEY
from tracewire.extract.paragraphs import RANK_ABBREVIATIONS, headline_span_end, title_case
from tracewire.kb import Place, Registry, load_registry
from tracewire.model import QUOTES, Entity, EntityType, Mention, name_key
from tracewire.resolve.gazetteer import Gazetteer, GazPlace, gazetteer_or_none

MENTION_KEY = "tw_mentions"
NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

if not Doc.has_extension("tw_entities"):
    Doc.set_extension("tw_entities", default=None)
if not Doc.has_extension("tw_demonyms"):
    Doc.set_extension("tw_demonyms", default=None)


# words for a settlement: in "the Central Java city of Solo" the word names the place after "of"
# (but in "the Kossala neighbourhood of Kumba" the part before it)
SETTLEMENTS = {"city", "town", "village", "port"}


@dataclass(slots=True)
class _Cluster:
    type: str
    kb_id: str | None
    spans: list[Span] = field(default_factory=list)
    subtype: str | None = None
    votes: Counter[str] = field(default_factory=Counter)
    title: str | None = None  # a name the text gives in words outside the mention ("Chad's" army)
    nicknames: list[str] = field(default_factory=list)  # 'Ismael "El Mayo" Zambada': El Mayo

    @property
    def name(self) -> str:
        # the longest mention; of equal ones, not a dateline's capitals ("PORT OF SPAIN")
        return self.title or max((s.text for s in self.spans), key=lambda t: (len(t), not t.isupper()))


class EntityAssembler:
    def __init__(self, nlp: Language, name: str = "tracewire_entities", *, registry: Registry | None = None,
                 gazetteer: Gazetteer | None = None):
        self.name = name
        self.registry = registry or load_registry()
        vocab = self.registry.vocab

        def words(key: str) -> set[str]:
            return {str(w).lower() for w in vocab.get(key) or []}

        self.org_cues: list[tuple[str, set[str]]] = [
            (sub, {w.lower() for w in ws}) for sub, ws in (vocab.get("org_subtype_cues") or {}).items()
        ]
        self.place_cues: dict[str, str] = {
            w.lower(): sub for sub, ws in (vocab.get("place_subtype_cues") or {}).items() for w in ws
        }
        self.honorifics = words("name_honorifics")
        self.not_names = words("not_names")
        self.not_alone = words("not_alone")
        self.section_labels = words("section_labels")
        self.person_titles = words("person_titles")
        self.facility_heads = words("facility_heads")
        self.denominations = words("denomination_words")
        self.site_openers: dict[str, str] = {
            str(k).lower(): str(v) for k, v in (vocab.get("site_openers") or {}).items()}
        self.place_qualifiers = words("place_name_qualifiers")
        self.media_heads = words("media_heads")
        self.company_heads = words("company_heads")
        self.site_words = words("named_site_words")
        self.qualified_sites = words("qualified_site_words")
        self.common_acronyms = words("common_acronyms")
        self.unit_heads = words("unit_heads")
        # title-case unit words a number may follow ("Front 33", "Brigade 55")
        self.numbered_heads = self.unit_heads | {"front", "unit", "column", "bloc"}
        self.state_bodies = words("state_body_heads")
        self.country_demonyms = set(self.registry.demonyms())
        self.country_names = {n.lower() for p in self.registry.places.values() if p.subtype == "country"
                              for n in p.names if " " not in n}
        self.all_country_names = {n.lower() for p in self.registry.places.values() if p.subtype == "country"
                                  for n in p.names}
        self.demonyms = words("ethnonyms") | set(self.registry.demonyms())
        refs = vocab.get("references") or {}
        self.common_heads = {str(w).lower() for k in ("collective", "plural_people") for w in refs.get(k) or []}
        self.place_keys: dict[str, Place] = {}
        for place in self.registry.places.values():
            for n in place.names:
                self.place_keys.setdefault(name_key(n), place)
        self._gazetteer: Gazetteer | None = gazetteer
        self._gazetteer_tried = gazetteer is not None
        self._forces: dict[tuple[str | None, str], str | None] = {}  # (country, "army") -> registry force

    @property
    def gazetteer(self) -> Gazetteer | None:
        """GeoNames, opened on first use; None where it cannot be opened (names are then typed
        without it)."""
        if not self._gazetteer_tried:
            self._gazetteer_tried = True
            self._gazetteer = gazetteer_or_none()
        return self._gazetteer

    # -- candidates ---------------------------------------------------------------------------

    def candidates(self, doc: Doc, countries: frozenset[str] = frozenset()) -> tuple[list[Span], set[tuple[int, int]]]:
        """Registry spans and trimmed NER spans, without overlaps, and the NER PERSON positions."""
        ner: list[tuple[Span, str]] = []
        for ent in _cut_after_of(list(doc.ents)):
            label = NER_TYPES.get(ent.label_)
            span = self._trim(ent) if label else None
            if span is not None and label is not None:
                parts = self._place_list(span, countries)
                if parts:
                    ner += [(part, "PLACE") for part in parts]
                    continue
                if span[-1].text in _NUMBERED_ROADS and span.end < len(doc) and doc[span.end].like_num:
                    # "U.S. Route 395", "National Highway 44": the road's number is part of its name
                    ner.append((Span(doc, span.start, span.end + 1, label="PLACE"), "PLACE"))
                    continue
                ner.append((self._gazetteer_extend(span, countries), "PLACE" if ent.label_ == "FAC" else label))
        # "Port" extended to "Port of Spain": the model's "Spain" after it is part of the name
        # (and "Spain" extended back to the same name)
        ner = [(n, lab) for k, (n, lab) in enumerate(ner) if not any(
            m.start <= n.start and n.end <= m.end and (len(m) > len(n) or j < k) for j, (m, _) in enumerate(ner))]
        ner = _joined_names(ner)
        cued = self._cued_places(doc)
        ner = [(n, lab) for n, lab in ner if not any(c.start < n.end and n.start < c.end for c in cued)]
        ner += [(span, "PLACE") for span in cued]
        for span in [*self._gazetteer_names(doc, countries), *self._apposed_places(doc), *self._cued_groups(doc),
                     *self._titled_people(doc), *self._apposed_orgs(doc), *self._task_forces(doc),
                     *self._places_of_kind(doc), *self._streets(doc)]:
            if not any(n.start < span.end and span.start < n.end for n, _ in ner):
                ner.append((span, span.label_))
        kb_spans = []
        # the surnames of people named in full whom the registry does not know: a registry person
        # whose full name the text never gives is not the one meant ("Ali Karimov ... Karimov")
        registry_people = [s for s in doc.spans.get(KB_KEY, []) if s.label_ == "PERSON"]
        named_in_full = {s.kb_id_ for s in registry_people if len(s) > 1}
        kb_at = {(s.start, s.end) for s in registry_people}
        unknown_surnames = {n[-1].text for n, lab in ner if lab == "PERSON" and len(n) > 1
                            and all(t.is_title for t in n) and (n.start, n.end) not in kb_at}
        for span in [*doc.spans.get(KB_KEY, []), *self._titled_countries(doc)]:
            if span.label_ == "ORG" and span.start > 0 and any(
                    lab == "ORG" and n.start < span.start and n.end == span.end
                    and doc[n.start].lower_ in self.country_names for n, lab in ner):
                continue  # "the Uganda People's Defence Force": a state's own force, not Myanmar's namesake
            # a place name inside a longer person or organisation name ("Qari Rahmatullah Wardak",
            # "Kabul University") is part of that name, not a place
            if span.label_ == "ORG" and span[0].lower_ in self.country_demonyms and span.end < len(doc) \
                    and doc[span.end].lemma_.lower() in _UNNAMED_PEOPLE:
                continue  # "two Pakistani intelligence officials": unnamed people, not the agency itself
            if span.label_ == "PERSON" and len(span) == 1 and span.text in unknown_surnames \
                    and span.kb_id_ not in named_in_full:
                continue  # "Ali Karimov ... Karimov": the registry's Islam Karimov is not the man named
            owner = span.end < len(doc) and doc[span.end].lower_ in {"'s", "’s"}  # "Paktika's Barmal district"
            if span.label_ == "PLACE" and not owner and any(
                    (lab in {"PERSON", "ORG"} or n.id_ == _GAZETTEER or n[-1].lower_ in self.facility_heads
                     or n[-1].is_title and n[-1].lower_ in _MASTHEADS or n[-1].text == "City"
                     or len(n) > 1 and n[-2].text in _NUMBERED_ROADS and n[-1].like_num)
                    and n.start <= span.start and span.end <= n.end and len(n) > len(span) for n, lab in ner):
                # and "Praia" in "Mocimboa da Praia", "Aden" in "Aden Adde International Airport", "China"
                # in "the South China Morning Post", "Mexico" in "Mexico City"
                continue
            if span.label_ == "PLACE" and any(
                    lab == "PLACE" and n.end == span.end and n.start < span.start
                    and all(t.is_title and t.lower_ in self.place_qualifiers for t in doc[n.start:span.start])
                    for n, lab in ner):
                continue  # "Middle Juba", "North Kivu": a qualifier makes another place's name
            kb_spans.append(span)
        taken = [False] * len(doc)
        for span in kb_spans:
            for i in range(span.start, span.end):
                taken[i] = True
        out = list(kb_spans)
        for span, label in ner:
            if not any(taken[i] for i in range(span.start, span.end)):
                out.append(Span(doc, span.start, span.end, label=label))
            elif label == "ORG" and span.start > 0 and taken[span.start - 1] and not taken[span.start]:
                # "UK Maritime Trade Operations", "Afghan Border Police": a country's name opens an
                # organisation's; the registry matched the country alone
                country = next((k for k in kb_spans if k.end == span.start and k.label_ == "PLACE"
                                and k.kb_id_.count("/") == 1), None)
                if country is not None:
                    out.remove(country)
                    out.append(Span(doc, country.start, span.end, label="ORG"))
        for named in self._nicknamed(doc):
            # 'Ismael "El Mayo" Zambada': the pieces the model read are one person's name
            if not any(s.kb_id_ and s.start < named.end and named.start < s.end for s in out):
                out = [s for s in out if not (s.start < named.end and named.start < s.end)] + [named]
        out = self._defined_names(doc, out)
        out = self._bracketed_acronyms(doc, out)
        out = self._acronym_repeats(doc, out)
        for media in self._cued_media(doc):
            if not any(s.start < media.end and media.start < s.end for s in out):
                out.append(media)
        for force in self._national_forces(doc):
            if not any(s.start < force.end and force.start < s.end for s in out):
                out.append(force)
        for office in [*self._offices(doc), *self._country_forces(doc)]:  # the whole name, over the part the model saw
            if not any(s.start < office.end and office.start < s.end and (s.start < office.start or s.end > office.end)
                       or (s.start, s.end) == (office.start, office.end) and s.kb_id_ for s in out):
                out = [s for s in out if not (office.start <= s.start and s.end <= office.end)] + [office]
        for unit in [*self._numbered_units(doc), *self._state_bodies(doc), *self._bare_acronyms(doc)]:
            if not any(s.start < unit.end and unit.start < s.end for s in out):
                out.append(unit)
        out = [_with_creed(_with_acronym_suffix(_with_hyphen_tail(s))) for s in out]
        out = [self._with_site_word(self._with_saint_site(s), countries) for s in out]
        out = self._areas_named_after_cities(out)
        starts = {s.start for s in out}
        out = [_with_regnal_number(s, starts) for s in out]
        covered = {i for s in out for i in range(s.start, s.end)}
        out = [_with_ordinal(s, self.unit_heads) if s.start - 1 not in covered else s for s in out]
        out = self._headline_names(doc, out)
        out = _common_words_opening(doc, out)
        out.sort(key=lambda s: s.start)
        return out, {(s.start, s.end) for s, lab in ner if lab == "PERSON"}

    @staticmethod
    def _areas_named_after_cities(spans: list[Span]) -> list[Span]:
        """ "Kayes, the capital of the Kayes region": where a text names a city alone and, elsewhere,
        with a lower-case word for the area around it, the area is a place of its own, named with
        that word ("Kayes region"), and the bare name stays the city's."""
        def admin_after(span: Span) -> bool:
            doc = span.doc
            return span.end < len(doc) and doc[span.end].is_lower and doc[span.end].lower_ in _AREA_WORDS

        def told_as_city(span: Span) -> bool:  # "the city of X", "X, the capital of ...", "X, the provincial capital"
            doc = span.doc
            before = doc[max(0, span.start - 3):span.start]
            after = doc[span.end:min(len(doc), span.end + 5)]
            return len(before) == 3 and before[1].lower_ in {"city", "town"} and before[2].lower_ == "of" \
                or len(after) >= 3 and after[0].text == "," and after[1].lower_ == "the" \
                and any(t.lower_ == "capital" for t in after[2:])

        cities = {name_key(s.text) for s in spans if not admin_after(s) and told_as_city(s)}
        out = []
        for span in spans:
            if admin_after(span) and name_key(span.text) in cities:
                span = Span(span.doc, span.start, span.end + 1, label="PLACE", span_id=span.id_)
            out.append(span)
        return out

    def _with_saint_site(self, span: Span) -> Span:
        """ "St. Mark's Cathedral": a saint's name, the possessive and a capitalised word for a site
        are one name (the model often stops at the possessive)."""
        doc = span.doc
        end = span.end
        if span.kb_id_ or end + 1 >= len(doc) or doc[end].lower_ not in {"'s", "’s"} \
                or span[0].lower_ not in _SAINTS or not doc[end + 1].is_title \
                or doc[end + 1].lower_ not in self.facility_heads \
                or end + 2 < len(doc) and doc[end + 2].is_title and doc[end + 2].pos_ == "PROPN":
            return span  # (not "Guantanamo's Camp Delta": the site word opens a name of its own)
        return Span(doc, span.start, end + 2, label="PLACE", span_id=span.id_)

    def _with_site_word(self, span: Span, countries: frozenset[str]) -> Span:
        """ "the Saheb al-Zaman mosque", "the Jasana cave": a name the registry and GeoNames do not
        know, then a word for a site, is the site's whole name; "the Kandahar prison" stays Kandahar."""
        doc = span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        # "the Ras Kanatib power station": a lower-case noun may qualify the word for the site
        words = 2 if nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN" and span.end + 1 < len(doc) \
            and doc[span.end + 1].is_lower and doc[span.end + 1].lower_ in self.qualified_sites else 1
        if span.kb_id_ or span.label_ == "PERSON" and len(span) > 1 and words == 1 or nxt is None \
                or not nxt.is_lower or words == 1 and nxt.lower_ not in self.site_words \
                or self.gazetteer_place(span.text, countries) is not None or self._org_subtype(span.text):
            return span  # "the Radio Andalus station" is the broadcaster
        return Span(doc, span.start, span.end + words, label="PLACE", span_id=span.id_)

    @staticmethod
    def _headline_names(doc: Doc, spans: list[Span]) -> list[Span]:
        """In a headline with every word capitalised the capitals name nothing: a name the model
        read there stands only as far as the body writes it with a capital ("Sirajuddin Haqqani's
        Rehabilitation Tour Should Worry Washington" keeps "Washington", drops "Worry" and
        "Rehabilitation Tour"); a part of it stands where the body names that part. Registry names
        stand."""
        end = headline_span_end(doc)
        if not end or not title_case(doc[:end]):
            return spans
        body = doc.text[doc[end].idx:]

        def in_body(text: str) -> bool:
            return any(any(c.isupper() for c in m.group(0)) for m in
                       re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", body, re.IGNORECASE))

        named = {name_key(s.text) for s in spans if s.start >= end}
        out = []
        for span in spans:
            if span.start >= end or span.kb_id_ or in_body(span.text):
                out.append(span)
                continue
            parts = [(a, b) for n in range(len(span) - 1, 0, -1) for a in range(span.start, span.end - n + 1)
                     for b in [a + n] if name_key(doc[a:b].text) in named]
            if parts:
                a, b = parts[0]
                out.append(Span(doc, a, b, label=span.label_, kb_id=span.kb_id_, span_id=span.id_))
        return out

    def _bare_acronyms(self, doc: Doc) -> list[Span]:
        """ "the UN mission in Congo, MONUSCO, condemned ...", "the Congolese army (FARDC)": a word of
        three capitals or more in running text names an organisation, where the model saw none.
        Datelines ("RAIPUR, India, May 21 -") and headlines in capitals are no running text."""
        out: list[Span] = []
        for tok in doc[:-1]:
            # "the G9 gang alliance": capitals and a number before a lower-case word for a body
            if re.fullmatch(r"[A-Z]{1,4}\d{1,2}", tok.text) and tok.ent_type_ in {"", "ORG", "PRODUCT"} \
                    and doc[tok.i + 1].is_lower and self._org_subtype(doc[tok.i + 1:tok.i + 3].text):
                out.append(Span(doc, tok.i, tok.i + 1, label="ORG", span_id=_CODED))
        for tok in doc:
            if not (tok.is_alpha and tok.is_upper and len(tok) >= 3) or tok.ent_type_ in {"GPE", "LOC", "PERSON"} \
                    or tok.is_stop or tok.lower_ in self.not_names | self.demonyms | self.common_acronyms:
                continue  # "the group WAS NOT involved", "an IED"
            sent = tok.sent
            if sum(t.is_upper for t in sent if t.is_alpha) * 2 > sum(t.is_alpha for t in sent):
                continue  # a line in capitals
            if any(t.text in {"-", "—", "–"} for t in doc[tok.i + 1:min(sent.end, tok.i + 16)]) \
                    and tok.i - sent.start < 3 or name_key(tok.text) in self.place_keys:
                continue  # a dateline, or a place in capitals
            out.append(Span(doc, tok.i, tok.i + 1, label="ORG", span_id=_UNIT))
        return out

    @staticmethod
    def _task_forces(doc: Doc) -> list[Span]:
        """ "soldiers of Task Force Marawi": a capitalised "Task Force" and the name after it."""
        out: list[Span] = []
        for tok in doc[:-2]:
            if tok.text == "Task" and doc[tok.i + 1].text == "Force" and doc[tok.i + 2].is_title:
                end = tok.i + 2
                while end < len(doc) and end - tok.i < 5 and doc[end].is_title and doc[end].pos_ == "PROPN":
                    end += 1
                if end > tok.i + 2:
                    out.append(Span(doc, tok.i, end, label="ORG"))
        return out

    def _numbered_units(self, doc: Doc) -> list[Span]:
        """ "its 201st military base", "the 82nd Airborne Division": an ordinal, up to two
        qualifying words and a unit word name a military unit (an organisation), even in lower case."""
        out: list[Span] = []
        for tok in doc:
            if _ORDINAL.match(tok.text):
                out += _headed_run(doc, tok, self.numbered_heads, lambda t: t.is_alpha)
            elif tok.is_title and tok.lower_ in self.numbered_heads and tok.i + 1 < len(doc) \
                    and doc[tok.i + 1].text.isdigit() and doc[tok.i + 1].ent_type_ not in {"DATE", "TIME"}:
                out.append(Span(doc, tok.i, tok.i + 2, label="ORG", span_id=_UNIT))  # "Front 33", "Brigade 55"
        return out

    @staticmethod
    def _nicknamed(doc: Doc) -> list[Span]:
        """ 'Joaquín "El Chapo" Guzmán': capitalised names around a capitalised nickname in quotes."""
        out: list[Span] = []
        for tok in doc:
            if tok.text not in _QUOTES or tok.i == 0 or not doc[tok.i - 1].is_title or doc[tok.i - 1].pos_ != "PROPN":
                continue
            close = next((k for k in range(tok.i + 2, min(tok.i + 5, len(doc))) if doc[k].text in _QUOTES), None)
            if close is None or close + 1 >= len(doc) or not all(t.is_title for t in doc[tok.i + 1:close]) \
                    or not doc[close + 1].is_title or doc[close + 1].pos_ != "PROPN":
                continue
            start = tok.i - 1
            while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and tok.i - start < 3 \
                    and not doc[start - 1].is_sent_start:
                start -= 1
            end = close + 2
            while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and end - close < 3:
                end += 1
            out.append(Span(doc, start, end, label="PERSON", span_id=_NICKNAMED))
        return out

    def _national_forces(self, doc: Doc) -> list[Span]:
        """ "Chad's army", "the Chadian military", "Niger's armed forces", "Danish police": a
        country's armed forces or police, named by the country, are an organisation, the registry's
        own where it knows that force ("Pakistan's military" is the Pakistan Army)."""
        out: list[Span] = []
        named = doc.user_data.setdefault(_FORCE_NAMES, {})
        demonyms = self.registry.demonyms()
        countries = {s.start: s for s in doc.spans.get(KB_KEY, []) if s.label_ == "PLACE" and s.kb_id_.count("/") == 1}
        for tok in doc:
            country, after = None, tok.i + 1
            if tok.is_title and tok.lower_ in demonyms:
                country = demonyms[tok.lower_]
            elif tok.i in countries and countries[tok.i].end < len(doc) \
                    and doc[countries[tok.i].end].lower_ in {"'s", "’s"}:
                span = countries[tok.i]
                country, after = self.registry.places.get(span.kb_id_), span.end + 1
            if country is None or after >= len(doc):
                continue
            words = [t.lower_ for t in doc[after:after + 2]]
            size = 2 if words[:2] in (["armed", "forces"], ["air", "force"]) else 1 if words[0] in _FORCE_HEADS else 0
            if not size or after + size < len(doc) and doc[after + size].is_title and doc[after + size].pos_ == "PROPN":
                continue  # "the Malian Army Chief of Staff": part of a longer name
            head = " ".join(words[:size])
            kb = self._force_of(country.country, head)
            if after > tok.i + 1:  # "Chad's army": the country keeps its own mention; the force is named in full
                named[after] = doc[tok.i:after + size].text
                out.append(Span(doc, after, after + size, label="ORG", kb_id=kb or "", span_id=_FORCE))
            else:
                out.append(Span(doc, tok.i, after + size, label="ORG", kb_id=kb or "", span_id=_FORCE))
        return out

    def _force_of(self, country: str | None, head: str) -> str | None:
        """The registry's force of ``country`` that ``head`` ("army", "navy") names, if it knows one."""
        if (country, head) in self._forces:
            return self._forces[(country, head)]
        self._forces[(country, head)] = None
        land = head in {"army", "military", "armed forces"}
        for actor in self.registry.actors.values():
            if actor.type != "ORG" or actor.subtype != "government" or not country or actor.country != country:
                continue
            names = " ".join(actor.names).lower()
            if head == "police" and not any(self._national_police(n, country) for n in actor.names):
                continue  # "Indian police" are not the Central Reserve Police Force
            if head in names or land and any(w in names for w in ("army", "armed forces", "defence forces",
                                                                  "defense forces", "military")):
                self._forces[(country, head)] = actor.id
                break
        return self._forces[(country, head)]

    def _national_police(self, name: str, country: str) -> bool:
        """ "Turkish National Police", "Uganda Police Force": a country's own police, named by the
        country and words for a police alone (not "People's Armed Police", "Iraqi Federal Police")."""
        words = name.lower().split()
        if "police" not in words:
            return False
        owner = " ".join(words[:words.index("police")])
        owner = owner.removesuffix(" national").removesuffix("national").strip()
        rest = set(words[words.index("police") + 1:])
        place = self.registry.demonyms().get(owner)
        named = place is not None and place.country == country or any(
            p.subtype == "country" and p.country == country
            and owner in {p.name.lower(), *(a.lower() for a in p.aliases)} for p in self.registry.places.values())
        return named and rest <= {"force", "service"}

    def _state_bodies(self, doc: Doc) -> list[Span]:
        """ "according to the Tajik defence ministry": a demonym, up to two lower-case words and a
        body word ("ministry") name a state's body, though the text writes it in lower case."""
        out: list[Span] = []
        for tok in doc:
            if tok.lower_ in self.country_demonyms and tok.is_title and tok.i > 0 \
                    and doc[tok.i - 1].lower_ in {"the", "a"}:
                out += _headed_run(doc, tok, self.state_bodies, lambda t: t.is_lower and t.is_alpha)
        return out

    def _defined_kind(self, span: Span) -> tuple[str, str | None]:
        """Type of a name an acronym in brackets defines: an organisation, unless the name says it is
        a region ("the Bangsamoro Autonomous Region in Muslim Mindanao (BARMM)")."""
        if self._names_region(span):
            return "PLACE", "province"
        return "ORG", self._org_subtype(span.text) or "other"

    def _names_region(self, span: Span) -> bool:
        """ "the Bangsamoro Autonomous Region in Muslim Mindanao": "Region" inside a name no body's
        word marks makes it a region's."""
        return len(span) > 1 and any(t.text in {"Region", "Territory"} for t in span[1:]) \
            and not self._org_subtype(span.text)

    @staticmethod
    def _offices(doc: Doc) -> list[Span]:
        """ "the Attorney General's Office", "the Ombudsman's Office": capitalised words, "'s" and
        "Office" name a state body, where the model saw none or part of it."""
        out: list[Span] = []
        for tok in doc[2:]:
            if tok.text != "Office" or doc[tok.i - 1].lower_ not in {"'s", "’s"}:
                continue
            start = tok.i - 1
            while start > 0 and tok.i - start < 5 and doc[start - 1].is_title and doc[start - 1].is_alpha \
                    and doc[start - 1].lower_ != "the":
                start -= 1
            if start < tok.i - 1 and not doc[start].is_sent_start:
                out.append(Span(doc, start, tok.i + 1, label="ORG", span_id=_UNIT))
        return out

    def _apposed_body_kind(self, span: Span) -> str:
        """The kind of body an apposition gives a name the model missed: "a rights group", "a
        monitoring group" are no armed groups; "an armed group", "a jihadist group" are."""
        kind = self._described_as(span) or "other"
        gloss = span.doc[span.end:min(len(span.doc), span.end + 10)]
        if kind == "armed_group" and not any(t.lower_ in _ARMED_WORDS for t in gloss):
            return "other"
        return kind

    def _country_forces(self, doc: Doc) -> list[Span]:
        """ "the Trinidad and Tobago Defence Force", "the Trinidad and Tobago Police Service": a
        country's name and capitalised words ending in a word for a force name a state body, where
        the model saw none or only its end ("Tobago Police Service")."""
        out: list[Span] = []
        for tok in doc[1:]:
            if doc[tok.i - 1].lower_ != "the" or not tok.is_title:
                continue
            named = next((k for k in range(4, 0, -1) if tok.i + k <= len(doc)
                          and doc[tok.i:tok.i + k].text.lower() in self.all_country_names), 0)
            end = start = tok.i + named
            while named and end < len(doc) and end - start < 3 and doc[end].is_title and doc[end].is_alpha:
                end += 1
            if end > start and doc[end - 1].lower_ in _FORCE_NAME_HEADS and not (end < len(doc) and doc[end].is_title) \
                    and not any(t.lower_ in _INSURGENT_NAME_WORDS for t in doc[tok.i:end]):
                out.append(Span(doc, tok.i, end, label="ORG", span_id=_UNIT))
        return out

    @staticmethod
    def _streets(doc: Doc) -> list[Span]:
        """ "on St Vincent Street", "along Maraval Road": capitalised words ending in a capitalised
        word for a street after a preposition name a place, where the model saw no name."""
        out: list[Span] = []
        for tok in doc:
            numbered = tok.text in _NUMBERED_ROADS and tok.i + 1 < len(doc) and doc[tok.i + 1].like_num \
                and doc[tok.i + 1].ent_type_ in {"", "CARDINAL"}
            if not (tok.text in _STREET_WORDS or numbered) or tok.i < 2 or tok.ent_iob_ != "O":
                continue
            start = tok.i
            while start > 0 and tok.i - start < 3 and doc[start - 1].ent_iob_ == "O" and (
                    doc[start - 1].is_title and doc[start - 1].is_alpha and not doc[start - 1].is_stop
                    or doc[start - 1].text in {"St", "St."}):
                start -= 1
            if (start < tok.i or numbered) and start > 0 and doc[start - 1].pos_ == "ADP" \
                    and not doc[start].is_sent_start:
                out.append(Span(doc, start, tok.i + 1 + numbered, label="PLACE"))
        return out

    def _places_of_kind(self, doc: Doc) -> list[Span]:
        """ "the village of Missufine", "the town of Kiwanja": capitalised words after a lower-case
        word for a settlement or division and "of" name a place, where the model saw no name."""
        out: list[Span] = []
        for tok in doc[:-2]:
            if not (tok.is_lower and tok.pos_ == "NOUN" and self.place_cues.get(tok.lower_) in {
                    "city", "district", "province", "neighbourhood"} and doc[tok.i + 1].lower_ == "of"):
                continue
            start = end = tok.i + 2
            while end < len(doc) and end - start < 3 and doc[end].is_title and doc[end].is_alpha \
                    and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ == "O":
                end += 1
            if end > start and not (end < len(doc) and doc[end].is_title):
                out.append(Span(doc, start, end, label="PLACE"))
        return out

    def _cued_places(self, doc: Doc) -> list[Span]:
        """ "in the Parwan-e Du area of the capital", "the Barmal district": a run of capitalised
        words (hyphenated particles included) between "the" or a preposition and a place word names
        a place, where the statistical model saw no name at all."""
        out: list[Span] = []
        for tok in doc:
            if not (tok.is_lower and tok.lower_ in self.place_cues and tok.pos_ == "NOUN") or tok.i == 0:
                continue
            start = tok.i
            while start > 0:
                t = doc[start - 1]
                hyphen_joined = t.text == "-" and not t.whitespace_ \
                    or start >= 2 and doc[start - 2].text == "-" and not doc[start - 2].whitespace_ \
                    or not t.whitespace_ and doc[start].text == "-"  # "Parwan-e Du", "Saheb al-Zaman"
                # the model's guess of a person or group inside "the Saheb al-Zaman mosque" yields to
                # the place word; a place it already knows ("the Kabul airport") is left to it
                unplaced = t.ent_type_ not in {"GPE", "LOC", "NORP", "DATE", "CARDINAL", "ORDINAL"}
                if (t.pos_ == "PROPN" and t.is_title or hyphen_joined) and unplaced:
                    start -= 1
                else:
                    break
            if start == tok.i or start == 0 or doc[start].text == "-":
                continue
            before = doc[start - 1]
            # "in Sokoto and Kebbi states": the last of a list of places before a plural place word
            listed = tok.lower_.endswith("s") and before.lower_ in {"and", ","} and start >= 2 \
                and doc[start - 2].pos_ == "PROPN" and doc[start - 2].is_title
            if before.lower_ not in {"the", "'s", "’s"} and before.pos_ != "ADP" and not listed:
                continue
            k = start - 1
            while listed and k >= 1 and doc[k].lower_ in {"and", ","} and doc[k - 1].pos_ == "PROPN" \
                    and doc[k - 1].is_title and (k < 2 or not doc[k - 2].is_title):
                out.append(doc[k - 1:k])  # and the names listed before it, one word each
                k -= 2
            span = doc[start:tok.i]
            if any(t.is_sent_start for t in span) or not any(t.pos_ == "PROPN" for t in span):
                continue
            out.append(span)
        return out

    def _cued_media(self, doc: Doc) -> list[Span]:
        """ "in a statement on its Andalus radio station": capitalised words between "its", "their" or
        "the" and a word for an outlet name that outlet, where the statistical model saw no name."""
        out: list[Span] = []
        for tok in doc:
            if not (tok.is_lower and tok.lower_ in self.media_heads and tok.pos_ == "NOUN") or tok.i < 2:
                continue
            start = tok.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
                start -= 1
            if start == tok.i or doc[start - 1].lower_ not in {"its", "their", "the"} \
                    or any(t.is_sent_start for t in doc[start:tok.i]):
                continue
            out.append(Span(doc, start, tok.i, label="ORG", span_id=_MEDIA))
        # "according to a report by The National", "told The Diplomat": a capitalised "The" and a
        # name after the word that introduces a source
        for tok in doc:
            if tok.text != "The" or tok.i < 1 or doc[tok.i - 1].lower_ not in {"by", "told", "to", "in"} \
                    or tok.is_sent_start:
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and doc[end].is_title and doc[end].is_alpha:
                end += 1
            if end > tok.i + 1 and (end == len(doc) or not doc[end].is_title):
                out.append(Span(doc, tok.i, end, label="ORG", span_id=_MEDIA))
        # "a report by AyiboPost, the Port-au-Prince-based news site": a name the model saw as none,
        # apposed to a word for an outlet
        # ("Memorial, the Moscow-based human rights group, said ...": so is one apposed to a word for a body)
        for tok in doc[:-3]:
            if not (tok.pos_ == "PROPN" and tok.ent_iob_ == "O" and tok.text[:1].isupper() and tok.is_alpha) \
                    or tok.i > 0 and (doc[tok.i - 1].pos_ == "PROPN"
                                      or doc[tok.i - 1].is_title and not tok.is_sent_start) \
                    or doc[tok.i + 1].text != ",":
                continue
            owned = doc[tok.i + 2].ent_type_ == "GPE" and tok.i + 3 < len(doc) and doc[tok.i + 3].lower_ in {"'s", "’s"}
            if doc[tok.i + 2].lower_ not in {"a", "an", "the"} and not owned:
                continue
            # ("Wiranto, Indonesia's coordinating minister for security affairs, said ...": a person)
            gloss = next((t for t in doc[tok.i + 3:min(len(doc), tok.i + 12)] if t.text in {",", ".", ";"}
                          or t.is_lower and t.pos_ == "NOUN" and t.lower_ in (self.media_heads - {"site", "agency"})
                          | _BODY_KIND_NOUNS | (self.person_titles - {"member", "staff"})
                          or t.lower_ in {"agency", "site"} and doc[t.i - 1].lower_ in {"news", "press"}), None)
            if gloss is None or gloss.text in {",", ".", ";"} or gloss.dep_ != "appos" and gloss.head.i != tok.i \
                    and not any(c.dep_ == "appos" and c.i == gloss.i for c in tok.children):
                continue
            if gloss.lower_ in self.person_titles:
                out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
                continue
            media = gloss.lower_ in self.media_heads
            out.append(Span(doc, tok.i, tok.i + 1, label="ORG", span_id=_MEDIA if media else _APPOSED_BODY))
        return out

    def _defined_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "the Strategic Framework for the Defence of the People of Azawad (CSP-DPA)": a title-case
        phrase that an acronym in brackets follows is one organisation's name, even where the
        model saw pieces of it or nothing at all. The acronym may spell another language's words."""
        out = list(spans)
        for i in range(1, len(doc) - 2):
            close = next((j for j in range(i + 2, min(i + 7, len(doc))) if doc[j].text == ")"), None)
            if doc[i].text != "(" or close is None or not _is_acronym(doc[i + 1:close].text):
                continue
            end = i
            if doc[i - 1].is_lower and doc[i - 1].lower_ in _ORG_HEADS:
                # "the UK Maritime Trade Operations agency (UKMTO)": a common noun may follow the
                # name; then the acronym must spell the name's initials
                end = i - 1
            start = self._phrase_start(doc, end)
            if start is None:
                continue
            if end != i and _initials(doc[start:end].text, whole_acronyms=True) != \
                    doc[i + 1:close].text.replace("-", "").replace(".", ""):
                continue
            acronym = doc[i + 1:close].text.replace("-", "")
            if not _spells(doc[start:end], acronym):
                # "Khotluram Korram of the District Reserve Guard (DRG)": the acronym spells the end
                start = next((a for a in range(start + 1, end) if doc[a].is_title and _spells(doc[a:end], acronym)
                              and doc[a - 1].lower_ in {"of", "the", "for"}), start)
            inside = [s for s in out if s.start < i and s.end > start]
            if any(s.kb_id_ and s.start <= start and s.end >= end for s in inside) \
                    or name_key(doc[start:end].text) in self.place_keys:
                continue  # a registry name already: "United Arab Emirates (UAE)"
            spelled = _spells(doc[start:end], acronym)
            if any(s.kb_id_ and (s.start < start or s.end > end or s.label_ != "PLACE" and not spelled)
                   for s in inside):
                # a registry name crosses the phrase's edge, or an actor's name sits inside (unless the
                # acronym spells the whole phrase: "the UN Support Mission in Libya (UNSMIL)")
                continue
            inside += [s for s in out if s.start < close and s.end > i + 1 and s not in inside]
            for s in inside:
                out.remove(s)
            out.append(Span(doc, start, end, label="ORG", span_id=_DEFINED))
            out.append(Span(doc, i + 1, close, label=self._defined_kind(doc[start:end])[0]))
        return out

    @staticmethod
    def _bracketed_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
        """ "The Arakan Army (AA)": an acronym in brackets right after a name is that name's, even
        where the model saw no name in it (it then joins the name's entity, here and later)."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        out = list(spans)
        for s in spans:
            i = s.end
            if s.label_ == "PERSON" or i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")" \
                    or not (_is_acronym(doc[i + 1].text) or s.label_ == "ORG" and _short_name(doc[i + 1])) \
                    or i + 1 in taken:
                continue
            out.append(Span(doc, i + 1, i + 2, label=s.label_))
        return out

    @staticmethod
    def _acronym_repeats(doc: Doc, spans: list[Span]) -> list[Span]:
        """ "the National Liberation Army (ELN) ... The ELN, founded in 1964": an acronym defined in
        brackets names the same thing wherever it appears again, even where the model missed it."""
        defined = {doc[s.start:s.end].text: s.label_ for s in spans
                   if s.start > 0 and s.end < len(doc) and doc[s.start - 1].text == "(" and doc[s.end].text == ")"
                   and _is_acronym(s.text)}
        if not defined:
            return spans
        taken = [False] * len(doc)
        for s in spans:
            for i in range(s.start, s.end):
                taken[i] = True
        out = list(spans)
        for tok in doc:
            label = defined.get(tok.text)
            if label is None or doc[tok.i - 1].text == "(" and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ")":
                continue
            # the model may read the acronym alone as a person or a place: its definition decides
            alone = next((s for s in out if s.start == tok.i and s.end == tok.i + 1 and not s.kb_id_), None)
            if alone is not None:
                out.remove(alone)
            elif taken[tok.i]:
                continue
            out.append(Span(doc, tok.i, tok.i + 1, label=label, span_id=_REPEAT))
        return out

    def _phrase_start(self, doc: Doc, end: int) -> int | None:
        """Start of the title-case phrase ending before ``end``: capitalised words joined by
        "of", "for", "the", "and", "in"; None unless it holds three words or more."""
        sent_start = doc[end - 1].sent.start
        k = end - 1
        if not (doc[k].is_title or doc[k].is_upper) or not doc[k].is_alpha and "-" not in doc[k].text:
            return None
        start, capitals = k, 1
        while k - 1 >= sent_start:
            t = doc[k - 1]
            if (t.is_title or t.is_upper and len(t) > 1) and (t.is_alpha or "-" in t.text):
                if t.lower_ in _CALENDAR_WORDS and doc[k].lower_ in _NAME_JOINERS:
                    break  # "On Tuesday the State Committee for ...": a day, then the name
                if t.i == sent_start and (t.pos_ != "PROPN" or t.lower_ in self.common_heads
                                          or t.lower_.removesuffix("s") in self.common_heads):
                    break  # "Fighters of the Movement for ...": an opening common noun
                k, start, capitals = k - 1, k - 1, capitals + 1
            elif (t.lower_ in _NAME_JOINERS or t.lower_ == "former" and doc[k - 2].lower_ == "the") \
                    and k - 2 >= sent_start:
                k -= 1  # ("the International Criminal Tribunal for the former Yugoslavia (ICTY)")
            else:
                break
            if end - start > 14:
                return None
        return start if capitals >= 3 else None

    def _trim(self, span: Span) -> Span | None:
        """The name inside an NER span, or None when the span names nothing."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].lower_ in {"the", "a", "an", "its", "their", "his", "her", "our"}
                               or doc[start].is_punct or doc[start].is_space
                               or (doc[start].is_lower and not doc[start].like_num)):  # "Its Foreign Ministry"
            if start + 2 < end and doc[start].lower_ in {"al", "el", "ad", "ash", "as", "an", "ar", "at", "az"} \
                    and doc[start + 1].text == "-" and doc[start + 2].is_title:
                break  # "al-Malahem": the article is part of the name
            start += 1
        while start + 1 < end and doc[start].pos_ == "ADP" and doc[start].lower_ in _OPENING_PREPOSITIONS:
            start += 1  # "Inside Sinaloa, the government ...": a sentence opened by a preposition
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].lower_ in {"'s", "’s", "'"}):
            end -= 1
        while end > start and doc[end - 1].lower_ in self.not_names:
            end -= 1
        if end - start > 1 and doc[end - 1].is_lower and doc[end - 1].lower_ in self.place_cues:
            end -= 1  # "the Artibonite department": the name, and a cue word after it
        if end < len(doc) and doc[end].text.isdigit() and doc[end - 1].is_title and end - start >= 1 \
                and doc[end - 1].lower_ in self.numbered_heads:
            end += 1  # "Front 33", "Brigade 55": a unit named by its number
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_upper and doc[end + 1].is_alpha:
            end += 2  # "CSP-DPA": the model may stop at the hyphen
        while start < end and doc[start].lower_ in self.not_names and not (
                span.label_ == "ORG" and doc[start].is_title and doc[end - 1].lower_ in _NAME_HEADS):
            start += 1  # "General Intelligence Service" keeps its first word
        if start + 1 < end and start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"pro", "anti"} \
                and doc[start].lower_ in self.demonyms:
            start += 1  # "Turkey's pro-Kurdish Peoples' Equality and Democracy Party": the party's name
        bracket = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
        if bracket is not None and not any(t.text == ")" for t in doc[bracket:end]):
            end = bracket  # "People's Defence Forces (HPG": the model stopped inside the brackets
        if start >= end:
            return None
        if span.label_ == "PERSON" and start == span.start:
            # "The group's leader, Bonomade Machude Omar,": the model may leave out a first name
            while start > 0 and span.start - start < 2 and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].is_title and doc[start - 1].is_alpha and doc[start - 1].ent_iob_ == "O" \
                    and not self._is_title(doc[start - 1]) and doc[start - 1].lower_ not in \
                    self.honorifics | self.not_names | self.not_alone | self.demonyms:
                start -= 1
        if span.label_ == "PERSON" and start < end == span.end < len(doc):
            # "Fred Matiang'i": the model may leave out a last name it cannot read
            nxt = doc[end]
            if nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.ent_iob_ == "O" \
                    and re.fullmatch(r"[^\W\d_]+(['’-][^\W\d_]+)+", nxt.text) \
                    and not self._is_title(nxt) and nxt.lower_ not in self.not_names | self.demonyms:
                end += 1
        # "Barsalogho in Burkina Faso" is two places, whatever label the model gave the span
        cut = next((i for i in range(start + 1, end - 1) if doc[i].lower_ in {"in", "near", "outside"}
                    and doc[i + 1].ent_type_ in {"GPE", "LOC"} or doc[i].lower_ in {"in", "near", "outside"}
                    and self.place_keys.get(name_key(doc[i + 1:end].text)) is not None), None)
        if cut is not None:
            end = cut
        name = doc[start:end]
        text = name.text
        if not any(ch.isupper() for ch in text) or len(text) < 2 \
                or text.lower() in self.not_names | self.not_alone | self.common_acronyms:
            return None
        if all(t.like_num or t.is_punct for t in name):
            return None
        if span.label_ == "PERSON" and all(t.is_punct or t.lower_.rstrip(".") in RANK_ABBREVIATIONS for t in name):
            return None  # "Brig": a rank the model took for a name
        if len(name) == 1 and name[0].lower_ in self.section_labels:
            return None  # "Analysis | April 27, 2025": a label over the article, no name
        if all(t.lower_ in self.demonyms or t.lower_.rstrip("s") in self.demonyms or t.is_punct for t in name):
            return None  # "Tajik", "Uyghurs": a people, not an entity
        if len(name) > 1 and name[-1].is_lower and name[-1].pos_ == "NOUN" and all(
                t.lower_ in self.demonyms or name_key(t.text) in self.place_keys for t in name[:-1]):
            return None  # "the main Kosovo Serb party": a description, no name
        if re.search(r"\d{4}$", text):
            return None  # "Search-2021": the name of an exercise or operation
        if len(name) == 1 and start >= 2 and doc[start - 1].lower_ == "of" \
                and doc[start - 2].lower_ in self.person_titles | {"department", "ministry", "secretary"}:
            return None  # "Secretary of State": part of a title
        return name

    # -- the gazetteer --------------------------------------------------------------------------

    def doc_countries(self, doc: Doc) -> frozenset[str]:
        """Country codes of the countries a text names: by name, by a registry place of theirs, or by
        demonym ("Mozambican troops")."""
        out: set[str] = set()
        for span in doc.spans.get(KB_KEY, []):
            place = self.registry.places.get(span.kb_id_) if span.kb_id_ else None
            if place is not None and place.country:
                out.add(place.country)
        demonyms = self.registry.demonyms()
        for tok in doc:
            if tok.is_title and (place := demonyms.get(tok.lower_)) is not None and place.country:
                out.add(place.country)
        return frozenset(out)

    def gazetteer_place(self, text: str, countries: frozenset[str], *, of: bool = False) -> str | None:
        """The subtype (city, district, province) of a place in one of ``countries`` that GeoNames
        knows by the name ``text``, or None. Towns under 1,000 people count only under their own
        name, not under an alternate one, so a person's name seldom passes for a hamlet. With ``of``
        ("Port of Spain", not "the governor of Kandahar") only a town of 10,000 or more counts."""
        gaz = self.gazetteer
        if gaz is None or not countries or len(text) < 3:
            return None
        words = text.split()
        if len(words) > 1 and words[-1].lower() in self.place_cues and not gaz.lookup(text):
            text = " ".join(words[:-1])  # "Rakhine State": GeoNames files the name without the word
        key = name_key(text)
        hits: list[GazPlace] = [
            p for p in gaz.lookup(text) if p.country in countries and p.feature != "country"
            and (p.feature != "city" or p.population >= 1000 or name_key(p.name) == key)
            and (not of or p.feature == "city" and p.population >= 10_000)]
        if not hits:
            return None
        if any(p.feature == "city" for p in hits):
            return "city"
        return "province" if any(p.feature == "admin1" for p in hits) else "district"

    def _gazetteer_extend(self, span: Span, countries: frozenset[str]) -> Span:
        """ "Mocimboa da Praia", "Lanao del Sur": the model may keep one word of a place's name
        that joins two with a particle; the longer name wins where GeoNames has it."""
        doc = span.doc
        start, end = span.start, span.end
        upper = span.text.isupper()  # a dateline in capitals: "PORT OF SPAIN, Trinidad and Tobago, ..."
        if start >= 2 and doc[start - 1].lower_ in _PLACE_JOINERS | {"of"} and doc[start - 2].is_alpha \
                and (doc[start - 2].is_title and not doc[start - 2].is_sent_start
                     or upper and doc[start - 2].is_upper) \
                and self.gazetteer_place(doc[start - 2:end].text, countries, of=doc[start - 1].lower_ == "of"):
            start -= 2
        if end + 1 < len(doc) and doc[end].lower_ in _PLACE_JOINERS | {"of"} \
                and (doc[end + 1].is_title or upper and doc[end + 1].is_upper) and doc[end + 1].is_alpha \
                and self.gazetteer_place(doc[start:end + 2].text, countries, of=doc[end].lower_ == "of"):
            end += 2
        return span if (start, end) == (span.start, span.end) \
            else Span(doc, start, end, label=span.label_, span_id=_GAZETTEER)

    def _place_list(self, span: Span, countries: frozenset[str]) -> list[Span]:
        """ "Sardinata and Convencion" read as one name: the places of a list the model ran together;
        and "Amalfi in Antioquia", a place and the place that holds it."""
        doc = span.doc
        cuts = [i for i in range(span.start + 1, span.end - 1) if doc[i].text == "," or doc[i].lower_ in {"and", "in"}]
        if not cuts or not countries:
            return []
        parts, start = [], span.start
        for cut in [*cuts, span.end]:
            if cut > start:
                parts.append(Span(doc, start, cut, label="PLACE", span_id=_GAZETTEER))
            start = cut + 1
        known = [bool(name_key(p.text) in self.place_keys or self.gazetteer_place(p.text, countries)) for p in parts]
        # "near Afif and Dawadmi": two single names joined by "and", one of them a known town, and no
        # word of a body's name in either
        pair = len(parts) == 2 and any(known) and doc[cuts[0]].lower_ == "and" and all(
            len(p) <= 2 and all(t.is_title for t in p) and not self._org_subtype(p.text) for p in parts)
        return parts if (all(known) or pair) and len(parts) > 1 else []

    def _gazetteer_names(self, doc: Doc, countries: frozenset[str]) -> list[Span]:
        """ "pushed out of Quissanga", "in Piagapo, Saguiaran and Butig": capitalised words that the
        model saw as no name, after a preposition of place or in a list after one, that GeoNames
        knows as a place of a country the text names."""
        out: list[Span] = []
        if not countries:
            return out
        i = 1
        while i < len(doc):
            tok = doc[i]
            if not (tok.is_title and tok.is_alpha and tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_PLACES):
                i += 1
                continue
            end = i + 1
            while end < len(doc) and end - i < 4 and doc[end].ent_type_ not in _NOT_PLACES and (
                    doc[end].is_title and doc[end].pos_ == "PROPN"
                    or doc[end].lower_ in _PLACE_JOINERS and end + 1 < len(doc) and doc[end + 1].is_title):
                end += 2 if doc[end].lower_ in _PLACE_JOINERS else 1
            k = i - 1
            while k > doc[i].sent.start and (doc[k].text == "," or doc[k].lower_ in {"and", "or"}
                                             or doc[k].is_title):
                k -= 1
            if k > doc[i].sent.start and k == i - 1 and doc[k].is_lower and doc[k].lower_ in _PLACE_ADJECTIVES:
                k -= 1  # "of neighbouring Assam", "in northern Rakhine"
            titled = any(doc[t].lower_ in self.not_names | self.honorifics | self.person_titles for t in range(i, end))
            if doc[k].lower_ in _PLACE_PREPOSITIONS and not doc[i].is_sent_start and not titled \
                    and not (end < len(doc) and doc[end].ent_type_ == "PERSON"):
                span = doc[i:end]
                subtype = self.gazetteer_place(span.text, countries)
                if subtype is None and end - i > 1:
                    span = doc[i:i + 1]
                    subtype = self.gazetteer_place(span.text, countries)
                if subtype is not None:
                    out.append(Span(doc, span.start, span.end, label="PLACE", span_id=_GAZETTEER))
                    i = span.end
                    continue
            i = end
        return out

    # -- typing ---------------------------------------------------------------------------------

    def _cue_after(self, span: Span) -> str | None:
        """The place cue a name or a list of names ends with ("Takhar, Faryab and Jowzjan provinces")."""
        doc = span.doc
        i = span.end
        limit = min(len(doc), span.end + 12)
        while i < limit:
            tok = doc[i]
            if tok.lower_ in self.place_cues or tok.is_lower and tok.lemma_.lower() in self.place_cues:
                if i == span.end and self._names_what_follows(span):
                    return None
                return self.place_cues.get(tok.lower_) or self.place_cues[tok.lemma_.lower()]  # "areas"
            if tok.is_punct and tok.text in {",", "-"} or tok.lower_ in {"and", "or"} or tok.ent_iob_ != "O" \
                    or (tok.text[:1].isupper() and not tok.is_sent_start):
                i += 1
                continue
            if tok.is_lower and tok.pos_ == "NOUN" and tok.dep_ == "compound" and i + 1 < limit \
                    and doc[i + 1].lower_ in self.place_cues:
                i += 1  # "training ranges", "border districts": a noun qualifying the place word
                continue
            return None
        return None

    def _cue_before(self, span: Span) -> str | None:
        """ "the district of Abu Salim": the word before "of" says what the name is; but in "the
        Augie area of Kebbi State" the area is Augie's, and a name that ends in its own word for a
        place ("Kebbi State") says what it is itself."""
        doc = span.doc
        if len(span) > 1 and span[-1].is_title and span[-1].lower_ in {"state", "province", "governorate"} \
                and not self._org_subtype(span.text):
            return "province"
        if span.start >= 2 and doc[span.start - 1].lower_ == "of":
            if span.start >= 3 and doc[span.start - 3].is_title and not doc[span.start - 3].is_sent_start \
                    and doc[span.start - 2].lower_ not in SETTLEMENTS:
                return None  # (but "the Central Java city of Solo" is a city)
            # ("the forests of Mbau": a plural word for places too)
            return self.place_cues.get(doc[span.start - 2].lower_) or (
                self.place_cues.get(doc[span.start - 2].lemma_.lower()) if doc[span.start - 2].tag_ == "NNS" else None)
        return None

    def _names_what_follows(self, span: Span) -> bool:
        """In "the Central Java city of Solo" the place word after the name says what Solo is,
        not what Central Java is (but "the Helmand province of Afghanistan" is Helmand's)."""
        doc, i = span.doc, span.end
        return i + 2 < len(doc) and doc[i].lower_ in SETTLEMENTS and span.start > 0 \
            and doc[span.start - 1].lower_ == "the" and doc[i + 1].lower_ == "of" and doc[i + 2].is_title \
            and doc[i + 2].lower_ not in self.country_names

    def _place_context(self, span: Span) -> str | bool:
        """Signs that a name the model took for a person or group is a place: "in Chibok", "near
        Damasak", "Mali's Ségou", "the Qosh Tepa canal", "Barsalogho, a town in ...". Returns the
        place subtype when the sign names one, True when it does not, False when there is none."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lower_ in self.place_cues and after.is_lower:
            return True if self._names_what_follows(span) else self.place_cues[after.lower_]
        if after is not None and after.is_lower and after.pos_ == "NOUN" and span.end + 1 < len(doc) \
                and doc[span.end + 1].lower_ in self.place_cues and doc[span.end + 1].pos_ == "NOUN":
            return self.place_cues[doc[span.end + 1].lower_]  # "the Zamzam displacement camp"
        if span.end + 2 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ in {"a", "an", "the"}:
            # "Barsalogho, a town in ...", "Maungdaw, the last town on ...", "Ann, a hill town"
            for tok in doc[span.end + 2:min(len(doc), span.end + 6)]:
                if tok.pos_ == "NOUN" and tok.dep_ not in {"compound", "poss"} \
                        and tok.lemma_.lower() in self.facility_heads | _VENUES \
                        and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"'s", "’s"}):
                    return "facility"  # "the Reina, an exclusive club on the Bosphorus"
                if tok.lemma_.lower() in _APPOSED_PLACES and tok.pos_ == "NOUN":
                    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"'s", "’s"}:
                        break  # "X, the city's mayor": the city owns what the apposition is
                    return self.place_cues.get(tok.lemma_.lower(), True)
                if not (tok.pos_ in {"ADJ", "NOUN", "PROPN", "NUM"} and tok.dep_ in {"amod", "compound", "nummod"}
                        or tok.tag_ == "JJS"):
                    break
        if before is not None and before.lower_ == "at" and len(span) <= 3 and after is not None \
                and after.lower_ == "in" and span.end + 1 < len(doc) and doc[span.end + 1].ent_type_ in {"GPE", "LOC"} \
                and before.head.lemma_.lower() not in _AT_SOMEONE:
            return True  # "villagers at Aryabhanjyang in Palpa district", "met at Raj Bhavan in Imphal"
        if before is not None and before.lower_ in {"in", "near", "inside", "outside", "around", "across", "into"} \
                and len(span) <= 3 and not any(t.lower_ in self.honorifics for t in span):
            return True
        if before is not None and before.lower_ == "at" and before.head.lemma_.lower() in _MEETING_VERBS \
                and before.head.pos_ == "VERB" and len(span) <= 3 and span.root.head == before \
                and not any(t.lower_ in self.honorifics for t in span):
            return True  # "met at Panmunjom", "signed at Lancaster House": where they met
        site = doc[span.start - 2] if span.start >= 2 else None  # (the parser may hang "at" on the verb)
        if before is not None and before.lower_ == "at" and site is not None and site.is_lower and len(span) <= 2 \
                and {site.lemma_.lower(), site.lower_.removesuffix("s")} & self.facility_heads:
            return True  # "the junta's bases at Chipindaumwe", "a checkpoint at X": where the site is
        if before is not None and before.lower_ == "to" and before.head.lemma_.lower() in _MOTION_VERBS \
                and before.head.pos_ == "VERB" and len(span) <= 3 and span.root.head == before:
            return True  # "travelled to Kumba", "flew to Garissa": where one goes
        if before is not None and (before.text == "," or before.lower_ in {"and", "or"}) and len(span) <= 3 \
                and not any(t.lower_ in self.honorifics for t in span) and not _is_acronym(span.text):
            # (not "its force in Kosovo, KFOR": an acronym after a place names a body, not a town)
            # "in Tibu, Teorama and El Tarra": a later item of a list of places after "in"
            k, places = span.start - 1, 0
            while k >= span.sent.start and (doc[k].text == "," or doc[k].lower_ in {"and", "or"}
                                            or doc[k].is_title or doc[k].text == "-"):
                places += doc[k].ent_type_ in {"GPE", "LOC", "FAC"} or name_key(doc[k].text) in self.place_keys
                k -= 1
            if places and k >= span.sent.start and doc[k].lower_ in {"in", "near", "inside", "across", "around"}:
                # "China's ambassador in Kabul, Zhao Xing": the name after the place holds the role before it
                return not (k >= 1 and doc[k - 1].is_lower and self._is_title(doc[k - 1]) and places == 1
                            and doc[span.start - 1].text == ",")
            if places and k > span.sent.start and doc[k].lower_ == "of" and doc[k - 1].lower_ in self.place_cues:
                return self.place_cues[doc[k - 1].lower_]  # "the ports of Hodeidah, Ras Isa and Salif"
            listed = span.end + 1 < len(doc) and (doc[span.end].text == "," or doc[span.end].lower_ == "and") \
                and doc[span.end + 1].is_title or places
            if listed and k >= span.sent.start and doc[k].is_lower and doc[k].tag_ == "NNS" \
                    and doc[k].lemma_.lower() in self.place_cues and doc[k + 1].text == ",":
                return self.place_cues[doc[k].lemma_.lower()]  # "five of Manipur's districts, A, B and C"
        if span.start >= 2 and doc[span.start - 1].lower_ in {"'s", "’s"}:
            owner = self.place_keys.get(name_key(doc[span.start - 2].text))
            if owner is not None and owner.subtype == "country" \
                    and not (len(span) > 1 and span[0].is_title and self._is_title(span[0])):
                return True  # (not "Jordan's King Abdullah", "Iran's President Rouhani")
        return False

    def _described_as(self, span: Span) -> str | None:
        """The subtype an apposition gives a name: "HumAngle, a Nigerian news outlet" is media."""
        doc = span.doc
        i = span.end
        if i + 2 >= len(doc) or doc[i].text != ",":
            return None
        start = i + 2
        if doc[i + 1].lower_ not in {"a", "an", "the"}:
            # "the Jokargy Kenes, Karakalpakstan's parliament": a place's body, named by its possessive
            owner = doc[i + 1]
            while owner.i + 1 < len(doc) and owner.ent_type_ in {"GPE", "LOC"} and doc[owner.i + 1].ent_type_ \
                    == owner.ent_type_ and owner.i < i + 4:
                owner = doc[owner.i + 1]
            if owner.ent_type_ not in {"GPE", "LOC"} or owner.i + 1 >= len(doc) \
                    or doc[owner.i + 1].lower_ not in {"'s", "’s"}:
                return None
            start = owner.i + 2
        words: list[str] = []
        if start > i + 2:  # "Y's parliament": the possessed noun names the kind; "Y's interior minister" no body
            head = next((t for t in doc[start:min(len(doc), start + 4)] if t.pos_ == "NOUN"
                         and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "NOUN")), None)
            if head is None or not head.is_lower or self._is_title(head):
                return None
            return self._org_subtype(doc[start:head.i + 1].text)
        for tok in doc[start:min(len(doc), start + 6)]:
            collective = tok.lower_ == "of" and bool(words) and words[-1].lower() in _COLLECTIVES
            hyphened = tok.i > 0 and doc[tok.i - 1].text == "-"  # "the Addis Ababa-based news outlet"
            if tok.text in {",", ";", "."} or tok.pos_ == "VERB" and not hyphened \
                    or tok.pos_ == "ADP" and not collective or tok.lower_ in {"that", "which", "who"}:
                break
            words.append(tok.text)  # "Viv Ansanm, the coalition of gangs that ..."
        last = doc[start - 1 + len(words)] if words else None
        if last is not None and last.is_lower and self._is_title(last):
            return None  # "X, the Kenyan police commander of the MSS": a person's role, though "police" is a body's
        if last is not None and last.is_lower and last.lower_ in self.place_cues:
            return None  # "Cúcuta, the department's capital": a place, whatever owns it
        return self._org_subtype(" ".join(words)) if words else None

    @staticmethod
    def _apposed_head(span: Span) -> str | None:
        """The head noun of an apposition right after the name ("a weekly newspaper" -> newspaper)."""
        doc = span.doc
        if span.end + 2 >= len(doc) or doc[span.end].text != ",":
            return None
        head = doc[span.end + 1]
        while head.head.i != head.i and head.head.i > span.end and head.dep_ in {"det", "amod", "compound"}:
            head = head.head
        if head.is_lower and head.lower_ in {"daily", "weekly"}:
            return head.lower_  # "the Stockholm daily": the model may read the noun as an adjective or a name
        return head.lower_ if head.pos_ == "NOUN" else None

    def _apposed_part(self, span: Span) -> str | None:
        """ "X, AQAP's media wing, ...", "X, the BLA's suicide squad, ...": an apposition that makes the
        name a part of a body another name owns; the kind of part (media or armed) it is, else None."""
        doc = span.doc
        k = span.end + 1
        if k + 2 >= len(doc) or doc[span.end].text != ",":
            return None
        if doc[k].lower_ in {"a", "an", "the"}:
            # "Katibah Nusantara, a Malay-speaking unit of the Islamic State": a part "of" a named body
            words = []
            for tok in doc[k + 1:min(len(doc), k + 6)]:
                if tok.lower_ == "of":
                    break
                words.append(tok)
            of = k + 1 + len(words)
            owner = of + 1 + (of + 1 < len(doc) and doc[of + 1].lower_ == "the")
            named_owner = owner < len(doc) and (doc[owner].ent_type_ == "ORG" or doc[owner].pos_ == "PROPN"
                                                and doc[owner].is_title)
            if words and of < len(doc) and doc[of].lower_ == "of" and named_owner \
                    and all(t.is_lower or t.text == "-" or t.ent_type_ in {"NORP", "LANGUAGE"} for t in words) \
                    and words[-1].lemma_.lower() in _PART_WORDS:
                return self._part_kind(words)
        k += doc[k].lower_ == "the"
        while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and doc[k].pos_ == "PROPN":
            k += 1
        if k + 1 >= len(doc) or doc[k].lower_ not in {"'s", "’s"} or k == span.end + 1:
            return None
        words = []
        for tok in doc[k + 1:min(len(doc), k + 5)]:
            if tok.text in {",", ".", ";"}:
                break
            words.append(tok)
        if not words or not all(t.is_lower for t in words) or words[-1].lemma_.lower() not in _PART_WORDS:
            return None
        return self._part_kind(words)

    def _part_kind(self, words: list[Token]) -> str:
        """The kind of body the words for a part name: a media wing, or an armed part."""
        return "media" if any(t.lower_ in self.media_heads | {"media", "propaganda", "news"} for t in words) \
            else "armed_group"

    @staticmethod
    def _closed_apposition(span: Span) -> bool:
        """The phrase after "NAME, the ..." ends at a comma or a stop, so it is an apposition and
        not the subject of a clause of its own ("Inside Sinaloa, the government has sent troops")."""
        doc = span.doc
        for tok in doc[span.end + 1:min(len(doc), span.end + 10)]:
            if tok.text in {",", ".", ";", ")", ":"} or tok.lower_ in {"that", "which", "whose"}:
                return True  # "Jundallah, an older Baluch group that fell apart"
            if tok.tag_ in {"VBN", "VBG"} and doc[tok.i - 1].pos_ == "NOUN":
                return True  # "the small party headed by Y": a participle that qualifies the noun
            if tok.pos_ in {"VERB", "AUX"} and doc[tok.i - 1].text != "-":
                return False
        return False

    def _described_group(self, span: Span) -> str | None:
        """ "Viv Ansanm, the coalition of gangs that ...": an apposition headed by a word for an
        armed group says the name is one, whatever the model read."""
        doc = span.doc
        i = span.end
        if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an", "the"}:
            return None
        for tok in doc[i + 2:min(len(doc), i + 8)]:
            if tok.text == "-":
                continue  # "a pro-Islamic State group"
            if tok.pos_ == "NOUN" and tok.dep_ != "compound" or tok.pos_ not in {"ADJ", "NOUN", "PROPN"}:
                owner = tok.dep_ == "poss" or tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"'s", "’s"}
                # "X, the group's spokesman": the group owns what heads the apposition
                return "armed_group" if tok.pos_ == "NOUN" and tok.lemma_.lower() in _GROUP_HEADS \
                    and not owner else None
        return None

    def _apposed_kind(self, span: Span) -> str | None:
        """The kind of body the head noun of an apposition names: "a news website based in" ->
        media, "Algeria's state energy company" -> company, "the tech company's home" -> none."""
        doc = span.doc
        for tok in doc[span.end + 1:min(len(doc), span.end + 9)]:
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if tok.pos_ == "NOUN" or tok.lower_ in {"daily", "weekly"}:
                if nxt is not None and (nxt.pos_ == "NOUN" or nxt.lower_ in {"'s", "’s"}):
                    continue  # "news website", "company's home": the head comes later
                return self._org_subtype(tok.text)
            if tok.text in {",", ".", ";"} or tok.pos_ in {"VERB", "ADP"} and doc[tok.i - 1].text != "-":
                break  # (but on past "the Hong Kong-based daily")
        return None

    def _role_apposed(self, span: Span) -> bool:
        """ "Qin Gang, a spokesman for ...", "Rebecca Park, a spokeswoman for ...": an apposition
        that gives the name a person's role in a body, which only a person holds, whatever words
        for a group or a site the name has in it."""
        doc = span.doc
        i = span.end
        if i + 3 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an", "the"}:
            return False
        head = next((t for t in doc[i + 2:min(len(doc), i + 6)] if t.pos_ == "NOUN"), None)
        # (not "Kamal Adwan Hospital, the director of the hospital said": a clause, no apposition;
        # nor "Kabul University, a member of the network": bodies are members too)
        return head is not None and self._is_title(head) and head.lemma_.lower() != "member" \
            and head.i + 1 < len(doc) and doc[head.i + 1].lower_ in {"for", "of", "at"} \
            and self._closed_apposition(span)

    def _person_context(self, span: Span, *, who: bool = True) -> bool:
        """A title right before the name, or a role in an apposition right after it (with ``who``,
        also a "who" clause after it, which may be another name's: "the town of X, who ...")."""
        doc = span.doc
        before = span.start - 1
        if before >= 0 and doc[before].lemma_.lower() in KIN_WORDS and doc[before].is_lower:
            return True  # "founded by the brothers X and Y", "his son X"
        if before >= 3 and doc[before].lower_ == "as" and doc[before - 1].lower_ in {"known", "nicknamed", "dubbed"} \
                and doc[before - 2].lemma_.lower() in _PEOPLE_NOUNS | {"man", "woman", "boy", "girl"}:
            return True  # "the man known as El Chapo"
        after = doc[span.end:span.end + 2]
        if len(after) == 2 and after[0].lower_ in {"'s", "’s"} and after[1].lemma_.lower() in KIN_WORDS:
            return True  # "El Chapo's son": only people have sons
        if before >= 2 and doc[before].lower_ == "old" and doc[before - 1].text == "-" \
                and doc[before - 2].lower_ in {"year", "years"}:
            return True  # "a 14-year-old X": only people have ages told so
        if before >= 1 and doc[before].text == "," and doc[before - 1].is_lower \
                and doc[before - 1].lemma_.lower() in _PEOPLE_NOUNS:
            return True  # "police held a second suspect, X": the name of the person just spoken of
        if before >= 1 and doc[before].text == ",":
            before -= 1  # "Tajikistan's interior minister, Ramazon Rahimzoda"
            k = before
            while k >= 0 and doc[k].is_title and k > before - 4:
                k -= 1
            if k >= 1 and k < before and doc[k].lower_ in {"in", "to"} and self._is_title(doc[k - 1]) \
                    and doc[k - 1].is_lower:
                return True  # "China's ambassador in Kabul, Zhao Xing": the role is the name's
        if before >= 0 and doc[before].is_alpha and self._is_title(doc[before]) and doc[before].pos_ != "VERB":
            return True  # not "who heads UNMISS"
        i = span.end
        if i + 2 < len(doc) and doc[i].text == "," and (
                doc[i + 1].text.isascii() and doc[i + 1].text.isdigit() and 12 <= int(doc[i + 1].text) <= 110
                and doc[i + 2].text == "," or doc[i + 1].lower_ == "aged" and doc[i + 2].text.isdigit()):
            return True  # "Prachanda, 52, told ...": an age set off by commas is a person's
        if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "alias":
            return True  # "Wilmer Giraldo, alias Siopas": a person's other name
        if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].pos_ in {"VERB", "AUX", "ADP", "SCONJ"}:
            return False  # "near Brussels, according to its mayor", "the Blue House, told commanders"
        if i + 1 < len(doc) and doc[i].text == ",":
            j = i + 1
            if doc[j].lower_ in {"the", "a", "an"}:
                j += 1
            for tok in doc[j:min(len(doc), j + 5)]:
                if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.i > tok.i and tok.head.pos_ == "VERB":
                    break  # "and Gedo, officials said": a clause of its own, no apposition
                if self._is_title(tok):
                    # "in Butig, an army spokesman, Colonel X, said": the role is the next name's
                    # "of North Kivu, Major General X": so is a title set before the next name
                    k = tok.i + 1
                    while k < len(doc) and k < tok.i + 3 and doc[k].is_title and (
                            self._is_title(doc[k]) or doc[k].lower_ in self.honorifics):
                        k += 1
                    if k < len(doc) and doc[k].ent_type_ == "PERSON" and doc[k].is_title:
                        return False
                    nxt = next((t for t in doc[tok.i + 1:min(len(doc), tok.i + 3)] if t.text == ","), None)
                    if nxt is None or nxt.i + 1 >= len(doc) or doc[nxt.i + 1].lower_ in {"and", "or", "but"} \
                            or doc[nxt.i + 1].pos_ in {"VERB", "AUX"}:
                        return True  # "X, another US envoy, and met Y": Y is no name for the role
                    return not any(t.ent_type_ == "PERSON" for t in doc[nxt.i + 1:nxt.i + 4])
                if tok.text in {",", ";", "."}:
                    break
                if tok.lemma_.lower() in KIN_WORDS and tok.is_lower and tok.pos_ == "NOUN":
                    return True  # "X, El Chapo's eldest son": kin are people
                if tok.lemma_.lower() in _PERSON_NOUNS and tok.is_lower and tok.pos_ == "NOUN" \
                        and tok.dep_ == "appos":
                    return True  # "X, a police guard who was hanged", "X, a student from Dhaka"
            # not "whose": "RED-Tabara, whose name is short for ..."; not "the city of Dnipro, who": the
            # clause is about people named before the place
            told_as_place = span.start >= 2 and doc[span.start - 1].lower_ == "of" \
                and doc[span.start - 2].lemma_.lower() in _APPOSED_PLACES
            # nor "the governor of the Eastern Province, who ...": the clause is about the governor
            k = span.start - 2 if span.start >= 1 and doc[span.start - 1].lower_ == "the" else span.start - 1
            told_as_role = k >= 1 and doc[k].lower_ == "of" and doc[k - 1].is_lower and self._is_title(doc[k - 1])
            return who and doc[i + 1].lower_ == "who" and not told_as_place and not told_as_role
        return False

    @staticmethod
    def _body_role(span: Span) -> bool:
        """The name is what someone leads or belongs to: the object of "leads" or "heads", or the "of"
        phrase of "members of" or "the leader of" -- a body, not a person."""
        root = span.root
        if root.dep_ == "dobj" and root.head.lemma_.lower() in {"lead", "head", "chair", "command", "found"} \
                and root.head.pos_ == "VERB":
            return True
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
            return root.head.head.lemma_.lower() in _BODY_ROLES
        return False

    def _listed_with_places(self, span: Span, countries: frozenset[str]) -> bool:
        """The name stands in a list ("A, B and C") next to a name that is a place."""
        doc = span.doc
        sent = span.sent

        def is_place(start: int, end: int) -> bool:
            if start >= end:
                return False
            text = doc[start:end].text
            if name_key(text) in self.place_keys or self.gazetteer_place(text, countries) is not None:
                return True
            return not any(doc[i].ent_type_ == "PERSON" for i in range(start, end)) \
                and any(doc[i].ent_type_ in {"GPE", "LOC", "FAC"} for i in range(start, end))

        def name_char(tok: Token) -> bool:
            return tok.is_title and tok.is_alpha or tok.lower_ in _PLACE_JOINERS

        j = span.start - 1
        if j > sent.start and doc[j].lower_ in {"and", "or"} and doc[j - 1].text == ",":
            j -= 1
        if j > sent.start and (doc[j].text == "," or doc[j].lower_ in {"and", "or"}):
            end = start = j
            while start - 1 >= sent.start and name_char(doc[start - 1]):
                start -= 1
            if is_place(start, end):
                return True
        k = span.end
        if k < sent.end - 1 and doc[k].text == "," and doc[k + 1].lower_ in {"and", "or"}:
            k += 1
        if k < sent.end - 1 and (doc[k].text == "," or doc[k].lower_ in {"and", "or"}):
            start = end = k + 1
            while end < sent.end and name_char(doc[end]):
                end += 1
            return is_place(start, end)
        return False

    def _listed_with_people(self, span: Span, countries: frozenset[str]) -> bool:
        """A one-word name in a list ("A, B and C") of which another member is a person's full name,
        no other member a place that the registry knows, and fewer than half of them towns that the
        gazetteer knows (a village shares its name with many a man)."""
        doc = span.doc
        members = [span.root, *span.root.conjuncts]
        if len(members) < 2 or any(abs(c.i - span.root.i) > 12 for c in members):
            return False
        texts = []
        for c in members:
            start = c.i
            while start > 0 and doc[start - 1].is_title and doc[start - 1].ent_type_ == c.ent_type_ != "":
                start -= 1
            texts.append(doc[start:c.i + 1])
        others = texts[1:]
        if any(name_key(t.text) in self.place_keys for t in others):
            return False
        towns = {t.start for t in others if self.gazetteer_place(t.text, countries)}
        # (and the model reads a person in this name or another one-word member: "sanctioned
        # Rubaya, Nyabibwe and Bertrand Bisimwa" lists two mining towns and a man)
        read_as_person = span.root.ent_type_ == "PERSON" or any(
            len(t) == 1 and t.root.ent_type_ == "PERSON" for t in others)
        return read_as_person and 2 * len(towns) < len(others) and any(
            len(t) > 1 and t.root.ent_type_ == "PERSON" and t.start not in towns for t in others)

    def _group_names(self, candidates: list[Span], countries: frozenset[str]) -> frozenset[str]:
        """Names that a lower-case word for an armed group follows ("the M23 movement", "the Gran
        Grif gang"), unless they are demonyms or towns of the text's countries."""
        out: set[str] = set()
        # "Lakurawa fighters ... Lakurawa members": a name that twice or more qualifies the members
        # of a group is the group's, even where a village has the name too
        members: Counter[str] = Counter(
            name_key(s.text) for s in candidates if not s.kb_id_ and s.end < len(s.doc)
            and s.doc[s.end].is_lower and s.doc[s.end].lemma_.lower() in _MEMBER_NOUNS
            and not any(t.lower_ in self.demonyms for t in s))
        out.update(k for k, n in members.items() if n >= 2)
        for span in candidates:
            doc = span.doc
            after = doc[span.end] if span.end < len(doc) else None
            before = doc[span.start - 1] if span.start > 0 else None
            followed = after is not None and after.is_lower and after.pos_ == "NOUN" \
                and after.lemma_.lower() in _GROUP_HEADS
            # "the pro-Islamic State group Dawlah Islamiyah": a word for a group set before the name
            preceded = before is not None and before.is_lower and before.pos_ == "NOUN" \
                and before.lemma_.lower() in _GROUP_HEADS and span.label_ != "PLACE"
            if span.kb_id_ or not (followed or preceded) or any(t.lower_ in self.demonyms for t in span) \
                    or self.gazetteer_place(span.text, countries):
                continue
            out.add(name_key(span.text))
        return frozenset(out)

    def _may_be_place(self, span: Span, label: str, surnames: frozenset[str] | set[str]) -> bool:
        """Nothing marks the name as a person's: no honorific or title, no role in apposition, not
        the surname of a person named in full, not the one who speaks."""
        if sum(t.text != "-" for t in span) > 4 or any(t.lower_ in self.honorifics for t in span) \
                or self._person_context(span):
            return False  # ("Croix-des-Bouquets" is three words)
        if label != "PERSON":
            return True
        if span[-1].lower_ in surnames and len(span) == 1:
            return False
        root = span.root
        return not (root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in _SPEECH_VERBS)

    def _denomination(self, span: Span) -> bool:
        """A church as a body: nothing but words of a creed and a people's name before "Church"."""
        words = [t.lower_ for t in span]
        if "church" not in words:
            return False
        before = words[:words.index("church")]
        before = before[1:] if before[:1] == ["the"] else before
        if not (before and all(w in self.denominations or w in self.country_demonyms for w in before)
                and any(w in self.denominations for w in before)):
            return False
        doc = span.doc
        if span.start > 0 and doc[span.start - 1].lower_ in {"a", "an"}:
            return False  # "gunmen attacked a Catholic church": a building
        if span.end + 1 < len(doc) and doc[span.end].lower_ == "in" and doc[span.end + 1].is_title:
            # "the Catholic Church in Nigeria" is a body; "the Baptist Church in Kaduna" a building
            end = span.end + 1
            while end < len(doc) and doc[end].is_title:
                end += 1
            place = self.place_keys.get(name_key(doc[span.end + 1:end].text))
            return place is not None and place.subtype == "country"
        return True

    def _is_title(self, tok: Token) -> bool:
        return tok.lower_ in self.person_titles or tok.lower_.rstrip("s") in self.person_titles

    def _org_subtype(self, text: str) -> str | None:
        words = name_key(text).split()
        joined = " " + " ".join(words) + " "
        # "UN", not the "Un" of "Kim Jong Un" ("Ltd" and "Inc" stand as they are)
        whole = {name_key(w) for w in text.split() if w.isupper() or len(w) > 2}
        if "liberation" in words:
            return "armed_group"  # "the West Papua National Liberation Army": a movement, whatever "Army" says
        hits = [sub for sub, cues in self.org_cues
                # a short cue names a body only as a word of its own: not the "un" of "Kim Jong-un"
                if any((" " + c + " ") in joined and (len(c) > 3 or " " in c or c in whole) for c in cues)]
        if hits[:1] == ["media"] and ("government" in hits or "security" in words) \
                and not any(w in words for w in _NEWS_WORDS):
            return "government"  # "the Security Information Agency": an agency of the state, not of news
        return hits[0] if hits else None

    def classify(self, span: Span, countries: frozenset[str] = frozenset(),
                 surnames: frozenset[str] | set[str] = frozenset(),
                 groups: frozenset[str] = frozenset()) -> tuple[str, str | None]:
        """Type and subtype of a candidate that is not in the registry. ``countries`` are those the
        text names (their towns are looked up in GeoNames); ``surnames`` end the text's full
        names of people (a surname alone stays a person); ``groups`` are names that a word for an
        armed group follows somewhere in the text."""
        label = span.label_
        place = self.place_keys.get(name_key(span.text))
        if place is not None:
            return "PLACE", place.subtype
        if self._denomination(span):
            return "ORG", "other"  # "the Coptic Orthodox Church", "the Greek Orthodox Church of Antioch"
        if len(span) > 2 and span[0].lower_ in self.facility_heads and span[1].lower_ == "of" and span[0].is_title:
            return "PLACE", "facility"  # "the Church of the Holy Cross", "the Mosque of the Prophet"
        if len(span) > 1 and span[0].lower_ in self.site_openers and span[0].is_title \
                and (span[1].is_title or span[1].lower_ in {"de", "del"} and span[-1].is_title):
            return "PLACE", self.site_openers[span[0].lower_]  # "Camp Crame", "Lake Lanao"
        if self._names_region(span):
            return "PLACE", "province"
        site_word = span[-1].lower_ in self.facility_heads - ({"road", "school"} if label == "PERSON" else set())
        if len(span) > 1 and site_word and not self._role_apposed(span):
            return "PLACE", "facility"  # (not "Rebecca Park, a spokeswoman for the US embassy")
        if len(span) > 1 and span[-1].lower_ in _SEATS and span[-1].is_title and _where(span):
            return "PLACE", "facility"  # "talks at State House", "a briefing at the Defence Headquarters"
        if len(span) == 1 and label in {"PERSON", "PLACE"} and self._listed_with_people(span, countries):
            return "PERSON", None  # "named the men as Askar, Nae and Ahmad Gazali"
        after = span.doc[span.end:span.end + 2]
        if len(after) == 2 and after[0].lower_ == "task" and after[1].lower_ == "force":
            return "ORG", "government"  # "the Damai Cartenz task force": a security operation's command
        if label in {"PERSON", "PLACE"} and len(span) > 1 and _leads_by(span) and place is None:
            return "PERSON", None  # (no place leads a body, whatever the model read)
        if label == "PERSON" and self._body_role(span) and not self._person_context(span):
            return "ORG", self._described_as(span) or "other"  # "who leads X", "members of X"
        if label == "PERSON" and len(span) == 1 and len(span.text) >= 3 and _is_acronym(span.text):
            return "ORG", self._described_as(span) or "other"  # "who heads UNMISS": no one's name is an acronym
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.is_lower and before.pos_ == "NOUN" and before.lower_ in self.media_heads:
            return "ORG", "media"  # "the Middle East news site Al-Monitor", "the newspaper Dawn"
        if before is not None and before.lower_ in {"called", "named", "dubbed"} and label == "PERSON" \
                and before.dep_ == "acl" and any(c.lower_ in {"a", "an"} for c in before.head.children) \
                and before.head.pos_ == "NOUN" and before.head.is_lower and before.head.i < before.i \
                and before.head.lemma_.lower() in _BODY_KIND_NOUNS | _NAMED_UNITS:
            # "a militia network called Operation Mutual Aid": no one is a network (but "a police
            # officer named X", "a militia leader called X" are people)
            return "ORG", self._org_subtype(" ".join(
                [t.text for t in before.head.lefts if t.dep_ in {"compound", "amod"}] + [before.head.text])) or "other"
        if before is not None and before.is_lower and before.pos_ == "NOUN" and before.lower_ in self.company_heads:
            return "ORG", "company"  # "the Indonesian airline X", "the state oil firm X"
        if before is not None and before.text == "," and span.start >= 3 and any(
                t.is_lower and t.lower_ in self.media_heads | {"arm", "wing", "outlet", "foundation"}
                for t in span.doc[span.start - 3:span.start - 1]):
            return "ORG", "media"  # "AQAP's media arm, al-Malahem", "its news agency, Amaq"
        role = span.doc[span.end:span.end + 2]
        if label == "PERSON" and span.start > 0 and span.doc[span.start - 1].lower_ in {"its", "their"} \
                and len(role) == 2 and role[0].is_lower and role[1].is_lower \
                and role[0].lower_ in {"media", "news", "propaganda"} \
                and role[1].lower_ in self.media_heads | {"arm", "wing", "outlet", "foundation"}:
            return "ORG", "media"  # "released by its al-Andalus media arm": no one is a media arm
        part = self._apposed_part(span) if label == "PERSON" else None
        if part is not None:
            return "ORG", part  # "Al-Malahem, AQAP's media wing, released ...": no one is a wing
        following = span.doc[span.end] if span.end < len(span.doc) else None
        if before is not None and before.text == "," and span.start >= 2 and following is not None \
                and following.text in {",", ")", "."} and span.doc[span.start - 2].is_lower \
                and span.doc[span.start - 2].lemma_.lower() in _STATE_BODY_NOUNS:
            return "ORG", "government"  # "Sweden's security service, Säpo, ...": the body's own name
        if label == "PERSON" and len(span) == 1 and before is not None and before.text == "," and span.start >= 2 \
                and following is not None and following.text in {",", ")", ".", ";"} \
                and span.doc[span.start - 2].is_lower and span.doc[span.start - 2].pos_ == "NOUN" \
                and span.doc[span.start - 2].lemma_.lower() in _BODY_KIND_NOUNS \
                and span.doc[span.start - 2].head.lower_ != "of":  # (not "the founder of the party, Bhutto")
            # "another defector organisation, Kuensaem": a one-word name apposed to a word for a body
            return "ORG", self._org_subtype(span.doc[span.start - 2].text) or "other"
        if label == "PERSON" and self._apposed_head(span) in self.media_heads \
                and (self._described_as(span) == "media" or self._closed_apposition(span)):
            return "ORG", "media"  # "Ríodoce, a weekly newspaper in Culiacán": no one is a newspaper
        head = self._apposed_head(span) if label == "PERSON" else None
        if head is not None and self._org_subtype(head) and self._described_as(span) \
                and self._closed_apposition(span):
            return "ORG", self._described_as(span)  # "Srpska Lista, the main Kosovo Serb party": no one is a party
        described = self._described_as(span) if label != "PERSON" and self._closed_apposition(span) else None
        # "X Forces, the small party headed by Y": what the text calls the body outweighs
        # the words of its name
        org_subtype = described or self._org_subtype(span.text) \
            or (self._described_as(span) if label != "PERSON" else None) or self._described_group(span)
        if label != "PERSON" and not org_subtype and (self._person_context(span) or (
                len(span) > 1 and span[0].lower_ in self.honorifics and span[0].is_title)):
            return "PERSON", None  # "Amir Haibatullah Akhunzada" is a man, whatever the model says
        if not org_subtype and name_key(span.text) in groups:
            return "ORG", "armed_group"  # "the M23 movement", "the Gran Grif gang", here or elsewhere
        if label in {"PERSON", "ORG"} and not org_subtype and self._may_be_place(span, label, surnames):
            gazetteer_subtype = self.gazetteer_place(span.text, countries)
            if gazetteer_subtype is not None:  # "Macomia", "Butig": towns of the country the text is about
                return "PLACE", self._cue_after(span) or gazetteer_subtype
        if label == "PERSON" and len(span) == 1 and self._may_be_place(span, label, surnames) \
                and self._listed_with_places(span, countries):
            return "PLACE", self._cue_after(span)  # "in the districts of Muidumbe, Quissanga and Ancuabe"
        if len(span) > 1 and span.text.lower() in surnames:
            return "PERSON", None  # "López Obrador said", after "Andrés Manuel López Obrador"
        place_said = self._place_context(span)
        if place_said and not org_subtype:
            return "PLACE", None if place_said is True else place_said
        if label == "PERSON" and self._cue_before(span) and not self._person_context(span, who=False):
            # "the southern district of Abu Salim": no one's name; "a cleric from the coastal town of
            # X, who ...": the clause after it is the cleric's
            return "PLACE", self._cue_before(span)
        place_cue = self._cue_after(span) or self._cue_before(span)
        listed = len(span) == 1 and span.start >= 2 and span.doc[span.start - 1].lower_ in {"and", "or", ","} \
            and span.doc[span.start - 2].ent_type_ in {"GPE", "LOC", "FAC"}
        org_head = org_subtype is not None and any(span[-1].lower_ in cues for _, cues in self.org_cues)
        if place_cue and (label != "PERSON" or listed) and not org_head:
            # "the Harbmaidon and Momirak training ranges"; not "Russia's 53rd Missile Brigade, based in Kursk"
            return "PLACE", place_cue
        if label == "PERSON" and org_subtype in {"armed_group", "government", "international"} \
                and len(span) > 1 and span[0].lower_ not in self.honorifics \
                and not (described is None and self._role_apposed(span)):
            return "ORG", org_subtype  # (not "Qin Gang, a spokesman for China's foreign ministry")
        people_before = span.start >= 2 and span.doc[span.start - 1].lower_ == "including" \
            and (span.doc[span.start - 1].head.lemma_.lower() in self.common_heads
                 or span.doc[span.start - 1].head.pos_ == "NUM")  # "the other five, including X"
        if label == "ORG" and not org_subtype and 2 <= len(span) <= 3 and people_before:
            return "PERSON", None  # "three JNIM fighters, including Hamadoun Diallo"
        if label == "ORG" and not org_subtype and 2 <= len(span) <= 3 and all(t.pos_ == "PROPN" for t in span) \
                and span.end + 2 < len(span.doc) and span.doc[span.end].lower_ == "of" \
                and span.doc[span.end + 1].lower_ == "the" and span.doc[span.end + 2].is_title \
                and span.start > 0 and span.doc[span.start - 1].text == ",":
            return "PERSON", None  # "one member of the security forces, Khotluram Korram of the DRG"
        if label == "ORG" and not org_subtype and 2 <= len(span) <= 3 and all(t.pos_ == "PROPN" for t in span) \
                and not any(t.lower_ in self.country_demonyms for t in span) and any(
                    e.label_ == "PERSON" and len(e) == 1 and e.text == span[-1].text for e in span.doc.ents):
            return "PERSON", None  # "accused Nayib Bukele of ...", and later "Bukele said": a man's surname
        if label == "ORG":
            return "ORG", org_subtype or "other"
        if label == "PLACE" and org_subtype in {"government", "armed_group", "international"}:
            return "ORG", org_subtype  # "Russia's Central Military District" is a command, not a place
        if label == "PLACE" and described in {"media", "company"} and self._apposed_kind(span) == described:
            # "Sahara Media, a news website based in ...": what the text calls it (not "Cupertino,
            # the tech company's home")
            return "ORG", described
        if label == "PLACE":
            return "PLACE", place_cue
        if label == "PERSON" and _the_place(span) and span[0].lower_ not in self.honorifics | self.person_titles:
            return "PLACE", "other"  # "a club on the Bosphorus", "positions south of the Litani"
        return label, None

    def _parts_of_names(self, pending: list[tuple[Span, str, str | None]]) -> list[tuple[Span, str, str | None]]:
        """ "Abiy Ahmed ... the danger for Abiy", "Kosrat Rasul Ali ... Kosrat Rasul denounced": the
        first or last words of a person's full name in the text, which the model read as a place or
        a body of no known kind, are that person, unless the registry knows a place by them or
        the words around make it one ("police in Sydney" after "Sydney Powell"); a village of the
        name counts for less than the man named in the text."""
        full = [tuple(t.text for t in span) for span, etype, _ in pending if etype == "PERSON" and len(span) > 1]
        out = []
        for span, etype, subtype in pending:
            words = tuple(t.text for t in span)
            if (etype == "PLACE" or etype == "ORG" and subtype in {None, "other"}) and not span.kb_id_ \
                    and not span.id_ and words[0][:1].isupper() \
                    and any(len(f) > len(words) and (f[:len(words)] == words or f[-len(words):] == words)
                            for f in full) \
                    and name_key(span.text) not in self.place_keys and not self._place_context(span):
                span, etype, subtype = Span(span.doc, span.start, span.end, label="PERSON"), "PERSON", None
            out.append((span, etype, subtype))
        return out

    def _own_acronyms(self, doc: Doc, candidates: list[Span]) -> list[Span]:
        """ "a raid by the Special Action Force (SAF)": an acronym the text defines in brackets is
        that name's here, not the registry body that goes by the same letters elsewhere."""
        defined: dict[str, str] = {}
        for i in range(1, len(doc) - 2):
            if doc[i].text == "(" and doc[i + 2].text == ")" and _is_acronym(doc[i + 1].text):
                defined.setdefault(doc[i + 1].text, name_key(doc[max(0, i - 8):i].text))
        out: list[Span] = []
        for span in candidates:
            entry = self.registry.get(span.kb_id_) if span.kb_id_ and span.text in defined else None
            if entry is not None and not any(defined[span.text].endswith(name_key(n)) for n in entry.names
                                             if not _is_acronym(n)):
                inside = span.start > 0 and span.end < len(doc) and doc[span.start - 1].text == "(" \
                    and doc[span.end].text == ")"
                span = Span(doc, span.start, span.end, label="ORG", span_id="" if inside else _REPEAT)
            out.append(span)
        return out

    # -- clustering -----------------------------------------------------------------------------

    def assemble(self, doc: Doc) -> tuple[list[Entity], list[Span]]:
        clusters: dict[str, _Cluster] = {}
        order: list[str] = []
        pending: list[tuple[Span, str, str | None]] = []

        def add(key: str, span: Span, etype: str, kb_id: str | None, subtype: str | None) -> None:
            if key not in clusters:
                clusters[key] = _Cluster(type=etype, kb_id=kb_id, subtype=subtype)
                order.append(key)
            clusters[key].spans.append(span)
            clusters[key].votes[etype] += 1

        countries = self.doc_countries(doc)
        candidates, ner_person = self.candidates(doc, countries)
        full_names = [s for s in candidates if len(s) > 1 and not s.kb_id_ and s.label_ == "PERSON"]
        # a family name may open the full name ("Lee" of "Lee Myung-bak"): a word that begins or ends a
        # person's name in the text is no town of that name
        surnames = {s[-1].lower_ for s in full_names} | {s[0].lower_ for s in full_names if s[0].is_title}
        # ("López Obrador" after "Andrés Manuel López Obrador": the last words of a full name)
        surnames |= {s[k:].text.lower() for s in full_names for k in range(1, len(s) - 1)}
        groups = self._group_names(candidates, countries)
        candidates = self._own_acronyms(doc, candidates)
        for span in candidates:
            if span.kb_id_ and span.label_ == "PLACE" and len(span) == 1 and span[0].lower_ in surnames \
                    and (span.start, span.end) in ner_person:
                # "Wardak told reporters": the statistical model reads a person, and a person of
                # that surname is named in the text, so the place reading yields
                pending.append((Span(doc, span.start, span.end, label="PERSON"), "PERSON", None))
                continue
            if span.kb_id_:
                add(span.kb_id_, span, span.label_, span.kb_id_, None)
                continue
            kind = self._defined_kind(span) if span.id_ == _DEFINED else (
                ("ORG", "government") if span.id_ in {_UNIT, _FORCE} else ("ORG", "media") if span.id_ == _MEDIA
                # "the G9 gang alliance": the kind of body the words after the name say
                else ("ORG", self._org_subtype(doc[span.end:span.end + 2].text) or "other") if span.id_ == _CODED
                else ("ORG", self._apposed_body_kind(span)) if span.id_ == _APPOSED_BODY
                else self.classify(span, countries, surnames, groups))
            pending.append((span, *kind))
        headline_end = headline_span_end(doc)
        pending = _typed_by_evidence(pending, headline_end)
        pending = self._parts_of_names(pending)
        pending = _coordinated_people(pending)

        # full names first, so a surname or acronym anywhere in the text finds its full form
        by_key: dict[str, str] = {}
        for key, cl in clusters.items():
            for s in cl.spans:
                by_key.setdefault(name_key(s.text), key)
            entry = self.registry.get(key)
            if entry is not None:
                by_key.setdefault(name_key(entry.name), key)

        def bracketed(span: Span) -> bool:
            return span.start > 0 and span.end < len(doc) and doc[span.start - 1].text == "(" \
                and doc[span.end].text == ")"

        # longer names first; an acronym defined in brackets before its other uses, even earlier ones
        forces = doc.user_data.get(_FORCE_NAMES, {})
        for span, etype, subtype in sorted(pending, key=lambda p: (-len(p[0]), not bracketed(p[0]))):
            plain, nick = _without_nickname(span) if span.id_ == _NICKNAMED else (span.text, None)
            key = name_key(forces.get(span.start, plain) if span.id_ == _FORCE else plain)
            bare = self._bare_key(span) if etype == "PLACE" else key  # "Rakhine State" and "Rakhine" are one place
            place_of = by_key.get(bare) if bare != key else None
            if place_of is not None and clusters[place_of].type != "PLACE":
                place_of = None
            target = by_key.get(key) or by_key.get(key + "s") or by_key.get(key.removesuffix("s")) or place_of \
                or self._short_form(span, etype, clusters, by_key)
            city_apart = target is not None and etype == "PLACE" and clusters[target].type == "PLACE" \
                and span[-1].lower_ not in _AREA_WORDS \
                and all(s[-1].is_lower and s[-1].lower_ in _AREA_WORDS for s in clusters[target].spans)
            if city_apart:
                # "Kayes, the capital of the Kayes region": the city is not the region named after it
                target = None
            defines = _bracketed_after(span, clusters) if target is None else None
            if defines is not None:  # "(CSP-DPA)" after a name: that name's acronym, here and later
                clusters[defines].spans.append(span)
                by_key[key] = defines
                if len(span) > 1 and not _is_acronym(span.text):
                    by_key.setdefault(name_key(span[0].text), defines)  # "(DEM Party)", then "the DEM delegation"
                continue
            if target is None and etype != "PERSON" and len(span) == 1:
                # "Paryani" read as an organisation, after "Tamana Zaryab Paryani" was named
                target = self._short_form(span, "PERSON", clusters, by_key)
                if target is not None:
                    etype = "PERSON"
            if target is None and len(span) <= 2 and not any(
                    cl.type == "PERSON" and any(name_key(x.text).split()[-1:] == key.split()[-1:] for x in cl.spans)
                    for cl in clusters.values()):
                # "Amal", after "the Amal Movement": a body's name without its word for a kind of body
                target = self._kind_dropped(key, clusters)
                if target is not None:
                    clusters[target].spans.append(span)
                    continue
            if target is not None and (clusters[target].type == etype or span.id_ == _REPEAT
                                       or key in {name_key(n) for n in clusters[target].nicknames}):
                clusters[target].spans.append(span)
                continue
            if target is not None and not clusters[target].kb_id and len(span) > 1 \
                    and any(name_key(s.text) == key for s in clusters[target].spans):
                # the same full name read as two kinds of thing in one text: one entity, typed by vote
                cl = clusters[target]
                if span.start >= headline_end and all(s.start < headline_end for s in cl.spans):
                    # (the body's reading over a headline's, at once, so that a surname later finds it)
                    cl.type, cl.subtype = etype, subtype
                    cl.votes = Counter({etype: len(cl.spans)})
                cl.spans.append(span)
                cl.votes[etype] += 1
                continue
            if target is not None and len(span) == 1 and clusters[target].type == "PERSON" and etype == "PLACE" \
                    and not clusters[target].kb_id and all(len(s) == 1 for s in clusters[target].spans) \
                    and not any(cl.type == "PERSON" and len(s) > 1 and s[-1].lower_ == span[0].lower_
                                for cl in clusters.values() for s in cl.spans):
                # "Catatumbo fighting spreads" in a headline, then "the Catatumbo region": the place
                # the context names wins over the model's bare guess of a person
                cl = clusters[target]
                cl.type, cl.subtype = "PLACE", subtype
                cl.spans.append(span)
                cl.votes = Counter({"PLACE": len(cl.spans)})
                continue
            if target is not None and len(span) == 1 and clusters[target].type == "PLACE" \
                    and (etype == "PERSON" or etype == "ORG" and subtype in {None, "other"}) \
                    and any(name_key(s.text) == key or self._bare_key(s) == key for s in clusters[target].spans) \
                    and not any(cl.type == "PERSON" and any(s[-1].lower_ == span[0].lower_ for s in cl.spans)
                                for cl in clusters.values()):
                # "visited Garissa on Sunday", after "in Garissa and Mandera": a place named again, read
                # as a person by the model, is the same place (no person of that surname is named)
                clusters[target].spans.append(span)
                continue
            ckey = "name:" + etype + ":" + key
            add(ckey, span, etype, None, subtype)
            if span.id_ == _FORCE and span.start in forces:
                clusters[ckey].title = forces[span.start]
            if nick is not None:  # the name without the nickname; the nickname is an alias, later too
                clusters[ckey].title = plain
                clusters[ckey].nicknames.append(nick)
                by_key.setdefault(name_key(nick), ckey)
            if city_apart:
                by_key[key] = ckey
            by_key.setdefault(key, ckey)
            by_key.setdefault(bare, ckey)
        self._known_as(doc, clusters, order)
        self._surnames(doc, clusters)
        self._repeats(doc, clusters, order)
        self._short_forms(clusters, order)
        self._metonyms(clusters, order)

        entities: list[Entity] = []
        mentions: list[Span] = []
        for cl in clusters.values():
            if not cl.kb_id and len(cl.votes) > 1:
                # "La Mayiza, the network loyal to X": an apposition that calls the name a group outweighs
                # the model's guesses at its other mentions
                described = sum(1 for sp in cl.spans if self._described_group(sp) == "armed_group")
                # "X, the Stockholm daily": so does one that calls it an outlet
                outlet = sum(1 for sp in cl.spans if self._apposed_head(sp) in self.media_heads)
                cl.votes["ORG"] += 2 * (described + outlet)
                cl.type = max(cl.votes, key=lambda t: (cl.votes[t], t == "PERSON"))
                cl.subtype = "armed_group" if cl.type == "ORG" and cl.subtype is None and described \
                    else "media" if cl.type == "ORG" and cl.subtype in {None, "other"} and outlet \
                    else None if cl.type == "PERSON" else cl.subtype
        ordered = sorted(order, key=lambda k: min(s.start for s in clusters[k].spans))
        for n, key in enumerate(ordered, 1):
            cl = clusters[key]
            eid = f"e{n}"
            cl.spans.sort(key=lambda s: s.start)
            entities.append(self._entity(eid, cl))
            for s in cl.spans:
                mentions.append(Span(doc, s.start, s.end, label=cl.type, kb_id=cl.kb_id or "", span_id=eid))
        return entities, mentions

    def _short_forms(self, clusters: dict[str, _Cluster], order: list[str]) -> None:
        """ "the Security Council" after "the UN Security Council", "the Treasury" after "the US
        Department of the Treasury", "the Coptic Church" after "the Coptic Orthodox Church", "Carta"
        after "Carta de Moçambique": a body's or place's name shortened after the full name is one
        entity with it, where one full name alone fits. A bare kind of body ("the Army") is no short
        form, and a name the registry knows ("Sudan" beside "South Sudan") stands for itself."""
        cue_words = {w for _, cues in self.org_cues for w in cues} | set(self.place_cues)
        for key, cl in list(clusters.items()):
            if cl.type == "PERSON" or cl.kb_id or not cl.spans:
                continue
            forms = {_name_words(s) for s in cl.spans}
            if len(forms) != 1:
                continue
            short = forms.pop()
            if not short or len(short) == 1 and short[0] in cue_words:
                continue
            first = min(s.start for s in cl.spans)
            fits = {k for k, other in clusters.items() if k != key and other.type == cl.type and other.spans
                    and min(s.start for s in other.spans) < first
                    and any(_shortens(short, _name_words(s)) for s in other.spans)}
            if len(fits) != 1:
                continue
            into = clusters[fits.pop()]
            into.spans.extend(cl.spans)
            into.votes[into.type] += len(cl.spans)
            del clusters[key]
            order.remove(key)

    def _metonyms(self, clusters: dict[str, _Cluster], order: list[str]) -> None:
        """"Islamabad denies any role", "pressure from Washington": a national capital that the text
        uses for its state, and never as a place, is one entity with its country. A capital named
        once as a place ("talks in Islamabad") stays a city throughout."""
        for key, cl in list(clusters.items()):
            if cl.type == "PERSON" or cl.type == "ORG" and cl.kb_id:
                continue
            country = self.registry.capital_country(cl.name)
            if country is None or country.id == key:
                continue
            uses = {_capital_use(s) for s in cl.spans}
            if "state" not in uses or "place" in uses:
                continue
            into = clusters.get(country.id)
            if into is None:
                into = clusters[country.id] = _Cluster(type="PLACE", kb_id=country.id, subtype="country")
                order.append(country.id)
            into.spans.extend(cl.spans)
            into.votes["PLACE"] += len(cl.spans)
            del clusters[key]
            order.remove(key)

    def _bare_key(self, span: Span) -> str:
        """The key of a place's name without its last word where that is a place word ("Shan State")."""
        key = name_key(span.text)
        bare = key.rsplit(" ", 1)[0] if len(span) > 1 and span[-1].lower_ in self.place_cues else key
        return key if bare in self.country_names else bare  # ("Mexico City" is no short form of Mexico)

    def _cued_groups(self, doc: Doc) -> list[Span]:
        """ "after the Lakou Zo gang attacked": capitalised words between "the" and a lower-case word
        for an armed group name the group, where the statistical model saw no name."""
        out: list[Span] = []
        for tok in doc:
            if not (tok.is_lower and tok.lemma_.lower() in _GROUP_HEADS and tok.pos_ == "NOUN") or tok.i < 2:
                continue
            start = tok.i
            while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].ent_iob_ == "O" and doc[start - 1].lower_ not in self.demonyms:
                start -= 1
            if start == tok.i or doc[start - 1].lower_ not in {"the", "its", "their", "of"}:
                continue
            out.append(Span(doc, start, tok.i, label="ORG"))
        for tok in doc:
            # "led the Okba Ibn Nafaa Brigade": capitalised words and a capitalised word for an armed
            # unit after "the", inside a sentence, where the model saw no name
            if not (tok.is_title and tok.lower_ in _UNIT_NAME_HEADS and tok.i >= 2) or tok.ent_iob_ != "O":
                continue
            start = tok.i
            while start > tok.sent.start + 1 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].ent_iob_ == "O" and doc[start - 1].lower_ not in self.demonyms:
                start -= 1
            if start < tok.i and doc[start - 1].lower_ == "the" \
                    and not all(t.lower_ in _DIRECTION_WORDS for t in doc[start:tok.i]):  # not "the Eastern Front"
                out.append(Span(doc, start, tok.i + 1, label="ORG"))
        return out

    @staticmethod
    def _apposed_orgs(doc: Doc) -> list[Span]:
        """ "units of General Security, the ministry's main security force": capitalised words the
        model saw as no name, with an apposition headed by a word for a body, name that body."""
        out: list[Span] = []
        for comma in doc:
            if comma.text != "," or comma.i + 2 >= len(doc) or doc[comma.i + 1].lower_ not in {"the", "a", "an"} \
                    and not (doc[comma.i + 1].pos_ == "PROPN" and doc[comma.i + 2].lower_ in {"'s", "’s"}):
                continue  # "X, the ministry's force" or "X, Catalonia's regional police"
            start = comma.i
            while start > 0 and comma.i - start < 5:
                prev = doc[start - 1]
                if (prev.is_title or _ELIDED.match(prev.text)) and prev.pos_ == "PROPN" \
                        and prev.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
                    start -= 1  # "the Mossos d'Esquadra, Catalonia's regional police"
                elif prev.lower_ in {"of", "for"} and start < comma.i and start >= 3 and doc[start - 2].is_title \
                        and doc[start - 2].pos_ in {"PROPN", "NOUN"} and doc[start - 3].lower_ == "the":
                    start -= 2  # "the Artisans of Peace, a network of civic activists"
                elif prev.lower_ in {"a", "the"} and start < comma.i and start >= 4 \
                        and doc[start - 2].lower_ in {"of", "for"} and doc[start - 3].is_title \
                        and doc[start - 3].tag_ in {"NNS", "NNPS"} and not doc[start - 3].is_sent_start:
                    start -= 3  # "Fighters for a Free North Korea, a group led by ..."
                else:
                    break
            if start == comma.i or start == 0 or doc[start - 1].is_title or doc[start - 1].is_sent_start \
                    or not doc[start].is_title:
                continue
            head = next((t for t in doc[comma.i + 2:min(len(doc), comma.i + 8)]
                         if t.pos_ == "NOUN" and t.dep_ != "compound" and t.i + 1 < len(doc)
                         and doc[t.i + 1].lower_ not in {"'s", "’s"}), None)
            if head is not None and head.lemma_.lower() in _BODY_HEADS \
                    and all(t.pos_ in {"DET", "ADJ", "NOUN", "PROPN", "PART"} for t in doc[comma.i + 1:head.i]):
                out.append(Span(doc, start, comma.i, label="ORG"))
        return out

    def _titled_countries(self, doc: Doc) -> list[Span]:
        """ "Philippine Defence Secretary Gilberto Teodoro": a demonym opening a title set before a
        name names the country the person serves, whether or not the text names it otherwise."""
        out: list[Span] = []
        demonyms = self.registry.demonyms()
        for tok in doc:
            place = demonyms.get(tok.lower_) if tok.is_title else None
            if place is None or tok.ent_type_ == "PERSON":
                continue
            k = tok.i + 1
            titled = False
            while k < len(doc) and k <= tok.i + 4 and doc[k].is_title and doc[k].ent_type_ != "PERSON":
                titled = titled or self._is_title(doc[k])
                k += 1
            if titled and k < len(doc) and doc[k].ent_type_ == "PERSON" and doc[k - 1].text != ",":
                out.append(Span(doc, tok.i, tok.i + 1, label="PLACE", kb_id=place.id))
                continue
            # "The Indian home minister, Amit Shah": a title in lower case, then the name in apposition
            k = tok.i + 1
            while k < len(doc) and k <= tok.i + 3 and doc[k].is_lower and doc[k].is_alpha:
                titled = titled or self._is_title(doc[k])
                k += 1
            definite = tok.i > 0 and doc[tok.i - 1].lower_ == "the"
            if definite and titled and k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].ent_type_ == "PERSON":
                out.append(Span(doc, tok.i, tok.i + 1, label="PLACE", kb_id=place.id))
        return out

    def _titled_people(self, doc: Doc) -> list[Span]:
        """ "Abdelrahim Dagalo, the deputy commander of ...", "commanded by Twan Mrat Naing, who
        founded it": two to four capitalised words that the model saw as no name (or as a title of a
        work), with a role in apposition or "who" after them, or a title before them, name a person."""
        out: list[Span] = []
        i = 0
        while i < len(doc):
            start = i
            while i < len(doc) and doc[i].is_title and doc[i].is_alpha and doc[i].pos_ == "PROPN" \
                    and doc[i].ent_type_ not in NER_TYPES and doc[i].lower_ not in self.demonyms:
                i += 1
            end = i
            i = max(i, start + 1)
            while start < end - 2 and self._is_title(doc[start]):
                start += 1  # "Colonel-Major Souleymane Dembélé": the model read no name after the title
            if not 2 <= end - start <= 4:
                continue
            span = doc[start:end]
            if self._org_subtype(span.text) or name_key(span.text) in self.place_keys \
                    or any(t.lower_ in self.not_names | self.not_alone or self._is_title(t) for t in span):
                continue
            before = doc[start - 1] if start > 0 else None
            titled = before is not None and before.is_title and (self._is_title(before)
                                                                  or before.lower_ in self.honorifics)
            if titled or self._person_context(span):
                out.append(Span(doc, start, end, label="PERSON"))
        return out

    def _apposed_places(self, doc: Doc) -> list[Span]:
        """ "overran Paletwa, the last town on the road": a capitalised word set before an apposition
        whose head is a word for a place, where the statistical model saw no name."""
        out: list[Span] = []
        for tok in doc:
            if not (tok.is_title and tok.pos_ == "PROPN" and tok.ent_type_ not in NER_TYPES) \
                    or tok.i + 3 >= len(doc) or doc[tok.i + 1].text != "," \
                    or doc[tok.i + 2].lower_ not in {"a", "an", "the"} or tok.i > 0 and doc[tok.i - 1].is_title:
                continue
            for nxt in doc[tok.i + 3:min(len(doc), tok.i + 7)]:
                if nxt.lemma_.lower() in _APPOSED_PLACES and nxt.pos_ == "NOUN":
                    out.append(Span(doc, tok.i, tok.i + 1, label="PLACE"))
                    break
                if not (nxt.pos_ in {"ADJ", "NOUN", "NUM"} and nxt.dep_ in {"amod", "compound", "nummod"}
                        or nxt.tag_ == "JJS"):
                    break
        return out

    @staticmethod
    def _known_as(doc: Doc, clusters: dict[str, _Cluster], order: list[str]) -> None:
        """ "Mohamed Hamdan Dagalo, known as Hemedti": the second name is the person's nickname, one
        entity with the first, whatever the model read it as."""
        owner = {(s.start, s.end): key for key, cl in clusters.items() for s in cl.spans}
        ends = {s.end: key for key, cl in clusters.items() for s in cl.spans if cl.type in {"PERSON", "ORG"}}
        for (start, _end), key in list(owner.items()):
            before = [t.lower_ for t in doc[max(0, start - 4):start]]
            if (before[-3:] == ["by", "the", "name"] or before == ["by", "the", "name", "of"]) \
                    and key in clusters and clusters[key].type != "ORG" and not clusters[key].kb_id:
                # "X, the leader of Y, who goes by the name Z": the nearest person named before "who"
                # in the sentence, past descriptions and no semicolon (not "a group which goes by ...")
                j, first = start - 1, None
                while j > max(doc[start].sent.start, start - 20) and doc[j].text != ";" \
                        and doc[j].lower_ not in {"which", "that", "whose"}:
                    if doc[j].lower_ == "who":
                        first = next((ends[k] for k in range(j, max(doc[start].sent.start, j - 15), -1)
                                      if clusters.get(ends.get(k, ""), _NO_CLUSTER).type == "PERSON"), None)
                        break
                    j -= 1
                if first is not None and first != key:
                    ends = _merge_nickname(clusters, order, first, key, ends)
                    continue
            # "nicknamed the Strawberry" (but "succeeded X as the group's leader" names no one)
            named = start - 1 if start > 1 and doc[start - 1].lower_ == "the" \
                and doc[start - 2].lower_ in {"nicknamed", "dubbed"} else start
            k = named
            while k > 0 and doc[k - 1].lower_ in _KNOWN_AS:
                k -= 1
            if k == named or doc[named - 1].lower_ not in {"as", "nicknamed", "dubbed", "alias"} \
                    or all(t.lower_ == "as" for t in doc[k:named]):
                continue  # (not "Prabhakaran as Rajapaksa declares ...": a bare "as" gives no name)
            if k > 0 and doc[k - 1].text == ",":
                k -= 1
            first = ends.get(k)
            if first is None:
                # "X, a 56-year-old explosives expert known as Y", "X, who is also known as Y": the
                # name before the description the nickname ends
                j = k - 1
                while j > max(0, k - 10) and (doc[j].is_lower and doc[j].pos_ not in {"VERB", "AUX", "ADP", "PRON",
                                                                                      "SCONJ", "CCONJ"}
                                              or doc[j].like_num or doc[j].text == "-"
                                              or doc[j].lower_ in {"is", "was"} and doc[j - 1].lower_ == "who"
                                              or doc[j].lower_ == "who" and doc[j + 1].lower_ in {"is", "was"}):
                    j -= 1
                first = ends.get(j) if j < k - 1 and doc[j].text == "," else None
            if first is None or first == key or key not in clusters or first not in clusters \
                    or clusters[key].kb_id or clusters[first].type != "PERSON" and clusters[key].type == "PERSON":
                continue
            ends = _merge_nickname(clusters, order, first, key, ends)

    @staticmethod
    def _repeats(doc: Doc, clusters: dict[str, _Cluster], order: list[str]) -> None:
        """A place's or group's name that the text repeats where the model saw no name ("attacked
        trench diggers at Barsalogho" in a headline) is a mention of the same entity."""
        taken = {i for cl in clusters.values() for s in cl.spans for i in range(s.start, s.end)}
        names: dict[tuple[str, ...], str | None] = {}
        for key, cl in clusters.items():
            if cl.type == "PERSON":
                continue
            for s in cl.spans:
                words = tuple(t.text for t in s)
                if all(t.is_title or t.is_upper or not t.is_alpha for t in s) and len(s.text) >= 4:
                    names[words] = key if names.get(words, key) == key else None  # two entities: neither
        for words, owner in names.items():
            if owner is None or owner not in clusters:
                continue
            n = len(words)
            for i in range(len(doc) - n + 1):
                if doc[i].text != words[0] or tuple(t.text for t in doc[i:i + n]) != words:
                    continue
                # "another Central Java town", where the model saw only "Java": the shorter name
                # inside the repeat gives way to it
                inside = [(k, s) for k, cl in clusters.items() if k != owner for s in cl.spans
                          if s.start < i + n and s.end > i]
                inner = {j for _, s in inside for j in range(s.start, s.end)}
                if any(j in taken for j in range(i, i + n)) and (
                        n < 2 or any(s.start < i or s.end > i + n or len(s) == n for _, s in inside)
                        or any(j in taken and j not in inner for j in range(i, i + n))):
                    continue
                if i > 0 and doc[i - 1].is_title and doc[i - 1].pos_ == "PROPN" \
                        or i + n < len(doc) and doc[i + n].is_title and doc[i + n].pos_ == "PROPN":
                    continue  # part of a longer name
                for k, s in inside:
                    clusters[k].spans.remove(s)
                    if not clusters[k].spans:
                        del clusters[k]
                        order.remove(k)
                clusters[owner].spans.append(doc[i:i + n])
                taken.update(range(i, i + n))

    def _surnames(self, doc: Doc, clusters: dict[str, _Cluster]) -> None:
        """A surname standing alone later in the text ("Ibrahimkhel told ...") is a mention of the
        person named in full, even where the statistical model saw no name."""
        taken = {i for cl in clusters.values() for s in cl.spans for i in range(s.start, s.end)}
        # the full name again ("LRA commander Dominic Ongwen" in a headline, then "Dominic Ongwen, one
        # of ..." in the body, where the model saw no name) is a mention of the same person
        full: dict[tuple[str, ...], set[str]] = {}
        for key, cl in clusters.items():
            if cl.type == "PERSON":
                for s in cl.spans:
                    if len(s) > 1 and all(t.is_title for t in s if t.is_alpha) and not any(t.is_space for t in s):
                        full.setdefault(tuple(t.text for t in s), set()).add(key)
        for words, people in full.items():
            n = len(words)
            for i in range(len(doc) - n + 1):
                if len(people) != 1 or doc[i].text != words[0] or tuple(t.text for t in doc[i:i + n]) != words \
                        or any(j in taken for j in range(i, i + n)) \
                        or i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title \
                        or i + n < len(doc) and doc[i + n].pos_ == "PROPN" and doc[i + n].is_title:
                    continue
                clusters[next(iter(people))].spans.append(doc[i:i + n])
                taken.update(range(i, i + n))
        owners: dict[str, set[str]] = {}
        for key, cl in clusters.items():
            if cl.type != "PERSON":
                continue
            for s in cl.spans:
                if len(s) > 1 and s[-1].is_title and len(s[-1].text) >= 4:
                    owners.setdefault(s[-1].text, set()).add(key)
        lower_words = {t.text for t in doc if t.is_lower}
        for tok in doc:
            keys = owners.get(tok.text)
            if not keys or tok.i in taken:
                continue
            if tok.pos_ != "PROPN" and not (tok.pos_ in {"NOUN", "ADJ"} and tok.lower_ not in lower_words):
                continue  # the tagger may take a name that opens a sentence for a noun ("Sharaa, who ...")
            if len(keys) > 1:
                topic = _topic_person(doc, keys, clusters)
                keys = {topic} if topic else keys
            if len(keys) != 1:
                continue
            if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" or tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
                continue  # part of a longer name
            if tok.i + 1 < len(doc) and doc[tok.i + 1].is_lower and doc[tok.i + 1].pos_ == "NOUN":
                continue  # "Houthi leader Abdul-Malik al-Houthi": a modifier, not the man
            clusters[next(iter(keys))].spans.append(doc[tok.i:tok.i + 1])
            taken.add(tok.i)

    def _short_form(self, span: Span, etype: str, clusters: dict[str, _Cluster],
                    by_key: dict[str, str]) -> str | None:
        """The cluster a short form stands for, if exactly one fits.

        A person's surname or last names ("Khalilzad", "al-Barnawi") or first names of two words
        or more ("Abdul Haq") join the full name they end or start, and a family name written first
        ("Lee" for "Lee Myung-bak") where no name ends with it; a saint's site without its site word
        ("St. Mark's") joins the site ("St. Mark's Cathedral"); an acronym ("IMU") joins the name
        whose initials it spells.
        """
        text = span.text.translate(QUOTES)
        hits: set[str] = set()
        paternal: set[str] = set()
        if etype == "PERSON":
            short = name_key(text).split()
            for key, cl in clusters.items():
                if cl.type != "PERSON":
                    continue
                entry = self.registry.get(key)
                fulls = [name_key(s.text).split() for s in cl.spans]
                if entry is not None:
                    fulls += [name_key(n).split() for n in entry.names]
                for full in fulls:
                    if len(full) > len(short) and (full[-len(short):] == short
                                                   or (len(short) > 1 and full[:len(short)] == short)):
                        hits.add(key)
                    elif len(short) == 1 and len(full) >= 3 and full[-2] == short[0] and len(short[0]) >= 4 \
                            and full[-2] not in _NAME_JOINERS:
                        paternal.add(key)  # "Macías" for "Adolfo Macías Villamar": the first of two surnames
            hits = hits or paternal  # a name that ends with the word comes first
            if not hits and len(short) == 1 and len(short[0]) >= 2 and span[0].is_title and span.label_ == "PERSON":
                # "Lee" for "Lee Myung-bak", "Xi" for "Xi Jinping": where no name ends with the word,
                # a family name written first
                hits = {key for key, cl in clusters.items() if cl.type == "PERSON" and any(
                    len(s.text.split()) == 2 and name_key(s.text).split()[0] == short[0] for s in cl.spans)}
        elif etype == "PLACE" and len(span) == 1 and span[0].lower_ in _HALVES and span.start > 0 \
                and span.doc[span.start - 1].lower_ == "the":
            # "the North", "the South": the half of a divided country the text names in full
            for key, cl in clusters.items():
                if cl.type == "PLACE" and any(len(s) == 2 and s[0].lower_ == span[0].lower_ for s in cl.spans):
                    hits.add(key)
        elif etype == "PLACE" and any(
                cl.type == "PLACE" and cl.kb_id and name_key(cl.name).startswith(name_key(text) + " and ")
                for cl in clusters.values()):
            # "Trinidad" where the text names Trinidad and Tobago: the country, by the first of its names
            hits = {key for key, cl in clusters.items() if cl.type == "PLACE" and cl.kb_id
                    and name_key(cl.name).startswith(name_key(text) + " and ")}
        elif etype == "PLACE" and span[0].is_title:
            # "St. Mark's" for "St. Mark's Cathedral": a site's name, a possessive, without its word for the site
            short = name_key(text).split()
            for key, cl in clusters.items():
                if cl.type == "PLACE" and any(
                        (full := name_key(re.sub(r"['’]s\b", "", s.text)).split())[:-1] == short
                        and full[-1] in self.facility_heads and re.search(r"['’]s\b", s.text)
                        for s in cl.spans):  # (not "Marawi" for "Marawi university": the town)
                    hits.add(key)
        elif etype == "ORG" and text.isupper() and 2 <= len(text) <= 8:
            for key, cl in clusters.items():
                if cl.type == "ORG" and any(_initials(s.text) == text.replace(".", "") for s in cl.spans):
                    hits.add(key)
        if len(hits) > 1 and etype == "PERSON" and len(span) == 1:
            return _topic_person(span.doc, hits, clusters) or _last_named(span, hits, clusters)
        return hits.pop() if len(hits) == 1 else None

    def _kind_dropped(self, key: str, clusters: dict[str, _Cluster]) -> str | None:
        """The one organisation whose name is ``key`` and a word for a kind of body ("Amal Movement",
        "Wagner Group")."""
        hits = set()
        for ckey, cl in clusters.items():
            if cl.type != "ORG":
                continue
            entry = self.registry.get(ckey)
            names = [s.text for s in cl.spans] + (list(entry.names) if entry is not None else [])
            for name in names:
                words = name_key(name).split()
                if len(words) >= 2 and words[-1] in _KIND_WORDS and " ".join(words[:-1]) == key:
                    hits.add(ckey)
        return hits.pop() if len(hits) == 1 else None

    def _entity(self, eid: str, cl: _Cluster) -> Entity:
        names = []
        for s in cl.spans:
            if s.text not in names:
                names.append(s.text)
        names += [n for n in cl.nicknames if n not in names]
        entry = self.registry.get(cl.kb_id) if cl.kb_id else None
        if cl.type == "PLACE" and (entry.subtype if isinstance(entry, Place) else cl.subtype) \
                not in {"city", "country", "facility"}:
            # "in Babylon province": the name with the word for its kind of division is a name too (not
            # of a town or country: "Kaduna state" is the state, not the town it is named after)
            doc = cl.spans[0].doc if cl.spans else None
            said = [f"{s.text} {doc[s.end].text}" if s.end < len(doc) and doc[s.end].is_lower
                    and doc[s.end].lower_ in _DIVISION_NOUNS else None for s in cl.spans if doc is not None
                    and not s.text.isupper()]
            if said and None not in said:  # (every mention says so: "in Kaduna, the state capital" is the town)
                names += [n for n in dict.fromkeys(said) if n is not None and n not in names]
        # "Chad's army": the force's mention is its head word; its name in full is an alias too
        forces = cl.spans[0].doc.user_data.get(_FORCE_NAMES, {}) if cl.spans else {}
        names += list(dict.fromkeys(full for s in cl.spans if s.id_ == _FORCE
                                    and (full := forces.get(s.start)) and full not in names))
        name = entry.name if entry is not None else cl.name
        subtype = cl.subtype
        geo = None
        if isinstance(entry, Place):
            subtype, geo = entry.subtype, entry.geo()
        elif entry is not None:
            subtype = getattr(entry, "subtype", None)
        if cl.type == "PERSON":
            subtype = None
        return Entity(
            id=eid, type=EntityType(cl.type), name=name, subtype=subtype,
            aliases=[n for n in names if n != name], kb_id=cl.kb_id,
            mentions=[Mention(s.start_char, s.end_char, s.text, (s.sent.start_char, s.sent.end_char))
                      for s in cl.spans], geo=geo,
        )

    def demonym_links(self, doc: Doc, entities: list[Entity]) -> list[dict[str, object]]:
        """Demonyms in the text, each linked to its country (and to the country's entity when the
        text names the country too): they are not places, but they say which country is meant."""
        by_kb = {e.kb_id: e.id for e in entities if e.kb_id}
        out: list[dict[str, object]] = []
        countries = self.registry.demonyms()
        for tok in doc:
            place = countries.get(tok.lower_) or countries.get(tok.lower_.rstrip("s"))
            if place is not None and tok.text[:1].isupper():
                out.append({"start": tok.idx, "end": tok.idx + len(tok.text), "text": tok.text,
                            "country": place.country, "kb_id": place.id, "entity": by_kb.get(place.id)})
        return out

    def __call__(self, doc: Doc) -> Doc:
        entities, mentions = self.assemble(doc)
        doc._.tw_entities = entities
        doc._.tw_demonyms = self.demonym_links(doc, entities)
        doc.spans[MENTION_KEY] = mentions
        return doc



# words for people only, which a name in apposition after them names ("a second suspect, X")
_PEOPLE_NOUNS = {"suspect", "victim", "survivor", "journalist", "student", "teenager", "witness", "hostage",
                 "detainee", "prisoner", "gunman", "bomber", "driver", "pilot", "farmer", "boy", "girl", "man", "woman"}
# what people are by trade, which no body or place is ("X, a police guard")
_TRADES = {"guard", "bodyguard", "cleric", "preacher", "imam", "priest", "lawyer", "doctor", "nurse", "teacher",
           "shopkeeper", "trader", "businessman", "businesswoman", "engineer", "activist", "blogger", "rapper",
           "singer", "poet", "writer", "novelist", "footballer", "soldier", "policeman", "policewoman", "veteran",
           "resident", "villager", "worker", "labourer", "laborer", "fisherman", "herder", "smuggler",
           "campaigner", "politician", "academic", "researcher", "analyst", "photographer", "reporter", "scholar"}
_PERSON_NOUNS = _PEOPLE_NOUNS | _TRADES
# words that make a name a body's ("Banco Azteca", "Kampala Capital Authority") beside the vocabulary's
# organisation cues, which have typed a name before this is asked
_BODY_NAME_WORDS = {"banco", "banque", "authority", "services", "servicios", "grupo", "industries", "enterprises",
                    "capital", "trust", "fund", "foundation", "fundación", "institute", "instituto", "university",
                    "universidad", "college", "school", "hospital", "board", "club", "association", "federation",
                    "union", "society", "partners", "limited", "sa", "llc", "gmbh", "mineros", "minera",
                    "petroleum", "oil", "energy", "airways", "media"}
# parts of a body that an apposition may name ("X, AQAP's media wing")
_PART_WORDS = {"wing", "arm", "branch", "affiliate", "faction", "offshoot", "squad", "cell", "outlet", "mouthpiece",
               "brigade", "unit"}
# words for a kind of body that a name may drop when it is used again ("the Amal Movement" ... "Amal")
_KIND_WORDS = {"movement", "party", "group", "network", "organisation", "organization"}
_DEFINED = "defined"  # span_id of a name that an acronym in brackets defines
_UNIT = "unit"  # span_id of a numbered military unit ("the 201st military base")
_FORCE = "force"  # span_id of a country's armed forces named by the country ("Chad's army")
_FORCE_NAMES = "tw_force_names"  # doc.user_data: start of a force's mention -> its full name
# the words between a name and its nickname: "X, known as Y", "also known as", "nicknamed", "alias"
_KNOWN_AS = {"known", "as", "also", "better", "widely", "popularly", "nicknamed", "dubbed", "alias"}
_NICKNAMED = "nicknamed"  # span_id of a name with a nickname in quotes inside it
# one-word heads of "Chad's army", "Danish police" ("armed forces", "air force" too)
_FORCE_HEADS = {"army", "military", "navy", "police"}
_DIVISION_NOUNS = {"province", "governorate", "district", "state", "region", "county", "prefecture", "department"}
_NEWS_WORDS = {"news", "press", "times", "post", "tv", "television", "radio", "journal", "daily", "newspaper"}
_STREET_WORDS = {"Street", "Road", "Avenue", "Boulevard", "Lane", "Highway"}
_NUMBERED_ROADS = {"Route", "Highway", "Motorway", "Interstate"}
# last words of a state force's name that opens with the country's ("Trinidad and Tobago Defence Force")
_FORCE_NAME_HEADS = {"army", "navy", "police", "force", "forces", "service", "guard", "gendarmerie", "regiment"}
# prepositions that may open a sentence before a name the model ran them into ("Inside Sinaloa")
_OPENING_PREPOSITIONS = {"inside", "across", "outside", "near", "beyond", "within", "throughout", "in", "from",
                         "around"}
_QUOTES = {'"', "“", "”", "``", "''"}
_UNNAMED_PEOPLE = {"official", "source", "officer", "agent", "operative", "personnel"}
_MEDIA = "media"  # span_id of an outlet's name set before a word for an outlet ("its Andalus radio")
# words for a unit or body that a name "called" or "named" may follow ("a brigade named Omar Mukhtar")
_NAMED_UNITS = {"network", "alliance", "gang", "militia", "battalion", "brigade", "front", "cartel", "company",
                "unit", "cell", "operation", "campaign", "group"}
# words of an insurgent movement's name ("the Sudan Liberation Army" is no state's army)
_INSURGENT_NAME_WORDS = {"liberation", "resistance", "revolutionary", "rebel", "islamic", "salvation", "popular"}
_ARMED_WORDS = {"armed", "militant", "rebel", "jihadist", "insurgent", "militia", "extremist", "terrorist",
                "separatist", "islamist", "paramilitary", "guerrilla", "criminal", "gang"}
_APPOSED_BODY = "apposed-body"  # span_id of a name the model missed that a word for a body glosses
_CODED = "coded"  # span_id of a name of capitals and a number before a word for a body ("the G9 gang alliance")
_REPEAT = "repeat"  # span_id of an acronym used again after its definition in brackets
_APPOSED_PLACES = {"town", "city", "village", "district", "province", "region", "capital", "port", "settlement",
                   "commune", "municipality", "state"}
# lower-case words that, right after a name, say it names an armed group ("the M23 movement")
_GROUP_HEADS = {"movement", "group", "gang", "militia", "rebel", "rebels", "coalition", "alliance", "faction",
                "brigade", "insurgency", "insurgent", "insurgents", "network", "front"}
# heads of an apposition that say the name before it is a body ("X, the ministry's main security force")
_BODY_HEADS = {*_GROUP_HEADS, "force", "agency", "service", "unit", "directorate", "ministry", "police", "battalion",
               "regiment", "division", "organisation", "organization", "party", "militia", "command",
               "parliament", "assembly", "council", "court", "commission", "legislature", "senate", "cabinet"}
# a word for a state body right before ", NAME,": the name is the body's ("the security service, Säpo,")
_STATE_BODY_NOUNS = {"service", "agency", "ministry", "directorate", "bureau", "police", "army", "military",
                     "gendarmerie", "guard"}
# words for kin, who are people ("his son X"), and who speak for no one but themselves (events reads them too)
KIN_WORDS = {"brother", "son", "daughter", "wife", "husband", "father", "mother", "cousin", "nephew", "uncle",
             "sister", "widow"}
_COLLECTIVES = {"coalition", "alliance", "umbrella", "federation", "union", "network", "grouping"}
_SPEECH_VERBS = {"say", "tell", "add", "claim", "deny", "announce", "accuse", "warn", "insist", "write", "state"}
# A national capital stands for its state wherever the text has it act, own or receive what a state does
# ("Tehran denied", "Washington's lead", "accusing Kigali", "help from Mogadishu"), and is the city where it
# is a setting ("in Kabul", "Kabul's airport", "flew to Moscow", "the streets of Caracas"). The lists name
# the city's side; what they leave out reads as the state.
# what a city does or undergoes as a place ("Kabul fell", "Mogadishu hosted the talks")
_CITY_PREDICATES = {"lie", "sit", "fall", "host", "see", "witness", "suffer", "border", "remain", "become", "stand",
                    "come", "shake", "rock", "sleep", "wake", "burn", "flood", "house", "hold"}
# what a city has as a place ("Kabul's airport", "Moscow's suburbs")
_CITY_PARTS = {"airport", "suburb", "outskirts", "outskirt", "street", "centre", "center", "mayor", "governor",
               "fall", "resident", "district", "neighbourhood", "neighborhood", "quarter", "hotel", "hospital",
               "university", "market", "population", "skyline", "metro", "subway", "police", "mosque", "square",
               "park", "road", "highway", "gate", "port", "harbour", "harbor", "prison", "jail", "court", "city",
               "heart", "edge", "north", "south", "east", "west", "old", "area", "region", "province", "stadium",
               "station"}
# what is done to a city as a place ("reached Kabul", "shelled Kyiv", "recognise Jerusalem as the capital")
_CITY_OBJECT_VERBS = {"visit", "reach", "enter", "leave", "capture", "seize", "take", "bomb", "attack", "shell",
                      "pound", "bombard", "strafe", "liberate", "besiege", "blockade", "flood", "isolate", "cut",
                      "connect", "strike", "hit", "surround", "control", "hold", "flee", "evacuate", "storm", "retake",
                      "tour", "rock", "shake", "encircle", "target", "threaten", "rule", "govern", "defend",
                      "approach", "overrun", "raid", "recognise", "recognize", "declare", "name", "make", "proclaim"}
# prepositions of a setting ("in Kabul", "outside Moscow", "the streets of Caracas")
_CITY_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "around", "into", "across", "through", "throughout",
                      "within", "beyond", "of", "off", "above", "over", "via", "along"}
# words of a way to or from a city ("flew to Moscow", "a flight from Kabul", "50 km from Mogadishu");
# without one, "to", "from" and "toward" reach the state ("ambassador to Washington", "help from Mogadishu"),
# and "for" and "between" are a dealing ("a deal between Bogotá and Caracas")
_CITY_WAYS = {"fly", "flee", "return", "travel", "arrive", "drive", "come", "go", "move", "march", "walk", "head",
              "bound", "launch", "fire", "highway", "railway", "rail", "train", "bus", "corridor", "distance", "border",
              "bring", "send", "transfer", "deport", "evacuate", "relocate", "escape", "take", "leave", "extradite",
              "carry", "trip", "visit", "flight", "journey", "road", "route", "way", "convoy", "km", "kilometre",
              "kilometer", "mile", "advance", "push", "close", "near", "south", "north", "east", "west", "hour",
              "minute"}
# what one has from a state ("received money from Tehran", "sought help from Kinshasa")
_STATE_GIVES = {"receive", "get", "obtain", "seek", "demand", "accept", "hear", "expect", "request", "buy", "take"}
# an assault "on" a city is on the place; pressure or sanctions "on" it are on the state
_CITY_ASSAULTS = {"attack", "strike", "assault", "offensive", "march", "advance", "raid", "bombing", "push", "drive",
                  "fall", "rain", "land", "fire", "shelling"}
# prepositions whose object is a party to a dealing ("a deal with Kinshasa", "between Bogotá and Caracas")
_STATE_PREPOSITIONS = {"with", "between", "against", "by", "for", "than"}
# what a state is "of" another: "an ally of Washington"
_STATE_PARTNERS = {"ally", "partner", "enemy", "foe", "rival", "adversary", "critic", "proxy", "client", "patron"}
# words that open the tail of a name a short form may drop ("Joint Chiefs [of Staff]", "Carta [de Moçambique]")
_NAME_TAILS = {"of", "de", "del", "da", "do", "des", "for"}
# nouns for a place one goes to, besides the words that end a site's name ("X, an exclusive club")
_VENUES = {"club", "venue", "resort", "bar", "lodge", "guesthouse"}
# verbs whose "at" aims at someone or names a workplace, not a place ("threw stones at X in Lahore")
_AT_SOMEONE = {"throw", "jeer", "fire", "shoot", "look", "point", "aim", "laugh", "shout", "stare", "hurl",
               "lob", "swing", "smile", "work", "study", "teach", "intern", "lecture", "serve", "protest"}
# words before a name that make another body or place of it ("Real IRA", "North Korea")
_QUALIFIERS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
               "new", "real", "old", "upper", "lower", "greater", "little", "free", "true", "continuity", "provisional"}
# words of creed a church's name may drop ("the Coptic Church")
_CREEDS = {"orthodox", "catholic", "apostolic", "evangelical", "reformed", "protestant"}
# words after a hyphen that make a name an adjective ("Hutu-led", "Assad-era")
_HYPHEN_SUFFIXES = {"led", "backed", "based", "linked", "allied", "aligned", "born", "run", "owned", "held",
                    "controlled", "style", "era", "type", "like", "free", "funded", "armed", "trained", "inspired"}
# words of direction before "of the X" ("south of the Litani")
_DIRECTIONS_OF = {"north", "south", "east", "west", "banks", "bank", "shores", "mouth", "side"}
# last words of the name of a body's seat, a building only where the text is about being there
# verbs whose "at" phrase says where people met ("met at Panmunjom")
_MEETING_VERBS = {"meet", "gather", "convene", "sign", "negotiate", "confer", "assemble"}
_DIRECTION_WORDS = {"eastern", "western", "northern", "southern", "central", "east", "west", "north", "south",
                    "northeastern", "northwestern", "southeastern", "southwestern"}
# capitalised last words of an armed unit's name ("the Okba Ibn Nafaa Brigade")
_UNIT_NAME_HEADS = {"brigade", "brigades", "battalion", "battalions", "regiment", "legion", "front", "army", "movement"}
# words for a body that a one-word name apposed to them names ("another defector organisation, Kuensaem")
_BODY_KIND_NOUNS = {"organisation", "organization", "group", "movement", "party", "militia", "faction", "network",
                    "charity", "association", "alliance", "coalition", "outfit", "ngo"}
# ("met at State House"; "State House said" is the presidency, "a Defence Headquarters spokesman" the staff)
_SEATS = {"house", "headquarters"}
_GAZETTEER = "gazetteer"  # span_id of a place name found in GeoNames where the model saw no name
# the model's labels that a gazetteer look-up never overrides: names it placed itself, and numbers and dates
_NOT_PLACES = {*NER_TYPES, "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_PLACE_JOINERS = {"da", "de", "del", "do", "dos", "das", "des", "di", "du", "la", "el", "al"}
_PLACE_ADJECTIVES = {"neighbouring", "neighboring", "northern", "southern", "eastern", "western", "central",
                     "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
                     "south-eastern", "south-western"}
_PLACE_PREPOSITIONS = {"in", "near", "at", "from", "to", "outside", "around", "inside", "across", "towards",
                       "toward", "into", "through", "between", "of"}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
# common nouns that may follow an organisation's name before its acronym in brackets
_ORG_HEADS = {"agency", "group", "movement", "network", "coalition", "alliance", "organisation", "organization",
              "committee", "council", "party", "front", "militia", "service", "unit", "command", "office",
              "authority", "centre", "center", "force", "forces", "mission", "programme", "program"}
# heads of a body's name whose first word may be a common one ("the Islamic Consultative Assembly")
_NAME_HEADS = _ORG_HEADS | {"assembly", "congress", "parliament", "court", "republic", "state", "army", "guard",
                            "corps"}
_MEMBER_NOUNS = {"fighter", "member", "militant", "gunman", "insurgent", "commander", "jihadist", "cell"}
# what people are of a body as ("members of Densus 88", "the leader of X"), not of a person
_BODY_ROLES = {*_MEMBER_NOUNS, "leader", "leadership", "founder", "spokesman", "spokeswoman", "spokesperson", "wing",
               "faction", "unit", "ranks", "chairman", "branch"}
_NAME_JOINERS = {"of", "for", "the", "and", "in", "de", "du", "des", "la", "le", "al", "wal", "y", "e", "del", "los",
                 "las", "da", "do", "dos"}


_REGNAL = re.compile(r"^[IVX]{1,4}$")
_HALVES = {"north", "south", "east", "west"}  # "the North" of "North Korea"
_SAINTS = {"st", "st.", "saint", "sainte", "san", "santa", "santo", "sao", "são"}
_ELIDED = re.compile(r"^[dl]['’][A-Z]")  # "d'Esquadra", "l'Etat": an elided article inside a name
# the words that end a newspaper's name ("the South China Morning Post", "the Kabul Times")
_MASTHEADS = {"post", "times", "herald", "tribune", "gazette", "journal", "daily", "chronicle", "telegraph", "monitor"}
_AREA_WORDS = {"region", "province", "governorate", "district", "state"}


_NO_CLUSTER = _Cluster(type="", kb_id=None)


def _merge_nickname(clusters: dict[str, _Cluster], order: list[str], first: str, key: str,
                    ends: dict[int, str]) -> dict[int, str]:
    """Cluster ``key`` is a nickname of ``first``: one entity, under the name that is no nickname;
    returns ``ends`` (mention end -> cluster) with the nickname's mentions now the person's."""
    merged = clusters.pop(key)
    order.remove(key)
    cl = clusters[first]
    cl.spans += merged.spans
    cl.nicknames += [n for n in {s.text for s in merged.spans} if n not in cl.nicknames]
    cl.title = cl.title or max((s.text for s in cl.spans if s.text not in cl.nicknames), key=len, default=None)
    return {e: (first if o == key else o) for e, o in ends.items()}


def _typed_by_evidence(pending: list[tuple[Span, str, str | None]],
                       headline_end: int = 0) -> list[tuple[Span, str, str | None]]:
    """A name that its context types at one mention has that type at its other mentions too, where
    nothing but the model's guess types them: "In Tulkarm" makes a place of the "Tulkarm" the model
    read as a group elsewhere in the text. The model reads places well, so a place it saw counts as
    such a reading, and its places stand (a clause after a place can be a person's: "a leader in
    Irumu, who asked ..."); so does a kind of body that the words around a name give ("Saoradh, a
    small party"). Names whose readings say two things keep them all. A headline's capitals mislead
    the model ("Serbia Arrests Ratko Mladic"), so its place readings count only where the body gives none."""
    evidence: dict[str, dict[str, str | None]] = {}
    body = {name_key(span.text) for span, _, _ in pending if span.start >= headline_end}
    for span, etype, subtype in pending:
        if span.start < headline_end and etype == span.label_ == "PLACE" and name_key(span.text) in body:
            continue
        if not span.id_ and (etype != span.label_ or etype == "PLACE" or subtype not in {None, "other"}):
            evidence.setdefault(name_key(span.text), {}).setdefault(etype, subtype)
    out = []
    for span, etype, subtype in pending:
        said = evidence.get(name_key(span.text), {})
        if not span.id_ and etype == span.label_ != "PLACE" and len(said) == 1 and etype not in said:
            etype, subtype = next(iter(said.items()))
        out.append((span, etype, subtype))
    return out


def _coordinated_people(pending: list[tuple[Span, str, str | None]]) -> list[tuple[Span, str, str | None]]:
    """ "Mahmoud Ardah, who planned the breakout, and Yaqoub Qadri were caught": a two- or three-word
    name the model read as a body of no known kind, joined by "and" to a person's name, is a person's."""
    person_at = {t.i for span, etype, _ in pending if etype == "PERSON" and len(span) > 1 for t in span}
    out = []
    for span, etype, subtype in pending:
        root = span.root
        if etype == "ORG" and subtype == "other" and not span.id_ and 2 <= len(span) <= 3 \
                and all(t.pos_ == "PROPN" and t.is_title for t in span) \
                and not any(t.lower_ in _BODY_NAME_WORDS for t in span) and (
                    root.dep_ == "conj" and root.head.i in person_at
                    or any(c.dep_ == "conj" and c.i in person_at for c in root.children)):
            etype, subtype = "PERSON", None
        out.append((span, etype, subtype))
    return out


def _with_regnal_number(span: Span, starts: set[int]) -> Span:
    """ "Patriarch John X", "Pope Leo XIV": a Roman numeral after a person's name is part of it
    (``starts``: where the other names begin; a name of its own is never swallowed)."""
    doc = span.doc
    if span.label_ != "PERSON" or span.end >= len(doc) or not _REGNAL.match(doc[span.end].text) \
            or span.end in starts:
        return span
    return Span(doc, span.start, span.end + 1, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)


def _with_ordinal(span: Span, units: set[str]) -> Span:
    """ "the 61st Anti-Aircraft Missile Brigade": the ordinal before a unit's name is part of it."""
    doc = span.doc
    if span.label_ == "PERSON" or span.kb_id_ or span.start == 0 or span[-1].lower_ not in units \
            or not _ORDINAL.match(doc[span.start - 1].text):
        return span
    return Span(doc, span.start - 1, span.end, label=span.label_, span_id=span.id_)


def _without_nickname(span: Span) -> tuple[str, str | None]:
    """('Ismael Zambada', 'El Mayo') for 'Ismael "El Mayo" Zambada'."""
    quotes = [t.i for t in span if t.text in _QUOTES]
    if len(quotes) < 2:
        return span.text, None
    doc = span.doc
    outside = [t.text for t in span if not quotes[0] <= t.i <= quotes[1]]
    return " ".join(outside), doc[quotes[0] + 1:quotes[1]].text


def _name_words(span: Span) -> tuple[str, ...]:
    """The words of a name, lower-cased, without "the" and the possessive: "Artsakh's Defence Army"
    -> ("artsakh", "defence", "army")."""
    return tuple(t.lower_ for t in span if (t.is_alpha or "-" in t.text) and t.lower_ != "the")


def _shortens(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """``short`` is a short form of ``full``: its end ("Security Council" of "UN Security Council"),
    the name without a word of creed ("Coptic Church" of "Coptic Orthodox Church"), or its start
    before "of" or "de" ("Joint Chiefs" of "Joint Chiefs of Staff")."""
    n = len(short)
    if n >= len(full):
        return False
    if full[-n:] == short:
        # (not "Korea" of "North Korea", "IRA" of "Real IRA": a qualifier makes another one)
        return not set(full[:-n]) & _QUALIFIERS
    if full[:n] == short:
        return full[n] in _NAME_TAILS
    if short[0] != full[0] or short[-1] != full[-1] or full[0] in _QUALIFIERS:
        return False
    # "Coptic Church" of "Coptic Orthodox Church": one word of creed left out; not "Democratic Party"
    # of "Democratic Unionist Party", a party of its own
    dropped = [w for w in full if w not in short]
    return len(full) == n + 1 and dropped[0] in _CREEDS


def _the_place(span: Span) -> bool:
    """A one-word name after "the" where a place stands: the object of a preposition of place or
    direction ("on the Bosphorus", "south of the Litani"). No one's own name takes "the"."""
    doc = span.doc
    if len(span) != 1 or span.start < 2 or doc[span.start - 1].lower_ != "the":
        return False
    prep = doc[span.start - 2]
    if prep.lower_ == "of" and span.start >= 3:
        return doc[span.start - 3].lower_ in _DIRECTIONS_OF
    return prep.lower_ in {"on", "in", "along", "across", "near", "beyond", "over", "into", "from", "to"}


def _where(span: Span) -> bool:
    """The name follows a preposition of being at a building ("at the Defence Headquarters", "outside State
    House"); not "in" ("in the Lower House" is in the chamber) nor "from" ("a statement from State House")."""
    k = span.start - 1
    if k >= 0 and span.doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and span.doc[k].lower_ in {"at", "inside", "outside", "near", "into", "to"}


def _capital_use(span: Span) -> str | None:
    """How a national capital's name is used: "state" where it stands for its state ("Tehran denied",
    "Washington's lead", "accusing Kigali", "a deal with Kinshasa"), "place" where it is the city ("in
    Kabul", "Kabul's airport", "flew to Moscow"), None where the parse does not tell (a dateline too)."""
    if span.text.isupper():
        return None  # a dateline names where the story was filed, whatever the body makes of the city
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:  # "Tehran and Washington accused ..."
        root = root.head
    head, dep = root.head, root.dep_
    word = head.lemma_.lower()
    if dep == "nsubj":
        if word == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in _APPOSED_PLACES for c in head.children):
            return "place"  # "Baghdad is a city of seven million"
        if head.pos_ not in {"VERB", "AUX"} or word in {"be", "have"}:
            return None  # "Kabul is ...", "Kabul has ...": what follows decides, and the parse does not say
        return "place" if word in _CITY_PREDICATES else "state"
    if dep == "poss":
        # "Kabul's airport", "Moscow's Crocus City Hall": what a city has as a place
        return "place" if word in _CITY_PARTS or head.pos_ == "PROPN" else "state"
    if dep in {"dobj", "dative"}:
        return "place" if word in _CITY_OBJECT_VERBS else "state"
    if dep == "pobj":
        prep, governor = head.lower_, head.head
        way = governor.lemma_.lower()
        if prep == "of" and way in _STATE_PARTNERS:
            return "state"  # "a close ally of Washington"
        if prep in _CITY_PREPOSITIONS or prep == "including" and way in _APPOSED_PLACES:
            return "place"  # (and "cities including Kyiv")
        if prep in {"to", "from", "toward", "towards", "for", "between"} and (
                way in _CITY_WAYS or governor.pos_ == "ADV"):
            return "place"  # "flew to Moscow", "left for Kabul", "the highway between Kabul and Jalalabad"
        if prep in {"to", "from", "toward", "towards"}:
            # "addressed the nation from Maputo" is where one is; "received money from Tehran" whom it came from
            return "place" if prep == "from" and governor.pos_ == "VERB" and way not in _STATE_GIVES else "state"
        if prep == "on":
            return "place" if way in _CITY_ASSAULTS else "state"
        return "state" if prep in _STATE_PREPOSITIONS else None
    if dep in {"compound", "appos", "npadvmod", "nmod"}:
        return "place"  # "a Kabul hotel", "Kabul, the capital"
    return None


def _headed_run(doc: Doc, tok: Token, heads: set[str], word_ok: Callable[[Token], bool]) -> list[Span]:
    """The organisation named by ``tok``, up to two words that pass ``word_ok`` and a head word
    among ``heads`` ("201st military base", "Tajik defence ministry"), or nothing."""
    for end in range(tok.i + 1, min(len(doc), tok.i + 4)):
        if not word_ok(doc[end]):
            break
        if doc[end].lower_ in heads:
            return [Span(doc, tok.i, end + 1, label="ORG", span_id=_UNIT)]
    return []


def _topic_person(doc: Doc, keys: set[str], clusters: dict[str, _Cluster]) -> str | None:
    """Of several people a bare surname may stand for ("Haqqani" with Sirajuddin, Jalaluddin and
    Anas Haqqani named), the one the text opens with, named in the headline or its first two
    sentences: a writer leaves the surname alone for the person the story is about."""
    opening = list(islice(doc.sents, 3))
    end = opening[-1].end if opening else 0
    first = sorted((min(sp.start for sp in clusters[k].spans), k) for k in keys if clusters[k].spans)
    if not first or first[0][0] >= end or len(first) > 1 and first[1][0] < end:
        return None  # none named at the opening, or two of them are
    return first[0][1]


def _last_named(span: Span, keys: set[str], clusters: dict[str, _Cluster]) -> str | None:
    """Of several people a bare surname may stand for, the one named in full in the nearest of the two
    sentences before that names any of them, if only one is ("Chaudhry Nisar Ali Khan ... Imran Khan,
    whose party ... Khan has threatened ...": Imran Khan)."""
    doc = span.doc
    end = span.sent.start
    for _ in range(2):
        if end <= 0:
            return None
        start = doc[end - 1].sent.start
        near = {k for k in keys if any(start <= s.start < end and len(s) > 1 for s in clusters[k].spans)}
        if near:
            return near.pop() if len(near) == 1 else None
        end = start
    return None


# days and months: no words of a name ("On Tuesday the State Committee ...", "William Ruto Tuesday said")
_CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                   "february", "march", "april", "may", "june", "july", "august", "september", "october",
                   "november", "december"}


def _joined_names(ner: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """ "Mahamat Idriss Deby": the model may read a first name as an organisation and the rest as a
    person; a title-case word or two right before a person's name, with nothing between, is part of it."""
    out: list[tuple[Span, str]] = []
    for span, label in ner:
        if out and label == "PERSON":
            prev, prev_label = out[-1]
            if prev.end == span.start and prev_label in {"ORG", "PERSON"} and len(prev) <= 2 \
                    and all(t.is_title and t.pos_ == "PROPN" for t in prev):
                out[-1] = (Span(span.doc, prev.start, span.end, label="PERSON"), "PERSON")
                continue
        out.append((span, label))
    taken = {i for span, _ in out for i in range(span.start, span.end)}
    for k, (span, label) in enumerate(out):
        # "Roch Marc Christian Kaboré": the model may stop a long name early; one or two title-case
        # words right after a person's name, that no other name holds and a comma or a verb ends,
        # are the rest of it
        doc, end = span.doc, span.end
        while label == "PERSON" and end < len(doc) and end - span.end < 2 and end not in taken \
                and doc[end].is_title and doc[end].pos_ == "PROPN" and doc[end].is_alpha \
                and not doc[end].ent_type_ and doc[end].lower_ not in _CALENDAR_WORDS:
            end += 1  # (not "President William Ruto Tuesday said")
        if end > span.end and (end >= len(doc) or doc[end].is_punct or doc[end].pos_ in {"VERB", "AUX"}):
            out[k] = (Span(doc, span.start, end, label="PERSON"), "PERSON")
    return out


def _common_words_opening(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Gunmen stormed the village ...": a single capitalised word that opens a sentence, which the
    text elsewhere writes in lower case and never with a capital inside a sentence, is a common
    word the model took for a name. Registry names, and a state's arms, stand."""
    lower = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    capital_inside = {t.lower_ for t in doc if t.is_title and not t.is_sent_start
                      and t.i > 0 and not doc[t.i - 1].is_space}
    out = []
    for span in spans:
        tok = span[0]
        if len(span) == 1 and not span.kb_id_ and not span.id_ and tok.is_sent_start and tok.is_title \
                and tok.lower_ in lower and tok.lower_ not in capital_inside \
                and tok.lower_ not in _FORCE_HEADS | {"government"}:  # ("Army chief X": the state's army)
            continue
        out.append(span)
    return out


def _cut_after_of(ents: list[Span]) -> list[Span]:
    """ "the Police Service of" + "Northern Ireland": a body's name the model cut after its "of" goes on
    with the place named right after it."""
    out: list[Span] = []
    for ent in ents:
        if out and ent.label_ in {"GPE", "LOC"} and out[-1].label_ == "ORG" and out[-1].end == ent.start \
                and len(out[-1]) > 2 and out[-1][-1].lower_ in {"of", "for"}:
            out[-1] = Span(ent.doc, out[-1].start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _spells(phrase: Span, acronym: str) -> bool:
    """The acronym is the phrase's initials, with or without its small words."""
    return acronym in {_initials(phrase.text, whole_acronyms=True),
                       _initials(phrase.text, whole_acronyms=True, small_words=True)}


def _is_acronym(text: str) -> bool:
    """ "ISKP", "CSP-DPA", "MUJAO": capitals, perhaps joined by hyphens, two to twelve letters."""
    letters = text.replace("-", "").replace(".", "")
    return 2 <= len(letters) <= 12 and letters.isalpha() and letters.isupper()


def _with_acronym_suffix(span: Span) -> Span:
    """ "SPLM-IO": an acronym joined by a hyphen to another is a name of its own (the SPLM in
    opposition), not the first acronym's."""
    doc = span.doc
    if len(span) != 1 or not _is_acronym(span.text) or span.end + 1 >= len(doc) or doc[span.end].text != "-" \
            or span[0].whitespace_ or doc[span.end].whitespace_ or not _is_acronym(doc[span.end + 1].text):
        return span
    return Span(doc, span.start, span.end + 2, label="ORG")


def _with_hyphen_tail(span: Span) -> Span:
    """ "Moon Kwang-wook", "Louie Dema-ala": a person's name goes on across a hyphen written with no
    space to a lower-case part (the model often stops at the hyphen)."""
    doc = span.doc
    end = span.end
    if span.label_ != "PERSON" or span.kb_id_ or end + 1 >= len(doc) or doc[end].text != "-" \
            or span[-1].whitespace_ or doc[end].whitespace_ or not doc[end + 1].is_alpha \
            or not doc[end + 1].is_lower or doc[end + 1].tag_ in {"VBN", "VBD", "VBG", "JJ"} \
            or doc[end + 1].lower_ in _HYPHEN_SUFFIXES:
        return span  # not "Hutu-led", "Kremlin-backed", "Assad-era"
    end += 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_title and doc[end + 1].is_alpha:
        end += 2  # "Croix-des-Bouquets": a particle joins two capitalised words
    return Span(doc, span.start, end, label=span.label_, span_id=span.id_)


def _with_creed(span: Span) -> Span:
    """ "the Communist Party of Nepal (Maoist)": a creed in brackets after a party's name is part of
    it (the bracket tells apart parties of one name), unlike an acronym, which names it again."""
    doc = span.doc
    end = span.end
    if span.label_ != "ORG" or span.kb_id_ or end + 2 >= len(doc) or doc[end].text != "(":
        return span
    close = next((k for k in range(end + 2, min(len(doc), end + 4)) if doc[k].text == ")"), None)
    if close is None:
        return span
    words = doc[end + 1:close]
    if not all(t.is_title and t.is_alpha for t in words) or not words[0].lower_.endswith("ist"):
        return span
    return Span(doc, span.start, close + 1, label=span.label_, span_id=span.id_)


def _short_name(tok: Token) -> bool:
    """ "(Säpo)", "(Mossad)": one short capitalised word, the name a body goes by."""
    return tok.is_title and tok.is_alpha and 3 <= len(tok.text) <= 8 and tok.pos_ == "PROPN" \
        and tok.ent_type_ != "NORP"  # not "the Communist Party of India (Maoist)"


def _bracketed_after(span: Span, clusters: dict[str, _Cluster]) -> str | None:
    """The organisation whose name ends just before "(" when ``span`` is an acronym in brackets."""
    doc = span.doc
    # "(DEM Party)": an acronym and a word for an organisation
    acronym = _is_acronym(span.text) or len(span) == 1 and _short_name(span[0]) \
        or _is_acronym(span[0].text) and len(span[0]) > 1 and all(
        t.is_title and t.lower_ in _ORG_HEADS for t in span[1:])
    if span.start < 2 or span.end >= len(doc) or not acronym \
            or doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return None
    ends = {span.start - 1}
    if span.start >= 3 and doc[span.start - 2].is_lower and doc[span.start - 2].lower_ in _ORG_HEADS:
        ends.add(span.start - 2)  # "the X agency (XA)"
    # ("the Bangsamoro Autonomous Region in Muslim Mindanao (BARMM)": a region's too)
    return next((key for key, cl in clusters.items() if (cl.type == "ORG" or cl.type == "PLACE" and len(span) == 1
                                                          and span.text.isupper() and len(span.text) >= 3)
                 and any(s.end in ends for s in cl.spans)), None)


def _initials(text: str, *, whole_acronyms: bool = False, small_words: bool = False) -> str:
    """ "Islamic Movement of Uzbekistan" -> "IMU"; with ``whole_acronyms`` an acronym inside the
    name counts whole ("UK Maritime Trade Operations" -> "UKMTO"); with ``small_words`` the small
    words count too ("UN Support Mission in Libya" -> "UNSMIL")."""
    words = [w for w in re.split(r"[\s\-]+", text) if w and (w[0].isupper() or small_words and w[0].isalpha())]
    return "".join(w if whole_acronyms and len(w) > 1 and w.isupper() else w[0].upper() for w in words)


@Language.factory("tracewire_entities_v1")
def make_entity_assembler(nlp: Language, name: str) -> EntityAssembler:
    return EntityAssembler(nlp, name)


# verbs whose "to" phrase names where one goes
_MOTION_VERBS = {"travel", "fly", "go", "return", "move", "drive", "march", "head", "come", "flee", "walk", "sail",
                 "relocate", "transfer", "rush", "airlift", "evacuate", "ferry", "redeploy", "deploy"}


def _leads_by(span: Span) -> bool:
    """ "the Union ..., which is led by X, the group known as 3R": the one by whom a body is led,
    headed or founded is a person, whatever the parser hangs beside the name."""
    root = span.root
    return root.dep_ == "pobj" and root.head.dep_ == "agent" \
        and root.head.head.lemma_.lower() in {"lead", "head", "command", "found", "chair"}
