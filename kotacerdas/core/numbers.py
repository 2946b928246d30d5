"""Numbers as people in Indonesia write them, whatever the page's language: "801.718" is
eight hundred thousand and more, "788,95" has decimals; "788.95" and "1,250.5" are read
too. Forms and spreadsheet imports read typed numbers through here, so "1.200" means the
same everywhere (Rupiah amounts have their own, stricter reader)."""

import re

_GROUPED_BY_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def plain_number_text(typed: str) -> str:
    """The typed number with a decimal point and no grouping, for Decimal()."""
    text = typed.strip().replace(" ", "")
    if "," in text and "." in text:
        grouping = "." if text.rfind(",") > text.rfind(".") else ","
        return text.replace(grouping, "").replace(",", ".")
    if "," in text:
        return text.replace(",", ".")
    if _GROUPED_BY_DOTS.match(text):
        return text.replace(".", "")
    return text
