"""Fatality figures in a passage, by ACLED's conventions.

Every figure found is kept (victim group, number, whether vague, the words it came from); the event's
ACLED figure is the sum over distinct victim groups of the lowest credible figure for each group, with
"dozens" 12, "hundreds" 100, "several"/"many" 10, "a few" 3, and an explicit "no casualties" 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.lexicon import Lexicon
from sitrep.numbers import NUMBER_PATTERN, VAGUE_QUANTITIES, parse_number, parse_quantity
from sitrep.records import Span

_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE_QUANTITIES), key=len, reverse=True))
_QTY_BODY = (r"(?:a reported|at least|more than|over|about|around|nearly|almost|some|up to|an estimated|approximately|"
             r"roughly|a total of|as many as|no fewer than|at most|some)?\s*(?:" + NUMBER_PATTERN + r"|" + _VAGUE + r")")
_QTY = r"(?P<qty>" + _QTY_BODY + r")"
_QTY_OR_ONE = r"(?P<qty>a|an|one|" + _QTY_BODY + r")"
_DEATH_VERB = (r"(?:killed|dead|died|die|slain|murdered|massacred|executed|shot dead|shot and killed|gunned down|"
               r"beheaded|strangled|hanged|"
               r"lost (?:their|his|her) li(?:ves|fe)|perished|succumbed|were burned alive|burnt to death|"
               r"burned to death|lynched|neutrali[sz]ed|assassinated|tués?|morts?|décédés?)")
_VICTIM = (r"(?P<victim>(?:(?!(?:wounded|injured|hurt)\b)[\w'-]+\s+){0,4}?(?:people|persons?|civilians?|villagers?|residents?|inhabitants?|"
           r"soldiers?|troops?|servicemen|military|militaires|soldats|policemen|police officers?|officers?|police|"
           r"gendarmes?|guards?|guardsmen|personnel|members?|fighters?|militants?|jihadists?|terrorists?|"
           r"assailants?|attackers?|gunmen|insurgents?|rebels?|militiamen|militia|hunters?|dozos?|vdps?|volunteers?|"
           r"men|women|children|boys?|girls?|students?|pupils?|teachers?|traders?|herders?|farmers?|"
           r"worshippers?|passengers?|miners?|workers?|wagner (?:fighters|mercenaries)|mercenaries|"
           r"individuals?|victims?|bodies|elements?|suspects?|kidnappers?|bandits?|others|of them|of whom|"
           r"dozos?|personnes|civils|villageois|terroristes|youths?|elders?|notables?|worshipers?|marketgoers?|"
           r"council(?:m[ae]n|lors?)|chiefs?|officials?|fulanis?|dogons?|peuls?|bambaras?|mossis?|tuaregs?|arabs?|"
           r"hostages?|captives?|detainees?|prisoners?|agents?|employees?|staff|peacekeepers?|foreigners?|"
           r"nationals?|relatives?|sons?|daughters?|brothers?|family members|talibes?|herdsmen|shepherds?|"
           r"merchants?|drivers?|travell?ers?|displaced|idps?|refugees?|combatants?|tribesmen|protesters?|"
           r"demonstrators?|pastoralists?|occupants?|contractors?|militiaman)(?!\w))")
# a noun phrase after a killing verb and a number: any words up to a preposition
_KILL_NP = (r"(?P<victim>(?:(?!(?:wounded|injured|hurt|in|at|on|near|and|with|from|during|while|after|before|between|who|which|"
            r"of|by|as|to|for|inside|outside|around|including|among)\b)[\w'-]+\s*){1,4})")
_KILL_VERB = (r"(?:killing|killed|kills|kill|massacring|massacred|executing|executed|slaughtered|assassinated|"
              r"assassinating|murdered|murdering|shot dead|shooting dead|beheaded|decapitated|gunned down|lynched|"
              r"slit the throats? of|slitting the throats? of|burned alive|burnt alive)")

# determiners and pronouns that stand for one person: "killed the chief", "killing him"
_ONE_PERSON = {"the", "him", "her", "himself", "herself"}
# a day of the month is no figure: "found on March 23 executed"
_IS_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I)
_PATTERNS = [
    # "killed a teacher", "assassinated the village chief", "killed and decapitated a Fulani man"
    re.compile(r"\b" + _KILL_VERB + r"\s+(?:to death\s+)?(?:and \w+\s+)?(?P<qty>a|an|one|the)\s+(?!(?:number|unknown|unspecified|undetermined|reported|estimated|total|dozen|"
               r"few|handful|couple|large|great|small)\b)"
               + _KILL_NP, re.I),
    # "killing 12 soldiers", "killed at least 5 civilians", "killed three Dogon marketgoers"
    re.compile(r"\b(?:" + _KILL_VERB + r"|left|leaving|claiming the lives of|tuant|faisant)\s+" + _QTY + r"\s+"
               + _KILL_NP + r"(?P<tail>\s+(?:dead|killed))?", re.I),
    # "12 soldiers were killed", "5 civilians died", "two people dead"
    # "14 civilians (among them 7 pupils) were killed", "three people including a girl were killed"
    re.compile(r"\b" + _QTY + r"\s+" + _VICTIM + r"(?:\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?(?:community|village|"
               r"family|group|unit|camp|army|militia|movement))?"
               + r"(?P<incl>\s*\([^()]{1,60}\)|,?\s+(?:including|among them|"
               r"among whom|mostly|mainly)\s+(?:(?!\b(?:were|was|are|is|and\s+\w+\s+(?:were|was))\b)[^.;]){1,70}?,?)?" + r"\s+(?:(?!(?:wounded|injured|hurt|and)\b)\w+\s+){0,4}?(?:(?:were|was|have been|had been|are|"
               r"got|being|reportedly|allegedly)\s+){0,2}" + _DEATH_VERB + r"\b", re.I),
    # "12 killed", "at least 20 dead"
    # "five were found executed", "tens were reportedly killed"
    re.compile(r"\b" + _QTY + r"\s+(?:(?:were|are|have been)\s+(?:(?:reportedly|allegedly|later|also|all|found|summarily)"
               r"\s+){0,2})?(?P<victim>)(?:killed|dead|deaths|fatalities|bodies|corpses|died|executed|tués|morts)\b",
               re.I),
    # "the death toll rose to 30", "put the toll at eight militants"
    re.compile(r"\b(?:death toll|toll|bilan)\s+(?:\w+\s+){0,4}?(?:to|of|at|is|was|stands at|reached|hit|"
               r"climbed to|rose to|de)\s+" + _QTY + r"(?:\s+" + _VICTIM + r")?", re.I),
    # "the bodies of 7 civilians", "the corpses of two men"
    re.compile(r"\b(?:bodies|corpses) of\s+" + _QTY + r"\s+" + _VICTIM, re.I),
    # "killing four.", "killed two and wounded five", "killing four of them", "killed one of the militiamen",
    # "shot dead two of his sons": victims named earlier or after (kept
    # last: the patterns above are referred to by position)
    re.compile(r"\b(?:" + _KILL_VERB + r")\s+" + _QTY + r"(?P<victim>)(?=\s*(?:[.,;:)]|$|\s+(?:of (?:them|whom|the|his|her|"
               r"their)|"
               r"and|in|on|at|near|during|while|before|after|including|among)\b))", re.I),
    # "robbing and killing him", "killing himself and two soldiers", "blew himself up": one person each
    re.compile(r"\b(?:" + _KILL_VERB + r"\s+(?P<victim>(?P<qty>him|her|himself|herself))\b|blew\s+(?P<self>himself|"
               r"herself)\s+up\b)", re.I),
    # "arrested two men and executed them", "abducted three traders and later killed them"
    re.compile(r"\b" + _QTY + r"\s+" + _VICTIM + r"\s+and\s+(?:\w+\s+){0,2}?" + _KILL_VERB + r"\s+(?:all\s+(?:of\s+)?)?them\b",
               re.I),
]
# ACLED's coders write the figure they settled on: "Unknown fatalities coded as 10", "fatalities assessed as 3".
# "Unknown fatalities assessed as low based on the arms recovered and coded as 3": the figure may come last.
_CODED = re.compile(r"\bfatalit(?:y|ies)\s+(?:were\s+|are\s+|have been\s+|was\s+|is\s+)?(?:[^.;]{0,80}?\s)??"
                    r"(?:coded|assessed)\s+(?:as|at)\s+(?P<qty>" + NUMBER_PATTERN + r")\b", re.I)
_AND_MORE = re.compile(r"^\s*,?\s*(?:and|as well as|plus|along with)\s+(?:his\s+|her\s+|their\s+)?"
                       + _QTY_OR_ONE + r"\s+" + _VICTIM, re.I)
_SINGLE = re.compile(r"\b(?P<qty>a|an|one|the)\s+(?P<victim>(?:[\w'-]+\s+){0,3}?(?:man|woman|boy|girl|child|civilian|"
                     r"soldier|policeman|police officer|gendarme|guard|teacher|trader|herder|farmer|imam|chief|"
                     r"village chief|councillor|mayor|official|driver|student|pupil|worshipper|militant|jihadist|"
                     r"assailant|attacker|member|fighter|volunteer|vdp|hunter|dozo|person|resident|villager|"
                     r"shepherd|merchant|nurse|doctor|priest|pastor|catechist|miner|passenger|journalist|"
                     r"commander|leader|officer|militiam[ae]n|councilor|councilman|operator|marabout|herdsman|"
                     r"shopkeeper|guide|apprentice|accountant|agent|employee|worker|coordinator|son|father|"
                     r"brother|husband|wife|individual|elder|notable|contractor|informant|suspect|prisoner|detainee))"
                     r"\s+(?:(?!(?:wounded|injured|hurt|and)\b)\w+\s+){0,4}?(?:was|has been|had been|got)\s+"
                     r"(?:\w+\s+)?" + _DEATH_VERB + r"\b", re.I)
# Any one person told killed, also in a headline's participle: "a motorcyclist was killed", "One child killed
# and two others wounded", "A farmer killed by gunmen" (not "a soldier killed a militant": what follows is checked).
_NOT_A_NOUN = r"(?:was|were|been|being|is|are|after|before|wounded|injured|who|which|that)\b"
_ONE_KILLED = re.compile(r"(?:^|(?<=[,;:.]\s)|\b(?=an?\b|one\b))(?P<qty>an?|one|1)\s+(?P<victim>(?:(?!" + _NOT_A_NOUN + r")[\w'-]+\s+){0,4}?[\w'-]+)\s+"
                         r"(?:(?:was|has been|had been|got)\s+(?:\w+\s+)?)?(?:killed|shot dead|assassinated|executed|"
                         r"murdered|found dead|beheaded|lynched|slain|died)\b"
                         r"(?=\s*(?:[,.;:]|$|(?:by|in|at|near|on|during|while|after|when|with|overnight)\b|"
                         r"and\b(?!\s+(?:wounded|injured|abducted|kidnapped|burned|looted|robbed|beat))))", re.I)
# "beat a man to death", "stoned a suspected thief to death"
_TO_DEATH = re.compile(r"\b(?:beat|beaten|beating|stoned|stoning|stabbed|hacked|burned|burnt|tortured|clubbed)\s+"
                       r"(?P<qty>an?|one|the)\s+(?P<victim>(?:[\w'-]+\s+){0,6}?)to death\b", re.I)
# "a councilor and his son were killed": two.
# "a soldier and a militant were killed", "one customs officer and a cleaning woman were killed": two.
_KIN = (r"(?:son|daughter|wife|husband|brother|sister|father|mother|child|guide|driver|companion|friend|"
        r"bodyguard|nephew|cousin|aide|assistant|deputy)")
_AND_KIN = re.compile(r"\b(?:a|an|the|one)\s+(?P<victim>(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+and\s+(?:(?:his|her)\s+(?:\w+\s+)?"
                      + _KIN + r"|(?:a|an|one)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+)\s+(?:were|was|have been|had been)\s+(?:\w+\s+)?"
                      + _DEATH_VERB + r"\b", re.I)
# After "killed a village chief": "and his son", ", his brother", "and four others", "and ten of his associates".
_KIN_AFTER = re.compile(r"^\s*(?:of\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?[\w'-]+\s*)?(?:,\s*(?:and\s+)?|\s*\band\s+)(?:"
                        r"(?P<kin>(?:his|her|their)\s+(?:[\w'-]+\s+)?" + _KIN + r")\b|"
                        r"(?P<qty>" + NUMBER_PATTERN + r")\s+(?:others?\b|of\s+(?:his|her|their)\s+(?:[\w'-]+\s+)?"
                        r"(?:associates|family members|relatives|companions|men|children|sons|fighters|guards|"
                        r"bodyguards)\b))", re.I)
# Figures in a clause that goes on to say they were wounded or taken: "two soldiers and a civilian wounded".
_CLAUSE_WOUNDED = re.compile(r"^(?:(?!\b(?:killed|dead|died|executed)\b)[^,;.:])*?\b(?:wounded|injured|hurt|missing|"
                             r"abducted|kidnapped|arrested|detained|captured|taken)\b", re.I)
_RANGE = re.compile(r"\bbetween\s+(?P<low>\d+|" + NUMBER_PATTERN + r")\s+(?:and|to)\s+(?:\d+|" + NUMBER_PATTERN + r")\b",
                    re.I)
_JOINED_BEFORE = re.compile(r"(?:^|(?<=[\s,;:(]))" + _QTY + r"\s+" + _VICTIM + r"\s*(?:,\s*(?:and)?|\s+(?:and|as well as))\s*$",
                            re.I)
# Animals killed are no fatalities.
_ANIMALS = re.compile(r"\b(?:sheep|cattle|cows?|goats?|camels?|livestock|animals?|donkeys?|oxen|horses?|dogs?|"
                      r"poultry|chickens?|heads? of)\b", re.I)
# "One was killed and the other wounded": the number alone, its noun given before.
_ONE_OF_THEM = re.compile(r"\b(?P<qty>one)(?P<victim>)\s+(?:of them\s+)?(?:was|has been|had been)\s+(?:\w+\s+)?"
                          + _DEATH_VERB + r"\b", re.I)
# One victim who died later: "succumbed to his wounds", "later died in hospital".
_DIED_LATER = re.compile(r"\b(?:succumb(?:ed|s)? to (?:his|her) (?:wounds|injuries)|(?:he|she) (?:later )?died|"
                         r"(?:his|her) body (?:was |has been )?(?:later )?(?:found|discovered)|"
                         r"later died|died (?:later )?(?:in|at) (?:the )?(?:hospital|health cent(?:er|re)|medical cent(?:er|re)))\b",
                         re.I)
# Wounded who died afterwards add to the toll: "one of the wounded later succumbed", "the two injured died".
_WOUNDED_DIED = re.compile(r"\b(?:(?P<qty>" + NUMBER_PATTERN + r")\s+of\s+the\s+(?:\w+\s+)?(?:wounded|injured)|"
                           r"the\s+(?P<qty2>" + NUMBER_PATTERN + r"\s+)?(?:wounded|injured)(?:\s+(?:people|persons|"
                           r"men|victims|soldiers|civilians))?)\s+(?:\w+ly\s+|later\s+|then\s+)?"
                           r"(?:succumbed|died)\b", re.I)
# A death told as background, not as this event's: "assassinated in 1998", "killed two weeks earlier", "which left
# 19 dead in 2016", "who succumbed two days ago".
_BACKGROUND_AFTER = re.compile(r"^[^.;,]{0,40}?\b(?:in (?:19|20)\d\d\b|(?:\w+\s+){0,2}earlier\b(?!\s+(?:that|the same|"
                               r"in the day|on))|(?:\w+\s+){1,2}ago\b|last (?:year|month)\b)", re.I)
_NONE = re.compile(r"\b(?:no (?:casualties|fatalities|deaths|victims|loss of life|injuries or deaths|one was (?:killed|"
                   r"hurt|injured))|without (?:casualties|causing casualties|any casualties|loss of life)|"
                   r"nobody was (?:killed|hurt)|no one (?:was )?(?:killed|died|hurt|injured)|"
                   r"(?:caused|causing|resulting in|there were) no (?:casualties|deaths|fatalities|victims|damage)|"
                   r"pas de victimes?|aucune victime|sans faire de victimes?)\b", re.I)
_WOUNDED_AFTER = re.compile(r"^\s*(?:were\s+|was\s+|have been\s+|went\s+|are\s+|remain\s+)?(?:\w+ly\s+)?(?:wounded|injured|hurt|missing|disappeared|abducted|kidnapped|"
                            r"arrested|detained|displaced|blessés)", re.I)

# A list of victims before one death verb: "three women and a child were killed", "two guards, ten militiamen
# and two assailants killed", "Two MSA and one GATIA militiaman were killed". Every item counts.
_LIST_PREDICATE = re.compile(r"\s+(?:(?:were|have been|had been|are)\s+(?:(?:all|also|reportedly|allegedly|later|"
                             r"then|subsequently|summarily|found)\s+){0,2})?(?:killed|shot dead|executed|found dead|"
                             r"murdered|slain|assassinated|beheaded|died|dead)\b", re.I)
# words no victim's noun phrase holds: function words, adverbs ("the army reportedly killed"), dates
_LIST_FUNCTION = (r"(?:a|an|the|his|her|their|and|or|of|in|at|on|by|to|from|with|near|were|was|had|have|been|are|is|who|which|that|"
                  r"wounded|injured|abducted|kidnapped|arrested|killed|including|among|\w+ly|\d{4}|"
                  r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
                  r"august|september|october|november|december)\b")
_LIST_ITEM = re.compile(r"(?:^|(?<=[\s,;:(]))(?P<qty>" + NUMBER_PATTERN + r"|an?|one|the|another)\s+"
                        r"(?P<victim>(?:(?!" + _LIST_FUNCTION + r")[\w'-]+\s+){0,4}?(?!" + _LIST_FUNCTION
                        + r")[\w'-]+(?:\s*\([^()]{1,40}\))?)\s*$", re.I)
_CLAUSE_OPENS = re.compile(r"(?:^|[,;:(.]|\b(?:and|but|while|when|as|then))\s*$", re.I)
_LIST_SEPARATOR = re.compile(r"(?:,\s*(?:and\s+)?|\s+(?:and|as well as)\s+|\s*&\s*)$", re.I)
# a list headed by a place or a thing names no victims
_NOT_VICTIMS = re.compile(r"\b(?:vehicles?|cars?|trucks?|motorbikes?|motorcycles?|houses?|buildings?|weapons?|"
                          r"guns?|rifles?|shops?|villages?|towns?|camps?|areas?|regions?|days?|weeks?|months?|years?)"
                          r"(?:\s*\([^()]*\))?$", re.I)


def _victim_list(text: str, end: int) -> list[tuple[int, int, str, str]] | None:
    """The items (start, end, figure, noun) of a list of two or more victims ending at `end`; None if none."""
    items: list[tuple[int, int, str, str]] = []
    while True:
        item = _LIST_ITEM.search(text[max(0, end - 80):end])
        if item is None:
            break
        base = max(0, end - 80)
        qty, victim = item.group("qty"), item.group("victim")
        if _NOT_VICTIMS.search(victim) or _ANIMALS.search(victim) or (
                qty.lower() == "the" and re.search(r"s\b(?:\s*\(.*\))?$", victim.split()[-1] if victim else "")):
            return None  # "the soldiers": a count this list does not give
        items.append((base + item.start("qty"), base + item.end("victim"), qty, victim))
        separator = _LIST_SEPARATOR.search(text[:base + item.start("qty")])
        if separator is None:
            break
        end = separator.start()
    # the list is a subject: its first item opens a clause ("harbored a cell, three militants and a gendarme
    # were killed": the cell is the object of another verb)
    while items and not _CLAUSE_OPENS.search(text[:items[-1][0]]):
        items.pop()
    return items if len(items) >= 2 else None


def _listed_victims(text: str, offset: int, taken: list[tuple[int, int]], clause_base: int) -> list[FatalityFigure]:
    figures: list[FatalityFigure] = []
    for m in _LIST_PREDICATE.finditer(text):
        items = _victim_list(text, m.start())
        if not items:
            continue
        clause = clause_base + len(figures)
        for a, b, qty, victim in items:
            value = 1 if qty.lower() in ("a", "an", "the", "another") else parse_number(qty)
            if value is None:
                continue
            figures.append(FatalityFigure(value, False, _group_of(victim), "", Span(a + offset, b + offset, text[a:b]),
                                          clause))
        taken.append((min(a for a, *_ in items), m.end()))
    return figures


_GROUPS = {
    "state": r"soldier|troop|servicemen|military|militaire|soldat|police|officer|gendarme|guard|personnel|vdp|volunteer",
    "armed": r"militant|jihadist|terrorist|assailant|attacker|gunmen|insurgent|rebel|militia|fighter|element|"
             r"kidnapper|bandit|suspect|mercenar|wagner|hunter|dozo|terroriste",
    "civilian": r"civilian|villager|resident|inhabitant|women|children|boy|girl|student|pupil|teacher|trader|"
                r"herder|farmer|worshipper|passenger|miner|worker|civil|villageois|man|woman|child|imam|chief|"
                r"shepherd|merchant|nurse|doctor|priest|pastor|driver|journalist",
}


@dataclass
class FatalityFigure:
    value: int
    vague: bool
    group: str  # state | armed | civilian | people | total | later (wounded who died afterwards)
    qualifier: str  # "at least", "more than", "" ...
    span: Span
    clause: int = 0  # figures joined by "and" in one clause add up; separate clauses are separate reports


def _group_of(victim: str) -> str:
    v = victim.lower()
    for group, pattern in _GROUPS.items():
        if re.search(pattern, v):
            return group
    return "people"


def _joined_before(text: str, m: re.Match, offset: int, clause: int, taken: list[tuple[int, int]],
                   head_group: str) -> FatalityFigure | None:
    """"18 ISGS fighters and 10 JNIM fighters were killed": the figure joined before the one the verb follows."""
    window_start = max(0, m.start() - 90)
    before = _JOINED_BEFORE.search(text[window_start:m.start()])
    if before is None:
        return None
    a, b = window_start + before.start("qty"), window_start + before.end("victim")
    quantity = parse_quantity(re.sub(r"^(?:at least|more than|over|about|around|nearly|some)\s+", "",
                                     before.group("qty").strip(), flags=re.I))
    if quantity is None or any(a < e and s < b for s, e in taken) or _ANIMALS.search(before.group("victim")):
        return None
    taken.append((a, b))
    group = _group_of(before.group("victim"))
    return FatalityFigure(quantity.value, quantity.vague, head_group if group == "people" else group, "",
                          Span(a + offset, b + offset, text[a:b]), clause)


def _companions(text: str, start: int, offset: int, clause: int, taken: list[tuple[int, int]],
                head_group: str) -> list[FatalityFigure]:
    """Victims named after a killing's object: "killed a chief, his son and four others" (the son, the four)."""
    out: list[FatalityFigure] = []
    while (kin := _KIN_AFTER.match(text[start:])) and not _CLAUSE_WOUNDED.match(text[start + kin.end():]):
        value = 1 if kin.group("kin") else parse_number(kin.group("qty"))
        if value is None:
            break
        a, b = start + kin.start(), start + kin.end()
        out.append(FatalityFigure(value, False, head_group, "",
                                  Span(a + offset, b + offset, text[a:b]), clause))
        taken.append((a, b))
        start = b
    return out


