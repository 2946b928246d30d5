"""Faults a hostile reviewer found on the masterplan side (issue 10)."""

import io
from typing import Any

import docx
import pytest
from django.test import Client
from django.utils import translation

from kotacerdas.core.models import JobStatus
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, Program
from kotacerdas.regions.models import Region
from kotacerdas.seed.synthetic import build_synthetic_masterplan
from tests.masterplan.test_data_limits import _form

HOSTILE = "Kota\x01 pintar\x0b untuk\x1b semua\uffff"


@pytest.fixture
def small_plan(users: dict[str, Any], batang: Region) -> Masterplan:
    return build_synthetic_masterplan(batang, programs=6, seed=3)


@pytest.mark.parametrize("summary", [False, True])
def test_control_characters_in_free_text_do_not_break_the_docx(
    users: dict[str, Any],
    small_plan: Masterplan,
    django_capture_on_commit_callbacks: Any,
    summary: bool,
) -> None:
    Masterplan.objects.filter(pk=small_plan.pk).update(
        vision=HOSTILE, roadmap=HOSTILE, gap_analysis=HOSTILE, foreword=HOSTILE
    )
    small_plan.refresh_from_db()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = services.request_document(
            users["coordinator"], small_plan, fmt="docx", summary=summary
        )
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(job.result_file.read())).paragraphs)
    assert "Kota pintar untuk semua" in text


@pytest.mark.parametrize("field", ["supporting_opds", "problems", "goals", "lead_opd"])
@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809"])
def test_an_id_past_the_database_is_a_form_error(
    users: dict[str, Any], plan: Masterplan, field: str, value: str
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(users["coordinator"])
    data = _form(users["opd_officer"].opd_id, **{field: value})
    response = client.post(f"/masterplans/{plan.pk}/programs/new/", data)
    assert response.status_code == 200
    assert "pilihan yang valid" in response.content.decode()  # Django's "Select a valid choice"
    assert not Program.objects.exists()


@pytest.mark.parametrize("field", ["problems", "goals"])
def test_problems_or_goals_not_of_this_masterplan_are_a_422(
    users: dict[str, Any], plan: Masterplan, field: str
) -> None:
    from tests.masterplan.test_data_limits import _body

    client = Client(raise_request_exception=False)
    client.force_login(users["coordinator"])
    body = {**_body(users["opd_officer"].opd_id), field: [987654]}
    response = client.post(
        f"/api/v1/masterplans/{plan.pk}/programs", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert [f["field"] for f in response.json()["error"]["fields"]] == [field]
    assert "987654" in response.json()["error"]["fields"][0]["message"]
    assert not Program.objects.exists()
