"""Every write of the national program. Views, API and commands call these."""

from kotacerdas.program.services.agreements import *  # noqa: F403
from kotacerdas.program.services.bodies import *  # noqa: F403
from kotacerdas.program.services.cohorts import *  # noqa: F403
