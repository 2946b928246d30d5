"""The selection optimiser's answer in words, in the reader's language.

`selection.py` speaks in codes (a status, warning codes, conflicts with a rule and a
detail dictionary) so it stays pure and testable; this module turns them into sentences
that say which rule cannot be met and by how much, naming provinces, island groups and
regions instead of their codes."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.regions.models import IslandGroup


@dataclass
class Names:
    """What the codes in a run's conflicts stand for."""

    provinces: Mapping[str, str] = field(default_factory=dict)  # code: name
    applications: Mapping[str, str] = field(default_factory=dict)  # id: region name

    def province(self, code: Any) -> str:
        return self.provinces.get(str(code), str(code))

    def group(self, code: Any) -> str:
        return str(dict(IslandGroup.choices).get(str(code), code))

    def application(self, code: Any) -> str:
        return self.applications.get(str(code), _("application %(id)s") % {"id": code})


def number(value: Any, decimals: int = 2) -> str:
    """A score or limit as the reader writes numbers ("2,50" in Indonesian)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return formats.number_format(value)
    try:
        return formats.number_format(float(value), decimals)
    except (TypeError, ValueError):
        return str(value)


def status_text(status: str) -> str:
    return {
        "optimal": _("The best selection within the rules."),
        "feasible": _(
            "A selection within the rules; the optimiser ran out of time before proving it "
            "is the best."
        ),
        "infeasible": _("The rules cannot all be met, so nothing is selected."),
        "unknown": _("The optimiser found no selection within its time limit."),
    }.get(status, status)


def status_label(status: str) -> str:
    """A short badge for the run's status."""
    return {
        "optimal": _("Best selection"),
        "feasible": _("Selection, not proven best"),
        "infeasible": _("Rules cannot all be met"),
        "unknown": _("No selection found"),
    }.get(status, status)


def warning_text(code: str) -> str:
    return {
        "quota_exceeds_eligible": _(
            "The quota is larger than the number of eligible applications: all of them "
            "are selected."
        ),
        "must_exclude_unknown": _(
            "Some applications to exclude are not in this cohort; they were ignored."
        ),
        "invalid_score": _(
            "Some applications have a score outside 1 to 5; they were treated as not scored."
        ),
        "time_limit": _(
            "The optimiser ran out of time: this selection keeps the rules but may not be "
            "the best possible."
        ),
        "time_limit_no_solution": _(
            "The optimiser ran out of time before finding any selection. Run it again, or "
            "relax the rules."
        ),
    }.get(code, code)


def _regions(count: int) -> str:
    return ngettext("%(count)d region", "%(count)d regions", count) % {"count": count}


def _applications(count: int) -> str:
    return ngettext("%(count)d application", "%(count)d applications", count) % {"count": count}


def conflict_text(rule: str, detail: Mapping[str, Any], names: Names) -> str:
    """One conflict as a sentence: the rule that cannot be met, and by how much."""
    d = dict(detail)
    if "problem" in d and d["problem"] in ("not_integer", "negative", "not_a_count", "not_finite"):
        return _(
            "A rule has a value that is not a valid number (%(rule)s: %(value)s). Correct "
            "the rules and run the selection again."
        ) % {
            "rule": rule_name(rule),
            "value": d.get("quota", d.get("limit", d.get("required", d.get("min_score")))),
        }
    if rule == "min_per_island_group":
        return _island_group_text(d, names)
    if rule == "max_per_province":
        if "must_include" in d:
            return _(
                "%(regions)s required by the office are in %(province)s, but at most "
                "%(limit)d per province may be selected: %(over)d too many."
            ) % {
                "regions": _regions(d["must_include"]),
                "province": names.province(d["province"]),
                "limit": d["limit"],
                "over": d["must_include"] - d["limit"],
            }
        return _(
            "At most %(limit)d per province may be selected (%(province)s has %(eligible)s "
            "eligible)."
        ) % {
            "limit": d["limit"],
            "province": names.province(d["province"]),
            "eligible": _applications(d.get("eligible", 0)),
        }
    if rule == "must_include":
        return _must_include_text(d, names)
    if rule == "quota":
        return _("The quota of %(quota)s.") % {"quota": _regions(d.get("quota", 0))}
    if rule == "must_exclude":
        ids = list(d.get("ids", []))
        return _("The exclusion by the office of %(regions)s.") % {
            "regions": ", ".join(names.application(i) for i in ids) or _regions(0)
        }
    if rule == "min_score":
        return _("The minimum score of %(min_score)s (%(below)s below it cannot be selected).") % {
            "min_score": number(d.get("min_score")),
            "below": _applications(d.get("below", 0)),
        }
    if rule == "candidates":
        if "duplicate_ids" in d:
            return _("Some applications were given twice; run the selection again.")
        return _("Too many applications share the same score to rank them; contact support.")
    return _("The optimiser found no selection but could not name the rules that clash.")


