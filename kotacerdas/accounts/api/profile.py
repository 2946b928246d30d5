"""One's own profile and password over the API (the profile page's choices)."""

from typing import Any

from django.contrib.auth import SESSION_KEY, update_session_auth_hash
from ninja import Router, Status

from kotacerdas.accounts.schemas.profile import PasswordIn, ProfileOut, ProfilePatch
from kotacerdas.accounts.services import profile as services
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse

router = Router(tags=["account"], auth=AUTH)
ERRORS = {401: ErrorResponse, 422: ErrorResponse}


def _profile(user: Any) -> dict[str, Any]:
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "language": user.language,
        "notification_modes": services.notification_modes(user),
    }


@router.get("/profile", response={200: ProfileOut, 401: ErrorResponse}, summary="My profile")
def get_profile(request: AuthedRequest) -> dict[str, Any]:
    return _profile(request.auth)


@router.patch(
    "/profile",
    response={200: ProfileOut, **ERRORS},
    summary="Change my names, phone, language or notification emails",
)
def update_profile(request: AuthedRequest, payload: ProfilePatch) -> dict[str, Any]:
    sent = payload.dict(exclude_unset=True)
    modes = sent.pop("notification_modes", None)
    changes = {name: value for name, value in sent.items() if name in services.PROFILE_FIELDS}
    # null means "leave as it is", as a field not sent.
    changes = {name: value for name, value in changes.items() if value is not None}
    user = services.update_profile(request.auth, request.auth, changes, modes)
    return _profile(user)


@router.post(
    "/password",
    response={204: None, **ERRORS},
    summary="Change my password (the old one is asked)",
)
def change_password(request: AuthedRequest, payload: PasswordIn) -> Status[None]:
    user = services.change_password(
        request.auth, request.auth, payload.old_password, payload.new_password
    )
    # A browser's session stays signed in (others end); a token's client has none.
    if request.session.get(SESSION_KEY) is not None:
        update_session_auth_hash(request, user)
    return Status(204, None)
