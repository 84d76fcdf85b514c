"""Knowledge: schemas, loading and validation, the graph and its exports."""

from .base import KnowledgeBase
from .loader import default_knowledge_dir, load_knowledge, validate_knowledge

__all__ = ["KnowledgeBase", "default_knowledge_dir", "load_knowledge", "validate_knowledge"]
