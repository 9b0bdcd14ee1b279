"""--workers N and --cluster: the same output, byte for byte, as one process (issue 12, items 2 and 3)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.parallel import ordered

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data" / "samples"

# Short notes of our own, English and French (beside the samples, full reports in both), one line not JSON and one
# text in a language sitrep does not read: each problem is reported with its line and the batch goes on.
NOTES = [
    {"id": "en-ambush", "text": "On 12 June 2024, suspected JNIM militants ambushed a convoy of the Malian armed "
                                "forces near Boni (Douentza, Mopti); three soldiers were killed."},
    {"id": "fr-village", "text": "Des hommes armés ont attaqué le village de Diallassagou, dans le cercle de "
                                 "Bankass, dans la nuit du 18 au 19 juin 2022, tuant au moins douze civils, selon "
                                 "des sources locales."},
    {"id": "en-arrests", "text": "Police arrested 14 people in Bamako on Tuesday after a protest over power cuts "
                                 "turned violent, a police spokesman said.", "published": "2024-03-05"},
    "{not json",
    {"id": "fr-djibo", "text": "L'armée burkinabè a repoussé une attaque contre son détachement de Djibo le 3 mars "
                               "2023 ; cinq soldats ont été tués et plusieurs assaillants neutralisés, a indiqué "
                               "l'état-major."},
    {"id": "es-note", "text": "Hombres armados atacaron el pueblo durante la noche y mataron a varios vecinos, "
                              "según las autoridades locales de la región."},
    {"id": "en-drone", "text": "A drone strike by the Burkinabe air force hit a market in Djibo on 14 May 2024, "
                               "killing at least 20 people, residents said."},
    {"id": "fr-enlevement", "text": "Trois agents de santé ont été enlevés le 7 février 2024 près de Ménaka par des "
                                    "hommes armés non identifiés, selon une ONG locale."},
    {"id": "en-ied", "text": "Four Nigerien soldiers were killed when their vehicle struck an improvised explosive "
                             "device near Tillaberi on 9 August 2023, the defence ministry said."},
    {"id": "fr-pillage", "text": "Des bandits ont pillé et incendié des boutiques au marché de Gao le 21 avril "
                                 "2024, sans faire de victimes, d'après la mairie."},
    {"id": "fr-niamey", "text": "Des manifestants se sont rassemblés à Niamey le 2 septembre 2023 pour réclamer le "
                                "départ des troupes étrangères ; la marche s'est déroulée dans le calme."},
]


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> list[str]:
    """Ten short notes (and the two lines that are problems): the corpus of the slower tests."""
    path = tmp_path_factory.mktemp("corpus") / "notes.jsonl"
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in NOTES), encoding="utf-8")
    return [str(path)]


@pytest.fixture(scope="module")
def corpus(notes) -> list[str]:
    """The samples (full reports) and the notes."""
    return [str(SAMPLES), *notes]


def _extract(tmp_path: Path, corpus: list[str], name: str, *options: str) -> tuple[bytes, str]:
    out = tmp_path / name
    result = runner.invoke(app, ["extract", *corpus, "-o", str(out), "--format", "jsonl", *options])
    assert isinstance(result.exception, SystemExit), result.exception  # an exit code, not a crash
    assert result.exit_code == 1, result.output  # the line that is not JSON was skipped
    return out.read_bytes(), result.output


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> bytes:
    output, messages = _extract(tmp_path_factory.mktemp("serial"), corpus, "serial.jsonl", "--workers", "1")
    assert "notes.jsonl:4" in messages and "notes.jsonl:6" in messages and "not supported" in messages
    return output


def test_the_corpus_gives_events_in_both_languages(one_process):
    records = [json.loads(line) for line in one_process.decode("utf-8").splitlines()]
    events = {r["doc_id"]: r for r in records if r.get("kind", "event") == "event" and "event_type" in r}
    assert {"01_mopti_ambush", "en-ambush", "fr-village", "fr-djibo"} <= set(events)


def test_two_workers_write_what_one_process_writes(corpus, one_process, tmp_path):
    output, messages = _extract(tmp_path, corpus, "two.jsonl", "--workers", "2")
    assert output == one_process
    assert "notes.jsonl:4" in messages and "notes.jsonl:6" in messages  # the same problems, the same lines


def test_a_local_dask_cluster_writes_what_one_process_writes(corpus, one_process, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        output, _messages = _extract(tmp_path, corpus, "dask.jsonl", "--cluster", cluster.scheduler_address)
    assert output == one_process


def test_ingest_with_two_workers_stores_what_one_process_stores(notes, tmp_path):
    listings = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.db")
        result = runner.invoke(app, ["ingest", *notes, "--db", db, "--workers", workers])
        assert result.exit_code == 1, result.output
        assert "stored 10 new documents" in result.output
        listing = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--limit", "1000", "--background"])
        assert listing.exit_code == 0, listing.output
        listings.append(listing.stdout)
    assert listings[0].count("\n") > 8
    assert listings[0] == listings[1]


@pytest.mark.parametrize("command", [["classify", "--batch", "3"], ["geoparse"]])
def test_classify_and_geoparse_with_two_workers(notes, tmp_path, command):
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"{command[0]}-{workers}.out"
        result = runner.invoke(app, [command[0], *notes, "-o", str(out), *command[1:], "--workers", workers])
        assert result.exit_code == 1, result.output
        assert "notes.jsonl:4" in result.output
        outputs.append(out.read_bytes())
    assert outputs[0].count(b"\n") >= 10  # every note (and the header of the CSV)
    assert outputs[0] == outputs[1]


def test_an_unreachable_scheduler_is_one_line(corpus, tmp_path):
    out = tmp_path / "never.csv"
    result = runner.invoke(app, ["extract", *corpus, "-o", str(out), "--cluster", f"tcp://127.0.0.1:{_free_port()}"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "cannot reach the Dask scheduler" in result.output
    assert not out.exists()  # nothing written before the cluster answered


def test_a_worker_with_another_place_index_refuses_the_job():
    from sitrep.cluster import SitrepModels
    from sitrep.parallel import fingerprint

    expected = fingerprint()
    SitrepModels("classify", expected)._load("tcp://here:1")  # the same sitrep and index: loads
    with pytest.raises(RuntimeError, match="another place index"):
        SitrepModels("classify", {**expected, "place index": "0" * 16})._load("tcp://here:1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_scheduler_and_workers_as_a_user_starts_them(notes, tmp_path):
    """`dask scheduler` + `dask worker --nthreads 1 --nworkers 2` on 127.0.0.1, and `sitrep extract --cluster`."""
    serial = tmp_path / "serial.csv"
    assert runner.invoke(app, ["extract", *notes, "-o", str(serial)]).exit_code == 1
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "dask"]
    logs = (tmp_path / "dask.log").open("w")
    started = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                stdout=logs, stderr=logs)]
    try:
        started.append(subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--nworkers", "2",
                                         "--no-dashboard"], stdout=logs, stderr=logs))
        clustered = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", *notes, "-o",
                                    str(tmp_path / "cluster.csv")], env={**os.environ, "SITREP_CLUSTER": address},
                                   capture_output=True, text=True, timeout=300)
    finally:
        for process in reversed(started):
            process.terminate()
        for process in reversed(started):
            process.wait(timeout=30)
        logs.close()
    assert clustered.returncode == 1, clustered.stderr  # the line that is not JSON
    assert clustered.stderr.splitlines()[-1].startswith("10 documents, ")
    assert (tmp_path / "cluster.csv").read_bytes() == serial.read_bytes()
    log = (tmp_path / "dask.log").read_text()
    assert log.count("Starting Worker plugin sitrep-models-extract") == 2  # both workers loaded the models


# ---------------------------------------------------------------------------------------------- the ordered map

def test_results_come_back_in_input_order_whatever_finishes_first():
    def job(batch: list[float]) -> list:
        time.sleep(batch[0])
        return [(x, None) for x in batch]

    with ThreadPoolExecutor(4) as pool:
        delays = [0.08, 0.06, 0.04, 0.02, 0.0, 0.05, 0.01]
        got = list(ordered(lambda b: pool.submit(job, b), delays, 2, lambda: 4))
    assert [item for item, _ in got] == delays
    assert [value for _, (value, _err) in got] == delays


def test_a_lost_batch_fails_its_documents_only():
    def submit(batch: list[int]) -> Future:
        future: Future = Future()
        if 3 in batch:
            future.set_exception(RuntimeError("worker killed"))
        else:
            future.set_result([(x * 10, None) for x in batch])
        return future

    got = list(ordered(submit, range(7), 2, lambda: 2))
    assert [item for item, _ in got] == list(range(7))
    assert [outcome for _, outcome in got if outcome[1] is None] == [(0, None), (10, None), (40, None),
                                                                     (50, None), (60, None)]
    failed = [item for item, (_value, error) in got if error and "worker killed" in error]
    assert failed == [2, 3]
