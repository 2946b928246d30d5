"""Guidance (Bimtek) over the API, under /api/v1/bimtek/: one router per subject (the
same subjects as services/ and schemas/), with the pages' permissions: objects are looked
up inside the access querysets (404 for outsiders), the services refuse the rest (403)."""

from ninja import Router

from kotacerdas.bimtek.api import mentors, planning, regions, sessions, stages

router = Router()
for part in (stages, regions, mentors, planning, sessions):
    router.add_router("/", part.router)
