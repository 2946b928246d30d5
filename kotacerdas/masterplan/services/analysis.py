"""Readiness and SWOT per pillar (prefilled from the assessment), and a strategy per element."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.masterplan import limits
from kotacerdas.masterplan.models import (
    Masterplan,
    PillarAnalysis,
    Strategy,
)
from kotacerdas.masterplan.services.content import require_coordinator
from kotacerdas.regions.models import DimensionElement, Pillar

__all__ = ["assessed_readiness", "prefill_readiness", "save_pillar_analysis", "save_strategy"]

_HUNDREDTH = Decimal("0.01")


# Readiness and SWOT per pillar -------------------------------------------------------


@service
def save_pillar_analysis(
    actor: Any,
    masterplan: Masterplan,
    pillar_code: str,
    *,
    readiness: Any = None,
    readiness_notes: str = "",
    strengths: str = "",
    weaknesses: str = "",
    opportunities: str = "",
    threats: str = "",
) -> PillarAnalysis:
    """Replace one pillar's readiness (1-5, two decimals; None clears it) and SWOT."""
    require_coordinator(actor, masterplan)
    errors: dict[str, list[str]] = {}
    pillar = Pillar.objects.filter(code=pillar_code).first()
    if pillar is None:
        errors["pillar"] = [_("Unknown readiness pillar.")]
    score = None
    if readiness is not None:
        try:
            score = Decimal(str(readiness))
            valid = score.is_finite() and 1 <= score <= 5 and score == score.quantize(_HUNDREDTH)
        except (InvalidOperation, ValueError):
            valid = False
        if not valid:
            errors["readiness"] = [_("Readiness is a number from 1 to 5, e.g. 3.25.")]
    texts = {
        "readiness_notes": readiness_notes,
        "strengths": strengths,
        "weaknesses": weaknesses,
        "opportunities": opportunities,
        "threats": threats,
    }
    errors.update(
        limits.text_errors(
            texts={name: (value.strip(), limits.LONG_TEXT) for name, value in texts.items()}
        )
    )
    if errors:
        raise ValidationError(errors)
    analysis = masterplan.pillar_analyses.filter(pillar=pillar).first() or PillarAnalysis(
        masterplan=masterplan, pillar=pillar
    )
    analysis.readiness = score
    analysis.readiness_notes = readiness_notes.strip()
    analysis.strengths, analysis.weaknesses = strengths.strip(), weaknesses.strip()
    analysis.opportunities, analysis.threats = opportunities.strip(), threats.strip()
    analysis.full_clean(exclude=["masterplan", "pillar"], validate_constraints=False)
    analysis.save()
    return analysis


def assessed_readiness(region: Any) -> dict[str, Decimal]:
    """Score per pillar code of the region's latest scored application whose selection
    is published: scores stay private to the program office until then."""
    from kotacerdas.program.models import Application
    from kotacerdas.program.services import application_score

    application = (
        Application.objects.filter(region=region, score__isnull=False)
        .filter(decisions__run__published=True)
        .select_related("cohort")
        .order_by("-cohort__year")
        .first()
    )
    if application is None:
        return {}
    return dict(application_score(application).per_pillar)


@service
def prefill_readiness(actor: Any, masterplan: Masterplan) -> int:
    """Fill each pillar's empty readiness from the region's assessment; what the region
    typed stays. Returns how many pillars were filled."""
    require_coordinator(actor, masterplan)
    scores = assessed_readiness(masterplan.region)
    if not scores:
        return 0
    existing = {a.pillar_id: a for a in masterplan.pillar_analyses.all()}
    filled = 0
    for pillar in Pillar.objects.filter(code__in=scores):
        analysis = existing.get(pillar.pk) or PillarAnalysis(masterplan=masterplan, pillar=pillar)
        if analysis.readiness is not None:
            continue
        analysis.readiness = min(max(scores[pillar.code], Decimal(1)), Decimal(5)).quantize(
            _HUNDREDTH
        )
        analysis.save()
        filled += 1
    return filled


# Strategy per element ----------------------------------------------------------------


@service
def save_strategy(
    actor: Any, masterplan: Masterplan, element_code: str, text: str
) -> Strategy | None:
    """Set the strategy of one dimension element; empty text deletes it."""
    require_coordinator(actor, masterplan)
    element = DimensionElement.objects.filter(code=element_code).first()
    if element is None:
        raise ValidationError({"element": _("Unknown dimension element.")})
    problem = limits.text_problem(text.strip())
    if problem:
        raise ValidationError({"text": problem})
    strategy = masterplan.strategies.filter(element=element).first()
    if not text.strip():
        if strategy is not None:
            strategy.delete()
        return None
    strategy = strategy or Strategy(masterplan=masterplan, element=element)
    strategy.text = text.strip()
    strategy.save()
    return strategy
