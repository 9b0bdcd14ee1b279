"""The faster attribute-ruler matching gives spaCy's own answer, token for token."""

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from sitrep.nlp import AttributeRulerMatches, get_nlp, model_name

SENTENCES = {
    "en": ["Gunmen killed three herders near the well on Tuesday, the mayor said.",
           "There is no road left; they gon na leave and it ai n't safe, y' all know.",
           "Let's see: he gets the news late and she got it early.\n\n  The army   withdrew.",
           "Soldiers were not there when the convoy was ambushed by suspected militants."],
    "fr": ["Des hommes armés ont tué trois bergers près du puits mardi, a déclaré le maire.",
           "Il n'y a plus de route.\n\n  L'armée   s'est retirée du poste."],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_same_matches_as_spacy(language):
    nlp = spacy.load(model_name(language))
    ruler = nlp.get_pipe("attribute_ruler")
    faster = AttributeRulerMatches(ruler)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(SENTENCES[language]))
    for doc in docs:
        expected = AttributeRuler.match(ruler, doc)
        assert faster(doc) == expected
        assert faster(doc) == expected  # the second time from the tokens already seen
    assert any(AttributeRuler.match(ruler, doc) for doc in docs)


def test_patterns_added_later_are_matched():
    nlp = spacy.load(model_name("en"))
    ruler = nlp.get_pipe("attribute_ruler")
    faster = AttributeRulerMatches(ruler)
    doc = nlp("The herders fled.")
    faster(doc)
    ruler.add([[{"LOWER": "herders"}]], {"LEMMA": "herdsman"})
    assert faster(doc) == AttributeRuler.match(ruler, doc)
    assert len(ruler.attrs) - 1 in [m[0] for m in faster(doc)]


def test_the_pipeline_uses_it():
    ruler = get_nlp("en").get_pipe("attribute_ruler")
    assert isinstance(ruler.match, AttributeRulerMatches)
    assert [t.pos_ for t in get_nlp("en")("Gunmen attacked the village.")][:2] == ["NOUN", "VERB"]
