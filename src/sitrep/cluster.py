"""Running a per-document job on a Dask distributed cluster (`--cluster tcp://HOST:8786`).

The client reads the documents and sends them in batches; Dask's scheduler places the batches on its workers,
where a worker plugin has loaded the models once per worker process; the results come back to the client in
input order and the client alone writes them (one writer for the store). Each worker needs sitrep (the same
version as the client) and its place index; it needs no access to the client's files or the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

from sitrep.parallel import Outcome, Runner, fingerprint, ordered, run_batch, warm

BATCH = 4  # documents per Dask task: a task costs the scheduler ~1 ms and a round trip; a document 20 ms to 1 s
IN_FLIGHT_PER_THREAD = 8  # batches queued per worker thread: past a slow batch and across the round trip
CONNECT_TIMEOUT = "10s"
WORKER_WAIT_S = 60.0  # how long a scheduler with no worker yet is given for one to join
REFRESH_S = 5.0  # how often the client asks how many worker threads the cluster has


class ClusterError(RuntimeError):
    """The scheduler could not be reached, no worker joined it, or a worker cannot run the job as the client."""


class SitrepModels(WorkerPlugin):
    """Loads a job's models in each worker process as it joins (and in those already there), after checking
    that the worker runs the client's sitrep with the client's place index (else its output would differ)."""

    idempotent = False  # registering again (another job) loads that job's models too

    def __init__(self, kind: str, expected: dict[str, str]):
        self.kind = kind
        self.expected = expected

    async def setup(self, worker) -> None:
        # in a thread: loading takes seconds, and the worker's event loop must keep answering the scheduler
        await asyncio.to_thread(self._load, worker.address)

    def _load(self, address: str) -> None:
        found = fingerprint()
        differ = [key for key in self.expected if found.get(key) != self.expected[key]]
        if differ:
            raise RuntimeError(f"worker {address} has another {' and another '.join(differ)} than this "
                               "machine: install the same sitrep and place index on every worker")
        warm(self.kind)


def connect(address: str, kind: str, wait_s: float = WORKER_WAIT_S) -> Client:
    """A client of the scheduler at `address`, once a worker has joined it and loaded the job's models."""
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=wait_s)
    except TimeoutError as exc:  # without it the batches would wait for ever, silently
        client.close()
        raise ClusterError(f"no Dask worker joined the scheduler at {address} in {wait_s:.0f} s "
                           f"(start some: dask worker {address} --nthreads 1)") from exc
    try:
        client.register_plugin(SitrepModels(kind, fingerprint()), name=f"sitrep-models-{kind}")
    except Exception as exc:  # sitrep missing on a worker, another version, models that do not load
        client.close()
        raise ClusterError(f"a Dask worker cannot run sitrep {kind}: {exc}") from exc
    return client


@contextlib.contextmanager
def cluster_runner(kind: str, client: Client) -> Iterator[Runner]:
    """Batches of the job on `client`'s cluster (from `connect`), in input order; closes the client at the end."""
    try:
        seen = {"at": -REFRESH_S, "threads": 1}

        def threads() -> int:
            # asked again every few seconds only (a scheduler round trip): workers may join or leave
            if time.monotonic() - seen["at"] > REFRESH_S:
                seen["threads"] = sum(client.nthreads().values()) or 1
                seen["at"] = time.monotonic()
            return seen["threads"]

        def submit(batch: list):
            # pure=False: two equal batches (the same document twice) are still two tasks with two results
            return client.submit(run_batch, kind, batch, pure=False)

        def run(items: Iterable) -> Iterator[tuple[Any, Outcome]]:
            return ordered(submit, items, 1 if kind == "classify" else BATCH,
                           lambda: threads() * IN_FLIGHT_PER_THREAD)

        yield run
    finally:
        client.close()
