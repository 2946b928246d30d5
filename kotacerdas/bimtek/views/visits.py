"""A region's guidance: its visits and sessions, priorities, blackout days and OPD
groups; a visit (moving, pinning, confirming, completing) and a session (holding it
with attendance, moving it, its output document)."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kotacerdas.bimtek import access, services
from kotacerdas.bimtek.forms import (
    BlackoutForm,
    CompleteForm,
    GroupForm,
    HeldForm,
    PrioritiesForm,
    SessionMoveForm,
    VisitMoveForm,
)
from kotacerdas.bimtek.forms.common import add_service_errors
from kotacerdas.bimtek.forms.visits import attendance_lines
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceVisit,
    SessionStatus,
    VisitStatus,
)
from kotacerdas.bimtek.views.common import pk_or_404
from kotacerdas.core import localtime
from kotacerdas.core.downloads import serve_file
from kotacerdas.core.feedback import report_errors


def _guidance_or_404(request: HttpRequest, year: int, code: str) -> GuidanceRegion:
    return get_object_or_404(
        access.guidance_visible_to(request.user).select_related("cohort", "region__province"),
        cohort__year=year,
        region_id=code,
    )


def _session_prefetch(user: Any) -> Prefetch:
    return Prefetch(
        "sessions",
        queryset=access.sessions_visible_to(user)
        .select_related("group", "opd")
        .annotate(attendees=Count("attendance"))
        .order_by("starts_at", "pk"),
    )


# Region ------------------------------------------------------------------------------


@login_required
def region_guidance(request: HttpRequest, year: int, code: str) -> HttpResponse:
    guidance = _guidance_or_404(request, year, code)
    user: Any = request.user
    can_organise = access.can_organise_guidance(user, guidance)
    region = guidance.region
    priorities_form = PrioritiesForm(
        initial={"dimensions": list(guidance.priority_dimensions.all())}
    )
    blackout_form = BlackoutForm()
    if request.method == "POST":
        access.require(can_organise)
        action = request.POST.get("action")
        try:
            if action == "priorities":
                priorities_form = PrioritiesForm(request.POST)
                if priorities_form.is_valid():
                    services.set_priorities(
                        user, guidance, priorities_form.cleaned_data["dimensions"]
                    )
                    messages.success(request, _("The priority dimensions are saved."))
                    return redirect("bimtek:region", year=year, code=code)
            elif action == "blackout-add":
                blackout_form = BlackoutForm(request.POST)
                if blackout_form.is_valid():
                    blackout = services.add_blackout(user, region, **blackout_form.cleaned_data)
                    messages.success(request, _("The days are blocked for guidance."))
                    clashing = getattr(blackout, "clashing_visits", [])
                    if clashing:
                        messages.warning(
                            request,
                            _(
                                "Visits already planned on these days: %(visits)s. They stay "
                                "until the office plans again; the office is told."
                            )
                            % {"visits": ", ".join(str(visit) for visit in clashing)},
                        )
                    return redirect("bimtek:region", year=year, code=code)
            elif action == "blackout-remove":
                blackout = get_object_or_404(
                    region.guidance_blackouts.all(), pk=pk_or_404(request.POST.get("blackout"))
                )
                services.remove_blackout(user, blackout)
                messages.success(request, _("The days are open for guidance again."))
                return redirect("bimtek:region", year=year, code=code)
            else:
                messages.error(request, _("Nothing was changed."))
                return redirect("bimtek:region", year=year, code=code)
        except ValidationError as error:
            form = priorities_form if action == "priorities" else blackout_form
            add_service_errors(form, error)
    visits = (
        guidance.visits.select_related("stage")
        .prefetch_related("mentors", _session_prefetch(user))
        .order_by("stage__number")
    )
    is_office = access.is_program_office(user)
    own_opd = user.opd if user.opd_id and user.opd.region_id == region.pk else None
    context = {
        "guidance": guidance,
        "region": region,
        "cohort": guidance.cohort,
        "visits": visits,
        # An OPD officer's own calendar; the office and the coordinator see every OPD's.
        "own_opd": own_opd,
        "opd_calendars": list(region.opds.order_by("name")) if is_office or can_organise else [],
        "team": list(guidance.team.all()),
        "priorities": list(guidance.priority_dimensions.all()),
        "blackouts": list(region.guidance_blackouts.all()),
        "can_organise": can_organise,
        "is_office": is_office,
        "priorities_form": priorities_form,
        "blackout_form": blackout_form,
        "zone": region.timezone,
        "zone_label": region.timezone_abbreviation,
    }
    return render(request, "bimtek/region.html", context)


@login_required
def groups(request: HttpRequest, year: int, code: str) -> HttpResponse:
    guidance = _guidance_or_404(request, year, code)
    user: Any = request.user
    can_organise = access.can_organise_guidance(user, guidance)
    opds = guidance.region.opds.order_by("name")
    existing = guidance.groups.prefetch_related("opds").order_by("name")
    editing = None
    if request.method == "POST":
        access.require(can_organise)
        action = request.POST.get("action")
        if action == "delete":
            group = get_object_or_404(
                guidance.groups.all(), pk=pk_or_404(request.POST.get("group"))
            )
            try:
                services.delete_group(user, group)
                messages.success(request, _("The group is deleted."))
            except ValidationError as error:
                report_errors(request, error)
            return redirect("bimtek:groups", year=year, code=code)
        if request.POST.get("group"):
            editing = get_object_or_404(
                guidance.groups.all(), pk=pk_or_404(request.POST.get("group"))
            )
        form = GroupForm(request.POST, opds=opds)
        if form.is_valid():
            try:
                services.save_group(user, guidance, group=editing, **form.cleaned_data)
                messages.success(request, _("The group is saved; its sessions follow."))
                return redirect("bimtek:groups", year=year, code=code)
            except ValidationError as error:
                add_service_errors(form, error)
    else:
        if request.GET.get("edit") and can_organise:
            editing = get_object_or_404(
                guidance.groups.all(), pk=pk_or_404(request.GET.get("edit"))
            )
        form = GroupForm(
            initial={
                "name": editing.name,
                "opds": list(editing.opds.all()),
                "session_minutes": editing.session_minutes,
            }
            if editing
            else None,
            opds=opds,
        )
    groups_list = list(existing)
    grouped = {opd.pk: group for group in groups_list for opd in group.opds.all()}
    ungrouped = [opd for opd in opds if opd.pk not in grouped]
    context = {
        "guidance": guidance,
        "region": guidance.region,
        "cohort": guidance.cohort,
        "groups": groups_list,
        "ungrouped": ungrouped,
        "form": form if can_organise else None,
        "editing": editing,
        "can_organise": can_organise,
        "has_opds": bool(ungrouped) or bool(grouped),
    }
    return render(request, "bimtek/groups.html", context)


# Visit -------------------------------------------------------------------------------


def _visit_or_404(request: HttpRequest, pk: int) -> GuidanceVisit:
    return get_object_or_404(
        access.visits_visible_to(request.user)
        .select_related("guidance__region__province", "guidance__cohort", "stage", "completed_by")
        .prefetch_related("mentors"),
        pk=pk,
    )


def _visit_page(
    request: HttpRequest,
    visit: GuidanceVisit,
    *,
    move_form: VisitMoveForm | None = None,
    complete_form: CompleteForm | None = None,
) -> HttpResponse:
    user: Any = request.user
    is_office = access.is_program_office(user)
    team = list(visit.mentors.all())
    can_hold = is_office or any(m.pk == user.pk for m in team)
    if move_form is None and is_office:
        move_form = VisitMoveForm(
            initial={"starts_on": visit.starts_on, "mentors": team},
            mentors=access.mentors_visible_to(user).order_by("first_name", "username"),
        )
    if complete_form is None and can_hold:
        complete_form = CompleteForm(initial={"notes": visit.completion_notes})
    region = visit.guidance.region
    sessions = list(
        access.sessions_visible_to(user)
        .filter(visit=visit)
        .select_related("group", "opd")
        .prefetch_related("group__opds")
        .annotate(attendees=Count("attendance"))
        .order_by("starts_at", "pk")
    )
    context = {
        "visit": visit,
        "guidance": visit.guidance,
        "region": region,
        "cohort": visit.guidance.cohort,
        "team": team,
        "sessions": sessions,
        "is_office": is_office,
        "can_organise": access.can_organise_guidance(user, visit.guidance),
        "can_hold": can_hold,
        "move_form": move_form,
        "complete_form": complete_form,
        "unconfirmed": sum(
            1 for s in sessions if s.status == SessionStatus.PLANNED and not s.confirmed_at
        ),
        "is_complete": visit.status == VisitStatus.COMPLETE,
        "zone": region.timezone,
        "zone_label": region.timezone_abbreviation,
    }
    return render(request, "bimtek/visit.html", context)


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit_or_404(request, pk)
    if request.method == "POST":
        user: Any = request.user
        action = request.POST.get("action")
        try:
            if action in ("pin", "unpin"):
                access.require_program_office(user)
                services.set_pinned(user, visit, action == "pin")
                messages.success(
                    request,
                    _("The visit is pinned: a re-plan keeps its dates and team.")
                    if action == "pin"
                    else _("The visit is unpinned: a re-plan may move it."),
                )
            elif action == "confirm":
                access.require(access.can_organise_guidance(user, visit.guidance))
                count = services.confirm_sessions(user, visit)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d session is confirmed.",
                        "%(count)d sessions are confirmed.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.error(request, _("Nothing was changed."))
        except ValidationError as error:
            report_errors(request, error)
        return redirect("bimtek:visit", pk=visit.pk)
    return _visit_page(request, visit)


@login_required
@require_POST
def visit_move(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit_or_404(request, pk)
    user: Any = request.user
    access.require_program_office(user)
    form = VisitMoveForm(
        request.POST, mentors=access.mentors_visible_to(user).order_by("first_name", "username")
    )
    if form.is_valid():
        mentors = list(form.cleaned_data["mentors"]) or None
        try:
            services.move_visit(
                user, visit, starts_on=form.cleaned_data["starts_on"], mentors=mentors
            )
            messages.success(
                request, _("The visit is moved and pinned; its sessions moved with it.")
            )
            return redirect("bimtek:visit", pk=visit.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return _visit_page(request, visit, move_form=form)


@login_required
@require_POST
def visit_complete(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit_or_404(request, pk)
    user: Any = request.user
    access.require(access.can_hold_session(user, visit))
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.complete_visit(user, visit, notes=form.cleaned_data["notes"])
            messages.success(request, _("The stage is complete; the next one is open."))
            return redirect("bimtek:visit", pk=visit.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return _visit_page(request, visit, complete_form=form)


# Session -----------------------------------------------------------------------------


def _session_or_404(request: HttpRequest, pk: int) -> GuidanceSession:
    return get_object_or_404(
        access.sessions_visible_to(request.user).select_related(
            "visit__guidance__region__province",
            "visit__guidance__cohort",
            "visit__stage",
            "group",
            "opd",
        ),
        pk=pk,
    )


def _session_page(
    request: HttpRequest,
    session: GuidanceSession,
    *,
    held_form: HeldForm | None = None,
    move_form: SessionMoveForm | None = None,
) -> HttpResponse:
    user: Any = request.user
    visit = session.visit
    region = visit.guidance.region
    can_hold = access.can_hold_session(user, visit)
    can_move = access.can_organise_guidance(user, visit.guidance)
    attendance = list(session.attendance.select_related("opd").order_by("opd__name", "name"))
    if held_form is None and can_hold:
        held_form = HeldForm(
            initial={"attendees": attendance_lines(attendance), "record": session.record},
            opds=region.opds.all(),
        )
    if move_form is None and can_move and session.starts_at:
        local = localtime.shown(session.starts_at, region)
        move_form = SessionMoveForm(initial={"day": local.date(), "time": local.time()})
    elif move_form is None and can_move:
        move_form = SessionMoveForm(initial={"day": visit.starts_on})
    context = {
        "session": session,
        "visit": visit,
        "guidance": visit.guidance,
        "region": region,
        "cohort": visit.guidance.cohort,
        "team": list(visit.mentors.all()),
        "group_opds": list(session.group.opds.all()) if session.group else [],
        "attendance": attendance,
        "can_hold": can_hold,
        "can_move": can_move,
        "held_form": held_form,
        "move_form": move_form,
        "opds": list(region.opds.order_by("name")) if can_hold else [],
        "zone": region.timezone,
        "zone_label": region.timezone_abbreviation,
    }
    return render(request, "bimtek/session.html", context)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    if request.method != "POST":
        return _session_page(request, session)
    user: Any = request.user
    access.require(access.can_hold_session(user, session.visit))
    form = HeldForm(request.POST, request.FILES, opds=session.visit.guidance.region.opds.all())
    if form.is_valid():
        try:
            services.mark_held(
                user,
                session,
                attendees=form.cleaned_data["attendees"],
                record=form.cleaned_data["record"],
                output_file=form.cleaned_data["output_file"],
            )
            messages.success(request, _("The session is marked held, with its attendance."))
            return redirect("bimtek:session", pk=session.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return _session_page(request, session, held_form=form)


@login_required
@require_POST
def session_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    user: Any = request.user
    access.require(access.can_organise_guidance(user, session.visit.guidance))
    form = SessionMoveForm(request.POST)
    if form.is_valid():
        region = session.visit.guidance.region
        starts_at = localtime.read_typed(
            datetime.datetime.combine(form.cleaned_data["day"], form.cleaned_data["time"]), region
        )
        try:
            services.move_session(user, session, starts_at=starts_at)
            messages.success(
                request, _("The session is moved; its mentors and the region are told.")
            )
            return redirect("bimtek:session", pk=session.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return _session_page(request, session, move_form=form)


@login_required
def session_output(request: HttpRequest, pk: int) -> FileResponse:
    session = _session_or_404(request, pk)
    return serve_file(session.output_file, session.title)
