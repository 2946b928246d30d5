"""Masterplan review services (being written)."""
