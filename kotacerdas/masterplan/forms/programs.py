"""A program with its budget rows and indicators (ProgramEditor), and its fields."""

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin, IndonesianNumberField, RupiahField
from kotacerdas.masterplan import limits, services
from kotacerdas.masterplan.models import (
    Finding,
    FundingSource,
    Horizon,
    IndicatorKind,
    Masterplan,
    Program,
    RpjmdGoal,
)
from kotacerdas.regions.models import OPD, Dimension

BLANK = [("", "—")]


def _year_choices(years: Sequence[int]) -> list[tuple[Any, Any]]:
    return [*BLANK, *((year, str(year)) for year in years)]


class BudgetRowForm(BootstrapFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    # Preselected, so an untouched extra row still counts as empty.
    source = forms.ChoiceField(
        label=_("Funding source"), choices=FundingSource.choices, initial=FundingSource.APBD
    )
    amount = RupiahField(label=_("Amount (Rp)"))

    def __init__(self, *args: Any, years: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(years)  # type: ignore[attr-defined]


class IndicatorForm(BootstrapFormMixin, forms.Form):
    """One indicator, with a target field per year of the masterplan (target_2024, ...)."""

    # Preselected, so an untouched extra indicator still counts as empty.
    kind = forms.ChoiceField(
        label=_("Kind"), choices=IndicatorKind.choices, initial=IndicatorKind.OUTCOME
    )
    name = forms.CharField(label=_("Indicator"), max_length=limits.SHORT_TEXT)
    unit = forms.CharField(
        label=_("Unit"), max_length=limits.UNIT_TEXT, help_text=_("e.g. %, units, people")
    )
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), min_value=2000, max_value=2100, required=False
    )
    baseline_value = IndonesianNumberField(
        label=_("Baseline value"), max_digits=16, decimal_places=3, required=False
    )

    def __init__(self, *args: Any, years: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = list(years)
        for year in self.years:
            self.fields[f"target_{year}"] = IndonesianNumberField(
                label=_("Target %(year)d") % {"year": year},
                max_digits=16,
                decimal_places=3,
                required=False,
            )
        self.style_widgets()

    def targets(self) -> dict[int, Decimal]:
        data = self.cleaned_data
        return {
            year: data[f"target_{year}"]
            for year in self.years
            if data.get(f"target_{year}") is not None
        }

    def target_fields(self, shown: Sequence[int]) -> tuple[list[Any], list[Any]]:
        """The target fields of the program's years, and the others (shown anyway
        when they hold a value, so nothing typed disappears)."""
        main: list[Any] = []
        other: list[Any] = []
        for year in self.years:
            field = self[f"target_{year}"]
            value = field.value()
            (main if year in shown or value not in (None, "") else other).append(field)
        return main, other


class ElementField(forms.ChoiceField):
    """Dimension elements by code, grouped under their dimension."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label=_("Dimension element"), choices=(), **kwargs)

    def load(self) -> None:
        self.choices = [
            *BLANK,
            *(
                (dimension.name, [(e.code, e.name) for e in dimension.elements.all()])
                for dimension in Dimension.objects.prefetch_related("elements")
            ),
        ]


def _opd_label(opd: Any) -> str:
    # Abbreviations repeat across agencies (DK, DKP): the full name tells them apart.
    return f"{opd.name} ({opd.abbreviation})" if opd.abbreviation else opd.name


DB_INT_MIN, DB_INT_MAX = -(2**63), 2**63 - 1  # a signed 64-bit column, as ids are


def _beyond_the_database(value: object) -> bool:
    """An id no database column holds (SQLite fails with OverflowError on it)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return not DB_INT_MIN <= number <= DB_INT_MAX


class IdsField(forms.ModelMultipleChoiceField):
    """Chosen records by id; an id past the database's range is an unknown choice, not a
    server error."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if _beyond_the_database(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:30]},
                )
        return super()._check_values(value)  # type: ignore[misc]  # Django's, unstubbed


class OPDChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _opd_label(obj)

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _beyond_the_database(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class OPDMultipleChoiceField(IdsField):
    def label_from_instance(self, obj: Any) -> str:
        return _opd_label(obj)


class GoalsField(IdsField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.text}"


class ProgramForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Program name"), min_length=3, max_length=limits.SHORT_TEXT)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=limits.LONG_TEXT,
        widget=forms.Textarea({"rows": 3}),
    )
    element = ElementField()
    lead_opd = OPDChoiceField(label=_("Lead OPD"), queryset=OPD.objects.none(), empty_label="—")
    supporting_opds = OPDMultipleChoiceField(
        label=_("Supporting OPDs"),
        queryset=OPD.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    horizon = forms.ChoiceField(label=_("Horizon"), choices=[*BLANK, *Horizon.choices])
    start_year = forms.TypedChoiceField(label=_("Start year"), coerce=int, choices=())
    end_year = forms.TypedChoiceField(label=_("End year"), coerce=int, choices=())
    quick_win_reason = forms.CharField(
        label=_("Why it is a quick win"),
        required=False,
        max_length=limits.LONG_TEXT,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("What citizens will see within a year, and why it can be done that fast."),
    )
    goals = GoalsField(
        label=_("RPJMD goals it serves"),
        queryset=RpjmdGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    problems = IdsField(
        label=_("Problems it addresses"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, masterplan: Masterplan, fixed_opd: OPD | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["element"].load()
        opds = OPD.objects.filter(region_id=masterplan.region_id).order_by("name")
        fields["lead_opd"].queryset = fields["supporting_opds"].queryset = opds
        fields["goals"].queryset = masterplan.goals.all()
        fields["problems"].queryset = masterplan.findings.filter(kind="problem", merged_into=None)
        years = _year_choices(range(masterplan.first_year, masterplan.last_year + 1))
        fields["start_year"].choices = fields["end_year"].choices = years
        if fixed_opd is not None:  # an OPD officer writes for their own OPD only
            fields["lead_opd"].disabled = True
            fields["lead_opd"].initial = fixed_opd.pk
            fields["lead_opd"].help_text = _("You write programs for your own OPD.")
        for name in ("supporting_opds", "goals", "problems"):
            fields[name].widget.attrs["class"] = "form-check-input"


# Capped as the service caps them; absolute_max also bounds the forms a posted
# TOTAL_FORMS makes Django build.
BudgetFormSet = forms.formset_factory(
    BudgetRowForm,
    extra=1,
    can_delete=True,
    max_num=limits.MAX_BUDGET_LINES,
    absolute_max=limits.MAX_BUDGET_LINES,
    validate_max=True,
)


IndicatorFormSet = forms.formset_factory(
    IndicatorForm,
    extra=1,
    can_delete=True,
    max_num=limits.MAX_INDICATORS,
    absolute_max=limits.MAX_INDICATORS,
    validate_max=True,
)


def _plain(value: Decimal | None) -> Decimal | None:
    """70.000 as 70 and 12.500 as 12.5: the stored scale is not what people typed."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _program_initial(program: Program) -> tuple[dict, list[dict], list[dict]]:
    initial = {
        "name": program.name,
        "description": program.description,
        "element": program.element.code,
        "lead_opd": program.lead_opd_id,
        "supporting_opds": [opd.pk for opd in program.supporting_opds.all()],
        "horizon": program.horizon,
        "start_year": program.start_year,
        "end_year": program.end_year,
        "quick_win_reason": program.quick_win_reason,
        "goals": [goal.pk for goal in program.goals.all()],
        "problems": [problem.pk for problem in program.problems.all()],
        "version": program.version,
    }
    budget = [
        {"year": b.year, "source": b.source, "amount": b.amount} for b in program.budget.all()
    ]
    indicators = [
        {
            "kind": i.kind,
            "name": i.name,
            "unit": i.unit,
            "baseline_year": i.baseline_year,
            "baseline_value": _plain(i.baseline_value),
            **{f"target_{t.year}": _plain(t.value) for t in i.targets.all()},
        }
        for i in program.indicators.all()
    ]
    return initial, budget, indicators


def _kept(formset: Any) -> Iterator[Any]:
    """The rows of a valid formset that carry data: not removed, not left blank."""
    removed = set(map(id, formset.deleted_forms))
    for form in formset.forms:
        if id(form) not in removed and form.cleaned_data:
            yield form


def _readable_rows(formset: Any, needed: Sequence[str]) -> list[Any]:
    """The rows of a formset that did not validate whose `needed` fields could be read:
    not removed, not blank."""
    rows = []
    for form in formset.forms:
        form.is_valid()  # fills cleaned_data with the fields that could be read
        data = getattr(form, "cleaned_data", {})
        if data and not data.get("DELETE") and all(data.get(n) is not None for n in needed):
            rows.append(form)
    return rows


def _add_error(form: Any, field: str | None, messages: list[str]) -> None:
    """An error after validation, marked red like the form's own (BootstrapFormMixin)."""
    form.add_error(field, messages)
    if field is not None:
        widget = form.fields[field].widget
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def _row_field(name: str) -> str:
    """The row form's field a service error names: "targets.2026" is target_2026."""
    year = name.removeprefix("targets.")
    return f"target_{year}" if year != name else name


class ProgramEditor:
    """The program form with its budget rows and indicators as one unit: filled from a
    program or a POST, turned into services.ProgramInput, and told the service's errors
    next to the fields they name."""

    def __init__(
        self,
        masterplan: Masterplan,
        *,
        program: Program | None = None,
        data: Any = None,
        fixed_opd: OPD | None = None,
        read_only: bool = False,
        initial: dict[str, Any] | None = None,
    ) -> None:
        self.years = list(range(masterplan.first_year, masterplan.last_year + 1))
        saved, budget, indicators = _program_initial(program) if program else ({}, [], [])
        initial = {**(initial or {}), **saved}
        self.form = ProgramForm(data, initial=initial, masterplan=masterplan, fixed_opd=fixed_opd)
        self.budget = BudgetFormSet(
            data, initial=budget, prefix="budget", form_kwargs={"years": self.years}
        )
        self.indicators = IndicatorFormSet(
            data, initial=indicators, prefix="indicators", form_kwargs={"years": self.years}
        )
        if program is None and data is None:
            self.budget.extra = 3  # a new program: room for a few years at once
        if program is not None and indicators:
            self.indicators.extra = 0
        self._budget_rows: list[Any] = []
        self._indicator_rows: list[Any] = []
        self.read_only = read_only
        if read_only:
            for form in self._all_forms():
                for field in form.fields.values():
                    field.disabled = True

    @property
    def rows_have_errors(self) -> bool:
        """A budget row or an indicator has an error (the summary above the form says so)."""
        return any(form.errors for form in (*self.budget.forms, *self.indicators.forms))

    def _all_forms(self) -> list[forms.Form]:
        return [self.form, *self.budget.forms, *self.indicators.forms]

    def is_valid(self) -> bool:
        # Every part validates, so each shows its own errors at once.
        results = [self.form.is_valid(), self.budget.is_valid(), self.indicators.is_valid()]
        return all(results)

    def quiet(self) -> None:
        """Show a re-rendered form (after "add a row") without the errors of fields the
        person has not filled in yet: validation happens on save."""
        # Django's own "not validated yet" markers: an empty result means nothing to show.
        for form in self._all_forms():
            cast(Any, form)._errors = ErrorDict()
        for formset in (self.budget, self.indicators):
            cast(Any, formset)._errors, cast(Any, formset)._non_form_errors = [], ErrorList()

    def focus_new_row(self, prefix: str) -> None:
        """After "add a row", the cursor goes to the new row (keyboard users)."""
        formset = self.budget if prefix == "budget" else self.indicators
        if formset.forms:
            form = formset.forms[-1]
            form.fields[next(iter(form.fields))].widget.attrs["autofocus"] = True

    def program_years(self) -> list[int]:
        """The years whose targets to show first: the program's, as typed or saved."""
        form = self.form
        try:
            start = int(form["start_year"].value())
            end = int(form["end_year"].value())
        except (TypeError, ValueError):
            return self.years
        shown = [year for year in self.years if start <= year <= end]
        return shown or self.years

    def expected_version(self, override: Any = None) -> int | None:
        """The version the person started from; `override` when they chose, after a
        conflict, to save their version over the newer one."""
        try:
            return (
                int(override) if override not in (None, "") else self.form.cleaned_data["version"]
            )
        except (TypeError, ValueError):
            return self.form.cleaned_data["version"]

    def to_input(self) -> services.ProgramInput:
        self._budget_rows = list(_kept(self.budget))
        self._indicator_rows = list(_kept(self.indicators))
        return self._input(self.form.cleaned_data)

    def check_rules_too(self, masterplan: Masterplan) -> None:
        """After a validation that failed, the service's rules on what could be read
        (years, budget rows, targets), so every mistake shows at once, not in rounds.
        A field that already has an error keeps only that one."""
        data = self.form.cleaned_data
        if not all(data.get(name) for name in ("horizon", "start_year", "end_year")):
            return  # the year rules need these; their own errors show already
        self._budget_rows = _readable_rows(self.budget, ("year", "source", "amount"))
        self._indicator_rows = _readable_rows(self.indicators, ())
        lead = data.get("lead_opd")
        draft = self._input(
            {
                "name": "",
                "description": "",
                "element": "",
                "quick_win_reason": "",
                "supporting_opds": [],
                "problems": [],
                "goals": [],
                **data,
                "lead_opd": lead,
            }
        )
        errors = services.validate_program(masterplan, draft)
        if lead is None:
            errors.pop("lead_opd", None)  # "required" shows already
        fresh = {name: messages for name, messages in errors.items() if not self._told(name)}
        if fresh:
            self.add_errors(ValidationError(fresh))

    def _told(self, name: str) -> bool:
        """The field a service error names has an error already ("budget.0.year")."""
        part, _dot, rest = name.partition(".")
        index, _dot, field = rest.partition(".")
        rows = {"budget": self._budget_rows, "indicators": self._indicator_rows}.get(part)
        if rows is not None and index.isdigit() and int(index) < len(rows):
            return _row_field(field) in rows[int(index)].errors
        return name in self.form.errors

    def _input(self, data: dict[str, Any]) -> services.ProgramInput:
        lead = data["lead_opd"]
        return services.ProgramInput(
            name=data["name"],
            description=data["description"],
            element=data["element"],
            lead_opd=lead.pk if lead is not None else 0,
            supporting_opds=[opd.pk for opd in data["supporting_opds"]],
            horizon=data["horizon"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            quick_win_reason=data["quick_win_reason"],
            budget=[
                (f.cleaned_data["year"], f.cleaned_data["source"], f.cleaned_data["amount"])
                for f in self._budget_rows
            ],
            indicators=[
                services.IndicatorInput(
                    kind=f.cleaned_data.get("kind", ""),
                    name=f.cleaned_data.get("name", ""),
                    unit=f.cleaned_data.get("unit", ""),
                    baseline_year=f.cleaned_data.get("baseline_year"),
                    baseline_value=f.cleaned_data.get("baseline_value"),
                    targets=f.targets(),
                )
                for f in self._indicator_rows
            ],
            problems=[finding.pk for finding in data["problems"]],
            goals=[goal.pk for goal in data["goals"]],
        )

    def add_errors(self, error: ValidationError) -> None:
        """A service's ValidationError next to the fields it names: "end_year",
        "budget.2.amount", "indicators.0.targets"; anything else above the form."""
        if not hasattr(error, "error_dict"):
            self.form.add_error(None, error.messages)
            return
        rows = {"budget": self._budget_rows, "indicators": self._indicator_rows}
        for name, messages in error.message_dict.items():
            part, _dot, rest = name.partition(".")
            index, _dot, field = rest.partition(".")
            if part in rows and index.isdigit() and int(index) < len(rows[part]):
                row = rows[part][int(index)]
                field = _row_field(field)
                _add_error(row, field if field in row.fields else None, messages)
            elif name in self.form.fields and name != "version":
                _add_error(self.form, name, messages)
            else:
                self.form.add_error(None, messages)
