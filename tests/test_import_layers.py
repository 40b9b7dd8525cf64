"""The import direction of the package (issue 17, item 5), read from the source with ``ast``.

Every ``import`` and ``from ... import`` counts, at module level and inside functions (a deferred
import hides a dependency from Python, not from the reader), ``if TYPE_CHECKING:`` ones included.
A module belongs to a *component*: its first package or module under ``modelcards`` (``readers``,
``cli``, ...); ``modelcards/__init__.py`` is the component ``modelcards``, the public facade.

The rules, each a test below, each also run on a planted violation to show it can fail:

* a component imports only the components ``MAY_IMPORT`` lists for it (and its own modules);
* only the front ends import ``readers`` and ``renderers``;
* no import cycle between modules;
* no two modules share a file name across packages (``__init__`` and ``__main__`` aside);
* no package is named like a standard-library module.
"""

from __future__ import annotations

import ast
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

FOUNDATION = {"schema", "vocabulary", "errors", "fuzzy", "resources", "files"}
OUTPUT = {"report", "schema", "vocabulary", "errors", "resources", "files"}
FRONT_ENDS = {"api", "cli", "docs_site", "audit", "publish"}
READ_AND_RENDER = {"readers", "renderers"}
EVERYTHING_BELOW_FRONT_ENDS = FOUNDATION | OUTPUT | READ_AND_RENDER | {
    "licenses", "openness", "rules", "analysis", "diagnostics", "hub", "config", "starter"}

# component -> the other components it may import. Lower layers first; nothing imports upwards.
MAY_IMPORT: dict[str, set[str]] = {
    "vocabulary": set(),
    "errors": set(),
    "fuzzy": set(),
    "tables_json": set(),
    "resources": {"tables_json"},
    "files": set(),
    "schema": {"vocabulary", "errors", "resources"},
    "readers": FOUNDATION,
    "licenses": FOUNDATION,
    "openness": FOUNDATION | {"licenses"},
    "rules": FOUNDATION | {"licenses", "openness"},
    "report": FOUNDATION,
    "analysis": FOUNDATION | {"licenses", "openness", "rules", "report"},
    "renderers": OUTPUT,
    "diagnostics": OUTPUT,
    "hub": FOUNDATION | {"licenses"},  # the network look-ups behind --online
    "config": FOUNDATION,
    "starter": FOUNDATION,
    # the front ends; none imports the CLI or the facade
    "api": EVERYTHING_BELOW_FRONT_ENDS,
    "publish": EVERYTHING_BELOW_FRONT_ENDS | {"api"},
    "audit": EVERYTHING_BELOW_FRONT_ENDS | {"api"},
    "docs_site": EVERYTHING_BELOW_FRONT_ENDS | {"api"},
    "cli": EVERYTHING_BELOW_FRONT_ENDS | {"api", "publish", "audit"},
    # the facade re-exports the API, guard and audit_paths
    "modelcards": {"api", "publish", "audit", "report", "schema", "errors", "vocabulary"},
    "__main__": {"cli"},
}
SHARED_FILE_NAMES = {"__init__.py", "__main__.py"}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    imported: str  # dotted name of the first-party module it reaches
    file: str  # path relative to the package's parent folder
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.importer} imports {self.imported}"


def module_names(root: Path, package: str = "modelcards") -> dict[str, Path]:
    """Every module of ``root/package``, by dotted name (a package by its own name)."""
    names = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def first_party_imports(root: Path, package: str = "modelcards") -> list[Import]:
    """Every import, anywhere in a module's code, of a module of ``package``."""
    modules = module_names(root, package)
    found = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                # `from pkg import sub` reaches the module pkg.sub; `from pkg import name`, pkg itself
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                while target and target not in modules:  # `import pkg.sub.name` -> the deepest module
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.append(Import(name, target, str(path.relative_to(root)), node.lineno))
    return sorted(set(found), key=lambda i: (i.file, i.line, i.imported))


def component(module: str) -> str:
    parts = module.split(".")
    return parts[0] if len(parts) == 1 else parts[1]


