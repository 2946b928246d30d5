"""The roles of the platform (DOMAIN.md, "Who uses it")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAM_OFFICE = "program_office", _("Program office")
    ASSESSOR = "assessor", _("Assessor")
    MENTOR = "mentor", _("Mentor")
    REGION_COORDINATOR = "region_coordinator", _("Region coordinator")
    OPD_OFFICER = "opd_officer", _("OPD officer")


# Roles that belong to exactly one region.
REGIONAL_ROLES = frozenset({Role.REGION_COORDINATOR, Role.OPD_OFFICER})
# Roles that see the regions assigned to them by the program office.
ASSIGNED_ROLES = frozenset({Role.ASSESSOR, Role.MENTOR})
