"""The shape of the house (issue 11's measures): the largest modules and the import
circles between modules and between apps, read from the source with `ast` (imports
inside functions count too). Prints one JSON object."""

import ast
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kotacerdas"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    wanted: set[str] = set()
    tree = ast.parse(path.read_text(), filename=str(path))
    # Imports for type checkers only are not imports at run time.
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            wanted.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            wanted.add(base)
            wanted.update(f"{base}.{alias.name}" for alias in node.names)
    resolved = set()
    for target in wanted:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            resolved.add(target)
    return resolved


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _app(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


def main() -> None:
    modules = _modules()
    known = set(modules)
    graph = {name: _imports(name, path, known) for name, path in modules.items()}
    # A package's __init__ that re-exports its submodules is not a circle of design.
    graph = {
        name: {t for t in targets if not t.startswith(name + ".")}
        for name, targets in graph.items()
    }
    lines = {name: len(path.read_text().splitlines()) for name, path in modules.items()}
    largest = max(lines, key=lambda name: lines[name])
    apps: dict[str, set[str]] = defaultdict(set)
    for name, targets in graph.items():
        apps[_app(name)].update(_app(t) for t in targets if _app(t) != _app(name))
    module_cycles = _cycles(graph)
    app_cycles = _cycles(dict(apps))
    print(
        json.dumps(
            {
                "bench": "house",
                "modules": len(modules),
                "largest_module": largest,
                "largest_module_lines": lines[largest],
                "modules_over_500_lines": sorted(n for n, c in lines.items() if c > 500),
                "module_import_circles": len(module_cycles),
                "app_import_circles": len(app_cycles),
                "circles": module_cycles + app_cycles,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
