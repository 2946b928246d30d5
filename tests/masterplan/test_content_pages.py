"""The content pages of a masterplan (profile, potentials and problems, analyses, vision):
who sees and changes what, forms that keep what was typed and say what is wrong, a plan
that cannot be edited while in review, and query counts that do not grow with rows."""

import re
from decimal import Decimal

import pytest

from kotacerdas.accounts.models import User
from kotacerdas.core.forms import IndonesianNumberField
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import (
    Finding,
    Masterplan,
    MasterplanStatus,
    PillarAnalysis,
    ProfileFigure,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.masterplan.services import analysis as analysis_services
from tests.masterplan.conftest import program_input
from tests.masterplan.pages import client_as as _as
from tests.masterplan.pages import page_text as _text
from tests.masterplan.pages import page_url as _url
from tests.queries import assert_queries

PAGES = ["introduction", "profile", "findings", "analyses", "vision"]
SEES = {"office", "mentor", "coordinator", "officer"}


@pytest.fixture
def people(users, make_user) -> dict[str, User | None]:  # type: ignore[no-untyped-def]
    return {
        "office": users["program_office"],
        "mentor": users["mentor"],
        "unassigned_mentor": make_user("mentor-free", "mentor"),
        "coordinator": users["coordinator"],
        "other_coordinator": users["other_coordinator"],
        "officer": users["opd_officer"],
        "anonymous": None,
    }


@pytest.fixture
def other_opd(make_opd, batang):  # type: ignore[no-untyped-def]
    return make_opd(batang, "Dinas Perhubungan Batang", abbreviation="Dishub")


def _labelled(body: str) -> set[str]:
    """Ids of visible form fields that have no label."""
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body)
    hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', body))
    labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', body))
    return set(ids) - hidden - labelled


def test_each_role_sees_the_pages_of_its_own_masterplans_only(plan, people) -> None:  # type: ignore[no-untyped-def]
    for page in [*PAGES, "findings/new"]:
        for name, user in people.items():
            response = _as(user).get(_url(plan, page))
            if user is None:
                assert response.status_code == 302, (page, name)
                assert response["Location"].startswith("/accounts/login/")
            elif name not in SEES:
                assert response.status_code == 404, (page, name)
            elif page == "findings/new" and name == "mentor":
                assert response.status_code == 403, (page, name)
            else:
                assert response.status_code == 200, (page, name)
                assert '<html lang="id">' in response.content.decode()


def test_readers_get_read_only_pages_and_403_on_writes(plan, people) -> None:  # type: ignore[no-untyped-def]
    for name in ("mentor", "officer"):
        client = _as(people[name])
        assert 'name="figure-value"' not in client.get(_url(plan, "profile")).content.decode()
        assert 'name="gap_analysis"' not in client.get(_url(plan, "analyses")).content.decode()
        assert 'name="vision"' not in client.get(_url(plan, "vision")).content.decode()
        posts = [
            ("profile", {"action": "figure", "figure-key": "population", "figure-value": "1"}),
            ("analyses", {"action": "save", "gap_analysis": "x"}),
            ("vision", {"vision": "x"}),
            ("findings", {"action": "merge"}),
        ]
        for page, data in posts:
            assert client.post(_url(plan, page), data).status_code == 403, (name, page)
    plan.refresh_from_db()
    assert plan.vision == "" and plan.gap_analysis == ""
    assert not ProfileFigure.objects.exists()
    assert _as(people["other_coordinator"]).post(_url(plan, "vision"), {}).status_code == 404


def test_every_field_on_the_editing_pages_has_a_label(plan, people, users) -> None:  # type: ignore[no-untyped-def]
    services.save_finding(
        users["coordinator"],
        plan,
        services.FindingInput("problem", "Sinyal lemah", users["opd_officer"].opd_id),
    )
    client = _as(people["coordinator"])
    for page in [*PAGES, "findings/new"]:
        body = client.get(_url(plan, page)).content.decode()
        assert "<textarea" in body or "<select" in body, page
        assert not _labelled(body), (page, _labelled(body))


# Profile ---------------------------------------------------------------------------------


