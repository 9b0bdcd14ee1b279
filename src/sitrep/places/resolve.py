"""Choosing the right gazetteer entry for each place mention, using the whole document.

Signals: population and feature type (a country before a town of the same name, a town before a hill),
explicit qualifiers ("Paris, Texas", "(Douentza, Mopti)", "Kayes region"), the countries and admin-1 areas the
document talks about (named, or implied by the other places and demonyms), distance to the other places in
the text, and prior areas a caller knows (the usual areas of the actors named). All mentions of one name in
a document get the same reading. Relative mentions get ACLED's geo_precision 2 or 3 and a representative
point; a name that cannot be resolved is reported unresolved, never moved to a country centroid.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from sitrep.lexicon import Lexicon
from sitrep.places.areas import word_areas
from sitrep.places.candidate import PlaceCandidate
from sitrep.places.gazetteer import Gazetteer, haversine_km
from sitrep.places.hints import AdminHint, match_admin_hint, reformed, relabelled
from sitrep.places.names import name_key, variant_keys
from sitrep.places.spelling import fuzzy_anywhere, fuzzy_in_area
from sitrep.places.wording import DIRECTIONS
from sitrep.places.wordlists import pattern, table
from sitrep.records import Place, PlaceMention

MAX_OPTIONS = 60


# ------------------------------------------------------------------------------------------- priors

_TYPE_BONUS = {"CONT": 3.0, "OCN": 2.5, "RGN": 1.2, "ADM1": 1.0, "PPLC": 1.0, "ADM2": 0.1, "ADMD": 0.0,
               "PPLA": 0.4, "PPLA2": 0.2, "SEA": 1.5, "GULF": 1.0, "PEN": 1.0, "DSRT": 1.0, "MTS": 0.8, "STM": 0.3,
               "LK": 0.5, "CMP": 0.8, "MILB": 0.8}
_CLASS_BONUS = {"P": 0.0, "A": 0.0, "L": -0.5, "H": -0.8, "T": -0.8, "S": -0.8, "V": -1.2, "R": -1.2, "U": -1.5}


def _log_population(place: Place) -> float:
    """log10 of the population, with a stand-in for places that are known without a population."""
    if place.population > 0:
        return math.log10(place.population + 1)
    if place.source == "sitrep:places_extra":
        return 5.5  # the project's own rows are well-known places: regions, seas, camps
    if place.source == "iso3166-2":
        return 4.5
    return 1.5 if place.feature_class in ("P", "A") else 0.5


def prior(place: Place, cand: PlaceCandidate) -> float:
    """How likely this entry is meant, before looking at the document."""
    score = 0.7 * _log_population(place)
    if place.is_country:
        score += 2.6
    else:
        score += _TYPE_BONUS.get(place.feature_code, 0.0) + _CLASS_BONUS.get(place.feature_class, -0.5)
    if cand.region_word:
        score += 1.2 if place.feature_code in ("ADM1", "ADM2", "ADMD", "RGN") else -0.6
    if cand.quarter_word and place.feature_code == "PPLX":
        score += 1.5
    if place.geonameid < 0 and not place.is_country and place.source.startswith(("reverse", "iso")):
        score -= 0.2  # a derived point: a GeoNames entry of the same name is better
    return score


def same_name(place: Place, written: str) -> bool:
    """The entry's own name is what is written, give or take spaces and 'St'/'Saint'."""
    name = name_key(place.name)
    return written in (name, *variant_keys(name)) or name.replace(" ", "") == written.replace(" ", "")


def own_name(place: Place, written: str) -> bool:
    """The entry's own name is what is written ('Washington' for 'Washington, D.C.' too), not one of the
    many alternate names GeoNames collects in every language ('Tori' for Turin). The project's own rows
    list only names in use, so all of theirs count."""
    return same_name(place, written) or name_key(place.name).startswith(written + " ") or \
        place.source == "sitrep:places_extra"


TOWN_NOUN_COST = 3.0
BARE_COUNTY_COST = 2.5
SMALL_ALTERNATE_COST = 1.0
SPELLING_COST = 0.08  # per point of string similarity lost
SPELLING_COST_CAP = 2.0


