"""The masterplan's public route, for anyone, logged in or not: the PDF of a legalised
masterplan (masterplan/public.py says what is public and why it is the signed regulation)."""

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from kotacerdas.core.downloads import serve_file
from kotacerdas.masterplan import public


def public_document(request: HttpRequest, pk: int) -> FileResponse:
    """The signed Perbup/Perwali of a legalised masterplan; 404 for any other plan, so
    nothing tells a draft from a plan that does not exist."""
    plan = get_object_or_404(public.legalised_masterplans(), pk=pk)
    return serve_file(
        plan.legal_file, public.document_name(plan), content_type="application/pdf", inline=False
    )
