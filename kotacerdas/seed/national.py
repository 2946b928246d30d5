"""Synthetic national data for benchmarks and load tests (`kotacerdas seed-national`).

Deterministic for a given seed; idempotent (rows are matched by their natural
keys). Written with bulk inserts, so it leaves no audit entries.
"""

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.regions.models import OPD, Region
from kotacerdas.seed.names import FIRST_NAMES, LAST_NAMES, OPD_NAMES
from kotacerdas.seed.synthetic import build_synthetic_masterplan

MASTERPLAN_PROGRAMS = 40  # a realistic size: 30-50 programs over the six dimensions


@dataclass(frozen=True)
class SeedSummary:
    regions: int
    opds: int
    users: int


@transaction.atomic
def seed_national(scale: float = 1.0, seed: int = 2023, opds_per_region: int = 35) -> SeedSummary:
    """Synthetic OPDs and accounts for `scale` of all regions (1.0 = all 514)."""
    if not 0 < scale <= 1:
        raise ValueError("scale must be in (0, 1]")
    if not 1 <= opds_per_region <= len(OPD_NAMES):
        raise ValueError(f"opds_per_region must be between 1 and {len(OPD_NAMES)}")
    rng = random.Random(seed)
    regions = list(Region.objects.order_by("code"))
    regions = regions[: max(1, round(len(regions) * scale))]
    person = lambda: f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"  # noqa: E731
    opds = [
        OPD(
            region=region,
            name=name,
            kind=kind,
            head_name=person(),
            abbreviation="".join(word[0] for word in name.split() if word[0].isupper()),
        )
        for region in regions
        for name, kind in OPD_NAMES[:opds_per_region]
    ]
    OPD.objects.bulk_create(opds, ignore_conflicts=True, batch_size=2000)
    # A password no one knows: synthetic accounts exist for load, not for logging in.
    unusable = make_password(None)
    users = []
    for region in regions:
        code = region.code.replace(".", "")
        for suffix, role in (("coord", Role.REGION_COORDINATOR), ("opd", Role.OPD_OFFICER)):
            first, last = person().split(" ", 1)
            users.append(
                User(
                    username=f"syn-{code}-{suffix}",
                    role=role,
                    region=region,
                    first_name=first,
                    last_name=last,
                    password=unusable,
                    email=f"syn-{code}-{suffix}@example.invalid",
                )
            )
    User.objects.bulk_create(users, ignore_conflicts=True, batch_size=2000)
    # Officers work for their region's Diskominfo.
    officers = User.objects.filter(username__startswith="syn-", role=Role.OPD_OFFICER, opd=None)
    diskominfo = dict(OPD.objects.filter(name=OPD_NAMES[0][0]).values_list("region_id", "pk"))
    for officer in officers:
        officer.opd_id = diskominfo.get(officer.region_id or "")
    User.objects.bulk_update(officers, ["opd"], batch_size=2000)
    return SeedSummary(
        regions=len(regions),
        opds=OPD.objects.filter(region__in=regions).count(),
        users=User.objects.filter(username__startswith="syn-").count(),
    )


@transaction.atomic
def seed_masterplans(
    count: int, seed: int = 2023, programs: int = MASTERPLAN_PROGRAMS, scale: float = 1.0
) -> int:
    """Synthetic masterplans of `programs` programs for `count` of the seeded regions
    (those of `scale`), chosen by `seed`; a region that has a masterplan is left as it
    is. Returns how many were created."""
    if count < 0:
        raise ValueError("masterplans must be 0 or more")
    rng = random.Random(seed)
    regions = list(Region.objects.order_by("code"))
    regions = regions[: max(1, round(len(regions) * scale))]
    chosen = sorted(rng.sample(regions, min(count, len(regions))), key=lambda r: r.code)
    first_years = [rng.choice((2023, 2024, 2025)) for _region in chosen]
    planned = set(Masterplan.objects.values_list("region_id", flat=True))
    created = 0
    for region, first_year in zip(chosen, first_years, strict=True):
        if region.pk in planned:
            continue
        build_synthetic_masterplan(region, programs=programs, seed=seed, first_year=first_year)
        created += 1
    return created
