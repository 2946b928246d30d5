"""Small faults of the masterplan pages (issue 10): another region's masterplan list says
nothing about it, and "Add a program" from an empty dimension opens the form on it."""

import re
from typing import Any

from django.test import Client

from kotacerdas.masterplan import services
from tests.masterplan.conftest import program_input


def _client(user: Any) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_another_regions_masterplan_list_is_not_found(users, batang, batanghari) -> None:  # type: ignore[no-untyped-def]
    outsider = _client(users["other_coordinator"])
    response = outsider.get(f"/masterplans/?region={batang.code}")
    assert response.status_code == 404
    assert "Batang" not in response.content.decode().replace("Batanghari", "")
    # An unassigned mentor learns nothing either; one's own region still says it.
    own = _client(users["coordinator"]).get(f"/masterplans/?region={batang.code}")
    assert own.status_code == 200 and "has no masterplan yet" in own.content.decode()
    assert (
        _client(users["program_office"]).get(f"/masterplans/?region={batang.code}").status_code
        == 200
    )
    assert (
        _client(users["mentor"]).get(f"/masterplans/?region={batanghari.code}").status_code == 404
    )


def test_add_a_program_from_an_empty_dimension_chooses_it(users, plan) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    services.save_program(officer, plan, program_input(officer.opd_id))  # health: society
    client = _client(users["coordinator"])
    page = client.get(f"/masterplans/{plan.pk}/programs/").content.decode()
    links = re.findall(r'href="([^"]*programs/new/\?dimension=governance)"', page)
    assert links, "the empty governance dimension links to a new program in it"
    form = client.get(links[0].replace("&amp;", "&")).content.decode()
    chosen = re.findall(r'<option value="([^"]+)"[^>]*selected', form.split('name="element"')[1])
    assert chosen and chosen[0] in _elements_of("governance")
    # Without a dimension nothing is chosen for the person.
    plain = client.get(f"/masterplans/{plan.pk}/programs/new/").content.decode()
    element_select = plain.split('name="element"')[1].split("</select>")[0]
    assert not re.search(r'<option value="[^"]+"[^>]*selected', element_select)


def _elements_of(dimension: str) -> set[str]:
    from kotacerdas.regions.models import DimensionElement

    return set(
        DimensionElement.objects.filter(dimension__code=dimension).values_list("code", flat=True)
    )
