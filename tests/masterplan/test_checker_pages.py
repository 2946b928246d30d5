"""The checker over every chapter, as a coordinator meets it: a masterplan with programs
but empty chapters cannot be submitted, each empty chapter is named with a link to the
place to fix it, filling a chapter removes its finding, and the overview shows how the
completeness score is made up."""

import re

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.masterplan import services
from kotacerdas.masterplan.checker import CHAPTERS
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus
from tests.masterplan import conftest_workflow
from tests.masterplan.conftest_workflow import TEXTS, add_clean_programs, write_chapters
from tests.masterplan.pages import client_as, page_text, page_url

dinkes = conftest_workflow.dinkes

# Each empty chapter's message, and the page and anchor its link opens.
EMPTY_CHAPTERS = [
    ("The region profile has no figure yet", "profile", "h-figures"),
    ("No potential or problem is recorded yet", "findings", ""),
    ("No pillar has a readiness score yet", "analyses", "h-readiness"),
    ("The gap analysis is empty", "analyses", "h-gap"),
    ("The SWOT analysis is empty", "analyses", "h-readiness"),
    ("The alignment with the RPJMD is empty", "analyses", "h-rpjmd"),
    ("No RPJMD goal is recorded yet", "analyses", "goals"),
    ("The smart-city vision is empty", "vision", "text-vision"),
    ("The missions are empty", "vision", "text-missions"),
    ("The targets are empty", "vision", "text-targets"),
    ("No strategy is written yet", "vision", "h-strategies"),
    ("The 10-year roadmap is empty", "vision", "text-roadmap"),
    ("The implementation steps are empty", "vision", "text-implementation_steps"),
]


@pytest.fixture
def programs_only(users, batang, dinkes) -> Masterplan:  # type: ignore[no-untyped-def]
    """A masterplan with a clean program in every dimension and nothing else: started
    without the assessment, so no readiness is pre-filled."""
    plan = services.start_masterplan(users["coordinator"], batang, 2024)
    plan.pillar_analyses.all().delete()
    add_clean_programs(users["coordinator"], plan, dinkes)
    return plan


def _overview(plan: Masterplan) -> str:
    return f"/masterplans/{plan.pk}/"


def _errors(page: str) -> list[tuple[str, str]]:
    """(link, text) of each error the checker panel lists."""
    found = re.search(r'data-testid="checker-errors">(.*?)</ul>', page, re.S)
    listed = found.group(1) if found else ""
    more = re.search(r"Show all errors</summary><ul>(.*?)</ul>", page, re.S)
    listed += more.group(1) if more else ""
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', listed)


