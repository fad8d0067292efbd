"""The OpenAPI document says what the handlers do: schemathesis generates requests from /openapi.json for
every operation and checks each answer against it (no server error, documented status codes, content
types and headers, response schemas, schema-valid requests accepted, invalid ones refused). Bounded: a few
examples per operation, no shrinking, one minute at most for the whole run."""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from policykg.api.app import create_app
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from sparql_support import stop_workers

EXAMPLES = 8  # per operation, valid and invalid requests mixed
BUDGET_S = 60
# operations where a schema-valid value may still be refused with 400 because the data or a language
# decides, which no JSON Schema can say; every other check still runs on them
DATA_DECIDES = {
    "GET /search": "agency, region and site type must be ones the corpus has (the 400 lists them)",
    "GET /similar": "exclude_region must be a region the corpus has; an IRI must be an indexed obligation",
    "GET /similar-ui": "exclude_region must be a region the corpus has",
    "GET /sparql": "the query must be SPARQL",
    "POST /sparql": "the query must be SPARQL",
}


@pytest.fixture(scope="module")
def api(corpus_service):
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(corpus_service.settings, corpus_service))
    stop_workers(corpus_service)


def _run(operation) -> None:
    """Schemathesis' checks on a few generated requests to one operation (FailureGroup when one fails)."""
    excluded = [positive_data_acceptance] if operation.label in DATA_DECIDES else []

    @given(st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def conforms(case) -> None:
        case.call_and_validate(excluded_checks=excluded)

    conforms()


def test_the_api_does_what_its_openapi_says(api):
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 20
    failures, started = [], time.monotonic()
    for operation in operations:
        try:
            _run(operation)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - every operation is tried; all are told
            failures.append(f"{operation.label}: {exc}")
    elapsed = time.monotonic() - started
    assert not failures, "\n\n".join(failures)
    assert elapsed < BUDGET_S, f"the run took {elapsed:.0f} s"
