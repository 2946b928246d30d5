from ninja import Router

from kotacerdas.program.api.agreements import router as agreements_router
from kotacerdas.program.api.cohorts import router as cohorts_router

router = Router()
router.add_router("/", cohorts_router)
router.add_router("/", agreements_router)