def _name_priors(options: list[Place], priors: list[float], written: str) -> None:
    """Entries named so beat entries that only have it among their alternate names; an alternate that is
    another transliteration of the entry's name ('Jenin' for Janīn) costs less than one in another language."""
    own = [own_name(p, written) for p in options]
    areas = {(p.country_code, p.admin1_code) for p, is_own in zip(options, own, strict=True)
             if is_own and p.feature_code in ("ADM1", "ADM2") and p.admin1_code}
    # 'Tombouctou' for Timbuktu: the seat of an area named so is called so too (an exonym GeoNames files
    # under the area only)
    own = [is_own or (p.feature_code in ("PPLC", "PPLA", "PPLA2") and (p.country_code, p.admin1_code) in areas)
           for p, is_own in zip(options, own, strict=True)]
    if not any(own):
        # Only other spellings ('Poundourou'): the closest spelling is the likeliest ('Pondourou' before
        # 'Toundourou').
        for k, place in enumerate(options):
            priors[k] -= min(SPELLING_COST_CAP, SPELLING_COST * (100.0 - fuzz.ratio(name_key(place.name), written)))
        return
    for k, is_own in enumerate(own):
        if is_own:
            priors[k] += 0.3
        else:
            close = fuzz.ratio(name_key(options[k].name), written) >= 75
            priors[k] -= 0.5 if close else 1.5
            if not close and options[k].feature_class == "P" and not _well_known(options[k]):
                # a town's old or foreign name ('Twickenham' for Huntsville, 'Kaliningrad' for Korolev) is
                # rarely what a writer means when a place of that very name exists (well-known places keep
                # their exonyms: 'Calcutta'; another spelling of the name is no other name: 'Arbinda')
                priors[k] -= SMALL_ALTERNATE_COST


# ------------------------------------------------------------------------------------------- context

@dataclass
class DocContext:
    """What the mentions of the document say: countries, admin-1 areas and points, with each mention's own
    contribution kept so that a name is judged by the others only (`excluding`)."""
    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: list[tuple[int, float, float]] = field(default_factory=list)  # (candidate index, lat, lon)
    own: dict[int, tuple[str, tuple[str, str] | None, float]] = field(default_factory=dict)
    skip: frozenset[int] = frozenset()
    region: frozenset[str] = frozenset()  # the user's region (imported countries) when the text says nothing
    # The points again, one entry per position with the candidates there, and the answers of `nearest_km`:
    # a long report names the same towns hundreds of times, and scanning every mention for every mention
    # is quadratic.
    coords: dict[tuple[float, float], list[int]] = field(default_factory=dict)
    _nearest: dict[tuple[float, float], float | None] = field(default_factory=dict, repr=False, compare=False)
    # The positive totals of `countries` and `admin1`, summed at the first share asked for (every reading of
    # every name asks; the counts are complete by then and no longer change).
    _totals: tuple[float, float] | None = field(default=None, repr=False, compare=False)

    def excluding(self, members: list[int]) -> DocContext:
        countries, admin1 = Counter(self.countries), Counter(self.admin1)
        for i in members:
            if i in self.own:
                cc, area, weight = self.own[i]
                countries[cc] -= weight
                if area:
                    admin1[area] -= weight
        return DocContext(countries, admin1, self.points, self.own, frozenset(members), self.region, self.coords)

    @property
    def has_countries(self) -> bool:
        return any(v > 0 for v in self.countries.values())

    def _total(self, which: int) -> float:
        if self._totals is None:
            self._totals = (sum(v for v in self.countries.values() if v > 0),
                            sum(v for v in self.admin1.values() if v > 0))
        return self._totals[which]

    def country_share(self, cc: str) -> float:
        total = self._total(0)
        return max(0.0, self.countries.get(cc, 0)) / total if total else 0.0

    def admin1_share(self, cc: str, a1: str) -> float:
        total = self._total(1)
        return max(0.0, self.admin1.get((cc, a1), 0)) / total if total and a1 else 0.0

    def nearest_km(self, place: Place) -> float | None:
        key = (place.lat, place.lon)
        if key in self._nearest:
            return self._nearest[key]
        best = None
        for (lat, lon), at in self.coords.items():
            if all(idx in self.skip for idx in at):
                continue
            d = _fast_km(place.lat, place.lon, lat, lon)
            if best is None or d < best:
                best = d
        self._nearest[key] = best
        return best


def _well_known(place: Place) -> bool:
    """Known well enough to be named from anywhere ('Paris' in a story about Texas; not Gaza province in
    Mozambique)."""
    if place.feature_code == "ADM1":
        return place.population >= 3_000_000
    return place.population >= 500_000 or place.is_country or place.feature_code in (
        "PPLC", "CONT", "OCN", "SEA", "RGN")


