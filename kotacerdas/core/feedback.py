"""Telling people on a page what went wrong."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def report_errors(request: HttpRequest, error: ValidationError) -> None:
    """Each message of a service's ValidationError as an error message on the next page."""
    for message in error.messages:
        messages.error(request, message)
