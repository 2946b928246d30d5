"""Private data reaches pages and the API only through an app's access module: a view or
API module that writes `Application.objects...` (or `_default_manager`) on a private model
is refused here, so an unscoped query cannot slip in unnoticed."""

import ast
from pathlib import Path

from django.apps import apps

import kotacerdas

PACKAGE = Path(kotacerdas.__file__).parent
# Reference data anyone may read: the regions and the program's published rules.
PUBLIC_MODELS = {
    "regions": {"Province", "Region", "Dimension", "DimensionElement", "Pillar", "PillarElement"},
    "program": {"Cohort", "CohortPhase", "RubricCriterion"},
}
SCOPED_APPS = ("accounts", "core", "regions", "program", "masterplan", "bimtek")


def _private_model_names() -> set[str]:
    names = set()
    for label in SCOPED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__ not in PUBLIC_MODELS.get(label, set()):
                names.add(model.__name__)
    return names


def _view_and_api_modules() -> list[Path]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if (
            any(p in ("views", "api") for p in parts[:-1])
            or path.stem in ("views", "api")
            or (path.stem.startswith(("views_", "api_")) and path.stem != "api_support")
        ):
            found.append(path)
    return sorted(found)


def _unscoped(text: str, private: set[str], where: str) -> list[str]:
    return [
        f"{where}:{node.lineno} {node.value.id}.{node.attr}"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Attribute)
        and node.attr in ("objects", "_default_manager")
        and isinstance(node.value, ast.Name)
        and (node.value.id in private or node.value.id == "model")
    ]


def test_views_and_api_reach_private_data_only_through_access() -> None:
    private = _private_model_names()
    assert {"Application", "Masterplan", "OPD", "User", "Job", "ApiToken"} <= private
    modules = _view_and_api_modules()
    assert len(modules) > 10  # the scan sees the modules it guards
    offences = [
        line
        for path in modules
        for line in _unscoped(path.read_text(), private, str(path.relative_to(PACKAGE.parent)))
    ]
    assert not offences, "Unscoped queries on private data; use the app's access.py:\n" + (
        "\n".join(offences)
    )


def test_the_check_catches_an_unscoped_query_and_spares_public_data() -> None:
    text = "def page(request):\n    Region.objects.all()\n    return Application.objects.all()\n"
    assert _unscoped(text, _private_model_names(), "views.py") == ["views.py:3 Application.objects"]
