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
        from kotacerdas.accounts.services.digests import send_digests
        from kotacerdas.accounts.services.notifications import retry_due_emails
        from kotacerdas.core import periodic

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
        # Each morning the digest of what waited (last: it gathers the reminders the
        # other apps' daily work made); every housekeeping round, the emails whose
        # next attempt is due (core.periodic).
        periodic.register_daily("accounts.digest", send_digests, order=90)
        periodic.register_frequent("accounts.email_retries", retry_due_emails)
