"""The import-layer check `make lint` runs: imports only point down (DESIGN.md, Layers).

    functions/        entry modules, the manifest and the app shell (functions/_app)
    shared/<domain>   pricing booking customers payments ... (no cycle between them)
    shared/platform   ports and adapters: imports no domain and nothing from functions/

Every import counts, including ones inside a function or under TYPE_CHECKING: a lazy
import still couples the packages. Product code (shared/, functions/, main.py) never
imports scripts/ or tests/. Exit status 1 and one line per broken rule on failure.
"""

from __future__ import annotations

import ast
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = "shared.platform"
SHELL = "functions"
PRODUCT_ROOTS = ("shared", "functions", "main")
DEV_ROOTS = ("scripts", "tests")
PROJECT_ROOTS = PRODUCT_ROOTS + DEV_ROOTS


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: Path
    line: int

    def where(self, root: Path) -> str:
        return f"{self.path.relative_to(root)}:{self.line} imports {self.imported}"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str, root: Path) -> bool:
    base = root.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports_of(path: Path, root: Path) -> Iterator[Import]:
    importer = module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(importer, alias.name, path, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, importer, path.name == "__init__.py")
            for alias in node.names:
                # `from shared import booking` imports the package shared.booking.
                candidate = f"{module}.{alias.name}"
                target = candidate if _is_module(candidate, root) else module
                yield Import(importer, target, path, node.lineno)


def product_files(root: Path) -> list[Path]:
    files = [p for top in ("shared", "functions") for p in sorted((root / top).rglob("*.py"))]
    main = root / "main.py"
    return files + ([main] if main.is_file() else [])


def project_imports(root: Path) -> list[Import]:
    """Imports between the project's own modules (third-party and stdlib left out)."""
    return [
        imp
        for path in product_files(root)
        for imp in _imports_of(path, root)
        if imp.imported.split(".")[0] in PROJECT_ROOTS
    ]


def package_of(module: str) -> str:
    """The layer unit: `shared.<domain>` inside shared/, else the top-level folder."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "shared" and len(parts) > 1 else parts[0]


def _is_domain(package: str) -> bool:
    return package.startswith("shared.") and package != PLATFORM


def rule_broken(imp: Import) -> str | None:
    source, target = package_of(imp.importer), package_of(imp.imported)
    if source == target:
        return None
    if target in DEV_ROOTS:
        return f"product code imports {target}/"
    if source == PLATFORM and (_is_domain(target) or target in (SHELL, "main")):
        return "the platform imports up"
    if _is_domain(source) and target in (SHELL, "main"):
        return "a domain imports functions/"
    return None


def domain_cycles(imports: list[Import]) -> list[list[str]]:
    """Strongly connected groups of domain packages (each a cycle), by Tarjan's algorithm."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        source, target = package_of(imp.importer), package_of(imp.imported)
        if source != target and _is_domain(source) and _is_domain(target):
            graph.setdefault(source, set()).add(target)
            graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _shortest_cycle(group: list[str], imports: list[Import], root: Path) -> str:
    """One concrete loop through the group, each step named by an import that makes it."""
    step: dict[tuple[str, str], Import] = {}
    for imp in imports:
        pair = (package_of(imp.importer), package_of(imp.imported))
        if pair[0] != pair[1] and set(pair) <= set(group):
            step.setdefault(pair, imp)
    start = group[0]
    paths: dict[str, list[str]] = {start: [start]}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for a, b in sorted(step):
                if a != node:
                    continue
                if b == start:
                    loop = paths[node] + [start]
                    return "; ".join(
                        f"{x} -> {y} ({step[(x, y)].where(root)})"
                        for x, y in itertools.pairwise(loop)
                    )
                if b not in paths:
                    paths[b] = paths[node] + [b]
                    nxt_frontier.append(b)
        frontier = nxt_frontier
    return ", ".join(group)  # unreachable for a strongly connected group


def violations(root: Path = ROOT) -> list[str]:
    imports = project_imports(root)
    found = [f"{why}: {imp.where(root)}" for imp in imports if (why := rule_broken(imp))]
    for group in domain_cycles(imports):
        loop = _shortest_cycle(group, imports, root)
        found.append(f"import cycle among {', '.join(group)}, for one: {loop}")
    return found


def main() -> int:
    found = violations()
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} layer rule(s) broken (see DESIGN.md, Layers)", file=sys.stderr)
        return 1
    print(f"layers ok: {len(project_imports(ROOT))} project imports, all pointing down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
