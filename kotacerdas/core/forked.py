"""CPU-bound work on the machine's second core, in a forked child of this process.

    pending = beside(render_chapter, html)   # starts now, in a child
    ...                                      # this process goes on with its own share
    result = pending.result()                # waits for the child, raises what it raised

A fork inherits the warm interpreter (Django, templates, fonts, matplotlib), so the child
starts in milliseconds instead of importing everything again. The child must not touch
the database: the connection it inherits belongs to the parent. Arguments and results
cross by pickling, so keep them plain (strings, bytes, dataclasses).

With `DOCUMENT_PROCESSES = 1` (or where fork does not exist) the work runs in this
process when its result is asked for: same result, one core.
"""

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Generic, ParamSpec, TypeVar

from django.conf import settings

T = TypeVar("T")
P = ParamSpec("P")
logger = logging.getLogger(__name__)


def can_fork() -> bool:
    return (
        getattr(settings, "DOCUMENT_PROCESSES", 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


class Pending(Generic[T]):
    """The result of a call, computed in a child process or, when first asked for, here."""

    def __init__(
        self,
        call: Callable[[], T],
        future: "Future[T] | None" = None,
        executor: ProcessPoolExecutor | None = None,
    ) -> None:
        self._call, self._future, self._executor = call, future, executor
        self._done = False
        self._value: T | None = None

    def result(self) -> T:
        if not self._done:
            self._value, self._done = self._collect(), True
        return self._value  # type: ignore[return-value]

    def _collect(self) -> T:
        if self._future is None:
            return self._call()
        try:
            return self._future.result()
        except BrokenProcessPool:
            # The child died (killed, out of memory): do its share here rather than fail.
            logger.warning("a child process died; doing its work in process %s", os.getpid())
            return self._call()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)


def beside(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Pending[T]:
    """`fn(*args, **kwargs)` started now in a forked child (see the module's docstring)."""
    call = partial(fn, *args, **kwargs)
    if not can_fork():
        return Pending(call)
    executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    return Pending(call, executor.submit(fn, *args, **kwargs), executor)


def here(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Pending[T]:
    """The same interface for work that stays in this process, done when first asked for."""
    return Pending(partial(fn, *args, **kwargs))
