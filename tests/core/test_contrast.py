"""Navigation links meet WCAG AA contrast (4.5:1) against the navigation bar, computed
from the style sheets the page loads: Bootstrap's, then ours (later rules win)."""

import re
from pathlib import Path

import bootstrap

from kotacerdas import settings

BOOTSTRAP_CSS = Path(bootstrap.__file__).parent / "static/bootstrap/css/bootstrap.min.css"
SITE_CSS = settings.BASE_DIR / "static/kotacerdas/site.css"
BASE_HTML = settings.BASE_DIR / "templates/base.html"
AA = 4.5


def _rules(css: str) -> list[tuple[list[str], dict[str, tuple[str, bool]]]]:
    """(selectors, {property: (value, important)}) of every plain rule, in order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", css):
        declarations = {}
        for declaration in body.split(";"):
            if ":" not in declaration:
                continue
            name, value = declaration.split(":", 1)
            important = "!important" in value
            declarations[name.strip()] = (value.replace("!important", "").strip(), important)
        rules.append(([s.strip() for s in selectors.split(",")], declarations))
    return rules


def _cascade(wanted: set[str], prop: str) -> str:
    """The value of `prop` for an element matched by the selectors in `wanted` (the
    last declaration wins, !important over normal), with var() resolved from :root."""
    rules = _rules(BOOTSTRAP_CSS.read_text()) + _rules(SITE_CSS.read_text())
    found: tuple[str, bool] | None = None
    root: dict[str, str] = {}
    for selectors, declarations in rules:
        if ":root" in selectors or "[data-bs-theme=light]" in selectors:
            root.update({k: v for k, (v, _i) in declarations.items() if k.startswith("--")})
        if wanted & set(selectors) and prop in declarations:
            value = declarations[prop]
            if found is None or value[1] or not found[1]:
                found = value
    assert found is not None, (wanted, prop)
    value = found[0]
    for _ in range(5):
        value = re.sub(r"var\((--[\w-]+)\)", lambda m: root.get(m.group(1), "1"), value)
    return value


def _rgba(value: str) -> tuple[float, float, float, float]:
    value = value.strip()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return (*(int(digits[i : i + 2], 16) for i in (0, 2, 4)), 1.0)  # type: ignore[return-value]
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    r, g, b, alpha = _rgba(foreground)
    br, bg, bb, _ = _rgba(background)
    shown = (
        r * alpha + br * (1 - alpha),
        g * alpha + bg * (1 - alpha),
        b * alpha + bb * (1 - alpha),
    )
    lighter, darker = sorted([_luminance(shown), _luminance((br, bg, bb))], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_calculation_matches_the_review() -> None:
    # The review measured Bootstrap's navigation links at 2.36:1 on its primary blue.
    assert round(contrast("rgba(255, 255, 255, 0.55)", "#0d6efd"), 2) == 2.36


def test_navigation_links_meet_wcag_aa_against_the_navigation_bar() -> None:
    assert 'class="navbar navbar-expand-xl navbar-dark bg-primary"' in BASE_HTML.read_text()
    background = _cascade({".bg-primary", ".navbar.bg-primary"}, "background-color")
    for prop in ("--bs-navbar-color", "--bs-navbar-hover-color", "--bs-navbar-active-color"):
        color = _cascade({".navbar-dark", ".navbar-dark,.navbar[data-bs-theme=dark]"}, prop)
        ratio = contrast(color, background)
        assert ratio >= AA, f"{prop}: {color} on {background} is {ratio:.2f}:1"
