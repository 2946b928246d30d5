"""Server time of the masterplan editor pages for a masterplan of 150 programs.

Migrates its own database (var/bench by default; set KOTACERDAS_DATABASE_URL for
PostgreSQL), writes a synthetic 150-program masterplan for Kabupaten Batang, then times
each page through Django's test client (no network), signed in as the coordinator:
20 warm requests, median and 90th percentile, with the page's query count. Prints one
JSON object per line; the last line is the summary.
"""

import argparse
import json
import os
import platform
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from kotacerdas.accounts.models import User  # noqa: E402
from kotacerdas.core.roles import Role  # noqa: E402
from kotacerdas.masterplan.models import Masterplan  # noqa: E402
from kotacerdas.regions.models import Region  # noqa: E402
from kotacerdas.seed.synthetic import build_synthetic_masterplan  # noqa: E402


def time_page(client: Client, url: str, repeats: int) -> dict[str, float | int]:
    assert client.get(url).status_code == 200  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    settings.DEBUG = True  # count queries
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    # Pages link static files by name; the bench has not run collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    region = Region.objects.get(pk="33.25")
    Masterplan.objects.filter(region=region, first_year=2024).delete()
    plan = build_synthetic_masterplan(region, programs=args.programs)
    user, _ = User.objects.get_or_create(
        username="bench-coordinator",
        defaults={"role": Role.REGION_COORDINATOR, "region": region},
    )
    client = Client()
    client.force_login(user)
    program = plan.programs.first()
    assert program is not None
    pages = {
        "programs": f"/masterplans/{plan.pk}/programs/",
        "overview": f"/masterplans/{plan.pk}/",
        "program_form": f"/masterplans/{plan.pk}/programs/{program.pk}/",
    }
    summary: dict[str, object] = {"bench": "masterplan-editor", "programs": args.programs}
    for name, url in pages.items():
        figures = time_page(client, url, args.repeats)
        print(json.dumps({"bench": "masterplan-editor-page", "page": name, **figures}))
        summary[f"{name}_ms"] = figures["median_ms"]
        summary[f"{name}_queries"] = figures["queries"]
    summary["database"] = connection.vendor
    summary["machine"] = (
        f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
