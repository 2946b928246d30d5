from kotacerdas.accounts.models.invitations import Invitation, InvitationState
from kotacerdas.accounts.models.notifications import (
    EmailState,
    EmailStatus,
    Notification,
    NotificationKind,
    NotificationMode,
    OutgoingEmail,
)
from kotacerdas.accounts.models.tokens import ApiToken, hash_token
from kotacerdas.accounts.models.users import User

__all__ = [
    "ApiToken",
    "EmailState",
    "EmailStatus",
    "Invitation",
    "InvitationState",
    "Notification",
    "NotificationKind",
    "NotificationMode",
    "OutgoingEmail",
    "User",
    "hash_token",
]
