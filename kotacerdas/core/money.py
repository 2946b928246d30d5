"""Money is whole Rupiah: written the Indonesian way (Rp12.500.000), spelled out in words
(terbilang), and read back from what people type (`parse_rupiah`).

Pages write numbers the Indonesian way whatever their language. A document follows its
own language: inside ``numbers_in("en")`` (masterplan documents render in it) the same
functions write "Rp12,500,000" and "12.5"."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

_language: ContextVar[str] = ContextVar("numbers_language", default="id")


@contextmanager
def numbers_in(language: str) -> Iterator[None]:
    """Write the numbers formatted inside the way `language` writes them."""
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def _marks() -> tuple[str, str]:
    """(thousands separator, decimal mark) of the language numbers are written in."""
    return (",", ".") if _language.get() == "en" else (".", ",")


def group_thousands(number: int) -> str:
    """12500000 -> "12.500.000" (a dot between groups of three, as in Indonesia; a comma
    in English documents)."""
    return f"{number:,}".replace(",", _marks()[0])


def format_rupiah(amount: int) -> str:
    """12500000 -> "Rp12.500.000"; negative amounts keep their sign before "Rp"."""
    if amount < 0:
        return "-Rp" + group_thousands(-amount)
    return "Rp" + group_thousands(amount)


def format_million(amount: int) -> str:
    """Rupiah in millions with one decimal at most, for dense tables:
    1250000000 -> "1.250", 12500000 -> "12,5", 400000 -> "0,4"."""
    millions = (Decimal(amount) / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    whole, tenth = divmod(abs(int(millions * 10)), 10)
    text = group_thousands(whole) + (f"{_marks()[1]}{tenth}" if tenth else "")
    return "-" + text if millions < 0 else text


def format_decimal(value: Decimal | int | float | None) -> str:
    """An indicator or profile value: thousands with dots, decimals with a comma,
    no trailing zeros (Decimal("12.500") -> "12,5", Decimal("1500000") -> "1.500.000")."""
    if value is None:
        return "–"
    number = Decimal(value).normalize()
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _dot, fraction = text.partition(".")
    return sign + group_thousands(int(whole)) + (_marks()[1] + fraction if fraction else "")


def rupiah_in_words(amount: int, language: str = "id") -> str:
    """12500000 -> "dua belas juta lima ratus ribu rupiah" (or, in English,
    "twelve million five hundred thousand rupiah")."""
    if language == "en":
        words = num2words(amount, lang="en").replace(",", "").replace(" and ", " ")
        return f"{words} rupiah"
    words = num2words(amount, lang="id")
    # num2words says "satu juta satu ribu"; Indonesian says "satu juta seribu": a
    # thousands group of exactly one is "seribu" wherever it stands.
    if amount >= 1_000_000 and (abs(amount) // 1000) % 1000 == 1:
        head, _sep, tail = words.rpartition("satu ribu")
        words = head + "seribu" + tail
    return f"{words} rupiah"


_TYPED_PREFIX = re.compile(r"^-?\s*(?:rp\.?)?\s*", re.IGNORECASE)


def parse_rupiah(typed: str) -> int:
    """Whole Rupiah as people type them: 250000000, 250.000.000, Rp 250.000.000 or
    250,000,000 (a trailing ",00" or ",-" is accepted). ValueError for anything else,
    decimals included; the caller says it in its own words."""
    text = typed.replace("\u00a0", " ").strip()
    negative = text.startswith("-")
    text = _TYPED_PREFIX.sub("", text)
    if text.startswith("-"):
        negative, text = True, text[1:]
    text = re.sub(r",(0{1,2}|-)$", "", text.replace(" ", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        text = text.replace(",", "")
    # Longer than any amount anyone budgets, short enough that int() stays cheap.
    if not text.isdigit() or len(text) > 30:
        raise ValueError(typed)
    return -int(text) if negative else int(text)
