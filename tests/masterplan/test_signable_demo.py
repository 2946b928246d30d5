"""The demo's masterplans carry the texts of the document a Bupati signs: a foreword, chapter
I with the regency's own law in the legal basis, and the head of region (Batang's, approved);
the drafts have got as far as their background."""

from kotacerdas.masterplan.legal_basis import NATIONAL_REGULATIONS, default_legal_basis
from kotacerdas.masterplan.models import Masterplan
from tests.masterplan.test_demo import batang_plan, demo  # noqa: F401 - the demo's fixtures


def test_the_demo_masterplans_have_their_introductions(
    demo: list[Masterplan],  # noqa: F811
    batang_plan: Masterplan,  # noqa: F811
) -> None:
    plan = batang_plan
    assert plan.head_title == "Bupati Batang" and plan.head_name
    assert plan.foreword.startswith("Puji syukur") and "KITB" in plan.background
    regulations = plan.legal_basis.splitlines()
    assert regulations[0].startswith("Pasal 18 ayat (6)")
    assert regulations[1].startswith("Undang-Undang Nomor 9 Tahun 1965")
    assert regulations[2:] == list(NATIONAL_REGULATIONS[1:])
    assert plan.purpose and plan.scope
    drafts = Masterplan.objects.exclude(pk=plan.pk)
    assert drafts.count() == 4
    assert all(d.background and d.legal_basis == default_legal_basis() for d in drafts)
