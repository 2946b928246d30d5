"""Schemathesis against /api/v1/openapi.json: every operation, with generated valid and
invalid input, as the program office, as a region coordinator and anonymously, on the
demo data. Any 5xx, or an answer the document does not describe, fails.

Bounded to a few examples per operation so the run takes a minute or two; the examples
are derandomised, so a failure repeats on the next run until it is fixed."""

import copy
from collections.abc import Callable, Iterator
from typing import Any

import hypothesis
import hypothesis.errors
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kotacerdas.accounts.models import User
from kotacerdas.accounts.services import create_token
from tests import openapi

pytestmark = pytest.mark.slow  # about 90 s of generated API calls

# Examples per operation: valid input (demo ids mixed in), then invalid input. Fewer
# anonymously, where nearly every answer is the same 401.
EXAMPLES = {"program_office": (6, 3), "region_coordinator": (6, 3), "anonymous": (3, 2)}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Region codes the demo fills (Batang has everything; Batanghari is another region).
REGIONS = ["33.25", "15.04"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The demo data, loaded once for this module and rolled back after it; each test
    and each example runs in a savepoint inside it."""
    from kotacerdas.seed.accounts import SEED_REGIONS, load_demo
    from kotacerdas.seed.masterplan import load_masterplan_demo
    from kotacerdas.seed.program import load_program_demo

    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        load_demo()
        load_program_demo(User.objects.get(username="kantor.program"), SEED_REGIONS)
        load_masterplan_demo()
        yield
        transaction.set_rollback(True)


def _real_values() -> dict[str, list[Any]]:
    """Path parameters that name objects of the demo, so calls reach real rows, not
    only 404s: a few of each, Batang's among them."""
    from kotacerdas.bimtek import models as guidance
    from kotacerdas.core.models import Job
    from kotacerdas.masterplan import models as plans
    from kotacerdas.program import models as program
    from kotacerdas.regions.models import OPD, Pillar, PillarElement

    def ids(queryset: Any, field: str = "pk", count: int = 3) -> list[Any]:
        return list(queryset.order_by(field).values_list(field, flat=True)[:count])

    batang_plans = plans.Masterplan.objects.filter(region_id=REGIONS[0])
    return {
        "code": REGIONS,
        "region_code": REGIONS,
        "opd_id": ids(OPD.objects.filter(region_id__in=REGIONS)),
        "job_id": [str(pk) for pk in ids(Job.objects.all())],
        "year": ids(program.Cohort.objects.all(), "year"),
        "application_id": ids(program.Application.objects.filter(region_id__in=REGIONS)),
        "criterion": ids(program.RubricCriterion.objects.all(), "code"),
        "assignment_id": ids(program.AssessorAssignment.objects.all()),
        "run_id": ids(program.SelectionRun.objects.all()) + ids(guidance.ScheduleRun.objects.all()),
        "stage_id": ids(guidance.GuidanceStage.objects.all()),
        "guidance_id": ids(guidance.GuidanceRegion.objects.filter(region_id__in=REGIONS)),
        "visit_id": ids(guidance.GuidanceVisit.objects.filter(guidance__region_id__in=REGIONS)),
        "session_id": ids(
            guidance.GuidanceSession.objects.filter(visit__guidance__region_id__in=REGIONS)
        ),
        "group_id": ids(guidance.OPDGroup.objects.all()),
        "mentor_id": ids(guidance.MentorProfile.objects.all(), "user_id"),
        "decision_id": ids(program.SelectionDecision.objects.all()),
        "agreement_id": ids(program.Agreement.objects.filter(application__region_id__in=REGIONS)),
        "kind": list(program.BodyKind.values),
        "masterplan_id": ids(plans.Masterplan.objects.all()) + ids(batang_plans),
        "program_id": ids(plans.Program.objects.filter(masterplan__in=batang_plans)),
        "figure_id": ids(plans.ProfileFigure.objects.all()),
        "finding_id": ids(plans.Finding.objects.all()),
        "goal_id": ids(plans.RpjmdGoal.objects.all()),
        "comment_id": ids(plans.ReviewComment.objects.all()),
        "pillar_code": ids(Pillar.objects.all(), "code"),
        "element_code": ids(PillarElement.objects.all(), "code"),
    }


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django as a WSGI app in this thread and transaction. Its request signals would
    close the test's connection (and with it the savepoints), as the test client knows."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _with_real_ids(strategy: Any, names: list[str], real: dict[str, list[Any]]) -> Any:
    """Cases whose path parameters are, half the time, ids of demo objects."""
    choices = {name: real[name] for name in names if real.get(name)}
    if not choices:
        return strategy

    def replace(drawn: tuple[Any, dict[str, Any], bool]) -> Any:
        case, values, use = drawn
        if use:
            case.path_parameters = {**(case.path_parameters or {}), **values}
        return case

    values = st.fixed_dictionaries({name: st.sampled_from(v) for name, v in choices.items()})
    return st.tuples(strategy, values, st.booleans()).map(replace)


def _run(operation: Any, strategy: Any, examples: int, call: Callable[[Any], None]) -> str | None:
    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @hypothesis.given(case=strategy)
    def test(case: Any) -> None:
        call(case)

    try:
        test()
    except hypothesis.errors.Unsatisfiable:
        return None  # no invalid input exists: an operation with no parameters
    except (Exception, BaseExceptionGroup) as error:  # schemathesis' FailureGroup is the latter
        return f"{operation.label}:\n{_described(error)}"
    return None


def _described(error: BaseException) -> str:
    """The failure as schemathesis words it, with the curl line that repeats it."""
    return "\n".join([str(error), *getattr(error, "__notes__", [])])


@pytest.mark.parametrize("who", list(EXAMPLES))
def test_the_api_keeps_to_its_document(demo, db, wsgi_app, who) -> None:  # type: ignore[no-untyped-def]
    usernames = {"program_office": "kantor.program", "region_coordinator": "batang.kominfo"}
    headers = {}
    if who in usernames:
        _token, raw = create_token(User.objects.get(username=usernames[who]), "schemathesis")
        headers["Authorization"] = f"Bearer {raw}"
    real = _real_values()
    schema = schemathesis.openapi.from_dict(copy.deepcopy(openapi.spec_dict()))

    def call(case: Any) -> None:
        if headers:
            # A machine with a token sends no session cookie; a made-up one would meet the
            # session's CSRF check first (403, tried anonymously) and never reach the route.
            case.cookies = {}
        # Each example starts from the demo data as loaded: a DELETE does not starve the rest.
        with transaction.atomic():
            response = case.call(app=wsgi_app, headers=headers)
            transaction.set_rollback(True)
        case.validate_response(response, checks=CHECKS, headers=headers)

    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        names = [parameter.name for parameter in operation.path_parameters]
        positive = _with_real_ids(operation.as_strategy(), names, real)
        negative = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
        for strategy, examples in zip((positive, negative), EXAMPLES[who], strict=True):
            failure = _run(operation, strategy, examples, call)
            if failure:
                failures.append(failure)
                break
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)
