from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

from kotacerdas.core.api_support import error_payload


class PlatformLocaleMiddleware(LocaleMiddleware):
    """Pages open in Indonesian unless the person chose English with the switch
    (a cookie); office browsers often say en-US without anyone having chosen it.
    The API follows Accept-Language, as machines expect."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


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
