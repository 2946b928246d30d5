"""The selection optimiser at national scale: 514 applications, quota 50, equity rules.

No Django. Applications are synthetic but shaped like Indonesia: the real number of
kabupaten/kota in each of the 38 provinces, readiness scores around 3.2 (sd 0.6), a little
higher in Jawa and lower in Maluku and Papua so that the island minimums bind. Prints one
JSON object per line; the last line is the summary.
"""

import json
import os
import platform
import random
import statistics

from kotacerdas.program.selection import Candidate, Rules, select
from kotacerdas.regions.geography import island_group_for

# Kabupaten + kota per province code (514 in all).
REGIONS_PER_PROVINCE = {
    "11": 23, "12": 33, "13": 19, "14": 12, "15": 11, "16": 17, "17": 10, "18": 15,
    "19": 7, "21": 7,
    "31": 6, "32": 27, "33": 35, "34": 5, "35": 38, "36": 8,
    "51": 9, "52": 10, "53": 22,
    "61": 14, "62": 14, "63": 13, "64": 10, "65": 5,
    "71": 15, "72": 13, "73": 24, "74": 17, "75": 6, "76": 6,
    "81": 11, "82": 10,
    "91": 9, "92": 7, "93": 4, "94": 8, "95": 8, "96": 6,
}  # fmt: skip
SCORE_SHIFT = {"jawa": 0.3, "maluku": -0.4, "papua": -0.5}
GROUPS = sorted({island_group_for(code) for code in REGIONS_PER_PROVINCE})
REPEATS = 5


def applications(seed: int = 2023) -> list[Candidate]:
    rng = random.Random(seed)
    out = []
    for province, count in REGIONS_PER_PROVINCE.items():
        group = island_group_for(province)
        for n in range(1, count + 1):
            # Kemendagri numbering: kabupaten from 01, kota from 71.
            kabupaten = count * 3 // 4
            number = n if n <= kabupaten else 70 + n - kabupaten
            code = f"{province}.{number:02d}"
            score = rng.gauss(3.2 + SCORE_SHIFT.get(group, 0.0), 0.6)
            out.append(Candidate(code, province, group, round(min(5.0, max(1.0, score)), 3)))
    return out


def main() -> None:
    candidates = applications()
    assert len(candidates) == 514, len(candidates)
    rules = Rules(quota=50, max_per_province=3, min_per_island_group=dict.fromkeys(GROUPS, 2))
    timings = []
    for _ in range(REPEATS):
        result = select(candidates, rules)
        timings.append(result.solve_seconds)
    print(json.dumps({"bench": "selection-runs", "solve_s": timings}))

    chosen = result.selected_ids
    reasons: dict[str, int] = {}
    for decision in result.decisions:
        reasons[decision.reason] = reasons.get(decision.reason, 0) + 1
    by_group = {g: 0 for g in GROUPS}
    group_of = {c.id: c.island_group for c in candidates}
    for cid in chosen:
        by_group[group_of[cid]] += 1
    machine = f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    print(
        json.dumps(
            {
                "bench": "selection",
                "applications": len(candidates),
                "provinces": len(REGIONS_PER_PROVINCE),
                "quota": rules.quota,
                "max_per_province": rules.max_per_province,
                "min_per_island_group": 2,
                "status": result.status,
                "solve_s": round(statistics.median(timings), 4),
                "solve_s_first": round(timings[0], 4),
                "objective": result.objective,
                "greedy_objective": result.greedy_objective,
                "cutoff": result.cutoff,
                "selected": len(chosen),
                "differs_from_greedy": len(set(chosen) - set(result.greedy_ids)),
                "selected_by_group": by_group,
                "reasons": reasons,
                "machine": machine,
            }
        )
    )


if __name__ == "__main__":
    main()
