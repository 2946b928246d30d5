"""Agreements, regional bodies, OPD imports and commitments, and the cohort funnel."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import File, Router, Status, UploadedFile

from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse
from kotacerdas.program import access, queries, services
from kotacerdas.program.models import Agreement, Cohort, RegionalBody
from kotacerdas.program.schemas import (
    AgreementOut,
    BodyIn,
    BodyOut,
    BulkSignIn,
    CommitmentIn,
    CommitmentOut,
    FunnelOut,
    ImportOut,
    ReceiveIn,
    SendIn,
    SignIn,
)
from kotacerdas.regions.imports import import_opds
from kotacerdas.regions.queries import get_region_or_404

router = Router(tags=["program: agreements, regional bodies, commitments"], auth=AUTH)
ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}


def _agreements(request: AuthedRequest) -> Any:
    return access.agreements_visible_to(request.auth)


def _agreement(request: AuthedRequest, agreement_id: int) -> Agreement:
    return get_object_or_404(_agreements(request), pk=agreement_id)


@router.get("/agreements", response={200: list[AgreementOut], 401: ErrorResponse})
def list_agreements(
    request: AuthedRequest, cohort: int | None = None, overdue: bool = False
) -> Any:
    agreements = _agreements(request)
    if cohort:
        agreements = agreements.filter(application__cohort__year=cohort)
    return services.overdue(agreements) if overdue else agreements


@router.post(
    "/cohorts/{year}/agreements",
    response={201: list[AgreementOut], **ERRORS},
    summary="Draft an agreement for every selected region",
)
def draft_agreements(request: AuthedRequest, year: int) -> Status[Any]:
    cohort = get_object_or_404(Cohort, year=year)
    created = services.draft_agreements(request.auth, cohort)
    return Status(201, list(_agreements(request).filter(pk__in=[a.pk for a in created])))


# Before any /agreements/{agreement_id} route: that path would otherwise take "sign" for
# an id and answer 405.
@router.post(
    "/agreements/sign",
    response={200: list[AgreementOut], **ERRORS},
    summary="A signing day: sign many agreements at once",
)
def sign_in_bulk(request: AuthedRequest, payload: BulkSignIn) -> Any:
    agreements = list(
        _agreements(request).filter(pk__in=payload.agreement_ids).order_by("application__region_id")
    )
    signed = services.sign_in_bulk(
        request.auth,
        agreements,
        signed_on=payload.signed_on,
        mode=payload.mode,
        number_pattern=payload.number_pattern,
        ministry_signatory=services.SignatoryInput(**payload.ministry_signatory.dict()),
    )
    return list(_agreements(request).filter(pk__in=[a.pk for a in signed]))


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS})
def get_agreement(request: AuthedRequest, agreement_id: int) -> Agreement:
    return _agreement(request, agreement_id)


@router.post("/agreements/{agreement_id}/sign", response={200: AgreementOut, **ERRORS})
def sign(request: AuthedRequest, agreement_id: int, payload: SignIn) -> Agreement:
    services.sign(
        request.auth,
        _agreement(request, agreement_id),
        number=payload.number,
        signed_on=payload.signed_on,
        mode=payload.mode,
        signatories=[services.SignatoryInput(**s.dict()) for s in payload.signatories],
    )
    return _agreement(request, agreement_id)


@router.post(
    "/agreements/{agreement_id}/scan",
    response={200: AgreementOut, **ERRORS},
    summary="Attach the signed agreement's scan (PDF, 10 MB at most)",
)
def upload_scan(request: AuthedRequest, agreement_id: int, file: File[UploadedFile]) -> Agreement:
    services.attach_scan(request.auth, _agreement(request, agreement_id), file)
    return _agreement(request, agreement_id)


@router.post("/agreements/{agreement_id}/send", response={200: AgreementOut, **ERRORS})
def send(request: AuthedRequest, agreement_id: int, payload: SendIn) -> Agreement:
    services.send_originals(request.auth, _agreement(request, agreement_id), **payload.dict())
    return _agreement(request, agreement_id)


@router.post("/agreements/{agreement_id}/receive", response={200: AgreementOut, **ERRORS})
def receive(request: AuthedRequest, agreement_id: int, payload: ReceiveIn) -> Agreement:
    services.receive_originals(
        request.auth, _agreement(request, agreement_id), received_on=payload.received_on
    )
    return _agreement(request, agreement_id)


@router.post("/agreements/{agreement_id}/archive", response={200: AgreementOut, **ERRORS})
def archive(request: AuthedRequest, agreement_id: int) -> Agreement:
    services.archive(request.auth, _agreement(request, agreement_id))
    return _agreement(request, agreement_id)


# Regional bodies, OPDs, commitments --------------------------------------------------------


@router.get("/regions/{code}/bodies", response={200: list[BodyOut], **ERRORS})
def list_bodies(request: AuthedRequest, code: str) -> Any:
    region = get_region_or_404(code)
    access.require_region_private(request.auth, region)
    return access.bodies_visible_to(request.auth).filter(region=region).prefetch_related("members")


@router.put(
    "/regions/{code}/bodies/{kind}",
    response={200: BodyOut, **ERRORS},
    summary="Register the council or the implementing team, with members and decree",
)
def save_body(request: AuthedRequest, code: str, kind: str, payload: BodyIn) -> Any:
    region = get_region_or_404(code)
    return services.save_body(
        request.auth,
        region,
        kind=kind,
        decree_number=payload.decree_number,
        decree_date=payload.decree_date,
        members=[services.MemberInput(**m.dict()) for m in payload.members],
    )


@router.post(
    "/regions/{code}/opds/import",
    response={200: ImportOut, **ERRORS},
    summary="Import OPDs from XLSX or CSV; nothing is saved unless every row is valid",
)
def import_region_opds(request: AuthedRequest, code: str, file: File[UploadedFile]) -> Any:
    return import_opds(request.auth, get_region_or_404(code), file)


@router.put("/opds/{opd_id}/commitment", response={200: CommitmentOut, **ERRORS})
def record_commitment(request: AuthedRequest, opd_id: int, payload: CommitmentIn) -> Any:
    opd = get_object_or_404(
        access.opds_visible_to(request.auth).select_related("region"), pk=opd_id
    )
    return services.record_commitment(request.auth, opd, **payload.dict())


@router.post(
    "/opds/{opd_id}/commitment/scan",
    response={200: CommitmentOut, **ERRORS},
    summary="Attach the signed commitment's scan (PDF)",
)
def upload_commitment_scan(request: AuthedRequest, opd_id: int, file: File[UploadedFile]) -> Any:
    opd = get_object_or_404(
        access.opds_visible_to(request.auth).select_related("region"), pk=opd_id
    )
    return services.attach_commitment_scan(request.auth, opd, file)


@router.post(
    "/regions/{code}/bodies/{kind}/decree",
    response={200: BodyOut, **ERRORS},
    summary="Attach the decree (SK) of a council or team (PDF)",
)
def upload_decree(request: AuthedRequest, code: str, kind: str, file: File[UploadedFile]) -> Any:
    region = get_region_or_404(code)
    access.require_region_private(request.auth, region)
    body = get_object_or_404(RegionalBody, region=region, kind=kind)
    return services.attach_decree(request.auth, body, file)


# Dashboard ---------------------------------------------------------------------------------


@router.get(
    "/cohorts/{year}/funnel",
    response={200: FunnelOut, **ERRORS},
    summary="The national funnel by island group and province (program office)",
    description="`?format=csv` or `?format=xlsx` answers the same table as a download.",
    # The downloads, beside the JSON: media types alone (OpenAPI 3.1 binary content).
    openapi_extra={
        "responses": {200: {"content": {"text/csv": {}, queries.XLSX_TYPE: {}}}},
    },
)
def funnel(request: AuthedRequest, year: int, format: str = "json") -> Any:
    access.require_program_office(request.auth)
    cohort = get_object_or_404(Cohort, year=year)
    result = queries.funnel(cohort)
    download = queries.funnel_download(result, year, format or "")
    if download is not None:
        return download
    return result
