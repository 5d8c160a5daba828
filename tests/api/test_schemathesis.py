"""Schemathesis against the app's own OpenAPI: no 5xx, every answer matches its schema.

Bounded (a few examples per operation) so it stays a quick test, not a fuzzing campaign.
The app reads its database from the environment per request, so the schema's app below
serves the module's test hub.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tahub.api.app import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())
schema.config.phases.coverage.enabled = False  # boundary cases are pinned in test_errors


@schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, sqlite_hub):  # type: ignore[no-untyped-def]
    token = sqlite_hub.tokens["Alba", "org_admin"]
    # An upload's schema cannot say "a table that fits the profile": a valid-looking
    # multipart body may still hold a PNG, and 422 is the right answer to it.
    excluded = [positive_data_acceptance] if case.operation.path == "/api/v1/uploads" else []
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"},
                           excluded_checks=excluded)
