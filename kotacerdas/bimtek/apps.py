from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BimtekConfig(AppConfig):
    name = "kotacerdas.bimtek"
    label = "bimtek"
    verbose_name = _("Guidance (Bimtek)")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kotacerdas.bimtek import (  # noqa: F401 (tasks registers job kinds)
            access,
            inbox,
            models,
            notifications,
            tasks,
            workspace,
        )

        for model in (
            models.GuidanceStage,
            models.MentorProfile,
            models.MentorUnavailability,
            models.RegionBlackout,
            models.GuidanceRegion,
            models.OPDGroup,
            models.GuidanceVisit,
            models.GuidanceSession,
            models.Attendance,
            models.ScheduleRun,
        ):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])
        access.register_rules()
        workspace.register()
        inbox.register()
        notifications.register()
