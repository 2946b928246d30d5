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


def chapters(content: MasterplanContent) -> list[Heading]:
    """Chapters and their sections, in the order of the masterplan's content."""
    h = Heading
    out = [
        h("1", _("Regional profile"), 1, "profile"),
        h("1.1", _("Key figures"), 2, "profile-figures"),
        h("1.2", _("Leading sectors"), 2, "leading-sectors"),
        h("2", _("Potentials and problems"), 1, "findings"),
        h("2.1", _("Potentials"), 2, "potentials"),
        h("2.2", _("Problems"), 2, "problems"),
        h("3", _("Analyses"), 1, "analyses"),
        h("3.1", _("Readiness per pillar"), 2, "readiness"),
        h("3.2", _("Gap analysis"), 2, "gap"),
        h("3.3", _("SWOT analysis per pillar"), 2, "swot"),
        h("3.4", _("Alignment with the RPJMD"), 2, "rpjmd"),
        h("4", _("Smart-city vision, missions and targets"), 1, "vision"),
        h("4.1", _("Vision"), 2, "vision-text"),
        h("4.2", _("Missions"), 2, "missions"),
        h("4.3", _("Targets"), 2, "targets"),
        h(PROGRAMS_CHAPTER, _("Strategies and programs per dimension"), 1, "programs"),
    ]
    for d in content.dimensions:
        out.append(h(d.number, d.name, 2, f"dimension-{d.code}"))
    out += [
        h("6", _("Budget summary"), 1, "budget"),
        h("7", _("10-year roadmap and implementation steps"), 1, "roadmap"),
        h("7.1", _("10-year roadmap"), 2, "roadmap-chart"),
        h("7.2", _("Quick wins"), 2, "quick-wins"),
        h("7.3", _("Implementation steps"), 2, "implementation"),
        h("8", _("Legalisation"), 1, "legalisation"),
    ]
    return out


def section(content: MasterplanContent, anchor: str) -> Heading:
    return next(item for item in chapters(content) if item.anchor == anchor)


def cover_lines(content: MasterplanContent) -> list[tuple[str, str]]:
    return [
        (_("Region"), content.region),
        (_("Province"), content.province),
        (_("Period"), content.period),
        (_("Status"), content.status_label),
        (_("Produced on"), content.generated_on),
    ]


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


def legalisation(content: MasterplanContent) -> str:
    if content.legal_number:
        return _("Legalised by Perbup/Perwali number %(number)s of %(date)s.") % {
            "number": content.legal_number,
            "date": content.legal_date or "–",
        }
    return _(
        "Not legalised yet: the masterplan is %(status)s. It takes effect once the regent "
        "or mayor signs the Perbup/Perwali."
    ) % {"status": content.status_label.lower()}
