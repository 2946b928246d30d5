from django.test import Client

from tests.conftest import PASSWORD


def test_login_and_logout(users) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post("/accounts/login/", {"username": "coord", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/api/v1/me").json()["username"] == "coord"
    client.post("/accounts/logout/")
    assert client.get("/api/v1/me").status_code == 401


def test_wrong_password_says_so_in_indonesian(users) -> None:  # type: ignore[no-untyped-def]
    page = Client().post("/accounts/login/", {"username": "coord", "password": "salah"})
    assert page.status_code == 200
    assert 'html lang="id"' in page.content.decode()
    assert page.context["form"].errors


def test_login_attempts_are_rate_limited(users, settings) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "coord", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "coord", "password": PASSWORD})
    assert locked.status_code == 429
    assert client.get("/api/v1/me").status_code == 401
    # Another account from the same address is not locked.
    other = client.post("/accounts/login/", {"username": "office", "password": PASSWORD})
    assert other.status_code == 302


def test_after_logging_in_each_role_lands_on_its_work_inbox(users) -> None:  # type: ignore[no-untyped-def]
    for username in ("coord", "officer", "mentor", "assessor", "office", "nobody"):
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": username, "password": PASSWORD}, follow=True
        )
        assert response.redirect_chain[-1][0] == "/my-work/", username
        assert response.status_code == 200, username
        assert "<h1>Pekerjaan saya" in response.content.decode(), username
    # A page asked for before logging in wins.
    asked = Client().post(
        "/accounts/login/?next=/jobs/", {"username": "coord", "password": PASSWORD}
    )
    assert asked["Location"] == "/jobs/"
