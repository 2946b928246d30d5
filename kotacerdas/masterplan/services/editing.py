"""When a masterplan's content may change: the rule every content service asks first."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import Masterplan, MasterplanStatus

EDITABLE = (MasterplanStatus.DRAFT, MasterplanStatus.CHANGES_REQUESTED)


def require_editable(masterplan: Masterplan) -> None:
    """Content changes only while the region writes: a draft, or changes requested."""
    if masterplan.status not in EDITABLE:
        raise ValidationError(
            _("The masterplan is %(status)s and cannot be edited.")
            % {"status": masterplan.get_status_display()}
        )
