"""The scheduler's answer in words, in the reader's language.

The solver (`scheduling/`) speaks in codes: a status, warning codes for input it refused,
shortages (`resource`, `needed`, `available`, `month`, `dimension`) and unplaced visits
with a reason code. This module turns them into sentences that name regions, months,
dimensions and mentors, and say by how much something is short; the pages and the API
share it."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

STAGE_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class Names:
    """What the codes in a run stand for."""

    regions: Mapping[str, str] = field(default_factory=dict)  # code: name
    mentors: Mapping[str, str] = field(default_factory=dict)  # id: name
    dimensions: Mapping[str, str] = field(default_factory=dict)  # code: name

    def region(self, code: Any) -> str:
        return self.regions.get(str(code), str(code))

    def mentor(self, key: Any) -> str:
        return self.mentors.get(str(key), _("mentor %(id)s") % {"id": key})

    def dimension(self, code: Any) -> str:
        return self.dimensions.get(str(code), str(code))


def stage_name(number: Any) -> str:
    return _("Stage %(number)s") % {"number": STAGE_NAMES.get(_int(number), number)}


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def month_name(value: Any) -> str:
    """ "2023-07" as the reader writes a month ("Juli 2023")."""
    try:
        year, month = str(value).split("-")[:2]
        return formats.date_format(date(int(year), int(month), 1), "YEAR_MONTH_FORMAT")
    except (TypeError, ValueError):
        return str(value)


def day_text(value: Any) -> str:
    """An ISO date of the stored answer in the reader's format."""
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    try:
        return formats.date_format(date.fromisoformat(str(value)), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value or "—")


def status_label(status: str) -> str:
    """A short badge for a run's status."""
    return {
        "queued": _("Waiting to start"),
        "running": _("Planning"),
        "optimal": _("Best plan"),
        "feasible": _("Plan, not proven best"),
        "incomplete": _("Partial plan"),
        "infeasible": _("Not everything fits"),
        "invalid": _("Input refused"),
        "failed": _("Failed"),
    }.get(status, status)


def status_text(status: str, gap: float | None = None) -> str:
    if status == "feasible" and gap is not None:
        return _(
            "Every visit is placed within the rules. The optimiser ran out of time before "
            "proving this is the best plan; at most %(gap)s%% better is possible."
        ) % {"gap": formats.number_format(gap * 100, 1)}
    return {
        "queued": _("The plan waits for a worker to start it."),
        "running": _("The optimiser is placing the visits; this page shows its progress."),
        "optimal": _("Every visit is placed, and no plan within the rules is better."),
        "feasible": _(
            "Every visit is placed within the rules; the optimiser ran out of time before "
            "proving this is the best plan."
        ),
        "incomplete": _(
            "Time ran out with some visits still unplaced. The partial plan below keeps "
            "every rule; run again with more time, or see what is short."
        ),
        "infeasible": _(
            "Not every visit can be placed within the rules. The best partial plan is "
            "below, with what is short and what could not be placed."
        ),
        "invalid": _("The planning data breaks a rule, so nothing was planned. See below."),
        "failed": _("The run stopped with an error; nothing was planned."),
    }.get(status, status)


def warning_text(code: str) -> str:
    return {
        "window_reversed": _("The plan's last day comes before its first."),
        "team_size_invalid": _("A visit needs at least one mentor."),
        "team_size_exceeds_mentors": _(
            "Each visit needs more mentors than have a profile. Add mentor profiles or "
            "plan fewer mentors per visit."
        ),
        "day_minutes_invalid": _("A visit day has no time for sessions."),
        "duplicate_stage": _("A stage is defined twice."),
        "stage_invalid": _(
            "A stage has an impossible length or gap (the longest gap is shorter than the "
            "shortest). Correct the stages."
        ),
        "duplicate_region": _("A region is in the guidance twice."),
        "duplicate_mentor": _("A mentor is listed twice."),
        "mentor_limits_invalid": _("A mentor has limits below zero."),
        "duplicate_visit": _("A region has the same stage twice."),
        "unknown_region": _("A visit belongs to a region that is not in the guidance."),
        "stage_missing": _(
            "A region's stages do not run from stage I without a hole; set up the four "
            "stages and enrol the regions again."
        ),
        "unknown_mentor": _("A fixed visit's team names someone who is not a mentor."),
        "fixed_team_invalid": _("A fixed visit names the same mentor twice."),
        "travel_missing": _(
            "The travel time between two places is unknown (a mentor's home base or a "
            "region has no location)."
        ),
        "travel_negative": _("A travel time is below zero."),
        "duplicate_session": _("A session is listed twice."),
        "session_invalid": _("A session has an impossible length."),
        "fixed_session_outside_visit": _(
            "A held or pinned session lies outside its visit's days; move the session or "
            "the visit first."
        ),
        "no_mentors": _("No mentor has a profile: add mentor profiles first."),
        "no_regions": _("No region is enrolled in this cohort's guidance."),
        "no_stages": _("The cohort's four stages are not set up yet."),
        "time_limit": _(
            "The optimiser ran out of time: the plan keeps every rule but may not be the best."
        ),
        "plan_from_greedy": _(
            "The optimiser found nothing better than the simple plan in the time given; "
            "this is the simple plan."
        ),
        "plan_from_hint": _(
            "The optimiser started from a plan that chains visits in one province and found "
            "nothing better in the time given."
        ),
    }.get(code, _("The planning data has a problem (%(code)s).") % {"code": code})


