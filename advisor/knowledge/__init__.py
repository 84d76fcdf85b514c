"""Knowledge: schemas, loading and validation, the graph and its exports."""

from __future__ import annotations

from typing import Any

from .base import KnowledgeBase
from .location import default_knowledge_dir

__all__ = ["KnowledgeBase", "default_knowledge_dir", "load_knowledge", "validate_knowledge"]


def __getattr__(name: str) -> Any:
    """The loader is imported on first use: a run served from the cache never needs it."""
    if name in ("load_knowledge", "validate_knowledge"):
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'advisor.knowledge' has no attribute '{name}'")
