"""Guidance (Bimtek) over the API: schemas split by subject, as the API modules are."""

from kotacerdas.bimtek.schemas.common import GuidanceDimensionOut, GuidancePersonOut, Strict
from kotacerdas.bimtek.schemas.mentors import (
    MentorOut,
    MentorProfileIn,
    MentorProfileOut,
    UnavailabilityIn,
    UnavailabilityOut,
)
from kotacerdas.bimtek.schemas.planning import (
    ScheduleRunIn,
    ScheduleRunOut,
    ScheduleRunStartedOut,
    ScheduleRunSummaryOut,
)
from kotacerdas.bimtek.schemas.regions import (
    BlackoutIn,
    BlackoutOut,
    GuidanceRegionOut,
    OPDGroupIn,
    OPDGroupOut,
    PrioritiesIn,
)
from kotacerdas.bimtek.schemas.sessions import (
    CompleteIn,
    ConfirmedOut,
    GuidanceSessionDetailOut,
    GuidanceSessionOut,
    GuidanceVisitDetailOut,
    GuidanceVisitOut,
    HeldIn,
    PinIn,
    SessionFilters,
    SessionMoveIn,
    VisitFilters,
    VisitMoveIn,
)
from kotacerdas.bimtek.schemas.stages import GuidanceStageOut, GuidanceStagePatch

__all__ = [
    "BlackoutIn",
    "BlackoutOut",
    "CompleteIn",
    "ConfirmedOut",
    "GuidanceDimensionOut",
    "GuidancePersonOut",
    "GuidanceRegionOut",
    "GuidanceSessionDetailOut",
    "GuidanceSessionOut",
    "GuidanceStageOut",
    "GuidanceStagePatch",
    "GuidanceVisitDetailOut",
    "GuidanceVisitOut",
    "HeldIn",
    "MentorOut",
    "MentorProfileIn",
    "MentorProfileOut",
    "OPDGroupIn",
    "OPDGroupOut",
    "PinIn",
    "PrioritiesIn",
    "ScheduleRunIn",
    "ScheduleRunOut",
    "ScheduleRunStartedOut",
    "ScheduleRunSummaryOut",
    "SessionFilters",
    "SessionMoveIn",
    "Strict",
    "UnavailabilityIn",
    "UnavailabilityOut",
    "VisitFilters",
    "VisitMoveIn",
]
