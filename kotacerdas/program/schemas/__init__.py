"""The program's API schemas, by subject (the same subjects as api/, services/, views/)."""

from kotacerdas.program.schemas.agreements import *  # noqa: F403
from kotacerdas.program.schemas.applications import *  # noqa: F403
from kotacerdas.program.schemas.assessment import *  # noqa: F403
from kotacerdas.program.schemas.bodies import *  # noqa: F403
from kotacerdas.program.schemas.cohorts import *  # noqa: F403
from kotacerdas.program.schemas.selection import *  # noqa: F403
