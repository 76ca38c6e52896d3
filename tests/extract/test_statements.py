"""Relations and events on sentences of our own (tests/data/cases): table-driven golden cases.

Each case lists what must be found, with its hedge and source; nothing else of those types may
be found between the named entities of the case.
"""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA
from tracewire.extract import extract_one
from tracewire.extract.events import _resolve_date
from tracewire.model import Document, Source, name_key

RELATIONS = yaml.safe_load((DATA / "cases" / "relations.yml").read_text())
EVENTS = yaml.safe_load((DATA / "cases" / "events.yml").read_text())


def run(nlp, case):
    return extract_one(Document(text=case["text"], source=Source(path="case.txt", published=case.get("published"))),
                       nlp=nlp)


def names(ex, eid):
    if eid in (None, "UNNAMED"):
        return {eid}
    ent = next(e for e in ex.entities if e.id == eid)
    return {name_key(n) for n in [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]}


def same(ex, eid, want):
    return (want in (None, "UNNAMED") and eid == want) or (want not in (None, "UNNAMED") and name_key(want) in names(ex, eid))


@pytest.mark.parametrize("case", RELATIONS, ids=[c["text"][:40] for c in RELATIONS])
def test_relation_case(nlp, case):
    ex = run(nlp, case)
    got = [(r.type, r) for r in ex.relations]
    for rtype, src, tgt, hedged, source in case["want"]:
        match = [r for t, r in got if t == rtype and same(ex, r.source, src) and same(ex, r.target, tgt)]
        assert match, f"missing {rtype} {src} -> {tgt}; got {[(r.type, r.source, r.target) for _, r in got]}"
        assert match[0].hedged is hedged, (rtype, src, tgt)
        assert same(ex, match[0].attributed_to, source), (rtype, src, tgt, match[0].attributed_to)
    assert len(ex.relations) == len(case["want"]), [r.to_json() for r in ex.relations]


@pytest.mark.parametrize("case", EVENTS, ids=[c["text"][:40] for c in EVENTS])
def test_event_case(nlp, case):
    ex = run(nlp, case)
    for etype, root, who, where, hedged, source in case["want"]:
        match = [e for e in ex.events if e.type == etype and e.cameo.startswith(root)
                 and any(same(ex, a, who) for a in e.actors + e.participants)
                 and (where is None or any(same(ex, loc, where) for loc in e.locations))]
        assert match, f"missing {etype} by {who} in {where}; got {[e.to_json() for e in ex.events]}"
        assert match[0].hedged is hedged
        assert same(ex, match[0].attributed_to, source), match[0].attributed_to
    reported = [e for e in ex.events if not e.denied]  # what a denial denies is listed apart
    assert len(reported) == len(case["want"]), [e.to_json() for e in reported]


def test_inherited_source_is_marked(nlp):
    text = ("Report on militants\n\nAccording to a report by Khaama Press, Taliban fighters moved to Kunduz."
            "\n\nLater the fighters reportedly met Uzbek commanders in Imam Sahib. Separately, Pakistani forces "
            "arrested Qari Zahid in Peshawar, in northwest Pakistan.")
    ex = run(nlp, {"text": text})
    arrest = next(e for e in ex.events if e.type == "ARREST")
    outlet = next(e.id for e in ex.entities if e.name == "Khaama Press")
    assert arrest.attributed_to == outlet and arrest.attribution_inherited
    move = next(e for e in ex.events if e.type == "MOVEMENT")
    assert move.attributed_to == outlet and not move.attribution_inherited


def test_chain_of_sources_is_kept(nlp):
    ex = run(nlp, {"text": "Taliban fighters clashed with TTP militants in Khost, according to Amu TV, citing local officials."})
    event = ex.events[0]
    outlet = next(e.id for e in ex.entities if e.name == "Amu TV")
    assert event.attributed_to == outlet
    assert event.attribution_chain == [outlet, "UNNAMED"]


