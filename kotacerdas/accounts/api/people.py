from ninja import Router

from kotacerdas.core.api_support import AUTH

router = Router(tags=["people"], auth=AUTH)
