"""Balanced assessor assignment as a min-cost flow. Pure: OR-Tools, no Django.

Each application needs some more assessors from those eligible for it (not from its
province, not already assigned). Giving an assessor their k-th piece of work costs
their load so far plus k, so the cheapest flow spreads the work as evenly as the
eligibility rules allow.
"""

from collections.abc import Mapping, Sequence

from ortools.graph.python import min_cost_flow


def balance(
    needs: Mapping[int, int],
    eligible: Mapping[int, Sequence[int]],
    load: Mapping[int, int],
) -> dict[int, list[int]] | None:
    """Assessors per application, or None when the needs cannot all be met."""
    applications = [a for a, n in needs.items() if n > 0]
    assessors = sorted({s for a in applications for s in eligible.get(a, ())})
    total = sum(needs[a] for a in applications)
    if total == 0:
        return {}
    source, sink = 0, 1
    app_node = {a: 2 + i for i, a in enumerate(applications)}
    assessor_node = {s: 2 + len(applications) + i for i, s in enumerate(assessors)}
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs: list[tuple[int, int, int]] = []  # (arc, application, assessor)
    for a in applications:
        flow.add_arc_with_capacity_and_unit_cost(source, app_node[a], needs[a], 0)
        for s in eligible.get(a, ()):
            arc = flow.add_arc_with_capacity_and_unit_cost(app_node[a], assessor_node[s], 1, 0)
            arcs.append((arc, a, s))
    for s in assessors:
        # One unit arc per extra piece of work, each dearer than the last (convex cost).
        for k in range(1, total + 1):
            flow.add_arc_with_capacity_and_unit_cost(assessor_node[s], sink, 1, load.get(s, 0) + k)
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    if flow.solve() != flow.OPTIMAL:
        return None
    result: dict[int, list[int]] = {a: [] for a in applications}
    for arc, a, s in arcs:
        if flow.flow(arc):
            result[a].append(s)
    return result
