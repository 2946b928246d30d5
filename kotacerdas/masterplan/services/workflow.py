"""Masterplan workflow services (being written)."""
