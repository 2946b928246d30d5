"""Rupiah the Indonesian way, and spelled out in words."""

from decimal import Decimal

import pytest

from kotacerdas.core.money import (
    format_decimal,
    format_million,
    format_rupiah,
    rupiah_in_words,
)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (12_500_000, "Rp12.500.000"),
        (0, "Rp0"),
        (999, "Rp999"),
        (1_000, "Rp1.000"),
        (735_410_000_000, "Rp735.410.000.000"),
        (-5_000, "-Rp5.000"),
    ],
)
def test_rupiah_has_dots_between_thousands(amount: int, text: str) -> None:
    assert format_rupiah(amount) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1_250_000_000, "1.250"), (12_500_000, "12,5"), (400_000, "0,4"), (0, "0")],
)
def test_millions_for_dense_tables(amount: int, text: str) -> None:
    assert format_million(amount) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("12.500"), "12,5"),
        (Decimal("1500000.000"), "1.500.000"),
        (Decimal("-0.250"), "-0,25"),
        (None, "–"),
    ],
)
def test_decimals_use_a_comma(value: Decimal | None, text: str) -> None:
    assert format_decimal(value) == text


@pytest.mark.parametrize(
    ("amount", "indonesian", "english"),
    [
        (
            12_500_000,
            "dua belas juta lima ratus ribu rupiah",
            "twelve million five hundred thousand rupiah",
        ),
        (1_000, "seribu rupiah", "one thousand rupiah"),
        # A thousands group of one is "seribu" after millions too.
        (1_001_000, "satu juta seribu rupiah", "one million one thousand rupiah"),
        (201_000, "dua ratus satu ribu rupiah", "two hundred one thousand rupiah"),
        (
            2_000_000_000_000,
            "dua triliun rupiah",
            "two trillion rupiah",
        ),
    ],
)
def test_amounts_in_words(amount: int, indonesian: str, english: str) -> None:
    assert rupiah_in_words(amount, "id") == indonesian
    assert rupiah_in_words(amount, "en") == english
