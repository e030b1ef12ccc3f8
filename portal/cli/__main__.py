"""`python -m portal.cli`: the same as the `portal` command."""

import sys

from . import main

sys.exit(main())
