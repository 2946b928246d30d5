"""People and invitations over the API, with the permissions of the pages: the office
manages assessors, mentors and coordinators; a region's coordinator its OPD officers and
deputies; a deputy its OPD officers. People outside one's reach answer 404."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from kotacerdas.accounts import access
from kotacerdas.accounts.models import Invitation, User
from kotacerdas.accounts.schemas.people import (
    ConflictResponse,
    InvitationFilters,
    InvitationIn,
    InvitationOut,
    InviteImportOut,
    PeopleFilters,
    PersonOut,
    PersonPatch,
    ResendIn,
)
from kotacerdas.accounts.services import invitations as invitation_services
from kotacerdas.accounts.services import people as people_services
from kotacerdas.accounts.services.invite_import import import_invitations
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse, PageNumberWithTotal
from kotacerdas.regions.models import Province, Region

router = Router(tags=["people"], auth=AUTH)
ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}
CONFLICT = {409: ConflictResponse}


def _people(request: AuthedRequest) -> QuerySet[User]:
    return access.people_visible_to(request.auth).prefetch_related("assigned_regions")


def _person(request: AuthedRequest, user_id: int) -> User:
    return get_object_or_404(_people(request), pk=user_id)


def _invitation(request: AuthedRequest, invitation_id: int) -> Invitation:
    return get_object_or_404(
        access.invitations_visible_to(request.auth)
        .select_related("invited_by", "region", "opd", "user")
        .prefetch_related("assigned_regions"),
        pk=invitation_id,
    )


def _invitation_out(request: AuthedRequest, invitation: Invitation) -> Invitation:
    return _invitation(request, invitation.pk)


def _conflict(error: ValidationError) -> Status[dict[str, Any]]:
    message = " ".join(error.messages)
    return Status(
        409,
        {
            "error": {
                "status": 409,
                "code": "conflict",
                "message": message,
                "fields": [{"field": "email", "message": message}],
                "user_id": getattr(error, "user_id", None),
                "invitation_id": getattr(error, "invitation_id", None),
            }
        },
    )


def _region(code: str | None, name: str) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(pk=code).first()
    if region is None:
        raise ValidationError(
            {name: _("No region has the code %(code)s.") % {"code": _shown([code])}}
        )
    return region


def _shown(codes: list[str]) -> str:
    """Codes echoed in an error, cut short: a message never repeats a huge input."""
    shown = ", ".join(Truncator(code).chars(20) for code in codes[:10])
    return shown + (", …" if len(codes) > 10 else "")


def _regions(codes: list[str]) -> list[Region]:
    found = {region.pk: region for region in Region.objects.filter(pk__in=codes)}
    unknown = sorted(set(codes) - set(found))
    if unknown:
        raise ValidationError(
            {"assigned_regions": _("No region has the code %(code)s.") % {"code": _shown(unknown)}}
        )
    return [found[code] for code in dict.fromkeys(codes)]


def _province(code: str | None) -> Province | None:
    if not code:
        return None
    province = Province.objects.filter(pk=code).first()
    if province is None:
        raise ValidationError(
            {"home_province": _("No province has the code %(code)s.") % {"code": code}}
        )
    return province


def _opd(request: AuthedRequest, opd_id: int | None) -> Any:
    if opd_id is None:
        return None
    opd = access.opds_visible_to(request.auth).filter(pk=opd_id).first()
    if opd is None:
        raise ValidationError({"opd": _("You have no OPD with this id.")})
    return opd


@router.get(
    "/people",
    response={200: list[PersonOut], **ERRORS},
    summary="The people you manage (the office: everyone), filtered",
)
@paginate(PageNumberWithTotal)
def list_people(request: AuthedRequest, filters: Query[PeopleFilters]) -> QuerySet[User]:
    access.require(access.can_manage_people(request.auth))
    chosen = {name: value for name, value in filters.dict().items() if value}
    return (
        access.people_matching(request.auth, **chosen)
        .prefetch_related("assigned_regions")
        .order_by("last_name", "first_name", "email", "pk")
    )


@router.get(
    "/people/{user_id}", response={200: PersonOut, **ERRORS}, summary="One person you manage"
)
def get_person(request: AuthedRequest, user_id: int) -> User:
    return _person(request, user_id)


@router.patch(
    "/people/{user_id}",
    response={200: PersonOut, **ERRORS},
    summary="Assign an assessor's or mentor's regions (the office), move an OPD officer",
    description="Send only what changes: `assigned_regions` and `home_province` (the "
    "office, for assessors and mentors), `opd` (an officer's OPD in the same region).",
)
def update_person(request: AuthedRequest, user_id: int, payload: PersonPatch) -> User:
    person = _person(request, user_id)
    changes = payload.dict(exclude_unset=True)
    arguments: dict[str, Any] = {}
    if "assigned_regions" in changes and changes["assigned_regions"] is not None:
        arguments["assigned_regions"] = _regions(changes["assigned_regions"])
    if "home_province" in changes:
        arguments["home_province"] = _province(changes["home_province"])
    if "opd" in changes:
        arguments["opd"] = _opd(request, changes["opd"])
    people_services.update_person(request.auth, person, **arguments)
    return _person(request, user_id)


@router.post(
    "/people/{user_id}/deactivate",
    response={200: PersonOut, **ERRORS},
    summary="Deactivate an account: no more log-in nor API use; nothing is deleted",
)
def deactivate_person(request: AuthedRequest, user_id: int) -> User:
    people_services.deactivate(request.auth, _person(request, user_id))
    return _person(request, user_id)


@router.post(
    "/people/{user_id}/reactivate",
    response={200: PersonOut, **ERRORS},
    summary="Reactivate an account",
)
def reactivate_person(request: AuthedRequest, user_id: int) -> User:
    people_services.reactivate(request.auth, _person(request, user_id))
    return _person(request, user_id)


@router.get(
    "/invitations",
    response={200: list[InvitationOut], **ERRORS},
    summary="The invitations you manage, filtered by state",
)
@paginate(PageNumberWithTotal)
def list_invitations(
    request: AuthedRequest, filters: Query[InvitationFilters]
) -> QuerySet[Invitation]:
    access.require(access.can_manage_people(request.auth))
    chosen = {name: value for name, value in filters.dict().items() if value}
    return (
        access.invitations_listed(request.auth, **chosen)
        .select_related("invited_by")
        .prefetch_related("assigned_regions")
        .order_by("-created_at", "-pk")
    )


@router.post(
    "/invitations",
    response={201: InvitationOut, **CONFLICT, **ERRORS},
    summary="Invite someone: an email with a single-use link to set a password",
    description="409 when the address already has an account (`user_id` names it when you "
    "may see it) or an invitation is waiting (`invitation_id`: re-send it). A deactivated "
    "account you manage is brought back by the invitation instead.",
)
def create_invitation(request: AuthedRequest, payload: InvitationIn) -> Any:
    data = invitation_services.InviteInput(
        email=payload.email,
        role=payload.role,
        first_name=payload.first_name,
        last_name=payload.last_name,
        region=_region(payload.region, "region"),
        opd=_opd(request, payload.opd),
        assigned_regions=_regions(payload.assigned_regions),
        home_province=_province(payload.home_province),
        language=payload.language,
    )
    try:
        invitation = invitation_services.invite(request.auth, data)
    except (invitation_services.AccountExists, invitation_services.InvitationPending) as error:
        return _conflict(error)
    return Status(201, _invitation_out(request, invitation))


# Before /invitations/{invitation_id}: its path would take "import" for an id.
@router.post(
    "/invitations/import",
    response={200: InviteImportOut, **ERRORS},
    summary="Invite everyone in an XLSX or CSV list, or nobody if a row is wrong",
    description="Columns: email, first_name, last_name, role, opd (name or abbreviation), "
    "regions (codes), home_province (code or name), language. 422 lists each row's errors "
    "in `fields` (field `__all__`).",
)
def import_invitation_list(request: AuthedRequest, file: File[UploadedFile]) -> dict[str, Any]:
    report = import_invitations(request.auth, file)
    ids = [invitation.pk for invitation in report.invitations]
    found = (
        access.invitations_visible_to(request.auth)
        .filter(pk__in=ids)
        .select_related("invited_by")
        .prefetch_related("assigned_regions")
        .order_by("pk")
    )
    return {"created": report.created, "invitations": list(found)}


@router.get(
    "/invitations/{invitation_id}",
    response={200: InvitationOut, **ERRORS},
    summary="One invitation",
)
def get_invitation(request: AuthedRequest, invitation_id: int) -> Invitation:
    return _invitation(request, invitation_id)


@router.post(
    "/invitations/{invitation_id}/resend",
    response={200: InvitationOut, **CONFLICT, **ERRORS},
    summary="Send a new link (the old one stops working) valid for the full period again",
)
def resend_invitation(request: AuthedRequest, invitation_id: int, payload: ResendIn) -> Any:
    invitation = _invitation(request, invitation_id)
    try:
        invitation_services.resend(request.auth, invitation, payload.language or "")
    except invitation_services.AccountExists as error:
        return _conflict(error)
    return _invitation(request, invitation_id)


@router.post(
    "/invitations/{invitation_id}/revoke",
    response={200: InvitationOut, **ERRORS},
    summary="Revoke an invitation: its link stops working",
)
def revoke_invitation(request: AuthedRequest, invitation_id: int) -> Invitation:
    invitation_services.revoke(request.auth, _invitation(request, invitation_id))
    return _invitation(request, invitation_id)