def _fast_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _is_point(place: Place) -> bool:
    """A place precise enough to pull its neighbours (not a country, region or big admin area)."""
    return not place.is_country and place.feature_code not in ("ADM1", "RGN", "CONT", "OCN", "SEA", "DSRT",
                                                               "MTS", "PEN", "GULF", "STM")


def build_context(chosen: list[Place | None], weights: list[float], prior_countries: Counter | None,
                  prior_admin1: Counter | None, region: frozenset[str] = frozenset()) -> DocContext:
    ctx = DocContext(region=region)
    if prior_countries:
        ctx.countries.update(prior_countries)
    if prior_admin1:
        ctx.admin1.update(prior_admin1)
    for idx, (place, weight) in enumerate(zip(chosen, weights, strict=True)):
        if place is None or weight <= 0:
            continue
        area = (place.country_code, place.admin1_code) if place.admin1_code and place.country_code else None
        if place.country_code:
            ctx.countries[place.country_code] += weight
            ctx.own[idx] = (place.country_code, area, weight)
        if area:
            ctx.admin1[area] += weight
        if _is_point(place):
            ctx.points.append((idx, place.lat, place.lon))
            ctx.coords.setdefault((place.lat, place.lon), []).append(idx)
    return ctx


# ------------------------------------------------------------------------------------------- containers

def containers(candidates: list[PlaceCandidate], text_gaps: list[str], lex: Lexicon | None = None) -> dict[int, int]:
    """'Paris, Texas' / 'Springfield (Ill.)': candidate i is inside candidate i+1 when only a comma or an
    opening bracket (or the lexicon's 'in') separates them and the second can be an area."""
    gap = pattern(lex, "container_gap", 0)
    out: dict[int, int] = {}
    for i in range(len(candidates) - 1):
        nxt = candidates[i + 1]
        if not gap.match(text_gaps[i]) or nxt.kind == "demonym":
            continue
        if any(p.is_country or p.feature_code in ("ADM1", "ADM2", "RGN", "ADMD") for p in nxt.places):
            out[i] = i + 1
    return out


def _inside(place: Place, area: Place) -> bool:
    if place.geonameid == area.geonameid:
        return False
    if area.is_country:
        return place.country_code == area.country_code
    if area.feature_code == "ADM1":
        if area.admin1_code and place.admin1_code:
            return place.country_code == area.country_code and place.admin1_code == area.admin1_code
        return place.country_code == area.country_code and haversine_km(place.lat, place.lon, area.lat,
                                                                         area.lon) < 500
    return haversine_km(place.lat, place.lon, area.lat, area.lon) < 120


# ------------------------------------------------------------------------------------------- resolution

def _has_evidence(candidates: list[PlaceCandidate], prior_countries: Counter | None) -> bool:
    """Does anything say which country the text is about: a prior, a country or demonym named, a name
    that exists in one country only?"""
    if prior_countries and any(v > 0 for v in prior_countries.values()):
        return True
    for cand in candidates:
        if cand.fixed or any(p.is_country for p in cand.places):
            return True
        if cand.places and len({p.country_code for p in cand.places}) == 1:
            return True
    return False


def document_countries(candidates: list[PlaceCandidate]) -> Counter:
    """How strongly the document is about each country: named countries, demonyms, unambiguous places."""
    counts: Counter = Counter()
    for cand in candidates:
        if not cand.places:
            continue
        countries = {p.country_code for p in cand.places if p.country_code}
        if any(p.is_country for p in cand.places) or cand.kind == "demonym":
            for p in cand.places:
                if p.is_country:
                    counts[p.country_code] += 2
        elif len(countries) == 1:
            counts[next(iter(countries))] += 1
        else:
            top = max(cand.places, key=lambda p: p.population)
            if top.population > 100_000:
                counts[top.country_code] += 0.5
    return counts


def _town_over_area(options: list[Place], priors: list[float], cand: PlaceCandidate) -> None:
    """'Kidal', 'New York', 'Washington': a name shared by an admin area and its seat (or the country's
    capital) means the town unless the text says region, state or province."""
    if cand.region_word:
        return
    written = name_key(cand.span.text)
    towns = [t for t in options if t.feature_class == "P" and (
        t.feature_code in ("PPLC", "PPLA", "PPLA2") or t.population >= 20_000 or same_name(t, written))]
    if not towns:
        return
    for k, area in enumerate(options):
        if area.feature_code not in ("ADM1", "ADM2", "ADMD"):
            continue
        if any(t.country_code == area.country_code and (t.feature_code == "PPLC" or _inside(t, area))
               for t in towns):
            priors[k] -= 2.5


