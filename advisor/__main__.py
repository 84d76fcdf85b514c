"""``python -m advisor``: the same as the ``pmo-advisor`` command."""

import sys

from .cli import main

sys.exit(main())
