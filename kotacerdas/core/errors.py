"""Errors any app's services raise and every caller understands: the API maps them to an
HTTP status (kotacerdas/api.py), pages to a message."""


class EditConflict(Exception):
    """Someone saved the same record since this edit began: nothing was overwritten.
    The API answers 409."""
