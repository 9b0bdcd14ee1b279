"""Speed work must not change results: `extract_each` (texts parsed in batches) against `extract` alone."""

import json

import pytest

from sitrep import pipeline
from sitrep.bench import _interleave, article_texts, measure, note_texts
from sitrep.config import DATA_DIR
from sitrep.documents import content_hash
from sitrep.export import extraction_records
from sitrep.records import Document


def _texts() -> list[str]:
    english = article_texts(12, DATA_DIR / "samples", language="en")
    french = article_texts(6, DATA_DIR / "bench" / "fr")
    notes = note_texts(8)
    # an empty text, a text in a language sitrep does not read, and the same text twice
    return [*english[:5], "", *french[:3], "Der Bürgermeister hat gestern die neue Brücke eröffnet.", *notes,
            english[0], *english[5:], *french[3:]]


def _documents() -> list[Document]:
    return [Document(id=f"d{i}", text=t, content_hash=content_hash(t)) for i, t in enumerate(_texts())]


def _dump(result) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in extraction_records(result, True)) \
        + "|" + json.dumps(result.warnings)


def test_extract_each_is_extract_document_by_document(monkeypatch):
    alone = [_dump(pipeline.extract(d)) for d in _documents()]
    monkeypatch.setattr(pipeline, "PARSE_AHEAD_DOCUMENTS", 5)  # several chunks, each mixing languages
    together = list(pipeline.extract_each(_documents()))
    assert [d.id for d, _ in together] == [f"d{i}" for i in range(len(alone))]
    assert [_dump(r) for _, r in together] == alone
    assert any(r.events for _, r in together)


def test_extract_each_gives_a_failing_document_its_exception(monkeypatch):
    real = pipeline.extract

    def failing(document, res=None, spacy_doc=None):
        if document.id == "d2":
            raise RuntimeError("broken")
        return real(document, res, spacy_doc)

    monkeypatch.setattr(pipeline, "extract", failing)
    results = list(pipeline.extract_each(_documents()[:4]))
    assert isinstance(results[2][1], RuntimeError)
    assert [type(r).__name__ for i, (_, r) in enumerate(results) if i != 2] == ["Extraction"] * 3


def test_a_parse_made_for_another_text_is_not_used():
    document = pipeline.prepare(Document(id="x", text=article_texts(1, DATA_DIR / "samples")[0]))
    other = pipeline.resources("en").nlp("Soldiers patrolled near Gao on Monday.")
    assert _dump(pipeline.extract(document, spacy_doc=other)) == _dump(pipeline.extract(document))


def test_bench_corpora_and_figures():
    notes, articles = note_texts(30), article_texts(4, DATA_DIR / "samples", language="en")
    french = article_texts(100, DATA_DIR / "samples", DATA_DIR / "bench" / "fr", language="fr")
    assert len(set(french)) >= 6 and not set(french) & set(article_texts(100, DATA_DIR / "samples", language="en"))
    assert len(notes) == 30 and len(set(notes)) == 30 and len(articles) == 4
    assert not set(notes) & set(note_texts(30, second=True))
    mixed = _interleave(notes, articles)
    assert len(mixed) == 34 and mixed[7] == articles[0] and [t for t in mixed if t in articles] == articles
    figures = measure(notes[:6] + articles[:2], "en", chunk=4)
    assert figures["documents"] == 8 and figures["words"] == sum(len(t.split()) for t in notes[:6] + articles[:2])
    assert figures["ratio"] == pytest.approx(figures["sitrep_words_per_s"] / figures["ner_words_per_s"])
    assert figures["peak_rss_mb"] > 0


def _real_folder(tmp_path):
    """A stand-in for the shared evaluation texts: a notes CSV and two English articles, written here."""
    import csv

    with open(tmp_path / "acled_sahel_dev.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["event_id_cnty", "notes"])
        writer.writeheader()
        for i in range(8):
            writer.writerow({"event_id_cnty": f"X{i}", "notes": "" if i == 3 else
                             f"On 2 May 2023, unidentified gunmen killed {i + 2} civilians in a village near Gao."})
    (tmp_path / "rawnews_dev").mkdir()
    (tmp_path / "rawnews_dev" / "a.txt").write_text(
        "Gunmen attack market\n\nBAMAKO, May 3 - Gunmen on motorbikes attacked a market in central Mali on "
        "Tuesday, killing five traders, a local official said.", encoding="utf-8")
    (tmp_path / "rawnews_dev" / "b.txt").write_text(
        "Soldiers clashed with militants near Menaka on Sunday, the army said.", encoding="utf-8")
    return tmp_path


def test_bench_reads_real_texts_at_run_time(tmp_path):
    from sitrep.bench import real_article_texts, real_note_texts, run

    real = _real_folder(tmp_path)
    notes = real_note_texts(3, real)
    assert len(notes) == 3 and all(notes) and not set(notes) & set(real_note_texts(3, real, second=True))
    assert real_article_texts(5, "en", real)[2] == real_article_texts(5, "en", real)[0]
    assert real_article_texts(5, "fr", real) == [] and real_note_texts(3, tmp_path / "none") == []
    figures = run(notes=3, articles=2, chunk=4, real_dir=real)
    assert figures["real_notes_en"]["documents"] == 3 and figures["real_articles_en"]["documents"] == 2
    assert figures["real_mixed_en"]["documents"] == 5 and "real_articles_fr" not in figures
    assert "notes_en" in figures and "real_fr_vs_en" not in figures


def test_loaded_models_are_kept_out_of_the_collectors_full_passes():
    import gc

    pipeline.resources("en")
    assert gc.get_freeze_count() > 10_000  # the pipeline, the actor dictionary, the lexicon...
