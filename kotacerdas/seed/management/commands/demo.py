"""`kotacerdas demo`: migrate, load regions and demo data, print the accounts, serve."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from kotacerdas.accounts.models import User
from kotacerdas.accounts.services import no_emails
from kotacerdas.core.roles import Role
from kotacerdas.seed.accounts import (
    DEMO_PASSWORD,
    SEED_REGIONS,
    load_demo,
    program_demo_accounts,
)
from kotacerdas.seed.bimtek import load_bimtek_demo
from kotacerdas.seed.masterplan import load_masterplan_demo
from kotacerdas.seed.program import load_program_demo


class Command(BaseCommand):
    help = "Prepare the database with the real regions and demo data, then serve the platform."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the data, do not serve."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        with no_emails():  # people find the demo's work in their inbox, not by email
            accounts = load_demo()
            office = User.objects.get(username="kantor.program")
            if load_program_demo(office, SEED_REGIONS):
                self.stdout.write(
                    "Demo cohort 2023: 120 applications, selection published, agreements."
                )
            if load_masterplan_demo():
                self.stdout.write(
                    "Demo masterplans: Batang approved, Musi Rawas submitted for review, "
                    "three regions in draft."
                )
            if load_bimtek_demo(office):
                self.stdout.write(
                    "Demo guidance 2023: the optimised plan for the seed regions, stages I-II "
                    "held and signed off, stage III under way in Batang and Batanghari."
                )
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Accounts (password for all: {DEMO_PASSWORD}):")
        )
        roles = list(Role.values)
        accounts = sorted(accounts + program_demo_accounts(), key=lambda a: roles.index(a.role))
        for account in accounts:
            region = f" [{account.region}]" if account.region else ""
            self.stdout.write(
                f"  {account.username:<24} {account.role:<20}{region} {account.description}"
            )
        if not options["no_serve"]:
            self._serve_with_a_job_worker()

    def _serve_with_a_job_worker(self) -> None:
        """Exports and documents are background jobs: run one worker beside the web
        server for as long as the demo serves, as a deployment would, and start it again
        if it dies (as systemd does in production)."""
        import sys

        from kotacerdas.core.supervisor import Supervisor

        worker = Supervisor(
            [sys.executable, "-m", "kotacerdas.cli", "worker", "--no-reload"],
            "Background job worker",
        ).start()
        self.stdout.write(f"Background job worker started (pid {worker.pid}).")
        self.stdout.flush()
        try:
            call_command("serve", workers=2, port=settings.PORT)
        finally:
            worker.stop()
