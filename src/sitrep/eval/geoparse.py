"""`sitrep eval geoparse`: score `sitrep geoparse` on a geoparsing corpus (LGL or GeoWebNews XML).

A gold place name counts when a predicted place overlaps its character span and lies within 161 km
(100 miles) of the gold point; the figure is that count over all gold names that have coordinates (the
"Pragmatic Guide to Geoparsing Evaluation" set-up: gold names without coordinates, such as GeoWebNews'
non-toponyms and literal expressions, are not counted). Predictions go through the same code path as
`sitrep geoparse` (`sitrep.geoparse.geoparse_document`).
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.places.gazetteer import haversine_km
from sitrep.records import Document

MAX_KM = 161.0


@dataclass
class GoldName:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    kind: str = ""  # LGL: GeoNames feature code; GeoWebNews: toponym type (Literal, Metonymic, ...)


@dataclass
class Article:
    doc_id: str
    text: str
    gold: list[GoldName]
    ignored: list[tuple[int, int]] = field(default_factory=list)  # annotated spans without coordinates


@dataclass
class GeoparseResult:
    corpus: str = ""
    documents: int = 0
    gold: int = 0
    found: int = 0
    correct: int = 0
    predicted: int = 0
    spurious: int = 0  # predictions overlapping no annotated span at all
    seconds: float = 0.0
    by_kind: dict[str, Counter] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def found_share(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def right_among_found(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None and value.strip() else None
    except ValueError:
        return None


def _lgl_toponym(node: ET.Element) -> tuple[GoldName | None, tuple[int, int]]:
    start, end = int(node.findtext("start")), int(node.findtext("end"))
    gaz = node.find("gaztag")
    lat = _float(gaz.findtext("lat")) if gaz is not None else None
    lon = _float(gaz.findtext("lon")) if gaz is not None else None
    if lat is None or lon is None:
        return None, (start, end)
    return GoldName(start, end, node.findtext("phrase") or "", lat, lon, gaz.findtext("fcode") or ""), (start, end)


def _gwn_toponym(node: ET.Element) -> tuple[GoldName | None, tuple[int, int]]:
    start, end = int(node.findtext("start")), int(node.findtext("end"))
    lat, lon = _float(node.findtext("latitude")), _float(node.findtext("longitude"))
    if lat is None or lon is None:
        return None, (start, end)
    kind = node.findtext("type") or ""
    modifier = node.findtext("modifierType") or ""
    return GoldName(start, end, node.findtext("extractedName") or "", lat, lon,
                    f"{kind}/{modifier}" if modifier else kind), (start, end)


def read_corpus(xml_path: Path) -> Iterator[Article]:
    """Articles of an LGL (`<gaztag>`) or GeoWebNews (`<latitude>`) file, gold names with coordinates."""
    root = ET.parse(xml_path).getroot()
    for n, node in enumerate(root.iter("article")):
        text = node.findtext("text") or ""
        doc_id = node.get("docid") or node.get("file") or str(n)
        gold: list[GoldName] = []
        ignored: list[tuple[int, int]] = []
        for top in node.iter("toponym"):
            reader = _gwn_toponym if top.find("extractedName") is not None else _lgl_toponym
            name, span = reader(top)
            if name is None:
                ignored.append(span)
            else:
                gold.append(name)
        yield Article(doc_id, text, sorted(gold, key=lambda g: g.start), ignored)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_article(article: Article, rows: list[dict], result: GeoparseResult) -> None:
    """Add one article's counts (and its misses) to `result`."""
    result.documents += 1
    result.predicted += len(rows)
    for gold in article.gold:
        hits = [r for r in rows if _overlaps(gold.start, gold.end, r["start"], r["end"])]
        right = any(haversine_km(gold.lat, gold.lon, r["lat"], r["lon"]) <= MAX_KM for r in hits)
        counts = result.by_kind.setdefault(gold.kind, Counter())
        counts["gold"] += 1
        counts["found"] += bool(hits)
        counts["correct"] += right
        result.gold += 1
        result.found += bool(hits)
        result.correct += right
        if not right:
            got = hits[0] if hits else None
            result.misses.append({
                "doc_id": article.doc_id, "text": gold.text, "kind": gold.kind, "start": gold.start,
                "gold": [gold.lat, gold.lon],
                "context": article.text[max(0, gold.start - 60):gold.end + 60].replace("\n", " "),
                "got": None if got is None else {k: got.get(k) for k in ("text", "name", "lat", "lon",
                                                                         "country_code", "feature_code", "kind")},
                "km": None if got is None else round(haversine_km(gold.lat, gold.lon, got["lat"], got["lon"])),
            })
    spans = [(g.start, g.end) for g in article.gold] + article.ignored
    for row in rows:
        if not any(_overlaps(s, e, row["start"], row["end"]) for s, e in spans):
            result.spurious += 1


def evaluate_geoparse(xml_path: Path, limit: int | None = None, progress=None,
                      errors_path: Path | None = None, offset: int = 0) -> GeoparseResult:
    """Geoparse the corpus's articles (skipping the first `offset`, then at most `limit`) and score them;
    `progress` is a rich Progress or None."""
    from sitrep.geoparse import geoparse_document, geoparse_resources

    articles = list(read_corpus(Path(xml_path)))[offset:]
    if limit:
        articles = articles[:limit]
    geoparse_resources()  # load models before the clock starts: speed is per document
    result = GeoparseResult(corpus=Path(xml_path).name)
    task = None
    if progress is not None:
        progress.start()
        task = progress.add_task("eval geoparse", total=len(articles), note="")
    try:
        for article in articles:
            began = time.perf_counter()
            rows = geoparse_document(Document(id=article.doc_id, text=article.text))
            result.seconds += time.perf_counter() - began
            score_article(article, rows, result)
            if progress is not None:
                progress.update(task, advance=1, note=f"score {result.score:.3f}")
    finally:
        if progress is not None:
            progress.stop()
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as fh:
            for miss in result.misses:
                fh.write(json.dumps(miss, ensure_ascii=False) + "\n")
    return result


def format_report(result: GeoparseResult) -> str:
    lines = [
        f"geoparsing corpus: {result.corpus}  documents: {result.documents}  gold names with coordinates: "
        f"{result.gold}",
        "",
        f"{'found and within 161 km':<34}{result.score:>8.3f}   ({result.correct}/{result.gold})",
        f"{'found at all (span overlap)':<34}{result.found_share:>8.3f}   ({result.found}/{result.gold})",
        f"{'resolved right among found':<34}{result.right_among_found:>8.3f}",
        f"{'predicted places':<34}{result.predicted:>8d}   (overlapping no annotation: {result.spurious})",
        f"{'speed (documents/s, one core)':<34}{result.docs_per_second:>8.1f}",
        "",
        f"{'gold kind':<34}{'gold':>6}{'found':>8}{'right':>8}",
    ]
    kinds = sorted(result.by_kind.items(), key=lambda kv: -kv[1]["gold"])
    for kind, counts in kinds[:25]:
        gold = counts["gold"]
        lines.append(f"{kind[:33]:<34}{gold:>6}{counts['found'] / gold:>8.2f}{counts['correct'] / gold:>8.2f}")
    return "\n".join(lines)
