from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "kotacerdas.program"
    label = "program"
    verbose_name = _("National program")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kotacerdas.program import inbox, models, notifications, public, workspace

        for model in (
            models.Cohort,
            models.CohortPhase,
            models.RubricCriterion,
            models.RubricRevision,
            models.Application,
            models.ApplicationAnswer,
            models.Evidence,
            models.IndicatorValue,
            models.AssessorAssignment,
            models.CriterionScore,
            models.Interview,
            models.SelectionRun,
            models.SelectionDecision,
            models.Agreement,
            models.AgreementSignatory,
            models.RegionalBody,
            models.BodyMember,
            models.Commitment,
        ):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])
        workspace.register()
        inbox.register()
        public.register()
        notifications.register()
