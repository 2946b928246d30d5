"""The masterplan's API schemas, by subject (the same subjects as api/, services/, views/)."""

from kotacerdas.masterplan.schemas.common import *  # noqa: F403
from kotacerdas.masterplan.schemas.content import *  # noqa: F403
from kotacerdas.masterplan.schemas.programs import *  # noqa: F403
from kotacerdas.masterplan.schemas.workflow import *  # noqa: F403
