from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kotacerdas.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kotacerdas.accounts import tasks  # noqa: F401 (registers the email task)
        from kotacerdas.accounts.models import ApiToken, Invitation, User

        auditlog.register(
            User, exclude_fields=["password", "last_login"], m2m_fields={"assigned_regions"}
        )
        # Who created and who revoked which token; never the token, its hash or its
        # first characters (and not each use: last_used_at is written with update()).
        auditlog.register(ApiToken, exclude_fields=["token_hash", "hint", "last_used_at"])
        # Who invited whom, re-sent and revoked; never the link's secret.
        auditlog.register(
            Invitation, exclude_fields=["token_hash"], m2m_fields={"assigned_regions"}
        )