def _all_foreign(places: list[Place], countries: Counter) -> bool:
    known = {cc for cc, v in countries.items() if v > 0}
    # (a capital abroad too: 'Dilly' is a village of Mali as well as an old name of Dili)
    return bool(places) and bool(known) and all(p.country_code not in known and p.feature_code != "PCLI"
                                                and (not _well_known(p) or p.population < 1_000_000) for p in places)


def _country_over_its_towns(options: list[Place], priors: list[float], written: str) -> None:
    """'Mexico', 'Djibouti', 'Panama': a country's own name means the country, not its same-named capital."""
    countries = {p.country_code for p in options if p.is_country and own_name(p, written)}
    for k, place in enumerate(options):
        if place.country_code in countries and not place.is_country and place.feature_class in ("P", "A"):
            priors[k] -= 3.0


def _bare_county(options: list[Place], priors: list[float], written: str, lex: Lexicon | None) -> None:
    """'Oakland', 'Des Moines': a county is named with its word ('Oakland County'); the bare name is the town
    (the index keeps counties under their bare names too, for 'Hitchcock and Hayes counties')."""
    kinds = {name_key(str(v)) for v in table(lex, "county_kinds").values()}
    if not kinds or not any(p.feature_class == "P" for p in options):
        return
    for k, place in enumerate(options):
        if place.feature_code == "ADM2" and any(name_key(place.name) == f"{written} {kind}" for kind in kinds):
            priors[k] -= BARE_COUNTY_COST


def _town_over_country(options: list[Place], priors: list[float], written: str) -> None:
    """'a Lebanon woman', 'Palestine police': a country's people are named with its demonym, so a country name
    before a noun of local life is more likely a town of that name, when the text supports one."""
    if not any(not p.is_country and p.feature_class == "P" and same_name(p, written) for p in options):
        return
    for k, place in enumerate(options):
        if place.is_country:
            priors[k] -= TOWN_NOUN_COST


def _options(cand: PlaceCandidate) -> list[Place]:
    seen: dict[int, Place] = {}
    for p in cand.places:
        seen.setdefault(p.geonameid, p)
    places = list(seen.values())
    if len(places) > MAX_OPTIONS:
        places = sorted(places, key=lambda p: -prior(p, cand))[:MAX_OPTIONS]
    return places


@dataclass
class _Mention:
    """One candidate during resolution."""
    cand: PlaceCandidate
    options: list[Place]
    priors: list[float]
    group: str
    hint: AdminHint | None = None
    container: int | None = None
    support: list[float] = field(default_factory=list)  # closeness of each option to the other names' readings


SUPPORT_OPTIONS = 25
REGION_BONUS = 0.8
SUPPORT_KM = 80.0


def mutual_support(mentions: list[_Mention]) -> None:
    """For each option of each name, how many other names of the document have a plausible reading close
    to it ('Paris' and 'Henry County' are both in Tennessee): the sum over other names of the best
    exp(-km / 80) x plausibility. Fills `support` of every mention."""
    heads: dict[str, _Mention] = {}
    for m in mentions:
        heads.setdefault(m.group.split("#")[0] if not m.cand.fixed else m.group, m)
    lats, lons, owner, plaus = [], [], [], []
    for g, m in enumerate(heads.values()):
        if m.cand.fixed or not m.options:
            continue
        order = sorted(range(len(m.options)), key=lambda k: -m.priors[k])[:SUPPORT_OPTIONS]
        top = m.priors[order[0]]
        for k in order:
            place = m.options[k]
            if not _is_point(place):
                continue
            lats.append(place.lat)
            lons.append(place.lon)
            owner.append(g)
            plaus.append(min(1.0, max(0.1, math.exp(m.priors[k] - top))))
    for m in mentions:
        m.support = [0.0] * len(m.options)
    if len(set(owner)) < 2:
        return
    lat_r, lon_r = np.radians(np.array(lats)), np.radians(np.array(lons))
    owner_a, plaus_a = np.array(owner), np.array(plaus)
    bounds = np.flatnonzero(np.r_[True, owner_a[1:] != owner_a[:-1]])  # options are stored group by group
    groups = owner_a[bounds]
    head_index = {id(m): g for g, m in enumerate(heads.values())}
    for m in mentions:
        g_self = head_index.get(id(heads.get(m.group.split("#")[0] if not m.cand.fixed else m.group)), -1)
        ks = [k for k, p in enumerate(m.options) if _is_point(p) or p.feature_code == "ADM1"]
        if not ks:
            continue
        la = np.radians(np.array([m.options[k].lat for k in ks]))[:, None]
        lo = np.radians(np.array([m.options[k].lon for k in ks]))[:, None]
        km = 6371.0 * np.hypot((lon_r - lo) * np.cos((lat_r + la) / 2), lat_r - la)
        best = np.maximum.reduceat(np.exp(-km / SUPPORT_KM) * plaus_a, bounds, axis=1)
        best[:, groups == g_self] = 0.0
        for k, total in zip(ks, best.sum(axis=1), strict=True):
            m.support[k] = float(total)


