"""Generate the low-level clients and the wire models from the specs in openapi/.

Each spec gives two packages: `openapi/sketricgen.yaml` (the chat and upload
APIs) gives `sketricgen_lowlevel` and `sketricgen_models`;
`openapi/sketricgen-admin.yaml` (the Admin API) gives `sketricgen_admin_lowlevel`
and `sketricgen_admin_models`, loaded only by a program that uses the Admin API.

The low-level client comes from openapi-python-client with this project's
templates (scripts/templates/openapi-python-client/): each operation is an
I/O-free pair, `build_request` and `parse_response`, over the pydantic wire
models of datamodel-code-generator (the one model layer), its RootModel template
replaced (scripts/templates/datamodel-codegen/). The models are split into
modules by the operations that use them, each loaded on first use
(`split_models.py`): a program builds only the models its calls need.

    python scripts/generate.py              # rewrite generated/
    python scripts/generate.py --check      # regenerate elsewhere, fail on any difference
                                            # (or on uncommitted changes to generated/)

Both generators are pinned in pyproject.toml (the `dev` extra) and run in a
scratch folder outside the project, so that no project configuration (ruff,
black) changes their output: the same spec always gives the same files.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from split_models import split

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
# openapi-python-client's templates that differ from its own (an I/O-free pair per operation),
# datamodel-codegen's (a RootModel built once, on first use), the models' base class.
TEMPLATES = ROOT / "scripts" / "templates" / "openapi-python-client"
MODEL_TEMPLATES = ROOT / "scripts" / "templates" / "datamodel-codegen"
BIN = Path(sys.executable).parent
# The pinned openapi-python-client's settings; each target names its own package.
CONFIG = ROOT / "scripts" / "openapi-python-client.yaml"


@dataclass(frozen=True)
class Target:
    """One spec and the two packages it generates."""

    spec: Path
    lowlevel: str
    models: str


TARGETS = (
    Target(ROOT / "openapi" / "sketricgen.yaml", "sketricgen_lowlevel", "sketricgen_models"),
    Target(
        ROOT / "openapi" / "sketricgen-admin.yaml",
        "sketricgen_admin_lowlevel",
        "sketricgen_admin_models",
    ),
)

DATAMODEL_ARGS = [
    "--input-file-type", "openapi",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.9",
    "--extra-fields", "allow",
    "--use-annotated",
    "--field-constraints",
    "--strict-nullable",
    "--use-standard-collections",
    "--enum-field-as-literal", "all",
    "--use-one-literal-as-default",
    "--use-schema-description",
    "--use-field-description",
    "--disable-timestamp",
]  # fmt: skip


def _run(args: list[str], cwd: Path) -> None:
    # The generators' post-hooks call `ruff` by name: find the pinned one first.
    # A fixed hash seed keeps set-ordered output (imports) stable.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["PYTHONHASHSEED"] = "0"
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"generation failed: {' '.join(args[:2])}")


def _referenced(node: Any, found: set[str]) -> None:
    """Collect every `#/components/...` reference under `node`."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            found.add(ref)
        for key, value in node.items():
            if not key.startswith("x-"):  # extensions (the stream's event payload) are docs only
                _referenced(value, found)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, found)


