"""Every write to masterplans. Views, API, commands and jobs call these."""

from kotacerdas.masterplan.services.analysis import *  # noqa: F403
from kotacerdas.masterplan.services.content import *  # noqa: F403
from kotacerdas.masterplan.services.documents import *  # noqa: F403
from kotacerdas.masterplan.services.programs import *  # noqa: F403
from kotacerdas.masterplan.services.review import *  # noqa: F403
from kotacerdas.masterplan.services.workflow import *  # noqa: F403