def _score(m: _Mention, k: int, ctx: DocContext, chosen: list[Place | None]) -> float:
    place = m.options[k]
    s = m.priors[k]
    share = ctx.country_share(place.country_code)
    s += 2.5 * share
    s += 1.5 * ctx.admin1_share(place.country_code, place.admin1_code)
    if share == 0 and ctx.has_countries and not _well_known(place):
        s -= 1.5  # a small place in a country nothing else in the text points at
    if place.country_code in ctx.region:
        s += REGION_BONUS
    if _is_point(place) or place.feature_code == "ADM1":
        nearest = ctx.nearest_km(place)
        if nearest is not None:
            s += 1.6 * math.exp(-nearest / 150.0)
        if m.support:
            s += 2.0 * min(m.support[k], 3.0)
    if m.hint is not None:
        if place.country_code == m.hint.cc:
            s += 1.0
            if place.admin1_code == m.hint.admin1:
                s += 3.0
                if m.hint.admin2 and place.admin2_code == m.hint.admin2:
                    s += 2.0
                elif m.hint.admin2 and not place.admin2_code:
                    s += 1.0  # GeoNames leaves many towns without an admin-2 code
        else:
            s -= 4.0
        if m.hint.near is not None:
            s += 2.0 * math.exp(-_fast_km(place.lat, place.lon, m.hint.near.lat, m.hint.near.lon) / 30.0)
    if m.container is not None and m.hint is None:
        area = chosen[m.container]
        if area is not None and (area.is_country or area.feature_code in ("ADM1", "ADM2", "ADMD", "RGN")):
            s += 4.0 if _inside(place, area) else -2.0
    return s


def _choose(mentions: list[_Mention], ctx: DocContext, chosen: list[Place | None]) -> list[Place | None]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[m.group].append(i)
    out: list[Place | None] = list(chosen)
    for members in groups.values():
        head = mentions[members[0]]
        if not head.options:
            continue
        if head.cand.fixed:
            for i in members:
                out[i] = mentions[i].options[0]
            continue
        others = ctx.excluding(members)
        # Mentions of one name may carry different readings ('MALI' heading a report keeps only places spelt
        # so, a qualifier narrows another): their scores add up by place, not by position in each list.
        totals: dict[int, float] = {}
        own_best: dict[int, Place] = {}
        for i in members:
            m = mentions[i]
            scores = [_score(m, k, others, chosen) for k in range(len(m.options))]
            for place, score in zip(m.options, scores, strict=True):
                totals[place.geonameid] = totals.get(place.geonameid, 0.0) + score
            if scores:
                own_best[i] = m.options[max(range(len(scores)), key=scores.__getitem__)]
        best = max(totals, key=totals.__getitem__)
        for i in members:
            options = mentions[i].options
            out[i] = next((p for p in options if p.geonameid == best), own_best.get(i))
    return out


def _weights(mentions: list[_Mention]) -> list[float]:
    """How much a mention's reading says about the document's area: embedded names and names with many
    far-apart readings say less; another spelling of a name given in brackets says nothing of its own."""
    spellings = {name_key(a) for m in mentions for a in m.cand.alt_names}
    out = []
    for m in mentions:
        w = 1.0 if m.cand.role in ("place", "site") else 0.5
        if not m.cand.fixed and len({p.country_code for p in m.options}) > 3:
            w *= 0.6
        if m.cand.role == "qualifier" and name_key(m.cand.span.text) in spellings:
            w = 0.0
        out.append(w)
    return out


