"""Background tasks of accounts: delivering email (defined beside the queue it serves,
in services/notifications.py, so the two need not import each other)."""

from kotacerdas.accounts.services.notifications import deliver_email_task

__all__ = ["deliver_email_task"]
