"""Mutation testing of the SDK's sans-IO cores: `make mutation` (not part of `make test`).

For each core module in `CORES`, every mutation site is listed (operator swaps, constant
changes, negated conditions, removed calls and raises, emptied returns), a seeded sample is
taken, and each mutant runs that module's unit tests in a fresh interpreter (`-x`, a timeout
per run). The mutant replaces the module through an import hook, so the working tree is
never written to. A mutant is killed when its tests fail or time out; the score of a module
is killed / (mutants - equivalent). Equivalent mutants (no test can tell them apart) are
listed with a reason in `EQUIVALENTS_FILE`; the report goes to `bench/results/mutation.md`.

    .venv/bin/python scripts/mutate.py                  # every core, up to 60 mutants each
    .venv/bin/python scripts/mutate.py --only retry --sample 0 --jobs 2   # all of one core
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import copy
import dataclasses
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional, Union

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS_FILE = ROOT / "bench" / "results" / "mutation-equivalents.txt"
REPORT_FILE = ROOT / "bench" / "results" / "mutation.md"


@dataclasses.dataclass(frozen=True)
class Core:
    """One sans-IO module and the unit tests that must kill its mutants."""

    name: str
    module: str
    tests: tuple[str, ...]


# The one table to update when modules or tests move: module -> its unit tests.
CORES: tuple[Core, ...] = (
    Core("sse", "sketricgen._streaming.sse", ("tests/unit/streaming/test_sse.py",)),
    Core("retry", "sketricgen._transport.retry", ("tests/unit/transport/test_retry.py",)),
    Core(
        "error mapping",
        "sketricgen._transport.errors",
        ("tests/unit/transport/test_errors.py", "tests/admin/test_admin_errors.py"),
    ),
    Core("body reader", "sketricgen._transport.body", ("tests/unit/transport/test_body.py",)),
    Core(
        "stream core",
        "sketricgen._streaming.core",
        (
            "tests/unit/streaming/test_core.py",
            "tests/streaming/test_stream_wire.py",
            "tests/streaming/test_stream_faults.py",
            "tests/streaming/test_stream_lifecycle.py",
        ),
    ),
    Core(
        "result builder",
        "sketricgen._streaming.result",
        ("tests/unit/streaming/test_result.py", "tests/streaming/test_stream_results.py"),
    ),
    Core(
        "validation",
        "sketricgen._workflow.validation",
        ("tests/unit/workflow/test_validation.py",),
    ),
    Core("files", "sketricgen._uploads.files", ("tests/unit/uploads/test_files.py",)),
    Core(
        "file types",
        "sketricgen._uploads.filetypes",
        ("tests/unit/uploads/test_filetypes.py", "tests/unit/uploads/test_files.py"),
    ),
    Core(
        "upload flow",
        "sketricgen._uploads.flow",
        (
            "tests/unit/uploads/test_flow.py",
            "tests/uploads/test_upload_failures.py",
            "tests/uploads/test_upload_error_identity.py",
        ),
    ),
    Core("multipart form", "sketricgen._uploads.form", ("tests/unit/uploads/test_form.py",)),
    Core("admin pages", "sketricgen.admin._pages", ("tests/unit/admin/test_pages.py",)),
    Core("admin job wait", "sketricgen.admin._job_wait", ("tests/unit/admin/test_job_wait.py",)),
    Core(
        "admin checks",
        "sketricgen.admin._checks",
        ("tests/unit/admin/test_pages.py", "tests/unit/admin/test_checks.py"),
    ),
    Core(
        "verifier",
        "sketricgen.verify._verifier",
        ("tests/unit/verify/test_verifier.py", "tests/verify/test_verify_reference.py"),
    ),
)

_SWAPS: dict[type[ast.AST], Any] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
}
_LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One mutation: where it is and what it changes."""

    module: str
    index: int
    line: int
    scope: str
    before: str
    after: str
    nth: int = 1  # the same change in the same function: counted from its top

    @property
    def key(self) -> str:
        """A key that survives edits elsewhere in the file (no line number)."""
        key = f"{self.module}:{self.scope}: {self.before} -> {self.after}"
        return key if self.nth == 1 else f"{key} (#{self.nth})"


