"""French dates: the forms French-language Sahel reporting uses, resolved as ACLED codes them."""

from datetime import date

import pytest

from sitrep.dates import find_dates, find_report_date
from sitrep.lexicon import get_lexicon

FR = get_lexicon("fr")
WEDNESDAY = date(2024, 5, 15)


def dates(text, anchor=WEDNESDAY):
    return [(d.span.text, d.start, d.end, d.precision) for d in find_dates(text, anchor, FR)]


def only(text, anchor=WEDNESDAY):
    found = find_dates(text, anchor, FR)
    assert len(found) == 1, (text, found)
    return found[0].start, found[0].end, found[0].precision


@pytest.mark.parametrize("text,anchor,start,end,precision", [
    # The night belongs to its first day.
    ("Des hommes armés ont attaqué le village dans la nuit de samedi à dimanche.", WEDNESDAY,
     date(2024, 5, 11), date(2024, 5, 11), 1),
    ("Le poste a été attaqué dans la nuit de samedi à dimanche.", date(2024, 5, 12),
     date(2024, 5, 11), date(2024, 5, 11), 1),
    ("Trois personnes ont été enlevées dans la nuit du samedi 4 au dimanche 5 mai 2024.", WEDNESDAY,
     date(2024, 5, 4), date(2024, 5, 4), 1),
    ("L'attaque a eu lieu dans la nuit du 31 mai au 1er juin.", date(2024, 6, 3), date(2024, 5, 31), date(2024, 5, 31), 1),
    ("Le camp a été visé dans la nuit de lundi 13 à mardi 14 mai.", WEDNESDAY, date(2024, 5, 13), date(2024, 5, 13), 1),
    # "dernier" is never the report's own weekday; a bare or "ce" weekday is the last one on or before it.
    ("Des assaillants ont incendié le marché jeudi dernier.", WEDNESDAY, date(2024, 5, 9), date(2024, 5, 9), 1),
    ("Des assaillants ont incendié le marché jeudi dernier.", date(2024, 5, 16), date(2024, 5, 9), date(2024, 5, 9), 1),
    ("Les FAMa ont riposté ce lundi.", WEDNESDAY, date(2024, 5, 13), date(2024, 5, 13), 1),
    ("Les FAMa ont riposté ce lundi.", date(2024, 5, 13), date(2024, 5, 13), date(2024, 5, 13), 1),
    ("Les VDP ont repoussé l'attaque mercredi.", WEDNESDAY, WEDNESDAY, WEDNESDAY, 1),
    ("Les VDP ont repoussé l'attaque samedi soir.", WEDNESDAY, date(2024, 5, 11), date(2024, 5, 11), 1),
    ("Le convoi est tombé dans une embuscade dimanche à l'aube.", WEDNESDAY, date(2024, 5, 12), date(2024, 5, 12), 1),
    # A day of the report's month.
    ("Le véhicule a sauté sur un engin explosif le 12 courant.", date(2024, 5, 20), date(2024, 5, 12), date(2024, 5, 12), 1),
    ("Les faits se sont produits le 3 du mois en cours.", date(2024, 5, 20), date(2024, 5, 3), date(2024, 5, 3), 1),
    # A day and month without a year: the report's year, or the year before when that would follow the report.
    ("La marche a eu lieu mardi 3 septembre à Niamey.", date(2024, 9, 10), date(2024, 9, 3), date(2024, 9, 3), 1),
    ("La marche a eu lieu mardi 3 septembre à Niamey.", date(2025, 3, 1), date(2024, 9, 3), date(2024, 9, 3), 1),
    ("Le camp de Boni a été attaqué le 20 janvier.", WEDNESDAY, date(2024, 1, 20), date(2024, 1, 20), 1),
    ("Une embuscade a fait six morts jeudi 1er avril.", date(2021, 4, 3), date(2021, 4, 1), date(2021, 4, 1), 1),
    # The named weekday says which year: 10 February 2024 was a Saturday, 2023's a Friday.
    ("Les villages ont été attaqués vendredi 10 février.", WEDNESDAY, date(2023, 2, 10), date(2023, 2, 10), 1),
    # Spans before the report.
    ("Des affrontements ont eu lieu le week-end dernier.", WEDNESDAY, date(2024, 5, 11), date(2024, 5, 12), 2),
    ("Des affrontements ont eu lieu pendant le week-end.", WEDNESDAY, date(2024, 5, 11), date(2024, 5, 12), 2),
    ("Les frappes ont repris la semaine dernière.", WEDNESDAY, date(2024, 5, 6), date(2024, 5, 12), 2),
    ("Les frappes ont repris la semaine passée.", WEDNESDAY, date(2024, 5, 6), date(2024, 5, 12), 2),
    ("Les frappes ont repris à la fin de la semaine dernière.", WEDNESDAY, date(2024, 5, 9), date(2024, 5, 12), 2),
    ("Les frappes ont repris en début de semaine.", WEDNESDAY, date(2024, 5, 13), date(2024, 5, 15), 2),
    ("Les enlèvements se sont multipliés le mois dernier.", WEDNESDAY, date(2024, 4, 1), date(2024, 4, 30), 3),
    ("Les enlèvements se sont multipliés l'an dernier.", WEDNESDAY, date(2023, 1, 1), date(2023, 12, 31), 3),
    ("Les enlèvements se sont multipliés cette année.", WEDNESDAY, date(2024, 1, 1), WEDNESDAY, 3),
    # Parts of a month, as ACLED codes them (a third of a month is a few days; the whole month is precision 3).
    ("Le village a été pillé fin mai.", date(2024, 8, 1), date(2024, 5, 21), date(2024, 5, 31), 2),
    ("Le village a été pillé début juin.", date(2024, 8, 1), date(2024, 6, 1), date(2024, 6, 10), 2),
    ("Le village a été pillé à la mi-juillet.", date(2024, 8, 1), date(2024, 7, 11), date(2024, 7, 20), 2),
    ("Le village a été pillé courant mars.", date(2024, 8, 1), date(2024, 3, 1), date(2024, 3, 31), 3),
    ("Le village a été pillé au début du mois de juin.", date(2024, 8, 1), date(2024, 6, 1), date(2024, 6, 10), 2),
    ("Le village a été pillé fin avril 2021.", date(2024, 8, 1), date(2021, 4, 21), date(2021, 4, 30), 2),
    # Months.
    ("Les écoles ont fermé en mai 2021.", WEDNESDAY, date(2021, 5, 1), date(2021, 5, 31), 3),
    ("Les écoles ont fermé au mois d'août 2020.", WEDNESDAY, date(2020, 8, 1), date(2020, 8, 31), 3),
    ("Les écoles ont fermé en mars.", WEDNESDAY, date(2024, 3, 1), date(2024, 3, 31), 3),
    ("Les écoles ont fermé en mai dernier.", WEDNESDAY, date(2023, 5, 1), date(2023, 5, 31), 3),
    ("Les écoles ont fermé en mars dernier.", WEDNESDAY, date(2024, 3, 1), date(2024, 3, 31), 3),
    ("Les écoles ont fermé en mai de l'année dernière.", WEDNESDAY, date(2023, 5, 1), date(2023, 5, 31), 3),
    # Days before the report.
    ("Deux gendarmes ont été tués hier.", WEDNESDAY, date(2024, 5, 14), date(2024, 5, 14), 1),
    ("Deux gendarmes ont été tués hier soir.", WEDNESDAY, date(2024, 5, 14), date(2024, 5, 14), 1),
    ("Deux gendarmes ont été tués hier mardi.", WEDNESDAY, date(2024, 5, 14), date(2024, 5, 14), 1),
    ("Deux gendarmes ont été tués avant-hier.", WEDNESDAY, date(2024, 5, 13), date(2024, 5, 13), 1),
    ("Deux gendarmes ont été tués la nuit dernière.", WEDNESDAY, date(2024, 5, 14), date(2024, 5, 14), 1),
    ("Deux gendarmes ont été tués ce matin.", WEDNESDAY, WEDNESDAY, WEDNESDAY, 1),
    ("Deux gendarmes ont été tués aujourd'hui.", WEDNESDAY, WEDNESDAY, WEDNESDAY, 1),
    ("Deux gendarmes ont été tués il y a trois jours.", WEDNESDAY, date(2024, 5, 12), date(2024, 5, 12), 1),
    ("Deux gendarmes ont été tués il y a une dizaine de jours.", WEDNESDAY, date(2024, 5, 5), date(2024, 5, 5), 2),
    ("Le poste avait été attaqué trois jours plus tôt.", WEDNESDAY, date(2024, 5, 12), date(2024, 5, 12), 1),
    # Written dates and ranges.
    ("Le 12 mai 2024 à 10h30, des tirs ont été entendus.", WEDNESDAY, date(2024, 5, 12), date(2024, 5, 12), 1),
    ("Le communiqué du 12/05/2024 fait état de 12 morts.", WEDNESDAY, date(2024, 5, 12), date(2024, 5, 12), 1),
    ("Les combats ont duré du 1er au 7 juin 2020.", WEDNESDAY, date(2020, 6, 1), date(2020, 6, 7), 2),
    ("Des représailles ont suivi les 1er et 2 janvier 2019.", WEDNESDAY, date(2019, 1, 1), date(2019, 1, 2), 2),
    ("Le marché a été attaqué dans la matinée du mardi 1er janvier 2019.", WEDNESDAY,
     date(2019, 1, 1), date(2019, 1, 1), 1),
])
def test_french_dates(text, anchor, start, end, precision):
    assert only(text, anchor) == (start, end, precision)