def resolve_candidates(candidates: list[PlaceCandidate], gazetteer: Gazetteer,
                       prior_countries: Counter | None = None, text: str = "",
                       prior_admin1: Counter | None = None, lex: Lexicon | None = None) -> list[PlaceMention]:
    """A PlaceMention for each candidate, in the same order.

    `prior_countries` / `prior_admin1` ((cc, admin1 code) keys) are areas the caller already believes the
    document is about (the actors' usual areas); `text` is the text the candidates were found in.
    """
    communities, community_areas = word_areas(gazetteer, text)
    if communities:
        prior_countries = Counter(prior_countries or {}) + communities
        prior_admin1 = Counter(prior_admin1 or {}) + community_areas
    countries = document_countries(candidates)
    if prior_countries:
        countries.update(prior_countries)
    region: frozenset[str] = frozenset()
    if not _has_evidence(candidates, prior_countries):
        # Nothing in the text says where: the countries whose GeoNames data the user imported are the region
        # the user works on, a weak prior.
        region = frozenset(gazetteer.imported_countries())
        prior_countries = Counter({cc: 0.3 for cc in region})
        countries.update(prior_countries)
    mentions: list[_Mention] = []
    for cand in candidates:
        hint = match_admin_hint(gazetteer, cand.admin_hint, countries) if cand.admin_hint else None
        if cand.admin_hint and hint is None and len(cand.admin_hint) == 1 and not cand.admin_hint[0].isupper() \
                and not cand.comma_hint:
            cand.alt_names.append(cand.admin_hint[0])  # "Kichi (Kissi)": another name, not an area
        for alt in cand.alt_names:
            cand.places = list(cand.places) + gazetteer.lookup(alt)
        if hint and not any(p.country_code == hint.cc and p.admin1_code == hint.admin1 for p in cand.places):
            cand.places = list(cand.places) + fuzzy_in_area(gazetteer, cand.span.text, hint)
        if not cand.places and hint is None and cand.kind in ("entity", "name", "pattern"):
            cand.places = fuzzy_anywhere(gazetteer, cand.span.text, countries)
        elif hint is None and not cand.fixed and _all_foreign(cand.places, countries):
            # Only small places abroad: the document's own countries may hold it under another spelling.
            cand.places = list(cand.places) + fuzzy_anywhere(gazetteer, cand.span.text, countries)
        options = _options(cand)
        if hint is not None:
            options = [p for p in options if p.country_code == hint.cc]
        priors = [prior(p, cand) for p in options]
        _name_priors(options, priors, name_key(cand.span.text))
        _town_over_area(options, priors, cand)
        if not cand.region_word:
            _country_over_its_towns(options, priors, name_key(cand.span.text))
        if cand.town_noun:
            _town_over_country(options, priors, name_key(cand.span.text))
        if not cand.region_word:
            _bare_county(options, priors, name_key(cand.span.text), lex)
        group = name_key(cand.span.text) if not cand.fixed else f"#{len(mentions)}"
        if cand.admin_hint or cand.qualifier or cand.alt_names or cand.region_word or cand.quarter_word:
            group += f"#{len(mentions)}"  # its own reading: the words around it say more than the name
        mentions.append(_Mention(cand, options, priors, group, hint))
    if text:
        gaps = [text[a.span.end:b.span.start] for a, b in zip(candidates, candidates[1:], strict=False)]
        for i, j in containers(candidates, gaps, lex).items():
            mentions[i].container = j
            mentions[i].group += f"#{i}"
    weights = _weights(mentions)
    mutual_support([m for m, w in zip(mentions, weights, strict=True) if w > 0])
    for m in mentions:
        m.support = m.support or [0.0] * len(m.options)
    admin_prior = Counter(prior_admin1 or {})
    for m in mentions:
        if m.hint:
            countries[m.hint.cc] += 3
            admin_prior[(m.hint.cc, m.hint.admin1)] += 3
    chosen: list[Place | None] = [None] * len(mentions)
    ctx = build_context(chosen, weights, countries, admin_prior, region)
    for _ in range(3):
        chosen = _choose(mentions, ctx, chosen)
        ctx = build_context(chosen, weights, prior_countries, admin_prior, region)
    # A building or spot abroad ('Ecole Normale Supérieure' in Mauritania for a school in Koudougou) that
    # nothing else in the text supports is not the one meant.
    chosen = [None if place is not None and place.feature_class == "S" and m.hint is None
              and (rest := ctx.excluding([i])).has_countries and rest.country_share(place.country_code) == 0
              else place for i, (m, place) in enumerate(zip(mentions, chosen, strict=True))]
    # A hamlet on another continent known by one of its other names ('the town of Taji' in an Iraqi report is
    # no Japanese Taiji) when the name is all that speaks for it: the place meant is one the gazetteer lacks.
    chosen = [None if place is not None and _stray_namesake(place, m, chosen, ctx.excluding([i])) else place
              for i, (m, place) in enumerate(zip(mentions, chosen, strict=True))]
    out = [_mention(m.cand, place, m.hint, gazetteer) for m, place in zip(mentions, chosen, strict=True)]
    _follow_the_hinted(mentions, out)
    for i, m in enumerate(mentions):
        if m.cand.kind == "facility" and not m.options:
            town = _local_town(chosen, mentions, i)
            if town is not None:
                out[i] = PlaceMention(m.cand.span, town, geo_precision=2, qualifier="in town", resolved=True,
                                      kind="facility", note=f"{m.cand.span.text!r} placed in {town.name}")
    return out


