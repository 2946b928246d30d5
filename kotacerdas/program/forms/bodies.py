"""Forms of a region's bodies: the OPD import and a commitment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("XLSX or CSV file"),
        help_text=_(
            "Columns: nama, singkatan, jenis (dinas, badan, bagian, kecamatan, lainnya), "
            "kepala, tupoksi. The first row names the columns."
        ),
    )


class CommitmentForm(BootstrapFormMixin, forms.Form):
    signed_by = forms.CharField(label=_("Signed by"), max_length=150)
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    scan = forms.FileField(label=_("Scanned copy (PDF)"), required=False)
