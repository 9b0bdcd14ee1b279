"""`make bench`: words/s of `extract` against a bare spaCy NER pass over the same texts, in the same run.

Absolute speeds depend on the machine; the ratio (sitrep's words/s over spaCy NER-only words/s on the same
texts) is the figure to compare across runs. Time is this process's CPU time (the wall-clock ratio is shown
beside it): on a machine shared with other work, the wall clock moves with their load. Both passes run chunk
by chunk, one after the other. Three corpora, each English:
short notes (the classifier's corpus, `corpus/classify/*.jsonl`), full reports (the English samples, repeated)
and the two mixed; and French reports (the French samples and those written for the bench, `data/bench/fr/`)
beside the English ones, with their words/s ratio. Memory is the peak resident set size of this process after each corpus.

Those corpora are short: the "articles" are ~50-word samples. When the evaluation texts shared beside the
repository are there (`../shared/eval/dev`, or `--real-dir`), the same figures are also given for real texts,
read at run time and never copied into the repository: ACLED coders' notes (the `notes` column of
`acled_sahel_dev.csv`), full English news articles (`rawnews_dev/*.txt`), the two mixed (the issue's corpus:
600 notes and 40 full articles) and full French articles (`rawnews_fr_dev/*.txt`).

    python -m sitrep.bench [--notes 600] [--articles 40] [--chunk 50] [--real/--no-real] [--real-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import time
from pathlib import Path

from sitrep.config import DATA_DIR

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "classify"
# The evaluation texts shared beside the repository (not part of it): real notes and articles.
REAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
ACLED_NOTES = "acled_sahel_dev.csv"
REAL_ARTICLES = {"en": "rawnews_dev", "fr": "rawnews_fr_dev"}
NER_PIPES = ("tok2vec", "ner")
CORPORA = ("notes_en", "articles_en", "mixed_en", "articles_fr",
           "real_notes_en", "real_articles_en", "real_mixed_en", "real_articles_fr")


def note_texts(n: int, corpus_dir: Path = CORPUS_DIR, second: bool = False) -> list[str]:
    """`n` short notes spread evenly over the classifier's corpus (every label and style, in file order);
    `second` takes the notes halfway between those, another set."""
    texts: list[str] = []
    for path in sorted(corpus_dir.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return _spread(texts, n, second)


def _spread(texts: list[str], n: int, second: bool) -> list[str]:
    """`n` of `texts` taken evenly from start to end; `second`: those halfway between them."""
    if not texts or n <= 0:
        return []
    step = max(1, len(texts) // n)
    return texts[step // 2 if second else 0::step][:n]


def real_note_texts(n: int, real_dir: Path = REAL_DIR, second: bool = False) -> list[str]:
    """`n` ACLED coders' notes spread evenly over the shared dev file (`second`: another `n`), or none when
    the file is not there."""
    path = real_dir / ACLED_NOTES
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        texts = [note for row in csv.DictReader(fh) if (note := (row.get("notes") or "").strip())]
    return _spread(texts, n, second)


def real_article_texts(n: int, language: str, real_dir: Path = REAL_DIR) -> list[str]:
    """The shared dev news articles of `language` (whole texts as stored), repeated up to `n` texts."""
    folder = real_dir / REAL_ARTICLES[language]
    return article_texts(n, folder) if folder.is_dir() else []


def article_texts(n: int, *folders: Path, language: str = "") -> list[str]:
    """The reports of `folders` (those in `language` only, when given), repeated up to `n` texts."""
    from sitrep.language import detect_language

    texts = [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]
    texts = [t for t in texts if not language or detect_language(t) == language]
    if not texts:
        return []
    return (texts * (n // len(texts) + 1))[:n]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def measure(texts: list[str], language: str, chunk: int = 50) -> dict[str, float]:
    """Seconds of a spaCy NER-only pass and of `extract` over `texts`, alternating chunk by chunk."""
    from sitrep.documents import content_hash
    from sitrep.pipeline import extract_each, resources
    from sitrep.records import Document

    nlp = resources(language).nlp
    ner_pipes = [name for name in NER_PIPES if name in nlp.pipe_names]
    # CPU seconds of this process (all its threads) and wall seconds, per pass
    ner_cpu = ner_wall = sitrep_cpu = sitrep_wall = 0.0
    events = 0
    for at in range(0, len(texts), chunk):
        part = texts[at:at + chunk]
        cpu, wall = time.process_time(), time.perf_counter()
        with nlp.select_pipes(enable=ner_pipes):
            for doc in nlp.pipe(part, batch_size=16):
                _ = doc.ents
        ner_cpu, ner_wall = ner_cpu + time.process_time() - cpu, ner_wall + time.perf_counter() - wall
        cpu, wall = time.process_time(), time.perf_counter()
        documents = [Document(id=str(i), text=text, content_hash=content_hash(text)) for i, text in enumerate(part, at)]
        for _document, result in extract_each(documents):  # as `sitrep extract` runs it
            if isinstance(result, Exception):
                raise result
            events += len(result.events)
        sitrep_cpu, sitrep_wall = sitrep_cpu + time.process_time() - cpu, sitrep_wall + time.perf_counter() - wall
    words = _words(texts)
    return {
        "documents": len(texts), "words": words, "events": events,
        # words per CPU second: what other processes on the machine do to the wall clock does not count
        "sitrep_words_per_s": words / sitrep_cpu, "ner_words_per_s": words / ner_cpu,
        "ratio": ner_cpu / sitrep_cpu,  # sitrep words/s ÷ NER words/s
        "ratio_wall": ner_wall / sitrep_wall,
        "sitrep_ms_per_doc": 1000 * sitrep_cpu / len(texts),
        "peak_rss_mb": _peak_mb(),
    }


def run(notes: int = 600, articles: int = 40, chunk: int = 50,
        real_dir: Path | None = REAL_DIR) -> dict[str, dict[str, float]]:
    """The figures of every corpus; `real_dir` None (or a folder without the texts) measures the project's
    own corpora only."""
    from sitrep.pipeline import extract, resources, text_judge
    from sitrep.records import Document

    en_notes = note_texts(notes)
    # The mixed corpus reads other notes: the same ones again would find every cache warm.
    other_notes = note_texts(notes, second=True)
    # the samples hold English and French reports; the bench's own French reports join the French ones
    en_articles = article_texts(articles, DATA_DIR / "samples", language="en")
    fr_articles = article_texts(articles, DATA_DIR / "samples", DATA_DIR / "bench" / "fr", language="fr")
    # Load models and reference data (and the event judge, on first use) before timing.
    load_started = time.perf_counter()
    for language, sample in (("en", en_articles), ("fr", fr_articles)):
        resources(language)
        if sample:
            extract(Document(id="warm-up", text=sample[0]))
    # The judge's sentence model loads at its first passage, which the warm-up texts may not give it.
    if (judge := text_judge()) is not None:
        judge([en_articles[0] if en_articles else "Gunmen attacked a village."])
    figures: dict[str, dict[str, float]] = {
        "loading": {"seconds": time.perf_counter() - load_started, "rss_mb": _peak_mb()}}
    # Mixed: notes and articles interleaved, so every chunk holds both.
    mixed = _interleave(other_notes, en_articles)
    corpora = [("notes_en", en_notes, "en"), ("articles_en", en_articles, "en"),
               ("mixed_en", mixed, "en"), ("articles_fr", fr_articles, "fr")]
    if real_dir is not None:
        real_en = real_article_texts(articles, "en", real_dir)
        corpora += [("real_notes_en", real_note_texts(notes, real_dir), "en"), ("real_articles_en", real_en, "en"),
                    ("real_mixed_en", _interleave(real_note_texts(notes, real_dir, second=True), real_en), "en"),
                    ("real_articles_fr", real_article_texts(articles, "fr", real_dir), "fr")]
    for name, texts, language in corpora:
        if texts:
            figures[name] = measure(texts, language, chunk)
    for prefix in ("", "real_"):
        en, fr = figures.get(prefix + "articles_en"), figures.get(prefix + "articles_fr")
        if en and fr:
            figures[prefix + "fr_vs_en"] = {
                "sitrep_fr_over_en_words_per_s": fr["sitrep_words_per_s"] / en["sitrep_words_per_s"],
                "ner_fr_over_en_words_per_s": fr["ner_words_per_s"] / en["ner_words_per_s"],
                "ratio_fr_over_en": fr["ratio"] / en["ratio"],
            }
    figures["machine"] = {"load_average_1min": os.getloadavg()[0], "cpus": os.cpu_count() or 0}
    return figures


def _interleave(a: list[str], b: list[str]) -> list[str]:
    """`a` and `b` mixed evenly, in order (600 notes and 40 articles: an article after every 15 notes)."""
    if not a or not b:
        return a + b
    out: list[str] = []
    every = max(1, len(a) // len(b))
    rest = list(b)
    for i, text in enumerate(a, start=1):
        out.append(text)
        if i % every == 0 and rest:
            out.append(rest.pop(0))
    return out + rest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitrep.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=600, help="short notes from corpus/classify")
    parser.add_argument("--articles", type=int, default=40, help="reports per language (samples repeated)")
    parser.add_argument("--chunk", type=int, default=50, help="texts per alternation of the two passes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--real", action=argparse.BooleanOptionalAction, default=None,
                        help="also measure real notes and articles from --real-dir (default: when it exists)")
    parser.add_argument("--real-dir", type=Path, default=REAL_DIR,
                        help="the shared evaluation texts (acled_sahel_dev.csv, rawnews_dev/, rawnews_fr_dev/)")
    args = parser.parse_args(argv)
    real = args.real if args.real is not None else args.real_dir.is_dir()
    if real and not args.real_dir.is_dir():
        parser.error(f"--real: no folder {args.real_dir}")
    figures = run(args.notes, args.articles, args.chunk, args.real_dir if real else None)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print("sitrep benchmark: extract vs a spaCy NER-only pass (tok2vec+ner) on the same texts, same run")
    print(f"  load average {figures['machine']['load_average_1min']:.2f} on {figures['machine']['cpus']} cpus;"
          f" loading {figures['loading']['seconds']:.1f} s, {figures['loading']['rss_mb']:.0f} MB")
    print("  words/s and ms/doc per CPU second of this process; ratio = sitrep words/s / NER words/s"
          " (CPU; wall clock beside it)")
    print(f"  {'corpus':<17}{'docs':>6}{'words':>8}{'sitrep w/s':>12}{'NER w/s':>10}{'ratio':>7}{'wall':>7}"
          f"{'ms/doc':>8}{'peak MB':>9}")
    for name in CORPORA:
        f = figures.get(name)
        if f:
            print(f"  {name:<17}{f['documents']:>6}{f['words']:>8}{f['sitrep_words_per_s']:>12.0f}"
                  f"{f['ner_words_per_s']:>10.0f}{f['ratio']:>7.2f}{f['ratio_wall']:>7.2f}{f['sitrep_ms_per_doc']:>8.1f}"
                  f"{f['peak_rss_mb']:>9.0f}")
    for prefix, what in (("", "samples"), ("real_", "real articles")):
        c = figures.get(prefix + "fr_vs_en")
        if c:
            print(f"  French / English words/s ({what}): sitrep {c['sitrep_fr_over_en_words_per_s']:.2f}, "
                  f"spaCy NER {c['ner_fr_over_en_words_per_s']:.2f} (issue 11: French within 1.5x, i.e. >= 0.67)")


if __name__ == "__main__":
    main()
