"""What every API router shares: authentication, pagination, the error shape."""

import datetime
from math import ceil
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.pagination import PaginationBase
from ninja.security import HttpBearer, SessionAuth
from pydantic import AfterValidator, AllowInfNan, BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from kotacerdas.core import api_messages, localtime


class AuthedRequest(HttpRequest):
    """A request that passed the router's authentication: `auth` is the user."""

    auth: Any


class BearerTokenAuth(HttpBearer):
    """The token was resolved by BearerTokenMiddleware; accept it here."""

    openapi_description = "An API token created on the account's token page: `Bearer kc_…`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = getattr(request, "api_token", None)
        return api_token.user if api_token is not None else None


class BrowserSessionAuth(SessionAuth):
    """The browser's session, with CSRF. A request without a session cookie is a
    machine's: it is passed on to the bearer check instead of failing on CSRF."""

    def __call__(self, request: HttpRequest) -> Any:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


# Session (browser, with CSRF) or bearer token (machines).
AUTH = [BrowserSessionAuth(), BearerTokenAuth()]


class FieldError(Schema):
    field: str = Field(description="Dotted path of the field, e.g. `name` or `items.0.code`.")
    message: str


class ErrorBody(Schema):
    status: int
    code: str = Field(description="Stable machine-readable code, e.g. `validation_error`.")
    message: str = Field(description="What went wrong, in the request's language.")
    fields: list[FieldError] = []


class ErrorResponse(Schema):
    error: ErrorBody


# Errors any route may answer, whatever its own response={...} says: the document lists
# them on every operation they can reach, so clients and the tests' validation expect them.
_SHARED_ERRORS = {
    400: "The request could not be read: a NUL character, a body that is not JSON, "
    "a broken upload.",
    401: "Not logged in, and no valid API token.",
    403: "The session's CSRF token is missing or wrong (browser writes).",
    422: "A parameter or field is not valid; `fields` names each one.",
}
_UNSAFE_METHODS = {"post", "put", "patch", "delete"}


def document_shared_errors(schema: dict[str, Any]) -> None:
    """Add the shared errors to each operation of `schema` that can answer them: 400 to
    all (core.middleware refuses NUL anywhere), 422 to those that read a parameter or a
    body, 401 to those that need a login, 403 to session writes (CSRF)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if "ErrorResponse" not in components:
        generated = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(generated.pop("$defs", {}))
        components["ErrorResponse"] = generated
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            security = {name for option in operation.get("security", []) for name in option}
            reachable = {400}
            if operation.get("parameters") or operation.get("requestBody"):
                reachable.add(422)
            if security:
                reachable.add(401)
            if method in _UNSAFE_METHODS and BrowserSessionAuth.__name__ in security:
                reachable.add(403)
            responses = operation.setdefault("responses", {})
            declared = {int(status) for status in responses}
            for status in sorted(reachable - declared):
                responses[status] = {"description": _SHARED_ERRORS[status], "content": content}


class PlatformAPI(NinjaAPI):
    """The API root: its OpenAPI document lists the errors every route shares, and names
    each operation by its function alone, so moving an endpoint between modules leaves
    clients generated from the document unchanged (tests check the names are unique)."""

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_shared_errors(schema)
        return schema


def error_payload(
    status: int, code: str, message: str, fields: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or []}}


def django_validation_fields(error: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            {"field": "__all__" if field == "__all__" else field, "message": str(message)}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "__all__", "message": str(message)} for message in error.messages]


# A page past the last one answers no items; past this, 422 (the offset must stay a
# number the database can hold).
MAX_PAGE = 1_000_000


class PageNumberWithTotal(PaginationBase):
    """`?page=&page_size=`; the response carries the total count and page count."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Page number, from 1 to {MAX_PAGE:,}.")
        page_size: int = Field(25, ge=1, le=200, description="Items per page, at most 200.")

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Total number of items across all pages.")
        page: int
        page_size: int
        pages: int

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        count = self._items_count(queryset)
        start = (pagination.page - 1) * pagination.page_size
        return {
            "items": queryset[start : start + pagination.page_size],
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
            "pages": max(1, ceil(count / pagination.page_size)),
        }