STRAY_KM = 2500.0  # farther than any two places of one region the text is about


def _stray_namesake(place: Place, m: _Mention, chosen: list[Place | None], rest) -> bool:
    if m.hint is not None or m.cand.fixed or own_name(place, name_key(m.cand.span.text)) or _well_known(place):
        return False
    if not rest.has_countries or rest.country_share(place.country_code) > 0:
        return False
    others = [p for p in chosen if p is not None and p is not place]
    return bool(others) and all(haversine_km(place.lat, place.lon, p.lat, p.lon) > STRAY_KM for p in others)


def _follow_the_hinted(mentions: list[_Mention], out: list[PlaceMention]) -> None:
    """'at Boma, in the Lac province ... the Boma peninsula': a name told once with its area means the same
    place when told again bare, not a same-named town of another country."""
    hinted: dict[str, PlaceMention] = {}
    for m, mention in zip(mentions, out, strict=True):
        if m.hint is not None and mention.resolved and mention.place is not None:
            hinted.setdefault(name_key(m.cand.span.text), mention)
    if not hinted:
        return
    for i, (m, mention) in enumerate(zip(mentions, out, strict=True)):
        told = hinted.get(name_key(m.cand.span.text))
        if told is not None and m.hint is None and not m.cand.fixed and mention.place is not None \
                and mention.place.country_code != told.place.country_code:
            out[i] = replace(told, span=mention.span, qualifier=mention.qualifier or told.qualifier,
                             note=(told.note + "; the place told with its area earlier").strip("; "))


def _local_town(chosen: list[Place | None], mentions: list[_Mention], i: int) -> Place | None:
    """The town a facility name stands in: the nearest town named before it, else the next one after."""
    towns = [(j, p) for j, p in enumerate(chosen) if p is not None and p.feature_class == "P"
             and mentions[j].cand.kind not in ("demonym", "facility")]
    before = [p for j, p in towns if j < i]
    if before:
        return before[-1]
    after = [p for j, p in towns if j > i]
    return after[0] if after else None


def _offset(lat: float, lon: float, direction: str, km: float) -> tuple[float, float]:
    dy, dx = DIRECTIONS.get(direction, (0.0, 0.0))
    return lat + dy * km / 111.0, lon + dx * km / (111.0 * max(0.2, math.cos(math.radians(lat))))


def _mention(cand: PlaceCandidate, chosen: Place | None, hint: AdminHint | None,
             gazetteer: Gazetteer) -> PlaceMention:
    kind = cand.kind if cand.role == "place" else cand.role
    in_area = "coded" if cand.qualifier == "coded" else "in area"
    if chosen is None and hint is not None and hint.near is not None:
        # A village the gazetteer does not hold, near the town or department named with it.
        return PlaceMention(cand.span, hint.near, geo_precision=2, qualifier=in_area, resolved=True,
                            kind=kind, note=f"{cand.span.text!r} not in gazetteer; {hint.near.name} used")
    if chosen is None and hint is not None:
        # A village the gazetteer does not hold: the admin area it is in, less precisely.
        area = gazetteer.admin_place(hint.cc, hint.admin1, hint.admin2) if hint.admin2 else None
        if area is not None:
            return PlaceMention(cand.span, area, geo_precision=2, qualifier=in_area, resolved=True,
                                kind=kind, note=f"{cand.span.text!r} not in gazetteer; admin2 used")
        area = gazetteer.admin_place(hint.cc, hint.admin1)
        if area is not None:
            return PlaceMention(cand.span, area, geo_precision=3, qualifier=in_area, resolved=True,
                                kind=kind, note=f"{cand.span.text!r} not in gazetteer; admin1 used")
    if chosen is None:
        return PlaceMention(cand.span, None, geo_precision=0, resolved=False, kind=kind,
                            note=f"{cand.span.text!r} not found in the gazetteer")
    precision = 1
    if chosen.is_country or chosen.feature_code in ("ADM1", "RGN", "CONT") or \
            chosen.feature_code.startswith(("SEA", "OCN")):
        precision = 3
    elif chosen.feature_code == "ADM2":
        precision = 2
    qualifier = cand.qualifier
    place = chosen
    if cand.qualifier in ("near", "distance", "direction") and precision == 1:
        precision = 2
        if cand.qualifier == "distance" and cand.distance_km and cand.direction:
            lat, lon = _offset(chosen.lat, chosen.lon, cand.direction, cand.distance_km)
            place = Place(geonameid=chosen.geonameid, name=chosen.name, lat=lat, lon=lon,
                          feature_class=chosen.feature_class, feature_code=chosen.feature_code,
                          country_code=chosen.country_code, admin1_code=chosen.admin1_code,
                          admin2_code=chosen.admin2_code, admin1=chosen.admin1, admin2=chosen.admin2,
                          population=0, source=chosen.source)
    if cand.direction and precision == 3 and chosen.is_country:
        qualifier = f"{cand.direction} part"
    if cand.qualifier == "coded" and cand.precision:
        precision = max(precision, cand.precision)
    if hint is not None and place.country_code == hint.cc and place.admin1_code != hint.admin1 \
            and not place.is_country:
        place = relabelled(place, hint, gazetteer)
    place = reformed(place, gazetteer)
    return PlaceMention(cand.span, place, geo_precision=precision, qualifier=qualifier, resolved=True,
                        kind=kind)


