"""Forms of the people pages: the list's filters, inviting one person or a list,
changing a person's regions or OPD, and accepting an invitation."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts import access
from kotacerdas.accounts.models import User
from kotacerdas.accounts.services import invitations
from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import OPD, Province, Region

ROLE_LABELS = {
    Role.PROGRAM_OFFICE: Role.PROGRAM_OFFICE.label,  # shown in lists, never granted here
    Role.ASSESSOR: Role.ASSESSOR.label,
    Role.MENTOR: Role.MENTOR.label,
    Role.REGION_COORDINATOR: Role.REGION_COORDINATOR.label,
    access.DEPUTY: _("Deputy coordinator"),
    Role.OPD_OFFICER: Role.OPD_OFFICER.label,
}


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.pk})"


class RegionsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.pk})"


class OPDChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.abbreviation})" if obj.abbreviation else str(obj.name)


def _regions() -> Any:
    return Region.objects.order_by("name")


class PeopleFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Name or email"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *access.PersonStatus.choices],
    )
    region = forms.CharField(
        label=_("Region code"),
        required=False,
        max_length=5,
        help_text=_("e.g. 33.25: the region's people and the staff assigned to it."),
    )

    def __init__(self, actor: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles: tuple[str, ...] = access.ROLE_CHOICES
        if not access.is_program_office(actor):
            roles = (Role.REGION_COORDINATOR, access.DEPUTY, Role.OPD_OFFICER)
        self.fields["role"].choices = [("", _("Any role"))] + [  # type: ignore[attr-defined]
            (key, ROLE_LABELS[key]) for key in access.ROLE_CHOICES if key in roles
        ]
        if not access.is_program_office(actor):
            del self.fields["region"]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class InviteForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=invitations.EMAIL_LENGTH)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        help_text=_(
            "Nobody is invited to the program office here: a superuser makes those "
            "accounts in the administration site."
        ),
    )
    region = RegionChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("For coordinators and OPD officers."),
    )
    opd = OPDChoiceField(
        label=_("OPD"),
        queryset=OPD.objects.none(),
        required=False,
        help_text=_("For OPD officers: the agency they work for."),
    )
    assigned_regions = RegionsChoiceField(
        label=_("Assigned regions"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("For assessors and mentors: the regions they work with."),
    )
    home_province = forms.ModelChoiceField(
        label=_("Home province"),
        queryset=Province.objects.order_by("name"),
        required=False,
        help_text=_("Required for assessors: they never assess applicants of it."),
    )
    language = forms.ChoiceField(
        label=_("Language of the email"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=_("The person can change it when accepting, and later in their profile."),
    )

    def __init__(self, actor: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        office = access.is_program_office(actor)
        roles = access.grantable_roles(actor)
        if office:
            # OPD officers are invited by their region's coordinators (or via the API).
            roles = tuple(role for role in roles if role != Role.OPD_OFFICER)
        self.fields["role"].choices = [(key, ROLE_LABELS[key]) for key in roles]  # type: ignore[attr-defined]
        if office:
            self.fields["region"].queryset = _regions()  # type: ignore[attr-defined]
            self.fields["assigned_regions"].queryset = _regions()  # type: ignore[attr-defined]
            del self.fields["opd"]
        else:
            del self.fields["region"]
            del self.fields["assigned_regions"]
            del self.fields["home_province"]
            self.fields["opd"].queryset = access.regional_opds(actor, actor.region_id).order_by(  # type: ignore[attr-defined]
                "name"
            )

    def invite_input(self) -> invitations.InviteInput:
        data = self.cleaned_data
        return invitations.InviteInput(
            email=data["email"],
            role=data["role"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            region=data.get("region"),
            opd=data.get("opd"),
            assigned_regions=list(data.get("assigned_regions") or []),
            home_province=data.get("home_province"),
            language=data.get("language", ""),
        )


class InviteImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("XLSX or CSV file"),
        help_text=_(
            "Columns: email, first_name, last_name, role (assessor, mentor, coordinator, "
            "deputy, opd_officer), opd (name or abbreviation), regions (codes, e.g. 33.25), "
            "home_province (code or name), language (id or en). The first row names the "
            "columns."
        ),
    )


class PersonForm(BootstrapFormMixin, forms.Form):
    """What may change on a person's page: an assessor's or mentor's regions and home
    province (the office), an officer's OPD (the office, the region's coordinators)."""

    assigned_regions = RegionsChoiceField(
        label=_("Assigned regions"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    home_province = forms.ModelChoiceField(
        label=_("Home province"), queryset=Province.objects.order_by("name"), required=False
    )
    opd = OPDChoiceField(label=_("OPD"), queryset=OPD.objects.none())

    def __init__(self, actor: Any, person: User, *args: Any, **kwargs: Any) -> None:
        initial = {
            "assigned_regions": list(person.assigned_regions.all()),
            "home_province": person.home_province,
            "opd": person.opd,
        }
        super().__init__(*args, initial=initial, **kwargs)
        if access.can_change_assignments(actor, person):
            self.fields["assigned_regions"].queryset = _regions()  # type: ignore[attr-defined]
        else:
            del self.fields["assigned_regions"]
            del self.fields["home_province"]
        if access.can_move_officer(actor, person):
            self.fields["opd"].queryset = access.regional_opds(actor, person.region_id).order_by(  # type: ignore[attr-defined]
                "name"
            )
        else:
            del self.fields["opd"]

    def changes(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ResendForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the email"), choices=settings.LANGUAGES, required=False
    )


class AcceptForm(BootstrapFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, invitation: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = User(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return data
