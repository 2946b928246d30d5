"""Forms of guidance, split by subject like the views."""

from kotacerdas.bimtek.forms.mentors import MentorProfileForm, UnavailabilityForm
from kotacerdas.bimtek.forms.planning import PlanForm, StageForm
from kotacerdas.bimtek.forms.visits import (
    BlackoutForm,
    CompleteForm,
    GroupForm,
    HeldForm,
    PrioritiesForm,
    SessionMoveForm,
    VisitMoveForm,
)

__all__ = [
    "BlackoutForm",
    "CompleteForm",
    "GroupForm",
    "HeldForm",
    "MentorProfileForm",
    "PlanForm",
    "PrioritiesForm",
    "SessionMoveForm",
    "StageForm",
    "UnavailabilityForm",
    "VisitMoveForm",
]