def _chapters(page: str) -> list[list[str]]:
    """The score table's rows, as the cells' plain text."""
    table = re.search(r'data-testid="checker-chapters">(.*?)</table>', page, re.S)
    assert table, "the score table is missing"
    body = table.group(1).split("<tbody>")[1].split("</tbody>")[0]
    return [
        [
            re.sub(r"<[^>]+>|[✓✗!]", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_programs_without_the_other_chapters_cannot_be_submitted(users, programs_only) -> None:  # type: ignore[no-untyped-def]
    plan, coordinator = programs_only, users["coordinator"]
    report = services.check_masterplan(plan)
    assert {f.code for f in report.errors} == {
        "no_profile_figures",
        "no_findings",
        "no_readiness",
        "no_gap_analysis",
        "no_swot",
        "no_rpjmd_alignment",
        "no_rpjmd_goals",
        "no_vision",
        "no_missions",
        "no_targets",
        "no_strategies",
        "no_roadmap",
        "no_implementation_steps",
    }
    with pytest.raises(ValidationError, match="The smart-city vision is empty"):
        services.submit(coordinator, plan)

    client = client_as(coordinator, "en")
    page = page_text(client.get(_overview(plan)))
    errors = _errors(page)
    assert len(errors) == len(EMPTY_CHAPTERS)
    for message, section, anchor in EMPTY_CHAPTERS:
        link = next((url for url, text in errors if text.startswith(message)), None)
        expected = page_url(plan, section) + (f"#{anchor}" if anchor else "")
        assert link == expected, message
        # The anchor is on the page it opens, for the editor and for a reader.
        if anchor:
            for user in (coordinator, users["mentor"]):
                target = client_as(user, "en").get(page_url(plan, section))
                assert f'id="{anchor}"' in target.content.decode(), (anchor, user)
    assert 'disabled aria-describedby="submit-blocked"' in page
    refused = client.post(page_url(plan, "workflow"), {"action": "submit"}, follow=True)
    assert "The checker still finds 13 errors" in page_text(refused)
    plan.refresh_from_db()
    assert plan.status == MasterplanStatus.DRAFT and not plan.versions.exists()


def test_filling_the_vision_removes_its_finding_and_allows_submission(  # type: ignore[no-untyped-def]
    users, plan, dinkes
) -> None:
    coordinator = users["coordinator"]
    refs = write_chapters(coordinator, plan, dinkes, leave_empty=("vision",))
    services.set_aside_problem(coordinator, plan.findings.get(pk=refs["problem"]), "Renstra.")
    add_clean_programs(coordinator, plan, dinkes)
    client = client_as(coordinator, "en")
    errors = _errors(page_text(client.get(_overview(plan))))
    assert errors == [
        (page_url(plan, "vision") + "#text-vision", "The smart-city vision is empty: write it.")
    ]

    response = client.post(
        page_url(plan, "vision"),
        {"vision": TEXTS["vision"]}
        | {name: TEXTS[name] for name in ("missions", "targets", "roadmap", "implementation_steps")}
        | _strategies(plan),
    )
    assert response.status_code == 302
    page = page_text(client.get(_overview(plan)))
    assert "The smart-city vision is empty" not in page and _errors(page) == []
    client.post(page_url(plan, "workflow"), {"action": "submit"})
    plan.refresh_from_db()
    assert plan.status == MasterplanStatus.SUBMITTED


def _strategies(plan: Masterplan) -> dict[str, str]:
    return {
        f"strategy-{code}": text
        for code, text in plan.strategies.values_list("element__code", "text")
    }


def test_thin_chapters_are_warnings_that_link_to_their_place(users, plan, dinkes) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    refs = write_chapters(coordinator, plan, dinkes)
    services.set_aside_problem(coordinator, plan.findings.get(pk=refs["problem"]), "Renstra.")
    add_clean_programs(coordinator, plan, dinkes)
    services.update_overview(coordinator, plan, roadmap="2024: mulai.", leading_sectors="")
    services.save_strategy(coordinator, plan, "health", "")
    report = services.check_masterplan(plan)
    assert report.can_submit
    page = page_text(client_as(coordinator, "en").get(_overview(plan)))
    warnings = re.search(r'data-testid="checker-warnings">(.*?)</ul>', page, re.S)
    assert warnings
    links = dict(
        (text.split(":")[0].split(" (")[0], url)
        for url, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', warnings.group(1))
    )
    assert links["The 10-year roadmap is very short"] == page_url(plan, "vision") + "#text-roadmap"
    assert links["The region profile names no leading sector yet."] == (
        page_url(plan, "profile") + "#h-sectors"
    )
    missing = [
        (url, text)
        for url, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', warnings.group(1))
        if "no strategy yet for" in text
    ]
    assert len(missing) == 1 and missing[0][0] == page_url(plan, "vision") + "#dimension-living"
    assert "Health" in missing[0][1]


def test_the_score_table_lists_every_chapter_with_its_weight(users, plan, dinkes) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    refs = write_chapters(coordinator, plan, dinkes, leave_empty=("vision",))
    services.set_aside_problem(coordinator, plan.findings.get(pk=refs["problem"]), "Renstra.")
    add_clean_programs(coordinator, plan, dinkes)
    services.update_overview(coordinator, plan, roadmap="2024: mulai.")
    page = page_text(client_as(coordinator, "en").get(_overview(plan)))
    assert "<caption" in page and "How the score is made up" in page
    assert '<th scope="col">Chapter</th>' in page and 'scope="row"' in page
    rows = _chapters(page)
    titles = [row[0] for row in rows]
    assert titles == [
        "Region profile",
        "Potentials and problems",
        "Readiness per pillar",
        "Gap analysis",
        "SWOT per pillar",
        "RPJMD alignment and goals",
        "Smart-city vision",
        "Missions",
        "Targets",
        "Strategy per element",
        "Programs",
        "Roadmap",
        "Implementation steps",
    ]
    assert [int(row[1]) for row in rows] == [weight for _code, weight in CHAPTERS]
    by_title = {row[0]: row for row in rows}
    assert by_title["Smart-city vision"][2:] == ["0", "Incomplete: 1 error"]
    assert by_title["Roadmap"][2:] == ["2.5", "Complete, 1 warning"]
    assert by_title["Targets"][2:] == ["5", "Complete"]
    # Six programs serve no RPJMD goal yet: advice, no points lost.
    assert by_title["Programs"][2:] == ["25", "Complete, 6 warnings"]
    # Each chapter's title links to its place.
    assert f'<a href="{page_url(plan, "vision")}#text-vision">Smart-city vision</a>' in page
    assert "Total" in page and ">92<" in page  # 100 - 5 (vision) - 2.5 (roadmap), rounded


def test_the_score_table_speaks_indonesian(users, plan, dinkes) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    write_chapters(coordinator, plan, dinkes)
    services.update_overview(coordinator, plan, roadmap="2024: mulai.")
    page = page_text(client_as(coordinator, "id").get(_overview(plan)))
    rows = {row[0]: row for row in _chapters(page)}
    assert "Bab" in page and "Bobot" in page
    assert rows["Peta jalan"][2:] == ["2,5", "Lengkap, 1 peringatan"]
    assert rows["Program"][3].startswith("Belum lengkap")
    assert "Visi smart city" in rows


def test_every_finding_speaks_in_words() -> None:
    """No finding falls back to its code, and lists are named, not coded."""
    from dataclasses import replace

    from kotacerdas.masterplan.checker import check
    from kotacerdas.masterplan.messages import describe
    from tests.masterplan.test_checker import CONTENT, EMPTY, _plan

    thin = replace(
        CONTENT,
        vision="Kota",
        missions="Satu",
        targets="Satu",
        gap_analysis="Singkat.",
        roadmap="Singkat.",
        implementation_steps="Singkat.",
        profile_keys=("population",),
        leading_sectors="",
        potentials=0,
        rpjmd_vision="",
        pillars=(replace(CONTENT.pillars[0], has_readiness=False, threats=""),),
    )
    findings = [
        *check(_plan(content=EMPTY, problems=[], programs=[])).findings,
        *check(_plan(content=EMPTY)).findings,
        *check(_plan(content=thin)).findings,
    ]
    for finding in findings:
        text = describe(finding)
        assert text != finding.code and "%(" not in text, finding
    texts = " ".join(describe(f) for f in findings)
    assert "Area, Regional GDP (PDRB), Regional budget (APBD)" in texts
    assert "lacks threats" in texts and "lacks the vision" in texts


def test_the_api_gives_the_score_make_up_per_chapter(users, programs_only) -> None:  # type: ignore[no-untyped-def]
    from tests.openapi import assert_matches_schema

    client = client_as(users["coordinator"])
    report = client.get(f"/api/v1/masterplans/{programs_only.pk}/check", HTTP_ACCEPT_LANGUAGE="en")
    assert_matches_schema(report)
    chapters = {c["code"]: c for c in report.json()["chapters"]}
    assert [(code, c["weight"]) for code, c in chapters.items()] == list(CHAPTERS)
    assert sum(c["weight"] for c in chapters.values()) == 100
    assert chapters["vision"]["title"] and not chapters["vision"]["complete"]
    assert chapters["programs"]["complete"]
    assert round(sum(c["points"] for c in chapters.values())) == report.json()["completeness"]