def test_coordinator_adds_changes_and_removes_a_profile_figure(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    data = {
        "action": "figure",
        "figure-key": "population",
        "figure-label": "",
        "figure-value": "801.718",  # written the Indonesian way
        "figure-unit": "jiwa",
        "figure-year": "2023",
        "figure-source": "BPS Kabupaten Batang",
    }
    response = client.post(_url(plan, "profile"), data)
    assert response.status_code == 302
    figure = ProfileFigure.objects.get(masterplan=plan)
    assert (figure.value, figure.year, figure.source) == (
        Decimal(801718),
        2023,
        data["figure-source"],
    )
    page = _text(client.get(_url(plan, "profile")))
    assert "801.718" in page and "BPS Kabupaten Batang" in page

    edit = client.get(_url(plan, "profile", f"?edit={figure.pk}")).content.decode()
    assert 'value="801718"' in edit
    client.post(_url(plan, "profile", f"?edit={figure.pk}"), {**data, "figure-year": "2024"})
    figure.refresh_from_db()
    assert figure.year == 2024 and ProfileFigure.objects.count() == 1

    client.post(_url(plan, "profile"), {"action": "delete", "figure": figure.pk})
    assert not ProfileFigure.objects.exists()
    assert (
        client.post(_url(plan, "profile"), {"action": "delete", "figure": "x"}).status_code == 404
    )


def test_a_bad_profile_figure_is_shown_with_its_errors_and_saves_nothing(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    client.cookies["django_language"] = "en"
    data = {
        "action": "figure",
        "figure-key": "other",
        "figure-label": "",
        "figure-value": "banyak",
        "figure-unit": "desa",
        "figure-year": "2023",
        "figure-source": "Diskominfo",
    }
    response = client.post(_url(plan, "profile"), data)
    assert response.status_code == 200
    body = _text(response)
    assert "Enter a number." in body
    assert "“Other” figures need a label" in body
    assert 'value="banyak"' in body and 'value="Diskominfo"' in body  # nothing typed is lost
    # The service's own rule (a future year) comes back next to its field.
    response = client.post(
        _url(plan, "profile"),
        {**data, "figure-key": "area", "figure-value": "788,95", "figure-year": "2099"},
    )
    assert "is in the future" in _text(response) and 'value="788,95"' in _text(response)
    assert not ProfileFigure.objects.exists()


def test_field_errors_speak_the_pages_language(plan, people) -> None:  # type: ignore[no-untyped-def]
    data = {"action": "figure", "figure-key": "population", "figure-value": "banyak"}
    body = _text(_as(people["coordinator"]).post(_url(plan, "profile"), data))  # Indonesian
    assert "Masukkan sebuah bilangan." in body and "Enter a number." not in body
    assert "Bidang ini tidak boleh kosong." in body  # the source left empty


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("801.718", Decimal(801718)),
        ("788,95", Decimal("788.95")),
        ("788.95", Decimal("788.95")),
        ("1.250.000,5", Decimal("1250000.5")),
        ("1,250,000.5", Decimal("1250000.5")),
        (" 12 500 ", Decimal(12500)),
    ],
)
def test_figures_are_read_as_people_in_indonesia_write_them(typed, value) -> None:  # type: ignore[no-untyped-def]
    field = IndonesianNumberField(max_digits=20, decimal_places=3)
    assert field.clean(typed) == value
    assert field.clean(field.prepare_value(value)) == value  # shown back, read the same


def test_leading_sectors_are_saved_and_shown_to_readers(plan, people) -> None:  # type: ignore[no-untyped-def]
    _as(people["coordinator"]).post(
        _url(plan, "profile"),
        {"action": "sectors", "sectors-leading_sectors": "Pertanian\nPariwisata\nIndustri"},
    )
    plan.refresh_from_db()
    assert plan.leading_sectors == "Pertanian\nPariwisata\nIndustri"
    assert (
        "<li>Pariwisata</li>" in _as(people["mentor"]).get(_url(plan, "profile")).content.decode()
    )


# Potentials and problems --------------------------------------------------------------


def test_an_opd_officer_adds_a_potential_for_their_own_opd_only(plan, people, other_opd) -> None:  # type: ignore[no-untyped-def]
    officer = people["officer"]
    client = _as(officer)
    form = client.get(_url(plan, "findings/new", "?kind=potential")).content.decode()
    assert f'value="{officer.opd_id}"' in form and f'value="{other_opd.pk}"' not in form
    data = {
        "kind": "potential",
        "title": "Jaringan serat optik ke puskesmas",
        "opd": officer.opd_id,
        "element": "health",
        "description": "21 puskesmas terhubung",
        "evidence": "",
    }
    refused = client.post(_url(plan, "findings/new"), {**data, "opd": other_opd.pk})
    assert refused.status_code == 200
    assert 'name="title" value="Jaringan serat optik ke puskesmas"' in refused.content.decode()
    assert not Finding.objects.exists()

    saved = client.post(_url(plan, "findings/new"), data)
    finding = Finding.objects.get()
    assert saved.status_code == 302 and saved["Location"].endswith(f"#potential-{finding.pk}")
    assert (finding.opd_id, finding.element.code) == (officer.opd_id, "health")
    listed = _text(client.get(saved["Location"]))
    assert f'id="potential-{finding.pk}"' in listed and "Jaringan serat optik" in listed


