"""Placeholder, filled in by the app."""


def register() -> None:
    return None
