"""Writes to a masterplan's content other than its programs: the overview texts, the
region profile, potentials and problems, RPJMD goals, pillar analyses and strategies.

The coordinator edits all of it; an OPD officer only their own OPD's potentials and
problems. Every write needs the plan to be editable (draft or changes requested).
"""

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core.audit import service
from kotacerdas.masterplan import access, limits
from kotacerdas.masterplan.limits import line_problem
from kotacerdas.masterplan.models import (
    Finding,
    FindingKind,
    Masterplan,
    ProfileFigure,
    ProfileKey,
    Program,
    RpjmdGoal,
)
from kotacerdas.masterplan.services.editing import require_editable
from kotacerdas.regions.models import OPD, DimensionElement

__all__ = [
    "OVERVIEW_FIELDS",
    "FindingInput",
    "delete_finding",
    "delete_goal",
    "delete_profile_figure",
    "merge_findings",
    "save_finding",
    "save_goal",
    "set_aside_problem",
    "set_profile_figure",
    "update_overview",
]

OVERVIEW_FIELDS = (
    "vision",
    "missions",
    "targets",
    "leading_sectors",
    "rpjmd_vision",
    "rpjmd_missions",
    "rpjmd_first_year",
    "rpjmd_last_year",
    "gap_analysis",
    "roadmap",
    "implementation_steps",
    # The document's foreword and first chapter, and who signs it.
    "foreword",
    "background",
    "legal_basis",
    "purpose",
    "scope",
    "head_name",
    "head_title",
)
_ONE_LINE = ("head_name", "head_title")  # printed under the signature: one line each
_RPJMD_YEARS = ("rpjmd_first_year", "rpjmd_last_year")
# An RPJMD is a five-year plan; regions name its period both ways, "2021–2025" (the five
# planning years) and "2021–2026" (the head of region's term), so both are accepted.
_RPJMD_SPANS = (4, 5)
_HUNDREDTH = Decimal("0.01")
# Counts, areas and money: never below zero. An "other" figure may be a change (growth).
NEVER_NEGATIVE = frozenset(ProfileKey.values) - {ProfileKey.OTHER}


def require_coordinator(actor: Any, masterplan: Masterplan) -> None:
    access.require(access.can_edit_masterplan(actor, masterplan))
    require_editable(masterplan)


def _same_plan(masterplan: Masterplan, obj: Any, name: str) -> None:
    if obj is not None and obj.masterplan_id != masterplan.pk:
        raise ValidationError({name: _("This belongs to another masterplan.")})


# Overview ----------------------------------------------------------------------------


@service
def update_overview(actor: Any, masterplan: Masterplan, **fields: Any) -> Masterplan:
    """Change the named overview texts and the RPJMD period; the rest stays."""
    require_coordinator(actor, masterplan)
    errors: dict[str, list[str]] = {}
    candidate = copy.copy(masterplan)  # the caller's object changes only if all is valid
    for name, value in fields.items():
        if name not in OVERVIEW_FIELDS:
            errors[name] = [_("This field cannot be changed here.")]
        elif name in _RPJMD_YEARS:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                errors[name] = [_("Enter a year, e.g. 2021.")]
            else:
                setattr(candidate, name, value)
        elif not isinstance(value, str):
            errors[name] = [_("Enter text.")]
        elif problem := (
            line_problem(value.strip()) if name in _ONE_LINE else limits.text_problem(value.strip())
        ):
            errors[name] = [problem]
        else:
            setattr(candidate, name, value.strip())
    if errors:
        raise ValidationError(errors)
    first, last = candidate.rpjmd_first_year, candidate.rpjmd_last_year
    if (first is None) != (last is None):
        missing = "rpjmd_last_year" if last is None else "rpjmd_first_year"
        errors[missing] = [_("Give both the first and the last year of the RPJMD period.")]
    elif first is not None and last is not None:
        if last < first:
            errors["rpjmd_last_year"] = [
                _("The RPJMD's last year %(last)d comes before its first year %(first)d.")
                % {"first": first, "last": last}
            ]
        elif last - first not in _RPJMD_SPANS:
            errors["rpjmd_last_year"] = [
                _(
                    "The RPJMD is a five-year plan: from %(first)d it ends in %(end)d "
                    "(or %(term_end)d, the end of the term), not %(last)d."
                )
                % {"first": first, "end": first + 4, "term_end": first + 5, "last": last}
            ]
    if errors:
        raise ValidationError(errors)
    candidate.full_clean(validate_unique=False, validate_constraints=False)
    for name in fields:
        setattr(masterplan, name, getattr(candidate, name))
    masterplan.save(update_fields=[*fields, "updated_at"])
    return masterplan


# Profile -----------------------------------------------------------------------------