def _island_group_text(d: dict[str, Any], names: Names) -> str:
    if "required_total" in d:
        return _(
            "The island-group minimums add up to %(required)s, more than the quota of "
            "%(quota)d: %(short)d too many. Raise the quota or lower the minimums."
        ) % {
            "required": _regions(d["required_total"]),
            "quota": d["quota"],
            "short": d["required_total"] - d["quota"],
        }
    if "still_required" in d:
        return _(
            "The %(forced)s required by the office leave %(free)d of the %(quota)d places, "
            "but the island-group minimums still need %(needed)d: %(short)d short."
        ) % {
            "forced": _regions(d["must_include"]),
            "free": d["free_slots"],
            "quota": d["quota"],
            "needed": d["still_required"],
            "short": d["still_required"] - d["free_slots"],
        }
    group = names.group(d.get("island_group"))
    required = d.get("required", 0)
    if "reachable" in d:
        return _(
            "At least %(required)s from %(group)s must be selected, but with at most "
            "%(limit)d per province its %(provinces)d provinces can give only %(reachable)d: "
            "%(short)d short. Raise the limit per province or lower the minimum."
        ) % {
            "required": _regions(required),
            "group": group,
            "limit": d["max_per_province"],
            "provinces": d["provinces"],
            "reachable": d["reachable"],
            "short": required - d["reachable"],
        }
    eligible = d.get("eligible", 0)
    if "candidates" not in d:  # part of a set of rules that clash together
        return _("At least %(required)s from %(group)s (%(eligible)s eligible).") % {
            "required": _regions(required),
            "group": group,
            "eligible": _applications(eligible),
        }
    why = []
    if d.get("candidates", 0) > d.get("assessed", 0):
        why.append(_("%(count)d not scored") % {"count": d["candidates"] - d.get("assessed", 0)})
    if d.get("below_min_score"):
        why.append(_("%(count)d below the minimum score") % {"count": d["below_min_score"]})
    if d.get("excluded"):
        why.append(_("%(count)d excluded by the office") % {"count": d["excluded"]})
    text = _(
        "At least %(required)s from %(group)s must be selected, but only %(eligible)s "
        "from %(group)s can be: %(short)d short."
    ) % {
        "required": _regions(required),
        "group": group,
        "eligible": _applications(eligible),
        "short": required - eligible,
    }
    applied = _("%(group)s: %(applied)s applied") % {
        "group": group,
        "applied": _applications(d.get("candidates", 0)),
    }
    detail = "; ".join([applied, *why])
    return f"{text} ({detail}.) " + _(
        "Lower the minimum for %(group)s, or assess more of its applications."
    ) % {"group": group}


def _must_include_text(d: dict[str, Any], names: Names) -> str:
    if "count" in d:
        return _(
            "The office requires %(regions)s, more than the quota of %(quota)d: %(over)d too many."
        ) % {"regions": _regions(d["count"]), "quota": d["quota"], "over": d["count"] - d["quota"]}
    region = names.application(d.get("id"))
    problem = d.get("problem")
    if problem == "excluded":
        return _("%(region)s is both required and excluded by the office.") % {"region": region}
    if problem == "below_min_score":
        return _(
            "%(region)s is required by the office, but its score %(score)s is below the "
            "minimum of %(min_score)s."
        ) % {
            "region": region,
            "score": number(d.get("score"), 3),
            "min_score": number(d.get("min_score")),
        }
    if problem == "not_assessed":
        return _("%(region)s is required by the office but has no score yet.") % {"region": region}
    if problem == "unknown":
        return _("A region required by the office has not applied to this cohort.")
    return _("%(region)s, required by the office.") % {"region": region}


def rule_name(rule: str) -> str:
    return {
        "quota": _("quota"),
        "max_per_province": _("at most per province"),
        "min_per_island_group": _("at least per island group"),
        "min_score": _("minimum score"),
        "must_include": _("required regions"),
        "must_exclude": _("excluded regions"),
    }.get(rule, rule)


def names_for(run: Any) -> Names:
    """The names the conflicts of `run` mention, in two queries at most."""
    from kotacerdas.program.models import Application
    from kotacerdas.regions.models import Province

    provinces: set[str] = set()
    applications: set[str] = set()
    for conflict in run.conflicts or []:
        detail = conflict.get("detail", {})
        if "province" in detail:
            provinces.add(str(detail["province"]))
        if "id" in detail:
            applications.add(str(detail["id"]))
        applications.update(str(i) for i in detail.get("ids", []))
    numeric = [int(i) for i in applications if i.isdigit()]
    return Names(
        provinces=dict(Province.objects.filter(pk__in=provinces).values_list("code", "name"))
        if provinces
        else {},
        applications={
            str(pk): name
            for pk, name in Application.objects.filter(
                pk__in=numeric, cohort_id=run.cohort_id
            ).values_list("pk", "region__name")
        }
        if numeric
        else {},
    )


def conflict_messages(run: Any) -> list[str]:
    names = names_for(run)
    return [
        conflict_text(conflict.get("rule", ""), conflict.get("detail", {}), names)
        for conflict in run.conflicts or []
    ]
