"""Every role against the self-service routes (profile, password, notifications; pages
and API): everyone signed in reaches their own, nobody another's (404), anonymous
visitors log in first. The password-reset pages and the language switch are on the
public allow-list (tests/routes.py)."""

from typing import Any

import pytest

from tests import world as shared
from tests.conftest import PASSWORD
from tests.routes import SIGNED_IN, case, check

media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world

OWNER = frozenset({"coordinator"})  # the world's notification is the coordinator's
NEW = "Lumpia-Semarang-2031"

CASES = [
    case("accounts:profile", "/accounts/profile/", SIGNED_IN),
    case(
        "accounts:profile",
        "/accounts/profile/",
        SIGNED_IN,
        method="post",
        data={
            "first_name": "Nama",
            "last_name": "Baru",
            "phone": "0285 391234",
            "language": "id",
            "mode_deadline": "digest",
            **{
                f"mode_{kind}": "immediate"
                for kind in ("assignment", "change_request", "comment", "approval", "result")
            },
            "mode_account": "immediate",
        },
    ),
    case("accounts:password-change", "/accounts/password/", SIGNED_IN),
    case(
        "accounts:password-change",
        "/accounts/password/",
        SIGNED_IN,
        method="post",
        data={"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    ),
    case("accounts:notifications", "/accounts/notifications/", SIGNED_IN),
    case("accounts:notifications-read", "/accounts/notifications/read/", SIGNED_IN, method="post"),
    case(
        "accounts:notification-open",
        "/accounts/notifications/{notification}/",
        OWNER,
        ok=302,
        denied=404,
    ),
    case("GET /api/v1/profile", "/api/v1/profile", SIGNED_IN),
    case("PATCH /api/v1/profile", "/api/v1/profile", SIGNED_IN, data={"phone": "+62 285 1"}),
    case(
        "POST /api/v1/password",
        "/api/v1/password",
        SIGNED_IN,
        ok=204,
        data={"old_password": PASSWORD, "new_password": NEW},
    ),
    case("GET /api/v1/notifications", "/api/v1/notifications", SIGNED_IN),
    case("GET /api/v1/notifications/unread-count", "/api/v1/notifications/unread-count", SIGNED_IN),
    case("POST /api/v1/notifications/read", "/api/v1/notifications/read", SIGNED_IN, data={}),
    case(
        "POST /api/v1/notifications/read",
        "/api/v1/notifications/read",
        OWNER,
        denied=404,
        data=lambda world: {"ids": [world["notification"]]},
    ),
]


@pytest.fixture
def world(shared_world: Any, db: Any) -> dict[str, Any]:
    """The shared world and a notification of Batang's coordinator."""
    from kotacerdas.accounts.models import Notification, NotificationKind

    notification = Notification.objects.create(
        recipient=shared_world.people["coordinator"],
        kind=NotificationKind.CHANGE_REQUEST,
        message="The mentor asks for changes.",
        url="/masterplans/",
    )
    return {**shared_world.world, "notification": notification.pk}


@pytest.mark.parametrize("item", CASES)
def test_route_matrix(people, world, item) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