@service
def set_profile_figure(
    actor: Any,
    masterplan: Masterplan,
    *,
    key: str,
    value: Any,
    year: int,
    source: str,
    unit: str = "",
    label: str = "",
    figure: ProfileFigure | None = None,
) -> ProfileFigure:
    """Record one profile figure. Setting a named figure (all but "other") again
    replaces the one recorded."""
    require_coordinator(actor, masterplan)
    _same_plan(masterplan, figure, "figure")
    errors: dict[str, list[str]] = {}
    if key not in ProfileKey.values:
        errors["key"] = [_("Unknown figure.")]
    try:
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["value"] = [_("Enter a number.")]
    else:
        column = ProfileFigure._meta.get_field("value")
        problem = limits.number_problem(amount, column.max_digits, column.decimal_places)
        # Counts, areas and money are never negative; an "other" figure may be a change.
        if problem:
            errors["value"] = [problem]
        elif key in NEVER_NEGATIVE and amount < 0:
            errors["value"] = [_("This figure cannot be negative.")]
        elif key == ProfileKey.ICT_COVERAGE and unit.strip() == "%" and amount > 100:
            errors["value"] = [_("A coverage in percent is at most 100.")]
    if isinstance(year, bool) or not isinstance(year, int):
        errors["year"] = [_("Enter a year, e.g. 2023.")]
    elif year > timezone.localdate().year:
        errors["year"] = [
            _("%(year)d is in the future: give the year the figure describes.") % {"year": year}
        ]
    if not source.strip():
        errors["source"] = [_("Say where the figure comes from, e.g. “BPS, Batang in Figures”.")]
    if key == ProfileKey.OTHER and not label.strip():
        errors["label"] = [_("Name the figure.")]
    for name, messages in limits.text_errors(
        lines={
            "label": (label.strip(), limits.LABEL_TEXT),
            "unit": (unit.strip(), limits.UNIT_TEXT),
            "source": (source.strip(), limits.SHORT_TEXT),
        }
    ).items():
        errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)
    if key != ProfileKey.OTHER:
        recorded = masterplan.profile.filter(key=key)
        if figure is not None:
            recorded = recorded.exclude(pk=figure.pk)
        existing = recorded.first()
        if existing is not None and figure is not None:
            raise ValidationError(
                {"key": _("This figure is already recorded; change that one instead.")}
            )
        figure = figure or existing
    figure = figure or ProfileFigure(masterplan=masterplan)
    figure.key, figure.value, figure.year = key, amount, year
    figure.source, figure.unit, figure.label = source.strip(), unit.strip(), label.strip()
    figure.full_clean(exclude=["masterplan"])
    figure.save()
    return figure


@service
def delete_profile_figure(actor: Any, figure: ProfileFigure) -> None:
    require_coordinator(actor, figure.masterplan)
    figure.delete()


# Potentials and problems -------------------------------------------------------------


@dataclass(frozen=True)
class FindingInput:
    kind: str  # FindingKind
    title: str
    opd: int
    description: str = ""
    element: str | None = None  # DimensionElement.code
    evidence: str = ""


@service
def save_finding(
    actor: Any, masterplan: Masterplan, data: FindingInput, *, finding: Finding | None = None
) -> Finding:
    """Record or change a potential or problem of one OPD."""
    access.require(
        access.can_edit_opd_content(actor, masterplan, data.opd)
        and (finding is None or access.can_edit_opd_content(actor, masterplan, finding.opd_id))
    )
    require_editable(masterplan)
    _same_plan(masterplan, finding, "finding")
    errors: dict[str, list[str]] = {}
    if data.kind not in FindingKind.values:
        errors["kind"] = [_("Choose potential or problem.")]
    if not data.title.strip():
        errors["title"] = [_("Give it a short title.")]
    errors.update(
        limits.text_errors(
            lines={"title": (data.title.strip(), limits.SHORT_TEXT)},
            texts={
                "description": (data.description.strip(), limits.LONG_TEXT),
                "evidence": (data.evidence.strip(), limits.LONG_TEXT),
            },
        )
    )
    if not OPD.objects.filter(pk=data.opd, region_id=masterplan.region_id).exists():
        errors["opd"] = [_("Choose one of %(region)s's OPDs.") % {"region": masterplan.region.name}]
    element = None
    if data.element:
        element = DimensionElement.objects.filter(code=data.element).first()
        if element is None:
            errors["element"] = [_("Unknown dimension element.")]
    if finding is not None and finding.kind == FindingKind.PROBLEM and data.kind != finding.kind:
        count = finding.programs.count()
        if count:
            errors["kind"] = [
                ngettext(
                    "%(count)d program addresses this problem; unlink it first.",
                    "%(count)d programs address this problem; unlink them first.",
                    count,
                )
                % {"count": count}
            ]
    if errors:
        raise ValidationError(errors)
    finding = finding or Finding(masterplan=masterplan)
    finding.kind, finding.opd_id, finding.element = data.kind, data.opd, element
    finding.title, finding.description = data.title.strip(), data.description.strip()
    finding.evidence = data.evidence.strip()
    if finding.kind != FindingKind.PROBLEM:
        finding.set_aside_reason = ""
    finding.full_clean(exclude=["masterplan", "opd", "element", "merged_into"])
    finding.save()
    return finding


