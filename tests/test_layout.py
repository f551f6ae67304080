"""The package's layout holds: layers import downward only, no import cycles, moto's
internals only in the glue, and modules and classes small enough to read.

Imports are read with ``ast`` (every import, inside functions too; imports under
``if TYPE_CHECKING:`` don't count, they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "moto_kendra"
SOURCE = Path(__file__).resolve().parent.parent / "src" / PACKAGE

#: Each module's layer, by its first part under moto_kendra; a module may import its
#: own layer and the layers below (lower numbers).
LAYERS = {
    "exceptions": 0,
    "spec": 0,
    "moto_glue": 1,
    "search": 1,
    "connectors": 2,
    "backend": 3,
    "protocol": 4,
    "testing": 5,
    # The public API and its wiring, the server command, the pytest plugin.
    "__init__": 6,
    "_version": 0,
    "server": 6,
    "pytest_plugin": 6,
}

#: moto's building blocks, which any layer may use (DESIGN.md: "lean on moto's own
#: parts"); every other moto module is an internal, for the glue alone.
MOTO_BUILDING_BLOCKS = {
    "moto",  # mock_aws
    "moto.core",  # DEFAULT_ACCOUNT_ID
    "moto.core.base_backend",  # BackendDict, BaseBackend
    "moto.core.common_models",  # BaseModel, CloudFormationModel
    "moto.core.exceptions",  # JsonRESTError
    "moto.moto_api",  # state_manager
    "moto.moto_api._internal",  # mock_random
    "moto.moto_api._internal.managed_state_model",  # ManagedState
    "moto.utilities.tagging_service",  # TaggingService
    "moto.utilities.utils",  # get_partition
}

MAX_MODULE_LINES = 420
MAX_CLASS_LINES = 260


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def imported_modules(name: str, source: str) -> set[str]:
    """The modules (ours and others) that module ``name`` imports when it runs."""
    is_package = MODULES[name].name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    result: set[str] = set()
    for node in _runtime_imports(ast.parse(source)):
        if isinstance(node, ast.Import):
            result.update(alias.name for alias in node.names)
            continue
        if node.level:
            base_parts = package.split(".")
            base_parts = base_parts[: len(base_parts) - (node.level - 1)]
            base = ".".join(base_parts + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        for alias in node.names:
            # `from package import module` imports that module; anything else, the base.
            candidate = f"{base}.{alias.name}"
            result.add(candidate if candidate in MODULES else base)
    return result


def import_graph() -> dict[str, set[str]]:
    return {
        name: {target for target in imported_modules(name, path.read_text()) if target in MODULES}
        - {name}
        for name, path in MODULES.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (a list of modules, first == last), or None."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = grey
        stack.append(node)
        for target in sorted(graph[node]):
            if colour[target] == grey:
                return stack[stack.index(target) :] + [target]
            if colour[target] == white:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        colour[node] = black
        return None

    for node in sorted(graph):
        if colour[node] == white:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def layer(name: str) -> int:
    parts = name.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def test_every_module_has_a_layer():
    assert [
        name for name in MODULES if name.split(".")[1:2] and name.split(".")[1] not in LAYERS
    ] == []


def test_no_import_cycle_between_modules():
    assert find_cycle(import_graph()) is None, " -> ".join(find_cycle(import_graph()) or [])


def test_the_cycle_check_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_imports_inside_functions_count_and_type_checking_ones_dont():
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from .testing import controls\n"
        "def f():\n"
        "    from .backend import service\n"
        "    from . import protocol\n"
    )
    assert imported_modules(f"{PACKAGE}.pytest_plugin", source) == {
        "typing",
        f"{PACKAGE}.backend.service",
        f"{PACKAGE}.protocol",
    }


def test_layers_import_downward_only():
    upward = [
        f"{name} (layer {layer(name)}) imports {target} (layer {layer(target)})"
        for name, targets in import_graph().items()
        for target in targets
        if layer(target) > layer(name)
    ]
    assert upward == []


def test_only_the_glue_touches_moto_internals():
    touching = [
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if not name.startswith(f"{PACKAGE}.moto_glue")
        for target in imported_modules(name, path.read_text())
        if (target == "moto" or target.startswith("moto.")) and target not in MOTO_BUILDING_BLOCKS
    ]
    assert touching == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_classes_fit_in_a_head(name: str):
    source = MODULES[name].read_text()
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    long_classes = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    ]
    assert long_classes == []


def test_the_architecture_example_is_the_real_code():
    """docs/architecture.md's worked example is quoted from the module it names."""
    text = (SOURCE.parent.parent / "docs" / "architecture.md").read_text()
    example = text.split('```python title="src/moto_kendra/backend/indices.py"\n', 1)[1]
    example = example.split("```", 1)[0]
    assert example in (SOURCE / "backend" / "indices.py").read_text()
