"""`{% load money %}`: Rupiah the Indonesian way in any app's templates."""

from typing import Any

from django import template

from kotacerdas.core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: Any) -> str:
    """12500000 -> "Rp12.500.000" (the documents use the same function); empty for
    nothing, and the value unchanged if it is not a whole number."""
    if amount is None or amount == "":
        return ""
    try:
        return format_rupiah(int(amount))
    except (TypeError, ValueError):
        return str(amount)
