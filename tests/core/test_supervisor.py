"""The demo's job worker is supervised: when it dies a new one starts, with a growing
pause after each quick death, and it stops with the demo."""

import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from kotacerdas.core.supervisor import Supervisor
from tests.core.test_serve import _free_port
from tests.processes import KOTACERDAS, operator_env

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet collected) is not alive either.
    status = Path(f"/proc/{pid}/stat")
    return not status.exists() or status.read_text().split(") ", 1)[1][0] != "Z"


def _wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"not within {seconds} s: {what}")


def test_a_killed_child_is_replaced_and_stopped_with_the_supervisor(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, "kotacerdas.core.supervisor")
    supervisor = Supervisor(SLEEPER, "Sleeper", first_delay=0.1, poll=0.05).start()
    first = supervisor.pid
    assert first is not None and _alive(first)
    try:
        os.kill(first, signal.SIGKILL)
        _wait_for(lambda: supervisor.pid != first, 5, "a new child")
        second = supervisor.pid
        assert second is not None and _alive(second) and supervisor.restarts == 1
    finally:
        supervisor.stop()
    assert not _alive(second)
    logged = caplog.text
    assert f"Sleeper (pid {first}) stopped" in logged
    assert f"Sleeper started (pid {second})" in logged


def test_a_child_that_keeps_dying_is_restarted_ever_more_slowly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, "kotacerdas.core.supervisor")
    crashing = [sys.executable, "-c", "raise SystemExit(3)"]
    supervisor = Supervisor(crashing, "Crasher", first_delay=0.05, max_delay=0.2, poll=0.02)
    supervisor.start()
    try:
        _wait_for(lambda: supervisor.restarts >= 4, 10, "four restarts")
    finally:
        supervisor.stop()
    pauses = re.findall(r"with exit code 3; starting a new one in ([\d.]+) s", caplog.text)
    assert [float(p) for p in pauses[:4]] == [0.05, 0.1, 0.2, 0.2]


@pytest.mark.slow
def test_the_demo_starts_a_new_worker_when_its_worker_is_killed(tmp_path: Path) -> None:
    # Debug on: static files are served uncompressed, so the demo starts in seconds.
    env = operator_env(
        tmp_path,
        KOTACERDAS_PORT=str(_free_port()),
        KOTACERDAS_DEBUG="true",
        PYTHONUNBUFFERED="1",
    )
    demo = subprocess.Popen(  # noqa: S603
        [KOTACERDAS, "demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(demo.stdout or []), daemon=True)
    reader.start()

    def pids() -> list[int]:
        found = [re.search(r"Background job worker started \(pid (\d+)\)", line) for line in lines]
        return [int(match.group(1)) for match in found if match]

    try:
        _wait_for(lambda: pids(), 180, "the demo starts its worker")
        first = pids()[0]
        os.kill(first, signal.SIGKILL)
        _wait_for(lambda: len(set(pids())) >= 2, 30, "a new worker")
        second = next(pid for pid in pids() if pid != first)
        assert _alive(second)
        assert any(f"Background job worker (pid {first}) stopped" in line for line in lines)
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
            raise
    _wait_for(lambda: not _alive(second), 15, "the worker stops with the demo")
