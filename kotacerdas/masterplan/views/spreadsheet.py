"""Programs to and from XLSX: the template, the export and the import page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.masterplan import access
from kotacerdas.masterplan.forms.common import apply_errors
from kotacerdas.masterplan.forms.spreadsheet import ImportForm
from kotacerdas.masterplan.services.editing import EDITABLE
from kotacerdas.masterplan.views.common import plan_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def import_programs(request: HttpRequest, pk: int) -> HttpResponse:
    # Loaded on use: openpyxl is heavy, and only these pages need it.
    from kotacerdas.masterplan import spreadsheet

    plan = plan_for(request, pk)
    user: Any = request.user
    # An import may replace any program, so it is the coordinator's (as the service says).
    may_import = plan.status in EDITABLE and access.can_edit_masterplan(user, plan)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[Any] = []
    if request.method == "POST":
        access.require(access.can_edit_masterplan(user, plan))
        if form.is_valid():
            try:
                result = spreadsheet.import_programs(user, plan, form.cleaned_data["file"])
            except spreadsheet.SpreadsheetErrors as error:
                row_errors = list(error.errors)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Imported: %(created)d programs added, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("masterplan:programs", pk=plan.pk)
    context = {"plan": plan, "form": form, "row_errors": row_errors, "may_import": may_import}
    return render(request, "masterplan/import.html", context)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_programs(request: HttpRequest, pk: int) -> HttpResponse:
    from kotacerdas.masterplan import spreadsheet

    plan = plan_for(request, pk)
    name = f"masterplan-{plan.region_id}-{plan.first_year}-programs.xlsx"
    return _xlsx(spreadsheet.export_programs(plan), name)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    from kotacerdas.masterplan import spreadsheet

    first_year = _first_year(request.GET.get("first_year"))
    return _xlsx(spreadsheet.template_xlsx(first_year), "masterplan-programs-template.xlsx")


def _first_year(value: str | None) -> int | None:
    """A masterplan's first year from the query, or None (this year) if not plausible."""
    year = int(value) if value and value.isdigit() else None
    return year if year is not None and 2015 <= year <= 2100 else None