def operations_only(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with only the components its operations reach, each schema marked.

    The low-level client needs the request and answer shapes, not the AG-UI
    event payloads. Each schema kept gets `x-sketricgen-model: <name>`: the
    model template re-exports that pydantic class of the models package
    (the one model layer), where an inline object stays a dict.
    """
    components = spec["components"]
    reached: set[str] = set()
    pending: set[str] = set()
    _referenced(spec["paths"], pending)
    while pending:
        ref = pending.pop()
        reached.add(ref)
        _, _, kind, name = ref.split("/", 3)
        _referenced(components[kind][name], pending)
        pending -= reached
    pruned = dict(spec)
    pruned["components"] = {
        kind: (
            {name: item for name, item in items.items() if f"#/components/{kind}/{name}" in reached}
            if kind == "responses"
            else {
                name: {**item, "x-sketricgen-model": name}
                for name, item in items.items()
                if f"#/components/{kind}/{name}" in reached
            }
            if kind == "schemas"
            else items
        )
        for kind, items in components.items()
    }
    return pruned


def schema_tags(spec: dict[str, Any]) -> dict[str, set[str]]:
    """The tags of the operations reaching each schema (through references, not extensions)."""
    components = spec["components"]
    tags: dict[str, set[str]] = {name: set() for name in components.get("schemas", {})}
    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue  # path-level parameters, servers, a summary
            tag = (operation.get("tags") or ["default"])[0]
            pending: set[str] = set()
            _referenced(operation, pending)
            _referenced(item.get("parameters", []), pending)
            reached: set[str] = set()
            while pending:
                ref = pending.pop()
                reached.add(ref)
                _, _, kind, name = ref.split("/", 3)
                _referenced(components[kind][name], pending)
                pending -= reached
            for ref in reached:
                _, _, kind, name = ref.split("/", 3)
                if kind == "schemas":
                    tags[name].add(tag)
    return tags


def generate_into(out: Path) -> None:
    """Write every generated package into the folder `out`."""
    for target in TARGETS:
        _generate_target(target, out)


def _generate_target(target: Target, out: Path) -> None:
    """Write the two packages of `target` into the folder `out`."""
    with tempfile.TemporaryDirectory(prefix="sketricgen-gen-") as scratch_name:
        scratch = Path(scratch_name)
        spec = scratch / target.spec.name
        shutil.copyfile(target.spec, spec)
        operations = scratch / "operations.json"
        full = yaml.safe_load(target.spec.read_text(encoding="utf-8"))
        operations.write_text(json.dumps(operations_only(full), indent=1), encoding="utf-8")
        config = scratch / "openapi-python-client.yaml"
        settings = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
        settings["package_name_override"] = settings["project_name_override"] = target.lowlevel
        config.write_text(yaml.safe_dump(settings), encoding="utf-8")

        _run(
            [
                str(BIN / "openapi-python-client"), "generate",
                "--path", str(operations),
                "--meta", "none",
                "--config", str(config),
                "--custom-template-path", str(TEMPLATES),
                "--output-path", str(scratch / target.lowlevel),
            ],
            cwd=scratch,
        )  # fmt: skip
        models = scratch / target.models
        models.mkdir()
        shutil.copyfile(ROOT / "scripts" / "templates" / "wire_base.py", models / "_base.py")
        _run(
            [
                str(BIN / "datamodel-codegen"),
                "--input", spec.name,
                "--output", str(models / "__init__.py"),
                "--base-class", f"{target.models}._base.WireModel",
                "--custom-template-dir", str(MODEL_TEMPLATES),
                *DATAMODEL_ARGS,
            ],
            cwd=scratch,
        )  # fmt: skip
        single = models / "__init__.py"
        text = single.read_text(encoding="utf-8") + _union_aliases(full)
        source = f"openapi/{target.spec.name}"
        for name, content in split(text, schema_tags(full), target.models, source).items():
            (models / name).write_text(content, encoding="utf-8")
        for package in (target.lowlevel, target.models):
            (scratch / package / "py.typed").write_text("")
            shutil.copytree(scratch / package, out / package)


def _union_aliases(spec: dict[str, Any]) -> str:
    """A plain `Union` alias for each `oneOf` schema, `<Name>Member`, for annotations.

    datamodel-codegen makes a `oneOf` a RootModel (what validation needs); a type
    checker narrows a plain Union with `isinstance`, so the SDK annotates with this.
    """
    text = ""
    for name, schema in spec["components"]["schemas"].items():
        items = schema.get("oneOf", ())
        if items and all("$ref" in item for item in items):
            members = [item["$ref"].rsplit("/", 1)[1] for item in items]
            listed = "".join(f"    {member},\n" for member in members)
            text += (
                f"\n\n{name}Member = Union[\n{listed}]\n"
                f'"""The members of `{name}`, as a plain Union (for annotations)."""\n'
            )
    return text


def _differences(left: Path, right: Path) -> list[str]:
    """Relative paths of files that differ, or exist on one side only."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files)
        found.extend(prefix + name for name in cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return sorted(found)


def _uncommitted(folder: Path) -> list[str]:
    """`git status` lines for `folder` (none outside a git work tree)."""
    done = subprocess.run(
        ["git", "status", "--porcelain", "--", str(folder)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return done.stdout.splitlines() if done.returncode == 0 else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sketricgen-out-") as out_name:
        out = Path(out_name)
        generate_into(out)
        if options.check:
            stale = _differences(out, GENERATED)
            if stale:
                print("generated/ differs from what the specs in openapi/ generate:")
                for name in stale:
                    print(f"  generated/{name}")
                print("run `make generate` and commit the result")
                return 1
            uncommitted = _uncommitted(GENERATED) + _uncommitted(TEMPLATES.parent)
            if uncommitted:
                print("generated/ matches the spec and templates, but they are not committed:")
                for line in uncommitted:
                    print(f"  {line}")
                return 1
            print("generated/ is up to date")
            return 0
        # Compare byte-for-byte first so an unchanged tree keeps its timestamps.
        if GENERATED.exists() and not _differences(out, GENERATED):
            print("generated/ unchanged")
            return 0
        shutil.rmtree(GENERATED, ignore_errors=True)
        shutil.copytree(out, GENERATED)
        print("generated/ rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
