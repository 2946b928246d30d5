"""Every write of guidance, split by subject. Each function takes the acting user first,
checks access itself (403 through PermissionDenied, a clear ValidationError for bad
input) and runs in one audited transaction (`core.audit.service`)."""

from kotacerdas.bimtek.services.mentors import (
    add_unavailability,
    clashing_visits,
    remove_unavailability,
    save_mentor_profile,
)
from kotacerdas.bimtek.services.moves import move_session, move_visit, set_pinned
from kotacerdas.bimtek.services.planning import (
    apply_refusal,
    apply_run,
    start_schedule_run,
    unplaced_on_apply,
)
from kotacerdas.bimtek.services.regions import (
    add_blackout,
    delete_group,
    enrol_cohort_regions,
    remove_blackout,
    save_group,
    set_priorities,
)
from kotacerdas.bimtek.services.sessions import (
    AttendeeInput,
    complete_visit,
    confirm_sessions,
    mark_held,
    opd_session_q,
)
from kotacerdas.bimtek.services.stages import ensure_stages, save_stage

__all__ = [
    "AttendeeInput",
    "add_blackout",
    "add_unavailability",
    "apply_refusal",
    "apply_run",
    "clashing_visits",
    "complete_visit",
    "confirm_sessions",
    "delete_group",
    "enrol_cohort_regions",
    "ensure_stages",
    "mark_held",
    "move_session",
    "move_visit",
    "opd_session_q",
    "remove_blackout",
    "remove_unavailability",
    "save_group",
    "save_mentor_profile",
    "save_stage",
    "set_pinned",
    "set_priorities",
    "start_schedule_run",
    "unplaced_on_apply",
]