def test_a_bare_year_is_never_a_day():
    assert dates("Le groupe est actif dans la zone depuis 2015.") == \
        [("depuis 2015", date(2015, 1, 1), date(2015, 12, 31), 3)]
    assert dates("La Minusma est déployée au Mali en 2013.") == \
        [("en 2013", date(2013, 1, 1), date(2013, 12, 31), 3)]


def test_without_a_report_date_nothing_relative_is_dated():
    for text in ("Des hommes armés ont attaqué jeudi dernier.", "Le camp a été attaqué le 20 janvier.",
                 "Deux soldats ont été tués hier.", "La marche a eu lieu mardi 3 septembre.",
                 "Le poste a été attaqué dans la nuit de samedi à dimanche.", "Le 12 courant, un bus a sauté.",
                 "Les frappes ont repris la semaine dernière.", "Les écoles ont fermé en mai dernier."):
        assert find_dates(text, None, FR) == [], text
    # A year written earlier in the text dates what follows.
    assert dates("Le 3 mars 2022, le camp a été attaqué. Le 5 mars, l'armée a riposté.", None) == [
        ("3 mars 2022", date(2022, 3, 3), date(2022, 3, 3), 1), ("5 mars", date(2022, 3, 5), date(2022, 3, 5), 1)]


def test_vague_spans_are_not_dates():
    assert dates("Ces derniers mois, les attaques se sont multipliées.") == []


