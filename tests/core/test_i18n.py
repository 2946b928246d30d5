from django.test import Client


def test_pages_open_in_indonesian_even_for_english_browsers(db) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = page.content.decode()
    assert '<html lang="id">' in body
    assert "Wilayah" in body


def test_language_switch_sticks_and_switches_back(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/regions/"})
    assert switched.status_code == 302 and switched["Location"] == "/regions/"
    english = client.get("/regions/").content.decode()
    assert '<html lang="en">' in english and "Regencies and cities" in english
    assert '<html lang="en">' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert '<html lang="id">' in client.get("/regions/").content.decode()


def test_unknown_language_falls_back_to_indonesian(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies["django_language"] = "xx"
    assert '<html lang="id">' in client.get("/").content.decode()


def test_api_errors_follow_accept_language(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    english = client.get("/api/v1/regions/99.99", HTTP_ACCEPT_LANGUAGE="en").json()
    indonesian = client.get("/api/v1/regions/99.99", HTTP_ACCEPT_LANGUAGE="id").json()
    assert english["error"]["message"] == "No region has the code 99.99."
    assert indonesian["error"]["message"] != english["error"]["message"]
    assert "99.99" in indonesian["error"]["message"]


def test_every_form_field_has_a_label(users) -> None:  # type: ignore[no-untyped-def]
    import re

    client = Client()
    client.force_login(users["coordinator"])
    for url in ["/regions/", "/accounts/tokens/", "/regions/33.25/opds/new/"]:
        body = client.get(url).content.decode()
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body)
        labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', body))
        hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', body))
        assert ids, url
        assert set(ids) - hidden <= labelled, (url, set(ids) - hidden - labelled)
    login = Client().get("/accounts/login/").content.decode()
    assert 'for="id_username"' in login and 'for="id_password"' in login
