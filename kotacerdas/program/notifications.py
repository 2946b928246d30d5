"""Who this app notifies, and the reminders it sends each day (deadlines in 7 days and
in 1 day), registered in AppConfig.ready()."""


def register() -> None:
    """Being built."""
