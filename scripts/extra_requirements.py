"""Print the requirements of one of pyproject.toml's extras, one a line (for `make test-lowest`).

`python scripts/extra_requirements.py test --without ag-ui-protocol playwright`
leaves out the named distributions, so a run can install the rest at their floors.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: pip vendors the same parser
    from pip._vendor import tomli as tomllib  # type: ignore[no-redef]

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _name(requirement: str) -> str:
    """The distribution a requirement names, normalized (`Ag_UI.protocol>=1` → `ag-ui-protocol`)."""
    bare = re.split(r"[\s\[<>=!~;@]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def main(argv: list[str] | None = None) -> int:
    """Print the extra's requirements, less those named after --without."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extra")
    parser.add_argument("--without", nargs="*", default=[], metavar="NAME")
    args = parser.parse_args(argv)
    extras = tomllib.loads(PYPROJECT.read_text())["project"]["optional-dependencies"]
    if args.extra not in extras:
        parser.error(f"pyproject.toml has no extra {args.extra!r} (it has {', '.join(extras)})")
    left_out = {_name(name) for name in args.without}
    for requirement in extras[args.extra]:
        if _name(requirement) not in left_out:
            print(requirement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
