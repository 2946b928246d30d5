"""Accounts over the API: one router per subject (the same subjects as services/ and
views/), mounted in this order."""

from ninja import Router

from kotacerdas.accounts.api import notifications, people, profile, tokens

router = Router()
for part in (tokens, profile, notifications, people):
    router.add_router("/", part.router)
