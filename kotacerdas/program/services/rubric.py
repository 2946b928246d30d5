"""The rubric of a cohort: its criteria, and changes once it is in use (with a reason)."""

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.program import access
from kotacerdas.program.models import (
    ApplicationStatus,
    Cohort,
    CohortStatus,
    CriterionScore,
    RubricCriterion,
    RubricRevision,
)
from kotacerdas.program.services.assessment import recompute_score
from kotacerdas.program.services.cohorts import CriterionInput
from kotacerdas.regions.models import Pillar

# The rubric ------------------------------------------------------------------------------

CODE_PATTERN = r"^[a-z0-9-]{1,40}$"
WEIGHT_MIN, WEIGHT_MAX = Decimal("0.01"), Decimal("999.99")
TITLE_MAX, GUIDANCE_MAX, LEVEL_MAX = 200, 5000, 500
EDITABLE_FIELDS = ("title", "pillar", "weight", "guidance", "levels")


def rubric_in_use(cohort: Cohort) -> bool:
    """Applications were submitted against the rubric or assessors have scored it."""
    return (
        cohort.applications.exclude(status=ApplicationStatus.DRAFT).exists()
        or CriterionScore.objects.filter(criterion__cohort=cohort).exists()
    )


def _criterion_errors(item: CriterionInput, pillars: dict[str, Pillar]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not re.match(CODE_PATTERN, item.code or ""):
        errors["code"] = _(
            "A code has 1 to 40 small letters, digits or hyphens, e.g. regulasi-spbe."
        )
    if item.pillar not in pillars:
        errors["pillar"] = _("Choose one of the pillars: %(pillars)s.") % {
            "pillars": ", ".join(sorted(pillars))
        }
    title = (item.title or "").strip()
    if not 3 <= len(title) <= TITLE_MAX or "\n" in title or "\r" in title:
        errors["title"] = _("A title is one line of 3 to %(max)d characters.") % {"max": TITLE_MAX}
    try:
        weight = Decimal(item.weight)
        valid = weight.is_finite() and WEIGHT_MIN <= weight <= WEIGHT_MAX
        valid = valid and weight == weight.quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        valid = False
    if not valid:
        errors["weight"] = _(
            "A weight is a number from %(min)s to %(max)s with at most two decimals; "
            "weights are relative, so they need not add up to 100."
        ) % {
            "min": formats.number_format(WEIGHT_MIN, 2),
            "max": formats.number_format(WEIGHT_MAX, 2),
        }
    if len(item.guidance or "") > GUIDANCE_MAX:
        errors["guidance"] = _("The guidance is at most %(max)d characters.") % {
            "max": GUIDANCE_MAX
        }
    levels = [str(level).strip() for level in item.levels]
    if len(levels) != 5 or not all(levels):
        errors["levels"] = _("Describe each of the five levels, 1 to 5.")
    elif any(len(level) > LEVEL_MAX for level in levels):
        errors["levels"] = _("Each level description is at most %(max)d characters.") % {
            "max": LEVEL_MAX
        }
    return errors


def _criterion_values(item: CriterionInput) -> dict[str, Any]:
    return {
        "title": item.title.strip(),
        "pillar": item.pillar,
        "weight": Decimal(item.weight).quantize(Decimal("0.01")),
        "guidance": (item.guidance or "").strip(),
        "levels": [str(level).strip() for level in item.levels],
    }


@service
def save_rubric(
    actor: Any, cohort: Cohort, criteria: Sequence[CriterionInput], *, reason: str = ""
) -> RubricRevision | None:
    """Replace the cohort's rubric with `criteria`, in that order. Before any application
    is submitted the rubric changes freely. After that a change needs a reason (kept in a
    RubricRevision, in the audit trail too), criteria can no longer be added or removed
    (answers and scores are per criterion), and a change of weights recomputes the
    scores. Once the results are published the rubric is final. Returns the revision,
    or None when nothing changed."""
    access.require_program_office(actor)
    if cohort.status == CohortStatus.PUBLISHED:
        raise ValidationError(
            _("The results of this cohort are published; the rubric that produced them is final.")
        )
    pillars = {pillar.code: pillar for pillar in Pillar.objects.all()}
    errors: dict[str, list[str]] = {}
    if not criteria:
        errors["criteria"] = [_("A rubric needs at least one criterion.")]
    seen: set[str] = set()
    for index, item in enumerate(criteria):
        for field, message in _criterion_errors(item, pillars).items():
            errors.setdefault(f"criteria.{index}.{field}", []).append(message)
        if item.code in seen:
            errors.setdefault(f"criteria.{index}.code", []).append(
                _("The code %(code)s is used twice.") % {"code": item.code}
            )
        seen.add(item.code)
    if errors:
        raise ValidationError(errors)

    existing = {c.code: c for c in cohort.criteria.select_related("pillar")}
    wanted = {item.code: item for item in criteria}
    added = [code for code in wanted if code not in existing]
    removed = [code for code in existing if code not in wanted]
    changed: dict[str, list[str]] = {}
    for position, item in enumerate(criteria, start=1):
        current = existing.get(item.code)
        if current is None:
            continue
        values = _criterion_values(item)
        fields = [
            field
            for field in EDITABLE_FIELDS
            if (current.pillar.code if field == "pillar" else getattr(current, field))
            != values[field]
        ]
        if current.position != position:
            fields.append("position")
        if fields:
            changed[item.code] = fields
    if not (added or removed or changed):
        return None

    if rubric_in_use(cohort):
        if added or removed:
            raise ValidationError(
                {
                    "criteria": _(
                        "Applications were submitted against this rubric, so criteria can no "
                        "longer be added or removed: the answers and scores are per criterion. "
                        "Titles, guidance, level descriptions and weights can still change, "
                        "with a reason."
                    )
                }
            )
        if not reason.strip():
            raise ValidationError(
                {
                    "reason": _(
                        "Applications were submitted against this rubric: record why it "
                        "changes. The reason is kept with the change."
                    )
                }
            )
    if len(reason) > 2000:
        raise ValidationError({"reason": _("The reason is at most 2000 characters.")})

    for code in removed:
        existing[code].delete()
    for position, item in enumerate(criteria, start=1):
        values = _criterion_values(item)
        row = existing.get(item.code) or RubricCriterion(cohort=cohort, code=item.code)
        if row.pk and item.code not in changed:
            continue
        row.title, row.guidance = values["title"], values["guidance"]
        row.weight, row.levels = values["weight"], values["levels"]
        row.pillar = pillars[values["pillar"]]
        row.position = position
        row.full_clean()
        row.save()
    if any("weight" in fields for fields in changed.values()):
        for application in cohort.applications.exclude(score=None):
            recompute_score(application)
    return RubricRevision.objects.create(
        cohort=cohort,
        changed_by=actor,
        reason=reason.strip(),
        changes={"added": added, "removed": removed, "changed": changed},
    )


__all__ = [
    "rubric_in_use",
    "save_rubric",
]
