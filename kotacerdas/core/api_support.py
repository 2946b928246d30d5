"""What every API router shares: authentication, pagination, the error shape."""

from math import ceil
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase
from ninja.security import HttpBearer, SessionAuth


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


class PageNumberWithTotal(PaginationBase):
    """`?page=&page_size=`; the response carries the total count and page count."""

    class Input(Schema):
        page: int = Field(1, ge=1, description="Page number, from 1.")
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
