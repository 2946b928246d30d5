"""What the program adds to a region's workspace: its smart-city bodies, and each OPD's
commitment (a column and a summary in the OPD table, a line on the OPD's page)."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.program import access
from kotacerdas.program.models import BodyKind
from kotacerdas.regions import workspace


def _bodies(request: HttpRequest, region: Any, can_manage: bool) -> Mapping[str, Any]:
    bodies = {
        body.kind: body for body in access.bodies_visible_to(request.user).filter(region=region)
    }
    return {
        "region": region,
        "bodies": [(kind, label, bodies.get(kind)) for kind, label in BodyKind.choices],
    }


def _commitment(request: HttpRequest, opd: Any, can_manage: bool) -> Mapping[str, Any]:
    commitment = access.commitments_visible_to(request.user).filter(opd=opd).first()
    return {"opd": opd, "commitment": commitment}


def _committed(opds: Sequence[Any]) -> Mapping[str, Any]:
    committed = sum(1 for opd in opds if opd.commitment_signed_on)
    return {
        "opds": opds,
        "committed": committed,
        "committed_percent": round(100 * committed / len(opds)) if opds else 0,
    }


def register() -> None:
    workspace.register_panel(
        workspace.Panel("program-bodies", 20, "program/workspace/_bodies.html", _bodies)
    )
    workspace.register_opd_column(
        workspace.OPDColumn(
            key="program-commitment",
            order=10,
            header=_("Commitment"),
            template="program/workspace/_opd_commitment_cell.html",
            annotations={"commitment_signed_on": F("commitment__signed_on")},
            summary_template="program/workspace/_opd_commitment_summary.html",
            summary=_committed,
        )
    )
    workspace.register_opd_panel(
        workspace.Panel(
            "program-commitment", 10, "program/workspace/_opd_commitment.html", _commitment
        )
    )
