from django.http import HttpRequest

from kotacerdas.core import access
from kotacerdas.core.roles import Role


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "is_program_office": access.is_program_office(user),
        # The office manages its staff, a coordinator (or deputy) the region's team.
        "can_manage_people": access.is_program_office(user)
        or access.has_role(user, Role.REGION_COORDINATOR),
        "user_region": getattr(user, "region", None) if user and user.is_authenticated else None,
    }
