"""Guidance in a browser (issue 13, "Done when"): the office plans a small cohort with
the optimiser and applies the plan; a mentor marks a session held with attendance; the
mentor falls ill for a week; the office plans again, and the re-plan keeps the held
session where it was and moves the ill mentor's visits off that week. The mentor's
calendar feed then parses with `icalendar` and matches the plan."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from kotacerdas.bimtek.feeds import feed_url
from kotacerdas.bimtek.models import (
    GuidanceSession,
    GuidanceVisit,
    ScheduleRun,
    SessionStatus,
)
from tests.bimtek.factories import PASSWORD, guidance_world

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _login(browser: Browser, base_url: str, username: str) -> Page:
    context = browser.new_context(base_url=base_url, locale="id-ID")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Apply this plan?"
    page.set_default_timeout(60_000)
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Pekerjaan saya")).to_be_visible()
    return page


def _plan_and_apply(page: Page, year: int, starts_on: str, ends_on: str) -> ScheduleRun:
    page.goto(f"/bimtek/{year}/")
    page.locator("input[name=starts_on]").fill(starts_on)
    page.locator("input[name=ends_on]").fill(ends_on)
    page.locator("input[name=time_limit_s]").fill("5")
    page.locator("input[name=team_size]").fill("1")
    page.get_by_test_id("plan").click()
    # The job runs on commit (tests use the immediate task backend); the run page shows
    # the optimised plan beside the greedy one.
    expect(page.get_by_test_id("comparison")).to_be_visible()
    run = ScheduleRun.objects.filter(cohort__year=year).latest("created_at")
    assert run.status in ("optimal", "feasible"), (run.status, run.unplaced, run.warnings)
    page.get_by_test_id("apply").click()
    # Back on the cohort page, which says the plan is applied.
    expect(page.get_by_role("status").filter(has_text="Rencana diterapkan")).to_be_visible()
    run.refresh_from_db()
    assert run.applied_at is not None
    return run


def _days_of(visit: GuidanceVisit) -> set:  # type: ignore[type-arg]
    assert visit.starts_on and visit.ends_on
    span = (visit.ends_on - visit.starts_on).days
    return {visit.starts_on + timedelta(days=n) for n in range(span + 1)}


def test_plan_hold_fall_ill_and_replan(  # type: ignore[no-untyped-def]
    browser: Browser, live_server, regions, settings
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = guidance_world(plan=False, prefix="e2e")
    today = timezone.localdate()
    year = world.cohort.year

    # 1. The office plans the cohort from five weeks ago, so stage I is behind us.
    office = _login(browser, live_server.url, world.office.username)
    first = _plan_and_apply(
        office, year, (today - timedelta(days=35)).isoformat(), world.deadline.isoformat()
    )
    assert first.figures["visits"] == 12
    held = (
        GuidanceSession.objects.filter(
            visit__guidance__cohort=world.cohort,
            visit__stage__number=1,
            starts_at__lte=timezone.now(),
        )
        .select_related("visit")
        .order_by("starts_at")
        .first()
    )
    assert held is not None, "the plan put no stage I session in the past"
    mentor = held.visit.mentors.get()

    # 2. The mentor marks it held, with who came from which OPD.
    page = _login(browser, live_server.url, mentor.username)
    page.goto(f"/bimtek/sessions/{held.pk}/")
    opd = world.opds[held.visit.guidance.region_id][0]
    page.locator("textarea[name=attendees]").fill(
        f"Budi Santoso; {opd.name}; Kepala bidang\nSiti Rahma; {opd.name}; Staf"
    )
    page.locator("textarea[name=record]").fill("Paparan tahap I dan diskusi.")
    page.get_by_test_id("held").click()
    expect(page.get_by_test_id("attendance")).to_contain_text("Siti Rahma")
    held.refresh_from_db()
    assert held.status == SessionStatus.HELD
    held_at = held.starts_at

    # 3. The mentor falls ill for the week of their next planned visit.
    upcoming = (
        GuidanceVisit.objects.filter(mentors=mentor, starts_on__gt=today + timedelta(days=1))
        .order_by("starts_on")
        .first()
    )
    assert upcoming is not None
    ill_from = upcoming.starts_on
    ill_until = ill_from + timedelta(days=6)
    page.goto(f"/bimtek/mentors/{mentor.pk}/")
    form = page.locator("form", has=page.locator("input[value=unavailable-add]"))
    form.locator("input[name=starts_on]").fill(ill_from.isoformat())
    form.locator("input[name=ends_on]").fill(ill_until.isoformat())
    form.locator("input[name=reason]").fill("Sakit")
    form.get_by_role("button").click()
    expect(page.get_by_test_id("periods")).to_contain_text("Sakit")

    # 4. The office plans again: the held session stays, the ill week is kept free.
    second = _plan_and_apply(
        office, year, (today - timedelta(days=35)).isoformat(), world.deadline.isoformat()
    )
    assert second.pk != first.pk
    held.refresh_from_db()
    assert held.status == SessionStatus.HELD and held.starts_at == held_at
    ill_week = {ill_from + timedelta(days=n) for n in range(7)}
    for visit in GuidanceVisit.objects.filter(mentors=mentor):
        assert not (_days_of(visit) & ill_week), f"{visit} still falls in the ill week"
    upcoming.refresh_from_db()
    assert upcoming.starts_on != ill_from or not upcoming.mentors.filter(pk=mentor.pk).exists()

    # The mentor's calendar feed parses and its events are the plan's sessions.
    client = Client()
    response = client.get(feed_url(mentor, "mentor", str(mentor.pk)))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = {
        str(event["UID"]): event
        for event in calendar.walk("VEVENT")
        if str(event["UID"]).startswith("bimtek-session-")
    }
    sessions = GuidanceSession.objects.filter(visit__mentors=mentor).exclude(starts_at=None)
    assert {int(uid.split("-")[2].split("@")[0]) for uid in events} == {s.pk for s in sessions}
    for session in sessions:
        event = next(
            e for uid, e in events.items() if uid.startswith(f"bimtek-session-{session.pk}@")
        )
        assert event.decoded("DTSTART") == session.starts_at
