"""Review comments, the versions frozen at each submission, and what each reviewer last saw."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel
from kotacerdas.masterplan.models.masterplans import Masterplan
from kotacerdas.masterplan.models.programs import Program


class ReviewComment(TimeStampedModel):
    """A reviewer's (or the region's) comment on a section or a program; threaded."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(
        _("section"),
        max_length=40,
        help_text=_("The place the comment is about, e.g. “profile” or “program-12”."),
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("program"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["masterplan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class MasterplanVersion(models.Model):
    """The masterplan frozen at a submission: a JSON snapshot (see versions.py)."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        verbose_name = _("masterplan version")
        verbose_name_plural = _("masterplan versions")
        ordering = ["masterplan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "number"], name="version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.masterplan} v{self.number}"


class ReviewMark(models.Model):
    """The version a reviewer last reviewed, so they see what changed since."""

    masterplan = models.ForeignKey(
        Masterplan, on_delete=models.CASCADE, related_name="review_marks"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(MasterplanVersion, on_delete=models.CASCADE, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now=True)

    class Meta:
        verbose_name = _("review mark")
        verbose_name_plural = _("review marks")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "reviewer"], name="review_mark_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.version}"
