"""What the guidance views share: reading an id the request names."""

import re
from typing import Any

from django.http import Http404

_PK = re.compile(r"[0-9]{1,18}")  # fits a 64-bit integer column


def pk_or_404(value: Any) -> int:
    """The id a page parameter names (`?edit=`, `group=`, `blackout=`...), or Http404 for
    anything that is not one: letters, `1e5`, a sign, or a number too large to be an id."""
    text = str(value or "").strip()
    if not _PK.fullmatch(text):
        raise Http404
    return int(text)
