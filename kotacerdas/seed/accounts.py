"""Demo data for the five seed regions (DOMAIN.md): accounts for every role (a coordinator
and an OPD officer in each region) and a few OPDs each. Idempotent: running it again
updates what is there. README.md lists the same accounts (tests/core/test_demo_accounts.py)."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from kotacerdas.accounts.models import Invitation, User
from kotacerdas.accounts.services import invitations
from kotacerdas.accounts.services.invitations import InviteInput
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import OPD, OPDKind, Region

DEMO_PASSWORD = "kotacerdas-demo"  # noqa: S105 (printed for the demo; never for production)
SEED_REGIONS = ["15.04", "33.25", "15.03", "17.03", "16.05"]
PROGRAM_OFFICE_GROUP = "Program office"

# (name, abbreviation, kind, duties)
SEED_OPDS = [
    (
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        OPDKind.DINAS,
        "Urusan komunikasi, informatika, statistik dan persandian; koordinator smart city.",
    ),
    (
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        OPDKind.BADAN,
        "Perencanaan pembangunan daerah, RPJMD dan RKPD.",
    ),
    (
        "Dinas Kesehatan",
        "Dinkes",
        OPDKind.DINAS,
        "Urusan kesehatan: puskesmas, gizi, imunisasi, layanan rujukan.",
    ),
    (
        "Dinas Pendidikan dan Kebudayaan",
        "Disdikbud",
        OPDKind.DINAS,
        "Urusan pendidikan dasar, PAUD dan kebudayaan.",
    ),
    (
        "Dinas Pariwisata, Kepemudaan dan Olahraga",
        "Disparpora",
        OPDKind.DINAS,
        "Promosi destinasi wisata, kepemudaan dan olahraga.",
    ),
    (
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "DPUPR",
        OPDKind.DINAS,
        "Jalan, jembatan, air minum, sanitasi dan tata ruang.",
    ),
    (
        "Dinas Lingkungan Hidup",
        "DLH",
        OPDKind.DINAS,
        "Pengendalian pencemaran, persampahan dan ruang terbuka hijau.",
    ),
    ("Dinas Perhubungan", "Dishub", OPDKind.DINAS, "Lalu lintas, angkutan dan terminal."),
    ("Badan Keuangan Daerah", "BKD", OPDKind.BADAN, "Pengelolaan keuangan dan aset daerah."),
    (
        "Bagian Organisasi Sekretariat Daerah",
        "Bag. Organisasi",
        OPDKind.BAGIAN,
        "Kelembagaan, tata laksana dan reformasi birokrasi.",
    ),
]


# An OPD officer in each seed region, of an OPD that leads programs in its masterplan
# (masterplan.py): Batang's is approved, Musi Rawas's submitted for review (both read
# only), the others are drafts the officer can edit.
OPD_OFFICERS = [
    ("33.25", "Dinkes", "approved masterplan"),
    ("15.04", "Dinkes", "draft masterplan: leads the child nutrition program"),
    ("15.03", "Disparpora", "draft masterplan: leads the tourism map quick win"),
    ("17.03", "Bappeda", "draft masterplan: leads the crop price program"),
    ("16.05", "Dinkes", "submitted masterplan: leads the stunting program, read only in review"),
]

# Accounts the program's demo makes (program.py), printed with ours when present.
PROGRAM_ACCOUNTS = [
    ("asesor.dua", "scored the 2023 cohort"),
    ("asesor.tiga", "scored the 2023 cohort"),
    ("asesor.baru", "open cohort: assigned applications not yet scored"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    region: str | None
    description: str


def _slug(region: Region) -> str:
    return region.name.split(" ", 1)[1].lower().replace(" ", "")


def program_office_group() -> Group:
    group, _ = Group.objects.get_or_create(name=PROGRAM_OFFICE_GROUP)
    # People are managed in the platform's pages (accounts.access decides who may grant
    # what); in the admin the office only reads accounts, tokens and emails.
    permissions = Permission.objects.filter(
        content_type__app_label__in=["regions", "core", "auditlog"]
    ) | Permission.objects.filter(content_type__app_label="accounts", codename__startswith="view_")
    group.permissions.set(permissions)
    return group


def _user(username: str, role: str, first: str, last: str, **extra: object) -> User:
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.kotacerdas.id",
            **extra,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    regions = list(Region.objects.filter(pk__in=SEED_REGIONS))
    accounts: list[DemoAccount] = []
    for region in regions:
        for name, abbreviation, kind, duties in SEED_OPDS:
            OPD.objects.update_or_create(
                region=region,
                name=name,
                defaults={
                    "abbreviation": abbreviation,
                    "kind": kind,
                    "duties": duties,
                    "head_name": f"Kepala {abbreviation}",
                },
            )
        slug = _slug(region)
        _user(
            f"{slug}.kominfo",
            Role.REGION_COORDINATOR,
            "Koordinator",
            region.name,
            region=region,
            phone="0812-0000-0000",
        )
        accounts.append(
            DemoAccount(
                f"{slug}.kominfo",
                Role.REGION_COORDINATOR,
                region.code,
                f"Diskominfo, {region.name}",
            )
        )
    by_code = {region.code: region for region in regions}
    for code, abbreviation, plan in OPD_OFFICERS:
        region = by_code[code]
        opd = OPD.objects.get(region=region, abbreviation=abbreviation)
        username = f"{_slug(region)}.{abbreviation.lower()}"
        _user(
            username,
            Role.OPD_OFFICER,
            "Petugas",
            f"{abbreviation} {region.name.split(' ', 1)[1]}",
            region=region,
            opd=opd,
        )
        accounts.append(DemoAccount(username, Role.OPD_OFFICER, region.code, f"{opd.name}, {plan}"))

    office = _user("kantor.program", Role.PROGRAM_OFFICE, "Komite", "Pelaksana", is_staff=True)
    office.groups.add(program_office_group())
    accounts.insert(
        0, DemoAccount("kantor.program", Role.PROGRAM_OFFICE, None, "Ditjen Aptika, program office")
    )
    for username, role, first, last in [
        ("asesor", Role.ASSESSOR, "Asesor", "Nasional"),
        ("mentor", Role.MENTOR, "Tenaga", "Ahli"),
    ]:
        user = _user(username, role, first, last)
        user.assigned_regions.set(regions)
        accounts.insert(1, DemoAccount(username, role, None, "assigned to the five seed regions"))
    # A second mentor for guidance, based in Semarang: the plan gives them regions.
    _user("mentor.jawa", Role.MENTOR, "Tenaga Ahli", "Semarang")
    accounts.insert(
        2, DemoAccount("mentor.jawa", Role.MENTOR, None, "guidance mentor based in Semarang")
    )
    _pending_invitations(office, by_code)
    return accounts


def _pending_invitations(office: User, by_code: dict[str, Region]) -> None:
    """Two invitations nobody has accepted yet, so the people pages show waiting ones:
    the office's to a new mentor for Batang, Batang's coordinator's to an OPD officer
    (their links are in the worker's console output)."""
    batang = by_code["33.25"]
    coordinator = User.objects.get(username=f"{_slug(batang)}.kominfo")
    invites = [
        (
            office,
            InviteInput(
                "rina.mentor@demo.kotacerdas.id",
                Role.MENTOR,
                "Rina",
                "Wulandari",
                assigned_regions=[batang],
            ),
        ),
        (
            coordinator,
            InviteInput(
                "dinsos@demo.kotacerdas.id",
                Role.OPD_OFFICER,
                "Petugas",
                "Dinsos Batang",
                region=batang,
                opd=OPD.objects.filter(region=batang).exclude(officers__isnull=False).first(),
            ),
        ),
    ]
    for inviter, data in invites:
        if not Invitation.objects.filter(email=data.email).exists():
            invitations.invite(inviter, data)


def program_demo_accounts() -> list[DemoAccount]:
    """The accounts of PROGRAM_ACCOUNTS that the program's demo has made."""
    made = dict(
        User.objects.filter(username__in=[name for name, _ in PROGRAM_ACCOUNTS]).values_list(
            "username", "role"
        )
    )
    return [
        DemoAccount(username, made[username], None, description)
        for username, description in PROGRAM_ACCOUNTS
        if username in made
    ]
