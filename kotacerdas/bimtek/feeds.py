"""Secret links to calendar feeds. Calendar apps cannot log in, so a feed's URL carries a
token: the signature (django.core.signing, salted) of the calendar's kind and key and
the id of the person it was made for. A feed answers only when the token is genuine and
that person, still active, may see that calendar now (the views check the second part
with the access querysets); a person who leaves or loses access loses the feed with it.

The token is `<user id>.<signature>`: the id says whose link it is, the signature that the
platform made it for this calendar. Rotating SECRET_KEY (with SECRET_KEY_FALLBACKS for a
while) invalidates every link."""

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

KINDS = ("mentor", "region", "opd")
SALT = "bimtek.ics"
_USER_ID = re.compile(r"[0-9]{1,18}")
_SIGNATURE = re.compile(r"[A-Za-z0-9_-]{20,100}")


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def _value(kind: str, key: str, user_id: int | str) -> str:
    return f"{kind}|{key}|{user_id}"


def token_for(user: Any, kind: str, key: object) -> str:
    """The user's token for one calendar (`key`: a user pk, a region code, an OPD pk)."""
    if kind not in KINDS:
        raise ValueError(f"not a calendar kind: {kind!r}")
    return f"{user.pk}.{_signer().signature(_value(kind, str(key), user.pk))}"


def feed_url(user: Any, kind: str, key: object) -> str:
    """The path of the user's own feed of that calendar (make it absolute for calendar apps
    with `request.build_absolute_uri`)."""
    return reverse(
        "bimtek:ics", kwargs={"kind": kind, "key": str(key), "token": token_for(user, kind, key)}
    )


def viewer_for(kind: str, key: str, token: str) -> Any | None:
    """The active person a genuine token was made for, or None. It says nothing about
    whether that person may still see the calendar: ask the access querysets."""
    if kind not in KINDS:
        return None
    user_id, _dot, signature = token.partition(".")
    if not _USER_ID.fullmatch(user_id) or not _SIGNATURE.fullmatch(signature):
        return None
    signer = _signer()
    try:
        signer.unsign(f"{_value(kind, key, user_id)}{signer.sep}{signature}")
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=int(user_id), is_active=True).first()
