"""`kotacerdas serve`: the production web server (gunicorn), static files by WhiteNoise."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

# A Unix socket's path holds at most 107 bytes on Linux (fewer on BSD).
SOCKET_PATH_LIMIT = 100


def control_socket(port: int) -> str | None:
    """Gunicorn's control socket (for `gunicornc`) of this server: its own, under
    KOTACERDAS_VAR_DIR and named by port, never the user's shared default
    ($XDG_RUNTIME_DIR/gunicorn.ctl), where a second server on the machine would take
    the first one's over. None (no control socket) when the path would be too long."""
    path = Path(settings.VAR_DIR) / "run" / f"gunicorn-{port}.ctl"
    if len(str(path).encode()) > SOCKET_PATH_LIMIT:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (static files through WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default=None, help="Address to bind (default 127.0.0.1, or KOTACERDAS_HOST)."
        )
        parser.add_argument(
            "--port", type=int, default=None, help="Port (default KOTACERDAS_PORT, 8000)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Worker processes (default KOTACERDAS_WEB_WORKERS, 3).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        import os

        from gunicorn.app.base import BaseApplication

        from kotacerdas.wsgi import application

        host = options["host"] or os.environ.get("KOTACERDAS_HOST", "127.0.0.1")
        port = options["port"] or settings.PORT
        workers = options["workers"] or int(os.environ.get("KOTACERDAS_WEB_WORKERS", "3"))

        class Server(BaseApplication):
            def load_config(self) -> None:
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("accesslog", "-")
                self.cfg.set("timeout", 60)
                if "control_socket" in self.cfg.settings:  # gunicorn 25.1+
                    own = control_socket(port)
                    if own is None:
                        self.cfg.set("control_socket_disable", True)
                    else:
                        self.cfg.set("control_socket", own)

            def load(self) -> Any:
                return application

        self.stdout.write(f"Kota Cerdas: http://{host}:{port}/ ({workers} workers)")
        Server().run()