def _days(count: int) -> str:
    return ngettext("%(count)d mentor-day", "%(count)d mentor-days", count) % {"count": count}


REGIONS_NAMED = 5


def shortage_regions(detail: Mapping[str, Any]) -> list[str]:
    """The codes of the regions a shortage's detail names: its `regions`, or the regions
    of its `visits` ([code, stage] pairs), each once, in order."""
    codes: list[str] = [str(r) for r in detail.get("regions") or []]
    for item in detail.get("visits") or []:
        if isinstance(item, list | tuple) and item:
            codes.append(str(item[0]))
        elif isinstance(item, Mapping) and item.get("region"):
            codes.append(str(item["region"]))
    return list(dict.fromkeys(codes))


def _region_list(codes: list[str], names: Names) -> str:
    """Up to five region names, then how many more."""
    shown = ", ".join(names.region(code) for code in codes[:REGIONS_NAMED])
    rest = len(codes) - REGIONS_NAMED
    if rest > 0:
        shown += " " + _("and %(count)d more") % {"count": rest}
    return shown or "—"


def shortage_text(shortage: Mapping[str, Any], names: Names) -> str:
    """What is short, where and by how much: each sentence says only what the numbers
    show (a shortfall only when more is needed than is available)."""
    resource = shortage.get("resource")
    needed = _int(shortage.get("needed"))
    available = _int(shortage.get("available"))
    short = max(needed - available, 0)
    month = shortage.get("month")
    detail = dict(shortage.get("detail") or {})
    codes = shortage_regions(detail)
    regions = _region_list(codes, names)
    if resource == "mentor_days":
        where = month_name(month) if month else _("the plan's window")
        if detail.get("fragmented") or short == 0:
            text = _(
                "Mentor time in %(month)s: the mentors of these visits have %(available)s "
                "and the visits need %(needed)s, but the free days are not in one piece "
                "around the visits (trips, unavailable days). Widen the plan's window or "
                "add mentors."
            ) % {
                "month": where,
                "needed": _days(needed),
                "available": _days(available),
            }
        else:
            text = _(
                "Mentor time in %(month)s: the visits need %(needed)s but their mentors "
                "have %(available)s, %(short)s short. Add mentors, raise their days away "
                "a month, or widen the plan's window."
            ) % {
                "month": where,
                "needed": _days(needed),
                "available": _days(available),
                "short": _days(short),
            }
        if codes:
            text += " " + _("Regions: %(regions)s.") % {"regions": regions}
        return text
    if resource == "expertise":
        if detail.get("problem") == "team_too_small":
            return _(
                "Expertise: %(regions)s have %(needed)d priority dimensions, but a team "
                "of %(available)d mentors cannot cover them all. Plan more mentors per "
                "visit, or fewer priorities."
            ) % {"regions": regions, "needed": needed, "available": available}
        dimension = names.dimension(shortage.get("dimension"))
        if available == 0:
            return ngettext(
                "Expertise in %(dimension)s: %(count)d region has it as a priority "
                "(%(regions)s) but no available mentor knows it. Add a mentor with this "
                "expertise.",
                "Expertise in %(dimension)s: %(count)d regions have it as a priority "
                "(%(regions)s) but no available mentor knows it. Add a mentor with this "
                "expertise.",
                needed,
            ) % {"dimension": dimension, "count": needed, "regions": regions}
        return _(
            "Expertise in %(dimension)s: %(needed)d regions have it as a priority but the "
            "mentors who know it can take only %(available)d, %(short)d short. Add a "
            "mentor with this expertise or raise their limit of regions."
        ) % {"dimension": dimension, "needed": needed, "available": available, "short": short}
    if resource == "window":
        if needed > available:
            return _(
                "Time: the stages and their gaps need at least %(needed)d days from the "
                "plan's first day but the window holds only %(available)d (%(regions)s). "
                "Start earlier, end later, or shorten the gaps between stages."
            ) % {"needed": needed, "available": available, "regions": regions}
        return _(
            "Time: the window holds %(available)d days, enough for the %(needed)d the "
            "stages and their gaps need at the least, but the stage gaps and the working "
            "days (weekends, holidays, blocked days) leave no room for every stage "
            "(%(regions)s). End later, start earlier, or widen the gaps between stages."
        ) % {"needed": needed, "available": available, "regions": regions}
    if resource == "mentors":
        return _("Mentors: %(needed)d are needed at once but %(available)d are available.") % {
            "needed": needed,
            "available": available,
        }
    return _("%(resource)s: %(needed)d needed, %(available)d available.") % {
        "resource": resource,
        "needed": needed,
        "available": available,
    }


