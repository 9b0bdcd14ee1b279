from sitrep.clean import clean_text


def test_boilerplate_and_tag_clouds_are_dropped():
    raw = ("Rebels seize town\n\nFighters entered the town at dawn, residents said.\n\nShare this:\n\n"
           "Topics:\n\nMali Niger Burkina Faso Kidal Gao\n\nExit mobile version")
    cleaned = clean_text(raw).text
    assert "Fighters entered the town at dawn" in cleaned
    assert "Topics" not in cleaned and "Exit mobile version" not in cleaned and "Share this" not in cleaned
    assert "Kidal Gao" not in cleaned


def test_repeated_body_is_kept_once():
    body = ("Heavy fighting broke out near the town of Ber on Tuesday between the army and armed men.\n\n"
            "Residents said the shooting lasted for several hours before the attackers withdrew.\n\n")
    cleaned = clean_text("Title\n\n" + body + body + "Footer line").text
    assert cleaned.count("Heavy fighting broke out") == 1
    assert cleaned.count("Residents said the shooting") == 1


def test_offsets_map_back_to_raw_text():
    raw = "Soldiers\u2019 camp   attacked  in \u201cGao\u201d.\n\n\nSecond   paragraph here."
    cleaned = clean_text(raw)
    from sitrep.records import Document

    doc = Document(id="x", text=raw, clean_text=cleaned.text, offset_runs=cleaned.runs)
    start = cleaned.text.index("Gao")
    raw_start = doc.raw_offset(start)
    assert raw[raw_start:raw_start + 3] == "Gao"
    assert "Soldiers' camp attacked in \"Gao\"." in cleaned.text
    second = cleaned.text.index("Second")
    assert raw[doc.raw_offset(second):].startswith("Second")


def test_french_site_furniture_is_dropped():
    raw = ("Attaque contre un poste de gendarmerie à Kaya\n\nPartager sur Facebook\n\n"
           "Des hommes armés ont attaqué le poste dans la nuit de samedi à dimanche, selon une source sécuritaire.\n\n"
           "Lire aussi : Burkina : les VDP repoussent une attaque près de Djibo\n\nPublicité\n\n"
           "Abonnez-vous à notre newsletter\n\nCrédit photo : archives\n\n© 2024 Tous droits réservés\n\n"
           "Mots-clés :\n\nBurkina Faso Kaya Centre-Nord Gendarmerie Sécurité")
    cleaned = clean_text(raw)
    assert "Des hommes armés ont attaqué le poste" in cleaned.text
    for furniture in ("Partager", "Lire aussi", "Publicité", "Abonnez-vous", "Crédit photo", "droits réservés",
                      "Mots-clés", "Centre-Nord Gendarmerie"):
        assert furniture not in cleaned.text, furniture


def test_furniture_of_every_language_goes_before_the_language_is_known():
    # An English wire story on a French-language site: the site's furniture is French.
    raw = "Gunmen killed six soldiers near Kaya on Sunday, the army said.\n\nPartager cet article\n\nÀ lire aussi :"
    assert clean_text(raw).text == "Gunmen killed six soldiers near Kaya on Sunday, the army said."
    from sitrep.lexicon import get_lexicon

    english_only = clean_text(raw, [get_lexicon("en")]).text
    assert "Partager cet article" in english_only
