"""`kotacerdas seed-national`: synthetic national data for benchmarks and load tests."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotacerdas.accounts.services import no_emails
from kotacerdas.seed.national import MASTERPLAN_PROGRAMS, seed_masterplans, seed_national
from kotacerdas.seed.national_bimtek import seed_guidance
from kotacerdas.seed.program import seed_applicants


class Command(BaseCommand):
    help = "Create deterministic synthetic data at national scale (all 514 regions at --scale 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Share of regions, 0 < scale <= 1 (default 1)."
        )
        parser.add_argument("--seed", type=int, default=2023, help="Random seed (default 2023).")
        parser.add_argument("--opds", type=int, default=35, help="OPDs per region (default 35).")
        parser.add_argument(
            "--applicants",
            type=int,
            default=200,
            help="Assessed applications in the synthetic cohort 2099 (default 200).",
        )
        parser.add_argument(
            "--masterplans",
            type=int,
            default=10,
            help=f"Regions that get a synthetic masterplan of {MASTERPLAN_PROGRAMS} programs "
            "(default 10).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with no_emails():  # synthetic people get no email
            try:
                summary = seed_national(options["scale"], options["seed"], options["opds"])
                masterplans = seed_masterplans(
                    options["masterplans"], options["seed"], scale=options["scale"]
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
            cohort = seed_applicants(options["applicants"], options["seed"])
            sessions = seed_guidance(cohort, seed=options["seed"])
        self.stdout.write(
            f"Seeded {summary.regions} regions: {summary.opds} OPDs, {summary.users} synthetic "
            f"accounts; cohort {cohort.year} has {cohort.applications.count()} applications; "
            f"{masterplans} new masterplans of {MASTERPLAN_PROGRAMS} programs; "
            f"{sessions} new guidance sessions."
        )
