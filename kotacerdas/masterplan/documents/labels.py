"""Headings and labels both renderers share, so DOCX and PDF say the same things in the
same order. Call inside `translation.override(language)`."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kotacerdas.masterplan.documents.content import PROGRAMS_CHAPTER, MasterplanContent


@dataclass(frozen=True)
class Heading:
    number: str
    title: str
    level: int
    anchor: str

    @property
    def text(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def title() -> str:
    return _("Masterplan Smart City")


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def chapter_number(index: int) -> str:
    """ "BAB III" in Indonesian, "Chapter III" in English."""
    return _("Chapter %(number)s") % {"number": ROMAN[index - 1]}


def chapters(content: MasterplanContent) -> list[Heading]:
    """The foreword, then the chapters (BAB I to VIII, in the customary order of a
    Perbup/Perwali annex) and their sections, as the documents lay them out."""
    h, bab = Heading, chapter_number
    dimensions = content.dimensions
    after = len(dimensions)  # the programs chapter's sections after its dimensions
    return [
        h("", _("Foreword"), 1, "foreword"),
        h(bab(1), _("Introduction"), 1, "introduction"),
        h("1.1", _("Background"), 2, "background"),
        h("1.2", _("Legal basis"), 2, "legal-basis"),
        h("1.3", _("Purpose and objectives"), 2, "purpose"),
        h("1.4", _("Scope"), 2, "scope"),
        h("1.5", _("Structure of the document"), 2, "outline"),
        h(bab(2), _("Overview of the region"), 1, "profile"),
        h("2.1", _("Key figures"), 2, "profile-figures"),
        h("2.2", _("Leading sectors"), 2, "leading-sectors"),
        h(bab(3), _("Analysis of the region's conditions"), 1, "analyses"),
        h("3.1", _("Potentials"), 2, "potentials"),
        h("3.2", _("Problems"), 2, "problems"),
        h("3.3", _("Readiness per pillar"), 2, "readiness"),
        h("3.4", _("Gap analysis"), 2, "gap"),
        h("3.5", _("SWOT analysis per pillar"), 2, "swot"),
        h("3.6", _("Alignment with the RPJMD"), 2, "rpjmd"),
        h(bab(4), _("Vision, missions and targets of the smart city"), 1, "vision"),
        h("4.1", _("Vision"), 2, "vision-text"),
        h("4.2", _("Missions"), 2, "missions"),
        h("4.3", _("Targets"), 2, "targets"),
        h(bab(5), _("Smart-city development strategies"), 1, "strategies"),
        *(h(d.strategy_number, d.name, 2, f"strategy-{d.code}") for d in dimensions),
        h(bab(6), _("Programs and action plan"), 1, "programs"),
        *(h(d.number, d.name, 2, f"dimension-{d.code}") for d in dimensions),
        h(f"{PROGRAMS_CHAPTER}.{after + 1}", _("Budget summary"), 2, "budget"),
        h(f"{PROGRAMS_CHAPTER}.{after + 2}", _("10-year roadmap"), 2, "roadmap"),
        h(bab(7), _("Implementation plan"), 1, "implementation-plan"),
        h("7.1", _("Quick wins"), 2, "quick-wins"),
        h("7.2", _("Implementation steps"), 2, "implementation"),
        h(bab(8), _("Closing"), 1, "closing"),
    ]


def section(content: MasterplanContent, anchor: str) -> Heading:
    return next(item for item in chapters(content) if item.anchor == anchor)


def outline(content: MasterplanContent) -> list[tuple[str, str]]:
    """What each chapter holds (the "sistematika penulisan" of chapter I)."""
    said = {
        "introduction": _(
            "The background, legal basis, purpose and objectives, and scope of the masterplan."
        ),
        "profile": _("The region's key figures and leading sectors."),
        "analyses": _(
            "The potentials and problems recorded by the OPDs, readiness per pillar, the gap "
            "analysis, the SWOT analysis and the alignment with the RPJMD."
        ),
        "vision": _("The smart-city vision, its missions and its targets."),
        "strategies": _("The strategy for each element of the six smart-city dimensions."),
        "programs": _(
            "The programs of each dimension with their indicators, targets and budgets, the "
            "budget summary and the 10-year roadmap."
        ),
        "implementation-plan": _("The quick wins and the steps of implementation."),
        "closing": _("The closing remarks and the signature of the head of region."),
    }
    return [(item.text, said[item.anchor]) for item in chapters(content) if item.anchor in said]


def cover_lines(content: MasterplanContent) -> list[str]:
    """Under the title: the province. The workflow status and the date the file was made
    are in its properties (and a draft's watermark), not on the cover."""
    province = content.province.removeprefix("Provinsi ")
    return [_("Province %(province)s") % {"province": province}]


def years(content: MasterplanContent) -> str:
    """ "Tahun 2024–2033": the period as titles say it."""
    return _("Years %(period)s") % {"period": content.period}


def head_title(content: MasterplanContent) -> str:
    """The head of region's title as typed, or "Bupati Batang" / "Wali Kota Semarang"."""
    if content.head_title:
        return content.head_title
    if content.region_kind == "kota":
        return _("Mayor of %(region)s") % {"region": content.region_short}
    return _("Regent of %(region)s") % {"region": content.region_short}


def regulation(content: MasterplanContent) -> str:
    """ "Peraturan Bupati Batang" / "Peraturan Wali Kota Semarang"."""
    if content.region_kind == "kota":
        return _("Mayor Regulation of %(region)s") % {"region": content.region_short}
    return _("Regent Regulation of %(region)s") % {"region": content.region_short}


def annex_lines(content: MasterplanContent) -> list[str]:
    """The annex header of the cover: "LAMPIRAN / PERATURAN BUPATI BATANG / NOMOR 12
    TAHUN 2025 / TENTANG / MASTERPLAN SMART CITY ...". Before the decree is numbered the
    number is left to fill in, as in a draft decree."""
    number = content.legal_number or "…"
    return [
        _("ANNEX"),
        regulation(content).upper(),
        (_("Number %(number)s") % {"number": number}).upper(),
        _("ON"),
        f"{title()} {content.region} {years(content)}".upper(),
    ]


def document_properties(content: MasterplanContent) -> str:
    """Where the workflow status and the date the file was made go: its properties."""
    return _("Status: %(status)s. Produced on %(date)s.") % {
        "status": content.status_label,
        "date": content.generated_on,
    }


def watermark(content: MasterplanContent) -> str:
    """ "DRAF" across every page until the masterplan is approved; "" after."""
    return _("DRAFT") if content.is_draft else ""


def closing(content: MasterplanContent) -> list[str]:
    names = {"title": f"{title()} {content.region} {content.period}", "region": content.region}
    return [
        _(
            "The %(title)s is the shared reference of the regional government, its OPDs and "
            "its partners for planning, carrying out, monitoring and evaluating the "
            "development of %(region)s as a smart city."
        )
        % names,
        _(
            "Its programs are carried into the RKPD and the OPDs' work plans each year. The "
            "masterplan is evaluated every year and reviewed when national or regional "
            "policy changes, so that it keeps serving the needs of the people."
        ),
    ]


def signature(content: MasterplanContent) -> tuple[str, str]:
    """Above the signature: the decree that sets the masterplan (its number and date
    once legalised, left to fill in before) and the head of region's title."""
    if content.legal_number:
        decree = _("Set by %(regulation)s number %(number)s of %(date)s") % {
            "regulation": regulation(content),
            "number": content.legal_number,
            "date": content.legal_date or "–",
        }
    else:
        decree = _("Set by %(regulation)s number … of …") % {"regulation": regulation(content)}
    return decree, f"{head_title(content).upper()},"


def head_name(content: MasterplanContent) -> str:
    """Under the signature; dots to fill in by hand while nobody is named."""
    return content.head_name or "…………………………"


def program_columns() -> list[str]:
    return [
        _("No."),
        _("Program"),
        _("Lead and supporting OPDs"),
        _("Horizon and years"),
        _("Budget (Rp)"),
    ]


def empty() -> str:
    return _("None recorded yet.")
