from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterplanConfig(AppConfig):
    name = "kotacerdas.masterplan"
    label = "masterplan"
    verbose_name = _("Masterplans")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kotacerdas.core.audit import register_money
        from kotacerdas.masterplan import (  # noqa: F401 (tasks registers job kinds)
            access,
            inbox,
            models,
            notifications,
            public,
            tasks,
            workspace,
        )

        for model in (
            models.Masterplan,
            models.Finding,
            models.RpjmdGoal,
            models.PillarAnalysis,
            models.Strategy,
            models.Program,
            models.BudgetLine,
            models.ProgramIndicator,
            models.IndicatorTarget,
            models.ProfileFigure,
            models.ReviewComment,
        ):
            # A program's version only guards concurrent edits: not a change to show.
            auditlog.register(model, exclude_fields=["created_at", "updated_at", "version"])
        register_money(models.BudgetLine, "amount")
        access.register_rules()
        workspace.register()
        inbox.register()
        public.register()
        notifications.register()
