"""The program over the API: one router per subject (the same subjects as services/ and
views/), mounted in this order."""

from ninja import Router

from kotacerdas.program.api import agreements, applications, assessment, cohorts, selection

router = Router()
for part in (cohorts, applications, assessment, selection, agreements):
    router.add_router("/", part.router)
