from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel
from kotacerdas.core.validators import validate_single_line, validate_text
from kotacerdas.regions.geography import ZONES


class IslandGroup(models.TextChoices):
    SUMATERA = "sumatera", _("Sumatera")
    JAWA = "jawa", _("Jawa")
    BALI_NUSA_TENGGARA = "bali_nusa_tenggara", _("Bali & Nusa Tenggara")
    KALIMANTAN = "kalimantan", _("Kalimantan")
    SULAWESI = "sulawesi", _("Sulawesi")
    MALUKU = "maluku", _("Maluku")
    PAPUA = "papua", _("Papua")


class TimeZoneChoice(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


class RegionKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Regency (kabupaten)")
    KOTA = "kota", _("City (kota)")


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    island_group = models.CharField(_("island group"), max_length=32, choices=IslandGroup.choices)
    timezone = models.CharField(_("time zone"), max_length=32, choices=TimeZoneChoice.choices)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Region(TimeStampedModel):
    """A kabupaten or kota, identified by its Kemendagri code `PP.KK`."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="regions"
    )
    name = models.CharField(_("name"), max_length=100, db_index=True)
    kind = models.CharField(_("type"), max_length=16, choices=RegionKind.choices)
    island_group = models.CharField(
        _("island group"), max_length=32, choices=IslandGroup.choices, db_index=True
    )
    timezone = models.CharField(_("time zone"), max_length=32, choices=TimeZoneChoice.choices)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def timezone_abbreviation(self) -> str:
        return ZONES[self.timezone].abbreviation


class OPDKind(models.TextChoices):
    DINAS = "dinas", _("Agency (dinas)")
    BADAN = "badan", _("Board (badan)")
    BAGIAN = "bagian", _("Section (bagian)")
    KECAMATAN = "kecamatan", _("District (kecamatan)")
    OTHER = "other", _("Other")


# An OPD's texts, at most (docs/limits.md); the API, the form and the import share them.
NAME_LENGTH = 200
ABBREVIATION_LENGTH = 40
HEAD_NAME_LENGTH = 150
DUTIES_LENGTH = 5000
DUPLICATE_NAME = _("An OPD with this name already exists in this region.")


class OPD(TimeStampedModel):
    """A regional government agency (Organisasi Perangkat Daerah)."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="opds"
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH, validators=[validate_single_line])
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=ABBREVIATION_LENGTH,
        blank=True,
        validators=[validate_single_line],
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OPDKind.choices)
    head_name = models.CharField(
        _("head"), max_length=HEAD_NAME_LENGTH, blank=True, validators=[validate_single_line]
    )
    duties = models.TextField(
        _("duties (tupoksi)"),
        max_length=DUTIES_LENGTH,
        blank=True,
        validators=[validate_text, MaxLengthValidator(DUTIES_LENGTH)],
    )

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPDs")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="opd_unique_name_per_region",
                violation_error_message=DUPLICATE_NAME,
            )
        ]

    def __str__(self) -> str:
        return f"{self.abbreviation or self.name}"


class BilingualNamed(models.Model):
    """Reference data kept in both languages, editable in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_id

    @property
    def description(self) -> str:
        return self.description_en if translation.get_language() == "en" else self.description_id


class Dimension(BilingualNamed):
    """One of the six smart-city dimensions."""

    class Meta(BilingualNamed.Meta):
        verbose_name = _("smart-city dimension")
        verbose_name_plural = _("smart-city dimensions")


class DimensionElement(BilingualNamed):
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="elements"
    )

    class Meta(BilingualNamed.Meta):
        verbose_name = _("dimension element")
        verbose_name_plural = _("dimension elements")


class Pillar(BilingualNamed):
    """One of the three readiness pillars."""

    class Meta(BilingualNamed.Meta):
        verbose_name = _("readiness pillar")
        verbose_name_plural = _("readiness pillars")


class PillarElement(BilingualNamed):
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="elements"
    )

    class Meta(BilingualNamed.Meta):
        verbose_name = _("pillar element")
        verbose_name_plural = _("pillar elements")
