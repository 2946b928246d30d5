"""The program's forms, by subject (the same subjects as views/ and services/)."""

from kotacerdas.program.forms.agreements import *  # noqa: F403
from kotacerdas.program.forms.applications import *  # noqa: F403
from kotacerdas.program.forms.assessment import *  # noqa: F403
from kotacerdas.program.forms.bodies import *  # noqa: F403
from kotacerdas.program.forms.cohorts import *  # noqa: F403
from kotacerdas.program.forms.rubric import *  # noqa: F403
from kotacerdas.program.forms.selection import *  # noqa: F403