def layer_violations(imports: list[Import]) -> list[str]:
    problems = []
    for imp in imports:
        source, target = component(imp.importer), component(imp.imported)
        if source == target:
            continue
        if source not in MAY_IMPORT:
            problems.append(f"{imp}: {source!r} has no row in MAY_IMPORT; place it in the layers")
        elif target not in MAY_IMPORT[source]:
            problems.append(f"{imp}: {source} may import only {', '.join(sorted(MAY_IMPORT[source])) or 'nothing'}")
    return problems


def front_end_violations(imports: list[Import]) -> list[str]:
    return [f"{imp}: only {', '.join(sorted(FRONT_ENDS))} may import {component(imp.imported)}"
            for imp in imports
            if component(imp.imported) in READ_AND_RENDER and component(imp.importer) not in FRONT_ENDS
            and component(imp.importer) != component(imp.imported)]


def cycles(imports: list[Import]) -> list[list[Import]]:
    """One import cycle per knot of modules that import each other (a strongly connected set):
    the shortest cycle through its first module, as the imports that make it up."""
    graph: dict[str, dict[str, Import]] = {}
    for imp in imports:
        graph.setdefault(imp.importer, {}).setdefault(imp.imported, imp)
        graph.setdefault(imp.imported, {})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    knots: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            knot = set()
            while True:
                member = stack.pop()
                knot.add(member)
                if member == node:
                    break
            if len(knot) > 1:
                knots.append(knot)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    found = []
    for knot in knots:  # breadth first from the knot's first module back to itself
        start = min(knot)
        paths: dict[str, list[Import]] = {start: []}
        queue = deque([start])
        cycle: list[Import] | None = None
        while cycle is None:
            node = queue.popleft()
            for nxt, imp in sorted(graph[node].items()):
                if nxt == start:
                    cycle = [*paths[node], imp]
                    break
                if nxt in knot and nxt not in paths:
                    paths[nxt] = [*paths[node], imp]
                    queue.append(nxt)
        found.append(cycle)
    return found


def shared_file_names(root: Path, package: str = "modelcards") -> dict[str, list[str]]:
    by_name: dict[str, list[str]] = {}
    for path in sorted((root / package).rglob("*.py")):
        if path.name not in SHARED_FILE_NAMES:
            by_name.setdefault(path.name, []).append(str(path.relative_to(root)))
    return {name: paths for name, paths in by_name.items() if len(paths) > 1}


def stdlib_named_packages(root: Path, package: str = "modelcards") -> list[str]:
    return [str(init.parent.relative_to(root)) for init in sorted((root / package).rglob("__init__.py"))
            if init.parent.name in sys.stdlib_module_names]


def _report(problems: list[str]) -> str:
    return f"{len(problems)} violation(s):\n" + "\n".join(problems)


# --- the rules, on this package -------------------------------------------------------------

@pytest.fixture(scope="module")
def package_imports() -> list[Import]:
    return first_party_imports(ROOT)


def test_the_scan_reads_this_package(package_imports):
    assert ("modelcards.__main__", "modelcards.cli") in {(i.importer, i.imported) for i in package_imports}


def test_each_component_imports_only_the_layers_below_it(package_imports):
    problems = layer_violations(package_imports)
    assert not problems, _report(problems)


def test_only_front_ends_import_readers_and_renderers(package_imports):
    problems = front_end_violations(package_imports)
    assert not problems, _report(problems)


def test_no_import_cycles(package_imports):
    found = cycles(package_imports)
    assert not found, _report(["cycle:\n    " + "\n    ".join(map(str, cycle)) for cycle in found])


def test_no_two_modules_share_a_file_name():
    assert shared_file_names(ROOT) == {}


def test_no_package_is_named_like_a_standard_library_module():
    assert stdlib_named_packages(ROOT) == []


# --- each rule catches a planted violation -----------------------------------------------------

CLEAN_TREE = {
    "__init__.py": "from modelcards.api import check\n",
    "__main__.py": "from modelcards.cli import main\n",
    "vocabulary.py": "",
    "schema/__init__.py": "from modelcards.schema.release import Release\n",
    "schema/release.py": "from modelcards import vocabulary\n",
    "readers/__init__.py": "",
    "readers/manifest.py": "from modelcards.schema import Release\n",
    "licenses/__init__.py": "",
    "licenses/resolver.py": "from modelcards.schema import Release\n",
    "openness/__init__.py": "",
    "openness/mof.py": "from modelcards.licenses import resolver\n",
    "rules/__init__.py": "from . import license_rules\n",
    "rules/license_rules.py": "from ..openness.mof import x\n",
    "report.py": "",
    "renderers/__init__.py": "",
    "renderers/readme.py": "from modelcards.report import Report\n",
    "api.py": "def check():\n    from modelcards.readers import manifest\n    from .renderers import readme\n",
    "cli.py": "import modelcards.api\n",
}


