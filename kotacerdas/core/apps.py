from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kotacerdas.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from kotacerdas.core import audit  # noqa: F401 (connects the audit actor receiver)