def test_a_year_from_the_context_does_not_put_a_date_after_the_report():
    found = dates("Les postes ont été attaqués dans la nuit de lundi 26 à mardi 27 février 2018. Cette attaque "
                  "survient deux mois après celle du 16 décembre.", date(2018, 2, 27))
    assert [d[1] for d in found] == [date(2018, 2, 26), date(2017, 12, 16)]


@pytest.mark.parametrize("text,reporting", [
    ("L'armée a annoncé mardi que des assaillants avaient attaqué le poste lundi.", {"mardi": True, "lundi": False}),
    ("Le camp a été visé dimanche, a-t-on appris lundi de sources sécuritaires.", {"dimanche": False, "lundi": True}),
    ("Douze civils ont été tués samedi, a déclaré à l'AFP mardi un élu local.", {"samedi": False, "mardi": True}),
    ("Selon un communiqué de l'armée publié mardi, le bilan est de 12 morts.", {"mardi": True}),
    ("Selon des sources locales mardi, les assaillants étaient nombreux.", {"mardi": True}),
    ("L'armée a, mardi, annoncé la neutralisation de 12 terroristes.", {"mardi": True}),
    ("Le ministre a affirmé le 12 mai que la situation était sous contrôle.", {"12 mai": True}),
    # Passive verbs and "selon" followed by a whole clause date the event itself.
    ("Des tirs ont été signalés lundi à Gao.", {"lundi": False}),
    ("Selon l'armée les assaillants ont attaqué mardi le poste.", {"mardi": False}),
])
def test_french_dates_of_sayings_are_marked(text, reporting):
    assert {d.span.text: d.reporting for d in find_dates(text, WEDNESDAY, FR)} == reporting


