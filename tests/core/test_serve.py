"""The production server, as an operator starts it: gunicorn + WhiteNoise, debug off."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

KOTACERDAS = str(Path(sys.executable).with_name("kotacerdas"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.status, response.read(), dict(response.headers)


@pytest.fixture
def server(tmp_path):  # type: ignore[no-untyped-def]
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOTACERDAS_")}
    env.update(
        KOTACERDAS_SECRET_KEY="serve-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        KOTACERDAS_HTTPS="false",
        KOTACERDAS_VAR_DIR=str(tmp_path),
        KOTACERDAS_PORT=str(port),
    )
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([KOTACERDAS, *command], env=env, check=True, timeout=120)  # noqa: S603
    process = subprocess.Popen(  # noqa: S603
        [KOTACERDAS, "serve", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(f"{base}/api/v1/provinces")
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_answers_with_all_regions_and_static_files(server: str) -> None:
    status, body, _ = _get(f"{server}/api/v1/regions")
    assert status == 200
    assert json.loads(body)["count"] == 514
    status, body, _ = _get(f"{server}/")
    assert b'<html lang="id">' in body
    status, css, _headers = _get(f"{server}/static/bootstrap/css/bootstrap.min.css")
    assert status == 200 and b"Bootstrap" in css[:200]