def find_fatalities(text: str, offset: int = 0, lex: Lexicon | None = None) -> tuple[list[FatalityFigure], Span | None]:
    """(figures, span of an explicit 'no casualties' statement) in `text`; spans shifted by `offset`."""
    figures: list[FatalityFigure] = []
    taken: list[tuple[int, int]] = []
    # quoted figures ("killing dozens", 'neutralized') count as figures; same length (apostrophes stay)
    text = re.sub(r"[\"“”«»‘’]|(?<!\w)'|'(?!\w)", " ", text)
    # "between 5 and 9 people": the lower figure, as ACLED takes it (same length, so spans stay put)
    text = _RANGE.sub(lambda m: f"at least {m.group('low')}".ljust(len(m.group())), text)
    figures.extend(_listed_victims(text, offset, taken, 500))
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            qty_text = (m.group("qty") or m.groupdict().get("self") or "").strip()
            qualifier_match = re.match(r"(a reported|at least|more than|over|about|around|nearly|almost|some|up to|"
                                       r"an estimated|approximately|roughly|a total of|as many as|no fewer than|"
                                       r"at most)\s+", qty_text, re.I)
            qualifier = qualifier_match.group(1).lower() if qualifier_match else ""
            number_text = qty_text[qualifier_match.end():] if qualifier_match else qty_text
            quantity = parse_quantity("one" if number_text.lower() in _ONE_PERSON else number_text)
            if quantity is None or quantity.value > 100_000 or _IS_DAY.search(text[max(0, m.start() - 12):m.start("qty")]):
                continue
            if _WOUNDED_AFTER.match(text[m.end():]) and pattern is _PATTERNS[1] and not m.group("tail"):
                continue
            victim = (m.groupdict().get("victim") or "").strip()
            if re.search(r"\b(?:years?|months?|weeks?|km|kilomet|miles?|hours?|days?|minutes?)\b", victim, re.I) \
                    or _ANIMALS.search(victim):
                continue
            total = qualifier == "a total of" or (pattern is _PATTERNS[4] and not victim)
            group = "total" if total else _group_of(victim)
            clause = len(figures)
            figures.append(FatalityFigure(quantity.value, quantity.vague, group, qualifier,
                                          Span(m.start() + offset, m.end() + offset, m.group()), clause))
            taken.append((m.start(), m.end()))
            if pattern is _PATTERNS[2] and (joined_figure := _joined_before(text, m, offset, clause, taken, group)):
                figures.append(joined_figure)
            # "killing seven soldiers and three civilians": the figures joined to this one count too.
            # (not inside an "including ..." aside: those are part of the first figure)
            joined = m.group()[: m.start("incl") - m.start()] if m.groupdict().get("incl") else m.group()
            inner = re.search(r"\s+(?:and|as well as|plus)\s+" + _QTY_OR_ONE + r"\s+" + _VICTIM, joined, re.I) \
                if pattern is _PATTERNS[2] else None
            if inner is not None:
                extra = parse_quantity(inner.group("qty").strip())
                if extra is not None:
                    a, b = m.start() + inner.start("qty"), m.start() + inner.end()
                    figures.append(FatalityFigure(extra.value, extra.vague, _group_of(inner.group("victim")), "",
                                                  Span(a + offset, b + offset, text[a:b]), clause))
            tail_start = m.end()
            while victim and (more := _AND_MORE.match(text[tail_start:])):
                extra = parse_quantity(re.sub(r"^(?:at least|more than|over|about|around|nearly|almost|some)\s+", "",
                                              more.group("qty").strip(), flags=re.I))
                if extra is None or _WOUNDED_AFTER.match(text[tail_start + more.end():]) \
                        or _CLAUSE_WOUNDED.match(more.group("victim")) \
                        or _CLAUSE_WOUNDED.match(text[tail_start + more.end():]):
                    break
                a, b = tail_start + more.start("qty"), tail_start + more.end()
                # "four children and a youth": a joined noun that names no side is on the side of the first
                extra_group = _group_of(more.group("victim"))
                figures.append(FatalityFigure(extra.value, extra.vague, group if extra_group == "people" else extra_group,
                                              "", Span(a + offset, b + offset, text[a:b]), clause))
                taken.append((a, b))
                tail_start += more.end()
            if pattern in (_PATTERNS[0], _PATTERNS[1]):
                figures.extend(_companions(text, tail_start, offset, clause, taken, group))
    for m in _AND_KIN.finditer(text):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            figures.append(FatalityFigure(2, False, _group_of(m.group("victim")), "",
                                          Span(m.start() + offset, m.end() + offset, m.group()), len(figures)))
            taken.append((m.start(), m.end()))
    for m in [*_SINGLE.finditer(text), *_ONE_OF_THEM.finditer(text), *_ONE_KILLED.finditer(text),
              *_TO_DEATH.finditer(text)]:
        if any(m.start() < e and s < m.end() for s, e in taken) or _ANIMALS.search(m.group("victim")) \
                or re.search(r"\b(?:vehicle|car|truck|motorbike|house|building)\b", m.group("victim"), re.I):
            continue
        figures.append(FatalityFigure(1, False, _group_of(m.group("victim")), "",
                                      Span(m.start() + offset, m.end() + offset, m.group()), len(figures)))
        taken.append((m.start(), m.end()))
    for m in _WOUNDED_DIED.finditer(text):
        qty = m.group("qty") or m.group("qty2")
        value = parse_number(qty) if qty else 1
        if value:
            figures.append(FatalityFigure(value, False, "later", "", Span(m.start() + offset, m.end() + offset,
                                                                           m.group()), len(figures)))
    figures = [f for f in figures if not _BACKGROUND_AFTER.match(text[f.span.end - offset:])]
    later = _DIED_LATER.search(text)
    if later and not figures and not _BACKGROUND_AFTER.match(text[later.end():]):
        # nobody else is said to have died: the one who succumbed later is the toll
        figures.append(FatalityFigure(1, False, "people", "",
                                      Span(later.start() + offset, later.end() + offset, later.group()), 0))
    for m in _CODED.finditer(text):
        quantity = parse_quantity(m.group("qty"))
        if quantity is not None:
            figures.append(FatalityFigure(quantity.value, False, "total", "coded",
                                          Span(m.start() + offset, m.end() + offset, m.group()), len(figures)))
    none = _NONE.search(text)
    none_span = Span(none.start() + offset, none.end() + offset, none.group()) if none else None
    return figures, none_span