def _short(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 90 else text[:87] + "..."


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_log_call(node: ast.stmt) -> bool:
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return False
    func = node.value.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in _LOG_METHODS
        and "log" in _short(func.value).lower()
    )


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in _short(node.test)


def _is_dunder_assign(node: ast.stmt) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return any(isinstance(t, ast.Name) and t.id.startswith("__") for t in targets)


class _Mutator(ast.NodeTransformer):
    """Counts mutation sites in a fixed order; applies the one numbered `target`."""

    def __init__(self, module: str, target: Optional[int]) -> None:
        self.module = module
        self.target = target
        self.found: list[Mutant] = []
        self.scope: list[str] = []

    # -- bookkeeping -------------------------------------------------------------

    def _site(self, node: ast.AST, before: ast.AST, after: ast.AST) -> bool:
        """Record one variant; True when it is the one to apply."""
        index = len(self.found)
        scope, old, new = ".".join(self.scope) or "<module>", _short(before), _short(after)
        nth = 1 + sum(1 for m in self.found if (m.scope, m.before, m.after) == (scope, old, new))
        line = getattr(node, "lineno", 0)
        self.found.append(Mutant(self.module, index, line, scope, old, new, nth))
        return index == self.target

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        """Visit a statement list, leaving out what mutating would only make noise of."""
        kept: list[ast.stmt] = []
        for i, stmt in enumerate(body):
            if (i == 0 and _is_docstring(stmt)) or _is_type_checking(stmt):
                kept.append(stmt)
                continue
            if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Assert)) or _is_log_call(stmt):
                kept.append(stmt)
                continue
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and _is_dunder_assign(stmt):
                kept.append(stmt)
                continue
            new = self.visit(stmt)
            kept.extend(new if isinstance(new, list) else [new])
        return kept

    def _visit_bodies(self, node: ast.AST) -> None:
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list):
                setattr(node, field, self._body(body))
        for handler in getattr(node, "handlers", []):
            handler.body = self._body(handler.body)
        for case in getattr(node, "cases", []):
            case.body = self._body(case.body)

    # -- scopes: annotations and decorators are left alone ---------------------------

    def visit_Module(self, node: ast.Module) -> ast.Module:
        node.body = self._body(node.body)
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        self.scope.append(node.name)
        node.body = self._body(node.body)
        self.scope.pop()
        return node

    def _function(
        self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]
    ) -> Union[ast.FunctionDef, ast.AsyncFunctionDef]:
        self.scope.append(node.name)
        args = node.args
        args.defaults = [self.visit(d) for d in args.defaults]
        args.kw_defaults = [d if d is None else self.visit(d) for d in args.kw_defaults]
        node.body = self._body(node.body)
        self.scope.pop()
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._function(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AnnAssign:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.JoinedStr:
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.Lambda:
        node.body = self.visit(node.body)
        return node

    # -- statements ------------------------------------------------------------------

    def _compound(self, node: Union[ast.If, ast.While]) -> ast.stmt:
        node.test = self.visit(node.test)
        self._visit_bodies(node)
        if not isinstance(node.test, (ast.Compare, ast.BoolOp, ast.UnaryOp)):
            negated = ast.UnaryOp(op=ast.Not(), operand=node.test)
            if self._site(node, node.test, negated):
                node.test = negated
        return node

    def visit_If(self, node: ast.If) -> ast.stmt:
        return self._compound(node)

    def visit_While(self, node: ast.While) -> ast.stmt:
        return self._compound(node)

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, ast.stmt) and any(
            hasattr(node, f) for f in ("body", "handlers", "orelse")
        ):
            for field, value in ast.iter_fields(node):
                if field in ("body", "orelse", "finalbody", "handlers", "cases"):
                    continue
                if isinstance(value, ast.AST):
                    setattr(node, field, self.visit(value))
                elif isinstance(value, list):
                    setattr(
                        node, field, [self.visit(v) if isinstance(v, ast.AST) else v for v in value]
                    )
            self._visit_bodies(node)
            return node
        return super().generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> ast.stmt:
        node = self.generic_visit(node)  # type: ignore[assignment]
        if isinstance(node.value, (ast.Call, ast.Await)) and self._site(node, node, ast.Pass()):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Raise(self, node: ast.Raise) -> ast.stmt:
        if self._site(node, node, ast.Pass()):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Return(self, node: ast.Return) -> ast.stmt:
        node = self.generic_visit(node)  # type: ignore[assignment]
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            emptied = ast.Return(value=ast.Constant(value=None))
            if self._site(node, node, emptied):
                return ast.copy_location(emptied, node)
        return node

    def visit_Break(self, node: ast.Break) -> ast.stmt:
        if self._site(node, node, ast.Continue()):
            return ast.copy_location(ast.Continue(), node)
        return node

    def visit_Continue(self, node: ast.Continue) -> ast.stmt:
        if self._site(node, node, ast.Break()):
            return ast.copy_location(ast.Break(), node)
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.stmt:
        node = self.generic_visit(node)  # type: ignore[assignment]
        swap = _SWAPS.get(type(node.op))
        if swap is not None:
            mutated = ast.AugAssign(target=node.target, op=swap(), value=node.value)
            if self._site(node, node, mutated):
                return ast.copy_location(mutated, node)
        return node

    # -- expressions -----------------------------------------------------------------

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        node = self.generic_visit(node)  # type: ignore[assignment]
        for i, op in enumerate(node.ops):
            swap = _SWAPS.get(type(op))
            if swap is None:
                continue
            ops = list(node.ops)
            ops[i] = swap()
            mutated = ast.Compare(left=node.left, ops=ops, comparators=node.comparators)
            if self._site(node, node, mutated):
                return ast.copy_location(mutated, node)
        for i, operand in enumerate([node.left, *node.comparators]):
            if isinstance(operand, ast.Constant) and isinstance(operand.value, str):
                changed = ast.Constant(value="XX" + operand.value + "XX")
                parts = [node.left, *node.comparators]
                parts[i] = changed
                mutated = ast.Compare(left=parts[0], ops=node.ops, comparators=parts[1:])
                if self._site(node, node, mutated):
                    return ast.copy_location(mutated, node)
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.expr:
        node = self.generic_visit(node)  # type: ignore[assignment]
        mutated = ast.BoolOp(op=_SWAPS[type(node.op)](), values=node.values)
        if self._site(node, node, mutated):
            return ast.copy_location(mutated, node)
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        node = self.generic_visit(node)  # type: ignore[assignment]
        if isinstance(node.op, (ast.Not, ast.USub)) and self._site(node, node, node.operand):
            return node.operand
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        node = self.generic_visit(node)  # type: ignore[assignment]
        swap = _SWAPS.get(type(node.op))
        if swap is not None:
            mutated = ast.BinOp(left=node.left, op=swap(), right=node.right)
            if self._site(node, node, mutated):
                return ast.copy_location(mutated, node)
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.expr:
        value = node.value
        if isinstance(value, bool):
            new: Any = not value
        elif isinstance(value, int):
            new = value + 1
        elif isinstance(value, float):
            new = value * 2 if value else 1.0
        else:
            return node
        mutated = ast.Constant(value=new)
        if self._site(node, node, mutated):
            return ast.copy_location(mutated, node)
        return node


