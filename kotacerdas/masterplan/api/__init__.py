"""Masterplans over the API: one router per concern, the same services and permissions
as the pages."""

from ninja import Router

from kotacerdas.masterplan.api.content import router as content_router
from kotacerdas.masterplan.api.documents import router as documents_router
from kotacerdas.masterplan.api.programs import router as programs_router
from kotacerdas.masterplan.api.spreadsheet import router as spreadsheet_router
from kotacerdas.masterplan.api.workflow import router as workflow_router

router = Router()
# The spreadsheet router first: /masterplans/template.xlsx must not be read as an id.
for part in (
    spreadsheet_router,
    programs_router,
    content_router,
    workflow_router,
    documents_router,
):
    router.add_router("/", part)
