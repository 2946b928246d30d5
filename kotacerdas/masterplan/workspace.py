"""What the masterplan adds to a region's workspace: the region's masterplans."""

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from kotacerdas.masterplan import access
from kotacerdas.regions import workspace


def _masterplans(request: HttpRequest, region: Any, can_manage: bool) -> Mapping[str, Any]:
    plans = access.masterplans_visible_to(request.user).filter(region=region)
    return {"region": region, "masterplans": plans.order_by("-first_year")}


def register() -> None:
    workspace.register_panel(
        workspace.Panel("masterplans", 30, "masterplan/workspace/_masterplans.html", _masterplans)
    )
