"""ACLED's event type and sub-type from the cues of a passage and the kinds of actors involved.

The codebook's precedence, in short: protests and riots are about who acts (demonstrators, rioters, mobs);
remote weapons make an event Explosions/Remote violence whoever is hit, unless a ground fight follows;
organised armed groups fighting each other is a Battle; armed actors against unarmed people is Violence
against civilians; the rest (arrests, agreements, looting, seized weapons, bases, territory changing hands
without a fight) are Strategic developments.

The words the decision reads beyond the cue names (who or what was hit, crowds, grievances, hands-on violence,
remote weapons) are the `types` entries of the document's lexicon (`data/lexicons/<language>/types.yaml`); the
outputs are ACLED's English names whatever the language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from sitrep.events.cues import find_cues
from sitrep.lexicon import Lexicon, get_lexicon

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Excessive force against protesters": "Protests", "Protest with intervention": "Protests",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments", "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments", "Other": "Strategic developments",
}


def _re(lex: Lexicon, name: str) -> re.Pattern:
    """An entry of the `types` lexicon, compiled once per lexicon (case-insensitive)."""
    return lex.regex("types", name)


def decide_type(cues: set[str], text: str, agent_kinds: list[str], patient_kinds: list[str],
                victim_groups: set[str], negators: set[str], lex: Lexicon | None = None) -> tuple[str, str, str]:
    """(event_type, sub_event_type, reason), or ('', '', reason) when the passage reports no event."""
    lex = lex or get_lexicon()
    armed = {"state_military", "state_police", "state_gendarmerie", "state_other", "pro_government_militia",
             "jihadist", "rebel", "political_militia", "ethnic_militia", "communal_militia", "foreign_state",
             "private_military", "international", "unidentified"}
    state = {"state_military", "state_police", "state_gendarmerie", "state_other"}
    agent_armed = any(k in armed for k in agent_kinds)
    agent_state = any(k in state for k in agent_kinds)
    patient_armed = any(k in armed for k in patient_kinds)
    patient_civilian = any(k == "civilians" for k in patient_kinds)
    protesters = "protesters" in agent_kinds or "protesters" in patient_kinds
    violent = cues & {"attack", "clash", "suicide", "chemical", "air", "shelling", "ied", "grenade", "sexual",
                      "abduction", "territory_taken", "territory_regained", "mob"}

    def sd(sub: str, why: str) -> tuple[str, str, str]:
        return SUB_EVENT_TYPES[sub], sub, why

    if stated := _stated_label(text, lex):
        return sd(stated, "the note's own ACLED label")

    # (people who protest or riot over a flood or a road accident still demonstrate: ACLED codes it whatever the cause)
    if ("accident" in negators or "disaster" in negators) and not (cues & {"attack", "clash", "abduction", "protest",
                                                                           "riot"}):
        return "", "", "accident or disaster"

    # Demonstrations and riots: who acts decides. Violence named as the protest's reason ("protested the
    # murder of ...", "to denounce the massacres") is not violence at the protest.
    protest_hit = _re(lex, "protest_words").search(text)
    first_violence = _re(lex, "violence_words").search(text)
    protest_first = bool(protest_hit) and (first_violence is None or protest_hit.start() < first_violence.start()
                                           or _is_reason(text, first_violence.start(), lex))
    if ("protest" in cues or protesters) and (protest_first or not agent_armed) and not (
            cues & {"suicide", "air", "shelling", "ied", "sexual"}):
        # burning a flag or an effigy is a symbol, not violence
        acts = _re(lex, "symbolic_burning").sub(" ", text)
        if _re(lex, "soldiers_protest").search(text) and _re(lex, "gunfire").search(text):
            return sd("Violent demonstration", "soldiers rioting")
        if not protest_hit and not cues & {"protest", "riot"} and cues & {"attack", "clash", "looting"}:
            # a party's or a union's people who clash, attack or burn with no demonstration told: a mob
            return sd("Mob violence", "a party's or a group's violence without a demonstration")
        if _violent_cue(acts, lex) or _crowd_violence(acts, lex) or _re(lex, "crowd_did_it").search(acts) \
                or _arson_at_protest(acts, lex):
            return sd("Violent demonstration", "protest with violence by demonstrators")
        if _re(lex, "protesters_shot").search(text) and (agent_state or _re(lex, "state_forces").search(text)) \
                and not _is_reason(text, (first_violence.start() if first_violence else 0), lex):
            return sd("Excessive force against protesters", "protesters killed or shot by state forces")
        if cues & {"intervention", "arrest"} and _intervened(text, lex):
            return sd("Protest with intervention", "protest dispersed or protesters arrested")
        return sd("Peaceful protest", "demonstration without violence")
    # explosions and strikes come before riots in the codebook's precedence: a bombing a vigilante group
    # reports is no mob
    if "mob" in cues and not (agent_armed and cues & {"clash"}) \
            and not cues & {"suicide", "air", "shelling", "ied", "grenade", "chemical"}:
        return sd("Mob violence", "mob or lynching")
    # Residents, youths or party supporters who attack, beat or burn with no demonstration: a mob (ACLED's Mob
    # violence), unless a named armed group does it with them.
    named_armed_agent = any(k in armed - {"unidentified"} for k in agent_kinds)
    # Groups fighting with machetes or guns are communal militias in battle, as ACLED codes them.
    weapons_fight = "clash" in cues and _re(lex, "crowd_weapons").search(text)
    if cues & {"attack", "clash", "looting"} and not named_armed_agent and not weapons_fight \
            and _re(lex, "crowd_doers").search(text) \
            and not cues & {"riot", "suicide", "air", "shelling", "ied", "grenade"} \
            and not any(k in ("ethnic_militia", "communal_militia") for k in patient_kinds):
        # (burning tyres or barricades make a riot; fighting another community is a clash of their militias)
        return sd("Mob violence", "a crowd's violence without a demonstration")
    crowd = _re(lex, "crowd_words").search(text)
    # Soldiers rioting (ACLED's riots): a mutiny told as happening, or troops firing into the air with nobody
    # hit and no crowd to disperse. A mutiny named as background ("since the 2012 mutiny") is not one.
    mutiny = _re(lex, "mutiny").search(text) or (
        any(k == "state_military" for k in agent_kinds) and not patient_kinds and not victim_groups
        and _re(lex, "into_the_air").search(text) and not _re(lex, "crowd_control").search(text))
    if mutiny and not cues & {"clash"}:
        return sd("Violent demonstration", "soldiers rioting")
    if "riot" in cues and (not agent_armed or crowd or mutiny) and not violent - {"attack", "clash"}:
        return sd("Violent demonstration", "riot")
    if cues & {"clash", "attack"} and not agent_armed and not patient_armed and not weapons_fight \
            and _re(lex, "fight_words").search(text) and _re(lex, "unarmed_groups").search(text):
        return sd("Mob violence", "unarmed groups fighting")

    # Remote violence: the weapon decides, unless a ground fight follows or the device was found and made safe.
    remote = cues & {"suicide", "chemical", "air", "shelling", "ied", "grenade"}
    if remote == {"ied"} and _re(lex, "ied_as_object").search(text) and not _re(lex, "ied_went_off").search(text):
        remote = set()  # "killed six militants planting an IED": the device is what they carried, not the weapon
    if remote:
        if "disrupted" in cues and not _re(lex, "device_used").search(text):
            return sd("Disrupted weapons use", "explosive device found or defused")
        ground_fight = "clash" in cues or _re(lex, "ground_fight").search(text)
        armed_side = patient_armed or _attack_target(text, lex) == "armed" \
            or bool(_re(lex, "defenders_engaged").search(text))
        if remote & {"suicide", "shelling"} and "air" not in remote and ground_fight and armed_side:
            # ACLED's precedence: a suicide bombing or a mortar barrage that opens a ground assault is a battle
            return sd("Armed clash", "remote attack followed by ground fighting")
        if "suicide" in remote:
            return sd("Suicide bomb", "suicide attacker")
        if "chemical" in remote:
            return sd("Chemical weapon", "chemical agent")
        if "air" in remote:
            if _re(lex, "air_ground_fight").search(text) and (patient_armed or agent_armed) \
                    and not _re(lex, "air_strike_on").search(text):
                return sd("Armed clash", "ground fighting with air support")
            return sd("Air/drone strike", "air or drone strike")
        if "ied" in remote and (ground_fight or _re(lex, "rocket_launchers").search(text)) and armed_side:
            return sd("Armed clash", "IED ambush followed by ground fighting")
        if "shelling" in remote and not (cues & {"ied"} and _re(lex, "mortar").search(text) is None):
            return sd("Shelling/artillery/missile attack", "artillery, mortar or rockets")
        if "grenade" in remote:
            return sd("Grenade", "grenade")
        if "ied" in remote:
            return sd("Remote explosive/landmine/IED", "explosive device")
        return sd("Shelling/artillery/missile attack", "artillery, mortar or rockets")

    if cues & {"attack", "clash"} and _re(lex, "defenders_engaged").search(text):
        # a village's armed defenders who take on the attackers make it a battle, whatever the village suffered
        return sd("Armed clash", "village defenders fought the attackers")
    if "sexual" in cues:
        return sd("Sexual violence", "sexual violence")
    # Armed men killed or an armed post attacked, with some missing: a battle, not an abduction.
    armed_fight = cues & {"attack", "clash"} and (bool(victim_groups) and victim_groups <= {"state", "armed"}
                                                  or (patient_armed and _attack_target(text, lex) == "armed"))
    if "abduction" in cues and not (patient_armed and "clash" in cues) and not armed_fight:
        # Abducted and then killed is an attack (the graver act decides).
        if victim_groups or _re(lex, "abducted_and_killed").search(text):
            return sd("Attack", "abducted and killed")
        if "wounded" in cues or _re(lex, "homes_burned").search(text):
            return sd("Attack", "abduction within a wider attack")
        return sd("Abduction/forced disappearance", "abduction")

    if "territory_regained" in cues and (agent_state or not agent_kinds) and (
            "clash" in cues or "attack" in cues or _re(lex, "regained_place").search(text)):
        return sd("Government regains territory", "state forces retook an area")
    if "territory_taken" in cues and agent_armed and not agent_state and _re(lex, "taken_place").search(text):
        if "transfer" in cues:
            return sd("Non-violent transfer of territory", "area taken without fighting")
        return sd("Non-state actor overtakes territory", "armed group took an area")
    if "transfer" in cues and _re(lex, "transfer_place").search(text) and not (cues & {"attack", "clash"}):
        return sd("Non-violent transfer of territory", "withdrawal or handover")

    # An attack that hurt nobody and ended in looting or burning is coded by its outcome.
    if "looting" in cues and not victim_groups and not cues & {"wounded", "abduction", "sexual", "clash"} \
            and not _re(lex, "resistance").search(text) and _killed_target(text, lex) != "civilian" \
            and not _re(lex, "hurt_words").search(text) and not _re(lex, "hands_on").search(text) \
            and _attack_target(text, lex) != "armed":
        return sd("Looting/property destruction", "property looted or destroyed, nobody hurt")

    if cues & {"attack", "clash"}:
        if "crime_only" in negators and not agent_armed and not patient_armed:
            return "", "", "crime"
        target = _attack_target(text, lex)
        if _re(lex, "resistance").search(text) and (agent_armed or target == "armed"):
            return sd("Armed clash", "the targets fought back")
        # An attack on an armed force's convoy, patrol or post is a battle, whoever died in it.
        if target == "armed" and patient_armed and not _re(lex, "unarmed").search(text):
            return sd("Armed clash", "armed target attacked")
        # Who was killed decides a killing: a chief, a trader or an "unarmed suspect" make it an attack on civilians.
        killed = _killed_target(text, lex)
        if killed == "civilian" or _re(lex, "unarmed").search(text):
            return sd("Attack", "civilians killed")
        if killed == "armed":
            return sd("Armed clash", "armed people killed")
        if agent_armed and patient_armed:
            return sd("Armed clash", "armed groups on both sides")
        if victim_groups and victim_groups <= {"state", "armed"}:
            return sd("Armed clash", "armed victims")
        if victim_groups & {"civilian"} and not victim_groups & {"state", "armed"}:
            return sd("Attack", "civilian victims")
        if target == "armed":
            return sd("Armed clash", "armed target")
        if target == "civilian":
            return sd("Attack", "civilian target")
        if patient_civilian and not patient_armed:
            return sd("Attack", "armed actor against civilians")
        if "clash" in cues:
            return sd("Armed clash", "fighting")
        if agent_armed or patient_civilian or ("attack" in cues and (victim_groups or "wounded" in cues)):
            return sd("Attack", "violence with no armed opponent named")
        if "attack" in cues and not patient_armed and (_re(lex, "kill_words").search(text)
                                                         or _re(lex, "hands_on").search(text)):
            # "a healer was decapitated", "bodyguards beat up a pedestrian": someone was killed or beaten
            return sd("Attack", "violence with no armed opponent named")

    if "looting" in cues and ("wounded" in cues or _re(lex, "hands_on").search(text)) \
            and (agent_armed or patient_civilian):
        return sd("Attack", "robbery that hurt people")  # a robbery with wounds or blows is an attack on people

    if "looting" in cues:
        return sd("Looting/property destruction", "property looted or destroyed")
    if "arrest" in cues:
        return sd("Arrests", "arrest")
    if "disrupted" in cues:
        return sd("Disrupted weapons use", "weapons seized or attack foiled")
    if "agreement" in cues:
        return sd("Agreement", "agreement, release or surrender")
    if "hq" in cues:
        return sd("Headquarters or base established", "base established")
    if "change_group" in cues:
        return sd("Change to group/activity", "group change or deployment")
    armed_doer = any(k in armed - {"state_other"} for k in agent_kinds)  # not a minister's "threat"
    if cues & {"displacement"} and (violent or armed_doer or _re(lex, "prison_break").search(text)):
        # threats, ultimatums, prison breaks, bodies found: what armed actors do short of a coded act
        return sd("Other", "other development")
    return "", "", "no event cue"


# ACLED's coders sometimes open a note with the sub-event they coded ("Property destruction: militants burned ...").
# The codebook's names, and the lexicon's other names for them (`label_aliases`).
_LEADING_LABEL = re.compile(r"\s*([A-Za-z/ -]{4,40}):\s")


@lru_cache(maxsize=8)
def _label_names(lex: Lexicon) -> dict[str, str]:
    return {name.lower(): name for name in SUB_EVENT_TYPES} | {
        str(alias).lower(): str(sub) for alias, sub in lex.table("types", "label_aliases").items()}


def _stated_label(text: str, lex: Lexicon) -> str:
    m = _LEADING_LABEL.match(text)
    return _label_names(lex).get(m.group(1).strip().lower(), "") if m else ""


def _is_grievance(text: str, position: int, lex: Lexicon) -> bool:
    """True when the violence word at `position` is a noun in what people protest about; a verb ("residents
    protesting against the curfew vandalized ...") is what they did."""
    if _re(lex, "others_did_it").search(text[max(0, position - 40):position]):
        return True  # "after policemen seized their tricycles": the verb's subject is not the crowd
    if _re(lex, "done_verb").match(text[position:]):
        return False
    sentence = text[max(0, position - 150):position].rsplit(".", 1)[-1]
    grievance = _re(lex, "grievance_before").search(sentence)
    # "demonstrated against the attack, by barricading": the clause after the grievance is what they did
    return bool(grievance) and not _re(lex, "then_did").search(grievance.group() + text[position:position + 30])


def _intervened(text: str, lex: Lexicon) -> bool:
    """Police or soldiers stepped in at the protest: an intervention or arrest word not told as its grievance."""
    for hit in find_cues(text, 0, lex):
        if hit.cue in ("intervention", "arrest"):
            sentence = text[max(0, hit.start - 120):hit.start].rsplit(".", 1)[-1]
            if hit.cue == "intervention" or not _re(lex, "arrest_grievance").search(sentence):
                return True
    return False


def _arson_at_protest(text: str, lex: Lexicon) -> bool:
    """Arson or vandalism at a protest (the codebook's marks of a violent demonstration): "protests and arson
    attacks", "demonstrations ... including arson targeting police stations"; not when it is the grievance."""
    return any(_re(lex, "with_the_protest").search(text[max(0, m.start() - 40):m.start()])
               or not _is_grievance(text, m.start(), lex)
               for m in _re(lex, "riot_nouns").finditer(text))


def _crowd_violence(text: str, lex: Lexicon) -> bool:
    return any(not _is_grievance(text, m.start(1), lex) for m in _re(lex, "crowd_violence").finditer(text))


def _violent_cue(text: str, lex: Lexicon) -> bool:
    """A riot, mob or looting word that tells what happened at the protest, not what it was about."""
    return any(h.cue in ("riot", "mob", "looting") and not _is_grievance(text, h.start, lex)
               for h in find_cues(text, 0, lex))


def _is_reason(text: str, position: int, lex: Lexicon) -> bool:
    """True when the violence at `position` is what people protest about, not what happens at the protest."""
    return bool(_re(lex, "reason_before").search(text[max(0, position - 60):position]))


def people_handled(text: str, lex: Lexicon | None = None) -> bool:
    """Blows, whipping or shots fired at people: a robbery with them is an attack on people, not looting.
    Shots with no target named ("opened fire in the village") may be intimidation only."""
    lex = lex or get_lexicon()
    return any(not _re(lex, "needs_a_target").fullmatch(m.group()) or _re(lex, "aimed_at").match(text, m.end())
               for m in _re(lex, "hands_on").finditer(text))


def _first_object(matches: Iterator[re.Match], lex: Lexicon) -> re.Match | None:
    """The first verb match followed by its object: in "killed by gendarmes" the words after the verb are its
    agent, not what it hit."""
    return next((m for m in matches if not _re(lex, "agent_follows").match(m.group(1))), None)


def _killed_target(text: str, lex: Lexicon) -> str:
    """Who a killing verb's object is: 'assassinated a village chief' (civilian), 'killed two soldiers' (armed)."""
    passive = _re(lex, "passive_kill")
    m = _first_object((k for k in _re(lex, "kill_object").finditer(text)
                       if not passive.search(text, max(0, k.start() - 40), k.start())), lex)
    if not m:
        return ""
    words = m.group(1)
    armed = _re(lex, "armed_target").search(words)
    civilian = _re(lex, "civilian_target").search(words)
    if civilian and armed and civilian.start() > armed.end() \
            and not _re(lex, "noun_link").search(words[armed.end():civilian.start()]):
        return "civilian"  # 'a Dozo chief', 'a VDP member's wife': the last noun is the person
    if civilian and armed and civilian.end() <= armed.start() \
            and _re(lex, "described_as").fullmatch(words[civilian.end():armed.start()]):
        return "armed"  # 'three people described as Koglweogo militiamen': what the people were
    if civilian and (not armed or civilian.start() < armed.start()):
        return "civilian"
    if armed:
        return "armed"
    return ""


def _attack_target(text: str, lex: Lexicon) -> str:
    """What the attack hit: 'the army post' (armed) or 'the village' (civilian), by the noun the attack verb
    governs — after it in the active voice, before it in the passive ('a gendarmerie post was attacked')."""
    # passive: an auxiliary ("was attacked"), or a bare participle with its agent ("post attacked by gunmen")
    passive = _re(lex, "passive_attack").search(text) or _re(lex, "headline_passive").search(text)
    if passive:
        words = passive.group(1)
        armed = _re(lex, "armed_target").search(words)
        civilian = _re(lex, "civilian_target").search(words)
        if armed and not civilian:
            return "armed"
        if civilian and not armed:
            return "civilian"
    m = _first_object(_re(lex, "active_attack").finditer(text), lex)
    if not m:
        return ""
    words = m.group(1)
    armed = _re(lex, "armed_target").search(words)
    civilian = _re(lex, "civilian_target").search(words)
    if armed and (not civilian or armed.start() < civilian.start()):
        return "armed"
    if civilian:
        return "civilian"
    return ""
