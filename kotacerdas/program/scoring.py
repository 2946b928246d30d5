"""Scores of applications from assessors' criterion scores. Pure: no Django.

Each assessor's score is the weighted mean of their criterion scores; the
application's score is the mean over assessors who scored every criterion.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

THREE_PLACES = Decimal("0.001")
DISAGREEMENT = 1  # points between assessors that call for a second look


@dataclass(frozen=True)
class CriterionWeight:
    code: str
    pillar: str
    weight: Decimal


@dataclass(frozen=True)
class ApplicationScore:
    score: Decimal | None  # None until at least one assessor scored every criterion
    per_assessor: Mapping[str, Decimal]
    per_pillar: Mapping[str, Decimal]
    per_criterion: Mapping[str, Decimal]
    disagreements: Sequence[str]  # criterion codes where assessors differ by more than 1


def _round(value: Decimal) -> Decimal:
    return value.quantize(THREE_PLACES, rounding=ROUND_HALF_UP)


def _weighted(criteria: Sequence[CriterionWeight], scores: Mapping[str, int]) -> Decimal:
    total = sum((c.weight for c in criteria), Decimal(0))
    return sum((c.weight * scores[c.code] for c in criteria), Decimal(0)) / total


def score_application(
    criteria: Sequence[CriterionWeight], scores_by_assessor: Mapping[str, Mapping[str, int]]
) -> ApplicationScore:
    codes = {criterion.code for criterion in criteria}
    complete = {
        assessor: scores
        for assessor, scores in scores_by_assessor.items()
        if criteria and codes <= set(scores)
    }
    per_assessor = {a: _round(_weighted(criteria, s)) for a, s in complete.items()}
    score = (
        _round(sum(per_assessor.values(), Decimal(0)) / len(per_assessor)) if per_assessor else None
    )

    per_criterion: dict[str, Decimal] = {}
    disagreements = []
    for criterion in criteria:
        given = [s[criterion.code] for s in scores_by_assessor.values() if criterion.code in s]
        if given:
            per_criterion[criterion.code] = _round(Decimal(sum(given)) / len(given))
            if max(given) - min(given) > DISAGREEMENT:
                disagreements.append(criterion.code)

    by_pillar: dict[str, list[CriterionWeight]] = defaultdict(list)
    for criterion in criteria:
        if criterion.code in per_criterion:
            by_pillar[criterion.pillar].append(criterion)
    per_pillar = {
        pillar: _round(
            sum((c.weight * per_criterion[c.code] for c in members), Decimal(0))
            / sum((c.weight for c in members), Decimal(0))
        )
        for pillar, members in by_pillar.items()
    }
    return ApplicationScore(score, per_assessor, per_pillar, per_criterion, disagreements)
