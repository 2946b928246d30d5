"""The query-count baselines (tests/queries.py, tests/query_counts.json): the file holds
only baselines that some test counts, and the helper fails above one, warns below one
and rewrites the file when asked to."""

import json
from pathlib import Path

import pytest
from django.db import connection

from tests import queries
from tests.core import test_query_counts

TESTS = Path(__file__).resolve().parent.parent


def test_every_baseline_is_counted_by_a_test() -> None:
    stored = json.loads(queries.BASELINES.read_text(encoding="utf-8"))
    assert list(stored) == sorted(stored), "keep the file sorted: update it with the variable"
    assert all(isinstance(count, int) and count > 0 for count in stored.values())
    sources = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))
    counted = test_query_counts.names()
    stale = sorted(name for name in stored if name not in counted and f'"{name}"' not in sources)
    assert not stale, f"Baselines no test counts any more (remove them): {stale}"


def _run(count: int) -> None:
    with connection.cursor() as cursor:
        for _ in range(count):
            cursor.execute("SELECT 1")


def test_a_count_above_the_baseline_fails_and_below_it_warns(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(queries.UPDATE_VARIABLE, raising=False)
    monkeypatch.setattr(queries, "baselines", lambda: {"three": 3})
    with queries.assert_queries("three"):
        _run(3)
    above = pytest.raises(pytest.fail.Exception, match="three: 4 queries, the baseline is 3")
    with above, queries.assert_queries("three"):
        _run(4)
    below = pytest.warns(queries.QueryCountBelowBaseline, match="fewer than the baseline 3")
    with below, queries.assert_queries("three"):
        _run(2)
    unknown = pytest.raises(pytest.fail.Exception, match="No query-count baseline for 'new'")
    with unknown, queries.assert_queries("new"):
        _run(1)


def test_the_variable_rewrites_the_file_with_the_highest_count_of_the_run(  # type: ignore[no-untyped-def]
    db, monkeypatch, tmp_path
) -> None:
    target = tmp_path / "query_counts.json"
    target.write_text(json.dumps({"kept": 7, "lowered": 9}))
    monkeypatch.setattr(queries, "BASELINES", target)
    monkeypatch.setattr(queries, "_counted", {})
    monkeypatch.setenv(queries.UPDATE_VARIABLE, "1")
    for count in (2, 5, 3):
        with queries.assert_queries("new"):
            _run(count)
    with queries.assert_queries("lowered"):
        _run(1)
    assert json.loads(target.read_text()) == {"kept": 7, "lowered": 1, "new": 5}
