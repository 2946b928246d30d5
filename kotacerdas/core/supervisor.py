"""Keeping one child process running: `kotacerdas demo` supervises its job worker.

A production site leaves this to systemd (deploy/systemd/); the demo has only itself.
A child that exits is started again after a pause that doubles after each quick death
(1 s, 2 s, 4 s ... at most a minute), so a worker that cannot start does not spin; one
that ran for a while starts the count again. Every exit and start is logged.
"""

import logging
import subprocess
import threading
import time
from collections.abc import Sequence

logger = logging.getLogger(__name__)


class Supervisor:
    def __init__(
        self,
        argv: Sequence[str],
        name: str,
        *,
        first_delay: float = 1.0,
        max_delay: float = 60.0,
        stable_after: float = 60.0,
        poll: float = 0.5,
    ) -> None:
        self.argv = list(argv)
        self.name = name
        self.first_delay, self.max_delay = first_delay, max_delay
        self.stable_after, self.poll = stable_after, poll
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._started_at = 0.0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._watch, name=f"supervise {name}", daemon=True)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> "Supervisor":
        self._spawn()
        self._thread.start()
        return self

    def _spawn(self) -> None:
        self.process = subprocess.Popen(self.argv)  # noqa: S603 (our own command)
        self._started_at = time.monotonic()
        # The first start is told by whoever started the supervisor; restarts are news.
        logger.log(
            logging.INFO if self.restarts else logging.DEBUG,
            "%s started (pid %d).",
            self.name,
            self.process.pid,
        )

    def _watch(self) -> None:
        delay = self.first_delay
        while not self._stopped.wait(self.poll):
            process = self.process
            if process is None or process.poll() is None:
                continue
            ran = time.monotonic() - self._started_at
            if ran >= self.stable_after:
                delay = self.first_delay
            # A web server in this process may have collected the exit status first
            # (gunicorn waits for any child): then the code reads 0.
            code = process.returncode
            logger.warning(
                "%s (pid %d) stopped after %.0f s%s; starting a new one in %g s.",
                self.name,
                process.pid,
                ran,
                f" with exit code {code}" if code else "",
                delay,
            )
            if self._stopped.wait(delay):
                return
            self.restarts += 1
            self._spawn()
            delay = min(delay * 2, self.max_delay)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop watching, then stop the child: politely, then by force."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
