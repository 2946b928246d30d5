"""Template filters of the masterplan pages: Rupiah the Indonesian way."""

from typing import Any

from django import template

from kotacerdas.masterplan.documents.rupiah import format_rupiah

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


@register.filter
def target_fields(form: Any, shown: Any) -> Any:
    """An indicator form's target fields: (the program's years, the other years)."""
    return form.target_fields(shown)
