"""`python -m sketricgen`: the same as the `sketricgen` command."""

import sys

from ._cli.main import main

if __name__ == "__main__":
    sys.exit(main())
