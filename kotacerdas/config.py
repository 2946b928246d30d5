"""Reading settings from the environment, with errors that name the variable.

Start-up errors are ``ConfigurationError``; ``kotacerdas.cli`` prints them as a
single line and exits, instead of a traceback.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
# Used only with debug on; a deployment must set KOTACERDAS_SECRET_KEY.
DEBUG_SECRET_KEY = "kotacerdas-debug-only-not-secret"  # noqa: S105


class ConfigurationError(ImproperlyConfigured):
    """A setting in the environment is missing or wrong."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a boolean: use true or false.")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ConfigurationError(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: list[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ConfigurationError(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def require_secret_key(debug: bool) -> str:
    key = os.environ.get("KOTACERDAS_SECRET_KEY", "")
    if key:
        return key
    if debug:
        return DEBUG_SECRET_KEY
    raise ConfigurationError(
        "KOTACERDAS_SECRET_KEY is not set: set it to a long random string "
        "(or set KOTACERDAS_DEBUG=true for local development)."
    )


def database_from_url(url: str, variable: str) -> dict[str, Any]:
    """Parse a database URL; SQLite gets WAL mode and a busy timeout."""
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except Exception as error:  # dj-database-url raises several kinds
        raise ConfigurationError(
            f"{variable} is not a valid database URL ({error}); "
            "use sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/name."
        ) from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        if not config.get("NAME"):
            raise ConfigurationError(f"{variable} names no SQLite file: use sqlite:///path.")
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif engine == "django.db.backends.postgresql":
        if not config.get("NAME"):
            raise ConfigurationError(f"{variable} names no PostgreSQL database.")
    else:
        raise ConfigurationError(
            f"{variable} uses an unsupported database {engine or url!r}: "
            "use sqlite:/// or postgres://."
        )
    return config
