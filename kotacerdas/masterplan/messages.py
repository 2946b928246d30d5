"""What each checker finding says to a person, in the request's language."""

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kotacerdas.masterplan.checker import ChapterScore, CheckFinding
from kotacerdas.masterplan.models import ProfileKey

# The chapters of the masterplan as the completeness table names them (checker.CHAPTERS).
CHAPTER_TITLES = {
    "profile": gettext_lazy("Region profile"),
    "findings": gettext_lazy("Potentials and problems"),
    "readiness": gettext_lazy("Readiness per pillar"),
    "gap_analysis": gettext_lazy("Gap analysis"),
    "swot": gettext_lazy("SWOT per pillar"),
    "rpjmd": gettext_lazy("RPJMD alignment and goals"),
    "vision": gettext_lazy("Smart-city vision"),
    "missions": gettext_lazy("Missions"),
    "targets": gettext_lazy("Targets"),
    "strategies": gettext_lazy("Strategy per element"),
    "programs": gettext_lazy("Programs"),
    "roadmap": gettext_lazy("Roadmap"),
    "implementation_steps": gettext_lazy("Implementation steps"),
}

# The names of the parts a finding lists by code.
PART_NAMES = {
    "strengths": gettext_lazy("strengths"),
    "weaknesses": gettext_lazy("weaknesses"),
    "opportunities": gettext_lazy("opportunities"),
    "threats": gettext_lazy("threats"),
    "period": gettext_lazy("the period"),
    "vision": gettext_lazy("the vision"),
    "missions": gettext_lazy("the missions"),
}


def _years(value: object) -> str:
    return ", ".join(str(year) for year in value) if isinstance(value, list) else str(value)


def _names(values: object, names: Mapping[str, object]) -> str:
    return ", ".join(str(names.get(str(v), v)) for v in values) if isinstance(values, list) else ""


def chapter_title(code: str) -> str:
    return str(CHAPTER_TITLES.get(code, code))


def chapter_status(chapter: ChapterScore) -> str:
    """Whether the chapter is complete, in words (the table shows no colour alone)."""
    if chapter.errors:
        return ngettext(
            "Incomplete: %(count)d error", "Incomplete: %(count)d errors", chapter.errors
        ) % {"count": chapter.errors}
    if chapter.warnings:
        return ngettext(
            "Complete, %(count)d warning", "Complete, %(count)d warnings", chapter.warnings
        ) % {"count": chapter.warnings}
    return _("Complete")


def describe(finding: CheckFinding) -> str:
    p = {key: _years(value) for key, value in finding.params.items()}
    if "figures" in finding.params:
        p["figures"] = _names(finding.params["figures"], dict(ProfileKey.choices))
    if "parts" in finding.params:
        p["parts"] = _names(finding.params["parts"], PART_NAMES)
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
        "no_programs": _(
            "The masterplan has no program yet: add programs for every dimension, "
            "including quick wins."
        ),
        # The chapters beside the programs.
        "no_profile_figures": _(
            "The region profile has no figure yet: add the population, area, PDRB and APBD, "
            "each with its year and source."
        ),
        "profile_missing_figures": _(
            "The region profile lacks %(figures)s: add them with their year and source."
        ),
        "no_leading_sectors": _("The region profile names no leading sector yet."),
        "no_findings": _(
            "No potential or problem is recorded yet: each OPD records those of its duties."
        ),
        "no_potentials": _("No potential is recorded yet: record what the region can build on."),
        "no_problems": _("No problem is recorded yet: record what the programs are to solve."),
        "no_readiness": _(
            "No pillar has a readiness score yet: fill it in, or pre-fill it from the assessment."
        ),
        "pillar_without_readiness": _("Pillar %(pillar)s has no readiness score yet."),
        "no_gap_analysis": _(
            "The gap analysis is empty: describe the present and the expected condition."
        ),
        "gap_analysis_too_short": _(
            "The gap analysis is very short (%(chars)s characters): describe the present and "
            "the expected condition of each pillar."
        ),
        "no_swot": _(
            "The SWOT analysis is empty: write the strengths, weaknesses, opportunities and "
            "threats of each pillar."
        ),
        "swot_empty": _("Pillar %(pillar)s has no SWOT analysis yet."),
        "swot_incomplete": _("Pillar %(pillar)s: the SWOT analysis lacks %(parts)s."),
        "no_rpjmd_alignment": _(
            "The alignment with the RPJMD is empty: give the RPJMD's period, vision and missions."
        ),
        "rpjmd_incomplete": _("The alignment with the RPJMD lacks %(parts)s."),
        "no_rpjmd_goals": _("No RPJMD goal is recorded yet: add the goals the programs serve."),
        "no_vision": _("The smart-city vision is empty: write it."),
        "vision_too_short": _(
            "The smart-city vision is very short (%(chars)s characters): say what the region "
            "wants to become."
        ),
        "no_missions": _("The missions are empty: write them, one per line."),
        "missions_too_short": _(
            "Only one mission is written: a masterplan states several, one per line."
        ),
        "no_targets": _("The targets are empty: write measurable targets, one per line."),
        "targets_too_short": _(
            "Only one target is written: give measurable targets, one per line."
        ),
        "no_strategies": _("No strategy is written yet: write one for each dimension element."),
        "strategies_missing": _("%(dimension)s: no strategy yet for %(elements)s."),
        "no_roadmap": _("The 10-year roadmap is empty: write its stages."),
        "roadmap_too_short": _(
            "The 10-year roadmap is very short (%(chars)s characters): describe its stages."
        ),
        "no_implementation_steps": _(
            "The implementation steps are empty: say how the masterplan will be carried out."
        ),
        "implementation_steps_too_short": _(
            "The implementation steps are very short (%(chars)s characters): say who does "
            "what, and when."
        ),
    }
    text = texts.get(finding.code, finding.code)
    try:
        return text % p
    except (KeyError, ValueError):
        return text