def list_mutants(module: str, source: str) -> list[Mutant]:
    """Every mutation site of a module's source, in a fixed order."""
    mutator = _Mutator(module, None)
    mutator.visit(ast.parse(source))
    return mutator.found


def mutated_source(module: str, source: str, index: int) -> str:
    """The module's source with mutation `index` applied."""
    tree = ast.parse(source)
    mutator = _Mutator(module, index)
    tree = mutator.visit(copy.deepcopy(tree))
    return ast.unparse(ast.fix_missing_locations(tree))


# The child process: import the mutant in place of the module, then run pytest.
_BOOT = """\
import importlib.abc, importlib.util, sys
name, path = sys.argv[1], sys.argv[2]

class _Mutant(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, target_path=None, target=None):
        if fullname == name:
            return importlib.util.spec_from_file_location(fullname, path)
        return None

sys.meta_path.insert(0, _Mutant())
import pytest
raise SystemExit(pytest.main(sys.argv[3:]))
"""


@dataclasses.dataclass
class Outcome:
    """What the tests said about one mutant."""

    mutant: Mutant
    status: str  # killed | survived | timeout
    seconds: float


def _run(
    boot: Path, module: str, path: Path, tests: Sequence[str], timeout: float
) -> tuple[int, float]:
    start = time.monotonic()
    # Plain asserts: pytest's rewriting hook would otherwise import the SDK's own modules
    # (its plugin's distribution is marked for rewriting) ahead of the mutant.
    args = [
        sys.executable,
        str(boot),
        module,
        str(path),
        "-q",
        "-x",
        "--no-header",
        "--assert=plain",
        *tests,
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    ) as proc:
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = -1
    return code, time.monotonic() - start


