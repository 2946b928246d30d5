"""The work inbox page ("Pekerjaan saya"), its count in the navigation bar and its API:
who may open them, what they show in both languages, the cap per kind, and a query
count that does not grow with the volume of work."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.test import Client

from kotacerdas.core import inbox as registry
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import services as masterplan
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.program import services as program
from kotacerdas.program.models import Cohort, SelectionDecision
from kotacerdas.site import api_inbox
from tests.masterplan.conftest import program_input
from tests.queries import assert_queries
from tests.routes import all_routes
from tests.site import inbox_data as data


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


# The page and the count ---------------------------------------------------------------


def test_the_page_lists_the_work_oldest_first_with_how_long_it_waited(
    users, batang, batanghari
) -> None:  # type: ignore[no-untyped-def]
    office, assessor = users["program_office"], users["assessor"]
    cohort = data.cohort(office)
    first = data.apply(users["coordinator"], cohort, batang)
    program.assign_assessor(office, first, assessor)
    second = data.apply(users["other_coordinator"], cohort, batanghari)
    program.assign_assessor(office, second, assessor)
    first.assignments.update(created_at=data.timezone.now() - timedelta(days=3, hours=2))
    data.phase(cohort, "assessment", ends_in=-2)

    page = _client(assessor).get("/my-work/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>My work" in text and "<title>My work" in text
    assert "still wait for your scores" in text  # the assessor's introduction
    rows = page.context["rows"]
    assert [row.item.url for row in rows] == [
        f"/program/assignments/{first.assignments.get().pk}/",
        f"/program/assignments/{second.assignments.get().pk}/",
    ]
    assert rows[0].waited == "3\xa0days" and rows[0].kind_label == "Application to score"
    assert rows[0].overdue and "ago" in rows[0].due_text
    assert "Waiting for" in text and "overdue" in text
    assert 'data-testid="inbox-empty"' not in text

    # In Indonesian, the reader's language.
    page = _client(assessor, "id").get("/my-work/").content.decode()
    assert "<h1>Pekerjaan saya" in page and "3\xa0hari" in page
    assert "Menunggu" in page and "Nilai pendaftaran" in page


def test_nothing_waits_says_so(users) -> None:  # type: ignore[no-untyped-def]
    for role in ("mentor", "no_role", "opd_officer"):
        page = _client(users[role]).get("/my-work/").content.decode()
        assert "Nothing waits for you right now." in page, role
    assert "no role yet" in _client(users["no_role"]).get("/my-work/").content.decode()
    text = _client(users["no_role"], "id").get("/my-work/").content.decode()
    assert "Tidak ada yang menunggu Anda saat ini." in text


def test_the_navigation_count_is_the_number_or_nothing(users, batang) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    client = _client(office)
    assert client.get("/my-work/count/").content == b""
    cohort = data.cohort(office)
    data.apply(users["coordinator"], cohort, batang)
    response = client.get("/my-work/count/")
    assert response.content == b"1" and "no-cache" in response["Cache-Control"]
    # The page loads it into the bar.
    assert 'hx-get="/my-work/count/"' in client.get("/my-work/").content.decode()


def test_each_kind_lists_at_most_the_limit_and_counts_the_rest(
    users, make_user, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(registry, "LIMIT", 2)
    office = users["program_office"]
    cohort = data.cohort(office)
    for region in data.regions(5):
        data.apply(data.coordinator_of(make_user, region), cohort, region)
    found = registry.inbox(office)
    assert [item.kind for item in found.items] == ["application_without_assessors"] * 2
    assert found.more == [registry.InboxMore("application_without_assessors", 3, "")]
    assert found.count == 5
    page = _client(office).get("/my-work/").content.decode()
    assert "And 3 more: Application without assessors." in page
    assert _client(office).get("/my-work/count/").content == b"5"


def test_the_api_gives_the_same_items(users, batang, rf) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    cohort = data.cohort(office)
    application = data.apply(users["coordinator"], cohort, batang)
    request = rf.get("/api/v1/inbox")
    request.auth = office
    answer = api_inbox.my_inbox(request)
    assert answer.count == 1 and answer.more == []
    [item] = answer.items
    assert item.kind == "application_without_assessors"
    assert item.kind_label == "Application without assessors"
    assert item.url == f"/program/applications/{application.pk}/"
    assert item.region == "Kabupaten Batang" and item.due is None
    assert api_inbox.InboxOut.model_validate(answer.model_dump()).count == 1
    if "GET /api/v1/inbox" in all_routes():  # once kotacerdas/api.py mounts it
        body = _client(office).get("/api/v1/inbox").json()
        assert body["count"] == 1 and body["items"][0]["kind"] == item.kind


# Queries ------------------------------------------------------------------------------


def _setup(users: dict[str, Any], batang: Any) -> dict[str, Any]:
    """Batang applied, was assigned an assessor, selected, and has a masterplan; the
    cohort's agreement and masterplan phases have ended and a guidance stage ends soon."""
    office = users["program_office"]
    cohort = data.cohort(office)
    application = data.apply(users["coordinator"], cohort, batang)
    program.assign_assessor(office, application, users["assessor"])
    run = data.select(office, cohort, [application])
    data.agreement(application)
    data.phase(cohort, "agreement", ends_in=-5)
    data.phase(cohort, "guidance_1", ends_in=10)
    data.phase(cohort, "masterplan", ends_in=-3, lasts=60)
    plan = masterplan.start_masterplan(users["coordinator"], batang, 2024)
    return {"cohort": cohort, "run": run, "plan": plan}


