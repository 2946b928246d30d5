"""What this app publishes on a region's public page and the landing page (the public
record of the movement), registered in AppConfig.ready()."""


def register() -> None:
    """Being built."""
