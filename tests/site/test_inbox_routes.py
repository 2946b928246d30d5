"""Every role against the work inbox's routes: the page, its count for the navigation bar
and, once kotacerdas/api.py mounts kotacerdas/site/api_inbox.py, GET /api/v1/inbox."""

import pytest

from tests import world as shared
from tests.routes import SIGNED_IN, all_routes, case, check

# The shared world's fixtures (tests/world.py), for the role matrix.
media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world
world = shared.world

API_KEY = "GET /api/v1/inbox"
CASES = [
    case("inbox", "/my-work/", SIGNED_IN),
    case("inbox-count", "/my-work/count/", SIGNED_IN),
]
if API_KEY in all_routes():  # once kotacerdas/api.py mounts site/api_inbox.py
    CASES.append(case(API_KEY, "/api/v1/inbox", SIGNED_IN))


@pytest.mark.parametrize("item", CASES)
def test_route_matrix(item, people, world, media_root) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