def test_an_opd_officer_edits_only_their_own_opds_entries(plan, people, other_opd) -> None:  # type: ignore[no-untyped-def]
    coordinator, officer = people["coordinator"], people["officer"]
    theirs = services.save_finding(
        coordinator, plan, services.FindingInput("problem", "Angkot sepi", other_opd.pk)
    )
    own = services.save_finding(
        coordinator, plan, services.FindingInput("problem", "Antrean panjang", officer.opd_id)
    )
    client = _as(officer)
    assert client.get(_url(plan, "findings", f"{theirs.pk}/")).status_code == 403
    assert client.post(_url(plan, "findings", f"{theirs.pk}/"), {"title": "x"}).status_code == 403
    listing = client.get(_url(plan, "findings")).content.decode()
    assert f"/findings/{own.pk}/" in listing and f"/findings/{theirs.pk}/" not in listing
    response = client.post(
        _url(plan, "findings", f"{own.pk}/"),
        {"kind": "problem", "title": "", "opd": officer.opd_id, "description": "baru"},
    )
    assert response.status_code == 200 and 'value="baru"' not in response.content.decode()
    assert "baru</textarea>" in response.content.decode()
    own.refresh_from_db()
    assert own.title == "Antrean panjang" and own.description == ""
    client.post(
        _url(plan, "findings", f"{own.pk}/"),
        {"kind": "problem", "title": "Antrean pendaftaran", "opd": officer.opd_id},
    )
    own.refresh_from_db()
    assert own.title == "Antrean pendaftaran"
    client.post(_url(plan, "findings", f"{own.pk}/"), {"action": "delete"})
    assert not Finding.objects.filter(pk=own.pk).exists()


def test_coordinator_merges_duplicates_and_sets_a_problem_aside(plan, people, other_opd) -> None:  # type: ignore[no-untyped-def]
    coordinator = people["coordinator"]
    client = _as(coordinator)

    def problem(title: str) -> Finding:
        return services.save_finding(
            coordinator, plan, services.FindingInput("problem", title, other_opd.pk)
        )

    keep, dup1, dup2, other = (
        problem(t) for t in ("Sinyal lemah", "Sinyal", "Blank spot", "Banjir")
    )
    nothing = client.post(_url(plan, "findings"), {"action": "merge", "keep": keep.pk})
    assert nothing.status_code == 200 and not Finding.objects.exclude(merged_into=None).exists()
    assert "checked" in re.search(rf'id="keep-{keep.pk}"[^>]*>', nothing.content.decode())[0]

    response = client.post(
        _url(plan, "findings"),
        {"action": "merge", "keep": keep.pk, "duplicates": [dup1.pk, dup2.pk, keep.pk]},
    )
    assert response.status_code == 302
    assert set(Finding.objects.filter(merged_into=keep)) == {dup1, dup2}
    listing = _text(client.get(_url(plan, "findings")))
    assert f'id="problem-{dup1.pk}"' not in listing and f'id="problem-{keep.pk}"' in listing

    empty = client.post(
        _url(plan, "findings"),
        {"action": "set_aside", "finding": other.pk, f"aside-{other.pk}-reason": ""},
    )
    assert empty.status_code == 200 and 'aria-invalid="true"' in empty.content.decode()
    client.post(
        _url(plan, "findings"),
        {
            "action": "set_aside",
            "finding": other.pk,
            f"aside-{other.pk}-reason": "Urusan BPBD provinsi",
        },
    )
    other.refresh_from_db()
    assert other.set_aside_reason == "Urusan BPBD provinsi"
    assert (
        _as(people["officer"])
        .post(_url(plan, "findings"), {"action": "set_aside", "finding": other.pk})
        .status_code
        == 403
    )


