from django.http import HttpRequest

from kotacerdas.core import access


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "is_program_office": access.is_program_office(user),
        "user_region": getattr(user, "region", None) if user and user.is_authenticated else None,
    }
