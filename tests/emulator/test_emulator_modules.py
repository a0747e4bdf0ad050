"""The emulator's own modules: named apart from the SDK's, importing one another one way."""

from __future__ import annotations

import ast
from pathlib import Path

import sketricgen
import sketricgen.testing

SDK_ROOT = Path(sketricgen.__file__).parent
TESTING_ROOT = Path(sketricgen.testing.__file__).parent


def _stem(path: Path) -> str:
    """`_uploads.py`, `uploads.py` and the package `_uploads/` all read as `uploads`."""
    name = path.stem if path.suffix else path.name
    return name if name.startswith("__") else name.lstrip("_")


def _testing_modules() -> dict[str, Path]:
    return {path.stem: path for path in sorted(TESTING_ROOT.glob("*.py"))}


def _relative_imports(path: Path) -> set[str]:
    """The sibling modules `path` imports when it loads (not inside functions or TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module)
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_no_emulator_module_is_named_like_an_sdk_module() -> None:
    sdk_names = {
        _stem(path)
        for path in SDK_ROOT.rglob("*")
        if TESTING_ROOT not in path.parents
        and path != TESTING_ROOT
        and "__pycache__" not in path.parts
        and (path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").is_file()))
    }
    ours = {_stem(path) for path in TESTING_ROOT.glob("*.py") if not path.stem.startswith("__")}
    assert len(sdk_names) > 20, sorted(sdk_names)  # the walk found the SDK
    assert sorted(ours & sdk_names) == []


def test_emulator_modules_import_one_another_in_one_direction() -> None:
    modules = _testing_modules()
    graph = {name: _relative_imports(path) & modules.keys() for name, path in modules.items()}
    assert graph["_chat"], graph  # the parse sees relative imports
    order: list[str] = []
    remaining = dict(graph)
    while remaining:
        ready = sorted(name for name, needs in remaining.items() if needs <= set(order))
        assert ready, f"an import cycle among {sorted(remaining)}: {remaining}"
        order += ready
        for name in ready:
            del remaining[name]
    # The package itself loads no module of its own: its names load on first use.
    assert graph["__init__"] == set()
    assert graph["pytest_plugin"] == set()