@service
def delete_finding(actor: Any, finding: Finding) -> None:
    """Delete a finding, with the duplicates merged into it (they were the same thing)."""
    masterplan = finding.masterplan
    access.require(access.can_edit_opd_content(actor, masterplan, finding.opd_id))
    require_editable(masterplan)
    for duplicate in finding.merged.all():
        duplicate.delete()
    finding.delete()


def _append(text: str, addition: str) -> str:
    addition = addition.strip()
    if not addition or addition in text:
        return text
    return f"{text}\n\n{addition}" if text.strip() else addition


@service
def merge_findings(actor: Any, keep: Finding, duplicates: Sequence[Finding]) -> Finding:
    """Fold duplicates into `keep`: programs that addressed a duplicate address `keep`,
    their descriptions and evidence are appended, and they stop counting on their own."""
    masterplan = keep.masterplan
    require_coordinator(actor, masterplan)
    if keep.merged_into_id is not None:
        raise ValidationError(_("%(title)s is itself merged into another.") % {"title": keep})
    unique = {d.pk: d for d in duplicates}
    problems = []
    if not unique:
        problems.append(_("Choose at least one duplicate."))
    for duplicate in unique.values():
        names = {"title": duplicate.title}
        if duplicate.pk == keep.pk:
            problems.append(_("%(title)s cannot be merged into itself.") % names)
        elif duplicate.masterplan_id != keep.masterplan_id:
            problems.append(_("%(title)s belongs to another masterplan.") % names)
        elif duplicate.kind != keep.kind:
            problems.append(
                _("%(title)s is a %(kind)s: only findings of the same kind merge.")
                % {**names, "kind": duplicate.get_kind_display().lower()}
            )
        elif duplicate.merged_into_id is not None:
            problems.append(_("%(title)s is already merged.") % names)
    if problems:
        raise ValidationError({"duplicates": problems})
    links = Program.problems.through.objects
    moved = set(links.filter(finding_id__in=unique).values_list("program_id", flat=True))
    linked = set(links.filter(finding=keep).values_list("program_id", flat=True))
    links.filter(finding_id__in=unique).delete()
    links.bulk_create(
        Program.problems.through(program_id=pk, finding_id=keep.pk) for pk in moved - linked
    )
    # A program's problem links changed: an editor holding the old version must reload.
    Program.objects.filter(pk__in=moved).update(version=F("version") + 1)
    for earlier in Finding.objects.filter(merged_into_id__in=unique):
        earlier.merged_into = keep
        earlier.save(update_fields=["merged_into", "updated_at"])
    for duplicate in unique.values():
        keep.description = _append(keep.description, duplicate.description)
        keep.evidence = _append(keep.evidence, duplicate.evidence)
        duplicate.merged_into = keep
        duplicate.save(update_fields=["merged_into", "updated_at"])
    keep.save(update_fields=["description", "evidence", "updated_at"])
    return keep


@service
def set_aside_problem(actor: Any, finding: Finding, reason: str) -> Finding:
    """Say why no program addresses a problem; an empty reason takes it back."""
    require_coordinator(actor, finding.masterplan)
    if finding.kind != FindingKind.PROBLEM:
        raise ValidationError(
            _("Only problems are set aside; %(title)s is a potential.") % {"title": finding}
        )
    problem = limits.text_problem(reason.strip())
    if problem:
        raise ValidationError({"reason": problem})
    finding.set_aside_reason = reason.strip()
    finding.save(update_fields=["set_aside_reason", "updated_at"])
    return finding


# RPJMD goals -------------------------------------------------------------------------


@service
def save_goal(
    actor: Any, masterplan: Masterplan, *, code: str, text: str, goal: RpjmdGoal | None = None
) -> RpjmdGoal:
    require_coordinator(actor, masterplan)
    _same_plan(masterplan, goal, "goal")
    code, text = code.strip(), text.strip()
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [_("Give the goal's code as in the RPJMD, e.g. T1.")]
    else:
        taken = masterplan.goals.filter(code__iexact=code)
        if goal is not None:
            taken = taken.exclude(pk=goal.pk)
        if taken.exists():
            errors["code"] = [
                _("Goal %(code)s already exists in this masterplan; use another code.")
                % {"code": code}
            ]
    if not text:
        errors["text"] = [_("Write the goal.")]
    for name, messages in limits.text_errors(
        lines={"code": (code, limits.CODE_TEXT)}, texts={"text": (text, limits.LONG_TEXT)}
    ).items():
        errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)
    goal = goal or RpjmdGoal(masterplan=masterplan)
    goal.code, goal.text = code, text
    goal.full_clean(exclude=["masterplan"], validate_constraints=False)
    goal.save()
    return goal


@service
def delete_goal(actor: Any, goal: RpjmdGoal) -> None:
    """Delete a goal no program serves; one in use must be unlinked first."""
    require_coordinator(actor, goal.masterplan)
    count = goal.programs.count()
    if count:
        raise ValidationError(
            ngettext(
                "Goal %(code)s is served by %(count)d program; unlink it there first.",
                "Goal %(code)s is served by %(count)d programs; unlink it there first.",
                count,
            )
            % {"code": goal.code, "count": count}
        )
    goal.delete()
