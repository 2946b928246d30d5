"""Bearer-token authentication for machines, before the audit middleware, so the
audit trail names the token's owner as the actor."""

from collections.abc import Callable
from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from kotacerdas.accounts.models import ApiToken, hash_token

# Writing last_used_at on every request would turn reads into writes.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def token_from_header(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def resolve_token(raw: str) -> ApiToken | None:
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__region")
        .filter(token_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class BearerTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = token_from_header(request)
        if raw is not None:
            token = resolve_token(raw)
            request.api_token = token  # type: ignore[attr-defined]
            if token is not None:
                request.user = token.user
        return self.get_response(request)
