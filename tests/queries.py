"""Query-count baselines, kept in one file (tests/query_counts.json, name -> count) as
NetBox keeps them, instead of ceilings picked by hand in each test.

    with assert_queries("page program:cohorts (demo, office)"):
        client.get("/program/")

fails when the block runs more queries than the baseline, and warns when it runs fewer
(the baseline should come down with it). With KOTACERDAS_UPDATE_QUERY_BASELINES=1 it
fails nothing and writes what it counted instead (the highest count of the run, per
name); review the diff of tests/query_counts.json like any other change.

A test that measures at two sizes keeps its own `len(small) == len(large)` check: the
baseline bounds a count, the comparison says it does not grow with rows.
"""

import json
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

BASELINES = Path(__file__).with_name("query_counts.json")
UPDATE_VARIABLE = "KOTACERDAS_UPDATE_QUERY_BASELINES"
_counted: dict[str, int] = {}  # this run's counts, when updating


class QueryCountBelowBaseline(UserWarning):
    """A block ran fewer queries than its baseline: lower the baseline."""


def updating() -> bool:
    return os.environ.get(UPDATE_VARIABLE, "") not in ("", "0")


@cache
def baselines() -> dict[str, int]:
    return dict(json.loads(BASELINES.read_text(encoding="utf-8")))


def _write(name: str, count: int) -> None:
    """Record `count` for `name`: the first count of this run replaces the stored one,
    later counts of the run only raise it."""
    count = max(count, _counted.get(name, 0))
    _counted[name] = count
    stored = json.loads(BASELINES.read_text(encoding="utf-8")) if BASELINES.exists() else {}
    stored[name] = count
    temporary = BASELINES.with_suffix(".tmp")
    temporary.write_text(
        json.dumps(dict(sorted(stored.items())), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    temporary.replace(BASELINES)


def _listing(context: CaptureQueriesContext) -> str:
    return "\n".join(f"  {n}. {q['sql'][:300]}" for n, q in enumerate(context.captured_queries, 1))


@contextmanager
def assert_queries(name: str, using: str = DEFAULT_DB_ALIAS) -> Iterator[CaptureQueriesContext]:
    """Count the block's queries against the baseline called `name`."""
    # Content types are cached per process once some earlier test asked for them: start
    # from an empty cache, so a count does not depend on which tests ran before.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connections[using]) as context:
        yield context
    count = len(context)
    if updating():
        _write(name, count)
        return
    baseline = baselines().get(name)
    if baseline is None:
        pytest.fail(
            f"No query-count baseline for {name!r} ({count} queries now): run the test "
            f"with {UPDATE_VARIABLE}=1 to add it to {BASELINES.name}.",
            pytrace=False,
        )
    if count > baseline:
        pytest.fail(
            f"{name}: {count} queries, the baseline is {baseline}. Find the query that "
            f"repeats, or, if the new ones are needed, run with {UPDATE_VARIABLE}=1 and "
            f"commit {BASELINES.name}. The queries:\n{_listing(context)}",
            pytrace=False,
        )
    if count < baseline:
        warnings.warn(
            QueryCountBelowBaseline(
                f"{name}: {count} queries, fewer than the baseline {baseline}: lower it "
                f"with {UPDATE_VARIABLE}=1."
            ),
            stacklevel=3,
        )
