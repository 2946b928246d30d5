from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.program.models import Agreement, Cohort, SelectionDecision
from kotacerdas.regions.models import OPD
from kotacerdas.seed.accounts import SEED_REGIONS


def test_demo_data_has_one_account_per_role_and_is_idempotent(db) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    call_command("demo", "--no-serve", stdout=StringIO())
    printed = out.getvalue()
    for role in Role.values:
        assert User.objects.filter(role=role).exists(), role
        assert role in printed
    assert "kotacerdas-demo" in printed
    assert User.objects.filter(role=Role.REGION_COORDINATOR).count() == 5
    assert User.objects.filter(role=Role.ASSESSOR).count() == 4  # asesor.baru: open cohort
    assert set(OPD.objects.values_list("region_id", flat=True).distinct()) == set(SEED_REGIONS)
    # Ten OPDs per seed region; Batang's masterplan names six more of its agencies.
    assert OPD.objects.count() == 5 * 10 + 6
    assert Masterplan.objects.get(region_id="33.25").status == "approved"
    assert Masterplan.objects.count() == 5
    officers = User.objects.filter(role=Role.OPD_OFFICER).select_related("opd")
    assert {officer.region_id for officer in officers} == set(SEED_REGIONS)  # one in each
    assert all(officer.opd.region_id == officer.region_id for officer in officers)
    office = User.objects.get(role=Role.PROGRAM_OFFICE)
    assert office.check_password("kotacerdas-demo") and office.is_staff
    cohort = Cohort.objects.get(year=2023)
    assert cohort.status == "published" and cohort.applications.count() == 120
    selected = set(
        SelectionDecision.objects.filter(
            run__cohort=cohort, run__published=True, selected=True
        ).values_list("application__region_id", flat=True)
    )
    assert set(SEED_REGIONS) <= selected and len(selected) == 50
    states = dict(
        Agreement.objects.filter(application__region_id__in=SEED_REGIONS).values_list(
            "application__region_id", "status"
        )
    )
    assert states == {
        "33.25": "archived",
        "15.04": "received",
        "17.03": "sent",
        "16.05": "sent",
        "15.03": "signed",
    }


def test_seed_national_is_deterministic(db) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command(
        "seed_national", "--scale", "0.05", "--seed", "7", "--applicants", "30", stdout=out
    )
    first = list(
        OPD.objects.order_by("region_id", "name").values_list("region_id", "name", "head_name")
    )
    call_command(
        "seed_national", "--scale", "0.05", "--seed", "7", "--applicants", "30", stdout=StringIO()
    )
    again = list(
        OPD.objects.order_by("region_id", "name").values_list("region_id", "name", "head_name")
    )
    assert first == again
    regions = {region for region, _name, _head in first}
    assert len(regions) == 26  # 5% of 514
    assert len(first) == 26 * 35
    regional = User.objects.filter(username__startswith="syn-", region__isnull=False)
    assert regional.count() == 26 * 2
    synthetic = Cohort.objects.get(year=2099)
    assert synthetic.applications.count() == 30  # idempotent: the second run adds none
    assert not synthetic.applications.filter(score=None).exists()
    assert "Seeded 26 regions" in out.getvalue()
    officer = User.objects.filter(username__startswith="syn-", role=Role.OPD_OFFICER).first()
    assert officer is not None and officer.opd is not None and not officer.has_usable_password()


def test_seed_national_refuses_bad_scale(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="scale"):
        call_command("seed_national", "--scale", "3")


def test_seed_national_plans_guidance_with_mentors_and_sessions(db) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from kotacerdas.bimtek.models import GuidanceRegion, GuidanceSession, GuidanceVisit

    call_command("seed_national", "--scale", "0.05", "--applicants", "30", stdout=StringIO())
    out = StringIO()
    call_command("seed_national", "--scale", "0.05", "--applicants", "30", stdout=out)
    assert "0 new guidance sessions" in out.getvalue()  # idempotent
    synthetic = Cohort.objects.get(year=2099)
    regions = GuidanceRegion.objects.filter(cohort=synthetic)
    assert regions.count() == 30
    assert GuidanceVisit.objects.filter(guidance__in=regions).count() == 30 * 4
    mentors = User.objects.filter(username__startswith="syn-mentor-", mentor_profile__isnull=False)
    assert mentors.count() == 25 and not mentors[0].has_usable_password()
    # Every visit is held by its region's mentor, on the days its sessions fall.
    for visit in GuidanceVisit.objects.filter(guidance__in=regions).prefetch_related(
        "sessions", "mentors", "guidance__team"
    ):
        assert list(visit.mentors.all()) == list(visit.guidance.team.all())
        zone = ZoneInfo(visit.guidance.region.timezone)
        days = {s.starts_at.astimezone(zone).date() for s in visit.sessions.all()}
        assert days and visit.starts_on <= min(days) and max(days) <= visit.ends_on
    assert GuidanceSession.objects.filter(visit__guidance__in=regions, starts_at=None).count() == 0
