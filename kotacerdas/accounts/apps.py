from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kotacerdas.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kotacerdas.accounts.models import User

        auditlog.register(
            User, exclude_fields=["password", "last_login"], m2m_fields={"assigned_regions"}
        )
