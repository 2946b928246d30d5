import pytest
from django.test import Client

from kotacerdas.accounts.services import create_token


@pytest.fixture
def token_client(users) -> Client:  # type: ignore[no-untyped-def]
    """A machine's client: the coordinator's API token, no session."""
    _token, raw = create_token(users["coordinator"], "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