def acled_fatalities(figures: list[FatalityFigure]) -> tuple[int, int | None, int | None, int | None]:
    """(ACLED figure, low, best, high): per victim group the lowest figure, summed over groups.

    Figures joined in one clause ("a man and his two children") add up first. A 'total' figure stands for all
    groups; 'people' may overlap named groups, so it only adds when it exceeds them.
    """
    if not figures:
        return 0, None, None, None
    coded = [f.value for f in figures if f.qualifier == "coded"]
    if coded:
        return min(coded), min(coded), min(coded), max(coded)  # the coder's own figure settles it
    clauses: dict[int, dict[str, int]] = {}
    for f in figures:
        groups = clauses.setdefault(f.clause, {})
        groups[f.group] = groups.get(f.group, 0) + f.value
    for groups in clauses.values():
        # "three men and a boy": figures joined in one clause are different people even when one noun names
        # no side
        sides = [g for g in groups if g in ("state", "armed", "civilian")]
        if sides and "people" in groups:
            groups[sides[0]] += groups.pop("people")
    by_group: dict[str, list[int]] = {}
    for groups in clauses.values():
        for group, value in groups.items():
            by_group.setdefault(group, []).append(value)
    specific = sum(min(v) for g, v in by_group.items() if g in ("state", "armed", "civilian"))
    people = min(by_group["people"]) if "people" in by_group else 0
    low = max(specific, people)
    if "total" in by_group:
        low = max(low, min(by_group["total"]))
    # wounded who died later are more victims on top of the toll
    low += min(by_group.get("later", [0]))
    high_specific = sum(max(v) for g, v in by_group.items() if g in ("state", "armed", "civilian"))
    high = max(high_specific, max(by_group.get("people", [0])), max(by_group.get("total", [0]))) \
        + max(by_group.get("later", [0]))
    best = low if low == high else round((low + high) / 2)
    return low, low, best, high


