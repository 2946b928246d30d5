"""Validating API responses against the platform's own OpenAPI document.

tests/conftest.py makes every test client check every response under /api/ it
receives (`checking`); `assert_matches_schema` stays for tests that say so explicitly.
"""

import json
from collections.abc import Callable, Iterator
from functools import cache, wraps
from typing import Any

from django.http import HttpResponse
from django.http.request import RawPostDataException
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

API_PREFIX = "/api/"
# The document itself and its browsable page are not answers the document describes.
NOT_DESCRIBED = ("/api/v1/openapi.json", "/api/v1/docs")


@cache
def spec_dict() -> dict[str, Any]:
    """The document as /api/v1/openapi.json serves it (through JSON, as a client reads it)."""
    from ninja.responses import NinjaJSONEncoder

    from kotacerdas.api import api

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


@cache
def spec() -> OpenAPI:
    return OpenAPI.from_dict(spec_dict())


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _reasons(error: BaseException) -> Iterator[str]:
    """What disagreed: the exception chain, with each schema error's place in the body."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        schema_errors = list(getattr(current, "schema_errors", []) or [])
        if schema_errors:
            for schema_error in schema_errors:
                where = "/".join(str(p) for p in getattr(schema_error, "absolute_path", []))
                yield _short(f"at body/{where}: {getattr(schema_error, 'message', schema_error)}")
        else:
            yield _short(f"{type(current).__name__}: {current}")
        current = current.__cause__ or current.__context__


class _Request(DjangoOpenAPIRequest):
    @property
    def body(self) -> bytes:
        # A multipart upload was read as a stream; checking a response needs no request body.
        try:
            return super().body
        except RawPostDataException:
            return b""


def assert_matches_schema(response: HttpResponse) -> None:
    """Raises if the response's status, headers or body disagree with the spec."""
    request = response.wsgi_request  # type: ignore[attr-defined]
    spec().validate_response(_Request(request), DjangoOpenAPIResponse(response))


def check_api_response(response: HttpResponse) -> None:
    """Fails the test when an /api/ response disagrees with the document: a status the
    operation does not list, a body or header that does not match its schema."""
    request = response.wsgi_request  # type: ignore[attr-defined]
    path = request.path
    if not path.startswith(API_PREFIX) or path.startswith(NOT_DESCRIBED):
        return
    try:
        assert_matches_schema(response)
    except (PathNotFound, OperationNotFound) as error:
        # A URL or method the API does not have: Django's or ninja's 404/405, which no
        # operation can describe. Anything else on such a URL is an undocumented route.
        if response.status_code in (404, 405):
            return
        raise AssertionError(_message(request, response, error)) from None
    except Exception as error:
        raise AssertionError(_message(request, response, error)) from None


def _message(request: Any, response: HttpResponse, error: BaseException) -> str:
    query = request.META.get("QUERY_STRING", "")
    body = response.content[:500] if not getattr(response, "streaming", False) else b"<stream>"
    reasons = "\n  ".join(dict.fromkeys(_reasons(error)))
    return (
        f"The API answered outside its OpenAPI document:\n"
        f"  {request.method} {request.path}{'?' + query if query else ''} -> "
        f"{response.status_code} {response.get('Content-Type', '')}\n"
        f"  {reasons}\n"
        f"  body: {body!r}\n"
        "Declare the status in the route's response={...}, or fix the schema or the answer."
    )


def checking(request_method: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`django.test.Client.request`, checking each /api/ response it returns."""

    @wraps(request_method)
    def request(self: Any, **kwargs: Any) -> HttpResponse:
        response = request_method(self, **kwargs)
        check_api_response(response)
        return response

    return request
