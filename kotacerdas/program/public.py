"""What this app publishes on a region's public page and the landing page (the public
record of the movement), registered in AppConfig.ready().

Public: the cohorts once opened (not drafts), the regions that submitted an application
to one (a draft application is not participation), the published selection (selected or
not, and the rank among the selected), and whether a selected region's agreement is
signed, with the date. Never: draft applications, answers, evidence, scores, assessors,
comments, the agreement's number, scan or signatories, or an unpublished selection run.
These reads are the only way the public pages reach the program's private models.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.program.models import (
    AgreementStatus,
    Application,
    Cohort,
    CohortStatus,
    SelectionDecision,
)
from kotacerdas.regions import public

# An agreement counts as signed from its signing on (sent, received, archived included).
SIGNED = (
    AgreementStatus.SIGNED,
    AgreementStatus.SENT,
    AgreementStatus.RECEIVED,
    AgreementStatus.ARCHIVED,
)
# An application that was submitted (a reopened one too: it stays in the cohort).
PARTICIPATING = Q(submitted_at__isnull=False)


def public_cohorts() -> QuerySet[Cohort]:
    """The cohorts anyone may see: every one but a draft, newest first."""
    return Cohort.objects.exclude(status=CohortStatus.DRAFT).order_by("-year")


def cohort_summaries() -> list[Cohort]:
    """The public cohorts with `participants` (regions that submitted) and `selected`
    (regions selected in the published result; 0 before it): one query."""
    return list(
        public_cohorts().annotate(
            participants=Count(
                "applications", filter=Q(applications__submitted_at__isnull=False), distinct=True
            ),
            selected=Count(
                "applications",
                filter=Q(
                    applications__decisions__run__published=True,
                    applications__decisions__selected=True,
                ),
                distinct=True,
            ),
        )
    )


@dataclass(frozen=True)
class Participation:
    """One region in one cohort, as the public may read it."""

    year: int
    cohort_name: str
    cohort_published: bool
    region_code: str
    region_name: str
    province_name: str
    island_group: str  # its label
    selected: bool | None  # None until the selection is published
    rank: int | None  # among the selected, when the published result gives one
    agreement_signed: bool
    signed_on: datetime.date | None

    @property
    def result_label(self) -> str:
        if self.selected is True:
            return str(_("Selected"))
        if self.selected is False:
            return str(_("Not selected"))
        return str(_("Result not published yet"))


def _participations(applications: QuerySet[Application]) -> list[Participation]:
    published = SelectionDecision.objects.filter(application=OuterRef("pk"), run__published=True)
    rows = (
        applications.filter(PARTICIPATING)
        .exclude(cohort__status=CohortStatus.DRAFT)
        .annotate(
            public_selected=Subquery(published.values("selected")[:1]),
            published_rank=Subquery(published.values("rank")[:1]),
            agreement_status=F("agreement__status"),
            agreement_signed_on=F("agreement__signed_on"),
        )
        .select_related("cohort", "region__province")
    )
    found = []
    for a in rows:
        selected = a.public_selected
        signed = bool(selected) and a.agreement_status in SIGNED
        found.append(
            Participation(
                year=a.cohort.year,
                cohort_name=a.cohort.name,
                cohort_published=a.cohort.status == CohortStatus.PUBLISHED,
                region_code=a.region.code,
                region_name=a.region.name,
                province_name=a.region.province.name,
                island_group=a.region.get_island_group_display(),
                selected=selected,
                rank=a.published_rank if selected else None,
                agreement_signed=signed,
                signed_on=a.agreement_signed_on if signed else None,
            )
        )
    return found


def participants(cohort: Cohort) -> list[Participation]:
    """The regions that took part in the cohort: once the result is published the
    selected first (by rank), then the others; by name otherwise. One query."""
    rows = _participations(Application.objects.filter(cohort=cohort))
    return sorted(
        rows,
        key=lambda p: (p.selected is not True, p.rank or 0, p.region_name, p.region_code),
    )


def participations_of(region: Any) -> list[Participation]:
    """The cohorts the region took part in, newest first. One query."""
    rows = _participations(Application.objects.filter(region=region))
    return sorted(rows, key=lambda p: -p.year)


def _region_panel(request: HttpRequest, region: Any) -> Mapping[str, Any]:
    return {"participations": participations_of(region)}


# The funnel's stages: regions counted once each, per island group, in one query.


STAGE_KEYS = ("applied", "selected", "agreement_signed")


def funnel_counts() -> dict[str, dict[str, int]]:
    """Regions that applied (submitted to a public cohort), were selected in a published
    result and signed their agreement, per island group."""
    published = Q(decisions__run__published=True, decisions__selected=True)
    rows = (
        Application.objects.filter(PARTICIPATING)
        .exclude(cohort__status=CohortStatus.DRAFT)
        .values("region__island_group")
        .annotate(
            applied=Count("region", distinct=True),
            selected=Count("region", filter=published, distinct=True),
            agreement_signed=Count(
                "region", filter=published & Q(agreement__status__in=SIGNED), distinct=True
            ),
        )
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {key: {} for key in STAGE_KEYS}
    for row in rows:
        group = row["region__island_group"]
        counts["applied"][group] = row["applied"]
        counts["selected"][group] = row["selected"]
        counts["agreement_signed"][group] = row["agreement_signed"]
    return counts


def register() -> None:
    public.register_public_panel(
        public.PublicPanel("program", 10, "program/public/_region.html", _region_panel)
    )
    stages = (
        public.FunnelStage("applied", 10, _("Applied")),
        public.FunnelStage("selected", 20, _("Selected")),
        public.FunnelStage("agreement_signed", 30, _("Agreement signed")),
    )
    public.register_funnel_source(public.FunnelSource("program", stages, funnel_counts))
