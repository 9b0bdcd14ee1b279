"""ACLED's event type and sub-type from the cues of a passage and the kinds of actors involved.

The codebook's precedence, in short: protests and riots are about who acts (demonstrators, rioters, mobs);
remote weapons make an event Explosions/Remote violence whoever is hit, unless a ground fight follows;
organised armed groups fighting each other is a Battle; armed actors against unarmed people is Violence
against civilians; the rest (arrests, agreements, looting, seized weapons, bases, territory changing hands
without a fight) are Strategic developments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep.events.cues import find_cues
from sitrep.lexicon import Lexicon

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

_ARMED_TARGET = re.compile(
    r"\b(?:military|army|police|policem[ae]n|gendarmerie|gendarmes?|security|vdps?|volunteers?|fama|fds|troops?|"
    r"soldiers?|forces?|patrol|convoy|checkpoint|"
    r"(?<!hunting )(?<!refugee )(?<!idp )(?<!displaced )(?<!nomad )(?<!nomadic )(?<!tourist )camp|base|post|position|outpost|barracks|garrison|brigade|"
    r"detachment|unit|customs?|forest (?:agents?|guards?|rangers?)|rangers?|ranger station|guards?|"
    r"peacekeepers?|minusma|barkhane|militants?|jihadists?|terrorists?|rebels?|fighters?|insurgents?|"
    r"hideouts?|dozos?|hunters|militiam[ae]n|militia|self-defen[cs]e|koglweogo|gatia|msa|cma|jnim|isgs|"
    r"officers?|sergeants?|commanders?|lieutenants?|captains?|combatants?|servicem[ae]n)\b", re.I)
_RESISTANCE = re.compile(r"\b(?:gun ?fights?|fire ?fights?|shoot-?outs?|returned fire|responded to the attack|repelled|repulsed|routed|fought back|"
                         r"exchange(?:d)? (?:of )?fire|clash(?:ed|es)|fighting|counter-?attack(?:ed)?|retaliated|"
                         r"(?:assailants?|attackers?|militants?|gunmen) (?:were|was) (?:\w+ )?(?:killed|neutrali[sz]ed)|"
                         r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some) (?:of the )?"
                         r"(?:assailants?|attackers?|militants?|gunmen) (?:killed|dead|neutrali[sz]ed)|"
                         r"killing (?:an? |one |two |three |\d+ )?(?:assailants?|attackers?))\b", re.I)
_CIVILIAN_TARGET = re.compile(
    r"\b(?:civilians?|villagers?|village|residents?|inhabitants?|people|persons?|man|men|woman|women|children|"
    r"child|boys?|girls?|farmers?|herders?|herdsm[ae]n|pastoralists?|breeders?|market-?goers|travell?ers|traders?|merchants?|passengers?|worshippers?|teachers?|students?|"
    r"pupils?|imams?|chiefs?|village chief|councillors?|mayors?|officials?|families|family|household|home|"
    r"houses?|market|mosque|church|school|bus|vehicle|civil|villageois|population|shepherds?|miners?|"
    r"drivers?|pastor|priest|catechist|journalists?|aid workers?|nurses?|doctors?|icrc|red cross|msf|ngos?|"
    r"humanitarian(?:s| workers?| convoy)?|unhcr|(?:hunting|refugee|idp|displaced|nomad(?:ic)?|tourist) camps?)\b", re.I)


def decide_type(cues: set[str], text: str, agent_kinds: list[str], patient_kinds: list[str],
                victim_groups: set[str], negators: set[str], lex: Lexicon | None = None) -> tuple[str, str, str]:
    """(event_type, sub_event_type, reason), or ('', '', reason) when the passage reports no event."""
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

    if stated := _stated_label(text):
        return sd(stated, "the note's own ACLED label")

    # (people who protest or riot over a flood or a road accident still demonstrate: ACLED codes it whatever the cause)
    if ("accident" in negators or "disaster" in negators) and not (cues & {"attack", "clash", "abduction", "protest",
                                                                           "riot"}):
        return "", "", "accident or disaster"

    # Demonstrations and riots: who acts decides. Violence named as the protest's reason ("protested the
    # murder of ...", "to denounce the massacres") is not violence at the protest.
    protest_hit = re.search(_PROTEST_WORDS, text, re.I)
    first_violence = re.search(_VIOLENCE_WORDS, text, re.I)
    protest_first = bool(protest_hit) and (first_violence is None or protest_hit.start() < first_violence.start()
                                           or _is_reason(text, first_violence.start()))
    if ("protest" in cues or protesters) and (protest_first or not agent_armed) and not (
            cues & {"suicide", "air", "shelling", "ied", "sexual"}):
        # burning a flag or an effigy is a symbol, not violence
        acts = _SYMBOLIC_BURNING.sub(" ", text)
        if _SOLDIERS_PROTEST.search(text) and _GUNFIRE.search(text):
            return sd("Violent demonstration", "soldiers rioting")
        if _violent_cue(acts) or _crowd_violence(acts) or _CROWD_DID_IT.search(acts) or _arson_at_protest(acts):
            return sd("Violent demonstration", "protest with violence by demonstrators")
        if re.search(r"\b(?:killed|shot dead|shot|live (?:ammunition|rounds|bullets)|died)\b", text, re.I) and (
                agent_state or re.search(r"\b(?:police|security forces|soldiers|gendarmes|army)\b", text, re.I)) \
                and not _is_reason(text, (first_violence.start() if first_violence else 0)):
            return sd("Excessive force against protesters", "protesters killed or shot by state forces")
        if cues & {"intervention", "arrest"} and _intervened(text):
            return sd("Protest with intervention", "protest dispersed or protesters arrested")
        return sd("Peaceful protest", "demonstration without violence")
    if "mob" in cues and not (agent_armed and cues & {"clash"}):
        return sd("Mob violence", "mob or lynching")
    # Residents, youths or party supporters who attack, beat or burn with no demonstration: a mob (ACLED's Mob
    # violence), unless a named armed group does it with them.
    named_armed_agent = any(k in armed - {"unidentified"} for k in agent_kinds)
    # Groups fighting with machetes or guns are communal militias in battle, as ACLED codes them.
    weapons_fight = "clash" in cues and _CROWD_WEAPONS.search(text)
    if cues & {"attack", "clash", "looting"} and not named_armed_agent and not weapons_fight \
            and _CROWD_DOERS.search(text) \
            and not cues & {"riot", "suicide", "air", "shelling", "ied", "grenade"} \
            and not any(k in ("ethnic_militia", "communal_militia") for k in patient_kinds):
        # (burning tyres or barricades make a riot; fighting another community is a clash of their militias)
        return sd("Mob violence", "a crowd's violence without a demonstration")
    crowd = re.search(_CROWD_WORDS, text, re.I)
    # Soldiers rioting (ACLED's riots): a mutiny told as happening, or troops firing into the air with nobody
    # hit and no crowd to disperse. A mutiny named as background ("since the 2012 mutiny") is not one.
    mutiny = _MUTINY.search(text) or (
        any(k == "state_military" for k in agent_kinds) and not patient_kinds and not victim_groups
        and _INTO_THE_AIR.search(text) and not re.search(r"\bdisperse|\bcrowds?\b|protest|demonstrat", text, re.I))
    if mutiny and not cues & {"clash"}:
        return sd("Violent demonstration", "soldiers rioting")
    if "riot" in cues and (not agent_armed or crowd or mutiny) and not violent - {"attack", "clash"}:
        return sd("Violent demonstration", "riot")
    if cues & {"clash", "attack"} and not agent_armed and not patient_armed and not weapons_fight and re.search(
            r"\b(?:clash(?:ed|es)?|fight|fought|brawl)\b", text, re.I) and re.search(
            r"\b(?:famil(?:y|ies)|communit(?:y|ies)|villagers|residents|youths?|groups? of (?:people|youths|residents)|"
            r"people from|herders and farmers|farmers and herders|supporters|traders|vendors|miners|students|pupils|"
            r"(?:political )?(?:opponents|rivals)|brotherhoods)\b", text, re.I):
        return sd("Mob violence", "unarmed groups fighting")

    # Remote violence: the weapon decides, unless a ground fight follows or the device was found and made safe.
    remote = cues & {"suicide", "chemical", "air", "shelling", "ied", "grenade"}
    if remote == {"ied"} and _IED_AS_OBJECT.search(text) and not _IED_WENT_OFF.search(text):
        remote = set()  # "killed six militants planting an IED": the device is what they carried, not the weapon
    if remote:
        if "disrupted" in cues and not re.search(r"\b(?:exploded|went off|detonated|explosion|blast|killed|killing|"
                                                 r"wounded|injured|struck|hit)\b", text, re.I):
            return sd("Disrupted weapons use", "explosive device found or defused")
        ground_fight = "clash" in cues or _GROUND_FIGHT.search(text)
        armed_side = patient_armed or _attack_target(text) == "armed" or bool(_DEFENDERS_ENGAGED.search(text))
        if remote & {"suicide", "shelling"} and "air" not in remote and ground_fight and armed_side:
            # ACLED's precedence: a suicide bombing or a mortar barrage that opens a ground assault is a battle
            return sd("Armed clash", "remote attack followed by ground fighting")
        if "suicide" in remote:
            return sd("Suicide bomb", "suicide attacker")
        if "chemical" in remote:
            return sd("Chemical weapon", "chemical agent")
        if "air" in remote:
            if re.search(r"\bair[- ](?:supported|ground)\b|\bground (?:forces|troops|operation|assault|fighting)|"
                         r"helicopter drops?|commandos?|\bclash|gunfire|intervened with|\bambush(?:ed)?\b|"
                         r"\bengag(?:ed|ing)\b|\bin combat\b|\bon (?:land|the ground)\b|\bfollowed by\b", text, re.I) and (
                    patient_armed or agent_armed) and not re.search(r"\bair ?strikes? (?:on|against|targeting)\b", text, re.I):
                return sd("Armed clash", "ground fighting with air support")
            return sd("Air/drone strike", "air or drone strike")
        if "ied" in remote and (ground_fight or re.search(r"\b(?:rpgs?|rocket-propelled)\b", text, re.I)) and armed_side:
            return sd("Armed clash", "IED ambush followed by ground fighting")
        if "shelling" in remote and not (cues & {"ied"} and re.search(r"\bmortar\b", text, re.I) is None):
            return sd("Shelling/artillery/missile attack", "artillery, mortar or rockets")
        if "grenade" in remote:
            return sd("Grenade", "grenade")
        if "ied" in remote:
            if re.search(r"^\W*(?:explosion|blast|explosions|blasts)\W*$", " ".join(sorted(remote)), re.I):
                pass
            return sd("Remote explosive/landmine/IED", "explosive device")
        return sd("Shelling/artillery/missile attack", "artillery, mortar or rockets")

    if cues & {"attack", "clash"} and _DEFENDERS_ENGAGED.search(text):
        # a village's armed defenders who take on the attackers make it a battle, whatever the village suffered
        return sd("Armed clash", "village defenders fought the attackers")
    if "sexual" in cues:
        return sd("Sexual violence", "sexual violence")
    # Armed men killed or an armed post attacked, with some missing: a battle, not an abduction.
    armed_fight = cues & {"attack", "clash"} and (bool(victim_groups) and victim_groups <= {"state", "armed"}
                                                  or (patient_armed and _attack_target(text) == "armed"))
    if "abduction" in cues and not (patient_armed and "clash" in cues) and not armed_fight:
        # Abducted and then killed is an attack (the graver act decides).
        if victim_groups or re.search(r"\b(?:abducted|kidnapped|detained|seized) and (?:then )?(?:killed|executed|"
                                      r"murdered|shot)|(?:killed|executed|murdered|found dead|beheaded|hanged|hung)\b|"
                                      r"\b(?:his|her|their|the) bod(?:y|ies) (?:was |were )?(?:later )?(?:found|discovered)",
                                      text, re.I):
            return sd("Attack", "abducted and killed")
        if "wounded" in cues or re.search(r"\b(?:burn(?:ed|t)|torched|set fire to) (?:\w+ ){0,2}(?:houses|huts|homes|"
                                          r"granaries|village)\b", text, re.I):
            return sd("Attack", "abduction within a wider attack")
        return sd("Abduction/forced disappearance", "abduction")

    if "territory_regained" in cues and (agent_state or not agent_kinds) and ("clash" in cues or "attack" in cues
                                                                              or re.search(r"\b(?:town|village|city|area|locality|base|camp)\b", text, re.I)):
        return sd("Government regains territory", "state forces retook an area")
    if "territory_taken" in cues and agent_armed and not agent_state and re.search(
            r"\b(?:town|village|city|area|locality|base|camp|post|district|commune|control)\b", text, re.I):
        if "transfer" in cues:
            return sd("Non-violent transfer of territory", "area taken without fighting")
        return sd("Non-state actor overtakes territory", "armed group took an area")
    if "transfer" in cues and re.search(r"\b(?:town|village|city|area|base|camp|post|position|locality)\b", text, re.I) \
            and not (cues & {"attack", "clash"}):
        return sd("Non-violent transfer of territory", "withdrawal or handover")

    # An attack that hurt nobody and ended in looting or burning is coded by its outcome.
    if "looting" in cues and not victim_groups and not cues & {"wounded", "abduction", "sexual", "clash"} \
            and not _RESISTANCE.search(text) and _killed_target(text) != "civilian" \
            and not re.search(r"\b(?:died|injured|wounded)\b", text, re.I) and not _HANDS_ON.search(text) \
            and _attack_target(text) != "armed":
        return sd("Looting/property destruction", "property looted or destroyed, nobody hurt")

    if cues & {"attack", "clash"}:
        if "crime_only" in negators and not agent_armed and not patient_armed:
            return "", "", "crime"
        target = _attack_target(text)
        if _RESISTANCE.search(text) and (agent_armed or target == "armed"):
            return sd("Armed clash", "the targets fought back")
        # An attack on an armed force's convoy, patrol or post is a battle, whoever died in it.
        if target == "armed" and patient_armed and not _UNARMED.search(text):
            return sd("Armed clash", "armed target attacked")
        # Who was killed decides a killing: a chief, a trader or an "unarmed suspect" make it an attack on civilians.
        killed = _killed_target(text)
        if killed == "civilian" or _UNARMED.search(text):
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
        if "attack" in cues and not patient_armed and (re.search(_KILL_WORDS, text, re.I) or _HANDS_ON.search(text)):
            # "a healer was decapitated", "bodyguards beat up a pedestrian": someone was killed or beaten
            return sd("Attack", "violence with no armed opponent named")

    if "looting" in cues and ("wounded" in cues or _HANDS_ON.search(text)) and (agent_armed or patient_civilian):
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
    if cues & {"displacement"} and (violent or armed_doer or _PRISON_BREAK.search(text)):
        # threats, ultimatums, prison breaks, bodies found: what armed actors do short of a coded act
        return sd("Other", "other development")
    return "", "", "no event cue"


# A village's armed defenders taking on the attackers ("the Dozo responded to the attack", "self-defence
# militiamen defending the village were overpowered", "the attack was repelled by the village self-defence").
_DEFENDERS = (r"(?:self-defen[cs]e(?: groups?| militia(?:men)?)?|dozos?|koglweogos?|kolgweogos?|vdps?|volunteers|"
              r"hunters|militiam[ae]n|militias?)")
_DEFENDERS_ENGAGED = re.compile(
    r"\b" + _DEFENDERS + r"\b[^.;]{0,60}?\b(?:respond(?:ed|ing) to|repel(?:led|ling|s)?|repuls(?:ed|ing|es)?|"
    r"defend(?:ing|ed)|fought|engag(?:ed|ing)|counter-?attack(?:ed|ing)?|pursued|chased|overpowered|returned fire|"
    r"exchanged fire)\b|\b(?:repelled|repulsed|pushed back) by (?:the )?(?:\w+ ){0,3}" + _DEFENDERS + r"\b", re.I)
# Soldiers, police or militiamen off duty or retired are hit as civilians are (ACLED codes them as such).
_UNARMED = re.compile(r"\b(?:unarmed|off[- ]duty|on leave|in civilian clothes|retired)\b", re.I)
# ACLED's coders sometimes open a note with the sub-event they coded ("Property destruction: militants burned ...").
# The codebook's names, their halves, and "Non-violent activity", ACLED's former name for what is now "Other".
_LABEL_NAMES = {name.lower(): name for name in SUB_EVENT_TYPES} | {
    "property destruction": "Looting/property destruction", "looting": "Looting/property destruction",
    "non-violent activity": "Other"}
_LEADING_LABEL = re.compile(r"\s*([A-Za-z/ -]{4,40}):\s")


def _stated_label(text: str) -> str:
    m = _LEADING_LABEL.match(text)
    return _LABEL_NAMES.get(m.group(1).strip().lower(), "") if m else ""


_CROWD_WEAPONS = re.compile(r"\b(?:blade weapons?|machetes?|firearms?|rifles?|bows|arrows|knives|hunting guns?|"
                            r"shotguns?|guns)\b", re.I)
_CROWD_DOERS = re.compile(
    r"(?<!armed )\b(?:youths?|residents|locals|villagers|students|traders|merchants|vendors|butchers|supporters|"
    r"activists|(?:political )?opponents|miners|inhabitants|crowds?|group of (?:youths?|people|residents|individuals))"
    r"\b[^.,;]{0,50}?(?<!were )(?<!was )(?<!been )\b(?:attacked|assaulted|beat|beat up|clashed|fought|ransacked|burned|burnt|"
    r"set fire|torched|lynched|stoned|destroyed|vandali[sz]ed|intruded|stormed|looted|accosted)\b", re.I)
_CROWD_WORDS = (r"\b(?:youths?|residents|traders|vendors|students|pupils|miners|villagers|crowd|rioters|protesters|"
                r"demonstrators|inhabitants|population|women|drivers|workers)\b")
_PROTEST_WORDS = (r"\b(?:protest(?:ed|ers|ors|s|ing)?|demonstrat(?:ed|ion|ions|ors|ing)|march(?:ed|es)?|rall(?:y|ied|ies)|"
                  r"sit-in|strike|riot(?:ed|s|ers)?)\b")
# A ground fight alongside a remote weapon: "an IED followed by gunfire", "assaulted the base after a mortar barrage".
_GROUND_FIGHT = re.compile(r"\b(?:exchange(?:d)? (?:of )?(?:heavy )?(?:gun)?fire|gunfight|firefight|fought|then (?:opened|"
                           r"attacked)|followed by|before opening fire|complex (?:ambush|attack)|multi-?pronged|"
                           r"(?:heavy )?gunfire|small[- ]arms|commandos|armed assault|"
                           r"assaulted (?:the|a|an) (?:\w+ ){0,3}(?:base|camp|post|position|checkpoint))\b", re.I)
# An IED named as what people planted, made or had seized, not as what went off.
_IED_AS_OBJECT = re.compile(r"\b(?:plant\w*|seiz\w*|manufactur\w*|making|cache|recovered|dismantl\w*)\b[^.]{0,40}?"
                            r"\b(?:IEDs?|improvised explosive devices?|explosive devices?|explosives|mines)\b|"
                            r"\b(?:IEDs?|explosives?)[- ](?:planters?|manufactur\w*|makers?|making|materi\w+|factory|workshop)",
                            re.I)
_IED_WENT_OFF = re.compile(r"\b(?:explo(?:ded|sion|sions)|detonat\w*|blasts?|went off|struck (?:an?|by)|hit (?:an?|by)|"
                           r"ran over|stepped on)\b", re.I)
_PRISON_BREAK = re.compile(r"\b(?:broke|escaped|breaking) out of\b|\b(?:prison|jail) ?(?:break|escape)|\bjailbreak|"
                           r"\bescaped from (?:the |a )?(?:\w+ )?(?:prison|jail)", re.I)
_MUTINY = re.compile(r"\bmutin(?:ied|ying|eers?)\b|(?<!\d{4} )(?<!since the )(?<!after the )(?<!of the )\bmutiny\b"
                     r"(?! of \d)(?! in \d{4})", re.I)
_INTO_THE_AIR = re.compile(r"\b(?:fir(?:ed|ing)|shoot(?:ing)?|shot)\s+(?:gun ?shots?\s+|shots\s+|rounds\s+)?"
                           r"in(?:to)?\s+the\s+air\b|\bsoldiers\s+rioted\b", re.I)
# "Police stations were attacked by student demonstrators", "clashes between protesters and police"
_CROWD_DID_IT = re.compile(r"\b(?:attacked|burn(?:ed|t)|set on fire|torched|ransacked|vandali[sz]ed|stoned|looted|"
                           r"destroyed|damaged)\s+by\s+(?:\w+\s+){0,3}?(?:protesters|demonstrators|students|youths|"
                           r"rioters|crowds?|mobs?|strikers)\b|\bclash(?:es|ed)?\s+(?:between|with)\s+(?:the\s+)?"
                           r"(?:\w+\s+)?(?:protesters|demonstrators|students|youths|rioters|strikers)\b", re.I)
# Demonstrators doing violence ("youths burned tyres", "smashed windows", protesters armed with clubs), unless it is what they denounce ("the demonstrators
# denounced recurring attacks").
_CROWD_VIOLENCE = re.compile(r"\b(?:protesters|demonstrators|youths?|residents|students|rioters|crowd|strikers|workers)"
                             r"\b[^.]{0,80}?\b(burn|set fire|stone|vandal|loot|ransack|attack|assault|clash|barricad|"
                             r"destroy|damag|fight|beat|forced|threat|injur|wound|torch|smash|sett?ing (?:fire|ablaze)|"
                             r"arson|(?:armed )?with (?:\w+ and )?(?:clubs|machetes|knives|cudgels|sticks))", re.I)
# Soldiers or police protesting with their weapons: a mutiny, which ACLED codes as a riot.
_SOLDIERS_PROTEST = re.compile(r"\b(?:soldiers|troops|policemen|police officers|gendarmes)\b[^.]{0,60}\bprotest(?:ing|ed)\b|"
                               r"\bprotests? by (?:\w+ )?(?:soldiers|troops|policemen|police officers|gendarmes)\b|"
                               r"\b(?:army|police|soldiers'?|military) mutin(?:y|ies)\b", re.I)
_GUNFIRE = re.compile(r"\b(?:gun ?shots|gunfire|shooting|shots (?:were )?(?:fired|heard)|fir(?:ed|ing) (?:their )?"
                      r"(?:weapons|guns|in the air|into the air))\b", re.I)


# What a protest denounces: "denounced recurring attacks", "in protest against an incident when students stripped".
_GRIEVANCE_BEFORE = re.compile(r"\b(?:against|over|denounc\w*|condemn\w*|in (?:response|reaction) to|following|after|"
                               r"in the wake of|because of|justice for|in memory of|in solidarity with|"
                               r"protest(?:ed|ing)? (?:against|over|the))(?:,?\s+[\w'-]+){0,12}\s*$", re.I)


# Forces or armed men as the subject right before a violence verb: what was done to the demonstrators.
_OTHERS_DID_IT = re.compile(r"\b(?:police(?:men)?|policemen|soldiers|gendarmes|army|troops|security forces|militants|"
                            r"gunmen|bandits|jihadists|authorities)\s+(?:\w+ly\s+|had\s+|have\s+)?$", re.I)


def _is_grievance(text: str, position: int) -> bool:
    """True when the violence word at `position` is a noun in what people protest about; a verb ("residents
    protesting against the curfew vandalized ...") is what they did."""
    if _OTHERS_DID_IT.search(text[max(0, position - 40):position]):
        return True  # "after policemen seized their tricycles": the verb's subject is not the crowd
    if re.match(r"(?:[\w-]+ed|burnt)\b", text[position:]):
        return False
    sentence = text[max(0, position - 150):position].rsplit(".", 1)[-1]
    grievance = _GRIEVANCE_BEFORE.search(sentence)
    # "demonstrated against the attack, by barricading": the clause after the grievance is what they did
    return bool(grievance) and not re.search(r"(?:,\s*by|\band)\s+(?!armed\b)\w+(?:ed|ing)\b",
                                             grievance.group() + text[position:position + 30])


# Arrests a protest is about: "demanding the release of those arrested", "denounced arbitrary arrests".
_ARREST_GRIEVANCE = re.compile(r"\b(?:release|freeing|relatives|families|denounc\w*|condemn\w*|against|over|"
                               r"demand\w*|who (?:were|had been|have been)|(?:the|their|his|her) (?:recent )?)"
                               r"(?:,?\s+[\w'-]+){0,8}\s*$", re.I)


def _intervened(text: str) -> bool:
    """Police or soldiers stepped in at the protest: an intervention or arrest word not told as its grievance."""
    for hit in find_cues(text):
        if hit.cue in ("intervention", "arrest"):
            sentence = text[max(0, hit.start - 120):hit.start].rsplit(".", 1)[-1]
            if hit.cue == "intervention" or not _ARREST_GRIEVANCE.search(sentence):
                return True
    return False


# Arson or vandalism at a protest (the codebook's marks of a violent demonstration): "protests and arson attacks",
# "demonstrations ... including arson targeting police stations"; not when it is the grievance ("against the arson of").
_RIOT_NOUNS = re.compile(r"\b(?:arson|vandalism)\b", re.I)
_WITH_THE_PROTEST = re.compile(r"\b(?:(?:protests?|demonstrations?|riots?|unrest)\s+(?:and|with)|including)\s+"
                               r"(?:\w+\s+and\s+)?$", re.I)


def _arson_at_protest(text: str) -> bool:
    return any(_WITH_THE_PROTEST.search(text[max(0, m.start() - 40):m.start()]) or not _is_grievance(text, m.start())
               for m in _RIOT_NOUNS.finditer(text))


def _crowd_violence(text: str) -> bool:
    return any(not _is_grievance(text, m.start(1)) for m in _CROWD_VIOLENCE.finditer(text))


def _violent_cue(text: str) -> bool:
    """A riot, mob or looting word that tells what happened at the protest, not what it was about."""
    return any(h.cue in ("riot", "mob", "looting") and not _is_grievance(text, h.start) for h in find_cues(text))


_SYMBOLIC_BURNING = re.compile(r"\b(?:burn(?:ed|t|ing)?|set fire to|torch(?:ed|ing)?)\s+(?:(?!and\b)\w+\s+){0,3}?(?:flags?|"
                               r"effig(?:y|ies)|portraits?|pictures?|photos?|caricatures?|copies)\b", re.I)
_VIOLENCE_WORDS = (r"\b(?:kill(?:ed|ing)?|murder(?:ed)?|attack(?:ed|s)?|massacres?|shot|abduct(?:ed|ion)|"
                   r"kidnap(?:ped|ping)|rap(?:e|ed)|assassinat(?:ed|ion)|death|insecurity|violence)\b")
_REASON_BEFORE = re.compile(r"(?:against|over|denounc\w*|condemn\w*|in response to|in reaction to|following|after|"
                            r"demand\w*(?: justice for)?|protest\w*(?: against| over)?|because of|to protest|"
                            r"regarding|about|justice for|in memory of|commemorat\w*|in solidarity with|the)"
                            r"(?:\s+\w+){0,4}\s*$", re.I)


def _is_reason(text: str, position: int) -> bool:
    """True when the violence at `position` is what people protest about, not what happens at the protest."""
    return bool(_REASON_BEFORE.search(text[max(0, position - 60):position]))


# Violence to people short of wounds: a robbery with it is an attack, not looting.
_HANDS_ON = re.compile(r"\b(?:assault(?:ed|ing)|whipp(?:ed|ing)|flogg(?:ed|ing)|tortur(?:ed|ing)|beat(?:en|ing)?|"
                       r"opened fire|fired (?:on|at|against|upon)|shot (?:at|and)|tied up|violently|molest(?:ed)?|"
                       r"manhandled|(?:mal|mis|ill-)treated)\b", re.I)


def people_handled(text: str, lex: Lexicon | None = None) -> bool:
    """Blows, whipping or shots fired at people: a robbery with them is an attack on people, not looting.
    Shots with no target named ("opened fire in the village") may be intimidation only."""
    return any(m.group().lower() != "opened fire" or re.match(r"\s+(?:on|at|against|upon)\b", text[m.end():], re.I)
               for m in _HANDS_ON.finditer(text))


_KILL_WORDS = (r"\b(?:assassinated|decapitated|executed|shot dead|killed|murdered|beheaded|slit the throats? of|gunned down|"
               r"stabbed to death|beat(?:en)? to death|lynched)\b")


def _first_object(matches: Iterator[re.Match]) -> re.Match | None:
    """The first verb match followed by its object: in "killed by gendarmes" the words after the verb are its
    agent, not what it hit."""
    return next((m for m in matches if not re.match(r"\s+by\b", m.group(1), re.I)), None)


def _killed_target(text: str) -> str:
    """Who a killing verb's object is: 'assassinated a village chief' (civilian), 'killed two soldiers' (armed)."""
    m = _first_object(re.finditer(_KILL_WORDS + r"((?:\s+[\w'-]+){1,5})", text, re.I))
    if not m:
        return ""
    words = m.group(1)
    armed = _ARMED_TARGET.search(words)
    civilian = _CIVILIAN_TARGET.search(words)
    if civilian and armed and civilian.start() > armed.end() and not re.search(
            r"\b(?:and|as well as|plus|in|at|near|on|of|from|to|inside|outside|into|by|with|for|aboard)\b|,",
            words[armed.end():civilian.start()]):
        return "civilian"  # 'a Dozo chief', 'a VDP member's wife': the last noun is the person
    if civilian and (not armed or civilian.start() < armed.start()):
        return "civilian"
    if armed:
        return "armed"
    return ""


# A headline's bare participle: "Malian army post attacked in Boni", "convoy ambushed near Gao".
_HEADLINE_PASSIVE = re.compile(r"((?:[\w'-]+\s+){0,4}(?:post|camp|base|unit|convoy|patrol|escort|checkpoint|position)s?)"
                               r"\s+(?:attacked|ambushed|targeted)(?=\s+(?:in|near|at|on|around|along|between|overnight)\b)",
                               re.I)


def _attack_target(text: str) -> str:
    """What the attack hit: 'the army post' (armed) or 'the village' (civilian), by the noun the attack verb
    governs — after it in the active voice, before it in the passive ('a gendarmerie post was attacked')."""
    # passive: an auxiliary ("was attacked"), or a bare participle with its agent ("post attacked by gunmen")
    passive = re.search(r"((?:[\w'-]+\s+){1,5})(?:(?:was|were|had been|has been|being)\s+(?:\w+ly\s+)?"
                        r"(?:attacked|ambushed|targeted|raided|stormed|hit|struck|beaten)\b|"
                        r"(?:attacked|ambushed|targeted|raided|stormed|hit|struck)(?=\s+by\b))", text, re.I) \
        or _HEADLINE_PASSIVE.search(text)
    if passive:
        words = passive.group(1)
        armed = _ARMED_TARGET.search(words)
        civilian = _CIVILIAN_TARGET.search(words)
        if armed and not civilian:
            return "armed"
        if civilian and not armed:
            return "civilian"
    m = _first_object(re.finditer(
        r"\b(?:attack(?:ed|s|ing)?|raid(?:ed)?|ambush(?:ed)?|target(?:ed|ing)|storm(?:ed)?|assault(?:ed)?|"
        r"fired (?:up)?on|opened fire (?:on|against|at)|shot dead|shot|killed|executed|assassinated|"
        r"murdered|beheaded|gunned down|abducted and killed)\b(?:\s+on)?((?:\s+[\w'-]+){1,6})", text, re.I))
    if not m:
        return ""
    words = m.group(1)
    armed = _ARMED_TARGET.search(words)
    civilian = _CIVILIAN_TARGET.search(words)
    if armed and (not civilian or armed.start() < civilian.start()):
        return "armed"
    if civilian:
        return "civilian"
    return ""
