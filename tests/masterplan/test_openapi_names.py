"""Each schema of the API has its own name (issue 10): django-ninja names an OpenAPI
component after its class, so two classes of one name share one component and one of
their responses breaks its own document."""

import typing
from typing import Any

from django.test import Client
from pydantic import BaseModel

from kotacerdas.api import api
from kotacerdas.masterplan import services
from tests.masterplan.conftest import program_input
from tests.openapi import assert_matches_schema


def _schema_classes() -> dict[str, set[type]]:
    """Every pydantic class of the platform an operation reads or answers, by name."""
    found: dict[str, set[type]] = {}

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            classes = found.setdefault(annotation.__name__, set())
            if annotation in classes:
                return
            classes.add(annotation)
            for field in annotation.model_fields.values():
                walk(field.annotation)
        for argument in typing.get_args(annotation):
            walk(argument)

    for router in api._get_bound_routers():
        for view in router.path_operations.values():
            for operation in view.operations:
                for model in [*operation.response_models.values(), *operation.models]:
                    walk(model)
    return {
        name: {c for c in classes if c.__module__.startswith("kotacerdas")}
        for name, classes in found.items()
    }


def test_no_two_schemas_share_a_name(db) -> None:  # type: ignore[no-untyped-def]
    shared = {
        name: sorted(f"{c.__module__}.{c.__qualname__}" for c in classes)
        for name, classes in _schema_classes().items()
        if len(classes) > 1
    }
    assert not shared


def test_a_review_comment_matches_its_document(users, plan) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    services.save_program(officer, plan, program_input(officer.opd_id))
    client = Client()
    client.force_login(users["mentor"])
    response = client.post(
        f"/api/v1/masterplans/{plan.pk}/comments",
        {"body": "Lengkapi indikator outcome.", "section": "programs"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert_matches_schema(response)