def test_findings_are_filtered_and_paginated_and_show_their_programs(
    plan, people, other_opd
) -> None:  # type: ignore[no-untyped-def]
    coordinator, officer = people["coordinator"], people["officer"]
    for n in range(60):
        services.save_finding(
            coordinator,
            plan,
            services.FindingInput(
                "problem" if n % 2 else "potential",
                f"Temuan {n:02d}",
                other_opd.pk if n % 3 else officer.opd_id,
                element="health" if n % 5 == 0 else None,
            ),
        )
    target = Finding.objects.get(title="Temuan 59")
    services.save_program(
        coordinator,
        plan,
        program_input(officer.opd_id, name="Satu Data Batang", problems=[target.pk]),
    )
    client = _as(coordinator)
    page = _text(client.get(_url(plan, "findings", "?kind=problem")))
    assert "Temuan 01" in page and "Temuan 02" not in page
    assert page.count('id="problem-') == 30
    health = _text(client.get(_url(plan, "findings", "?element=health")))
    assert health.count('id="p') == 12
    # A link to one entry opens the page it is on, with its programs listed.
    focused = _text(client.get(_url(plan, "findings", f"?finding={target.pk}")))
    assert f'id="problem-{target.pk}"' in focused and "Satu Data Batang" in focused
    assert "page=1" in focused  # the link back to the first page keeps working
    assert client.get(_url(plan, "findings", "?opd=999999&page=x")).status_code == 200


def test_content_pages_queries_do_not_grow_with_rows(plan, people, other_opd) -> None:  # type: ignore[no-untyped-def]
    coordinator = people["coordinator"]
    problems = [
        services.save_finding(
            coordinator, plan, services.FindingInput("problem", f"Masalah {n}", other_opd.pk)
        )
        for n in range(40)
    ]
    for n in range(5):
        services.save_program(
            coordinator,
            plan,
            program_input(other_opd.pk, name=f"Program {n}", problems=[p.pk for p in problems]),
        )
    for client, name in [
        (_as(coordinator), "page masterplan:findings (40 problems, coordinator)"),
        (_as(people["officer"]), "page masterplan:findings (40 problems, OPD officer)"),
    ]:
        with assert_queries(name):
            assert client.get(_url(plan, "findings")).status_code == 200
    services.save_goal(coordinator, plan, code="T1", text="Tata kelola")
    for page, name in [
        ("profile", "page masterplan:profile (coordinator)"),
        ("analyses", "page masterplan:analyses (coordinator)"),
        ("vision", "page masterplan:vision (5 programs, coordinator)"),
        ("findings/new", "page masterplan:finding-new (coordinator)"),
    ]:
        client = _as(coordinator)
        with assert_queries(name):
            assert client.get(_url(plan, page)).status_code == 200, page


# Analyses ----------------------------------------------------------------------------------


def _analyses_data(**extra: str) -> dict[str, str]:
    data = {
        "action": "save",
        "struktur-readiness": "3.25",
        "struktur-strengths": "Tim TIK solid",
        "gap_analysis": "Layanan belum terintegrasi",
        "rpjmd_vision": "Batang sejahtera",
        "rpjmd_missions": "",
        "rpjmd_first_year": "2022",
        "rpjmd_last_year": "2026",
    }
    data.update(extra)
    return data


