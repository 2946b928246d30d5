"""The work inbox and the public record at national scale.

Seeds `seed-national` (514 regions x 35 OPDs, a cohort of 200 assessed applications, 10
masterplans of 150 programs), then times the inbox page and its navbar count for each
role (median server time of repeated requests, and the queries one request makes), the
notification list, the landing page with its funnel and a region's public page. Prints
one JSON object per line; the last one holds every figure.
"""

import json
import os
import platform
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from kotacerdas.accounts.models import User  # noqa: E402
from kotacerdas.core.roles import Role  # noqa: E402
from kotacerdas.masterplan.models import Masterplan  # noqa: E402
from kotacerdas.program.models import AssessorAssignment  # noqa: E402


def timed(client: Client, url: str, repeat: int = 10) -> tuple[float, int]:
    """Median milliseconds of `repeat` requests, and the queries of one."""
    queries: list[str] = []

    def counted(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 2), len(queries)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not User.objects.filter(username="syn-office").exists():
        call_command("seed_national", verbosity=0)
    office = User.objects.get(username="syn-office")
    busiest = (
        AssessorAssignment.objects.values("assessor_id")
        .order_by()
        .annotate(n=django.db.models.Count("pk"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None
    assessor = User.objects.get(pk=busiest["assessor_id"])
    plan = (
        Masterplan.objects.annotate(n=django.db.models.Count("programs"))
        .order_by("-n", "region_id")
        .first()
    )
    assert plan is not None
    coordinator = User.objects.filter(region=plan.region, role=Role.REGION_COORDINATOR).first()
    assert coordinator is not None
    mentor, _ = User.objects.get_or_create(username="bench-mentor", role=Role.MENTOR)
    mentor.assigned_regions.set(Masterplan.objects.values_list("region_id", flat=True))
    figures: dict[str, object] = {
        "bench": "inbox",
        "database": connection.vendor,
        "regions": 514,
        "assessor_assignments": busiest["n"],
        "masterplan_programs": plan.programs.count(),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    for role, user in (
        ("office", office),
        ("assessor", assessor),
        ("mentor", mentor),
        ("coordinator", coordinator),
    ):
        client = signed_in(user)
        figures[f"inbox_{role}_ms"], figures[f"inbox_{role}_queries"] = timed(client, "/my-work/")
        figures[f"count_{role}_ms"], _queries = timed(client, "/my-work/count/")
        print(
            json.dumps(
                {"bench": "inbox", "role": role, **{k: v for k, v in figures.items() if role in k}}
            )
        )
    figures["notifications_ms"], _queries = timed(
        signed_in(coordinator), "/accounts/notifications/"
    )
    anonymous = Client()
    figures["home_ms"], figures["home_queries"] = timed(anonymous, "/")
    figures["region_public_ms"], figures["region_public_queries"] = timed(
        anonymous, f"/regions/{plan.region_id}/"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
