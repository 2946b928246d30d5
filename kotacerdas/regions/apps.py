from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "kotacerdas.regions"
    label = "regions"
    verbose_name = _("Regions and reference model")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kotacerdas.regions import access, models, tasks  # noqa: F401 (registers job kinds)

        for model in (
            models.Province,
            models.Region,
            models.OPD,
            models.Dimension,
            models.DimensionElement,
            models.Pillar,
            models.PillarElement,
        ):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])
        access.register_rules()
