"""The document lists the errors every route shares, and the test client's check of each
/api/ response (tests/openapi.py, on for every test in conftest.py) fails on what the
document does not describe."""

import pytest
from django.test import Client

from tests import openapi


def test_every_operation_lists_the_errors_it_can_reach() -> None:
    for path, operations in openapi.spec_dict()["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert "400" in statuses, (method, path)  # NUL is refused before any route
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in statuses, (method, path)
            if operation.get("security"):
                assert "401" in statuses, (method, path)


def test_an_undocumented_status_fails_the_test(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/provinces")
    assert response.status_code == 200
    response.status_code = 418
    with pytest.raises(AssertionError, match=r"GET /api/v1/provinces -> 418"):
        openapi.check_api_response(response)


def test_a_body_off_its_schema_fails_the_test(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/regions/33.25")
    response.content = b'{"code": 3325}'
    with pytest.raises(AssertionError, match=r"at body/"):
        openapi.check_api_response(response)


def test_unknown_api_urls_are_not_the_documents_business(db) -> None:  # type: ignore[no-untyped-def]
    assert Client().get("/api/v1/no-such-thing").status_code == 404
    assert Client().get("/api/v1/openapi.json").status_code == 200


def test_every_operation_has_its_own_stable_id() -> None:
    """Operation ids are the endpoint's function name, whatever module holds it; two
    endpoints with one name would give a client two methods of one name."""
    from kotacerdas.api import api

    ids = [
        operation["operationId"]
        for methods in api.get_openapi_schema()["paths"].values()
        for operation in methods.values()
    ]
    assert len(ids) == len(set(ids)) > 100
    assert "list_regions" in ids and "get_job" in ids
