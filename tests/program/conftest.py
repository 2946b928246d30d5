from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import Cohort
from kotacerdas.regions.models import Province

LEVELS = ["Belum ada", "Rintisan", "Berkembang", "Mapan", "Optimal"]
CRITERIA = [
    services.CriterionInput(
        "kebijakan", "suprastruktur", "Kebijakan smart city", Decimal(40), LEVELS
    ),
    services.CriterionInput("tik", "infrastruktur", "Infrastruktur TIK", Decimal(35), LEVELS),
    services.CriterionInput("anggaran", "struktur", "Kapasitas anggaran", Decimal(25), LEVELS),
]


@pytest.fixture
def cohort(users) -> Cohort:  # type: ignore[no-untyped-def]
    cohort = services.create_cohort(
        users["program_office"],
        year=2023,
        name="Gerakan Menuju Smart City 2023",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=10),
        phases=[services.PhaseInput("applications", date(2023, 3, 1), date(2023, 4, 30))],
        criteria=CRITERIA,
    )
    return services.set_cohort_status(users["program_office"], cohort, "open")


@pytest.fixture
def assessors(make_user):  # type: ignore[no-untyped-def]
    provinces = {code: Province.objects.get(pk=code) for code in ("31", "15", "33", "73")}
    return {
        code: make_user(f"asesor-{code}", Role.ASSESSOR, home_province=province)
        for code, province in provinces.items()
    }


def answer_all(actor, application) -> None:  # type: ignore[no-untyped-def]
    services.save_answers(
        actor,
        application,
        [services.AnswerInput(c.code, 3, f"Jawaban untuk {c.title}") for c in CRITERIA],
    )


def submitted(actor, cohort, region):  # type: ignore[no-untyped-def]
    application = services.start_application(actor, cohort, region)
    answer_all(actor, application)
    return services.submit_application(actor, application)
