"""`kotacerdas daily`: run the daily work now (the notification digest, deadline
reminders), whatever the hour. Work already run today is skipped unless `--force`.
The workers run it on their own once a day from KOTACERDAS_DAILY_HOUR (core.periodic);
this command is for cron without a worker, or for the operator."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotacerdas.core import periodic
from kotacerdas.core.models import PeriodicRun


class Command(BaseCommand):
    help = "Run the daily work now (digest, deadline reminders); --force runs it again today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run it even if it already ran today."
        )
        parser.add_argument(
            "--only", action="append", metavar="NAME", help="Run only this daily work (repeatable)."
        )
        parser.add_argument("--list", action="store_true", help="List the daily work and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        names = periodic.daily_names()
        if options["list"]:
            runs = {run.name: run for run in PeriodicRun.objects.filter(name__in=names)}
            for name in names:
                run = runs.get(name)
                last = run.last_run_on.isoformat() if run and run.last_run_on else "never"
                failed = f" (failed: {run.last_error})" if run and run.last_error else ""
                self.stdout.write(f"{name}: last run {last}{failed}")
            return
        if options["only"]:
            unknown = sorted(set(options["only"]) - set(names))
            if unknown:
                raise CommandError(
                    f"No daily work named {', '.join(unknown)}; there is: {', '.join(names)}"
                )
            names = [name for name in names if name in options["only"]]
        ran = periodic.run_daily(force=options["force"], names=names)
        errors: dict[str, str] = dict(
            PeriodicRun.objects.filter(name__in=ran)
            .exclude(last_error="")
            .values_list("name", "last_error")
        )
        for name in names:
            if name in errors:
                self.stderr.write(f"{name}: failed: {errors[name]}")
            elif name in ran:
                self.stdout.write(f"{name}: done")
            else:
                self.stdout.write(f"{name}: already ran today (--force to run it again)")
        if errors:
            raise CommandError(f"{len(errors)} daily work failed; see the log.")
