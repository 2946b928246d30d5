"""Kota Cerdas: the platform for Indonesia's smart-city movement."""
