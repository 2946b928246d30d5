"""Who reads an object's audit trail is decided by the rule its app registered."""

from kotacerdas.core import access
from kotacerdas.core.roles import Role
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.program.models import Cohort


def test_each_app_registers_who_reads_its_objects_audit(batang, batanghari, make_user, make_opd):
    coordinator = make_user("coord", Role.REGION_COORDINATOR, region=batang)
    office = make_user("office", Role.PROGRAM_OFFICE)
    plan = Masterplan(region=batang, first_year=2026)
    for obj in (batang, make_opd(batang), plan):
        assert access.can_view_object_audit(coordinator, obj), obj
        assert access.can_view_object_audit(office, obj)
    other_plan = Masterplan(region=batanghari, first_year=2026)
    for obj in (batanghari, make_opd(batanghari), other_plan):
        assert not access.can_view_object_audit(coordinator, obj), obj


def test_an_object_without_a_rule_shows_its_trail_to_the_office_only(make_user):
    cohort = Cohort(year=2031, name="GMSC 2031")
    assert access.can_view_object_audit(make_user("office", Role.PROGRAM_OFFICE), cohort)
    assert not access.can_view_object_audit(make_user("a", Role.ASSESSOR), cohort)
    assert not access.can_view_object_audit(None, cohort)
