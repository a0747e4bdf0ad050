"""A description of the machine and software a benchmark ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                name = line.split("=", 1)[1].strip('"')
                return f"{name}, {platform.system()} {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "generated", "bench"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min; above 1 means other work ran)"


def describe() -> list[tuple[str, str]]:
    """(label, value) pairs: CPU, cores, RAM, OS, Python and the packages measured."""
    # The bench extra's; imported here so the module loads without it.
    import psutil  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    ram_gib = psutil.virtual_memory().total / 2**30
    packages = ", ".join(
        f"{name} {_version(name)}" for name in ("sketricgen", "httpx", "pydantic", "pydantic-core")
    )
    return [
        ("CPU", _cpu_model()),
        ("cores", f"{os.cpu_count()} logical"),
        ("RAM", f"{ram_gib:.1f} GiB"),
        ("OS", _os_name()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("packages", packages),
        ("load average at the end", _load()),
        ("commit", _commit()),
        ("interpreter", sys.executable),
    ]