# ACLED splits one report's toll across the events it codes from it ("fatalities split across three events",
# "coded as two events ... fatalities spread across the two events"), rounding shares up.
_SPLIT = re.compile(r"\bfatalit(?:y|ies)\s+(?:(?:are|were|have been|is|was)\s+)?(?:split|spread|divided|distributed)"
                    r"\s+(?:evenly\s+|equally\s+)?(?:between|across|among|over)\s+(?:the\s+)?(?:\(?(?P<n>"
                    + NUMBER_PATTERN + r")\)?\s+)?(?:separate\s+)?(?P<unit>events?|locations?|villages?|dates?|days?"
                    r"|sites?|incidents?|places?)?", re.I)
_CODED_EVENTS = re.compile(r"\bcoded as\s+\(?(?P<n>" + NUMBER_PATTERN + r")\)?\s+(?:separate\s+)?events\b", re.I)
# "the villages of Ala, Bere and Cima": the places a toll is split between when no count is written.
_NAME = r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}"
_PLACE_LIST = re.compile(r"\b(?:(?:villages?|areas?|localities|hamlets|towns|camps|communes|sites) of|in|between)\s+"
                         r"(?P<list>" + _NAME + r"(?:\s*,\s*" + _NAME + r")*,?\s+and\s+(?:in\s+)?" + _NAME + r")")


def split_count(text: str, lex: Lexicon | None = None) -> int | None:
    """How many events a coder's note says its fatalities are split between; None if it says nothing of it."""
    m = _SPLIT.search(text)
    if m is None:
        return None
    stated = m.group("n") or (coded.group("n") if (coded := _CODED_EVENTS.search(text)) else None)
    n = parse_number(stated) if stated else None
    if n is None:
        lists = [len(re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?:in\s+)?", p.group("list")))
                 for p in _PLACE_LIST.finditer(text)]
        n = max(lists, default=2)
    return n if 1 < n <= 50 else None


def split_share(fatalities: int, parts: int | None) -> int:
    """One event's share of a toll split evenly across `parts` events, rounded up as ACLED assigns remainders."""
    if not parts or fatalities <= 0:
        return fatalities
    return -(-fatalities // parts)
