"""The kinds of background job: each app registers its own with `@job_kind(...)` in its
tasks module; a job's label and description come from here. Apart from core/jobs.py so
that the Job model can name its kind without importing the runner."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from kotacerdas.core.models import Job

Progress = Callable[[int, str | Promise], None]
Handler = Callable[["Job", Progress], None]
Describe = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str | Promise
    handler: Handler
    describe: Describe | None = None


_KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str, label: str | Promise, describe: Describe | None = None
) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _KINDS[name] = JobKind(name, label, handler, describe)
        return handler

    return register


def job_label(name: str) -> str | Promise:
    kind = _KINDS.get(name)
    return kind.label if kind else name


def job_description(job: "Job") -> str:
    kind = _KINDS.get(job.kind)
    return kind.describe(job.params) if kind and kind.describe else ""
