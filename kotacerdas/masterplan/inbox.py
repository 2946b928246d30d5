"""This app's items in the work inbox (core.inbox), registered in AppConfig.ready()."""


def register() -> None:
    """Being built."""
