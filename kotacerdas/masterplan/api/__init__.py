"""Masterplans over the API: one router per concern, the same services and permissions
as the pages."""

from ninja import Router

from kotacerdas.masterplan.api.programs import router as programs_router

router = Router()
router.add_router("/", programs_router)
