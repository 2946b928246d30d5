"""Masterplan documents services (being written)."""
