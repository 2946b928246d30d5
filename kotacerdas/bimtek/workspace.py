"""What guidance adds to a region's workspace: each cohort's stages in the region, with
dates, status and mentor team, and a link to the region's guidance page."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest

from kotacerdas.bimtek import access
from kotacerdas.bimtek.models import GuidanceVisit, SessionStatus
from kotacerdas.regions import workspace


def _guidance(request: HttpRequest, region: Any, can_manage: bool) -> Mapping[str, Any]:
    visits = GuidanceVisit.objects.select_related("stage").annotate(
        session_count=Count("sessions", filter=~Q(sessions__status=SessionStatus.CANCELLED)),
        held_count=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)),
    )
    rows = list(
        access.guidance_visible_to(request.user)
        .filter(region=region)
        .select_related("cohort")
        .prefetch_related(
            "team",
            Prefetch("visits", visits.order_by("stage__number"), to_attr="stage_visits"),
        )
        .order_by("-cohort__year")
    )
    return {"region": region, "guidance": rows}


def register() -> None:
    workspace.register_panel(
        workspace.Panel("bimtek-guidance", 35, "bimtek/panels/_workspace.html", _guidance)
    )
