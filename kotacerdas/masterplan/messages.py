"""What each checker finding says to a person, in the request's language."""

from django.utils.translation import gettext as _

from kotacerdas.masterplan.checker import CheckFinding


def _years(value: object) -> str:
    return ", ".join(str(year) for year in value) if isinstance(value, list) else str(value)


def describe(finding: CheckFinding) -> str:
    p = {key: _years(value) for key, value in finding.params.items()}
    texts = {
        "dimension_without_program": _("Dimension %(dimension)s has no program yet: add one."),
        "no_quick_wins": _(
            "The masterplan has no quick win: mark programs that show results within a year."
        ),
        "lead_opd_outside_region": _("%(program)s: choose a lead OPD of this region."),
        "years_reversed": _(
            "%(program)s: the end year %(end)s comes before the start year %(start)s."
        ),
        "outside_plan": _(
            "%(program)s: %(start)s–%(end)s lies outside the masterplan, %(first)s–%(last)s."
        ),
        "quick_win_too_long": _(
            "%(program)s: a quick win ends within one year of its start; this one spans %(years)s."
        ),
        "longer_than_horizon": _(
            "%(program)s: spans %(years)s years, more than its horizon allows (%(limit)s)."
        ),
        "quick_win_without_reason": _("%(program)s: say why it is a quick win."),
        "no_budget": _("%(program)s: add a budget estimate per year with its funding source."),
        "budget_outside_years": _(
            "%(program)s: budget for %(years)s is outside the program's years."
        ),
        "negative_budget": _("%(program)s: a budget cannot be negative."),
        "no_outcome_indicator": _("%(program)s: add at least one outcome indicator."),
        "indicator_without_baseline": _(
            "%(program)s: indicator %(indicator)s needs a baseline year and value."
        ),
        "indicator_missing_targets": _(
            "%(program)s: indicator %(indicator)s has no target for %(years)s."
        ),
        "indicator_targets_outside_years": _(
            "%(program)s: indicator %(indicator)s has targets "
            "outside the program's years: %(years)s."
        ),
        "no_rpjmd_goal": _("%(program)s: link it to the RPJMD goals it serves."),
        "problem_unaddressed": _(
            "Problem %(problem)s is addressed by no program: link a "
            "program, or set it aside with a reason."
        ),
        "budget_summary_mismatch": _("The budget summary does not add up; check the amounts."),
    }
    text = texts.get(finding.code, finding.code)
    try:
        return text % p
    except (KeyError, ValueError):
        return text
