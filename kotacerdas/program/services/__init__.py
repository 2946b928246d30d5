"""Every write of the national program, by subject. Views, API and commands call these."""

from kotacerdas.program.services.agreements import *  # noqa: F403
from kotacerdas.program.services.applications import *  # noqa: F403
from kotacerdas.program.services.assessment import *  # noqa: F403
from kotacerdas.program.services.bodies import *  # noqa: F403
from kotacerdas.program.services.cohorts import *  # noqa: F403
from kotacerdas.program.services.rubric import *  # noqa: F403
from kotacerdas.program.services.selection import *  # noqa: F403
