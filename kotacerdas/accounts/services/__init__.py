"""Every write of accounts, by subject. Views, API, commands and other apps call these."""

from kotacerdas.accounts.services.notifications import *  # noqa: F403
from kotacerdas.accounts.services.tokens import *  # noqa: F403