def at_seat(mention: PlaceMention, gazetteer: Gazetteer) -> PlaceMention:
    """An event location as ACLED codes it: an admin area stands at its seat town (keeping the mention's
    precision), so 'in the Mopti region' is placed at Mopti. Countries stay countries (relations between
    states rely on them)."""
    area = mention.place
    if area is None or not mention.resolved or mention.geo_precision < 2 or mention.qualifier == "distance" \
            or mention.kind == "demonym":
        return mention
    if area.is_country and mention.qualifier.endswith(" part"):
        # 'northern Benin', "Benin's remote north": the region farthest that way, at its seat (precision 3)
        region = _region_towards(gazetteer, area.country_code, mention.qualifier.removesuffix(" part"))
        seat = gazetteer.seat(region) if region is not None else None
        if seat is not None:
            return PlaceMention(mention.span, seat, geo_precision=3, qualifier=mention.qualifier, resolved=True,
                                kind=mention.kind, score=mention.score,
                                note=(mention.note + f"; the {mention.qualifier} of {area.name}: {region.name}, "
                                      f"at its seat {seat.name}").strip("; "))
    if area.is_country:
        capital = gazetteer.seat(area)
        if capital is None:
            return mention
        # Still the country (relations between states rely on it), placed at its capital.
        place = replace(area, lat=capital.lat, lon=capital.lon)
        return replace(mention, place=place, note=(mention.note + f"; placed at {capital.name}").strip("; "))
    if area.feature_code not in ("ADM1", "ADM2"):
        return mention
    seat = gazetteer.seat(area)
    if seat is None:
        return mention
    return PlaceMention(mention.span, seat, geo_precision=mention.geo_precision, qualifier=mention.qualifier,
                        resolved=True, kind=mention.kind, score=mention.score,
                        note=(mention.note + f"; {area.name} placed at its seat {seat.name}").strip("; "))


@lru_cache(maxsize=1024)
def _region_towards(gazetteer: Gazetteer, country_code: str, direction: str) -> Place | None:
    """The admin-1 region of a country whose point lies farthest in a compass direction (one look-up of the
    country's regions per process, not per mention)."""
    dy, dx = DIRECTIONS.get(direction, (0.0, 0.0))
    if not (dy or dx):
        return None
    regions = [gazetteer.admin_place(cc, a1) for cc, a1, a2, _name in gazetteer.admin_areas(country_code) if not a2]
    regions = [r for r in regions if r is not None and r.feature_code == "ADM1"]
    return max(regions, key=lambda r: dy * r.lat + dx * r.lon, default=None)


def at_capital(mention: PlaceMention, gazetteer: Gazetteer | None = None) -> PlaceMention:
    """A country named as the place of an event, the way ACLED codes national-level events: at the capital,
    reported with the capital's admin-1 (the mention keeps its precision 3)."""
    place = mention.place
    if place is None or not place.is_country:
        return mention
    if gazetteer is None:
        from sitrep.places.gazetteer import get_gazetteer

        gazetteer = get_gazetteer()
    capital = gazetteer.seat(place)
    if capital is None:
        return mention
    return replace(mention, place=capital, qualifier=mention.qualifier or "capital",
                   note=(mention.note + f"; {place.name} coded at its capital").strip("; "))