def _module_path(module: str) -> Path:
    return ROOT / "src" / (module.replace(".", "/") + ".py")


def mutate_core(
    core: Core, workdir: Path, sample: int, seed: int, jobs: int, timeout: Optional[float]
) -> tuple[list[Outcome], int]:
    """Run a seeded sample of the core's mutants; return the outcomes and the total."""
    source = _module_path(core.module).read_text(encoding="utf-8")
    mutants = list_mutants(core.module, source)
    chosen = (
        mutants
        if not sample or sample >= len(mutants)
        else random.Random(f"{seed}:{core.module}").sample(mutants, sample)
    )
    chosen.sort(key=lambda m: m.index)
    boot = workdir / "boot.py"
    boot.write_text(_BOOT, encoding="utf-8")
    # The unmutated module must pass, through the same hook; its time sets the timeout.
    clean = workdir / f"{core.module}.clean.py"
    clean.write_text(source, encoding="utf-8")
    code, took = _run(boot, core.module, clean, core.tests, 600)
    if code != 0:
        raise SystemExit(
            f"{core.name}: the tests fail without a mutant (exit {code}): {' '.join(core.tests)}"
        )
    limit = timeout or max(20.0, took * 5)

    def one(mutant: Mutant) -> Outcome:
        path = workdir / f"{core.module}.m{mutant.index}.py"
        path.write_text(mutated_source(core.module, source, mutant.index), encoding="utf-8")
        code, seconds = _run(boot, core.module, path, core.tests, limit)
        path.unlink()
        status = "timeout" if code == -1 else "survived" if code == 0 else "killed"
        return Outcome(mutant, status, seconds)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        outcomes = list(pool.map(one, chosen))
    return outcomes, len(mutants)


def load_equivalents(path: Path = EQUIVALENTS_FILE) -> dict[str, str]:
    """The equivalent mutants: `key | reason` per line, `#` comments."""
    found: dict[str, str] = {}
    if not path.exists():
        return found
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, reason = line.rpartition(" | ")
        found[key.strip()] = reason.strip()
    return found


@dataclasses.dataclass
class Score:
    """One module's line in the report."""

    core: Core
    total: int
    outcomes: list[Outcome]
    equivalent: dict[str, str]

    def count(self, status: str) -> int:
        return sum(
            1 for o in self.outcomes if o.status == status and o.mutant.key not in self.equivalent
        )

    @property
    def equivalents(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.mutant.key in self.equivalent]

    @property
    def score(self) -> float:
        counted = len(self.outcomes) - len(self.equivalents)
        killed = self.count("killed") + self.count("timeout")
        return 100.0 * killed / counted if counted else 100.0


