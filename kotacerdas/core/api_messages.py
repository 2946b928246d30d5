"""The API's error messages in the request's language.

Pydantic and django-ninja write their own messages in English; the common ones are
said again here through gettext, from the error's type and context. A type not listed
keeps pydantic's text.
"""

from typing import Any

from django.utils.translation import gettext as _

# The database's integer range (a signed 64-bit column), as core.api_support bounds it.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def field_message(error: dict[str, Any]) -> str:
    """One pydantic error (`type`, `msg`, `ctx`) as people read it."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    fixed = {
        "missing": _("This field is required."),
        "extra_forbidden": _("This field is not known here; check its name."),
        "int_parsing": _("Write a whole number."),
        "int_type": _("Write a whole number."),
        "int_from_float": _("Write a whole number."),
        "decimal_parsing": _("Write a number."),
        "decimal_type": _("Write a number."),
        "float_parsing": _("Write a number."),
        "float_type": _("Write a number."),
        "string_type": _("Write a text."),
        "bool_parsing": _("Write true or false."),
        "bool_type": _("Write true or false."),
        "list_type": _("Send a list."),
        "dict_type": _("Send an object."),
        "model_type": _("Send an object."),
        "model_attributes_type": _("Send an object."),
        "date_parsing": _("Write a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Write a date as YYYY-MM-DD."),
        "json_invalid": _("The request body is not valid JSON."),
        "null_not_allowed": _(
            "This field cannot be null: leave it out to keep it, or send an empty text."
        ),
        "datetime_parsing": _("Write a date and time as YYYY-MM-DDTHH:MM:SS+07:00."),
        "datetime_from_date_parsing": _("Write a date and time as YYYY-MM-DDTHH:MM:SS+07:00."),
        "datetime_type": _("Write a date and time as YYYY-MM-DDTHH:MM:SS+07:00."),
    }
    if kind in fixed:
        return fixed[kind]
    # The database's own bounds (core.api_support.bound_numbers): no number to quote.
    if kind == "less_than_equal" and ctx.get("le") == INT_MAX:
        return _("The number is too large.")
    if kind == "greater_than_equal" and ctx.get("ge") == INT_MIN:
        return _("The number is too small.")
    if kind == "datetime_year_range":
        return _("Write a date between the years %(min_year)s and %(max_year)s.") % {
            "min_year": ctx.get("min_year", ""),
            "max_year": ctx.get("max_year", ""),
        }
    if kind == "finite_number":
        return _("Write a finite number.")
    # Messages with a value from the error's context: (message, context key).
    bounded = {
        "string_too_short": (_("Write at least %(value)s characters."), "min_length"),
        "string_too_long": (_("Write at most %(value)s characters."), "max_length"),
        "greater_than_equal": (_("Must be %(value)s or more."), "ge"),
        "less_than_equal": (_("Must be %(value)s or less."), "le"),
        "greater_than": (_("Must be more than %(value)s."), "gt"),
        "less_than": (_("Must be less than %(value)s."), "lt"),
        "literal_error": (_("Choose one of: %(value)s."), "expected"),
        "enum": (_("Choose one of: %(value)s."), "expected"),
    }
    if kind in bounded:
        message, key = bounded[kind]
        return message % {"value": ctx.get(key, "")}
    return str(error.get("msg", ""))


def http_error_message(status: int, message: str) -> str:
    """django-ninja's own messages of HTTP errors, translated; others as they are."""
    if status == 400 and message.startswith("Cannot parse request body"):
        return _("The request body is not valid JSON.")
    return message


def not_found_message(message: str) -> str:
    """Django's get_object_or_404 names the model's class in English: a plain message
    instead. Messages of our own are kept."""
    if not message or message.endswith("matches the given query."):
        return _("Not found: it does not exist, or you may not see it.")
    return message


def joined(fields: list[dict[str, str]]) -> str:
    """ "field: message" parts as one text, each ending with one full stop."""
    parts = [f"{f['field']}: {f['message']}".rstrip() for f in fields]
    return " ".join(part if part.endswith((".", "!", "?", ":")) else f"{part}." for part in parts)
