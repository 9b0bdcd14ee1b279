"""`make bench`: documents/s of `extract` in one process and in 2 worker processes, and their ratio.

The 2,000 documents are the project's own texts: the sample reports (one document in 16, as a desk's feed
mixes a few full articles into many short notes) and the short notes of corpus/classify. Both runs go through
`sitrep.parallel` as `sitrep extract --workers 1|2` does, and must give the same events. Two figures per run:
end to end (models loaded inside the timing, what a user waits for) and after start-up (from the 10th per cent
of documents on, what a long run converges to). Timings depend on what else the machine runs: the load
average is printed before and after.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import time
from itertools import cycle
from pathlib import Path

from sitrep.config import DATA_DIR
from sitrep.documents import content_hash
from sitrep.records import Document

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "classify"
ARTICLE_EVERY = 16


def documents(n: int = 2000) -> list[Document]:
    articles = [p.read_text(encoding="utf-8") for p in sorted((DATA_DIR / "samples").glob("*.txt"))]
    notes = [json.loads(line)["text"] for path in sorted(CORPUS.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not notes:
        raise SystemExit(f"no notes found in {CORPUS} (run from a source checkout)")
    # every file's notes in turn would group one event type together: take them in a fixed shuffled order
    notes.sort(key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    article, note = cycle(articles), cycle(notes)
    texts = [next(article) if i % ARTICLE_EVERY == 0 else next(note) for i in range(n)]
    return [Document(id=f"b{i:05d}", text=t, content_hash=content_hash(t)) for i, t in enumerate(texts)]


def run(workers: int, docs: list[Document]) -> dict:
    from sitrep.export import extraction_records
    from sitrep.parallel import local_runner

    digests: list[str] = []  # one per document, to name those that differ between two runs
    events = 0
    marks: list[float] = []
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    with local_runner("extract", workers) as run_jobs:
        for document, (result, error) in run_jobs(docs):
            marks.append(time.perf_counter())
            digest = hashlib.sha256(f"{document.id} {error}\n".encode())
            if result is not None:
                events += len(result.events)
                for record in extraction_records(result, False):
                    digest.update(json.dumps(record, ensure_ascii=False, default=str).encode("utf-8"))
            digests.append(digest.hexdigest())
    total = marks[-1] - started
    cpu = _cpu_seconds() - cpu_before  # this process and the workers it waited for: busy time, whatever the load
    k = len(marks) // 10
    return {"workers": workers, "documents": len(docs), "events": events, "seconds": round(total, 1),
            "docs_per_s": round(len(docs) / total, 2),
            "docs_per_s_after_startup": round((len(docs) - k) / (marks[-1] - marks[k - 1]), 2),
            "cpu_seconds": round(cpu, 1), "output_sha256": hashlib.sha256("".join(digests).encode()).hexdigest()[:16], "digests": digests}


def _cpu_seconds() -> float:
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="the parallel run's worker processes")
    args = parser.parse_args()
    docs = documents(args.documents)
    print(f"sitrep parallel benchmark: extract on {len(docs)} documents "
          f"({sum(1 for i in range(len(docs)) if i % ARTICLE_EVERY == 0)} sample reports, the rest short notes); "
          f"{os.cpu_count()} CPUs; load average {_load()}", flush=True)
    serial = run(1, docs)
    print(json.dumps({k: v for k, v in serial.items() if k != "digests"}), flush=True)
    parallel = run(args.workers, documents(args.documents))  # fresh documents: extract fills them in
    # the largest worker's peak memory (the only children of this process are the pool's workers)
    parallel["worker_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    print(json.dumps({k: v for k, v in parallel.items() if k != "digests"}), flush=True)
    differ = [d.id for d, a, b in zip(docs, serial["digests"], parallel["digests"], strict=True) if a != b]
    print(f"speed-up with {args.workers} workers: {parallel['docs_per_s'] / serial['docs_per_s']:.2f}x end to end, "
          f"{parallel['docs_per_s_after_startup'] / serial['docs_per_s_after_startup']:.2f}x after start-up; "
          f"CPU time {parallel['cpu_seconds'] / serial['cpu_seconds']:.2f}x one process's (on an idle machine, "
          f"{args.workers} workers could go at most {args.workers * serial['cpu_seconds'] / parallel['cpu_seconds']:.2f}x); "
          f"same output: {'yes' if not differ else f'NO ({len(differ)} documents differ: {differ[:5]})'}; "
          f"load average now {_load()}")


if __name__ == "__main__":
    main()
