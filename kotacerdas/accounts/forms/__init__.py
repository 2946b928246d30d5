from kotacerdas.accounts.forms.tokens import *  # noqa: F403
