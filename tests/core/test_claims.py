"""The README, the home page and the log-in page say only what exists: regions, the
national program (cohorts to agreements) and masterplans; not guidance, funding,
evaluation, facilities or citizens' reports, which are not built yet."""

import re
from pathlib import Path

import pytest
from django.test import Client

README = Path(__file__).resolve().parents[2] / "README.md"
NOT_BUILT = {
    "en": ["guidance", "funding", "evaluation", "facilities", "reports", "citizen"],
    "id": ["pendampingan", "bimtek", "pendanaan", "evaluasi", "fasilitas", "laporan", "warga"],
}


def _text(html: str) -> str:
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", main).lower()


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_pages_promise_only_what_exists(db, language: str, path: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies["django_language"] = language
    text = _text(client.get(path).content.decode())
    assert [word for word in NOT_BUILT[language] if word in text] == []
    if path == "/":
        assert ("masterplan" in text) and ("region" in text or "daerah" in text)


def test_the_readme_introduction_promises_only_what_exists() -> None:
    introduction = README.read_text().split("## ", 1)[0].lower()
    assert [word for word in NOT_BUILT["en"] if word in introduction] == []
    for exists in ("regions", "cohorts", "agreements", "masterplan"):
        assert exists in introduction