def test_coordinator_saves_readiness_swot_gap_and_rpjmd_together(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    assert client.post(_url(plan, "analyses"), _analyses_data()).status_code == 302
    analysis = PillarAnalysis.objects.get(masterplan=plan)
    assert (analysis.pillar.code, analysis.readiness) == ("struktur", Decimal("3.25"))
    assert analysis.strengths == "Tim TIK solid"
    plan.refresh_from_db()
    assert (plan.gap_analysis, plan.rpjmd_first_year, plan.rpjmd_last_year) == (
        "Layanan belum terintegrasi",
        2022,
        2026,
    )
    # Readers see it, without forms.
    page = _text(_as(people["mentor"]).get(_url(plan, "analyses")))
    assert "Tim TIK solid" in page and "2022–2026" in page and "<textarea" not in page


def test_bad_analyses_input_saves_nothing_and_keeps_the_typing(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    client.cookies["django_language"] = "en"
    response = client.post(_url(plan, "analyses"), _analyses_data(**{"struktur-readiness": "7"}))
    body = _text(response)
    assert response.status_code == 200
    assert "less than or equal to 5" in body
    assert "Layanan belum terintegrasi</textarea>" in body
    # The service's rule on the RPJMD period is shown next to its field.
    response = client.post(_url(plan, "analyses"), _analyses_data(rpjmd_last_year="2030"))
    assert "five-year plan" in _text(response)
    assert not PillarAnalysis.objects.exists()
    plan.refresh_from_db()
    assert plan.gap_analysis == "" and plan.rpjmd_first_year is None


def test_prefill_fills_empty_readiness_from_the_assessment(plan, people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The published assessment itself is the content service's concern (and its tests').
    monkeypatch.setattr(
        analysis_services, "assessed_readiness", lambda region: {"struktur": Decimal("3.4")}
    )
    client = _as(people["coordinator"])
    client.cookies["django_language"] = "en"
    response = client.post(_url(plan, "analyses"), {"action": "prefill"}, follow=True)
    assert "The readiness of 1 pillar was filled in" in _text(response)
    assert 'value="3.40"' in _text(response) or 'value="3.4"' in _text(response)
    assert PillarAnalysis.objects.get().readiness == Decimal("3.4")


def test_prefill_without_an_assessment_says_so(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    client.cookies["django_language"] = "en"
    response = client.post(_url(plan, "analyses"), {"action": "prefill"}, follow=True)
    assert "Nothing was filled in" in _text(response)
    assert not PillarAnalysis.objects.exists()


def test_rpjmd_goals_are_added_changed_and_removed(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    client.cookies["django_language"] = "en"
    client.post(
        _url(plan, "analyses"), {"action": "goal", "goal-code": "T1", "goal-text": "Tata kelola"}
    )
    goal = RpjmdGoal.objects.get(masterplan=plan)
    duplicate = client.post(
        _url(plan, "analyses"), {"action": "goal", "goal-code": "t1", "goal-text": "Lagi"}
    )
    assert "already exists" in _text(duplicate) and RpjmdGoal.objects.count() == 1
    client.post(
        _url(plan, "analyses", f"?goal={goal.pk}"),
        {"action": "goal", "goal-code": "T1", "goal-text": "Tata kelola digital"},
    )
    goal.refresh_from_db()
    assert goal.text == "Tata kelola digital"
    client.post(_url(plan, "analyses"), {"action": "delete_goal", "goal": goal.pk})
    assert not RpjmdGoal.objects.exists()


# Vision ------------------------------------------------------------------------------------


def test_vision_strategies_and_roadmap_are_saved_in_one_go(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    data = {
        "vision": "Batang cerdas 2033",
        "missions": "Layanan digital\nEkonomi kreatif",
        "targets": "",
        "roadmap": "2024: fondasi",
        "implementation_steps": "",
        "strategy-health": "Rekam medis elektronik di semua puskesmas",
    }
    assert client.post(_url(plan, "vision"), data).status_code == 302
    plan.refresh_from_db()
    assert (plan.vision, plan.roadmap) == ("Batang cerdas 2033", "2024: fondasi")
    strategy = Strategy.objects.get(masterplan=plan)
    assert strategy.element.code == "health"
    page = _text(_as(people["officer"]).get(_url(plan, "vision")))
    assert "Rekam medis elektronik" in page and "<textarea" not in page
    # Emptying a strategy removes it.
    client.post(_url(plan, "vision"), {**data, "strategy-health": ""})
    assert not Strategy.objects.exists()


def test_too_long_vision_text_saves_nothing(plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["coordinator"])
    response = client.post(
        _url(plan, "vision"),
        {"vision": "x" * 20001, "strategy-health": "Strategi kesehatan"},
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert "Strategi kesehatan</textarea>" in response.content.decode()
    assert not Strategy.objects.exists()


# A plan in review ----------------------------------------------------------------------


@pytest.mark.parametrize("status", [MasterplanStatus.SUBMITTED, MasterplanStatus.LEGALISED])
def test_a_plan_in_review_or_final_is_read_only(plan, people, status) -> None:  # type: ignore[no-untyped-def]
    services.save_finding(
        people["coordinator"],
        plan,
        services.FindingInput("problem", "Sinyal lemah", people["officer"].opd_id),
    )
    Masterplan.objects.filter(pk=plan.pk).update(status=status)
    client = _as(people["coordinator"])
    client.cookies["django_language"] = "en"
    for page in PAGES:
        body = _text(client.get(_url(plan, page)))
        assert "cannot be edited" in body or "can no longer be edited" in body, page
        assert "<textarea" not in body and 'type="submit" class="btn btn-primary"' not in body, page
    response = client.post(_url(plan, "vision"), {"vision": "Baru"}, follow=True)
    assert "edited" in _text(response)
    plan.refresh_from_db()
    assert plan.vision == ""
    officer = _as(people["officer"])
    assert (
        officer.post(
            _url(plan, "findings/new"),
            {"kind": "potential", "title": "x", "opd": people["officer"].opd_id},
        ).status_code
        == 302
    )
    assert Finding.objects.count() == 1
