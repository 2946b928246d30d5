"""Mentors: the office's list of mentor accounts with their profiles, and a mentor's page
(the office, or the mentor themself): profile, unavailable periods, visits ahead."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.bimtek import access, services
from kotacerdas.bimtek.forms import MentorProfileForm, UnavailabilityForm
from kotacerdas.bimtek.forms.common import add_service_errors
from kotacerdas.bimtek.views.common import pk_or_404
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import Role

VISITS_SHOWN = 20


def _profile(mentor: Any) -> Any:
    try:
        return mentor.mentor_profile
    except ObjectDoesNotExist:
        return None


@login_required
def mentor_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if access.has_role(user, Role.MENTOR) and not access.is_program_office(user):
        return redirect("bimtek:mentor", pk=user.pk)
    access.require_program_office(user)
    today = timezone.localdate()
    mentors = (
        access.mentors_visible_to(user)
        .select_related("mentor_profile__home_region__province")
        .prefetch_related("mentor_profile__expertise", "unavailability")
        .order_by("first_name", "last_name", "username")
    )
    page = paginate(request, mentors)
    for mentor in page.object_list:
        mentor.profile = _profile(mentor)
        mentor.unavailable_ahead = sorted(
            (p for p in mentor.unavailability.all() if p.ends_on >= today),
            key=lambda p: p.starts_on,
        )
    return render(request, "bimtek/mentors.html", {"page": page})


@login_required
def mentor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    mentor = get_object_or_404(
        access.mentors_visible_to(user).select_related("mentor_profile__home_region"), pk=pk
    )
    profile = _profile(mentor)
    profile_form = MentorProfileForm(
        initial={
            "home_region": profile.home_region if profile else None,
            "expertise": list(profile.expertise.all()) if profile else [],
            "max_regions": profile.max_regions if profile else 6,
            "max_travel_days_per_month": profile.max_travel_days_per_month if profile else 12,
        }
    )
    period_form = UnavailabilityForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "profile":
                profile_form = MentorProfileForm(request.POST)
                if profile_form.is_valid():
                    services.save_mentor_profile(user, mentor, **profile_form.cleaned_data)
                    messages.success(request, _("The profile is saved."))
                    return redirect("bimtek:mentor", pk=mentor.pk)
            elif action == "unavailable-add":
                period_form = UnavailabilityForm(request.POST)
                if period_form.is_valid():
                    period = services.add_unavailability(user, mentor, **period_form.cleaned_data)
                    messages.success(
                        request,
                        _(
                            "The days are marked unavailable. Visits already planned on them "
                            "stay until the office plans again."
                        ),
                    )
                    clashing = getattr(period, "clashing_visits", [])
                    if clashing:
                        messages.warning(
                            request,
                            _("Visits planned on these days: %(visits)s. The office is told.")
                            % {"visits": ", ".join(str(visit) for visit in clashing)},
                        )
                    return redirect("bimtek:mentor", pk=mentor.pk)
            elif action == "unavailable-remove":
                period = get_object_or_404(
                    mentor.unavailability.all(), pk=pk_or_404(request.POST.get("period"))
                )
                services.remove_unavailability(user, period)
                messages.success(request, _("The days are available again."))
                return redirect("bimtek:mentor", pk=mentor.pk)
            else:
                messages.error(request, _("Nothing was changed."))
                return redirect("bimtek:mentor", pk=mentor.pk)
        except ValidationError as error:
            if action == "unavailable-remove":
                report_errors(request, error)
                return redirect("bimtek:mentor", pk=mentor.pk)
            add_service_errors(profile_form if action == "profile" else period_form, error)
    today = timezone.localdate()
    mine = (
        access.visits_visible_to(user)
        .filter(mentors=mentor)
        .select_related("guidance__region", "guidance__cohort", "stage")
    )
    visits = list(
        mine.filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True)).order_by(
            F("starts_on").asc(nulls_last=True), "pk"
        )[:VISITS_SHOWN]
    )
    past_visits = list(mine.filter(ends_on__lt=today).order_by("-starts_on", "-pk")[:VISITS_SHOWN])
    context = {
        "past_visits": past_visits,
        "regions": list(
            mentor.assigned_regions.select_related("province").order_by("province__name", "name")
        ),
        "mentor": mentor,
        "profile": profile,
        "expertise": list(profile.expertise.all()) if profile else [],
        "periods": list(mentor.unavailability.order_by("starts_on")),
        "visits": visits,
        "profile_form": profile_form,
        "period_form": period_form,
        "is_self": mentor.pk == user.pk,
    }
    return render(request, "bimtek/mentor.html", context)