def _grow(
    users: dict[str, Any], make_user: Any, make_opd: Any, built: dict[str, Any], n: int, start: int
) -> None:
    """`n` more of everything: regions that applied, scored apart or short of assessors,
    with overdue agreements and masterplans submitted with a question for the mentor;
    Batang's OPDs, the officer's programs with checker errors and mentor's threads."""
    office, cohort = users["program_office"], built["cohort"]
    Cohort.objects.filter(pk=cohort.pk).update(status="open")
    second = make_user(f"asesor-{start}", Role.ASSESSOR)
    for number, region in enumerate(data.regions(start + n)[start:]):
        coordinator = data.coordinator_of(make_user, region)
        application = data.apply(coordinator, cohort, region)
        data.score(office, users["assessor"], application, 3)
        if number % 2:
            data.score(office, second, application, 5)
        SelectionDecision.objects.create(
            run=built["run"],
            application=application,
            optimiser_selected=True,
            in_top_n=True,
            selected=True,
            reason="selected",
        )
        data.agreement(application)
        users["mentor"].assigned_regions.add(region)
        plan = masterplan.start_masterplan(coordinator, region, 2024)
        Masterplan.objects.filter(pk=plan.pk).update(status="submitted")
        masterplan.add_comment(coordinator, plan, "Mohon arahan.", section="budget")
    batang_plan, officer = built["plan"], users["opd_officer"]
    for number in range(start, start + n):
        make_opd(officer.region, f"Dinas {number}")
        made = masterplan.save_program(
            officer, batang_plan, program_input(officer.opd_id, name=f"Program {number}", budget=[])
        )
        masterplan.add_comment(users["mentor"], batang_plan, "Anggarannya?", program=made)
    Cohort.objects.filter(pk=cohort.pk).update(status="assessment")


ROLES = ("program_office", "assessor", "mentor", "coordinator", "opd_officer", "no_role")
# (url, role) -> its baseline in tests/query_counts.json, spelled out so that
# tests/core/test_query_baselines.py finds each one counted.
BASELINES = {
    ("/my-work/", "program_office"): "page inbox (program_office)",
    ("/my-work/", "assessor"): "page inbox (assessor)",
    ("/my-work/", "mentor"): "page inbox (mentor)",
    ("/my-work/", "coordinator"): "page inbox (coordinator)",
    ("/my-work/", "opd_officer"): "page inbox (opd_officer)",
    ("/my-work/", "no_role"): "page inbox (no_role)",
    ("/my-work/count/", "program_office"): "page inbox-count (program_office)",
    ("/my-work/count/", "assessor"): "page inbox-count (assessor)",
    ("/my-work/count/", "mentor"): "page inbox-count (mentor)",
    ("/my-work/count/", "coordinator"): "page inbox-count (coordinator)",
    ("/my-work/count/", "opd_officer"): "page inbox-count (opd_officer)",
    ("/my-work/count/", "no_role"): "page inbox-count (no_role)",
}


def test_the_inbox_costs_the_same_queries_whatever_the_volume(
    users, batang, make_user, make_opd, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(registry, "LIMIT", 3)  # so the larger volume passes the cap
    built = _setup(users, batang)
    counted: dict[str, list[int]] = {}
    found: dict[str, list[int]] = {}
    for n, start in ((1, 0), (6, 1)):
        _grow(users, make_user, make_opd, built, n, start)
        for role in ROLES:
            client = _client(users[role])
            client.get("/my-work/count/")  # the session and the language settle first
            for url in ("/my-work/", "/my-work/count/"):
                name = BASELINES[url, role]
                with assert_queries(name) as queries:
                    response = client.get(url)
                assert response.status_code == 200
                counted.setdefault(name, []).append(len(queries))
            found.setdefault(role, []).append(registry.inbox(users[role]).count)
    assert {what: c for what, c in counted.items() if c[0] != c[1]} == {}
    # The work really grew for each role that has some.
    for role in ROLES[:-1]:
        assert found[role][1] > found[role][0] > 0, (role, found[role])
    assert found["no_role"] == [0, 0]