def unplaced_text(item: Mapping[str, Any], names: Names) -> str:
    """Why one region's stage could not be placed."""
    region = names.region(item.get("region"))
    detail = dict(item.get("detail") or {})
    reason = item.get("reason")
    # Stage 0: the region as a whole (no team could be formed for it).
    subject = f"{region}, {stage_name(item.get('stage'))}" if _int(item.get("stage")) else region
    if reason == "no_window":
        why = _(
            "no run of working days in the window fits it (holidays, blackout days, the deadline)."
        )
    elif reason == "no_expertise":
        dims = detail.get("dimensions") or detail.get("dimension") or []
        if isinstance(dims, str):
            dims = [dims]
        why = _("no free mentor covers its priority dimensions (%(dimensions)s).") % {
            "dimensions": ", ".join(names.dimension(d) for d in dims) or "—"
        }
    elif reason == "mentor_days":
        why = _("the mentors have no days left that month.")
        if detail.get("month"):
            why = _("the mentors have no days left in %(month)s.") % {
                "month": month_name(detail["month"])
            }
    elif reason == "stage_order":
        why = _("the previous stage could not be placed, and stages follow one another.")
    elif reason == "stage_gap":
        why = _("no day fits within the gap after the previous stage.")
    elif reason == "deadline":
        why = _("it would end after the plan's last day.")
    elif reason == "no_mentor":
        why = _("no mentor is free for it (limits of regions or days away, unavailable days).")
    elif reason == "invalid":
        why = _("the planning data breaks a rule (see the warnings).")
    elif reason == "mentor_unavailable":
        why = _("its mentors are unavailable on every day that fits.")
    elif reason == "time_limit":
        why = _("the optimiser ran out of time before placing it.")
    else:
        why = _("it could not be placed (%(reason)s).") % {"reason": reason}
    return f"{subject}: {why}"


FIGURES = (
    "visits",
    "trips",
    "travel_days",
    "finish",
    "max_mentor_days",
    "min_mentor_days",
)


def figure_label(key: str) -> str:
    return {
        "visits": _("Visits placed"),
        "trips": _("Trips"),
        "travel_days": _("Travel days"),
        "finish": _("Last visit ends"),
        "max_mentor_days": _("Busiest mentor (days away)"),
        "min_mentor_days": _("Least busy mentor (days away)"),
    }.get(key, key)


def figure_value(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if key == "finish":
        return day_text(value)
    if isinstance(value, int | float):
        return formats.number_format(value)
    return str(value)


def comparison(figures: Mapping[str, Any], greedy: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows of the optimised plan beside the greedy baseline, with the difference in
    travel days and trips as a share of the baseline's."""
    rows = []
    for key in FIGURES:
        ours, theirs = figures.get(key), greedy.get(key)
        saving = ""
        if (
            key in ("trips", "travel_days")
            and isinstance(ours, int)
            and isinstance(theirs, int)
            and theirs > 0
        ):
            share = (theirs - ours) / theirs * 100
            saving = (
                _("%(share)s%% fewer") % {"share": formats.number_format(share, 0)}
                if share >= 0
                else _("%(share)s%% more") % {"share": formats.number_format(-share, 0)}
            )
        rows.append(
            {
                "key": key,
                "label": figure_label(key),
                "ours": figure_value(key, ours),
                "greedy": figure_value(key, theirs),
                "saving": saving,
            }
        )
    return rows
