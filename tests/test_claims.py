"""Who says what: claimants read from the grammar, in English and French (sentences of our own)."""

from __future__ import annotations

import pytest

from sitrep.pipeline import extract
from sitrep.records import Document


def _claims(text: str) -> list[tuple[str, str]]:
    result = extract(Document(id="c", text=text))
    return [(c.claimant, c.text) for c in result.claims]


def _claimant_of(text: str, words: str) -> str:
    return next(who for who, said in _claims(text) if words in said)


@pytest.mark.parametrize("text, words, speaker", [
    ("Nine people were killed in the raid on Sunday, a nurse at the district hospital said on Monday.",
     "Nine people", "a nurse at the district hospital"),
    ("The dead were all herders, said Amadou Cissé, the mayor of Tenenkou, where the attack took place.",
     "herders", "Amadou Cissé, the mayor of Tenenkou"),
    ("According to a local councillor, the gunmen burned the granaries.", "granaries", "a local councillor"),
    ("\"We counted twelve bodies,\" a resident of the village told reporters.", "twelve bodies",
     "a resident of the village"),
])
def test_english_speakers(text, words, speaker):
    assert _claimant_of(text, words) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    ("Selon une source sécuritaire locale, douze soldats ont été tués dans l'embuscade.", "douze soldats",
     "une source sécuritaire locale"),
    ("« Nous avons compté onze corps », a précisé une autre source militaire malienne.", "onze corps",
     "une autre source militaire malienne"),
    ("Le gouverneur de la région de Mopti a annoncé que sept civils avaient été tués.", "sept civils",
     "Le gouverneur de la région de Mopti"),
    ("« Des renforts ont été envoyés », a indiqué un officier, qui a confirmé la mort de quatre gendarmes.",
     "quatre gendarmes", "un officier"),
])
def test_french_speakers(text, words, speaker):
    assert _claimant_of(text, words) == speaker


def test_a_quotation_and_its_attribution_are_one_claim():
    claims = _claims("Des hommes armés ont attaqué le poste de Boni samedi. « Deux gendarmes ont trouvé la "
                     "mort », a ajouté la gendarmerie nationale dans un communiqué.")
    quoted = [who for who, said in claims if "Deux gendarmes" in said]
    assert quoted and "gendarmerie" in quoted[0].lower()


def test_he_said_is_the_one_named_before():
    claims = _claims("Moussa Traoré, a trader in Boni, said gunmen arrived at dawn. He said four men were "
                     "shot in the market.")
    assert any(who.startswith("Moussa Traoré") and "four men" in said for who, said in claims)


def _by(claims: list[tuple[str, str]], words: str) -> list[str]:
    return [who for who, said in claims if words in said]


@pytest.mark.parametrize("text, words, speaker", [
    # a quotation running over several sentences is the speaker's named where it closes
    ("\"Gunmen came at night. Four herders were shot near the well. The rest fled,\" a police officer in "
     "Djibo said.", "Four herders", "a police officer in Djibo"),
    ("« Les assaillants sont venus à l'aube. Trois bergers ont été abattus près du puits. Les autres ont fui », "
     "a indiqué un gendarme de Djibo.", "Trois bergers", "un gendarme de Djibo"),
    # … or the one who spoke just before, when it names no one
    ("A local official spoke of nine dead. \"Some are still missing. We found two more bodies.\"",
     "two more bodies", "A local official"),
    ("Un élu local a évoqué neuf morts. « Certains sont toujours portés disparus. Nous avons retrouvé deux "
     "autres corps. »", "deux autres corps", "Un élu local"),
])
def test_a_quotation_over_several_sentences_is_one_speakers(text, words, speaker):
    assert _claimant_of(text, words) == speaker


@pytest.mark.parametrize("text, speakers", [
    ("The interior minister spoke of 9 dead, the UN of 13 dead, but for the opposition, 21 people died.",
     {"9 dead": "minister", "13 dead": "UN", "21 people": "opposition"}),
    ("Le ministre de l'Intérieur a parlé de 9 morts, l'ONU de 13 morts, mais pour l'opposition, on compte "
     "au moins 21 morts.", {"9 morts": "ministre", "13 morts": "ONU", "21": "opposition"}),
])
def test_one_sentence_several_sources(text, speakers):
    claims = _claims(text)
    for figure, who in speakers.items():
        assert any(who in by and figure in said for by, said in claims), (figure, claims)
    # the sentence's own speaker does not hold the others' figures
    result = extract(Document(id="c", text=text))
    main = next(c for c in result.claims if "minist" in c.claimant)
    assert main.value["best"] == 9


