"""Helpers for the masterplan page tests: a signed-in client, page URLs, page text."""

import re
from typing import Any

from django.test import Client

from kotacerdas.accounts.models import User
from kotacerdas.masterplan.models import Masterplan


def client_as(user: User | None, language: str | None = None) -> Client:
    """A browser signed in as `user` (anonymous for None), in `language` if given
    (otherwise the site's default, Indonesian)."""
    client = Client()
    if language:
        client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


def page_url(plan: Masterplan, page: str, suffix: str = "") -> str:
    return f"/masterplans/{plan.pk}/{page}/{suffix}"


def page_text(response: Any) -> str:
    """The page's HTML with runs of white space made single, for plain `in` checks."""
    return re.sub(r"\s+", " ", response.content.decode())
