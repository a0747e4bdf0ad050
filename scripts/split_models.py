"""Split datamodel-codegen's one module of wire models into modules loaded on first use.

A program that runs one chat call should not build the pydantic classes of
every AG-UI event or upload step. Each generated class goes to a module named
by the operations that reach it:

- `_<tag>`: reached by the operations of one tag only (`_chat`, `_assets`);
- `_shared`: reached by the operations of several tags (the error bodies);
- `_payloads`: reached by no operation's request or answer (the AG-UI events,
  which the spec names only in an `x-event-payload` extension of the stream).

The package's `__init__` imports nothing at run time: `from <package> import X`
loads X's module (and the modules it refers to) through a module `__getattr__`;
a type checker sees every name through `if TYPE_CHECKING:` imports.

A module refers only to the same or a wider group (`_<tag>` to `_shared`,
`_payloads` to any), so the modules import each other without cycles.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

SHARED = "_shared"
PAYLOADS = "_payloads"


@dataclass
class _Definition:
    """One top-level class or alias of the generated module, with what follows it."""

    name: str
    source: str
    uses: set[str] = field(default_factory=set)


def _tag_module(tag: str) -> str:
    return "_" + re.sub(r"\W+", "_", tag).strip("_").lower()


def _parse(text: str) -> tuple[str, list[ast.ImportFrom], list[_Definition], list[str]]:
    """The leading comment, the imports, the definitions and the module-level calls."""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    comment = "".join(line for line in lines[: tree.body[0].lineno - 1] if line.startswith("#"))
    imports: list[ast.ImportFrom] = []
    definitions: list[_Definition] = []
    calls: list[str] = []
    for node in tree.body:
        source = "".join(lines[node.lineno - 1 : node.end_lineno])
        if isinstance(node, ast.ImportFrom):
            imports.append(node)
        elif isinstance(node, ast.ClassDef):
            definitions.append(_Definition(node.name, source))
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            definitions.append(_Definition(node.targets[0].id, source))
        elif (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and definitions
        ):
            definitions[-1].source += source  # an alias's docstring
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            calls.append(source)  # e.g. `X.model_rebuild()`
        else:
            raise ValueError(f"unexpected statement at line {node.lineno} of the models")
    names = {d.name for d in definitions}
    for definition in definitions:
        used = {n.id for n in ast.walk(ast.parse(definition.source)) if isinstance(n, ast.Name)}
        definition.uses = (used & names) - {definition.name}
    return comment, imports, definitions, calls


def _groups(definitions: list[_Definition], tags: dict[str, set[str]]) -> dict[str, str]:
    """Each definition's module. One not in the spec (an alias, an inline
    object's class) takes the tags of the definitions using it."""
    reach = {d.name: set(tags.get(d.name, ())) for d in definitions}
    derived = [d.name for d in definitions if d.name not in tags]
    changed = True
    while changed:
        changed = False
        for definition in definitions:
            for used in definition.uses & set(derived):
                if not reach[definition.name] <= reach[used]:
                    reach[used] |= reach[definition.name]
                    changed = True
    return {name: _group(found) for name, found in reach.items()}


def _group(tags: set[str]) -> str:
    if not tags:
        return PAYLOADS
    return _tag_module(next(iter(tags))) if len(tags) == 1 else SHARED


def _imports(imports: list[ast.ImportFrom], body: str) -> str:
    """The header's imports that `body` uses (the `__future__` one always)."""
    used = {n.id for n in ast.walk(ast.parse(body)) if isinstance(n, ast.Name)}
    used |= {n.attr for n in ast.walk(ast.parse(body)) if isinstance(n, ast.Attribute)}
    lines = []
    for node in imports:
        names = [a.name for a in node.names if node.module == "__future__" or a.name in used]
        if names:
            lines.append(f"from {node.module} import {', '.join(names)}\n")
    return "\n".join(lines)


def split(text: str, tags: dict[str, set[str]], package: str, source: str) -> dict[str, str]:
    """The package's files (name → text) for the module `text`.

    `tags` gives the tags of the operations reaching each schema of the spec,
    `source` names the spec (`openapi/<name>.yaml`).
    """
    comment, imports, definitions, calls = _parse(text)
    group_of = _groups(definitions, tags)
    order = [SHARED, *sorted({*group_of.values()} - {SHARED, PAYLOADS}), PAYLOADS]
    files: dict[str, str] = {}
    for group in order:
        members = [d for d in definitions if group_of[d.name] == group]
        if not members:
            continue
        body = "\n\n".join(d.source.rstrip("\n") + "\n" for d in members)
        mine = {d.name for d in members}
        for call in calls:
            if call.split(".", 1)[0] in mine:
                body += "\n\n" + call
        outside: dict[str, set[str]] = {}
        for definition in members:
            for used in definition.uses - mine:
                outside.setdefault(group_of[used], set()).add(used)
        if any(order.index(other) > order.index(group) for other in outside):
            raise ValueError(f"{group} would import a later module: {sorted(outside)}")
        header = _imports(imports, body) + "".join(
            f"\nfrom .{other} import {', '.join(sorted(outside[other]))}\n"
            for other in sorted(outside)
        )
        files[f"{group}.py"] = f'{comment}\n"""{_docstring(group, source)}"""\n\n{header}\n\n{body}'
    files["__init__.py"] = _package(package, source, group_of)
    return files


def _docstring(group: str, source: str) -> str:
    if group == SHARED:
        return f"The wire models that operations of several tags of {source} use (generated)."
    if group == PAYLOADS:
        return (
            f"The wire models of {source} that no operation sends or answers with as a body\n"
            "(a stream's events, for one), generated."
        )
    return f"The wire models of the `{group[1:]}` operations of {source} (generated)."


def _package(package: str, source: str, group_of: dict[str, str]) -> str:
    """An `__init__` that loads each name's module on first use."""
    names = sorted(group_of, key=str.lower)
    checked = "".join(
        f"    from .{group_of[name]} import {name} as {name}\n"
        for name in sorted(names, key=lambda name: (group_of[name], name.lower()))
    )
    table = "".join(f'    "{name}": ".{group_of[name]}",\n' for name in names)
    listed = "".join(f'    "{name}",\n' for name in names)
    return f'''"""The wire models of {source} (generated).

Each model loads with its module on first use (`from {package} import X`
imports only the module that defines X, and the ones it refers to): a
program building one request does not build every model of the spec.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
{checked}
_MODULES = {{
{table}}}

__all__ = [
{listed}]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
'''
