"""The production server, as an operator starts it: gunicorn + WhiteNoise, debug off."""

import json
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.processes import KOTACERDAS, kotacerdas, operator_env

pytestmark = pytest.mark.slow  # starts `kotacerdas serve`


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
    env = operator_env(tmp_path, KOTACERDAS_PORT=str(port))
    kotacerdas(env, "migrate", "-v0")
    kotacerdas(env, "collectstatic", "--noinput", "-v0")
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


def test_two_servers_on_one_machine_each_have_their_own_control_socket(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """gunicorn's control socket defaults to one path per user ($XDG_RUNTIME_DIR or
    ~/.gunicorn): a second server would take the first one's over. Each has its own,
    under KOTACERDAS_VAR_DIR, and answers for itself."""
    from gunicorn.ctl.client import ControlClient

    shared = tmp_path / "runtime"
    shared.mkdir()
    env = operator_env(tmp_path / "var", XDG_RUNTIME_DIR=str(shared), HOME=str(tmp_path))
    kotacerdas(env, "migrate", "-v0")
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(  # noqa: S603
            [KOTACERDAS, "serve", "--workers", "1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        sockets = [tmp_path / "var" / "run" / f"gunicorn-{port}.ctl" for port in ports]
        for port, socket_path in zip(ports, sockets, strict=True):
            for _ in range(150):
                try:
                    _get(f"http://127.0.0.1:{port}/api/v1/provinces")
                    if socket_path.exists():
                        break
                except OSError:
                    pass
                time.sleep(0.1)
        for server, socket_path in zip(servers, sockets, strict=True):
            with ControlClient(str(socket_path), timeout=10) as client:
                answer = client.send_command("show all")
            assert answer["arbiter"]["pid"] == server.pid
        assert not list(shared.iterdir())  # the shared default is left alone
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
