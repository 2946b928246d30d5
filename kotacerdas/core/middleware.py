from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

from kotacerdas.core.api_support import error_payload


class PlatformLocaleMiddleware(LocaleMiddleware):
    """The language of the pages: what the person chose, never the browser's guess
    (office browsers often say en-US without anyone having chosen it).

    - A signed-in person's pages follow their account's language (user.language, set
      on their profile or with the navigation bar's switch). The browser keeps it in
      the language cookie too: set at log-in (below), by the switch and by the profile;
      so a cookie present is that choice, and the account is read only without one.
    - An anonymous visitor's pages follow the switch's cookie, else Indonesian.
    - The API follows Accept-Language, as machines expect.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        request._locale_session_user = _session_user_id(request)  # type: ignore[attr-defined]
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = _account_language(request) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        before = getattr(request, "_locale_session_user", None)
        session = getattr(request, "session", None)
        # Logging in changes the session (Django's login() writes the user into it).
        if not request.path.startswith("/api/") and session is not None and session.modified:
            after = _session_user_id(request)
            user = getattr(request, "user", None)
            language = getattr(user, "language", "")
            if after and after != before and language in dict(settings.LANGUAGES):
                # Just logged in: this browser takes the account's language from now on.
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
        return response


def _session_user_id(request: HttpRequest) -> str | None:
    """The signed-in account's id in the session; without a session cookie there is
    none, and the session is not even read."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not session.modified:
        return None
    value = session.get(SESSION_KEY)
    return str(value) if value is not None else None


def _account_language(request: HttpRequest) -> str:
    """The signed-in person's language. The user is loaded once for the whole request:
    auth's middleware reuses what is cached here (request._cached_user)."""
    if _session_user_id(request) is None:
        return ""
    if not hasattr(request, "_cached_user"):
        request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
    user = request._cached_user  # type: ignore[attr-defined]
    language = getattr(user, "language", "") if user.is_authenticated else ""
    return language if language in dict(settings.LANGUAGES) else ""


# NUL cannot be stored in PostgreSQL text; no person types it. Refuse it at the door
# instead of letting each form, filter and schema guard against it.
_NUL_MARKERS = (b"\x00", b"\\u0000", b"%00")


def _has_nul(request: HttpRequest) -> bool:
    raw_query = request.META.get("QUERY_STRING", "").encode()
    if "\x00" in request.path or any(marker in raw_query for marker in _NUL_MARKERS):
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if request.method in ("POST", "PUT", "PATCH") and not content_type.startswith("multipart/"):
        return any(marker in request.body for marker in _NUL_MARKERS[:2])
    return False


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("The request contains a NUL character, which is not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse(error_payload(400, "bad_request", str(message)), status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


# A signed 64-bit column, as ids are: the database cannot look a larger number up.
_ID_MIN, _ID_MAX = -(2**63), 2**63 - 1


class IdsInRangeMiddleware:
    """A page's id in the path past what the database holds (…/opds/9223372036854775808/)
    is a 404, as any id that does not exist, not a server error (OverflowError in
    SQLite). The API answers its own 422 naming the parameter (core.api_support)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: dict[str, Any]
    ) -> None:
        if request.path_info.startswith("/api/"):
            return
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not _ID_MIN <= value <= _ID_MAX:
                raise Http404(_("Not found: it does not exist, or you may not see it."))