@pytest.mark.parametrize("text, figure, who", [
    ("According to a nurse, the toll of 12 dead given by residents is too low.", "12 dead", "residents"),
    ("Selon une infirmière, le bilan de 12 morts avancé par les habitants est sous-estimé.", "12 morts",
     "les habitants"),
    ("Eight soldiers were killed according to the army, and 15 soldiers were killed according to local "
     "witnesses.", "15 soldiers", "local witnesses"),
    ("Huit soldats ont été tués selon l'armée, et 15 soldats ont été tués selon des témoins locaux.", "15 soldats",
     "des témoins locaux"),
])
def test_a_figure_with_its_own_source(text, figure, who):
    assert who in _by(_claims(text), figure)


@pytest.mark.parametrize("text, first, second", [
    ("The government said 12 civilians died in the raid on Monday, while residents put the toll at 40.",
     ("government", 12), ("residents", 40)),
    ("Officials said 12 people were killed in the raid, but a local source put the figure at 25.",
     ("Officials", 12), ("a local source", 25)),
    ("Le gouvernement a fait état de 12 morts lundi dans le village, tandis que des habitants parlent de 40 tués.",
     ("", 12), ("des habitants", 40)),
])
def test_a_second_clause_gives_its_own_source_and_figure(text, first, second):
    result = extract(Document(id="c", text=text))
    values = [(c.claimant, c.value["best"]) for c in result.claims if c.value]
    assert any(first[0] in who and best == first[1] for who, best in values), values
    assert (second[0], second[1]) in values, values
    assert not any(second[0] in who and best == first[1] for who, best in values), values


def test_an_army_that_neutralised_fighters_claims_their_deaths():
    result = extract(Document(id="c", text="In a statement, the junta said its forces had neutralised dozens of "
                                           "terrorists near the border on Monday."))
    assert [(c.claimant, c.value["low"]) for c in result.claims if c.value] == [("the junta", 12)]


@pytest.mark.parametrize("text, words, speaker", [
    ("Seven traders were killed in the market of Boni on Friday.\n\nAccording to the regional radio station.",
     "Seven traders", "the regional radio station"),
    ("Sept commerçants ont été tués vendredi au marché de Boni.\n\nSelon la radio régionale.",
     "Sept commerçants", "la radio régionale"),
])
def test_a_sentence_that_is_only_its_source_gives_the_one_before(text, words, speaker):
    assert _claimant_of(text, words) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    ("Twelve deaths were reported by the health ministry on Sunday.", "Twelve deaths", "the health ministry"),
    ("Un bilan de douze morts a été annoncé par le ministère de la Santé dimanche.", "douze morts",
     "le ministère de la Santé"),
])
def test_a_passive_report_is_its_agents(text, words, speaker):
    assert _claimant_of(text, words) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    ("By cross-checking the various sources, we count more than 40 dead.", "40 dead", "the various sources"),
    ("En recoupant les différentes sources, on compte plus de 40 morts.", "40 morts", "les différentes sources"),
])
def test_sources_compared_are_the_claimant(text, words, speaker):
    assert _claimant_of(text, words) == speaker


@pytest.mark.parametrize("text, words", [
    ("The attack was not claimed, but suspicion fell on Jama'at Nusrat al-Islam wal-Muslimin (JNIM). This year "
     "this group has admitted being behind eight attacks in the region.", "eight attacks"),
    ("L'attaque n'a pas été revendiquée, mais les soupçons se portent sur le Groupe de soutien à l'islam et aux "
     "musulmans (GSIM). Cette année, ce groupe a reconnu être derrière huit attaques dans la région.",
     "huit attaques"),
])
def test_this_group_is_the_actor_named_before(text, words):
    who = _claimant_of(text, words)
    assert "JNIM" in who or "Support" in who or "GSIM" in who


@pytest.mark.parametrize("text, words, speaker", [
    ("The BBC Somali Service reports that four wells were poisoned.", "four wells", "The BBC Somali Service"),
    ("Local radios, including Radio Kledu, had been reporting the death of six guards since Sunday.",
     "six guards", "Local radios"),
    ("« Deux policiers ont été tués », a dit le même porte-parole de la police.", "Deux policiers",
     "le même porte-parole de la police"),
    ("Plusieurs gendarmes présents sur place, évoquent un bilan plus lourd que celui donné par le ministre.",
     "plus lourd", "Plusieurs gendarmes présents sur place"),
    ("« Les blessés ont été évacués », a expliqué dans un communiqué, Awa Traoré, la porte-parole de l'ONG.",
     "évacués", "Awa Traoré"),
    ("\"Two policemen were killed,\" said in a statement the same police spokesman.", "Two policemen",
     "the same police spokesman"),
])
def test_reporting_words_and_speakers(text, words, speaker):
    who = _claimant_of(text, words)
    assert who.startswith(speaker), who