# Integers the database can hold (a signed 64-bit column, as ids and amounts are).
INT_MIN, INT_MAX = api_messages.INT_MIN, api_messages.INT_MAX
# A text the API reads without a limit of its own gets this one: the longest free text
# the platform keeps (docs/limits.md). Schemas set lower limits for names and codes.
MAX_TEXT = 20_000


# Years a date and time the API reads may have (docs/limits.md): further out, converting
# it between zones overflows Python's datetime, and no deadline or interview is there.
MIN_YEAR, MAX_YEAR = 1900, 2200


def _sane_datetime(value: datetime.datetime) -> datetime.datetime:
    """A date and time within MIN_YEAR..MAX_YEAR, in a zone: one written without a zone
    is read in the platform's (TIME_ZONE, Asia/Jakarta, WIB)."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise PydanticCustomError(
            "datetime_year_range",
            "Write a date between the years {min_year} and {max_year}.",
            {"min_year": MIN_YEAR, "max_year": MAX_YEAR},
        )
    return localtime.read_typed(value)


def _bounded(annotation: Any) -> Any:
    """`annotation` with every int in it bounded to the database's range, every float
    required finite, every text limited to MAX_TEXT and every date and time within
    MIN_YEAR..MAX_YEAR and in a zone, inside unions, lists and dicts too."""
    if annotation is datetime.datetime:
        return Annotated[datetime.datetime, AfterValidator(_sane_datetime)]
    if annotation is int:
        return Annotated[int, annotated_types.Ge(INT_MIN), annotated_types.Le(INT_MAX)]
    if annotation is float:
        return Annotated[float, AllowInfNan(False)]
    if annotation is str:
        return Annotated[str, annotated_types.MaxLen(MAX_TEXT)]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is None or not args:
        return annotation
    if origin is Annotated:
        inner = _bounded(args[0])
        return annotation if inner is args[0] else Annotated[inner, *args[1:]]
    if origin is Literal:
        return annotation
    bounded = tuple(_bounded(arg) for arg in args)
    if bounded == args:
        return annotation
    if origin in (Union, UnionType):
        return Union[bounded]  # noqa: UP007 (rebuilt from parts)
    return origin[bounded]


def _has_bound(field: FieldInfo) -> bool:
    bounds = annotated_types.Le | annotated_types.Lt | annotated_types.MaxLen
    if field.annotation is datetime.datetime:
        return False  # a datetime's bounds are the years, never set by a schema
    return any(isinstance(m, bounds) for m in field.metadata)


def _bound_model(model: type[BaseModel], done: set[type]) -> None:
    """Bound the numbers of `model` and of the models it holds (those first: a model's
    validator copies the validators of the models it holds when it is rebuilt)."""
    if model in done:
        return
    done.add(model)
    changed = False
    for field in model.model_fields.values():
        for inner in _models_in(field.annotation):
            _bound_model(inner, done)
        if _has_bound(field):
            continue
        bounded = _bounded(field.annotation)
        if bounded != field.annotation:
            field.annotation, changed = bounded, True
    if changed or any(_models_in(f.annotation) for f in model.model_fields.values()):
        model.model_rebuild(force=True)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def bound_numbers(api: NinjaAPI) -> None:
    """Every integer an endpoint reads (path, query or body) is refused with a 422 that
    names it when the database could not hold it, instead of failing there with a 500;
    every float must be finite; every text without a limit of its own gets MAX_TEXT.
    Called once, when the API is assembled."""
    done: set[type] = set()
    routers = [router for _prefix, router in api._routers]
    while routers:
        router = routers.pop()
        routers.extend(child for _prefix, child, *_rest in router._routers)
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _bound_model(model, done)