@pytest.mark.parametrize(("text", "published", "want"), [
    ("on 29 February 2020", None, "2020-02-29"),
    ("in August 2021", None, "2021-08"),
    ("in 2017", None, "2017"),
    ("on Sunday", "2021-08-17", "2021-08-15"),
    ("on Sunday", None, None),
    ("yesterday", "2024-03-23", "2024-03-22"),
    # a report dated a Monday that says "on Monday" means that day, not a week before
    ("on Monday", "2010-01-11", "2010-01-11"),
    ("on Monday morning", "2010-01-11", "2010-01-11"),
    ("on Tuesday", "2010-01-11", "2010-01-05"),
])
def test_dates_resolve_against_publication(text, published, want):
    assert _resolve_date(text, published) == want


def test_a_definite_noun_with_a_date_of_its_own_is_not_the_reported_event(nlp):
    # "the attacks of 11 September 2001" names an earlier happening: the strike (dated by nothing
    # of its own: "on Monday" is when it was announced) must not take 2001's date
    ex = run(nlp, {"text": "Drone strike in Kabul\n\nPresident Joe Biden said on Monday that a US drone strike in "
                           "Kabul had killed Ayman al-Zawahiri. Zawahiri is believed to have helped plan the attacks of 11 September 2001.",
                   "published": "2022-08-02"})
    strikes = [e for e in ex.events if e.type == "ATTACK" and any(same(ex, a, "Ayman al-Zawahiri")
                                                                  for a in e.participants)]
    assert len(strikes) == 1 and not str(strikes[0].time or "").startswith("2001")
    # without the date, "the attacks" refers back to the strike the article reported
    ex = run(nlp, {"text": "Drone strike in Kabul\n\nA US drone strike killed Ayman al-Zawahiri in Kabul on Sunday. "
                           "The Taliban condemned the attack.", "published": "2022-08-02"})
    assert len([e for e in ex.events if e.type == "ATTACK"]) == 1


@pytest.mark.parametrize("opening", ["DUBAI, Jan 5, 2024 - ", "By our Gulf correspondent\nDubai | January 5, 2024\n"])
def test_a_dateline_is_where_the_reporter_files_not_where_it_happened(nlp, opening):
    text = (f"Bombings in Iran\n\n{opening}Fighters of the Islamic State bombed a crowd of mourners in the "
            "Iranian city of Kerman on Wednesday, killing dozens.")
    ex = run(nlp, {"text": text, "published": "2024-01-05"})
    attacks = [e for e in ex.events if e.type == "ATTACK"]
    assert attacks and all(same(ex, e.locations[0], "Kerman") for e in attacks)
    assert not any(same(ex, loc, "Dubai") for e in attacks for loc in e.locations)


def test_a_section_label_is_no_entity(nlp):
    ex = run(nlp, {"text": "Kashmir after the attack\n\nAnalysis | April 27, 2025\n\nIndia closed the border."})
    assert not any(e.name == "Analysis" for e in ex.entities)


def test_what_a_denial_denies_is_kept_apart_from_the_happenings(nlp):
    ex = run(nlp, {"text": "Noor Wali Mehsud denied meeting Shahab al-Muhajir in Kunar province."})
    out = ex.to_json()
    assert [e["type"] for e in out["events"]] == ["STATEMENT"] and out["events"][0]["cameo"] == "016"
    assert [e["type"] for e in out["denied_events"]] == ["MEETING"] and out["denied_events"][0]["denied"]
    # the store keeps it (the claims it contradicts count it): the record holds every event
    assert {e.type for e in ex.events} == {"STATEMENT", "MEETING"}


def test_a_dateline_does_not_run_into_the_sentence_it_opens(nlp):
    doc = nlp("Truce in Gaza\n\nJERUSALEM, Jan 20, 2025 - A ceasefire between Israel and Hamas came into force in Gaza.")
    opening = next(s for s in doc.sents if s.text.startswith("A ceasefire"))
    assert opening.root.lemma_ == "come"
    ex = run(nlp, {"text": doc.text})
    deal = next(e for e in ex.events if e.type == "AGREEMENT")
    assert [n for loc in deal.locations for n in [next(x.name for x in ex.entities if x.id == loc)]] == ["Gaza Strip"]


