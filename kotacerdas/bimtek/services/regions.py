"""A region in guidance: enrolment from the cohort's agreements, priorities, blackout
days, and the OPD groups its coordinator forms."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Trim
from django.utils.translation import gettext as _

from kotacerdas.bimtek import access, notifications
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceVisit,
    OPDGroup,
    RegionBlackout,
    SessionStatus,
    VisitStatus,
)
from kotacerdas.bimtek.services.common import (
    Replaced,
    VisitResync,
    check_period,
    replaced,
    sync_sessions,
)
from kotacerdas.bimtek.services.stages import cohort_stages
from kotacerdas.core.audit import service
from kotacerdas.program.models import Agreement, AgreementStatus, Cohort
from kotacerdas.regions.models import OPD, Dimension, Region


def enrolled_agreements(cohort: Cohort) -> Any:
    """The cohort's signed agreements (signed, sent, received or archived: not drafts)."""
    return Agreement.objects.filter(application__cohort=cohort).exclude(
        status=AgreementStatus.DRAFT
    )


def _visits(guidance: GuidanceRegion) -> list[GuidanceVisit]:
    return list(
        GuidanceVisit.objects.filter(guidance=guidance)
        .select_related("stage", "guidance__region")
        .prefetch_related("sessions")
        .order_by("stage__number")
    )


def _groups(guidance: GuidanceRegion) -> list[OPDGroup]:
    return list(OPDGroup.objects.filter(guidance=guidance).prefetch_related("opds"))


def resync(
    actor: Any, guidance: GuidanceRegion, gone: Iterable[Replaced] = ()
) -> list[VisitResync]:
    """The region's open visits hold the sessions its groups and OPDs call for (a new
    session takes the time of those it replaces, or a free slot); the mentors and the
    region hear of each scheduled visit whose sessions changed."""
    changes = sync_sessions(
        guidance,
        _visits(guidance),
        _groups(guidance),
        list(OPD.objects.filter(region_id=guidance.region_id).order_by("name")),
        gone,
    )
    for change in changes:
        if change.scheduled:
            notifications.sessions_regrouped(actor, change.visit, change.added, change.removed)
    return changes


@service
def enrol_cohort_regions(actor: Any, cohort: Cohort) -> list[GuidanceRegion]:
    """Office only. One GuidanceRegion per region with an agreement in the cohort, its
    four visits (one per stage) and, for each visit, a plenary plus one session per
    OPD group (or per OPD when the region has formed no groups), when missing.
    Idempotent: existing visits and sessions are kept.

    "An agreement" is a signed one (any status but draft). An OPD in no group gets a
    session of its own (kind "group", no group, titled with the OPD's name)."""
    access.require_program_office(actor)
    stages = cohort_stages(cohort)
    region_ids = sorted(
        set(enrolled_agreements(cohort).values_list("application__region_id", flat=True))
    )
    existing = {g.region_id: g for g in GuidanceRegion.objects.filter(cohort=cohort)}
    opds_by_region: dict[str, list[OPD]] = {}
    for opd in OPD.objects.filter(region_id__in=region_ids).order_by("region_id", "name"):
        opds_by_region.setdefault(opd.region_id, []).append(opd)
    groups_by_guidance: dict[int, list[OPDGroup]] = {}
    for group in OPDGroup.objects.filter(guidance__cohort=cohort).prefetch_related("opds"):
        groups_by_guidance.setdefault(group.guidance_id, []).append(group)
    enrolled = []
    for region_id in region_ids:
        guidance = existing.get(region_id)
        if guidance is None:
            guidance = GuidanceRegion.objects.create(cohort=cohort, region_id=region_id)
        have = set(
            GuidanceVisit.objects.filter(guidance=guidance).values_list("stage_id", flat=True)
        )
        for stage in stages:
            if stage.pk not in have:
                GuidanceVisit.objects.create(guidance=guidance, stage=stage)
        visits = list(
            GuidanceVisit.objects.filter(guidance=guidance)
            .select_related("stage")
            .prefetch_related(Prefetch("sessions", GuidanceSession.objects.order_by("pk")))
            .order_by("stage__number")
        )
        sync_sessions(
            guidance,
            visits,
            groups_by_guidance.get(guidance.pk, []),
            opds_by_region.get(region_id, []),
        )
        enrolled.append(guidance)
    return enrolled


@service
def set_priorities(
    actor: Any, guidance: GuidanceRegion, dimensions: Iterable[Dimension]
) -> GuidanceRegion:
    """The office or the region's coordinator."""
    access.require(access.can_organise_guidance(actor, guidance))
    guidance.priority_dimensions.set(list(dimensions))
    guidance.save(update_fields=["updated_at"])
    return guidance


