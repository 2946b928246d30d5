"""Masterplan content services (being written)."""
