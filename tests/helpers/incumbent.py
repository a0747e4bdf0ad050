"""The incumbent `sketricgen` 0.3.0 in a child process, and one way to make admin calls on either.

The incumbent imports as `sketricgen` too, so it cannot share an interpreter with
this SDK: `make incumbent` installs it alone into `.incumbent/` (no dependencies:
its httpx and pydantic come from the test venv), and `Incumbent` runs this very file
as a child with `PYTHONPATH=.incumbent/`. The child reads one case per line on stdin
(`{"base_url", "api_key", "mode", "calls"}`), points the incumbent's admin transport at
`base_url` (its host is a constant with no override: the reference may be patched),
makes the calls through a fresh `SketricGenClient`, and answers one line of results.

`perform()` makes the same calls on this SDK's client in the test's own process, so
both sides go through one piece of code: a call names a method by its dotted path on
the client (`"brand_agents.create"`), and its arguments may refer to an earlier call's
result (`Ref`), since ids differ from case to case. A result is what a test compares:
a model as its class name and `model_dump(mode="json")`, a list of them, or an error as
its class names and data attributes. This module imports nothing but the standard
library at the top: the child must not load this SDK.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[2]
INCUMBENT_DIR = ROOT / ".incumbent"
INCUMBENT_VERSION = "0.3.0"
ERROR_ATTRIBUTES = ("status_code", "code", "message", "detail", "job_id", "status", "error_summary")


class IncumbentMissingError(RuntimeError):
    """The incumbent is not installed where the tests look for it."""


@dataclass(frozen=True)
class Ref:
    """The value at `path` (keys and list indexes) in the result of call number `call`."""

    call: int
    path: tuple[Any, ...]

    def __init__(self, call: int, *path: Any) -> None:
        object.__setattr__(self, "call", call)
        object.__setattr__(self, "path", path)


@dataclass(frozen=True)
class Call:
    """One method call on a client: `method` is its dotted path, without `_sync`."""

    method: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    # Arguments only this SDK takes (an explicit opt-in the incumbent did not need).
    ours_only: dict[str, Any] = field(default_factory=dict)

    def encode(self, mode: str, *, ours: bool) -> dict[str, Any]:
        """The call as JSON data for `mode` ("async" or "sync")."""
        kwargs = {**self.kwargs, **(self.ours_only if ours else {})}
        return {
            "method": self.method + ("_sync" if mode == "sync" else ""),
            "args": [_encode(value) for value in self.args],
            "kwargs": {name: _encode(value) for name, value in kwargs.items()},
        }


def _encode(value: Any) -> Any:
    if isinstance(value, Ref):
        return {"$ref": [value.call, *value.path]}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


def _resolve(value: Any, results: list[dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) == {"$ref"}:
        call, *path = value["$ref"]
        found = results[call]["value"]
        for step in path:
            found = (
                found["fields"][step]
                if isinstance(found, dict) and "fields" in found
                else found[step]
            )
        return found
    if isinstance(value, list):
        return [_resolve(item, results) for item in value]
    if isinstance(value, dict):
        return {key: _resolve(item, results) for key, item in value.items()}
    return value


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def dump(value: Any) -> Any:
    """A call's result as JSON data: models by class name and fields, lists item by item."""
    if hasattr(value, "model_dump"):
        return {"model": type(value).__name__, "fields": value.model_dump(mode="json")}
    if isinstance(value, (list, tuple)):
        return [dump(item) for item in value]
    return value


def dump_error(error: BaseException) -> dict[str, Any]:
    """An exception as JSON data: every class it is, and its data attributes."""
    attributes = {
        name: _plain(getattr(error, name)) for name in ERROR_ATTRIBUTES if hasattr(error, name)
    }
    return {"classes": [kind.__name__ for kind in type(error).__mro__], "attributes": attributes}


def _target(client: Any, method: str) -> Any:
    target = client
    for part in method.split("."):
        target = getattr(target, part)
    return target


