"""`make bench`: speed and memory of `extract` as ratios against a plain spaCy NER pass in the same run.

Absolute timings depend on the machine; the ratio (sitrep's time over spaCy NER-only time on the same texts)
is the figure to compare across runs. Memory is the peak resident set size of this process.
"""

from __future__ import annotations

import resource
import time

from sitrep.config import DATA_DIR


def _texts(repeat: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA_DIR / "samples").glob("*.txt"))]
    return texts * repeat


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run(repeat: int = 10) -> dict[str, float]:
    from sitrep.documents import content_hash
    from sitrep.pipeline import extract, resources
    from sitrep.records import Document

    texts = _texts(repeat)
    words = sum(len(t.split()) for t in texts)
    res = resources("en")  # load models and reference data before timing
    baseline_mb = _peak_mb()
    nlp = res.nlp
    started = time.perf_counter()
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for doc in nlp.pipe(texts, batch_size=16):
            _ = doc.ents
    ner_seconds = time.perf_counter() - started

    started = time.perf_counter()
    events = 0
    for i, text in enumerate(texts):
        result = extract(Document(id=str(i), text=text, content_hash=content_hash(text)), res)
        events += len(result.events)
    sitrep_seconds = time.perf_counter() - started

    figures = {
        "documents": len(texts), "words": words, "events": events,
        "sitrep_docs_per_s": len(texts) / sitrep_seconds, "sitrep_words_per_s": words / sitrep_seconds,
        "spacy_ner_docs_per_s": len(texts) / ner_seconds, "spacy_ner_words_per_s": words / ner_seconds,
        "ratio_time_vs_ner": sitrep_seconds / ner_seconds,
        "peak_rss_mb": _peak_mb(), "rss_after_loading_mb": baseline_mb,
    }
    return figures


def main() -> None:
    figures = run()
    print("sitrep benchmark (texts: the project's sample corpus, repeated)")
    for key, value in figures.items():
        print(f"  {key:<26} {value:>12.2f}" if isinstance(value, float) else f"  {key:<26} {value:>12}")


if __name__ == "__main__":
    main()
