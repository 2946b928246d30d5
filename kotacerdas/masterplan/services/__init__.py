"""Every write to masterplans. Views, API, commands and jobs call these."""

from kotacerdas.masterplan.services.programs import *  # noqa: F403
