from sitrep.language import detect_language


def test_languages():
    assert detect_language("Gunmen attacked the village of Ogossagou on Saturday, killing dozens of people, "
                           "officials said.") == "en"
    assert detect_language("Des hommes armés ont attaqué le village de Ogossagou samedi, tuant des dizaines de "
                           "personnes selon les autorités.") == "fr"
    assert detect_language("هاجم مسلحون قرية في وسط مالي يوم السبت") == "ar"
    assert detect_language("ok") == "und"
