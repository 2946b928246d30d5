"""The public record of the movement: what anyone may read without logging in.

A region's public page (`region_detail`) draws the panels the apps above regions register
(the program's participation, selection result and agreement; the masterplan's status and,
once legalised, its Perbup/Perwali), and the landing page draws the national funnel from
the stages they register, counted per island group. Apps register in `AppConfig.ready()`,
so regions imports none of them.

Whatever a panel or a stage reads must already be public: participation, published
results, whether an agreement is signed, a masterplan's status and its legalised text;
never drafts, scores, comments, contacts or other documents.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from kotacerdas.regions.models import IslandGroup, Region

# context(request, region) -> the template's context; one query or two, whatever the volume.
PublicPanelContext = Callable[[HttpRequest, Region], Mapping[str, Any]]


@dataclass(frozen=True)
class PublicPanel:
    """A section of a region's public page, drawn by `template` for every visitor."""

    key: str
    order: int
    template: str
    context: PublicPanelContext


@dataclass(frozen=True)
class FunnelStage:
    """A stage of the national funnel, in the order of `order` (the regions come first)."""

    key: str
    order: int
    label: str | Promise


@dataclass(frozen=True)
class FunnelSource:
    """An app's stages of the funnel: `counts()` gives, for each of its stages' keys, the
    number of regions that reached it per island group (the values of IslandGroup), all
    of them in one query."""

    key: str
    stages: tuple[FunnelStage, ...]
    counts: Callable[[], Mapping[str, Mapping[str, int]]]


_public_panels: dict[str, PublicPanel] = {}
_funnel_sources: dict[str, FunnelSource] = {}


def register_public_panel(panel: PublicPanel) -> None:
    _public_panels[panel.key] = panel


def register_funnel_source(source: FunnelSource) -> None:
    _funnel_sources[source.key] = source


def public_panels(request: HttpRequest, region: Region) -> list[SafeString]:
    drawn = []
    for panel in sorted(_public_panels.values(), key=lambda p: p.order):
        context = {"region": region, **panel.context(request, region)}
        html = render_to_string(panel.template, context, request)
        drawn.append(mark_safe(html))  # noqa: S308 (escaped by the template)
    return drawn


def _regions_per_group() -> Mapping[str, Mapping[str, int]]:
    counts = Region.objects.values_list("island_group").annotate(n=Count("pk")).order_by()
    return {"regions": dict(counts)}


REGIONS = FunnelSource("regions", (FunnelStage("regions", 0, _("Regions")),), _regions_per_group)


@dataclass
class FunnelRow:
    key: str  # an island group, or "" for the whole country
    label: str
    counts: list[int] = field(default_factory=list)  # one per stage, in the stages' order
    # the share of the row's regions at each stage, 0-100 (for bars)
    percents: list[int] = field(default_factory=list)


@dataclass
class Funnel:
    stages: list[FunnelStage]
    national: FunnelRow
    by_island_group: list[FunnelRow]

    @property
    def national_stages(self) -> list[tuple[FunnelStage, int, int]]:
        """(stage, count, percent of all regions) for the national row."""
        return list(zip(self.stages, self.national.counts, self.national.percents, strict=True))


def _percents(counts: list[int]) -> list[int]:
    base = counts[0] if counts else 0
    return [round(100 * n / base) if base else 0 for n in counts]


def funnel() -> Funnel:
    """The number of regions at each stage, nationally and per island group: one query
    for the regions and one for each app that registered stages."""
    counts: dict[str, Mapping[str, int]] = {}
    stages: list[FunnelStage] = []
    for source in (REGIONS, *_funnel_sources.values()):
        counts.update(source.counts())
        stages.extend(source.stages)
    stages.sort(key=lambda s: s.order)
    groups = [
        FunnelRow(value, str(label), [counts.get(s.key, {}).get(value, 0) for s in stages])
        for value, label in IslandGroup.choices
    ]
    national = FunnelRow(
        "", str(_("Indonesia")), [sum(row.counts[i] for row in groups) for i in range(len(stages))]
    )
    for row in (national, *groups):
        row.percents = _percents(row.counts)
    return Funnel(stages=stages, national=national, by_island_group=groups)
