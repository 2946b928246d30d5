"""The region workspace composes what the apps above regions register: a panel each
(the program's bodies, the masterplans...), columns and a summary in the OPD table, and
sections of an OPD's page. Apps register in `AppConfig.ready()`, so regions imports none
of them."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from kotacerdas.regions.models import OPD, Region

# context(request, region or opd, can_manage) -> the template's context
PanelContext = Callable[[HttpRequest, Any, bool], Mapping[str, Any]]


@dataclass(frozen=True)
class Panel:
    """A section of the workspace (or of an OPD's page), drawn by `template`."""

    key: str
    order: int
    template: str
    context: PanelContext


@dataclass(frozen=True)
class OPDColumn:
    """A column of the workspace's OPD table: `annotations` are added to the OPD query
    (so a cell costs no query), `template` draws one <td> with `opd` and `can_manage`;
    `summary_template`, drawn above the table, gets what `summary(opds)` gives."""

    key: str
    order: int
    header: str | Promise
    template: str
    annotations: Mapping[str, Any] = field(default_factory=dict)
    summary_template: str | None = None
    summary: Callable[[Sequence[OPD]], Mapping[str, Any]] | None = None


_workspace_panels: dict[str, Panel] = {}
_opd_panels: dict[str, Panel] = {}
_opd_columns: dict[str, OPDColumn] = {}


def register_panel(panel: Panel) -> None:
    _workspace_panels[panel.key] = panel


def register_opd_panel(panel: Panel) -> None:
    _opd_panels[panel.key] = panel


def register_opd_column(column: OPDColumn) -> None:
    _opd_columns[column.key] = column


def opd_columns() -> list[OPDColumn]:
    return sorted(_opd_columns.values(), key=lambda c: c.order)


def opd_annotations() -> dict[str, Any]:
    return {name: value for c in opd_columns() for name, value in c.annotations.items()}


def _render(
    panels: dict[str, Panel], request: HttpRequest, subject: Any, can_manage: bool
) -> list[SafeString]:
    drawn = []
    for panel in sorted(panels.values(), key=lambda p: p.order):
        context = {**panel.context(request, subject, can_manage), "can_manage": can_manage}
        drawn.append(mark_safe(render_to_string(panel.template, context, request)))  # noqa: S308
    return drawn


def workspace_panels(request: HttpRequest, region: Region, can_manage: bool) -> list[SafeString]:
    return _render(_workspace_panels, request, region, can_manage)


def opd_panels(request: HttpRequest, opd: OPD, can_manage: bool) -> list[SafeString]:
    return _render(_opd_panels, request, opd, can_manage)


def opd_summaries(opds: Sequence[OPD]) -> list[SafeString]:
    drawn = []
    for column in opd_columns():
        if column.summary_template and column.summary:
            html = render_to_string(column.summary_template, dict(column.summary(opds)))
            drawn.append(mark_safe(html))  # noqa: S308 (escaped by the template)
    return drawn