def render(scores: Sequence[Score], sample: int, seed: int, seconds: float) -> str:
    """The markdown report."""
    lines = [
        "# Mutation scores of the sans-IO cores",
        "",
        "`make mutation` (`scripts/mutate.py`): each mutant replaces its module through an import",
        "hook and runs the module's unit tests (`-x`, a timeout per run). Score = killed (a test",
        "failed or the run timed out) / (mutants run - equivalent). "
        + (
            f"A seeded sample of up to {sample} mutants per module (seed {seed})."
            if sample
            else "Every mutant."
        ),
        f"Equivalent mutants: `{EQUIVALENTS_FILE.relative_to(ROOT)}`, with a reason each.",
        "",
        "| module | core | sites | run | killed | timeout | survived | equivalent | score |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.core.name} | `{s.core.module}` | {s.total} | {len(s.outcomes)} "
            f"| {s.count('killed')} | {s.count('timeout')} | {s.count('survived')} "
            f"| {len(s.equivalents)} | {s.score:.0f}% |"
        )
    lines += [
        "",
        f"Ran in {seconds / 60:.1f} min on {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}.",
        "",
    ]
    for s in scores:
        survivors = [
            o for o in s.outcomes if o.status == "survived" and o.mutant.key not in s.equivalent
        ]
        if survivors:
            lines += [f"## Surviving in {s.core.name} (`{s.core.module}`)", ""]
            for o in survivors:
                m = o.mutant
                lines.append(f"- line {m.line} in `{m.scope}`: `{m.before}` → `{m.after}`")
            lines.append("")
        if s.equivalents:
            lines += [f"## Equivalent in {s.core.name} (`{s.core.module}`)", ""]
            for o in s.equivalents:
                m = o.mutant
                lines.append(
                    f"- line {m.line} in `{m.scope}`: `{m.before}` → `{m.after}`: "
                    f"{s.equivalent[m.key]}"
                )
            lines.append("")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Mutate the chosen cores, print and write the report; exit 1 below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="a core's name or module (repeatable)")
    parser.add_argument("--sample", type=int, default=60, help="mutants per module, 0 for all (60)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (1)")
    parser.add_argument(
        "--timeout", type=float, help="seconds per run (default: 5x the clean run, 20 s or more)"
    )
    parser.add_argument(
        "--target", type=float, default=90.0, help="the lowest score that passes (90)"
    )
    parser.add_argument("--output", type=Path, default=REPORT_FILE)
    parser.add_argument(
        "--list", action="store_true", help="list the mutants (with their keys); run nothing"
    )
    args = parser.parse_args(argv)

    cores = [c for c in CORES if not args.only or c.name in args.only or c.module in args.only]
    if not cores:
        parser.error(f"no core matches {args.only}; cores: {', '.join(c.name for c in CORES)}")
    if args.list:
        for core in cores:
            for m in list_mutants(
                core.module, _module_path(core.module).read_text(encoding="utf-8")
            ):
                print(f"{m.line:4} {m.key}")
        return 0

    equivalents = load_equivalents()
    scores: list[Score] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sketricgen-mutants-") as tmp:
        for core in cores:
            outcomes, total = mutate_core(
                core, Path(tmp), args.sample, args.seed, args.jobs, args.timeout
            )
            score = Score(core, total, outcomes, equivalents)
            scores.append(score)
            print(
                f"{core.name:15} {score.score:5.1f}%  ({len(outcomes)} of {total} mutants)",
                flush=True,
            )
            # Written after each module: a long run shows what it has found so far.
            report = render(scores, args.sample, args.seed, time.monotonic() - started)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(report, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0 if all(s.score >= args.target for s in scores) else 1


if __name__ == "__main__":
    raise SystemExit(main())
