"""schemathesis over the API's own OpenAPI document: no operation answers 5xx.

The document is loaded from the app (``/api/v1/openapi.json`` through the WSGI app, no
server), then every operation gets a few generated requests (hypothesis, derandomized) as
an office user and as a unit user, each with a Bearer token, on the shared dataset of
tests/security/conftest.py. Writes made by the generated requests roll back with the test.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.django_db

EXAMPLES = 5


@pytest.fixture(scope="module")
def schema():
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def _operations(schema):
    operations = []
    for result in schema.get_all_operations():
        operations.append(result.ok())
    return operations


@pytest.fixture(scope="module", autouse=True)
def keep_connection():
    """The WSGI handler closes the database connection after each request, which would
    end the test's transaction; Django's own test client unhooks the same signals."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ["office", "owner"])
def test_no_operation_answers_5xx(world, schema, role):
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    operations = _operations(schema)
    assert len(operations) > 50
    failures = []
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error], headers=headers)

        try:
            run()
        except Exception as error:  # collect every failing operation, not only the first
            failures.append(f"{operation.method.upper()} {operation.path}: {error!r}"[:1500])
    assert not failures, "\n\n".join(failures)
    # the generated requests did reach the operations, authenticated
    assert len(statuses) >= len(operations)
    assert 401 not in statuses
    assert sum(200 <= s < 300 for s in statuses) >= len(operations) // 2, sorted(set(statuses))


@pytest.mark.parametrize(
    "query",
    ["year=-266559167829891754486585622528", "group=4633069530913412330029056", "offset=10**30"],
)
def test_out_of_range_filters_are_a_400_not_a_500(world, query):
    """Found by this fuzzing: a filter or offset past 64 bits was an OverflowError (500)."""
    from django.test import Client

    query = query.replace("10**30", str(10**30))
    response = Client().get(
        f"/api/v1/tasks?{query}", headers={"Authorization": f"Bearer {world.tokens['office']}"}
    )
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        assert "ngoài phạm vi" in response.json()["detail"]