def test_a_claim_of_other_killings_leaves_the_story_attack_alone(nlp):
    case = {"text": "ADF fighters stormed a school in Mpondwe on Friday. The ADF has killed thousands in North Kivu "
                    "over the past decade, and the Islamic State claims many of those killings.",
            "published": "2024-06-01"}
    ex = run(nlp, case)
    names = {e.id: e.name for e in ex.entities}
    school = next(e for e in ex.events if e.type == "ATTACK" and "Mpondwe" in {names[loc] for loc in e.locations})
    assert {names[a] for a in school.actors} == {"Allied Democratic Forces"}


def test_an_apposition_on_a_name_is_not_the_story_attack(nlp):
    case = {"text": "ADF fighters stormed a school in Mpondwe on Friday. Uganda sent troops to Operation Shujaa, "
                    "the joint offensive against the ADF in eastern Congo.", "published": "2024-06-01"}
    ex = run(nlp, case)
    names = {e.id: e.name for e in ex.entities}
    school = next(e for e in ex.events if e.type == "ATTACK" and "Mpondwe" in {names[loc] for loc in e.locations})
    assert not {names[loc] for loc in school.locations} & {"Democratic Republic of the Congo"}
    assert "Allied Democratic Forces" not in {names[p] for p in school.participants}


@pytest.mark.parametrize(("text", "not_actor"), [
    ("JNIM fighters attacked soldiers in Mali. Foreign military jets then bombed Kidal.", "Mali"),
    ("Sudan and South Sudan share a border. South Sudan's army said its troops had killed 20 militants near Juba.",
     "Sudan"),
    ("Kenyan police officers have been sent to Haiti under a United Nations mandate.", "United Nations"),
    # whose killing is who was killed
    ("Ihab al-Wazni's killing in Karbala in May reignited the protests.", "Ihab al-Wazni"),
])
def test_no_actor_is_read_into_the_wrong_state_or_body(nlp, text, not_actor):
    ex = run(nlp, {"text": text})
    names = {e.id: e.name for e in ex.entities}
    assert all(not_actor not in {names[a] for a in e.actors} for e in ex.events), [e.to_json() for e in ex.events]


@pytest.mark.parametrize("text, word, kind", [
    # a dismissal is no shot; what is fired at still is
    ("The president fired his deputy, Emmerson Mnangagwa, on November 6.", "fired", None),
    ("Gunmen fired rockets at the base.", "fired", "ATTACK"),
    ("The gunman fired his rifle at the crowd.", "fired", "ATTACK"),
    # "hit back" with nothing hit is a retort the next clause tells; "hit back at X" still strikes
    ("The ruling party hit back on Tuesday: its spokesman said the remarks were treason.", "hit", None),
    ("The army hit back at the rebels on Friday.", "hit", "ATTACK"),
    # words attacked are attacked with words
    ("He again attacked her handling of the pandemic.", "attacked", "STATEMENT"),
    ("Gunmen attacked the convoy on the road to Goma.", "attacked", "ATTACK"),
    ("Israel attacked Hezbollah's leadership in Beirut.", "attacked", "ATTACK"),
    ("Israeli jets struck the group's strategy meeting in Beirut.", "struck", "ATTACK"),
    # attacks a group planned were not made
    ("The minister said the cell had planned attacks on police stations.", "attacks", None),
    # "catch" arrests the people it is done to, and nothing else
    ("Police caught two of the escapees near Afula on Sunday.", "caught", "ARREST"),
    ("The fugitives were caught by police near Afula.", "caught", "ARREST"),
    ("A shepherd was caught in the crossfire near Afula.", "caught", None),
    ("The police station caught fire after the riot.", "caught", None),
    ("The raid caught the world's attention.", "caught", None),
    ("Reporters caught a glimpse of the convoy near Kabul.", "caught", None),
    ("CCTV cameras caught the gunmen entering the hotel.", "caught", None),
    # ground taken back is taken, people taken back are arrested
    ("Troops recaptured two villages near Beledweyne.", "recaptured", "ATTACK"),
    ("Police recaptured three of the escaped inmates.", "recaptured", "ARREST"),
    ("M23 rebels recaptured the road linking Goma and Rutshuru.", "recaptured", "ATTACK"),
    ("The army recaptured the initiative in Donetsk.", "recaptured", None),
    # what a speaker calls a person, a state or an attack is said of it
    ("Singh called Pakistan a terrorist state that should be isolated.", "called", "STATEMENT"),
    ("Widodo called the attacks cowardly and barbaric.", "called", "STATEMENT"),
    ("The army called the reservists to the front.", "called", None),
    # a warning that something will be bad is a comment; one with a condition set is a threat
    ("Grandi warned that the cuts in rations would be a catastrophe for the camps.", "warned", "STATEMENT"),
    ("Grandi warned during the visit that planned cuts in rations would be a disaster.", "warned", "STATEMENT"),
    ("Qassem warned that if the army tried to disarm the group, there would be no peace.", "warned", "THREAT"),
    ("Hezbollah warned that its response would be painful.", "warned", "THREAT"),
    # a journey made for talks is a visit
    ("An AU delegation arrived in Khartoum on Monday for talks with the generals.", "arrived", "MEETING"),
    ("An AU delegation arrived in Khartoum on Monday.", "arrived", "MOVEMENT"),
])
def test_words_that_look_like_attacks_and_are_not(nlp, text, word, kind):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    got = nlp.get_pipe("tracewire_events").kind(tok)
    assert (got[0] if got else None) == kind, got


