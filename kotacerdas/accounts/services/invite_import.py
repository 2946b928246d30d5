"""Inviting many people at once from an XLSX or CSV list: every row is checked with the
rules of one invitation, and nothing is saved (no email sent) unless every row passes.
The file is read by the OPD import's helpers (regions/imports.py): the same size, row
and workbook limits."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kotacerdas.accounts import access
from kotacerdas.accounts.models import Invitation
from kotacerdas.accounts.services import invitations
from kotacerdas.core.audit import service
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.regions import imports as reading
from kotacerdas.regions.models import OPD, Province, Region

MAX_ROWS = reading.MAX_ROWS

# Accepted headers, English or Indonesian -> field.
HEADERS = {
    "email": "email",
    "e-mail": "email",
    "surel": "email",
    "first_name": "first_name",
    "first name": "first_name",
    "nama_depan": "first_name",
    "nama depan": "first_name",
    "last_name": "last_name",
    "last name": "last_name",
    "nama_belakang": "last_name",
    "nama belakang": "last_name",
    "role": "role",
    "peran": "role",
    "opd": "opd",
    "regions": "regions",
    "region": "regions",
    "wilayah": "regions",
    "daerah": "regions",
    "home_province": "home_province",
    "home province": "home_province",
    "provinsi_asal": "home_province",
    "provinsi asal": "home_province",
    "language": "language",
    "bahasa": "language",
}
ROLES = {
    "assessor": Role.ASSESSOR,
    "asesor": Role.ASSESSOR,
    "mentor": Role.MENTOR,
    "region_coordinator": Role.REGION_COORDINATOR,
    "coordinator": Role.REGION_COORDINATOR,
    "koordinator": Role.REGION_COORDINATOR,
    "koordinator_daerah": Role.REGION_COORDINATOR,
    "deputy": access.DEPUTY,
    "deputy_coordinator": access.DEPUTY,
    "wakil_koordinator": access.DEPUTY,
    "opd_officer": Role.OPD_OFFICER,
    "officer": Role.OPD_OFFICER,
    "petugas_opd": Role.OPD_OFFICER,
    "operator_opd": Role.OPD_OFFICER,
    "program_office": Role.PROGRAM_OFFICE,
}
FIELD_NAMES = {
    "email": "email",
    "first_name": "first_name",
    "last_name": "last_name",
    "role": "role",
    "region": "regions",
    "assigned_regions": "regions",
    "opd": "opd",
    "home_province": "home_province",
}
SEPARATORS = re.compile(r"[\s,;]+")
SAMPLE_ROWS = [
    ["email", "first_name", "last_name", "role", "opd", "regions", "home_province", "language"],
    ["sari@example.org", "Sari", "Wulandari", "mentor", "", "33.25 33.26", "", "id"],
    ["budi@example.org", "Budi", "Santoso", "assessor", "", "15.04", "33", "en"],
]


@dataclass
class InviteImportReport:
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def created(self) -> int:
        return len(self.invitations)


@dataclass
class _Lookups:
    regions: dict[str, Region]
    provinces: dict[str, Province]
    opds: dict[str, dict[str, OPD]]  # region code -> lower name or abbreviation -> OPD


def _header(rows: list[list[Any]]) -> list[str | None]:
    return [HEADERS.get(" ".join(str(cell or "").split()).lower()) for cell in rows[0]]


def _codes(text: str) -> list[str]:
    return [code for code in SEPARATORS.split(text) if code]


def _lookups(actor: Any, rows: list[dict[str, str]]) -> _Lookups:
    """Regions, provinces and OPDs the rows name, read in three queries for the file."""
    codes = {code for row in rows for code in _codes(row.get("regions", ""))}
    regions = {region.pk: region for region in Region.objects.filter(pk__in=codes)}
    provinces: dict[str, Province] = {}
    for province in Province.objects.all():
        provinces[province.pk] = province
        provinces[province.name.lower()] = province
    region_ids = set(regions) | ({actor.region_id} if actor.region_id else set())
    opds: dict[str, dict[str, OPD]] = {}
    for opd in access.opds_visible_to(actor).filter(region_id__in=region_ids):
        named = opds.setdefault(opd.region_id, {})
        named[opd.name.lower()] = opd
        if opd.abbreviation:
            named.setdefault(opd.abbreviation.lower(), opd)
    return _Lookups(regions, provinces, opds)


def _row_input(
    actor: Any, values: dict[str, str], lookups: _Lookups, problems: list[str]
) -> invitations.InviteInput | None:
    role_text = values.get("role", "").lower().replace(" ", "_").replace("-", "_")
    role = ROLES.get(role_text)
    if role is None:
        problems.append(
            _("role %(role)s is not one of assessor, mentor, coordinator, deputy, opd_officer.")
            % {"role": repr(values.get("role", ""))}
        )
        return None
    codes = _codes(values.get("regions", ""))
    unknown = [code for code in codes if code not in lookups.regions]
    if unknown:
        problems.append(
            _("regions: no region has the code %(codes)s.") % {"codes": ", ".join(unknown)}
        )
        return None
    named = [lookups.regions[code] for code in codes]
    region: Region | None = None
    assigned: list[Region] = []
    regional = role in REGIONAL_ROLES or role == access.DEPUTY
    if regional:
        if len(named) > 1:
            problems.append(_("regions: a coordinator or officer belongs to one region."))
            return None
        region = named[0] if named else None
    else:
        assigned = named
    opd = None
    opd_text = values.get("opd", "").strip()
    if opd_text:
        region_id = region.pk if region else actor.region_id
        opd = lookups.opds.get(region_id or "", {}).get(opd_text.lower())
        if opd is None:
            problems.append(
                _("opd: the region has no OPD named %(opd)s.") % {"opd": repr(opd_text)}
            )
            return None
    province = None
    province_text = values.get("home_province", "").strip()
    if province_text:
        province = lookups.provinces.get(province_text.lower())
        if province is None:
            problems.append(
                _("home_province: no province is called %(province)s.")
                % {"province": repr(province_text)}
            )
            return None
    return invitations.InviteInput(
        email=values.get("email", ""),
        role=role,
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
        region=region,
        opd=opd,
        assigned_regions=assigned,
        home_province=province,
        language=values.get("language", "").lower(),
    )


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{FIELD_NAMES.get(name, name)}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def check_file(actor: Any, upload: UploadedFile) -> tuple[list[invitations.Checked], list[str]]:
    """Every row checked as one invitation: the invitations ready to save and the
    row-numbered errors (row 1 is the header)."""
    rows = reading._rows(upload)
    if not rows or not any(rows[0]):
        return [], [_("The file is empty: the first row must name the columns.")]
    header = _header(rows)
    if "email" not in header or "role" not in header:
        return [], [_("Row 1 must name the columns; at least email and role.")]
    parsed: list[tuple[int, dict[str, str]]] = []
    for number, row in enumerate(rows[1:], start=2):
        values = {
            column: str(cell).strip() if cell is not None else ""
            for column, cell in zip(header, row, strict=False)
            if column
        }
        if any(values.values()):
            parsed.append((number, values))
    if not parsed:
        return [], [_("The file has a header but no rows of people.")]
    lookups = _lookups(actor, [values for _number, values in parsed])
    checked: list[invitations.Checked] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, values in parsed:
        problems: list[str] = []
        email = values.get("email", "").lower()
        if email and email in seen:
            problems.append(
                _("%(email)s already appears in row %(first)d.")
                % {"email": email, "first": seen[email]}
            )
        seen.setdefault(email, number)
        data = _row_input(actor, values, lookups, problems)
        if data is not None and not problems:
            try:
                checked.append(invitations.check(actor, data))
            except PermissionDenied as refusal:
                problems.append(str(refusal) or _("You cannot invite people to this role."))
            except ValidationError as error:
                problems.extend(_messages(error))
        errors.extend(
            _("Row %(row)d: %(problem)s") % {"row": number, "problem": problem}
            for problem in problems
        )
    return checked, errors


@service
def import_invitations(actor: Any, upload: UploadedFile) -> InviteImportReport:
    """Invite everyone in the file, or no one: a ValidationError lists each row's
    errors."""
    if not access.can_manage_people(actor):
        raise PermissionDenied
    checked, errors = check_file(actor, upload)
    if errors:
        raise ValidationError(errors)
    report = InviteImportReport()
    for item in checked:
        report.invitations.append(invitations.invite_checked(actor, item))
    return report


__all__ = ["MAX_ROWS", "SAMPLE_ROWS", "InviteImportReport", "check_file", "import_invitations"]
