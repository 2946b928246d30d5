"""The JSON API root, /api/v1/: routers per app, one error shape for all errors."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from kotacerdas.accounts.api import router as accounts_router
from kotacerdas.bimtek.api import router as bimtek_router
from kotacerdas.core.api import router as jobs_router
from kotacerdas.core.api_messages import (
    field_message,
    http_error_message,
    joined,
    not_found_message,
)
from kotacerdas.core.api_support import (
    PlatformAPI,
    bound_numbers,
    django_validation_fields,
    error_payload,
)
from kotacerdas.core.errors import EditConflict
from kotacerdas.core.jobs import JobLimitReached
from kotacerdas.masterplan.api import router as masterplan_router
from kotacerdas.program.api import router as program_router
from kotacerdas.regions.api import router as regions_router
from kotacerdas.site.api_inbox import router as inbox_router

logger = logging.getLogger(__name__)

api = PlatformAPI(
    title="Kota Cerdas API",
    version="1",
    description=(
        "The API of the Kota Cerdas platform. Browsers use their session; machines send "
        "`Authorization: Bearer <token>` with a token created on the account page. "
        "Every error has the shape `{error: {status, code, message, fields}}`."
    ),
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", regions_router)
api.add_router("/", accounts_router)
api.add_router("/", jobs_router)
api.add_router("/", program_router)
api.add_router("/", masterplan_router)
api.add_router("/bimtek", bimtek_router)
api.add_router("/", inbox_router)
# Integers past the database's range and non-finite floats: 422 naming the parameter.
bound_numbers(api)

_LOCATION_PARTS = {"body", "query", "path", "form", "header", "cookie", "payload", "data"}


def _field_path(loc: list) -> str:
    parts = [str(part) for part in loc if str(part) not in _LOCATION_PARTS]
    return ".".join(parts) or "__all__"


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = [
        {"field": _field_path(list(error.get("loc", []))), "message": field_message(error)}
        for error in exc.errors
    ]
    message = _("Some fields are not valid: %(fields)s.") % {
        "fields": ", ".join(sorted({field["field"] for field in fields}))
    }
    return api.create_response(
        request, error_payload(422, "validation_error", message, fields), status=422
    )


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    fields = django_validation_fields(exc)
    message = joined(fields)
    return api.create_response(
        request, error_payload(422, "validation_error", message, fields), status=422
    )


@api.exception_handler(JobLimitReached)
def on_too_many_jobs(request: HttpRequest, exc: JobLimitReached) -> HttpResponse:
    message = " ".join(exc.messages)
    return api.create_response(request, error_payload(429, "too_many_jobs", message), status=429)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = _("Log in, or send a valid API token: Authorization: Bearer <token>.")
    return api.create_response(
        request, error_payload(401, "not_authenticated", message), status=401
    )


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = _("You do not have permission to do this.")
    return api.create_response(request, error_payload(403, "forbidden", message), status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = not_found_message(str(exc))
    return api.create_response(request, error_payload(404, "not_found", message), status=404)


@api.exception_handler(EditConflict)
def on_edit_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    message = _(
        "Someone saved this since you opened it. Reload to see their changes, "
        "then apply yours again; nothing was overwritten."
    )
    return api.create_response(request, error_payload(409, "conflict", message), status=409)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {
        400: "bad_request",
        403: "forbidden",
        404: "not_found",
        409: "conflict",
        429: "too_many_requests",
    }
    message = http_error_message(exc.status_code, str(exc))
    if exc.status_code == 403 and "CSRF" in message:
        message = _(
            "The CSRF token is missing or wrong: reload the page and try again, "
            "or send an API token instead of the session cookie."
        )
    return api.create_response(
        request,
        error_payload(exc.status_code, code.get(exc.status_code, "error"), message),
        status=exc.status_code,
    )


@api.exception_handler(MultiPartParserError)
def on_broken_upload(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A multipart body Django cannot read: no boundary, a file name too long, cut off."""
    message = _(
        "The uploaded form could not be read (multipart/form-data with a boundary, "
        "and a file name of at most 255 characters). Send the file again."
    )
    return api.create_response(request, error_payload(400, "bad_upload", message), status=400)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    message = _("The request is too large. Send a smaller file.")
    return api.create_response(request, error_payload(413, "too_large", message), status=413)


@api.exception_handler(SuspiciousOperation)
def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    """Too many fields or files, a body Django refuses to read: a plain 400."""
    message = _("The request could not be read. Check the form's fields and files.")
    return api.create_response(request, error_payload(400, "bad_request", message), status=400)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled API error")
    message = _("Something went wrong on our side. The error has been logged.")
    return api.create_response(request, error_payload(500, "server_error", message), status=500)
