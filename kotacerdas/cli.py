"""The `kotacerdas` console command: every Django management command, plus
`serve` and `worker` (kotacerdas/core/management), `demo` and `seed-national`
(kotacerdas/seed/management)."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

# Commands whose public name is not a valid Python module name.
ALIASES = {"seed-national": "seed_national"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    argv[0] = "kotacerdas"
    try:
        import django

        django.setup()
    except ImproperlyConfigured as error:
        sys.stderr.write(f"kotacerdas: {error}\n")
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
