"""A region's smart-city masterplan as structured data (DOMAIN.md, step 6), by subject."""

from kotacerdas.masterplan.models.content import (
    Finding,
    FindingKind,
    PillarAnalysis,
    ProfileFigure,
    ProfileKey,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.masterplan.models.masterplans import (
    PLAN_YEARS,
    YEAR_VALIDATORS,
    InMasterplan,
    Masterplan,
    MasterplanStatus,
)
from kotacerdas.masterplan.models.programs import (
    HORIZON_YEARS,
    MAX_BUDGET_AMOUNT,
    BudgetLine,
    FundingSource,
    Horizon,
    IndicatorKind,
    IndicatorTarget,
    Program,
    ProgramIndicator,
)
from kotacerdas.masterplan.models.review import MasterplanVersion, ReviewComment, ReviewMark

__all__ = [
    "HORIZON_YEARS",
    "MAX_BUDGET_AMOUNT",
    "PLAN_YEARS",
    "YEAR_VALIDATORS",
    "BudgetLine",
    "Finding",
    "FindingKind",
    "FundingSource",
    "Horizon",
    "InMasterplan",
    "IndicatorKind",
    "IndicatorTarget",
    "Masterplan",
    "MasterplanStatus",
    "MasterplanVersion",
    "PillarAnalysis",
    "ProfileFigure",
    "ProfileKey",
    "Program",
    "ProgramIndicator",
    "ReviewComment",
    "ReviewMark",
    "RpjmdGoal",
    "Strategy",
]
