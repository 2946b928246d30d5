from kotacerdas.accounts.schemas.tokens import *  # noqa: F403
