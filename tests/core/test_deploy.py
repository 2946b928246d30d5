"""The systemd units shipped in deploy/systemd run commands the platform has, restart
what dies, and are the ones docs/operations.md describes."""

import configparser
import importlib
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNITS / name)
    return parser


@pytest.mark.parametrize("name", ["kotacerdas-web.service", "kotacerdas-worker@.service"])
def test_units_restart_their_process_and_run_a_real_command(name: str) -> None:
    unit = _unit(name)
    service = unit["Service"]
    assert service["Restart"] == "always"
    assert service["EnvironmentFile"] == "/etc/kotacerdas/kotacerdas.env"
    program, command, *options = shlex.split(service["ExecStart"])
    assert program.endswith("/.venv/bin/kotacerdas")
    # The command exists and takes these options (argparse exits on unknown ones).
    module = importlib.import_module(f"kotacerdas.core.management.commands.{command}")
    module.Command().create_parser("kotacerdas", command).parse_args(options)
    assert name.split("@")[0].split(".")[0] in (ROOT / "docs/operations.md").read_text()


def test_a_worker_unit_gives_a_running_job_time_and_kills_its_helpers() -> None:
    service = _unit("kotacerdas-worker@.service")["Service"]
    assert service["KillMode"] == "mixed" and int(service["TimeoutStopSec"]) >= 60
    assert "--no-reload" in service["ExecStart"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_reads_the_units_without_complaint(tmp_path: Path) -> None:
    web = UNITS / "kotacerdas-web.service"
    worker = tmp_path / "kotacerdas-worker@1.service"  # an instance of the template
    worker.write_text((UNITS / "kotacerdas-worker@.service").read_text())
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", str(web), str(worker)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
    )
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "is not executable" not in line  # /srv/kotacerdas is not here
    ]
    assert complaints == []
