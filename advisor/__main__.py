"""``python -m advisor``: the same as the ``pmo-advisor`` command."""

from .cli import run

run()
