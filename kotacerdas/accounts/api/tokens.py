from typing import Any

from django.http import Http404
from django.utils import translation
from ninja import Router, Status

from kotacerdas.accounts import access, services
from kotacerdas.accounts.models import ApiToken
from kotacerdas.accounts.schemas.tokens import MeOut, TokenCreatedOut, TokenIn, TokenOut
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse

router = Router(tags=["account"], auth=AUTH)
ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}


@router.get("/me", response={200: MeOut, 401: ErrorResponse}, summary="Who am I")
def me(request: AuthedRequest) -> dict[str, Any]:
    user = request.auth
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "email": user.email,
        "role": "program_office" if user.is_superuser and not user.role else user.role,
        "region_id": user.region_id,
        "opd_id": user.opd_id,
        "language": translation.get_language(),
    }


@router.get("/tokens", response={200: list[TokenOut], 401: ErrorResponse}, summary="My API tokens")
def list_tokens(request: AuthedRequest) -> list[ApiToken]:
    return list(access.tokens_of(request.auth))


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, **ERRORS},
    summary="Create an API token (shown once)",
)
def create_token(request: AuthedRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    token, raw = services.create_token(request.auth, payload.name, payload.expires_at)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{token_id}", response={204: None, **ERRORS}, summary="Revoke a token")
def revoke_token(request: AuthedRequest, token_id: int) -> Status[None]:
    try:
        services.revoke_token(request.auth, token_id)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    return Status(204, None)
