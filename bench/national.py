"""Seeding national data and reading it back through the API.

Prints one JSON object per line: the seed time for all 514 regions x 35 OPDs, then the
server time of the busiest public and private reads (median of repeated requests).
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
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from kotacerdas.accounts.models import User  # noqa: E402
from kotacerdas.seed.national import seed_national  # noqa: E402


def timed(client: Client, url: str, repeat: int = 20) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return round(statistics.median(samples) * 1000, 2)


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    start = time.perf_counter()
    summary = seed_national(scale=1.0, seed=2023)
    seed_s = time.perf_counter() - start
    machine = f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    engine = django.db.connection.vendor
    print(
        json.dumps(
            {
                "bench": "seed-national",
                "database": engine,
                "regions": summary.regions,
                "opds": summary.opds,
                "users": summary.users,
                "seed_s": round(seed_s, 2),
                "machine": machine,
            }
        )
    )
    public = Client()
    office = Client()
    office.force_login(User.objects.get(username="syn-3325-coord"))
    results = {
        "regions_api_page_ms": timed(public, "/api/v1/regions?page_size=200&page=2"),
        "regions_search_ms": timed(public, "/api/v1/regions?q=kota&island_group=sulawesi"),
        "region_list_page_ms": timed(public, "/regions/?page=10"),
        "workspace_35_opds_ms": timed(office, "/regions/33.25/workspace/"),
        "opds_api_ms": timed(office, "/api/v1/regions/33.25/opds?page_size=50"),
    }
    print(json.dumps({"bench": "national", "database": engine, **results}))


if __name__ == "__main__":
    main()