def _tree(tmp_path: Path, changes: dict[str, str] | None = None) -> Path:
    """A small ``modelcards`` package under ``tmp_path``: CLEAN_TREE with ``changes`` planted."""
    for name, text in {**CLEAN_TREE, **(changes or {})}.items():
        path = tmp_path / "modelcards" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_the_clean_tree_passes_every_rule(tmp_path):
    root = _tree(tmp_path)
    imports = first_party_imports(root)
    assert ("modelcards.rules.license_rules", "modelcards.openness.mof") in {(i.importer, i.imported) for i in imports}
    assert ("modelcards.rules", "modelcards.rules.license_rules") in {(i.importer, i.imported) for i in imports}
    assert layer_violations(imports) == front_end_violations(imports) == cycles(imports) == []
    assert shared_file_names(root) == {} and stdlib_named_packages(root) == []


@pytest.mark.parametrize(("where", "text", "imported"), [
    # upwards through the license <- openness <- rules order, at module level
    ("licenses/resolver.py", "from modelcards.openness import mof\n", "modelcards.openness.mof"),
    ("openness/mof.py", "from modelcards.rules.license_rules import x\n", "modelcards.rules.license_rules"),
    # inside a function, and relative
    ("readers/manifest.py", "def f():\n    from ..licenses import resolver\n", "modelcards.licenses.resolver"),
    ("renderers/readme.py", "def f():\n    import modelcards.openness.mof\n", "modelcards.openness.mof"),
    ("schema/release.py", "from modelcards.report import Report\n", "modelcards.report"),
    ("vocabulary.py", "import modelcards.schema\n", "modelcards.schema"),
    ("report.py", "from modelcards import __version__\n", "modelcards"),  # the facade
])
def test_an_import_against_the_layers_is_found(tmp_path, where, text, imported):
    problems = layer_violations(first_party_imports(_tree(tmp_path, {where: text})))
    importer = "modelcards." + where.removesuffix(".py").replace("/", ".")
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"modelcards/{where}:")
    assert f"{importer} imports {imported}: {component(importer)} may import only" in problems[0]


def test_an_unplaced_component_is_found(tmp_path):
    root = _tree(tmp_path)
    (root / "modelcards" / "extras.py").write_text("from modelcards import vocabulary\n")
    assert ["has no row in MAY_IMPORT" in p for p in layer_violations(first_party_imports(root))] == [True]


@pytest.mark.parametrize(("where", "text"), [
    ("report.py", "def f():\n    from modelcards.readers.manifest import x\n"),
    ("licenses/resolver.py", "from modelcards import renderers\n"),
    ("schema/release.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..renderers import readme\n"),
])
def test_a_reader_or_renderer_import_outside_the_front_ends_is_found(tmp_path, where, text):
    problems = front_end_violations(first_party_imports(_tree(tmp_path, {where: text})))
    assert len(problems) == 1 and problems[0].startswith(f"modelcards/{where}:"), problems


def test_an_import_cycle_is_found(tmp_path):
    root = _tree(tmp_path, {"rules/registry.py": "from modelcards.rules import license_rules\n",
                              "rules/license_rules.py": "def f():\n    from .registry import rule\n"})
    found = cycles(first_party_imports(root))
    assert [[(i.importer, i.imported, i.line) for i in cycle] for cycle in found] == [[
        ("modelcards.rules.license_rules", "modelcards.rules.registry", 2),
        ("modelcards.rules.registry", "modelcards.rules.license_rules", 1)]]


def test_a_shared_file_name_and_a_stdlib_package_name_are_found(tmp_path):
    root = _tree(tmp_path, {"licenses/registry.py": "", "rules/registry.py": "", "io/__init__.py": ""})
    assert shared_file_names(root) == {"registry.py": ["modelcards/licenses/registry.py",
                                                       "modelcards/rules/registry.py"]}
    assert stdlib_named_packages(root) == ["modelcards/io"]
