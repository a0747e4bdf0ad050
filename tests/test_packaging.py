"""The wheel carries everything needed at run time; generation is reproducible."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = Path(sys.executable).parent / "openapi-python-client"


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True)


@pytest.mark.wheel
def test_wheel_installs_and_imports_in_a_fresh_venv(tmp_path: Path) -> None:
    _run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", str(tmp_path / "dist"), str(ROOT),
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("sketricgen-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    _run(str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel))
    probe = (
        "import importlib.resources as r, pathlib, sketricgen, sketricgen_lowlevel, "
        "sketricgen_models\n"
        "from sketricgen_lowlevel.api.chat import run_workflow\n"
        "from sketricgen_models import ChatResponse\n"
        "from sketricgen_admin_lowlevel.api.agents import list_agents\n"
        "from sketricgen_admin_models import JobStatus\n"
        "for pkg in ('sketricgen', 'sketricgen_lowlevel', 'sketricgen_models',\n"
        "            'sketricgen_admin_lowlevel', 'sketricgen_admin_models'):\n"
        "    assert (pathlib.Path(__import__(pkg).__file__).parent / 'py.typed').is_file(), pkg\n"
        "print(sketricgen.__version__, pathlib.Path(sketricgen.__file__).parent)\n"
    )
    out = _run(str(python), "-c", probe, cwd=tmp_path).stdout
    version, location = out.split()
    assert (
        version
        == _run(sys.executable, "-c", "import sketricgen as s; print(s.__version__)").stdout.strip()
    )
    assert str(env_dir) in location  # the wheel's copy, not the source tree


@pytest.mark.skipif(not GENERATOR.exists(), reason="the generators live in the dev environment")
def test_generation_follows_the_spec(tmp_path: Path) -> None:
    """A new optional ChatResponse property appears in the models; check-generated notices."""
    for folder in ("openapi", "scripts", "generated"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    script = tmp_path / "scripts" / "generate.py"
    _run(sys.executable, str(script), "--check", cwd=tmp_path)

    spec = tmp_path / "openapi" / "sketricgen.yaml"
    text = spec.read_text(encoding="utf-8")
    anchor = "        run_halted_out_of_credits:\n"
    assert anchor in text
    spec.write_text(text.replace(anchor, "        mood:\n          type: string\n" + anchor, 1))

    stale = subprocess.run(
        [sys.executable, str(script), "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert stale.returncode == 1
    assert "generated/sketricgen_models/_chat.py" in stale.stdout  # ChatResponse's module
    # The low-level client re-exports that model: only the wire models change.
    assert "generated/sketricgen_lowlevel" not in stale.stdout

    _run(sys.executable, str(script), cwd=tmp_path)
    models = (tmp_path / "generated" / "sketricgen_models" / "_chat.py").read_text()
    assert "    mood: Optional[str] = None\n" in models
    _run(sys.executable, str(script), "--check", cwd=tmp_path)
