"""Schemathesis over the API's own /openapi.json, in process (ASGI), on a small store built here: every
operation, with valid and invalid parameters, must answer without a server error (5xx).

Examples per operation follow the hypothesis profile (conftest.py): a few, derandomized, in `make test`;
many under `make fuzz`. The POST routes are called with the operator's token so that their bodies are reached.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode

from sitrep.documents import document_from_record
from sitrep.pipeline import extract
from sitrep.serve.api import create_app
from sitrep.store.repository import Store

pytestmark = pytest.mark.property
TOKEN = "schema-token-7"
REPORTS = [
    {"id": "sch-1", "published": "2024-02-12", "text": "Soldiers clashed with JNIM fighters near Boni, Mali, on "
     "10 February 2024; the army said six militants were killed."},
    {"id": "sch-2", "published": "2024-03-02", "text": "Gunmen killed four civilians in Tera, Niger, on 1 March "
     "2024, residents said. The attackers came on motorbikes."},
    {"id": "sch-3", "published": "2024-03-20", "text": "Hundreds of people marched in Ouagadougou, Burkina Faso, "
     "on 19 March 2024 to demand the release of a journalist."},
]


class _Swappable:
    """An ASGI app whose target is set later. The operations are read at collection time, from an app over an
    empty in-memory store (the schema does not depend on the data); the fixture below swaps in an app over the
    real store before any call. (schemathesis.pytest.from_fixture would defer all of it, but fails on pytest 9:
    `Function._nodeid`.)"""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        await self.app(scope, receive, send)


APP = _Swappable(create_app(":memory:", ingest_token=TOKEN))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
schema.config.update(headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.fixture(scope="module", autouse=True)
def small_store(tmp_path_factory, sitrep_home):
    db = tmp_path_factory.mktemp("schema") / "schema.db"
    with Store(db) as store:
        for record in REPORTS:
            store.save(extract(document_from_record(record)))
    APP.app = create_app(db, ingest_token=TOKEN)
    return db


# Under `make fuzz` each operation gets at most 1,000 examples: POST /api/ingest runs the whole extraction per
# report, and the parsers behind it have their own 10,000-example targets (test_properties.py).
@schema.parametrize()
@settings(parent=settings.default, max_examples=min(settings.default.max_examples, 1000))
def test_no_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
