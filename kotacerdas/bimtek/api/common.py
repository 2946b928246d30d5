"""What the guidance API modules share: the errors they answer and the lookups, each
inside an access queryset, so an outsider gets 404 and learns nothing."""

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from kotacerdas.bimtek import access
from kotacerdas.bimtek.models import GuidanceRegion, GuidanceSession, GuidanceVisit
from kotacerdas.core.api_messages import joined
from kotacerdas.core.api_support import (
    AUTH,
    AuthedRequest,
    ErrorResponse,
    django_validation_fields,
    error_payload,
)
from kotacerdas.program.models import Cohort
from kotacerdas.regions.models import Dimension, Region
from kotacerdas.regions.queries import get_region_or_404

ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}
TAGS = ["guidance (Bimtek)"]


def router() -> Router:
    return Router(tags=TAGS, auth=AUTH)


def cohort_or_404(year: int) -> Cohort:
    return get_object_or_404(Cohort, year=year)


def guidance_regions(request: AuthedRequest) -> QuerySet[GuidanceRegion]:
    return access.guidance_visible_to(request.auth).select_related("cohort", "region")


def guidance_or_404(request: AuthedRequest, guidance_id: int) -> GuidanceRegion:
    return get_object_or_404(guidance_regions(request), pk=guidance_id)


VISIT_RELATED = ("guidance__cohort", "guidance__region", "stage", "completed_by")
SESSION_RELATED = (
    "visit__guidance__cohort",
    "visit__guidance__region",
    "visit__stage",
    "group",
)


def visits(request: AuthedRequest) -> QuerySet[GuidanceVisit]:
    return (
        access.visits_visible_to(request.auth)
        .select_related(*VISIT_RELATED)
        .prefetch_related("mentors")
    )


def visit_or_404(request: AuthedRequest, visit_id: int) -> GuidanceVisit:
    return get_object_or_404(visits(request), pk=visit_id)


def visit_detail(request: AuthedRequest, visit_id: int) -> GuidanceVisit:
    """The visit with its sessions, for the detail answer."""
    sessions = access.sessions_visible_to(request.auth).select_related(*SESSION_RELATED)
    return get_object_or_404(
        visits(request).prefetch_related(Prefetch("sessions", queryset=sessions)), pk=visit_id
    )


def sessions(request: AuthedRequest) -> QuerySet[GuidanceSession]:
    return access.sessions_visible_to(request.auth).select_related(*SESSION_RELATED)


def session_or_404(request: AuthedRequest, session_id: int) -> GuidanceSession:
    return get_object_or_404(sessions(request), pk=session_id)


def session_detail(request: AuthedRequest, session_id: int) -> GuidanceSession:
    return get_object_or_404(sessions(request).prefetch_related("attendance__opd"), pk=session_id)


def guidance_region_or_404(request: AuthedRequest, code: str) -> Region:
    """A region whose guidance the caller sees (in any cohort), or that they manage (a
    coordinator sets blackout days before the region is enrolled); 404 otherwise, as
    for a region that does not exist."""
    region = get_region_or_404(code)
    if access.can_manage_region(request.auth, region):
        return region
    if access.guidance_visible_to(request.auth).filter(region=region).exists():
        return region
    raise Http404(_("No region has the code %(code)s.") % {"code": code})


def mentor_or_404(request: AuthedRequest, mentor_id: int) -> Any:
    return get_object_or_404(access.mentors_visible_to(request.auth), pk=mentor_id)


def dimensions(codes: Iterable[str], field: str) -> list[Dimension]:
    """The dimensions named by `codes`; an unknown code is a 422 on `field`."""
    wanted = list(dict.fromkeys(codes))
    found = {d.code: d for d in Dimension.objects.filter(code__in=wanted)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ValidationError(
            {field: _("No dimension has the code %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return [found[code] for code in wanted]


def region_by_code(code: str, field: str) -> Region:
    """A region named in a body: an unknown code is a 422 on `field`, not a 404."""
    region = Region.objects.filter(pk=code).first()
    if region is None:
        raise ValidationError({field: _("No region has the code %(code)s.") % {"code": code}})
    return region


@contextmanager
def fields_named(names: Mapping[str, str]) -> Iterator[None]:
    """The service's field errors under the names the API's body uses (`opds` ->
    `opd_ids`); `names` maps a field, or the last part of a dotted one."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        renamed: dict[str, list[Any]] = {}
        for field, errors in error.error_dict.items():
            head, _dot, last = field.rpartition(".")
            name = names.get(field) or (
                f"{head}.{names[last]}" if head and last in names else field
            )
            renamed.setdefault(name, []).extend(errors)
        raise ValidationError(renamed) from None


def refusal(error: ValidationError) -> dict[str, Any] | None:
    """The error shape of a service's refusal that names no field ("This session is
    cancelled.", "Not held yet: ..."): its words are the message, with no `__all__`
    field and no `__all__: ` before them; errors on fields keep theirs. None when every
    message names a field: the API's own handler answers those."""
    if hasattr(error, "error_dict"):
        general = [str(m) for m in error.message_dict.get(NON_FIELD_ERRORS, [])]
    else:
        general = [str(m) for m in error.messages]
    if not general:
        return None
    fields = [f for f in django_validation_fields(error) if f["field"] != NON_FIELD_ERRORS]
    message = " ".join(part for part in (*general, joined(fields)) if part)
    return error_payload(422, "validation_error", message, fields)


P = ParamSpec("P")
R = TypeVar("R")


def refusals_in_words(view: Callable[P, R]) -> Callable[P, R | Status[dict[str, Any]]]:
    """Under the router's decorator: the view's refusals without a field answered as
    `refusal` words them (422, `fields` empty). The services roll their own writes back
    (core.audit.service), so answering here leaves nothing half done."""

    @wraps(view)
    def answer(*args: P.args, **kwargs: P.kwargs) -> R | Status[dict[str, Any]]:
        try:
            return view(*args, **kwargs)
        except ValidationError as error:
            payload = refusal(error)
            if payload is None:
                raise
            return Status(422, payload)

    return answer
