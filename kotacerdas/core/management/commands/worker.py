"""`kotacerdas worker`: runs background jobs from the database queue, renews the leases
of the jobs it runs and reaps the jobs of workers that died (see core.jobs)."""

from argparse import BooleanOptionalAction
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the background job worker (django-tasks database backend)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run the queued jobs, then exit.")
        parser.add_argument(
            "--reload",
            action=BooleanOptionalAction,
            default=None,
            help="Restart on code changes (default: with KOTACERDAS_DEBUG). A supervised "
            "worker (systemd, the demo) runs with --no-reload: one process to watch.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from kotacerdas.core.jobs import Housekeeper, reap_orphaned_jobs

        # Jobs left running by a worker that died: queued again (or failed) before
        # this worker takes any; then every quarter lease while it runs.
        reap_orphaned_jobs()
        housekeeper = Housekeeper()
        housekeeper.start()
        extra = ["--batch"] if options["batch"] else []
        if options["reload"] is not None:
            extra.append("--reload" if options["reload"] else "--no-reload")
        try:
            call_command("db_worker", *extra)
        finally:
            housekeeper.stop()
