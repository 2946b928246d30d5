from collections.abc import Iterable
from typing import Any

from django import template

from kotacerdas.core import audit

register = template.Library()


@register.simple_tag
def readable_entries(entries: Iterable[Any]) -> list[audit.ReadableEntry]:
    """`{% readable_entries page.object_list as rows %}`: see audit.readable."""
    return audit.readable(entries)
