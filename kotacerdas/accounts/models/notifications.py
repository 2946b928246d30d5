"""Notifications: what the platform tells a person, in the app (read and unread) and
by email (at once, or in a daily digest, as the person chooses per kind), and the
outgoing email queue that sends it, retrying a failed delivery."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ASSIGNMENT = "assignment", _("Assignments")
    CHANGE_REQUEST = "change_request", _("Change requests")
    COMMENT = "comment", _("Comments and replies")
    APPROVAL = "approval", _("Approvals")
    RESULT = "result", _("Published results")
    DEADLINE = "deadline", _("Deadlines")
    ACCOUNT = "account", _("Accounts and invitations")


class NotificationMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Email at once")
    DIGEST = "digest", _("In a daily digest")


class EmailState(models.TextChoices):
    QUEUED = "queued", _("Email queued")
    DIGEST = "digest", _("Waiting for the daily digest")
    SENT = "sent", _("Emailed")
    NONE = "none", _("No email")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    # Written in the recipient's language when the notification is made.
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Makes a notification once only (e.g. "deadline:masterplan:12:7"); blank: no limit.
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(
        _("email"), max_length=16, choices=EmailState.choices, default=EmailState.NONE
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notification_once"
            )
        ]

    def __str__(self) -> str:
        return self.message


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Retrying")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """One email to send. A background task delivers it; a failure is retried later
    (EMAIL_ATTEMPTS in all) and never blocks the work that caused the email."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # A link that opens an account (an invitation, a password reset): the body is
    # emptied once sent, so the database keeps no usable link.
    secret = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        # Every worker asks for the retries due, each housekeeping round.
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"Email to {self.to}"
