"""Why each application was or was not selected: reason codes, the cut-off and the gap."""

from __future__ import annotations

from collections import Counter

from kotacerdas.program.selection.problem import SCALE, Decision, _Problem, id_order


def _cutoff(pb: _Problem, chosen: set[int]) -> tuple[int | None, float | None]:
    """The lowest selected score, as the model's integer and as given."""
    lowest = min(
        chosen, key=lambda j: (pb.keys[j] or 0, id_order(pb.candidates[j].id)), default=None
    )
    if lowest is None:
        return None, None
    return pb.keys[lowest], pb.candidates[lowest].score


def _explain(pb: _Problem, chosen: set[int], values: dict[int, int]) -> dict[int, Decision]:
    """A reason for every eligible application, relying only on `chosen` being swap-optimal."""
    cands = pb.candidates
    by_province = Counter(pb.province(j) for j in chosen)
    by_group = Counter(pb.group(j) for j in chosen)
    cut, cutoff = _cutoff(pb, chosen)
    ranked = sorted(chosen, key=lambda j: (-(pb.keys[j] or 0), id_order(cands[j].id)))
    rank = {j: n for n, j in enumerate(ranked, start=1)}
    reserved: dict[int, str] = {}  # selected only thanks to its group's minimum
    out: dict[int, Decision] = {}

    def decide(i: int, reason: str, gap: float | None = None, **detail: object) -> None:
        out[i] = Decision(cands[i].id, False, cands[i].score, None, reason, gap, detail)

    for i in pb.eligible:
        if i in chosen:
            continue
        key = pb.keys[i] or 0
        province, group = pb.province(i), pb.group(i)
        province_full = pb.limit is not None and by_province[province] >= pb.limit
        if cut is None and not province_full:
            # Nothing selected and not for lack of room in its province: quota 0.
            decide(i, "below_cutoff", None, cutoff=None, quota=pb.quota)
            continue
        if province_full and (cut is None or key >= cut or len(chosen) < pb.quota):
            lowest = _cutoff(pb, {j for j in chosen if pb.province(j) == province})[1]
            decide(
                i,
                "province_limit",
                province=province,
                limit=pb.limit,
                selected_in_province=by_province[province],
                lowest_selected_score=lowest,
            )
            continue
        assert cut is not None
        if key < cut:
            decide(i, "below_cutoff", round((cut - key) / SCALE, 3), cutoff=cutoff)
            continue
        # It outscores someone selected (or ties the cut-off): find what keeps that one in.
        # Swap-optimality means every strictly lower selection is forced or holds the last
        # slot of its island group's minimum.
        held = [j for j in chosen if (pb.keys[j] or 0) < key]
        if not held:
            held = [j for j in chosen if pb.keys[j] == key]
            swappable = [
                j
                for j in held
                if j not in pb.forced
                and (
                    pb.group(j) == group or by_group[pb.group(j)] > pb.minimums.get(pb.group(j), 0)
                )
            ]
            if swappable:  # a plain tie at the cut-off, won by a lower id
                tied = min(swappable, key=lambda j: id_order(cands[j].id))
                decide(i, "below_cutoff", 0.0, cutoff=cutoff, tied_with=cands[tied].id)
                continue
        by_island = [j for j in held if j not in pb.forced]
        if by_island:
            by_island.sort(key=lambda j: (pb.keys[j] or 0, id_order(cands[j].id)))
            for j in by_island:
                reserved[j] = pb.group(j)
            decide(
                i,
                "island_quota",
                province=province,
                island_group=group,
                reserved_for=sorted({pb.group(j) for j in by_island}),
                reserved_ids=[cands[j].id for j in by_island],
            )
        else:
            decide(
                i,
                "must_include_slots",
                must_include_ids=sorted((cands[j].id for j in held), key=id_order),
            )

    for j in chosen:
        c = cands[j]
        detail: dict[str, object] = {"province": c.province, "island_group": c.island_group}
        if j in reserved:
            detail["reserved_for"] = reserved[j]
        reason = "must_include" if j in pb.forced else "selected"
        out[j] = Decision(c.id, True, c.score, rank[j], reason, None, detail)
    return out
