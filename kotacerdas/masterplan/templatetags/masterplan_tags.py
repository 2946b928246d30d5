"""Template filters of the masterplan pages."""

from typing import Any

from django import template

from kotacerdas.core.templatetags import money

register = template.Library()
register.filter("rupiah", money.rupiah)  # the masterplan's templates load it from here


@register.filter
def target_fields(form: Any, shown: Any) -> Any:
    """An indicator form's target fields: (the program's years, the other years)."""
    return form.target_fields(shown)