def test_a_country_s_police_arrest_for_the_country(nlp):
    ex = run(nlp, {"text": "Turkey tightened its borders. Turkish police rounded up 40 suspects in Izmir on Monday."})
    names = {e.id: e.name for e in ex.entities}
    arrest = next(e for e in ex.events if e.type == "ARREST")
    assert {"Turkish National Police", "Turkey"} <= {names[a] for a in arrest.actors}


def test_many_arrests_owned_by_a_person_are_his_own(nlp):
    ex = run(nlp, {"text": "Nayib Bukele's mass arrests have cut the murder rate in El Salvador."})
    names = {e.id: e.name for e in ex.entities}
    arrest = next(e for e in ex.events if e.type == "ARREST")
    assert "Nayib Bukele" in {names[a] for a in arrest.actors}


def test_a_move_with_no_destination_takes_no_place_from_later_sentences(nlp):
    ex = run(nlp, {"text": "President Benigno Aquino III flew in on Friday and has been directing operations. "
                           "Interior Secretary Mar Roxas accused Nur Misuari of sending the gunmen to wreck the "
                           "talks, which resumed in Kuala Lumpur the same day."})
    names = {e.id: e.name for e in ex.entities}
    move = next(e for e in ex.events if e.type == "MOVEMENT")
    assert "Kuala Lumpur" not in {names[loc] for loc in move.locations}


def test_a_title_two_people_hold_stands_for_neither(nlp):
    ex = run(nlp, {"text": "President William Ruto said Somali President Hassan Sheikh Mohamud would visit. "
                           "The president met Somali elders in Lamu."})
    names = {e.id: e.name for e in ex.entities}
    assert not any("Hassan Sheikh Mohamud" in {names.get(a) for a in e.actors} for e in ex.events
                   if e.type == "MEETING")


def test_a_country_that_owns_a_thing_is_not_where_it_happened(nlp):
    # "the convoy of Niger's team in Kidal": Niger owns the team; the arrest is tied to Kidal alone
    ex = run(nlp, {"text": "Malian police detained three men suspected of taking part in the ambush on the convoy "
                           "of Niger's national team in Kidal, officials said."})
    arrest = next(e for e in ex.events if e.type == "ARREST")
    names = {e.id: e.name for e in ex.entities}
    assert [names[loc] for loc in arrest.locations] == ["Kidal"]
