"""Running the `kotacerdas` command in a child process, as an operator would."""

import os
import subprocess
import sys
from pathlib import Path

KOTACERDAS = str(Path(sys.executable).with_name("kotacerdas"))


def operator_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """A production-like environment on a fresh SQLite database under var_dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOTACERDAS_")}
    env.update(
        KOTACERDAS_SECRET_KEY="process-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        KOTACERDAS_HTTPS="false",
        KOTACERDAS_VAR_DIR=str(var_dir),
        **extra,
    )
    return env


def kotacerdas(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [KOTACERDAS, *args], env=env, check=True, timeout=120, capture_output=True, text=True
    )
