"""CPU-bound work on the machine's second core, in a forked child of this process.

    pending = beside(lay_out, content, html)   # starts now, in a child
    ...                                        # this process goes on with its own share
    result = pending.result()                  # waits for the child, raises what it raised

A fork inherits the warm interpreter (Django, templates, fonts, matplotlib) and the
arguments as they are in memory, so the child starts in milliseconds and nothing is
copied to it; only its result crosses back, pickled through a pipe. The child must not
touch the database: the connection it inherits belongs to the parent.

With `DOCUMENT_PROCESSES = 1`, where fork does not exist, or in a process that runs
other threads, the work runs in this process when its result is asked for: same result,
one core. A child that dies (killed,
out of memory) is replaced by doing its work here.
"""

import logging
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, ParamSpec, TypeVar

from django.conf import settings

T = TypeVar("T")
P = ParamSpec("P")
logger = logging.getLogger(__name__)


class ChildError(RuntimeError):
    """An error in the child that could not be sent back as itself."""


def can_fork() -> bool:
    """Configured for more than one process, and safe: forking a process that runs other
    threads (a threaded web server running jobs itself) can leave the child waiting on a
    lock another thread held, so such a process does the work itself. A thread marked
    ``fork_safe`` (a job worker's housekeeper, which only waits and updates a few rows)
    does not count."""
    others = [
        thread
        for thread in threading.enumerate()
        if thread is not threading.current_thread() and not getattr(thread, "fork_safe", False)
    ]
    return (
        getattr(settings, "DOCUMENT_PROCESSES", 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and not others
    )


class Pending(Generic[T]):
    """The result of a call, computed in a child process or, when first asked for, here."""

    def __init__(
        self,
        call: Callable[[], T],
        child: tuple[BaseProcess, Connection] | None = None,
    ) -> None:
        self._call, self._child = call, child
        self._done = False
        self._value: T | None = None

    def result(self) -> T:
        if not self._done:
            self._value, self._done = self._collect(), True
        return self._value  # type: ignore[return-value]

    def _collect(self) -> T:
        if self._child is None:
            return self._call()
        process, receiver = self._child
        try:
            outcome, value = receiver.recv()
        except EOFError:
            logger.warning("a child process died; doing its work in process %s", os.getpid())
            return self._call()
        finally:
            receiver.close()
            process.join()
        if outcome == "error":
            raise value
        return value


def _run_and_send(call: Callable[[], Any], sender: Connection) -> None:
    """In the child: the call's result, or its error, back through the pipe."""
    try:
        outcome: tuple[str, Any] = ("ok", call())
    except Exception as error:  # every error goes back to the parent
        outcome = ("error", error)
    try:
        sender.send(outcome)
    except Exception:  # an error that does not pickle
        sender.send(("error", ChildError(traceback.format_exc())))
    sender.close()


def beside(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Pending[T]:
    """`fn(*args, **kwargs)` started now in a forked child (see the module's docstring)."""
    call = partial(fn, *args, **kwargs)
    if not can_fork():
        return Pending(call)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_and_send, args=(call, sender), daemon=True)
    process.start()
    sender.close()  # the child holds its end: end of file here when it ends
    return Pending(call, (process, receiver))


def here(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Pending[T]:
    """The same interface for work that stays in this process, done when first asked for."""
    return Pending(partial(fn, *args, **kwargs))