@pytest.mark.parametrize("text,expected", [
    ("Bamako, le 12 mai 2024 (AFP) - Des hommes armés ont attaqué un poste.", date(2024, 5, 12)),
    ("Niamey (AFP), le 3 juin 2023 - Les FDS ont repoussé une attaque.", date(2023, 6, 3)),
    ("Attaque à Djibo\nPublié le 12/05/2024\n\nDes hommes armés ont attaqué.", date(2024, 5, 12)),
    ("Mis à jour le mardi 14 mai 2024 à 09h12\n\nTexte.", date(2024, 5, 14)),
    ("12 mai 2024 à 10h30\n\nDes hommes armés ont attaqué.", date(2024, 5, 12)),
    ("Sécurité | 14 mai 2024 | Rédaction\n\nDes hommes armés ont attaqué.", date(2024, 5, 14)),
    # A dateline without a year takes the year its header writes.
    ("Ouagadougou, 3 juin (AIB) - Le ministre a visité Kaya.\n© 2024 AIB", date(2024, 6, 3)),
])
def test_french_datelines(text, expected):
    assert find_report_date(text, lex=FR)[0] == expected


@pytest.mark.parametrize("text", [
    "Le 12 mai 2024, des hommes armés ont attaqué le village.",
    "Des hommes armés ont attaqué dimanche 12 mai 2024 le village de Boni.",
    "Le mouvement a manifesté pour la troisième fois, le 10 juillet 2020, à Bamako.",
    "Niamey (AFP) - Depuis le 3 mai 2024, les FDS patrouillent.",
    "Ouagadougou, 3 juin (AIB) - Le ministre a visité Kaya.",  # no year anywhere: not guessed
])
def test_event_dates_are_not_datelines(text):
    assert find_report_date(text, lex=FR) == (None, None)


def test_yesterday_in_a_quoted_statement_counts_from_the_statements_day():
    text = ("L'armée a annoncé samedi la reprise de la ville.\n\n"
            "\u00ab Nos unités ont repoussé hier une attaque contre le camp \u00bb, indique le communiqué.")
    days = {d.span.text.strip(): d.start for d in find_dates(text, date(2024, 5, 13), get_lexicon("fr"))}
    assert days["hier"] == date(2024, 5, 10)


def test_the_day_of_a_communique_is_a_saying():
    said = find_dates("Dans un communiqué, le 5 août 2020, l'ONG a dénoncé la répression.", date(2020, 8, 9),
                      get_lexicon("fr"))
    assert [d.reporting for d in said] == [True]


def test_a_date_set_off_by_commas_after_the_verb_dates_the_saying():
    said = find_dates("L'armée a annoncé, le 18 mai dernier, avoir saisi des motos.", date(2022, 5, 25),
                      get_lexicon("fr"))
    assert [d.reporting for d in said] == [True]
