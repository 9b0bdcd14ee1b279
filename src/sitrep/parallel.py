"""Running a per-document job over many documents: in this process, or in N local processes.

The jobs (`extract`, `geoparse`, `classify`) are plain functions of one item that never raise: a failure comes
back as an error message, so one bad document never stops a batch. Items go to the workers in small batches,
a bounded number at a time (a corpus of 10⁶ articles is never all in memory), and come back in input order,
so the output of N workers is the output of one, byte for byte. `sitrep.cluster` runs the same batches on a
Dask distributed cluster.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from sitrep.records import Document

# (value, error): error is None when the job worked, else the message to report for the item
Outcome = tuple[Any, str | None]
# Runs a job over items and gives back (item, outcome) in input order.
Runner = Callable[[Iterable[Any]], Iterator[tuple[Any, Outcome]]]

BATCH = 4  # documents per task sent to a local process: a task costs ~1 ms, a document 20 ms to 1 s
# batches queued per worker: results leave in input order, so a slow batch (a long article) holds back the
# ones after it; with a few per worker only, the other workers would run dry behind it
IN_FLIGHT_PER_WORKER = 8


def extract_job(document: Document) -> Outcome:
    from sitrep.pipeline import extract

    try:
        return extract(document), None
    except Exception as exc:  # one bad document must not stop the batch
        return None, f"extraction failed: {exc!r}"


def geoparse_job(document: Document) -> Outcome:
    from sitrep.geoparse import geoparse_document

    try:
        return geoparse_document(document), None
    except Exception as exc:
        return [], f"geoparsing failed: {exc!r}"


def classify_job(documents: list[Document]) -> Outcome:
    """One batch of documents as the serial command sends it: the same batches give the same scores (the
    sentence encoder pads each batch to its longest text)."""
    from sitrep.classifier import get_classifier

    try:
        predictions = get_classifier().predict([d.text for d in documents])
    except Exception as exc:
        return None, f"classification failed: {exc!r}"
    return [(p.label, p.score) for p in predictions], None


JOBS: dict[str, Callable[[Any], Outcome]] = {"extract": extract_job, "geoparse": geoparse_job,
                                             "classify": classify_job}


def warm(kind: str) -> None:
    """Load the models a job needs, once per process, before its first document (workers' initializer)."""
    if kind == "extract":
        from sitrep.lexicon import DEFAULT_LANGUAGE
        from sitrep.pipeline import resources, text_judge

        resources(DEFAULT_LANGUAGE)  # another language loads at its first document, once per process
        text_judge()
    elif kind == "geoparse":
        from sitrep.geoparse import geoparse_resources

        geoparse_resources()
    elif kind == "classify":
        from sitrep.classifier import get_classifier

        get_classifier()


def fingerprint() -> dict[str, str]:
    """What must be the same wherever the job runs for the output to be the same: sitrep's own code and data
    files, and the place index (its counts and the GeoNames files imported into it)."""
    from sitrep.places.gazetteer import get_gazetteer

    package = Path(__file__).resolve().parent
    code = hashlib.sha256()
    # the Python modules and the data folder (what the package installs and extraction reads), nothing else
    files = [*package.rglob("*.py"), *(p for p in (package / "data").rglob("*") if p.is_file())]
    for path in sorted(p for p in files if "__pycache__" not in p.parts and not p.name.startswith(".")):
        code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    gazetteer = get_gazetteer()
    index = json.dumps([gazetteer.stats(), [(name, rows) for name, rows, _when in gazetteer.imported_files()]])
    return {"sitrep files": code.hexdigest()[:16], "place index": hashlib.sha256(index.encode()).hexdigest()[:16]}


def run_batch(kind: str, items: list) -> list[Outcome]:
    """What a worker runs: the job on each item of a batch (documents to extract are parsed together)."""
    if kind == "extract":
        return extract_batch(items)
    job = JOBS[kind]
    return [job(item) for item in items]


def extract_batch(documents: list[Document]) -> list[Outcome]:
    """`extract_job` over a batch, the texts parsed by spaCy together (`pipeline.extract_each`): the same
    results, faster on short texts."""
    from sitrep.pipeline import extract_each

    return [(None, f"extraction failed: {result!r}") if isinstance(result, Exception) else (result, None)
            for _document, result in extract_each(documents)]


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ordered(submit: Callable[[list], Future], items: Iterable, batch_size: int,
            in_flight: Callable[[], int]) -> Iterator[tuple[Any, Outcome]]:
    """Submit batches ahead (at most `in_flight()` waiting) and give results back in input order."""
    pending: deque[tuple[list, Future]] = deque()
    for batch in batches(items, batch_size):
        pending.append((batch, submit(batch)))
        while len(pending) >= max(1, in_flight()):
            yield from _collect(*pending.popleft())
    while pending:
        yield from _collect(*pending.popleft())


def _collect(batch: list, future: Future) -> Iterator[tuple[Any, Outcome]]:
    try:
        outcomes = future.result()
    except Exception as exc:  # the worker died (killed, out of memory): its documents fail, the rest go on
        outcomes = [(None, f"worker failed: {exc!r}")] * len(batch)
    yield from zip(batch, outcomes, strict=True)


def serial_runner(kind: str) -> Runner:
    size = 1
    if kind == "extract":
        from sitrep.pipeline import PARSE_AHEAD_DOCUMENTS

        size = PARSE_AHEAD_DOCUMENTS  # texts parsed together (see `extract_batch`)

    def run(items: Iterable) -> Iterator[tuple[Any, Outcome]]:
        for batch in batches(items, size):
            yield from zip(batch, run_batch(kind, batch), strict=True)

    return run


@contextlib.contextmanager
def local_runner(kind: str, workers: int = 1) -> Iterator[Runner]:
    """In this process (1 worker), or in `workers` processes that each load the models once."""
    if workers <= 1:
        yield serial_runner(kind)
        return
    # spawn, not fork: the parent may hold threads (the progress bar's, onnxruntime's) a fork would copy stuck
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=warm, initargs=(kind,)) as pool:
        def run(items: Iterable) -> Iterator[tuple[Any, Outcome]]:
            return ordered(lambda batch: pool.submit(run_batch, kind, batch), items,
                           1 if kind == "classify" else BATCH, lambda: workers * IN_FLIGHT_PER_WORKER)

        try:
            yield run
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C or a failed write: don't finish the queue
            raise
