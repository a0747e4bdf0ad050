"""The package's shape: imports one way only, each module importable alone, twins alike.

Sans-IO cores and I/O shells live in packages by concern (`_transport`,
`_streaming`, `_uploads`, `_workflow`, `_cli`); a blocking function's async
twin has the plain name and it the suffix `_sync`, a class `X` has `AsyncX`.
"""

from __future__ import annotations

import ast
import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import sketricgen
from sketricgen import AsyncStream, SketricGenClient, Stream
from sketricgen._streaming import deadline
from sketricgen._streaming import shells as stream_shells
from sketricgen._transport.shells import AsyncTransport, Transport
from sketricgen._uploads import shells as upload_shells

PACKAGE = Path(sketricgen.__file__).parent
ASYNC_NAMES = {
    "aclose": "close",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(name: str, path: Path) -> set[str]:
    """The package's modules `name` imports at run time (at the top or in a function)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {module for module in found if module in MODULES and module != name}


def test_imports_form_no_cycle() -> None:
    graph = {name: _imported(name, path) for name, path in MODULES.items()}
    done: set[str] = set()

    def walk(name: str, trail: list[str]) -> None:
        if name in trail:
            cycle = [*trail[trail.index(name) :], name]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        for imported in sorted(graph[name]):
            walk(imported, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    assert "sketricgen._streaming.typed" in graph["sketricgen._streaming.event"]  # seen at all


ALONE = """
import importlib, json, sys
failed, skipped = {}, []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "sketricgen" or m.startswith("sketricgen.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] == "sketricgen":
            failed[name] = repr(error)
        else:
            skipped.append(name)  # an optional extra that is not installed
    except Exception as error:
        failed[name] = repr(error)
print(json.dumps({"failed": failed, "skipped": skipped}))
"""


def test_every_module_imports_on_its_own() -> None:
    """Each module, imported first in a clean state, brings what it needs (no order luck)."""
    names = sorted(MODULES)
    done = subprocess.run(
        [sys.executable, "-c", ALONE, *names], capture_output=True, text=True, check=True
    )
    outcome = json.loads(done.stdout.splitlines()[-1])
    assert outcome["failed"] == {}
    assert len(outcome["skipped"]) < len(names) // 2


def test_the_top_level_is_a_few_modules_and_the_packages() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 10, top
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert {"_transport", "_streaming", "_uploads", "_workflow", "_cli"} <= packages


def _public(cls: type) -> set[str]:
    own = {
        name
        for klass in cls.__mro__
        if klass is not object
        for name in vars(klass)
        if not name.startswith("_") or name in ASYNC_NAMES or name in ASYNC_NAMES.values()
    }
    return {ASYNC_NAMES.get(name, name) for name in own}


def test_each_sync_shell_and_its_async_twin_have_the_same_methods() -> None:
    for blocking, twin in [(Stream, AsyncStream), (Transport, AsyncTransport)]:
        assert twin.__name__ == "Async" + blocking.__name__
        assert _public(blocking) == _public(twin), blocking.__name__


def test_the_client_has_a_sync_twin_for_each_async_method() -> None:
    methods = {
        name: member
        for name, member in vars(SketricGenClient).items()
        if callable(member) and not name.startswith("_") and name != "from_env"
    }
    async_ones = {n for n, m in methods.items() if inspect.iscoroutinefunction(m)}
    sync_ones = set(methods) - async_ones
    assert {ASYNC_NAMES.get(n, n + "_sync") for n in async_ones} == sync_ones
    for name in async_ones - set(ASYNC_NAMES):
        _same_parameters(methods[name], methods[name + "_sync"])


def test_each_admin_namespace_has_a_sync_twin_for_each_method() -> None:
    """Every public method of `client.projects`, `client.agents`... has its `_sync` twin
    (a blocking function, same parameters); a `_sync` method always has its plain twin."""
    with SketricGenClient("sk_api_layout-test-key") as client:
        names = [
            name
            for name, member in vars(SketricGenClient).items()
            if isinstance(member, property) and not name.startswith("_")
        ]
        spaces = {
            name: type(getattr(client, name))
            for name in names
            if type(getattr(client, name)).__module__.startswith("sketricgen.admin.")
        }
    assert {"projects", "agents", "knowledge_bases", "conversations", "members"} <= set(spaces)
    for name, cls in spaces.items():
        methods = {
            method: member
            for method, member in vars(cls).items()
            if callable(member) and not method.startswith("_")
        }
        for method, member in methods.items():
            if method.endswith("_sync"):
                assert method[: -len("_sync")] in methods, f"{name}.{method} has no async twin"
                assert not inspect.iscoroutinefunction(member), f"{name}.{method}"
                continue
            twin = methods.get(f"{method}_sync")
            assert twin is not None, f"{name}.{method} has no _sync twin"
            _same_parameters(member, twin)


def _same_parameters(one: Callable[..., Any], other: Callable[..., Any]) -> None:
    first, second = inspect.signature(one), inspect.signature(other)
    assert list(first.parameters) == list(second.parameters), (one, other)


def test_shell_functions_come_in_pairs_named_by_the_rule() -> None:
    for module in (stream_shells, upload_shells, deadline):
        functions = {
            name: value
            for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__
        }
        for name, function in functions.items():
            if name.endswith("_sync"):
                twin = functions.get(name[: -len("_sync")])
                assert twin is not None, f"{module.__name__}.{name} has no async twin"
                assert not inspect.iscoroutinefunction(function), name
            elif inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function):
                assert f"{name}_sync" in functions, f"{module.__name__}.{name} has no _sync twin"
