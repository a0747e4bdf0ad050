"""`python -m sketricgen`: the same as the `sketricgen` command."""

import sys

from ._cli.main import main

sys.exit(main())
