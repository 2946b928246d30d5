from django.apps import AppConfig


class SeedConfig(AppConfig):
    # An app only so that Django finds the `demo` and `seed_national` commands; no models.
    name = "kotacerdas.seed"
    label = "seed"
