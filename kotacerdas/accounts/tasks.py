"""Background tasks of accounts: delivering email."""

from django_tasks import task

from kotacerdas.accounts.services.notifications import deliver_email


@task()
def deliver_email_task(email_id: int) -> bool:
    return deliver_email(email_id)