@pytest.mark.parametrize("text, words, speaker", [
    ("As for the prefect of Djibo, Amadou Sawadogo, he told reporters that two guards were killed.", "two guards",
     "the prefect of Djibo, Amadou Sawadogo"),
    ("Quant au préfet de Djibo, Amadou Sawadogo, il a confié à la presse que deux gardes avaient été tués.",
     "deux gardes", "préfet de Djibo, Amadou Sawadogo"),
    ("« Les gardes ont riposté », a annoncé lundi 3 mars le commandement militaire.", "riposté",
     "le commandement militaire"),
])
def test_a_speaker_put_first_or_after_a_date(text, words, speaker):
    assert _claimant_of(text, words) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    # a quotation going on over paragraphs opens each again and closes only at the end
    ("The mayor of Kaya said: \"The men came at dawn.\n\n\"They shot three farmers in their fields.\n\n\"We "
     "buried them in the evening,\" the mayor added.", "three farmers", "the mayor"),
    ("Le maire de Kaya a déclaré : « Les hommes sont venus à l'aube.\n\n« Ils ont abattu trois paysans dans "
     "leurs champs.\n\n« Nous les avons enterrés le soir », a ajouté le maire.", "trois paysans", "le maire"),
])
def test_a_quotation_over_paragraphs(text, words, speaker):
    assert _claimant_of(text, words) == speaker


def test_a_quotation_ends_with_its_paragraph_unless_reopened():
    claims = _claims("\"Two guards died,\" an officer said.\n\nThe region is described as \"a red zone.\n\n"
                     "Markets reopened on Monday.")
    assert not [who for who, said in claims if "Markets" in said]


@pytest.mark.parametrize("text, words, speaker", [
    ("Hundreds of people marched in Niamey before being dispersed with tear gas, reported local media.", "tear gas",
     "local media"),
    ("Des centaines de personnes ont défilé à Niamey avant d'être dispersées, rapportent des médias locaux.",
     "dispersées", "des médias locaux"),
])
def test_an_inverted_speaker_after_the_verb(text, words, speaker):
    assert _claimant_of(text, words) == speaker


def test_an_army_that_acknowledges_a_toll_is_its_claimant():
    text = "The army acknowledged that eleven soldiers were killed when the convoy hit a mine near Boni."
    assert _claimant_of(text, "eleven soldiers") == "The army"


def test_a_sentence_naming_one_organisation_is_not_the_reports_own_word():
    text = "Gunmen reportedly killed 14 villagers near Djibo on Sunday in a raid the United Nations condemned."
    assert _claimant_of(text, "14 villagers") == "the United Nations"
    # the armed group a sentence tells of is never its own reporter
    assert _claimant_of("JNIM fighters reportedly killed 14 villagers near Djibo on Sunday.", "14 villagers") \
        == "the report"


def test_a_sentence_opening_on_its_source_is_that_sources():
    result = extract(Document(id="c", text="Selon un habitant, au moins 28 personnes ont péri, dont des femmes et des "
                                           "enfants, dans la frappe de drone sur le marché."))
    assert [(c.claimant, c.value["best"]) for c in result.claims if c.value] == [("un habitant", 28)]


def test_claims_take_the_figures_the_event_stage_already_read():
    from sitrep.claims import find_claims
    from sitrep.events.fatalities import find_fatalities
    from sitrep.records import Span

    text = "Gunmen killed four traders near the market, the mayor said."
    sentence = Span(0, len(text), text)
    figures, _ = find_fatalities(text, 0)
    read_again = find_claims("d1", [sentence], "", {}, text=text)
    assert [c.kind for c in read_again] == ["fatalities"]
    assert find_claims("d1", [sentence], "", {}, text=text, figures_in={0: figures}) == read_again
    assert [c.kind for c in find_claims("d1", [sentence], "", {}, text=text, figures_in={0: []})] == ["statement"]


def test_the_speaker_of_a_lede_is_the_subject_beside_its_reporting_verb():
    text = ("KANO, Nigeria (Reuters) - Gunmen suspected to be bandits killed at least 14 farmers and burned their "
            "granaries in two villages, local officials said on Monday.")
    assert _claimant_of(text, "14 farmers") == "local officials"
    french = ("NIAMEY (AFP) - Des hommes armés soupçonnés d'être des jihadistes ont tué au moins quatorze cultivateurs "
              "et incendié leurs greniers dans deux villages, ont indiqué lundi des élus locaux.")
    assert _claimant_of(french, "quatorze") == "des élus locaux"