@service
def add_blackout(
    actor: Any, region: Region, *, starts_on: date, ends_on: date, reason: str = ""
) -> RegionBlackout:
    """The region's coordinator or the office. Visits already planned in those days are
    not moved (the office re-plans) nor refused: the returned blackout carries
    `clashing_visits`, the region's unheld visits with dates in the days (the office is
    told of them), and `held_visits`, those held (or signed off) in the days, which keep
    their record."""
    access.require(access.can_manage_region(actor, region))
    check_period(starts_on, ends_on)
    blackout = RegionBlackout(
        region=region, starts_on=starts_on, ends_on=ends_on, reason=(reason or "").strip()
    )
    blackout.full_clean(exclude=["region"])
    blackout.save()
    held_session = GuidanceSession.objects.filter(visit=OuterRef("pk"), status=SessionStatus.HELD)
    overlapping = (
        GuidanceVisit.objects.filter(
            guidance__region=region, starts_on__lte=ends_on, ends_on__gte=starts_on
        )
        .annotate(was_held=Exists(held_session))
        .select_related("guidance__region", "guidance__cohort", "stage")
        .order_by("starts_on", "pk")
    )
    clashing: list[GuidanceVisit] = []
    held: list[GuidanceVisit] = []
    for visit in overlapping:
        is_held = visit.status == VisitStatus.COMPLETE or visit.was_held
        (held if is_held else clashing).append(visit)
    blackout.clashing_visits = clashing  # type: ignore[attr-defined]
    blackout.held_visits = held  # type: ignore[attr-defined]
    if clashing:
        notifications.blackout_clashes(actor, blackout, clashing, held)
    return blackout


@service
def remove_blackout(actor: Any, blackout: RegionBlackout) -> None:
    """The region's coordinator or the office."""
    access.require(access.can_manage_region(actor, blackout.region))
    blackout.delete()


@service
def save_group(
    actor: Any,
    guidance: GuidanceRegion,
    *,
    name: str,
    opds: Iterable[OPD],
    session_minutes: int = 120,
    group: OPDGroup | None = None,
) -> OPDGroup:
    """The coordinator (or office) creates or changes a group of the region's own OPDs
    (an OPD in one group only; OPDs of another region refused; a name another group of
    the region has, whatever its capitals and surrounding spaces, refused under "name").
    Unheld sessions of the region's visits follow: a session per group replaces the
    per-OPD sessions of its OPDs; held sessions never change. In a visit with dates the
    group's new session takes the earliest time of those it replaces (a pinned one's
    first, with its pin) when it fits there, else the first free slot; the visit's
    mentors and the region are told."""
    access.require(access.can_organise_guidance(actor, guidance))
    if group is not None and group.guidance_id != guidance.pk:
        raise ValidationError(_("This group belongs to another region."))
    opds = list(opds)
    errors: dict[str, list[str]] = {}
    foreign = [opd for opd in opds if opd.region_id != guidance.region_id]
    if foreign:
        errors.setdefault("opds", []).append(
            _("These OPDs are not of %(region)s: %(opds)s.")
            % {"region": guidance.region.name, "opds": ", ".join(o.name for o in foreign)}
        )
    if not opds:
        errors.setdefault("opds", []).append(_("Choose at least one OPD for the group."))
    taken = OPDGroup.opds.through.objects.filter(
        opdgroup__guidance=guidance, opd__in=[o.pk for o in opds]
    )
    if group is not None:
        taken = taken.exclude(opdgroup_id=group.pk)
    for opd_name, other in taken.values_list("opd__name", "opdgroup__name").order_by("opd__name"):
        errors.setdefault("opds", []).append(
            _("%(opd)s is already in the group %(group)s; an OPD is in one group only.")
            % {"opd": opd_name, "group": other}
        )
    name = (name or "").strip()
    same_name = (
        OPDGroup.objects.filter(guidance=guidance)
        .annotate(bare_name=Trim("name"))
        .filter(bare_name__iexact=name)
    )
    if group is not None:
        same_name = same_name.exclude(pk=group.pk)
    if name and same_name.exists():
        errors.setdefault("name", []).append(
            _("%(region)s has a group called %(name)s already; choose another name.")
            % {"region": guidance.region.name, "name": name}
        )
    row = group or OPDGroup(guidance=guidance)
    row.name = name
    row.session_minutes = session_minutes
    try:
        row.full_clean(exclude=["guidance", "opds"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    row.save()
    row.opds.set(opds)
    # The group's unheld sessions take its new name and length.
    for session in GuidanceSession.objects.filter(group=row, status=SessionStatus.PLANNED):
        if session.title != row.name or session.duration_minutes != row.session_minutes:
            session.title, session.duration_minutes = row.name, row.session_minutes
            session.save(update_fields=["title", "duration_minutes", "updated_at"])
    resync(actor, guidance)
    return row


@service
def delete_group(actor: Any, group: OPDGroup) -> None:
    """Refused (ValidationError) when a session of the group was held. Its planned
    sessions go with it; its OPDs get sessions of their own again."""
    guidance = group.guidance
    access.require(access.can_organise_guidance(actor, guidance))
    sessions = GuidanceSession.objects.filter(group=group)
    if sessions.filter(status=SessionStatus.HELD).exists():
        raise ValidationError(
            _(
                "A session of %(group)s was held; the group stays so its record does. "
                "Change its OPDs instead."
            )
            % {"group": group.name}
        )
    gone = []
    for session in sessions.select_related("visit"):  # one by one, for the audit trail
        if session.status == SessionStatus.PLANNED and session.visit.status != VisitStatus.COMPLETE:
            gone.append(replaced(session))  # its OPDs' own sessions take its place
        session.delete()
    group.delete()
    resync(actor, guidance, gone)
