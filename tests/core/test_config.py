"""Start-up configuration: bad settings stop the platform with one clear line."""

import os
import subprocess
import sys

import pytest

from kotacerdas.config import ConfigurationError, database_from_url, env_bool


def _run_cli(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KOTACERDAS_")}
    return subprocess.run(
        [sys.executable, "-m", "kotacerdas.cli", "check"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_malformed_database_url_is_a_one_line_error_naming_the_variable() -> None:
    result = _run_cli(KOTACERDAS_DEBUG="true", KOTACERDAS_DATABASE_URL="postgress//oops")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "KOTACERDAS_DATABASE_URL" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_debug_off_without_secret_key_refuses_to_start() -> None:
    result = _run_cli(KOTACERDAS_DEBUG="false")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "kotacerdas: KOTACERDAS_SECRET_KEY is not set: set it to a long random string "
        "(or set KOTACERDAS_DEBUG=true for local development)."
    ]


@pytest.mark.slow
def test_defaults_start_in_debug_with_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = _run_cli(KOTACERDAS_DEBUG="true", KOTACERDAS_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_sqlite_gets_wal_and_a_busy_timeout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = database_from_url(f"sqlite:///{tmp_path}/x.sqlite3", variable="V")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5
    postgres = database_from_url("postgres://kc@127.0.0.1:5432/kotacerdas", variable="V")
    assert postgres["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    "url", ["mysql://a@b/c", "nonsense", "postgres://", "http://example.org/db"]
)
def test_unsupported_database_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match=r"^V "):
        database_from_url(url, variable="V")


def test_booleans_are_strict(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KOTACERDAS_X", "maybe")
    with pytest.raises(ConfigurationError, match="KOTACERDAS_X"):
        env_bool("KOTACERDAS_X", default=False)
