"""Validating API responses against the platform's own OpenAPI document."""

from functools import cache

from django.http import HttpResponse
from django.test import Client
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse


@cache
def _spec_dict_json() -> str:
    import json

    return json.dumps(Client().get("/api/v1/openapi.json").json())


@cache
def spec() -> OpenAPI:
    import json

    return OpenAPI.from_dict(json.loads(_spec_dict_json()))


def assert_matches_schema(response: HttpResponse) -> None:
    """Raises if the response's status, headers or body disagree with the spec."""
    request = response.wsgi_request  # type: ignore[attr-defined]
    spec().validate_response(DjangoOpenAPIRequest(request), DjangoOpenAPIResponse(response))