async def _perform_async(client: Any, calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for call in calls:
        try:
            value = _target(client, call["method"])(
                *_resolve(call["args"], results), **_resolve(call["kwargs"], results)
            )
            if inspect.isawaitable(value):
                value = await value
            if hasattr(value, "__aiter__"):
                value = [item async for item in value]
            results.append({"value": dump(value)})
        except Exception as error:  # an error is a result to compare
            results.append({"error": dump_error(error)})
    return results


def _perform_sync(client: Any, calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for call in calls:
        try:
            value = _target(client, call["method"])(
                *_resolve(call["args"], results), **_resolve(call["kwargs"], results)
            )
            if hasattr(value, "__next__"):
                value = list(value)
            results.append({"value": dump(value)})
        except Exception as error:  # an error is a result to compare
            results.append({"error": dump_error(error)})
    return results


def perform(client: Any, calls: list[dict[str, Any]], mode: str) -> list[dict[str, Any]]:
    """Make the encoded `calls` in order on `client`: one event loop for "async", none else."""
    if mode == "async":
        return asyncio.run(_perform_async(client, calls))
    return _perform_sync(client, calls)


async def perform_async(client: Any, calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`perform(client, calls, "async")` on the caller's event loop."""
    return await _perform_async(client, calls)


class Incumbent:
    """The incumbent in a child process; `run()` makes one case's calls there."""

    def __init__(self, directory: Path = INCUMBENT_DIR) -> None:
        self.directory = directory
        self._child: Optional[subprocess.Popen[str]] = None
        self.module_file = ""

    def start(self) -> Incumbent:
        """Start the child; `IncumbentMissingError` if the incumbent is not installed."""
        if not (self.directory / "sketricgen" / "admin" / "client.py").is_file():
            raise IncumbentMissingError(
                f"the incumbent sketricgen {INCUMBENT_VERSION} is not installed in "
                f"{self.directory}: run `make incumbent` (pip install --no-deps --target "
                f"{self.directory.name} sketricgen=={INCUMBENT_VERSION}; it needs PyPI)"
            )
        env = {**os.environ, "PYTHONPATH": str(self.directory), "PYTHONDONTWRITEBYTECODE": "1"}
        self._child = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"],
            cwd=self.directory,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self._answer()
        if ready.get("version") != INCUMBENT_VERSION:
            self.close()
            raise IncumbentMissingError(f"the child imported another sketricgen: {ready}")
        self.module_file = ready["file"]
        self.methods: list[str] = ready["methods"]
        return self

    def _answer(self) -> dict[str, Any]:
        assert self._child is not None
        assert self._child.stdout is not None
        line = self._child.stdout.readline()
        if not line:
            code = self._child.wait(timeout=10)
            raise RuntimeError(f"the incumbent's process ended (exit {code}): see its stderr")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(
        self, base_url: str, api_key: str, calls: list[Call], mode: str
    ) -> list[dict[str, Any]]:
        """Make `calls` with the incumbent's client in `mode`; their results, in order."""
        assert self._child is not None
        assert self._child.stdin is not None
        case = {
            "base_url": base_url,
            "api_key": api_key,
            "mode": mode,
            "calls": [call.encode(mode, ours=False) for call in calls],
        }
        self._child.stdin.write(json.dumps(case) + "\n")
        self._child.stdin.flush()
        results: list[dict[str, Any]] = self._answer()["results"]
        return results

    def close(self) -> None:
        """End the child (end of its stdin), killing it if it does not leave."""
        if self._child is None:
            return
        child, self._child = self._child, None
        assert child.stdin is not None
        assert child.stdout is not None
        child.stdin.close()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        child.stdout.close()

    def __enter__(self) -> Incumbent:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


ADMIN_NAMESPACES = ("projects", "agents", "knowledge_bases", "brand_agents", "connectors")


def _admin_methods(client: Any) -> list[str]:
    """The incumbent's public admin methods by dotted path, each `_sync` twin left out."""
    methods = ["whoami"]
    for namespace in ADMIN_NAMESPACES:
        owner = getattr(client, namespace)
        methods += [
            f"{namespace}.{name}"
            for name in dir(owner)
            if not name.startswith("_")
            and not name.endswith("_sync")
            and callable(getattr(owner, name))
        ]
    return sorted(methods)


def _serve() -> None:
    """The child: the incumbent's client, one case per line of stdin."""
    # The incumbent, through PYTHONPATH (imported by name: it is not this SDK's module).
    sketricgen: Any = importlib.import_module("sketricgen")
    transport: Any = importlib.import_module("sketricgen.admin.client")
    version = getattr(sketricgen, "__version__", "")
    methods = _admin_methods(sketricgen.SketricGenClient(api_key="unused"))
    print(json.dumps({"version": version, "file": sketricgen.__file__, "methods": methods}))
    sys.stdout.flush()
    for line in sys.stdin:
        case = json.loads(line)
        transport.DEFAULT_ADMIN_BASE_URL = case["base_url"]
        client = sketricgen.SketricGenClient(api_key=case["api_key"])
        results = perform(client, case["calls"], case["mode"])
        print(json.dumps({"results": results}), flush=True)


if __name__ == "__main__" and sys.argv[1:] == ["--serve"]:
    _serve()
