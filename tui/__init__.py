"""The physician-style terminal interview (Textual): ``pmo-advisor interview``."""

from .app import AdvisorApp, make_app

__all__ = ["AdvisorApp", "make_app"]
