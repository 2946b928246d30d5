"""Work beside this process in a forked child (core.forked): the child's result comes
back, its errors are raised here, a child that dies is replaced by doing the work here;
with one process configured, or other threads running, everything runs here."""

import os
import threading

import pytest
from django.test import override_settings

from kotacerdas.core.forked import beside, here

PARENT = os.getpid()


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def _fails(message: str) -> None:
    raise ValueError(message)


def _dies_in_a_child(number: int) -> tuple[int, int]:
    if os.getpid() != PARENT:
        os._exit(3)  # as if killed or out of memory
    return _pid_and_square(number)


@override_settings(DOCUMENT_PROCESSES=2)
def test_the_work_runs_in_a_child_and_its_result_comes_back() -> None:
    pending = beside(_pid_and_square, 12)
    pid, square = pending.result()
    assert square == 144 and pid != os.getpid()
    assert pending.result() == (pid, 144)  # asked again: the same answer, no new child


@override_settings(DOCUMENT_PROCESSES=2)
def test_an_error_in_the_child_is_raised_here() -> None:
    with pytest.raises(ValueError, match="no such chapter"):
        beside(_fails, "no such chapter").result()


@override_settings(DOCUMENT_PROCESSES=2)
def test_a_child_that_dies_is_replaced_by_doing_the_work_here(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert beside(_dies_in_a_child, 5).result() == (os.getpid(), 25)
    assert "child process died" in caplog.text


@override_settings(DOCUMENT_PROCESSES=2)
def test_a_process_running_other_threads_does_the_work_itself() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert beside(_pid_and_square, 4).result() == (os.getpid(), 16)
    finally:
        release.set()
        other.join()


@override_settings(DOCUMENT_PROCESSES=1)
def test_with_one_process_the_work_is_done_here_when_asked_for() -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(1)
        return os.getpid()

    pending = beside(work)
    assert calls == []
    assert pending.result() == os.getpid() and calls == [1]
    assert here(_pid_and_square, 3).result() == (os.getpid(), 9)
